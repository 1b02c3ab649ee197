"""Which facts a question or a report section needs: metric × period × issuer, matched in Python.

A metric is matched against row labels (exact label first, then a label that only adds a
qualifier, then shared words); the period is the one the question names, else the latest the
document prints; the issuer narrows the documents when the question names one. When several
tables print the same metric for the same period (key figures, MD&A, statements), the value most
tables agree on wins and the earliest page that prints it is cited.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analyst_desk.core.cjk import HAN
from analyst_desk.core.library.query_periods import ENGLISH_DATE
from analyst_desk.core.library.query_profile import aliases_for, target_periods
from analyst_desk.core.library.table_facts.model import Fact, computed_change

_PAREN = re.compile(r"[（(][^）)]{0,12}[)）]")
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．)）]|[（(][一二三四五六七八九十\d]{1,2}[)）]|其中[:：]?|减[:：]|加[:：]|"
                   r"[:：])")
_QUESTION_WORDS = re.compile(
    r"是多少|为多少|有多少|多少|是几|几何|是什么|怎么样|如何|情况|吗|呢|请问|告诉我|[？?。!！，,、：:\s]|"
    r"\b(?:what|was|were|is|are|the|of|for|in|how|much|many|did|does|do|at|its|their|end|year|fy|please|tell|me)\b",
    re.I)
_PERIOD_TEXT = re.compile(r"(?:19|20)\d{2}\s*(?:年度|年末|年底|年初|年|财年)?(?:[上下]半年|第?[一二三四1-4]季度|末|底)?")
_ISSUER_WORD = re.compile(r"[" + HAN + r"]{2,12}?(?:银行|证券|保险|集团|股份|公司)")
_DEFINITION = re.compile(r"什么是|是什么意思|的定义|定义是|含义|是指什么|怎么计算|如何计算|计算公式|what does .+ mean|define|"
                         r"definition|meaning of|how is .+ calculated", re.I)
_STRIP_SUFFIX = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|股份公司)$")


@lru_cache(maxsize=1 << 16)  # called for every row label × every statement line a figure is matched to
def label_key(label: str) -> str:
    """A row label reduced to what it names: no units in brackets, list numbering or spaces."""
    text = re.sub(r"\s+", "", label or "")
    text = _ENUM.sub("", text)
    text = _PAREN.sub("", text)
    text = re.sub(r"(?:注\d*|\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$", "", text)
    return text.strip("：:").lower()


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


_HEAD_NOUN = re.compile(r"(?:费用|收入|支出|成本|余额|金额|总额|净额|率|比率?|比例|占比|数量?|量|额|价格?|单价|收益|损失|利润|规模|"
                        r"户数|人数|增长|增速|变动)")


#: Qualifiers of a per-share or return figure, however a label or a question writes them: a label often prints
#: them in brackets ("净资产收益率（归属于母公司所有者、扣除非经常损益后，加权平均）"), which ``label_key`` drops.
_QUALIFIERS = {"扣非": re.compile(r"扣非|扣除非经常性?损益|非经常性?损益后|excluding non-recurring", re.I),
               "加权": re.compile(r"加权(?:平均)?|weighted", re.I), "摊薄": re.compile(r"全面摊薄|摊薄|diluted", re.I)}


def _qualifiers(text: str) -> set[str]:
    return {name for name, pattern in _QUALIFIERS.items() if pattern.search(text or "")}


def _without_qualifiers(text: str) -> str:
    for pattern in _QUALIFIERS.values():
        text = pattern.sub("", text)
    text = re.sub(r"[（(][^）)]*[)）]", "", text)  # what the brackets said is in the qualifiers now
    return re.sub(r"^(?:后的?|的)", "", text)


def same_qualified_figure(label: str, name: str) -> bool:
    """True when a row label and a figure's name carry the same qualifiers (扣非, 加权, 摊薄 — wherever the label
    prints them) and the same figure once those are set aside: "净资产收益率（归属于母公司所有者、扣除非经常损益后，
    加权平均）" is "扣除非经常性损益后的加权平均净资产收益率"."""
    wanted = _qualifiers(name)
    if not wanted or _qualifiers(label) != wanted:
        return False
    return _without_qualifiers(label_key(label)) == _without_qualifiers(label_key(name))


