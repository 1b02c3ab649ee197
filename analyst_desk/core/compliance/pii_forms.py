"""Personal data that is not a checksummed number: people's names, travel and military documents,
landlines, home addresses and licence plates — and what a table's header says about a column.

Each form is found from its shape *and* the words around it, because precision matters as much as
recall: a report's registered office, its switchboard number or its 法定代表人 are public and stay;
a customer's name, flat and home phone are masked. Patterns run on the folded text (``pii_text.fold``),
so offsets are the original text's.
"""

from __future__ import annotations

import re

from analyst_desk.core.cjk import HAN
from analyst_desk.core.compliance import pii_tables
from analyst_desk.core.compliance.pii_text import MOBILE
from analyst_desk.core.compliance.pii_words import (
    COMMON_WORDS,
    COMPOUND_SURNAMES,
    FIRM_WORD,
    JOB_TITLE_WORD,
    NOT_NAME_WORDS,
    SURNAMES,
)

#: Labels after which a private person's name is written (not 法定代表人 or 董事: those are public roles).
_NAME_LABEL = re.compile(r"(?:客户经理|客户|借款人|联系人|担保人|共同借款人|申请人|姓名|户名|开户人|持卡人|收款人|付款人|"
                         r"委托人|受益人|投保人|被保险人|紧急联系人|户主|配偶|保证人|还款人|抵押人|出质人|收件人|"
                         r"承租人|监护人|尊敬的|账户名称|开户名|经办人|复核人|调查人|参会人员|与会人员|商户|姓 +名|户 +名|"
                         # A bank's own staff by their role, and who received or came with them: 风险经理谷雨晴走访…
                         r"(?:风险|理财|财富|产品|信贷|授信|审批|营销)经理|接待人|陪同人|经手人|介绍人|见证人|"
                         # Who sat, minuted, handled or checked a paper, and the staff and villagers a note names by
                         # their role: 出席委员：…, 记录：…, 经办：… 审核：…, 销售人员：…, 催收专员…, 同村村民…
                         r"出席委员|出席人员|出席|列席|记录人|记录|主持人|审核人|审核|审批人|经办|"
                         r"(?:销售|营销|服务|业务|工作|催收|调查|检查)人员|(?:催收|客服|业务|营销)?专员|村民|"
                         # A person introducing themselves: 我是孔繁荣, 我叫文淑华.
                         r"我是|我叫|名叫)"
                         r"(?:姓名|名称)?(?:[（(]?(?:签字|签名|签章)[）)]?|及(?:电话|手机|联系方式))?\s*(?:[:：]|为|是)?\s*")
#: A short remark in brackets after a name of a list: "曹红兵（水果店）、…".
#: Labels of people a firm's contact block names in public as well as a bank's notes name in private.
_STAFF_LABELS = ("联系人", "经办人", "复核人", "调查人", "客户经理", "参会人员", "与会人员", "接待人", "陪同人", "经手人",
                 "介绍人", "见证人", "风险经理", "理财经理", "财富经理", "产品经理", "信贷经理", "授信经理", "审批经理",
                 "营销经理")
_REMARK = re.compile(r"[（(][^（()）\n]{1,12}[）)]")
#: A form's signature line: "客户签名：王小明", "签字确认：赵磊".
_SIGNED = re.compile(r"(?:签字|签名|签章)(?:确认)?\s*[:：]\s*")
#: An English form's label before a person's name ("Name: Zhang Wei", "Account name: Wang Fang").
_ENGLISH_LABEL = re.compile(r"(?<![A-Za-z])(?:Name|Full name|Applicant|Account name|Account holder|Cardholder|"
                            r"Card holder|Contact person|Payee|Beneficiary|Borrower|Guarantor|Client|Customer)"
                            r"[ \t]*[:：][ \t]*")
