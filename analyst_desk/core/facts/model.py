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
PERCENT = "%"
POINTS = "个百分点"


@dataclass
class Fact:
    """One table cell's figure.

    ``kind`` is "value" (a figure for a period) or "change" (the table's own change column, e.g.
    "本年比上年增减"). ``unit`` is the unit the table or row states ("百万元", "%", "个百分点",
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

    def to_row(self) -> dict:
        data = asdict(self)
        data["value"] = str(self.value)
        data["bbox"] = json.dumps(self.bbox) if self.bbox else ""
        data["extra"] = json.dumps(self.extra, ensure_ascii=False)
        return data

    @classmethod
    def from_row(cls, row: dict) -> "Fact":
        data = {k: row[k] for k in cls.__dataclass_fields__ if k in row}
        data["value"] = Decimal(str(data["value"]))
        data["bbox"] = json.loads(data["bbox"]) if data.get("bbox") else None
        data["extra"] = json.loads(data["extra"]) if data.get("extra") else {}
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
    if unit and unit != fact.unit and fact.unit in MONEY_UNITS and unit in MONEY_UNITS:
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
    if language != "zh" and unit_text in MONEY_UNITS:
        return f"{sign}{digits} {unit_text}"
    return f"{sign}{digits}{unit_text}"


def convert(fact: Fact, unit: str) -> str:
    """A money fact in another unit, exactly: 146,695 百万元 → "1,466.95亿元" (never rounded)."""
    if fact.unit not in MONEY_UNITS or unit not in MONEY_UNITS:
        raise ValueError(f"cannot convert {fact.unit!r} to {unit!r}")
    value = fact.value * MONEY_UNITS[fact.unit] / MONEY_UNITS[unit]
    # Enough places to keep every printed digit: a shift of 10**k adds k places.
    shift = max(0, len(str(int(MONEY_UNITS[unit] / MONEY_UNITS[fact.unit]))) - 1) if \
        MONEY_UNITS[unit] > MONEY_UNITS[fact.unit] else 0
    places = printed_decimals(fact.value_text) + shift
    text = f"{abs(value):,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("-" if value < 0 else "") + text + unit


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
                fact_id=current.fact_id + "~" + previous.fact_id, extra={"computed": True})
