"""People's names that no 客户/借款人 label or 先生/女士 title introduces: the other places a bank's notes and
mail name a person.

- e-mail headers: 发件人/收件人/抄送 and From/To/Cc/Attn, every name of the list;
- greetings and signatures: "陈立平，您好", "黄晓燕：" on a line of its own, "Dear Amy,", and a name alone on the
  line after 谢谢 / Thanks / Regards;
- a person described: "梁淑芬，女，汉族", "其夫许国栋", "胡志明的弟弟胡志刚";
- a person acting in a note: "与胡志明、邱美玲两人面谈", "胡志明介绍…", "邱美玲负责采购";
- a person whose ID document follows the name: "股东伍建林（身份证号码：…）";
- and every other mention of a name found once, anywhere in the text ("宋立新称…" after "与宋立新面谈").

A candidate must still be a name (``pii_forms.is_person_name``: a surname, two or three characters, not a
company's or an everyday word), so "董事会表示" or "公司负责" are not people.
"""

from __future__ import annotations

import re

from analyst_desk.core.cjk import HAN
from analyst_desk.core.compliance import pii_tables
from analyst_desk.core.compliance.pii_forms import is_person_name, name_after
from analyst_desk.core.compliance.pii_words import COMPOUND_SURNAMES, JOB_TITLE_WORD, NOT_NAME_WORDS

_HEADER = re.compile(r"(?:^|\n)[ \t]*(?:发件人|收件人|抄送|密送|发送人|From|To|Cc|Bcc|Attn|Attention|"
                     # a meeting's list of who came: every name of it, Latin or Han
                     r"Attendees|Participants|Present|Apologies)[ \t]*[:：][ \t]*",
                     re.I)
_HAN_NAME = re.compile(rf"[{HAN}]{{2,4}}")
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}")
_LATIN_NOT_NAME = {"Mr", "Ms", "Mrs", "Miss", "Dr", "Sir", "Madam", "All", "Team", "Colleagues", "Customer", "Client",
                   "Dear", "Hi", "Hello", "Thanks", "Regards", "Best", "Subject", "Re", "The"}
#: "陈立平，您好" (a line "焦炭：" alone is a glossary's term as often as a letter's greeting: a name written so is
#: masked only when found elsewhere, e.g. in the 收件人 line above it).
_GREETING = re.compile(rf"(?:^|\n)[ \t]*([{HAN}]{{2,4}}|[A-Z][a-z]+)[ \t]*(?:[，,][ \t]*您好|您好)")
_DEAR = re.compile(r"\b(?:Dear|Hi|Hello)\s+([A-Z][a-z]+)\b(?=\s*[,，:])")
_CLOSING = re.compile(r"^(?:谢谢|多谢|此致|敬礼|顺祝|祝好|顺颂|Thanks|Thank you|Regards|Best|Best regards|Kind regards|"
                      r"Sincerely|Cheers|Yours sincerely|Yours faithfully|Yours truly|Best wishes|With regards)[!！,，.。\s]*$|^.*(?:敬礼|商祺|顺祝商祺)[!！。]*$", re.I)
_DESCRIBED = re.compile(rf"([{HAN}]{{2,4}}?)[ \t]*[，,（(][ \t]*(?:男|女)(?=[，,）)、；;。\s]|性)")
_KIN = "老婆|老公|爱人|媳妇|儿媳|女婿|岳父|岳母|公公|婆婆|孙子|孙女|丈夫|妻子|儿子|女儿|之子|之女|父亲|母亲|弟弟|哥哥|姐姐|妹妹|配偶|子|女|夫|妻"
#: A firm's kin: 子公司, 子行, 子基金 — "万科的子公司" names no child of a person.
_NOT_KIN = "(?!公司|企业|行|基金|品牌)"
_KIN_LABEL = re.compile(rf"(?:其|的|我|他|她)(?:{_KIN}){_NOT_KIN}[ \t]*[:：]?")
_BEFORE_KIN = re.compile(rf"([{HAN}]{{2,4}}?)的(?:{_KIN}){_NOT_KIN}")
_MEETING = re.compile(rf"与([{HAN}、]{{2,20}}?)(?:夫妇|两人|二人|三人|等人|面谈|见面|会面|沟通|交流|座谈)")
#: Verbs a person in a note does; none that also ends a word of reports (名称, 简称, 尚未确认, 特别说明, 负责人).
_ACTS = re.compile(rf"(?:^|(?<=[\n。；！？，,]))[ \t]*([{HAN}]{{2,4}}?)(?:表示|介绍|认为|提到|承诺|反映|答复|回复|"
                   rf"负责(?!人)|(?P<either>同意|希望|提供))")
