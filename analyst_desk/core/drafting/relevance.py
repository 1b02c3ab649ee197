"""Is a retrieved passage about the question at all? Decided before the model is called.

Hybrid search always returns *something*; fused rank scores say nothing about absolute
relevance. A passage counts as relevant when it shares a content term with the question (or its
glossary translation), or when the embedder puts it close to the question. When none is
relevant, the answer is "not found in your documents" and the model is never asked.
"""

from __future__ import annotations

import re

import numpy as np

from analyst_desk.core.library.glossary import translations

_EN_STOP = set("""a an the of in on at to for from by with and or not is are was were be been being do does did
what which who whom whose when where why how much many that this these those it its as about into than then
there their they them he she his her we our you your i me my please tell show give list describe explain
company bank report year years total change changed compare compared according documents document""".split())
_ZH_STOP = set("的了是吗呢么什怎如何多少哪个和与及在对中为有请问告诉我们你他她它这那年度报告公司本行情况")
#: Cosine similarity (multilingual USE) above which a passage is related even with no shared term.
#: Measured on the test reports: related passages 0.2–0.36, off-topic questions ≤ 0.06.
SEMANTIC_THRESHOLD = 0.25


def content_terms(question: str) -> list[str]:
    """English words, CJK bigrams and numbers that carry the question's meaning."""
    terms: list[str] = []
    for phrase in [question, *translations(question)]:
        lowered = phrase.lower()
        terms += [w for w in re.findall(r"[a-z][a-z\-']{2,}", lowered) if w not in _EN_STOP]
        for run in re.findall(r"[\u4e00-\u9fff]+", phrase):
            grams = [run[i:i + 2] for i in range(len(run) - 1)] or [run]
            terms += [g for g in grams if not all(ch in _ZH_STOP for ch in g) and not any(ch in "的了吗呢么" for ch in g)]
        terms += [n for n in re.findall(r"\d+(?:\.\d+)?", phrase) if not re.fullmatch(r"(19|20)\d\d", n)]
    return list(dict.fromkeys(terms))


def relevant_hits(question: str, hits: list, embedder=None, threshold: float = SEMANTIC_THRESHOLD) -> list:
    """The hits that share a content term with the question or are semantically close to it."""
    if not hits:
        return []
    terms = content_terms(question)
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
