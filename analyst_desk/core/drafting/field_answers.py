"""Answering a question that asks for one labelled field of a report — 法定代表人, 注册资本, 保荐人, 拟上市的
交易所, an SEC registrant's state of incorporation or ticker — from the field as the report prints it, with its
page; the model is not asked.

These fields sit on the first pages of every prospectus, annual report and 10-K (cover, 本次发行概况,
发行人基本情况), read at import into ``ProfileField`` s. A small model asked the same question picks a name
from the wrong span (the sponsor's legal representative for the issuer's, a subsidiary's founding date);
the field is the report's own answer.

A question asks for a field when, besides the company, the period and question words, it holds nothing but
the field's name ("力源信息的法定代表人是谁", "Who is the legal representative of Wuhan P&S?"). "实际控制人持股
比例" asks for something else and is left to the other routes.
"""

from __future__ import annotations

import re
from decimal import Decimal

from analyst_desk.core.cjk import HAN
from analyst_desk.core.drafting.fact_use import FactHit, locate
from analyst_desk.core.drafting.grounded import GroundedResult, stable_numbering
from analyst_desk.core.drafting.verification import verify
from analyst_desk.core.library.labelled_fields import FIELD_ENGLISH, FIELD_LABELS

#: Ways a question names a field besides its printed labels (longest tried first).
_ASKED_ZH: dict[str, tuple[str, ...]] = {
    "成立日期": ("什么时候成立", "何时成立", "哪一年成立", "哪年成立", "成立于", "成立时间", "设立时间", "成立日期", "成立"),
    "会计师事务所": ("会计师事务所", "审计机构", "会计师", "审计师", "审计"),
    "律师事务所": ("律师事务所", "发行人律师", "律师"),
    "保荐人": ("保荐机构", "保荐人", "保荐券商", "保荐"),
    "主承销商": ("主承销商", "承销商"),
    "拟上市地": ("在哪个交易所上市", "在哪家交易所上市", "哪个交易所", "哪家交易所", "什么交易所", "上市地点", "上市地", "在哪里上市",
             "在哪上市", "交易所"),
    "证券代码": ("股票代码", "证券代码", "代码"),
    "证券简称": ("股票简称", "证券简称", "简称"),
    "注册地址": ("注册地址", "注册地", "住所"),
    "办公地址": ("办公地址", "总部"),
    "董事会秘书": ("董事会秘书", "董秘"),
    "发行股数": ("发行股数", "发行数量", "发行多少股", "发多少股", "增发数量", "增发股数", "增发多少股", "发行规模"),
    "发行价格": ("发行价格", "发行价"),
    "英文名称": ("英文名称", "英文名"),
    # The issuer's actual controller is by definition the one who controls its controlling shareholder.
    "实际控制人": ("控股股东的实际控制人", "控股股东之实际控制人", "控股股东背后的实际控制人", "最终控制人", "实控人"),
    "报告期截止日": ("报告期截止日", "财年截止", "财政年度截止", "会计年度截止", "报告期截至哪天", "报告期截止到"),
}
_ASKED_EN: dict[str, tuple[str, ...]] = {
    "法定代表人": ("legal representative",),
    "注册资本": ("registered capital",),
    "成立日期": ("date of establishment", "founding date", "when was .* (?:established|founded|set up)", "established",
             "founded"),
    "实际控制人": ("actual controller", "de facto controller", "ultimate controller"),
    "控股股东": ("controlling shareholder",),
    "保荐人": ("sponsor(?:ing institution)?",),
    "主承销商": ("lead underwriter", "underwriter"),
    "会计师事务所": ("auditors?", "accounting firm", "audit firm", r"\baudit(?:s|ed)?\b(?! (?:fees?|committee|report))"),
    "律师事务所": ("law firm", "legal counsel", "legal adviser", "legal advisor", "lawyers?"),
    "拟上市地": ("stock exchange", "which exchange", "exchange .* list", "list(?:ed|ing)? on", "listing venue"),
    "证券代码": ("ticker(?: symbol)?", "trading symbol", "stock code", "stock symbol"),
    "注册成立地": ("state of incorporation", "jurisdiction of incorporation", "(?:state|where) .* incorporated",
              "incorporated in"),
    "办公地址": ("principal executive offices?", "headquarter(?:s|ed)", "head office"),
    "报告期截止日": (r"fiscal (?:year|quarter|period)[- ]end", r"(?:year|period) (?:does|did) .* (?:10-k|10-q|filing|report) cover",
                "what (?:fiscal )?(?:year|period) .* cover", r"fiscal year (?:ended|ending)"),
    "雇主识别号": ("employer identification number", r"\bein\b", "i\\.r\\.s\\. number"),
    "董事会秘书": ("board secretary", "secretary of the board", "company secretary"),
    "发行价格": ("issue price", "offering price", "ipo price"),
    "发行股数": ("shares (?:offered|issued)", "how many shares .* (?:offer|issue)"),
    "注册地址": ("registered address", "registered office"),
    "英文名称": ("english name",),
}
_FILLER_ZH = re.compile(r"请问|请|麻烦|告诉我|一下|查一下|本次|首次公开|公开|发行的?|本公司|公司|发行人|的|是|为|谁|哪|家|个|位|"
                        r"什么|多少|几|何|在|有|由|找|聘请|聘|担任|负责|是否|呢|吗|请教|目前|现在|[？?。，,、\s]|A股|股票|申请|"
                        r"计划|拟|将|会|上市|注册|人民币|元|情况|名称|叫|审计|审核|出具|担任|分别|都|各|"
                        # How people name the firms and the report ("哪家券商保荐", "财务报告由哪家会计师事务所审计"),
                        # not the offering: "这次首发" may presuppose what a 增发 prospectus corrects.
                        r"这次|此次|券商|证券(?!代码|简称)|机构|律所|财务报告|年度报告|年报|财报|"
                        # The offering by its kind ("这次IPO", "本次增发"): answering checks first that the
                        # document's offering is that kind (a 增发 called an IPO is corrected, not answered).
                        r"首次公开发行|首发|IPO|公开增发|增发|配股")