def label_score(metric: str, label: str) -> float:
    """How well a row label names ``metric`` (1.0 the same; 0 unrelated)."""
    asked = _qualifiers(metric)
    if asked:
        # "扣非后加权平均净资产收益率": the label must carry the qualifiers asked (in its brackets or not), and the
        # rest of it must name the same figure.
        printed = _qualifiers(label)
        if not asked <= printed:
            return 0.0
        score = label_score(_without_qualifiers(label_key(metric)), _without_qualifiers(label_key(label)))
        return max(0.0, score - 0.2 * len(printed - asked))  # 扣非 printed but not asked: another basis
    metric, label = label_key(metric), label_key(label)
    if not metric or not label:
        return 0.0
    if metric == label:
        return 1.0
    if re.search(r"母公司(?!股东|所有者)|parent", label) and not re.search(r"母公司|parent", metric):
        # "资产负债率" asks for the group's figure; "母公司资产负债率" is the parent company's only
        # ("归属于母公司股东的净利润" is the group's profit attributable to shareholders: not penalised).
        return max(0.0, label_score(metric, re.sub(r"母公司|parent", "", label)) - 0.25)
    if label.startswith(metric) and _HEAD_NOUN.match(label[len(metric):]):
        # "员工" → "员工费用", "不良贷款" → "不良贷款率": the added word names another quantity.
        return 0.55
    if label.startswith(metric) or label.endswith(metric):
        return max(0.6, 0.9 - 0.03 * (len(label) - len(metric)))
    if metric in label:
        return max(0.5, 0.75 - 0.03 * (len(label) - len(metric)))
    a, b = _bigrams(metric), _bigrams(label)
    dice = 2 * len(a & b) / (len(a) + len(b))
    return 0.6 * dice if dice >= 0.6 else 0.0


def is_definition_question(text: str) -> bool:
    return bool(_DEFINITION.search(text))


def issuer_aliases(record) -> list[str]:
    """Names a question may use for a document's issuer, shortest last ("平安银行股份有限公司" → … "平安银行",
    "平安"); from the query reader's one alias source."""
    names = []
    for name in (getattr(record, "issuer", "") or "", getattr(record, "company", "") or ""):
        name = name.strip()
        if len(name) >= 2:
            names += [name, _STRIP_SUFFIX.sub("", name)]
            names += [a for a in aliases_for(name) if re.search(r"[" + HAN + r"]", a) and len(a) >= 4]
    return [n for n in dict.fromkeys(names) if len(n) >= 2]


@dataclass
class FactMatch:
    """The fact found for one metric, its change (from the table, or computed), and the alternatives."""

    metric: str
    fact: Fact
    score: float
    change: Fact | None = None
    #: How many tables print the same value for the same period.
    agreeing: int = 1
    #: Share of what the question asks about that the row label names ("贷款" in "绿色贷款余额": 0.33).
    coverage: float = 1.0
    others: list[Fact] = field(default_factory=list)

    @property
    def change_computed(self) -> bool:
        return bool(self.change is not None and self.change.extra.get("computed"))


def metrics_in(text: str, labels: list[str], *, issuers: list[str] = (), min_length: int = 2) -> list[str]:
    """The metrics ``text`` asks about: row labels it contains (longest first), else its leftover words."""
    body = text
    for name in sorted(issuers, key=len, reverse=True):
        body = body.replace(name, " ")
    body = _PERIOD_TEXT.sub(" ", body)
    squeezed = re.sub(r"\s+", "", body).lower()
    found: list[str] = []
    for key in sorted({label_key(l) for l in labels if len(label_key(l)) >= min_length}, key=len, reverse=True):
        if key in squeezed and not any(key in f for f in found):
            found.append(key)
    if found:
        return found
    rest = _QUESTION_WORDS.sub(" ", body)
    rest = re.sub(r"(?<=[" + HAN + r"])的|的(?=[" + HAN + r"])", " ", rest)
    words = [w for w in re.split(r"\s+", rest) if len(w) >= 2]
    return [" ".join(words)] if words and all(not re.search(r"[" + HAN + r"]", w) for w in words) else words