_HAN_OR_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ \t]+[A-Z]\.)?(?:[ \t]+[A-Z][a-z]+){0,2}")  # "Michael J. Turner"
#: Roles written in brackets after a name: "王建国（借款人）".
_ROLE_AFTER = re.compile(r"[（(](?:借款人|共同借款人|担保人|保证人|抵押人|配偶|客户本人|客户|本人|户主|联系人|申请人|"
                         # kin in brackets: "股东何嘉豪（其子）" is the owner's son, not a shareholder of record
                         r"(?:其|之)?(?:儿子|女儿|妻子|丈夫|父亲|母亲|子|女|妻|夫|父|母))[）)]")
#: A letter or notice opening on the person it is sent to: "致王建国：".
#: Words of a firm's contact block, which a private person's details never come with.
_CONTACT_BLOCK = re.compile(r"传真|邮政编码|邮编|网址|fax", re.I)
_ADDRESSEE = re.compile(rf"(?:^|\n)\s*致\s*(?=[{HAN}]{{2,4}}\s*[:：,，])")
_NAME_AFTER = re.compile(rf"[{HAN}]{{2,4}}")
_NOT_A_NAME_END = ("公司", "集团", "银行", "中心", "企业", "合作社", "分行", "支行", "部门", "本人", "信息", "经理",
                   "名称", "情况", "资料", "编号", "类型", "经营", "群体", "需求", "数量", "关系", "服务", "贷款",
                   "人")  # 申请人, 借款人, 保证人: the role a form names, not a person
_TITLE = re.compile(r"先生|女士|小姐")
_ADDRESSED = re.compile(r"[ \t]*[，,：:！!]?[ \t]*(?:您好|你好|早上好|下午好|晚上好|请|您)")
#: A name after a title or a role, up to three words on one line ("Mr. Leung Ka Ho", "Client: Alice Wong").
_ENGLISH_NAME = re.compile(r"\b(?:Mr|Ms|Mrs|Miss|Dr)\.?\s+([A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2})"
                           r"|\b(?i:client|customer|borrower|guarantor)\s*:?\s+([A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){1,3})")
#: A person's name in Latin letters, as a name column holds it ("John Carter", "Tan Wei Ming").
_LATIN_PERSON = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}")

#: A column whose header names people, or phones.
NAME_HEADER = re.compile(r"姓名|客户名|户名|客户$|^客户|联系人|借款人|担保人|name|customer|client|borrower|guarantor|"
                         r"account holder|"
                         # The roles a form names its people by, as a column's header: 申请人, 持卡人, 保证人 …
                         r"^(?:申请人|持卡人|投保人|被保险人|受益人|保证人|抵押人|共同借款人|收款人|付款人|开户人|户主)$", re.I)
PHONE_HEADER = re.compile(r"手机|电话|联系方式|联系电话|mobile|phone|tel", re.I)

# Documents: passport (E/G + 8 digits, or a letter + 8 with the word), 港澳 (C + 8), 台湾 (8 digits with the
# word), 军官证 (X字第N号).
_PASSPORT = re.compile(r"(?<![A-Za-z0-9])([EG][0-9]{8}|E[A-HJ-NP-Z][0-9]{7})(?![A-Za-z0-9])")
_PASSPORT_WORDED = re.compile(r"(?:护照|passport)[^0-9A-Za-z\n]{0,12}([A-Z][0-9]{7,8})(?![A-Za-z0-9])", re.I)
_HK_MACAU = re.compile(r"(?<![A-Za-z0-9])(C[0-9]{8}|C[A-HJ-NP-Z][0-9]{7})(?![A-Za-z0-9])")
_TAIWAN = re.compile(r"(?:台湾通行证|台胞证|台湾居民来往大陆通行证)[^0-9A-Za-z\n]{0,12}([A-Z]?[0-9]{8}(?:[0-9]{2})?)(?![0-9])")
_MILITARY = re.compile(rf"(?:军官证|士兵证|军人证)[^\n]{{0,12}}?([{HAN}]字第[0-9]{{4,12}}号)")
_LANDLINE = re.compile(r"(?<![0-9])(?:\+86[ \-]?(?:10|2[0-9]|[3-9][0-9]{2})[ \-]|[(（]0[0-9]{2,3}[)）]\s?|0[0-9]{2,3}[- ])(?:[2-9][0-9]{6,7}|[2-9][0-9]{2,3}[- ][0-9]{4})"
                       r"(?:(?:-|转|ext\.?\s?)[0-9]{1,5})?(?![0-9])", re.I)
