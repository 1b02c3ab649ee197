"""The companies a question names, resolved to the library's issuers: full legal names, short names
(中国神华, 七星电子, 南岭民爆), English names, pinyin and tickers (``aliases_for`` is the one source of issuer
aliases), and the companies the library holds no report on (``missing``), named as the question writes them.

Words about a company ("本公司", "控股子公司", "请介绍一下公司") are not a company's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analyst_desk.core.cjk import HAN
from analyst_desk.core.library.document_profile import issuer_aliases, pinyin_aliases
from analyst_desk.core.library.glossary import translations

_NAMED_COMPANY = re.compile(r"([" + HAN + r"]{2,8}?(?:银行|证券|保险|集团|股份|控股|科技|电力|能源|时代|茅台|公司))")


_NAMED_COMPANY_EN = re.compile(r"\b([A-Z][A-Za-z&.\-]+(?:\s+[A-Z][A-Za-z&.\-]+){0,3})'s\b")


def all_issuers(text: str, issuers, mention: str, matched: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Every company the question names: the library's (each legal name once) and the ones it lacks."""
    mentions = [mention] if mention else []
    found = list(matched)
    lowered = _latin_key(text)
    for entry in issuers:
        legal, english, extra = _entry(entry)
        aliases = aliases_for(legal, english, extra)
        if any(a.lower() == m.lower() or (len(a) >= 3 and a.lower() in m.lower()) for a in aliases for m in mentions):
            if legal not in found:
                found.append(legal)
            continue
        for alias in aliases:
            if re.search(r"[" + HAN + r"]", alias):
                hit = alias in text and not any(alias in m for m in mentions)
            else:
                hit = re.search(rf"\b{re.escape(_latin_key(alias))}\b", lowered) is not None and not any(
                    _latin_key(alias) in _latin_key(m) for m in mentions)
            if hit and len(alias) >= 2:
                if legal not in found:
                    found.append(legal)
                mentions.append(_as_written(text, alias, legal) if re.search(r"[" + HAN + r"]", alias) else alias)
                break
    missing = []

    def library_issuer(name: str) -> str:
        """The library's issuer a partial name belongs to ("武汉力源" → 武汉力源信息技术股份有限公司), or ""."""
        for entry in issuers:
            legal, english, extra = _entry(entry)
            if any(len(a) >= 4 and re.search(r"[" + HAN + r"]", a) and (name in a or a in name)
                   for a in aliases_for(legal, english, extra)):
                return legal
        return ""

    for named in [*_NAMED_COMPANY.finditer(text), *_NAMED_COMPANY_EN.finditer(text), *_TRADE_NAME.finditer(text)]:
        name = _without_request_words(named.group(1))
        if not re.search(r"[" + HAN + r"]", name):  # "Compare McDonald's" → McDonald
            words = name.split()
            while words and words[0] in _EN_NOT_NAMES:
                words = words[1:]
            name = " ".join(words)
            if not name:
                continue
        after_digit = named.start(1) > 0 and text[named.start(1) - 1].isdigit()
        if any(name in m or m in name for m in mentions) or _is_generic_name(name) or after_digit:
            continue
        owner = library_issuer(name)
        if owner:
            found += [owner] if owner not in found else []
        else:
            missing.append(name)
        mentions.append(name)
    leading = _LEADING_NAME.match(text)
    if leading and not found and not missing and not mentions and not _METRIC_WORD.search(leading.group(1)) \
            and not _is_generic_name(leading.group(1) + "公司"):
        owner = library_issuer(leading.group(1))
        if owner:
            found.append(owner)  # "武汉力源2009年…": a short form of a library issuer
        else:
            missing.append(leading.group(1))  # "万科2023年的资产负债率": a name before the year is a company
        mentions.append(leading.group(1))
    if not found and not missing and not re.search(r"[" + HAN + r"]", text):
        # A capitalised first word is often just the sentence's start ("Summarise what the Northwind report says"):
        # a name further in is the likelier company.
        names = [n for n in _english_names(text) if not any(n.lower() in m.lower() for m in mentions)]
        names.sort(key=lambda n: text.startswith(n))
        missing += names[:1]
        mentions += [n for n in missing if n not in mentions]
    if mention and not matched and mention not in missing and not _is_generic_name(mention):
        missing.insert(0, mention)
    library_mentions = set(mentions[:1] if matched else []) | set(mentions[1:len(mentions) - len(missing)])
    mentions = [m for m in mentions if m in library_mentions or m in missing or not _is_generic_name(m)]
    english_words = {w.lower() for entry in issuers for legal, english, _ in [_entry(entry)] if legal in found
                     for w in _LATIN_WORD.findall(english)}
    mentions = [_latin_name_as_written(text, m, english_words) if m not in missing else m for m in mentions]
    return mentions, found, missing


