"""Importing in a separate process, for the window.

Reading a 300-page PDF, finding its tables and loading the tokenizers are long calls into C code
that hold Python's global interpreter lock; run on a thread of the window's process they freeze
the window for up to a second at a time (measured in bench/gui.py). In a child process they cannot,
and a PDF that crashes the parser takes down only the child: the window reports that file and
carries on. The child is the app's own command line (``index add --progress-jsonl``), so the
import is exactly what the CLI does, under the same one-writer lock.

Protocol: the child writes one JSON object per line on stdout — ``{"progress": {...}}``,
``{"waiting": "..."}`` and finally ``{"report": [...]}``; a line ``cancel`` on its stdin (or stdin
closing, when the window goes away) stops it after the current step.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Callable

from analyst_desk.core.cancel import NEVER, CancelToken
from analyst_desk.core.errors import AppError
from analyst_desk.core.library.models import FileResult, ImportReport
from analyst_desk.core.progress import Progress, no_progress

log = logging.getLogger(__name__)

#: After asking the child to stop, how long it may take to finish its step before it is killed.
STOP_GRACE_SECONDS = 30.0


def app_command() -> list[str]:
    """How to run this app's command line: the frozen executable itself, or ``python -m analyst_desk``."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "analyst_desk"]


def progress_to_json(progress: Progress) -> dict:
    return {"done": progress.done, "total": progress.total, "description": progress.description,
            "counters": dict(progress.counters), "stage": progress.stage, "stage_done": progress.stage_done,
            "stage_total": progress.stage_total}


def import_in_process(paths: list[Path | str], *, library_folder: Path | str, progress=None,
                      cancel: CancelToken = NEVER, on_wait: Callable[[str], None] | None = None) -> ImportReport:
    """Import ``paths`` into the library at ``library_folder`` in a child process; same report as
    ``Library.add_paths``. Progress keeps the parent's clock, so estimates are measured here."""
    progress = progress or no_progress
    env = dict(os.environ, ANALYST_DESK_LIBRARY=str(library_folder), PYTHONIOENCODING="utf-8")
    command = [*app_command(), "index", "add", *map(str, paths), "--progress-jsonl"]
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if os.name == "nt" else 0
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env, text=True, encoding="utf-8", errors="replace", creationflags=flags)
    errors: list[str] = []
    threading.Thread(target=lambda: errors.extend(child.stderr), daemon=True).start()
    stopper = threading.Thread(target=_stop_when_cancelled, args=(child, cancel), daemon=True)
    stopper.start()
    state = Progress()
    report: ImportReport | None = None
    try:
        for line in child.stdout:
            try:
                message = json.loads(line)
            except json.JSONDecodeError:
                log.debug("import child: %s", line.rstrip())
                continue
            if "progress" in message:
                _update(state, message["progress"])
                progress(state)
            elif "waiting" in message and on_wait is not None:
                on_wait(message["waiting"])
            elif "report" in message:
                report = ImportReport([FileResult(**result) for result in message["report"]])
    finally:
        child.wait()
    if report is None:
        reason = (errors[-1].strip() if errors else f"exit code {child.returncode}")[:300]
        log.error("Import process failed (%s):\n%s", child.returncode, "".join(errors[-30:]))
        raise AppError(code="import.process_failed", params={"reason": reason})
    return report


def _update(state: Progress, data: dict) -> None:
    state.done, state.total = data.get("done", 0), data.get("total", 0)
    state.description = data.get("description", "")
    state.counters = data.get("counters", {})
    if data.get("stage"):
        state.enter_stage(data["stage"], data.get("stage_total", 0))
        state.stage_done = data.get("stage_done", 0)


def _stop_when_cancelled(child: subprocess.Popen, cancel: CancelToken) -> None:
    while child.poll() is None:
        if cancel.wait(0.2):
            try:
                child.stdin.write("cancel\n")
                child.stdin.flush()
            except (BrokenPipeError, OSError, ValueError):
                pass
            try:
                child.wait(STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                log.warning("The import process did not stop in %.0f s; ending it", STOP_GRACE_SECONDS)
                child.kill()  # the library's recovery removes the half-imported file on next open
            return


def follow_parent(cancel: CancelToken) -> None:
    """In the child: stop when the window says ``cancel`` or goes away (stdin closes)."""
    def watch() -> None:
        for line in sys.stdin:
            if line.strip() == "cancel":
                break
        cancel.cancel()

    threading.Thread(target=watch, daemon=True).start()
