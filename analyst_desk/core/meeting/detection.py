"""Find the decisions, action items, open questions and risks said in a transcript, line by line.

Cue phrases ("负责", "请…", "by next Friday", "we agreed") find the sentences and keep the line
number by construction; they are the minutes when no model is loaded, and the second source beside
the model's proposals (``candidates.py``, checked in ``verdicts.py``). A date word alone is not a
task: someone must be asked, or promise, to act — agenda lines, closing lines, dated statements of
fact (maturities, past events) and opinions are not tasks. Owners are found in ``owners.py``.

The parts each decide one thing: ``sentences.py`` how a line is cut into sentences, ``kinds.py`` what kind of
item a sentence says, ``commitments.py`` whether it commits anyone at all, ``addressing.py`` whom a line speaks to,
``rulings.py`` when the chair's yes, no or plain words decide, ``joins.py`` whether it adds to an item found before,
``dialogue.py`` how later lines update an open task; this module walks the lines and decides who is committed to what.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from analyst_desk.core.cjk import HAN
from analyst_desk.core.meeting.acts import act_of, ambiguity_flag, readable, shares_words
from analyst_desk.core.meeting.addressing import addressee, vocative
from analyst_desk.core.meeting.commitments import (
    AGENDA,
    COMMIT_EN,
    COMMIT_ZH,
    FACT,
    ROOM_QUESTION,
    commitment_of,
    is_not_task,
)
from analyst_desk.core.meeting.dates import resolve_due
from analyst_desk.core.meeting.dialogue import Tracker
from analyst_desk.core.meeting.found import Found
from analyst_desk.core.meeting.joins import (
    absorb_raised_tasks,
    absorbed,
    absorbed_question,
    absorbed_risk,
    deadline_said_before,
    join_line,
    joins_recent_task,
    member_named_after_department,
    merge_repeated_tasks,
    proposal_ratified,
)
from analyst_desk.core.meeting.kinds import ACKNOWLEDGED, EXPLICIT_DECISION, decision_text, is_question, kind_of
from analyst_desk.core.meeting.offers import offer_taken
from analyst_desk.core.meeting.owners import (
    match_attendee,
    mentioned_attendees,
)
from analyst_desk.core.meeting.rulings import chair, rules_on_proposal, settles
from analyst_desk.core.meeting.sentences import (
    join_request_and_date,
    sentences_of,
    split_decision_task,
    split_mixed,
    split_owners,
    split_run_on,
)
from analyst_desk.core.meeting.transcript import Transcript, TranscriptLine

__all__ = ["Found", "find_items", "sentences_of", "match_attendee", "mentioned_attendees", "is_not_task",
           "commitment_of", "decision_text"]


#: "好，就这么定了" alone: it decides what was just proposed.
_RATIFY = re.compile(r"^(?:好的?|那|行|可以|同意|没问题|OK|Okay)?[，,\s]*(?:那)?(?:就这么定了?|就这么办|就这样定了?|就这样吧|就按这个办|"
                     r"(?:let's|we'll) do that|agreed|decided|that's settled)[，,。.!！]?\s*(?:(?:今天|今日)?(?:就|先)?(?:到这里?|到此|这样)"
                     r"[。.!！]?|(?:今天|今日)?(?:就)?(?:散会|散了)(?:吧)?[。.!！]?)?$", re.IGNORECASE)


#: Agreeing with a person is an acknowledgement; the decision is what follows it.
_AGREE_WITH = re.compile(rf"^[{HAN}]{{0,6}}?(?:同意|赞同|支持)[{HAN}]{{1,6}}?(?:的)?(?:意见|看法|建议|观点|说法)|"
                         r"^I agree with\b|^agreed with\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-•*·–—]|\d{1,2}[.、)）]|[（(]\d{1,2}[)）])\s*")
_REASSIGN = re.compile(rf"改由|改成|换成|还是交给|转给|改为|交给(?=[{HAN}]{{2,4}}吧)|\binstead\b|\btake (?:it )?over\b",
                       re.IGNORECASE)


def find_items(transcript: Transcript, meeting_date: dt.date | None) -> list[Found]:
    """Every decision, task, open question and risk sentence, with owner and due date for tasks."""
    zh = transcript.language == "zh"
    attendees = transcript.attendees
    found: list[Found] = []
    tracker = Tracker(transcript, meeting_date)
    previous: TranscriptLine | None = None
    for line in transcript.speech:
        line = _readable_line(line)
        answers_room = previous is not None and previous.speaker != line.speaker \
            and bool(ROOM_QUESTION.search(previous.text.strip())) and len(line.text) <= 12 and ACKNOWLEDGED.match(line.text + " ")
        previous = line
        if answers_room:
            continue  # "大家同意吗？" — "同意。": agreeing with the proposal, not with the last task
        if tracker.update(line, found):
            continue
        if ACKNOWLEDGED.match(line.text + " ") and joins_recent_task(line, found):
            continue
        addressed = addressee(line, transcript)
        sentences = split_owners(join_request_and_date(split_decision_task(split_mixed(split_run_on(sentences_of(line.text)), zh),
                                                                              attendees)), attendees)
        for position, sentence in enumerate(sentences):
            sentence = _without_closing(sentence)
            if position:  # "老贺你先坐。马总，加点的事…下周三前给我": each sentence that opens with a call speaks to them
                words, names = vocative(sentence, attendees)
                if words and 0 <= sentence.find(words) <= 3:
                    addressed = (names[0], [], True) if len(names) == 1 else ("", names, True)
            if _THIRD_PARTY.search(_without_opening_call(sentence, attendees)) or _THIRD_PARTY_EN.search(sentence) \
                    or _AVAILABILITY.search(sentence):
                continue  # "供应商说下周四前切换完成": what someone outside said will happen, nobody here is to act
            if _RATIFY.match(sentence.strip()):
                ratified = proposal_ratified(sentences[:position], line, found, transcript)
                if ratified is not None:
                    found.append(ratified)
                continue
            if _RATIFY.match(re.split(r"[，,]\s*", sentence.strip())[-1]) and len(sentence) <= 20:
                ratified = proposal_ratified([], line, found, transcript)  # "马总克服一下，就这么定了": what was proposed
                if ratified is not None:
                    found.append(ratified)
                    continue
            taken = offer_taken(sentence, line, found, transcript, meeting_date) \
                if position == 0 and is_not_task(sentence) != "closing" else None
            if taken is not None:
                found.append(taken)  # "我回去就整改。" — "行，你这周内整改完。": the offer, now with its date
                continue
            if _reassigned(sentence, line, found, attendees) or _moved_earlier(sentence, line, found, addressed, meeting_date,
                                                                                 transcript):
                continue
            kind = kind_of(sentence, zh)
            if kind == "decision" and _ACCEPTS_TASK.search(sentence) and not EXPLICIT_DECISION.search(sentence) \
                    and meeting_date and resolve_due(sentence, meeting_date) is not None:
                kind = ""  # "许总同意先提供房产证复印件…本周五前发给马丽": agreeing to do something by a date is a task
            if kind == "decision" and addressed[0] and addressed[2] and not EXPLICIT_DECISION.search(sentence) \
                    and act_of(sentence) in {"request", "directive"} and meeting_date \
                    and resolve_due(sentence, meeting_date) is not None:
                kind = ""  # "Sarah, make sure the reconciliation is signed off by Tuesday": told to get it done
            if kind in {"", "action", "risk"} and settles(sentence, line, transcript) \
                    and not re.search(r"你|您|\byou\b", sentence, re.IGNORECASE) and not vocative(sentence, attendees)[0] \
                    and not _deadline_in(sentence, meeting_date):
                kind = "decision"  # "就用第二家供应商", "We'll stick with the current vendor": the chair settles it
            proposal = rules_on_proposal(sentence, line, transcript) if not kind and position == 0 else ""
            if proposal:  # "要不要这次顺便把灰度也上了？" … "这次不上灰度，全量发": the chair rules on it
                task = re.search(r"(?<=\S{2})(?:你|您)(?:们)?(?:把|来|去|负责|先|再)", sentence) \
                    or re.search(r"(?<=[，,])\s*(?=[^，,]*(?:你|您)[^，,]*$)", sentence) \
                    or re.search(r"(?<=\S{4})(?:你|您)(?:们)?(?=[^，。]{0,10}(?:之前|前|再去|去|把))", sentence) \
                    or _english_task_in(sentence, attendees) \
                    or re.search(r"(?<=[，,])\s*(?=[^，,]*(?:你|您))", sentence)  # "…，名单你排一下，下周一给我"
                # "要订，包蕾你元宵节前把…给我"; "…in july speaker 2 can you…"
                ruling = sentence[:task.start()] if task else sentence  # "要上的你把方案写好月底前上会": and a task
                text = ruling.strip(" 。.") if len(ruling) >= 8 else line.text.strip(" 。") if len(line.text) >= 12 and not task \
                    else f"{proposal.rstrip('？?。 ')}：{ruling.strip(' 。.，,')}"  # "No. The promotion ends on August 31"
                found.append(Found("decision", text, [line.number], speaker=line.speaker))
                if not task:
                    continue
                sentence = sentence[task.start():]
                kind = kind_of(sentence, zh)
            not_task = is_not_task(sentence)
            if not_task == "fact" and meeting_date and _deadline_clause_is_new(sentence, meeting_date):
                not_task = ""  # "钱芳表示一季度报表已出，下周一前可以发过来": the fact is one clause, the promise another
            if not_task in {"fact", "agenda"} and addressed[0] and addressed[2] \
                    and (re.search(r"前|之前|\bby\b|\bbefore\b", sentence, re.IGNORECASE)
                         or (meeting_date and resolve_due(sentence, meeting_date) and act_of(sentence) in {"directive", "request"})):
                not_task = ""  # "郭涛，证书到期提醒…这周五前改完": said to someone with a deadline, not a statement
            if not_task and kind in {"risk", "action", ""}:
                if not_task != "fact" or kind != "risk":
                    continue  # "今天主要讨论…风险预警" announces the agenda; "4月30日到期" states a fact
            due = resolve_due(sentence, meeting_date) if meeting_date and kind in {"", "action", "risk"} else None
            if kind in {"", "action", "risk"}:
                owner = commitment_of(sentence, line.speaker, attendees, due, addressed)
                if owner is not None:
                    kind = "action"
                elif kind == "action":
                    continue  # a task word without anyone committed: not a task
            if not kind:
                continue
            item = Found(kind=kind, sentence=sentence, lines=[line.number], speaker=line.speaker,
                         due=due if kind == "action" else None)
            if kind == "action":
                item.owner, item.flags = owner.name, list(owner.flags)
                if not item.owner and not item.flags and position and item.due is not None and line.speaker \
                        and any(f.kind == "action" and f.owner == line.speaker and line.number in f.lines for f in found) \
                        and not mentioned_attendees(sentence, attendees):
                    item.owner = line.speaker  # "I can get you the accounts this week. The ageing…, maybe the 19th."
                if item.due is None and item.owner and meeting_date:
                    said = deadline_said_before(sentence, line, found, transcript, meeting_date)
                    if said is not None:  # "…监管让我们九月十号前改完。" — "甄宇你来牵头改": the date just said
                        item.due, item.lines = said

                if not item.owner and line.speaker and _LIST_ITEM.match(line.raw) and not owner.flags \
                        and not re.search(r"我|你|您|过来|上来|\b(?:I|you|me)\b", sentence):
                    item.owner = line.speaker  # "1. 卢娜：3月12日前提供近三个月流水": a to-do list, owner first
                if absorbed(item, found, line, attendees):
                    continue
            elif kind == "decision":
                if position == 0 and _answers_status_question(line, transcript):
                    continue  # "牵头行定了没有？" — "定了，国开行牵头…": what was decided elsewhere, reported
                if "暂停" in sentence and line.speaker != chair(transcript) and not EXPLICIT_DECISION.search(sentence) \
                        and not re.search(r"决定|定了|同意|通过|批准", sentence):
                    continue  # "系统下周五晚上升级，升级期间手机银行暂停": a member announcing what will happen
                if _DISAGREE.search(sentence) and not EXPLICIT_DECISION.search(sentence):
                    continue  # "维持5亿我不同意": an objection, not what was decided
                if _WISH.search(sentence) and not EXPLICIT_DECISION.search(sentence):
                    continue  # "希望定在70%" asks for a decision; "那就按70%定了" makes it
                if AGENDA.search(sentence) and not EXPLICIT_DECISION.search(sentence):
                    continue  # "今天就定一下下个季度的两场活动" announces what the meeting will decide
                agreed_with = _AGREE_WITH.search(sentence)
                if agreed_with and not EXPLICIT_DECISION.search(sentence):
                    ruling = sentence[agreed_with.end():].strip(" ，,。.")
                    if len(ruling) < 6 or re.match(r"我|\bI\b", ruling) or is_question(sentence):
                        continue  # "同意李娜的意见。决定：…" — agreeing with a person; the decision is what is decided
                    sentence = ruling  # "同意梁静的意见，额度压到三百万，其余条件不变": what the chair rules after agreeing
                if ACKNOWLEDGED.match(sentence + " ") and len(sentence) < 6:
                    continue
                handed = _handed_in_decision(sentence, line, transcript, meeting_date)
                if handed is not None:
                    found.append(Found(kind, decision_text(sentence), [line.number], speaker=line.speaker))
                    found.append(handed)  # "…，由葛琳负责编制通报": decided, and a task for 葛琳
                    continue
                item.sentence = decision_text(sentence)
                if len(item.sentence) < 4 or item.sentence == sentence and re.fullmatch(r".{0,3}(?:决定|决议)[:：]?", sentence):
                    following = transcript.line(line.number + 1)
                    if following and following.text and not following.meta:
                        item.sentence, item.lines = following.text, [line.number, following.number]
            elif kind == "open_question" and absorbed_question(item, found, line, transcript):
                continue
            elif kind == "risk" and absorbed_risk(item, found, line):
                continue
            found.append(item)
    _owners_in_the_room(found, transcript)
    found = member_named_after_department(absorb_raised_tasks(merge_repeated_tasks(found)), transcript.attendees)
    return _dated_by_that_day(found, transcript, meeting_date)


#: "那天上午", "当天下班前": a day named by the line before.
_THAT_DAY = re.compile(r"(?:那天|当天|那一天)(?:的)?(?:上午|早上|中午|下午|晚上|下班前|之前|前)?")


def _dated_by_that_day(found: list[Found], transcript: Transcript, meeting_date: dt.date | None) -> list[Found]:
    """"十月八号分行开例会，我去汇报。" — "褚英，你那天早上把…报给我": a task said for "那天" is due on the day the line
    just before it named (only the line right before, and only when it names one day)."""
    if meeting_date is None:
        return found
    for item in found:
        if item.kind != "action" or item.due is not None:
            continue
        said = _THAT_DAY.search(item.sentence)
        before = transcript.line(item.lines[0] - 1)
        if said is None or before is None or not before.text or before.meta:
            continue
        day = resolve_due(before.text, meeting_date)
        if day is not None:
            item.due = dataclasses.replace(day, words=said.group(0), time="")
    return found


def _owners_in_the_room(found: list[Found], transcript: Transcript) -> None:
    """A speaker label that fits two attendees ("Dan:" with Daniel and Dana listed) owns nothing: flagged, not guessed."""
    attendees = transcript.attendees
    candidates = getattr(attendees, "candidates", None)
    for item in found:
        if item.kind != "action" or not item.owner or item.owner in attendees:
            continue
        maybe = candidates(item.owner) if candidates else []
        zh = transcript.language == "zh"
        item.flags.append(ambiguity_flag(item.owner, maybe, zh) if len(maybe) > 1 else
                          (f"“{item.owner}”不是参会人员，未指定负责人" if zh else f"“{item.owner}” is not an attendee; left unassigned"))
        item.owner = ""


_DISAGREE = re.compile(r"不同意|不赞成|不认可|反对|\bdisagree\b|\bI object\b|\bnot comfortable\b", re.IGNORECASE)
_ACCEPTS_TASK = re.compile(r"同意(?:先|再|尽快)?(?:提供|发|交|报|补|出具|准备|安排|联系|配合)|\bagreed to (?:send|provide|share|"
                           r"prepare|deliver|get|sign|submit)\b", re.IGNORECASE)
def _answers_status_question(line: TranscriptLine, transcript: Transcript) -> bool:
    """The line answers someone else's "X定了没有？" / "Has it been approved?" — a report, not this meeting's decision."""
    before = next((transcript.line(n) for n in range(line.number - 1, 0, -1)
                   if transcript.line(n).text and not transcript.line(n).meta), None)
    return before is not None and before.speaker != line.speaker and bool(
        re.search(r"(?:了没有|了没|了吗|没有)[？?]\s*$|^(?:has|have|did|was|were)\b.*\?\s*$", before.text.strip(), re.IGNORECASE))


_MOVED_TO = re.compile(r"改成|改到|改为|提前到|推到|推迟到|延到|顺延到|放到|挪到|可以等到|\bcan wait (?:until|till)\b|\bmake it\b|"
                       r"\blet'?s say\b|\bshift(?:ed)? (?:it )?to\b|\b(?:move|moved|bring|pull|push)(?:ed)? (?:it |that |this )?"
                       r"(?:forward |up |back )?to\b", re.IGNORECASE)


def _topic_of(item: Found, transcript: Transcript) -> str:
    """The words of a task's lines and of the line before it (where its topic was raised)."""
    numbers = set(item.lines) | {min(item.lines) - 1, min(item.lines) - 2}
    return " ".join(transcript.line(n).text for n in sorted(numbers) if transcript.line(n) and not transcript.line(n).meta)


