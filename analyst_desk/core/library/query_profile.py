"""What a question asks about: which issuer, which period, which metric, and whether it wants a definition.

``parse_query("2024年平安银行的净息差是多少？", issuers=[...])`` →
``QueryProfile(issuer="平安银行", period="2024", metric_terms=("净息差",), wants_definition=False,
language="zh")``. The issuer is matched against the names of the library's documents when they are
given (``issuers``: legal names, optionally with English names as ``(chinese, english)``), including
the short forms analysts use ("南岭民爆" for 湖南南岭民用爆破器材股份有限公司, "神华", "Shenhua"); a
company the library does not hold is still reported when the question names it in a recognisable
form ("招商银行", "Apple's"), with ``issuer_in_library`` False, so callers can say the library has no
report on it instead of answering from another company's report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from analyst_desk.core.cjk import HAN
from analyst_desk.core.library.document_profile import issuer_aliases, pinyin_aliases
from analyst_desk.core.library.glossary import translations

_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "上": 2, "下": 4}
# Most specific first; each gives (year group, period suffix).
_PERIODS = [
    (re.compile(r"((?:19|20)?\d{2})\s*年?\s*(?:上半年|半年度|中期|1\s*[-—~至]\s*6\s*月|6\s*月\s*(?:30\s*日|末))"), "H1"),
    (re.compile(r"((?:19|20)?\d{2})\s*年?\s*(?:第?一季度|1\s*[-—~至]\s*3\s*月|Q1|3\s*月\s*(?:31\s*日|末))"), "Q1"),
    (re.compile(r"((?:19|20)?\d{2})\s*年?\s*(?:前三季度|第?三季度|1\s*[-—~至]\s*9\s*月|Q3|9\s*月\s*(?:30\s*日|末))"), "Q3"),
    (re.compile(r"(?:H1|first half(?: of)?)\s*((?:19|20)\d{2})", re.IGNORECASE), "H1"),
    (re.compile(r"((?:19|20)\d{2})\s*H1", re.IGNORECASE), "H1"),
    (re.compile(r"Q1\s*((?:19|20)\d{2})", re.IGNORECASE), "Q1"),
    (re.compile(r"((?:19|20)?\d{2})\s*年?\s*(?:第?四季度|10\s*[-—~至]\s*12\s*月|Q4)"), "Q4"),
    (re.compile(r"((?:19|20)\d{2})\s*(?:年度|年末|年底|年初|年)?"), ""),
    (re.compile(r"FY\s*((?:19|20)\d{2})", re.IGNORECASE), ""),
]
_DEFINITION = re.compile(r"(定义|含义|是什么意思|什么意思|什么是|何为|如何计算|怎么计算|怎样计算|计算公式|怎么算|口径(?:是|为|如何)|什么口径|"
                         r"\bdefin|\bwhat does .+ mean|\bwhat is meant|\bhow is .+ (calculated|computed|defined)|"
                         r"\bmeaning of\b)", re.IGNORECASE)
_QUESTION_WORDS = re.compile(r"(请问|截至|截止|是多少|为多少|有多少|多少|是什么|是谁|有哪些|哪些|哪家|哪个|哪一|如何|怎样|怎么|是否|"
                             r"情况|分别|大约|约|吗|呢|了|的|[？?。，,！!：:；;、（）()\"“”'‘’\s])")
_EN_STOP = set("""what was were is are the a an of in on for at to by did does do how many much which who whom whose
when where why its it their this that as per with from and or be been according report reports company's
tell me please give show have has had end year at""".split())
_NAMED_COMPANY = re.compile(r"([" + HAN + r"]{2,8}?(?:银行|证券|保险|集团|股份|控股|科技|电力|能源|时代|茅台|公司))")
_NAMED_COMPANY_EN = re.compile(r"\b([A-Z][A-Za-z&.\-]+(?:\s+[A-Z][A-Za-z&.\-]+){0,3})'s\b")


#: Intents a question can have, read once: what the answer must be built from.
INTENTS = ("definition", "why", "list", "compare", "figure", "text")
_WHY = re.compile(r"原因|为什么|为何|如何|怎样|怎么|措施|影响|介绍|分析|说明|解释|\bwhy\b|\bhow (?:did|does|do|has|have|will)\b|"
                  r"\bexplain|\bdescribe|\breasons?\b|\bsummar", re.IGNORECASE)
_LIST = re.compile(r"有哪些|哪些|列出|列举|名单|分别是|前五大|前五名|前十大|前十名|\blist\b|\bwhich (?:are|were)\b|"
                   r"\bwho are\b|\bname the\b|\btop (?:five|ten|5|10)\b", re.IGNORECASE)
_COMPARE = re.compile(r"谁的|谁更|哪家.{0,12}(?:高|低|大|小|多|少)|相比|比较|对比|变化|变动|趋势|分别|各是|各为|(?:19|20)\d{2}\s*[-—–~至到]\s*"
                      r"(?:19|20)?\d{2}|\bcompare|\bversus\b|\bvs\.?\b|\bhigher\b|\blower\b|\bchange[ds]? (?:from|between)|"
                      r"\btrend\b|\bbetween (?:19|20)\d{2} and", re.IGNORECASE)
_TEXT_FIELD = re.compile(r"是谁|是哪家|哪家|名称|叫什么|地址|日期|何时|哪一年|\bwho\b|\bwhich (?:firm|company|bank)|\bname of\b|"
                         r"\bwhen\b|\baddress\b", re.IGNORECASE)
#: One stopword list for every reader of questions (facts, search, relevance).
STOPWORDS_EN = frozenset(_EN_STOP | set("""not being these those about into than then there they them he she his her we
our you your i me my list describe explain company companies bank years total change changed compare compared
documents document
fy fiscal""".split()))
STOPWORDS_ZH = frozenset("的了是吗呢么什怎如何多少哪个和与及在对中为有请问告诉我们你他她它这那年度报告公司本行情况")


@dataclass(frozen=True)
class QueryProfile:
    """A question as read once: issuer(s), period(s), metrics, intent, language and keywords.

    Built by :func:`parse_query` and handed to the fact lookup, the search and the relevance check,
    so no later step reads the question's words again.
    """

    question: str
    #: The issuer as the question names it ("平安银行", "南岭民爆", "Shenhua"); "" when none is named.
    issuer: str = ""
    #: The legal names (as in the library) the question's issuer matches; empty when unknown.
    issuers: tuple[str, ...] = ()
    #: "2024", "2024H1", "2024Q1", "2024Q3"; "" when the question names no period.
    period: str = ""
    #: What is asked about, issuer, period and question words removed, glossary translations added.
    metric_terms: tuple[str, ...] = ()
    wants_definition: bool = False
    language: str = "zh"
    years: tuple[int, ...] = field(default=())
    #: The period as the question writes it ("2024年第四季度", "2007年6月30日"): table columns say it so.
    period_terms: tuple[str, ...] = field(default=())
    #: Every company the question names, as written ("银禧科技", "力源信息"), the library's or not.
    mentions: tuple[str, ...] = field(default=())
    #: Companies the question names that no document of the library belongs to ("格力电器").
    missing: tuple[str, ...] = field(default=())
    #: Periods in the facts' own form, most specific first ("2024-12-31", "2024"); see :func:`target_periods`.
    periods: tuple[str, ...] = field(default=())
    #: "definition", "why", "list", "compare", "figure" or "text" (a named field: who, which firm, when).
    intent: str = "figure"
    #: Content words for relevance (English words, CJK bigrams, numbers), glossary translations included.
    keywords: tuple[str, ...] = field(default=())

    @property
    def issuer_in_library(self) -> bool:
        return bool(self.issuers)

    @property
    def searched_text(self) -> str:
        """The metric terms in both languages, for matching row labels ("operating revenue 营业收入")."""
        return " ".join(self.metric_terms)


def parse_query(question: str, issuers: Iterable[str | tuple[str, str]] = ()) -> QueryProfile:
    """Read issuer(s), period(s), metric terms, intent, language and keywords from ``question``.

    ``issuers``: the library's issuer names, each a legal name, ``(legal name, English name)`` or
    ``(legal name, English name, (other names: 证券简称, ticker …))``.
    """
    issuers = list(issuers)
    text = question.strip()
    language = "zh" if re.search(r"[" + HAN + r"]", text) else "en"
    mention, matched = _find_issuer(text, issuers)
    rest = text.replace(mention, " ") if mention else text
    if mention and language == "en":
        rest = re.sub(re.escape(mention) + r"(?:'s)?", " ", text, flags=re.IGNORECASE)
    mentions, all_matched, missing = _all_issuers(text, issuers, mention, matched)
    for other in mentions:
        rest = rest.replace(other, " ") if language == "zh" else re.sub(re.escape(other) + r"(?:'s)?", " ", rest,
                                                                        flags=re.IGNORECASE)
    period, years, period_terms, rest = _find_period(rest)
    terms = _metric_terms(rest, language)
    definition = bool(_DEFINITION.search(text))
    return QueryProfile(question=question, issuer=mention, issuers=tuple(all_matched), period=period,
                        metric_terms=tuple(terms), wants_definition=definition,
                        language=language, years=tuple(years), period_terms=tuple(period_terms),
                        mentions=tuple(mentions), missing=tuple(missing), periods=tuple(target_periods(text)),
                        intent=_intent(text, definition, years, len(all_matched) + len(missing)),
                        keywords=tuple(keywords_of(text)))


def _intent(text: str, definition: bool, years: list[int], companies: int) -> str:
    if definition:
        return "definition"
    if companies > 1 or len(set(years)) > 1 and _COMPARE.search(text) or _COMPARE.search(text) and companies > 1:
        return "compare"
    if _COMPARE.search(text) and re.search(r"谁的|谁更|哪家|相比|比较|对比|compare|versus|\bvs\b", text, re.IGNORECASE):
        return "compare"
    if _LIST.search(text):
        return "list"
    if _WHY.search(text):
        return "why"
    if _TEXT_FIELD.search(text):
        return "text"
    return "figure"


def _all_issuers(text: str, issuers, mention: str, matched: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Every company the question names: the library's (each legal name once) and the ones it lacks."""
    mentions = [mention] if mention else []
    found = list(matched)
    lowered = text.lower()
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
                hit = re.search(rf"\b{re.escape(alias.lower())}\b", lowered) is not None and not any(
                    alias.lower() in m.lower() for m in mentions)
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
        name = named.group(1)
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
        missing += [n for n in _english_names(text) if not any(n.lower() in m.lower() for m in mentions)][:1]
        mentions += [n for n in missing if n not in mentions]
    if mention and not matched and mention not in missing and not _is_generic_name(mention):
        missing.insert(0, mention)
    library_mentions = set(mentions[:1] if matched else []) | set(mentions[1:len(mentions) - len(missing)])
    mentions = [m for m in mentions if m in library_mentions or m in missing or not _is_generic_name(m)]
    return mentions, found, missing


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
    for name in [*forms, *extra]:
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
September October November December I US U.S. Services Products Total Net Gross Operating Annual Report Form""".split())
_EN_NAME = re.compile(r"\b([A-Z][A-Za-z0-9&.\-]*[A-Za-z0-9](?:\s+[A-Z][A-Za-z0-9&.\-]*[A-Za-z0-9]){0,2})\b")


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


_GENERIC_NAMES = re.compile(r"^(?:本|该|发行人|贵|我|其|公司|控股|子公司|上市公司|股份公司|保荐|主承销|母公司|全资|参股|下属|关联|"
                            r"会计师|律师|证券|银行|集团|控股股东|实际控制|前五|主要|哪家|哪些|这家|那家|两家|三家|各家|同行业)")


def _is_generic_name(name: str) -> bool:
    """"本公司", "控股子公司", "保荐机构…证券": words about a company, not a company's name."""
    return bool(_GENERIC_NAMES.match(name)) or len(name) < 4 or name.endswith(("子公司", "分公司")) or bool(
        re.search(r"哪|什么|多少|谁|是否|几家|有[哪多]|[两三四五六七八九十几各]家|年|季度|月末|\d", name))


