"""Figures in text: find every amount, percentage and date, and match them across unit and format changes.

A figure the model writes ("1,466.95亿元", "12.5%", "2024年12月31日") is compared with the
figures of a source passage ("146,695" under "货币单位：人民币百万元", "12.50%", "2024-12-31").
Values are exact ``Decimal``; a written figure also matches a source figure it is a rounding of
at the written precision ("1,467亿元" for 146,695 百万元), because rounding is a format change,
not a new fact. Signs are compared by magnitude: prose says "fell 10.9%" where a table prints
"(10.9%)".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from analyst_desk.core.period_words import MONTH_DASH, YEAR_WORD

# Factor to the base unit (yuan, dollar, ...).
_SCALE_WORDS: list[tuple[str, Decimal]] = [
    ("百万元", Decimal(10) ** 6), ("千万元", Decimal(10) ** 7), ("亿元", Decimal(10) ** 8), ("万亿元", Decimal(10) ** 12),
    ("万元", Decimal(10) ** 4), ("千元", Decimal(10) ** 3), ("元", Decimal(1)),
    ("万亿", Decimal(10) ** 12), ("百万", Decimal(10) ** 6), ("千万", Decimal(10) ** 7), ("亿", Decimal(10) ** 8),
    ("万", Decimal(10) ** 4),
    ("trillion", Decimal(10) ** 12), ("billion", Decimal(10) ** 9), ("million", Decimal(10) ** 6),
    ("thousand", Decimal(10) ** 3), ("bn", Decimal(10) ** 9), ("mn", Decimal(10) ** 6),
]
_SCALE_PATTERN = "|".join(re.escape(w) for w, _ in sorted(_SCALE_WORDS, key=lambda p: -len(p[0])))
_SCALES = dict(_SCALE_WORDS)

_FIGURE = re.compile(
    r"(?<![A-Za-z0-9_.,])(?P<neg>[-−△]|\()?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\)?"
    r"\s*(?:(?P<pct>%|％|个百分点|percentage points?|pp\b|bps?\b|个基点)|(?P<scale>" + _SCALE_PATTERN + r")(?![a-z]))?",
    re.IGNORECASE)
#: A span of months, with or without its year ("2011年1-6月", "2006年度1月-9月", "1至6月"): a period, not the figures 1 and 6.
_MONTH_SPAN = re.compile(rf"(?:(?P<y>(?:19|20)\d{{2}}){YEAR_WORD})?(?<!\d)(?P<m1>\d{{1,2}})\s*月?\s*{MONTH_DASH}\s*(?P<m>\d{{1,2}})\s*月")
_DATE_CN = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?")
_DATE_ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?(?!\d)")
_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], start=1)}
_MONTH_NAMES = "|".join(f"{m[:3]}(?:{m[3:]})?" if len(m) > 3 else m for m in _MONTHS) + "|sept"
_DATE_EN = re.compile(r"\b(?P<mon>" + _MONTH_NAMES + r")\.?\s+(?:(?P<d>\d{1,2}),?\s+)?(?P<y>(?:19|20)\d{2})",
                      re.IGNORECASE)
#: "24 Sep 2022", "31 December 2022": how a balance-sheet date is written day first.
_DATE_EN_DAY_FIRST = re.compile(r"(?<![\d.,])(?P<d>\d{1,2})\s+(?P<mon>" + _MONTH_NAMES + r")\.?,?\s+(?P<y>(?:19|20)\d{2})\b",
                                re.IGNORECASE)
_UNIT_CAPTION = re.compile(r"(单位|Unit|unit|In\s+(?:millions|thousands)|RMB|USD|US\$)")
_CAPTION_UNITS = [(r"百万元|million", Decimal(10) ** 6), (r"千元|thousand|'000", Decimal(10) ** 3),
                  (r"亿元", Decimal(10) ** 8), (r"万元", Decimal(10) ** 4), (r"元|yuan", Decimal(1))]
_CITATION = re.compile(r"\[(\d{1,3})(?:\s*[,，]\s*\d{1,3})*\]")


@dataclass(frozen=True)
class Figure:
    """One figure found in text.

    ``kind`` is "percent" (value in percent units: 12.5 for 12.5%), "amount" (scaled to the base
    unit by the written scale word), "date" (``value`` is YYYYMMDD, YYYYMM00 or YYYY0000) or
    "number" (a bare number). ``start``/``end`` locate it in the (normalised) text.
    """

    text: str
    kind: str
    value: Decimal
    start: int
    end: int
    #: Digits after the decimal point as written (rounding tolerance).
    decimals: int = 0
    #: Scale factor the text used (10**8 for 亿元); 1 for none.
    factor: Decimal = Decimal(1)

    def to_json(self) -> dict:
        return {"text": self.text, "kind": self.kind, "value": str(self.value), "start": self.start, "end": self.end}


def normalise(text: str) -> str:
    """Full-width digits and punctuation to ASCII, keeping every character position (NFKC per character)."""
    out = []
    for ch in text:
        norm = unicodedata.normalize("NFKC", ch)
        out.append(norm if len(norm) == 1 else ch)
    return "".join(out).replace("\u2212", "-")


def _decimal(digits: str) -> Decimal | None:
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None


def _month_number(name: str) -> int:
    return next(i for m, i in _MONTHS.items() if m.startswith(name.lower()[:3]))


def find_figures(text: str) -> list[Figure]:
    """Every amount, percentage and date in ``text`` (citation markers like [2] are not figures)."""
    text = normalise(text)
    taken: list[tuple[int, int]] = [m.span() for m in _CITATION.finditer(text)]
    figures: list[Figure] = []
    for pattern in (_MONTH_SPAN, _DATE_CN, _DATE_ISO, _DATE_EN_DAY_FIRST, _DATE_EN):
        for m in pattern.finditer(text):
            if _overlaps(m.span(), taken):
                continue
            month = _month_number(m.group("mon")) if "mon" in pattern.groupindex else int(m.group("m"))
            day = int(m.groupdict().get("d") or 0)
            if not 1 <= month <= 12 or day > 31:
                continue
            if pattern is _MONTH_SPAN and not 1 <= int(m.group("m1")) < month:
                continue  # "3-2月" is no span of months
            value = Decimal(int(m.group("y") or 0) * 10000 + month * 100 + day)
            figures.append(Figure(m.group(0), "date", value, m.start(), m.end()))
            taken.append(m.span())
    for m in _FIGURE.finditer(text):
        if _overlaps(m.span("num"), taken):
            continue
        value = _decimal(m.group("num"))
        if value is None:
            continue
        digits = m.group("num")
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        start = m.start("neg") if m.group("neg") else m.start("num")
        if m.group("pct"):
            figures.append(Figure(m.group(0).strip(), "percent", value, start, m.end(), decimals))
        elif m.group("scale"):
            scale = m.group("scale")
            factor = _SCALES.get(scale.lower(), _SCALES.get(scale, Decimal(1)))
            figures.append(Figure(m.group(0).strip(), "amount", value * factor, start, m.end(), decimals, factor))
        else:
            if _is_list_marker(text, m.start("num"), m.end("num")):
                continue
            if _looks_like_year(digits) and not text[m.end("num"):m.end("num") + 1].isdigit():
                figures.append(Figure(digits, "date", value * 10000, m.start("num"), m.end("num")))
            else:
                figures.append(Figure(digits, "number", value, m.start("num"), m.end("num"), decimals))
    figures.sort(key=lambda f: f.start)
    return figures


def is_period(figure: Figure) -> bool:
    """A year ("2024") or a span of months ("2011年1-6月"): the period a claim is about, not a claim."""
    return figure.kind == "date" and (figure.value % 10000 == 0 or bool(_MONTH_SPAN.fullmatch(figure.text)))


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def _looks_like_year(digits: str) -> bool:
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2099


def _is_list_marker(text: str, start: int, end: int) -> bool:
    """"1." / "2、" at the start of a line numbers a list item; it is not a figure."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].strip(" #*-\t")
    after = text[end:end + 1]
    return not before and after in {".", "、", ")", "）"} and text[start:end].isdigit() and len(text[start:end]) <= 2


