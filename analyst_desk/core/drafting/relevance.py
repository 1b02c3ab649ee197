"""Is a retrieved passage about the question at all? Decided before the model is called.

Hybrid search always returns *something*; fused rank scores say nothing about absolute
relevance. A passage counts as relevant when it shares a content term with the question (or its
glossary translation), or when the embedder puts it close to the question. When none is
relevant, the answer is "not found in your documents" and the model is never asked.
"""

from __future__ import annotations

import numpy as np

from analyst_desk.core.library.query_profile import keywords_of

#: Cosine similarity (multilingual USE) above which a passage is related even with no shared term.
#: Measured on the test reports: related passages 0.2–0.36, off-topic questions ≤ 0.06.
SEMANTIC_THRESHOLD = 0.25


def content_terms(question: str) -> list[str]:
    """English words, CJK bigrams and numbers that carry the question's meaning (the query reader's keywords)."""
    return keywords_of(question)


def relevant_hits(question: str, hits: list, embedder=None, threshold: float = SEMANTIC_THRESHOLD, *,
                  profile=None) -> list:
    """The hits that share a content term with the question or are semantically close to it.

    ``profile`` (a ``QueryProfile``) gives the keywords already read from the question.
    """
    if not hits:
        return []
    terms = list(profile.keywords) if profile is not None and profile.keywords else content_terms(question)
    keep = [any(t in (h.text + " " + (getattr(h, "heading_path", "") or "")).lower() for t in terms) for h in hits]
    if embedder is not None and not all(keep):
        try:
            vectors = np.asarray(embedder.embed([question] + [h.text[:1500] for h in hits]), dtype=np.float32)
            q, rows = vectors[0], vectors[1:]
            sims = rows @ q / np.maximum(np.linalg.norm(rows, axis=1) * np.linalg.norm(q), 1e-12)
            keep = [k or float(s) >= threshold for k, s in zip(keep, sims)]
        except Exception:  # noqa: BLE001 - relevance is a filter; an embedder failure must not block the answer
            pass
    return [h for h, k in zip(hits, keep) if k]