#: Words of an English question that are not the metric: question words, verbs of reporting, periods.
_EN_NOT_METRIC = set("""what which who how much many was were is are the a an of in on for at to by from did does do its
their this that as per with and or be been according report reported reports company company's generate generated
generating spend spent spending record recorded make made earn earned post posted have had has pay fiscal year years fy
quarter ended ending end at balance figure amount value level give show tell me please during over between versus vs
compare compared hold held holds change changed changes trend higher lower larger smaller bigger greater more less
latest recent most last previous prior both each than against whose through thru carry carried carries invest
invested""".split())
#: What analysts call a line in shorthand, as the statements print it ("operating cash flow" is the cash-flow
#: statement's "Net cash provided by operating activities", "R&D" its "Research and development").
_EN_SHORTHAND = [(re.compile(p, re.I), line) for p, line in (
    (r"\boperating cash flows?\b|\bcash flows? from operations\b|\bcash from operations\b",
     "net cash provided by operating activities"),
    (r"\bR\s*&\s*D\b", "research and development"), (r"\bcapex\b", "capital expenditures"),
    (r"\bSG\s*&\s*A\b", "selling general and administrative"), (r"\bEPS\b", "earnings per share"))]


def expand_shorthand(text: str) -> str:
    """An English question with its shorthand for statement lines written out as the statements print them."""
    for pattern, line in _EN_SHORTHAND:
        text = pattern.sub(line, text)
    return text
#: Words that make a label a part of what a question names when the question does not say them.
_EN_NARROWING = {"current", "noncurrent", "long", "short", "other", "deferred", "accrued", "unearned", "prepaid",
                 "segment", "restricted"}
#: Words a label may add without naming another quantity ("Total capital expenditures" for "capital expenditures").
_EN_GENERIC = {"total", "consolidated", "common", "reported", "net", "amount"}
_EN_SAME = {"revenues": "revenue", "sales": "revenue", "earnings": "income", "profit": "income", "profits": "income",
            "expenditures": "expenditure", "activities": "activity", "generated": "provided", "used": "provided",
            "operating": "operation", "operations": "operation"}


def _english_words(text: str) -> list[str]:
    words = re.findall(r"[a-z][a-z\-]*[a-z]|[a-z]", text.lower().replace("’", "'"))
    words = [w for part in words for w in part.split("-")]
    return [_EN_SAME.get(w, w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w) for w in words]


def _asked_words(question: str, mentions=()) -> set[str]:
    for name in sorted(mentions, key=len, reverse=True):
        question = re.sub(re.escape(name) + r"(?:['’]s)?", " ", question, flags=re.I)
    question = expand_shorthand(question)
    return {w for w in _english_words(_PERIOD_TEXT.sub(" ", ENGLISH_DATE.sub(" ", question))) if w not in _EN_NOT_METRIC}


def english_coverage(question: str, mentions, label: str) -> float:
    """Share of an English question's metric words a row label names (1.0 when it names no metric word)."""
    asked = _asked_words(question, mentions)
    if not asked:
        return 1.0
    words = set(_english_words(label))
    return len(asked & words) / len(asked)


def english_metrics(text: str, labels: list[str]) -> list[str]:
    """The row labels an English question names, as label keys, best first: the labels whose words cover the
    question's metric words most closely ("diluted earnings per share" → "Earnings per common share—diluted";
    "cash generated from operating activities" → "Cash generated by operating activities", not "Cash")."""
    asked = {w for w in _english_words(expand_shorthand(text)) if w not in _EN_NOT_METRIC}
    if not asked:
        return []
    scored = []
    for label in labels:
        if re.search(r"[" + HAN + r"]", label):
            continue
        words = {w for w in _english_words(label) if w not in _EN_NOT_METRIC}
        if not words:
            continue
        shared = asked & words
        if len(shared) < min(2, len(asked)):
            continue
        extra = words - asked - _EN_GENERIC
        if extra & _EN_NARROWING:
            continue  # "Total current liabilities" is a part of the total liabilities asked for
        score = len(shared) / len(asked | extra)
        if score >= 0.5:
            scored.append((score, -len(label), label_key(label)))
    if not scored:
        return []
    top = max(scored)[0]
    keys = [key for score, _, key in sorted(scored, reverse=True) if score >= top - 1e-9]
    return list(dict.fromkeys(keys))[:3]


