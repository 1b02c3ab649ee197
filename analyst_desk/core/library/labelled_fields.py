"""Profile fields of a prospectus or annual report — 发行人, 英文名称, 法定代表人, 注册资本, 保荐人 … —
read from the labelled fields where such reports print them (cover page, 本次发行概况, 发行人基本情况,
公司简介), each with its page.

Rules, general to Chinese filings rather than to one document's wording:
- a line "label：value" (optionally numbered "（一）", "1、"), or a label alone on its line with the
  value on the next (the two-column tables of 发行概况 come out of the page that way);
- the parties block (本次发行的有关当事人/机构) repeats 法定代表人, 住所, 电话 for the sponsor, the
  lawyers and the auditors: a label belongs to the party whose name line came last, so the
  sponsor's legal representative is never taken for the issuer's;
- 控股股东 and 实际控制人 are also read from the sentence that states them ("公司的控股股东及实际
  控制人为李旭亮");
- the first page that states a field wins (the cover and 发行概况 come first); a placeholder
  ("[●]元", "【】", "待询价后确定") is kept as printed and marked undetermined.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

from analyst_desk.core.cjk import HAN, has_cjk

#: Field name → labels that print it (first is the canonical Chinese name). Longest labels are tried first.
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "发行人": ("发行人名称", "发行人中文名称", "公司名称", "中文名称", "法定名称", "公司中文名称", "公司的中文名称", "注册名称"),
    "英文名称": ("英文名称", "发行人英文名称", "公司英文名称", "公司的外文名称", "外文名称", "公司的英文名称"),
    "证券简称": ("证券简称", "股票简称", "A股简称", "中文简称", "公司简称", "A股股票简称", "公司的中文简称"),
    "证券代码": ("证券代码", "股票代码", "A股代码", "A股股票代码"),
    "英文简称": ("英文简称", "英文名称缩写", "公司的外文名称缩写"),
    "法定代表人": ("法定代表人", "公司法定代表人", "公司的法定代表人"),
    "注册资本": ("注册资本", "发行前注册资本"),
    "成立日期": ("成立日期", "设立日期", "成立时间", "公司成立日期", "有限公司成立日期", "股份公司成立日期"),
    "注册地址": ("注册地址", "住所", "公司住所", "注册地", "公司注册地址"),
    "办公地址": ("办公地址", "公司办公地址"),
    "控股股东": ("控股股东",),
    "实际控制人": ("实际控制人",),
    "保荐人": ("联席保荐人（主承销商）", "联席保荐机构（主承销商）", "联席保荐人", "保荐人（主承销商）", "保荐人(主承销商)", "保荐人暨主承销商", "保荐机构（主承销商）", "保荐机构(主承销商)",
             "保荐人", "保荐机构", "保荐人/主承销商"),
    "主承销商": ("主承销商", "联席主承销商"),
    "会计师事务所": ("会计师事务所", "会计师事务所名称", "公司聘请的会计师事务所名称", "境内会计师事务所名称", "审计机构",
               "发行人会计师", "申报会计师"),
    "律师事务所": ("律师事务所", "发行人律师", "发行人律师事务所"),
    "发行价格": ("发行价格", "每股发行价格", "每股发行价"),
    "发行股数": ("发行股数", "本次发行股数", "本次拟发行股数", "预计发行量", "发行数量", "发行规模", "拟发行股数"),
    "每股面值": ("每股面值",),
    "股票种类": ("股票种类", "发行股票类型", "发行股票种类"),
    "发行后总股本": ("发行后总股本", "发行后的总股本"),
    "拟上市地": ("拟上市的证券交易所", "拟上市证券交易所", "拟申请上市证券交易所", "上市地点", "股票上市地", "拟上市地",
             "申请上市证券交易所", "股票上市交易所", "上市交易所", "股票上市证券交易所"),
    "预计发行日期": ("预计发行日期", "发行日期"),
    "董事会秘书": ("董事会秘书", "信息披露负责人", "董事会秘书及信息披露负责人"),
    "电子信箱": ("电子信箱", "电子邮箱", "电子邮件", "E-mail", "Email"),
    "联系电话": ("联系电话", "电话", "电话号码"),
    "传真": ("传真", "传真号码"),
    "互联网网址": ("互联网网址", "公司网址", "网址", "国际互联网网址"),
    "邮政编码": ("邮政编码",),
    "经营范围": ("经营范围",),
    "发行市盈率": ("发行市盈率",),
    "发行前每股净资产": ("发行前每股净资产",),
    "发行方式": ("发行方式",),
    "承销方式": ("承销方式",),
}
#: English names of the fields, for English questions and displays.
FIELD_ENGLISH = {
    "发行人": "issuer", "英文名称": "English name", "证券简称": "short name", "证券代码": "stock code",
    "英文简称": "English short name", "法定代表人": "legal representative", "注册资本": "registered capital",
    "成立日期": "date of establishment", "注册地址": "registered address", "办公地址": "office address",
    "控股股东": "controlling shareholder", "实际控制人": "actual controller", "保荐人": "sponsor",
    "主承销商": "lead underwriter", "会计师事务所": "auditor", "律师事务所": "law firm", "发行价格": "issue price",
    "发行股数": "shares offered", "每股面值": "par value per share", "股票种类": "type of shares",
    "发行后总股本": "total shares after the offering", "拟上市地": "listing venue", "预计发行日期": "expected issue date",
    "董事会秘书": "board secretary", "电子信箱": "email", "联系电话": "telephone", "传真": "fax",
    "互联网网址": "website", "邮政编码": "postal code", "经营范围": "business scope", "发行市盈率": "issue P/E ratio",
    "发行前每股净资产": "net assets per share before the offering", "发行方式": "offering method",
    "承销方式": "underwriting method", "注册成立地": "state of incorporation",
    "雇主识别号": "IRS employer identification number", "报告期截止日": "fiscal period end",
}
_LABEL_OF = {label: name for name, labels in FIELD_LABELS.items() for label in labels}
_LABELS = sorted(_LABEL_OF, key=len, reverse=True)
_ENUM = r"(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}\s*[、.．)）](?!\d))?"
_LINE = re.compile(r"^\s*" + _ENUM + r"\s*(?P<label>" + "|".join(re.escape(l) for l in _LABELS) + r")\s*"
                   r"(?P<colon>[:：])?\s*(?P<value>.*)$")
#: Parties of an offering: their attribute lines (法定代表人, 住所, 电话 …) are theirs, not the issuer's.
_PARTY = re.compile(r"^\s*" + _ENUM + r"\s*(?:保荐|主承销|副主承销|分销|联席|承销|律师|会计师|审计|评估|验资|资产评估|"
                    r"股票登记|登记机构|收款银行|主办券商|财务顾问|申请上市|上市推荐|证券交易所\s*[:：])")
_ISSUER_PARTY = re.compile(r"^\s*" + _ENUM + r"\s*(?:发行人|公司名称|发行人名称)")
_CHAPTER = re.compile(r"^\s*第[一二三四五六七八九十\d]+[节章]")
_PLACEHOLDER = re.compile(r"[\[【［]\s*[●◆■\s]*\s*[\]】］]|待[定询]|尚未确定|^[-—–\s]*$|二○\s+年")
_CONTROLLER_NAMED = re.compile(r"(?:本公司|公司|发行人)的?(?P<what>控股股东|实际控制人)(?P<value>[^，。；、\s为是]{2,30}?"
                               r"(?:有限责任公司|股份有限公司|有限公司|集团公司))")
_PRICE = re.compile(r"(?:本次)?(?:发行价格|每股发行价格?)(?:为|确定为|是)\s*(?P<value>\d[\d,]*(?:\.\d+)?\s*元(?:/股)?)")
_CONTROLLER = re.compile(r"(?:(?<!子)公司|发行人|^|(?<=[。；，,：:]))(?:的|之)?(?P<what>控股股东(?:和|及|、|暨|与)实际控制人|控股股东|实际控制人)"
                         r"(?:均|同为|皆)?(?:为|是)(?P<value>[^。；;，,（(]{2,60})")
_PARTY_FIELDS = {"保荐人", "主承销商", "会计师事务所", "律师事务所"}
#: Fields whose value is an organisation or a person, kept short; others may run to a sentence.
_SHORT = {"发行人", "英文名称", "证券简称", "证券代码", "英文简称", "法定代表人", "控股股东", "实际控制人", "保荐人", "主承销商",
          "会计师事务所", "律师事务所", "董事会秘书", "电子信箱", "拟上市地"}
_ORGANISATIONS = {"保荐人", "主承销商", "会计师事务所", "律师事务所"}
_ORGANISATION = re.compile(r"公司|证券|事务所|银行|集团|有限|合伙|Co\.|Ltd|LLP|Inc|Securities", re.I)
_PEOPLE = {"法定代表人", "董事会秘书"}
_PRICES = {"发行价格", "发行市盈率"}
#: Column heads of a table of people, never a person ("董事会秘书 | 现任 | 离任").
_TABLE_HEADS = {"现任", "离任", "姓名", "职务", "性别", "年龄", "任期", "联系地址", "联系方式", "证券事务代表"}
_ATTRIBUTES = {"法定代表人", "注册地址", "办公地址", "联系电话", "传真", "电子信箱", "邮政编码", "互联网网址"}
_FIGURES = {"注册资本", "发行股数", "发行后总股本", "每股面值"}
_AMOUNT = re.compile(r"(?P<num>\d[\d,，]*(?:\.\d+)?)\s*(?P<unit>亿元|万元|元/股|元|亿股|万股|股|倍)")


@dataclass
class ProfileField:
    """One labelled field of a document: its canonical ``name`` (a key of :data:`FIELD_LABELS`),
    ``value`` as printed, the ``label`` it was printed under, its 1-based ``page`` and the line(s)
    it was read from. ``amount``/``unit`` hold the figure when the value is one (注册资本 4,844 万元
    → 4844, "万元"); ``determined`` is False for a placeholder ("[●]元", "待询价后确定")."""

    doc_id: str
    name: str
    value: str
    page: int
    label: str = ""
    source_text: str = ""
    amount: str = ""
    unit: str = ""
    determined: bool = True

    @property
    def english_name(self) -> str:
        return FIELD_ENGLISH.get(self.name, self.name)

    def to_row(self) -> dict:
        data = asdict(self)
        data["determined"] = int(self.determined)
        return data

    @classmethod
    def from_row(cls, row: dict) -> "ProfileField":
        data = {k: row[k] for k in cls.__dataclass_fields__ if k in row}
        data["determined"] = bool(int(data.get("determined", 1)))
        return cls(**data)

    def number(self) -> Decimal | None:
        try:
            return Decimal(self.amount) if self.amount else None
        except InvalidOperation:
            return None


def field_name(text: str) -> str:
    """The canonical field a label or an English name stands for ("保荐机构" → "保荐人", "sponsor"
    → "保荐人"), or "" when it names none."""
    text = (text or "").strip()
    if text in FIELD_LABELS or text in FIELD_ENGLISH:
        return text
    if text in _LABEL_OF:
        return _LABEL_OF[text]
    lowered = re.sub(r"\s+", " ", text.lower())
    for name, english in FIELD_ENGLISH.items():
        if lowered == english.lower():
            return name
    return _ENGLISH_ALIASES.get(lowered, "")


#: Other English names a question uses for a field.
_ENGLISH_ALIASES = {
    "sponsor institution": "保荐人", "sponsoring institution": "保荐人", "sponsor and lead underwriter": "保荐人",
    "underwriter": "主承销商", "auditor": "会计师事务所", "accounting firm": "会计师事务所", "audit firm": "会计师事务所",
    "lawyer": "律师事务所", "legal counsel": "律师事务所", "legal adviser": "律师事务所", "legal advisor": "律师事务所",
    "exchange": "拟上市地", "stock exchange": "拟上市地", "listing exchange": "拟上市地", "listing venue": "拟上市地",
    "secretary of the board": "董事会秘书", "company secretary": "董事会秘书", "ticker": "证券代码",
    "stock code": "证券代码", "security code": "证券代码", "short name": "证券简称", "stock name": "证券简称",
    "controlling shareholder": "控股股东", "actual controller": "实际控制人", "de facto controller": "实际控制人",
    "ultimate controller": "实际控制人", "founding date": "成立日期", "date of incorporation": "成立日期",
    "registered address": "注册地址", "registered office": "注册地址", "issue price": "发行价格",
    "offering price": "发行价格", "number of shares offered": "发行股数", "shares issued": "发行股数",
    "registered capital": "注册资本", "legal representative": "法定代表人", "email": "电子信箱", "e-mail": "电子信箱",
    "english name": "英文名称", "company name": "发行人", "issuer": "发行人",
    "jurisdiction of incorporation": "注册成立地", "state of incorporation": "注册成立地", "incorporated": "注册成立地",
    "principal executive offices": "办公地址", "headquarters": "办公地址", "head office": "办公地址",
    "office address": "办公地址", "ticker symbol": "证券代码", "trading symbol": "证券代码", "telephone number": "联系电话",
    "employer identification number": "雇主识别号", "ein": "雇主识别号",
}


def _tidy(line: str) -> str:
    """A line as a label reads: "住    所：…" → "住所：…"; "（住所：…）" under the cover's name → "住所：…"."""
    line = re.sub(rf"(?<=[{HAN}])[ \u3000]+(?=[{HAN}])", "", line.strip())
    if re.fullmatch(r"[（(][^（()）]{1,20}[:：].+[)）]", line):
        line = line[1:-1]
    return line


