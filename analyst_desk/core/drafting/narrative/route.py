"""The narrative route: summaries, why/how and list questions answered from the right section, checked.

1. Premises first (:mod:`premises`): a question that assumes a listing venue, a year or a name the
   documents contradict is answered with what they say, quoted — no model.
2. Lists (:mod:`lists`): the items of the table, numbered run or sentence that holds them, each cited, and
   the largest of them (:mod:`extremes`) — no model. ``answer_list`` is asked before the facts' own lists.
3. Summaries and why/how (:mod:`written`): the section whose heading is the question's topic, condensed to
   what the model reads within the time budget (:mod:`budget`), written in 3–5 cited sentences, each
   checked; a degenerate answer is replaced by the section's best sentences, quoted with their pages.

What the route shows is built in :mod:`results`; the guard for answers of the ordinary route is
:mod:`guard`. Names used by ``drafting.answering`` and the tests are re-exported here.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from typing import Callable

from analyst_desk.core.cancel import NEVER, CancelToken
from analyst_desk.core.drafting.narrative.budget import (  # noqa: F401 - re-exported: the route's budget
    _MEASURED,
    MAX_ANSWER_TOKENS,
    TIME_BUDGET,
    _remember_speeds,
    answer_tokens,
    prompt_budget,
    speeds,
)
from analyst_desk.core.drafting.narrative.degenerate import degenerate_reasons
from analyst_desk.core.drafting.narrative.direction import LOSS, asks_size_of_move, check_direction, check_loss
from analyst_desk.core.drafting.narrative.extremes import extreme_of, find_extreme, topic_without_extreme
from analyst_desk.core.drafting.narrative.guard import guard_grounded  # noqa: F401 - re-exported for answering
from analyst_desk.core.drafting.narrative.hops import RELATION, find_hop
from analyst_desk.core.drafting.narrative.intent import read_intent
from analyst_desk.core.drafting.narrative.lists import _MEASURE as MEASURE
from analyst_desk.core.drafting.narrative.lists import MIN_LIST_SCORE, asked_count, find_list, from_sections
from analyst_desk.core.drafting.narrative.lists import candidates as list_candidates
from analyst_desk.core.drafting.narrative.premises import DocumentText, Premise, check_premises
from analyst_desk.core.drafting.narrative.results import (  # noqa: F401 - re-exported for answering
    ASKS_FIGURES,
    QUOTE_LABEL,
    QUOTE_PREFIX,
    NarrativeResult,
    _names,
    _quote_line,
    direction_result,
    extreme_result,
    hop_result,
    list_result,
    premise_result,
)
from analyst_desk.core.drafting.narrative.roles import asked_role
from analyst_desk.core.drafting.narrative.section_search import candidate_documents
from analyst_desk.core.drafting.narrative.text import rank_in_digits
from analyst_desk.core.drafting.narrative.written import _written
from analyst_desk.core.drafting.verification import verify
from analyst_desk.core.progress import no_progress

log = logging.getLogger(__name__)


class _FollowUp(threading.local):
    active = False


_IN_FOLLOW_UP = _FollowUp()


def handles(question: str) -> bool:
    """Cheap test: is this question for the narrative route — it asks to introduce, summarise, explain why or
    how, or list (its intent), or it names a listing venue, an offering or a person whose premise is checked?

    A year alone is no reason: "2019年营业收入" is a figure question for the facts (which say which periods
    the tables print when that year is not one of them)."""
    from analyst_desk.core.drafting.narrative.premises import OFFERINGS, OWNERSHIP, VENUES, names_in

    if read_intent(question).kind in ("summary", "why_how", "list") or LOSS.search(question) or \
            OWNERSHIP.search(question) or RELATION.search(question) or asked_role(question):
        return True
    lowered = question.lower()
    return any(n.lower() in lowered for v in VENUES.values() for n in v[2]) or bool(names_in(question)) or \
        any(v[2].search(question) for v in OFFERINGS.values())


def _may_presuppose(question: str, retriever) -> bool:
    """A venue or a name to check, or a year no document's period covers."""
    from analyst_desk.core.drafting.narrative.premises import OFFERINGS, OWNERSHIP, VENUES, _period_years, names_in

    lowered = question.lower()
    if OWNERSHIP.search(question) or any(n.lower() in lowered for v in VENUES.values() for n in v[2]) or names_in(question) or \
            any(v[2].search(question) for v in OFFERINGS.values()) or asked_role(question):
        return True
    years = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", question)}
    if not years:
        return False
    try:
        covered = set().union(*(_period_years(r) for r in retriever.documents()))
    except Exception:  # noqa: BLE001 - unknown periods: check against the text
        return True
    return not covered or bool(years - covered)