def _moved_earlier(sentence: str, line: TranscriptLine, found: list[Found], addressed: tuple,
                   meeting_date: dt.date | None, transcript: Transcript) -> bool:
    """"邓超，参数表那个…改成这周五前吧": the date of a task given to 邓超 earlier moves; no new item."""
    if not addressed[0] or not meeting_date or not _MOVED_TO.search(sentence):
        return False
    due = resolve_due(sentence, meeting_date)
    if due is None:
        return False
    earlier = next((f for f in reversed(found) if f.kind == "action" and f.owner == addressed[0]
                    and shares_words(sentence, f.sentence + _topic_of(f, transcript))), None)
    if earlier is None:
        return False
    earlier.due = due
    join_line(earlier, line)
    return True


def _readable_line(line: TranscriptLine) -> TranscriptLine:
    """The line as the rules read it: a recogniser's "ill send it" as "I'll send it" (the line shown is unchanged)."""
    text = readable(line.text)
    return line if text == line.text else dataclasses.replace(line, text=text)


def _deadline_clause_is_new(sentence: str, meeting_date: dt.date) -> bool:
    """The clause holding the deadline ("…前") states no fact of its own and promises or asks for something."""
    due = resolve_due(sentence, meeting_date)
    if due is None or not re.search(r"前|之前|以前|\bby\b|\bbefore\b", due.words, re.IGNORECASE):
        return False
    clauses = [c for c in re.split(r"[，,；;]", sentence) if c.strip()]
    if len(clauses) < 2:
        return False
    clause = next((c for c in clauses if due.words.split()[0] in c), "")
    return bool(clause) and not FACT.search(clause) and bool(COMMIT_ZH.search(clause) or COMMIT_EN.search(clause)
                                                             or re.search(r"可以|会|能|将", clause))


