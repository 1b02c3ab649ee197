"""How long the GUI thread could not react: a 10 ms timer whose longest gap between ticks is the
longest freeze (used by the GUI tests and bench/gui.py)."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer


class StallMeter:
    def __init__(self) -> None:
        self.longest = 0.0
        self.gaps_over_100 = 0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = now - self._last
        self.longest = max(self.longest, gap)
        self.gaps_over_100 += gap > 0.1
        self._last = now

    def stop(self) -> float:
        """Stop timing; the longest gap in seconds."""
        self.timer.stop()
        return self.longest