def _value(name: str, raw: str) -> str:
    value = re.sub(r"\s+", " ", raw).strip().strip("；;。")
    value = re.sub(r"^(?:\d{1,2}\s*[、.．](?!\d)\s*|[（(]\d{1,2}[)）]\s*|指\s*)", "", value)  # "1、湖南…", 释义's "指"
    stated = re.match(r"^(?:本公司|公司|发行人)?(?:的)?(?:控股股东|实际控制人)(?:均)?为(.+)$", value)
    if stated:  # "控股股东：本公司控股股东为瑞晨投资，持有…"
        value = re.split(r"[，,]", stated.group(1))[0]
    if name in _SHORT:
        value = re.split(r"[；;。]", value)[0].strip()
    if has_cjk(value):
        value = re.sub(rf"(?<=[{HAN}\d])\s+(?=[{HAN}\d])", "", value)
    return value


def _usable(name: str, value: str) -> bool:
    if not value or len(value) > (80 if name in _SHORT else 300):
        return False
    if _LINE.match(value) and not value.startswith(("发行人", "公司")):
        return False  # the next line is another label: this one's value was not printed
    if name in {"控股股东", "实际控制人"} and re.search(r"承诺|不转让|自.+之日起|情况|简介|基本|变化|变更", value):
        return False
    if name in _FIGURES and not (_AMOUNT.search(value) or _PLACEHOLDER.search(value)):
        return False  # "发行数量：经公司2007年第一次临时股东大会…审议" is a sentence, not the figure
    if name in _ORGANISATIONS and (value[0] in "(（" or not _ORGANISATION.search(value)):
        return False  # an address under the name, or the name printed as an image
    if name in _PEOPLE and (re.search(r"(?:部|会|处|室|中心|办公室|代表|秘书|经理|主任|总监|负责人)$", value)
                            or value in _TABLE_HEADS or not 2 <= len(value) <= 40):
        return False  # a box of an organisation chart, not a person
    return True


