"""Transcript → minutes: rules find and trace the items, the model writes the prose, code checks it.

The model writes the summary, the key points and a short wording of each task. Everything it
writes is checked against the transcript: a task wording that drifts from its sentence is
replaced by the sentence itself, a key point that no line supports is flagged, and a figure in
the summary that the transcript never states is flagged. Owners and due dates come from the
transcript, never from the model (see ``detection.py``).

Long meetings: the speech is cut at speaker turns into chunks that fit the model's window; each
chunk is summarised, the partial summaries are merged by one more call.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
from dataclasses import dataclass
from typing import Callable

from app.core.cancel import NEVER, CancelToken
from app.core.engine.base import ChatMessage
from app.core.meeting.detection import Found, find_items, sentences_of
from app.core.meeting.minutes import ActionItem, Item, Minutes
from app.core.meeting.transcript import Transcript
from app.core.progress import Progress, no_progress

log = logging.getLogger(__name__)

#: Tokens kept free in the window for instructions and the answer.
_RESERVE_TOKENS = 700
_SUMMARY_TOKENS = 220
_KEY_POINTS = 5
#: Share of a rewritten task's characters that must come from its sentence ("准备…方案" for "把方案发给…"
#: changes the task: 6 of 8 characters are not enough).
_MIN_TASK_OVERLAP = 0.85
#: Share of a key point's characters a line must contain for the point to count as traced.
_MIN_TRACE = 0.45

_SYSTEM = {
    "zh": "你是银行的会议纪要助手。只根据会议记录写，不编造事实、数字和人名。",
    "en": "You write minutes for a bank's meetings. Use only the transcript; never invent facts, figures or names.",
}
_ASK_SUMMARY = {
    "zh": "用两三句话概括这段会议讨论了什么、定了什么。",
    "en": "In two or three sentences, say what this part of the meeting discussed and decided.",
}
_ASK_MERGE = {
    "zh": "下面是同一个会议各部分的摘要。把它们合并成一段三四句话的会议摘要，不要增加新内容：\n\n",
    "en": "Below are summaries of the parts of one meeting. Merge them into one summary of three or four "
          "sentences; add nothing new:\n\n",
}
_ASK_POINTS = {
    "zh": "列出这段会议的要点，最多三条，每行一条，以“- ”开头。",
    "en": "List at most three key points of this part of the meeting, one per line, each starting with \"- \".",
}
_ASK_TASK = {
    "zh": "发言人：{speaker}\n原话：{sentence}\n\n用一句简短的话写出要做的事（动宾短语，不含负责人和时间）。",
    "en": "Speaker: {speaker}\nSaid: {sentence}\n\nWrite the task in a few words (a verb phrase, without the "
          "person or the deadline).",
}
_TASK_SCHEMA = {"type": "object", "properties": {"task": {"type": "string"}}, "required": ["task"]}
_LABEL = {"zh": "会议记录", "en": "Transcript"}


@dataclass
class _Clock:
    model_seconds: float = 0.0
    tokens: int = 0

    def add(self, generation) -> None:
        self.model_seconds += generation.stats.total_seconds
        self.tokens += generation.stats.completion_tokens


def summarize_meeting(transcript: Transcript, engine, *, meeting_date: dt.date | None = None,
                      language: str | None = None, cancel: CancelToken = NEVER, progress=None,
                      on_chunk: Callable[[str], None] | None = None, audit=None) -> Minutes:
    """Minutes of ``transcript``. Cancelling returns what is done so far, with ``cancelled`` set.

    ``on_chunk`` receives the summary as it streams (for a live view).
    """
    started = time.perf_counter()
    progress = progress or no_progress
    language = language or transcript.language
    meeting_date = meeting_date or transcript.date
    found = find_items(transcript, meeting_date)
    minutes = Minutes(title=transcript.title or transcript.source_name or ("会议纪要" if language == "zh" else "Minutes"),
                      date=meeting_date, language=language, attendees=list(transcript.attendees),
                      model=getattr(engine, "model_name", ""))
    _fill_items(minutes, found, transcript, language)
    if meeting_date is None:
        minutes.summary_flags.append("未给出会议日期，相对日期（如“下周一”）未换算" if language == "zh"
                                     else "No meeting date given: relative due dates were not resolved")
    if not transcript.speech:
        minutes.total_seconds = time.perf_counter() - started
        return minutes

    clock = _Clock()
    chunks = chunk_transcript(transcript, engine)
    minutes.chunks = len(chunks)
    steps = (len(chunks) * 2 + (1 if len(chunks) > 1 else 0) + len(minutes.action_items)
             + (1 if language != transcript.language else 0))
    step = 0

    def tick(description: str) -> None:
        nonlocal step
        progress(Progress(step, steps, description))
        step += 1

    summaries: list[str] = []
    points: list[str] = []
    try:
        for index, chunk in enumerate(chunks):
            part = f"{index + 1}/{len(chunks)}"
            tick(("正在概括第 " + part + " 部分") if language == "zh" else f"Summarising part {part}")
            stream = on_chunk if len(chunks) == 1 else None
            summaries.append(_ask(engine, clock, language, chunk, _ASK_SUMMARY[language], _SUMMARY_TOKENS, cancel,
                                  stream))
            _raise_if(cancel)
            tick(("正在提炼第 " + part + " 部分要点") if language == "zh" else f"Key points of part {part}")
            points.extend(_key_points(engine, clock, language, chunk, cancel))
            _raise_if(cancel)
        if len(summaries) > 1:
            tick("正在合并摘要" if language == "zh" else "Merging the summaries")
            joined = "\n".join(f"- {s}" for s in summaries if s)
            minutes.summary = _ask(engine, clock, language, "", _ASK_MERGE[language] + joined, _SUMMARY_TOKENS + 60,
                                   cancel, on_chunk)
        else:
            minutes.summary = summaries[0] if summaries else ""
        minutes.summary = minutes.summary.strip()
        minutes.key_points = _traced_points(points, transcript, language)
        _check_figures(minutes, transcript)
        for item in minutes.action_items:
            _raise_if(cancel)
            tick(("正在整理待办：" if language == "zh" else "Wording task: ") + item.quote[:20])
            item.task = _task_wording(engine, clock, language, item, transcript)
        if language != transcript.language:
            tick("正在翻译" if language == "zh" else "Translating")
            _translate_items(engine, clock, minutes, cancel)
    except _Cancelled:
        minutes.cancelled = True
    minutes.model_seconds, minutes.model_tokens = clock.model_seconds, clock.tokens
    minutes.total_seconds = time.perf_counter() - started
    progress(Progress(steps, steps, "done"))
    _record(audit, engine, transcript, minutes)
    return minutes


class _Cancelled(Exception):
    pass


def _raise_if(cancel: CancelToken) -> None:
    if cancel.cancelled:
        raise _Cancelled


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


# -- model calls ----------------------------------------------------------------------------------
def _messages(language: str, chunk: str, ask: str) -> list[ChatMessage]:
    # The transcript comes first and the request last, so consecutive requests on the same chunk
    # share the longest prompt prefix and llama.cpp reuses its cache instead of reading it again.
    body = f"{_LABEL[language]}：\n{chunk}\n\n{ask}" if chunk else ask
    return [ChatMessage("system", _SYSTEM[language]), ChatMessage("user", body)]


def _ask(engine, clock: _Clock, language: str, chunk: str, ask: str, max_tokens: int, cancel: CancelToken,
         on_chunk: Callable[[str], None] | None = None) -> str:
    generation = engine.stream_chat(_messages(language, chunk, ask), max_tokens=max_tokens, temperature=0.1,
                                    cancel=cancel)
    for piece in generation:
        if on_chunk:
            on_chunk(piece)
    clock.add(generation)
    return _trim_repeats(generation.text)


def _trim_repeats(text: str) -> str:
    """Small models loop ("李总现场走访" ×40); keep each sentence once."""
    kept: list[str] = []
    # Split at Chinese and English sentence ends alike: an English summary may quote "5亿元".
    for sentence in re.findall(r"[^。！？!?；;.]+(?:[。！？!?；;]|\.(?=\s|$))?", text.replace("\n", " ")):
        sentence = sentence.strip()
        if sentence and sentence not in kept:
            kept.append(sentence)
    return ("" if re.search(r"[\u4e00-\u9fff]", "".join(kept)[:40]) else " ").join(kept).strip()


def _key_points(engine, clock: _Clock, language: str, chunk: str, cancel: CancelToken) -> list[str]:
    generation = engine.stream_chat(_messages(language, chunk, _ASK_POINTS[language]), max_tokens=160,
                                    temperature=0.1, cancel=cancel)
    points: list[str] = []
    for _ in generation:
        lines = [ln.strip(" -•*\t") for ln in generation.text.splitlines()[:-1]]
        points = list(dict.fromkeys(ln for ln in lines if len(ln) > 3))
        if len(points) >= 3 or len(generation.text.splitlines()) > 8:
            break  # enough, or looping: stop paying for tokens
    clock.add(generation)
    tail = generation.text.splitlines()[-1].strip(" -•*\t") if generation.text.strip() else ""
    if tail and len(tail) > 3 and tail not in points and len(points) < 3:
        points.append(tail)
    return points[:3]


def _task_wording(engine, clock: _Clock, language: str, item: ActionItem, transcript: Transcript) -> str:
    """The model's short wording of a task, if it keeps to the sentence; else the sentence, tidied."""
    fallback = tidy_sentence(item.quote, transcript.attendees)
    line = transcript.line(item.lines[0]) if item.lines else None
    prompt = _ASK_TASK[language].format(speaker=line.speaker if line else "", sentence=item.quote)
    generation = engine.stream_chat([ChatMessage("system", _SYSTEM[language]), ChatMessage("user", prompt)],
                                    max_tokens=48, temperature=0.0, json_schema=_TASK_SCHEMA)
    text = generation.consume()
    clock.add(generation)
    try:
        task = str(json.loads(text).get("task", "")).strip(" 。.")
    except (ValueError, AttributeError):
        return fallback
    if language != transcript.language:  # minutes in the other language: a translation, checked on its figures
        if task and keeps_figures(task, item.quote):
            item.flags.append(_TRANSLATED[language])
            return task
        return fallback
    if not task or overlap(task, item.quote) < _MIN_TASK_OVERLAP or len(task) > len(item.quote) + 4:
        return fallback
    from app.core.meeting.dates import find_due_dates

    # "by Friday" in the wording of a task due "by next Friday" would mislead: dates only as said.
    if any(d.words not in item.quote for d in find_due_dates(task, dt.date.today())):
        return fallback
    return task


