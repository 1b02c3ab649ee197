"""Re-checking minutes after the user edited them: owners are attendees, items still trace to their lines."""

from __future__ import annotations

from analyst_desk.core.meeting.minutes import Minutes
from analyst_desk.core.meeting.tracing import MIN_TRACE, keeps_figures, overlap, trace
from analyst_desk.core.meeting.transcript import Transcript


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
    if not item.lines or overlap(text, source, pairs=True) < MIN_TRACE:
        lines, score = trace(text, transcript)
        if score >= MIN_TRACE:
            item.lines = lines
        else:
            item.flags.append("内容无法追溯到会议记录" if zh else "The text cannot be traced to the transcript")
