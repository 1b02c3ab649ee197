"""Ask: the question read once, then the route that answers it — the company resolved (a company the library
holds no report on is said to be missing), what the app computes from facts (``app_answers``), the facts'
missing-period answer, the narrative route (sections, lists, premises), figure answers, and last the model
over the relevant passages (``grounded``), guarded before anything is shown.

The names other modules import from here (``generate_grounded``, ``GroundedResult``, ``facts_for`` …) are
re-exported from the modules that now hold them.
"""

from __future__ import annotations

import inspect
import logging
import re
from typing import Callable

from analyst_desk.core.cancel import NEVER, CancelToken
from analyst_desk.core.cjk import HAN
from analyst_desk.core.drafting.app_answers import (  # noqa: F401 - re-exported
    AUTO,
    answer_from_facts,
    app_answer,
    facts_for,
    library_documents,
    lookup_facts,
    missing_company_result,
    read_question,
)
from analyst_desk.core.drafting.fact_answers import MODEL_COVERAGE, is_figure_question, missing_period_note
from analyst_desk.core.drafting.fact_use import locate, period_words
from analyst_desk.core.drafting.field_answers import field_answer
from analyst_desk.core.drafting.grounded import (  # noqa: F401 - re-exported
    GroundedResult,
    generate_grounded,
    not_found_result,
    record_audit,
    stable_numbering,
    writing_progress,
)
from analyst_desk.core.drafting.prompts import language_of
from analyst_desk.core.drafting.prose_answers import answer_from_prose
from analyst_desk.core.drafting.relevance import relevant_hits
from analyst_desk.core.drafting.sources import Retriever
from analyst_desk.core.drafting.verification import correct_units, correct_units_from_passages, verify
from analyst_desk.core.facts.lookup import documents_of

log = logging.getLogger(__name__)


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


_FORECAST = re.compile(r"预测|预计|预期|展望|目标|计划|forecast|estimate|projected|expected|guidance|outlook|target", re.I)


def _offering_misnamed(question: str, retriever, doc_ids: list[str]) -> bool:
    """The question calls the offering an IPO (or a 增发 …) and the document's first pages call it another kind, or
    names an exchange the document does not list on ("McDonald's ticker on the Nasdaq"): the narrative route
    corrects that before the field is given."""
    from analyst_desk.core.drafting.narrative.premises import (
        OFFERINGS,
        DocumentText,
        _venue_of,
        check_offering,
        check_venue,
    )

    if not doc_ids or not hasattr(retriever, "chunks"):
        return False
    text = DocumentText(retriever, doc_ids[:1])
    if _venue_of(question) and check_venue(question, text) is not None:
        return True
    if not any(p.search(question) for _, _, p in OFFERINGS.values()):
        return False
    return check_offering(question, text) is not None


def _after_every_report(profile, documents: list) -> str:
    """The period the named reports cover ("2024"), when the question asks only for later years than every one
    of them reports on — a report cannot print results of a period after its own — else "". Forecasts and
    plans are another matter (a research note's 2024E, a prospectus's 募集资金 plan)."""
    if not profile.years or not documents or _FORECAST.search(profile.question):
        return ""
    covered = []
    for record in documents:
        period = str(getattr(record, "period", "") or "")
        if not re.match(r"(?:19|20)\d{2}", period) or getattr(record, "doc_type", "") == "research":
            return ""
        covered.append(period)
    latest = max(int(p[:4]) for p in covered)
    return max(covered) if min(profile.years) > latest else ""


def _period_not_covered(period: str, language: str) -> GroundedResult:
    result = not_found_result(language)
    when = period_words(period, language)
    result.text += (f"所问期间晚于资料所载的报告期（{when}），报告中没有该期间的数据。" if language == "zh" else
                    f" The period asked comes after the one the documents report on ({when}); they give no figure for it.")
    return result


def _library_names(retriever, name: str) -> bool:
    """Whether any passage of the library holds ``name`` (True when the retriever cannot tell: a team
    library's server answers for itself)."""
    if not callable(getattr(retriever, "mentions", None)):
        return True
    return bool(_printing(retriever, name, unknown=[""]))


