"""The meeting dev set (``tests/data/meeting/devset``), the validation split (``tests/data/validation/meeting``,
written by another hand: only the benchmark reads it) and how minutes are scored against their gold.

Each gold entry has a ``style`` (committee, colloquial, itops, long, en_call, asr, phone_notes, reassign, …);
a due may carry a time of day ("2026-12-17T22:00"), which must then match too.

Shared by the tests and ``bench/meeting.py`` so both count the same way:

- an action item is *right* when its lines meet a gold task's lines, its owner is the gold owner
  ("" for a task given to someone not in the meeting) and its due date is the gold date;
  each gold task is matched at most once, so a task listed twice counts once;
- a gold decision is *found* when a decision shares a line with it and contains its key words;
- an item is *invented* when its lines meet no gold task or decision at all;
- an owner who is not an attendee, or a due date whose words are not on the item's lines, is a
  *fault* — the app must never produce one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

DEVSET = Path(__file__).parent / "data" / "meeting" / "devset"
#: Written by another hand, never tuned on: only the benchmark reads it (and prints scores, not lines).
VALIDATION = Path(__file__).parent / "data" / "validation" / "meeting"
#: The second validation split, written before the rules were read or tuned on this time: only the benchmark reads it.
VALIDATION2 = Path(__file__).parent / "data" / "meeting" / "validation2"
#: The third validation split, written before this session changed any meeting code, never tuned on: only the benchmark
#: reads it.
VALIDATION3 = Path(__file__).parent / "data" / "meeting" / "validation3"
#: The fourth validation split, written 2026-12-03 before that session changed any meeting code, never tuned on: only
#: the benchmark reads it (its total, not even its kinds of misses).
VALIDATION4 = Path(__file__).parent / "data" / "meeting" / "validation4"
#: The fifth validation split, written 2026-12-04 before that session changed any meeting code: only the benchmark reads
#: it (its total, not even its kinds of misses).
VALIDATION5 = Path(__file__).parent / "data" / "meeting" / "validation5"


@dataclass
class GoldMeeting:
    name: str
    path: Path
    split: str  # "dev" | "heldout" | "fresh" | "blind" inside the dev set; "validation" for the other folder
    actions: list[dict]
    decisions: list[dict]
    non_attendees: list[str] = field(default_factory=list)
    style: str = "-"  # committee, colloquial, itops, long, en_call, asr, phone_notes, reassign, ...
    folder: str = "dev"  # "dev" (tests/data/meeting/devset) or "validation"


def gold_meetings(split: str | None = None, folder: Path = DEVSET) -> list[GoldMeeting]:
    """The transcripts of a gold folder (the dev set by default), optionally only one split."""
    gold = folder / "gold.json"
    if not gold.exists():
        return []
    data = json.loads(gold.read_text(encoding="utf-8"))["transcripts"]
    kind = {VALIDATION: "validation", VALIDATION2: "validation2", VALIDATION3: "validation3", VALIDATION4: "validation4",
            VALIDATION5: "validation5"}.get(folder, "dev")
    meetings = [GoldMeeting(name=name, path=folder / name, split=g.get("split", kind), actions=g["actions"],
                            decisions=g["decisions"], non_attendees=g.get("non_attendees", []),
                            style=g.get("style", "-"), folder=kind)
                for name, g in data.items()]
    return [m for m in meetings if split is None or m.split == split]


@dataclass
class Score:
    """Counts for one or more meetings; add them up with ``+``."""

    predicted: int = 0
    right: int = 0
    gold: int = 0
    decisions_gold: int = 0
    decisions_found: int = 0
    invented: int = 0
    outsider_owners: int = 0
    unsupported_dates: int = 0
    misses: list[str] = field(default_factory=list)

    def __add__(self, other: "Score") -> "Score":
        return Score(*(getattr(self, f) + getattr(other, f) for f in
                       ("predicted", "right", "gold", "decisions_gold", "decisions_found", "invented",
                        "outsider_owners", "unsupported_dates", "misses")))

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def _due_right(due, gold: str | None) -> bool:
    """The date must match; a time of day too when the gold has one ("2026-12-17T22:00")."""
    if (due.date if due else None) != _date(gold):
        return False
    if gold and "T" in gold:
        return getattr(due, "time", "") == gold.split("T", 1)[1]
    return True


def score_minutes(meeting: GoldMeeting, minutes, transcript) -> Score:
    """Score ``minutes`` (app Minutes) of ``meeting`` against its gold."""
    score = Score(gold=len(meeting.actions), decisions_gold=len(meeting.decisions))
    used: set[int] = set()
    gold_lines = {n for g in [*meeting.actions, *meeting.decisions] for n in g["lines"]}
    for item in minutes.action_items:
        score.predicted += 1
        match = next((i for i, g in enumerate(meeting.actions) if i not in used and set(g["lines"]) & set(item.lines)),
                     None)
        due = item.due.date if item.due else None
        if match is not None and item.owner == (meeting.actions[match].get("owner") or "") \
                and _due_right(item.due, meeting.actions[match]["due"]):
            used.add(match)
            score.right += 1
        else:
            expected = meeting.actions[match] if match is not None else None
            score.misses.append(f"{meeting.name}: lines {item.lines} {item.owner or '-'} {due} "
                                f"(gold: {(expected.get('owner') or '') + ' ' + str(expected['due']) if expected else 'none'})")
        if not set(item.lines) & gold_lines:
            score.invented += 1
        if item.owner and item.owner not in transcript.attendees:
            score.outsider_owners += 1
        if item.due is not None:
            said = " ".join(transcript.line(n).text for n in item.lines if transcript.line(n))
            if _squash(item.due.words) not in _squash(said):
                score.unsupported_dates += 1
    for i, gold in enumerate(meeting.actions):
        if i not in used:
            score.misses.append(f"{meeting.name}: missed lines {gold['lines']} {gold.get('owner') or '-'} {gold['due']}")
    for gold in meeting.decisions:
        if any(set(d.lines) & set(gold["lines"]) and _squash(gold["must_contain"]) in _squash(d.text + d.quote)
               for d in minutes.decisions):
            score.decisions_found += 1
        else:
            score.misses.append(f"{meeting.name}: decision on {gold['lines']} not found")
    for decision in minutes.decisions:
        if not set(decision.lines) & gold_lines:
            score.invented += 1
            score.misses.append(f"{meeting.name}: invented decision {decision.lines} {decision.text[:30]}")
    return score


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()
