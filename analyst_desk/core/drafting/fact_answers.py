"""Answering "X是多少 / what was X" straight from the facts: figure, period, unit and page first, no model.

A question that asks for a figure the library's tables print is answered by the app: the value as
printed with its unit, the period of its column, the change the table prints (or one the app
computes, labelled so), and the page — the same answer with or without a model. Questions that ask
why, how, or what something means go to the model (with the facts beside the passages).
"""

from __future__ import annotations

import re

from analyst_desk.core.cjk import HAN
from analyst_desk.core.drafting.fact_use import NumberedFact, display_label, period_words  # noqa: F401 - re-exported
from analyst_desk.core.facts.book import FactLookup
from analyst_desk.core.library.table_facts.model import MONEY_UNITS

#: A label this close to the metric (the same words, at most a short qualifier) is the metric.
DIRECT_SCORE = 0.8
#: …and names most of what the question asks about ("贷款" does not answer "绿色贷款余额").
DIRECT_COVERAGE = 0.7
#: Facts covering less than this of the question are not given to the model either ("企业贷款" 1.6 trillion
#: handed over for "企业贷款不良率" is a figure waiting to be misused).
MODEL_COVERAGE = 0.7
_NOT_A_FIGURE = re.compile(r"原因|为什么|为何|如何|怎样|怎么|措施|影响|介绍|分析|哪些|哪家|哪个|是谁|什么|说明|解释|why|how did|how does|"
                           r"how do|explain|describe|reason|which|who", re.I)


def is_figure_question(question: str, lookup: FactLookup) -> bool:
    """True when the question asks for figures the facts hold (not why, how, or a definition)."""
    if lookup.definition or not lookup.matches or _NOT_A_FIGURE.search(question):
        return False
    if _asks_quantity(question) and all(m.fact.unit in MONEY_UNITS or m.fact.unit.startswith("USD")
                                        for m in lookup.matches):
        return False  # "how much coal did it sell" asks tonnes; a money row is another quantity
    return all(m.score >= DIRECT_SCORE and m.coverage >= DIRECT_COVERAGE for m in lookup.matches)


_QUANTITY = re.compile(r"销售量|销量|产量|出口量|储量|装机容量|吨|千瓦|how much coal|how many tons|\btonnes?\b|\btons\b|volume|"
                       r"capacity|production|output|\bsell\b|\bsold\b", re.I)


def _asks_quantity(question: str) -> bool:
    from analyst_desk.core.library.glossary import translations

    return bool(_QUANTITY.search(question) or any(t.endswith("量") for t in translations(question)))


def fact_sentences(numbered: list[NumberedFact], source_number: dict[str, int], language: str,
                   issuer: str = "") -> str:
    """One sentence per metric: "平安银行2024年的净息差为1.87%（第16页）[1]，较上年下降0.51个百分点[1]。"."""
    sentences = []
    for item, change in value_change_pairs(numbered):
        fact = item.fact
        cite = f"[{source_number[item.chunk_id]}]" if item.chunk_id in source_number else ""
        when = period_words(fact.period, language)
        if language == "zh":
            sentence = f"{issuer}{when}的{display_label(fact.row_label)}为{item.written(language)}（第{fact.page}页）{cite}"
            if change is not None:
                sentence += f"，较上年{change.written(language)}"
            sentences.append(sentence + "。")
        else:
            who = f"{issuer} " if issuer else ""
            sentence = f"{who}{english_label(fact.row_label)}, {when}: {item.written(language)} (page {fact.page})"
            if change is not None:
                sentence += f", {change.written(language)} on the prior period"
            sentences.append(f"{sentence} {cite}".rstrip() + ".")
    # Two metrics of the question may settle on one cell ("net revenue" and "revenue"): said once.
    sentences = list(dict.fromkeys(sentences))
    return "".join(sentences) if language == "zh" else " ".join(sentences)


def english_label(label: str) -> str:
    """A Chinese row label in an English answer: its glossary term with the label as printed
    ("operating revenue (营业收入)"), or the label alone when the glossary has none."""
    from analyst_desk.core.library.glossary import TERMS

    key = re.sub(r"^\s*(?:[一二三四五六七八九十]+[、.．]|其中[:：])|[（(][^）)]*[)）]\s*$", "", label).strip()
    if not re.search(r"[" + HAN + r"]", key):
        return label
    english = max((e for e, c in TERMS if c == key and len(e) > 4), key=len, default="")
    if not english:
        from analyst_desk.core.facts.derived import COMPONENTS, english_component

        component = next((c for c, names in COMPONENTS.items() if key in (c, *names)), "")
        english = english_component(component) if component else ""
    return f"{english} ({label})" if english else label


def value_change_pairs(numbered: list[NumberedFact]) -> list[tuple[NumberedFact, NumberedFact | None]]:
    """Each value with the change numbered right after it (``number_facts`` order), if any."""
    pairs = []
    for index, item in enumerate(numbered):
        if item.fact.kind != "value":
            continue
        following = numbered[index + 1] if index + 1 < len(numbered) else None
        change = following if following is not None and following.fact.kind == "change" \
            and following.metric == item.metric else None
        pairs.append((item, change))
    return pairs


def change_sentences(pairs: list[tuple[NumberedFact, NumberedFact]], source_number: dict[str, int], language: str,
                     issuer: str = "") -> str:
    """"平安银行2024年净利润较上年下降4.2%[2]。" for values already stated whose change was not."""
    out = []
    for value, change in pairs:
        fact = value.fact
        cite = f"[{source_number[change.chunk_id]}]" if change.chunk_id in source_number else ""
        when = period_words(fact.period, language)
        if language == "zh":
            out.append(f"{issuer}{when}{fact.row_label}较上年{change.written(language)}{cite}。")
        else:
            who = f"{issuer} " if issuer else ""
            out.append(f"{who}{fact.row_label}, {when}: {change.written(language)} on the prior period {cite}".rstrip()
                       + ".")
    return "".join(out) if language == "zh" else " ".join(out)


def missing_period_note(question: str, lookup: FactLookup, available: dict[str, list[str]], language: str) -> str:
    """"资料中只有净息差2024年、2023年的数据。" when the question asks for a period the tables do not print."""
    if not available:
        return ""
    parts = []
    for metric, periods in available.items():
        shown = "、".join(period_words(p, language) for p in periods[:4]) if language == "zh" else \
            ", ".join(period_words(p, language) for p in periods[:4])
        parts.append(f"{metric}：{shown}" if language == "zh" else f"{metric}: {shown}")
    if language == "zh":
        return "资料中未找到所问期间的数据；资料中有的期间为 " + "；".join(parts) + "。"
    return "Not found for the period asked; the documents give " + "; ".join(parts) + "."
