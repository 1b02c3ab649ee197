"""Due dates: find "下周一前", "月底", "by next Friday", "3月20日" in a sentence and resolve them.

A relative date means nothing without the meeting date, so every resolution is against it and
keeps the speaker's own words next to the calendar date ("下周一 → 2026-03-09"). Conventions,
written down because people differ: "next Friday" / 下周五 is the Friday of next week; a bare
weekday ("Friday", 周五) is the next one after the meeting day (said on a Friday: next Friday); "next week" / 下周 alone is
that week's Friday; 月初 is the 5th. Approximate resolutions are marked as such.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from analyst_desk.core.cjk import HAN

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10}
_CN_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}
_EN_WEEKDAY = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                            "sunday"])}
_EN_MONTH = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                         "nov", "dec"], start=1)}
_EN_NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
              "ten": 10, "a": 1, "an": 1}


@dataclass
class DueDate:
    """A due date as said and as resolved."""

    words: str  # the speaker's words, e.g. "下周一之前"
    date: dt.date
    approximate: bool = False  # "下周", "月初": a reading, not a stated day
    time: str = ""  # "22:00" when a time of day was said ("周四晚上十点前")

    def label(self) -> str:
        mark = "≈" if self.approximate else ""
        when = self.date.isoformat() + (f" {self.time}" if self.time else "")
        return f"{mark}{when}（{self.words}）" if re.search(rf"[{HAN}]", self.words) \
            else f"{mark}{when} ({self.words})"

    def to_json(self) -> dict:
        return {"words": self.words, "date": self.date.isoformat(), "approximate": self.approximate,
                **({"time": self.time} if self.time else {})}

    @classmethod
    def from_json(cls, data: dict | None) -> "DueDate | None":
        if not data:
            return None
        return cls(words=data["words"], date=dt.date.fromisoformat(data["date"]),
                   approximate=bool(data.get("approximate")), time=data.get("time", ""))


def _cn_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text in _CN_DIGITS:
        return _CN_DIGITS[text]
    if len(text) == 2 and text[0] == "十":
        return 10 + _CN_DIGITS.get(text[1], 0)
    if len(text) in (2, 3) and text[1] == "十":
        return _CN_DIGITS.get(text[0], 0) * 10 + (_CN_DIGITS.get(text[2], 0) if len(text) == 3 else 0)
    return None


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _month_end(year: int, month: int) -> dt.date:
    while month > 12:
        year, month = year + 1, month - 12
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int, day_of_month: int) -> dt.date:
    month = day.month + months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, min(day_of_month, calendar.monthrange(year, month)[1]))


def _add_business_days(day: dt.date, count: int) -> dt.date:
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _upcoming(meeting: dt.date, weekday: int) -> dt.date:
    # "周三前" said on a Wednesday means next Wednesday: nobody sets a deadline of "Wednesday" for today.
    return meeting + dt.timedelta(days=(weekday - meeting.weekday()) % 7 or 7)


_NUM = r"\d{1,3}|[一二两三四五六七八九十]{1,3}"
_BY = r"(?:(?:在|于)\s*)?"
_ZH_RULES: list[tuple[re.Pattern, object]] = []
_EN_RULES: list[tuple[re.Pattern, object]] = []


def _zh(pattern: str):
    def register(fn):
        _ZH_RULES.append((re.compile(_BY + pattern + r"(?:之前|以前|前|为止|内|左右)?"), fn))
        return fn
    return register


def _en(pattern: str):
    def register(fn):
        _EN_RULES.append((re.compile(r"(?:\b(?:by|before|until|on|due|no later than)\s+)?" + pattern, re.IGNORECASE), fn))
        return fn
    return register


# -- Chinese ---------------------------------------------------------------------------------------
@_zh(r"(?:(?P<y>20\d{2})\s*年\s*)?(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]")
def _zh_absolute(m, meeting):
    month, day = _cn_number(m.group("m")), _cn_number(m.group("d"))
    year = int(m.group("y")) if m.group("y") else meeting.year
    date = dt.date(year, month, day)
    if not m.group("y") and date < meeting - dt.timedelta(days=31):
        date = dt.date(year + 1, month, day)  # "1月10日" said in December means next January
    return date, False


@_zh(r"(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月\s*(?P<part>底|末|初|中旬|上旬|下旬|中)")
def _zh_named_month_part(m, meeting):
    month = _cn_number(m.group("m"))
    year = meeting.year + (1 if month < meeting.month - 1 else 0)  # "3月底" said in November is next March
    part = m.group("part")
    if part in {"底", "末"}:
        return _month_end(year, month), False
    if part == "下旬":
        return dt.date(year, month, 25), True
    return dt.date(year, month, 5 if part in {"初", "上旬"} else 15), True


@_zh(r"(?<![今明去])年(?P<when>前|后)(?!的)")
def _zh_new_year(m, meeting):
    return _around_holiday(meeting, "春节", m.group("when") == "后", False)  # 年前/年后: the Spring Festival


@_zh(r"(?P<which>(?<!一)下周|(?<!一)下个?星期|(?<!一)下礼拜)(?P<part>初|中)")
def _zh_next_week_part(m, meeting):
    return _week_start(meeting) + dt.timedelta(days=7 + (1 if m.group("part") == "初" else 2)), True


@_zh(r"(?:本月|这个月|当月)内")
def _zh_this_month(m, meeting):
    return _month_end(meeting.year, meeting.month), False


@_zh(r"(?<![\d.])(?P<m>1[0-2]|0?[1-9])[./](?P<d>3[01]|[12]\d|0?[1-9])(?=\s*(?:前|之前|以前|号|日|（|\(|周|星期))")
def _zh_month_dot_day(m, meeting):
    date = dt.date(meeting.year, int(m.group("m")), int(m.group("d")))  # "10.15前" in Chinese business writing
    if date < meeting - dt.timedelta(days=31):
        date = dt.date(meeting.year + 1, date.month, date.day)
    return date, False


@_zh(r"(?P<name>春节|过年|元旦|元宵节?|正月十五|清明节?|五一|劳动节|端午节?|中秋节?|国庆节?|十一)?(?P<gen>节|长假|假期|放假|节假日)?"
     r"(?:假期|长假|放假)?(?:之|以)?(?P<when>后|前)(?:的)?(?P<first>第一个工作日|第一天|"
     r"上班第一天|最后一个工作日|最后一天|(?P<n>[一二两三四五\d])个工作日)?")
def _zh_holiday(m, meeting):
    # "节前", "十一之前", "国庆假期前", "放假前" (the next holiday); "前" alone, or "之前" after a date, is no holiday
    if not (m.group("name") or m.group("gen")):
        raise ValueError("no holiday named")
    name = {"正月十五": "元宵"}.get(m.group("name") or "", m.group("name") or "")
    day, approximate = _around_holiday(meeting, name, m.group("when") == "后", bool(m.group("first")))
    if m.group("n"):  # "春节前三个工作日": count working days back (or on) from the first one
        from analyst_desk.core.meeting import holidays

        step = dt.timedelta(days=1 if m.group("when") == "后" else -1)
        for _ in range((_cn_number(m.group("n")) or 1) - 1):
            day += step
            while not holidays.is_working_day(day):
                day += step
    return day, approximate


def _around_holiday(meeting: dt.date, name: str, after: bool, exact: bool):
    """The last working day before a holiday, or the first after it, from the shipped calendar."""
    from analyst_desk.core.meeting import holidays

    if meeting.year not in holidays.KNOWN_YEARS:
        raise ValueError("no holiday calendar for this year")
    holiday = holidays.next_holiday(meeting, name)
    if holiday is None:
        raise ValueError("no holiday calendar for this year")
    day = holidays.first_working_day_after(holiday) if after else holidays.last_working_day_before(holiday)
    return day, not exact or not holiday.official


@_zh(r"(?P<which>(?<!一)下下|再下个?|(?<!一)下个|(?<!一)下|本|这个|这|同)?\s*(?:周|星期|礼拜)(?P<d>[一二三四五六日天末])")
def _zh_weekday(m, meeting):
    weekday = _CN_WEEKDAY[m.group("d")]
    which = m.group("which") or ""
    if which.startswith(("下下", "再下")):  # "再下周三": the Wednesday of the week after next
        return _week_start(meeting) + dt.timedelta(days=14 + weekday), False
    if which.startswith("下"):
        return _week_start(meeting) + dt.timedelta(days=7 + weekday), False
    if which:
        return _week_start(meeting) + dt.timedelta(days=weekday), False
    return _upcoming(meeting, weekday), False


@_zh(r"(?P<which>(?<!一)下下|(?<!一)下个|(?<!一)下)(?:周|星期|礼拜)(?![一二三四五六日天末])")
def _zh_next_week(m, meeting):
    weeks = 2 if m.group("which") == "下下" else 1
    return _week_start(meeting) + dt.timedelta(days=7 * weeks + 4), True


@_zh(r"(?:本周|这周|这个星期|本星期|这个?礼拜|本礼拜)(?:内)?(?![一二三四五六日天末])")
def _zh_this_week(m, meeting):
    return max(meeting, _week_start(meeting) + dt.timedelta(days=4)), True


@_zh(r"(?P<which>今天|今日|今晚|今早|今儿个?|明天|明日|明早|明晚|明儿个?|后天|大后天)")
def _zh_day(m, meeting):
    which = m.group("which")
    offset = 0 if which.startswith("今") else 1 if which.startswith("明") else {"后天": 2, "大后天": 3}[which]
    return meeting + dt.timedelta(days=offset), False


@_zh(r"(?:(?P<which>下下个月|(?<!一)下个?月|本月|这个月|当月)|(?<!上)(?<!上个)月)\s*(?P<part>底|末|初|中旬|中|上旬|下旬)")
def _zh_month_part(m, meeting):
    which = m.group("which") or ""
    months = 2 if which.startswith("下下") else 1 if which.startswith("下") else 0
    part = m.group("part")
    if part in {"底", "末", "下旬"}:
        day = _month_end(meeting.year, meeting.month + months)
        return (day if part != "下旬" else day.replace(day=25)), part == "下旬"
    if part in {"初", "上旬"}:
        if months == 0 and not which:
            months = 1  # "月初" said mid-month means the start of next month
        return _add_months(meeting, months, 5), True
    return _add_months(meeting, months, 15), True


@_zh(r"(?:(?:第)?(?P<q>[一二三四1-4])\s*季度(?P<part>末|底)|[Qq](?P<q2>[1-4])\s*(?:末|底))")
def _zh_numbered_quarter_end(m, meeting):
    """"三季度末", "Q3末": the end of that quarter of the meeting's year (next year's when it has passed)."""
    quarter = _cn_number(m.group("q")) if m.group("q") else int(m.group("q2"))
    year = meeting.year + (1 if quarter * 3 < meeting.month else 0)
    return _month_end(year, quarter * 3), False


@_zh(r"(?P<which>(?<!一)下个?|本|这个|当)月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[号日]")
def _zh_month_day(m, meeting):
    """"下个月10号前", "本月25日前"."""
    months = 1 if m.group("which").startswith("下") else 0
    return _add_months(meeting, months, _cn_number(m.group("d")) or 1), False


@_zh(r"(?P<which>本|这个|下个?)?\s*季度?(?P<part>末|底)")
def _zh_quarter_end(m, meeting):
    quarter_end_month = ((meeting.month - 1) // 3 + 1) * 3
    if (m.group("which") or "").startswith("下"):
        quarter_end_month += 3
    return _month_end(meeting.year, quarter_end_month), False


@_zh(r"(?P<which>今|明|本)?年(?P<part>底|末)")
def _zh_year_end(m, meeting):
    year = meeting.year + (1 if m.group("which") == "明" else 0)
    return dt.date(year, 12, 31), False


@_zh(rf"(?P<n>{_NUM})\s*(?P<unit>个工作日|个?星期|周|天|日)(?P<rel>内|后|之内|以内)")
def _zh_within(m, meeting):
    n = _cn_number(m.group("n")) or 0
    unit = m.group("unit")
    if unit == "个工作日":
        return _add_business_days(meeting, n), False
    days = n * 7 if ("周" in unit or "星期" in unit) else n
    return meeting + dt.timedelta(days=days), False


@_zh(r"(?:(?<![月\d])|(?<=每月))(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*号")
def _zh_day_of_month(m, meeting):
    day = _cn_number(m.group("d")) or 1
    date = _add_months(meeting, 0, day)
    if date < meeting:
        date = _add_months(meeting, 1, day)
    return date, False


# -- English ---------------------------------------------------------------------------------------
_WD = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"


@_en(r"\b(?P<which>next|this|coming|the following)?\s*(?P<d>" + _WD + r")\b")
def _en_weekday(m, meeting):
    weekday = _EN_WEEKDAY[m.group("d").lower()]
    which = (m.group("which") or "").lower()
    if which in {"next", "the following"}:
        return _week_start(meeting) + dt.timedelta(days=7 + weekday), False
    if which == "this":
        return _week_start(meeting) + dt.timedelta(days=weekday), False
    return _upcoming(meeting, weekday), False


@_en(r"\b(?:this (?:afternoon|morning|evening)|later today|by lunch(?:time)?|after (?:the|this) (?:call|meeting))\b")
def _en_later_today(m, meeting):
    return meeting, False


@_en(r"\b(?:end of (?:the |this )?week|eow|by the weekend)\b")
def _en_end_of_week(m, meeting):
    return max(meeting, _week_start(meeting) + dt.timedelta(days=4)), False


@_en(r"\b(?P<part>early|mid|late)[- ]next week\b")
def _en_next_week_part(m, meeting):
    return _week_start(meeting) + dt.timedelta(days=7 + {"early": 1, "mid": 2, "late": 4}[m.group("part").lower()]), True


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
        return _month_end(meeting.year, meeting.month + months), False
    if part == "middle":
        return _add_months(meeting, months, 15), True
    return _add_months(meeting, months or 1, 5), True


@_en(r"(?:\b(?:the\s+)?end\s+of\s+Q(?P<q>[1-4])\b|\bQ(?P<q2>[1-4])[- ]end\b|(?:(?<=by )|(?<=before )|(?<=until ))Q(?P<q3>[1-4])\b)")
def _en_numbered_quarter(m, meeting):
    """"by end of Q3", "Q3-end", "by Q3": the last day of that quarter."""
    quarter = int(m.group("q") or m.group("q2") or m.group("q3"))  # "the Q1 numbers" is no date
    return _month_end(meeting.year + (1 if quarter * 3 < meeting.month else 0), quarter * 3), False


@_en(r"\b(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?P<which>this|next|the)?\s*quarter|(?P<which2>next\s+)?quarter[- ]end)\b")
def _en_quarter(m, meeting):
    month = ((meeting.month - 1) // 3 + 1) * 3 + (3 if "next" in (m.group("which") or m.group("which2") or "") else 0)
    return _month_end(meeting.year, month), False


@_en(r"\b(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?P<which>this|next|the)?\s*year|year[- ]end)\b")
def _en_year(m, meeting):
    return dt.date(meeting.year + (1 if m.group("which") == "next" else 0), 12, 31), False


@_en(r"\b(?:in|within)\s+(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\s+"
     r"(?P<unit>business days?|working days?|days?|weeks?)\b")
def _en_within(m, meeting):
    n_text = m.group("n").lower()
    n = int(n_text) if n_text.isdigit() else _EN_NUMBER[n_text]
    unit = m.group("unit").lower()
    if unit.startswith(("business", "working")):
        return _add_business_days(meeting, n), False
    return meeting + dt.timedelta(days=n * 7 if unit.startswith("week") else n), False


@_en(r"\b(?P<part>early|mid|late|(?:(?<=by )|(?<=before )|(?<=until )|(?<=by the )|(?<=before the ))end of)[- ](?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")
def _en_month_third(m, meeting):
    """"by mid-June", "early July", "end of September"."""
    month = _EN_MONTH[m.group("mon").lower()[:3]]
    year = meeting.year + (1 if month < meeting.month else 0)
    part = m.group("part").lower()
    if part == "end of":
        return _month_end(year, month), False
    return dt.date(year, month, {"early": 5, "mid": 15, "late": 25}[part]), True


@_en(r"\b(?:in|within|over)\s+the\s+next\s+(?P<n>couple of|few|two|three)\s+days\b")
def _en_next_days(m, meeting):
    return meeting + dt.timedelta(days=2 if m.group("n").lower() in {"couple of", "two"} else 3), True


@_en(r"\b(?P<which>next|this)\s+week\b")
def _en_week(m, meeting):
    weeks = 1 if m.group("which").lower() == "next" else 0
    return max(meeting, _week_start(meeting) + dt.timedelta(days=7 * weeks + 4)), True


@_en(r"\b(?:(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?"
     r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)"
     r"(?:,?\s+(?P<y>20\d{2}))?\b")
def _en_absolute(m, meeting):
    month = _EN_MONTH[(m.group("mon") or m.group("mon2")).lower()[:3]]
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
    return _around_holiday(meeting, name, m.group("when").lower() in {"after", "following"}, bool(m.group("first")))


@_en(r"\b(?:the )?first (?:working|business) day after the (?:holidays?|break)\b|\bbefore the (?:holidays?|break)\b")
def _en_next_holiday(m, meeting):
    """"the first working day after the holiday": the next holiday in the calendar."""
    return _around_holiday(meeting, "", m.group(0).lower().startswith(("the first", "first")), False)


@_en(r"\bthe\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))")
def _en_day_of_month(m, meeting):
    day = int(m.group("d"))
    date = _add_months(meeting, 0, day)
    if date < meeting:
        date = _add_months(meeting, 1, day)
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
    date = _add_months(meeting, 0, day)
    if date < meeting:
        date = _add_months(meeting, 1, day)
    return date, False


@_en(r"(?<![\d.])(?P<y>20\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
def _iso(m, meeting):
    return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), False


_START_BEFORE = re.compile(r"(?:从|自|由|\b(?:from|starting|beginning|as of|effective)\s+)\s*$", re.IGNORECASE)
_START_AFTER = re.compile(r"^\s*(?:起|开始(?!前)|以后(?!前)|之后(?!前)|的(?![^，。]{0,6}(?:前|之前)))")


def _starts_then(text: str, start: int, end: int) -> bool:
    """Whether the date at ``text[start:end]`` says when something starts ("从下周起", "下个月开始", "from Monday")."""
    if re.search(r"(?:之前|以前|前|为止|内)$", text[start:end]):
        return False
    return bool(_START_BEFORE.search(text[max(0, start - 12):start]) or _START_AFTER.match(text[end:end + 3]))


def find_due_dates(text: str, meeting: dt.date) -> list[DueDate]:
    """Every due-date expression in ``text``, resolved against the meeting date, in reading order.

    When two rules match overlapping words, the longer match wins ("下周一之前" over "周一").
    """
    found: list[tuple[int, int, DueDate]] = []
    for pattern, rule in [*_ZH_RULES, *_EN_RULES]:
        for match in pattern.finditer(text):
            if not match.group(0).strip():
                continue
            try:
                date, approximate = rule(match, meeting)
            except (ValueError, KeyError, TypeError):
                continue  # "2月30日": not a date; leave it unresolved rather than guess
            if _starts_then(text, match.start(), match.end()):
                continue  # "从下周起改成两班倒", "starting next Monday": when something begins, not a deadline
            words = re.sub(r"^(?:在|于)\s*", "", match.group(0).strip())
            found.append((match.start(), match.end(), DueDate(words, date, approximate)))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, DueDate]] = []
    for start, end, due in found:
        if any(start < k_end and end > k_start for k_start, k_end, _ in kept):
            continue
        kept.append((start, end, due))
    if not kept:  # "by noon", "by 2 p.m.", "by three o'clock": a clock with a deadline word and no date is the meeting's day
        bare_en = re.search(rf"\b(?:say|make it|at)\s+\d{{1,2}}(?::\d{{2}})?\s*(?:a\.?m\.?|p\.?m\.?)(?![\w])|\b(?:by|before|until)\s+(?:noon|midday|\d{{1,2}}(?::\d{{2}})?\s*(?:a\.?m\.?|p\.?m\.?)|"
                            rf"{_EN_HOUR}(?::\d{{2}})?\s*o'?clock|\d{{1,2}}:\d{{2}}|half past\s+{_EN_HOUR}|"
                            rf"{_EN_HOUR}\s+(?:thirty|fifteen|forty-five))(?![\w:])", text, re.IGNORECASE)
        if bare_en and not re.search(rf"[{HAN}]", text):
            today = DueDate("today", meeting)
            clock = _EN_CLOCK_BEFORE.search(bare_en.group(0))
            if clock:
                hour = 12 if clock.group("noon") else int(clock.group("h")) if clock.group("h") else _en_hour(clock.group("h2"))
                minute = 30 if clock.group("half") else int(clock.group("min") or clock.group("min2") or 0)
                minute = {"thirty": 30, "fifteen": 15, "forty-five": 45}.get((clock.group("mw") or "").lower(), minute)
                ampm = (clock.group("ampm") or "").lower().replace(".", "")
                hour += 12 if (ampm == "pm" or (not ampm and not clock.group("noon") and 1 <= hour <= 6)) and hour < 12 else 0
                if hour <= 23 and minute <= 59:
                    today.time, today.words = f"{hour:02d}:{minute:02d}", bare_en.group(0)
                    return [today]
    if not kept:  # "五点前报给我": a time of day with a deadline word and no date is the meeting's day
        bare = _BARE_CLOCK.search(text)
        if bare:
            period = re.search(r"凌晨|早上|上午|中午|下午|傍晚|晚上|今晚", text[:bare.start()])
            has_period = re.match(r"凌晨|早上|上午|中午|下午|傍晚|晚上|今晚", bare.group(0))
            said = bare.group(0) if has_period or not period else period.group(0) + bare.group(0)
            clock = _time_after(said, 0, DueDate("今天", meeting))  # "下午的盘点…五点前" is 17:00
            if clock:
                return [DueDate(bare.group(0).strip(), meeting, False, clock[0])]
    for start, end, due in kept:
        clock = _time_after(text, end, due)
        if clock:
            due.time, words = clock
            due.words = (due.words + words).strip()
            continue
        before = _EN_CLOCK_BEFORE.search(text[max(0, start - 16):start])
        if before and not re.search(rf"[{HAN}]", due.words):  # "by 3pm Friday", "by noon tomorrow"
            hour = 12 if before.group("noon") else int(before.group("h")) if before.group("h") else _en_hour(before.group("h2"))
            minute = int(before.group("min") or before.group("min2") or 0) if not before.group("half") else 30
            minute = {"thirty": 30, "fifteen": 15, "forty-five": 45}.get((before.group("mw") or "").lower(), minute)
            if before.group("h2") and (1 <= hour <= 6 or re.search(r"afternoon|evening|tonight", due.words, re.IGNORECASE)) \
                    and hour < 12:
                hour += 12  # "by 4:30 tomorrow", "by 3 this afternoon": in office hours that is the afternoon
            ampm = (before.group("ampm") or "").lower().replace(".", "")
            hour += 12 if ampm == "pm" and hour < 12 else 0
            if hour <= 23 and minute <= 59:
                due.time = f"{hour:02d}:{minute:02d}"
                due.words = f"{before.group(0).strip()} {due.words}"
    return [due for _, _, due in sorted(kept, key=lambda k: k[0])]


_ZH_PERIOD = {"凌晨": 0, "早上": 0, "早晨": 0, "上午": 0, "中午": 12, "下午": 12, "傍晚": 12, "晚上": 12, "今晚": 12, "晚": 12}
_ZH_CLOCK = re.compile(r"^\s*(?P<period>凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|今晚|晚)?\s*(?P<h>\d{1,2}|[一二两三四五六七八九十]{1,3})"
                       r"\s*(?:点|时|:|：)(?P<half>半)?(?:(?P<min>\d{1,2})\s*分?)?(?P<tail>\s*(?:之前|以前|前|为止|到(?=[，,。；;\s]|$)))?")
_EN_CLOCK = re.compile(r"^\s*(?:,\s*)?(?:at|by|before)?\s*(?P<h>\d{1,2})(?::(?P<min>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)"
                       r"|^\s*(?:,\s*)?(?:at|by|before)?\s*(?P<h2>\d{1,2}):(?P<min2>\d{2})\b|^\s*(?:,\s*)?(?:at|by|before)?\s*(?P<noon>noon|midday)\b",
                       re.IGNORECASE)


_EN_HOURS = {w: i for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), start=1)}
_EN_HOUR = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_EN_CLOCK_BEFORE = re.compile(r"(?:\b(?:by|before|at|until)\s+)?(?:(?P<h>\d{1,2})(?::(?P<min>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)|"
                              r"(?P<noon>noon|midday))\s*(?:on\s+|,\s*)?$"
                              # "by 9:30 tomorrow", "by 10 tomorrow morning", "before five on Friday", "by half past two":
                              # a clock with a deadline word before it needs no am/pm (office hours decide)
                              rf"|\b(?:by|before|at|until)\s+(?:(?P<half>half past)\s+)?(?P<h2>{_EN_HOUR})(?::(?P<min2>\d{{2}})|"
                              r"\s+(?P<mw>thirty|fifteen|forty-five))?(?:\s*o'?clock)?\s*(?:on\s+|,\s*)?$", re.IGNORECASE)


def _en_hour(word: str) -> int:
    return int(word) if word.isdigit() else _EN_HOURS[word.lower()]
_BARE_CLOCK = re.compile(r"(?:凌晨|早上|上午|中午|下午|傍晚|晚上|今晚)?\s*(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*点(?:半)?\s*"
                         r"(?:之前|以前|前|到(?=[，,。；;\s]|$))")


def _time_after(text: str, end: int, due: DueDate) -> tuple[str, str] | None:
    """A time of day said right after a date ("周四晚上十点前" → 22:00, "Friday 5pm" → 17:00), with its words."""
    rest = text[end:end + 16]
    if re.search(rf"[{HAN}]", due.words + rest[:2]):
        rest = re.sub(r"^(?:之前|以前|前)", "", rest) if re.match(r"^\s*(?:之前|以前|前)\s*\d", rest) else rest
        match = _ZH_CLOCK.match(rest)
        if not match:
            noon = re.match(r"^\s*中午(?:之前|以前|前|12点前)?", rest)  # "周五中午前", "明天中午": noon, no hour said
            return ("12:00", noon.group(0).strip()) if noon else None
        hour = _cn_number(match.group("h"))
        if hour is None or hour > 24:
            return None
        # "今晚十点前", "明晚八点前": the evening is in the day's own word
        period = match.group("period") or ("晚上" if due.words.endswith("晚") else "")
        if (_ZH_PERIOD.get(period) == 12 or not period) and 1 <= hour <= 6 or _ZH_PERIOD.get(period) == 12 and hour < 12:
            hour += 12  # "四点到" with no part of the day said: in office hours that is 16:00
        minute = 30 if match.group("half") else int(match.group("min") or 0)
        if minute > 59:
            return None
        return f"{hour % 24:02d}:{minute:02d}", match.group(0).strip()
    match = _EN_CLOCK.match(rest)
    if not match:
        return None
    if match.group("noon"):
        return "12:00", match.group(0).rstrip()
    hour = int(match.group("h") or match.group("h2"))
    minute = int(match.group("min") or match.group("min2") or 0)
    ampm = (match.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}", match.group(0).rstrip()


def _counted_from_an_event(words: str, text: str) -> bool:
    """"收到合同后三个工作日内", "within 3 business days of receiving it": a span from a day nobody has named
    yet, so no date ("会后两天内" counts from the meeting and keeps its date)."""
    if not re.search(r"内$|^within\b", words, re.IGNORECASE):
        return False
    at = text.find(words)
    before, after = text[:at], text[at + len(words):]
    return bool(re.search(r"(?<!会)(?:以后|之后|后)\s*$", before)
                or re.match(r"\s*(?:of|after|from) (?!today|now|the meeting|this call)\w+", after, re.IGNORECASE))


def resolve_due(text: str, meeting: dt.date) -> DueDate | None:
    """The due date a sentence sets: its last date expression ("下周一先给初稿，3月20日前定稿" → 3月20日
    would be two tasks; callers split sentences first, so the last one is the deadline)."""
    # "年报预计4月底出来": when something is expected to happen, not a deadline anyone is given
    found = [d for d in find_due_dates(text, meeting)
             if not re.search(r"(?:预计|估计|预期|\bexpected\b)\s*(?:在|于|on|by)?\s*" + re.escape(d.words) + r"(?!之?前|以前)", text)
             and not _counted_from_an_event(d.words, text)
             # "这周先减三成，下周再看": when the matter is looked at again, not when the work is due
             and not re.search(re.escape(d.words) + r"(?:之后|以后|后)?(?:再看|再说|再定|再议|再讨论|再研究|再评估)", text)]
    # "这周四晚上十点前开好，周五实习生要上岗": the words said as a deadline win over a later date
    deadlines = [d for d in found if re.search(r"(?:之前|以前|前|为止)$|^(?:by|before|no later than|until)\b", d.words,
                                              re.IGNORECASE)]
    if deadlines:
        return deadlines[-1]
    return found[-1] if found else None
