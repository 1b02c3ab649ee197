"""The period a column header names, in every form reports print it, in one canonical form.

Canonical forms (what :class:`~analyst_desk.core.library.table_facts.model.Fact` stores in ``period``):
``"2024"`` a full (fiscal) year, ``"2024-12-31"`` a date (balance-sheet column), ``"2024H1"``,
``"2024Q1"``…``"2024Q4"``, ``"2024 9M"`` written ``"20249M"`` (first nine months).

Chinese: 2009年度, 2009年, 2009.12.31, 2009-12-31, 2009年12月31日, 2009年末, 2009年1-6月,
2010年6月30日, 2010年上半年, 2010年第一季度, 本期/上期/本年/上年 (against the report's period).
English: "Fiscal 2022", "FY2022", "2022", "Year Ended May 31, 2023", "May 31, 2023",
"Three Months Ended June 30, 2023" (a fiscal quarter, counted from the fiscal year end when the
report states one), "Six Months Ended …", "Nine Months Ended …".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from analyst_desk.core.period_words import YEAR_WORD, month_span

_YEAR = r"((?:19|20)\d{2})"
_SEP = r"\s*[年\-/.．]\s*"
_YW = YEAR_WORD
_months = month_span
_CN_PERIODS = [
    (re.compile(_YEAR + _YW + r"(?:" + _months(1, 6) + r"|上半年|半年度|中期|H1)"), "{y}H1"),
    (re.compile(_YEAR + _YW + r"(?:" + _months(1, 9) + r"|前三季度|9M)"), "{y}9M"),
    (re.compile(_YEAR + _YW + _months(1, 12)), "{y}"),
    (re.compile(_YEAR + _YW + _months(4, 6)), "{y}Q2"),
    (re.compile(_YEAR + _YW + _months(7, 9)), "{y}Q3"),
    (re.compile(_YEAR + _YW + _months(10, 12)), "{y}Q4"),
    (re.compile(_YEAR + _YW + r"(?:" + _months(1, 3) + r"|第[一1]季度|一季度|Q1)"), "{y}Q1"),
    (re.compile(_YEAR + _YW + r"(?:第[二2]季度|二季度|Q2)"), "{y}Q2"),
    (re.compile(_YEAR + _YW + r"(?:第[三3]季度|三季度|Q3)"), "{y}Q3"),
    (re.compile(_YEAR + _YW + r"(?:第[四4]季度|四季度|Q4)"), "{y}Q4"),
    (re.compile(_YEAR + _SEP + r"(\d{1,2})" + r"\s*[月\-/.．]\s*(\d{1,2})"), "date"),
    (re.compile(_YEAR + r"\s*年\s*(?:末|底)"), "{y}-12-31"),
    (re.compile(_YEAR + r"\s*年\s*(?:初)"), "start"),
]
_MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                             "nov", "dec"))}
_EN_DATE = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s*" + _YEAR, re.I)
_EN_MONTH_DAY = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b", re.I)
_EN_SPAN = re.compile(r"\b(three|six|nine|twelve|3|6|9|12)[\s-]+months?\b|\bquarters?\s+ended\b|\b(years?|fiscal\s+years?)"
                      r"\s+ended\b", re.I)
_FISCAL = re.compile(r"\b(?:fiscal(?:\s+year)?|FY)\s*'?((?:19|20)?\d{2})\b", re.I)
_BARE_YEAR = re.compile(r"(?<![\d.,])" + _YEAR + r"(?![\d,]|\.\d)")
_CURRENT = re.compile(r"本年|本期|本报告期|当年|当期|期末|年末|current|this year", re.I)
_PREVIOUS = re.compile(r"上年|上期|去年|上年同期|年初|期初|prior|last year|previous", re.I)
_OPENING = re.compile(r"年初|期初|beginning", re.I)
_AT_END = re.compile(r"末|底|end", re.I)


@dataclass(frozen=True)
class ReportCalendar:
    """What a header's relative or fiscal words are read against.

    ``period`` is the report's own period ("2024", "2024H1", "2023Q2"); ``fiscal_year_end`` is
    "MM-DD" when the report states a fiscal year that is not the calendar year ("05-31").
    """

    period: str = ""
    fiscal_year_end: str = ""

    @property
    def year(self) -> str:
        return self.period[:4] if self.period[:4].isdigit() else ""


def fiscal_year_of(month: int, day: int, year: int, fiscal_year_end: str = "") -> int:
    """The fiscal year a date falls in, named by the calendar year in which that fiscal year ends
    (Oracle's year ended May 31, 2023 is fiscal 2023; Apple's September 24, 2022 is fiscal 2022).

    52/53-week years end on a weekday near the stated date, so a date up to a week after the
    fiscal year end (Apple's September 25, 2021 against September 24) still closes that year."""
    end_month, end_day = (int(x) for x in (fiscal_year_end or "12-31").split("-"))
    when = date(year, month, day)
    if (when - date(year - 1, end_month, end_day)).days <= 7:
        return year - 1
    return year if (when - date(year, end_month, end_day)).days <= 7 else year + 1


def fiscal_quarter(month: int, day: int, year: int, fiscal_year_end: str = "") -> str:
    """"2023Q2" for a quarter ending on this date (fiscal quarters count from the fiscal year end)."""
    end_month = int(fiscal_year_end.split("-")[0]) if fiscal_year_end else 12
    if day <= 7:  # 52/53-week quarters ending in the first days of a month belong to the month before
        month = month - 1 or 12
    months_after = (month - end_month) % 12
    quarter = (months_after + 2) // 3 or 4
    return f"{fiscal_year_of(month, 28 if day <= 7 else day, year, fiscal_year_end)}Q{quarter}"


#: "截至6月30日止6个月期间", "截至12月31日止年度": the months a Chinese header's duration covers.
_CN_SPAN = re.compile(r"(?:截至|截止)(\d{1,2})月(\d{1,2})日止(?:的)?(\d{1,2}|[三六九十二]{1,2})个月")
_CN_COUNT = {"三": 3, "六": 6, "九": 9, "十二": 12}


def _span_months(text: str) -> int:
    """Months an English header's duration covers (12 for "Year Ended"), 0 when it names none."""
    match = _EN_SPAN.search(text)
    if not match:
        return 0
    if match.group(2):
        return 12
    word = (match.group(1) or "three").lower()
    return {"three": 3, "3": 3, "six": 6, "6": 6, "nine": 9, "9": 9, "twelve": 12, "12": 12}.get(word, 3)


def _english_period(text: str, calendar: ReportCalendar, span: int) -> str:
    fiscal = _FISCAL.search(text)
    if fiscal:
        year = fiscal.group(1)
        return year if len(year) == 4 else "20" + year
    date = _EN_DATE.search(text)
    if date:
        month, day, year = _MONTHS[date.group(1).lower()[:3]], int(date.group(2)), int(date.group(3))
        span = span or _span_months(text)
        if span == 12:
            return str(fiscal_year_of(month, day, year, calendar.fiscal_year_end))
        if span == 3:
            return fiscal_quarter(month, day, year, calendar.fiscal_year_end)
        if span in (6, 9):
            quarter = fiscal_quarter(month, day, year, calendar.fiscal_year_end)
            return quarter[:4] + ("H1" if span == 6 else "9M")
        return f"{year}-{month:02d}-{day:02d}"
    return ""


def period_of(header: str, calendar: ReportCalendar | str = "", *, span: int = 0) -> str:
    """The canonical period a column header names, or "" when it names none.

    ``calendar`` (or the report's period as a string) resolves 本期/上期 and fiscal quarters;
    ``span`` is the duration in months a header row above states for this column ("Three Months
    Ended" spanning two year columns).

    >>> period_of("2024年12月31日"), period_of("2009年度"), period_of("2009年1-6月")
    ('2024-12-31', '2009', '2009H1')
    >>> period_of("Year Ended May 31, 2023", ReportCalendar("2023", "05-31"))
    '2023'
    """
    if isinstance(calendar, str):
        calendar = ReportCalendar(calendar)
    text = re.sub(r"\s+", " ", header or "").strip()
    compact = text.replace(" ", "")
    for pattern, form in _CN_PERIODS:
        match = pattern.search(compact)
        if not match:
            continue
        year = match.group(1)
        if form == "date":
            month, day = int(match.group(2)), int(match.group(3))
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            return f"{year}-{month:02d}-{day:02d}"
        if form == "start":
            return f"{int(year) - 1}-12-31"
        return form.format(y=year)
    chinese_span = _CN_SPAN.search(compact)
    year_printed = re.search(_YEAR, compact)
    if chinese_span and year_printed:
        # "截至6月30日止6个月期间 2006年（未经审计）" (a Hong Kong-style statement): a half year, not the year 2006.
        month = int(chinese_span.group(1))
        count = chinese_span.group(3)
        months = int(count) if count.isdigit() else _CN_COUNT.get(count, 0)
        year = year_printed.group(1)
        if months == 6 and month == 6:
            return f"{year}H1"
        if months == 9 and month == 9:
            return f"{year}9M"
        if months == 3 and month % 3 == 0:
            return f"{year}Q{month // 3}"
        if months == 12:
            return year
    english = _english_period(text, calendar, span)
    if english:
        return english
    bare = _BARE_YEAR.search(compact)
    if bare:
        return bare.group(1)
    year = calendar.year
    if year and _OPENING.search(text):
        return period_end(str(int(year) - 1), calendar.fiscal_year_end)
    if year and _PREVIOUS.search(text):
        if _AT_END.search(text):
            return period_end(str(int(year) - 1), calendar.fiscal_year_end)
        return _shift(calendar.period, -1)
    if year and _CURRENT.search(text):
        if _AT_END.search(text):
            return period_end(calendar.period, calendar.fiscal_year_end)
        return calendar.period if len(calendar.period) > 4 else year
    return ""


def period_end(period: str, fiscal_year_end: str = "") -> str:
    """The date a period ends on ("2024" → "2024-12-31", "2024H1" → "2024-06-30")."""
    if is_instant(period) or not period[:4].isdigit():
        return period
    year, part = period[:4], period[4:]
    if part in ("", "Q4"):
        return f"{year}-{fiscal_year_end or '12-31'}"
    return f"{year}-" + {"H1": "06-30", "Q1": "03-31", "Q2": "06-30", "Q3": "09-30", "9M": "09-30"}.get(part, "12-31")


def _shift(period: str, years: int) -> str:
    """The same period ``years`` earlier or later ("2024H1" → "2023H1")."""
    return str(int(period[:4]) + years) + period[4:] if period[:4].isdigit() else ""


def year_of(period: str) -> str:
    return period[:4] if period[:4].isdigit() else ""


def is_instant(period: str) -> bool:
    """A date ("2024-12-31"), as a balance-sheet column, rather than a span of time."""
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", period or ""))


def header_spans(header_rows: list[list[str]]) -> list[int]:
    """Per column, the months of the duration a header row above states ("Three Months Ended"
    over two year columns, "Six Months Ended" over the next two); 0 when none is stated."""
    width = max((len(r) for r in header_rows), default=0)
    spans = [0] * width
    for row in header_rows:
        stated = [c for c in range(width) if _span_months(row[c] if c < len(row) else "")]
        for c in stated:
            months = _span_months(row[c])
            # A spanning header covers its own column and the empty ones to its right.
            spans[c] = months
            k = c + 1
            while k < width and not (row[k] if k < len(row) else "").strip():
                spans[k] = months
                k += 1
        if len(stated) == 1:
            # One duration for the whole row, centred over it and merged into the middle column's head
            # ("September 24, 2022 | Years ended September 25, 2021 | September 26, 2020"): every column's.
            for c in range(1, width):
                if not spans[c] and (row[c] if c < len(row) else "").strip():
                    spans[c] = _span_months(row[stated[0]])
    return spans


def ordered_periods(header_rows: list[list[str]], calendar: ReportCalendar) -> list[str]:
    """The periods the header rows name, left to right, when the row of years and the rows of
    dates above it are offset from the value columns (SEC statements: "September 24, | Years ended
    September 25, | September 26," over "2022 2021 2020")."""
    years_row = None
    for row in reversed(header_rows):
        years = [y for cell in row for y in _BARE_YEAR.findall(cell)]
        if years:
            years_row = (row, years)
            break
    if years_row is None:
        return []
    row, years = years_row
    joined = " ".join(c for c in row if c)
    dates_in_row = _EN_DATE.findall(joined)
    above = " ".join(" ".join(c for c in r if c) for r in header_rows if r is not row)
    spans = [m for m in (_span_months(part) for part in re.split(r"(?=\b(?:three|six|nine|twelve)\b|\byears?\s+ended)",
                                                                  above, flags=re.I)) if m]
    month_days = _EN_MONTH_DAY.findall(above)
    if dates_in_row and len(dates_in_row) == len(years):
        month_days = [(m, d) for m, d, _ in dates_in_row]
    if month_days and len(years) > len(month_days) and len(years) % len(month_days) == 0:
        # One "May 31," over every year column, or "Three Months Ended June 30, | Six Months Ended
        # June 30," each over its own pair of years.
        group = len(years) // len(month_days)
        month_days = [month_days[i // group] for i in range(len(years))]
    out = []
    for i, year in enumerate(years):
        span = spans[min(i * len(spans) // len(years), len(spans) - 1)] if spans else 0
        if month_days and len(month_days) == len(years):
            month, day = month_days[i]
            out.append(period_of(f"{month} {day}, {year}", calendar, span=span))
        elif span == 12 or not month_days:
            out.append(_english_period(f"fiscal {year}", calendar, 12) if span == 12 else year)
        else:
            out.append(year)
    return out
