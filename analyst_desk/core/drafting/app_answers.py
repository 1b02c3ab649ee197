"""What the app answers itself from the facts, without the model: figures with their period, unit and page;
ratios and growth computed with their formula and cited inputs; comparisons as a cited table; lists as the
rows of the table that lists them; and the "no report on this company" answer. Also the one reading of a
question against the library's issuers (``read_question``) and the ``FactBook`` an answer uses (``facts_for``).
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager

from analyst_desk.core.cjk import HAN
from analyst_desk.core.drafting.computed_answers import Built, comparison_answer, derived_answer, list_answer
from analyst_desk.core.drafting.fact_answers import (
    DIRECT_COVERAGE,
    fact_sentences,
)
from analyst_desk.core.drafting.fact_use import (
    fact_hits,
    locate,
    number_facts,
    period_words,
)
from analyst_desk.core.drafting.grounded import GroundedResult, not_found_result, stable_numbering
from analyst_desk.core.drafting.verification import verify
from analyst_desk.core.facts.book import FactLookup
from analyst_desk.core.facts.derived import find_measure, growth_metric, kind_rank, line_fact, share_question
from analyst_desk.core.facts.lookup import (
    FactMatch,
    FactQuery,
    change_for,
    english_coverage,
    find_facts,
    issuer_entries,
)
from analyst_desk.core.library.query_profile import parse_query

log = logging.getLogger(__name__)

AUTO = "auto"


def read_question(question: str, records: list):
    """The question read once against the library's issuers (a ``QueryProfile``)."""
    return parse_query(question, list(issuer_entries(records)))


def library_documents(retriever) -> list:
    documents = getattr(retriever, "documents", None)
    try:
        return [r for r in documents() if getattr(r, "status", "complete") == "complete"] if callable(documents) else []
    except Exception:  # a retriever without a catalogue: no issuers to resolve
        log.exception("Documents of the retriever could not be listed")
        return []


def lookup_facts(profile, facts, scope: list[str]) -> FactLookup:
    pool = facts.facts(scope)
    metrics, matches, other = find_facts(profile, pool)
    wanted = list(profile.periods) or None
    for index, match in enumerate(matches):
        # A standard statement line: the primary statement's cell, when the row voted for sits elsewhere
        # (Apple's net income in a share-count table read as "USD thousand").
        line = line_fact(match.metric, [f for f in pool if f.doc_id == match.fact.doc_id], wanted or [match.fact.period])
        if line is not None and line is not match.fact and kind_rank(line) < kind_rank(match.fact) \
                and line.period[:4] == match.fact.period[:4]:
            matches[index] = FactMatch(metric=match.metric, fact=line, score=match.score, change=change_for(line, pool),
                                       coverage=match.coverage)
    residual = [t for t in profile.metric_terms if re.search(r"[" + HAN + r"]", t) and not re.search(r"[a-z]", t)]
    whole = "".join(residual) if profile.language == "zh" else (residual[0] if residual else "")
    if whole and all(m.coverage < DIRECT_COVERAGE for m in matches):
        # What the question names is a standard line printed under another name ("归属于母公司股东的净利润" as
        # "归属于母公司所有者的净利润"): that line, not the shorter row the label search found ("净利润").
        line = line_fact(whole, pool, wanted)
        if line is not None and profile.language == "en" and not re.search(r"[" + HAN + r"]", line.row_label) and \
                english_coverage(profile.question, profile.mentions, line.row_label) <= max(
                    (m.coverage for m in matches), default=-1.0):
            line = None  # "operating income" is its own line in a 10-K, not the revenue line a glossary names 营业收入
        if line is not None:
            matches, other = [FactMatch(metric=whole, fact=line, score=1.0, change=change_for(line, pool))], {}
    if not matches:
        # A standard statement line printed under another name ("营业收入" as "一、营业总收入").
        for metric in metrics[:3]:
            line = line_fact(metric, pool, wanted)
            if line is not None:
                matches.append(FactMatch(metric=metric, fact=line, score=1.0, change=change_for(line, pool)))
                other = {}
                break
    if profile.language == "en":
        for match in matches:  # a standard line found under a Chinese metric: how much of the English it covers
            if not re.search(r"[" + HAN + r"]", match.fact.row_label):
                match.coverage = min(match.coverage, english_coverage(profile.question, profile.mentions,
                                                                      match.fact.row_label))
    query = FactQuery(metrics=metrics, periods=list(profile.periods), doc_ids=scope or None)
    residual = [t for t in profile.metric_terms if re.search(r"[" + HAN + r"]", t)]
    query.residual = residual[0] if profile.language == "en" and residual else "".join(
        t for t in residual if not re.search(r"[a-z]", t))
    return FactLookup(query=query, matches=matches, definition=profile.intent == "definition", other_periods=other)