_PERIOD_WORDS = re.compile(r"(?:19|20)\d{2}\s*(?:年度|年|财年)?\s*(?:\d{1,2}\s*[-－—~至]\s*\d{1,2}\s*月|\d{1,2}\s*月\s*\d{1,2}\s*日|"
                           r"第?[一二三四1-4]季度|[上下]半年|末|度)?|本年|上年|本期|上期|年末|年初|FY|Q[1-4]|H1")


_WHOLE = re.compile(r"本集团|合并|集团|合计|总计|总额|金额|余额|数额|total|group|consolidated", re.I)


def dimension_of(column: str) -> str:
    """What a column header says besides its period and "the whole" ("2024年 占比" → "占比";
    "2024年12月31日 本集团" → ""; "2024年 本行" → "本行")."""
    return re.sub(r"[\s()（）]", "", _WHOLE.sub("", _PERIOD_WORDS.sub("", column or "")))


def _period_rank(fact: Fact, wanted: list[str]) -> int | None:
    """Position of the fact's period in ``wanted`` (lower is better); None when it does not match."""
    for i, period in enumerate(wanted):
        if fact.period == period:
            return i
    return None


def _latest(periods: list[str]) -> str:
    return max(periods, key=lambda p: (p[:4], "-12-31" in p or len(p) == 4, p)) if periods else ""


def best_fact(metric: str, facts: list[Fact], *, periods: list[str] | None = None,
              min_score: float = 0.6) -> FactMatch | None:
    """The fact for ``metric`` in ``periods`` (else the latest period printed), or None."""
    scored = [(label_score(metric, f.row_label), f) for f in facts if f.kind == "value" and f.period]
    scored = [(s, f) for s, f in scored if s >= min_score]
    if not scored:
        return None
    top = max(s for s, _ in scored)
    tier = [f for s, f in scored if s >= top - 0.05]
    if periods:
        ranked = [(r, f) for f in tier if (r := _period_rank(f, periods)) is not None]
        if not ranked:
            return None
        best_rank = min(r for r, _ in ranked)
        tier = [f for r, f in ranked if r == best_rank]
    else:
        latest = _latest([f.period for f in tier])
        tier = [f for f in tier if f.period == latest]
    # Annual reports print a metric in several tables; the value most of them agree on is the one.
    # Columns that are only a period ("2024年") vote; a column with another dimension ("零售业务
    # 2024年", "本行") is one slice of the figure, and votes only when no plain column exists.
    # The statement's own line, settled at import, before the slices other tables print under the same label
    # (Apple's "Operating income" 119,437 on the income statement, not the Americas segment's 62,683).
    primary = [f for f in tier if getattr(f, "primary", False)]
    plain = [f for f in primary or tier if not dimension_of(f.column)]
    voters = plain or primary or tier
    votes = Counter((f.value, f.unit) for f in voters)
    (value, unit), agreeing = max(votes.items(), key=lambda kv: (kv[1], bool(kv[0][1]), -min(
        f.page for f in voters if (f.value, f.unit) == kv[0])))
    chosen = min((f for f in voters if (f.value, f.unit) == (value, unit)),
                 key=lambda f: (f.page, f.table_no, f.row_no))
    change = change_for(chosen, facts)
    if change is None or change.extra.get("computed"):
        # The same figure printed elsewhere with its change beside it (净利润 44,508 in the income
        # statement; 归属于本行股东的净利润 44,508 | (4.2%) in the key figures): cite that row, whose
        # change is printed rather than computed.
        for other in sorted(facts, key=lambda f: (f.page, f.table_no)):
            if other.kind == "value" and other.doc_id == chosen.doc_id and other.value == chosen.value \
                    and other.unit == chosen.unit and other.period == chosen.period \
                    and label_score(metric, other.row_label) >= min_score:
                printed = change_for(other, facts)
                if printed is not None and not printed.extra.get("computed"):
                    chosen, change = other, printed
                    break
    others = [f for f in tier if f is not chosen]
    return FactMatch(metric=metric, fact=chosen, score=top, change=change, agreeing=agreeing, others=others)


