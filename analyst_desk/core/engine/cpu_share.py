"""How many threads llama.cpp should use for the next generation, given what else runs on the CPU.

llama.cpp's worker threads wait for each other by spinning. When another busy program holds one
of the cores, a thread that is descheduled stalls every other thread at each synchronisation
point, and generation slows down by about an order of magnitude (measured in bench/engine.py).
Using only the cores nobody else is using costs a little speed on an idle machine and avoids the
collapse on a busy one.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass

log = logging.getLogger(__name__)

#: Another program counts as holding a core when it used at least this share of one.
BUSY_CORE_SHARE = 0.6
#: A sample shorter than this says little; one this short is taken when no recent one exists.
MIN_WINDOW = 0.1
#: A baseline older than this is replaced by a fresh short sample.
STALE_AFTER = 5.0


@dataclass
class _Sample:
    at: float
    system_busy: float  # CPU seconds used by everything since boot
    own_busy: float  # CPU seconds used by this process


def _take_sample() -> _Sample | None:
    try:
        import psutil
    except ImportError:
        return None
    times = psutil.cpu_times()
    busy = sum(getattr(times, name, 0.0) for name in ("user", "nice", "system", "irq", "softirq", "steal"))
    own = psutil.Process(os.getpid()).cpu_times()
    return _Sample(time.monotonic(), busy, own.user + own.system)


class CpuShare:
    """Tracks the CPU time other programs use and turns it into a thread count (thread-safe enough:
    it is consulted once per generation, under the engine's lock)."""

    def __init__(self, cores: int | None = None) -> None:
        self.cores = cores or os.cpu_count() or 1
        self._last = _take_sample()

    def others_cores(self) -> float:
        """Cores' worth of CPU used by other programs since the last call (a short sample if needed)."""
        if self._last is None:
            return 0.0
        now = _take_sample()
        if now is None:
            return 0.0
        if now.at - self._last.at > STALE_AFTER:  # an old baseline averages in minutes nobody cares about
            self._last = now
        if now.at - self._last.at < MIN_WINDOW:
            time.sleep(MIN_WINDOW - (now.at - self._last.at))
            now = _take_sample()
        elapsed = max(1e-6, now.at - self._last.at)
        others = ((now.system_busy - self._last.system_busy) - (now.own_busy - self._last.own_busy)) / elapsed
        self._last = now
        return max(0.0, others)

    def threads_for_next(self, configured: int) -> int:
        """``configured`` threads on an idle machine; fewer while other programs hold cores."""
        held = int(self.others_cores() / BUSY_CORE_SHARE + 1e-9) if self.cores > 1 else 0
        held = min(held, self.cores - 1)
        threads = max(1, min(configured, self.cores - held))
        if threads != configured:
            log.info("Other programs hold %d of %d cores: generating with %d thread(s) instead of %d",
                     held, self.cores, threads, configured)
        return threads
