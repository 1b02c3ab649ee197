"""A ruling: the one chairing says yes or no to what a member just proposed, and that answer is the decision.

"我建议分区装修" — "可以，就分区装修，不停业"; "能不能放到十月底？" — "不行，上线前一周必须压完";
"我们想搞首刷礼，首年免年费再送一百元刷卡金" — "刷卡金不行，首年免年费可以"; "I'd suggest two people from
the contractor pool" — "Fine, two contractors for March". Nobody says 决定 or "we agreed": the proposal before
it and the chair's yes or no make it one.

Only the one chairing (who speaks most) rules; a yes that only takes a task ("可以，我周五前发") or a bare yes
("可以。") is an acceptance, not a ruling.

The chair also settles a matter without a yes or no, in words that fix what will be done ("就用第二家供应商",
"额度给到三千万", "今年这个活动不做了", "以后统一按新模板报", "We'll stick with the current vendor", "Option B it is",
"the limit stays at 20 million"): after others have spoken to it, that is a decision too (``settles``).
"""

from __future__ import annotations

import re

from analyst_desk.core.cjk import HAN
from analyst_desk.core.meeting.acts import shares_words
from analyst_desk.core.meeting.kinds import is_question
from analyst_desk.core.meeting.sentences import sentences_of
from analyst_desk.core.meeting.transcript import Transcript, TranscriptLine

#: A question put to the chair or the room: "要不要…？", "能不能放到十月底？", "Should we…?".
_PROPOSAL = re.compile(r"(?:要不要|是否|要不|能不能|可不可以|(?:可以|行|好)吗(?=[？?]\s*$)|\b(?:should|shall|can|could) we\b|\bdo we want to\b|"
                       r"\bwhy don'?t we\b).*[？?]\s*$", re.IGNORECASE)
#: The same question without its question mark, as a recogniser writes it ("ATM要不要临时挪到隔壁").
_ASKS = re.compile(r"要不要|是否|能不能|可不可以|\b(?:should|shall|can|could) we\b", re.IGNORECASE)
#: A member's suggestion, said as one: "我建议…", "我提议…", "我想再加一点久期", "我们想搞…", "I'd suggest…",
#: "the branches keep asking us to…".
_SUGGESTION = re.compile(r"我(?:们)?(?:的)?(?:建议|提议|意见是|倾向于?)|我(?:们)?(?:想|打算|准备)(?:再|先|把|搞|做|上|加|减|改|换|用|申请)|"
                         r"建议(?:我们|咱们|先|把|改|按|用|压|降|提|上|停)|"
                         r"\bI'?d (?:suggest|propose|recommend|like us to)\b|\bI (?:suggest|propose|recommend)\b|\bwe could\b|"
                         r"\bmy (?:suggestion|proposal|recommendation) is\b|\b(?:keep )?ask(?:ing|ed)? (?:us |me )?to\b|"
                         r"\bwants? (?:us )?to\b|\bthe (?:proposal|request) is\b|\bI think we should\b|我觉得(?:我们|咱们)?(?:应该|可以)|"
                         r"(?:他们|客户|对方|那边)(?:想要|想把|希望|要求|提出)|"  # a request relayed: "华晟那边想把托管费降到…"
                         r"(?:他们|客户|对方)(?:还|也)?问(?:能不能|可不可以|是否|能否)",
                         re.IGNORECASE)
#: A cost or a quote put before the one who approves it: "场地费报价两万八", "维修要四千，买新的要九千".
_FOR_APPROVAL = re.compile(r"报价|课酬|(?:要|需要|得)(?:花)?[\d一二两三四五六七八九十百千万]+(?:块|元|万|千)?(?:[，,。]|$)|"
                           r"\b(?:quote[sd]?|costs?|asking for)\b[^.?!]{0,20}\d", re.IGNORECASE)
#: The chair's answer opens with its yes or no ("不行，…", "可以 就…", "No, the cut-off stays…", "Fine, two…") …
_RULING = re.compile(r"^(?:那|好|行|嗯|then|so)?[，,\s]*(?:这次|这个|这回|今年|那就|就)?(?:先|还是)?(?:不|暂不|先不|不再|就按|就用|还是按|就上|照常|要|需要|不用|"
                     r"对[，,](?=[^，。]{2,}[:：，,])|"  # "对，话术如实写：…" after "…可以吗？" — "不建议…"
                     r"可以(?!吗|么)|\bno\b|\bnot (?:this time|now)\b|\blet'?s not\b|\bwe(?:'ll| will) (?:skip|hold off|keep|stay)\b|"
                     r"\blet'?s hold off\b|\byes,? (?:let'?s|we(?:'ll| will))\b|\bfine\b[,.]|\byes\b[,.]\s*(?:we|let'?s|the)\b|"
                     r"\b(?:agreed|ok(?:ay)?|sure|right)\b[,.]?\s+let'?s\b)",
                     re.IGNORECASE)