def _with_amount(field: ProfileField) -> ProfileField:
    match = _AMOUNT.search(field.value)
    if match and field.name in {"注册资本", "发行价格", "发行股数", "每股面值", "发行后总股本", "发行前每股净资产", "发行市盈率"}:
        field.amount = match.group("num").replace(",", "").replace("，", "")
        field.unit = match.group("unit")
    field.determined = not _PLACEHOLDER.search(field.value) and bool(field.value.strip())
    if field.name in _PRICES and not field.amount:
        field.determined = False  # "通过向询价对象询价确定": the price is not printed yet
    return field


def read_fields(pages: list[str], *, doc_id: str = "", max_pages: int = 80) -> list[ProfileField]:
    """The profile fields printed on the first ``max_pages`` of a document's page texts (one string
    per page, in page order), the earliest printing of each field."""
    found: dict[str, ProfileField] = {}
    owner = "issuer"
    for number, text in enumerate(pages[:max_pages], start=1):
        # A party's block may run on to the next page: its first lines are then that party's
        # attributes (法定代表人, 住所, 电话 …); any other field starts the page afresh.
        carried, owner = owner == "party", "issuer"
        lines = _joined([_tidy(line) for line in (text or "").splitlines()])
        for i, line in enumerate(lines):
            if _CHAPTER.match(line):
                owner = "issuer"
            match = _LINE.match(line)
            party = _PARTY.match(line)
            if party and not (match and _LABEL_OF[match.group("label")] in _PARTY_FIELDS):
                owner = "party"
            if match is None:
                continue
            name = _LABEL_OF[match.group("label")]
            if name in _PARTY_FIELDS:
                owner = "party"
            elif name == "发行人" or _ISSUER_PARTY.match(line):
                owner = "issuer"
            elif owner == "party" or (carried and name in _ATTRIBUTES):
                continue  # the sponsor's 法定代表人, the lawyers' 住所 …
            carried = carried and name in _ATTRIBUTES
            value = match.group("value")
            source = line
            if not value.strip() and i + 1 < len(lines):
                value, source = lines[i + 1], line + "\n" + lines[i + 1]
                named = re.match(r"^名称[:：]\s*(.+)$", value)
                if named:  # "（四）会计师事务所" then "名称：深圳市鹏城会计师事务所有限公司"
                    value = named.group(1)
                elif name in _ORGANISATIONS:
                    value = "、".join(_organisations(lines[i + 1:i + 8])) or value  # 联席保荐人: several
            elif not match.group("colon") and value.strip():
                continue  # "注册资本增加至…" runs on in prose: a label needs a colon or a line of its own
            elif name in _FIGURES and not _AMOUNT.search(value):
                # "发行数量：经公司…审议" / "通过，本次增发的数量不超过40,000万股。": the figure is on the next lines
                for more in lines[i + 1:i + 4]:
                    if _LINE.match(more) or re.search(r"[。；]$", value):
                        break
                    value, source = value + more, source + "\n" + more
            value = _value(name, value)
            if name == "董事会秘书" and value in _TABLE_HEADS:
                # The annual report's contacts table: "董事会秘书 | 证券事务代表" over "姓名 | 周强 | 吕旭光".
                after = lines[i + 1:i + 5]
                value = after[after.index("姓名") + 1] if "姓名" in after[:-1] else value
            if not _usable(name, value):
                continue
            field = _with_amount(ProfileField(doc_id, name, value, number, match.group("label"), source))
            if name in found and (found[name].determined or not field.determined):
                continue  # the first printing wins, unless it was a placeholder ("[●]元") and this is the figure
            found[name] = field
            if name == "保荐人" and "主承销" in match.group("label") and "主承销商" not in found:
                found["主承销商"] = ProfileField(doc_id, "主承销商", value, number, match.group("label"), source)
        # Sentences wrap across lines: read the page's text as one run for them.
        flat = re.sub(r"\s*\n\s*", "", text or "")
        _controllers(flat, number, doc_id, found)
        price = _PRICE.search(flat)
        if price and ("发行价格" not in found or not found["发行价格"].determined):
            value = re.sub(r"\s+", "", price.group("value"))
            found["发行价格"] = _with_amount(ProfileField(doc_id, "发行价格", value, number, "发行价格", price.group()))
    return list(found.values())


