"""One estimate for a whole import: all files, all stages.

An import reports the stage of the file it is on (reading pages, indexing passages, saving) with its
own count. An estimate from that stage alone said "约剩 5 秒" with three minutes to go: the next
stages, and the next files, were not in it. Here each file weighs by its size on disk (pages and
passages grow with it) and each stage by the share of a file's time it usually takes, so the
fraction done covers the job, and the time left is the time so far scaled by what is left.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

#: Share of one file's import time each stage takes (measured on the dev prospectuses: reading and
#: tables about a third, embedding the passages most of the rest, saving a little).
STAGE_SHARES = {"reading": (0.0, 0.35), "embedding": (0.35, 0.55), "writing": (0.90, 0.10)}
#: Importable suffixes when a folder is given (the loaders' list).
SUFFIXES = {".pdf", ".docx", ".xlsx", ".txt", ".md", ".csv"}


def file_sizes(paths: list[Path]) -> list[int]:
    """Sizes of the files an import of ``paths`` will read (folders expanded), in the order given."""
    sizes = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            sizes += [p.stat().st_size for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES]
        elif path.exists():
            sizes.append(path.stat().st_size)
    return sizes


@dataclass
class JobEstimate:
    """Fraction done and seconds left of a multi-file import, from its progress snapshots."""

    sizes: list[int]
    started_at: float = field(default_factory=time.monotonic)
    fraction: float = 0.0
    #: Files (by index) whose own stage counts have arrived: a count-less "writing" snapshot right after a file is
    #: saved belongs to that file, not to the next one (it pinned the bar at 97% with a second file to index).
    _counted: set = field(default_factory=set)

    def update(self, progress) -> float:
        """Take a progress snapshot (``done`` files of ``total``, ``stage``, ``stage_done``/``stage_total``);
        returns the fraction of the whole job done (never moving backwards)."""
        total = progress.total or len(self.sizes)
        sizes = self.sizes if len(self.sizes) == total and sum(self.sizes) else [1] * max(total, 1)
        whole = sum(sizes)
        done_files = min(progress.done, len(sizes))
        done = sum(sizes[:done_files])
        if done_files < len(sizes):
            start, share = STAGE_SHARES.get(progress.stage, (None, 0.0)) if progress.stage else (None, 0.0)
            within = 0.0
            if progress.stage_total:
                self._counted.add(done_files)
            if start is not None and done_files in self._counted:
                part = (progress.stage_done / progress.stage_total) if progress.stage_total else 0.0
                within = start + share * min(max(part, 0.0), 1.0)
            done += sizes[done_files] * within
        self.fraction = max(self.fraction, min(done / whole, 1.0))
        return self.fraction

    def seconds_left(self, now: float | None = None) -> float | None:
        """Time so far × what is left ÷ what is done; None until a few percent and seconds are behind it."""
        elapsed = (now if now is not None else time.monotonic()) - self.started_at
        if self.fraction < 0.02 or elapsed < 3:
            return None
        return elapsed * (1 - self.fraction) / self.fraction
