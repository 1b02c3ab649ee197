"""Financial number parsing: exact (Decimal), sign-aware, unit-aware, footnote-aware.

"(1,234)", "-1,234" and "△1,234" are negative; "12.5%" is 0.125 shown as a percentage;
"—", "-", "不适用", "N/A" are empty; full-width digits are normalised; "1,234 注1" and "123*"
keep the footnote apart from the value. Anything else is text and is kept exactly.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable

from analyst_desk.core.extraction.number_styles import (
    STYLES,
    Evidence,
    NumberStyle,
    constraint,
    protect_hard_spaces,
    readings,
)

EMPTY_MARKERS = {"", "-", "—", "–", "--", "——", "－", "不适用", "无", "N/A", "n/a", "NA", "n.a.", "/", "不适用。"}

# (pattern, unit name, factor to yuan/units). Longest names first so 百万元 wins over 万元.
_UNITS = [
    (r"人民币?百万元|百万元|RMB\s*million|RMB\s*mn|RMB'?\s*m\b|in millions|million", "百万元", Decimal(1_000_000)),
    (r"人民币?千元|千元|RMB\s*'?000|RMB\s*thousand|USD\s*'?000|US\$\s*'?000|in thousands|thousand", "千元", Decimal(1000)),
    (r"人民币?亿元|亿元|100\s*million", "亿元", Decimal(100_000_000)),
    (r"人民币?万元|万元|ten thousand", "万元", Decimal(10_000)),
    (r"人民币?元|\b元\b|RMB\s*yuan|yuan", "元", Decimal(1)),
]
UNIT_FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10_000), "百万元": Decimal(1_000_000),
                "亿元": Decimal(100_000_000)}
_CAPTION = re.compile(r"(单位|货币单位|金额单位|Unit|unit|Currency|In\s+(?:millions|thousands)|RMB|USD|US\$)")

_FOOTNOTE = re.compile(r"^(?P<num>.*?[\d)%])\s*(?P<note>(?:注\s*\d+|\(\s*注\s*\d*\s*\)|（\s*注\s*\d*\s*）|\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|"
                       r"\(\s*[a-z]\s*\)|\[\s*\d+\s*\]|Note\s*\d+))\s*$")
_NUMBER = re.compile(r"^(?P<sign>[+\-−△▲]?)\s*(?P<cur>[¥$€£]|RMB|US\$)?\s*(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
                     r"\s*(?P<pct>%|％)?$")


@dataclass(frozen=True)
class Unit:
    name: str
    factor: Decimal


@dataclass
class ParsedCell:
    """One cell: ``kind`` is "number", "percent", "empty" or "text"; ``value`` is exact."""

    raw: str
    kind: str
    value: Decimal | None = None
    footnote: str = ""
    #: Why a cell that looks like an amount was left as text ("3.597" with no evidence of the page's
    #: thousands separator); empty for every other cell.
    flag: str = ""

    @property
    def is_numeric(self) -> bool:
        return self.kind in {"number", "percent"}

    def as_float(self) -> float | None:
        return float(self.value) if self.value is not None else None


def normalise(text: str) -> str:
    """Full-width digits, commas and signs to ASCII; whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"\s+", " ", text.replace("\u2212", "-")).strip()


def parse_cell(text: str, styles=None) -> ParsedCell:
    """One cell's text as a number, percentage, empty marker or text.

    ``styles`` (from :mod:`number_styles`) are the number conventions the document's evidence
    allows; a token that reads differently under two of them is left as text with a ``flag``.
    Without ``styles`` the cell is read as "1,234.5" (the convention of Chinese and US reports).
    """
    if styles is not None:
        return _parse_styled(text, styles)
    raw = text if text is not None else ""
    s = normalise(raw)
    if s in EMPTY_MARKERS:
        return ParsedCell(raw, "empty")
    footnote = ""
    match = _FOOTNOTE.match(s)
    if match and _looks_numeric(match.group("num")):
        s, footnote = match.group("num").strip(), match.group("note").strip()
    negative = False
    if (s.startswith("(") and s.endswith(")")) or (s.startswith("（") and s.endswith("）")):
        s, negative = s[1:-1].strip(), True
    number = _NUMBER.match(s.replace(" ", "")) or _NUMBER.match(s)
    if not number:
        return ParsedCell(raw, "text")
    try:
        value = Decimal(number.group("digits").replace(",", ""))
    except InvalidOperation:
        return ParsedCell(raw, "text")
    if number.group("sign") in {"-", "−", "△"}:
        negative = True
    if negative:
        value = -value
    if number.group("pct"):
        return ParsedCell(raw, "percent", value / 100, footnote)
    return ParsedCell(raw, "number", value, footnote)


def _looks_numeric(text: str) -> bool:
    core = text.strip().strip("()（）").replace(",", "").replace(" ", "").lstrip("+-−△").rstrip("%％")
    return bool(re.fullmatch(r"\d+(\.\d+)?", core))


_CURRENCY = re.compile(r"元|人民币|美元|港币|港元|RMB|CNY|USD|HKD|EUR|US\$|HK\$|[$€£¥]|dollar|euro|yuan|renminbi",
                       re.IGNORECASE)