def _joined(lines: list[str]) -> list[str]:
    """Non-empty lines, a label broken one character a line put back together ("名" / "称：…" → "名称：…")."""
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        if out and len(out[-1]) == 1 and has_cjk(out[-1]) and re.match(rf"^[{HAN}]{{1,3}}[:：]", line):
            out[-1] += line
        else:
            out.append(line)
    return out


def _organisations(lines: list[str]) -> list[str]:
    """The organisation names listed under a label (联席保荐人（主承销商）: two firms, each with its address)."""
    names, in_address = [], False
    for line in lines:
        if in_address or line[0] in "(（":
            in_address = not re.search(r"[)）]\s*$", line)
            continue  # the address under a name, maybe over two lines
        if not _ORGANISATION.search(line) or _LINE.match(line) or len(line) > 40:
            break
        names.append(line.strip())
    return names[:4]


_CONTROLLER_AFTER = re.compile(r"(?:^|(?<=[。；;]))(?P<clause>[^。；;]{2,160}?)[，,]\s*(?:为|是)(?:本行|本公司|公司|发行人)的?"
                               r"(?P<what>控股股东(?:及|和|、|暨|与)实际控制人|控股股东|实际控制人)(?![^。；;]{0,4}(?:之一|的))")
#: Parts of the sentence before "，为本公司控股股东" that are not its subject: a date, the share it holds.
_NOT_SUBJECT = re.compile(r"^(?:本|该|公司|截至|截止|报告期|目前|其中|同时|此外|因此|占|合计占|持股比例|股权比例)")
_SUBJECT_END = re.compile(r"及其|及|和|与|合计|持有|直接|间接|共同|通过|目前|现持有|现为|作为")


