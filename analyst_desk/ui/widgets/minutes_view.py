"""The minutes of a meeting as the user reviews them: title, summary, action items and the other
items, each traceable to its transcript lines and editable; edits are re-checked against the
transcript (owners must be attendees, texts must still trace to what was said)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from analyst_desk.core.meeting.minutes import ActionItem, Item, Minutes
from analyst_desk.ui.i18n import tr

_LINES_ROLE = Qt.ItemDataRole.UserRole
_FLAG_BG = "#fff2cc"


class MinutesView(QWidget):
    """Shows one ``Minutes`` and keeps it in step with the user's edits (GUI thread only)."""

    #: The user picked an item: highlight these transcript lines.
    lines_requested = Signal(list)
    #: The minutes changed by an edit (save them).
    edited = Signal()
    #: New minutes are on screen.
    shown = Signal()

    def __init__(self, transcript_source: Callable[[], object], parent=None) -> None:
        super().__init__(parent)
        self.transcript_source = transcript_source
        self.minutes: Minutes | None = None
        self._filling = False

        self.title = QLineEdit()
        self.title.setPlaceholderText(tr("Title", "标题"))
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.summary = QTextEdit()
        self.summary.setAcceptRichText(False)
        self.summary_flags = QLabel()
        self.summary_flags.setWordWrap(True)
        self.summary_flags.setStyleSheet("color:#a15c00")
        self.actions = QTableWidget(0, 5)
        self.actions.setHorizontalHeaderLabels([tr("Task", "事项"), tr("Owner", "负责人"), tr("Due", "截止"),
                                                tr("Lines", "来源行"), tr("Check", "需核查")])
        header = self.actions.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        self.actions.setColumnWidth(4, 160)
        self.actions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.actions.setWordWrap(True)
        self.lists: dict[str, QListWidget] = {}
        tabs = QTabWidget()
        for key, title in [("decisions", tr("Decisions", "决定事项")), ("key_points", tr("Key points", "要点")),
                           ("open_questions", tr("Open questions", "待决问题")), ("risks", tr("Risks", "风险"))]:
            widget = QListWidget()
            widget.setWordWrap(True)
            widget.itemClicked.connect(self.on_item_clicked)
            widget.itemChanged.connect(self.on_list_edited)
            self.lists[key] = widget
            tabs.addTab(widget, title)
        self.item_tabs = tabs

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(QLabel(tr("Summary", "摘要")))
        layout.addWidget(self.summary, 2)
        layout.addWidget(self.summary_flags)
        layout.addWidget(QLabel(tr("Action items (click a row to see its lines; edit task or owner)",
                                   "待办事项（点击查看原文行；可修改事项和负责人）")))
        layout.addWidget(self.actions, 3)
        layout.addWidget(tabs, 2)

        self.actions.cellClicked.connect(self.on_action_clicked)
        self.actions.itemChanged.connect(self.on_action_edited)
        self.summary.textChanged.connect(self.on_summary_edited)
        self.title.textEdited.connect(self.on_title_edited)

    def append_summary_text(self, text: str) -> None:
        """Streamed summary text (while the model writes)."""
        self._filling = True
        try:
            cursor = self.summary.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            cursor.insertText(text)
        finally:
            self._filling = False

    def clear(self) -> None:
        """Show no minutes: a new summary is being written, and until it arrives (or is withheld because the
        audit log could not take it) the previous meeting's minutes must not stand beside the new transcript."""
        self.minutes = None
        self._filling = True
        try:
            self.title.clear()
            self.meta.clear()
            self.summary.clear()
            self.summary_flags.clear()
            self.actions.setRowCount(0)
            for widget in self.lists.values():
                widget.clear()
        finally:
            self._filling = False

    def show_minutes(self, minutes: Minutes) -> None:
        self.minutes = minutes
        self._filling = True
        try:
            self.title.setText(minutes.title)
            people = ", ".join(minutes.attendees) if minutes.language == "en" else "、".join(minutes.attendees)
            self.meta.setText(tr(f"Date: {minutes.date or '—'} · Attendees: {people or '—'}",
                                 f"日期：{minutes.date or '—'} · 参会人员：{people or '—'}"))
            self.summary.setPlainText(minutes.summary)
            self._show_summary_flags()
            self.actions.setRowCount(0)
            for item in minutes.action_items:
                self._add_action_row(item, minutes.language)
            self.actions.resizeRowsToContents()
            for key, widget in self.lists.items():
                widget.clear()
                for item in getattr(minutes, key):
                    self._add_list_item(widget, item)
        finally:
            self._filling = False
        self.shown.emit()

    def _show_summary_flags(self) -> None:
        flags = self.minutes.summary_flags if self.minutes else []
        self.summary_flags.setText("\n".join(f"⚠ {f}" for f in flags))

    def _add_action_row(self, item: ActionItem, language: str) -> None:
        row = self.actions.rowCount()
        self.actions.insertRow(row)
        lines = ", ".join(map(str, item.lines))
        cells = [item.task, item.owner_label(language), item.due_label(language), lines, "; ".join(item.flags)]
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setData(_LINES_ROLE, item.lines)
            if column not in (0, 1):
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if column == 0 and item.quote:
                cell.setToolTip(item.quote)
            if item.flags:
                cell.setBackground(QColor(_FLAG_BG))
            self.actions.setItem(row, column, cell)

    def _add_list_item(self, widget: QListWidget, item: Item) -> None:
        lines = ", ".join(map(str, item.lines)) or "—"
        entry = QListWidgetItem(item.text)
        entry.setToolTip(tr(f"Lines {lines}", f"第 {lines} 行") + (f"\n“{item.quote}”" if item.quote else "")
                         + ("\n⚠ " + "; ".join(item.flags) if item.flags else ""))
        entry.setData(_LINES_ROLE, item.lines)
        entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsEditable)
        if item.flags:
            entry.setBackground(QColor(_FLAG_BG))
            entry.setText(f"{item.text}  ⚠")
        widget.addItem(entry)

    def on_action_clicked(self, row: int, _column: int) -> None:
        cell = self.actions.item(row, 0)
        if cell is not None:
            self.show_lines(cell.data(_LINES_ROLE) or [])

    def on_item_clicked(self, entry: QListWidgetItem) -> None:
        self.show_lines(entry.data(_LINES_ROLE) or [])

    def show_lines(self, lines: list[int]) -> None:
        """Ask the transcript to scroll to an item's lines and highlight them."""
        self.lines_requested.emit(list(lines))

    def on_action_edited(self, cell: QTableWidgetItem) -> None:
        if self._filling or self.minutes is None or cell.column() not in (0, 1):
            return
        item = self.minutes.action_items[cell.row()]
        if cell.column() == 0:
            item.task = cell.text().strip()
        else:
            from analyst_desk.core.meeting.minutes import UNASSIGNED

            text = cell.text().strip()
            item.owner = "" if text in UNASSIGNED.values() else text
        self.recheck()

    def on_list_edited(self, entry: QListWidgetItem) -> None:
        if self._filling or self.minutes is None:
            return
        for key, widget in self.lists.items():
            if widget is entry.listWidget():
                getattr(self.minutes, key)[widget.row(entry)].text = entry.text().replace("  ⚠", "").strip()
        self.recheck()

    def on_summary_edited(self) -> None:
        if self._filling or self.minutes is None:
            return
        self.minutes.summary = self.summary.toPlainText()
        self.edited.emit()

    def on_title_edited(self, text: str) -> None:
        if self.minutes is not None:
            self.minutes.title = text
            self.edited.emit()

    def recheck(self) -> None:
        """After an edit: owners must be attendees, texts must still trace to the transcript."""
        from analyst_desk.core.meeting.recheck import check_minutes

        transcript = self.transcript_source()
        if transcript is not None:
            check_minutes(self.minutes, transcript)
        self._filling = True
        try:
            for row, item in enumerate(self.minutes.action_items):
                self.actions.item(row, 3).setText(", ".join(map(str, item.lines)))
                self.actions.item(row, 4).setText("; ".join(item.flags))
                for column in range(5):
                    self.actions.item(row, column).setBackground(QColor(_FLAG_BG) if item.flags else QColor("white"))
                    self.actions.item(row, column).setData(_LINES_ROLE, item.lines)
            for key, widget in self.lists.items():
                for index, item in enumerate(getattr(self.minutes, key)):
                    entry = widget.item(index)
                    entry.setData(_LINES_ROLE, item.lines)
                    entry.setBackground(QColor(_FLAG_BG) if item.flags else QColor("white"))
                    entry.setText(item.text + ("  ⚠" if item.flags else ""))
        finally:
            self._filling = False
        self.edited.emit()

