"""What a pane says while the model writes: words written so far, the speed, and how long at most.

"生成中… 已写 86 个字词 · 每秒 7.9 个 · 最多约剩 40 秒". The model stops at the answer's end or at the
length limit, whichever comes first, so the estimate is an upper bound and says so; it is the limit
left at the speed measured so far.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from analyst_desk.ui.i18n import tr
from analyst_desk.ui.job_controller import format_eta


@dataclass
class GenerationStats:
    """The speed of a finished generation, for the status bar (same field the engine's stats carry)."""

    tokens: int
    seconds: float

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds > 0 else 0.0


class GenerationMeter:
    """Counts streamed chunks (one chunk is one token from the engine) and words the status line.

    A draft is written in ``parts`` (its sections), each one searched and read by the model before its
    first word: :meth:`begin_part` marks that wait. While it lasts the line says the model is reading (a
    draft's second section showed the first one's "每秒 13.8 个 · 最多约剩 40 秒" for half a minute); the speed
    counts writing time only, and the estimate adds the sections still to start at the wait seen so far.
    """

    def __init__(self, max_tokens: int, parts: int = 1) -> None:
        self.max_tokens = max_tokens
        self.parts = max(parts, 1)
        self.tokens = 0
        self.started = 0.0
        self._streamed = 0.0  # seconds of writing in the parts already left
        self._segment = 0.0  # when this part's first chunk came (0: not yet)
        self._part_started = 0.0  # when the current part began (0: its first chunk came)
        self._parts_begun = 0
        self._waits: list[float] = []

    def start(self) -> None:
        self.__init__(self.max_tokens, self.parts)

    def begin_part(self) -> None:
        """A new part (section) begins: the model searches and reads before it writes again."""
        now = time.monotonic()
        if self._segment:
            self._streamed += now - self._segment
            self._segment = 0.0
        self._part_started = now
        self._parts_begun += 1

    @property
    def reading(self) -> bool:
        """True between a part's start and its first chunk."""
        return bool(self._part_started)

    def on_chunk(self, text: str) -> str:
        """Count one chunk; returns the status line to show."""
        now = time.monotonic()
        if not self.started:
            self.started = now
        if not self._segment:
            self._segment = now
        if self._part_started:
            self._waits.append(now - self._part_started)
            self._part_started = 0.0
        self.tokens += 1
        return self.status()

    @property
    def seconds(self) -> float:
        """Seconds spent writing (a part's reading before its first word left out)."""
        return self._streamed + (time.monotonic() - self._segment if self._segment else 0.0)

    @property
    def rate(self) -> float:
        seconds = self.seconds
        return (self.tokens - 1) / seconds if seconds > 0.5 and self.tokens > 1 else 0.0

    def status(self) -> str:
        if self.reading:
            return tr(f"The model is reading the passages… {self.tokens} tokens so far" if self.tokens else
                      "The model is reading the passages…",
                      f"模型正在阅读资料… 已写 {self.tokens} 个字词" if self.tokens else "模型正在阅读资料…")
        rate = self.rate
        if not rate:
            return tr(f"Writing… {self.tokens} tokens", f"生成中… 已写 {self.tokens} 个字词")
        waits = max(self.parts - max(self._parts_begun, 1), 0) * (sum(self._waits) / len(self._waits)
                                                                  if self._waits else 0.0)
        left = format_eta(max(self.max_tokens - self.tokens, 0) / rate + waits)
        left = left.replace("about", "at most about").replace("约剩", "最多约剩") if left else ""
        return tr(f"Writing… {self.tokens} tokens · {rate:.1f}/s" + (f" · {left}" if left else ""),
                  f"生成中… 已写 {self.tokens} 个字词 · 每秒 {rate:.1f} 个" + (f" · {left}" if left else ""))

    def stats(self, result=None):
        """The engine's own stats when the result carries them, else what was measured here."""
        stats = getattr(result, "stats", None)
        if stats is not None and getattr(stats, "tokens_per_second", 0):
            return stats
        return GenerationStats(self.tokens, self.seconds) if self.tokens > 1 else None
