"""An English meeting summarised in the Chinese window: the status line words every step in Chinese
(the meeting core words its steps in the minutes' language, and transcription sends a code)."""

from __future__ import annotations

import re

from analyst_desk.core.meeting.summarize import summarize_meeting
from analyst_desk.core.meeting.transcript import parse_transcript
from analyst_desk.ui import i18n
from analyst_desk.ui.panes.meeting_pane import step_words
from tests.support.engines import ScriptedEngine

TRANSCRIPT = """Attendees: Lena Park, Omar Haddad
Lena Park: We reviewed the renewal of the credit line for Northwind.
Omar Haddad: I will send the audited accounts by Friday.
Lena Park: We are going with the same limit as last year.
"""


def test_every_step_of_an_english_meeting_is_worded_in_chinese(qapp):
    steps: list[str] = []
    transcript = parse_transcript(TRANSCRIPT)
    assert transcript.language == "en"
    summarize_meeting(transcript, ScriptedEngine("The team reviewed the renewal."), language="en", propose=True,
                      progress=lambda p: steps.append(p.description))
    steps = [s for s in steps if s and s != "done"]
    assert steps, "the core reported no step"
    i18n.set_language("zh")
    try:
        worded = [step_words(s) for s in [*steps, "transcribing"]]
    finally:
        i18n.set_language("en")
    english = [w for w in worded if re.search(r"[A-Za-z]{3,}", w)]
    assert not english, english
