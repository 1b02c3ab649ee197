"""Grounded generation, shared by Ask and drafting: passages → window → cited text → verification.

``generate_grounded`` fits the best passages into the model's window (measured with its own
tokenizer), streams text that cites them as [n], repairs the citation numbers, and checks the
result in Python. When the passages do not fit, it notes facts per group of passages (map) and
writes from the notes (reduce); citation numbers stay those of the original passages, so the
final text is verified against the real pages either way. ``answer_question`` adds retrieval and
the "not found" rule (the model is not called when nothing relevant was retrieved).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Callable

from app.core.cancel import NEVER, CancelToken
from app.core.drafting.attribution import Attribution, attribute
from app.core.drafting.prompts import NOT_FOUND, SYSTEM_PROMPT, PromptParts, fit_hits, language_of, render_sources
from app.core.drafting.relevance import relevant_hits
from app.core.drafting.sources import Retriever, Source
from app.core.drafting.verification import Verification, tidy_markers, verify
from app.core.progress import Progress, no_progress

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

    def to_json(self) -> dict:
        cited = set(self.verification.citations)
        return {"answer": self.text, "language": self.language, "not_found": self.not_found,
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
                      context_size: int | None = None, label: str = "Question") -> GroundedResult:
    """Write ``task`` from ``hits`` (best first) with citations, then verify it.

    ``context_size`` overrides the engine's window (to plan for a smaller model); the prompt and
    the answer always fit in it. Cancelling keeps the partial text (``cancelled=True``).
    """
    progress = progress or no_progress
    on_chunk = on_chunk or (lambda _chunk: None)
    window = min(context_size or engine.context_size, engine.context_size)
    skeleton = PromptParts(task=task, language=language, preamble=preamble, label=label)
    fixed = engine.count_tokens(SYSTEM_PROMPT) + engine.count_tokens(skeleton.user_text()) + _PROMPT_MARGIN
    budget = window - max_tokens - fixed
    if budget < 200:
        max_tokens = max(64, window - fixed - 200)
        budget = window - max_tokens - fixed
    fitted, rest = fit_hits(engine.count_tokens, hits, budget)
    if not rest:
        sources = numbering(fitted)
        parts = PromptParts(task=task, language=language, preamble=preamble, sources_text=render_sources(sources),
                            label=label)
        progress(Progress(0, 1, "writing"))
        text, stats = _stream(engine, parts, max_tokens, temperature, cancel, on_chunk)
        progress(Progress(1, 1, "writing"))
        return _result(text, sources, language, parts, stats, cancel, map_reduce=False)
    return _map_reduce(engine, task=task, hits=hits, language=language, preamble=preamble, max_tokens=max_tokens,
                       temperature=temperature, cancel=cancel, on_chunk=on_chunk, progress=progress,
                       numbering=numbering, window=window, label=label)


def _map_reduce(engine, *, task, hits, language, preamble, max_tokens, temperature, cancel, on_chunk, progress,
                numbering, window, label) -> GroundedResult:
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
        parts = PromptParts(task=map_task, language=language, sources_text=render_sources(group), label="Task")
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
                        sources_text="Notes taken from the numbered passages (keep their [n] numbers):\n" + notes_text)
    text, stats = ("", None) if cancel.cancelled else _stream(engine, parts, max_tokens, temperature, cancel, on_chunk)
    progress(Progress(total, total, "done"))
    return _result(text, sources, language, parts, stats, cancel, map_reduce=True)


def _stream(engine, parts: PromptParts, max_tokens, temperature, cancel, on_chunk) -> tuple[str, object]:
    generation = engine.stream_chat(parts.messages(), max_tokens=max_tokens, temperature=temperature, cancel=cancel)
    for chunk in generation:
        on_chunk(chunk)
    return generation.text, generation.stats


def _result(text, sources, language, parts, stats, cancel, *, map_reduce) -> GroundedResult:
    raw = tidy_markers(text).strip()
    text, attribution = attribute(raw, sources)
    return GroundedResult(text=text, sources=sources, verification=verify(text, sources), language=language,
                          cancelled=cancel.cancelled, map_reduce=map_reduce, prompt=parts.user_text(), stats=stats,
                          raw_text=raw, attribution=attribution)


def not_found_result(language: str) -> GroundedResult:
    """The answer when nothing relevant was retrieved; the model is not called."""
    text = NOT_FOUND.get(language, NOT_FOUND["en"])
    return GroundedResult(text=text, sources=[], verification=Verification(), language=language, not_found=True)


def answer_question(question: str, retriever: Retriever, engine, *, k: int = 5, doc_ids: list[str] | None = None,
                    language: str | None = None, max_tokens: int = 400, temperature: float = 0.1,
                    cancel: CancelToken = NEVER, on_chunk: Callable[[str], None] | None = None,
                    progress=None, audit=None, pane: str = "ask") -> GroundedResult:
    """Retrieve, check relevance, and answer ``question`` with cited, verified text.

    ``engine`` may be a zero-argument callable returning the engine (e.g. ``services.chat_engine``):
    it is then only loaded when there is something relevant to answer from.
    """
    language = language or language_of(question)
    hits = retriever.search(question, k=k, doc_ids=doc_ids) if doc_ids else retriever.search(question, k=k)
    relevant = relevant_hits(question, hits, getattr(retriever, "embedder", None))
    if not relevant:
        result = not_found_result(language)
        if on_chunk:
            on_chunk(result.text)
    else:
        if not hasattr(engine, "stream_chat") and callable(engine):
            engine = engine()
        result = generate_grounded(engine, task=question, hits=relevant, language=language, max_tokens=max_tokens,
                                   temperature=temperature, cancel=cancel, on_chunk=on_chunk, progress=progress)
    record_audit(audit, pane=pane, kind="answer", engine=engine, prompt=result.prompt or question, result=result)
    return result


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
