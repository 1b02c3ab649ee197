"""Grounded generation, shared by Ask and drafting: passages → window → cited text → verification.

``generate_grounded`` fits the best passages into the model's window (measured with its own
tokenizer), streams text that cites them as [n], repairs the citation numbers, and checks the
result in Python. When the passages do not fit, it notes facts per group of passages (map) and
writes from the notes (reduce); citation numbers stay those of the original passages, so the
final text is verified against the real pages either way. ``answer_question`` adds retrieval and
the "not found" rule (the model is not called when nothing relevant was retrieved).
"""

from __future__ import annotations

import inspect
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Callable

from analyst_desk.core.cancel import NEVER, CancelToken
from analyst_desk.core.cjk import HAN
from analyst_desk.core.drafting.attribution import Attribution, attribute
from analyst_desk.core.drafting.computed_answers import Built, comparison_answer, derived_answer, list_answer
from analyst_desk.core.drafting.fact_answers import (
    DIRECT_COVERAGE,
    MODEL_COVERAGE,
    fact_sentences,
    is_figure_question,
    missing_period_note,
)
from analyst_desk.core.drafting.fact_use import (
    NumberedFact,
    fact_hits,
    facts_prompt,
    locate,
    number_facts,
    period_words,
    write_facts,
)
from analyst_desk.core.drafting.prompts import (
    NOT_FOUND,
    SYSTEM_PROMPT,
    PromptParts,
    fit_hits,
    language_of,
    render_sources,
)
from analyst_desk.core.drafting.relevance import relevant_hits
from analyst_desk.core.drafting.sources import Retriever, Source
from analyst_desk.core.drafting.verification import Flag, Verification, correct_units, tidy_markers, verify
from analyst_desk.core.facts.book import FactLookup
from analyst_desk.core.facts.derived import find_measure, growth_metric, kind_rank, line_fact, share_question
from analyst_desk.core.facts.lookup import FactMatch, FactQuery, change_for, documents_of, find_facts, issuer_entries
from analyst_desk.core.library.query_profile import parse_query
from analyst_desk.core.progress import Progress, no_progress

log = logging.getLogger(__name__)

#: ``facts`` default: the facts of the library the retriever searches, when it is a library.
AUTO = "auto"
_MAP_TOKENS = 160
_PROMPT_MARGIN = 48  # chat-template tokens around the messages


@dataclass
class GroundedResult:
    """A cited text and its check. ``sources`` are exactly the passages the model was given."""

    text: str
    sources: list[Source]
    verification: Verification
    language: str
    not_found: bool = False
    cancelled: bool = False
    map_reduce: bool = False
    prompt: str = ""
    stats: object | None = None
    #: The model's own words before citation repair, and what the repair changed.
    raw_text: str = ""
    attribution: Attribution | None = None
    #: Facts given to the model (or written by the app), as numbered: {F1} → fact.
    facts: list[NumberedFact] = field(default_factory=list)
    #: True when the app answered from the facts without the model.
    from_facts: bool = False
    #: What the app changed when writing facts in: retyped digits, unknown tags.
    fact_notes: list[str] = field(default_factory=list)
    #: Figures the app derived (ratios, growth): formula, inputs with pages, ``computed``.
    derived: list[dict] = field(default_factory=list)
    #: A comparison the app built from facts ({"metric", "cells": [...]}) or a list ({"items": [...]}).
    table: dict | None = None
    #: Companies the question names that the library holds no report on.
    missing_companies: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        cited = set(self.verification.citations)
        return {"answer": self.text, "language": self.language, "not_found": self.not_found,
                "from_facts": self.from_facts,
                "facts": [{"tag": f"F{n.number}", "written": n.written(self.language), "computed": n.computed,
                           **n.fact.to_json()} for n in self.facts],
                "fact_notes": self.fact_notes, "derived": self.derived, "table": self.table,
                "missing_companies": self.missing_companies,
                "cancelled": self.cancelled, "map_reduce": self.map_reduce,
                "citations": [{"number": s.number, "document": s.title, "page": s.page, "path": s.path,
                               "cited": s.number in cited, "heading": s.heading} for s in self.sources],
                "verification": self.verification.to_json(),
                "citation_repair": self.attribution.to_json() if self.attribution else None,
                "model_text": self.raw_text}