def tidy_sentence(sentence: str, attendees: list[str]) -> str:
    """A found sentence as an item text: without "好的，", "另外，", the addressee's name and end punctuation."""
    text = re.sub(r"^(?:好的?|行|那|那么|另外|还有|先|然后|所以|OK|Okay|So|And|Also)[，,\s]+", "", sentence.strip(),
                  flags=re.IGNORECASE)
    text = re.sub(r"^(?:那么?|所以|好)(?=我们|大家)", "", text)
    for person in attendees:
        text = re.sub(rf"^{re.escape(person)}[，,]\s*(?:你|您)?", "", text)
        if " " in person:
            text = re.sub(rf"^{re.escape(person.split()[0])},\s*(?:please\s+)?", "", text)
    text = text.strip(" 。.;；")
    return text[:1].upper() + text[1:] if text[:1].isascii() else text


_ASK_TRANSLATE = {"zh": "把这句话翻译成简体中文，只输出译文：\n{text}", "en": "Translate into English; output only the "
                  "translation:\n{text}"}
_TRANSLATED = {"zh": "由模型翻译，请对照原话核对", "en": "Translated by the model: check it against the words said"}
_TEXT_SCHEMA = {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}


def _translate_items(engine, clock: _Clock, minutes: Minutes, cancel: CancelToken) -> None:
    """Minutes chosen in the other language: decisions, questions and risks are translated by the model.

    The sentence as said is kept beside each (``quote``); a translation that loses or changes a figure
    is not used.
    """
    for item in [*minutes.decisions, *minutes.open_questions, *minutes.risks]:
        _raise_if(cancel)
        generation = engine.stream_chat([ChatMessage("system", _SYSTEM[minutes.language]),
                                         ChatMessage("user", _ASK_TRANSLATE[minutes.language].format(text=item.text))],
                                        max_tokens=120, temperature=0.0, json_schema=_TEXT_SCHEMA, cancel=cancel)
        answer = generation.consume()
        clock.add(generation)
        try:
            translated = str(json.loads(answer).get("text", "")).strip()
        except (ValueError, AttributeError):
            continue
        if translated and keeps_figures(translated, item.text):
            item.quote, item.text = item.text, translated
            item.flags.append(_TRANSLATED[minutes.language])


