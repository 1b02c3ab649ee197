"""A new RM's first hour, in the shown window at 1366×768 in Chinese: welcome → import a prospectus →
search → Ask → a company brief → minutes → table extraction → the audit log.

Each pane is looked at as a reader would: no English sentence, no raw JSON or dict, no label cut
off, no character that no installed font can draw (it would show as an empty box), and the
document named by its company (never "Microsoft Word - …"). Screenshots of every pane go to
/work/screens/ (or $ANALYST_DESK_SCREENS) for review.

Runs the real default model (Ask may answer from facts; the brief's sentences and the minutes are
written by the model), so it is marked slow.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QStyle,
    QStyleOptionComboBox,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.main_window import MainWindow
from tests.ui.walkthrough_docs import ISSUER, write_prospectus

SCREENS = Path(os.environ.get("ANALYST_DESK_SCREENS", "/work/screens"))
TRANSCRIPT = """会议主题：江南精密机械授信续作沟通会
时间：2024年3月12日 下午
参会：张伟（客户经理）、李娜（风险经理）、王强（江南精密财务总监）

张伟：今天主要沟通续作授信的材料准备情况。
王强：2023年的审计报告下周五前可以提供，我们这边负责。
李娜：好的，另外请提供前五大客户的应收账款明细。
王强：没问题，月底前发给李娜。
张伟：那就这么定了，授信额度维持三亿元不变，我下周一提交续作申请。
"""
#: Words allowed in a Chinese window: formats, units and product names a Chinese user reads as such.
_ALLOWED = {"pdf", "word", "excel", "markdown", "gguf", "mib", "gib", "gb", "mb", "analyst", "desk", "json", "csv",
            "ocr", "docx", "xlsx", "txt", "md", "srt", "vtt", "wav", "mp3", "m4a", "ogg", "flac", "roe", "ebitda",
            "api", "url", "https", "http", "cpu", "ai", "id", "utf", "gbk", "ipo"}
_PATHLIKE = re.compile(r"(?:[A-Za-z]:)?[\\/][^\s，。；]*|\b[\w.\-]+\.(?:pdf|PDF|docx|xlsx|txt|md|gguf|json)\b")
_RAW = re.compile(r"\{\s*['\"]\w+['\"]\s*:|\[\s*\{|\bNone\b|\bTrue\b|\bFalse\b|<\w+ object at 0x")


def _visible_texts(root: QWidget) -> list[tuple[QWidget, str]]:
    """The text a reader sees in ``root``: labels, buttons, boxes, list and table cells, editors."""
    out: list[tuple[QWidget, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 1 or widget.height() <= 1:
            continue
        if isinstance(widget, QLabel):
            text = widget.text()
            if widget.textFormat() != 0 and ("<" in text and ">" in text):  # rich text: read what is drawn
                doc = QTextEdit()
                doc.setHtml(text)
                text = doc.toPlainText()
            out.append((widget, text))
        elif isinstance(widget, QAbstractButton):
            out.append((widget, widget.text()))
        elif isinstance(widget, QGroupBox):
            out.append((widget, widget.title()))
        elif isinstance(widget, QComboBox):
            out.append((widget, widget.currentText()))
        elif isinstance(widget, QLineEdit):
            out.append((widget, widget.text() or widget.placeholderText()))
        elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
            out.append((widget, widget.toPlainText()))
        elif isinstance(widget, QTabWidget):
            out += [(widget, widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            out += [(widget, widget.horizontalHeaderItem(c).text()) for c in range(widget.columnCount())
                    if widget.horizontalHeaderItem(c) is not None]
            out += [(widget, widget.item(r, c).text()) for r in range(min(widget.rowCount(), 30))
                    for c in range(widget.columnCount()) if widget.item(r, c) is not None]
        elif isinstance(widget, QListWidget):
            out += [(widget, widget.item(i).text()) for i in range(min(widget.count(), 30))]
    return [(w, t) for w, t in out if t and t.strip()]


def _wrapped_cells(table: QTableWidget):
    for row in range(min(table.rowCount(), 30)):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is not None and item.text() and not table.isColumnHidden(column):
                yield row, column, item.text()


_covered: dict[str, bool] = {}


def _drawable(char: str) -> bool:
    """True when some installed font has a glyph for ``char`` (Qt falls back across fonts)."""
    if char not in _covered:
        code = ord(char)
        _covered[char] = char.isspace() or any(QFontMetrics(QFont(family)).inFontUcs4(code)
                                                for family in QFontDatabase.families())
    return _covered[char]


def _english_words(text: str) -> list[str]:
    text = _PATHLIKE.sub(" ", text)
    text = re.sub(r"\b[0-9a-f]{16,}\b", " ", text)  # a fingerprint (SHA-256) is not English
    text = re.sub(r"\b[A-Z][A-Za-z0-9&.,’' ]*(?:Inc|Corporation|Co|Ltd|Limited)\b\.?", " ", text)  # company names
    # An acronym inside Chinese text is a term the Chinese reader uses as such ("LED照明", "国内LED芯片").
    text = re.sub(r"(?<=[\u4e00-\u9fff\d（(、，])[A-Z]{2,5}(?=[\u4e00-\u9fff\d）)、，。])", " ", text)
    words = re.findall(r"[A-Za-z]{3,}", text)
    return [w for w in words if w.lower() not in _ALLOWED]


def look_at(pane_name: str, window: MainWindow, problems: list[str]) -> None:
    """Every visible text of the window checked as a reader would; problems are collected, not raised,
    so one run lists them all."""
    for widget, text in _visible_texts(window):
        where = f"{pane_name}/{type(widget).__name__}:{text[:40]!r}"
        english = _english_words(text)
        if len(english) >= 2:
            problems.append(f"{where} English: {english[:5]}")
        if _RAW.search(text):
            problems.append(f"{where} raw data")
        if "Microsoft Word" in text or re.search(r"<[0-9A-Fa-f]{16,}>", text):
            problems.append(f"{where} metadata title")
        missing = sorted({ch for ch in text if not _drawable(ch)})
        if missing:
            problems.append(f"{where} no font draws {[hex(ord(c)) for c in missing]}")
        if isinstance(widget, (QLabel, QAbstractButton)) and "\n" not in text:
            wraps = isinstance(widget, QLabel) and widget.wordWrap()
            rich = isinstance(widget, QLabel) and "<" in widget.text()
            if not wraps and not rich:
                needed = QFontMetrics(widget.font()).horizontalAdvance(text)
                room = widget.contentsRect().width() - (16 if isinstance(widget, QAbstractButton) else 0)
                if needed > room + 2 and widget.width() < window.width():
                    problems.append(f"{where} clipped: needs {needed}px, has {room}px")
        if isinstance(widget, QTableWidget) and widget.wordWrap():
            for row, column, cell in _wrapped_cells(widget):
                if cell == text:  # a wrapping cell must be tall enough for all its lines
                    rect = widget.visualRect(widget.model().index(row, column)).adjusted(3, 0, -3, 0)
                    needed = QFontMetrics(widget.font()).boundingRect(
                        QRect(0, 0, max(rect.width(), 1), 10_000), Qt.TextFlag.TextWordWrap, cell).height()
                    if needed > rect.height() + 2:
                        problems.append(f"{where} clipped: needs {needed}px high, has {rect.height()}px")
        if isinstance(widget, QComboBox) and text:  # the box shows its current item: is it cut off?
            option = QStyleOptionComboBox()
            widget.initStyleOption(option)
            room = widget.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                                 QStyle.SubControl.SC_ComboBoxEditField, widget).width()
            needed = QFontMetrics(widget.font()).horizontalAdvance(text)
            if needed > room + 2:
                problems.append(f"{where} clipped: needs {needed}px, has {room}px")


_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:亿元|万元|千元|元|%|倍)")
_PERIOD = re.compile(r"(?:19|20)\d{2}\s*年|(?:19|20)\d{2}(?:年度|年末|H1|Q[1-4])")


def _figures_without_period(draft) -> list[str]:
    """Sentences of a draft that state a figure but no period ("最新的营业收入为4.39亿元"): a half-year
    figure read as annual. The app's table rows carry their periods in the header, so they are skipped."""
    missing = []
    for section in draft.sections:
        for line in section.text.splitlines():
            if line.strip().startswith("|") or line.strip().startswith("*"):
                continue  # a table row (periods in its header) or the table's formula note
            for sentence in re.split(r"(?<=[。；!?！？])", line):
                if _FIGURE.search(sentence) and not _PERIOD.search(sentence):
                    missing.append(f"{section.title}: {sentence.strip()}")
    return missing


