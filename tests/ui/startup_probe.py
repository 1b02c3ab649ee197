"""Starting the real app in a child interpreter and reading when the splash and the window showed.

Shared by ``tests/ui/test_startup.py`` (what must be true of every start: the splash first, the window
exposed, no heavy module imported before it shows) and ``bench/startup.py`` (how many seconds that takes
on this machine — a timing belongs in a benchmark, not in a unit test that a busy machine fails)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Runs the real entry point (``analyst-desk`` with no command) and prints, in seconds from the moment
#: the test launched the interpreter: when the splash was shown; when the main window was on screen
#: (shown and exposed), with the heavy modules imported before it showed (the warm-up thread may
#: import them after) and how many documents its library pane lists.
STARTUP_PROBE = r"""
import sys, time
started = float(sys.argv[1])
import analyst_desk.ui.application as application

HEAVY = ("lancedb", "pyarrow", "llama_cpp", "jieba", "pymupdf", "fitz")
real_splash, real_run, real_warm_up = application.show_splash, application.run_gui, application.start_warm_up
before_warm_up = []

def timed_splash(app):
    splash = real_splash(app)
    print(f"splash {time.time() - started:.3f}", flush=True)
    return splash

def warm_up(services):
    before_warm_up.extend(m for m in HEAVY if m in sys.modules)  # queued right after window.show()
    return real_warm_up(services)

def shown(window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def check():
        exposed = window.isVisible() and window.windowHandle() is not None and window.windowHandle().isExposed()
        if not exposed and time.time() - started < 60:
            QTimer.singleShot(5, check)
            return
        print(f"window {time.time() - started:.3f} exposed={exposed} "
              f"heavy={','.join(before_warm_up) or '-'} documents={window.panes['library'].documents.rowCount()}",
              flush=True)
        QApplication.instance().quit()

    check()

application.show_splash = timed_splash
application.start_warm_up = warm_up
application.run_gui = lambda **kwargs: real_run(on_shown=shown)
from analyst_desk.cli import main
sys.exit(main([]))
"""


#: The baseline for the benchmark: the same interpreter showing an empty PySide6 main window, no app code.
BARE_QT_PROBE = r"""
import sys, time
started = float(sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1366, 768)
window.show()

def check():
    exposed = window.windowHandle() is not None and window.windowHandle().isExposed()
    if not exposed and time.time() - started < 60:
        QTimer.singleShot(5, check)
        return
    print(f"window {time.time() - started:.3f} exposed={exposed}", flush=True)
    app.quit()

check()
app.exec()
"""


def start_the_app(probe: str = STARTUP_PROBE) -> dict[str, str]:
    """Marks of one start (``splash``/``window`` in seconds from launching the interpreter, and the
    probe's ``exposed``, ``heavy`` and ``documents``), in the data folder ``ANALYST_DESK_HOME`` names."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", probe, repr(time.time())], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"the app did not start: {proc.stderr[-2000:]}")
    marks: dict = {}
    for line in proc.stdout.splitlines():
        if line.startswith(("splash ", "window ")):
            name, seconds, *rest = line.split()
            marks[name] = float(seconds)
            marks.update(item.split("=", 1) for item in rest)
    if "window" not in marks:
        raise RuntimeError(f"the window never showed: {proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return marks