def _decision_follows(rest: list[str], line: TranscriptLine, transcript: Transcript) -> bool:
    following = transcript.line(line.number + 1)
    texts = [*rest, following.text if following and not following.meta else ""]
    return any(EXPLICIT_DECISION.search(t) for t in texts if t)


def _reassigned(sentence: str, line: TranscriptLine, found: list[Found], attendees: list[str]) -> bool:
    """"那改由吴静来做，时间不变": the last task changes hands; no new item, the line joins it."""
    if not _REASSIGN.search(sentence):
        return False
    last = next((f for f in reversed(found) if f.kind == "action"), None)
    if last is None or line.number - last.lines[-1] > 4:
        return False
    target = re.search(rf"(?:改由|改成|换成|交给|转给|改为)(?P<name>[{HAN}]{{2,4}}?|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
                       r"(?:来|去|做|负责|吧|，|,|。|$)", sentence)
    person = match_attendee(target.group("name"), attendees) if target else ""
    if not person and re.search(r"\binstead\b|\btake (?:it )?over\b|交给|转给", sentence, re.IGNORECASE):
        # "改成发组邮箱" changes the work, not the person: only a named hand-over moves the task
        named = [p for p in mentioned_attendees(sentence, attendees) if p not in {last.owner, line.speaker}]
        person = named[-1] if named else ""
    if not person:
        return False
    last.owner, last.flags = person, [f for f in last.flags if "不是参会" not in f and "not an attendee" not in f]
    if line.number not in last.lines:
        last.lines.append(line.number)
    return True