#: A line compared across companies or years names at least half of what the question asks for.
_COMPARED_COVERAGE = 0.5
_ALL_COMPANIES = re.compile(r"[两三四五六七八九十几各]家|所有公司|各公司|all (?:the )?companies|each company|every company", re.I)


def app_answer(profile, facts, scope: list[str], records: dict, language: str, missing: list[str]):
    """Ratios, comparisons and lists the app answers from the facts alone (never the model), or None."""
    if profile.intent in ("definition", "why"):
        return None
    measure = find_measure(profile.question, ignore=profile.mentions)
    growth_of = "" if measure is not None else growth_metric(profile.question, profile.metric_terms)
    if measure is None and not growth_of:
        growth_of = share_question(profile.question) or ""  # (part, whole): a share of one line in another
    names = {d: short_name(records.get(d), language, profile.question) for d in scope}
    several = len(profile.issuers) > 1 or bool(_ALL_COMPANIES.search(profile.question))
    docs = scope
    if measure is not None or growth_of:
        pools = {d: facts.facts([d]) for d in docs}
        pools = {d: p for d, p in pools.items() if p}
        # No company named in a library of several: each document whose tables allow it gets its cell.
        built, lacking = derived_answer(measure, growth_of, pools, names, list(profile.periods), records, language)
        if built is None:
            what = (measure.zh if language == "zh" else measure.en) if measure is not None else \
                growth_of if isinstance(growth_of, str) else ("占比" if language == "zh" else "the share")
            result = _result_of_missing_inputs(what, language, missing)
            if profile.periods:
                # Printed or computable for another period only: say which one the documents give.
                other, _ = derived_answer(measure, growth_of, pools, names, [], records, language)
                if other is not None:
                    when = sorted({period_words(d["period"], language) for d in other.derived})
                    result.text = not_found_result(language).text + (
                        f"资料中{what}只有{'、'.join(when)}的数据。" if language == "zh" else
                        f" The documents give {what} for {', '.join(when)} only.")
            return result
        if len(built.derived) == 1 and not built.derived[0]["computed"] and built.facts:
            # One figure the report prints (净息差): the fact answer, which adds the change the table prints.
            printed = built.facts[0]
            pool = pools.get(printed.doc_id, [])
            lookup = FactLookup(query=FactQuery(metrics=[measure.zh if measure else printed.row_label],
                                                periods=list(profile.periods), doc_ids=[printed.doc_id]),
                                matches=[FactMatch(metric=printed.row_label, fact=printed, score=1.0,
                                                   change=change_for(printed, pool))])
            result = answer_from_facts(lookup, records, language, profile.question)
            result.derived, result.missing_companies = built.derived, list(missing)
            if missing:
                result.text += _missing_note(missing, language)
            return result
        return _built_result(built, language, missing)
    if profile.intent == "compare" and (several or len(set(profile.years)) > 1):
        pools = {d: facts.facts([d]) for d in docs}
        lookup = lookup_facts(profile, facts, docs)
        metric = lookup.matches[0].metric if lookup.matches else (lookup.query.metrics[0] if lookup.query.metrics else "")
        if lookup.matches and lookup.matches[0].coverage < _COMPARED_COVERAGE:
            metric = ""  # "注册资本合计" is no "合计" row of some table: a line covering little of the question
        if metric:
            # Each company's own line for what was asked, where it prints the measure under another name.
            own_names = {d: own.matches[0].metric for d in docs
                         if (own := lookup_facts(profile, facts, [d])).matches} if several else None
            built = comparison_answer(metric, pools, names, list(profile.periods), records, language,
                                      own_names=own_names)
            if built is not None:
                return _built_result(built, language, missing)
    if profile.intent == "list":
        pools = {d: facts.facts([d]) for d in docs}
        terms = [t for t in profile.metric_terms if re.search(r"[" + HAN + r"]", t)]
        built = list_answer(terms, pools, names, records, language)
        if built is not None:
            return _built_result(built, language, missing)
    return None


