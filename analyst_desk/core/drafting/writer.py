"""Drafting a report section by section from a template, with the grounded generation core."""

from __future__ import annotations

import time
from typing import Callable

from analyst_desk.core.cancel import NEVER, CancelToken
from analyst_desk.core.drafting.drafts import LENGTHS, Draft, DraftStore, SectionDraft
from analyst_desk.core.drafting.answering import AUTO, facts_for, generate_grounded, record_audit
from analyst_desk.core.drafting.fact_answers import fact_sentences
from analyst_desk.core.drafting.fact_use import locate
from analyst_desk.core.drafting.verification import verify
from analyst_desk.core.drafting.prompts import NOT_FOUND
from analyst_desk.core.drafting.relevance import relevant_hits
from analyst_desk.core.drafting.sources import Retriever, gather
from analyst_desk.core.drafting.templates import ReportTemplate
from analyst_desk.core.progress import Progress, no_progress

#: Passages retrieved per query of a section (two queries → up to twice as many, de-duplicated).
HITS_PER_QUERY = 4
_SAVE_EVERY = 2.0  # seconds between saves while a section streams


def new_draft(template: ReportTemplate, subject: str, *, language: str = "zh", length: str = "short",
              doc_ids: list[str] | None = None, saved_search: str = "") -> Draft:
    """An empty draft with the template's sections in ``language``."""
    sections = [SectionDraft(title=s.title_in(language), instruction=s.instruction_in(language, subject),
                             queries=s.queries_for(subject)) for s in template.sections]
    title = f"{template.title_in(language)}：{subject}" if language == "zh" else f"{template.title_in(language)}: {subject}"
    return Draft(template=template.name, title=title, subject=subject, language=language, length=length,
                 doc_ids=doc_ids, saved_search=saved_search, sections=sections,
                 preamble=template.preamble_in(language, subject))


def scope_doc_ids(retriever: Retriever, draft: Draft) -> list[str] | None:
    """The documents a draft may draw on: chosen ones, those a saved search finds, or the whole library."""
    if draft.doc_ids:
        return list(draft.doc_ids)
    if draft.saved_search.strip():
        hits = retriever.search(draft.saved_search, k=20)
        return list(dict.fromkeys(h.doc_id for h in hits)) or None
    return None


def write_draft(draft: Draft, retriever: Retriever, engine, *, sections: list[int] | None = None,
                store: DraftStore | None = None, cancel: CancelToken = NEVER, progress=None,
                on_chunk: Callable[[int, str], None] | None = None,
                on_section: Callable[[int, Draft], None] | None = None, audit=None,
                context_size: int | None = None, facts=AUTO) -> Draft:
    """Write (or rewrite) ``sections`` of ``draft`` (all by default), saving after each one.

    Cancelling stops the current section mid-sentence; what was written is kept (status
    "cancelled") and saved. Returns the draft.

    ``facts`` (a ``FactBook``): each section gets the facts its instruction names (metric × latest
    period × the subject's documents) as numbered tags; the app writes the figures in, and states
    any it was given that the model left out, so the figures a section asks for are always there,
    exact and cited.
    """
    with facts_for(retriever, facts) as book:
        return _write(draft, retriever, engine, sections=sections, store=store, cancel=cancel, progress=progress,
                      on_chunk=on_chunk, on_section=on_section, audit=audit, context_size=context_size, facts=book)