_LEADING_NAME = re.compile(r"^([" + HAN + r"]{2,6}?)(?=(?:19|20)\d{2}\s*年)")
_METRIC_WORD = re.compile(r"收入|利润|资产|负债|费用|成本|现金|股|率|额|量|价|数|息|税|净|总|本行|本公司|公司|集团|我|贵|该|截至|截止|请问|今年|去年")


#: A trade name the question puts first or beside another ("格力电器2010年…", "…和美的电器"): two to four
#: characters and an industry word. Only where a company stands, so metric words are not taken for one.
_TRADE_NAME = re.compile(r"(?:^|[和与及、跟比较对])((?:[" + HAN + r"]{2,4}?)(?:电器|电子|电气|科技|信息|光电|股份|集团|重工|汽车|医药|药业|"
                         r"化工|材料|实业|传媒|地产|置业|航空|物流|食品|酒业|钢铁|矿业|建设|环境|通信|网络|软件|智能|生物|制药|机械|"
                         r"装备|动力|能源|电力|银行|证券|保险|控股|茅台|五粮液))(?=\d|的|和|与|及|、|在|[A-Za-z]|$|20|19|年|公司|有|是|谁|主)")


def _find_issuer(text: str, issuers: Iterable[str | tuple[str, str]]) -> tuple[str, list[str]]:
    best = ""
    matched: list[str] = []
    lowered = text.lower()
    issuers = list(issuers)
    for entry in issuers:
        legal, english, extra = _entry(entry)
        for alias in aliases_for(legal, english, extra):
            if re.search(r"[" + HAN + r"]", alias):
                found = alias in text
            else:
                found = re.search(rf"\b{re.escape(alias.lower())}\b", lowered) is not None
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
    return (_strip_question_words(named.group(1)), []) if named else ("", [])


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
        match = re.search(re.escape(alias), text, flags=re.IGNORECASE)
        return match.group(0) if match else alias
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