#: Words that make a landline a company's (switchboard, investor line), which is public.
_COMPANY_LINE = re.compile(r"公司|董事会|证券部|投资者|传真|办公室|总机|客服|热线|邮编|邮政编码|网址|地址|联系人|支行|分行|营业部|"
                           r"fax|investor|office", re.I)
_PROVINCE = "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|" \
            "贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门"
_ADDRESS = re.compile(rf"(?:(?:(?:{_PROVINCE})(?:省|市|自治区|特别行政区)?)?[{HAN}]{{0,8}}?(?:市|区|县|州)"
                      # Hong Kong and Macau write no 市/区: 香港九龙旺角亚皆老街113号5楼B室
                      rf"|(?:香港|九龙|新界|澳门|氹仔)[{HAN}]{{0,6}}?)"
                      rf"[{HAN}0-9]{{0,16}}?(?:路|街|道|巷|弄|胡同)(?:[东西南北中上下]?[一二三四五六七八九十0-9]*段)?(?:\r?\n)?"
                      r"[0-9一二三四五六七八九十]+(?:号|弄(?:[0-9]+号)?)(?:附[0-9]+号|之[0-9一二三四五六七八九十]{1,2})?"
                      rf"(?:[{HAN}0-9A-Z\-]{{0,12}}?(?:号楼|栋|幢|座|单元|层|楼))*"
                      r"(?:[0-9A-Z\-]{1,6}(?:室|房|号房)|(?<=单元)[0-9]{3,5}|(?<=层)[0-9]{2,5}|(?<=[栋幢座])[0-9]{3,5}|"
                      r"(?<=[栋幢座])[0-9]{1,3}-[0-9]{1,4})?")  # 2栋17-3: floor 17, flat 3
#: A village home: 桃洪镇罗洪村五组18号, 松林店镇东仙坡村45号 (the latter only after a personal label).
_VILLAGE = re.compile(rf"[{HAN}]{{1,8}}?(?:镇|乡)[{HAN}]{{1,6}}?村(?:(?P<group>[0-9一二三四五六七八九十]{{1,3}}(?:组|社|队))?"
                      r"[0-9一二三四五六七八九十]{1,4}号)")
_PROVINCE_START = re.compile(rf"(?:{_PROVINCE})")
#: A home in an estate written without its street: 望京花园东区12号楼3单元502, 景田小区5栋1203室.
_ESTATE = re.compile(rf"(?:(?:{_PROVINCE})(?:省|市)?)?[{HAN}]{{0,8}}?(?:市|区|县)[{HAN}]{{1,8}}?"
                     rf"(?:小区|花园|家园|公寓|苑|新村|社区|[东西南北]区)[0-9一二三四五六七八九十]+(?:号楼|栋|幢|座)"
                     r"(?:[0-9]{1,2}单元)?[0-9]{3,5}(?:室|房)?")
#: Words that put an address in a firm's contact block (a prospectus's 地址 / 电话 / 传真 for each intermediary).
_FIRM_NEAR = re.compile(r"公司|证券|银行|集团|事务所|董事会|办公|注册|传真|邮编|邮政编码|网址|fax|office", re.I)
#: Roles whose holders a report names in public (directors, officers, the board secretary).
_PUBLIC_ROLE = re.compile(r"董事|监事|行长|总经理|总裁|首席|秘书|高级管理|独立|委员|主席|负责人|总监|会计师|律师|保荐代表|"
                          r"简历|任职|曾任|现任|毕业|学历|出生|国籍|教授|院士|专家|博士|导师")
_PERSONAL_ADDRESS = re.compile(r"住址|家庭地址|居住|户籍|现住|常住|住所|家住|home address|"
                               # a person's own address by the role before the label (借款人联系地址：…), and a
                               # customer record's ADDR= field
                               r"(?:借款人|客户|申请人|保证人|担保人|投保人|被保险人|本人|联系人)[^\n：:]{0,4}地址|"
                               r"(?:^|\n)[ \t]*[A-Z_]*ADDR(?:ESS)?[A-Z_]*[ \t]*=", re.I)
