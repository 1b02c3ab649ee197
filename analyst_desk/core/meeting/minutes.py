"""Minutes as data: what the pane shows and edits, the exports write and the CLI prints as JSON."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from analyst_desk.core.meeting.dates import DueDate

UNASSIGNED = {"zh": "未指定", "en": "unassigned"}


@dataclass
class Item:
    """A decision, open question, risk or key point, with the transcript lines it came from."""

    text: str
    lines: list[int] = field(default_factory=list)
    #: Why a reader should check this item (empty when it traces cleanly).
    flags: list[str] = field(default_factory=list)
    #: The words as said, when ``text`` is a translation into the minutes' language.
    quote: str = ""

    def to_json(self) -> dict:
        return {"text": self.text, "lines": self.lines, "flags": self.flags, "quote": self.quote}

    @classmethod
    def from_json(cls, data: dict) -> "Item":
        return cls(text=data["text"], lines=list(data.get("lines", [])), flags=list(data.get("flags", [])),
                   quote=data.get("quote", ""))


@dataclass
class ActionItem:
    """Who does what by when, traced to the line(s) where it was agreed."""

    task: str
    owner: str = ""  # an attendee's name, or "" for unassigned
    due: DueDate | None = None
    lines: list[int] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    #: The sentence the item was found in, so a reader sees the original wording.
    quote: str = ""

    def owner_label(self, language: str) -> str:
        return self.owner or UNASSIGNED.get(language, UNASSIGNED["en"])

    def due_label(self, language: str) -> str:
        if self.due is None:
            return "未定" if language == "zh" else "not set"
        return self.due.label()

    def to_json(self) -> dict:
        return {"task": self.task, "owner": self.owner, "due": self.due.to_json() if self.due else None,
                "lines": self.lines, "flags": self.flags, "quote": self.quote}

    @classmethod
    def from_json(cls, data: dict) -> "ActionItem":
        return cls(task=data["task"], owner=data.get("owner", ""), due=DueDate.from_json(data.get("due")),
                   lines=list(data.get("lines", [])), flags=list(data.get("flags", [])), quote=data.get("quote", ""))


@dataclass
class Minutes:
    """Structured minutes of one meeting."""

    title: str
    date: dt.date | None
    language: str
    attendees: list[str] = field(default_factory=list)
    summary: str = ""
    key_points: list[Item] = field(default_factory=list)
    decisions: list[Item] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    open_questions: list[Item] = field(default_factory=list)
    risks: list[Item] = field(default_factory=list)
    #: Problems with the summary itself (e.g. a figure not found in the transcript).
    summary_flags: list[str] = field(default_factory=list)
    model: str = ""
    #: Seconds spent in the model vs in total, for the benchmark and the status bar.
    model_seconds: float = 0.0
    model_tokens: int = 0
    total_seconds: float = 0.0
    chunks: int = 1
    cancelled: bool = False

    @property
    def flag_count(self) -> int:
        items = [*self.key_points, *self.decisions, *self.action_items, *self.open_questions, *self.risks]
        return sum(len(i.flags) for i in items) + len(self.summary_flags)

    def to_json(self) -> dict:
        return {
            "title": self.title, "date": self.date.isoformat() if self.date else None, "language": self.language,
            "attendees": self.attendees, "summary": self.summary, "summary_flags": self.summary_flags,
            "key_points": [i.to_json() for i in self.key_points],
            "decisions": [i.to_json() for i in self.decisions],
            "action_items": [i.to_json() for i in self.action_items],
            "open_questions": [i.to_json() for i in self.open_questions],
            "risks": [i.to_json() for i in self.risks],
            "model": self.model, "model_seconds": round(self.model_seconds, 2), "model_tokens": self.model_tokens,
            "total_seconds": round(self.total_seconds, 2), "chunks": self.chunks, "cancelled": self.cancelled,
        }

    @classmethod
    def from_json(cls, data: dict) -> "Minutes":
        return cls(
            title=data.get("title", ""), date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
            language=data.get("language", "zh"), attendees=list(data.get("attendees", [])),
            summary=data.get("summary", ""), summary_flags=list(data.get("summary_flags", [])),
            key_points=[Item.from_json(i) for i in data.get("key_points", [])],
            decisions=[Item.from_json(i) for i in data.get("decisions", [])],
            action_items=[ActionItem.from_json(i) for i in data.get("action_items", [])],
            open_questions=[Item.from_json(i) for i in data.get("open_questions", [])],
            risks=[Item.from_json(i) for i in data.get("risks", [])],
            model=data.get("model", ""), model_seconds=float(data.get("model_seconds", 0)),
            model_tokens=int(data.get("model_tokens", 0)),
            total_seconds=float(data.get("total_seconds", 0)), chunks=int(data.get("chunks", 1)),
            cancelled=bool(data.get("cancelled", False)))
