"""Dialogue, not sentences: who is addressed, what each line does, and the open tasks later lines update.

A line is read against the conversation around it:

- **who is addressed** (``addressing.py``): a call at the start of the line ("刘处，…", "振宇你们起草", "Omar, could you…"),
  a call right before 你 ("发言人3你把…"), or — for "你"/"you" with no name — the previous speaker;
- **what it does** (``act_of``): directive, request, commitment, acceptance, decline, reassignment,
  move (asks for or sets another date), decision, question, report of past work, hypothetical;
- **the open-task state** (``Tracker``): an acceptance joins the task it answers and keeps the date
  asked; a decline or a request to move leaves the task pending until the one who gave it answers
  (a new date moves it, an acceptance takes the date asked for, "改由贺文" reassigns it); a call that
  fits two people stays unassigned and flagged until a later line names one.

The model may propose items; this state and the transcript decide them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from analyst_desk.core.meeting.acts import (
    ACK,
    ANOTHER,
    DECLINE,
    IMPERATIVE_EN,
    MOVE_ASK,
    MOVE_SET,
    QUESTION,
    REASSIGN,
    act_of,
    directs,
    shares_words,
)
from analyst_desk.core.meeting.addressing import (
    addressee,
    mentioned,
    vocative,
    without_calls,
    without_receivers,
)
from analyst_desk.core.meeting.dates import DueDate, find_due_dates, resolve_due
from analyst_desk.core.meeting.due_date import BARE_WEEKDAY, pushed_past
from analyst_desk.core.meeting.found import Found
from analyst_desk.core.meeting.offers import TAKES_OFFER
from analyst_desk.core.meeting.owners import find_owner, is_promise
from analyst_desk.core.meeting.sentences import sentences_of
from analyst_desk.core.meeting.transcript import Transcript, TranscriptLine


@dataclass
class Pending:
    """A task whose owner declined or asked for another date: the one who gave it decides next."""

    kind: str  # "decline" | "move"
    proposed: DueDate | None = None
    #: Who the one declining suggests instead ("我走不开，让振宇去吧"), for the giver to confirm.
    instead: str = ""
    line: int = 0  # where it was declined or moved: the answer comes within the next two lines


class Tracker:
    """The open tasks of a meeting, updated line by line (see the module docstring)."""

    def __init__(self, transcript: Transcript, meeting_date: dt.date | None):
        self.transcript = transcript
        self.meeting_date = meeting_date
        self.pending: dict[int, Pending] = {}  # id(task) → what it waits for
        self.volunteered: set[int] = set()  # tasks someone took when the meeting asked who would

    def _due(self, text: str, task=None) -> DueDate | None:
        """The date said in ``text``; with ``task``, a clock alone ("十二点前可以吗？", "Can we say 2pm?") keeps the
        task's day and changes its hour."""
        due = resolve_due(text, self.meeting_date) if self.meeting_date else None
        if due is not None and task is not None and task.due is not None and due.time and due.date == self.meeting_date \
                and task.due.date != self.meeting_date and not _DAY_WORDS.search(due.words):
            return DueDate(due.words, task.due.date, task.due.approximate, due.time)  # the words as said on the line
        return due

    def update(self, line: TranscriptLine, found: list) -> bool:
        """Apply ``line`` to the open tasks; True when it only updated one (no new item from it)."""
        if self._volunteered(line, found) or self._answered(line, found) or self._appointed(line, found):
            return True
        task = self._open_task(found, line)
        if task is not None and ANOTHER.search(line.text.strip()):
            return False  # "另外节前那场答谢会改到节后": another matter, whatever its words share with the open task
        if task is None or (task.owner != line.speaker and line.speaker != task.speaker and act_of(line.text) == "move"):
            return self._move_without_task(line, found)
        act = act_of(line.text)
        said_due = self._due(line.text, task)
        is_owner = bool(task.owner) and line.speaker == task.owner
        if is_owner and act == "question" and said_due is not None and line.number - task.lines[-1] <= 2:
            act = "move"  # "方案下周二前给您吧？": the owner asks for a date; the giver answers
        pending = self.pending.get(id(task))
        if pending is not None and pending.instead and line.speaker == pending.instead and line.number - pending.line <= 2 \
                and not QUESTION.search(line.text.strip()) \
                and (act in {"acceptance", "commitment"} or is_promise(line.text) or ACK.match(line.text.strip())
                     or _VOLUNTEER.match(line.text.strip())):
            # "李娜之前做过，能不能让她来？" — (李娜) "我可以，但要到下周三": the one suggested takes it, with their date
            task.owner, task.flags = pending.instead, []
            task.due = said_due or task.due
            self.pending[id(task)] = Pending("confirm", line=line.number)
            _join(task, line)
            return True
        if pending is not None and pending.kind == "decline" and not pending.instead \
                and line.speaker not in {task.owner, task.speaker} and line.number - pending.line <= 2:
            named = [p for p in mentioned(line.text, self.transcript) if p not in {task.owner, task.speaker, line.speaker}]
            if not named and _VOLUNTEER.match(line.text.strip()):
                named = [line.speaker]  # "真顾不过来。" — (a colleague) "我来吧，…": they offer to take it themselves
            if len(named) == 1 and (_SUGGESTS.search(line.text) or named == [line.speaker]) \
                    and not QUESTION.search(line.text.strip()):
                # "I can't do both." — (a colleague) "Priya can take the presentation": who takes it, for the giver to confirm
                pending.instead, pending.line = named[0], line.number
                _join(task, line)
                return True
        if is_owner and task.owner == task.speaker and said_due is not None and _REDATE.search(line.text) \
                and line.number - task.lines[-1] <= 3 and shares_words(line.text, task.sentence):
            task.due = said_due  # "I can run the analysis by Thursday." … "Let's say Wednesday the 28th instead.": their own offer
            _join(task, line)
            return True
        if pending is not None and pending.kind == "confirm":
            self.pending.pop(id(task), None)
            others = [p for p in mentioned(line.text, self.transcript) if p not in {task.owner, line.speaker}]
            if line.speaker == task.speaker and line.number - pending.line <= 1 and not others \
                    and not ANOTHER.search(line.text.strip()) and not QUESTION.search(line.text.strip()) \
                    and (said_due is not None or ACK.match(line.text.strip()) or task.owner in mentioned(line.text, self.transcript)):
                task.due = said_due or task.due  # "那就李娜做，下周三前", "Fine, Tom, by Tuesday then": the giver confirms
                _join(task, line)
                return True
        if is_owner and act in {"decline", "move"} and not REASSIGN.search(line.text):
            others = [p for p in mentioned(line.text, self.transcript) if p not in {task.owner, task.speaker}]
            # a move asks for the date it names; a decline's dates are why not ("我下周二到周四在总行培训")
            self.pending[id(task)] = Pending(act, pushed_past(said_due, task.due) if act == "move" else None,
                                             others[0] if len(others) == 1 else "", line.number)
            _join(task, line)
            return True
        if pending is not None and line.speaker == task.speaker and line.speaker != task.owner \
                and line.number - pending.line <= 2 \
                and not re.search(r"谁|\bwho\b", line.text, re.IGNORECASE):
            named = [p for p in mentioned(line.text, self.transcript) if p not in {task.owner, line.speaker}]
            outsider = find_owner(line.text, line.speaker, self.transcript.attendees)
            if not named and outsider.how == "outsider":  # "行，让工会小吴统计，10月30日前报上来": nobody here owns it now
                task.owner, task.flags = "", list(outsider.flags)
                task.due = said_due or task.due
                self.pending.pop(id(task), None)
                _join(task, line)
                return True
            handover = len(line.text) <= 14 or shares_words(line.text, " ".join(self.transcript.line(n).text for n in task.lines)) \
                or re.search(r"换|改由|让|交给|接一下|你接|你来吧|\binstead\b|\btake (?:it |this |that )?over\b|"
                             r"\bpick (?:it|this|that) up\b|\byou take (?:it|this|that)\b",
                             line.text, re.IGNORECASE)
            if handover and (len(named) == 1 or (pending.instead and act == "acceptance" and not named)):
                # "行，那振宇去" / "Tom, could you pick it up?": the task changes hands, the date stays unless a new one is said
                task.owner, task.flags = named[0] if named else pending.instead, []
                task.due = said_due or task.due
                self.pending.pop(id(task), None)
                _join(task, line)
                return True
        to = addressee(line, self.transcript)
        if task.owner and to[0] and to[0] != task.owner and line.speaker != task.owner and to[2]:
            earlier = self._restated(found, line, to[0])
            if earlier is not None:
                _join(earlier, line)  # "曹阳，汇总的时候整改证据也要附上": more about 曹阳's task, not a new one
                return True
            return False  # "常丽，…你准备一下" opens a new task, whatever the last one waits for
        if pending is not None and line.speaker != task.owner:
            if act == "reassignment":
                self.pending.pop(id(task), None)
                return False  # detection's reassignment rule moves the owner
            if said_due is not None and (MOVE_SET.search(line.text) or act in {"acceptance", "decision", ""}
                                         or len(line.text) <= 24):
                proposed = pending.proposed
                # "周三前给您可以吗？" — "可以，那就周三。": the day the owner asked for, as they asked for it
                task.due = proposed if proposed is not None and proposed.date.weekday() == said_due.date.weekday() \
                    and BARE_WEEKDAY.match(said_due.words.strip()) else pushed_past(said_due, task.due)
                self.pending.pop(id(task), None)
                _join(task, line)
                return True
            if act == "acceptance" and pending.proposed is not None:
                task.due = pending.proposed
                self.pending.pop(id(task), None)
                _join(task, line)
                return True
        if task.owner and task.owner == task.speaker != line.speaker and task.due is None and said_due is not None \
                and line.number - task.lines[-1] == 1 and TAKES_OFFER.match(line.text.strip() + " ") \
                and re.search(r"前|为止|\b(?:by|before|no later than|until|end of)\b", line.text, re.IGNORECASE) \
                and to[0] in {"", task.owner} and len(sentences_of(line.text)) == 1 \
                and not [p for p in mentioned(line.text, self.transcript) if p not in {task.owner, line.speaker}]:
            task.due = said_due  # "i can take those" — "great do that by end of next week": the offer, dated by the chair
            _join(task, line)
            return True
        if task.owner and task.owner == task.speaker != line.speaker and line.number - task.lines[-1] == 1 \
                and to[0] in {"", task.owner} and len(sentences_of(line.text)) == 1 and not QUESTION.search(line.text.strip()) \
                and not [p for p in mentioned(without_receivers(line.text, self.transcript), self.transcript)
                         if p not in {task.owner, line.speaker}]:
            if said_due is None and _GO_AHEAD.match(line.text.strip()):
                _join(task, line)  # "I can rerun the forecast by Friday." — "Please do, and copy the ALM team."
                return True
            if said_due is not None and task.due is None and IMPERATIVE_EN.match(line.text.strip()) \
                    and re.search(r"前|\b(?:by|before|no later than)\b", line.text, re.IGNORECASE):
                task.due = said_due  # "i can take that" — "book it before june fifteenth": the offer, dated
                _join(task, line)
                return True
        if not task.owner and not task.flags and task.speaker and task.speaker != line.speaker \
                and line.number - task.lines[-1] == 1 and len(line.text.strip()) <= 20 and not QUESTION.search(line.text.strip()) \
                and (ACK.match(line.text.strip()) or _VOLUNTEER.match(line.text.strip())) \
                and not [p for p in mentioned(line.text, self.transcript) if p != line.speaker]:
            task.owner = line.speaker  # "please escalate that and give me a status by thursday" — "will do": theirs
            task.due = task.due or said_due
            _join(task, line)
            return True
        if task.owner and task.owner == task.speaker != line.speaker and task.due is None and said_due is not None \
                and line.number - task.lines[-1] == 1 and to[0] == task.owner and _REPORT_BACK.search(line.text) \
                and len([s for s in sentences_of(line.text) if not (ACK.match(s) and len(s) <= 14)]) == 1:
            task.due = said_due  # "I'll check with our lawyers" — "Could you let us know by Monday?": when to answer
            _join(task, line)
            return True
        if is_owner and self._is_reply(line, act, task):
            said_in_task = {d.date for n in task.lines[:1] for d in find_due_dates(self.transcript.line(n).text,
                                                                                 self.meeting_date)} if self.meeting_date else set()
            if said_due is not None and task.due is not None and said_due.date in said_in_task and said_due.date < task.due.date:
                task.due = said_due  # "EOD 给我，明天之前要有结论" — "今晚之前发": the earlier of the dates asked
            if said_due is not None and (task.due is None or (task.due.date == said_due.date and said_due.time
                                                              and not task.due.time)):
                task.due = said_due  # the reply gives the date, or the hour of the date asked ("每周一上午十点前")
            elif said_due is not None and task.due is not None and said_due.date > task.due.date \
                    and line.number - task.lines[-1] == 1 and ACK.match(line.text.strip()) and _SELF.search(line.text) \
                    and _BY.search(said_due.words + line.text[line.text.find(said_due.words) + len(said_due.words):][:2]) \
                    and said_due.date >= (self.meeting_date or said_due.date) and not _NOT_NOW.search(line.text):
                # "这周把名单拉出来" — "好，我下周三前发群里": the owner says yes with a later day, unchallenged (an earlier
                # day they promise leaves the deadline asked: "before the 16th" — "I'll have it by the 13th")
                task.due = said_due
            elif said_due is not None and task.due is not None and task.due.approximate and said_due.date < task.due.date \
                    and said_due.date >= (self.meeting_date or said_due.date) and not said_due.approximate \
                    and shares_words(line.text, task.sentence):
                # "…send Kevin the spec this week?" — "Sure, I'll send it tomorrow.": the day the work itself is promised
                # within the span asked (not "这礼拜弄齐" — "我下午就给他打电话", a first step)
                task.due = said_due
            _join(task, line)
            return True
        if not task.owner and any("可能是" in f or "could be" in f for f in task.flags):
            return self._clarified(line, task)
        if line.speaker == task.speaker and task.owner and said_due is not None and len(line.text) <= 24 \
                and re.search(r"(?:之前|以前|前)$", said_due.words) and to[0] in {"", task.owner} \
                and task.lines[-1] == line.number - 1 and task.owner == self._speaker_of(line.number - 1) \
                and not [p for p in mentioned(line.text, self.transcript) if p not in {task.owner, line.speaker}] \
                and shares_words(line.text, " ".join(self.transcript.line(n).text for n in task.lines)):
            task.due = said_due  # "我会后去找她。" — "行，方案11月5日前给我。": the one who gave it sets the date
            _join(task, line)
            return True
        if id(task) in self.volunteered and line.speaker == task.speaker and said_due is not None and task.due is None \
                and to[0] in {"", task.owner} and len(line.text) <= 30:
            task.due = said_due  # "那就辛苦王芳了，周五前": the date for the task just taken
            _join(task, line)
            return True
        relaxed = _RELAX.search(line.text)  # "Actually, no rush, next Wednesday is fine."
        if line.speaker == task.speaker and said_due is not None and (MOVE_SET.search(line.text) or relaxed) \
                and to[0] in {"", task.owner} \
                and not QUESTION.search(line.text.strip()) \
                and (relaxed or re.search(r"推到|推迟到|延到|延期到|顺延到|改到|\bmove|\bpush", line.text, re.IGNORECASE)) \
                and (len(line.text) <= 14 or relaxed or shares_words(line.text, task.sentence)):
            # "那方案推到7月10日前": the one who gave the task moves its date — not "答谢会改到节后", another matter
            task.due = said_due
            _join(task, line)
            return True
        return False

    def _restated(self, found: list, line: TranscriptLine, person: str):
        """An earlier task of ``person``, when this line says more about it (no other date, not a question)."""
        if QUESTION.search(line.text.strip()):
            return None
        said = self._due(line.text)
        for item in reversed(found[-6:]):
            if item.kind == "action" and item.owner == person and line.number - item.lines[-1] <= 5:
                same_date = said is None or (item.due is not None and item.due.date == said.date)
                # the name the line calls is in both: "陈晓东，下周一的培训…" says nothing more about "陈晓东，…税务局"
                words = re.sub(r"\W", "", without_calls(line.text, self.transcript))
                task_words = re.sub(r"\W", "", without_calls(item.sentence, self.transcript))
                shared = sum(1 for a, b in zip(words, words[1:]) if a + b in task_words)
                return item if same_date and shared >= 1 else None
        return None

    def _open_task(self, found: list, line: TranscriptLine):
        # the items talked about last, by line: a task restated later ("刚才…的事") is recent though found early
        latest = sorted(found, key=lambda item: item.lines[-1])[-6:]
        if latest and max(latest, key=lambda item: (item.lines[-1], item.kind == "action")).kind != "action":
            return None  # "Agreed." after a decision answers the decision, not the task before it
        recent = [item for item in latest if item.kind == "action" and line.number - item.lines[-1] <= 3]
        if not recent:
            return None
        last = max(item.lines[-1] for item in recent)
        tied = [item for item in recent if item.lines[-1] == last]  # the task(s) talked about last
        if len(tied) > 1:  # "合同周二没问题方案下周五有点赶…": the one whose words the objection repeats
            asked = MOVE_ASK.search(line.text) or DECLINE.search(line.text)
            said = line.text[max(0, asked.start() - 12):asked.start()] if asked else line.text
            return max(tied, key=lambda item: _overlap(said, item.sentence))
        return tied[0]

    def _speaker_of(self, number: int) -> str:
        line = self.transcript.line(number)
        return line.speaker if line is not None else ""

    def _is_reply(self, line: TranscriptLine, act: str, task) -> bool:
        if line.number - task.lines[-1] > 2:
            return False
        text = line.text.strip()
        if self._own_step(text, task):
            return False
        if act == "acceptance" or ACK.match(text):
            return not re.search(r"另外|还有|\balso\b|\banother\b", text, re.IGNORECASE) or len(text) <= 20
        if QUESTION.search(task.sentence.strip()) and line.number - task.lines[-1] == 1 and self._due(text) is not None \
                and act not in {"decline", "move", "question"} and not QUESTION.search(text) and not _NOT_NOW.search(text) \
                and not DECLINE.search(text) and len(sentences_of(text)) == 1:
            return True  # "Jenny，你们明天能回归完吗？" — "明天下午五点前可以给结果。": the answer gives the hour
        if (act == "commitment" or is_promise(text)) and line.number - task.lines[-1] >= 2 \
                and not shares_words(text, " ".join(self.transcript.line(n).text for n in task.lines)):
            return False  # "…rota by thursday" — "please do" — (someone) — "then i need the room booked i can take that"
        if (act == "commitment" or is_promise(text)) and (len(text) <= 30 or len(text.split()) <= 12):
            others = [p for p in mentioned(without_receivers(text, self.transcript), self.transcript)
                      if p not in {task.owner, task.speaker}]
            return not others  # "好的，我今天下午就发给贺总": 贺总 only receives it
        return False

    def _own_step(self, text: str, task) -> bool:
        """"讲座你来安排，月底前办一场" — "可以我这周五前把方案发群里": accepted, and a first step promised with a date of
        its own about something the task did not name — a task of its own, not the task's date."""
        said = self._due(text)
        return bool(said is not None and task.due is not None and said.date != task.due.date
                    and re.search(r"把|\bthe\b", text) and not shares_words(text, task.sentence))

    def _clarified(self, line: TranscriptLine, task) -> bool:
        """"小张" fit two people; "张磊吧，…" from the one who gave the task settles it."""
        calls_in = getattr(self.transcript.attendees, "calls_in", None)
        opening = calls_in(line.text)[:1] if calls_in else []
        if line.speaker == task.speaker and opening and opening[0][0] <= 3 and len(opening[0][3]) == 1 \
                and re.match(r"\s*(?:吧|啊|呀|[，,]\s*(?:他|她)|。|$)", line.text[opening[0][1]:]):
            named = opening[0][3]
            if len(named) == 1:
                task.owner = named[0]
                task.flags = [f for f in task.flags if "可能是" not in f and "could be" not in f]
                due = self._due(line.text)
                if due is not None:
                    task.due = due
                _join(task, line)
                return True
        if QUESTION.search(line.text.strip()):
            _join(task, line)  # "您说的是我还是张磊？" — part of the same task
            return True
        return False

    def _appointed(self, line: TranscriptLine, found: list) -> bool:
        """"尽调报告谁写？" — "我最近手上事多。" — "小陈你写。": the one the asker then names, in a few words, takes the
        task asked for (the lines between are part of it)."""
        said = [l for l in self.transcript.lines[:line.number - 1] if l.text and not l.meta][-2:]
        asked = next((l for l in reversed(said) if _OPEN_CALL.search(l.text)), None)
        if asked is None or asked.speaker != line.speaker or any(asked.number in item.lines for item in found):
            return False
        words, names = vocative(line.text, self.transcript.attendees)
        rest = re.sub(r"你们|你|您|吧|就|来|\W", "", without_calls(line.text, self.transcript))
        if not words or len(names) != 1 or names[0] == line.speaker or len(rest) > 6 or QUESTION.search(line.text.strip()):
            return False
        lines = sorted({asked.number, line.number} | {l.number for l in said if l.number > asked.number})
        found.append(Found("action", asked.text, lines, speaker=line.speaker, owner=names[0],
                           due=self._due(line.text) or self._due(asked.text)))
        return True

    def _volunteered(self, line: TranscriptLine, found: list) -> bool:
        """"这个报告谁来写？" — "我来吧": the one who answers takes the task asked for (also "Can someone…?" — "I'll do it")."""
        before = self.transcript.line(line.number - 1)
        if before is None or not before.text or before.meta or not line.speaker or before.speaker == line.speaker:
            return False
        if not _OPEN_CALL.search(before.text) or not _VOLUNTEER.match(line.text.strip()):
            return False
        asked = next((item for item in found if item.kind == "action" and before.number in item.lines), None)
        if asked is not None:
            if asked.owner:
                return False
            asked.owner = line.speaker  # "有没有人能这周把新规补进去？" — "我可以，周五前补完。"
            asked.flags = []
            asked.due = asked.due or self._due(line.text)
            _join(asked, line)
            self.volunteered.add(id(asked))
            return True
        due = self._due(before.text) or self._due(line.text)
        found.append(Found("action", before.text, [before.number, line.number], speaker=before.speaker,
                           owner=line.speaker, due=due))
        self.volunteered.add(id(found[-1]))
        return True

    def _answered(self, line: TranscriptLine, found: list) -> bool:
        """"Tony你那边留一个人。" — "21号晚上我自己留守。": a request to someone that found no task on its own, and
        their answer in the first person with a date, are one task: theirs, with the date they gave."""
        before = self.transcript.line(line.number - 1)
        if before is None or before.meta or not before.text or not line.speaker or before.speaker == line.speaker:
            return False
        if any(before.number in item.lines for item in found):
            return False
        words, names = vocative(before.text, self.transcript.attendees)
        if QUESTION.search(before.text.strip()):
            # "一鸣，新驱动什么时候能推下去？" — "测试还要两天，下周三全部推完。": the one asked when gives the date
            due = self._due(line.text)
            if not (words and names == [line.speaker] and _WHEN.search(before.text) and due is not None
                    and not QUESTION.search(line.text.strip()) and not _NOT_NOW.search(line.text)
                    and not re.search(r"(?:说|表示|讲|称|反馈|预计|估计)|已经|\b(?:said|says|told|expects?|expected)\b",
                                      line.text, re.IGNORECASE)):  # "供应商说下周四…": what others said will happen
                return False
            found.append(Found("action", line.text, [before.number, line.number], speaker=line.speaker,
                               owner=line.speaker, due=due))
            return True
        if not words or names != [line.speaker] or not directs(before.text) or _HYPOTHETICAL_LEAD.match(before.text):
            return False
        due = self._due(line.text)
        if due is None or QUESTION.search(line.text.strip()) or not _SELF.search(line.text) or _NOT_NOW.search(line.text):
            return False
        found.append(Found("action", before.text, [before.number, line.number], speaker=before.speaker,
                           owner=line.speaker, due=due))
        return True

    def _move_without_task(self, line: TranscriptLine, found: list) -> bool:
        """"Could we move it to next Wednesday?" about work given earlier: the task is the answer's."""
        if act_of(line.text) != "move" or not line.speaker:
            return False
        proposed = self._due(line.text)
        if proposed is None:
            return False
        before = self.transcript.line(line.number - 1)
        after = self.transcript.line(line.number + 1)
        if before is None or after is None or after.speaker == line.speaker or not after.text:
            return False
        if addressee(before, self.transcript)[0] != line.speaker or not ACK.match(after.text.strip() + " "):
            return False
        task = Found("action", before.text, [before.number, line.number], speaker=before.speaker, owner=line.speaker,
                     due=self._due(after.text) or proposed)
        found.append(task)
        return True


