"""Drafting a report section by section from a template, with the grounded generation core."""

from __future__ import annotations

import logging
import re
import time
from typing import Callable

from analyst_desk.core.cancel import NEVER, CancelToken
from analyst_desk.core.drafting.answering import AUTO, facts_for, generate_grounded, record_audit
from analyst_desk.core.drafting.drafts import LENGTHS, Draft, DraftStore, SectionDraft
from analyst_desk.core.drafting.fact_answers import fact_sentences
from analyst_desk.core.drafting.fact_use import locate
from analyst_desk.core.drafting.prompts import NOT_FOUND
from analyst_desk.core.drafting.readable import readable_phrase, readable_result
from analyst_desk.core.drafting.relevance import relevant_hits
from analyst_desk.core.drafting.sources import Retriever, gather
from analyst_desk.core.drafting.templates import ReportTemplate
from analyst_desk.core.drafting.verification import verify
from analyst_desk.core.progress import Progress, no_progress

log = logging.getLogger(__name__)

#: Passages retrieved per query of a section (two queries → up to twice as many, de-duplicated).
HITS_PER_QUERY = 4
_SAVE_EVERY = 2.0  # seconds between saves while a section streams


def new_draft(template: ReportTemplate, subject: str, *, language: str = "zh", length: str = "short",
              doc_ids: list[str] | None = None, saved_search: str = "", kind: str = "") -> Draft:
    """An empty draft with the template's sections in ``language``; with ``kind`` ("bank", "insurer",
    "securities", "industrial"), only the sections written for that kind of company."""
    chosen = template.sections_for(kind) if kind else template.sections
    sections = [SectionDraft(title=s.title_in(language), instruction=s.instruction_in(language, subject),
                             queries=s.queries_for(subject), table_kind=(kind or "industrial") if s.table else "")
                for s in chosen]
    title = f"{template.title_in(language)}：{subject}" if language == "zh" else f"{template.title_in(language)}: {subject}"
    return Draft(template=template.name, title=title, subject=subject, language=language, length=length,
                 doc_ids=doc_ids, saved_search=saved_search, sections=sections, kind=kind,
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
    titles = _display_titles(retriever, draft.language)
    statements = _statement_lines(facts, draft, doc_ids)
    for step, index in enumerate(indices):
        if cancel.cancelled:
            break
        section = draft.sections[index]
        progress(Progress(step, len(indices), section.title))
        section.text, section.status, section.source_numbers, section.fact_texts = "", "writing", [], []
        section.amounts = []
        hits = gather(retriever, section.queries, k=HITS_PER_QUERY, doc_ids=doc_ids)
        hits = relevant_hits(" ".join([draft.subject, section.title, *section.queries]), hits,
                             getattr(retriever, "embedder", None))
        for hit in hits:  # sources are named by what the document is, in the prompt, the pane and the export
            hit.title = titles.get(hit.doc_id, hit.title)
        matches = section_facts(facts, draft, section, doc_ids)
        table_text = ""
        if section.table_kind:
            # The app writes the figures (a cited table); the model only the sentences around it.
            table_text = _key_figure_text(facts, draft, section, doc_ids)
            matches = []
        if not hits and not matches and not table_text and section.table_kind:
            section.text, section.status = _no_figures(draft), "not_found"
            if on_chunk:
                on_chunk(index, section.text)
        elif not hits and not matches and not table_text:
            section.text, section.status = NOT_FOUND.get(draft.language, NOT_FOUND["en"]), "not_found"
            if on_chunk:
                on_chunk(index, section.text)
        elif table_text and not hits:  # the table stands alone: no passage to write sentences from
            section.text, section.status = table_text, "done"
            section.fact_texts = [c["text"] for row in section.table["rows"] for c in row["cells"] if c]
            section.checks, section.checked_text = [], section.text
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
            if table_text and on_chunk:
                on_chunk(index, table_text + "\n\n")
            result = generate_grounded(engine, task=section.instruction, hits=hits, language=draft.language,
                                       preamble=draft.preamble, label="Task", max_tokens=max_tokens, cancel=cancel,
                                       on_chunk=stream, numbering=draft.number_hits, context_size=context_size,
                                       facts=matches, records=records)
            echoed = not result.cancelled and echoes(result.text, section.instruction)
            if echoed:  # "根据资料评估…的偿债能力：负债结构、…" as the section: the task said back, nothing written
                result.text, result.verification = "", verify("", result.sources)
                result.fact_notes.append("the model repeated the section's instruction: dropped")
            if not result.cancelled:
                state_missing_facts(result, draft.subject)
                if echoed and not result.text.strip():
                    result.text = _echo_note(draft.language)
                # The app decides every figure's period: "营业收入为1.09亿元" of a half year reads "…（2006年1-6月）".
                date_figures(result, section, statements(), draft.language)
                # "4.39亿元", not "438,919,222.84元": the text, its checks and its audit record read alike.
                section.amounts = readable_result(result, draft.language)
            table_numbers = list(section.source_numbers) if table_text else []
            section.source_numbers = list(dict.fromkeys(table_numbers + [s.number for s in result.sources]))
            section.fact_texts = [readable_phrase(n.written(draft.language), draft.language) for n in result.facts] + (
                [c["text"] for row in (section.table or {}).get("rows", []) for c in row["cells"] if c] if table_text else [])
            # Cancelled text stays exactly as streamed; finished text gets its citations repaired.
            text = section.text.strip() if result.cancelled else result.text
            if table_text:
                text = table_text + "\n\n" + text.strip()
            section.text = text.strip()
            section.status = "cancelled" if result.cancelled else "done"
            shift = section.text.find(result.text.strip()) if result.text.strip() else 0
            section.checks = [dict(flag.to_json(), start=flag.start + max(shift, 0), end=flag.end + max(shift, 0))
                              for flag in result.verification.flags]
            section.checked_text = section.text
            record_audit(audit, pane="drafting", kind="section", engine=engine, prompt=result.prompt,
                         result=result)
        store.save(draft)
        if on_section:
            on_section(index, draft)
    for source in draft.sources:
        source.title = titles.get(source.doc_id, source.title)
    progress(Progress(len(indices), len(indices), "done"))
    return draft


def _statement_lines(facts, draft: Draft, doc_ids: list[str] | None) -> Callable[[], tuple[list, str]]:
    """A loader, read once on first use, of the primary figures of the draft's documents (the chosen ones, else
    the subject's) and their report type: the figures whose period a section's sentences are dated by."""
    cache: list[tuple[list, str]] = []

    def load() -> tuple[list, str]:
        if not cache:
            ids = (list(doc_ids) if doc_ids else facts.documents_of(draft.subject)) if facts is not None else []
            lines = [f for f in facts.facts(ids) if f.primary and f.in_report and f.kind == "value"] if ids else []
            report_type = next((r.doc_type for r in facts.records if r.doc_id in ids), "") if ids else ""
            cache.append((lines, report_type))
        return cache[0]

    return load


def date_figures(result, section: SectionDraft, statements: tuple[list, str], language: str) -> None:
    """Write the period of each figure the app can tie to a fact (given, in the section's table, or a statement
    line its sentence names) where the sentence states it undated; the checks move with the text."""
    from analyst_desk.core.drafting.figure_periods import add_periods, known_figures
    from analyst_desk.core.drafting.readable import move_checks

    lines, report_type = statements
    known = known_figures(facts=[n.fact for n in result.facts], table=section.table, statements=lines)
    text, changes = add_periods(result.text, known, language, report_type)
    if changes:
        move_checks(result, text, changes, language, amounts=False)
        result.fact_notes.append(f"periods written by the app: {len(changes)}")


def _display_titles(retriever, language: str) -> dict[str, str]:
    """``doc_id`` → display title for the retriever's documents (none when it has no catalogue)."""
    from analyst_desk.core.library.display_title import titles_by_doc

    documents = getattr(retriever, "documents", None)
    if documents is None:
        return {}
    try:
        return titles_by_doc(documents(), language)
    except Exception:  # naming is cosmetic: never fail a draft over it
        log.warning("Display titles could not be read", exc_info=True)
        return {}


def _key_figure_text(facts, draft: Draft, section: SectionDraft, doc_ids: list[str] | None) -> str:
    """The section's key-figure table as text with draft-wide citations; "" when the facts print none.

    The documents are the chosen ones, else the subject's (by the issuer names the facts know).
    The table's passages are numbered into the draft's sources and become the section's first sources.
    """
    from analyst_desk.core.drafting.fact_use import hits_for_facts, row_key
    from analyst_desk.core.drafting.key_figure_table import key_figure_table

    section.table = None
    if facts is None:
        return ""
    ids = list(doc_ids) if doc_ids else facts.documents_of(draft.subject)
    if not ids:
        return ""
    from analyst_desk.core.drafting.key_figure_table import period_end

    records = {r.doc_id: r for r in facts.records}
    # No column after the latest period the documents themselves report (a 2006H1 prospectus has no 2006年度).
    own = [records[i].period for i in ids if i in records and period_end(getattr(records[i], "period", ""))[0]]
    table = key_figure_table(facts.facts(ids), section.table_kind, draft.language,
                             latest=max(own, key=period_end) if own else "")
    if table is None:
        return ""
    sources = draft.number_hits(hits_for_facts(table.facts, records))
    number_of = {s.chunk_id: s.number for s in sources}
    section.source_numbers = [s.number for s in sources]
    section.table = table.to_json()

    def cite(cell_facts) -> str:
        numbers = list(dict.fromkeys(number_of[row_key(f)] for f in cell_facts if row_key(f) in number_of))
        return "[" + ", ".join(str(n) for n in numbers) + "]" if numbers else ""

    report_type = next((r.doc_type for r in facts.records if r.doc_id in ids), "")
    return table.to_text(cite, draft.language, report_type)


_NOT_WORDS = re.compile(r"\[\d{1,3}(?:\s*[,，、]\s*\d{1,3})*\]|[\W_]")


def echoes(text: str, instruction: str) -> bool:
    """Whether ``text`` is the section's instruction said back (a small model's way of writing nothing): most of
    its character pairs are the instruction's, and it is not much longer than it."""
    said, asked = _NOT_WORDS.sub("", text), _NOT_WORDS.sub("", instruction)
    if len(said) < 8 or len(said) > 1.3 * len(asked):
        return False
    pairs = [said[i:i + 2] for i in range(len(said) - 1)]
    asked_pairs = {asked[i:i + 2] for i in range(len(asked) - 1)}
    return sum(p in asked_pairs for p in pairs) / len(pairs) >= 0.7


def _echo_note(language: str) -> str:
    """What a section says when the model only repeated its instruction."""
    if language == "zh":
        return "模型只复述了本节的写作要求，没有写出内容。请点击“重写本节”，或在资料范围中加入相关文档。"
    return "The model only repeated this section's instruction. Rewrite the section, or add documents that cover it."


def _no_figures(draft: Draft) -> str:
    """What a financial section says when the documents print none of its key figures."""
    if draft.language == "zh":
        return f"资料中未找到{draft.subject}可用于本节的财务数据（营业收入、净利润、资产等），本节无法填写。"
    return f"The documents give no financial figures for {draft.subject} this section could use; it is left unfilled."


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
    # A share printed beside an amount ("应收账款 | 占流动资产总额比例（%） | 14.14") is not the amount the section
    # names: stated as "应收账款为14.14%" it reads as a wrong figure.
    return [m for m in lookup.matches if m.score >= 0.8 and not (m.fact.unit == "%" and not _RATIO.search(m.metric))]


#: Words that make a metric a ratio or a change, whose figure may be a percentage.
_RATIO = re.compile(r"率|比|占|倍|增长|增幅|下降|变动|%|ratio|margin|rate|growth|share", re.I)


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