def caption_factor(text: str) -> Decimal | None:
    """The unit a passage's tables use ("货币单位：人民币百万元" → 10**6), if it states one."""
    for line in normalise(text).splitlines():
        if _UNIT_CAPTION.search(line) and len(line) < 80:
            for pattern, factor in _CAPTION_UNITS:
                if re.search(pattern, line, flags=re.IGNORECASE):
                    return factor
    return None


@dataclass
class SourceFigures:
    """The figures of one passage, ready for matching."""

    figures: list[Figure]
    #: Scale of bare table numbers, from the passage's unit caption.
    factor: Decimal | None
    #: The passage, normalised as the figures were found in it.
    text: str = ""

    @classmethod
    def of(cls, text: str) -> "SourceFigures":
        return cls(find_figures(text), caption_factor(text), normalise(text))

    def table_rows_with(self, figure: Figure) -> list[str]:
        """The table rows ("| 营业收入合计 | 143,506 | 161,566 |") in which this passage states ``figure``."""
        rows = []
        for source in self.figures:
            if not _matches(figure, source, self.factor):
                continue
            start = self.text.rfind("\n", 0, source.start) + 1
            end = self.text.find("\n", source.end)
            line = self.text[start:end if end >= 0 else len(self.text)]
            if "|" in line and line not in rows:
                rows.append(line)
        return rows

    def contains(self, figure: Figure) -> bool:
        """True when this passage states ``figure``, allowing unit, format and rounding changes."""
        return any(_matches(figure, source, self.factor) for source in self.figures)

    def unit_unconfirmed(self, figure: Figure) -> bool:
        """True when the passage has ``figure``'s digits as a bare number but never says their unit.

        "143,506亿元" against a table row "143,506" with no unit caption may be right, or off by a
        factor of 100 (the table was in 百万元); the reader must check, so this is never "verified".
        """
        if figure.kind != "amount" or self.factor is not None:
            return False
        if any(source.kind == "amount" and _matches(figure, source, None) for source in self.figures):
            return False  # the passage also says it with a unit: verified on that
        # The same digits, or a readable form of them ("4.39亿元" for a bare 438,919,222.84 read as yuan).
        return any(source.kind == "number" and (_matches(figure, source, None) or _matches(figure, source, Decimal(1)))
                   for source in self.figures)


