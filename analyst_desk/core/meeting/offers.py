"""An offer taken: "I can pull the latest utilisation data." — "Good, do that by Monday." is a task of the one who offered,
dated by the one who took the offer. Read by detection; ``TAKES_OFFER`` also by the dialogue tracker."""

from __future__ import annotations

import datetime as dt
import re

from analyst_desk.core.meeting.acts import QUESTION
from analyst_desk.core.meeting.addressing import OFFER, mentioned
from analyst_desk.core.meeting.dates import resolve_due
from analyst_desk.core.meeting.found import Found
from analyst_desk.core.meeting.owners import is_promise
from analyst_desk.core.meeting.transcript import Transcript, TranscriptLine

__all__ = ["TAKES_OFFER", "offer_taken"]

#: The one who gave the floor takes an offer: "好/行/Good/OK…" and what to do by when ("Good, do that by Monday").
TAKES_OFFER = re.compile(r"^(?:好的?|行|可以|那好|嗯|ok(?:ay)?|good|great|fine|yes|sure|perfect|please do)[，,。.!！\s]", re.IGNORECASE)


def offer_taken(sentence: str, line: TranscriptLine, found: list, transcript: Transcript,
                meeting_date: dt.date | None) -> Found | None:
    """"I can pull the latest utilisation data." — "Good, do that by Monday.": the offer, taken with a date, is a task of
    the one who offered (both lines). ``None`` when the line before offered nothing, already holds an item, or the
    answer names someone else."""
    before = next((l for l in reversed(transcript.lines[:line.number - 1]) if l.text and not l.meta), None)
    if before is None or not before.speaker or before.speaker == line.speaker or not meeting_date:
        return None
    if any(before.number in item.lines for item in found) or not TAKES_OFFER.match(sentence.strip() + " "):
        return None
    if not (OFFER.search(before.text) or is_promise(before.text)) or QUESTION.search(before.text.strip()):
        return None
    due = resolve_due(sentence, meeting_date)
    if due is None or [p for p in mentioned(sentence, transcript) if p not in {before.speaker, line.speaker}]:
        return None
    return Found("action", before.text, [before.number, line.number], speaker=line.speaker, owner=before.speaker, due=due)
