"""What kind of answer a question asks for, and what topic it is about — read from its wording once.

``summary``: introduce, summarise, describe, analyse a topic (介绍/简要分析/概述/情况/风险/describe).
``why_how``: reasons and means (为什么/原因/如何/why/how). ``list``: every item of something
(有哪些/列出/list). Anything else is ``""`` and stays on the ordinary route.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyst_desk.core.cjk import HAN

_LIST = re.compile(r"有哪些|有哪几|哪几(?:个|家|项|类|种|位|名)|哪些|列出|列举|分别(?:是|为)|包括什么|包含哪|都有什么|有些什么|"
                   r"前[一二三四五六七八九十\d]+(?:名|大|位)[^，,。？?]{0,8}(?:是谁|有谁|是哪|分别)|都是谁|都有谁|"
                   r"\blist\b|\bname (?:all|the|each)\b|\bwhich (?:\w+ ){0,3}(?:are|were|does|do)\b|\bwho (?:are|were)\b|"
                   r"\bwhat (?:are|were)\b.*\b(?:subsidiaries|segments|products|categories|businesses|members|directors|"
                   r"officers|customers|competitors|brands|offerings|services|markets|regions|properties|facilities)\b",
                   re.IGNORECASE)
#: "募集资金的用途", "募集资金投向": what the money goes to is a list of its uses.
_USES = re.compile(r"(?:资金|募资)的?(?:主要)?(?:用途|投向)")
_WORK = re.compile(r"(?:做了|开展了?|采取了?|推进了?)哪些|哪些(?:工作|措施|举措|行动|进展|成效)|what (?:did|has) .{0,40}\bdone\b",
                   re.IGNORECASE)
_WHY_HOW = re.compile(r"为什么|为何|为啥|原因|如何|怎样|怎么|咋|何以|\bwhy\b|\bhow (?:did|does|do|has|have|is|was|were|will|can)\b|"
                      r"\bwhat (?:drove|drives|caused|causes|explains|led to)\b|\bdrivers? of\b",
                      re.IGNORECASE)
_SUMMARY = re.compile(r"介绍|简要|简述|概述|概括|总结|分析|阐述|描述|说明|谈谈|说说|讲讲|聊聊|情况|风险|概况|简介|特点|优势|策略|"
                      r"\bdescribe\b|\bsummar|\boverview\b|\boutline\b|\bdiscuss\b|\bexplain\b|\banaly[sz]e\b|"
                      r"\brisks?\b|\bwhat (?:does|did) (?:the )?(?:company|report|filing) say\b", re.IGNORECASE)
#: Figure words: a question asking for one of these wants a figure, not a narrative.
_FIGURE = re.compile(r"多少|是多少|几[个家项]?(?:$|？|\?)|金额|比例|比率|增长率|\bhow much\b|\bhow many\b|\bwhat (?:was|is|were) the\b.*\b(?:revenue|income|ratio|margin|amount)\b",
                     re.IGNORECASE)

_FRAME = re.compile(
    r"能否|可否|可以|请你?|麻烦|根据|依据|基于|结合|按照|关于|"
    r"(?:(?:19|20)\d{2}\s*年?(?:度|年度)?)|第[一二三四]季度|半年度?|"
    r"(?:年度|半年度|季度)?(?:报告|年报|招股说明书|招股意向书|说明书|意向书|文件|资料)(?:中|里|内)?|"
    r"简要|简单|简述|概述|概括|总结|介绍|分析|阐述|描述|说明|谈谈|一下|"
    r"报告期内|报告期|期内|本期|目前|近年来|近三年|"
    r"(?<!子)公司的?|本行的?|本集团的?|发行人的?|该公司的?|集团的?|"
    r"主要|具体|相关|有关|方面|说说|讲讲|面临|一些|做了|开展了?|采取了?|推进了?|工作|措施|举措|"
    # How people ask: "这次募集的钱打算用来…", "下面有哪些子公司".
    r"这次|本次|此次|打算|准备|要用来|用来|拿去|下面|旗下|将(?=投|用)|拟(?=投|用)|分别|多少|"
    r"(?:是|为)(?=哪)|是(?=如何|怎么|怎样|咋)|有哪些|有哪几|哪几[个家项类种位名]|哪些|列出|列举|分别是|分别为|包括|包含|都有什么|有些什么|有什么|都是谁|都有谁|是谁|"
    r"是什么|是谁|什么样的?|什么|为什么|为何|为啥|原因|如何|怎么样|怎样的?|怎么|咋样|咋|是否|吗|呢|"
    # How people talk to the app: "给我简单介绍下", "帮我概括一下", "在社会责任方面都做了啥", "未来几年的发展目标".
    r"给我|帮我|帮忙|我们|我想知道|想了解|了解一下|(?<=介绍)下|都做了啥|做了啥|都有啥|有啥|啥|"
    r"在(?=[^，,。？?\s]{2,12}方面)|在(?=行业)|(?<=行业)里|处于|未来(?:几|[一二三四五\d])?年的?|"
    r"[，,。？?！!、：:“”\"'《》()（）\s]")
_EN_FRAME = re.compile(
    r"\b(?:please|can you|could you|briefly|summari[sz]e|describe|explain|discuss|analy[sz]e|give|provide|an?|the|"
    r"overview|outline|of|in|on|for|what|which|who|whom|are|is|was|were|does|did|do|how|why|its|their|company'?s?|"
    r"largest|biggest|major|principal|top|"
    r"firm'?s?|report|filing|annual|10-k|10-q|fiscal|year|during|period|according|to|list|all|name|main|key|"
    r"say|says|about|has|have|had|by|and|or|with|from|this|that|these|"
    # A request's own words: "Give me a short overview of the competition Apple says it faces".
    r"give|me|us|short|quick|brief|it|they|faces?|work|works|caused?|causes|led|lead|"
    # Which way a figure moved is not what a section is titled: "Why did operating expenses rise" is about
    # Operating Expenses.
    r"rise|rose|risen|increased?|decreased?|declined?|fall|fell|drop(?:ped)?|grow|grew|growth|drove|drive|driven|"
    r"drivers?|announced|disclos(?:e|ed|ures?))\b|\b(?:19|20)\d{2}\b|[?,.:;()\"']",
    re.IGNORECASE)


@dataclass(frozen=True)
class Intent:
    """The reading of one question for this package: its kind and topic words."""

    kind: str
    topic: str
    language: str


def classify(question: str) -> str:
    """"list", "why_how", "summary" or "" (a figure or fact question, for the ordinary route)."""
    if _WORK.search(question):
        return "summary"  # "做了哪些工作" asks what was done, not for a table's rows
    if _LIST.search(question) or (_USES.search(question) and not _FIGURE.search(question)):
        return "list"
    if _WHY_HOW.search(question):
        return "why_how"
    if _FIGURE.search(question) and not re.search(r"介绍|概述|简要|describe|summar", question, re.IGNORECASE):
        return ""
    if _SUMMARY.search(question):
        return "summary"
    return ""


def topic_of(question: str, names: list[str] | tuple[str, ...] = ()) -> str:
    """What the question is about, without its frame: "…简要介绍一下报告期内公司的环境信息情况" → "环境信息"."""
    text = question
    for name in sorted((n for n in names if n), key=len, reverse=True):
        text = text.replace(name, " ")
    if re.search(f"[{HAN}]", text):
        topic = _FRAME.sub(" ", re.sub(r"(?<=[募筹集])的?钱", "资金", text))  # "募集的钱" is 募集资金
        topic = re.sub(r"情况|工作|事项|内容|(?:大幅|明显)?(?:下降|上升|增长|减少|下滑|提高|提升|增加|回落)了?", " ", topic)
        words = [w.strip("的将之") for w in topic.split()]
        return " ".join(w for w in words if len(w) >= 2)
    topic = _EN_FRAME.sub(" ", re.sub(r"['’]s\b", "", text))
    return re.sub(r"\s+", " ", topic).strip()


def read_intent(question: str, names: list[str] | tuple[str, ...] = ()) -> Intent:
    language = "zh" if re.search(f"[{HAN}]", question) else "en"
    return Intent(classify(question), topic_of(question, names), language)
