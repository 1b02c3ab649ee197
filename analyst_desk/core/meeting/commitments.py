"""Whether a sentence commits someone to act (``commitment_of``) or cannot be a task at all (``is_not_task``): an agenda,
a closing line, a dated statement of fact, a turn to speak, a condition, a proposal put to the room.

Read by detection (the rules) and the verdicts on the model's proposals, so both decide the same way.
"""

from __future__ import annotations

import re

from analyst_desk.core.cjk import HAN
from analyst_desk.core.meeting.acts import act_of
from analyst_desk.core.meeting.dates import DueDate
from analyst_desk.core.meeting.kinds import is_question
from analyst_desk.core.meeting.owners import Owner, find_owner, is_opinion, is_promise

AGENDA = re.compile(r"^(?:今天|今儿|这次)(?:主要|就)(?:说|讲|谈|聊|过|看|商量|讨论)(?!一下[^，。]{0,12}(?:给|发|交|报))|\blet'?s (?:start|begin|get started|kick off)\b|\bthe main thing today\b|(?:今天|今儿)把.{0,8}(?:分一下|过一下|理一下|排一下|落实下去|布置下去|布置一下|分配一下)|主要讨论|今天讨论|主要(?:跟进|说|看|聊|过)一下|今天(?:就|来|主要)?(?:定一下|商量一下|碰一下|聊一下)|我们开始|今天的议题|今天上会|今天看|先看|过一下|排查一下|主要沟通|议程|会议议题|[一二三四五六七八九十两几\d]+个议题|今天(?:就|上会|主要|简单)?[一两三四五几\d]+(?:件事|个事|笔|个项目)|第[一二三四五]个项目|"
                     r"最后一次(?:例会|审查会|会)|\bagenda\b|\bI'?d like to (?:cover|discuss|go (?:through|over)|talk about|"
                     r"start with|run through)\b|\blet'?s cover\b|let's start with|first item|today we are|quick one today|"
                     r"let's go through", re.IGNORECASE)
_CLOSING = re.compile(r"(?:今天|今日)?(?:先|就)?(?:到这里?|到此)|散会|就这些|先这样|^(?:好|行|那|嗯)?[，,\s]*(?:今天|今日)(?:就|先)?这样(?:吧)?[。.!！]?$|^(?:that's|that is) (?:all|it|everything)|"
                      r"\bthat's (?:all|it|everything) for today\b|\bthanks,? (?:all|everyone)\b|^thanks, that's all",
                      re.IGNORECASE)
#: A date in a statement of fact is not a deadline: maturities, past events, figures "as of".
FACT = re.compile(r"(?:联系|沟通|发|交|做|写|打|谈|跑|去|见)了(?:[一两三四五六七八九十几\d]|[，,。]|$)|上次|到期|截至|截止到|已经|已于|已|上周|上个?月|去年|前年|年初|昨天|刚刚?|曾经|做的|发现了|结清|"
                   r"\b(?:matures?|expires?|ends on|last (?:week|month|year|time)|ago|was|were|had|did|delivered|closed|"
                   r"sampled|found|flagged|turned out|injected)\b", re.IGNORECASE)
#: Words that commit someone to act, beyond a name and a date.
COMMIT_ZH = re.compile(r"每周|每天|每月|定期|问一下|问问|尽快|马上|立即|立刻|启动|负责|牵头|跟进|跟一下|盯一下|落实|提供|确认|统计|汇总|反馈|回复|发我|发您|给您|安排|对接|来做|你来|你去|去现场|可以把|可以.{0,4}发|会把|把.{1,30}(?:给|交|发|报|做|弄|收齐|备齐|办好|弄好|做完|搞定|"
                        r"整理|提交|完成|补|核实|准备|要)|提交|发给|发过来|报给|交|做出来|拿出|出具|给我|完成|核实|补|联系|"
                        r"测算|准备|更新|起草|修改|走访|催|下单|采购|订购|预约|整理|汇总|梳理|排查|复核|演练|查一下|出个|写个|做个|拿回来|要过来|通知|告知|"
                        r"发(?:各位|大家|群里|邮箱|到|出)")
