"""Who a line speaks to: a call at its start ("刘处，…", "振宇你们起草", "Omar, could you…"), a call right before 你
("发言人3你把…"), a call closing a one-sentence line ("…by Friday, Lena."), the one asked who still holds the floor
after someone else's remark, or — for "你"/"you" with no name — the previous speaker (the client, when a colleague
just answered "works for us").

Read by the dialogue tracker (``dialogue.py``), detection and the verdicts on the model's proposals.
"""

from __future__ import annotations

import re

from analyst_desk.core.cjk import HAN
from analyst_desk.core.meeting.acts import ACK, IMPERATIVE_EN, LEAD, QUESTION, act_of, directs
from analyst_desk.core.meeting.owners import mentioned_attendees
from analyst_desk.core.meeting.transcript import Transcript, TranscriptLine

__all__ = ["vocative", "addressee", "floor_holder", "exchange_partner", "previous_speaker", "OFFER", "mentioned",
           "without_receivers", "without_calls"]

_SECOND_PERSON_ZH = re.compile(r"你|您")
_SECOND_PERSON_EN = re.compile(r"\b(?:you|your)\b|^(?:yes,? )?please do\b|^go ahead\b", re.IGNORECASE)

def vocative(text: str, roster) -> tuple[str, list[str]]:
    """The call a line opens with, or that stands right before 你 ("发言人3你把…"), and who it may mean."""
    calls_in = getattr(roster, "calls_in", None)
    if calls_in is None:
        return "", []
    lead = re.match(LEAD, text, flags=re.IGNORECASE)
    start = lead.end() if lead else 0
    for begin, end, words, names in calls_in(text):
        after = text[end:end + 12]
        opening = begin <= start + 1 and (re.match(r"\s*[，,:：—–]|\s+-\s|\s*(?:这个|这件事|这事|那个|这块)?[，,]?\s*(?:你|您)|\s*(?:这边|那边)|[，,]?\s*(?:please|can|could|would|will|"
                                                  r"I need|I want|the|you)\b", after, re.IGNORECASE)
                                          or (re.match(rf"[{HAN}]", words) and re.match(r"(?:来|去|负责|牵头|做|写|"
                                                                                            r"跟|把|先|再|也)", after))
                                          # a recogniser writes no comma: "tom send me the numbers first"
                                          or (not re.match(rf"[{HAN}]", words) and IMPERATIVE_EN.match(text[end:].lstrip())))
        before_you = re.match(r"[，,]?\s*(?:你|您)", after) is not None
        if opening or before_you:
            return words, names
    return "", []


def _closing_call(text: str, roster) -> tuple[str, list[str]]:
    """The call a line ends with after a comma, when the line has one sentence."""
    calls_in = getattr(roster, "calls_in", None)
    body = text.strip().rstrip(".!?。！？ ")
    if calls_in is None or len(re.findall(r"[.!?。！？]\s", text.strip() + " ")) > 1:
        return "", []
    hits = [h for h in calls_in(body) if h[1] == len(body) and re.search(r"[，,]\s*$", body[:h[0]])]
    return (hits[-1][2], hits[-1][3]) if hits else ("", [])


def addressee(line: TranscriptLine, transcript: Transcript) -> tuple[str, list[str], bool]:
    """(the attendee a line speaks to or "", the candidates when the call is ambiguous, whether the line
    opens with the call — then every sentence of it speaks to them)."""
    words, names = vocative(line.text, transcript.attendees)
    first = re.match(r"[^。！？!?]*[。！？!?]", line.text.strip())
    if words and first and len(first.group(0)) < len(line.text.strip()) and line.text.strip().find(words) >= first.end() \
            and re.search(r"你|您|\byou\b", first.group(0), re.IGNORECASE):
        words, names = "", []  # "行，你这周内整改完。左丹你把…": the first sentence speaks to someone else; the next to 左丹
    if words:
        opens = line.text.find(words) <= 3
        return (names[0], [], opens) if len(names) == 1 else ("", names, opens)
    words, names = _closing_call(line.text, transcript.attendees)
    if words:  # "We need the audited accounts by Friday, Lena." / "报表周五前给我，刘洋。"
        return (names[0], [], True) if len(names) == 1 else ("", names, True)
    second = _SECOND_PERSON_ZH if re.search(rf"[{HAN}]", line.text) else _SECOND_PERSON_EN
    if second.search(line.text) or directs(line.text) or act_of(line.text) in {"request", "directive"}:
        holder = floor_holder(line, transcript)
        if holder and not [p for p in mentioned(without_receivers(line.text, transcript), transcript)
                           if p not in {holder, line.speaker}]:
            return holder, [], True
    if second.search(line.text):
        previous = previous_speaker(line, transcript)
        before = _said_before(line, transcript)
        if len(before) >= 2 and before[-1].speaker == previous and _FOR_US.search(before[-1].text) \
                and len(before[-1].text.split()) <= 8 and before[-2].speaker not in {"", line.speaker, previous}:
            return before[-2].speaker, [], False  # "maybe the 19th" — (Claire) "The 19th works for us." — (Arjun) "…you…"
        if previous and previous != line.speaker:
            return previous, [], False
    partner = exchange_partner(line, transcript)
    if partner and directs(line.text) and not [p for p in mentioned(without_receivers(line.text, transcript), transcript)
                                               if p != line.speaker]:
        return partner, [], True
    return "", [], False