#: What only a person does (a firm never 来电, 失联 or 到场): a name at a sentence's or a field's start before it.
_PERSON_ACTS = re.compile(rf"(?:^|(?<=[\n。；！？，,;!?:：]))[ \t]*([{HAN}]{{2,4}}?)(?:来电|来行|来访|失联|到场|签字|说(?!明))")
#: Verbs whose object is a person in a note: "已电话通知欧阳丽华于周五前…", "拜访了葛文斌".
_TOLD = re.compile(r"(?:通知|联系|拜访|致电|约见|告知|提醒|催收|会见|见了|拜访了|联系了|通知了)")
#: A person and their kin in one breath: "熊志军与其配偶邓小燕", "杨国栋及其女儿".
_WITH_KIN = re.compile(rf"([{HAN}]{{2,4}}?)(?:与|及|和)其(?:{_KIN}){_NOT_KIN}")
#: Words that start with a surname character and act in sentences like a person would.
_ACTORS = ("董事", "监事", "高管", "管理", "经理", "行长", "公司", "本行", "该行", "银行", "方面", "双方", "对方", "于是",
           "程序", "金融", "江苏", "石油", "黄金", "常规", "安全", "高级", "许可", "余额", "任何", "华夏")


#: A person's ID document straight after a name: "股东伍建林（身份证号码：…）", "张伟，身份证号…".
_BEFORE_ID = re.compile(r"[（(，,][ \t]*(?:居民)?(?:身份证|证件号|证件类型|护照|港澳通行证|台胞证|军官证)")
#: A prospectus's 董事、监事及高级管理人员 section describes its officers the way a KYC note describes a customer
#: ("周大兵，男，61岁，…董事长"): those are public, the section's words say so.
_OFFICER = re.compile(r"董事|监事|行长|总经理|总裁|首席|秘书|委员|主席|总监|高级管理|独立|简历|任职|曾任|现任")


def _officer_near(folded: str, span: tuple[int, int]) -> bool:
    return bool(_OFFICER.search(folded[max(0, span[0] - 60):span[1] + 80]))


def _name(text: str) -> bool:
    # "戴总的老婆": 戴总 is a title a colleague calls him by (Mr Dai, the boss), not a name written down.
    return is_person_name(text) and not text.startswith(_ACTORS) and not (len(text) == 2 and text[1] == "总")


def _names_at(folded: str, start: int) -> list[tuple[int, int]]:
    """The list of names an e-mail header opens at ``start`` ("黄晓燕；孔德明", "Amy Zhou <…>; Tom Wu"); an English
    header's list is split at semicolons only: "Grace Lim, Credit Officer" is one person and her title."""
    spans = []
    line_end = folded.find("\n", start)
    line = folded[start:line_end if line_end >= 0 else len(folded)]
    for item in re.finditer(r"[^;；,，、]+" if not line.isascii() else r"[^;]+", line):
        head = re.sub(r"<[^>]*>?|\(.*?\)|（.*?）", "", item.group(0)).strip()
        if not head:
            continue
        if line.isascii():
            head = head.split(",")[0].strip()
        at = start + item.start() + item.group(0).index(head)
        if (_HAN_NAME.fullmatch(head) and _name(head)) or \
                (_LATIN_NAME.fullmatch(head) and not set(head.split()) & _LATIN_NOT_NAME
                 and not JOB_TITLE_WORD.search(head)):  # "Attn: General Counsel" is a role
            spans.append((at, at + len(head)))
    return spans


def _han_before(folded: str, end: int, lowest: int) -> tuple[int, int] | None:
    """A name ending at ``end``: three characters, else two (four for a compound surname)."""
    for size in (4, 3, 2):
        start = end - size
        if start < lowest:
            continue
        text = folded[start:end]
        if size == 4 and text[:2] not in COMPOUND_SURNAMES:
            continue
        if _name(text):
            return start, end
    return None