def detect_unit(text: str) -> Unit | None:
    """The currency unit named in a caption or header, e.g. "（货币单位：人民币百万元）" → 百万元.

    Only a caption that names a currency gives one: "[In thousands]" above an enrolment table
    counts students, not 千元."""
    s = normalise(text)
    if not _CURRENCY.search(s):
        return None
    for pattern, name, factor in _UNITS:
        if re.search(pattern, s, flags=re.IGNORECASE):
            return Unit(name, factor)
    return None


def is_unit_caption(text: str) -> bool:
    return bool(_CAPTION.search(text)) and detect_unit(text) is not None and len(text) < 80


def scale(value: Decimal, from_unit: Unit | None, to_unit: str | None) -> Decimal:
    """Exact conversion between units: 1,234.5 百万元 → 12.345 亿元."""
    if value is None or from_unit is None or not to_unit or to_unit == from_unit.name:
        return value
    return value * from_unit.factor / UNIT_FACTORS[to_unit]


_STYLED = re.compile(r"^(?P<sign>[+\-−△▲]?)\s*(?P<cur>[¥$€£]|RMB|US\$|EUR|CHF|Fr\.|kr)?\s*(?P<digits>[\d,.' _]*\d|\d)"
                     r"\s*(?P<pct>%|％)?$")


def amount_core(text: str) -> str | None:
    """The digits-and-separators part of a cell that is shaped like one amount, else None."""
    s = normalise(_protect(text))
    if s in EMPTY_MARKERS:
        return None
    match = _FOOTNOTE.match(s)
    if match and _looks_numeric(match.group("num").replace("'", "").replace("_", "").replace(".", "")):
        s = match.group("num").strip()
    if (s.startswith("(") and s.endswith(")")) or (s.startswith("（") and s.endswith("）")):
        s = s[1:-1].strip()
    s = re.sub(r"\s*([,.'])\s*", r"\1", s)
    number = _STYLED.match(s)
    return number.group("digits") if number else None


def _protect(text: str) -> str:
    return protect_hard_spaces(text or "").replace("’", "'")


def _parse_styled(text: str, styles) -> ParsedCell:
    raw = text if text is not None else ""
    s = normalise(_protect(raw))
    if s in EMPTY_MARKERS:
        return ParsedCell(raw, "empty")
    footnote = ""
    match = _FOOTNOTE.match(s)
    if match and _looks_numeric(match.group("num").replace("'", "").replace("_", "").replace(".", "")):
        s, footnote = match.group("num").strip(), match.group("note").strip()
    negative = False
    if (s.startswith("(") and s.endswith(")")) or (s.startswith("（") and s.endswith("）")):
        s, negative = s[1:-1].strip(), True
    s = re.sub(r"\s*([,.'])\s*", r"\1", s)
    number = _STYLED.match(s)
    if not number:
        return ParsedCell(raw, "text")
    core = number.group("digits")
    found = readings(core, styles)
    spaced = re.fullmatch(r"[1-9]\d{0,2}(?: \d{3})+", core)
    if not found and spaced and styles and all(" " in style.group for style in styles):
        found = {next(iter(styles)): Decimal(core.replace(" ", ""))}  # the page groups with spaces
    values = set(found.values())
    if len(values) != 1:
        anywhere = set(readings(core, STYLES).values())
        if not anywhere and spaced:
            return ParsedCell(raw, "text", footnote=footnote,
                              flag=f"{core} may be one amount grouped with a space or two amounts")
        if not anywhere:
            return ParsedCell(raw, "text")
        if values:
            flag = (f"{core} reads as " + " or ".join(f"{v:,}" for v in sorted(values))
                    + ": the document does not show which separator groups thousands")
        else:
            flag = f"{core} is not written the way the rest of the table writes numbers"
        return ParsedCell(raw, "text", footnote=footnote, flag=flag)
    value = values.pop()
    if number.group("sign") in {"-", "−", "△"}:
        negative = True
    if negative:
        value = -value
    if number.group("pct"):
        return ParsedCell(raw, "percent", value / 100, footnote)
    return ParsedCell(raw, "number", value, footnote)


@functools.lru_cache(maxsize=65536)
def looks_like_amount(text: str) -> bool:
    """True for a cell shaped like one amount in any convention ("1.234,5", "12,5 %", "1'234", "(3 597)")."""
    if parse_cell(text).is_numeric:
        return True
    core = amount_core(text)
    return bool(core) and (bool(readings(core, STYLES)) or bool(re.fullmatch(r"[1-9]\d{0,2}(?: \d{3})+", core)))


# -- the document's number convention, read from its cells (see :mod:`number_styles`) ----------
def cores(texts: Iterable[str]) -> list[str]:
    """The digits-and-separators of each text that is shaped like one amount ("(1.234,5)", "12,5 %")."""
    return [core for core in (amount_core(t) for t in texts) if core]


def evidence_of(texts: Iterable[str], *, cjk: bool = False) -> Evidence:
    """Evidence from the amounts among ``texts`` (the cells of a page's tables); ``cjk``: the page is
    written in Chinese or Japanese."""
    texts = list(texts)
    evidence = Evidence.empty()
    evidence.cjk = cjk
    for core in cores(texts):
        evidence.add(core)
    return evidence


def column_constraint(cells: Iterable[str]) -> frozenset[NumberStyle] | None:
    """The styles every discriminating number in a column is well-formed in (None: no evidence or a conflict)."""
    allowed = None
    for core in cores(cells):
        found = constraint(core)
        if found is None:
            continue
        allowed = found if allowed is None else allowed & found
        if not allowed:
            return None
    return allowed