def stable_numbering(hits: list) -> list[Source]:
    """Number passages in document/page order, so the same passages always give the same prompt."""
    ordered = sorted(hits, key=lambda h: (h.title, h.page, h.chunk_id))
    return [Source.from_hit(h, i) for i, h in enumerate(ordered, start=1)]


def generate_grounded(engine, *, task: str, hits: list, language: str, preamble: str = "",
                      max_tokens: int = 400, temperature: float = 0.1, cancel: CancelToken = NEVER,
                      on_chunk: Callable[[str], None] | None = None, progress=None,
                      numbering: Callable[[list], list[Source]] = stable_numbering,
                      context_size: int | None = None, label: str = "Question", facts: list | None = None,
                      records: dict | None = None) -> GroundedResult:
    """Write ``task`` from ``hits`` (best first) with citations, then verify it.

    ``context_size`` overrides the engine's window (to plan for a smaller model); the prompt and
    the answer always fit in it. Cancelling keeps the partial text (``cancelled=True``).
    ``facts`` (``FactMatch`` list) are given to the model as numbered tags it writes instead of
    figures; their rows join the passages (first, so they always fit) and the app writes them in.
    """
    progress = progress or no_progress
    on_chunk = on_chunk or (lambda _chunk: None)
    window = min(context_size or engine.context_size, engine.context_size)
    numbered = number_facts(facts or [])
    if numbered:
        fact_rows = fact_hits(facts or [], records or {})
        taken = {h.chunk_id for h in fact_rows}
        hits = fact_rows + [h for h in hits if h.chunk_id not in taken]
    facts_text = facts_prompt(numbered, {n.chunk_id: 0 for n in numbered}, language) if numbered else ""
    skeleton = PromptParts(task=task, language=language, preamble=preamble, label=label, facts_text=facts_text)
    fixed = engine.count_tokens(SYSTEM_PROMPT) + engine.count_tokens(skeleton.user_text()) + _PROMPT_MARGIN
    budget = window - max_tokens - fixed
    if budget < 200:
        max_tokens = max(64, window - fixed - 200)
        budget = window - max_tokens - fixed
    fitted, rest = fit_hits(engine.count_tokens, hits, budget)
    if not rest:
        sources = numbering(fitted)
        parts = PromptParts(task=task, language=language, preamble=preamble, sources_text=render_sources(sources, language),
                            label=label, facts_text=_facts_text(numbered, sources, language))
        progress(Progress(0, 1, "writing"))
        text, stats = _stream(engine, parts, max_tokens, temperature, cancel, on_chunk)
        progress(Progress(1, 1, "writing"))
        return _result(text, sources, language, parts, stats, cancel, map_reduce=False, numbered=numbered)
    return _map_reduce(engine, task=task, hits=hits, language=language, preamble=preamble, max_tokens=max_tokens,
                       temperature=temperature, cancel=cancel, on_chunk=on_chunk, progress=progress,
                       numbering=numbering, window=window, label=label, numbered=numbered)


def _facts_text(numbered: list[NumberedFact], sources: list[Source], language: str) -> str:
    return facts_prompt(numbered, {s.chunk_id: s.number for s in sources}, language) if numbered else ""