def change_for(fact: Fact, facts: list[Fact]) -> Fact | None:
    """The row's printed change for ``fact``'s period, else the change computed from the prior period."""
    row = [f for f in facts if f.doc_id == fact.doc_id and f.table_no == fact.table_no and f.row_no == fact.row_no]
    printed = [f for f in row if f.kind == "change" and (f.period == fact.period[:4] or not f.period)]
    if printed:
        return printed[0]
    if not fact.period[:4].isdigit():
        return None
    prior_year = str(int(fact.period[:4]) - 1)
    dimension = dimension_of(fact.column)
    prior = [f for f in row if f.kind == "value" and f.period == prior_year + fact.period[4:]
             and dimension_of(f.column) == dimension]
    return computed_change(fact, prior[0]) if prior else None


@dataclass
class FactQuery:
    """What a text asks for: metrics, periods and the documents (by issuer) it is about."""

    metrics: list[str]
    periods: list[str]
    doc_ids: list[str] | None
    #: An issuer the text names that no document in scope belongs to ("招商银行" in a Ping An library).
    unknown_issuer: str = ""
    #: What the text asks about with issuer, period and question words removed ("绿色贷款余额").
    residual: str = ""


def parse_query(text: str, records: list, labels: list[str], *, min_length: int = 2) -> FactQuery:
    """Read metrics, periods and issuer from ``text`` against the documents ``records``."""
    aliases = {r.doc_id: issuer_aliases(r) for r in records}
    named = [doc_id for doc_id, names in aliases.items() if any(n in text for n in names)]
    unknown = ""
    if not named:
        for word in _ISSUER_WORD.findall(text):
            core = _STRIP_SUFFIX.sub("", word)
            if len(core) >= 4 and not any(core in n or n in core for names in aliases.values() for n in names):
                unknown = word
                break
    all_names = [n for names in aliases.values() for n in names]
    from analyst_desk.core.library.glossary import translations

    # An English question finds Chinese row labels through the glossary ("net interest margin" → 净息差).
    searched = text + " " + " ".join(t for t in translations(text) if re.search(r"[" + HAN + r"]", t))
    metrics = metrics_in(searched, labels, issuers=all_names, min_length=min_length)
    return FactQuery(metrics=metrics, periods=target_periods(text), doc_ids=named or None, unknown_issuer=unknown)


def issuer_entries(records: list) -> dict[tuple, list[str]]:
    """The library's issuers as the query reader takes them — (legal, English name, (other names)) — with
    the documents of each. Other names are what the document states itself (证券简称, ticker)."""
    names: dict[tuple, list[str]] = {}
    for record in records:
        legal = getattr(record, "issuer", "") or getattr(record, "company", "") or ""
        if not legal:
            continue
        extra = tuple(n for n in (getattr(record, "short_name", ""), getattr(record, "ticker", "")) if n)
        names.setdefault((legal, getattr(record, "issuer_en", "") or "", extra), []).append(record.doc_id)
    return names


def _squeezed(text: str) -> str:
    return re.sub(r"[\s'’.,&_\-]", "", text).lower()


def documents_of(profile, records: list) -> tuple[list[str] | None, str]:
    """(doc_ids of the issuers the question names — None when it names none —, a company it names that the
    library lacks, or "")."""
    entries = issuer_entries(records)
    if profile.issuers:
        doc_ids = [d for (legal, *_), ids in entries.items() if legal in profile.issuers for d in ids]
        return doc_ids, ""
    if profile.missing or profile.issuer:
        name = (profile.missing[0] if profile.missing else profile.issuer)
        # A document whose issuer could not be read may still be about this company when its title or file
        # name says so ("EBAY_2023Q2_10Q.pdf"); never another issuer's document, and never one that does not name it.
        key = _squeezed(name)
        titled = [r.doc_id for r in records if key and key in _squeezed(
            f"{getattr(r, 'title', '') or ''} {Path(str(getattr(r, 'path', '') or '')).name}")]
        return (titled, "") if titled else ([], name)
    return None, ""


#: An English question asking for a balance at a fiscal year's end, whatever day the year ends on.
_ASKS_BALANCE = re.compile(r"\b(?:at|as of|as at)\s+(?:the\s+)?(?:end|close)\s+of\b|\byear[- ]end\b|\bbalance\b|"
                           r"\bcarr(?:y|ied)\b|\boutstanding\b", re.I)