_PLATE = re.compile(r"(?<![A-Za-z0-9])([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]"
                    r"[A-HJ-NP-Z][.\s\-]?[A-HJ-NP-Z0-9]{5,6})(?![A-Za-z0-9])")




def is_person_name(text: str) -> bool:
    """Two to four Han characters starting with a surname, not a company's or a role's word."""
    if not re.fullmatch(rf"[{HAN}]{{2,4}}", text) or text.endswith(_NOT_A_NAME_END) or text[:2] in COMMON_WORDS:
        return False
    if text[:2] in COMPOUND_SURNAMES:
        return len(text) >= 3
    return text[0] in SURNAMES and len(text) <= 3


def is_padded_name(text: str) -> bool:
    """A name a print-out pads to three characters' width with a space between surname and given name: "韦　强",
    "欧阳　雪" (the folded text has a plain space); a name written whole counts too."""
    if is_person_name(text):
        return True
    parts = text.split(" ")
    return len(parts) == 2 and all(parts) and (parts[0] in SURNAMES or parts[0] in COMPOUND_SURNAMES) and \
        len(parts[1]) <= 2 and is_person_name("".join(parts))


#: Words that may follow a name directly in a note ("王建国先生", "张伟已签字", "李红梅同意抵押").
_AFTER_NAME = ("的", "先生", "女士", "来", "称", "客户", "已", "于", "在", "向", "同意", "表示", "签", "本人", "及", "与",
               "将", "因", "申请", "持有", "名下", "提供", "办理", "代为", "均", "说", "失联", "到场", "确认", "要求",
               "希望", "咨询", "和", "等", "二人", "夫妇",
               # What a note says a person does or where they live: 客户经理包振宇陪同…, 其子龚浩然现居香港
               "陪同", "走访", "拜访", "前往", "现居", "现住", "现任", "现年",
               # and what else a note says they do or are: 其妻刘满英负责销售, 客户戴国平去看厂房, 闫丽也来
               "认为", "负责", "跟进", "去", "也", "到", "提出", "建议", "反映", "是", "今年", "一起")
_FUNCTION_CHARS = "已于在向将因及与的也都"


def name_after(folded: str, end: int) -> tuple[int, int] | None:
    """The span of a name starting at ``end`` that ends where a name ends ("张伟，", "周伟已签字"), or None."""
    m = _NAME_AFTER.match(folded, end)
    if m is None:
        return None
    word = m.group(0)
    for size in (3, 2, 4):  # a given name of two characters first: 王建国, then 张伟
        candidate = word[:size]
        after = folded[m.start() + size:m.start() + size + 6].lstrip(" \n")[:2]  # a PDF line wrap runs on
        # The name must end there: "客户张伟，" is a name, "客户和供应商" is not ("和供" runs on into 应); a space or
        # tab after it ends it too, as a form separates its fields ("收款人：张三丰 账号…").
        ends = not after or not re.match(f"[{HAN}]", after) or after.startswith(_AFTER_NAME) or \
            folded[m.start() + size:m.start() + size + 1] in (" ", "\t") or \
            (size == 3 and folded[m.start() + size:m.start() + size + 1] in ("\r", "\n"))  # no name runs past three
        # "保证人周伟已在…": 已 ends the name, it is not a third character of it.
        if size == 3 and candidate[2:3] in tuple(_FUNCTION_CHARS):
            continue
        if len(candidate) == size and is_person_name(candidate) and ends:
            return m.start(), m.start() + size
    return None


_LIST_ITEM = re.compile(rf"[{HAN}]{{2,3}}(?=[、，,。；;（(\s]|$|{'|'.join(_AFTER_NAME)})")


