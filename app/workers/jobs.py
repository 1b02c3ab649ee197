"""Background jobs for the UI: run a core function on a worker thread, report back with signals.

There are two pools: ``model`` has one thread, because one llama.cpp context serves one
request at a time (queueing there is cheaper than contending for its lock); ``io`` has a few
threads for imports, extraction and exports.

Threading contract: ``fn(ctx)`` runs on a pool thread and must not touch widgets; it talks to
the GUI only through ``ctx`` (progress, streamed chunks). Signals are delivered to slots on the
GUI thread by Qt's queued connections. After ``cancel()``, late chunks and results are dropped.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from app.core.cancel import CancelToken
from app.core.errors import AppError, CancelledError
from app.core.progress import Progress

log = logging.getLogger(__name__)

_POOLS: dict[str, QThreadPool] = {}
_POOL_SIZES = {"model": 1, "io": 2}
# Keep strong references so a worker is not garbage-collected while its signals are pending.
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
    cancelled = Signal()
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
        """Report progress; throttled to ~10 Hz except for the final update."""
        now = time.monotonic()
        final = progress.total and progress.done >= progress.total
        if final or now - self._last_progress >= 0.1:
            self._last_progress = now
            self._signals.progress_changed.emit(progress)


class JobWorker(QRunnable):
    """Runs ``fn(ctx)`` once on a pool thread. Emit order: chunks/progress…, then exactly one of
    ``finished(result)``, ``failed(exc)`` or ``cancelled()``."""

    def __init__(self, fn: Callable[[JobContext], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = JobSignals()
        self.cancel_token = CancelToken()
        self.done = False

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def run(self) -> None:  # noqa: D401 - Qt API
        ctx = JobContext(cancel=self.cancel_token, _signals=self.signals)
        try:
            result = self.fn(ctx)
            ctx.flush()
            if self.cancel_token.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)
        except CancelledError:
            self.signals.cancelled.emit()
        except Exception as exc:  # errors are values the UI shows
            if not isinstance(exc, AppError):
                log.exception("Job failed unexpectedly")
            self.signals.failed.emit(exc)
        finally:
            self.done = True
            _ACTIVE.discard(self)


def run_job(fn: Callable[[JobContext], Any], *, pool: str = "io") -> JobWorker:
    """Start ``fn`` on the named pool and return its worker (connect to ``worker.signals``).

    Call it on the GUI thread and connect signals right after it returns: the worker starts on
    the next turn of the event loop, so even a job that finishes instantly cannot emit before
    its slots are connected.
    """
    worker = JobWorker(fn)
    _ACTIVE.add(worker)
    target = globals()["pool"](pool)
    QTimer.singleShot(0, lambda: target.start(worker))
    return worker


def wait_all(timeout_ms: int = 5000) -> bool:
    """Block until every pool is idle (used on shutdown and in tests)."""
    ok = True
    for p in _POOLS.values():
        ok = p.waitForDone(timeout_ms) and ok
    return ok


def cancel_all() -> None:
    for worker in list(_ACTIVE):
        worker.cancel()


_SLOTS = {"chunk_received": "on_chunk_received", "progress_changed": "on_progress", "finished": "on_finished",
          "failed": "on_failed", "cancelled": "on_cancelled"}


def bind(worker: JobWorker, receiver: object) -> JobWorker:
    """Connect each of the worker's signals to the receiver's slot of the conventional name, where it has one
    (``chunk_received`` → ``on_chunk_received``, ``progress_changed`` → ``on_progress``, ``finished`` →
    ``on_finished``, ``failed`` → ``on_failed``, ``cancelled`` → ``on_cancelled``)."""
    for signal, slot in _SLOTS.items():
        method = getattr(receiver, slot, None)
        if method is not None:
            getattr(worker.signals, signal).connect(method)
    return worker
