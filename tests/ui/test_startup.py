"""Starting the app: something is on screen at once, the window follows with nothing heavy loaded
before it, and Settings opens from what the warm-up already read (the models' metadata is read off the
GUI thread).

How many seconds a start takes is measured by ``bench/startup.py`` (target: the window within 2 s),
beside a bare PySide6 window on the same machine: a timing in a unit test fails on a busy machine
and proves nothing on a fast one."""

from __future__ import annotations

import threading

import pytest

from tests.ui.startup_probe import start_the_app


def test_the_splash_shows_first_and_the_window_follows_before_anything_heavy_loads(isolated_home):
    marks = start_the_app()
    assert marks["splash"] < marks["window"], marks  # something is on screen while the window is built
    assert marks["exposed"] == "True", marks
    assert marks["heavy"] == "-", marks  # LanceDB, pyarrow, llama.cpp, jieba and PyMuPDF load after it shows


def test_with_reports_in_the_library_the_window_lists_them_before_the_index_opens(isolated_home):
    from analyst_desk.core.library import open_libraries
    from analyst_desk.core.library.embedders import UseEmbedder
    from tests.library_docs import CN_REPORT_PAGES, write_pdf

    libraries = open_libraries(embedder=UseEmbedder(threads=1))
    try:
        report = libraries.add_paths([write_pdf(isolated_home / "report.pdf", CN_REPORT_PAGES)])
        assert all(r.ok for r in report.results)
    finally:
        libraries.close()
    marks = start_the_app()
    assert marks["documents"] == "1", marks  # listed from the catalogue: no LanceDB needed for that
    assert marks["exposed"] == "True", marks
    assert marks["heavy"] == "-", marks


def test_settings_read_the_models_off_the_gui_thread_and_from_the_warm_up_once_it_has_run(
        qtbot, isolated_home, monkeypatch):
    from analyst_desk.core.config import Settings
    from analyst_desk.core.engine import models
    from analyst_desk.ui.dialogs.settings_dialog import SettingsDialog

    if not models.discover_models():
        pytest.skip("no models in the models folder")
    monkeypatch.setattr(models, "_INSPECTED", {})  # a cold start: nothing read yet
    readers: list[str] = []
    real_read_header = models.read_header

    def read_header(path):
        readers.append(threading.current_thread().name)
        return real_read_header(path)

    monkeypatch.setattr(models, "read_header", read_header)

    def open_settings() -> SettingsDialog:
        dialog = SettingsDialog(Settings.load())
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.models_loaded, timeout=30_000)
        return dialog

    cold = open_settings()
    assert readers and threading.main_thread().name not in readers, readers  # each header read off the GUI thread
    assert cold.model_combo.isEnabled() and cold.model_combo.count() >= 1
    readers.clear()
    models.discover_models()  # what the warm-up thread does after the window shows
    readers.clear()
    warm = open_settings()
    assert readers == [], readers  # the warm-up's reading is reused: no file is read again
    assert warm.model_combo.count() == cold.model_combo.count()
