"""Audit log viewer: filter records by date and pane, read one in full, verify the chain, export."""

from __future__ import annotations

import json
from datetime import datetime, time, timezone

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QFileDialog, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QTextBrowser,
                               QVBoxLayout, QWidget)

from app.ui.i18n import tr

PANES = ["assistant", "ask", "drafting", "meeting", "extraction", "cli"]


class AuditPane(QWidget):
    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.records: list[dict] = []
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-30))
        self.until = QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.pane_filter = QComboBox()
        self.pane_filter.addItem(tr("All panes", "全部功能"), None)
        for pane in PANES:
            self.pane_filter.addItem(pane, pane)
        self.refresh_button = QPushButton(tr("Refresh", "刷新"))
        self.verify_button = QPushButton(tr("Verify chain", "校验完整性"))
        self.export_button = QPushButton(tr("Export to Excel…", "导出 Excel…"))
        self.verify_label = QLabel()
        self.verify_label.setWordWrap(True)
        top = QHBoxLayout()
        for widget in (QLabel(tr("From", "从")), self.since, QLabel(tr("to", "至")), self.until, self.pane_filter,
                       self.refresh_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.verify_button)
        top.addWidget(self.export_button)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([tr("Time (UTC)", "时间（UTC）"), tr("User", "用户"), tr("Pane", "功能"),
                                              tr("Model", "模型"), tr("Output", "输出"), tr("Flags", "标记")])
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.detail = QTextBrowser()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([420, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.verify_label)
        layout.addWidget(split, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self.choose_export)
        self.pane_filter.currentIndexChanged.connect(self.refresh)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_detail(row))
        self.refresh()

    def _range(self):
        since = datetime.combine(self.since.date().toPython(), time.min, tzinfo=timezone.utc)
        until = datetime.combine(self.until.date().toPython(), time.max, tzinfo=timezone.utc)
        return since, until

    def refresh(self) -> None:
        since, until = self._range()
        self.records = list(reversed(self.services.audit.records(since=since, until=until,
                                                                 pane=self.pane_filter.currentData())))
        self.table.setRowCount(len(self.records))
        for row, r in enumerate(self.records):
            values = [r["time"].replace("T", " ")[:19], r["user"], f"{r['pane']}/{r['kind']}", r["model"] or "—",
                      " ".join(r["output"].split())[:120], ", ".join(r["flags"])]
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        if self.records:
            self.table.selectRow(0)

    def show_detail(self, row: int) -> None:
        if 0 <= row < len(self.records):
            r = self.records[row]
            shown = {k: r[k] for k in ("time", "user", "pane", "kind", "model", "model_sha256", "prompt", "sources",
                                       "output", "flags", "hash", "prev_hash") if k in r}
            self.detail.setPlainText(json.dumps(shown, ensure_ascii=False, indent=2))

    def verify(self) -> None:
        result = self.services.audit.verify()
        self.verify_label.setText(("✓ " if result.ok else "✗ ") + result.message)
        self.verify_label.setStyleSheet("color: #1a7f37;" if result.ok else "color: #b42318; font-weight: bold;")

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export audit log", "导出审计日志"), "audit.xlsx", "Excel (*.xlsx)")
        if path:
            since, until = self._range()
            self.services.audit.export_xlsx(path, since=since, until=until, pane=self.pane_filter.currentData())
            self.verify_label.setText(tr(f"Exported to {path}", f"已导出到 {path}"))
