"""Periods and amounts in words a reader takes in at a glance: "2011年1-6月", "2024年度", "2024年末",
"4.39亿元" — never the codes the library stores them as ("2011H1", "2024-12-31", 438919222.84).

One formatter for the Library pane, page captions, display titles and drafts, so a period reads the
same wherever it is shown. The exact amount is kept alongside (``ReadableAmount.exact``) so a pane
can show it one click (a tooltip) away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

#: How reports and questions write periods, for every reader of them (facts' column headers, the query reader):
#: a dash between months as printed (ASCII, full-width, en/em dash, tilde, 至/到) and the year word before a
#: qualifier ("2010年", "2010年度" or nothing: "2006年度第一季度", "2010年度1-6月").
MONTH_DASH = r"[-－—–~～至到]"
YEAR_WORD = r"\s*(?:年度|年)?\s*"


def month_span(first: int | str, last: int | str) -> str:
    """A pattern for a span of months: "1-6月", "1月-6月", "1－6月", "1至6月"."""
    return rf"{first}\s*月?\s*{MONTH_DASH}\s*{last}\s*月"


_CN_QUARTER = {"Q1": "第一季度", "Q2": "第二季度", "Q3": "第三季度", "Q4": "第四季度"}
_CN_SPAN = {"H1": "1-6月", "9M": "1-9月"}
_EN_MONTH = {"03": "Mar", "06": "Jun", "09": "Sep", "12": "Dec"}
_DATE = re.compile(r"^((?:19|20)\d{2})-(\d{2})-(\d{2})$")
_CODE = re.compile(r"^((?:19|20)\d{2})(H1|Q[1-4]|9M)?$")


def period_words(period: str, language: str = "zh", *, report_type: str = "") -> str:
    """A stored period code in words.

    Args:
        period: "2024" (a year), "2024H1", "2024Q3", "2024-12-31" (a balance date) or "" (unknown).
        language: "zh" or "en".
        report_type: the document's report type; SEC filings ("10-K", "10-Q") name fiscal years.

    Returns:
        "2024年度", "2011年1-6月", "2024年第三季度", "2024年末", "2024年6月30日"; in English "2024" (SEC fiscal years "FY2024"),
        "H1 2011", "Q3 2024", "31 Dec 2024". Unknown codes are returned unchanged; "" stays "".
    """
    period = (period or "").strip()
    if not period:
        return ""
    sec = report_type in ("10-K", "10-Q", "20-F")
    date = _DATE.match(period)
    if date:
        year, month, day = date.groups()
        if language == "zh":
            return f"{year}年末" if (month, day) == ("12", "31") else f"{year}年{int(month)}月{int(day)}日"
        return f"{int(day)} {_EN_MONTH.get(month, month)} {year}"
    code = _CODE.match(period)
    if not code:
        return period
    year, part = code.group(1), code.group(2) or ""
    if language == "zh":
        if sec:
            return f"{year}财年" + (_CN_QUARTER.get(part, "") if part else "")
        if not part:
            return f"{year}年度"
        if part in _CN_QUARTER:
            return f"{year}年{_CN_QUARTER[part]}"
        return f"{year}年{_CN_SPAN.get(part, part)}"
    if sec:
        return f"FY{year}" + (f" {part}" if part else "")
    # A calendar-year report (a Chinese annual report) is "2024" in English; "FY" is for fiscal years (SEC).
    return year if not part else f"{part} {year}"


def year_words(period: str, language: str = "zh") -> str:
    """Just the year of a period, as a title names a prospectus's latest period: "2011年", "2011"."""
    match = re.match(r"((?:19|20)\d{2})", period or "")
    if not match:
        return ""
    return f"{match.group(1)}年" if language == "zh" else match.group(1)


#: Base-unit factors of the Chinese money units.
_CNY = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10_000), "百万元": Decimal(1_000_000),
        "亿元": Decimal(100_000_000)}
