"""What a question asks about: which issuer, which period, which metric, and whether it wants a definition.

``parse_query("2024年平安银行的净息差是多少？", issuers=[...])`` →
``QueryProfile(issuer="平安银行", period="2024", metric_terms=("净息差",), wants_definition=False,
language="zh")``. The issuer is matched against the names of the library's documents when they are
given (``issuers``: legal names, optionally with English names as ``(chinese, english)``), including
the short forms analysts use ("南岭民爆" for 湖南南岭民用爆破器材股份有限公司, "神华", "Shenhua"); a
company the library does not hold is still reported when the question names it in a recognisable
form ("招商银行", "Apple's"), with ``issuer_in_library`` False, so callers can say the library has no
report on it instead of answering from another company's report.

The question is read here once; who it names is resolved in :mod:`query_issuers`, which periods in
:mod:`query_periods` (both re-exported: ``aliases_for``, ``target_periods``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from analyst_desk.core.cjk import HAN
from analyst_desk.core.library.glossary import translations
from analyst_desk.core.library.query_issuers import (  # noqa: F401 - re-exported
    aliases_for,
    all_issuers,
    find_issuer,
    leading_subject,
)
from analyst_desk.core.library.query_periods import find_period, target_periods  # noqa: F401 - re-exported

_DEFINITION = re.compile(r"(定义|含义|是什么意思|什么意思|什么是|何为|如何计算|怎么计算|怎样计算|计算公式|怎么算|口径(?:是|为|如何)|什么口径|"
                         r"\bdefin|\bwhat does .+ mean|\bwhat is meant|\bhow is .+ (calculated|computed|defined)|"
                         r"\bmeaning of\b)", re.IGNORECASE)


_QUESTION_WORDS = re.compile(r"(请问|截至|截止|是多少|为多少|有多少|多少|是什么|是谁|有哪些|哪些|哪家|哪个|哪一|如何|怎样|怎么|是否|"
                             r"情况|分别|大约|约|吗|呢|了|的|[？?。，,！!：:；;、（）()\"“”'‘’\s])")


_EN_STOP = set("""what was were is are the a an of in on for at to by did does do how many much which who whom whose
when where why its it their this that as per with from and or be been according report reports company's
tell me please give show have has had end year at through thru fy fiscal""".split())


#: Intents a question can have, read once: what the answer must be built from.
INTENTS = ("definition", "why", "list", "compare", "figure", "text")


_WHY = re.compile(r"原因|为什么|为何|如何|怎样|怎么|措施|影响|介绍|分析|说明|解释|\bwhy\b|\bhow (?:did|does|do|has|have|will)\b|"
                  r"\bexplain|\bdescribe|\breasons?\b|\bsummar", re.IGNORECASE)


_LIST = re.compile(r"有哪些|哪些|列出|列举|名单|分别是|前五大|前五名|前十大|前十名|\blist\b|\bwhich (?:are|were)\b|"
                   r"\bwho are\b|\bname the\b|\btop (?:five|ten|5|10)\b", re.IGNORECASE)


_COMPARE = re.compile(r"谁的|谁更|哪家.{0,12}(?:高|低|大|小|多|少)|相比|比较|对比|变化|变动|趋势|分别|各是|各为|怎么变|如何变|"
                      r"(?:19|20)\d{2}\s*(?:年度|年)?\s*(?:[-—–~至到、和与及,，]|以及|\band\b|\bvs\.?)\s*(?:FY\s*)?(?:19|20)?\d{2}|\bcompare|\bversus\b|\bvs\.?\b|\bhigher\b|\blower\b|\bchange[ds]? (?:from|between)|"
                      r"\btrend\b|\bbetween (?:19|20)\d{2} and|(?:19|20)\d{2}\s+(?:to|through|thru)\s+(?:FY\s*)?(?:19|20)\d{2}|"
                      r"\bFY\s*(?:19|20)\d{2}\s+(?:to|through|thru)\b", re.IGNORECASE)


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
    #: A name standing where a company does that is neither the library's issuer nor a known company form
    #: ("海康威视的实际控制人是谁？" → 海康威视); the library's text decides whether it names anything it holds.
    subject: str = ""
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
    mention, matched = find_issuer(text, issuers)
    rest = text.replace(mention, " ") if mention else text
    if mention and language == "en":
        rest = re.sub(re.escape(mention) + r"(?:'s)?", " ", text, flags=re.IGNORECASE)
    mentions, all_matched, missing = all_issuers(text, issuers, mention, matched)
    for other in mentions:
        rest = rest.replace(other, " ") if language == "zh" else re.sub(re.escape(other) + r"(?:'s)?", " ", rest,
                                                                        flags=re.IGNORECASE)
    period, years, period_terms, rest = find_period(rest)
    # "较上年增加了多少", "比上年末": a comparison with the year before, not words of the line's name.
    rest = _PRIOR_YEAR.sub(" ", _PRIOR_YEAR_CHANGE.sub(" ", rest))
    terms = _metric_terms(rest, language)
    definition = bool(_DEFINITION.search(text))
    periods = target_periods(text)
    years, periods = _with_prior_year(text, list(years), periods)
    return QueryProfile(question=question, issuer=mention, issuers=tuple(all_matched), period=period,
                        metric_terms=tuple(terms), wants_definition=definition,
                        language=language, years=tuple(years), period_terms=tuple(period_terms),
                        mentions=tuple(mentions), missing=tuple(missing), periods=tuple(periods),
                        intent=_intent(text, definition, years, len(all_matched) + len(missing)),
                        keywords=tuple(keywords_of(text)),
                        subject="" if all_matched or missing or mention else leading_subject(text))


#: "2006年净利润较上年增加了多少": a change in amount from the year before (a growth *rate*, "增长了多少" /
#: "增长率", is the calculator's and keeps one year).
_PRIOR_YEAR = re.compile(r"(?:较上年|比上年|较前一年|比前一年|与上年相比|相比上年)(?:末|度|同期)?")
_PRIOR_YEAR_CHANGE = re.compile(r"(?:较上年|比上年|较前一年|比前一年|与上年相比|相比上年|同比)(?:末|度)?(?:的)?"
                                r"(?:增加|减少|上升|下降|变化|变动|多|少)(?:了)?(?:多少|几何|[\d,.]*)")


def _with_prior_year(text: str, years: list[int], periods: list[str]) -> tuple[list[int], list[str]]:
    """The year before added to a one-year question that asks for the change in amount from it."""
    # "较上年增加的原因" asks why: the narrative route's, not a comparison of amounts.
    if len(set(years)) != 1 or not _PRIOR_YEAR_CHANGE.search(text) or re.search(r"增长率|增速|增幅|百分之|%|％", text) \
            or _WHY.search(text):
        return years, periods
    year = years[0]
    if not {str(year), f"{year}-12-31"} & set(periods):
        return years, periods  # a half year or a quarter: its prior period is not the year before
    prior = year - 1
    return years + [prior], periods + [p for p in (str(prior), f"{prior}-12-31") if p not in periods]


def _intent(text: str, definition: bool, years: list[int], companies: int) -> str:
    if definition:
        return "definition"
    if companies > 1 or len(set(years)) > 1 and _COMPARE.search(text) or _COMPARE.search(text) and companies > 1:
        return "compare"
    if len(set(years)) > 1 and _PRIOR_YEAR_CHANGE.search(text):
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


#: Analysts' short forms of statement lines, read as the line they stand for.
_ABBREVIATIONS = [("扣非归母净利润", "扣除非经常性损益后归属于母公司所有者的净利润"), ("扣非净利润", "扣除非经常性损益后的净利润"),
                  ("归母净利润", "归属于母公司所有者的净利润"), ("归母净资产", "归属于母公司所有者权益合计"),
                  ("归母权益", "归属于母公司所有者权益合计"), ("营收", "营业收入"), ("总营收", "营业总收入"), ("经营现金流", "经营活动产生的现金流量净额"),
                  ("经营性现金流", "经营活动产生的现金流量净额"), ("研发投入", "研发费用"),
                  # "投资活动现金流净额", "筹资现金流净额": the statement's "…活动产生的现金流量净额".
                  ("投资活动现金流量净额", "投资活动产生的现金流量净额"), ("投资活动现金流净额", "投资活动产生的现金流量净额"),
                  ("投资现金流", "投资活动产生的现金流量净额"), ("筹资活动现金流量净额", "筹资活动产生的现金流量净额"),
                  ("筹资活动现金流净额", "筹资活动产生的现金流量净额"), ("筹资现金流", "筹资活动产生的现金流量净额"),
                  ("经营活动现金流量净额", "经营活动产生的现金流量净额"), ("经营活动现金流净额", "经营活动产生的现金流量净额")]


#: Words that alone name a statement line ("收入哪个多" asks for 营业收入).
_WHOLE_TERMS = {"收入": "营业收入", "营收": "营业收入", "利润": "净利润", "净利": "净利润", "所得税": "所得税费用"}


def _expand_abbreviations(term: str) -> str:
    if term in _WHOLE_TERMS:
        return _WHOLE_TERMS[term]
    for short, full in _ABBREVIATIONS:
        if short in term and full not in term:
            return term.replace(short, full)
    return term


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