_LATIN_WORD = re.compile(r"[A-Za-z]+")
#: What follows a company's name in an English question and is still its name ("Silver Age Sci & Tech Co., Ltd.").
_LEGAL_WORDS_EN = {"co", "ltd", "limited", "inc", "corp", "corporation", "company", "plc", "llc", "group", "holdings"}


def _latin_name_as_written(text: str, mention: str, english_words: set[str]) -> str:
    """A Latin mention carried on over the words after it that are words of the issuer's English name or its
    legal form: "Guangdong Silver Age" of "…Guangdong Silver Age Sci & Tech?" is "Guangdong Silver Age Sci & Tech",
    "Guodian" of "Guodian Power's …" (GD POWER DEVELOPMENT) "Guodian Power" — so nothing of the name is left
    to be read as what is asked."""
    if not mention or re.search(r"[" + HAN + r"]", mention) or mention not in text:
        return mention
    start = text.index(mention)
    end = name_end = position = start + len(mention)
    while (word := _NEXT_WORD.match(text, position)) is not None:
        token = word.group(1).lower()
        if token not in ("&", "＆"):
            if token not in english_words and token not in _LEGAL_WORDS_EN:
                break
            name_end = word.end()
        position = word.end()
    return text[start:name_end].rstrip(" ,.") if name_end > end else mention


_NEXT_WORD = re.compile(r"\s*(&|＆|[A-Za-z]+)\.?,?")


#: Cities and provinces a legal name starts with ("武汉力源信息技术…" is called 力源信息).
_PLACES = ("中国", "北京", "上海", "天津", "重庆", "广东", "广西", "湖南", "湖北", "河南", "河北", "山东", "山西", "江苏", "浙江",
           "安徽", "福建", "江西", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "辽宁", "吉林", "黑龙江", "内蒙古", "宁夏", "新疆",
           "西藏", "海南", "深圳", "青岛", "大连", "厦门", "宁波", "武汉", "苏州", "东莞", "杭州", "南京", "成都", "西安", "长沙",
           "广州", "珠海", "佛山", "无锡", "常州", "合肥", "济南", "郑州", "沈阳", "哈尔滨", "长春", "福州", "昆明", "南宁", "南昌",
           "太原", "石家庄", "兰州", "贵阳", "海口", "烟台", "温州", "绍兴", "嘉兴", "台州", "中山", "惠州", "汕头", "江门", "泉州",
           "潍坊", "淄博", "徐州", "南通", "扬州", "镇江", "湖州", "金华", "芜湖", "洛阳", "株洲", "湘潭", "宜昌", "襄阳")


_PLACES_EN = {"China", "Beijing", "Shanghai", "Guangdong", "Shenzhen", "Hunan", "Wuhan", "Suzhou", "Dongguan", "Xiamen",
              "Jiangsu", "Zhejiang", "Hubei", "Shandong", "Sichuan", "Tianjin", "Chongqing", "Guangzhou", "Hangzhou"}


_GENERIC_EN = {"china", "international", "national", "general", "united", "american", "global", "holdings", "group",
               "industrial", "technology", "electronics", "energy", "power", "development"}


_LEGAL_TAIL = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|股份公司|公司)$")


_INDUSTRY_TAIL = ("技术", "科技", "发展", "实业", "控股", "集团", "股份", "国际", "投资", "产业", "工业")


