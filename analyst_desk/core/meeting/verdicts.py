"""The transcript's verdict on each item the model proposed, and the merge with the cue-phrase items.

An action item is accepted only when its lines exist and say it (a line next to a cited one counts: small
models count lines off by one; the item then carries the line that says it): the owner is an attendee named in
those lines or the speaker of a first-person promise (or nobody, for a task given to someone not in
the meeting), the due date is resolved from words that are on those lines, and the line is not an
agenda, a closing line, a dated statement of fact or an opinion. A decision must be said as one.
What fails is dropped, with the reason kept for the benchmark and the log.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from analyst_desk.core.cjk import HAN
from analyst_desk.core.meeting.addressing import addressee
from analyst_desk.core.meeting.candidates import Candidate
from analyst_desk.core.meeting.dates import DueDate, find_due_dates
from analyst_desk.core.meeting.detection import (
    Found,
    commitment_of,
    decision_text,
    is_not_task,
    merge_repeated_tasks,
    sentences_of,
)
from analyst_desk.core.meeting.owners import is_opinion, is_promise, match_attendee, mentioned_attendees
from analyst_desk.core.meeting.transcript import Transcript

log = logging.getLogger(__name__)

_DECIDED = re.compile(r"决定|决议|确定|定了|定下来|就这么|同意|批准|通过|不批|暂停|维持|拍板|一致|"
                      r"\b(?:agreed?|decided?|decision|approved?|(?:let's|we'll|we will) go with|signed off|resolved)\b",
                      re.IGNORECASE)
_QUESTION = re.compile(r"[？?]|没定|不定|未定|待定|再定|再议|再讨论|\b(?:open question|tbd|undecided|revisit)\b|"
                       r"\bdecide (?:that |this |it )?(?:next|later|once)", re.IGNORECASE)
_EXPLICIT = re.compile(r"决定|决议|拍板|\bwe (?:have )?(?:agreed|decided)\b", re.IGNORECASE)
_RISK = re.compile(r"风险|担心|隐患|逾期|违约|诉讼|集中度|不良|\b(?:risks?|concerns?|worr\w*|default|breach)\b", re.IGNORECASE)


@dataclass
class Verdict:
    """A candidate and what the transcript said about it: the accepted item, or why not."""

    candidate: Candidate
    item: Found | None
    reason: str = ""


def judge(candidates: list[Candidate], transcript: Transcript, meeting_date: dt.date | None) -> list[Verdict]:
    """Check every candidate against its lines; see the module docstring for the rules."""
    return [_judge(c, transcript, meeting_date) for c in candidates]


def accepted(verdicts: list[Verdict]) -> list[Found]:
    return [v.item for v in verdicts if v.item is not None]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _judge(candidate: Candidate, transcript: Transcript, meeting_date: dt.date | None) -> Verdict:
    lines = [transcript.line(n) for n in candidate.lines]
    lines = [line for line in lines if line is not None and line.text and not line.meta]
    if not lines:
        return Verdict(candidate, None, "no such line")
    # Small models count lines off by one; the line before or after is read too, and must say it all the same.
    near = [transcript.line(n + d) for n in candidate.lines for d in (-1, 1) if n + d not in candidate.lines]
    lines += [line for line in near if line is not None and line.text and not line.meta and line not in lines]
    failures: list[str] = []
    for line in lines:
        for sentence in sentences_of(line.text):
            found, why = _check_sentence(candidate, sentence, line, transcript, meeting_date)
            if found is not None:
                found.lines = [line.number]
                return Verdict(candidate, found)
            failures.append(why)
    reason = next((f for f in failures if f), "not said on its lines")
    log.debug("Model item rejected (%s): %s", reason, candidate)
    return Verdict(candidate, None, reason)


def _check_sentence(candidate: Candidate, sentence: str, line, transcript: Transcript,
                    meeting_date: dt.date | None) -> tuple[Found | None, str]:
    kind = candidate.kind
    if kind == "decision":
        if _QUESTION.search(sentence) and not _EXPLICIT.search(sentence):
            return None, "not a decision: still open"
        if not _DECIDED.search(sentence) or re.search(r"[？?]\s*$", sentence) or is_not_task(sentence) in {"agenda",
                                                                                                          "closing"}:
            return None, "not a decision"
        return Found("decision", decision_text(sentence), [line.number], speaker=line.speaker), ""
    if kind == "open_question":
        return (Found(kind, sentence, [line.number], speaker=line.speaker), "") if _QUESTION.search(sentence) \
            else (None, "not a question")
    if kind == "risk":
        return (Found(kind, sentence, [line.number], speaker=line.speaker), "") if _RISK.search(sentence) \
            else (None, "not a risk")
    why = is_not_task(sentence)
    if why:
        return None, f"not a task: {why}"
    if is_opinion(sentence) and not is_promise(sentence):
        return None, "not a task: opinion"
    due = None
    if candidate.due_words:
        if _squash(candidate.due_words) not in _squash(sentence):
            return None, "due date not said on its lines"
        due = _due_said(candidate.due_words, sentence, meeting_date)
    owner, flags = "", []
    if candidate.owner:
        person = match_attendee(candidate.owner, transcript.attendees)
        if person and person in mentioned_attendees(sentence, transcript.attendees):
            owner = person
        elif person and person == line.speaker and is_promise(sentence):
            owner = person
        elif not person and candidate.owner in sentence:
            flags = [f"“{candidate.owner}”不是参会人员，未指定负责人" if re.search(rf"[{HAN}]", sentence)
                     else f"“{candidate.owner}” is not an attendee; left unassigned"]
        else:
            return None, "owner not named on its lines"
    # The owner and date being on the line is not enough: someone must be asked or promise to act.
    committed = commitment_of(sentence, line.speaker, transcript.attendees, due, addressee(line, transcript))
    if committed is None:
        return None, "no one committed to act"
    if not owner and not flags:
        owner, flags = committed.name, list(committed.flags)
    return Found("action", sentence, [line.number], speaker=line.speaker, owner=owner, due=due, flags=flags), ""


def _due_said(words: str, sentence: str, meeting_date: dt.date | None) -> DueDate | None:
    """The date the words mean where they stand: "周五" inside "下周五之前" is next week's Friday."""
    if meeting_date is None:
        return None
    start = _squash(sentence).find(_squash(words))
    said = find_due_dates(sentence, meeting_date)
    if not said:
        return None
    # Map each expression to its position in the squashed sentence and take the one covering the words.
    for due in said:
        at = _squash(sentence).find(_squash(due.words))
        if at <= start < at + len(_squash(due.words)) or start <= at < start + len(_squash(words)):
            return due
    return None


def merge_items(cue: list[Found], model: list[Found]) -> list[Found]:
    """Cue-phrase items and accepted model items as one list, each keeping its lines.

    A model item on a cue item's line joins it (filling an owner or date the cue item lacked);
    one on a line no cue item covers is added.
    """
    merged = [Found(f.kind, f.sentence, list(f.lines), f.speaker, f.owner, f.due, list(f.flags)) for f in cue]
    for item in model:
        twin = next((m for m in merged if m.kind == item.kind and set(m.lines) & set(item.lines)), None)
        if twin is None:
            if any(set(m.lines) & set(item.lines) for m in merged):
                continue  # the cue phrases read this line as something else ("let's decide next week"); they keep it
            merged.append(item)
            continue
        if not twin.owner and item.owner:
            twin.owner, twin.flags = item.owner, [f for f in twin.flags if "负责人" not in f and "owner" not in f]
        if twin.due is None and item.due is not None:
            twin.due = item.due
    merged.sort(key=lambda f: f.lines[0])
    return merge_repeated_tasks(merged)
