"""Transcript → minutes: the orchestration. The model proposes, the transcript decides.

1. The rules find who is who (``roster.py``), follow the dialogue (``dialogue.py``: who is addressed, what
   each line does, open tasks updated by later lines) and find decisions, tasks, open questions and risks
   (``detection.py``); they are the minutes when no model is loaded or the user stops early.
2. For each chunk the model writes a summary (``prose.py``); with ``propose`` it also proposes items as
   schema-constrained JSON (``candidates.py``); each proposal is checked against its lines
   (``verdicts.py``) and the accepted ones are merged with the cue-phrase items.
3. Task wordings (one call, within a token budget) and translations are written by the model and
   checked (``prose.py``); key points come from the decisions and stated facts, never small talk; the
   summary is checked against the decisions (``summary_check.py``) and its figures traced
   (``tracing.py``). Owners and due dates always come from the transcript.

Long meetings: the speech is cut at speaker turns into chunks that fit the model's window; each
chunk is summarised, the partial summaries are merged by one more call.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from typing import Callable

from analyst_desk.core.cancel import NEVER, CancelToken
from analyst_desk.core.meeting import prompts
from analyst_desk.core.meeting.candidates import Candidate, propose_items
from analyst_desk.core.meeting.detection import Found, find_items
from analyst_desk.core.meeting.minutes import ActionItem, Item, Minutes
from analyst_desk.core.meeting.prose import (
    SUMMARY_TOKENS,
    Cancelled,
    Clock,
    ask,
    raise_if,
    task_wordings,
    tidy_sentence,
    translate_items,
)
from analyst_desk.core.meeting.summary_check import check_summary, rule_key_points
from analyst_desk.core.meeting.tracing import check_figures
from analyst_desk.core.meeting.transcript import Transcript
from analyst_desk.core.meeting.verdicts import accepted, judge, merge_items
from analyst_desk.core.progress import Progress, no_progress

log = logging.getLogger(__name__)

#: Tokens kept free in the window for instructions and the answer.
_RESERVE_TOKENS = 700


def summarize_meeting(transcript: Transcript, engine, *, meeting_date: dt.date | None = None,
                      language: str | None = None, cancel: CancelToken = NEVER, progress=None,
                      on_chunk: Callable[[str], None] | None = None, audit=None, propose: bool = False) -> Minutes:
    """Minutes of ``transcript``. Cancelling returns what is done so far, with ``cancelled`` set.

    The rules find the people, tasks, dates and decisions; the model writes the summary and the task
    wordings within a token budget. ``propose`` also asks the model for items (checked by the
    transcript, then merged): slower, for the benchmark and for users who want a second reader.
    ``on_chunk`` receives the summary as it streams (for a live view).
    """
    started = time.perf_counter()
    progress = progress or no_progress
    language = language or transcript.language
    meeting_date = meeting_date or transcript.date
    cue_items = find_items(transcript, meeting_date)
    minutes = Minutes(title=transcript.title or transcript.source_name or ("会议纪要" if language == "zh" else "Minutes"),
                      date=meeting_date, language=language, attendees=list(transcript.attendees),
                      model=getattr(engine, "model_name", ""))
    build_items(minutes, cue_items, transcript, language)
    minutes.key_points = rule_key_points(minutes, transcript)  # kept when the user stops before the model is done
    if meeting_date is None:
        minutes.summary_flags.append("未给出会议日期，相对日期（如“下周一”）未换算" if language == "zh"
                                     else "No meeting date given: relative due dates were not resolved")
    if not transcript.speech:
        minutes.total_seconds = time.perf_counter() - started
        return minutes

    clock = Clock()
    chunks = chunk_transcript(transcript, engine)
    minutes.chunks = len(chunks)
    steps = (len(chunks) * (2 if propose else 1) + (1 if len(chunks) > 1 else 0) + 1
             + (1 if language != transcript.language else 0))
    step = 0

    def tick(description: str) -> None:
        nonlocal step
        progress(Progress(step, steps, description))
        step += 1

    zh = language == "zh"
    summaries: list[str] = []
    candidates: list[Candidate] = []
    try:
        for index, chunk in enumerate(chunks):
            part = f"{index + 1}/{len(chunks)}"
            tick(("正在概括第 " + part + " 部分") if zh else f"Summarising part {part}")
            stream = on_chunk if len(chunks) == 1 else None
            summaries.append(ask(engine, clock, language, chunk, prompts.ASK_SUMMARY[language], SUMMARY_TOKENS, cancel,
                                 stream))
            raise_if(cancel)
            if propose:
                tick(("正在核对第 " + part + " 部分的决定和待办") if zh else f"Checking decisions and tasks of part {part}")
                candidates.extend(propose_items(engine, clock, transcript.language, chunk, cancel))
                raise_if(cancel)
        if propose:
            found = merge_items(cue_items, accepted(judge(candidates, transcript, meeting_date)))
            _replace_items(minutes, found, transcript, language)
        if len(summaries) > 1:
            tick("正在合并摘要" if zh else "Merging the summaries")
            joined = "\n".join(f"- {s}" for s in summaries if s)
            minutes.summary = ask(engine, clock, language, "", prompts.ASK_MERGE[language] + joined,
                                  SUMMARY_TOKENS + 60, cancel, on_chunk)
        else:
            minutes.summary = summaries[0] if summaries else ""
        minutes.summary = minutes.summary.strip()
        minutes.key_points = rule_key_points(minutes, transcript)
        check_figures(minutes, transcript)
        minutes.summary_flags.extend(check_summary(minutes, transcript))
        raise_if(cancel)
        tick("正在整理待办" if zh else "Wording the tasks")
        task_wordings(engine, clock, language, minutes.action_items, transcript, cancel)
        if language != transcript.language:
            tick("正在翻译" if zh else "Translating")
            translate_items(engine, clock, minutes, cancel)
    except Cancelled:
        minutes.cancelled = True
    minutes.model_seconds, minutes.model_tokens = clock.model_seconds, clock.tokens
    minutes.total_seconds = time.perf_counter() - started
    progress(Progress(steps, steps, "done"))
    _record(audit, engine, transcript, minutes)
    return minutes


# -- chunks ---------------------------------------------------------------------------------------
def chunk_transcript(transcript: Transcript, engine) -> list[str]:
    """The speech as numbered lines, cut at speaker turns into pieces that fit the model's window."""
    window = int(getattr(engine, "context_size", 4096) or 4096)
    budget = max(400, window - _RESERVE_TOKENS)
    turns: list[list[str]] = []
    last_speaker = object()
    for line in transcript.speech:
        text = f"[{line.number}] {line.speaker + '：' if line.speaker else ''}{line.text}"
        if line.speaker != last_speaker or not turns:
            turns.append([])
            last_speaker = line.speaker
        turns[-1].append(text)
    chunks: list[str] = []
    current: list[str] = []
    used = 0
    for turn in turns:
        text = "\n".join(turn)
        cost = _tokens(engine, text) + 1
        if current and used + cost > budget:
            chunks.append("\n".join(current))
            current, used = [], 0
        if cost > budget:  # one monologue longer than the window: cut it by lines
            for line in turn:
                line_cost = _tokens(engine, line) + 1
                if current and used + line_cost > budget:
                    chunks.append("\n".join(current))
                    current, used = [], 0
                current.append(line)
                used += line_cost
            continue
        current.append(text)
        used += cost
    if current:
        chunks.append("\n".join(current))
    return chunks


