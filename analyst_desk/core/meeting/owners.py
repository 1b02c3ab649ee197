"""Who a task belongs to: an attendee named in its sentence, or the speaker of a first-person promise.

A name that is not an attendee is never made the owner: the item stays unassigned and is
flagged, because minutes that assign work to someone not in the meeting are worse than none.
Colleagues call each other 小刘 / 老刘; that is 刘洋 when he is the only 刘 in the room.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyst_desk.core.cjk import HAN
from analyst_desk.core.meeting.acts import IMPERATIVE_EN, LEAD, act_of, ambiguity_flag, directs
from analyst_desk.core.meeting.roster import COMPOUND_SURNAMES, SURNAMES

_HAN = re.compile(rf"[{HAN}]")


def _is_chinese(text: str) -> bool:
    return bool(_HAN.search(text))


def _nickname_surname(name: str) -> str:
    """"小刘" / "老刘" → "刘"; "" for anything else."""
    match = re.fullmatch(rf"[小老]([{HAN}])", name)
    return match.group(1) if match else ""


def match_attendee(name: str, attendees: list[str]) -> str:
    """The attendee ``name`` refers to ("Mary" → "Mary Chen", "小刘" → "刘洋"), or ""."""
    name = name.strip(" ，,。.:：")
    if not name:
        return ""
    resolve = getattr(attendees, "resolve", None)
    if resolve is not None:  # a Roster knows every way each attendee is called
        return resolve(name)
    lowered = name.lower()
    for person in attendees:
        if person.lower() == lowered:
            return person
    surname = _nickname_surname(name)
    if surname:
        same = [p for p in attendees if _is_chinese(p) and p.startswith(surname) and len(p) <= 3]
        return same[0] if len(same) == 1 else ""
    for person in attendees:
        words = person.lower().split()
        if lowered in words or (len(name) >= 2 and _is_chinese(name)
                                and (person.startswith(name) or name.startswith(person))):
            return person
    return ""


def _forms(person: str, attendees: list[str]) -> list[str]:
    forms = [person] + ([person.split()[0]] if " " in person else [])
    if _is_chinese(person) and len(person) in (2, 3) and not re.search(r"(?:总|经理|行长|总监|处长|主任)$", person):
        surname = person[0]
        if sum(1 for p in attendees if p.startswith(surname) and _is_chinese(p)) == 1:
            forms += ["小" + surname, "老" + surname]
    return forms


def mentioned_attendees(text: str, attendees: list[str]) -> list[str]:
    """Attendees named in ``text`` (full name, first name for Western names, 小刘 for 刘洋), in order of mention."""
    calls_in = getattr(attendees, "calls_in", None)
    if calls_in is not None:
        wanted = set(attendees)
        named = [names[0] for _, _, _, names in calls_in(text) if len(names) == 1 and names[0] in wanted]
        return list(dict.fromkeys(named))
    hits: list[tuple[int, str]] = []
    for person in attendees:
        for form in _forms(person, attendees):
            pattern = re.escape(form) if _is_chinese(form) else rf"\b{re.escape(form)}\b"
            match = re.search(pattern, text)
            if match:
                hits.append((match.start(), person))
                break
    return [person for _, person in sorted(hits)]


_NAME_ZH = rf"[{HAN}]{{2,4}}?"
_NAME_EN = r"[A-Z][a-z]+(?: [A-Z][a-z]+)?"
#: A person addressed or assigned with a task word right after the name.
_ASSIGNED_ZH = [re.compile(p) for p in [
    rf"(?:责任人|负责人|承办人|牵头人)\s*[:：]\s*(?P<name>{_NAME_ZH})(?=[，,；;。\s]|$)",
    rf"(?:请|让|叫|由|交给|安排|改由|改成|换成|转给|麻烦|辛苦|拜托|@)(?P<name>{_NAME_ZH})(?:来|去|负责|牵头|跟进|在|于|把|先|尽快|[,，]|测算|准备|整理|出|"
    r"核实|联系|提交|发|完成|起草|修改|更新|对接|汇报|做|再|一下|下周|月底|本周|那边|这边|吧|。|$)",
    rf"(?P<name>{_NAME_ZH})(?:[，,]\s*)?(?:你|您)(?:再|先|就)?(?:来|去|负责|牵头|跟进|跟|把|在|先|下周|月底|本周|尽快|"
    rf"[{HAN}]{{0,3}}前)",
    rf"(?P<name>{_NAME_ZH})(?:负责|牵头|跟进|跟一下|盯一下|来做|来负责|来牵头)",
]]
_ASSIGNED_EN = [re.compile(p) for p in [
    # Minutes style: "Raj to brief the branches by Thursday", "Action: Raj", "Owner – Raj"
    rf"^(?:action(?: item)?s?\s*[:：\-–]\s*)?(?P<name>{_NAME_EN})\s+to\s+[a-z]+",
    rf"\b(?i:action|owner|responsible|assignee|assigned to)\s*[:：\-–]\s*(?P<name>{_NAME_EN})",
    rf"\b(?i:action(?: item)?s? (?:on|for))\s+(?P<name>{_NAME_EN})\b",  # "Action on Lisa: refresh the pricing grid"
    rf"@(?P<name>{_NAME_EN})\b",
    rf"(?P<name>{_NAME_EN}),\s*(?:please|can you|could you|would you|will you|you)\b",
    # A request by name: "Raj, I need the incident report by September 18."
    rf"(?P<name>{_NAME_EN}),\s*(?:I|we) (?:need|want|'d like|would like)\b",
    rf"\b(?:ask|asked|asks|have|had|get|got)\s+(?P<name>{_NAME_EN})\s+to\b",
    rf"\b(?:let's have|let's get|have|let)\s+(?P<name>{_NAME_EN})\s+(?:look|check|send|draft|prepare|review|update|call|"
    r"follow|take|handle|write|pull|run|own|reach)\b",
    rf"(?P<name>{_NAME_EN})\s+(?:will|is going to|owns|is responsible|takes)\b",
    rf"\b(?:assigned to|owner:?|owned by)\s+(?P<name>{_NAME_EN})",
    # A vocative then a verb: "Aisha, follow up with the sponsor …"
    rf"^(?:[A-Z][a-z]+,\s+)?(?P<name>{_NAME_EN}),\s+(?!I\b|we\b|the\b)[a-z]+",
]]
#: Someone outside the meeting asked to act ("请赵处长那边…", "Karen in Legal should send …").
_OUTSIDER_EN = re.compile(r"^(?:[A-Z][a-z]+,\s+)?(?P<name>[A-Z][a-z]+)(?: (?:in|from|at) [A-Z][\w&]+)?\s+"
                          r"(?:should|will|needs to|has to|is to|to)\s+(?!(?:also\s+)?(?:want|need|like|expect|be)\b)[a-z]")
_NOT_NAMES_EN = {"we", "they", "our", "the", "this", "that", "it", "let's", "there", "i", "you", "he", "she",
                 "audit", "legal", "today", "also", "actually", "so", "and", "then", "okay", "ok", "great", "good",
                 "yes", "sure", "thanks", "someone", "somebody", "anyone", "anybody", "everyone", "everybody", "nobody",
                 "no", "one"}

#: A reply that promises delivery with 我 left out: "好的，周四上午给您", "行，明天发你".
_IMPLIED_PROMISE = re.compile(r"^(?:好的?|行|可以|没问题|收到|嗯)[，,\s]*[^，。你您我他她]{0,12}(?:给|发|交|报|回)(?:您|你)")
#: The words before a call that ask or delegate to that person: "请梁总…", "我让傅佳代一下", "麻烦龚总…".
_ASKED_BY_NAME = re.compile(r"(?:请|让|叫|麻烦|拜托)\s*$")
#: A first-person promise: 我来 / 我这边来 / 我明天 / 我负责 / I'll / I will / I can take it.
_PROMISE_ZH = re.compile(r"我(?:们)?[^，。你您]{0,12}?(?:就|再|马上)?去(?:下单|采购|办理?|联系|找|谈|签|催|跑|落实|对接|申请|预约|订)|"  # "那我按一百二十份去下单"
                         # a team takes it: "那诉讼材料我们来准备", "脚本我们这边出" — not "我们来看一下" (a turn to look)
                         r"我们(?:这边)?(?:来|负责|牵头)(?!看|说|讲|谈|聊|听|过一下)|我们这边(?:出|做|写|弄|改)(?![了过现])|"
                         r"我(?:这边|们这边|自己|亲自)?(?:也|就|先|再|回去|回头|马上|这就)?(?:打算|计划|准备(?!好了)|来|去|会|负责|每周|每天|定期|问|写|改|订|排|安排|牵头|马上|尽快|今天|今晚|明天|后天|上午|下午|中午|晚上|待会儿?|等会儿?|一会儿|下周|下个?月|"
                         r"月底|月初|本周|这周|周[一二三四五六日末]|节后|节前|春节|\d|[一二三四五六七八九十]+[月号日]|把|争取|保证|可以|"
                         r"跟进|核实|整理|准备|提交|发|补|第一时间)")
_PROMISE_EN = re.compile(r"\b(?:I'll|I will|I'm going to|I am going to|let me)\b(?! (?:also |still )?(?:need|want|have to)\b)"
                         r"|\bI can (?!see\b|tell\b|say\b|confirm that\b|imagine\b|understand\b|only\b)[a-z]+"
                         r"|\bwe(?:'ll| will) (?!need|have to|see|know|wait)", re.IGNORECASE)
#: Not a promise: an opinion, a worry, or why someone cannot do it.
_NOT_PROMISE = re.compile(r"我(?:觉得|认为|看了|看过|担心|建议|估计|感觉|想)|我(?:们)?(?:这边)?有(?:个|一个|件|几个|两个)(?:事|客户|情况|问题|疑问)|在[^，。]{0,6}(?:培训|出差|休假|开会)(?!前|之前)|不在(?:行里|单位|公司|岗)|我每(?:天|周|月)[^，。]{0,10}都(?:会|是)|要晚一点|晚一点|有点紧|太紧|我不在|不在岗|年假|要去[^，。]{0,6}(?:考试|开会|学习|培训|出差)|本来(?:想|打算|准备|要)|走不开|经常|通常|平时|一般都|总是|\busually\b|\boften\b|脱不开身|顾不上|忙不过来|我(?:先)?(?:补充|插|说|报|报告|汇报|介绍|讲)一(?:下|句)|我的意见|来不及|没时间|没空|出差|休假|请假|去总行培训|要去培训|"
                          r"\bI (?:think|feel|believe|guess|'m worried|am worried)\b|\bI'm worried\b|on leave|can't|cannot|"
                          r"unable to", re.IGNORECASE)


#: The speaker keeps the work: "leave it with me", "you'll have it by Friday", "交给我吧", "包在我身上".
_KEEPS = re.compile(r"\bleave (?:it|that|this) (?:with|to) me\b|\baction on me\b|\b(?:that'?s|this is) on me\b|\byou(?:'ll| will) (?:have|get) (?:it|them|that|those|the \w+)\b|"
                    r"\bI'?m on it\b|交给我(?:吧|来)|包在我身上|我来吧|我来弄", re.IGNORECASE)


@dataclass
class Owner:
    """An owner found for a task sentence and how: "named", "promise", "outsider", or "" (none)."""

    name: str = ""
    how: str = ""
    flags: list[str] = field(default_factory=list)


def is_opinion(sentence: str) -> bool:
    """An opinion, a worry or an excuse ("我觉得要提前准备", "I think we should…", "来不及"): commits nobody."""
    return bool(_NOT_PROMISE.search(sentence))


def is_promise(sentence: str) -> bool:
    """A first-person commitment ("我这边来安排", "I'll send it"), not an opinion or an excuse."""
    if _NOT_PROMISE.search(sentence):
        return False
    return bool(_PROMISE_ZH.search(sentence) or _PROMISE_EN.search(sentence))


def _directs(sentence: str, attendees=None) -> bool:
    """"马骏，rollback脚本下周一前写好" tells the one called to act; "黎哥，清明节前社区有个活动" only informs;
    "tom send me the numbers first" (a recogniser writes no comma) tells Tom."""
    calls_in = getattr(attendees, "calls_in", None)
    opening = [h for h in (calls_in(sentence) if calls_in else []) if h[0] <= 1]
    if opening and IMPERATIVE_EN.match(sentence[opening[0][1]:].lstrip(" ,")):
        return True
    return act_of(sentence) in {"directive", "request"} or directs(sentence) or bool(re.search(r"^\W*(?:please|can|could|would)\b", sentence,
                                                                            re.IGNORECASE)) \
        or bool(re.search(r"\b(?:needs|wants|is waiting for)\b.*\b(?:by|before)\b", sentence))  # "Owen, Ivy needs the curves by Friday"


def _speaks_for_self(sentence: str) -> bool:
    """"那业务验证的人我来安排，周五之前把名单给你": 我 is the subject, 你 only the one who receives it."""
    me = re.search(r"我(?!们都|觉得|认为|担心|建议|的意见)|\bI(?:'ll| will|'m going to| can)\b|\blet me\b|"
                   r"^\W*we(?:'ll| will)\b(?!(?: also| still| just| then)? (?:need|have to|see|wait|want)\b)", sentence, re.IGNORECASE)  # "We'll get you the valuation…"
    you = re.search(r"你|您|\byou\b", sentence, re.IGNORECASE)
    return bool(me and you and me.start() < you.start())


def _in_vocative_line(sentence: str, attendees) -> bool:
    """A sentence that opens with a call ("刘处，下半年的…测算一下") speaks to that person."""
    calls_in = getattr(attendees, "calls_in", None)
    if calls_in is None:
        return False
    lead = re.match(LEAD, sentence, re.IGNORECASE)
    return any(begin <= (lead.end() if lead else 0) + 1 for begin, _, _, _ in calls_in(sentence))


def _outsider_flag(name: str, sentence: str) -> str:
    return (f"“{name}”不是参会人员，未指定负责人" if _is_chinese(sentence)
            else f"“{name}” is not an attendee; left unassigned")


_LEADS_ZH = re.compile(r"^(?:你们?|您)?(?:先|再|就|也)?(?:来|去)?(?:负责|牵头|跟进|跟一下|盯一下|来做|起草|主导|对接|汇总|统筹|落实|配合|协助|组织|主持|召集|"
                       r"跟踪)")
#: Notes in the third person: "邱晨答应下周二前…", "华总表示…本周五前可以发过来".
_NOTED_PROMISE = re.compile(r"(?:答应|承诺|保证|负责|同意(?=[^，。]{0,12}(?:提供|发|交|报|给|补|出具|准备|安排|联系))|"
                            r"(?:会后|回去后?|回头|随后|稍后|明天|今天|下午|尽快|马上|将|会)?把(?=[^。]{2,30}(?:给|交|发|报|整理|准备|提交|补))|"
                            r"(?:会后|回去后?|回头|随后|稍后|尽快|马上)(?:将|会)?(?:去|联系|整理|提交|发|准备|安排|核实|跟进|向|汇报|请示|出具)|(?:表示|说)(?![^，。]{0,12}(?:需要|应该|要求))(?=[^。]{0,16}(?:可以|会|能|将))|"
                            r"(?:表示|说|答复|回复)[^。]{0,20}?[，,]\s*(?:并|还)?(?:承诺|答应|保证))")
_FIRST_PERSON = re.compile(r"^(?:[^，,。]{0,6}[，,]|好的?|好嘞|行|嗯|对|可以|没问题)?\s*(?:那)?(?:[^，,。我你]{0,4})?(?<![给发交诉跟找帮])我(?!们都|觉得|认为|要看|想看|要的|等着|得看)|^(?:ok(?:ay)?|sure|yes|fine)?[, ]*\b(?:I(?:'ll| will|'m going to)|we(?:'ll| will)(?!(?: also| still| just| then)? (?:need|have to|see|wait|want)\b))\b",
                           re.IGNORECASE)


#: In notes written about a call, who a clause is about: "蔡总表示…", "肖雯答复…", "肖雯提醒蔡总…".
_NARRATED = re.compile(r"\s*(?P<verb>表示|称|说|答应|同意|答复|回复|承诺|保证|将|会|负责|提醒|请|要求|督促|让)")
_ASKS_OTHER = ("提醒", "请", "要求", "督促", "让")
_DUE_CLAUSE = re.compile(r"(?:之前|以前|前)[^，。；;]{0,8}(?:给|发|交|提交|报|答复|回复|反馈|提供|出|完成)|"
                         r"(?:今天|明天|后天|下周|本周|这周|月底)[^，。；;]{0,8}(?:给|发|交|提交|报|答复|回复|反馈|提供|出)")


def _narrated_owner(sentence: str, attendees) -> str:
    """"蔡总表示需要和家人商量，周五前给答复": in written-up notes the clause with the deadline has no subject of its own;
    it is the one the clause before it is about (the one asked, after "肖雯提醒蔡总…"). "" when unclear."""
    calls_in = getattr(attendees, "calls_in", None)
    clauses = [c for c in re.split(r"[，,；;]", sentence) if c.strip()]
    due_at = next((i for i in range(len(clauses) - 1, 0, -1) if _DUE_CLAUSE.search(clauses[i])), None)
    if calls_in is None or due_at is None or calls_in(clauses[due_at].strip()[:4]):
        return ""
    for clause in reversed(clauses[:due_at]):
        clause = clause.strip()
        handed = [names[0] for b, _, _, names in calls_in(clause) if len(names) == 1
                  and re.search(r"(?:由|交给|让|请)\s*$", clause[:b])]
        if handed:
            return handed[0]  # "邓总表示数据可以提供，由小隋整理，五一节前发给阎立": the one it is handed to
        hits = calls_in(clause)
        if not hits or hits[0][0] != 0 or len(hits[0][3]) != 1:
            continue
        verb = _NARRATED.match(clause[hits[0][1]:])
        if verb is None:
            return ""
        if verb.group("verb") in _ASKS_OTHER:
            asked = [h for h in hits[1:] if len(h[3]) == 1 and h[0] <= hits[0][1] + verb.end() + 1]
            return asked[0][3][0] if asked else ""
        return hits[0][3][0]
    return ""


def _member_told(sentence: str, after: int, unit: str, attendees) -> str:
    """"还是公司业务部负责，桂芳你月底前更新完": the member of the department told to do it, when a call to one follows."""
    person = getattr(attendees, "person", None)
    if person is None or not re.search(r"(?:部|处|中心|组|室)$", unit):
        return ""
    for begin, end, _, names in attendees.calls_in(sentence[after:]):
        member = person(names[0]) if len(names) == 1 else None
        if member is not None and unit in member.role and re.match(r"\s*(?:你|您)", sentence[after + end:]):
            return member.name
    return ""


def find_owner(sentence: str, speaker: str, attendees: list[str], addressed: tuple = ("", [], False)) -> Owner:
    """The owner of a task sentence: a named attendee, the one addressed, else the speaker of a promise.

    ``addressed`` is who the line speaks to (``dialogue.addressee``): a call at its start, or the previous
    speaker for a bare "你". A call that fits two attendees returns ``how="ambiguous"``: no owner, a flag.
    A task given by name to someone not in the meeting returns ``how="outsider"``: no owner, a flag.
    """
    calls_in = getattr(attendees, "calls_in", None)
    narrated = _narrated_owner(sentence, attendees) if not speaker else ""
    if narrated:
        return Owner(narrated, "named")
    if calls_in is not None:  # "审批部牵头", "宋总你们牵头", "振宇负责": a call right before a task verb
        for begin, end, words, names in calls_in(sentence):
            if len(names) != 1:
                continue
            if _LEADS_ZH.match(sentence[end:]) or (begin == 0 and _NOTED_PROMISE.match(sentence[end:])):
                return Owner(_member_told(sentence, end, words, attendees) or names[0], "named")
            if _ASKED_BY_NAME.search(sentence[max(0, begin - 3):begin]) and names[0] != speaker \
                    and not re.match(r"\s*(?:说|讲|谈|介绍|汇报|补充)", sentence[end:]):
                # "甘露请梁总合同最晚下周三前提供", "周二的晨报我让傅佳代一下？": the one asked or delegated to acts
                return Owner(names[0], "named")
    if speaker and _KEEPS.search(sentence):
        return Owner(speaker, "promise")  # "Leave it with me, you'll have it in two weeks": "you" only receives it
    person, maybe, whole_line = (tuple(addressed) + (False,))[:3]
    second = re.search(r"(?<![给发跟向和诉找帮])(?:你|您)|交给(?:你|您)|\byou\b|^(?:yes,? )?please do\b|^go ahead\b", sentence, re.IGNORECASE)
    if re.search(r"你们(?:俩|两个|几个|二位)|\byou (?:two|both)\b", sentence, re.IGNORECASE):
        return Owner()  # said to two people at once: each takes their part in a line of their own
    me = re.search(r"(?<![给发跟向和诉找帮])我", sentence)
    you_first = bool(second and re.search(rf"[{HAN}]", sentence) and (me is None or second.start() < me.start()))
    # "你起草一个，我签字": 你 is asked first; 我 only says what the speaker will do after
    if (person or maybe) and (you_first or not _FIRST_PERSON.search(sentence)) and not _speaks_for_self(sentence) \
            and (second or ((whole_line or _in_vocative_line(sentence, attendees)) and _directs(sentence, attendees))):
        if person:
            return Owner(person, "named")
        words = next((w for _, _, w, n in (calls_in(sentence) if calls_in else []) if len(n) > 1), "")
        return Owner("", "ambiguous", [ambiguity_flag(words or "?", maybe, _is_chinese(sentence))])
    for index, pattern in enumerate(_ASSIGNED_ZH + _ASSIGNED_EN):
        for match in pattern.finditer(sentence):
            name = match.group("name")
            person = match_attendee(name, attendees)
            if person:
                return Owner(person, "named")
            if index == 1 and not re.search(r"[我你他她们这那大家]", name) and len(name) <= 3 \
                    and (name[0] in SURNAMES or name[:2] in COMPOUND_SURNAMES):  # "改成两班倒" changes the work
                return Owner("", "outsider", [_outsider_flag(name, sentence)])
    outsider = _OUTSIDER_EN.search(sentence)
    if outsider and outsider.group("name").lower() not in _NOT_NAMES_EN \
            and not match_attendee(outsider.group("name"), attendees):
        return Owner("", "outsider", [_outsider_flag(outsider.group("name"), sentence)])
    if speaker and is_promise(sentence):
        return Owner(speaker, "promise")
    if speaker and _IMPLIED_PROMISE.match(sentence):
        return Owner(speaker, "promise")  # "好的，周四上午给您": the answer promises it, 我 unsaid
    if speaker and act_of(sentence) == "commitment" and not _NOT_PROMISE.search(sentence) \
            and re.search(r"(?:之前|以前|前)(?:[^，。]{0,8})(?:给|发|交|报|出|完成)|\bby\b|\bbefore\b", sentence, re.IGNORECASE):
        return Owner(speaker, "promise")  # "那我按45万重新做方案，下周五前给您"
    if speaker and not _NOT_PROMISE.search(sentence) and (
            (_FIRST_PERSON.search(sentence) and re.search(r"我(?:这边|们这边|自己|亲自|回去|回来|回头|马上|这就|拿到|先|每周|每天|"
                                                          r"定期)", sentence))
            or re.search(r"我(?:们)?(?!觉得|认为|担心|建议|们都)[^，。你您]{0,12}(?:前|之前|以前|可以|能|会)[^，。]{0,6}"
                         r"(?:出|给|发|交|报|完成|提供|弄|做|写|办)|\bI(?:'ll| will)\b.{0,40}\b(?:by|before)\b", sentence)):
        return Owner(speaker, "promise")
    named = [p for p in mentioned_attendees(sentence, attendees) if p != speaker]
    if len(named) == 1:
        return Owner(named[0], "mentioned")
    return Owner()