def _rounds_to(written: Decimal, source: Decimal, decimals: int) -> bool:
    written, source = abs(written), abs(source)
    if written == source:
        return True
    # Require a few significant digits so "1亿元" cannot claim to be any amount near it.
    if len(written.normalize().as_tuple().digits) < 2:
        return False
    return abs(written - source) <= Decimal(5) * Decimal(10) ** (-(decimals + 1))


def _matches(written: Figure, source: Figure, caption: Decimal | None) -> bool:
    if written.kind == "date":
        if source.kind != "date":
            return False
        if written.value % 10000 == 0:  # a year alone matches any date in that year
            return written.value // 10000 == source.value // 10000
        if written.value % 100 == 0:  # a month matches any day in it
            return written.value // 100 == source.value // 100
        return written.value == source.value
    if written.kind == "percent":
        return source.kind in {"percent", "number"} and _rounds_to(written.value, source.value, written.decimals)
    if written.kind == "amount":
        if source.kind == "amount":
            candidate = source.value
        elif source.kind == "number":
            # A bare source number takes its table's unit caption. Without one its unit is unknown: the
            # digits match (see ``unit_unconfirmed``) but the amount is not verified.
            candidate = source.value * (caption if caption is not None else written.factor)
        else:
            return False
        return _rounds_to(written.value / written.factor, candidate / written.factor, written.decimals)
    # A bare number: the same number as written in the source, in any role.
    if source.kind == "amount":
        return _rounds_to(written.value, source.value / source.factor, written.decimals)
    if source.kind == "date":
        return written.value == source.value // 10000
    return _rounds_to(written.value, source.value, written.decimals)