_USD = {"USD": Decimal(1), "USD thousand": Decimal(1000), "USD million": Decimal(1_000_000),
        "USD billion": Decimal(1_000_000_000)}


@dataclass(frozen=True)
class ReadableAmount:
    """An amount written for reading (``text``) and exactly as printed (``exact``)."""

    text: str
    exact: str


def readable_amount(value: Decimal | float | str, unit: str, language: str = "zh",
                    value_text: str = "") -> ReadableAmount:
    """A money amount in the unit a reader takes in: 亿元 from one hundred million, 万元 from ten thousand,
    two decimals (three significant figures at least); USD in millions or billions.

    Anything that is not a money amount (%, 倍, 股, 元/股) is returned as printed. ``exact`` is the
    figure with every printed digit and its printed unit, for a tooltip or a click.
    """
    amount = Decimal(str(value))
    exact = (value_text.strip() or f"{amount:,}") + ("" if unit and unit in value_text else unit)
    if unit in _CNY:
        base = amount * _CNY[unit]
        sign = "-" if base < 0 else ""
        size = abs(base)
        if size >= _CNY["亿元"]:
            text = f"{sign}{size / _CNY['亿元']:,.2f}亿元"
        elif size >= _CNY["万元"]:
            text = f"{sign}{size / _CNY['万元']:,.2f}万元"
        else:
            text = f"{sign}{size:,.2f}元"
        if language != "zh":
            text = _english_cny(base)
        return ReadableAmount(text, exact)
    if unit in _USD:
        base = amount * _USD[unit]
        sign = "-" if base < 0 else ""
        size = abs(base)
        if size >= _USD["USD billion"]:
            number, word_en, word_zh = size / _USD["USD billion"], "billion", "十亿美元"
        elif size >= _USD["USD million"]:
            number, word_en, word_zh = size / _USD["USD million"], "million", "百万美元"
        else:
            number, word_en, word_zh = size, "", "美元"
        if language == "zh":
            return ReadableAmount(f"{sign}{number:,.2f}{word_zh}", exact)
        return ReadableAmount(f"{sign}USD {number:,.2f}{' ' + word_en if word_en else ''}", exact)
    return ReadableAmount(exact, exact)


def _english_cny(base: Decimal) -> str:
    sign = "-" if base < 0 else ""
    size = abs(base)
    if size >= Decimal(1_000_000_000):
        return f"{sign}RMB {size / Decimal(1_000_000_000):,.2f} billion"
    if size >= Decimal(1_000_000):
        return f"{sign}RMB {size / Decimal(1_000_000):,.2f} million"
    return f"{sign}RMB {size:,.2f}"


#: A yuan amount as answers and drafts print it: digits (grouped or not) and a money unit, not a price
#: per share ("元/股") nor part of a longer number.
_AMOUNT_IN_TEXT = re.compile(r"(?<![\d.,])(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(亿元|百万元|万元|千元|元)(?!\s*/)")


def readable_amounts_in(text: str, language: str = "zh") -> list[tuple[int, int, ReadableAmount]]:
    """Where ``text`` prints a yuan amount that reads better in 亿元/万元 ("812,345,678.90元" →
    "8.12亿元"): (start, end, amount) with the printed figure as ``exact``. The text itself is left
    alone (checks and the audit read the figure as printed); a pane shows ``amount.text`` with the
    exact figure on hover. Amounts already in their readable unit are not listed."""
    found = []
    for match in _AMOUNT_IN_TEXT.finditer(text):
        digits, unit = match.group(1), match.group(2)
        amount = readable_amount(digits.replace(",", ""), unit, language, value_text=match.group(0))
        shown_unit = next((u for u in ("亿元", "万元", "元") if amount.text.endswith(u)), None)  # None: English
        if shown_unit != unit:
            found.append((match.start(), match.end(), ReadableAmount(amount.text, match.group(0))))
    return found
