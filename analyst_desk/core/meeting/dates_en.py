"""The English date rules: "by next Friday", "end of the month", "before the Mid-Autumn holiday", "the 25th".

Each rule registers its pattern in ``EN_RULES``; ``dates.find_due_dates`` reads them all.
"""

from __future__ import annotations

import datetime as dt
import re

from analyst_desk.core.meeting.dates_zh import around_holiday
from analyst_desk.core.meeting.due_date import (
    EN_MONTH,
    EN_NUMBER,
    EN_WEEKDAY,
    add_business_days,
    add_months,
    month_end,
    upcoming,
    week_start,
)

EN_RULES: list[tuple[re.Pattern, object]] = []


def _en(pattern: str):
    def register(fn):
        EN_RULES.append((re.compile(r"(?:\b(?:by|before|until|on|due|no later than)\s+)?" + pattern, re.IGNORECASE), fn))
        return fn
    return register


_WD = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"


@_en(r"\b(?P<which>next|this|coming|the following)?\s*(?P<d>" + _WD + r")\b")
def _en_weekday(m, meeting):
    weekday = EN_WEEKDAY[m.group("d").lower()]
    which = (m.group("which") or "").lower()
    if which in {"next", "the following"}:
        return week_start(meeting) + dt.timedelta(days=7 + weekday), False
    if which == "this":
        return week_start(meeting) + dt.timedelta(days=weekday), False
    return upcoming(meeting, weekday), False


@_en(r"\b(?:this (?:afternoon|morning|evening)|later today|by lunch(?:time)?|after (?:the|this) (?:call|meeting))\b")
def _en_later_today(m, meeting):
    return meeting, False


@_en(r"\b(?:end of (?:the |this )?week|eow|by the weekend)\b")
def _en_end_of_week(m, meeting):
    return max(meeting, week_start(meeting) + dt.timedelta(days=4)), False


@_en(r"\b(?P<part>early|mid|late)[- ]next week\b")
def _en_next_week_part(m, meeting):
    return week_start(meeting) + dt.timedelta(days=7 + {"early": 1, "mid": 2, "late": 4}[m.group("part").lower()]), True


@_en(r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?![\d/])")
def _en_slash_date(m, meeting):
    date = dt.date(meeting.year, int(m.group("m")), int(m.group("d")))  # "by 10/15": month/day
    if date < meeting - dt.timedelta(days=31):
        date = dt.date(meeting.year + 1, date.month, date.day)
    return date, False


@_en(r"(?<!day )(?<!day, )(?<!tomorrow )(?<!tomorrow, )\b(?P<which>today|tomorrow|the day after tomorrow|tonight|end of (?:the )?day|eod|cob|close of business)\b"
     r"(?!,?\s+(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun|tomorrow|next|this))")
def _en_day(m, meeting):
    offset = {"tomorrow": 1, "the day after tomorrow": 2}.get(m.group("which").lower(), 0)
    return meeting + dt.timedelta(days=offset), False


@_en(r"\b(?:(?:the\s+)?end of (?:the )?(?:business )?day|eod|cob|close of (?:business|play))[,\s]+(?P<which>tomorrow|today)\b")
def _en_end_of_day(m, meeting):
    """"by end of day tomorrow": the day said after the end of the day."""
    return meeting + dt.timedelta(days=1 if m.group("which").lower() == "tomorrow" else 0), False


@_en(r"\b(?:the\s+)?(?P<part>end|middle|start|beginning)\s+of\s+(?:the\s+)?(?P<which>this|next|the)?\s*month\b|"
     r"\b(?P<which2>next\s+)?month[- ]end\b")
def _en_month_part(m, meeting):
    which = (m.group("which") or m.group("which2") or "").strip().lower()
    months = 1 if which == "next" else 0
    part = (m.group("part") or "end").lower()
    if part == "end":
        return month_end(meeting.year, meeting.month + months), False
    if part == "middle":
        return add_months(meeting, months, 15), True
    return add_months(meeting, months or 1, 5), True


@_en(r"(?:\b(?:the\s+)?end\s+of\s+Q(?P<q>[1-4])\b|\bQ(?P<q2>[1-4])[- ]end\b|(?:(?<=by )|(?<=before )|(?<=until ))Q(?P<q3>[1-4])\b)")
def _en_numbered_quarter(m, meeting):
    """"by end of Q3", "Q3-end", "by Q3": the last day of that quarter."""
    quarter = int(m.group("q") or m.group("q2") or m.group("q3"))  # "the Q1 numbers" is no date
    return month_end(meeting.year + (1 if quarter * 3 < meeting.month else 0), quarter * 3), False


