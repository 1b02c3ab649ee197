"""A fact: one figure printed in one table cell, with everything needed to state and cite it exactly.

The printed string is kept as printed ("146,695", "(4.2%)", "1.87%"); ``value`` is its exact
``Decimal``. Writing a fact in prose never retypes digits: :func:`render` copies the printed digits
and adds the unit the table states, and :func:`convert` changes units only by exact rule
(146,695 百万元 = 1,466.95 亿元).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal

#: Factor of each money unit to yuan.
MONEY_UNITS = {"元": Decimal(1), "千元": Decimal(10) ** 3, "万元": Decimal(10) ** 4, "百万元": Decimal(10) ** 6,
               "千万元": Decimal(10) ** 7, "亿元": Decimal(10) ** 8}
#: Factor of each dollar unit to dollars (the team's unit names: "USD million", …).
USD_UNITS = {"USD": Decimal(1), "USD thousand": Decimal(10) ** 3, "USD million": Decimal(10) ** 6,
             "USD billion": Decimal(10) ** 9}
#: Every unit with a factor to its base (yuan, dollars, shares); "%" and ratios have none.
UNIT_FACTORS = {**MONEY_UNITS, **USD_UNITS, "股": Decimal(1), "万股": Decimal(10) ** 4, "亿股": Decimal(10) ** 8,
                "元/股": Decimal(1), "USD/share": Decimal(1)}
PERCENT = "%"
POINTS = "个百分点"
#: Kinds of table a fact can come from, most authoritative first.
TABLE_KINDS = ("statement", "key_figures", "note", "ratio_basis")


def currency_of_unit(unit: str) -> str:
    """"CNY" for 元-based units, "USD" for dollar units, "" for %, counts and ratios."""
    if unit in MONEY_UNITS or unit == "元/股":
        return "CNY"
    if unit in USD_UNITS or unit == "USD/share":
        return "USD"
    return ""


def amount_of(value: Decimal, unit: str) -> Decimal | None:
    """``value`` × the unit's factor in base units (yuan, dollars, shares); None for % and ratios."""
    factor = UNIT_FACTORS.get(unit)
    return value * factor if factor is not None else None


@dataclass
class Fact:
    """One table cell's figure.

    ``kind`` is "value" (a figure for a period), "change" (the table's own change column, e.g.
    "本年比上年增减") or "forecast" (a column of estimates, "2023E" in a research note: never a
    period's figure). ``unit`` is the unit the table or row states ("百万元", "%", "个百分点",
    "元/股", …) or "" when the page never says it.
    """

    doc_id: str
    page: int
    row_label: str
    column: str
    value_text: str
    value: Decimal
    unit: str = ""
    kind: str = "value"
    #: "2024", "2024-12-31", "2024H1", "2024Q3" or "" (read from the column header).
    period: str = ""
    #: The period the change compares with ("2023"), for change facts.
    base_period: str = ""
    #: Table title and section rows above the row ("主要会计数据 > 资产质量").
    heading: str = ""
    title: str = ""
    issuer: str = ""
    #: (x0, y0, x1, y1) of the table on ``page`` in PDF points; None when unknown.
    bbox: list[float] | None = None
    #: The unit line and the rows needed to read the figure (header + its row), as printed.
    context: str = ""
    #: Position of the cell, so the row's other columns (prior period, change) can be found.
    table_no: int = 0
    row_no: int = 0
    col_no: int = 0
    fact_id: str = ""
    extra: dict = field(default_factory=dict)
    #: "consolidated" (合并, the group) or "parent" (母公司, the company alone); "" when the table
    #: does not say (most key-figure tables of a group report the group).
    scope: str = ""
    #: "CNY", "USD" or "" (percentages, counts).
    currency: str = ""
    #: "statement" (a primary statement), "key_figures" (主要会计数据, 简要报表, Selected Financial Data),
    #: "note" (any other table) or "ratio_basis" (a table that reuses figures as a ratio's
    #: denominator, e.g. R&D intensity).
    table_kind: str = "note"
    #: "balance_sheet", "income", "cash_flow", "equity" for statement tables, else "".
    statement: str = ""
    #: True for the one fact that answers this metric × period × scope in the document (the
    #: primary statement wins over key figures, which win over notes).
    primary: bool = False
    #: Set when another table prints a different amount for the same metric × period × scope
    #: (beyond rounding): "第14页 58,737.74万元" — the figure then must not be stated unflagged.
    conflict: str = ""
    #: False when the period lies outside the periods the document reports (a year mentioned in a
    #: note's history table): such a fact is "not in the document" for that period.
    in_report: bool = True

    @property
    def amount(self) -> Decimal | None:
        """The value in base units (yuan, dollars, shares); None for %, ratios and counts."""
        return amount_of(self.value, self.unit)

    def to_row(self) -> dict:
        # Field by field, not dataclasses.asdict, which deep-copies every value: 11 against 52 µs a fact,
        # and a prospectus has ~60,000 facts. The row is the same (bbox and extra are written as JSON).
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["value"] = str(self.value)
        data["bbox"] = json.dumps(self.bbox) if self.bbox else ""
        data["extra"] = json.dumps(self.extra, ensure_ascii=False)
        data["primary"], data["in_report"] = int(self.primary), int(self.in_report)
        return data

    @classmethod
    def from_row(cls, row: dict) -> "Fact":
        data = {k: row[k] for k in cls.__dataclass_fields__ if k in row}
        data["value"] = Decimal(str(data["value"]))
        data["bbox"] = json.loads(data["bbox"]) if data.get("bbox") else None
        data["extra"] = json.loads(data["extra"]) if data.get("extra") else {}
        for flag in ("primary", "in_report"):
            if flag in data:
                data[flag] = bool(int(data[flag]))
        return cls(**data)

    def to_json(self) -> dict:
        data = asdict(self)
        data["value"] = str(self.value)
        data["rendered"] = render(self)
        return data


