"""A relationship manager opens the app, asks the local model something, and can stop it."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.main_window import MainWindow, PlaceholderPane, pane_specs
from tests.conftest import TINY_MODEL

# Drives the real chat model, Whisper or the app's own processes: the slow tier.
pytestmark = pytest.mark.slow


@pytest.fixture
def window(qtbot):
    def make(model: str = TINY_MODEL, language: str = "en") -> MainWindow:
        i18n.set_language(language)
        win = MainWindow(Services(Settings(model=model, max_tokens=200, language=language)))
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        return win

    yield make


def test_typing_a_prompt_streams_a_real_answer_into_the_window(qtbot, window, screenshot):
    win = window()
    pane = win.show_pane("assistant")
    qtbot.keyClicks(pane.prompt_edit, "What is 2 + 2? Answer with the number.")
    qtbot.mouseClick(pane.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pane.busy, timeout=60_000)
    assert "4" in pane.output.toPlainText()
    assert re.search(r"tokens/s", pane.status_label.text())
    assert "tokens/s" in win.rate_label.text()
    assert win.model_label.text().startswith("Model: ") and TINY_MODEL in win.model_label.toolTip()  # file name on hover
    screenshot(win, "main_window_assistant_en")


def test_stop_mid_stream_keeps_the_partial_answer_and_frees_the_model(qtbot, window):
    win = window()
    pane = win.show_pane("assistant")
    pane.prompt_edit.setPlainText("Count from 1 to 300, separated by commas.")
    states = []
    pane.output.textChanged.connect(lambda: states.append(pane.output.toPlainText()))
    qtbot.mouseClick(pane.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(pane.output.toPlainText()) > 20, timeout=60_000)
    # Text arrives while the model is still writing, piece by growing piece.
    growing = [s for s in states if s]
    assert len(growing) >= 2 and all(b.startswith(a) for a, b in zip(growing, growing[1:]))
    with qtbot.waitSignal(pane.job.worker.signals.cancelled, timeout=5_000):
        qtbot.mouseClick(pane.stop_button, Qt.MouseButton.LeftButton)
    partial = pane.output.toPlainText()
    assert partial and "300" not in partial
    assert "partial answer is kept" in pane.status_label.text()
    assert pane.send_button.isEnabled() and not pane.stop_button.isEnabled()
    # The model is free again: a second prompt runs to completion.
    pane.prompt_edit.setPlainText("What is 2 + 2? Answer with the number.")
    qtbot.mouseClick(pane.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pane.busy, timeout=60_000)
    assert "4" in pane.output.toPlainText()


def test_window_in_chinese_renders_every_pane_title(qtbot, window, screenshot):
    win = window(language="zh")
    titles = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert titles[:2] == ["助手", "资料库"]
    pane = win.show_pane("assistant")
    pane.prompt_edit.setPlainText("用一句话介绍你自己")
    assert "发送" == pane.send_button.text()
    screenshot(win, "main_window_zh")


def test_window_in_english_screenshot(qtbot, window, screenshot):
    win = window(language="en")
    assert win.nav.item(0).text() == "Assistant"
    screenshot(win, "main_window_en")


def test_every_pane_of_this_build_starts_as_the_real_pane(qtbot, window):
    win = window()
    assert list(win.panes) == [key for key, *_ in pane_specs()]
    for key, module, cls, _title, _purpose in pane_specs():
        assert type(win.panes[key]).__name__ == cls and type(win.panes[key]).__module__ == module, key


def test_a_pane_that_is_missing_or_fails_to_start_says_so_plainly_and_the_rest_work(qtbot, window, monkeypatch):
    import analyst_desk.ui.main_window as main_window

    real = pane_specs()

    def specs():
        return real + [
            ("missing", "analyst_desk.ui.panes.no_such_pane", "NoSuchPane", "Forecasts", "Forecast next year."),
            ("broken", "analyst_desk.ui.main_window", "PlaceholderPane", "Broken", "Needs arguments it does not get."),
        ]

    monkeypatch.setattr(main_window, "pane_specs", specs)
    win = window()
    missing, broken = win.panes["missing"], win.panes["broken"]
    assert isinstance(missing, PlaceholderPane) and isinstance(broken, PlaceholderPane)

    def said(pane) -> str:
        return " ".join(label.text() for label in pane.findChildren(QLabel))

    assert "Forecasts" in said(missing) and "not available in this version" in said(missing)
    assert "Broken" in said(broken) and "could not start" in said(broken)
    assert all(not isinstance(win.panes[key], PlaceholderPane) for key, *_ in real)
    assert win.show_pane("missing") is missing and win.stack.currentWidget() is missing
    assert win.show_pane("assistant") is win.panes["assistant"]


def test_a_broken_model_file_is_shown_and_the_app_stays_usable(qtbot, window, tmp_path, monkeypatch):
    from tests.conftest import MODELS

    folder = tmp_path / "models"
    folder.mkdir()
    (folder / TINY_MODEL).symlink_to(MODELS / TINY_MODEL)
    (folder / "broken.gguf").write_bytes(b"GGUF\x03\x00\x00\x00")
    monkeypatch.setenv("ANALYST_DESK_MODELS", str(folder))
    win = window(model="broken.gguf")
    names = [win.model_selector.combo.itemText(i) for i in range(win.model_selector.combo.count())]
    assert "⚠ broken.gguf" in names
    pane = win.show_pane("assistant")
    pane.prompt_edit.setPlainText("Hello")
    qtbot.mouseClick(pane.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pane.busy, timeout=30_000)
    assert "truncated" in pane.status_label.text()
    # Choosing the working model makes the same window answer.
    win.model_selector.combo.setCurrentIndex(win.model_selector.combo.findData(TINY_MODEL))
    assert win.services.settings.model == TINY_MODEL
    pane.prompt_edit.setPlainText("What is 2 + 2? Answer with the number.")
    qtbot.mouseClick(pane.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pane.busy, timeout=60_000)
    assert "4" in pane.output.toPlainText()


def test_settings_dialog_saves_threads_and_context(qtbot, window):
    from analyst_desk.ui.dialogs.settings_dialog import SettingsDialog

    win = window()
    dialog = SettingsDialog(win.services.settings, win)
    qtbot.addWidget(dialog)
    dialog.threads.setValue(1)
    dialog.context.setValue(1024)
    dialog.language.setCurrentIndex(dialog.language.findData("zh"))
    dialog.apply()
    saved = Settings.load()
    assert (saved.threads, saved.context_size, saved.language) == (1, 1024, "zh")


def test_chinese_prompt_gets_a_chinese_answer_from_the_default_model(qtbot, window, screenshot):
    from tests.conftest import CHAT_MODEL

    win = window(model=CHAT_MODEL, language="zh")
    pane = win.show_pane("assistant")
    pane.prompt_edit.setPlainText("用一句话介绍你自己")
    qtbot.mouseClick(pane.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pane.busy, timeout=120_000)
    answer = pane.output.toPlainText()
    assert len(re.findall(r"[\u4e00-\u9fff]", answer)) >= 5, answer
    assert "每秒" in pane.status_label.text() and "词元" not in pane.status_label.text()
    screenshot(win, "main_window_zh_answer")


def test_switching_language_in_settings_applies_at_once(qtbot, window):
    win = window(language="en")
    win.services.settings.language = "zh"
    replacement = win.rebuild_in_language("zh")
    qtbot.addWidget(replacement)
    assert replacement is not win and replacement.isVisible()
    assert replacement.nav.item(0).text() == "助手"
    assert replacement.services is win.services