def _balance_of_year(metric: str, match: FactMatch, pool: list[Fact], min_score: float) -> FactMatch:
    """The line's balance at the end of the year matched ("Apple's inventories at the end of fiscal 2022" is
    the balance sheet's 2022-09-24, not the cash-flow statement's change in inventories for 2022), when the
    documents print one; the match itself otherwise."""
    year = match.fact.period
    dates = sorted({f.period for f in pool if len(f.period) == 10 and f.period.startswith(year)
                    and label_key(f.row_label) == label_key(match.fact.row_label)}, reverse=True)
    balance = best_fact(metric, pool, periods=dates[:1], min_score=min_score) if dates else None
    return balance if balance is not None and balance.fact.period == dates[0] else match


def find_facts(profile, pool: list[Fact], *, min_score: float = 0.6, max_metrics: int = 8,
               min_label_length: int = 2) -> tuple[list[str], list[FactMatch], dict[str, list[str]]]:
    """The facts a question (read once, as ``profile``) asks for, among ``pool`` (the facts of its documents).

    Returns (metrics, matches, other_periods): one match per metric found, for the period the question
    names (else the latest printed); ``other_periods`` lists, per metric printed only for other years,
    the periods the documents do print.
    """
    labels = list({f.row_label for f in pool if f.period})
    searched = profile.question + " " + " ".join(t for t in profile.metric_terms if re.search(r"[" + HAN + r"]", t))
    metrics = []
    if profile.language == "en":
        asked = profile.question
        for name in sorted(profile.mentions, key=len, reverse=True):
            asked = re.sub(re.escape(name) + r"(?:['’]s)?", " ", asked, flags=re.I)
        # A date is no metric word: "May" of "at May 31, 2022" left "goodwill" one word of two asked.
        metrics = english_metrics(_PERIOD_TEXT.sub(" ", ENGLISH_DATE.sub(" ", asked)), labels)
    if not metrics:
        # An English question's English labels were read word by word above: a label it merely contains as a
        # string ("Total" in "total liabilities") is no line it asks for; its Chinese glossary terms still look.
        shown = [label for label in labels if profile.language != "en" or re.search(r"[" + HAN + r"]", label)]
        metrics = metrics_in(searched, shown, issuers=list(profile.mentions), min_length=min_label_length)
        if profile.language == "en":  # nor are its leftover English words ("total", "vs") lines to look up
            metrics = [m for m in metrics if re.search(r"[" + HAN + r"]", m)]
    periods = list(profile.periods) or None
    matches: list[FactMatch] = []
    other: dict[str, list[str]] = {}
    # "短期借款余额" is the 短期借款 line at a date: 余额 says balance, no word the line's label must cover.
    residual = "".join(re.sub(r"(?<=..)的?余额$", "", t) for t in profile.metric_terms if re.search(r"[" + HAN + r"]", t)
                       and not re.search(r"[a-z]", t))
    if profile.language == "en":
        residual = next((t for t in profile.metric_terms if re.search(r"[" + HAN + r"]", t)), "")
    years_printed = {f.period[:4] for f in pool if f.period}
    for metric in metrics[:max_metrics]:
        match = best_fact(metric, pool, periods=periods, min_score=min_score)
        if match is not None and len(match.fact.period) == 4 and _ASKS_BALANCE.search(profile.question):
            match = _balance_of_year(metric, match, pool, min_score)
        if match is not None and all(m.fact.fact_id != match.fact.fact_id for m in matches):
            english_label = not re.search(r"[" + HAN + r"]", match.fact.row_label)
            if profile.language == "en" and english_label:
                # How much of what the question names the label covers, word for word ("Net revenue" covers
                # one word of "Data Center Group revenue": the total is not the segment asked for).
                match.coverage = english_coverage(profile.question, profile.mentions, match.fact.row_label)
            elif residual:
                match.coverage = min(1.0, len(label_key(match.fact.row_label) or metric) / len(residual))
            matches.append(match)
        elif match is None and periods and not ({p[:4] for p in periods} & years_printed):
            anywhere = best_fact(metric, pool, periods=None, min_score=max(min_score, 0.8))
            if anywhere is not None:
                found = sorted({f.period for f in pool if f.kind == "value" and f.period
                                and label_score(metric, f.row_label) >= anywhere.score - 0.05},
                               key=lambda p: (p[:4], len(p) == 4, "-12-31" in p, p), reverse=True)
                other[anywhere.fact.row_label] = found
    return metrics, matches, other