def aliases_for(legal: str, english: str = "", extra: tuple[str, ...] = ()) -> list[str]:
    """Every name a question may use for an issuer, longest first: the document profile's forms
    (legal, without suffix, without region, short) plus city-prefixed and contracted short names
    ("武汉力源信息技术股份有限公司" → 力源信息; "北京七星华创电子股份有限公司" → 七星电子) and the names
    the document states itself (``extra``: 证券简称, ticker). The one source of issuer aliases."""
    names = list(issuer_aliases(legal, english))
    core = _LEGAL_TAIL.sub("", legal or "")
    local = next((core[len(p):] for p in sorted(_PLACES, key=len, reverse=True)
                  if core.startswith(p) and len(core) - len(p) >= 2), core)
    forms = [local]
    trimmed = local
    while len(trimmed) > 4 and trimmed.endswith(_INDUSTRY_TAIL):
        trimmed = trimmed[:-2]
        forms.append(trimmed)
    if re.fullmatch(r"[" + HAN + r"]{6,}", trimmed):
        forms.append(trimmed[:2] + trimmed[-2:])
    english_core = re.sub(r"[\s,]*(Co\.,?\s*Ltd\.?|Company Limited|Corporation|Limited|Inc\.?|Corp\.?)\s*$", "",
                          (english or "").replace("＆", "&"), flags=re.IGNORECASE).split()
    if english_core and all(w.isupper() for w in english_core if w.isalpha()):
        english_core = [w.title() if len(w) > 3 else w for w in english_core]  # GUANGDONG SILVER AGE → Guangdong Silver Age
    if len(english_core) >= 2 and re.fullmatch(r"[A-Za-z][A-Za-z&\-]+", english_core[1]):
        forms.append(" ".join(english_core[:2]))  # "Wuhan P&S"
    if len(english_core) >= 4:
        forms.append(" ".join(english_core[:3]))  # "Guangdong Silver Age"
    if english_core and english_core[0] in _PLACES_EN:
        english_core = english_core[1:]
    if len(english_core) >= 2 and all(re.fullmatch(r"[A-Za-z][A-Za-z&\-]+", w) for w in english_core[:2]):
        forms.append(" ".join(english_core[:2]))
    if english_core and len(english_core[0]) >= 5 and english_core[0].lower() not in _GENERIC_EN \
            and english_core[0] not in _PLACES_EN:
        forms.append(english_core[0])  # "Kingsun" for Dongguan Kingsun Optoelectronic
    # "McDONALD’S" is also typed "McDonald's", "McDonalds" and "McDonald".
    possessive = [variant for n in [*names, *forms] if re.search(r"[A-Za-z]['’][sS]$", n)
                  for variant in (n[:-2], n[:-2] + n[-1])]
    for name in [*forms, *possessive, *extra]:
        name = (name or "").strip()
        if len(name) >= 2 and name not in names and not re.fullmatch(r"\d{1,5}", name):
            names.append(name)
    # A place alone ("Guangdong", "东莞") names every company there, not this one.
    places = {p.lower() for p in _PLACES_EN} | set(_PLACES)
    names = [n for n in names if n.lower() not in places]
    names += [n.replace("＆", "&") for n in names if "＆" in n and n.replace("＆", "&") not in names]
    return sorted(names, key=len, reverse=True)


_EN_NOT_NAMES = set("""What Which Who Whom Whose When Where Why How Is Are Was Were Did Does Do Has Have Had Can Could Will
Would Should Please List Name Give Tell Show Compare In On At For Of By From The A An And Or Its Their It This That FY IPO
RMB USD GAAP EPS ROE ROA CET1 CET Tier NIM NPL Q1 Q2 Q3 Q4 H1 H2 January February March April May June July August
September October November December I US U.S. Services Products Total Net Gross Operating Annual Report Form
Summarise Summarize Summary Describe Explain Outline Briefly Brief Analyse Analyze Provide Introduce Discuss Review
According Based Find Look Check Calculate Compute Why Does Explain Identify Also Then Now Overall""".split())


_EN_NAME = re.compile(r"\b([A-Z][A-Za-z0-9&.\-]*[A-Za-z0-9](?:\s+[A-Z][A-Za-z0-9&.\-]*[A-Za-z0-9]){0,2})\b")