_WISH = re.compile(r"希望|建议|想要|能不能|是否|要不要|\b(?:hope|suggest|propose|would like|could we|should we)\b", re.IGNORECASE)
#: What someone outside the meeting said they will do: "The client said they'll courier the contract by Wednesday."
_THIRD_PARTY_EN = re.compile(r"^(?:(?:so|and|also|well)[,\s]+)?(?:the |our |their )?(?:client|customer|vendor|supplier|regulator|borrower|"
                             r"counterparty|auditors?|valuer|lawyers?|head office|bank)s?\s+(?:said|says|told us|confirmed|mentioned|"
                             r"promised|expects?)\b", re.IGNORECASE)
#: Where to find someone while the speaker is away, not work: "ask Sarah if you need anything", "有事找李娜".
_AVAILABILITY = re.compile(r"\bif you need anything\b|\bask \w+ if you need\b|有事(?:情)?(?:就)?(?:找|联系|打电话给)")
_THIRD_PARTY = re.compile(rf"^(?:[那好，,\s]*|(?:知道|对|嗯|是)[，,]\s*)(?:(?![跟和向给找我你])[{HAN}]){{0,6}}?(?:供应商|客户|对方|他们|她们|厂家|厂商|总行|监管|外包公司|"
                          rf"运营商|[{HAN}]{{1,4}}那边)(?:说|表示|反馈|讲|"
                          r"答复|回复)(?!.*(?:你|请|麻烦))")
