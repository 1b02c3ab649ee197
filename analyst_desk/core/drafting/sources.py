"""Passages given to the model, numbered for citation, and the retriever they come from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Protocol


class Retriever(Protocol):
    """What grounding needs from the library: ``analyst_desk.core.library.Library`` satisfies it."""

    def search(self, query: str, *, k: int = 10, doc_ids: list[str] | None = None) -> list[Any]: ...


@dataclass
class Source:
    """One passage shown to the model as ``[number]``; everything needed to cite and open it."""

    number: int
    chunk_id: str
    doc_id: str
    title: str
    path: str
    page: int
    text: str
    heading: str = ""
    pages: list[int] = field(default_factory=list)
    bbox: list[float] | None = None
    score: float = 0.0

    @classmethod
    def from_hit(cls, hit: Any, number: int) -> "Source":
        bbox = getattr(hit, "bbox", None)
        return cls(number=number, chunk_id=hit.chunk_id, doc_id=hit.doc_id, title=hit.title, path=str(hit.path),
                   page=int(hit.page), text=hit.text, heading=getattr(hit, "heading_path", "") or "",
                   pages=list(getattr(hit, "pages", []) or [hit.page]), bbox=list(bbox) if bbox else None,
                   score=float(getattr(hit, "score", 0.0) or 0.0))

    @classmethod
    def from_json(cls, data: dict) -> "Source":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def citation(self) -> str:
        """"Title, p. 16" as printed in reference lists."""
        return f"{self.title}, p. {self.page}"

    def to_json(self) -> dict:
        return asdict(self)


def gather(retriever: Retriever, queries: list[str], *, k: int, doc_ids: list[str] | None = None) -> list[Any]:
    """Hits for several queries, de-duplicated by chunk and ordered by their best rank.

    Ranks, not raw scores, are merged: each query's first hit comes before any query's second,
    so every query contributes its best passage even when the window is small.
    """
    best: dict[str, tuple[int, int, Any]] = {}
    for qi, query in enumerate(q for q in queries if q.strip()):
        hits = retriever.search(query, k=k, doc_ids=doc_ids) if doc_ids else retriever.search(query, k=k)
        for rank, hit in enumerate(hits):
            key = (rank, qi)
            if hit.chunk_id not in best or key < best[hit.chunk_id][:2]:
                best[hit.chunk_id] = (rank, qi, hit)
    return [hit for _, _, hit in sorted(best.values(), key=lambda t: (t[0], t[1]))]