def answer_narrative(question: str, retriever, engine, *, doc_ids: list[str] | None = None, language: str = "zh",
                     max_tokens: int = MAX_ANSWER_TOKENS, temperature: float = 0.1, cancel: CancelToken = NEVER,
                     progress=None, time_budget: float = TIME_BUDGET, ask: Callable | None = None,
                     facts_answer: Callable | None = None) -> NarrativeResult | None:
    """Answer ``question`` on the narrative route, or return None when it is not a narrative, list or
    false-premise question (the caller then answers it the ordinary way).

    ``ask(question, retriever, engine, doc_ids=, language=)`` answers a follow-up question the ordinary
    way (the rest of a question whose venue was corrected); ``facts_answer(lookup, records, language)``
    writes figures from facts (a direction premise). ``drafting.answering`` passes its own; without
    them those two steps are skipped. The caller shows the text and records the audit.""" 
    if not hasattr(retriever, "chunks") or not hasattr(retriever, "documents"):
        return None
    started = time.perf_counter()
    progress = progress or no_progress
    intent = read_intent(question, _names(retriever))
    assumes_loss = bool(LOSS.search(question)) and facts_answer is not None
    two_hops = bool(RELATION.search(question))
    if not intent.kind and not assumes_loss and not two_hops and not _may_presuppose(question, retriever):
        return None  # a figure or fact question with nothing to correct: the ordinary route, without a search here
    hits = retriever.search(question, k=8, doc_ids=doc_ids) if doc_ids else retriever.search(question, k=8)
    docs = candidate_documents(retriever, hits, doc_ids)
    premise = check_premises(question, DocumentText(retriever, docs[:1])) if docs and not _IN_FOLLOW_UP.active else None
    if premise is not None and premise.kind == "name" and len(docs) > 1:
        premise = check_premises(question, DocumentText(retriever, docs))  # a name in any of them is no false premise
    result: NarrativeResult | None = None
    if premise is not None:
        result = premise_result(question, premise, retriever, hits, language)
        if premise.kind in ("venue", "offering", "role"):
            _answer_the_rest(result, question, premise, retriever, engine, doc_ids, language, ask)
    elif two_hops and docs and (hop := find_hop(question, DocumentText(retriever, docs[:1]).all_passages())):
        result = hop_result(hop, language)
    elif assumes_loss and (contradicted := check_loss(question, retriever, docs[:1], facts_answer)):
        result = direction_result(*contradicted, language)
    elif intent.kind == "why_how" and facts_answer is not None and \
            (contradicted := check_direction(question, retriever, docs[:1], facts_answer)):
        result = direction_result(*contradicted, language)
    elif intent.kind == "list":
        found = find_list(retriever, hits, intent.topic, doc_ids=docs[:1])
        if found is not None:
            result = list_result(found, language, figures=bool(ASKS_FIGURES.search(question)),
                                 asked=asked_count(question, intent.topic))
    elif intent.kind == "summary":
        # A section made of points of the topic ("第四节 风险因素": 市场风险, 存货风险 …) is summarised by them.
        found = from_sections(retriever, hits, intent.topic, docs[:1], items_only=True)
        if found is not None and len(found.items) >= 3:
            result = list_result(found, language)
    if result is None and intent.kind in ("summary", "why_how", "list"):
        if not hasattr(engine, "stream_chat") and callable(engine):
            engine = engine()
        # A list found in no table or section is left to the ordinary route (its facts list table rows).
        result = _written(question, intent, retriever, engine, hits, docs, language=language, max_tokens=max_tokens,
                          temperature=temperature, cancel=cancel, progress=progress, time_budget=time_budget,
                          require_section=intent.kind == "list")
    if result is None:
        return None
    result.seconds = time.perf_counter() - started
    if result.stats is not None:
        result.engine = engine
    return result


def answer_before_facts(question: str, retriever, *, doc_ids: list[str] | None = None, language: str = "zh",
                        facts_answer: Callable | None = None) -> NarrativeResult | None:
    """What ``drafting.answering`` asks before the facts' own answers, none of them the model's:
    - "营业收入增长了多少？" of a figure that fell: told it fell, with the figures (``facts_answer`` writes them);
    - "投资最大的募投项目是哪个": the row with the largest figure of the table listing them;
    - a list question: the list the documents print — table, numbered run, sentence — every item cited (the
      facts' own list is the rows of a table whose heading names the topic, with no lead-in to go by).
    None when the question is none of these, may presuppose something else to correct, or nothing fits."""
    if facts_answer is not None and asks_size_of_move(question) and hasattr(retriever, "chunks"):
        contradicted = check_direction(question, retriever, list(doc_ids or []), facts_answer)
        if contradicted is not None:
            return direction_result(*contradicted, language)
    return answer_list(question, retriever, doc_ids=doc_ids, language=language)


