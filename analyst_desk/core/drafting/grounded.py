"""Grounded generation, shared by Ask and drafting: passages → window → cited text → verification.

``generate_grounded`` fits the best passages into the model's window (measured with its own
tokenizer), streams text that cites them as [n], repairs the citation numbers, and checks the
result in Python. When the passages do not fit, it notes facts per group of passages (map) and
writes from the notes (reduce); citation numbers stay those of the original passages, so the
final text is verified against the real pages either way. ``record_audit`` hands one generation
to the compliance log.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field, replace
from typing import Callable

from analyst_desk.core.cancel import NEVER, CancelToken
from analyst_desk.core.drafting.attribution import Attribution, attribute
from analyst_desk.core.drafting.fact_use import (
    NumberedFact,
    fact_hits,
    facts_prompt,
    locate,
    number_facts,
    write_facts,
)
from analyst_desk.core.drafting.prompts import (
    NOT_FOUND,
    SYSTEM_PROMPT,
    PromptParts,
    fit_hits,
    render_sources,
)
from analyst_desk.core.drafting.sources import Source
from analyst_desk.core.drafting.verification import Flag, Verification, tidy_markers, verify
from analyst_desk.core.progress import Progress, no_progress

log = logging.getLogger(__name__)

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
    #: Why the audit log could not record this output (None when it did): shown beside it.
    audit_error: str | None = None
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


def without_copied_captions(text: str, sources) -> str:
    """The text without lines that only repeat a source's caption as the prompt showed it ("江南精密机械股份有限公司 ·
    招股意向书,第 2 页[1]"): small models copy them, and they say nothing."""
    def squeezed(line: str) -> str:
        line = re.sub(r"第\s*\d+\s*页|\bp(?:age|p?\.)\s*\d+|\[\d+\]", "", line.lower())
        return re.sub(r"[\s·•,，、:：;；.。\-—|()（）]", "", line)

    captions = {squeezed(getattr(s, "title", "") or "") for s in sources} - {""}
    if not captions:
        return text
    kept = [line for line in text.split("\n") if not (re.search(r"第\s*\d+\s*页|\bp(?:age|\.)\s*\d+", line, re.I)
                                                      and squeezed(line) in captions)]
    return "\n".join(kept)


def _result(text, sources, language, parts, stats, cancel, *, map_reduce, numbered=()) -> GroundedResult:
    model_text = tidy_markers(text).strip()
    raw = without_copied_captions(model_text, sources).strip() if not cancel.cancelled else model_text
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


def writing_progress(progress, max_tokens: int, language: str) -> Callable[[str], None]:
    """A chunk callback that shows nothing of the model's text, only how far the writing is, with an estimate
    of the seconds left (Ask holds the text back until the guard and the checks have passed it)."""
    progress = progress or no_progress
    state = Progress(total=max_tokens)
    last = [0.0]

    def on_chunk(_chunk: str) -> None:
        if state.stage != "generating":
            state.enter_stage("generating", max_tokens)
        state.stage_done = state.done = state.stage_done + 1
        now = time.monotonic()
        if now - last[0] < 0.25:
            return
        last[0] = now
        eta = state.stage_eta_seconds
        left = f"{eta:.0f}" if eta is not None else "?"
        state.description = (f"正在撰写回答…（最多约剩 {left} 秒，核对后显示）" if language == "zh"
                             else f"Writing the answer… (at most about {left} s left; shown once checked)")
        progress(state)

    return on_chunk


def not_found_result(language: str) -> GroundedResult:
    """The answer when nothing relevant was retrieved; the model is not called."""
    text = NOT_FOUND.get(language, NOT_FOUND["en"])
    return GroundedResult(text=text, sources=[], verification=Verification(), language=language, not_found=True)


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