def keeps_figures(written: str, source: str) -> bool:
    """Every figure in ``written`` is stated in ``source`` (allowing unit and format changes)."""
    from app.core.drafting.figure_match import SourceFigures, find_figures

    figures = SourceFigures.of(source)
    return all(figures.contains(f) for f in find_figures(written))


# -- checks ---------------------------------------------------------------------------------------
def _grams(text: str, pairs: bool) -> list[str]:
    text = text.lower()
    if len(re.findall(r"[\u4e00-\u9fff]", text)) >= 2:
        chars = re.findall(r"[\u4e00-\u9fff0-9a-z]", text)
        return [a + b for a, b in zip(chars, chars[1:])] if pairs and len(chars) > 2 else chars
    return re.findall(r"[a-z0-9]+", text)


def overlap(written: str, source: str, *, pairs: bool = False) -> float:
    """Share of ``written``'s characters (or, with ``pairs``, character pairs) for Chinese, or words
    for English, that appear in ``source``. Pairs are the stricter test: "决定增加额度" shares every
    character with "决定维持额度，不增加" but not its meaning."""
    grams = _grams(written, pairs)
    if not grams:
        return 0.0
    pool = set(_grams(source, pairs))
    return sum(1 for g in grams if g in pool) / len(grams)


def trace(text: str, transcript: Transcript) -> tuple[list[int], float]:
    """The line(s) that best support ``text`` and how well (0–1)."""
    best: list[tuple[float, int]] = []
    for line in transcript.speech:
        score = overlap(text, f"{line.speaker} {line.text}", pairs=True)
        best.append((score, line.number))
    best.sort(reverse=True)
    if not best or best[0][0] == 0:
        return [], 0.0
    top = best[0][0]
    lines = sorted(n for s, n in best[:3] if s >= top - 0.1 and s >= _MIN_TRACE)
    if not lines:
        return [best[0][1]], top
    # Two neighbouring lines together may support a point neither supports alone.
    joined = " ".join(f"{transcript.line(n).speaker} {transcript.line(n).text}" for n in lines)
    return lines, max(top, overlap(text, joined, pairs=True))