def _map_reduce(engine, *, task, hits, language, preamble, max_tokens, temperature, cancel, on_chunk, progress,
                numbering, window, label, numbered=()) -> GroundedResult:
    """Too much material for one window: note facts per group of passages, then write from the notes."""
    sources = numbering(hits)
    by_chunk = {s.chunk_id: s for s in sources}
    map_task = (f"Note the facts in these passages that help with: {task.strip()}\nWrite at most 5 short bullet "
                "points, each copying its figures exactly and ending with its passage number like [n]. "
                "If nothing is relevant, write: none.")
    map_fixed = (engine.count_tokens(SYSTEM_PROMPT) + engine.count_tokens(PromptParts(map_task, language).user_text())
                 + _PROMPT_MARGIN)
    map_budget = max(200, window - _MAP_TOKENS - map_fixed)
    groups, rest = [], list(hits)
    while rest:
        fitted, rest = fit_hits(engine.count_tokens, rest, map_budget)
        if not fitted:
            break
        groups.append([replace(by_chunk[h.chunk_id], text=h.text) for h in fitted])
    notes: list[str] = []
    total = len(groups) + 1
    for index, group in enumerate(groups):
        if cancel.cancelled:
            break
        progress(Progress(index, total, f"reading passages {index + 1}/{len(groups)}"))
        parts = PromptParts(task=map_task, language=language, sources_text=render_sources(group, language), label="Task")
        text, _ = _stream(engine, parts, _MAP_TOKENS, 0.0, cancel, lambda _c: None)
        text = tidy_markers(text).strip()
        if text and text.lower().strip(" .。") != "none":
            notes.append(text)
    progress(Progress(len(groups), total, "writing"))
    notes_text = "\n".join(notes)
    budget = window - max_tokens - engine.count_tokens(SYSTEM_PROMPT) - _PROMPT_MARGIN - 200
    while notes_text and engine.count_tokens(notes_text) > budget:
        notes_text = notes_text[: int(len(notes_text) * 0.85)]
    parts = PromptParts(task=task, language=language, preamble=preamble, label=label,
                        sources_text="Notes taken from the numbered passages (keep their [n] numbers):\n" + notes_text,
                        facts_text=_facts_text(list(numbered), sources, language))
    text, stats = ("", None) if cancel.cancelled else _stream(engine, parts, max_tokens, temperature, cancel, on_chunk)
    progress(Progress(total, total, "done"))
    return _result(text, sources, language, parts, stats, cancel, map_reduce=True, numbered=list(numbered))


def _stream(engine, parts: PromptParts, max_tokens, temperature, cancel, on_chunk) -> tuple[str, object]:
    generation = engine.stream_chat(parts.messages(), max_tokens=max_tokens, temperature=temperature, cancel=cancel)
    for chunk in generation:
        on_chunk(chunk)
    return generation.text, generation.stats


def _result(text, sources, language, parts, stats, cancel, *, map_reduce, numbered=()) -> GroundedResult:
    raw = model_text = tidy_markers(text).strip()
    notes: list[str] = []
    written: list[str] = []
    if numbered:
        source_number = {s.chunk_id: s.number for s in sources}
        writing = write_facts(raw, list(numbered), source_number, language)
        notes = [f"retyped: {r}" for r in writing.retyped] + [f"unknown fact tag: {t}" for t in writing.unknown_tags]
        written = [writing.text[a:b] for a, b in writing.spans]
        raw = writing.text
    text, attribution = attribute(raw, sources)
    verification = verify(text, sources, exact=locate(text, written))
    if numbered:
        # A fact's digits typed with another unit were replaced by the fact as printed: replaced, and flagged.
        for retyped in writing.retyped:
            typed, _, fixed = retyped.partition(" → ")
            at = text.find(fixed)
            if at >= 0 and typed != fixed:
                verification.flags.append(Flag.of("wrong_unit", fixed, at, at + len(fixed), "check.wrong_unit",
                                                  figure=typed, fact=fixed))
        verification.flags.sort(key=lambda f: f.start)
    return GroundedResult(text=text, sources=sources, verification=verification, language=language,
                          cancelled=cancel.cancelled, map_reduce=map_reduce, prompt=parts.user_text(), stats=stats,
                          raw_text=model_text, attribution=attribution, facts=list(numbered), fact_notes=notes)


def not_found_result(language: str) -> GroundedResult:
    """The answer when nothing relevant was retrieved; the model is not called."""
    text = NOT_FOUND.get(language, NOT_FOUND["en"])
    return GroundedResult(text=text, sources=[], verification=Verification(), language=language, not_found=True)