COMMIT_EN = re.compile(r"\b(?:please|will(?! be\b)|would(?! be\b)|'ll(?! be\b)|can you|could you|you handle|you own|owns?|take|follow up|"
                        r"send|prepare|draft|review|call|contact|update|write|get|set up|submit|circulate|share|check|"
                        r"reach out|run)\b", re.IGNORECASE)
_IF = re.compile(r"^\W*(?:那|但|可|不过)?(?:[^，。,]{0,8}?(?:要是|如果|假如|假设|万一)|若|\bif\b|\bin case\b|\bshould (?:they|it|the)\b)",
                 re.IGNORECASE)
ROOM_QUESTION = re.compile(r"(?:大家|各位)(?:都)?(?:同意|看|觉得|有没有|没|有)[^，。]{0,6}[？?]\s*$|"
                            r"\b(?:everyone|all) (?:ok|okay|agreed|happy)(?: with that)?\s*\?\s*$|\bany objections\s*\?\s*$",
                            re.IGNORECASE)
_NEED_ONLY = re.compile(r"需要|应该|最好|建议|\bshould\b|\bneed(?:s)? to\b|\bwill need\b|\bwe need\b", re.IGNORECASE)
def is_not_task(sentence: str) -> str:
    """Why a sentence cannot be a task, or "": an agenda, a closing line, or a dated statement of fact."""
    if AGENDA.search(sentence):
        return "agenda"
    if _CLOSING.search(sentence.strip()):
        return "closing"
    if FACT.search(sentence) and not is_promise(sentence) and not re.search(r"请|你|please|can you", sentence,
                                                                              re.IGNORECASE):
        return "fact"
    return ""


def commitment_of(sentence: str, speaker: str, attendees: list[str], due: DueDate | None,
                  addressed: tuple = ("", [], False)) -> Owner | None:
    """The owner (``owners.Owner``) when ``sentence`` commits someone to act, else ``None``.

    A named attendee needs a task word or a deadline beside the name ("这个事情小刘跟一下，周五给我结果");
    the speaker needs a promise in the first person; an opinion ("我觉得需要补充…") commits nobody.
    """
    if (due is None and is_question(sentence)) or (_SPEAK_NOW.search(sentence)
                                                    and not _TELL.search(sentence) and not re.search(r"前|之前|\bby\b|\bbefore\b", sentence)):
        return None  # "谁来跟进？" asks; "请王芳介绍一下" is a turn to speak, not a task
    if ROOM_QUESTION.search(sentence):
        return None  # "…改成每天下午四点前完成，大家同意吗？" puts a proposal to the room
    if _IF.match(sentence) and not re.search(r"你|您|请|麻烦|\byou\b|\bplease\b|我(?:来|会|去|负责)|\bI(?:'ll| will)\b",
                                            sentence, re.IGNORECASE):
        return None  # a condition and what would follow from it: nobody is asked to act
    if _SIDE_NEEDS.search(sentence) and not re.search(r"\byou\b|\bplease\b", sentence, re.IGNORECASE):
        return None  # "On our side, I'll need the updated fee letter before the board meeting": asked of nobody
    if _wished(sentence, attendees):
        return None  # "卢总希望12月20日前完成放款": what someone wants done by a date, asked of nobody
    owner = find_owner(sentence, speaker, attendees, addressed)
    if owner.how == "named" and _OWN_NEED.match(sentence) and owner.name not in _named_in(sentence, attendees):
        return None  # "We'd need to see that against what we pay today": what the speaker's side needs, asked of nobody
    acts = bool(COMMIT_ZH.search(sentence) or COMMIT_EN.search(sentence)) or act_of(sentence) == "request"
    if owner.how in {"named", "outsider", "promise", "ambiguous"}:
        if acts or due is not None:
            return owner
        # "小张你找科技部开一下", "魏东，…尽快出风险意见": said to someone, a directive is a task without a date too
        addressed_to = addressed[0] or (addressed[1] if len(addressed) > 1 else [])
        if _bare(sentence, attendees):
            return None  # "老贺你先坐", "Omar, go ahead": nothing to do but take a seat or the floor
        return owner if addressed_to and owner.how in {"named", "ambiguous"} and act_of(sentence) in {"directive", "request"} \
            else None
    if owner.how == "mentioned":
        if addressed[0] == owner.name and addressed[2] and due is not None and not is_opinion(sentence) \
                and not re.search(rf"[{HAN}]|\b(?:is|are|was|were|has|have|had|will be)\b", sentence):
            return owner  # "Nadia, the renewed guarantee signed before the Mid-Autumn holiday.": a call, the work, its date
        if _NEED_ONLY.search(sentence) and due is None:
            return None
        return owner if (acts and due is not None) or re.search(r"跟一下|盯一下|负责|will|would|'ll", sentence) else None
    if due is not None and acts and not _NEED_ONLY.search(sentence) and not is_opinion(sentence):
        return owner  # "下周一前给我初稿": a task, said to nobody by name — unassigned and flagged
    return None