def _write(draft, retriever, engine, *, sections, store, cancel, progress, on_chunk, on_section, audit, context_size,
           facts) -> Draft:
    progress = progress or no_progress
    store = store or DraftStore()
    indices = list(range(len(draft.sections))) if sections is None else list(sections)
    doc_ids = scope_doc_ids(retriever, draft)
    max_tokens = LENGTHS.get(draft.length, LENGTHS["short"])
    for step, index in enumerate(indices):
        if cancel.cancelled:
            break
        section = draft.sections[index]
        progress(Progress(step, len(indices), section.title))
        section.text, section.status, section.source_numbers, section.fact_texts = "", "writing", [], []
        hits = gather(retriever, section.queries, k=HITS_PER_QUERY, doc_ids=doc_ids)
        hits = relevant_hits(" ".join([draft.subject, section.title, *section.queries]), hits,
                             getattr(retriever, "embedder", None))
        matches = section_facts(facts, draft, section, doc_ids)
        if not hits and not matches:
            section.text, section.status = NOT_FOUND.get(draft.language, NOT_FOUND["en"]), "not_found"
            if on_chunk:
                on_chunk(index, section.text)
        else:
            last_save = [time.monotonic()]

            def stream(chunk: str, _index=index) -> None:
                section.text += chunk
                if on_chunk:
                    on_chunk(_index, chunk)
                if time.monotonic() - last_save[0] > _SAVE_EVERY:  # a crash mid-section keeps the words so far
                    store.save(draft)
                    last_save[0] = time.monotonic()

            records = {r.doc_id: r for r in facts.records} if facts is not None else {}
            result = generate_grounded(engine, task=section.instruction, hits=hits, language=draft.language,
                                       preamble=draft.preamble, label="Task", max_tokens=max_tokens, cancel=cancel,
                                       on_chunk=stream, numbering=draft.number_hits, context_size=context_size,
                                       facts=matches, records=records)
            if not result.cancelled:
                state_missing_facts(result, draft.subject)
            section.source_numbers = [s.number for s in result.sources]
            section.fact_texts = [n.written(draft.language) for n in result.facts]
            # Cancelled text stays exactly as streamed; finished text gets its citations repaired.
            section.text = section.text.strip() if result.cancelled else result.text
            section.status = "cancelled" if result.cancelled else "done"
            record_audit(audit, pane="drafting", kind="section", engine=engine, prompt=result.prompt,
                         result=result)
        store.save(draft)
        if on_section:
            on_section(index, draft)
    progress(Progress(len(indices), len(indices), "done"))
    return draft


#: Row labels shorter than this are not looked up for a section (an instruction's "业务" is not a metric).
SECTION_LABEL_LENGTH = 3


def section_facts(facts, draft: Draft, section: SectionDraft, doc_ids: list[str] | None) -> list:
    """The facts a section's instruction and queries name, for the draft's subject (no facts: [])."""
    if facts is None:
        return []
    text = " ".join([draft.subject, section.instruction, *section.queries])
    lookup = facts.lookup(text, doc_ids=doc_ids, min_label_length=SECTION_LABEL_LENGTH)
    if lookup.query.unknown_issuer:
        return []
    return [m for m in lookup.matches if m.score >= 0.8]


def state_missing_facts(result, subject: str) -> None:
    """Facts the section was given but the model did not use are stated by the app, first, so the
    figures a section asks for — and the direction of their change — are never left out (or left
    to the model to retype)."""
    from analyst_desk.core.drafting.fact_answers import change_sentences, value_change_pairs

    text = result.text
    missing_values, missing_changes = [], []
    for value, change in value_change_pairs(result.facts):
        if value.written(result.language) not in text:
            missing_values += [value] + ([change] if change is not None else [])
        elif change is not None and change.written(result.language) not in text:
            missing_changes.append((value, change))
    if not missing_values and not missing_changes:
        return
    source_number = {s.chunk_id: s.number for s in result.sources}
    lead = fact_sentences(missing_values, source_number, result.language, subject) if missing_values else ""
    lead += change_sentences(missing_changes, source_number, result.language, subject)
    separator = "" if result.language == "zh" else " "
    result.text = (lead + ("\n" if result.language != "zh" else "") + text).strip() if lead else text
    written = [n.written(result.language) for n in result.facts]
    result.verification = verify(result.text, result.sources, exact=locate(result.text, written))
    stated = [n.number for n in missing_values] + [c.number for _, c in missing_changes]
    result.fact_notes.append("stated by the app:" + separator + ", ".join(f"F{n}" for n in sorted(stated)))
