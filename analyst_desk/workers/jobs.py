"""Background jobs for the UI: run a core function on a worker thread, report back with signals.

There are two pools: ``model`` has one thread, because one llama.cpp context serves one
request at a time and two generations on the same cores slow each other about tenfold (so the
app never runs two at once); ``io`` has a few threads for imports, extraction and exports.

Threading contract: ``fn(ctx)`` runs on a pool thread and must not touch widgets; it talks to
the GUI only through ``ctx`` (progress, streamed chunks). Signals are delivered to slots on the
GUI thread by Qt's queued connections. After ``cancel()``, late chunks are dropped; whatever the
job returns (or attaches to ``CancelledError.partial``) arrives with ``cancelled`` so the pane
can keep the work done so far.

Every started worker is in a registry until it ends: the main window asks it what is running
before it closes the model or the window (:func:`running`, :func:`when_idle`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from analyst_desk.core.cancel import CancelToken
from analyst_desk.core.errors import AppError, CancelledError
from analyst_desk.core.progress import Progress

log = logging.getLogger(__name__)

_POOLS: dict[str, QThreadPool] = {}
_POOL_SIZES = {"model": 1, "io": 2}
# The registry; also keeps strong references so a worker is not garbage-collected while its
# signals are pending.
_ACTIVE: set["JobWorker"] = set()


def pool(name: str) -> QThreadPool:
    if name not in _POOLS:
        p = QThreadPool()
        p.setMaxThreadCount(_POOL_SIZES[name])
        _POOLS[name] = p
    return _POOLS[name]


class JobSignals(QObject):
    chunk_received = Signal(str)
    progress_changed = Signal(object)
    failed = Signal(object)
    #: Carries the partial result (``None`` when the job had nothing to keep).
    cancelled = Signal(object)
    finished = Signal(object)


@dataclass
class JobContext:
    """What a job function may use to talk back to the UI."""

    cancel: CancelToken
    _signals: JobSignals
    _flush_interval: float = 0.04
    _buffer: list[str] = field(default_factory=list)
    _last_flush: float = 0.0
    _last_progress: float = 0.0
    _last_stage: str = ""

    def emit(self, chunk: str) -> None:
        """Stream a text chunk. Chunks are batched every ~40 ms so the GUI thread repaints rarely."""
        if self.cancel.cancelled:
            return
        self._buffer.append(chunk)
        now = time.monotonic()
        if now - self._last_flush >= self._flush_interval:
            self.flush()

    def flush(self) -> None:
        if self._buffer and not self.cancel.cancelled:
            self._signals.chunk_received.emit("".join(self._buffer))
        self._buffer.clear()
        self._last_flush = time.monotonic()

    def progress(self, progress: Progress) -> None:
        """Report progress; throttled to ~10 Hz except for the final update and a change of stage."""
        now = time.monotonic()
        final = progress.total and progress.done >= progress.total
        new_stage = progress.stage != self._last_stage
        if final or new_stage or now - self._last_progress >= 0.1:
            self._last_progress = now
            self._last_stage = progress.stage
            self._signals.progress_changed.emit(progress)


class JobWorker(QRunnable):
    """Runs ``fn(ctx)`` once on a pool thread. Emit order: chunks/progress…, then exactly one of
    ``finished(result)``, ``failed(exc)`` or ``cancelled(partial)``."""

    def __init__(self, fn: Callable[[JobContext], Any], *, name: str = "", pool_name: str = "io") -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.name = name or getattr(fn, "__qualname__", "job")
        self.pool_name = pool_name
        self.signals = JobSignals()
        self.cancel_token = CancelToken()
        self.started_at = time.monotonic()
        self.done = False

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def run(self) -> None:  # noqa: D401 - Qt API
        self.started_at = time.monotonic()  # when it left the queue, not when it was asked for
        ctx = JobContext(cancel=self.cancel_token, _signals=self.signals)
        try:
            result = self.fn(ctx)
            ctx.flush()
            if self.cancel_token.cancelled:
                self.signals.cancelled.emit(result)  # what was done before Stop is the partial result
            else:
                self.signals.finished.emit(result)
        except CancelledError as stopped:
            self.signals.cancelled.emit(stopped.partial)
        except Exception as exc:  # errors are values the UI shows
            if not isinstance(exc, AppError):
                log.exception("Job %s failed unexpectedly", self.name)
            self.signals.failed.emit(exc)
        finally:
            self.done = True
            _ACTIVE.discard(self)


def run_job(fn: Callable[[JobContext], Any], *, pool: str = "io", name: str = "") -> JobWorker:
    """Start ``fn`` on the named pool and return its worker (connect to ``worker.signals``).

    Call it on the GUI thread and connect signals right after it returns: the worker starts on
    the next turn of the event loop, so even a job that finishes instantly cannot emit before
    its slots are connected.
    """
    worker = JobWorker(fn, name=name, pool_name=pool)
    _ACTIVE.add(worker)
    target = globals()["pool"](pool)
    QTimer.singleShot(0, lambda: target.start(worker))
    return worker


def running(pool_name: str | None = None) -> list[JobWorker]:
    """The jobs that have not ended yet (on one pool, or all)."""
    return [w for w in list(_ACTIVE) if not w.done and (pool_name is None or w.pool_name == pool_name)]


def when_idle(callback: Callable[[], None], pool_name: str | None = None, *, poll_ms: int = 30) -> None:
    """Call ``callback`` on the GUI thread once no job runs (on that pool), without blocking it."""
    if not running(pool_name):
        callback()
        return
    QTimer.singleShot(poll_ms, lambda: when_idle(callback, pool_name, poll_ms=poll_ms))


def wait_all(timeout_ms: int = 5000) -> bool:
    """Block until every pool is idle (used on shutdown and in tests)."""
    ok = True
    for p in _POOLS.values():
        ok = p.waitForDone(timeout_ms) and ok
    return ok


def cancel_all(pool_name: str | None = None) -> None:
    for worker in running(pool_name):
        worker.cancel()