def _traced_points(points: list[str], transcript: Transcript, language: str) -> list[Item]:
    items: list[Item] = []
    for point in points:
        point = point.strip()
        for person in transcript.attendees:  # "张经理：今天主要讨论…" — the point, not the label
            point = re.sub(rf"^{re.escape(person)}\s*[：:]\s*", "", point)
        if not point or any(overlap(point, i.text, pairs=True) > 0.8 for i in items):
            continue
        lines, score = trace(point, transcript)
        flags = []
        if score < _MIN_TRACE:
            flags.append("未能追溯到会议记录中的发言" if language == "zh" else "Not traceable to a line of the transcript")
        items.append(Item(text=point, lines=lines if score >= _MIN_TRACE else [], flags=flags))
        if len(items) >= _KEY_POINTS:
            break
    return items


def _check_figures(minutes: Minutes, transcript: Transcript) -> None:
    """Flag figures in the summary and key points that the transcript never states."""
    from app.core.drafting.figure_match import SourceFigures, find_figures

    source = SourceFigures.of(transcript.text)
    for figure in find_figures(minutes.summary):
        if not source.contains(figure):
            minutes.summary_flags.append(("摘要中的数字“{0}”在会议记录中找不到" if minutes.language == "zh"
                                          else "The figure “{0}” in the summary is not in the transcript")
                                         .format(figure.text))
    for point in minutes.key_points:
        for figure in find_figures(point.text):
            if not source.contains(figure):
                point.flags.append(("数字“{0}”在会议记录中找不到" if minutes.language == "zh"
                                    else "The figure “{0}” is not in the transcript").format(figure.text))


def _fill_items(minutes: Minutes, found: list[Found], transcript: Transcript, language: str) -> None:
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
        item = Item(text=tidy_sentence(f.sentence, transcript.attendees), lines=list(f.lines),
                    flags=list(f.flags))
        {"decision": minutes.decisions, "open_question": minutes.open_questions, "risk": minutes.risks}[f.kind].append(item)


def check_minutes(minutes: Minutes, transcript: Transcript) -> Minutes:
    """Re-check minutes after the user edited them: owners are attendees, items still trace to their lines."""
    zh = minutes.language == "zh"
    people = transcript.attendees
    for item in minutes.action_items:
        item.flags = [f for f in item.flags if not f.startswith(("负责人", "Owner", "内容", "The text"))]
        if item.owner and item.owner not in people:
            item.flags.append(f"负责人“{item.owner}”不在参会人员中" if zh else f"Owner “{item.owner}” was not in the meeting")
        _retrace(item, item.task, transcript, zh, minutes.language != transcript.language)
    for group in (minutes.decisions, minutes.open_questions, minutes.risks):
        for item in group:
            item.flags = [f for f in item.flags if not f.startswith(("内容", "The text"))]
            _retrace(item, item.text, transcript, zh, minutes.language != transcript.language)
    return minutes


def _retrace(item, text: str, transcript: Transcript, zh: bool, translated: bool = False) -> None:
    if translated:  # another language cannot be traced by its words; its figures still must be in the lines
        source = " ".join(transcript.line(n).text for n in item.lines if transcript.line(n))
        if not item.lines or not keeps_figures(text, source):
            item.flags.append("内容无法追溯到会议记录" if zh else "The text cannot be traced to the transcript")
        return
    source = " ".join(f"{transcript.line(n).speaker} {transcript.line(n).text}" for n in item.lines
                      if transcript.line(n))
    if not item.lines or overlap(text, source, pairs=True) < _MIN_TRACE:
        lines, score = trace(text, transcript)
        if score >= _MIN_TRACE:
            item.lines = lines
        else:
            item.flags.append("内容无法追溯到会议记录" if zh else "The text cannot be traced to the transcript")


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