def _list_item_name(folded: str, start: int) -> tuple[int, int] | None:
    """A later item of a list of people after a label ("抵押人：焦振华、计美云（夫妻）") is a name by its place, whatever
    its surname: two or three characters ending where the item ends, not a firm's or a role's word."""
    m = _LIST_ITEM.match(folded, start)
    if m is None:
        return None
    text = m.group(0)
    if text.endswith(_NOT_A_NAME_END) or text[:2] in COMMON_WORDS or text[0] in "其等各本该此另某无均":
        return None
    return m.span()


def names_in(folded: str) -> list[tuple[int, int]]:
    """Spans of people's names: after a customer/borrower/contact label, before 先生/女士, after Mr./Ms./client,
    and in a table column headed by a name word."""
    spans = []
    for label in [*_NAME_LABEL.finditer(folded), *_ADDRESSEE.finditer(folded)]:
        if label.group(0).startswith(_STAFF_LABELS) and \
                _CONTACT_BLOCK.search(folded[max(0, label.start() - 120):label.end() + 120]):
            continue  # a firm's contact block (地址, 电话, 传真) names its staff in public, as prospectuses do
        span = name_after(folded, label.end())
        while span:  # "共同借款人：王芳、李红梅", "施国强（个体）、卜秀云（其妻）": every name of the list
            spans.append(span)
            remark = _REMARK.match(folded, span[1])
            after = remark.end() if remark else span[1]
            span = name_after(folded, after + 1) if folded[after:after + 1] in ("、", "和", "及") else None
            if span is None and folded[after:after + 1] == "、":
                span = _list_item_name(folded, after + 1)
    for m in [*_SIGNED.finditer(folded), *_ENGLISH_LABEL.finditer(folded)]:
        line_start = folded.rfind("\n", 0, m.start()) + 1
        if _PUBLIC_ROLE.search(folded[max(line_start, m.start() - 30):m.start()]):
            continue  # "经办注册会计师签名：", "法定代表人签字：" in a prospectus: a public signature
        span = name_after(folded, m.end())
        latin = _HAN_OR_LATIN_NAME.match(folded, m.end())
        if span:
            spans.append(span)
        elif latin and not FIRM_WORD.search(latin.group(0)) and latin.group(0).split()[0] not in NOT_NAME_WORDS:
            spans.append(latin.span())
    for label in _NAME_LABEL.finditer(folded):  # a Han label before a Latin name: "持卡人：Wang Fang"
        latin = _HAN_OR_LATIN_NAME.match(folded, label.end())
        if latin and " " in latin.group(0) and not FIRM_WORD.search(latin.group(0)) and \
                latin.group(0).split()[0] not in NOT_NAME_WORDS:
            spans.append(latin.span())
    for m in _ROLE_AFTER.finditer(folded):
        for size in (3, 2):
            start = m.start() - size
            if start >= 0 and is_person_name(folded[start:m.start()]) and \
                    (size == 2 or folded[start:start + 1] in SURNAMES and folded[start - 1:start] not in SURNAMES):
                spans.append((start, m.start()))
                break
    for m in _TITLE.finditer(folded):
        # The name is the two or three characters before the title ("由王伟女士": 王伟, not 由王伟; 欧阳子涵女士:
        # all four); 谢永林先生 in a report's directors section is a public officer: left as printed.
        end = m.start() - (folded[m.start() - 1:m.start()] == " ")  # "王小明 先生"
        compound = folded[max(0, end - 4):end - 2] in COMPOUND_SURNAMES
        for size in ((4, 3) if compound else (3, 2)):
            start = end - size
            if start >= 0 and is_person_name(folded[start:end]):
                if not _PUBLIC_ROLE.search(folded[max(0, start - 40):m.end() + 40]):
                    spans.append((start, end))
                break
        else:
            # A surname alone before the title, as a call or a letter addresses a customer: "孔先生您好" (the
            # character before it is no Han, so 孔 is not the end of a longer word).
            # Only as the person is spoken to (孔先生您好, 钱女士，请…): a report's "华先生为高级经济师" describes an officer.
            start = end - 1
            if start >= 0 and folded[start] in SURNAMES and not re.match(f"[{HAN}]", folded[start - 1:start] or " ") \
                    and _ADDRESSED.match(folded, m.end()) and not _PUBLIC_ROLE.search(folded[max(0, start - 40):m.end() + 40]):
                spans.append((start, end))
    for m in _ENGLISH_NAME.finditer(folded):
        group = 1 if m.group(1) else 2
        following = re.match(r"[ \t]+([A-Za-z.]+)", folded[m.end(group):m.end(group) + 20])
        if FIRM_WORD.search(m.group(group) + (" " + following.group(1) if following else "")) or \
                JOB_TITLE_WORD.search(m.group(group)):
            continue  # "Client: Acme Trading Ltd" is a firm, "Customer Experience Officer" a role
        words = list(re.finditer(r"\S+", m.group(group)))
        while len(words) > 1 and words[-1].group(0) in NOT_NAME_WORDS:
            words.pop()
        if words[0].group(0) not in NOT_NAME_WORDS:
            spans.append((m.start(group), m.start(group) + words[-1].end()))
    for cell in pii_tables.cells(folded):
        text = folded[cell.start:cell.end]
        if _CONTACT_BLOCK.search(" ".join(cell.headers)):
            continue  # a firm's contact table (联系人 beside 传真): its staff are named in public
        customer_row = any(MOBILE.fullmatch(re.sub(r"[ -]", "", c)) for c in cell.row)  # a row with a person's phone
        if ((cell.header and NAME_HEADER.search(cell.header)) or customer_row) and is_padded_name(text):
            spans.append((cell.start, cell.end))
        elif cell.header and NAME_HEADER.search(cell.header) and not FIRM_WORD.search(cell.header) and \
                _LATIN_PERSON.fullmatch(text) and not FIRM_WORD.search(text):
            spans.append((cell.start, cell.end))
    return spans