def _printing(retriever, name: str, *, unknown=()) -> list[str]:
    """The documents with a passage that prints ``name``; ``unknown`` when the retriever cannot say."""
    mentions = getattr(retriever, "mentions", None)
    if not callable(mentions):
        return list(unknown)
    try:
        return list(mentions(name))
    except Exception:  # noqa: BLE001 - a failed look-up must not call a company absent
        log.exception("Could not look up %r in the library", name)
        return list(unknown)


class _Lazy:
    """The engine a zero-argument callable returns, loaded on first use, not when the route only looks at it:
    a narrative question with nothing relevant in the library is answered "not found" without loading the model."""

    def __init__(self, engine):
        self._source, self._engine = engine, None if callable(engine) and not hasattr(engine, "stream_chat") else engine

    def _loaded(self):
        if self._engine is None:
            self._engine = self._source()
        return self._engine

    def stream_chat(self, *args, **kwargs):
        return self._loaded().stream_chat(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._loaded(), name)


def _answer(question, retriever, engine, *, k, doc_ids, language, max_tokens, temperature, cancel, on_chunk,
            progress, audit, pane, facts) -> GroundedResult:
    records_list = list(facts.records) if facts is not None else library_documents(retriever)
    records = {r.doc_id: r for r in records_list}
    in_scope = [r for r in records_list if not doc_ids or r.doc_id in set(doc_ids)]
    profile = read_question(question, in_scope)  # the one reading of the question
    named_ids, absent = documents_of(profile, in_scope)
    missing = [m for m in profile.missing if m] if profile.missing else ([absent] if absent else [])
    if absent and not named_ids:
        # A document whose issuer could not be read is this company's when its pages print the name.
        unread = {r.doc_id for r in in_scope if not (getattr(r, "issuer", "") or getattr(r, "company", ""))}
        printed = [d for d in _printing(retriever, absent) if d in unread] if unread else []
        if printed:
            named_ids, absent, missing = printed, "", []
    if not named_ids and not missing and profile.subject and not _library_names(retriever, profile.subject):
        absent, missing = profile.subject, [profile.subject]  # a name no page of the library holds
    if absent and not named_ids:
        # A company the library holds no report on: said by name, no figure (not even from a peer table).
        return _done(missing_company_result(missing or [absent], language), on_chunk, audit, pane, question)
    scope = named_ids if named_ids else [r.doc_id for r in in_scope]
    later = _after_every_report(profile, [records[d] for d in named_ids if d in records]) if named_ids else ""
    if later:  # "平安银行2025年第一季度…" asked of its 2024 annual report: no figure, the period it covers said
        return _done(_period_not_covered(later, language), on_chunk, audit, pane, question)
    field = field_answer(profile, facts, scope, records, language) if facts is not None and \
        not _offering_misnamed(question, retriever, named_ids) else None
    if field is not None:  # 法定代表人, 保荐人, a 10-K's state of incorporation: as the report prints it
        return _done(field, on_chunk, audit, pane, question)
    from analyst_desk.core.drafting.narrative.route import answer_before_facts  # issue 21: lists, moves assumed

    # "2008-2010年净利润分别是多少" compares a line across years: the facts' table, not a list of rows.
    over_years = profile.intent == "compare" and len(set(profile.years)) > 1 and bool(profile.metric_terms)
    listed = None if over_years else answer_before_facts(
        question, retriever, doc_ids=named_ids or doc_ids, language=language,
        facts_answer=answer_from_facts if facts is not None else None)
    if listed is not None:
        return _done(listed, on_chunk, audit, pane, question)
    built = app_answer(profile, facts, scope, records, language, missing) if facts is not None else None
    if built is not None and built.not_found and not built.missing_companies:
        # A measure no table prints and none can compute may still be printed in a sentence
        # ("拨备覆盖率保持在260%以上"): quoted as printed, with its page, rather than called missing.
        built = _measure_printed_in_prose(question, profile, retriever, k, named_ids or doc_ids, language,
                                          records) or built
    if built is not None:
        return _done(built, on_chunk, audit, pane, question)
    lookup = lookup_facts(profile, facts, scope) if facts is not None else None
    if lookup is not None and lookup.other_periods and not lookup.matches:
        result = not_found_result(language)
        result.text += ("" if language == "zh" else " ") + missing_period_note(question, lookup, lookup.other_periods,
                                                                             language)
        return _done(result, on_chunk, audit, pane, question)
    from analyst_desk.core.drafting.narrative.route import (  # issue 21: sections, lists, premises
        answer_narrative,
        handles,
    )

    narrative = answer_narrative(question, retriever, _Lazy(engine), doc_ids=named_ids or doc_ids, language=language,
                                 cancel=cancel, progress=progress, ask=answer_question,
                                 facts_answer=answer_from_facts) if handles(question) else None
    if narrative is not None:
        if on_chunk:
            on_chunk(narrative.text)
        record_audit(audit, pane=pane, kind="answer", engine=narrative.engine, prompt=narrative.prompt or question,
                     result=narrative)
        return narrative
    if lookup is not None and is_figure_question(question, lookup):
        return _done(answer_from_facts(lookup, records, language, question), on_chunk, audit, pane, question)
    search_ids = doc_ids if not named_ids else [d for d in scope if not doc_ids or d in doc_ids]
    hits = _search(retriever, question, k, search_ids, profile)
    # A figure no table holds but a sentence states ("2024年末，本行绿色贷款余额1,577.62亿元"): read by the app.
    prose = None if lookup is not None and lookup.matches and is_figure_question(question, lookup) else \
        answer_from_prose(profile, _search(retriever, question, max(k, 10), search_ids, profile), records, language)
    if prose is not None:
        return _done(prose, on_chunk, audit, pane, question)
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
        # The model's raw text is held back: the degenerate-output guard and the unit check decide first, and
        # only the text they pass (or the quotes that replace it, labelled 原文摘录) is shown.
        result = generate_grounded(engine, task=question, hits=relevant, language=language, max_tokens=max_tokens,
                                   temperature=temperature, cancel=cancel,
                                   on_chunk=writing_progress(progress, max_tokens, language), progress=progress,
                                   facts=matches, records=records)
        from analyst_desk.core.drafting.narrative.route import guard_grounded  # issue 21: no degenerate answer shown

        # Amounts first: a figure typed in the wrong unit is replaced by the fact, then the guard judges the
        # sentence as the reader will see it (it dropped "总资产为47,914.29亿元" as unsupported, leaving nothing).
        _correct_units(result, facts.facts(scope) if facts is not None else [])
        result = guard_grounded(result, question)
        if on_chunk:
            on_chunk(result.text)
    result.missing_companies = missing
    record_audit(audit, pane=pane, kind="answer", engine=engine, prompt=result.prompt or question, result=result)
    return result


