"""The Chinese date rules: "下周一前", "月底", "国庆节后第一个工作日", "3月20日", "三个工作日内" against the meeting date.

Each rule registers its pattern in ``ZH_RULES``; ``dates.find_due_dates`` reads them all.
"""

from __future__ import annotations

import datetime as dt
import re

from analyst_desk.core.meeting.due_date import (
    CN_WEEKDAY,
    NUM,
    add_business_days,
    add_months,
    cn_number,
    month_end,
    upcoming,
    week_start,
)

_BY = r"(?:(?:在|于)\s*)?"
ZH_RULES: list[tuple[re.Pattern, object]] = []


def _zh(pattern: str):
    def register(fn):
        ZH_RULES.append((re.compile(_BY + pattern + r"(?:之前|以前|前|为止|内|左右)?"), fn))
        return fn
    return register


@_zh(r"(?:(?P<y>20\d{2})\s*年\s*)?(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]")
def _zh_absolute(m, meeting):
    month, day = cn_number(m.group("m")), cn_number(m.group("d"))
    year = int(m.group("y")) if m.group("y") else meeting.year
    date = dt.date(year, month, day)
    if not m.group("y") and date < meeting - dt.timedelta(days=31):
        date = dt.date(year + 1, month, day)  # "1月10日" said in December means next January
    return date, False


@_zh(r"(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月\s*(?P<part>底|末|初|中旬|上旬|下旬|中)")
def _zh_named_month_part(m, meeting):
    month = cn_number(m.group("m"))
    year = meeting.year + (1 if month < meeting.month - 1 else 0)  # "3月底" said in November is next March
    part = m.group("part")
    if part in {"底", "末"}:
        return month_end(year, month), False
    if part == "下旬":
        return dt.date(year, month, 25), True
    return dt.date(year, month, 5 if part in {"初", "上旬"} else 15), True


@_zh(r"(?<![今明去])年(?P<when>前|后)(?!的)")
def _zh_new_year(m, meeting):
    return around_holiday(meeting, "春节", m.group("when") == "后", False)  # 年前/年后: the Spring Festival


@_zh(r"(?P<which>(?<!一)下周|(?<!一)下个?星期|(?<!一)下礼拜)(?P<part>初|中)")
def _zh_next_week_part(m, meeting):
    return week_start(meeting) + dt.timedelta(days=7 + (1 if m.group("part") == "初" else 2)), True


@_zh(r"(?:本月|这个月|当月)内")
def _zh_this_month(m, meeting):
    return month_end(meeting.year, meeting.month), False


@_zh(r"(?<![\d.])(?P<m>1[0-2]|0?[1-9])[./](?P<d>3[01]|[12]\d|0?[1-9])(?=\s*(?:前|之前|以前|号|日|（|\(|周|星期))")
def _zh_month_dot_day(m, meeting):
    date = dt.date(meeting.year, int(m.group("m")), int(m.group("d")))  # "10.15前" in Chinese business writing
    if date < meeting - dt.timedelta(days=31):
        date = dt.date(meeting.year + 1, date.month, date.day)
    return date, False


@_zh(r"(?P<name>春节|过年|元旦|元宵节?|正月十五|清明节?|五一|劳动节|端午节?|中秋节?|国庆节?|十一)?(?P<gen>节|长假|假期|放假|节假日)?"
     r"(?:假期|长假|放假)?(?:之|以)?(?P<when>后|前)(?:的)?(?P<first>第一个工作日|第一天|"
     r"上班第一天|最后一个工作日|最后一天|(?P<n>[一二两三四五\d])个工作日|(?P<days>[一二两三四五六七\d])天)?")
def _zh_holiday(m, meeting):
    # "节前", "十一之前", "国庆假期前", "放假前" (the next holiday); "前" alone, or "之前" after a date, is no holiday
    if not (m.group("name") or m.group("gen")):
        raise ValueError("no holiday named")
    name = {"正月十五": "元宵"}.get(m.group("name") or "", m.group("name") or "")
    day, approximate = around_holiday(meeting, name, m.group("when") == "后", bool(m.group("first")))
    if m.group("days"):  # "节前三天": counted in days from the holiday's first day (or on from its last)
        after = m.group("when") == "后"
        edge = day - dt.timedelta(days=1) if after else day + dt.timedelta(days=1)
        return edge + dt.timedelta(days=(cn_number(m.group("days")) or 1) * (1 if after else -1)), approximate
    if m.group("n"):  # "春节前三个工作日": count working days back (or on) from the first one
        from analyst_desk.core.meeting import holidays

        step = dt.timedelta(days=1 if m.group("when") == "后" else -1)
        for _ in range((cn_number(m.group("n")) or 1) - 1):
            day += step
            while not holidays.is_working_day(day):
                day += step
    return day, approximate


