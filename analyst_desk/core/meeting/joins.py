"""Whether an item found on a line adds to one found before — an acknowledgement, a restatement, the date or
owner of a task said a line earlier, a ratified proposal, a risk or question discussed over several lines — and
the merging of a task said twice."""

from __future__ import annotations

import datetime as dt
import re

from analyst_desk.core.meeting.acts import ANOTHER, QUESTION, shares_words
from analyst_desk.core.meeting.dates import DueDate, resolve_due
from analyst_desk.core.meeting.found import Found
from analyst_desk.core.meeting.kinds import ACKNOWLEDGED, decision_text, is_question
from analyst_desk.core.meeting.sentences import sentences_of
from analyst_desk.core.meeting.transcript import Transcript, TranscriptLine

_BACK_REF = re.compile(r"刚才|刚刚说的|前面说的|上面说的|之前说的|说过的|\b(?:we discussed|mentioned) (?:earlier|before)\b|"
                       r"\bfrom earlier\b", re.IGNORECASE)


def merge_repeated_tasks(found: list[Found]) -> list[Found]:
    """A task restated later ("最后再确认一下，陈明下周一前…") is the same task: one item, all its lines."""
    kept: list[Found] = []
    for item in found:
        twin = next((k for k in kept if k.kind == "action" == item.kind and k.owner == item.owner
                     and (k.due is None or item.due is None or k.due.date == item.due.date)
                     and _similar(k.sentence, item.sentence) >= 0.8), None)
        if twin is None:
            kept.append(item)
            continue
        twin.lines = sorted(set(twin.lines) | set(item.lines))
        twin.due = twin.due or item.due
    return kept


#: A task that points back at what was just raised: "这个审批部牵头…", "这件事你跟一下", "That one's yours, Amy".
_POINTS_BACK = re.compile(r"^\W*(?:那|好|行)?[，,\s]*(?:这个|这件事|这事|此事|那个事)|^\W*(?:that|this)(?: one)?\b", re.IGNORECASE)


def absorb_raised_tasks(found: list[Found]) -> list[Found]:
    """"总行要求月底前报一份排查表。" — "这个审批部牵头，11月25日前报上去": the work raised with nobody to do it and the
    task that hands it over right after are one task — the owned one, with the line that raised it."""
    kept: list[Found] = []
    for item in found:
        raised = next((k for k in reversed(kept) if k.kind == "action" and not k.owner and not k.flags
                       and 0 < item.lines[0] - k.lines[-1] <= 2), None) if item.kind == "action" and item.owner else None
        if raised is not None and _POINTS_BACK.match(item.sentence):
            kept.remove(raised)
            item.lines = sorted(set(raised.lines) | set(item.lines))
        kept.append(item)
    return kept


def member_named_after_department(found: list[Found], attendees) -> list[Found]:
    """"那台账还是公司业务部负责，刘芳你7月24号前更新完": the department's task, then the member of it who is to do it —
    one task, the member's (not a second one for the department's head)."""
    calls_in, person = getattr(attendees, "calls_in", None), getattr(attendees, "person", None)
    if calls_in is None or person is None:
        return found
    dropped: list[int] = []
    for item in found:
        if item.kind != "action" or not item.owner or len(item.lines) > 2:
            continue
        units = [words for _, _, words, names in calls_in(item.sentence) if names == [item.owner]
                 and re.search(r"(?:部|处|中心|组|室)$", words)]
        if not units:
            continue
        member = next((other for other in found if other is not item and other.kind == "action" and other.owner
                       and other.owner != item.owner and item.lines[0] in other.lines
                       and units[0] in (getattr(person(other.owner), "role", "") or "")), None)
        if member is not None:
            member.lines = sorted(set(member.lines) | set(item.lines))
            dropped.append(id(item))
    return [item for item in found if id(item) not in dropped]


def _similar(a: str, b: str) -> float:
    """Share of the shorter sentence's character pairs found in the longer one."""
    def pairs(text: str) -> set[str]:
        text = re.sub(r"\W", "", text.lower())
        return {text[i:i + 2] for i in range(len(text) - 1)}

    small, large = sorted((pairs(a), pairs(b)), key=len)
    return len(small & large) / len(small) if small else 0.0