def names_in_context(folded: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of names in the contexts above; ``found`` are the names other rules found (repeated everywhere)."""
    spans: list[tuple[int, int]] = []
    for m in _HEADER.finditer(folded):
        spans += _names_at(folded, m.end())
    for m in _GREETING.finditer(folded):
        word = m.group(1)
        if (_HAN_NAME.fullmatch(word) and _name(word)) or (word.isascii() and word not in _LATIN_NOT_NAME):
            spans.append(m.span(1))
    spans += [m.span(1) for m in _DEAR.finditer(folded) if m.group(1) not in _LATIN_NOT_NAME]
    lines = folded.split("\n")
    offset, previous = 0, ""
    for line in lines:
        text = line.strip()
        if text and _CLOSING.match(previous.strip()):
            at = offset + line.index(text)
            if (_HAN_NAME.fullmatch(text) and _name(text)) or \
                    (_LATIN_NAME.fullmatch(text) and not set(text.split()) & _LATIN_NOT_NAME):
                spans.append((at, at + len(text)))
        if text:
            previous = line
        offset += len(line) + 1
    for pattern in (_DESCRIBED, _BEFORE_KIN, _WITH_KIN, _ACTS, _PERSON_ACTS):
        for m in pattern.finditer(folded):
            span = _han_before(folded, m.end(1), m.start(1))
            # The name is the whole run from the sentence's start ("大中华区负责…" holds no person "华区").
            if span and (pattern not in (_ACTS, _PERSON_ACTS) or span[0] == m.start(1)) and not (
                    pattern is _DESCRIBED and _officer_near(folded, span)):
                # A firm agrees and asks too ("万科同意…"): after those verbs only a full name of three counts.
                if pattern is _ACTS and m.group("either") and span[1] - span[0] < 3:
                    continue
                spans.append(span)
    for m in _TOLD.finditer(folded):
        span = name_after(folded, m.end())
        if span and _name(folded[span[0]:span[1]]):
            spans.append(span)
    for m in _BEFORE_ID.finditer(folded):
        span = _han_before(folded, m.start(), max(0, m.start() - 4))
        if span:
            spans.append(span)
    for m in _KIN_LABEL.finditer(folded):
        span = name_after(folded, m.end())
        if span and _name(folded[span[0]:span[1]]):
            spans.append(span)
    for m in _MEETING.finditer(folded):
        start = m.start(1)
        for part in m.group(1).split("、"):
            if _name(part) and len(part) <= 4:
                spans.append((start, start + len(part)))
            start += len(part) + 1
    # A name found once is the same person wherever else it is written; a Latin one only in full ("Amy Zhou").
    names = {folded[s:e] for s, e in [*found, *spans] if e - s >= 2 and (not folded[s:e].isascii() or " " in
                                                                            folded[s:e])}
    for name in names:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(name), folded)]
        # "Jason Pan" found in the attendees is "Jason" in the actions below ("Jason to revert …"): a given name
        # of his, capitalised and whole, is him too.
        first = name.split()[0] if name.isascii() else ""
        if len(first) >= 3 and first.istitle() and first not in _LATIN_NOT_NAME and first not in NOT_NAME_WORDS:
            spans += [(m.start(), m.end()) for m in re.finditer(rf"(?<![A-Za-z]){first}(?![A-Za-z])", folded)]
    return spans


#: What may stand between a name and its phone: "王磊 138…", "王伟（手机138…）", "138…（王磊）".
_BEFORE_PHONE = re.compile(rf"(?:^|(?<=[^{HAN}]))([{HAN}]{{2,4}})[ \t]*(?:[（(]?(?:手机|电话|联系电话|手机号|tel|mobile)?[:：]?"
                           r"[ \t]*)\n?$", re.I)  # \n: a table read a cell a line puts the name on the line above
_AFTER_PHONE = re.compile(rf"[ \t]*[（(]([{HAN}]{{2,4}})[）)]")
#: A run of Han ending in a name before its phone, a comma or a bracket between: "窦海燕,电话186…",
#: "邬建林，手机139…", "出纳员景小芸（电话137…".
_RUN_PHONE = re.compile(rf"([{HAN}]{{2,12}})[ \t]*(?:[，,][ \t]*(?=手机|电话|联系电话|tel|mobile)|[（(])?"
                        r"(?:手机|电话|联系电话|手机号|tel|mobile)?[:：]?[ \t]*$", re.I)
#: A role a note writes straight before a person's name: "实际控制人邬建林", "财务经理窦海燕", "出纳员景小芸".
_ROLE_BEFORE = re.compile(r"(?:人|员|经理|代表|会计|出纳|主任|总监|主管|股东|老板|厂长|店长|店主)$")


def _after_role(folded: str, start: int, end: int) -> tuple[int, int] | None:
    """The name ending a run of Han characters ``start:end``: the whole run when it is a name, else its last three
    or two characters when a role ends the rest ("财务经理窦海燕": 窦海燕; "出纳员王芳": 王芳)."""
    while start > 0 and re.match(f"[{HAN}]", folded[start - 1]):
        start -= 1  # the run as written, not as the window cut it
    run = folded[start:end]
    if len(run) <= 4 and _name(run):
        return start, end
    for size in (3, 2):
        if len(run) > size and _ROLE_BEFORE.search(run[:-size]) and _name(run[-size:]):
            return end - size, end
    return None


def names_beside_phones(folded: str, phones: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A name written as its own word right beside a mobile number — before it ("王磊 13812345678", "王伟（手机…")
    or after it in brackets ("13812345678（王磊）"): whose phone it is."""
    spans = []
    for start, end in phones:
        # Searched in place, so the name must start a word of the text itself, not merely the window.
        before = _BEFORE_PHONE.search(folded, max(0, start - 14), start)
        if before and _name(before.group(1)):
            spans.append(before.span(1))
        else:
            run = _RUN_PHONE.search(folded, max(0, start - 24), start)
            span = run and _after_role(folded, *run.span(1))
            if span:
                spans.append(span)
        after = _AFTER_PHONE.match(folded, end)
        if after and _name(after.group(1)):
            spans.append(after.span(1))
    return spans


def names_in_rows(folded: str, numbers: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names in the cells of a table row that holds a person's number — an ID, a card, a mobile found by its checks:
    a card applicants' CSV under a header no name word is in (申请编号, 申请人, 证件号码) is still a list of people."""
    spans = []
    for start, end in numbers:
        cell = pii_tables.cell_at(folded, start, end)
        if cell is None or folded[cell.start:cell.end].strip() != folded[start:end]:
            continue
        for other in pii_tables.cells(folded):
            if other.row is cell.row and _name(folded[other.start:other.end]):
                spans.append((other.start, other.end))
    return spans