def _table_drawn(editor) -> bool:
    """True when the draft's figure table is drawn in columns: the header row bold, its bars faint."""
    from PySide6.QtGui import QTextCursor

    block = editor.document().begin()
    while block.isValid() and not block.text().startswith("| "):
        block = block.next()
    if not block.isValid():
        return False
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + 1)  # just after the first bar
    bar_colour = cursor.charFormat().foreground().color().name()
    cursor.setPosition(block.position() + 3)
    return cursor.charFormat().fontWeight() >= 700 and bar_colour != "#000000"


@pytest.mark.slow
def test_a_new_rm_walks_through_every_pane_in_chinese(qtbot, tmp_path):
    SCREENS.mkdir(parents=True, exist_ok=True)
    i18n.set_language("zh")
    # The default (CI) model: the small one, so the walk-through fits a CPU budget.
    services = Services(Settings(language="zh", model="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1366, 728)  # 1366×768 less a taskbar
    window.show()
    qtbot.waitExposed(window)
    problems: list[str] = []
    reported: list[str] = []  # panes whose model run reached the status bar's "上次生成 … 字词/秒"
    for key in ("ask", "drafting", "meeting", "assistant"):
        window.panes[key].stats_reported.connect(lambda _stats, key=key: reported.append(key))

    def shot(name: str) -> None:
        qtbot.wait(50)
        assert window.grab().save(str(SCREENS / f"{name}.png"))

    # 1. The welcome page, with the window shown.
    assert window.stack.currentWidget() is window.welcome
    look_at("welcome", window, problems)
    shot("01_welcome")

    # 2. Import a prospectus whose metadata title is a Word file name.
    library = window.show_pane("library")
    pdf = write_prospectus(tmp_path / "江南精密招股意向书.pdf")
    library.import_paths([pdf])
    qtbot.waitUntil(lambda: not library.busy, timeout=240_000)
    assert library.documents.rowCount() == 1
    title = library.documents.item(0, 0).text()
    assert title.startswith(ISSUER) and "招股意向书" in title, title
    assert library.progress.value() == library.progress.maximum()  # the bar ends with the job

    # 3. Search.
    library.search_box.setText("数控机床")
    library.search()
    qtbot.waitUntil(lambda: bool(library.hits) and not library.viewer.rendering, timeout=60_000)
    assert ISSUER in library.results.itemWidget(library.results.item(0)).text()
    look_at("library", window, problems)
    shot("02_library_search")

    # 4. Ask.
    ask = window.show_pane("ask")
    ask.question.setText("江南精密机械2010年的营业收入是多少？")
    ask.ask()
    qtbot.waitUntil(lambda: not ask.busy, timeout=300_000)
    assert ask.result is not None and not ask.result.not_found, ask.answer.toPlainText()
    shown = ask.answer.toPlainText()
    if "812,345,678.90元" in ask.result.text:  # the answer keeps the printed figure; the pane reads it in 亿元
        assert "8.12亿元" in shown and "812,345,678.90" not in shown, shown
    if getattr(ask.result, "stats", None) is not None:
        assert "ask" in reported
    if ask.sources.count():
        ask.open_citation(ask.result.sources[0].number)
        qtbot.waitUntil(lambda: not ask.viewer.rendering, timeout=60_000)
    look_at("ask", window, problems)
    shot("03_ask")

    # 5. A company brief: an industrial company gets no bank section, and its figures come in a table.
    drafting = window.show_pane("drafting")
    drafting.template_combo.setCurrentIndex(drafting.template_combo.findData("company_brief"))
    drafting.subject.setText(ISSUER)
    drafting.start_draft()
    qtbot.waitUntil(lambda: not drafting.busy, timeout=480_000)
    titles = [s.title for s in drafting.draft.sections]
    assert "资产质量与风险" not in titles and "经营风险" in titles, titles
    financial = next(s for s in drafting.draft.sections if s.title == "财务表现")
    assert "| 指标 | 2010年度 | 2009年度 | 2008年度 |" in financial.text, financial.text
    assert "| 营业收入 | 8.12亿元[" in financial.text  # 812,345,678.90元 in readable units, cited
    undated = _figures_without_period(drafting.draft)
    assert not undated, undated  # every figure of the brief has its period
    assert "drafting" in reported and "上次生成" in window.rate_label.text(), window.rate_label.text()
    assert "|" not in drafting.editor.toPlainText() or _table_drawn(drafting.editor), "the table shows as raw pipes"
    look_at("drafting", window, problems)
    shot("04_drafting")

    # 6. Minutes.
    meeting = window.show_pane("meeting")
    meeting.editor.setPlainText(TRANSCRIPT)
    meeting.summarize()
    qtbot.waitUntil(lambda: not meeting.busy, timeout=300_000)
    assert "meeting" in reported, reported
    look_at("meeting", window, problems)
    shot("05_meeting")

    # 7. Tables into Excel.
    extraction = window.show_pane("extraction")
    extraction.refresh_library()
    index = extraction.library_combo.findData(str(pdf.resolve()))
    if index < 0:
        index = 1 if extraction.library_combo.count() > 1 else 0
    extraction.library_combo.setCurrentIndex(index)
    extraction.set_pdf(str(pdf))
    extraction.detect()
    qtbot.waitUntil(lambda: not extraction.busy, timeout=120_000)
    look_at("extraction", window, problems)
    shot("06_extraction")

    # 8. The audit log of what was generated: opening the pane lists this hour's work (it showed an
    # empty table until Refresh was pressed).
    audit = window.show_pane("audit")
    qtbot.wait(200)
    logged = {audit.table.item(row, 2).text() for row in range(audit.table.rowCount())}
    assert {"文档问答", "报告撰写", "会议纪要"} <= logged, logged
    look_at("audit", window, problems)
    shot("07_audit")

    # The assistant and the status bar at the end of the hour.
    assistant = window.show_pane("assistant")
    assistant.prompt_edit.setPlainText("请用一句话说明什么是授信续作。")
    assistant.send_button.click()
    qtbot.waitUntil(lambda: not assistant.busy, timeout=120_000)
    assert assistant.output.toPlainText().strip()
    look_at("assistant", window, problems)
    shot("08_assistant")
    assert not problems, "\n".join(problems)
