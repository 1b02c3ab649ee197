"""What one arithmetic check found, and the readings every check shares: which columns hold amounts,
a cell's value, the rounding a sum may differ by, a row label without its numbering."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from analyst_desk.core.extraction.extracted_table import ExtractedTable
from analyst_desk.core.extraction.numbers import parse_cell


@dataclass
class CheckResult:
    """One identity or total checked at (``row``, ``column``): what the other lines give and what the table prints."""

    row: int
    column: int
    label: str
    expected: Decimal
    found: Decimal
    ok: bool
    message: str
    #: The message as a code with parameters (``analyst_desk/core/catalog.py``), for the UI's language.
    code: str = ""
    params: dict = field(default_factory=dict)
    #: False for an identity that could not be applied (a line it needs is not in the table).
    checked: bool = True

    @property
    def status(self) -> str:
        """"ok", "failed" or "not_checked"."""
        return "not_checked" if not self.checked else "ok" if self.ok else "failed"

    def localised(self, language: str) -> str:
        from analyst_desk.core.catalog import render

        return render(self.code, self.params, language) if self.code else self.message


def numeric_columns(table: ExtractedTable) -> list[int]:
    """Columns that hold amounts (mostly numeric, and not a note-reference column)."""
    result = []
    body = table.rows[table.header_rows:]
    header = " ".join(" ".join(r) for r in table.rows[:table.header_rows])
    for col in range(1, _second_label_column(body, table.columns)):
        cells = [r[col] for r in body if col < len(r) and r[col].strip()]
        if not cells:
            continue
        numeric = [parse_cell(c) for c in cells]
        # A dash ("-", "—") is a line left blank this period: it counts neither way, so a subsidiary's
        # statement that prints "-" on most lines still has its amount column.
        printed = [c for c in numeric if c.kind != "empty"]
        if not printed or sum(1 for c in printed if c.kind == "number") / len(printed) < 0.6:
            continue
        # Header rows are not always detected ("本集团" above "附注四 | 2024年度"), so look at the first few.
        head = " ".join(r[col] for r in table.rows[:max(table.header_rows, 3)] if col < len(r))
        small_ints = all(c.value is not None and c.value == c.value.to_integral() and abs(c.value) < 100
                         for c in numeric if c.kind == "number")
        if "附注" in head or "Note" in head or (small_ints and "附注" in header):
            continue
        result.append(col)
    return result


def _second_label_column(body: list[list[str]], width: int) -> int:
    """The first column after the label that holds labels again (a balance sheet printed as two
    accounts side by side: assets on the left, liabilities on the right), else the table's width.
    Amounts right of it belong to its labels, not to the first column's, so no check pairs them."""
    for col in range(2, width):
        cells = [r[col] for r in body if col < len(r) and r[col].strip()]
        words = [c for c in cells if parse_cell(c).kind == "text" and re.search(r"[^\W\d_]{2}", c)]
        if len(words) >= 3 and len(words) >= 0.6 * len(cells):
            return col
    return width


def cell_value(row: list[str], col: int) -> Decimal | None:
    """The amount in ``row[col]``: an empty cell ("—") is 0, text is None."""
    if col >= len(row):
        return None
    cell = parse_cell(row[col])
    return cell.value if cell.kind == "number" else (Decimal(0) if cell.kind == "empty" else None)


def amount_tolerance(values: list[Decimal]) -> Decimal:
    """How far a sum of ``values`` may be off from rounding: half a unit of the finest place, per value."""
    places = max((-v.as_tuple().exponent for v in values if v is not None), default=0)
    return Decimal(1).scaleb(-places) * max(1, len(values)) / 2


_LABEL_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|减[:：]|加[:：]|其中[:：])\s*")


def plain_label(label: str) -> str:
    """A row label without spaces, 一、/（二）/加:/减:/其中: prefixes and a trailing remark in brackets."""
    label = re.sub(r"\s+", "", label or "")
    while True:
        stripped = _LABEL_PREFIX.sub("", label)
        if stripped == label:
            return re.sub(r"[（(][^）)]*[)）]$", "", label)  # "净利润（亏损以“-”号填列）"
        label = stripped
