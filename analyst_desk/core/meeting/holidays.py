"""Mainland China public holidays, for "节后第一个工作日", "春节前" and "before the Mid-Autumn holiday".

From the State Council General Office notices on holiday arrangements for 2024 (国办发明电〔2023〕7号,
published 2023-10-25), 2025 (published 2024-11-12) and 2026 (published 2025-11-04): each holiday's days
off, and the weekend days that are working days (调休).

2027 is shipped provisionally: the festival days themselves are fixed by the calendar (春节 2027-02-06,
清明 04-05, 端午 06-09, 中秋 09-15), but the days off around them and the 调休 weekends come from a notice
this file does not have yet. Dates resolved against a provisional holiday are marked approximate, so the
minutes show them as a reading, not a stated day. Replace the 2027 entries with the notice when it is
added, and add each later year's notice the same way. A year not listed cannot be resolved: a due
date said against it stays unresolved rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

_D = dt.date


@dataclass(frozen=True)
class Holiday:
    name: str  # 元旦 / 春节 / 清明 / 劳动节 / 端午 / 中秋 / 国庆
    first: dt.date
    last: dt.date
    official: bool = True  # False: the festival day only, until the State Council's notice is shipped


HOLIDAYS: list[Holiday] = [
    Holiday("元旦", _D(2023, 12, 30), _D(2024, 1, 1)),
    Holiday("春节", _D(2024, 2, 10), _D(2024, 2, 17)),
    Holiday("清明", _D(2024, 4, 4), _D(2024, 4, 6)),
    Holiday("劳动节", _D(2024, 5, 1), _D(2024, 5, 5)),
    Holiday("端午", _D(2024, 6, 8), _D(2024, 6, 10)),
    Holiday("中秋", _D(2024, 9, 15), _D(2024, 9, 17)),
    Holiday("国庆", _D(2024, 10, 1), _D(2024, 10, 7)),
    Holiday("元旦", _D(2025, 1, 1), _D(2025, 1, 1)),
    Holiday("春节", _D(2025, 1, 28), _D(2025, 2, 4)),
    Holiday("清明", _D(2025, 4, 4), _D(2025, 4, 6)),
    Holiday("劳动节", _D(2025, 5, 1), _D(2025, 5, 5)),
    Holiday("端午", _D(2025, 5, 31), _D(2025, 6, 2)),
    Holiday("国庆", _D(2025, 10, 1), _D(2025, 10, 8)),  # with 中秋 in 2025
    Holiday("元旦", _D(2026, 1, 1), _D(2026, 1, 3)),
    Holiday("春节", _D(2026, 2, 15), _D(2026, 2, 23)),
    Holiday("清明", _D(2026, 4, 4), _D(2026, 4, 6)),
    Holiday("劳动节", _D(2026, 5, 1), _D(2026, 5, 5)),
    Holiday("端午", _D(2026, 6, 19), _D(2026, 6, 21)),
    Holiday("中秋", _D(2026, 9, 25), _D(2026, 9, 27)),
    Holiday("国庆", _D(2026, 10, 1), _D(2026, 10, 7)),
    # 2027, provisional (see the module docstring): festival days only.
    Holiday("元旦", _D(2027, 1, 1), _D(2027, 1, 1), official=False),
    Holiday("春节", _D(2027, 2, 6), _D(2027, 2, 6), official=False),
    Holiday("清明", _D(2027, 4, 5), _D(2027, 4, 5), official=False),
    Holiday("劳动节", _D(2027, 5, 1), _D(2027, 5, 1), official=False),
    Holiday("端午", _D(2027, 6, 9), _D(2027, 6, 9), official=False),
    Holiday("中秋", _D(2027, 9, 15), _D(2027, 9, 15), official=False),
    Holiday("国庆", _D(2027, 10, 1), _D(2027, 10, 7), official=False),
]
HOLIDAYS.sort(key=lambda h: h.first)
#: Festivals that are no day off but a date people set work against ("元宵节前"): the 15th of the first lunar month.
FESTIVALS: list[Holiday] = [Holiday("元宵", _D(2024, 2, 24), _D(2024, 2, 24)), Holiday("元宵", _D(2025, 2, 12), _D(2025, 2, 12)),
                            Holiday("元宵", _D(2026, 3, 3), _D(2026, 3, 3)), Holiday("元宵", _D(2027, 2, 20), _D(2027, 2, 20))]
#: Weekend days that are working days because a holiday borrowed a weekday.
MAKEUP_WORKDAYS = {_D(2024, 2, 4), _D(2024, 2, 18), _D(2024, 4, 7), _D(2024, 4, 28), _D(2024, 5, 11), _D(2024, 9, 14),
                   _D(2024, 9, 29), _D(2024, 10, 12),
                   _D(2025, 1, 26), _D(2025, 2, 8), _D(2025, 4, 27), _D(2025, 9, 28), _D(2025, 10, 11),
                   _D(2026, 1, 4), _D(2026, 2, 14), _D(2026, 2, 28), _D(2026, 5, 9), _D(2026, 9, 20),
                   _D(2026, 10, 10)}
#: Years a due date can be resolved in: the meeting's year must be one (the 元旦 of 2024 starts in 2023).
KNOWN_YEARS = {h.last.year for h in HOLIDAYS}
#: What people call each holiday.
ALIASES = {"元旦": "元旦", "春节": "春节", "过年": "春节", "年": "春节", "清明": "清明", "清明节": "清明", "五一": "劳动节",
           "劳动节": "劳动节", "端午": "端午", "端午节": "端午", "中秋": "中秋", "中秋节": "中秋", "国庆": "国庆",
           "国庆节": "国庆", "十一": "国庆", "元宵": "元宵", "元宵节": "元宵"}


def is_working_day(day: dt.date) -> bool:
    if day in MAKEUP_WORKDAYS:
        return True
    if any(h.first <= day <= h.last for h in HOLIDAYS):
        return False
    return day.weekday() < 5


def next_holiday(meeting: dt.date, name: str = "") -> Holiday | None:
    """The holiday under way on ``meeting`` or the next one after it (of that name, if given)."""
    wanted = ALIASES.get(name, name)
    for holiday in HOLIDAYS if wanted != "元宵" else FESTIVALS:
        if holiday.last >= meeting and (not wanted or holiday.name == wanted):
            return holiday
    return None


def first_working_day_after(holiday: Holiday) -> dt.date:
    day = holiday.last + dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def last_working_day_before(holiday: Holiday) -> dt.date:
    day = holiday.first - dt.timedelta(days=1)
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day
