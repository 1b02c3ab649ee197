"""Data the library hands out: documents, search hits, per-file import results."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class SearchHit:
    """One passage found in the library, with everything needed to cite and highlight it."""

    chunk_id: str
    doc_id: str
    title: str
    path: str
    #: First page of the passage, 1-based as printed in citations.
    page: int
    pages: list[int]
    heading_path: str
    text: str
    kind: str = "text"  # "text" | "table"
    score: float = 0.0
    #: (x0, y0, x1, y1) in PDF points on ``page``, for highlighting; None when unknown.
    bbox: tuple[float, float, float, float] | None = None
    #: Which library the passage came from: "personal" or "shared" (empty when searched directly).
    library: str = ""

    def citation(self) -> str:
        return f"{self.title}, p. {self.page}"

    def to_json(self) -> dict:
        data = asdict(self)
        data["document"] = self.title
        data["bbox"] = list(self.bbox) if self.bbox else None
        return data


@dataclass
class DocumentRecord:
    """A document in the library. ``status`` is "complete" once all its chunks are stored."""

    doc_id: str
    path: str
    title: str
    sha256: str
    pages: int
    chunks: int
    doc_type: str
    language: str
    company: str
    period: str
    status: str
    imported_at: str
    ocr_pages: int = 0
    note: str = ""
    #: Which library holds the document ("personal" or "shared"); set when handed out, not stored.
    library: str = ""
    #: The issuer's English name when the document prints one (helps English questions find it).
    issuer_en: str = ""
    #: "text" when issuer, type and period were read from the pages; "user" once edited by hand.
    profile_source: str = "text"

    @property
    def issuer(self) -> str:
        """The company the document is about (stored as ``company``)."""
        return self.company

    @property
    def report_type(self) -> str:
        """annual_report, interim_report, prospectus, research … (stored as ``doc_type``)."""
        return self.doc_type

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class FileResult:
    """What happened to one file of an import batch; ``message`` is written for the user."""

    path: str
    status: str  # indexed | unchanged | replaced | encrypted | corrupt | empty | unsupported | too_large | failed | cancelled
    message: str
    doc_id: str = ""
    pages: int = 0
    chunks: int = 0
    #: The same message as a code with parameters, for showing it in the user's language.
    code: str = ""
    params: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status in {"indexed", "unchanged", "replaced"}

    def localised(self, language: str) -> str:
        from analyst_desk.core.catalog import render

        return render(self.code, self.params, language) if self.code else self.message


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if not r.ok and r.status != "cancelled"]

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for result in self.results:
            counts[result.status] = counts.get(result.status, 0) + 1
        return ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing to import"
