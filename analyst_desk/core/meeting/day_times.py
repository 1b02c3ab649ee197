"""Times of day said with a date or alone: "周四晚上十点前" → 22:00, "五点前" → 17:00 today, "by 3pm Friday", "by noon"."""

from __future__ import annotations

import re

from analyst_desk.core.cjk import HAN
from analyst_desk.core.meeting.due_date import DueDate, cn_number

_ZH_PERIOD = {"凌晨": 0, "早上": 0, "早晨": 0, "上午": 0, "中午": 12, "下午": 12, "傍晚": 12, "晚上": 12, "今晚": 12, "晚": 12}
_ZH_CLOCK = re.compile(r"^\s*(?P<period>凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|今晚|晚)?\s*(?P<h>\d{1,2}|[一二两三四五六七八九十]{1,3})"
                       r"\s*(?:点|时|:|：)(?P<half>半)?(?:(?P<min>\d{1,2})\s*分?)?(?P<tail>\s*(?:之前|以前|前|为止|到(?=[，,。；;\s]|$)))?")
_EN_CLOCK = re.compile(r"^\s*(?:,\s*)?(?:at|by|before)?\s*(?P<h>\d{1,2})(?::(?P<min>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)"
                       r"|^\s*(?:,\s*)?(?:at|by|before)?\s*(?P<h2>\d{1,2}):(?P<min2>\d{2})\b|^\s*(?:,\s*)?(?:at|by|before)?\s*(?P<noon>noon|midday)\b",
                       re.IGNORECASE)


_EN_HOURS = {w: i for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), start=1)}
EN_HOUR = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
EN_CLOCK_BEFORE = re.compile(r"(?:\b(?:by|before|at|until)\s+)?(?:(?P<h>\d{1,2})(?::(?P<min>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)|"
                              r"(?P<noon>noon|midday))\s*(?:on\s+|,\s*)?$"
                              # "by 9:30 tomorrow", "by 10 tomorrow morning", "before five on Friday", "by half past two":
                              # a clock with a deadline word before it needs no am/pm (office hours decide)
                              rf"|\b(?:by|before|at|until)\s+(?:(?P<half>half past)\s+)?(?P<h2>{EN_HOUR})(?::(?P<min2>\d{{2}})|"
                              r"\s+(?P<mw>thirty|fifteen|forty-five))?(?:\s*o'?clock)?\s*(?:on\s+|,\s*)?$", re.IGNORECASE)


def en_hour(word: str) -> int:
    return int(word) if word.isdigit() else _EN_HOURS[word.lower()]
BARE_CLOCK = re.compile(r"(?:凌晨|早上|上午|中午|下午|傍晚|晚上|今晚)?\s*(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*点(?:半)?\s*"
                         r"(?:之前|以前|前|到(?=[，,。；;\s]|$))")


def time_after(text: str, end: int, due: DueDate) -> tuple[str, str] | None:
    """A time of day said right after a date ("周四晚上十点前" → 22:00, "Friday 5pm" → 17:00), with its words."""
    rest = text[end:end + 16]
    if re.search(rf"[{HAN}]", due.words + rest[:2]):
        rest = re.sub(r"^(?:之前|以前|前)", "", rest) if re.match(r"^\s*(?:之前|以前|前)\s*\d", rest) else rest
        match = _ZH_CLOCK.match(rest)
        if not match:
            noon = re.match(r"^\s*中午(?:之前|以前|前|12点前)?", rest)  # "周五中午前", "明天中午": noon, no hour said
            return ("12:00", noon.group(0).strip()) if noon else None
        hour = cn_number(match.group("h"))
        if hour is None or hour > 24:
            return None
        # "今晚十点前", "明晚八点前": the evening is in the day's own word
        period = match.group("period") or next((p for p in _ZH_PERIOD if due.words.endswith(p)), "")
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