def _latin_key(text: str) -> str:
    """A Latin name as compared: case and the kind of apostrophe do not matter ("McDONALD’S" = "McDonald's")."""
    return text.lower().replace("’", "'").replace("‘", "'").replace("`", "'")


def _english_names(text: str) -> list[str]:
    """Capitalised names in an English question that stand where a company does ("did Amazon report",
    "for NVIDIA"): not question words, months, units or metric words."""
    names = []
    for match in _EN_NAME.finditer(text):
        words = [w for w in match.group(1).split() if w not in _EN_NOT_NAMES]
        if not words or (match.start() == 0 and match.group(1).split()[0] in _EN_NOT_NAMES and len(words) == len(
                match.group(1).split())):
            continue
        name = " ".join(words)
        if len(name) >= 3 and not re.fullmatch(r"(?:FY)?\d+|[A-Z]\d", name) and not translations(name):
            names.append(name)
    return names


def _entry(entry) -> tuple[str, str, tuple[str, ...]]:
    """(legal name, English name, extra aliases such as ticker or 证券简称) from an issuer entry."""
    if isinstance(entry, str):
        return entry, "", ()
    legal, english, *more = tuple(entry) + ("",)
    extra = tuple(a for a in (more[0] if more and isinstance(more[0], (tuple, list)) else ()) if a)
    return legal, english or "", extra


_GENERIC_NAMES = re.compile(r"^(?:(?:本|该|贵|我|其)(?:公司|司|行|集团|企业|单位|机构|银行|股份)|本次|本期|我国|其他|其它|其余|该等|发行人|公司|控股|子公司|上市公司|股份公司|保荐|主承销|母公司|全资|参股|下属|关联|"
                            r"会计师|律师|证券|银行|集团|控股股东|实际控制|前五|主要|哪家|哪些|这家|那家|两家|三家|各家|同行业)")


#: Words that ask for something before the company they ask about ("请介绍一下公司", "简要分析本公司").
_REQUEST_WORDS = re.compile(r"^(?:请问|请|麻烦|能否|可否|可以|帮我|帮忙|简要|简单|详细|具体|地|介绍|概述|说明|描述|分析|谈谈|讲讲|"
                            r"说说|总结|概括|一下|了解|关于|根据|给我)+")


def _without_request_words(name: str) -> str:
    """"请介绍一下公司" → "公司", "请介绍一下万科公司" → "万科公司": the request is not part of the name."""
    return _REQUEST_WORDS.sub("", name) if re.search(r"[" + HAN + r"]", name) else name


def _is_generic_name(name: str) -> bool:
    """"本公司", "控股子公司", "保荐机构…证券", "请介绍一下公司": words about a company, not a company's name."""
    name = _without_request_words(name)
    return bool(_GENERIC_NAMES.match(name)) or len(name) < 4 or name.endswith(("子公司", "分公司")) or bool(
        re.search(r"哪|什么|多少|谁|是否|几家|有[哪多]|[两三四五六七八九十几各]家|年|季度|月末|\d", name))


_LEADING_NAME = re.compile(r"^([" + HAN + r"]{2,6}?)(?=(?:19|20)\d{2}\s*年)")


_METRIC_WORD = re.compile(r"收入|利润|资产|负债|费用|成本|现金|股|率|额|量|价|数|息|税|净|总|本行|本公司|公司|集团|我|贵|该|截至|截止|请问|今年|去年")


#: A trade name the question puts first or beside another ("格力电器2010年…", "…和美的电器"): two to four
#: characters and an industry word. Only where a company stands, so metric words are not taken for one.
_TRADE_NAME = re.compile(r"(?:^|[和与及、跟比较对])((?:[" + HAN + r"]{2,4}?)(?:电器|电子|电气|科技|信息|光电|股份|集团|重工|汽车|医药|药业|"
                         r"化工|材料|实业|传媒|地产|置业|航空|物流|食品|酒业|钢铁|矿业|建设|环境|通信|网络|软件|智能|生物|制药|机械|"
                         r"装备|动力|能源|电力|银行|证券|保险|控股|茅台|五粮液))(?=\d|的|和|与|及|、|在|[A-Za-z]|$|20|19|年|公司|有|是|谁|主)")