def _measure_printed_in_prose(question, profile, retriever, k, doc_ids, language,
                              records=None) -> GroundedResult | None:
    """The sentences of the retrieved passages that name the asked measure beside a figure, quoted (原文摘录)
    and cited — the app picks them, the model is not asked, so no figure is typed by anyone.

    When the question asks for a year, a sentence must be of that year: it names the year, or names none
    and its report is of that year (a 2024 report's "净息差为1.87%" does not answer "净息差 in 2019")."""

    from analyst_desk.core.drafting.narrative.route import QUOTE_PREFIX, _quote_line
    from analyst_desk.core.drafting.narrative.text import split_sentences
    from analyst_desk.core.drafting.sources import Source
    from analyst_desk.core.facts.derived import find_measure

    measure = find_measure(profile.question, ignore=profile.mentions)
    if measure is None:
        return None
    names = [n.lower() for n in measure.names() if n]
    found = []
    # The measure's own words join the question's ("headcount" is printed "we had 79,390 employees").
    searched = " ".join([question, *[n for n in measure.names()[:3] if n and n.lower() not in question.lower()]])
    hits = _search(retriever, searched, max(k, 10), doc_ids, profile)
    # The question's own reading ranks by its words; the measure's names alone find the sentence that prints it
    # in the report's words ("As of January 31, 2023, we had 79,390 employees" for "headcount").
    seen = {h.chunk_id for h in hits}
    names_only = " ".join(n for n in measure.names()[:5] if n and (language == "zh") == bool(re.search(r"[" + HAN + r"]", n)))
    # Several companies: each one's pages searched on their own, or the best-matching report takes every place.
    scopes = [[d] for d in dict.fromkeys(doc_ids)] if doc_ids and len(set(doc_ids)) > 1 else [doc_ids]
    for scope in scopes:
        for text, reading in ((searched, profile), (names_only, None)) if len(scopes) > 1 else ((names_only, None),):
            for hit in _search(retriever, text, max(k, 10), scope, reading) if text else []:
                if hit.chunk_id not in seen:
                    seen.add(hit.chunk_id)
                    hits.append(hit)
    for rank, hit in enumerate(hits):
        report_year = str(getattr((records or {}).get(hit.doc_id), "period", "") or "")[:4]
        for sentence in split_sentences(hit.text):
            if "|" in sentence or not _of_years(sentence, profile.years, report_year):
                continue
            closeness = _figure_beside(sentence.lower(), names, counted=measure.unit == "人")
            if closeness and _OWN_SUBJECT.search(sentence):
                # The report speaking of itself ("公司员工总数为…", "we had …", "the Company had …"), not of a peer.
                found.append((closeness + 5, rank, sentence, hit))
    if not found:
        return None
    # The sentences whose figure stands right beside the measure's name first ("员工总数为1439人", "we had
    # 79,390 employees"), at most three, each cited to its page.
    lines, sources, numbers = [], [], {}
    ranked = sorted(found, key=lambda f: (-f[0], f[1]))
    several = len(set(doc_ids or [])) > 1
    if several:
        # Several companies asked about ("Who had more employees, Apple or Oracle?"): each one's best sentence,
        # best first.
        firsts: dict[str, tuple] = {}
        for entry in ranked:
            firsts.setdefault(entry[3].doc_id, entry)
        ranked = list(firsts.values())
    for _, _, sentence, hit in ranked[:4] if several else ranked[:3]:
        if hit.chunk_id not in numbers:
            numbers[hit.chunk_id] = len(sources) + 1
            sources.append(Source.from_hit(hit, numbers[hit.chunk_id]))
        lines.append(_quote_line(sentence, hit, numbers[hit.chunk_id], language))
    text = QUOTE_PREFIX[language] + "\n" + "\n".join(lines)
    return GroundedResult(text=text, sources=sources, verification=verify(text, sources), language=language,
                          raw_text=text)


