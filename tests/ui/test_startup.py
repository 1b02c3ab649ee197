"""Starting the app: something is on screen at once, the window follows, and Settings opens without
freezing it (the models' metadata is read by the warm-up, off the GUI thread)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

STARTUP_PROBE = r"""
import sys, time
started = float(sys.argv[1])
import analyst_desk.ui.application as application

real_splash = application.show_splash

def timed_splash(app):
    splash = real_splash(app)
    print(f"splash {time.time() - started:.3f}", flush=True)
    return splash

def shown(window):
    print(f"window {time.time() - started:.3f} visible={window.isVisible()}", flush=True)
    from PySide6.QtWidgets import QApplication
    QApplication.instance().quit()

application.show_splash = timed_splash
sys.exit(application.run_gui(on_shown=shown))
"""


def test_the_splash_is_on_screen_within_two_seconds_and_the_window_follows(isolated_home):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", STARTUP_PROBE, repr(time.time())], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    marks = dict(line.split(" ", 1) for line in proc.stdout.splitlines() if line.startswith(("splash", "window")))
    assert float(marks["splash"]) < 2.0, marks  # from launching the interpreter to a painted splash
    assert "visible=True" in marks["window"]


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