#: Analysts' short forms of statement lines, read as the line they stand for.
_ABBREVIATIONS = [("扣非归母净利润", "扣除非经常性损益后归属于母公司所有者的净利润"), ("扣非净利润", "扣除非经常性损益后的净利润"),
                  ("归母净利润", "归属于母公司所有者的净利润"), ("归母净资产", "归属于母公司所有者权益合计"),
                  ("归母权益", "归属于母公司所有者权益合计"), ("营收", "营业收入"), ("总营收", "营业总收入"), ("经营现金流", "经营活动产生的现金流量净额"),
                  ("经营性现金流", "经营活动产生的现金流量净额"), ("研发投入", "研发费用")]


#: Words that alone name a statement line ("收入哪个多" asks for 营业收入).
_WHOLE_TERMS = {"收入": "营业收入", "营收": "营业收入", "利润": "净利润", "净利": "净利润"}


def _expand_abbreviations(term: str) -> str:
    if term in _WHOLE_TERMS:
        return _WHOLE_TERMS[term]
    for short, full in _ABBREVIATIONS:
        if short in term and full not in term:
            return term.replace(short, full)
    return term


def _find_period(text: str) -> tuple[str, list[int], list[str], str]:
    period = ""
    years = []
    written: list[str] = []
    rest = text
    for pattern, suffix in _PERIODS:
        for match in pattern.finditer(text):
            year = match.group(1)
            if len(year) == 2:
                year = "20" + year
            if not 1990 <= int(year) <= 2100:
                continue
            years.append(int(year))
            if not period:
                period = year + suffix
            if match.group(0).strip() and match.group(0) in rest:
                written.append(match.group(0).strip())
            rest = rest.replace(match.group(0), " ")
    return period, sorted(set(years)), written, rest


