"""What the model writes in the minutes — summary, key points, task wordings, translations — each kept
to the transcript: a task wording that drifts from its sentence is replaced by the sentence itself."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Callable

from analyst_desk.core.cancel import CancelToken
from analyst_desk.core.cjk import HAN
from analyst_desk.core.engine.base import ChatMessage
from analyst_desk.core.meeting import prompts
from analyst_desk.core.meeting.minutes import ActionItem, Minutes
from analyst_desk.core.meeting.owners import mentioned_attendees
from analyst_desk.core.meeting.tracing import keeps_figures, overlap
from analyst_desk.core.meeting.transcript import Transcript

SUMMARY_TOKENS = 150
#: Tokens for all task wordings of a meeting together, and per task within that.
WORDING_TOKENS, WORDING_PER_TASK = 260, 28
#: Share of a rewritten task's characters that must come from its sentence ("准备…方案" for "把方案发给…"
#: changes the task: 6 of 8 characters are not enough).
MIN_TASK_OVERLAP = 0.85
TRANSLATED = {"zh": "由模型翻译，请对照原话核对", "en": "Translated by the model: check it against the words said"}


class Cancelled(Exception):
    """Raised between model calls once the user pressed Stop."""


def raise_if(cancel: CancelToken) -> None:
    if cancel.cancelled:
        raise Cancelled


@dataclass
class Clock:
    """Seconds and tokens spent in the model, summed over a run."""

    model_seconds: float = 0.0
    tokens: int = 0

    def add(self, generation) -> None:
        self.model_seconds += generation.stats.total_seconds
        self.tokens += generation.stats.completion_tokens


def ask(engine, clock: Clock, language: str, chunk: str, request: str, max_tokens: int, cancel: CancelToken,
        on_chunk: Callable[[str], None] | None = None) -> str:
    generation = engine.stream_chat(prompts.messages(language, chunk, request), max_tokens=max_tokens,
                                    temperature=0.1, cancel=cancel)
    for piece in generation:
        if on_chunk:
            on_chunk(piece)
    clock.add(generation)
    return trim_repeats(generation.text)


def trim_repeats(text: str) -> str:
    """Small models loop ("李总现场走访" ×40); keep each sentence once."""
    kept: list[str] = []
    # Split at Chinese and English sentence ends alike: an English summary may quote "5亿元".
    for sentence in re.findall(r"[^。！？!?；;.]+(?:[。！？!?；;]|\.(?=\s|$))?", text.replace("\n", " ")):
        sentence = sentence.strip()
        if sentence and sentence not in kept:
            kept.append(sentence)
    return ("" if re.search(rf"[{HAN}]", "".join(kept)[:40]) else " ").join(kept).strip()


def key_points(engine, clock: Clock, language: str, chunk: str, cancel: CancelToken) -> list[str]:
    generation = engine.stream_chat(prompts.messages(language, chunk, prompts.ASK_POINTS[language]), max_tokens=160,
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


def task_wording(engine, clock: Clock, language: str, item: ActionItem, transcript: Transcript) -> str:
    """The model's short wording of a task, if it keeps to the sentence; else the sentence, tidied."""
    fallback = tidy_sentence(item.quote, transcript.attendees)
    line = transcript.line(item.lines[0]) if item.lines else None
    prompt = prompts.ASK_TASK[language].format(speaker=line.speaker if line else "", sentence=item.quote)
    generation = engine.stream_chat([ChatMessage("system", prompts.SYSTEM[language]), ChatMessage("user", prompt)],
                                    max_tokens=48, temperature=0.0, json_schema=prompts.TASK_SCHEMA)
    text = generation.consume()
    clock.add(generation)
    try:
        task = str(json.loads(text).get("task", "")).strip(" 。.")
    except (ValueError, AttributeError):
        return fallback
    if language != transcript.language:  # minutes in the other language: a translation, checked on its figures
        if task and keeps_figures(task, item.quote):
            item.flags.append(TRANSLATED[language])
            return task
        return fallback
    if not task or overlap(task, item.quote) < MIN_TASK_OVERLAP or len(task) > len(item.quote) + 4:
        return fallback
    if mentioned_attendees(task, transcript.attendees):
        return fallback  # "报给王磊" for "王磊，你…报给我": a name in the wording can turn the task around
    from analyst_desk.core.meeting.dates import find_due_dates

    # "by Friday" in the wording of a task due "by next Friday" would mislead: dates only as said.
    if any(d.words not in item.quote for d in find_due_dates(task, dt.date.today())):
        return fallback
    return task