def around_holiday(meeting: dt.date, name: str, after: bool, exact: bool):
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
    weekday = CN_WEEKDAY[m.group("d")]
    which = m.group("which") or ""
    if which.startswith(("下下", "再下")):  # "再下周三": the Wednesday of the week after next
        return week_start(meeting) + dt.timedelta(days=14 + weekday), False
    if which.startswith("下"):
        return week_start(meeting) + dt.timedelta(days=7 + weekday), False
    if which:
        return week_start(meeting) + dt.timedelta(days=weekday), False
    return upcoming(meeting, weekday), False


@_zh(r"(?P<which>(?<!一)下下|(?<!一)下个|(?<!一)下)(?:周|星期|礼拜)(?![一二三四五六日天末])")
def _zh_next_week(m, meeting):
    weeks = 2 if m.group("which") == "下下" else 1
    return week_start(meeting) + dt.timedelta(days=7 * weeks + 4), True


@_zh(r"(?:本周|这周|这个星期|本星期|这个?礼拜|本礼拜)(?:内)?(?![一二三四五六日天末])")
def _zh_this_week(m, meeting):
    return max(meeting, week_start(meeting) + dt.timedelta(days=4)), True


@_zh(r"(?P<which>今天|今日|今晚|今早|今儿个?|明天|明日|明早|明晚|明儿个?|后天|大后天)")
def _zh_day(m, meeting):
    which = m.group("which")
    offset = 0 if which.startswith("今") else 1 if which.startswith("明") else {"后天": 2, "大后天": 3}[which]
    return meeting + dt.timedelta(days=offset), False


@_zh(r"(?<![一二三四五六七八九十日天末今明后号\d早晚])(?:上午|下午|中午|傍晚|晚上)(?=就|把|去|来|给|发|交|报|之前|前|再|先|过去|过来|跑)")
def _zh_part_of_today(m, meeting):
    # "我下午就去信托公司": a part of the day with no day said before it is the meeting's own day
    return meeting, False


@_zh(r"(?:(?P<which>下下个月|(?<!一)下个?月|本月|这个月|当月)|(?<!上)(?<!上个)月)\s*(?P<part>底|末|初|中旬|中|上旬|下旬)")
def _zh_month_part(m, meeting):
    which = m.group("which") or ""
    months = 2 if which.startswith("下下") else 1 if which.startswith("下") else 0
    part = m.group("part")
    if part in {"底", "末", "下旬"}:
        day = month_end(meeting.year, meeting.month + months)
        return (day if part != "下旬" else day.replace(day=25)), part == "下旬"
    if part in {"初", "上旬"}:
        if months == 0 and not which:
            months = 1  # "月初" said mid-month means the start of next month
        return add_months(meeting, months, 5), True
    return add_months(meeting, months, 15), True


@_zh(r"(?:(?:第)?(?P<q>[一二三四1-4])\s*季度(?P<part>末|底)|[Qq](?P<q2>[1-4])\s*(?:末|底))")
def _zh_numbered_quarter_end(m, meeting):
    """"三季度末", "Q3末": the end of that quarter of the meeting's year (next year's when it has passed)."""
    quarter = cn_number(m.group("q")) if m.group("q") else int(m.group("q2"))
    year = meeting.year + (1 if quarter * 3 < meeting.month else 0)
    return month_end(year, quarter * 3), False


@_zh(r"(?P<which>(?<!一)下个?|本|这个|当)月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[号日]")
def _zh_month_day(m, meeting):
    """"下个月10号前", "本月25日前"."""
    months = 1 if m.group("which").startswith("下") else 0
    return add_months(meeting, months, cn_number(m.group("d")) or 1), False


@_zh(r"(?P<which>本|这个|下个?)?\s*季度?(?P<part>末|底)")
def _zh_quarter_end(m, meeting):
    quarter_end_month = ((meeting.month - 1) // 3 + 1) * 3
    if (m.group("which") or "").startswith("下"):
        quarter_end_month += 3
    return month_end(meeting.year, quarter_end_month), False


@_zh(r"(?P<which>今|明|本)?年(?P<part>底|末)")
def _zh_year_end(m, meeting):
    year = meeting.year + (1 if m.group("which") == "明" else 0)
    return dt.date(year, 12, 31), False


@_zh(rf"(?P<n>{NUM})\s*(?P<unit>个工作日|个?星期|周|天|日)(?P<rel>内|后|之内|以内)")
def _zh_within(m, meeting):
    n = cn_number(m.group("n")) or 0
    unit = m.group("unit")
    if unit == "个工作日":
        return add_business_days(meeting, n), False
    days = n * 7 if ("周" in unit or "星期" in unit) else n
    return meeting + dt.timedelta(days=days), False


@_zh(r"(?:(?<![月\d])|(?<=每月))(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*号")
def _zh_day_of_month(m, meeting):
    day = cn_number(m.group("d")) or 1
    date = add_months(meeting, 0, day)
    if date < meeting:
        date = add_months(meeting, 1, day)
    return date, False