_FILLER_EN = re.compile(r"\b(?:what|who|whom|which|where|when|is|are|was|were|the|a|an|of|for|in|on|at|to|its|their|"
                        r"company'?s?|does|did|do|has|have|s|by|name|named|listed|list|stock|shares?|firm|please|tell|me|"
                        r"ipo|offering|registrant'?s?|corporation|inc|co|ltd|and|as|it|that|this|printed|cover|"
                        r"serves?|acting|acts?|plan(?:s|ned)?|will|be|going|principal|executive|located|currently|"
                        r"symbol|number|state)\b|['’]s\b|[?.,:;'’()\-]", re.I)


_YUAN_UNITS = {"元": 1, "万元": 10 ** 4, "亿元": 10 ** 8}
_PRINTED_AMOUNT = re.compile(r"^(?:人民币)?(\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)\s*(元/股|万元|亿元|元)$")


def _in_english_units(value: str) -> str:
    """A price or an amount the field prints in yuan, said in English by rule with the printed value beside it
    ("17.52元/股" → "RMB 17.52 per share (17.52元/股)", "40,000万元" → "RMB 400.00 million (40,000万元)",
    "1.00元" → "RMB 1.00 (1.00元)")."""
    found = _PRINTED_AMOUNT.match(value.strip())
    if not found:
        return value
    number, unit = found.groups()
    if unit == "元/股":
        return f"RMB {number} per share ({value})"
    amount = Decimal(number.replace(",", "")) * _YUAN_UNITS[unit]
    if amount < 10 ** 6:  # a par value of 1.00元 is "RMB 1.00", not "RMB 0.00 million"
        return f"RMB {amount:,.2f} ({value})"
    return f"RMB {amount / Decimal(10) ** 6:,.2f} million ({value})"


_EXCHANGES_EN = {"深圳证券交易所": "Shenzhen Stock Exchange", "上海证券交易所": "Shanghai Stock Exchange",
                 "北京证券交易所": "Beijing Stock Exchange", "香港联合交易所": "Hong Kong Stock Exchange"}