def _metric_terms(rest: str, language: str) -> list[str]:
    if language == "en":
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z\-]*", rest) if len(w) > 1 and w.lower() not in _EN_STOP]
        phrase = " ".join(words)
        terms = [phrase] if phrase else []
    else:
        terms = [t for t in _QUESTION_WORDS.split(rest) if t and not _QUESTION_WORDS.fullmatch(t)]
        terms = [re.sub(r"^(本次|本行|本公司|公司|年末|年度|末|年)+|(年末|年度)+$", "", t) for t in terms]
        terms = [_expand_abbreviations(t) for t in terms]
        # "谁的营业收入高", "毛利率对比", "营业收入的变化": the comparison is the intent, not the metric.
        terms = [re.sub(r"(?:更|较)?(?:高|低|大|小|多|少)$|(?:对比|比较|变化|变动|趋势|相比)$", "", t) if len(t) > 3 else t
                 for t in terms]
        terms = [t for t in terms if t not in ("对比", "比较", "变化", "变动", "趋势", "相比", "谁")]
        terms = [t for t in terms if len(t) >= 2]
    for term in translations(rest if language == "en" else (" ".join(terms) or rest)):
        if term not in terms:
            terms.append(term)
    return terms


_QUARTER = {"一": 1, "1": 1, "二": 2, "2": 2, "三": 3, "3": 3, "四": 4, "4": 4}
_ASKED_PERIOD = re.compile(
    r"((?:19|20)\d{2})\s*年?\s*(?:(?P<md>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日|末|底)|"
    r"(?P<range>1\s*[-—~至]\s*(?P<to>\d{1,2})\s*月)|第?(?P<q>[一二三四1-4])\s*季度|Q(?P<qe>[1-4])|(?P<h1>上半年|半年度|中期|H1)|"
    r"(?P<ye>年末|年底|末)|(?:年度|年|财年))?", re.I)