def proposal_ratified(before: list[str], line: TranscriptLine, found: list[Found], transcript: Transcript) -> Found | None:
    """The decision "就这么定了" makes: the proposal just before it, or None when it confirms a decision already
    listed (the line joins that one)."""
    recent = next((f for f in reversed(found) if f.kind == "decision" and line.number - f.lines[-1] <= 3), None)
    if recent is not None:
        if line.number not in recent.lines:
            recent.lines.append(line.number)
        return None
    proposal = next((s for s in reversed(before) if len(s) >= 6 and not is_question(s)), "")
    if proposal:
        return Found("decision", decision_text(proposal), [line.number], speaker=line.speaker)
    for number in range(line.number - 1, max(0, line.number - 5), -1):
        earlier = transcript.line(number)
        if earlier is None or earlier.meta or not earlier.text or earlier.speaker != line.speaker:
            continue
        if any(number in f.lines for f in found if f.kind == "action"):
            break  # what was just given is a task, not a proposal to decide
        asked = re.sub(r"[，,]?\s*(?:大家|各位)?(?:都)?(?:同意|可以|没问题|行|有意见|没意见|没有意见|有没有意见|有问题|ok|okay|agreed)(?:吧|吗|吧吗|没有)?[？?]\s*$", "。",
                       earlier.text, flags=re.IGNORECASE)  # "…改到八点二十，大家同意吧？": the proposal is what is asked about
        kept = [s for s in sentences_of(asked) if not is_question(s)]  # "…暂停受理。大家有意见吗？"
        text = "".join(kept).strip(" ，,。")
        if len(text) >= 6:
            return Found("decision", decision_text(text), [number, line.number], speaker=line.speaker)
        break
    return None


def joins_recent_task(line: TranscriptLine, found: list[Found]) -> bool:
    """"好的，没问题" from the person just given a task confirms it: the task gains the line."""
    last = next((f for f in reversed(found) if f.kind == "action"), None)
    if last is None or not last.owner or last.owner != line.speaker or line.number - last.lines[-1] > 2:
        return False
    if found[-1] is not last and found[-1].lines[-1] > last.lines[-1]:
        return False  # "Agreed." right after a decision agrees with the decision
    if re.search(r"\d|下周|月底|明天|之前|前|by|before|until", line.text) and len(line.text) > 12:
        return False  # a longer reply with its own deadline is read as a sentence of its own
    last.lines.append(line.number)
    return True


def absorbed_risk(item: Found, found: list[Found], line: TranscriptLine) -> bool:
    """A risk discussed over consecutive lines is one risk with several lines."""
    previous = found[-1] if found else None
    if previous is not None and previous.kind == "risk" and line.number - previous.lines[-1] <= 1:
        if line.number not in previous.lines:
            previous.lines.append(line.number)
        return True
    return False


def _without_calls(text: str, roster) -> str:
    """The text without the calls of attendees in it: a name said in both lines is not the same work said twice."""
    calls_in = getattr(roster, "calls_in", None)
    for begin, end, _, _ in reversed(calls_in(text) if calls_in else []):
        text = text[:begin] + text[end:]
    return text