@_en(r"\b(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?P<which>this|next|the)?\s*quarter|(?P<which2>next\s+)?quarter[- ]end)\b")
def _en_quarter(m, meeting):
    month = ((meeting.month - 1) // 3 + 1) * 3 + (3 if "next" in (m.group("which") or m.group("which2") or "") else 0)
    return month_end(meeting.year, month), False


@_en(r"\b(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?P<which>this|next|the)?\s*year|year[- ]end)\b")
def _en_year(m, meeting):
    return dt.date(meeting.year + (1 if m.group("which") == "next" else 0), 12, 31), False


@_en(r"\b(?:in|within|over)\s+(?:the\s+next\s+)?(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\s+"
     r"(?P<unit>business days?|working days?|days?|weeks?|fortnight)\b")
def _en_within(m, meeting):
    n_text = m.group("n").lower()
    n = int(n_text) if n_text.isdigit() else EN_NUMBER[n_text]
    unit = m.group("unit").lower()
    if unit.startswith(("business", "working")):
        return add_business_days(meeting, n), False
    if unit == "fortnight":
        return meeting + dt.timedelta(days=14 * n), False
    return meeting + dt.timedelta(days=n * 7 if unit.startswith("week") else n), False


@_en(r"\b(?P<part>early|mid|late|(?:(?<=by )|(?<=before )|(?<=until )|(?<=by the )|(?<=before the ))end of)[- ](?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")
def _en_month_third(m, meeting):
    """"by mid-June", "early July", "end of September"."""
    month = EN_MONTH[m.group("mon").lower()[:3]]
    year = meeting.year + (1 if month < meeting.month else 0)
    part = m.group("part").lower()
    if part == "end of":
        return month_end(year, month), False
    return dt.date(year, month, {"early": 5, "mid": 15, "late": 25}[part]), True


@_en(r"\b(?:in|within|over)\s+the\s+next\s+(?P<n>couple of|few|two|three)\s+days\b")
def _en_next_days(m, meeting):
    return meeting + dt.timedelta(days=2 if m.group("n").lower() in {"couple of", "two"} else 3), True


@_en(r"\b(?P<which>next|this)\s+week\b")
def _en_week(m, meeting):
    weeks = 1 if m.group("which").lower() == "next" else 0
    return max(meeting, week_start(meeting) + dt.timedelta(days=7 * weeks + 4)), True


@_en(r"\b(?:(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?"
     r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)"
     r"(?:,?\s+(?P<y>20\d{2}))?\b")
def _en_absolute(m, meeting):
    month = EN_MONTH[(m.group("mon") or m.group("mon2")).lower()[:3]]
    day = int(m.group("d") or m.group("d2"))
    year = int(m.group("y")) if m.group("y") else meeting.year
    date = dt.date(year, month, day)
    if not m.group("y") and date < meeting - dt.timedelta(days=31):
        date = dt.date(year + 1, month, day)
    return date, False


_EN_HOLIDAYS = {"mid-autumn": "中秋", "mid autumn": "中秋", "moon festival": "中秋", "national day": "国庆",
                "golden week": "国庆", "chinese new year": "春节", "lunar new year": "春节", "spring festival": "春节",
                "dragon boat": "端午", "qingming": "清明", "tomb[- ]sweeping": "清明", "labou?r day": "劳动节",
                "may day": "劳动节", "new year's day": "元旦"}


@_en(r"\b(?:(?P<first>(?:the )?first (?:working|business) day)\s+)?(?P<when>before|after|ahead of|following)\s+(?:the\s+)?(?P<name>"
     + "|".join(_EN_HOLIDAYS) + r")(?:\s+(?:holidays?|festival|break))?")
def _en_holiday(m, meeting):
    said = m.group("name").lower()
    name = next(v for k, v in _EN_HOLIDAYS.items() if re.fullmatch(k, said))
    return around_holiday(meeting, name, m.group("when").lower() in {"after", "following"}, bool(m.group("first")))


@_en(r"\b(?:the )?first (?:working|business) day after the (?:holidays?|break)\b|\bbefore the (?:holidays?|break)\b")
def _en_next_holiday(m, meeting):
    """"the first working day after the holiday": the next holiday in the calendar."""
    return around_holiday(meeting, "", m.group(0).lower().startswith(("the first", "first")), False)


@_en(r"\bthe\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))")
def _en_day_of_month(m, meeting):
    day = int(m.group("d"))
    date = add_months(meeting, 0, day)
    if date < meeting:
        date = add_months(meeting, 1, day)
    return date, False


_ORDINALS = {w: n for n, w in enumerate(["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                                         "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
                                         "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"], start=1)}


@_en(r"(?:(?<=\bby )|(?<=\bon )|(?<=\bbefore )|(?<=\buntil )|(?<=\btill ))the\s+(?:(?P<tens>twenty|thirty)[\s-]+)?(?P<unit>" + "|".join(_ORDINALS) + r"|thirtieth)\b"
     r"(?!\s+(?:thing|time|step|item|one|quarter|half|week|of\s+(?:the|this|next)))")
def _en_spelled_day(m, meeting):
    """"before the twenty eighth" as a speech recogniser writes the 28th."""
    unit = m.group("unit").lower()
    day = 30 if unit == "thirtieth" else _ORDINALS[unit] + {"twenty": 20, "thirty": 30}.get((m.group("tens") or "").lower(), 0)
    if day > 31 or (m.group("tens") and unit in {"twentieth", "thirtieth"}):
        raise ValueError("not a day of the month")
    date = add_months(meeting, 0, day)
    if date < meeting:
        date = add_months(meeting, 1, day)
    return date, False


@_en(r"(?<![\d.])(?P<y>20\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
def _iso(m, meeting):
    return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), False