def task_wordings(engine, clock: Clock, language: str, items: list[ActionItem], transcript: Transcript,
                  cancel: CancelToken) -> None:
    """Short wordings of every task in one call within a token budget; each is checked like ``task_wording``.

    Tasks the budget does not reach keep their tidied sentence: a wording is a nicety, the task is what was said.
    """
    if not items:
        return
    room = max(1, min(len(items), WORDING_TOKENS // WORDING_PER_TASK))
    listed = "\n".join(f"{n}. {item.quote}" for n, item in enumerate(items[:room], start=1))
    schema = {"type": "object", "properties": {"tasks": {"type": "array", "maxItems": room, "items": {
        "type": "object", "properties": {"n": {"type": "integer"}, "task": {"type": "string", "maxLength": 40}},
        "required": ["n", "task"]}}}, "required": ["tasks"]}
    generation = engine.stream_chat([ChatMessage("system", prompts.SYSTEM[language]),
                                     ChatMessage("user", prompts.ASK_TASKS[language] + listed)],
                                    max_tokens=min(WORDING_TOKENS, WORDING_PER_TASK * room + 16), temperature=0.0,
                                    json_schema=schema, cancel=cancel)
    text = generation.consume()
    clock.add(generation)
    try:
        answers = {int(a["n"]): str(a.get("task", "")) for a in json.loads(text).get("tasks", [])
                   if isinstance(a, dict) and str(a.get("n", "")).isdigit()}
    except (ValueError, AttributeError, TypeError):
        answers = {}
    for n, item in enumerate(items, start=1):
        item.task = checked_wording(answers.get(n, ""), language, item, transcript)


def checked_wording(task: str, language: str, item: ActionItem, transcript: Transcript) -> str:
    """The model's wording of a task if it keeps to the sentence, else the sentence tidied."""
    fallback = tidy_sentence(item.quote, transcript.attendees)
    task = task.strip(" 。.")
    if language != transcript.language:
        if task and keeps_figures(task, item.quote):
            item.flags.append(TRANSLATED[language])
            return task
        return fallback
    if not task or overlap(task, item.quote) < MIN_TASK_OVERLAP or len(task) > len(item.quote) + 4:
        return fallback
    if mentioned_attendees(task, transcript.attendees):
        return fallback
    from analyst_desk.core.meeting.dates import find_due_dates

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


def translate_items(engine, clock: Clock, minutes: Minutes, cancel: CancelToken) -> None:
    """Minutes chosen in the other language: decisions, questions and risks are translated by the model.

    The sentence as said is kept beside each (``quote``); a translation that loses or changes a figure
    is not used.
    """
    for item in [*minutes.decisions, *minutes.open_questions, *minutes.risks]:
        raise_if(cancel)
        generation = engine.stream_chat([ChatMessage("system", prompts.SYSTEM[minutes.language]),
                                         ChatMessage("user", prompts.ASK_TRANSLATE[minutes.language].format(text=item.text))],
                                        max_tokens=120, temperature=0.0, json_schema=prompts.TEXT_SCHEMA, cancel=cancel)
        answer = generation.consume()
        clock.add(generation)
        try:
            translated = str(json.loads(answer).get("text", "")).strip()
        except (ValueError, AttributeError):
            continue
        if translated and keeps_figures(translated, item.text):
            item.quote, item.text = item.text, translated
            item.flags.append(TRANSLATED[minutes.language])