#: A colleague naming who could take a declined task: "Priya can take the presentation", "让小周来做吧", "Linda deals with it".
_SUGGESTS = re.compile(r"\b(?:can|could) (?:take|do|handle|cover|pick)\b|\b(?:deals?|dealt) with\b|\bhandles\b|\blooks after\b|"
                       r"让[^，。]{0,4}(?:来|去|做|接|弄|代)|可以(?:接|做|来|帮|代)|交给|在(?:跟|管|负责)", re.IGNORECASE)
#: Taking an offer as it stands: "Please do", "Go ahead", "好，你弄吧".
_GO_AHEAD = re.compile(r"^(?:(?:yes|ok(?:ay)?|great|good)[,\s]+)?(?:please do|go ahead|do it|do that)\b|^(?:好|行|可以)[，,]?\s*(?:那)?你(?:弄|做|发|搞|来)吧",
                       re.IGNORECASE)
#: The one who offered a task giving it another date: "Let's say Wednesday the 28th instead", "那我改到下周三吧".
_REDATE = re.compile(r"\blet'?s say\b|\bmake (?:it|that)\b|\binstead\b|\b(?:push|move) (?:it|that) to\b|改到|改成|推到|延到|改为",
                     re.IGNORECASE)
#: Asking for an answer on what was just promised: "Could you let us know by Monday?", "周五前给我个回话".
_REPORT_BACK = re.compile(r"\b(?:let (?:us|me) know|come back to (?:us|me)|get back to (?:us|me)|confirm|update (?:us|me))\b|"
                          r"告诉我|回个话|回话|给个准信|答复|回复我", re.IGNORECASE)