def short_name(record, language: str = "zh", question: str = "") -> str:
    """The issuer as an answer names it: the name the question used for it ("银禧科技"), else its legal name
    without the legal form ("湖南南岭民用爆破器材"; the shortest alias read "南岭器材" or "东莞", a city), or in
    English its English name without the legal form ("Guangdong Silver Age Sci & Tech") when the document prints one."""
    from analyst_desk.core.facts.lookup import issuer_aliases

    english = (getattr(record, "issuer_en", "") or "") if record is not None else ""
    if language != "zh" and english:
        name = re.sub(r"[\s,]*(Co\.,?\s*Ltd\.?|Company Limited|Corporation|Limited|Inc\.?|Corp\.?)\s*$", "",
                      english.replace("＆", "&"), flags=re.IGNORECASE).strip(" ,.")
        return " ".join(_readable_word(w) for w in name.split())
    names = issuer_aliases(record) if record is not None else []
    said = max((n for n in names if question and n in question), key=len, default="")
    if said:
        return said
    legal = getattr(record, "issuer", "") or getattr(record, "company", "") or ""
    stripped = re.sub(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|股份公司)$", "", legal.strip())
    return stripped if len(stripped) >= 2 and stripped != legal.strip() else (names[-1] if names else "")


def _readable_word(word: str) -> str:
    """A word of a name printed in capitals as a sentence writes it: GUANGDONG → Guangdong, McDONALD’S →
    McDonald’s; acronyms (LED, IPO, USA, PRC) and words already in mixed case stay as printed."""
    if word in ("LED", "IPO", "USA", "PRC") or len(word) < 3 or sum(c.isupper() for c in word) < 3:
        return word
    if word.startswith("Mc") and len(word) > 3:
        return "Mc" + word[2].upper() + word[3:].lower()
    return word[0].upper() + word[1:].lower()


def _built_result(built: Built, language: str, missing: list[str]) -> GroundedResult:
    text = built.text
    if missing:
        text += _missing_note(missing, language)
    verification = verify(text, built.sources, exact=locate(text, built.written))
    return GroundedResult(text=text, sources=built.sources, verification=verification, language=language,
                          raw_text=text, from_facts=True, derived=built.derived, table=built.table,
                          missing_companies=list(missing))


def _result_of_missing_inputs(what: str, language: str, missing: list[str]) -> GroundedResult:
    result = not_found_result(language)
    result.text += (f"资料中未找到计算{what}所需的数据（或报告所列的{what}）。" if language == "zh" else
                    f" The documents do not print {what} or the figures needed to compute it.")
    result.missing_companies = list(missing)
    return result


def _missing_note(missing: list[str], language: str) -> str:
    names = "、".join(missing) if language == "zh" else ", ".join(missing)
    return f"资料库中没有{names}的报告，未给出其数据。" if language == "zh" else \
        f" The library holds no report on {names}; no figure is given for it."


def missing_company_result(missing: list[str], language: str) -> GroundedResult:
    result = not_found_result(language)
    result.text += ("" if language == "zh" else " ") + _missing_note(missing, language).strip()
    result.missing_companies = list(missing)
    return result


@contextmanager
def facts_for(retriever, facts=AUTO):
    """The ``FactBook`` to use: the one given, None, or (``AUTO``) one opened on the retriever's library
    for the duration (a ``Library`` or ``LibrarySet``; anything else has no facts)."""
    if facts != AUTO:
        yield facts
        return
    book = None
    if hasattr(retriever, "documents") and (hasattr(retriever, "folder") or hasattr(retriever, "libraries")):
        try:
            from analyst_desk.core.facts import FactBook

            book = FactBook.of(retriever)
        except Exception:  # facts are an aid: without them Ask answers from passages as before
            log.exception("Facts of the library could not be opened")
    try:
        yield book
    finally:
        if book is not None:
            book.close()


def answer_from_facts(lookup, records: dict, language: str, question: str = "") -> GroundedResult:
    """The answer the app writes from facts alone: each figure with its period, unit and page."""
    numbered = number_facts(lookup.matches)
    sources = stable_numbering(fact_hits(lookup.matches, records))
    source_number = {s.chunk_id: s.number for s in sources}
    issuer = _issuer_name(lookup, records, language, question)
    text = fact_sentences(numbered, source_number, language, issuer)
    written = [n.written(language) for n in numbered]
    return GroundedResult(text=text, sources=sources, verification=verify(text, sources, exact=locate(text, written)),
                          language=language, prompt=lookup.query.metrics and " ".join(lookup.query.metrics) or "",
                          raw_text=text, facts=numbered, from_facts=True)


def _issuer_name(lookup, records: dict, language: str, question: str = "") -> str:
    """The short name of the issuer whose table answered ("平安银行" for 平安银行股份有限公司)."""

    doc_ids = {m.fact.doc_id for m in lookup.matches}
    if len(doc_ids) != 1:
        return ""
    return short_name(records.get(next(iter(doc_ids))), language, question)