def answer_question(question: str, retriever: Retriever, engine, *, k: int = 5, doc_ids: list[str] | None = None,
                    language: str | None = None, max_tokens: int = 400, temperature: float = 0.1,
                    cancel: CancelToken = NEVER, on_chunk: Callable[[str], None] | None = None,
                    progress=None, audit=None, pane: str = "ask", facts=AUTO) -> GroundedResult:
    """Retrieve, check relevance, and answer ``question`` with cited, verified text.

    ``engine`` may be a zero-argument callable returning the engine (e.g. ``services.chat_engine``):
    it is then only loaded when there is something relevant to answer from.

    ``facts`` (a ``FactBook``) lets the app answer a figure question itself — value, period, unit
    and page from the table that prints it, no model — and gives the model the facts a broader
    question needs. A question about a company the library holds no report on, or about a period
    its tables do not print, is answered "not found" instead of with another company's or year's figure.

    The question is read once (a ``QueryProfile``: companies, periods, metrics, intent, keywords) and
    that reading is handed to every step. Ratios and growth rates are computed by the app with their
    formula and cited inputs, comparisons become a cited table (``result.table``), list questions the
    rows of the table that lists them — none of these reach the model. Whatever the model writes is
    checked as amounts: a fact's digits with another unit are replaced by the fact and flagged.
    """
    language = language or language_of(question)
    with facts_for(retriever, facts) as facts:
        return _answer(question, retriever, engine, k=k, doc_ids=doc_ids, language=language, max_tokens=max_tokens,
                       temperature=temperature, cancel=cancel, on_chunk=on_chunk, progress=progress, audit=audit,
                       pane=pane, facts=facts)


def _answer(question, retriever, engine, *, k, doc_ids, language, max_tokens, temperature, cancel, on_chunk,
            progress, audit, pane, facts) -> GroundedResult:
    records_list = list(facts.records) if facts is not None else _documents(retriever)
    records = {r.doc_id: r for r in records_list}
    in_scope = [r for r in records_list if not doc_ids or r.doc_id in set(doc_ids)]
    profile = read_question(question, in_scope)  # the one reading of the question
    named_ids, absent = documents_of(profile, in_scope)
    missing = [m for m in profile.missing if m] if profile.missing else ([absent] if absent else [])
    if absent and not named_ids:
        # A company the library holds no report on: said by name, no figure (not even from a peer table).
        return _done(_missing_company(missing or [absent], language), on_chunk, audit, pane, question)
    scope = named_ids if named_ids else [r.doc_id for r in in_scope]
    built = _app_answer(profile, facts, scope, records, language, missing) if facts is not None else None
    if built is not None:
        return _done(built, on_chunk, audit, pane, question)
    lookup = _lookup(profile, facts, scope) if facts is not None else None
    if lookup is not None and lookup.other_periods and not lookup.matches:
        result = not_found_result(language)
        result.text += ("" if language == "zh" else " ") + missing_period_note(question, lookup, lookup.other_periods,
                                                                             language)
        return _done(result, on_chunk, audit, pane, question)
    from analyst_desk.core.drafting.narrative.route import (  # issue 21: sections, lists, premises
        answer_narrative,
        handles,
    )

    narrative = answer_narrative(question, retriever, engine, doc_ids=named_ids or doc_ids, language=language,
                                 cancel=cancel, progress=progress, ask=answer_question,
                                 facts_answer=answer_from_facts) if handles(question) else None
    if narrative is not None:
        if on_chunk:
            on_chunk(narrative.text)
        record_audit(audit, pane=pane, kind="answer", engine=narrative.engine, prompt=narrative.prompt or question,
                     result=narrative)
        return narrative
    if lookup is not None and is_figure_question(question, lookup):
        return _done(answer_from_facts(lookup, records, language), on_chunk, audit, pane, question)
    search_ids = doc_ids if not named_ids else [d for d in scope if not doc_ids or d in doc_ids]
    hits = _search(retriever, question, k, search_ids, profile)
    relevant = relevant_hits(question, hits, getattr(retriever, "embedder", None), profile=profile)
    matches = [m for m in lookup.matches if m.coverage >= MODEL_COVERAGE] \
        if lookup is not None and not lookup.definition else []
    if not relevant and not matches:
        result = not_found_result(language)
        if on_chunk:
            on_chunk(result.text)
    else:
        if not hasattr(engine, "stream_chat") and callable(engine):
            engine = engine()
        result = generate_grounded(engine, task=question, hits=relevant, language=language, max_tokens=max_tokens,
                                   temperature=temperature, cancel=cancel, on_chunk=on_chunk, progress=progress,
                                   facts=matches, records=records)
        from analyst_desk.core.drafting.narrative.route import guard_grounded  # issue 21: no degenerate answer shown

        result = guard_grounded(result, question)
        if facts is not None:
            _correct_units(result, facts.facts(scope))
    result.missing_companies = missing
    record_audit(audit, pane=pane, kind="answer", engine=engine, prompt=result.prompt or question, result=result)
    return result


