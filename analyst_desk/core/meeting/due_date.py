"""A due date as said and as resolved (``DueDate``), and the calendar arithmetic the date rules share."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from analyst_desk.core.cjk import HAN

CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10}
CN_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}
EN_WEEKDAY = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                            "sunday"])}
EN_MONTH = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                         "nov", "dec"], start=1)}
EN_NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
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


def cn_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text in CN_DIGITS:
        return CN_DIGITS[text]
    if len(text) == 2 and text[0] == "十":
        return 10 + CN_DIGITS.get(text[1], 0)
    if len(text) in (2, 3) and text[1] == "十":
        return CN_DIGITS.get(text[0], 0) * 10 + (CN_DIGITS.get(text[2], 0) if len(text) == 3 else 0)
    return None


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def month_end(year: int, month: int) -> dt.date:
    while month > 12:
        year, month = year + 1, month - 12
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int, day_of_month: int) -> dt.date:
    month = day.month + months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, min(day_of_month, calendar.monthrange(year, month)[1]))


def add_business_days(day: dt.date, count: int) -> dt.date:
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def upcoming(meeting: dt.date, weekday: int) -> dt.date:
    # "周三前" said on a Wednesday means next Wednesday: nobody sets a deadline of "Wednesday" for today.
    return meeting + dt.timedelta(days=(weekday - meeting.weekday()) % 7 or 7)


NUM = r"\d{1,3}|[一二两三四五六七八九十]{1,3}"


#: A weekday said alone, with no deadline word ("周三前" may well be earlier than the date asked: it is kept as said).
BARE_WEEKDAY = re.compile(r"^(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$"
                          r"|^(?:周|星期|礼拜)[一二三四五六日天]$", re.IGNORECASE)


def pushed_past(due: DueDate | None, deadline: DueDate | None) -> DueDate | None:
    """A weekday asked for instead of ``deadline`` is later than it: "by Monday?" — "I'm in court Monday and Tuesday.
    Realistically Thursday." is the Thursday after that Monday, not the one before it."""
    if due is None or deadline is None or due.date >= deadline.date or not BARE_WEEKDAY.match(due.words.strip()):
        return due
    date = due.date
    while date < deadline.date:
        date += dt.timedelta(days=7)
    return DueDate(due.words, date, due.approximate, due.time)