def _controllers(line: str, page: int, doc_id: str, found: dict[str, ProfileField]) -> None:
    """控股股东/实际控制人 stated in a sentence ("公司控股股东为七星集团，实际控制人为北京电控"), or named before
    it ("中国平安及其控股子公司平安寿险合计持有本行58%的股份，为本行的控股股东": the clause's subject)."""
    for match in _CONTROLLER_AFTER.finditer(line):
        # "报告期末，中国平安…股份" → its last part; "赵马克先生持有本公司股份2,117.70万股，占本公司总股本的42.35%"
        # → the part before the share it holds.
        parts = [p.strip() for p in re.split(r"[，：:]|,(?!\d)", match.group("clause").strip()) if p.strip()]
        part = next((p for p in reversed(parts) if not _NOT_SUBJECT.match(p)), "")
        subject = re.sub(r"先生|女士", "", _SUBJECT_END.split(part)[0]).strip()
        names = ["控股股东", "实际控制人"] if len(match.group("what")) > 4 else [match.group("what")]
        if 2 <= len(subject) <= 30 and not re.search(r"\d", subject):
            for name in names:
                if name not in found:
                    found[name] = ProfileField(doc_id, name, subject, page, match.group("what"), match.group(0))
    for match in list(_CONTROLLER.finditer(line)) + list(_CONTROLLER_NAMED.finditer(line)):
        value = _value("控股股东", re.sub(r"先生|女士", "", match.group("value")))
        if not _usable("控股股东", value) or len(value) < 2:
            continue
        names = ["控股股东", "实际控制人"] if "和" in match.group("what") or "及" in match.group("what") or \
            "、" in match.group("what") or "暨" in match.group("what") or "与" in match.group("what") else \
            [match.group("what")]
        for name in names:
            if name not in found:
                found[name] = ProfileField(doc_id, name, value, page, match.group("what"), line)