def _correct_units(result: GroundedResult, facts: list) -> None:
    """A model-typed figure whose digits are a fact's but whose amount is not (99,301.68亿元 for a 万元 table)
    is replaced by the fact as printed and flagged."""
    text, corrections = correct_units(result.text, facts, result.language)
    if not corrections:
        return
    written = [c.written for c in corrections]
    verification = verify(text, result.sources, exact=locate(text, written))
    for correction in corrections:
        verification.flags.append(correction.flag)
    verification.flags.sort(key=lambda f: f.start)
    result.text, result.verification = text, verification
    result.fact_notes += [f"wrong unit: {c.typed} → {c.written}" for c in corrections]


def read_question(question: str, records: list):
    """The question read once against the library's issuers (a ``QueryProfile``)."""
    return parse_query(question, list(issuer_entries(records)))


def _documents(retriever) -> list:
    documents = getattr(retriever, "documents", None)
    try:
        return [r for r in documents() if getattr(r, "status", "complete") == "complete"] if callable(documents) else []
    except Exception:  # a retriever without a catalogue: no issuers to resolve
        log.exception("Documents of the retriever could not be listed")
        return []


def _search(retriever, question: str, k: int, doc_ids, profile) -> list:
    """Search with the profile already read, when the retriever takes it."""
    kwargs = {"k": k}
    if doc_ids:
        kwargs["doc_ids"] = doc_ids
    try:
        takes_profile = "profile" in inspect.signature(retriever.search).parameters
    except (TypeError, ValueError):
        takes_profile = False
    if takes_profile:
        kwargs["profile"] = profile
    return retriever.search(question, **kwargs)


def _lookup(profile, facts, scope: list[str]) -> FactLookup:
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
    query = FactQuery(metrics=metrics, periods=list(profile.periods), doc_ids=scope or None)
    residual = [t for t in profile.metric_terms if re.search(r"[" + HAN + r"]", t)]
    query.residual = residual[0] if profile.language == "en" and residual else "".join(
        t for t in residual if not re.search(r"[a-z]", t))
    return FactLookup(query=query, matches=matches, definition=profile.intent == "definition", other_periods=other)


_ALL_COMPANIES = re.compile(r"[两三四五六七八九十几各]家|所有公司|各公司|all (?:the )?companies|each company|every company", re.I)


def _app_answer(profile, facts, scope: list[str], records: dict, language: str, missing: list[str]):
    """Ratios, comparisons and lists the app answers from the facts alone (never the model), or None."""
    if profile.intent in ("definition", "why"):
        return None
    measure = find_measure(profile.question, ignore=profile.mentions)
    growth_of = "" if measure is not None else growth_metric(profile.question, profile.metric_terms)
    if measure is None and not growth_of:
        growth_of = share_question(profile.question) or ""  # (part, whole): a share of one line in another
    names = {d: _short_name(records.get(d), language) for d in scope}
    several = len(profile.issuers) > 1 or bool(_ALL_COMPANIES.search(profile.question))
    docs = scope
    if measure is not None or growth_of:
        pools = {d: facts.facts([d]) for d in docs}
        pools = {d: p for d, p in pools.items() if p}
        # No company named in a library of several: each document whose tables allow it gets its cell.
        built, lacking = derived_answer(measure, growth_of, pools, names, list(profile.periods), records, language)
        if built is None:
            what = measure.zh if measure is not None else growth_of if isinstance(growth_of, str) else "占比"
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
            result = answer_from_facts(lookup, records, language)
            result.derived, result.missing_companies = built.derived, list(missing)
            if missing:
                result.text += _missing_note(missing, language)
            return result
        return _built_result(built, language, missing)
    if profile.intent == "compare" and (several or len(set(profile.years)) > 1):
        pools = {d: facts.facts([d]) for d in docs}
        lookup = _lookup(profile, facts, docs)
        metric = lookup.matches[0].metric if lookup.matches else (lookup.query.metrics[0] if lookup.query.metrics else "")
        if metric:
            built = comparison_answer(metric, pools, names, list(profile.periods), records, language)
            if built is not None:
                return _built_result(built, language, missing)
    if profile.intent == "list":
        pools = {d: facts.facts([d]) for d in docs}
        terms = [t for t in profile.metric_terms if re.search(r"[" + HAN + r"]", t)]
        built = list_answer(terms, pools, names, records, language)
        if built is not None:
            return _built_result(built, language, missing)
    return None