_YEAR_SPAN = re.compile(r"((?:19|20)\d{2})\s*(?:年|年度)?\s*(?:[-—–~至到]|\bto\b|\band\b)\s*((?:19|20)\d{2})", re.I)


def target_periods(text: str) -> list[str]:
    """Periods a question names, most specific first, in the facts' own period form.

    "2024年末" → ["2024-12-31", "2024"]; "2024年第四季度" → ["2024Q4"]; "2007年6月30日" →
    ["2007-06-30", "2007H1"]; "2007年1-6月" → ["2007H1", "2007-06-30"]; "2024年" → ["2024", "2024-12-31"];
    "2019–2021" → every year of the span.
    """
    found: list[str] = []
    for span in _YEAR_SPAN.finditer(text):
        first, last = int(span.group(1)), int(span.group(2))
        if first < last <= first + 10:
            for year in range(first, last + 1):
                found += [str(year), f"{year}-12-31"]
    for match in _ASKED_PERIOD.finditer(text):
        year = match.group(1)
        if match.group("md"):
            month = int(match.group("md"))
            day = int(match.group("d") or {3: 31, 6: 30, 9: 30, 12: 31}.get(month, 30))
            date = f"{year}-{month:02d}-{day:02d}"
            found += [date] + ({6: [f"{year}H1"], 3: [f"{year}Q1"], 9: [f"{year}9M"], 12: [year]}.get(month, []))
        elif match.group("range"):
            to = int(match.group("to"))
            found += {3: [f"{year}Q1"], 6: [f"{year}H1", f"{year}-06-30"], 9: [f"{year}9M", f"{year}-09-30"],
                      12: [year]}.get(to, [year])
        elif match.group("q") or match.group("qe"):
            quarter = _QUARTER[(match.group("q") or match.group("qe"))]
            found += [f"{year}Q{quarter}"] + ([f"{year}-03-31"] if quarter == 1 else [])
        elif match.group("h1"):
            found += [f"{year}H1", f"{year}-06-30"]
        elif match.group("ye"):
            found += [f"{year}-12-31", year]
        else:
            found += [year, f"{year}-12-31"]
    fiscal = re.findall(r"\bFY\s*((?:19|20)\d{2})\b|\bfiscal (?:year )?((?:19|20)\d{2})\b", text, re.I)
    for a, b in fiscal:
        found += [a or b]
    return list(dict.fromkeys(found))


def keywords_of(question: str) -> list[str]:
    """English words, CJK bigrams and numbers that carry the question's meaning (glossary terms added)."""
    terms: list[str] = []
    for phrase in [question, *translations(question)]:
        lowered = phrase.lower()
        terms += [w for w in re.findall(r"[a-z][a-z\-']{2,}", lowered) if w not in STOPWORDS_EN]
        for run in re.findall(r"[" + HAN + r"]+", phrase):
            grams = [run[i:i + 2] for i in range(len(run) - 1)] or [run]
            terms += [g for g in grams if not all(ch in STOPWORDS_ZH for ch in g) and not any(ch in "的了吗呢么" for ch in g)]
        terms += [n for n in re.findall(r"\d+(?:\.\d+)?", phrase) if not re.fullmatch(r"(19|20)\d\d", n)]
    return list(dict.fromkeys(terms))
