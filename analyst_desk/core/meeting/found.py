"""A sentence of a transcript found to say a decision, task, open question or risk."""

from __future__ import annotations

from dataclasses import dataclass, field

from analyst_desk.core.meeting.dates import DueDate


@dataclass
class Found:
    """A sentence of the transcript that says a decision, task, open question or risk."""

    kind: str  # "decision" | "action" | "open_question" | "risk"
    sentence: str
    lines: list[int]
    speaker: str = ""
    owner: str = ""
    due: DueDate | None = None
    flags: list[str] = field(default_factory=list)