def find_issuer(text: str, issuers: Iterable[str | tuple[str, str]]) -> tuple[str, list[str]]:
    best = ""
    matched: list[str] = []
    lowered = _latin_key(text)
    issuers = list(issuers)
    for entry in issuers:
        legal, english, extra = _entry(entry)
        for alias in aliases_for(legal, english, extra):
            if re.search(r"[" + HAN + r"]", alias):
                found = alias in text
            else:
                found = re.search(rf"\b{re.escape(_latin_key(alias))}\b", lowered) is not None
            if found:
                if legal not in matched:
                    matched.append(legal)
                if len(alias) > len(best):
                    best = alias
                break
    if best:
        return _as_written(text, best, matched[0]), matched
    if not re.search(r"[" + HAN + r"]", text):
        for entry in issuers:
            legal = entry if isinstance(entry, str) else entry[0]
            for syllables in pinyin_aliases(legal):
                match = re.search(r"\b" + r"[\s\-]?".join(syllables) + r"\b", lowered)
                if match and len(match.group(0)) > len(best):
                    best, matched = text[match.start():match.end()], [legal]
        if best:
            return best, matched
    named = _NAMED_COMPANY.search(text) or _NAMED_COMPANY_EN.search(text)
    name = _without_request_words(_strip_question_words(named.group(1))) if named else ""
    return ("", []) if not name or _is_generic_name(name) else (name, [])


def _strip_question_words(name: str) -> str:
    """"Compare McDonald" → "McDonald": a question word before an English name is not part of it."""
    if re.search(r"[" + HAN + r"]", name):
        return name
    words = name.split()
    while len(words) > 1 and words[0] in _EN_NOT_NAMES:
        words = words[1:]
    return " ".join(words)


def _as_written(text: str, alias: str, legal: str) -> str:
    """The issuer as the question writes it: "中国神华" around the alias 神华, "南岭民爆" around 南岭
    (later characters taken only while they come, in order, from the legal name: 民, 爆)."""
    if not re.search(r"[" + HAN + r"]", alias):
        match = re.search(re.escape(_latin_key(alias)), _latin_key(text))  # one character for one: same offsets
        return text[match.start():match.end()] if match else alias
    start = text.index(alias)
    end = start + len(alias)
    before = text[max(0, start - 2):start]
    if before and legal.startswith(before + alias):
        start -= len(before)
    elif before and before in ("中国",):
        start -= 2
    if len(alias) == 2:
        remainder = legal[legal.index(alias) + 2:] if alias in legal else ""
        position = 0
        while end < len(text) and end - start < len(alias) + 2 + (2 if start < text.index(alias) else 0):
            found = remainder.find(text[end], position)
            if found < 0:
                break
            position = found + 1
            end += 1
    return text[start:end]


_SUBJECT = re.compile(r"^(?:请问|请|麻烦|帮我|查一下|查询|想了解|了解一下)*([" + HAN + r"]{2,8}?)(?=的|在|有|是|于|(?:19|20)\d{2})")


_NOT_A_SUBJECT = re.compile(r"哪|什么|多少|谁|几|如何|怎么|为何|为什么|是否|报告|期|年|月|季|近|最|目前|现在|当前|今|去|明|上|下|本|该|"
                            r"其|此|这|那|各|每|所有|全部|主要|前|后|内|外|中|业务|产品|行业|市场|客户|股东|董事|员工|子|分|募集|"
                            r"发行|上市|风险|政策|会计|审计|控股|实际|法定|注册|成立|住所|地址|办公")


def leading_subject(text: str) -> str:
    """The name a Chinese question opens with, where a company stands ("海康威视的实际控制人是谁？" → 海康威视),
    when it is none of the words a question opens with about the company itself (报告期内, 公司, 主营业务,
    前五大客户) nor a measure; "" otherwise. Whether it names anything the library holds is the library's to say."""
    match = _SUBJECT.match(text.strip())
    if not match:
        return ""
    name = match.group(1)
    if _GENERIC_NAMES.match(name) or _METRIC_WORD.search(name) or _NOT_A_SUBJECT.search(name):
        return ""
    return name