#: The one who gave a task lets it wait: "不急，下周再给我也行", "no rush, next Wednesday is fine".
_RELAX = re.compile(r"不急|不用那么急|不着急|^算了|太赶|晚(?:几天|一点)也行|也(?:行|可以)[。！!]?$|\bno rush\b|\bno hurry\b|\bcan wait\b|"
                    r"\b(?:is|'s) fine\b", re.IGNORECASE)
#: Words that name a day, not only a time of day.
_DAY_WORDS = re.compile(r"今|明|后天|周|礼拜|星期|月|号|日|天|节|\b(?:today|tomorrow|tonight|day|week|month|mon|tue|wed|thu|fri|sat|"
                        r"sun)\w*", re.IGNORECASE)
_OPEN_CALL = re.compile(r"谁(?:来|去|负责|可以|能|愿意|牵头|跟|写|做)|有没有人|哪位|\b(?:someone|somebody|anyone|anybody)\b.{0,40}[?？]|"
                        r"\bwho (?:can|will|wants to|is going to|could|'s going to)\b|\bwho(?:'s| is) \w+ing\b|\bany volunteers\b", re.IGNORECASE)
_VOLUNTEER = re.compile(r"^(?:那|好|行|嗯)?[，,\s]*(?:我来|我去|我可以|我负责|我吧|我做|我写|我跟|我这边来|交给我|"
                        r"I'?ll (?:do|take|handle|own|pick)|I can (?:do|take|handle)|I'?m on it|leave it with me|me\b|happy to)",
                        re.IGNORECASE)


