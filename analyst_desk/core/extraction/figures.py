"""Key-figure fields, what kind of number each one is, the result record, and the printed-token check.

Shared by the table/sentence lookup (``fields.py``) and the model reader (``figure_reader.py``),
which therefore no longer import each other.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from analyst_desk.core.extraction.numbers import ParsedCell, normalise, parse_cell

FIELD_SYNONYMS: dict[str, list[str]] = {
    "营业收入": ["营业收入", "营业总收入", "营业收入合计", "operating income", "operating revenue", "revenue"],
    "净利润": ["净利润", "归属于本行股东的净利润", "归属于母公司股东的净利润", "归属于上市公司股东的净利润",
            "net profit", "net income"],
    "归属于母公司股东的净利润": ["归属于母公司股东的净利润", "归属于本行股东的净利润", "归属于上市公司股东的净利润",
                        "归属于母公司所有者的净利润", "net profit attributable to shareholders"],
    "不良贷款率": ["不良贷款率", "npl ratio", "non-performing loan ratio"],
    "资本充足率": ["资本充足率", "capital adequacy ratio"],
    "核心一级资本充足率": ["核心一级资本充足率", "core tier 1 capital adequacy ratio", "cet1 ratio"],
    "净息差": ["净息差", "net interest margin", "nim"],
    "拨备覆盖率": ["拨备覆盖率", "provision coverage ratio"],
    "成本收入比": ["成本收入比", "cost-to-income ratio", "cost to income ratio"],
    "资产总额": ["资产总额", "资产总计", "总资产", "total assets"],
    "每股收益": ["基本每股收益", "每股收益", "earnings per share", "basic eps"],
    "职工人数": ["职工人数", "员工人数", "在职员工人数", "员工总数", "在职员工的数量合计", "number of employees",
             "employees", "headcount"],
}
_ALIASES = {alias.lower(): name for name, aliases in FIELD_SYNONYMS.items() for alias in aliases}

#: What kind of number a field is: a ratio is printed as a percentage, a count is a whole number
#: without a currency, an amount is money. A value of another kind is never the field's value.
_RATIO = re.compile(r"率|比|息差|ratio|margin", re.IGNORECASE)
_COUNT = re.compile(r"人数|员工|职工|户数|家数|headcount|employees", re.IGNORECASE)


def canonical_field(name: str) -> str:
    """净利润 / net profit / Net Profit → the same field."""
    return _ALIASES.get(name.strip().lower(), name.strip())


def aliases_of(field: str) -> list[str]:
    return FIELD_SYNONYMS.get(field, [field])


def field_kind(field: str) -> str:
    """"ratio", "count" or "amount"."""
    if _RATIO.search(field):
        return "ratio"
    if _COUNT.search(field):
        return "count"
    return "amount"


def kind_matches(field: str, parsed: ParsedCell, unit: str) -> bool:
    """Whether a parsed number can be this field's value: 1.06% is not a headcount, 3,500 人 is not a
    ratio, and an amount in 百万元 is not a count."""
    kind = field_kind(field)
    if kind == "ratio":
        return parsed.kind == "percent" or unit == "%"
    if parsed.kind != "number" or unit == "%":
        return False
    if kind == "count":
        return parsed.value == parsed.value.to_integral() and parsed.value >= 0 and not unit.endswith("元")
    return True


@dataclass
class FigureResult:
    report: str
    field: str
    status: str  # "ok" | "flagged" | "not found"
    value: float | None = None
    raw: str = ""
    unit: str = ""
    period: str = ""
    page: int = 0
    source_text: str = ""
    note: str = ""

    def to_json(self) -> dict:
        return asdict(self)


_TOKEN = re.compile(r"[(（\-−]?\d[\d,，]*(?:\.\d+)?\s*[%％]?[)）]?")


def page_number_tokens(page) -> tuple[set[str], list[str]]:
    """(every number printed on the page as one run of characters, the page's character runs).

    A run ends at a space, at a gap wider than a third of the character height, and — between digits
    or separators — at a gap that stands out from the run's usual spacing: two amounts printed in
    adjacent ruled cells ("108,761,295.69" "191,634,516.98") often touch but for a point."""
    tokens: set[str] = set()
    runs: list[str] = []
    for block in page.get_text("rawdict").get("blocks", []):
        for line in block.get("lines", []):
            chars = [c for span in line.get("spans", []) for c in span.get("chars", [])]
            gaps = [b["bbox"][0] - a["bbox"][2] for a, b in zip(chars, chars[1:])]
            usual = sorted(abs(g) for g in gaps)[len(gaps) // 2] if gaps else 0.0
            run = ""
            loose = ""
            for i, char in enumerate(chars):
                height = char["bbox"][3] - char["bbox"][1]
                gap = gaps[i - 1] if i else 0.0
                numeric_pair = i and char["c"] in _NUMBER_CHARS and chars[i - 1]["c"] in _NUMBER_CHARS
                if char["c"].isspace() or gap > height / 3:
                    tokens.update(_numbers_in(run))
                    runs.append(loose)
                    run = loose = ""
                elif numeric_pair and gap > 0.5 and gap > 4 * usual + 0.1:
                    tokens.update(_numbers_in(run))
                    run = ""
                if not char["c"].isspace():
                    run += char["c"]
                    loose += char["c"]
            tokens.update(_numbers_in(run))
            runs.append(loose)
    return tokens, [_key(r) for r in runs if r]


_NUMBER_CHARS = set("0123456789,.")


def _numbers_in(run: str) -> set[str]:
    text = normalise(run)
    found = set()
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        # A token must not be cut out of a longer number ("1,234" inside "11,234").
        if (start and (text[start - 1].isdigit() or text[start - 1] in ",.")) or (end < len(text) and text[end].isdigit()):
            continue
        found.add(_key(match.group()))
    return found


def _key(raw: str) -> str:
    return re.sub(r"[\s(（)）\-−%％]", "", normalise(raw)).replace("，", ",")


def printed_as_one_token(raw: str, tokens: set[str]) -> bool:
    """True when ``raw`` is exactly one number printed on the page (signs, brackets and % aside)."""
    return bool(raw.strip()) and parse_cell(raw).is_numeric and _key(raw) in tokens


def printed_in_one_cell(cell: str, runs: list[str]) -> bool:
    """True when a table cell holds one number token (nothing glued to it by the finder) and its
    characters are printed together on the page."""
    text = normalise(cell)
    if not text or len(text.split()) != 1 or not parse_cell(text).is_numeric:
        return False
    key = _key(text)
    return any(key in run for run in runs)