def _tokens(engine, text: str) -> int:
    count = getattr(engine, "count_tokens", None)
    if count is None:
        return len(text) // 2 + 1
    return count(text)


# -- items ----------------------------------------------------------------------------------------
def build_items(minutes: Minutes, found: list[Found], transcript: Transcript, language: str) -> None:
    """Append ``found`` to the minutes as action items, decisions, open questions and risks."""
    zh = language == "zh"
    for f in found:
        if f.kind == "action":
            item = ActionItem(task=tidy_sentence(f.sentence, transcript.attendees), owner=f.owner, due=f.due,
                              lines=list(f.lines), flags=list(f.flags), quote=f.sentence)
            if not item.owner and not f.flags:
                item.flags.append("会议中没有明确负责人" if zh else "No owner was named in the meeting")
            if item.due is None:
                item.flags.append("会议中没有说截止时间" if zh else "No due date was said")
            minutes.action_items.append(item)
            continue
        said = " ".join(transcript.line(n).text for n in f.lines if transcript.line(n)) if f.kind == "decision" else ""
        item = Item(text=tidy_sentence(f.sentence, transcript.attendees), lines=list(f.lines),
                    flags=list(f.flags), quote=said)  # a decision keeps the words it was said in
        {"decision": minutes.decisions, "open_question": minutes.open_questions, "risk": minutes.risks}[f.kind].append(item)


def _replace_items(minutes: Minutes, found: list[Found], transcript: Transcript, language: str) -> None:
    minutes.action_items, minutes.decisions, minutes.open_questions, minutes.risks = [], [], [], []
    build_items(minutes, found, transcript, language)


def _record(audit, engine, transcript: Transcript, minutes: Minutes) -> None:
    record = getattr(audit, "record", None)
    if record is None:
        return
    model_path = str(getattr(getattr(engine, "info", None), "path", "") or getattr(engine, "model_name", ""))
    try:
        record(pane="meeting", kind="minutes", model_path=model_path, prompt=transcript.text,
               sources=[transcript.source_name or "pasted transcript"],
               output=json.dumps(minutes.to_json(), ensure_ascii=False),
               flags=[f for i in [*minutes.action_items, *minutes.key_points] for f in i.flags] + minutes.summary_flags)
    except Exception:  # the audit log must not take the minutes down with it
        log.exception("Audit record failed")