_CLOSING_TAIL = re.compile(r"[，,\s]*(?:今天|今日)?(?:就|先)?(?:到这里?|到此|这样)(?:吧)?[。.!！]?$|[，,\s]*(?:今天|今日)?(?:就)?(?:散会|散了)(?:吧)?[。.!！]?$")


def _english_task_in(sentence: str, attendees):
    """Where a task starts inside an English ruling said without punctuation ("agreed let's do the retraining in july
    speaker 2 can you book the trainer"): at the call before "can you"/"please", or at those words; else None."""
    ask = re.search(r"\b(?:can|could|would|will) you\b|\bplease\b", sentence, re.IGNORECASE)
    if ask is None or ask.start() < 8 or re.search(rf"[{HAN}]", sentence):
        return None
    calls_in = getattr(attendees, "calls_in", None)
    called = [begin for begin, end, _, _ in (calls_in(sentence) if calls_in else []) if 0 <= ask.start() - end <= 2]
    return re.compile(r"").search(sentence, called[-1] if called else ask.start())


def _deadline_in(sentence: str, meeting_date: dt.date | None) -> bool:
    """A date said as a deadline ("…前", "by Friday"); "五一假期改成每天一次" names when a rule applies, not a deadline."""
    due = resolve_due(sentence, meeting_date) if meeting_date else None
    return due is not None and bool(re.search(r"(?:之前|以前|前|为止)$|^(?:by|before|no later than|until)\b", due.words,
                                              re.IGNORECASE))