def absorbed(item: Found, found: list[Found], line: TranscriptLine, roster=None) -> bool:
    """An acknowledgement or restatement of a recent task joins that task instead of adding one."""
    if item.owner and _BACK_REF.search(item.sentence):
        earlier = next((f for f in reversed(found) if f.kind == "action" and f.owner == item.owner
                        and (f.due is None or item.due is None or f.due.date == item.due.date)
                        and shares_words(item.sentence, f.sentence)), None)
        if earlier is not None:  # "刚才远洋追加抵押的事，国庆节后…给我回复": the task given earlier, now with its date
            earlier.due = earlier.due or item.due
            join_line(earlier, line)
            return True
    previous = found[-1] if found else None
    if previous is not None and previous.kind == "action" and not previous.owner and item.owner \
            and item.owner == previous.speaker and line.number - previous.lines[-1] == 1 and line.speaker != item.owner \
            and (item.due is None or previous.due is None or item.due.date == previous.due.date) \
            and re.search(r"这个|这件事|这块|此事|\b(?:this|that|it)\b", item.sentence, re.IGNORECASE):
        # "邓超：…国庆后第一个工作日要出效果统计" — "这个你负责": the work and its date were just said; now it has an owner
        previous.owner, previous.flags = item.owner, list(item.flags)
        previous.due = previous.due or item.due
        join_line(previous, line)
        return True
    if ANOTHER.search(item.sentence):
        return False  # "好的，另外请提供…明细": the first task is settled, this one is new
    for previous in reversed(found[-6:]):
        if previous.kind != "action" or line.number - previous.lines[-1] > 3:
            continue
        same_owner = item.owner and item.owner == previous.owner
        same_due = item.due is not None and previous.due is not None and item.due.date == previous.due.date
        acknowledgement = ACKNOWLEDGED.match(item.sentence + " ") is not None
        if acknowledgement and item.due is not None and previous.due is not None and item.due.date != previous.due.date \
                and re.search(r"把|\bthe\b", item.sentence) and not shares_words(item.sentence, previous.sentence):
            continue  # "讲座月底前办一场" — "可以，我这周五前把方案发群里": a step of its own, with its own date
        # the same owner again is a restatement when it says the same thing, not another task of theirs
        # ("我这周五前把押品清单补齐" … "刘洋，你负责联系律师，尽快")
        restated = acknowledgement or _similar(item.sentence, previous.sentence) >= 0.5 \
            or ((item.due is None or len(item.sentence) <= 30)
                and shares_words(_without_calls(item.sentence, roster), _without_calls(previous.sentence, roster)))
        # "行，那我这周先减三成" after another's task due the same Friday is the speaker's own task, not that one
        other_owner = bool(item.owner and previous.owner and item.owner != previous.owner)
        if (same_owner and restated and (same_due or item.due is None or acknowledgement)) or \
                (acknowledgement and same_due and not other_owner) or (acknowledgement and not item.owner and item.due is None):
            if line.number not in previous.lines:
                previous.lines.append(line.number)
            if previous.due is None and item.due is not None:
                previous.due = item.due
            if not previous.owner and item.owner:
                previous.owner = item.owner
            return True
    return False


def join_line(item: Found, line: TranscriptLine) -> None:
    if line.number not in item.lines:
        item.lines.append(line.number)
        item.lines.sort()


def absorbed_question(item: Found, found: list[Found], line: TranscriptLine, transcript: Transcript) -> bool:
    """"这个下次再定" refers to the question just asked: one open question, both lines."""
    for previous in reversed(found[-4:]):
        if previous.kind == "open_question" and line.number - previous.lines[-1] <= 2:
            if line.number not in previous.lines:
                previous.lines.append(line.number)
            return True
    # Pull in the question it answers, when that question was the line before.
    before = transcript.line(line.number - 1)
    if before and before.text and is_question(before.text.strip()) and len(item.sentence) < 14:
        item.sentence = sentences_of(before.text)[-1]
        item.lines = [before.number, line.number]
    return False


_DEADLINE_WORDS = re.compile(r"(?:之前|以前|前|为止)$|^(?:by|before|no later than)\b", re.IGNORECASE)


def deadline_said_before(sentence: str, line: TranscriptLine, found: list[Found], transcript: Transcript,
                         meeting_date: dt.date) -> tuple[DueDate, list[int]] | None:
    """"监管窗口指导让我们九月十号前改完。" — "甄宇你来牵头改": a task given without a date right after the line that
    said by when the work must be done (and made no task of its own) takes that date and that line."""
    said = [transcript.line(n) for n in range(line.number - 1, 0, -1)
            if transcript.line(n) and transcript.line(n).text and not transcript.line(n).meta][:2]
    for back, before in enumerate(said):
        if any(before.number in item.lines for item in found) or QUESTION.search(before.text.strip()):
            return None
        due = resolve_due(before.text, meeting_date)
        if due is None:
            if back == 0 and _BARE_TAKE.search(sentence):
                continue  # "they want it by the 28th" — "amy that's yours too" — "no worries I'll do it"
            return None
        if not _DEADLINE_WORDS.search(due.words) or not (shares_words(sentence, before.text) or _BARE_TAKE.search(sentence)):
            return None
        return due, sorted({before.number, line.number} | {s.number for s in said[:back]})
    return None


#: A promise whose work is only a pronoun: "I'll do it", "I'll take that", "我来做", "交给我吧".
_BARE_TAKE = re.compile(r"\bI(?:'ll| will| can) (?:do|take|handle|sort|chase) (?:it|that|this|them)\b|^\W*(?:那|好|行)?[，,]?\s*"
                        r"(?:我来(?:做|弄|办)?|我做|交给我)(?:吧)?[。！!]?$", re.IGNORECASE)