#: A date said as a deadline: "30号前", "by the 21st".
_BY = re.compile(r"前|为止|\b(?:by|before|no later than)\b", re.IGNORECASE)
_SELF = re.compile(r"(?<![给发交诉跟找帮])我(?!觉得|认为|们)|\bI(?:'ll| will|'m| am| can)\b", re.IGNORECASE)
_NOT_NOW = re.compile(r"我(?:觉得|认为|担心|估计|感觉)|来不及|没时间|走不开|\bI (?:think|can'?t|cannot|won'?t)\b", re.IGNORECASE)
_HYPOTHETICAL_LEAD = re.compile(r"^\W*(?:要是|如果|假如|万一|\bif\b)", re.IGNORECASE)


#: A question that asks when: its answer with a date is a promise.
_WHEN = re.compile(r"什么时候|啥时候|哪天|几号|多久|多长时间|\bwhen\b|\bhow soon\b|\bby when\b|\bwhat date\b", re.IGNORECASE)


def _overlap(a: str, b: str) -> int:
    """How many two-character pieces of ``a`` are in ``b``."""
    return sum(1 for i in range(len(a) - 1) if a[i:i + 2].strip() and a[i:i + 2] in b)


def _join(task, line: TranscriptLine) -> None:
    if line.number not in task.lines:
        task.lines.append(line.number)
        task.lines.sort()