def column_header(folded: str, start: int, end: int) -> str | None:
    """The header of the table column holding ``start:end``, or None when it is not in a table."""
    cell = pii_tables.cell_at(folded, start, end)
    return None if cell is None else cell.header


def documents_in(folded: str) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of passports, 港澳/台湾 passes and military IDs."""
    found = []
    for kind, pattern in (("passport", _PASSPORT), ("passport", _PASSPORT_WORDED), ("travel_permit", _HK_MACAU),
                          ("travel_permit", _TAIWAN), ("military_id", _MILITARY)):
        for m in pattern.finditer(folded):
            found.append((kind, m.start(1), m.end(1)))
    return found


def _line_of(folded: str, start: int, end: int) -> str:
    left = folded.rfind("\n", 0, start) + 1
    right = folded.find("\n", end)
    return folded[left:right if right >= 0 else len(folded)]


#: Words that say a number is someone's phone: a bare area-coded number with none is left alone.
_PHONE_WORD = re.compile(r"电话|座机|固话|家里|家中|住宅|宅电|手机|联系方式|tel|phone|call|home|landline|residen", re.I)
#: An area code and a local number written as one run (家庭电话：01088886666): a phone only after a home label.
_LOCAL_NUMBER = re.compile(r"(?<![0-9\-])[2-9][0-9]{6,7}(?![0-9\-])")
_LANDLINE_UNDIVIDED = re.compile(r"(?<![0-9])(?:0(?:10|2[0-9])|0[3-9][0-9]{2})[2-9][0-9]{6,7}(?![0-9])")
#: Words that make a phone a person's whatever else is near it (a visit note also names its 联系人; an English memo
#: puts the borrower's phone beside the bank's office line).
_HOME_PHONE = re.compile(r"家庭|家里|家中|住宅|宅电|私人|本人|借款人|担保人|保证人|客户(?!服务)|home|mobile|private|"
                         r"residen|borrower|guarantor|customer(?!\s*service)|client", re.I)


def _customers_phone_cell(folded: str, start: int, end: int) -> bool:
    """The number is the whole cell of a phone column (联系方式, 电话) in a row that names a person: a customer
    list's home phone. A branch directory's phone column names no person, and a firm's contact table (联系人 beside
    传真, 邮编) its staff in public: their numbers stay."""
    cell = pii_tables.cell_at(folded, start, end)
    if cell is None or not cell.header or not PHONE_HEADER.search(cell.header) or \
            folded[cell.start:cell.end].strip() != folded[start:end] or _CONTACT_BLOCK.search(" ".join(cell.headers)):
        return False
    return any(is_padded_name(c.strip()) for c in cell.row)


def landlines_in(folded: str) -> list[tuple[int, int]]:
    """Landlines with an area code (010-88886666, (021)62345678) that the words before them call a phone,
    unless the words around them say they are a company's (a report's contact block: 联系地址 / 电话 / 传真)."""
    found = [(m.start(), m.end()) for m in _LANDLINE_UNDIVIDED.finditer(folded)
             if _HOME_PHONE.search(folded[max(0, m.start() - 12):m.start()].rsplit("\n", 1)[-1])
             or _customers_phone_cell(folded, m.start(), m.end())]
    # A local number without its area code (62418856) is a phone only as the whole cell of a person's phone column.
    found += [(m.start(), m.end()) for m in _LOCAL_NUMBER.finditer(folded) if _customers_phone_cell(folded, m.start(), m.end())]
    for m in _LANDLINE.finditer(folded):
        if _customers_phone_cell(folded, m.start(), m.end()):
            found.append((m.start(), m.end()))
            continue
        label = folded[max(0, m.start() - 20):m.start()].rsplit("\n", 1)[-1]
        # A number written with +86 is a phone whatever the words before it; whose is still theirs to say.
        if not _PHONE_WORD.search(folded[max(0, m.start() - 20):m.start()]) and not m.group(0).startswith("+"):
            continue
        # The nearest words say whose it is: "mobile …, home +86 755 …" is the person's even when an office
        # line follows; the words of the line around are read only when the label says nothing.
        nearest = re.split(r"[,，;；。]", label)[-1]
        if _HOME_PHONE.search(nearest) and not _COMPANY_LINE.search(nearest):
            found.append((m.start(), m.end()))
            continue
        if _HOME_PHONE.search(label) or not _COMPANY_LINE.search(folded[max(0, m.start() - 80):m.end() + 80]):
            found.append((m.start(), m.end()))
    return found


def _home_column(folded: str, start: int, end: int) -> bool:
    """The address is in a table column of homes: headed 家庭住址/户籍地址/居住地址, or 地址/联系地址 in a row that
    names a person (a customer list). A column of branches' or firms' offices is neither."""
    cell = pii_tables.cell_at(folded, start, end)
    if cell is None or not cell.header or _FIRM_NEAR.search(cell.header):
        return False
    if _PERSONAL_ADDRESS.search(cell.header):
        return True
    return bool(re.search(r"地址|address", cell.header, re.I)) and any(is_person_name(c.strip()) for c in cell.row)


#: A letter's addressee line: "致 王建国 先生", "收件人：李红梅女士".
_ADDRESSEE_LINE = re.compile(rf"^\s*(?:致|收件人\s*[:：])\s*([{HAN}]{{2,4}}?)\s*(?:先生|女士|小姐)?\s*[:：,，]?\s*$")


def _letter_to_a_person(folded: str, start: int) -> bool:
    """The address is on the line under a letter's addressee who is a person (致 王建国 先生 / 地址：…): that person's
    address, though a letter's 地址 … 邮编 is laid out like a firm's contact block."""
    line_start = folded.rfind("\n", 0, start)
    if line_start < 0:
        return False
    previous = folded[folded.rfind("\n", 0, line_start) + 1:line_start]
    m = _ADDRESSEE_LINE.match(previous.rstrip("\r"))
    return bool(m and is_person_name(m.group(1)))


def addresses_in(folded: str) -> list[tuple[int, int]]:
    """Street addresses down to a flat (…号3号楼1201室), or any street address a personal label introduces
    (住址：…). A company's registered office without a flat number is public and stays."""
    found = []
    for m in [*_ADDRESS.finditer(folded), *_ESTATE.finditer(folded)]:
        flat = re.search(r"室|房|单元|号楼|栋|幢", m.group(0))
        start = m.start()
        # "家住北京市…": the words before the province are the sentence's, not the address's.
        province = _PROVINCE_START.search(folded, start, min(m.end(), start + 8))
        if province and province.start() > start:
            start = province.start()
        personal = _PERSONAL_ADDRESS.search(folded[max(0, start - 12):start]) or _home_column(folded, start, m.end()) \
            or _letter_to_a_person(folded, start)
        # "地址" alone is a company's contact block; after a personal word (居住地址, 家庭地址) it is the person's.
        company = [c for c in _COMPANY_LINE.findall(folded[max(0, start - 8):start])
                   if not (personal and c == "地址")]
        # A bare 地址/通讯地址 down to the flat, with no firm anywhere near, is a customer's form, not a contact block.
        # A bare 地址/联系地址 with no firm anywhere near is a customer's form too, flat or not.
        bare = set(company) == {"地址"} and not _FIRM_NEAR.search(folded[max(0, start - 120):m.end() + 120])
        if bare:
            company = []
        if (flat or personal or bare) and not company:
            found.append((start, m.end()))
    for m in _VILLAGE.finditer(folded):
        # A home in a village down to its group (组/社/队) and number, or after a personal label; the span starts
        # after the county or district, which the mask keeps anyway.
        cut = max((c.end() for c in re.finditer(r"[省市县区旗]", m.group(0)[:-4])), default=0)
        personal = _PERSONAL_ADDRESS.search(folded[max(0, m.start() - 16):m.start()])
        if m.group("group") or personal:
            found.append((m.start() + cut, m.end()))
    return found


