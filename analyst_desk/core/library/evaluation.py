"""Retrieval quality: hit@1, hit@5 and MRR over a question set with objectively derived answers.

A question's expected pages are the pages of its document whose text contains every given
string, so the set cannot be tuned by picking convenient pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class EvalResult:
    questions: int = 0
    hit1: int = 0
    hit5: int = 0
    reciprocal_ranks: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def mrr(self) -> float:
        return sum(self.reciprocal_ranks) / len(self.reciprocal_ranks) if self.reciprocal_ranks else 0.0

    def summary(self) -> str:
        n = max(self.questions, 1)
        return (f"{self.questions} questions: hit@1 {self.hit1}/{self.questions} ({self.hit1 / n:.0%}), "
                f"hit@5 {self.hit5}/{self.questions} ({self.hit5 / n:.0%}), MRR {self.mrr:.3f}")


def expected_pages(document_path: Path, contains: list[str]) -> set[int]:
    """1-based pages whose text contains every string (PDF text layer; other formats: page 1)."""
    if document_path.suffix.lower() != ".pdf":
        return {1}
    from analyst_desk.core.pdf import open_pdf

    with open_pdf(document_path, max_pages=None) as doc:
        return {i + 1 for i, page in enumerate(doc) if all(s in page.get_text() for s in contains)}


def evaluate(library, questions: list[dict], documents: dict[str, Path]) -> EvalResult:
    """``documents`` maps a question's ``doc`` key to the imported file's path."""
    from analyst_desk.core.library.library import doc_id_for

    result = EvalResult()
    cache: dict[tuple, set[int]] = {}
    for item in questions:
        path = documents.get(item["doc"])
        if path is None:
            continue
        key = (item["doc"], tuple(item["contains"]))
        if key not in cache:
            cache[key] = expected_pages(path, item["contains"])
        wanted = cache[key]
        doc_id = doc_id_for(path)
        hits = library.search(item["q"], k=5)
        rank = next((i + 1 for i, h in enumerate(hits) if h.doc_id == doc_id and h.page in wanted), None)
        result.questions += 1
        result.hit1 += rank == 1
        result.hit5 += rank is not None
        result.reciprocal_ranks.append(1.0 / rank if rank else 0.0)
        if rank is None:
            result.misses.append(f"{item['q']} (expected {item['doc']} pages {sorted(wanted)}, "
                                 f"got {[(h.title[:12], h.page) for h in hits]})")
    return result


def load_questions(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["questions"]