def _without_opening_call(sentence: str, attendees) -> str:
    """"庞经理，总行说…" read as "总行说…": the call only turns to the chair."""
    calls_in = getattr(attendees, "calls_in", None)
    hits = calls_in(sentence) if calls_in else []
    if hits and hits[0][0] <= 1 and re.match(r"\s*[，,:：]", sentence[hits[0][1]:]):
        return re.sub(r"^\s*[，,:：]\s*", "", sentence[hits[0][1]:])
    return sentence


def _without_closing(sentence: str) -> str:
    """"对我问一下后勤今天就这样" (no punctuation): the promise without the closing words after it."""
    head = _CLOSING_TAIL.sub("", sentence)
    if head != sentence and len(head) >= 6:
        return head
    # "好的顾总，那今天就先到这，我会后把今天的纪要发到您邮箱": what follows the closing words is still said
    rest = re.sub(r"^.*?(?:今天|今日)?(?:就)?(?:先)?到这(?:里|儿)?(?:吧)?[，,]\s*", "", sentence, count=1)
    return rest if rest != sentence and len(rest) >= 6 else sentence


def _handed_in_decision(sentence: str, line: TranscriptLine, transcript: Transcript,
                        meeting_date: dt.date | None) -> Found | None:
    """The task a decision gives someone by name ("由葛琳负责编制通报", "Raj to brief the branches")."""
    calls_in = getattr(transcript.attendees, "calls_in", None)
    if calls_in is None:
        return None
    for begin, end, _, names in calls_in(sentence):
        if len(names) == 1 and (re.search(r"(?:由|交给)\s*$", sentence[:begin]) and re.match(r"(?:来)?(?:负责|牵头|做|办|编制|整理)",
                                                                                        sentence[end:])):
            due = resolve_due(sentence, meeting_date) if meeting_date else None
            return Found("action", sentence[begin - 1:].strip(" ，,。"), [line.number], speaker=line.speaker,
                         owner=names[0], due=due)
    return None


