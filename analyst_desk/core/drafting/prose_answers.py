"""Answering "X是多少" from a figure the report prints in a sentence: the app reads the value, its unit and its
period (``prose_figures``), states it with its page and quotes the sentence — the model types no figure.

Asked for a period, only a value of that period answers; asked for none, the report's own latest period does.
A sentence that names no period is of its report's period.
"""

from __future__ import annotations

import re

from analyst_desk.core.cjk import HAN
from analyst_desk.core.drafting.fact_use import period_words
from analyst_desk.core.drafting.grounded import GroundedResult
from analyst_desk.core.drafting.narrative.results import QUOTE_PREFIX, _quote_line
from analyst_desk.core.drafting.narrative.text import split_sentences
from analyst_desk.core.drafting.prose_figures import ProseFigure, figures_in
from analyst_desk.core.drafting.sources import Source
from analyst_desk.core.drafting.verification import verify

#: A question that asks why, how, which, or for a list is not asking for one figure.
_NOT_ONE_FIGURE = re.compile(r"原因|为什么|为何|如何|怎样|怎么|措施|影响|介绍|分析|哪些|哪家|哪个|是谁|什么|说明|解释|分别|对比|比较|"
                             r"趋势|变化|增长率|增速|占比|比例|why|how did|how does|explain|describe|which|who|compare|trend",
                             re.I)


def answer_from_prose(profile, hits: list, records: dict, language: str) -> GroundedResult | None:
    """The asked measure's value as a sentence of ``hits`` states it, or None when no sentence states it surely."""
    if profile.intent != "figure" or _NOT_ONE_FIGURE.search(profile.question):
        return None
    terms = sorted({t for t in profile.metric_terms if len(re.findall(f"[{HAN}]", t)) >= 3}, key=len, reverse=True)
    if not terms:
        return None
    wanted = set(profile.periods)
    found: list[tuple[tuple, ProseFigure, object]] = []
    for rank, hit in enumerate(hits):
        record = records.get(hit.doc_id)
        issuer = profile.issuer or str(getattr(record, "issuer", "") or "")[:4]
        report_period = str(getattr(record, "period", "") or "")
        for sentence in split_sentences(hit.text):
            for figure in figures_in(sentence, terms, issuer=issuer, context=hit.text):
                periods = set(figure.periods) or {report_period, report_period[:4]} - {""}
                if wanted and not periods & wanted:
                    continue
                # Asked for no period: the report's latest is the one a reader means.
                latest = not wanted and bool(periods & {report_period, report_period[:4]})
                if not wanted and figure.periods and not latest:
                    continue
                score = (figure.whole_term, bool(figure.periods), figure.own, latest, -rank)
                found.append((score, figure, hit))
    if not found:
        return None
    found.sort(key=lambda f: f[0], reverse=True)
    _, best, hit = found[0]
    rivals = [f for f in found[1:] if f[0][:3] == found[0][0][:3] and f[1].value != best.value
              and f[1].periods == best.periods]
    if rivals:
        return None  # two sentences, equally sure, with two values: the app does not choose for the reader
    return _result(profile, best, hit, [f for f in found[1:] if f[1].value == best.value and f[2].page != hit.page],
                   language)


def _result(profile, figure: ProseFigure, hit, seconds: list, language: str) -> GroundedResult:
    sources = [Source.from_hit(hit, 1)]
    period = _period_code(figure, profile)
    when = period_words(period, language) if period else ""
    if language == "zh":
        head = f"{when}{figure.term}为{figure.value}（第{hit.page}页）[1]。"
    else:
        head = f"{figure.term}{', ' + when if when else ''}: {figure.value} (p. {hit.page}) [1]."
    lines = [head, QUOTE_PREFIX[language], _quote_line(figure.sentence, hit, 1, language)]
    for _, other, other_hit in seconds[:1]:  # the same figure on another page: the reader sees it corroborated
        sources.append(Source.from_hit(other_hit, 2))
        lines.append(_quote_line(other.sentence, other_hit, 2, language))
    text = "\n".join(lines)
    result = GroundedResult(text=text, sources=sources, verification=verify(text, sources), language=language,
                            raw_text=text)
    result.from_facts = True
    result.fact_notes.append(f"read from a sentence: {figure.term} = {figure.value} ({period or 'no period'})")
    return result


def _period_code(figure: ProseFigure, profile) -> str:
    """The period to name: the asked one the value is of, else the value's own (a balance date before a year)."""
    for code in profile.periods:
        if code in figure.periods:
            return code
    return figure.periods[0] if figure.periods else ""
