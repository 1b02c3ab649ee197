"""Find the decisions, action items, open questions and risks said in a transcript, line by line.

Why rules and not the model: an item must point at the line it came from and name an owner who
was in the room. A small model asked for "all action items" copies lines or invents owners; cue
phrases ("负责", "请…", "by next Friday", "we agreed") find the sentences reliably and keep the
line number by construction. The model then only rewrites each found sentence into a short
task (see ``summarize.py``), and that rewrite is checked against the sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from app.core.meeting.dates import DueDate, resolve_due
from app.core.meeting.transcript import Transcript, TranscriptLine

_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?|[^。！？!?；;]+$")
_EN_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\"'])")

_ACTION_ZH = re.compile(r"负责|牵头|跟进|落实|安排|请[\u4e00-\u9fff]{1,4}|你来|我来|我去|我会|我们会|交给|对接|准备|提交|"
                        r"发给|发出|整理|测算|核实|补充|更新|完成|出具|联系|汇报|报送|报给|起草|修改|走访|催")
_ACTION_EN = re.compile(r"\b(?:please|will|I'll|we'll|he'll|she'll|to do|action|follow up|take care of|"
                        r"responsible|owns?|send|prepare|update|draft|review|call|check|circulate|share|schedule|"
                        r"set up|finali[sz]e|submit|deliver)\b", re.IGNORECASE)
_DECISION_ZH = re.compile(r"决定|决议|确定|定了|定下来|同意.{4,}|批准|通过|维持|就这么办|就按|拍板|达成一致|一致认为|结论是")
_DECISION_EN = re.compile(r"\b(?:we (?:have )?(?:agreed|decided)|agreed to|decided to|decision|approved?|"
                          r"we(?:'ll| will) go with|let's go with|signed off|resolved to|consensus)\b", re.IGNORECASE)
_OPEN_ZH = re.compile(r"没定|未定|待定|再定|再议|再讨论|再研究|未决|悬而未决|不确定|还没确定|需要确认|待确认|有待|下次(?:会上)?再")
_OPEN_EN = re.compile(r"\b(?:open question|open issue|tbd|to be (?:decided|confirmed|determined)|undecided|not decided|"
                      r"not sure|unclear|decide (?:that |this |it )?(?:next|later)|revisit|park(?:ed)? (?:this|it))\b",
                      re.IGNORECASE)
_RISK_ZH = re.compile(r"风险(?!部|管理部|条线)|隐患|担心|顾虑|压力|下滑|恶化|违约|逾期|不良|集中度|敞口|预警|诉讼|质押率|波动|承压")
_RISK_EN = re.compile(r"\b(?:risks?|concerns?|worr(?:y|ied)|exposure|default|overdue|thin|headroom|breach|"
                      r"downgrade|deteriorat\w*|litigation|red flag)\b", re.IGNORECASE)
#: Acknowledgements restate an item already said ("好的，我下周一前发出"); they add a line, not an item.
_ACK = re.compile(r"^(?:好的?|好|行|可以|没问题|收到|明白|同意|ok(?:ay)?|sure|will do|got it|yes|fine|agreed|"
                  r"sounds good|no problem)[，,。.!！\s]", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"^(?:[^，,。]{0,6}[，,]\s*)?(?:我|我们这边|我这边)(?!们)|\b(?:I|I'll|I'm|I will|I can)\b")


@dataclass
class Found:
    """A sentence of the transcript that says a decision, task, open question or risk."""

    kind: str  # "decision" | "action" | "open_question" | "risk"
    sentence: str
    lines: list[int]
    speaker: str = ""
    owner: str = ""
    due: DueDate | None = None
    flags: list[str] = field(default_factory=list)


def sentences_of(text: str) -> list[str]:
    if re.search(r"[\u4e00-\u9fff]", text):
        parts = [m.group(0).strip() for m in _SENTENCE.finditer(text)]
    else:
        parts = [p.strip() for p in _EN_SENTENCE.split(text)]
    return [p for p in parts if p and re.search(r"\w", p)]


def match_attendee(name: str, attendees: list[str]) -> str:
    """The attendee ``name`` refers to ("Mary" → "Mary Chen", "张经理" → "张经理"), or ""."""
    name = name.strip(" ，,。.:：")
    if not name:
        return ""
    lowered = name.lower()
    for person in attendees:
        if person.lower() == lowered:
            return person
    for person in attendees:
        words = person.lower().split()
        if lowered in words or (len(name) >= 2 and re.search(r"[\u4e00-\u9fff]", name)
                                and (person.startswith(name) or name.startswith(person))):
            return person
    return ""


def mentioned_attendees(text: str, attendees: list[str]) -> list[str]:
    """Attendees named in ``text`` (full name, or first name for Western names), in order of mention."""
    hits: list[tuple[int, str]] = []
    for person in attendees:
        forms = [person] + ([person.split()[0]] if " " in person else [])
        if re.search(r"[\u4e00-\u9fff]", person) and len(person) == 3 and person[1:] not in {"经理", "总监"}:
            forms.append(person[1:])  # 王芳 may be called 芳 rarely; 张经理 is never "经理"
        for form in forms:
            pattern = re.escape(form) if re.search(r"[\u4e00-\u9fff]", form) else rf"\b{re.escape(form)}\b"
            match = re.search(pattern, text)
            if match:
                hits.append((match.start(), person))
                break
    return [person for _, person in sorted(hits)]


_OWNER_ZH = [re.compile(p) for p in [
    r"(?:请|让|由|交给|安排)(?P<name>[\u4e00-\u9fff]{2,4}?)(?:来|去|负责|牵头|跟进|在|于|把|先|尽快|[,，]|测算|准备|整理|核实|联系|"
    r"提交|发|完成|起草|修改|更新|对接|汇报|做|再|一下|下周|月底|本周)",
    r"(?P<name>[\u4e00-\u9fff]{2,4}?)(?:[，,]\s*)?(?:你|您)(?:来|去|负责|牵头|跟进|把|在|先|下周|月底|本周|尽快|[\u4e00-\u9fff]{0,3}前)",
    r"(?P<name>[\u4e00-\u9fff]{2,4}?)(?:负责|牵头|跟进|来做|来负责|来牵头)",
]]
_OWNER_EN = [re.compile(p) for p in [
    r"(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?),\s*(?:please|can you|could you|would you|will you|you)\b",
    r"\b(?:ask|have|get)\s+(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+to\b",
    r"(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:will|is going to|to|owns|is responsible|takes)\b",
    r"\b(?:assigned to|owner:?|owned by)\s+(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?)",
]]


def find_owner(sentence: str, speaker: str, attendees: list[str]) -> tuple[str, list[str]]:
    """(owner, flags) for a task sentence: a named attendee, else the speaker of a first-person promise.

    A name that is not an attendee is never made the owner: the item stays unassigned and is
    flagged, because minutes that assign work to someone not in the meeting are worse than none.
    """
    for pattern in (_OWNER_ZH + _OWNER_EN):
        for match in pattern.finditer(sentence):
            name = match.group("name")
            person = match_attendee(name, attendees)
            if person:
                return person, []
            if pattern in _OWNER_ZH and not re.search(r"[我你他她们这那大家]", name) and len(name) <= 3 \
                    and pattern.pattern.startswith("(?:请"):
                return "", [f"“{name}”不是参会人员，未指定负责人" if re.search(r"[\u4e00-\u9fff]", sentence)
                            else f"“{name}” is not an attendee; left unassigned"]
    if speaker and _FIRST_PERSON.search(sentence):
        return speaker, []
    named = mentioned_attendees(sentence, [a for a in attendees if a != speaker])
    if len(named) == 1:
        return named[0], []
    return "", []


def _kind_of(sentence: str, zh: bool) -> str:
    decision = (_DECISION_ZH if zh else _DECISION_EN).search(sentence)
    open_q = (_OPEN_ZH if zh else _OPEN_EN).search(sentence)
    action = (_ACTION_ZH if zh else _ACTION_EN).search(sentence)
    risk = (_RISK_ZH if zh else _RISK_EN).search(sentence)
    if open_q:
        return "open_question"
    if decision and not re.search(r"[？?]$", sentence):
        return "decision"
    if action:
        return "action"
    if risk:
        return "risk"
    return ""


def find_items(transcript: Transcript, meeting_date: dt.date | None) -> list[Found]:
    """Every decision, task, open question and risk sentence, with owner and due date for tasks."""
    zh = transcript.language == "zh"
    attendees = transcript.attendees
    found: list[Found] = []
    for line in transcript.speech:
        if _ACK.match(line.text + " ") and _joins_recent_task(line, found):
            continue
        for sentence in _split_mixed(sentences_of(line.text), zh):
            kind = _kind_of(sentence, zh)
            if _AGENDA.search(sentence) and kind in {"risk", "action"}:
                continue  # "今天主要讨论…风险预警" announces the agenda; it is not a risk or a task
            due = resolve_due(sentence, meeting_date) if meeting_date and kind in {"", "action"} else None
            if not kind and due is not None:
                kind = "action"  # "下周一前给我初稿" has no task verb in the list, but a deadline is a task
            if not kind:
                continue
            item = Found(kind=kind, sentence=sentence, lines=[line.number], speaker=line.speaker, due=due)
            if kind == "action":
                if due is None and (_is_question(sentence) or _SPEAK_NOW.search(sentence)):
                    continue  # "谁来跟进？" asks; "请王芳介绍一下" is a turn to speak, not a task
                item.owner, item.flags = find_owner(sentence, line.speaker, attendees)
                if _absorbed(item, found, line):
                    continue
            elif kind == "decision" and _ACK.match(sentence + " ") and len(sentence) < 6:
                continue
            elif kind == "open_question" and _absorbed_question(item, found, line, transcript):
                continue
            elif kind == "risk" and _absorbed_risk(item, found, line):
                continue
            found.append(item)
    return merge_repeated_tasks(found)


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


def _similar(a: str, b: str) -> float:
    """Share of the shorter sentence's character pairs found in the longer one."""
    def pairs(text: str) -> set[str]:
        text = re.sub(r"\W", "", text.lower())
        return {text[i:i + 2] for i in range(len(text) - 1)}

    small, large = sorted((pairs(a), pairs(b)), key=len)
    return len(small & large) / len(small) if small else 0.0


