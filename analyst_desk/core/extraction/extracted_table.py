"""One extracted table (a grid of cell text with page, position, title, unit and number evidence) and
the statement names that title one: the shape that finding, joining, checking and writing tables share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyst_desk.core.cjk import HAN
from analyst_desk.core.extraction.number_styles import Evidence, narrow
from analyst_desk.core.extraction.numbers import ParsedCell, Unit, column_constraint, evidence_of, parse_cell

STATEMENT_NAMES = ["合并资产负债表", "资产负债表", "合并利润表", "利润表", "合并现金流量表", "现金流量表",
                   "合并所有者权益变动表", "股东权益变动表", "Balance Sheet", "Income Statement",
                   "Statement of Cash Flows", "关键指标", "主要会计数据和财务指标"]


@dataclass
class ExtractedTable:
    """One table: ``rows`` of cell text; the first ``header_rows`` rows are headers."""

    source: str
    page: int  # 1-based, first page
    pages: list[int]
    bbox: tuple[float, float, float, float]
    rows: list[list[str]]
    header_rows: int = 1
    title: str = ""
    unit: Unit | None = None
    method: str = "layout"
    notes: list[str] = field(default_factory=list)
    #: Where the table sits on each of its pages (continuations included).
    page_boxes: dict[int, tuple[float, float, float, float]] = field(default_factory=dict)
    #: How the page (or, after :func:`extract_tables`, the document) writes its numbers.
    evidence: Evidence | None = None
    #: Text lines between this table and the one above (or the page's head), and below (or its foot).
    text_above: list[str] = field(default_factory=list)
    text_below: list[str] = field(default_factory=list)
    #: The lines at the head of the table's (first) page: a line repeated there page after page is a running header.
    page_head: list[str] = field(default_factory=list)
    #: The page each row was read on, once rows from a later page were joined (empty: all on ``page``).
    row_pages: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page_boxes.setdefault(self.page, self.bbox)

    def number_styles(self) -> list[frozenset]:
        """Per column, the number conventions its cells, the table and the page leave possible."""
        body = self.rows[self.header_rows:]
        table_level = column_constraint(c for r in body for c in r[1:])
        evidence = self.evidence if self.evidence is not None else table_evidence([self])
        page_level = evidence.styles()
        return [narrow([column_constraint(r[col] for r in body if col < len(r)), table_level, page_level])
                for col in range(self.columns)]

    def parsed(self) -> list[list[ParsedCell]]:
        """Every cell read by the document's own number convention; an amount that could be read
        two ways is text with a ``flag``."""
        styles = self.number_styles()
        return [[parse_cell(text, styles[c]) for c, text in enumerate(row)] for row in self.rows]

    def flagged(self) -> list[tuple[int, int, str]]:
        """(row, column, why) of each cell shaped like an amount but left as text."""
        return [(r, c, cell.flag) for r, row in enumerate(self.parsed()) for c, cell in enumerate(row) if cell.flag]

    def page_of(self, row: int) -> int:
        """The page ``row`` was read on (a check naming a line names its page)."""
        return self.row_pages[row] if len(self.row_pages) == len(self.rows) and 0 <= row < len(self.rows) else self.page

    @property
    def columns(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    @property
    def name(self) -> str:
        return self.title or f"Page {self.page}"


_CJK = re.compile(rf"[{HAN}\u3040-\u30ff]")


def table_evidence(tables: list[ExtractedTable]) -> Evidence:
    """How the amounts in these tables are written (and whether they are in Chinese or Japanese)."""
    texts = [c for t in tables for r in t.rows for c in r[1:]]
    labels = "".join(r[0] for t in tables for r in t.rows if r) + "".join(t.title for t in tables)
    return evidence_of(texts, cjk=bool(_CJK.search(labels)))
