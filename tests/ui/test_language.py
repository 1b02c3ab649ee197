"""A Chinese-speaking analyst sees Chinese everywhere in the Chinese window, and an English-speaking
one sees English in the English window: every pane, the toolbar, the status bar and Settings are
walked, and any visible text in the other language fails the test (errors included)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QListWidget, QPlainTextEdit,
                               QTableWidget, QTabWidget, QTextEdit, QToolBar, QWidget)

from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.main_window import MainWindow
from tests.library_docs import write_encrypted_pdf

#: Words that are the same in a Chinese UI: file formats, units, product names, the language
#: picker's "English", and sample input shown as an example of what may be typed.
ALLOWED_LATIN = {"PDF", "Word", "Excel", "Markdown", "DOCX", "XLSX", "TXT", "GGUF", "OCR", "CPU", "GiB", "MiB", "GBK",
                 "English", "docx", "txt", "srt", "vtt", "wav", "mp3", "m4a", "ogg", "flac", "xlsx", "pdf", "json",
                 "Ctrl", "Enter", "Return", "John", "Smith", "token", "net", "interest", "margin", "profit", "qwen",
                 "coder", "llama", "Analyst", "Desk", "Speaker", "SmolLM", "analyst", "desk", "gguf",
                 "SHA", "embedding"}  # the last two only in hover details, where technical terms belong
#: Chinese that may appear in the English UI: the language picker's "中文", units of money in the
#: unit picker, and sample Chinese input shown as an example.
ALLOWED_HAN = {"中文", "元", "千元", "万元", "百万元", "亿元", "净息差", "平安银行", "张经理", "净利润"}


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        kind = type(widget).__name__
        if isinstance(widget, QLabel):
            texts.append((kind, widget.text()))
        if isinstance(widget, QAbstractButton):
            texts.append((kind, widget.text()))
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            texts.append((kind + " placeholder", widget.placeholderText()))
        if isinstance(widget, QComboBox):
            texts += [(kind + " item", widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [(kind + " tab", widget.tabText(i)) for i in range(widget.count())]
        if isinstance(widget, QTableWidget):
            texts += [(kind + " header", widget.horizontalHeaderItem(c).text()) for c in range(widget.columnCount())
                      if widget.horizontalHeaderItem(c) is not None]
        if isinstance(widget, QListWidget):
            texts += [(kind + " item", widget.item(i).text()) for i in range(widget.count())]
        if isinstance(widget, QGroupBox):
            texts.append((kind + " title", widget.title()))
        if isinstance(widget, QToolBar):
            texts += [("action", action.text()) for action in widget.actions()]
        if widget.toolTip():
            texts.append((kind + " tooltip", widget.toolTip()))
    return texts


def foreign(text: str, language: str) -> list[str]:
    plain = re.sub(r"<[^>]+>", "", text)
    plain = re.sub(r"\S+\.(?:pdf|gguf|txt|docx|xlsx)\b|[A-Za-z]:?[\\/]\S+|/\S+", "", plain)  # file names and paths
    if language == "zh":
        return [w for w in re.findall(r"[A-Za-z]{3,}", plain) if w not in ALLOWED_LATIN]
    return [run for run in re.findall(r"[\u4e00-\u9fff]+", plain) if run not in ALLOWED_HAN]


@pytest.fixture
def window(qtbot):
    def make(language: str) -> MainWindow:
        i18n.set_language(language)
        win = MainWindow(Services(Settings(language=language)))
        qtbot.addWidget(win)
        return win

    yield make


def _walk(win: MainWindow) -> list[tuple[str, str, str]]:
    from analyst_desk.ui.dialogs.settings_dialog import SettingsDialog

    roots = {**win.panes, "toolbar": win.findChild(QToolBar), "status bar": win.statusBar(), "navigation": win.nav,
             "settings": SettingsDialog(win.services.settings, win), "welcome": win.welcome}
    return [(name, kind, text) for name, root in roots.items() for kind, text in visible_texts(root)]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_pane_and_dialog_speaks_one_language(window, language):
    win = window(language)
    assert win.welcome is not None and win.stack.currentWidget() is win.welcome  # a new user starts here
    problems = [(name, kind, text[:100], foreign(text, language)) for name, kind, text in _walk(win)
                if foreign(text, language)]
    assert not problems, "\n".join(map(str, problems))


def test_a_bad_file_is_reported_in_chinese_in_the_chinese_library(qtbot, window, tmp_path):
    win = window("zh")
    library = win.show_pane("library")
    broken = tmp_path / "年报.pdf"
    broken.write_bytes(b"%PDF-1.7 nothing else")
    library.import_paths([broken, write_encrypted_pdf(tmp_path / "加密.pdf")])
    qtbot.waitUntil(lambda: not library.busy, timeout=60_000)
    log = [library.import_log.item(i).text() for i in range(library.import_log.count())]
    assert len(log) == 2 and all(not foreign(line, "zh") for line in log), log
    assert any("已损坏" in line for line in log) and any("密码" in line for line in log)


@pytest.mark.slow
def test_an_answer_and_its_checks_are_in_chinese_in_the_chinese_ask_pane(qtbot, window, tmp_path):
    from tests.library_docs import CN_REPORT_PAGES, write_pdf

    win = window("zh")
    win.services.library().add_paths([write_pdf(tmp_path / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)])
    ask = win.show_pane("ask")
    ask.question.setText("华东银行2024年的营业收入、净利润和净息差分别是多少？同比变化如何？")
    ask.ask()
    qtbot.waitUntil(lambda: not ask.busy, timeout=300_000)
    assert ask.result is not None
    shown = visible_texts(ask) + [("check", ask.flags.item(i).text()) for i in range(ask.flags.count())]
    problems = [(kind, text[:100], foreign(text, "zh")) for kind, text in shown if foreign(text, "zh")]
    assert not problems, problems
