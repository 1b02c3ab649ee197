"""Financial number parsing: exact (Decimal), sign-aware, unit-aware, footnote-aware.

"(1,234)", "-1,234" and "△1,234" are negative; "12.5%" is 0.125 shown as a percentage;
"—", "-", "不适用", "N/A" are empty; full-width digits are normalised; "1,234 注1" and "123*"
keep the footnote apart from the value. Anything else is text and is kept exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

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

    @property
    def is_numeric(self) -> bool:
        return self.kind in {"number", "percent"}

    def as_float(self) -> float | None:
        return float(self.value) if self.value is not None else None


def normalise(text: str) -> str:
    """Full-width digits, commas and signs to ASCII; whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"\s+", " ", text.replace("\u2212", "-")).strip()


def parse_cell(text: str) -> ParsedCell:
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
