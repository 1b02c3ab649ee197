"""Audit log viewer: filter records by date and pane, read one in full, verify the chain, export."""

from __future__ import annotations

import html
from datetime import datetime, time, timezone

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from analyst_desk.core.errors import AppError
from analyst_desk.ui import i18n
from analyst_desk.ui.audit_text import kind_name, pane_name, readable_flags, readable_output, readable_source
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.local_time import local_time
from analyst_desk.ui.messages import file_filter, localise, problem

#: The filter's choices: every pane, and the log's own notes (a refused record, a recovery) under 系统.
PANES = ["assistant", "ask", "drafting", "meeting", "extraction", "cli", "system"]


class AuditPane(QWidget):
    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.records: list[dict] = []
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-30))
        self.until = QDateEdit(today)
        self._today = today
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.pane_filter = QComboBox()
        self.pane_filter.addItem(tr("All panes", "全部功能"), None)
        for pane in PANES:
            self.pane_filter.addItem(pane_name(pane), pane)
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
        self.table.setHorizontalHeaderLabels([tr("Time", "时间"), tr("User", "用户"), tr("Pane", "功能"),
                                              tr("Model", "模型"), tr("Output", "输出"), tr("Flags", "标记")])
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.detail = QTextBrowser()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([330, 350])  # the detail holds the record in full: give it room at 768 px
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.verify_label)
        layout.addWidget(split, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self.choose_export)
        self.pane_filter.currentIndexChanged.connect(self.refresh)
        self.since.dateChanged.connect(self.refresh)
        self.until.dateChanged.connect(self.refresh)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_detail(row))
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Opening the pane shows what was generated since it was built (it listed nothing new until
        Refresh was pressed); "until" follows today unless the user chose another day."""
        super().showEvent(event)
        today = QDate.currentDate()
        if self.until.date() == self._today and today != self._today:
            self.until.setDate(today)
        self._today = today
        self.refresh()

    def _range(self):
        """The chosen days in the computer's own time zone, as the table shows the times (the log stores UTC: a
        Beijing morning's records fall on the previous UTC day)."""
        since = datetime.combine(self.since.date().toPython(), time.min).astimezone()
        until = datetime.combine(self.until.date().toPython(), time.max).astimezone()
        return since.astimezone(timezone.utc), until.astimezone(timezone.utc)

    def refresh(self) -> None:
        since, until = self._range()
        self.records = list(reversed(self.services.audit.records(since=since, until=until,
                                                                 pane=self.pane_filter.currentData())))
        self.table.setRowCount(len(self.records))
        # Rows are numbered by the record's own number (newest first), the number a verification names
        # ("第 12 条记录被修改"), not by their place in the list.
        self.table.setVerticalHeaderLabels([str(r.get("seq") or "—") for r in self.records])
        for row, r in enumerate(self.records):
            output, flags = readable_output(r), readable_flags(r)
            values = [local_time(r["time"]), r["user"], pane_name(r["pane"]), r["model"] or "—",
                      " ".join(output.split())[:120], "；".join(flags) if i18n.language() == "zh" else "; ".join(flags)]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value if col != 4 else output[:2000])  # the whole text is in the detail below
                self.table.setItem(row, col, item)
        # Fit 1366 px: short columns to their contents, the model and flags capped (elided), the output stretches.
        for col in (0, 1, 2):
            self.table.resizeColumnToContents(col)
        self.table.setColumnWidth(3, min(self.table.sizeHintForColumn(3), 200))
        self.table.setColumnWidth(5, min(max(self.table.sizeHintForColumn(5), 80), 280))
        if self.records:
            self.table.selectRow(0)

    def show_detail(self, row: int) -> None:
        """The record in full: who, when, where and which model on one line at the top, then what was written and
        its flags — in view without scrolling at 1366×768 — then what was asked and read, then the fingerprints."""
        if 0 <= row < len(self.records):
            r = self.records[row]
            who = [tr(f"Record {r.get('seq')}", f"第 {r.get('seq')} 条记录") if r.get("seq") else "",
                   local_time(r.get("time", "")), r.get("user") or "", pane_name(r.get("pane") or ""),
                   kind_name(r.get("kind") or ""), tr("Model: ", "模型：") + r["model"] if r.get("model") else ""]
            parts = [f"<p><b>{html.escape(' · '.join(w for w in who if w))}</b></p>"]
            # The output and its flags first: a prompt may be a whole transcript or the passages read.
            labels = [("output", tr("Output", "输出")), ("flags", tr("Flags", "标记")), ("prompt", tr("Prompt", "提示")),
                      ("sources", tr("Sources", "来源")), ("model_sha256", tr("Model file fingerprint", "模型文件指纹")),
                      ("hash", tr("Record fingerprint", "记录指纹"))]
            for key, label in labels:
                if key not in r or r[key] in (None, "", []):
                    continue
                value = r[key]
                if key == "output":
                    value = readable_output(r)
                elif key == "flags":
                    value = "\n".join(readable_flags(r))
                elif isinstance(value, list):
                    value = "\n".join(readable_source(v) for v in value)
                parts.append(f"<p><b>{html.escape(label)}</b><br>{html.escape(str(value)).replace(chr(10), '<br>')}</p>")
            self.detail.setHtml("".join(parts))

    def verify(self) -> None:
        result = self.services.audit.verify()
        notes = result.localised_notes(i18n.language()) if hasattr(result, "localised_notes") else []
        # The notes (a torn write set aside, records after the seal) are no tampering, but an auditor is told.
        self.verify_label.setText(("✓ " if result.ok else "✗ ") + localise(result)
                                  + "".join(f"\n· {note}" for note in notes))
        self.verify_label.setStyleSheet("color: #1a7f37;" if result.ok else "color: #b42318; font-weight: bold;")

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export audit log", "导出审计日志"), "audit.xlsx",
                                              file_filter("spreadsheets", everything=False))
        if path:
            since, until = self._range()
            try:
                self.services.audit.export_xlsx(path, language=i18n.language(), readable=_as_read, since=since,
                                                until=until, pane=self.pane_filter.currentData())
            except AppError as exc:
                self.verify_label.setText(problem(exc))
                return
            except OSError as exc:  # the file is open in Excel, or the folder is read-only
                from analyst_desk.core.errors import WriteError

                self.verify_label.setText(problem(WriteError(path, exc)))
                return
            self.verify_label.setText(tr(f"Exported to {path}", f"已导出到 {path}"))


def _as_read(record: dict) -> dict:
    """A record as the export's reader columns show it: what the table and detail show."""
    return {"readable_output": readable_output(record), "readable_flags": readable_flags(record),
            "pane": pane_name(record.get("pane") or ""), "kind": kind_name(record.get("kind") or "")}