_OWN_SUBJECT = re.compile(r"(?<![该其])(?:本公司|公司|本行|本集团|发行人)|\b(?:we|our|the company)\b", re.I)


def _figure_beside(sentence: str, names: list[str], *, counted: bool) -> int:
    """How closely a figure follows or precedes one of the measure's names in ``sentence`` (0: no figure near
    it). A count (员工人数) needs its figure to count people: "1439人", "79,390 employees"."""
    best = 0
    for name in names:
        start = sentence.find(name)
        while start >= 0:
            end = start + len(name)
            for match in re.finditer(r"\d[\d,，.]*\d|\d", sentence):
                if re.fullmatch(r"(?:19|20)\d{2}", match.group(0)):
                    continue  # a year is when, not how many
                gap = start - match.end() if match.end() <= start else match.start() - end
                people = counted and re.match(r"\s*(?:人|名|位|full-time|employees|people|staff)", sentence[match.end():])
                # A count may stand a few qualifiers before its noun ("164,000 full-time equivalent employees").
                if gap < 0 or gap > (28 if people else 12):
                    continue
                if counted and not people:
                    continue
                best = max(best, 13 - gap if gap <= 12 else 1)
            start = sentence.find(name, end)
    return best


def _of_years(sentence: str, years, report_year: str) -> bool:
    import re

    if not years:
        return True
    printed = set(re.findall(r"(?:19|20)\d{2}", sentence))
    wanted = {str(y) for y in years}
    return bool(printed & wanted) if printed else (not report_year or report_year in wanted)


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


def _correct_units(result: GroundedResult, facts: list) -> None:
    """A model-typed figure whose digits are a fact's but whose amount is not (99,301.68亿元 for a 万元 table)
    is replaced by the fact as printed and flagged."""
    text, corrections = correct_units(result.text, facts, result.language)
    text, more = correct_units_from_passages(text, result.sources)  # figures the passages print in prose
    corrections += more
    if not corrections:
        return
    written = [c.written for c in corrections]
    verification = verify(text, result.sources, exact=locate(text, written))
    for correction in corrections:
        verification.flags.append(correction.flag)
    verification.flags.sort(key=lambda f: f.start)
    result.text, result.verification = text, verification
    result.fact_notes += [f"wrong unit: {c.typed} → {c.written}" for c in corrections]


def _done(result: GroundedResult, on_chunk, audit, pane: str, question: str) -> GroundedResult:
    if on_chunk:
        on_chunk(result.text)
    record_audit(audit, pane=pane, kind="answer", engine=None, prompt=question, result=result)
    return result