#: … or its first clause says yes or no to a thing: "刷卡金不行，…", "久期可以加，但…".
_VERDICT_CLAUSE = re.compile(rf"^(?![我你您他她])[{HAN}A-Za-z\d]{{2,10}}?(?:不行|不可以|可以[{HAN}]{{0,3}}|(?:先|暂时?|这次)不(?:做|上|搞|办|推|加|改|换|用))(?=[，,。\s]|$)"
                             # a recogniser's run-on: "手续费可以减半全免不行你下周二之前…"
                             rf"|^(?![我你您他她])[{HAN}]{{2,8}}?可以[{HAN}]{{1,4}}?[{HAN}]{{2,6}}?不行"
                             # a floor or a cap: "利率不能低于3.45%", "最低万分之一点八"
                             rf"|^(?![我你您他她])[{HAN}]{{0,8}}?(?:不能|不得|不可以?)(?:低于|高于|超过|少于|多于)[^，。]{{1,12}}(?=[，,。\s]|$)")
#: What follows the yes when it only takes a task or hands one: "可以，我…", "可以，你…".
_ONLY_TAKES = re.compile(r"^(?:那)?(?:我|你|您|I\b|you\b)", re.IGNORECASE)


#: Words that settle a matter: what is chosen, kept, stopped or made the rule from now on.
_SETTLES_ZH = re.compile(r"就(?:按|用|选|走)|按[^，。？?]{1,12}(?:走|来|办|执行)(?:吧)?[。！!]?$|^(?:那)?(?:我们)?选[^，。？?]{1,8}|方案[一二三四ABCD](?:吧)?[。！!]?$|"
                         rf"^[{HAN}]{{1,4}}吧[，,]\s*(?:别|不要|不用)[{HAN}]|"  # "修吧，别买新的": one of the two ways chosen
                         r"(?:不做|不上|不调|不办|不推|不改)了|(?:维持|保持)(?:不变|现状|原)|照旧|老办法|(?<!需要)不变[。！!]?$|"
                         r"统一(?:按|用|口径|执行|改为|改成|至少|使用|采用)|以后[^，。？?]{0,4}(?:都|一律|统一)|一律|"
                         r"(?:^|[，,])[^，,。？?]{1,8}还是(?:[\d一二两三四五六七八九十]+|按|用|原来|老)|"  # "周末还是两次"
                         r"(?:^|[，,])[^，,。？?]{1,8}改(?:成|为)(?:每[天周月日]|[\d一二两三四五六七八九十]+[次班个天])|"  # "五一假期改成每天一次"
                         r"从下个?(?:月|周|季度)(?:开始|起)[^。？?]{0,24}(?:都|一律|必须|要)|"
                         r"(?:暂时|先)不(?:做|上|推|办|上线)(?!.*再说)|按计划(?:上|上线|执行|进行|发布|切换)|"
                         r"放到(?:下个?|[^，。？?]{1,6}的)(?:迭代|版本|版|sprint|release)|(?:^|[，,])[^，,。？?你我]{1,8}(?:改到|挪到|推到)[^，。？?]{1,10}(?:以后|之后)|按原计划|(?<![A-Za-z])(?:approved?|no-?go)(?![A-Za-z])|给到[\d一二三四五六七八九十两百千万]|(?:我|就)拍了|拍个板|总结一下[:：]|就定(?!了没|没)|定为|定成")
_SETTLES_EN = re.compile(r"\bwe(?:'ll| will) (?:stick with|keep|stay with|go with|use|take|pause|hold|drop|skip|not)\b|"
                         r"\bwe(?:'ll| will) (?:only do\b|do [^.?!,]{1,30} only\b)|"
                         r"\bwe(?:'re| are) not (?:doing|going ahead|proceeding)\b|\bwe won'?t\b|"
                         r"\blet'?s (?:keep|stick with|go with|drop|pause|use|take)\b|\bthe answer is (?:no|yes)\b|"
                         r"\bgo with (?:option|the)\b|^(?:(?:ok(?:ay)?|so|then|right|fine)[,\s]+)?[\w-]+(?: [\w-]+)? it is\b|\b(?:stays?|remains?) at\b|"
                         r"\bgoing forward\b|\bfrom (?:now on|next (?:month|week|quarter))\b", re.IGNORECASE)


#: Words of a report or an exhortation, not of a matter settled.
_NOT_SETTLED = re.compile(r"上个?月|上周|去年|已经|曾经|出了问题|选的|注意一下|别再|不要再|我觉得|我认为|"
                          r"\b(?:was|were|had|did|last (?:week|month|year)|I think|I feel|I believe)\b|"
                          # the meeting's own logistics: "Let's keep it short", "We'll take a short break", "the usual dial-in"
                          r"\b(?:break|next item|dial-in|meeting room|the link|posted|in touch|short today|in the contract)\b",
                          re.IGNORECASE)