def asked_field(profile) -> str:
    """The canonical field (a key of ``FIELD_LABELS`` or ``FIELD_ENGLISH``) a question asks for, or ""."""
    text = profile.question
    for mention in sorted(profile.mentions, key=len, reverse=True):
        text = text.replace(mention, " ") if profile.language == "zh" else re.sub(
            re.escape(mention) + r"(?:['’]s)?", " ", text, flags=re.I)
    for term in profile.period_terms:
        text = text.replace(term, " ")
    if profile.language == "zh" or re.search(r"[" + HAN + r"]", text):
        return _asked_zh(text)
    return _asked_en(text)


def _asked_zh(text: str) -> str:
    forms = [(label, name) for name, labels in FIELD_LABELS.items() for label in labels]
    forms += [(phrase, name) for name, phrases in _ASKED_ZH.items() for phrase in phrases]
    for label, name in sorted(forms, key=lambda f: len(f[0]), reverse=True):
        if label in text:
            rest = _FILLER_ZH.sub("", text.replace(label, " ", 1))
            return name if len(re.findall(r"[" + HAN + r"A-Za-z0-9]", rest)) <= 1 else ""
    return ""


def _asked_en(text: str) -> str:
    forms = [(phrase, name) for name, phrases in _ASKED_EN.items() for phrase in phrases]
    for phrase, name in sorted(forms, key=lambda f: len(f[0]), reverse=True):
        match = re.search(phrase, text, flags=re.I)
        if match:
            rest = _FILLER_EN.sub(" ", text[:match.start()] + " " + text[match.end():])
            if len(rest.split()) <= 1:
                return name
            return ""
    return ""


def _the_clause_with_the_figure(value: str) -> str:
    """A figure field printed in a long sentence ("经公司…审议通过，本次增发的数量不超过40,000万股。国电集团承诺…")
    is given as the clause that states the figure; a short value stays whole."""
    if len(value) <= 40:
        return value
    clauses = [c for c in re.split(r"[，。；;]", value) if re.search(r"\d[\d,.]*\s*(?:万股|亿股|股|万元|亿元|元)", c)]
    return clauses[0].strip() if clauses else value


def field_answer(profile, facts, scope: list[str], records: dict, language: str) -> GroundedResult | None:
    """The answer from the field the question asks for, in the one document it names (or the only one in
    scope); None when it asks for no field, names no single document, or the document does not print it
    (the other routes then look in its passages)."""
    name = asked_field(profile)
    if not name or facts is None or not hasattr(facts, "field"):
        return None
    if len(scope) != 1 and not profile.issuers:
        return None
    found = None
    for doc_id in scope:
        found = facts.field(name, doc_ids=[doc_id])
        if found is not None:
            break
    if found is None:
        return None
    record = records.get(found.doc_id)
    from analyst_desk.core.drafting.app_answers import short_name  # app_answers routes here: imported late

    who = short_name(record, language, profile.question) or (profile.issuer if profile.issuer else "")
    hit = FactHit(chunk_id=f"field:{found.doc_id}:{found.name}", doc_id=found.doc_id,
                  title=getattr(record, "title", "") or "", path=str(getattr(record, "path", "") or ""),
                  page=found.page, text=found.source_text or f"{found.label}：{found.value}", pages=[found.page],
                  kind="text")
    sources = stable_numbering([hit])
    cite = f"[{sources[0].number}]"
    value = _the_clause_with_the_figure(found.value)
    if language != "zh" and value in _EXCHANGES_EN:
        value = f"{_EXCHANGES_EN[value]} ({value})"
    elif language != "zh":
        value = _in_english_units(value)
    if language == "zh":
        label = name if name in FIELD_LABELS else found.label or name
        if found.determined:
            text = f"{who}的{label}为{value}（第{found.page}页）{cite}。"
        else:
            text = f"{who}的{label}在报告中尚未确定，印为“{value}”（第{found.page}页）{cite}。"
    else:
        label = FIELD_ENGLISH.get(name, name)
        owner = (who if re.search(r"['’]s$", who) else f"{who}'" if who.endswith("s") else f"{who}'s") + " " \
            if who else "The "
        if found.determined:
            text = f"{owner}{label}: {value} (page {found.page}) {cite}."
        else:
            text = f"{owner}{label} is not yet set in the report; it prints “{value}” (page {found.page}) {cite}."
    verification = verify(text, sources, exact=locate(text, [found.value]))
    return GroundedResult(text=text, sources=sources, verification=verification, language=language, raw_text=text,
                          from_facts=True, prompt=profile.question)
