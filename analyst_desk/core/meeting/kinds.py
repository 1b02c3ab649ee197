"""What kind of item a sentence says — decision, action, open question or risk — by its cue phrases, and the words
of a decision itself ("决定：…" → what was decided)."""

from __future__ import annotations

import re

from analyst_desk.core.cjk import HAN

_ACTION_ZH = re.compile(rf"负责|牵头|跟进|落实|安排|请[{HAN}]{{1,4}}|你来|我来|我去|我会|我们会|交给|对接|准备|提交|"
                        r"发给|发出|整理|测算|核实|补充|更新|完成|出具|联系|汇报|报送|报给|起草|修改|走访|催")


_ACTION_EN = re.compile(r"\b(?:please|will|I'll|we'll|he'll|she'll|to do|action|follow up|take care of|"
                        r"responsible|owns?|send|prepare|update|draft|review|call|check|circulate|share|schedule|"
                        r"set up|finali[sz]e|submit|deliver)\b", re.IGNORECASE)


_DECISION_ZH = re.compile(r"决定|(?<!董事会)(?<!股东会)(?<!股东大会)决议|确定|定了|定下来|定在|敲定|约定|商定|(?<!不)同意.{4,}|(?:今天|本次|暂)不表决|暂缓(?:表决|审议|上会|审批|发放|受理|办理|[，,。]|$)|批准|通过|维持|就这么办|就按|拍板|达成一致|一致认为|"
                          r"结论是|^\s*(?:会议)?结论[:：]|经(?:双方|各方)?确认[，,]|(?:从|自)[^，。]{1,8}(?:起|开始)执行|议定|会议同意|定一下|定个事|定件事|定个规矩|就这么定|(?:那|那么)?就这样[:：]|就这样定|经表决|双方都认可|双方同意|那就(?:放到|定在|按)|最终确定|会议明确|明确了|"
                          r"原则同意|原则上同意|一致通过|审议通过|就按这个|按这个来|就这么着|就这么弄|定下来了|不再(?:做|办|推进)|暂停|叫停|"
                          r"(?:那就|就|决定|可以)\s*go(?![a-z/-])|\bgo了|"
                          r"\bwe(?:'ll| will) proceed with\b|\bwe're going ahead\b|\bgo ahead with\b|\bthe plan is\b|"
                          r"\bfinal(?:ly)? (?:decision|call)\b|\bsigned off\b|\bsettled\b|\bno-go\b|\bgo decision\b|"
                          r"\bwe (?:have )?(?:agreed|decided)\b|\blet'?s go with\b|\bthat'?s decided\b", re.IGNORECASE)


_DECISION_EN = re.compile(r"\b(?:we (?:have )?(?:agreed|decided)|agreed to|decided to|decision|approve[sd]?|"
                          r"we(?:'re| are) (?:aligned|agreed) on|we all agree|so that'?s agreed|we(?:'re| are) going with|that's decided|"
                          r"it's decided|is decided|we're going with|we(?:'ll| will) proceed with|we're going ahead|"
                          r"go ahead with|we (?:go|'ll go|will go) live\b|the plan is|final call|signed off|settled|we're (?:keeping|holding|stopping|pausing)|"
                          r"on hold|no-go|it was (?:agreed|decided)|(?:was|were) (?:agreed|approved)|agreed that|"
                          r"we(?:'ll| will) go with|let's go with|signed off|resolved to|resolved that|consensus)\b", re.IGNORECASE)


_OPEN_ZH = re.compile(r"没定|未定|待定|再定|(?<!不)再议|(?<!不)再讨论|再研究|未决|悬而未决|不确定|还没确定|需要确认|待确认|有待|下次(?:会上)?再")


_OPEN_EN = re.compile(r"\b(?:open question|open issue|tbd|to be (?:decided|confirmed|determined)|undecided|not decided|"
                      r"not sure|unclear|decide (?:that |this |it )?(?:next|later)|revisit|park(?:ed)? (?:this|it))\b",
                      re.IGNORECASE)


_RISK_ZH = re.compile(r"风险(?!部|管理部|条线)|隐患|担心|顾虑|压力|下滑|恶化|违约|逾期|不良|集中度|敞口|预警|诉讼|质押率|波动|承压")


_RISK_EN = re.compile(r"\b(?:risks?|concerns?|worr(?:y|ied)|exposure|default|overdue|thin|headroom|breach|"
                      r"downgrade|deteriorat\w*|litigation|red flag)\b", re.IGNORECASE)


