"""Starting the app: something is on screen at once, the window follows, and Settings opens without
freezing it (the models' metadata is read by the warm-up, off the GUI thread)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

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


def _start_the_app() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", STARTUP_PROBE, repr(time.time())], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    marks = {}
    for line in proc.stdout.splitlines():
        if line.startswith(("splash ", "window ")):
            name, seconds, *rest = line.split()
            marks[name] = float(seconds)
            marks.update(item.split("=", 1) for item in rest)
    assert {"splash", "window"} <= set(marks), proc.stdout[-2000:] + proc.stderr[-2000:]
    return marks


def test_the_window_is_on_screen_within_two_seconds_of_starting_the_app(isolated_home):
    marks = _start_the_app()
    assert marks["splash"] < 0.5 * marks["window"], marks  # the splash shows first, long before the window
    assert marks["exposed"] == "True" and marks["window"] < 2.0, marks  # from launching the interpreter
    assert marks["heavy"] == "-", marks  # LanceDB, pyarrow, llama.cpp, jieba and PyMuPDF load after it shows


def test_with_reports_in_the_library_the_window_lists_them_within_two_seconds(isolated_home):
    from analyst_desk.core.library import open_libraries
    from analyst_desk.core.library.embedders import UseEmbedder
    from tests.library_docs import CN_REPORT_PAGES, write_pdf

    libraries = open_libraries(embedder=UseEmbedder(threads=1))
    try:
        report = libraries.add_paths([write_pdf(isolated_home / "report.pdf", CN_REPORT_PAGES)])
        assert all(r.ok for r in report.results)
    finally:
        libraries.close()
    marks = _start_the_app()
    assert marks["documents"] == "1", marks  # listed from the catalogue: no LanceDB needed for that
    assert marks["exposed"] == "True" and marks["window"] < 2.0, marks
    assert marks["heavy"] == "-", marks


def test_settings_open_without_a_stall_once_the_warm_up_has_run(qtbot, isolated_home):
    from analyst_desk.core.config import Settings
    from analyst_desk.core.engine.models import discover_models
    from analyst_desk.ui.dialogs.settings_dialog import SettingsDialog
    from tests.ui.stall_meter import StallMeter

    if not discover_models():  # what the warm-up thread does after the window shows
        pytest.skip("no models in the models folder")
    meter = StallMeter()
    started = time.perf_counter()
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    opened = time.perf_counter() - started
    qtbot.wait(50)
    assert meter.stop() < 0.1 and opened < 0.1, (meter.longest, opened)
