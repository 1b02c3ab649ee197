"""Progress reporting from the core to whoever is listening (UI worker, CLI, tests)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Protocol


@dataclass
class Progress:
    """A snapshot of a job's progress. ``total`` is 0 when unknown."""

    done: int = 0
    total: int = 0
    description: str = ""
    #: Extra counters a job may expose (e.g. pages, chunks) for richer progress displays.
    counters: dict[str, int] = field(default_factory=dict)
    started_at: float = field(default_factory=time.monotonic)
    #: What is happening now, as a code the UI words in its language ("reading", "embedding",
    #: "writing", "retrieving", "prompt", "generating", "checking"), with its own count and clock,
    #: so a single 300-page file shows movement and an estimate from the speed measured so far.
    stage: str = ""
    stage_done: int = 0
    stage_total: int = 0
    stage_started_at: float = 0.0

    def enter_stage(self, stage: str, total: int = 0) -> None:
        """Start timing a new stage (no-op when already in it: only the counts move)."""
        if stage != self.stage:
            self.stage, self.stage_started_at = stage, time.monotonic()
            self.stage_done = 0
        self.stage_total = total

    @property
    def stage_eta_seconds(self) -> float | None:
        """Seconds left in the current stage from its measured rate; ``None`` until it can be estimated."""
        if not self.stage_total or self.stage_done <= 0 or not self.stage_started_at:
            return None
        elapsed = time.monotonic() - self.stage_started_at
        return elapsed / self.stage_done * (self.stage_total - self.stage_done)

    @property
    def fraction(self) -> float:
        return (self.done / self.total) if self.total else 0.0

    @property
    def eta_seconds(self) -> float | None:
        """Seconds left, extrapolated from the rate so far; ``None`` until it can be estimated."""
        if not self.total or self.done <= 0:
            return None
        elapsed = time.monotonic() - self.started_at
        return elapsed / self.done * (self.total - self.done)


class ProgressCallback(Protocol):
    def __call__(self, progress: Progress) -> None: ...


def no_progress(progress: Progress) -> None:
    """Default callback: ignore progress."""


class Throttled:
    """Wraps a callback so it fires at most ``hz`` times a second (plus the final update)."""

    def __init__(self, callback: Callable[[Progress], None], hz: float = 10.0) -> None:
        self._callback = callback
        self._interval = 1.0 / hz
        self._last = 0.0

    def __call__(self, progress: Progress, *, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last >= self._interval or (progress.total and progress.done >= progress.total):
            self._last = now
            self._callback(progress)