def _short_name(record, language: str = "zh") -> str:
    """The issuer as an answer names it: its short Chinese name, or in English its English name without
    the legal form ("Guangdong Silver Age Sci & Tech") when the document prints one."""
    from analyst_desk.core.facts.lookup import issuer_aliases

    english = (getattr(record, "issuer_en", "") or "") if record is not None else ""
    if language != "zh" and english:
        name = re.sub(r"[\s,]*(Co\.,?\s*Ltd\.?|Company Limited|Corporation|Limited|Inc\.?|Corp\.?)\s*$", "",
                      english.replace("＆", "&"), flags=re.IGNORECASE).strip(" ,.")
        return " ".join(w.title() if w.isupper() and len(w) >= 3 and w not in ("LED", "IPO", "USA", "PRC") else w
                        for w in name.split())
    names = issuer_aliases(record) if record is not None else []
    return names[-1] if names else ""


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


def _missing_company(missing: list[str], language: str) -> GroundedResult:
    result = not_found_result(language)
    result.text += ("" if language == "zh" else " ") + _missing_note(missing, language).strip()
    result.missing_companies = list(missing)
    return result


def _done(result: GroundedResult, on_chunk, audit, pane: str, question: str) -> GroundedResult:
    if on_chunk:
        on_chunk(result.text)
    record_audit(audit, pane=pane, kind="answer", engine=None, prompt=question, result=result)
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


def answer_from_facts(lookup, records: dict, language: str) -> GroundedResult:
    """The answer the app writes from facts alone: each figure with its period, unit and page."""
    numbered = number_facts(lookup.matches)
    sources = stable_numbering(fact_hits(lookup.matches, records))
    source_number = {s.chunk_id: s.number for s in sources}
    issuer = _issuer_name(lookup, records, language)
    text = fact_sentences(numbered, source_number, language, issuer)
    written = [n.written(language) for n in numbered]
    return GroundedResult(text=text, sources=sources, verification=verify(text, sources, exact=locate(text, written)),
                          language=language, prompt=lookup.query.metrics and " ".join(lookup.query.metrics) or "",
                          raw_text=text, facts=numbered, from_facts=True)


def _issuer_name(lookup, records: dict, language: str) -> str:
    """The short name of the issuer whose table answered ("平安银行" for 平安银行股份有限公司)."""

    doc_ids = {m.fact.doc_id for m in lookup.matches}
    if len(doc_ids) != 1:
        return ""
    return _short_name(records.get(next(iter(doc_ids))), language)


def record_audit(audit, *, pane: str, kind: str, engine, prompt: str, result: GroundedResult) -> None:
    """Hand one generation to the compliance log, if there is one. Never fails the generation."""
    record = getattr(audit, "record", None)
    if record is None:
        return
    model_path = str(getattr(getattr(engine, "info", None), "path", "") or getattr(engine, "model_name", ""))
    try:
        record(pane=pane, kind=kind, model_path=model_path, prompt=prompt,
               sources=[{"number": s.number, "document": s.title, "page": s.page, "path": s.path,
                         "chunk_id": s.chunk_id} for s in result.sources],
               output=result.text, flags=[f.to_json() for f in result.verification.flags])
    except Exception:  # the audit log must not take the answer down with it
        log.exception("Audit record failed")