_SPEAK_NOW = re.compile(r"(?:介绍|说|讲|谈|汇报|补充|解释)一下|谈谈|讲讲|说说|先说|go ahead|walk us through|"
                        r"tell us|over to you", re.IGNORECASE)
_AGENDA = re.compile(r"主要讨论|今天讨论|今天的议题|议程|会议议题|\bagenda\b|let's start with|first item", re.IGNORECASE)
_CLAUSE = re.compile(r"(?<=[，,])\s*")


def _split_mixed(sentences: list[str], zh: bool) -> list[str]:
    """Split "这个下次再定，先请王芳测算一下" into its undecided part and its task part."""
    out: list[str] = []
    for sentence in sentences:
        if not (_OPEN_ZH if zh else _OPEN_EN).search(sentence):
            out.append(sentence)
            continue
        clauses = [c for c in _CLAUSE.split(sentence) if c.strip()]
        cut = next((i for i, c in enumerate(clauses) if i and (_ACTION_ZH if zh else _ACTION_EN).search(c)
                    and not (_OPEN_ZH if zh else _OPEN_EN).search(c)), None)
        if cut is None:
            out.append(sentence)
        else:
            out.extend(["".join(clauses[:cut]).rstrip("，, "), "".join(clauses[cut:])])
    return out