def answer_list(question: str, retriever, *, doc_ids: list[str] | None = None,
                language: str = "zh") -> NarrativeResult | None:
    """A list question answered from the list the documents print, or its largest item (see
    :func:`answer_before_facts`); None when nothing near the question is introduced by its topic."""
    if not hasattr(retriever, "chunks") or not hasattr(retriever, "documents"):
        return None
    intent = read_intent(question, _names(retriever))
    direction = extreme_of(question)
    if (intent.kind != "list" and not direction) or _may_presuppose(question, retriever):
        return None
    hits = retriever.search(question, k=8, doc_ids=doc_ids) if doc_ids else retriever.search(question, k=8)
    docs = candidate_documents(retriever, hits, doc_ids)
    if direction:
        # "投资最大的募投项目是哪个": the list's table, then the row with the largest figure.
        topic = read_intent(topic_without_extreme(question), _names(retriever)).topic
        for candidate in list_candidates(retriever, hits, topic, doc_ids=docs[:1])[:5]:
            if candidate.score < MIN_LIST_SCORE:
                break
            measures = sum(1 for name, _ in candidate.items if MEASURE.search(name)) * 2 >= len(candidate.items)
            # Rows that are measures (营业收入, 净利润) answer "which quarter was highest", a question for the facts.
            found = find_extreme(candidate, question, direction) \
                if candidate.kind in ("table", "group") and not measures else None
            if found is not None:
                return extreme_result(found, direction, language)
        return None
    digits = rank_in_digits(question)
    if digits != question:  # "前五名客户" is printed "前5 名客户" as often: both are searched
        more = retriever.search(digits, k=8, doc_ids=doc_ids) if doc_ids else retriever.search(digits, k=8)
        seen = {(h.doc_id, h.page, h.text) for h in hits}
        hits = hits + [h for h in more if (h.doc_id, h.page, h.text) not in seen]
    found = find_list(retriever, hits, intent.topic, doc_ids=docs[:1], question=question)
    return list_result(found, language, figures=bool(ASKS_FIGURES.search(question)),
                       asked=asked_count(question, intent.topic)) if found is not None else None


def _answer_the_rest(result: NarrativeResult, question: str, premise: Premise, retriever, engine, doc_ids,
                     language: str, ask: Callable | None) -> None:
    """After correcting the venue, answer what else was asked ("…发行多少股") of the right venue, if the
    ordinary route finds it and its answer passes the checks; otherwise the correction stands alone."""
    from analyst_desk.core.drafting.narrative.premises import OFFERINGS, VENUES

    if ask is None:
        return

    corrected = question
    if premise.kind == "offering":
        key = next(k for k, v in OFFERINGS.items() if v[0] == premise.asked)
        corrected = OFFERINGS[key][2].sub(premise.said, question)
    if premise.kind == "role":
        corrected = question.replace(premise.asked, premise.said)
    for key, (name, _english, names) in VENUES.items():
        if premise.kind == "venue" and name == premise.asked:
            for written in sorted(names, key=len, reverse=True):
                corrected = corrected.replace(written, premise.said)
    if corrected == question:
        return
    _IN_FOLLOW_UP.active = True  # the follow-up is answered as asked: no second correction of it
    try:
        # Facts only: the correction is already the answer, a model call would double its time (56 s on dev).
        rest = ask(corrected, retriever, _no_model, doc_ids=doc_ids, language=language)
    except LookupError:
        return  # it needs the model: the correction stands alone
    except Exception:  # noqa: BLE001 - the correction is the answer; the rest is a bonus
        log.exception("Answering the rest of %r failed", question)
        return
    finally:
        _IN_FOLLOW_UP.active = False
    # Only a figure the app found or one verified on its page: anything vaguer would blur the correction.
    if rest.not_found or not rest.text.strip() or degenerate_reasons(rest.text, corrected) or rest.verification.flags \
            or not (rest.from_facts or rest.verification.figures_verified) or getattr(rest, "route", "") == "premise":
        return
    offset = len(result.sources)
    renumbered = re.sub(r"\[(\d{1,3})\]", lambda m: f"[{int(m.group(1)) + offset}]", rest.text)
    from dataclasses import replace as _replace

    result.sources += [_replace(s, number=s.number + offset) for s in rest.sources]
    result.text += "\n" + renumbered
    result.verification = verify(result.text, result.sources)


def _no_model():
    """The engine for a follow-up: asking for it means the answer needs the model, and it is not asked."""
    raise LookupError("the follow-up is answered from facts only")
