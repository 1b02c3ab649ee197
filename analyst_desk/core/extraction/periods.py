"""The period a statement column covers, read from its header: "2011年1-6月", "2010年度", "2010 年",
"2010.12.31" — so a summary's column and the full statement's column can be told to be the same period."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyst_desk.core.extraction.extracted_table import ExtractedTable


@dataclass(frozen=True)
class Period:
    """Months ``first``..``last`` of ``year`` (a flow statement's column)."""

    year: int
    first: int
    last: int

    def text(self) -> str:
        if (self.first, self.last) == (1, 12):
            return f"{self.year}年度"
        return f"{self.year}年{self.first}-{self.last}月"


_YEAR = r"((?:19|20)\d{2})"
_DASH = r"[-－—–~～至]"
_RANGE = re.compile(_YEAR + r"\s*年?\s*[.．]?\s*(\d{1,2})\s*月?\s*" + _DASH + r"\s*(\d{1,2})\s*(?:月|(?![\d.．]))")
_HALF = re.compile(_YEAR + r"\s*年\s*(?:上半年|半年度|中期)")
_DATE = re.compile(_YEAR + r"\s*[年.．\-/]\s*(\d{1,2})\s*[月.．\-/]\s*(\d{1,2})\s*日?")
#: "截至6月30日止6个月期间 2006年": the months that end on the date, in the year named beside it.
_ENDING = re.compile(r"(\d{1,2})\s*月\s*\d{1,2}\s*日?\s*止\s*(\d{1,2})\s*个月.*?" + _YEAR + r"\s*年")
_QUARTER = re.compile(_YEAR + r"\s*年?\s*(?:第\s*)?([一二三四1-4])\s*季度?")
_WHOLE_YEAR = re.compile(_YEAR + r"\s*(?:年度|年(?!\s*\d)|(?![\d.．\-/年]))")


def parse_period(text: str) -> Period | None:
    """The one period a header cell names, or None (no year, or two different periods in one cell).

    A date names the months from the year's start up to it: a summary that prints its income lines
    under "2011.6.30" beside the balance-sheet lines means the half year ending there."""
    text = re.sub(r"\s+", " ", text or "")
    found: set[Period] = set()
    rest = text
    for m in _ENDING.finditer(rest):
        last, months = int(m.group(1)), int(m.group(2))
        if 1 <= months <= last <= 12:
            found.add(Period(int(m.group(3)), last - months + 1, last))
    rest = _ENDING.sub(" ", rest)
    for pattern in (_RANGE, _HALF, _QUARTER, _DATE):
        for m in pattern.finditer(rest):
            if pattern is _RANGE:
                first, last = int(m.group(2)), int(m.group(3))
            elif pattern is _HALF:
                first, last = 1, 6
            elif pattern is _QUARTER:
                last = 3 * (" 一二三四".index(m.group(2)) if not m.group(2).isdigit() else int(m.group(2)))
                first = last - 2
            else:
                first, last = 1, int(m.group(2))
            if 1 <= first <= last <= 12:
                found.add(Period(int(m.group(1)), first, last))
        rest = pattern.sub(" ", rest)
    for m in _WHOLE_YEAR.finditer(rest):
        found.add(Period(int(m.group(1)), 1, 12))
    return found.pop() if len(found) == 1 else None


def column_periods(table: ExtractedTable, columns: list[int]) -> dict[int, Period]:
    """The period of each of ``columns`` whose header names exactly one (header rows, or the first
    row when none was detected)."""
    head = table.rows[:max(table.header_rows, 1)]
    out = {}
    for col in columns:
        period = parse_period(" ".join(r[col] for r in head if col < len(r)))
        if period is not None:
            out[col] = period
    # a period two columns claim (a spanning "截至…止年度" read into one of them) names neither for sure
    return {col: p for col, p in out.items() if list(out.values()).count(p) == 1}
