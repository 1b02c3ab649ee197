"""Due dates: find "下周一前", "月底", "by next Friday", "3月20日" in a sentence and resolve them.

A relative date means nothing without the meeting date, so every resolution is against it and
keeps the speaker's own words next to the calendar date ("下周一 → 2026-03-09"). Conventions,
written down because people differ: "next Friday" / 下周五 is the Friday of next week; a bare
weekday ("Friday", 周五) is the next one after the meeting day (said on a Friday: next Friday); "next week" / 下周 alone is
that week's Friday; 月初 is the 5th. Approximate resolutions are marked as such.

Split by responsibility: ``due_date`` (the ``DueDate`` and calendar arithmetic), ``dates_zh`` and ``dates_en`` (the rules
of each language), ``day_times`` (times of day); this module finds and chooses among them.
"""

from __future__ import annotations

import datetime as dt
import re

from analyst_desk.core.cjk import HAN
from analyst_desk.core.meeting.dates_en import EN_RULES
from analyst_desk.core.meeting.dates_zh import ZH_RULES
from analyst_desk.core.meeting.day_times import BARE_CLOCK, EN_CLOCK_BEFORE, EN_HOUR, en_hour, time_after
from analyst_desk.core.meeting.due_date import DueDate

__all__ = ["DueDate", "find_due_dates", "resolve_due"]

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
    for pattern, rule in [*ZH_RULES, *EN_RULES]:
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
                            rf"{EN_HOUR}(?::\d{{2}})?\s*o'?clock|\d{{1,2}}:\d{{2}}|half past\s+{EN_HOUR}|"
                            rf"{EN_HOUR}\s+(?:thirty|fifteen|forty-five))(?![\w:])", text, re.IGNORECASE)
        if bare_en and not re.search(rf"[{HAN}]", text):
            today = DueDate("today", meeting)
            clock = EN_CLOCK_BEFORE.search(bare_en.group(0))
            if clock:
                hour = 12 if clock.group("noon") else int(clock.group("h")) if clock.group("h") else en_hour(clock.group("h2"))
                minute = 30 if clock.group("half") else int(clock.group("min") or clock.group("min2") or 0)
                minute = {"thirty": 30, "fifteen": 15, "forty-five": 45}.get((clock.group("mw") or "").lower(), minute)
                ampm = (clock.group("ampm") or "").lower().replace(".", "")
                hour += 12 if (ampm == "pm" or (not ampm and not clock.group("noon") and 1 <= hour <= 6)) and hour < 12 else 0
                if hour <= 23 and minute <= 59:
                    today.time, today.words = f"{hour:02d}:{minute:02d}", bare_en.group(0)
                    return [today]
    if not kept:  # "五点前报给我": a time of day with a deadline word and no date is the meeting's day
        bare = BARE_CLOCK.search(text)
        if bare:
            period = re.search(r"凌晨|早上|上午|中午|下午|傍晚|晚上|今晚", text[:bare.start()])
            has_period = re.match(r"凌晨|早上|上午|中午|下午|傍晚|晚上|今晚", bare.group(0))
            said = bare.group(0) if has_period or not period else period.group(0) + bare.group(0)
            clock = time_after(said, 0, DueDate("今天", meeting))  # "下午的盘点…五点前" is 17:00
            if clock:
                return [DueDate(bare.group(0).strip(), meeting, False, clock[0])]
    for start, end, due in kept:
        clock = time_after(text, end, due)
        if clock:
            due.time, words = clock
            due.words = (due.words + words).strip()
            continue
        before = EN_CLOCK_BEFORE.search(text[max(0, start - 16):start])
        if before and not re.search(rf"[{HAN}]", due.words):  # "by 3pm Friday", "by noon tomorrow"
            hour = 12 if before.group("noon") else int(before.group("h")) if before.group("h") else en_hour(before.group("h2"))
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