#: An interjection that offers to do something: then "你" is the one who offered ("我可以给她" — "行，你周三前发给她").
OFFER = re.compile(r"我(?:们)?(?:这边)?(?:可以|来|帮|去|负责)(?!看)|"
                    r"我(?:们)?(?:回去|回头|会后|马上|这就|下来)就?(?:整改|处理|改|弄|办|做|安排|跟进|联系|补|查|核)|交给我|\bI(?:'ll| can| could| will)\b|\blet me\b|\bhappy to\b|"
                    r"\bwe can (?:do|take|help)\b", re.IGNORECASE)


def floor_holder(line: TranscriptLine, transcript: Transcript) -> str:
    """"小陈，那家客户怎么说？" — "还要再考虑" — (赵倩) "我觉得风险不大" — "你再去问一下": the one this speaker asked
    by name and who answered holds the floor; someone who only remarks in between is not "你". "" when the speaker
    asked nobody by name, or when the one in between offered to do something."""
    said = [l for l in transcript.lines[:line.number - 1] if l.text and not l.meta][-5:]
    own = next((i for i in range(len(said) - 1, -1, -1) if said[i].speaker == line.speaker), None)
    if own is None or own == len(said) - 1 or not line.speaker:
        return ""
    words, names = vocative(said[own].text, transcript.attendees)
    if not words or len(names) != 1 or names[0] == line.speaker:
        return ""
    holder, since = names[0], said[own + 1:]
    if not since or since[0].speaker != holder or since[-1].speaker == holder:
        return ""  # the one asked must answer first; when they spoke last, the previous speaker is them anyway
    answer = without_calls(since[0].text, transcript).strip()  # "好的曲行，周五前要回来。": the title is no part of the yes
    if ACK.match(answer) and (len(answer) <= 8 or (len(answer) <= 16 and not QUESTION.search(answer))):
        return ""  # "行嘞", "没问题，明早九点前。": the one asked took the task; the exchange is closed
    for later in since:
        if later.speaker == holder:
            continue
        if OFFER.search(later.text) or vocative(later.text, transcript.attendees)[1] == [line.speaker] \
                or _opens_with_call_to(later.text, line.speaker, transcript):
            return ""  # "黎哥，ATM那台老机器又吞卡了": someone calls the speaker and takes the floor with their own matter
    return holder


def _opens_with_call_to(text: str, person: str, transcript: Transcript) -> bool:
    """"尚总我这边是分期业务的": a line that opens by calling ``person`` turns to them with its own matter."""
    calls_in = getattr(transcript.attendees, "calls_in", None)
    lead = re.match(LEAD, text, flags=re.IGNORECASE)
    start = lead.end() if lead else 0
    return any(begin <= start + 1 and names == [person] for begin, _, _, names in (calls_in(text) if calls_in else []))


#: A short answer for one's own side: "The 19th works for us.", "我们这边没问题。"
_FOR_US = re.compile(r"\b(?:for|with|suits|to) us\b|\bworks for us\b|我们(?:这边)?(?:没问题|可以|都行|同意)", re.IGNORECASE)


def _said_before(line: TranscriptLine, transcript: Transcript) -> list[TranscriptLine]:
    return [l for l in transcript.lines[:line.number - 1] if l.text and not l.meta][-3:]


def exchange_partner(line: TranscriptLine, transcript: Transcript) -> str:
    """"老李，…怎么样了？" — "…我这两天再去拜访一次" — "行，周四前给我个准信": the one this speaker just asked
    and who just answered is the one the next directive speaks to, with or without 你."""
    said = [l for l in transcript.lines[:line.number - 1] if l.text and not l.meta][-2:]
    if len(said) < 2 or not line.speaker:
        return ""
    asked, answer = said
    if asked.speaker != line.speaker or not answer.speaker or answer.speaker == line.speaker:
        return ""
    words, names = vocative(asked.text, transcript.attendees)
    to = names[0] if words and len(names) == 1 else ""
    if not to and (_SECOND_PERSON_ZH if re.search(rf"[{HAN}]", asked.text) else _SECOND_PERSON_EN).search(asked.text):
        to = previous_speaker(asked, transcript)
    if not to and not words and QUESTION.search(asked.text.strip()):
        to = answer.speaker  # "整改报告交了没有？" — "初稿写好了，还没报。" — "那这周五前报上去"
    return answer.speaker if to == answer.speaker else ""


def previous_speaker(line: TranscriptLine, transcript: Transcript) -> str:
    """Who spoke last before ``line`` (someone else than its own speaker)."""
    for number in range(line.number - 1, 0, -1):
        before = transcript.line(number)
        if before is None or before.meta or not before.text:
            continue
        if before.speaker and before.speaker != line.speaker:
            return before.speaker
        if before.speaker == line.speaker:
            continue
    return ""


def without_receivers(text: str, transcript: Transcript) -> str:
    """The line without the people it only hands something to ("发给贺总", "给钟姐", "send it to Omar")."""
    calls_in = getattr(transcript.attendees, "calls_in", None)
    if calls_in is None:
        return text
    for begin, end, _, _ in reversed(calls_in(text)):
        if re.search(r"(?:给|跟|和|向|找|\bto\b|\bwith\b)\s*$", text[max(0, begin - 4):begin], re.IGNORECASE):
            text = text[:begin] + text[end:]
    return text


def without_calls(text: str, transcript: Transcript) -> str:
    """The text without the calls of attendees in it."""
    calls_in = getattr(transcript.attendees, "calls_in", None)
    for begin, end, _, _ in reversed(calls_in(text) if calls_in else []):
        text = text[:begin] + text[end:]
    return text


def mentioned(text: str, transcript: Transcript) -> list[str]:
    return mentioned_attendees(text, transcript.attendees)
