"""Key figures across many reports: a field list in, one row per report and field out, each with its page.

Threading: the lookup runs as one job over the reports (io pool without the model, model pool
with it); this widget only shows progress and results.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from analyst_desk.core.errors import AppError
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.job_controller import JobController
from analyst_desk.ui.messages import file_filter, localise, problem, write_and_report
from analyst_desk.ui.widgets.audit_mark import AuditMarkWidget

DEFAULT_FIELDS = "营业收入,归属于母公司股东的净利润,不良贷款率,资本充足率,净息差"
_STATUS = {"ok": ("Verified", "已核实"), "flagged": ("Check", "需核查"), "not found": ("Not found", "未找到")}


class KeyFiguresWidget(QWidget):
    busy_changed = Signal(bool)

    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.results = []

        self.fields = QLineEdit(DEFAULT_FIELDS)
        self.fields.setToolTip(tr("Comma-separated; synonyms and English names map to the same field "
                                  "(净利润 / net profit).", "逗号分隔；同义词和英文名称归为同一指标（净利润 / net profit）。"))
        self.reports = QListWidget()
        self.reports.setMaximumHeight(120)
        self.add_button = QPushButton(tr("Add PDFs…", "添加 PDF…"))
        self.library_button = QPushButton(tr("Add library PDFs", "添加资料库中的 PDF"))
        self.clear_button = QPushButton(tr("Clear", "清空"))
        self.use_model = QCheckBox(tr("Let the model read values stated only in text (each checked on the page)",
                                      "由模型读取仅在正文中出现的数值（逐一在原页核对）"))
        self.use_model.setChecked(True)
        self.find_button = QPushButton(tr("Find figures", "提取指标"))
        self.stop_button = QPushButton(tr("Stop", "停止"))
        self.stop_button.setEnabled(False)
        self.export_button = QPushButton(tr("Export to Excel…", "导出到 Excel…"))
        self.export_button.setEnabled(False)
        self.progress = QProgressBar()
        self.status = QLabel(tr("Add reports, list the figures you need, then Find figures.",
                                "添加报告，填写所需指标，然后点击“提取指标”。"))
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([tr("Report", "报告"), tr("Field", "指标"), tr("Value", "数值"),
                                              tr("Unit", "单位"), tr("Page", "页码"), tr("Status", "状态"),
                                              tr("Source text", "原文")])
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        fields_row = QHBoxLayout()
        fields_row.addWidget(QLabel(tr("Figures", "指标")))
        fields_row.addWidget(self.fields, 1)
        report_buttons = QVBoxLayout()
        for button in (self.add_button, self.library_button, self.clear_button):
            report_buttons.addWidget(button)
        report_buttons.addStretch(1)
        reports_row = QHBoxLayout()
        reports_row.addWidget(self.reports, 1)
        reports_row.addLayout(report_buttons)
        actions = QHBoxLayout()
        actions.addWidget(self.use_model, 1)
        actions.addWidget(self.find_button)
        actions.addWidget(self.stop_button)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(fields_row)
        layout.addLayout(reports_row)
        layout.addLayout(actions)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.audit_mark = AuditMarkWidget()  # figures the model read that the audit log could not take
        layout.addWidget(self.audit_mark)
        layout.addWidget(self.table, 1)

        self.add_button.clicked.connect(self.choose_reports)
        self.library_button.clicked.connect(self.add_library_reports)
        self.clear_button.clicked.connect(self.reports.clear)
        self.job = JobController(self, name="key figures", status=self.status, progress_bar=self.progress,
                                 start_widgets=[self.find_button], stop_button=self.stop_button)
        self.job.busy_changed.connect(self.busy_changed)
        self.find_button.clicked.connect(self.find)
        self.export_button.clicked.connect(self.choose_export)

    @property
    def busy(self) -> bool:
        return self.job.busy

    def report_paths(self) -> list[Path]:
        return [Path(self.reports.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.reports.count())]

    def add_reports(self, paths: list[Path]) -> None:
        known = set(map(str, self.report_paths()))
        for path in paths:
            if str(path) not in known:
                item = QListWidgetItem(Path(path).name)
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                item.setToolTip(str(path))
                self.reports.addItem(item)

    def choose_reports(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, tr("Reports", "报告"), "", file_filter("pdf"))
        self.add_reports([Path(f) for f in files])

    def add_library_reports(self) -> None:
        try:
            documents = self.services.library().documents()
        except AppError as exc:  # an unreadable index must not break this tab
            self.status.setText(problem(exc))
            return
        self.add_reports([Path(d.path) for d in documents if str(d.path).lower().endswith(".pdf") and Path(d.path).exists()])

    def find(self) -> None:
        from analyst_desk.core.errors import InputFileError
        from analyst_desk.core.extraction.fields import FigureResult, find_figures
        from analyst_desk.core.progress import Progress

        fields = [f.strip() for f in self.fields.text().replace("，", ",").split(",") if f.strip()]
        reports = self.report_paths()
        if not fields or not reports or self.busy:
            self.status.setText(tr("Add at least one report and one figure.", "请至少添加一份报告和一个指标。"))
            return
        from analyst_desk.core.compliance.audit_watch import AuditWatch

        services, use_model = self.services, self.use_model.isChecked()
        # Figures the model read are audited: marked when a record was missed, withheld under the policy.
        watch = AuditWatch.watch(services.audit, "extraction") if use_model else None
        self._audit = outcome = {}
        self.audit_mark.show_reason(None)

        def job(ctx):
            engine = services.chat_engine("extraction") if use_model else None  # not a server task: local
            library = services.library() if use_model else None
            results = []
            for index, pdf in enumerate(reports):
                if ctx.cancel.cancelled:
                    break
                ctx.progress(Progress(index, len(reports), pdf.name))
                try:
                    results.extend(find_figures(pdf, fields, engine=engine, library=library, audit=services.audit,
                                                cancel=ctx.cancel))
                except InputFileError as exc:  # one bad report: say so in its rows, go on with the rest
                    results.extend(FigureResult(pdf.name, f, "not found", note=localise(exc)) for f in fields)
            ctx.progress(Progress(len(reports), len(reports), "done"))
            if watch is not None:
                outcome["unaudited"] = watch.check()  # AuditNotRecorded under the policy: no figure is shown
            return results

        self.table.setRowCount(0)
        self.job.start(job, pool="model" if use_model else "io", on_progress=self.on_progress,
                       on_finished=self.show_results, on_cancelled=self.on_stopped)

    def stop(self) -> None:
        self.job.stop()

    def on_progress(self, progress) -> None:
        if progress.description != "done":
            self.status.setText(tr(f"Reading {progress.description}…", f"正在读取 {progress.description}…"))

    def on_stopped(self, results) -> None:
        """The reports read before Stop keep their figures."""
        if results:
            self.show_results(results)
            self.status.setText(tr("Stopped. ", "已停止。") + self.status.text())

    def show_results(self, results) -> None:
        self.results = list(results)
        self.table.setRowCount(0)
        for r in self.results:
            row = self.table.rowCount()
            self.table.insertRow(row)
            english, chinese = _STATUS.get(r.status, (r.status, r.status))
            value = r.raw if r.status == "ok" else ""
            cells = [r.report, r.field, value, r.unit, str(r.page or ""), tr(english, chinese),
                     r.source_text or localise(r.note)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(r.note or r.source_text)
                if r.status != "ok":
                    item.setBackground(QColor("#fff2cc" if r.status == "flagged" else "#eeeeee"))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        found = sum(1 for r in self.results if r.status == "ok")
        flagged = sum(1 for r in self.results if r.status == "flagged")
        self.status.setText(tr(f"{found} of {len(self.results)} figures verified on their page; {flagged} to check.",
                               f"{len(self.results)} 个指标中 {found} 个已在原页核实；{flagged} 个需核查。"))
        self.export_button.setEnabled(bool(self.results))
        self.audit_mark.show_reason(getattr(self, "_audit", {}).get("unaudited"), self.status)

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export figures", "导出指标"), "key-figures.xlsx",
                                              file_filter("spreadsheets", everything=False))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Path | None:
        from analyst_desk.core.extraction.fields import write_figures

        return write_and_report(self.status, path, lambda: write_figures(self.results, path))

    def shutdown(self) -> None:
        self.job.shutdown()