#: Acknowledgements restate an item already said ("好的，我下周一前发出"); they add a line, not an item.
ACKNOWLEDGED = re.compile(r"^(?:好的?|好嘞|行嘞|好|行|可以|没问题|收到|明白|同意|晓得了?|知道了|ok(?:ay)?|sure|will do|got it|yes|fine|agreed|"
                  r"sounds good|no problem)[，,。.!！\s]", re.IGNORECASE)


#: A decision said in so many words: it outranks "再议" in the same sentence ("决定：先按5亿元续作，提额…再议").
EXPLICIT_DECISION = re.compile(r"决定|决议|拍板|(?:今天|本次|暂)不表决|暂缓(?:表决|审议)|\bdefer(?:red|ring)? (?:the )?(?:vote|decision)\b|\bwe (?:have )?(?:agreed|decided)\b|\bdecided to\b", re.IGNORECASE)


_DECISION_LEAD = re.compile(r"^.*?(?:决定|决议|拍板)(?:如下)?[:：，,]?\s*|^.*?\bwe (?:have )?(?:agreed|decided)\s+(?:that\s+|to\s+)?",
                            re.IGNORECASE)


def decision_text(sentence: str) -> str:
    """The decision itself: the words after 决定/拍板/we agreed, else the sentence ("…，这个决定了，不再讨论"
    keeps what comes before its decision word)."""
    rest = _DECISION_LEAD.sub("", sentence, count=1).strip(" ：:，,")
    if len(re.sub(r"[了，,。.!！\s]|不再讨论|不再议|不讨论了|就这样", "", rest)) < 4:
        head = re.sub(r"[，,]?\s*(?:这个|这件事|此事)?(?:就)?(?:决定|决议|定)了.*$", "", sentence).strip(" ，,。")
        return head if len(head) >= 4 else sentence
    return rest


def kind_of(sentence: str, zh: bool) -> str:
    decision = (_DECISION_ZH if zh else _DECISION_EN).search(sentence)
    if decision and re.search(r"把[^，。]{1,14}(?:定下来|确定下来|敲定)", sentence) and not EXPLICIT_DECISION.search(sentence):
        decision = None  # "清明节前把活动方案定下来" asks someone to settle it: a task
    if decision and re.match(r"(?:决定|定一下|定)[^，。]{0,12}?(?:要不要|是否|能不能|可不可以)", sentence[decision.start():]):
        decision = None  # "今天决定4.8要不要按原计划发": what the meeting is to decide, not what it decided
    if decision and re.search(r"(?:之前|以前|前)(?:要)?(?:定下来|确定下来|敲定)", sentence) and not EXPLICIT_DECISION.search(sentence):
        decision = None  # "我来，下周三前定下来": a date by which to settle it is a task
    if decision and re.search(r"\b(?:what|which)\s+(?:\w+\s+){0,2}$", sentence[:decision.start()], re.IGNORECASE):
        decision = None  # "4.8 is above what credit signed off": a relative clause reports what was settled before
    if decision and re.search(r"\b(?:I|we)(?:'ll| will| can)\s+(?:get|have)\s+(?:it|this|that|them|the \w+)\s+$",
                              sentence[:decision.start()], re.IGNORECASE):
        decision = None  # "I'll get it approved then": a promise to obtain the approval, a task
    if decision and re.search(r"(?:是否|能否|可否|会不会|\bwhether\b)\s*$", sentence[:decision.start()], re.IGNORECASE):
        decision = None  # "下周一前答复是否同意追加保证人": what is to be answered, not what was decided
    open_q = (_OPEN_ZH if zh else _OPEN_EN).search(sentence)
    action = (_ACTION_ZH if zh else _ACTION_EN).search(sentence)
    risk = (_RISK_ZH if zh else _RISK_EN).search(sentence)
    if open_q and not EXPLICIT_DECISION.search(sentence) and not (decision and decision.start() < open_q.start()):
        return "open_question"  # "Let's go with a waiver…, and we revisit the reset later": decided first, the rest open
    if decision and not re.search(r"[？?]$", sentence):
        return "decision"
    if action:
        return "action"
    if risk:
        return "risk"
    return ""


def is_question(sentence: str) -> bool:
    return bool(re.search(r"[？?]\s*$", sentence))