_OLD_ID = re.compile(r"(?<![0-9])([1-8][0-9]{5})([0-9]{2})([01][0-9])([0-3][0-9])[0-9]{3}(?![0-9Xx])")
_ID_WORD = re.compile(r"身份证|证件号|id (?:card|number)", re.I)


def old_ids_in(folded: str) -> list[tuple[int, int]]:
    """15-digit resident IDs of the cards issued before 1999 (region, yymmdd, three digits) that the words
    just before call an ID: the number has no check digit, so the label is what tells it from a figure."""
    found = []
    for m in _OLD_ID.finditer(folded):
        month, day = int(m.group(3)), int(m.group(4))
        if 1 <= month <= 12 and 1 <= day <= 31 and _ID_WORD.search(folded[max(0, m.start() - 12):m.start()]):
            found.append((m.start(), m.end()))
    return found


def plates_in(folded: str) -> list[tuple[int, int]]:
    """Licence plates (京A·12345, 粤B D12345): a province character, a letter, five or six letters/digits."""
    return [(m.start(1), m.end(1)) for m in _PLATE.finditer(folded) if re.search(r"[0-9]", m.group(1))]


def mask_form(kind: str, text: str) -> str:
    """Masked text for these forms: a name keeps its surname; documents and plates their first and last
    characters; an address its city and district; a landline its area code and last two digits."""
    if kind == "name":
        return text[:1] + "*" * (len(text) - 1) if not text.isascii() else \
            " ".join(w[:1] + "*" * (len(w) - 1) for w in text.split())
    if kind == "address":
        cut = max((m.end() for m in re.finditer(r"市|区|县|州", text[:len(text) // 2 + 4])), default=0)
        return text[:cut] + "*" * (len(text) - cut)
    if kind == "landline":
        digits = [i for i, ch in enumerate(text) if ch.isdigit()]
        area = re.match(r"\+86[ \-]?(?:10|2[0-9]|[3-9][0-9]{2})[ \-]?|[(（]?(?:0(?:10|2[0-9])|0[3-9][0-9]{2})[)）]?[- ]?",
                        text)
        keep = set(range(area.end() if area else 0)) | set(digits[-2:])
        return "".join(ch if i in keep or not ch.isdigit() else "*" for i, ch in enumerate(text))
    if kind == "plate":
        return text[:2] + "*" * (len(text) - 3) + text[-1]
    return text[:1] + "*" * (len(text) - 3) + text[-2:]  # documents
