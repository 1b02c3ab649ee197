"""Tracing what the model wrote back to the transcript: overlaps, supporting lines, figures.

A key point no line supports is flagged; a figure the transcript never states is flagged; a
translation that loses a figure is not used.
"""

from __future__ import annotations

import re

from analyst_desk.core.cjk import HAN
from analyst_desk.core.meeting.minutes import Item, Minutes
from analyst_desk.core.meeting.transcript import Transcript

#: Share of a key point's characters a line must contain for the point to count as traced.
MIN_TRACE = 0.45
KEY_POINTS = 5


def _grams(text: str, pairs: bool) -> list[str]:
    text = text.lower()
    if len(re.findall(rf"[{HAN}]", text)) >= 2:
        chars = re.findall(rf"[{HAN}0-9a-z]", text)
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
    lines = sorted(n for s, n in best[:3] if s >= top - 0.1 and s >= MIN_TRACE)
    if not lines:
        return [best[0][1]], top
    # Two neighbouring lines together may support a point neither supports alone.
    joined = " ".join(f"{transcript.line(n).speaker} {transcript.line(n).text}" for n in lines)
    return lines, max(top, overlap(text, joined, pairs=True))


def traced_points(points: list[str], transcript: Transcript, language: str) -> list[Item]:
    """Key points with the lines that support them; a point no line supports is kept and flagged."""
    items: list[Item] = []
    for point in points:
        point = point.strip()
        for person in transcript.attendees:  # "张经理：今天主要讨论…" — the point, not the label
            point = re.sub(rf"^{re.escape(person)}\s*[：:]\s*", "", point)
        if not point or any(overlap(point, i.text, pairs=True) > 0.8 for i in items):
            continue
        lines, score = trace(point, transcript)
        flags = []
        if score < MIN_TRACE:
            flags.append("未能追溯到会议记录中的发言" if language == "zh" else "Not traceable to a line of the transcript")
        items.append(Item(text=point, lines=lines if score >= MIN_TRACE else [], flags=flags))
        if len(items) >= KEY_POINTS:
            break
    return items


def keeps_figures(written: str, source: str) -> bool:
    """Every figure in ``written`` is stated in ``source`` (allowing unit and format changes)."""
    from analyst_desk.core.drafting.figure_match import SourceFigures, find_figures

    figures = SourceFigures.of(source)
    return all(figures.contains(f) for f in find_figures(written))


def check_figures(minutes: Minutes, transcript: Transcript) -> None:
    """Flag figures in the summary and key points that the transcript never states."""
    from analyst_desk.core.drafting.figure_match import SourceFigures, find_figures

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