def _digits(value: Decimal, decimals: int) -> str:
    """Thousands-separated, ``decimals`` places, no sign."""
    return f"{abs(value):,.{decimals}f}"


def printed_decimals(text: str) -> int:
    """Digits after the decimal point as printed ("1,466.95" → 2)."""
    core = "".join(ch for ch in text if ch.isdigit() or ch == ".")
    return len(core.split(".", 1)[1]) if "." in core else 0


def magnitude_text(fact: Fact) -> str:
    """The printed digits without sign, brackets or unit ("(4.2%)" → "4.2")."""
    return _digits(fact.value, printed_decimals(fact.value_text))


def render(fact: Fact, language: str = "zh", unit: str | None = None) -> str:
    """The fact as it is written in prose: printed digits plus the table's unit.

    Change facts say their direction in words ("下降4.2%", "down 4.2%"), so the sign can never be
    lost or flipped between the table and the sentence. ``unit`` converts a money amount by rule.
    """
    if unit and unit != fact.unit and _same_currency(fact.unit, unit):
        return convert(fact, unit)
    digits = magnitude_text(fact)
    sign = "-" if fact.value < 0 else ""
    unit_text = fact.unit
    if fact.kind == "change":
        if fact.value == 0:
            return "持平" if language == "zh" else "unchanged"
        if language == "zh":
            return ("增长" if fact.value > 0 else "下降") + digits + unit_text
        unit_en = " percentage points" if unit_text == POINTS else unit_text
        return ("up " if fact.value > 0 else "down ") + digits + unit_en
    if unit_text in USD_UNITS or unit_text == "USD/share":
        return _dollars(sign, digits, unit_text, language)
    if language != "zh" and unit_text in MONEY_UNITS:
        return f"{sign}{digits} {unit_text}"
    return f"{sign}{digits}{unit_text}"


_DOLLAR_WORDS = {"USD": ("", "美元"), "USD thousand": (" thousand", "千美元"), "USD million": (" million", "百万美元"),
                 "USD billion": (" billion", "十亿美元"), "USD/share": (" per share", "美元/股")}


def _dollars(sign: str, digits: str, unit: str, language: str) -> str:
    """A dollar figure as written: "USD 1,450 million" (English), "1,450百万美元" (Chinese)."""
    english, chinese = _DOLLAR_WORDS[unit]
    return f"{sign}{digits}{chinese}" if language == "zh" else f"{sign}USD {digits}{english}"


def _same_currency(a: str, b: str) -> bool:
    return (a in MONEY_UNITS and b in MONEY_UNITS) or (a in USD_UNITS and b in USD_UNITS)


def convert(fact: Fact, unit: str) -> str:
    """A money fact in another unit of the same currency, exactly: 146,695 百万元 → "1,466.95亿元"
    (never rounded); 394,328 USD million → "394.328 USD billion"."""
    if not _same_currency(fact.unit, unit):
        raise ValueError(f"cannot convert {fact.unit!r} to {unit!r}")
    factors = MONEY_UNITS if unit in MONEY_UNITS else USD_UNITS
    value = fact.value * factors[fact.unit] / factors[unit]
    # Enough places to keep every printed digit: a shift of 10**k adds k places.
    shift = max(0, len(str(int(factors[unit] / factors[fact.unit]))) - 1) if \
        factors[unit] > factors[fact.unit] else 0
    places = printed_decimals(fact.value_text) + shift
    text = f"{abs(value):,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("-" if value < 0 else "") + text + ("" if unit in MONEY_UNITS else " ") + unit


def computed_change(current: Fact, previous: Fact) -> Fact | None:
    """The change from ``previous`` to ``current`` computed by the app, labelled as computed.

    Percentages change by percentage points; other figures by their relative change, rounded to
    one decimal place (the way annual reports print it). None when it cannot be computed.
    """
    if previous.value == 0 or current.unit != previous.unit:
        return None
    if current.unit == PERCENT:
        delta, unit = current.value - previous.value, POINTS
        text = f"{delta:.2f}"
    else:
        delta = ((current.value - previous.value) / abs(previous.value) * 100).quantize(Decimal("0.1"))
        unit, text = PERCENT, f"{delta:.1f}%"
    return Fact(doc_id=current.doc_id, page=current.page, row_label=current.row_label,
                column=f"{current.column} vs {previous.column}", value_text=text, value=Decimal(text.rstrip("%")),
                unit=unit, kind="change", period=current.period, base_period=previous.period,
                heading=current.heading, title=current.title, issuer=current.issuer, bbox=current.bbox,
                context=current.context, table_no=current.table_no, row_no=current.row_no, col_no=-1,
                fact_id=current.fact_id + "~" + previous.fact_id, extra={"computed": True}, scope=current.scope,
                table_kind=current.table_kind, statement=current.statement, in_report=current.in_report)
