"""One pane's long job, handled the same way in every pane: start, stop, busy, progress, the
partial result on Stop, and failures shown where the user is looking.

A pane owns one ``JobController`` per kind of job it runs (an import and a search may run side
by side). The controller enables and disables the pane's buttons, shows progress with an
estimate of the time left, keeps the status line honest ("Stopping…", "Stopped", the error in
the UI language) and hands the pane plain results on the GUI thread.

Failure display: an ``AppError`` (a known kind of problem the user can act on) goes to the
status line; anything unexpected also opens a details dialog and is written to the log.
Cancelling is not an error: no warning sign, no dialog.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any, Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QWidget

from analyst_desk.core.errors import AppError
from analyst_desk.core.progress import Progress
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.messages import problem
from analyst_desk.workers import jobs

log = logging.getLogger(__name__)


def format_eta(seconds: float | None) -> str:
    """"about 3 min left" in the UI language; empty until an estimate exists."""
    if seconds is None or seconds < 0:
        return ""
    if seconds < 60:
        value = max(5, int(round(seconds / 5.0)) * 5)
        return tr(f"about {value} s left", f"约剩 {value} 秒")
    minutes = int(round(seconds / 60.0))
    return tr(f"about {minutes} min left", f"约剩 {minutes} 分钟")


def describe_progress(progress: Progress) -> str:
    """The status line for a progress snapshot: what is happening, how far, how long."""
    parts = [progress.description] if progress.description else []
    if progress.total:
        parts.append(f"{progress.done:,}/{progress.total:,}")
    eta = format_eta(progress.eta_seconds)
    if eta:
        parts.append(eta)
    return " · ".join(parts)


class JobController(QObject):
    """Runs one job at a time for a pane. Signals are emitted on the GUI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget, *, name: str, pool: str = "io", status: QLabel | None = None,
                 progress_bar: QProgressBar | None = None, start_widgets: Sequence[QWidget] = (),
                 stop_button: QWidget | None = None, lock_while_busy: Sequence[QWidget] = ()) -> None:
        super().__init__(parent)
        self._parent = parent
        self.name = name
        self.pool = pool
        self.status = status
        self.progress_bar = progress_bar
        self.start_widgets = list(start_widgets)
        self.stop_button = stop_button
        self.lock_while_busy = list(lock_while_busy)
        self.worker: jobs.JobWorker | None = None
        self._handlers: dict[str, Callable | None] = {}
        self.last_problem: BaseException | None = None
        if stop_button is not None:
            stop_button.setEnabled(False)
            if hasattr(stop_button, "clicked"):
                stop_button.clicked.connect(self.stop)

    # -- state -----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.worker is not None

    @property
    def stopping(self) -> bool:
        return self.worker is not None and self.worker.cancel_token.cancelled

    def eta(self, done: int, total: int) -> str:
        """"about 2 min left" from this job's own clock (steps done so far and their pace)."""
        import time

        if not self.busy or done <= 0 or total <= done:
            return ""
        elapsed = time.monotonic() - self.worker.started_at
        return format_eta(elapsed / done * (total - done))

    def set_status(self, text: str) -> None:
        if self.status is not None:
            self.status.setText(text)

    # -- start / stop ------------------------------------------------------------------------
    def start(self, fn: Callable[[jobs.JobContext], Any], *, status: str = "", pool: str | None = None,
              on_chunk: Callable[[str], None] | None = None,
              on_progress: Callable[[Progress], None] | None = None,
              on_finished: Callable[[Any], None] | None = None,
              on_cancelled: Callable[[Any], None] | None = None,
              on_failed: Callable[[BaseException], None] | None = None) -> bool:
        """Start ``fn(ctx)`` on the controller's pool unless a job is already running.

        ``on_cancelled(partial)`` receives whatever the job returned or attached to its
        ``CancelledError`` when the user stopped it. Returns False when already busy.
        """
        if self.busy:
            return False
        self.last_problem = None
        self._handlers = {"chunk": on_chunk, "progress": on_progress, "finished": on_finished,
                          "cancelled": on_cancelled, "failed": on_failed}
        self.worker = jobs.run_job(fn, pool=pool or self.pool, name=self.name)
        signals = self.worker.signals
        signals.chunk_received.connect(self._on_chunk)
        signals.progress_changed.connect(self._on_progress)
        signals.finished.connect(self._on_finished)
        signals.cancelled.connect(self._on_cancelled)
        signals.failed.connect(self._on_failed)
        self._show_busy(True)
        if status:
            self.set_status(status)
        if self.progress_bar is not None:
            self.progress_bar.setRange(0, 0)
        return True

    def stop(self) -> None:
        """Ask the job to stop; the pane hears ``on_cancelled(partial)`` when it has."""
        if self.worker is None or self.worker.cancel_token.cancelled:
            return
        self.worker.cancel()
        if self.stop_button is not None:
            self.stop_button.setEnabled(False)
        self.set_status(tr("Stopping…", "正在停止…"))

    def shutdown(self) -> None:
        """Cancel on window close; the main window waits for the pools afterwards."""
        if self.worker is not None:
            self.worker.cancel()

    # -- worker signals (GUI thread) --------------------------------------------------------
    def _current(self) -> bool:
        return self.sender() is not None and self.worker is not None and self.sender() is self.worker.signals

    def _on_chunk(self, text: str) -> None:
        if not self._current() or self.stopping:
            return  # late chunks after Stop are dropped; the partial result arrives with ``cancelled``
        handler = self._handlers.get("chunk")
        if handler:
            handler(text)

    def _on_progress(self, progress: Progress) -> None:
        if not self._current() or self.stopping:
            return
        if self.progress_bar is not None and progress.total:
            self.progress_bar.setRange(0, progress.total)
            self.progress_bar.setValue(progress.done)
        handler = self._handlers.get("progress")
        if handler:
            handler(progress)
        else:
            text = describe_progress(progress)
            if text:
                self.set_status(text)

    def _finish(self) -> dict[str, Callable | None]:
        handlers = self._handlers
        self.worker = None
        self._handlers = {}
        self._show_busy(False)
        return handlers

    def _on_finished(self, result: Any) -> None:
        if not self._current():
            return
        handler = self._finish().get("finished")
        if handler:
            handler(result)

    def _on_cancelled(self, partial: Any) -> None:
        if not self._current():
            return
        self.set_status(tr("Stopped.", "已停止。"))
        handler = self._finish().get("cancelled")
        if handler:
            handler(partial)

    def _on_failed(self, exc: BaseException) -> None:
        if not self._current():
            return
        self.last_problem = exc
        handler = self._finish().get("failed")
        self.set_status(problem(exc))
        if not isinstance(exc, AppError):
            show_unexpected(self._parent, exc)
        if handler:
            handler(exc)

    def _show_busy(self, busy: bool) -> None:
        for widget in self.start_widgets:
            widget.setEnabled(not busy)
        for widget in self.lock_while_busy:
            if hasattr(widget, "setReadOnly"):
                widget.setReadOnly(busy)
            else:
                widget.setEnabled(not busy)
        if self.stop_button is not None:
            self.stop_button.setEnabled(busy)
        if self.progress_bar is not None:
            self.progress_bar.setVisible(busy)
        self.busy_changed.emit(busy)


def show_unexpected(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """A non-blocking dialog for an error nobody planned for, with the details for IT."""
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("Unexpected error shown to the user:\n%s", details)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Something went wrong", "出现意外错误"))
    box.setText(tr("Something went wrong. Your saved work is safe; the details below are also in the log.",
                   "出现意外错误。已保存的内容不受影响；以下详情也已写入日志。"))
    box.setInformativeText(f"{type(exc).__name__}: {exc}")
    box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setObjectName("unexpected_error_dialog")
    box.open()  # window-modal but non-blocking: the event loop (and other jobs) keep running
    return box
