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
_DEFINITION = re.compile(r"(定义|含义|是什么意思|什么意思|什么是|何为|如何计算|怎么计算|怎样计算|计算公式|怎么算|口径|"
                         r"\bdefin|\bwhat does .+ mean|\bwhat is meant|\bhow is .+ (calculated|computed|defined)|"
                         r"\bmeaning of\b)", re.IGNORECASE)
_QUESTION_WORDS = re.compile(r"(请问|截至|截止|是多少|为多少|有多少|多少|是什么|是谁|有哪些|哪些|哪家|哪个|哪一|如何|怎样|怎么|是否|"
                             r"情况|分别|大约|约|吗|呢|了|的|[？?。，,！!：:；;、（）()\"“”'‘’\s])")
_EN_STOP = set("""what was were is are the a an of in on for at to by did does do how many much which who whom whose
when where why its it their this that as per with from and or be been according report reports company's
tell me please give show have has had end year at""".split())
_NAMED_COMPANY = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:银行|证券|保险|集团|股份|控股|科技|电力|能源|时代|茅台|公司))")
_NAMED_COMPANY_EN = re.compile(r"\b([A-Z][A-Za-z&.\-]+(?:\s+[A-Z][A-Za-z&.\-]+){0,3})'s\b")


@dataclass(frozen=True)
class QueryProfile:
    """A question's issuer, period and metric, as read from its words."""

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

    @property
    def issuer_in_library(self) -> bool:
        return bool(self.issuers)


def parse_query(question: str, issuers: Iterable[str | tuple[str, str]] = ()) -> QueryProfile:
    """Read issuer, period, metric terms, definition intent and language from ``question``.

    ``issuers``: the library's issuer names, each a legal name or ``(legal name, English name)``.
    """
    text = question.strip()
    language = "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"
    mention, matched = _find_issuer(text, issuers)
    rest = text.replace(mention, " ") if mention else text
    if mention and language == "en":
        rest = re.sub(re.escape(mention) + r"(?:'s)?", " ", text, flags=re.IGNORECASE)
    period, years, period_terms, rest = _find_period(rest)
    terms = _metric_terms(rest, language)
    return QueryProfile(question=question, issuer=mention, issuers=tuple(matched), period=period,
                        metric_terms=tuple(terms), wants_definition=bool(_DEFINITION.search(text)),
                        language=language, years=tuple(years), period_terms=tuple(period_terms))


def _find_issuer(text: str, issuers: Iterable[str | tuple[str, str]]) -> tuple[str, list[str]]:
    best = ""
    matched: list[str] = []
    lowered = text.lower()
    for entry in issuers:
        legal, english = (entry, "") if isinstance(entry, str) else entry
        for alias in issuer_aliases(legal, english):
            if re.search(r"[\u4e00-\u9fff]", alias):
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
    if not re.search(r"[\u4e00-\u9fff]", text):
        for entry in issuers:
            legal = entry if isinstance(entry, str) else entry[0]
            for syllables in pinyin_aliases(legal):
                match = re.search(r"\b" + r"[\s\-]?".join(syllables) + r"\b", lowered)
                if match and len(match.group(0)) > len(best):
                    best, matched = text[match.start():match.end()], [legal]
        if best:
            return best, matched
    named = _NAMED_COMPANY.search(text) or _NAMED_COMPANY_EN.search(text)
    return (named.group(1), []) if named else ("", [])


def _as_written(text: str, alias: str, legal: str) -> str:
    """The issuer as the question writes it: "中国神华" around the alias 神华, "南岭民爆" around 南岭
    (later characters taken only while they come, in order, from the legal name: 民, 爆)."""
    if not re.search(r"[\u4e00-\u9fff]", alias):
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
        terms = [t for t in terms if len(t) >= 2]
    for term in translations(" ".join(terms) or rest):
        if term not in terms:
            terms.append(term)
    return terms