def _joins_recent_task(line: TranscriptLine, found: list[Found]) -> bool:
    """"好的，没问题" from the person just given a task confirms it: the task gains the line."""
    last = next((f for f in reversed(found) if f.kind == "action"), None)
    if last is None or not last.owner or last.owner != line.speaker or line.number - last.lines[-1] > 2:
        return False
    if re.search(r"\d|下周|月底|明天|之前|前|by|before|until", line.text) and len(line.text) > 12:
        return False  # a longer reply with its own deadline is read as a sentence of its own
    last.lines.append(line.number)
    return True


def _absorbed_risk(item: Found, found: list[Found], line: TranscriptLine) -> bool:
    """A risk discussed over consecutive lines is one risk with several lines."""
    previous = found[-1] if found else None
    if previous is not None and previous.kind == "risk" and line.number - previous.lines[-1] <= 1:
        if line.number not in previous.lines:
            previous.lines.append(line.number)
        return True
    return False


def _is_question(sentence: str) -> bool:
    return bool(re.search(r"[？?]\s*$", sentence))


def _absorbed(item: Found, found: list[Found], line: TranscriptLine) -> bool:
    """An acknowledgement or restatement of a recent task joins that task instead of adding one."""
    for previous in reversed(found[-6:]):
        if previous.kind != "action" or line.number - previous.lines[-1] > 3:
            continue
        same_owner = item.owner and item.owner == previous.owner
        same_due = item.due is not None and previous.due is not None and item.due.date == previous.due.date
        acknowledgement = _ACK.match(item.sentence + " ") is not None
        if (same_owner and (same_due or item.due is None or acknowledgement)) or \
                (acknowledgement and same_due) or (acknowledgement and not item.owner and item.due is None):
            if line.number not in previous.lines:
                previous.lines.append(line.number)
            if previous.due is None and item.due is not None:
                previous.due = item.due
            if not previous.owner and item.owner:
                previous.owner = item.owner
            return True
    return False


def _absorbed_question(item: Found, found: list[Found], line: TranscriptLine, transcript: Transcript) -> bool:
    """"这个下次再定" refers to the question just asked: one open question, both lines."""
    for previous in reversed(found[-4:]):
        if previous.kind == "open_question" and line.number - previous.lines[-1] <= 2:
            if line.number not in previous.lines:
                previous.lines.append(line.number)
            return True
    # Pull in the question it answers, when that question was the line before.
    before = transcript.line(line.number - 1)
    if before and before.text and _is_question(before.text.strip()) and len(item.sentence) < 14:
        item.sentence = sentences_of(before.text)[-1]
        item.lines = [before.number, line.number]
    return False