def settles(sentence: str, line: TranscriptLine, transcript: Transcript) -> bool:
    """Whether the one chairing settles what was just discussed in ``sentence`` ("就用第二家供应商",
    "We'll stick with the current vendor"): not a question, and someone else spoke in the lines before."""
    text = sentence.strip()
    if is_question(text) or line.speaker != chair(transcript) or not (_SETTLES_ZH.search(text) or _SETTLES_EN.search(text)):
        return False
    if _NOT_SETTLED.search(text):
        return False  # "我们选的那个供应商上个月出了问题" reports; "以后大家都注意一下" exhorts
    before = [transcript.line(n) for n in range(max(1, line.number - 3), line.number)]
    return any(b is not None and b.text and not b.meta and b.speaker and b.speaker != line.speaker for b in before)


def chair(transcript: Transcript) -> str:
    """Who speaks most: the one chairing, whose yes or no to a proposal rules on it."""
    counts: dict[str, int] = {}
    for line in transcript.speech:
        if line.speaker:
            counts[line.speaker] = counts.get(line.speaker, 0) + 1
    return max(counts, key=counts.get) if counts else ""


def rules_on_proposal(sentence: str, line: TranscriptLine, transcript: Transcript) -> str:
    """The proposal (its last sentence) the one chairing rules on in ``sentence``, or ""."""
    opening = _RULING.match(sentence)
    clause = _VERDICT_CLAUSE.match(sentence.strip())
    rest = sentence[(opening or clause).end():].strip(" ，,。.!！") if opening or clause else ""
    if not (opening or clause):  # "两万八太贵了，这个不行，换个小一点的场地": the no in a later clause
        later = next((m for m in (_VERDICT_CLAUSE.match(sentence[c.end():]) for c in re.finditer(r"[，,]\s*", sentence))
                      if m and re.search(r"不行|不可以", m.group(0))), None)
        clause = later
    if is_question(sentence) or line.speaker != chair(transcript):
        return ""
    if not (opening or clause):
        return _answers_proposal(sentence, line, transcript)
    if (opening or clause).group(0).strip(" ，,").endswith(("可以", "Fine", "fine")) \
            and (len(re.sub(r"\W", "", rest)) < 4 or _ONLY_TAKES.match(rest)):
        return ""  # "可以。" / "可以，我周五前发": a yes that takes or hands a task, not a ruling
    answered = False  # a line by someone else since the chair's own question
    for number in range(line.number - 1, max(0, line.number - 4), -1):
        before = transcript.line(number)
        if before is None or before.meta or not before.text:
            continue
        if before.speaker == line.speaker:
            if answered and _ASKS.search(before.text) and shares_words(line.text, before.text):
                return _asked_in(before.text)  # "ATM要不要挪到隔壁？" — "挪的话要报备" — "那不行，ATM不挪"
            continue
        latest, answered = not answered, True
        asked = re.search(rf"要不要([{HAN}])", before.text)
        # a yes or no right after a suggestion answers it ("我提议把光伏的仓位减一半" — "不可以一下子减一半")
        # a permission in a clause ("低优先级的可以带着上") rules on what was just reported about the same thing
        permits = bool(clause) and latest and "可以" in clause.group(0) and shares_words(clause.group(0), before.text)
        if permits or (_PROPOSAL.search(before.text) or _SUGGESTION.search(before.text) or _FOR_APPROVAL.search(before.text)) \
                and (latest or shares_words(line.text, before.text)) or \
                asked and re.match(rf"^(?:不)?(?:要|用)?{asked.group(1)}|^不要|^不用", sentence):  # "要不要报监管？" — "要报。"
            return _asked_in(before.text)
    return ""


def _answers_proposal(sentence: str, line: TranscriptLine, transcript: Transcript) -> str:
    """"…国庆期间要不要全部网点都开门？" — "国庆期间开一半，另一半轮休": the chair answers the question just put with what
    will be done about the same thing (its first clause shares its words, asks nobody, offers nothing and says no "no":
    "两班倒人不够，先不改" turns the proposal down, and nothing is decided that was not so before)."""
    before = next((transcript.line(n) for n in range(line.number - 1, 0, -1)
                   if transcript.line(n) is not None and transcript.line(n).text and not transcript.line(n).meta), None)
    first = re.split(r"[，,。；;]", sentence.strip())[0]
    if before is None or before.speaker in {"", line.speaker} or not _PROPOSAL.search(before.text) or len(first) < 4 \
            or re.search(r"你|您|我|不|没|别|\b(?:you|I|not|no)\b|再(?:想|看|议|说|研究)|[？?]", first, re.IGNORECASE) \
            or not shares_words(first, before.text):
        return ""
    return _asked_in(before.text)


def _asked_in(text: str) -> str:
    """The sentence of a line that proposes: the question or the suggestion, else its last sentence."""
    asked_in = [s for s in sentences_of(text) if "要不要" in s or _PROPOSAL.search(s) or _SUGGESTION.search(s)]
    return (asked_in or sentences_of(text))[-1]