_OWN_NEED = re.compile(r"^\W*(?:(?:so|well|then|and)[,\s]+)?(?:we|I)(?:'d| would)? (?:need|have to|want) to (?:see|know|understand|"
                       r"check|think|look)\b(?!.*\byou\b)|^\W*我们?(?:这边)?(?:还)?(?:需要|得)(?:看|了解|考虑|想想|研究)(?![^。]*[你您])",
                       re.IGNORECASE)


#: What the speaker's side will need, in the first person: "I'll need…", "we will also need…".
_SIDE_NEEDS = re.compile(r"^\W*(?:[\w\s]{0,20}[,，]\s*)?(?:I|we)(?:'ll| will|'d| would) (?:also |still )?need\b", re.IGNORECASE)
_WISH_VERB = re.compile(r"\s*(?:也|还|则)?(?:希望|想要|期望|盼望|\b(?:hopes?|wants?|would like|expects?)\b)", re.IGNORECASE)


def _wished(sentence: str, attendees) -> bool:
    """A sentence that opens with someone and what they wish for ("卢总希望…前完成放款", "Tom hopes to close by Friday"),
    with nobody asked (no 你, 请 or "you"): their wish, not a task."""
    calls_in = getattr(attendees, "calls_in", None)
    hits = calls_in(sentence) if calls_in else []
    if not hits or hits[0][0] > 1 or not _WISH_VERB.match(sentence[hits[0][1]:]):
        return False
    return not re.search(r"你|您|请|麻烦|\byou\b|\bplease\b", sentence, re.IGNORECASE)


def _named_in(sentence: str, attendees) -> list[str]:
    calls_in = getattr(attendees, "calls_in", None)
    return [n for _, _, _, names in (calls_in(sentence) if calls_in else []) for n in names]


def _bare(sentence: str, attendees) -> bool:
    """A directive with nothing to do in it once the call, 你 and the small words are taken out."""
    calls_in = getattr(attendees, "calls_in", None)
    text = sentence
    for begin, end, _, _ in reversed(calls_in(text) if calls_in else []):
        text = text[:begin] + text[end:]
    text = re.sub(r"你们|你|您|先|再|就|也|一下|吧|啊|了|\W", "", text)
    return len(text) <= 2 if re.search(rf"[{HAN}]", sentence) else len(text) <= 6


#: "我明天跟他们财务说一下" tells someone outside the room: a task, not a turn to speak.
_TELL = re.compile(r"[跟和向同给][^，。,\s]{1,8}(?:说|讲|解释|介绍|汇报)一下|当面|上门|我[^，。]{0,6}去[^，。]{1,10}[，,]?[^，。]{0,4}(?:谈|聊)")
_SPEAK_NOW = re.compile(r"(?:介绍|说|讲|谈|汇报|补充|解释)一下|(?:先|来|接着)(?:介绍|说说|讲讲|汇报|讲|说)(?![^，。]{0,4}(?:给|发|报))|谈谈|讲讲|说说|先说|go ahead|walk us through|"
                        r"tell us|over to you", re.IGNORECASE)
