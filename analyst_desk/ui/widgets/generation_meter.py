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
    """Counts streamed chunks (one chunk is one token from the engine) and words the status line."""

    def __init__(self, max_tokens: int) -> None:
        self.max_tokens = max_tokens
        self.tokens = 0
        self.started = 0.0

    def start(self) -> None:
        self.tokens, self.started = 0, 0.0

    def on_chunk(self, text: str) -> str:
        """Count one chunk; returns the status line to show."""
        if not self.started:
            self.started = time.monotonic()
        self.tokens += 1
        return self.status()

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started if self.started else 0.0

    @property
    def rate(self) -> float:
        seconds = self.seconds
        return (self.tokens - 1) / seconds if seconds > 0.5 and self.tokens > 1 else 0.0

    def status(self) -> str:
        rate = self.rate
        if not rate:
            return tr(f"Writing… {self.tokens} tokens", f"生成中… 已写 {self.tokens} 个字词")
        left = format_eta(max(self.max_tokens - self.tokens, 0) / rate)
        left = left.replace("about", "at most about").replace("约剩", "最多约剩") if left else ""
        return tr(f"Writing… {self.tokens} tokens · {rate:.1f}/s" + (f" · {left}" if left else ""),
                  f"生成中… 已写 {self.tokens} 个字词 · 每秒 {rate:.1f} 个" + (f" · {left}" if left else ""))

    def stats(self, result=None):
        """The engine's own stats when the result carries them, else what was measured here."""
        stats = getattr(result, "stats", None)
        if stats is not None and getattr(stats, "tokens_per_second", 0):
            return stats
        return GenerationStats(self.tokens, self.seconds) if self.tokens > 1 else None
