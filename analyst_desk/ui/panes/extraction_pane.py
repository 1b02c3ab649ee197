"""Spreadsheet extraction pane: find tables in a report, check and adjust them, export to Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from analyst_desk.core.errors import AppError
from analyst_desk.core.library.display_title import record_title
from analyst_desk.ui import i18n
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.job_controller import JobController
from analyst_desk.ui.messages import file_filter, localise, problem, write_and_report

UNITS = ["", "元", "千元", "万元", "百万元", "亿元"]


def page_thumbnail(path: str, page: int, boxes: list[tuple], width: int = 150) -> QImage:
    """A small picture of the page with every detected table outlined (runs on a worker thread)."""
    from analyst_desk.core.page_render import render_page

    rendered = render_page(path, page, width=width)
    zoom = rendered.zoom
    image = QImage(rendered.samples, rendered.width, rendered.height, rendered.stride,
                   QImage.Format.Format_RGB888).copy()
    painter = QPainter(image)
    painter.setPen(QColor(220, 60, 0))
    for x0, y0, x1, y1 in boxes:
        painter.drawRect(int(x0 * zoom), int(y0 * zoom), int((x1 - x0) * zoom), int((y1 - y0) * zoom))
    painter.end()
    return image


class ExtractionPane(QWidget):
    busy_changed = Signal(bool)

    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.path: str = ""
        self.tables = []

        self.open_button = QPushButton(tr("Open PDF…", "打开 PDF…"))
        self.library_combo = QComboBox()
        self.library_combo.setMinimumWidth(240)
        self.pages_edit = QLineEdit()
        self.pages_edit.setPlaceholderText(tr("pages, e.g. 16,122-123 (empty = all)", "页码，如 16,122-123（留空为全部）"))
        self.detect_button = QPushButton(tr("Find tables", "查找表格"))
        self.stop_button = QPushButton(tr("Stop", "停止"))
        self.progress = QProgressBar()
        self.status = QLabel(tr("Open a PDF report to find its tables.", "打开 PDF 报告以查找其中的表格。"))
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(QLabel(tr("or from the library:", "或从资料库选择：")))
        # The report's name gets the room (it was cut to "…招股意" at 1366 px); pages are a short field.
        self.library_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.pages_edit.setMinimumWidth(220)
        top.addWidget(self.library_combo, 2)
        top.addWidget(self.pages_edit, 1)
        top.addWidget(self.detect_button)
        top.addWidget(self.stop_button)

        self.thumbnails = QListWidget()
        self.thumbnails.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbnails.setIconSize(QSize(150, 212))
        self.thumbnails.setFixedWidth(190)
        self.table_list = QListWidget()
        self.table_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.preview = QTableWidget()
        self.checks = QLabel()
        self.checks.setWordWrap(True)
        self.header_rows = QSpinBox()
        self.header_rows.setRange(0, 5)
        self.unit_combo = QComboBox()
        for unit in UNITS:
            self.unit_combo.addItem(unit or tr("as in the report", "保持原单位"), unit)
        self.merge_button = QPushButton(tr("Merge column with next", "与右列合并"))
        self.split_button = QPushButton(tr("Split column", "拆分此列"))
        self.export_selected = QPushButton(tr("Export selected…", "导出所选…"))
        self.export_all = QPushButton(tr("Export all…", "全部导出…"))
        controls = QHBoxLayout()
        controls.addWidget(QLabel(tr("Header rows", "表头行数")))
        controls.addWidget(self.header_rows)
        controls.addWidget(QLabel(tr("Unit", "单位")))
        controls.addWidget(self.unit_combo)
        controls.addWidget(self.merge_button)
        controls.addWidget(self.split_button)
        controls.addStretch(1)
        controls.addWidget(self.export_selected)
        controls.addWidget(self.export_all)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table_list)
        split.addWidget(self.preview)
        split.setSizes([140, 480])
        right_layout.addWidget(split, 1)
        right_layout.addWidget(self.checks)
        right_layout.addLayout(controls)
        body = QSplitter()
        body.addWidget(self.thumbnails)
        body.addWidget(right)
        body.setSizes([200, 900])
        tables_tab = QWidget()
        tables_layout = QVBoxLayout(tables_tab)
        tables_layout.addLayout(top)
        tables_layout.addWidget(self.progress)
        tables_layout.addWidget(self.status)
        tables_layout.addWidget(body, 1)
        from analyst_desk.ui.panes.key_figures_widget import KeyFiguresWidget

        self.key_figures = KeyFiguresWidget(services)
        self.tabs = QTabWidget()
        self.tabs.addTab(tables_tab, tr("Tables", "表格"))
        self.tabs.addTab(self.key_figures, tr("Key figures across reports", "多报告关键指标"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.job = JobController(self, name="tables", pool="io", status=self.status, progress_bar=self.progress,
                                 start_widgets=[self.detect_button, self.open_button], stop_button=self.stop_button)
        self.job.busy_changed.connect(lambda busy: self.busy_changed.emit(busy or self.key_figures.busy))
        self.key_figures.busy_changed.connect(lambda busy: self.busy_changed.emit(busy or self.job.busy))
        self.progress.setVisible(False)
        self.open_button.clicked.connect(self.choose_pdf)
        self.detect_button.clicked.connect(self.detect)
        self.library_combo.activated.connect(self.on_library_choice)
        self.table_list.currentRowChanged.connect(self.show_table)
        self.header_rows.valueChanged.connect(self.on_header_rows)
        self.merge_button.clicked.connect(self.merge_column)
        self.split_button.clicked.connect(self.split_selected_column)
        self.export_selected.clicked.connect(lambda: self.export(selected_only=True))
        self.export_all.clicked.connect(lambda: self.export(selected_only=False))
        self.refresh_library()

    @property
    def busy(self) -> bool:
        return self.job.busy or self.key_figures.busy

    def refresh_library(self) -> None:
        self.library_combo.clear()
        self.library_combo.addItem("—", "")
        try:
            for doc in self.services.library().documents():
                if doc.path.lower().endswith(".pdf"):
                    self.library_combo.addItem(record_title(doc, i18n.language()), doc.path)
        except AppError as exc:  # an unreadable library: the PDF can still be opened from disk
            self.status.setText(problem(exc))

    def on_library_choice(self, index: int) -> None:
        path = self.library_combo.itemData(index)
        if path:
            self.set_pdf(path)

    def choose_pdf(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Open a PDF report", "打开 PDF 报告"), "", file_filter("pdf"))
        if path:
            self.set_pdf(path)

    def set_pdf(self, path: str) -> None:
        self.path = path
        self.status.setText(tr(f"{Path(path).name}: choose pages (or leave empty) and press Find tables.",
                               f"{Path(path).name}：选择页码（或留空），然后点击“查找表格”。"))

    # -- detection -------------------------------------------------------------------------
    def detect(self) -> None:
        if not self.path or self.busy:
            return
        from analyst_desk.core.extraction.checks import check_table
        from analyst_desk.core.extraction.tables import extract_tables

        path, pages = self.path, self.pages_edit.text().strip() or None

        def job(ctx):
            from analyst_desk.core.progress import Progress

            def on_page(done, total):
                ctx.progress(Progress(done=done, total=total, description=tr("Reading pages", "正在读取页面")))

            tables = extract_tables(Path(path), pages, cancel=ctx.cancel, progress=on_page)
            # Checks and thumbnails are computed here, off the GUI thread.
            failed = [sum(1 for c in check_table(table, tables) if not c.ok) for table in tables]
            boxes: dict[int, list] = {}
            for table in tables:
                for page, box in table.page_boxes.items():
                    boxes.setdefault(page, []).append(box)
            thumbs = [(page, page_thumbnail(path, page, b)) for page, b in sorted(boxes.items())]
            return tables, thumbs, failed

        self.job.start(job, status=tr("Reading pages…", "正在读取页面…"), on_finished=self.on_detected)

    def on_detected(self, result) -> None:
        self.tables, thumbs, failures = result
        self.thumbnails.clear()
        for page, image in thumbs:
            self.thumbnails.addItem(QListWidgetItem(QIcon(QPixmap.fromImage(image)), tr(f"p. {page}", f"第 {page} 页")))
        self.table_list.clear()
        for table, failed in zip(self.tables, failures):
            mark = "⚠ " if failed else ""
            self.table_list.addItem(f"{mark}{table.title or tr('Table', '表格')} — "
                                    f"{tr('p.', '第')} {', '.join(map(str, table.pages))}"
                                    f"{'' if tr('p.', '第') == 'p.' else ' 页'} · {len(table.rows)}×{table.columns}"
                                    f"{' · ' + table.unit.name if table.unit else ''}")
        self.status.setText(tr(f"Found {len(self.tables)} tables.", f"找到 {len(self.tables)} 个表格。"))
        if self.tables:
            self.table_list.setCurrentRow(0)

    # -- preview and adjustments -------------------------------------------------------------
    def current_table(self):
        row = self.table_list.currentRow()
        return self.tables[row] if 0 <= row < len(self.tables) else None

    def show_table(self, _row: int = 0) -> None:
        from analyst_desk.core.extraction.checks import check_table, is_balance_sheet, is_income_statement

        table = self.current_table()
        if table is None:
            return
        self.header_rows.blockSignals(True)
        self.header_rows.setValue(table.header_rows)
        self.header_rows.blockSignals(False)
        self.preview.clear()
        self.preview.setRowCount(len(table.rows))
        self.preview.setColumnCount(table.columns)
        grid = table.parsed()
        for r, row in enumerate(table.rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if r < table.header_rows:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setBackground(QColor(220, 230, 241))
                elif c and grid[r][c].is_numeric:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                elif c and grid[r][c].flag:  # left as text: the document does not show how to read it
                    item.setBackground(QColor(255, 242, 204))
                    item.setToolTip(tr(grid[r][c].flag, f"“{text}”可能有两种读法，文档未显示千位分隔符，保留为文本"))
                self.preview.setItem(r, c, item)
        self.preview.resizeColumnsToContents()
        everything = check_table(table, self.tables)
        lacking = [c for c in everything if not c.checked]
        results = [c for c in everything if c.checked]
        bad = [c for c in results if not c.ok]
        for check in bad:
            item = self.preview.item(check.row, check.column)
            if item:
                item.setBackground(QColor(252, 228, 214))
        if not results and lacking:
            self.checks.setText(_joined(lacking))
        elif not results:
            self.checks.setText(tr("No total checks apply to this table.", "该表无适用的合计校验。"))
        elif bad:
            self.checks.setText("⚠ " + _joined(bad))
        elif all(c.code == "check.reference_ok" for c in results):  # a summary, held against the full statement
            pages = "、".join(dict.fromkeys(str(c.params["other_page"]) for c in results))
            self.checks.setText(tr(f"✓ {len(results)} figures agree with the full statement (p. {pages}).",
                                   f"✓ {len(results)} 个数字与完整报表（第 {pages} 页）一致。"))
        elif is_balance_sheet(table):
            self.checks.setText(tr(f"✓ {len(results)} checks passed: totals add up and the balance sheet balances.",
                                   f"✓ {len(results)} 项校验通过：合计正确，资产负债表平衡。"))
        elif is_income_statement(table):
            self.checks.setText(tr(f"✓ {len(results)} checks passed: the income statement's subtotals follow "
                                   "from their items.", f"✓ {len(results)} 项校验通过：利润表各小计与其构成项目一致。"))
        else:
            self.checks.setText(tr(f"✓ {len(results)} checks passed: each net cash flow follows from its inflows and "
                                   "outflows, and the net change from the activities.",
                                   f"✓ {len(results)} 项校验通过：各项现金流量净额与流入、流出一致，现金净增加额与各活动一致。"))
        if results and lacking:  # what could not be checked says which line it lacks
            self.checks.setText(self.checks.text() + "\n" + _joined(lacking))

    def on_header_rows(self, value: int) -> None:
        table = self.current_table()
        if table is not None:
            table.header_rows = value
            self.show_table()

    def merge_column(self) -> None:
        """Join the selected column with the one to its right (a header or value split in two)."""
        from analyst_desk.core.extraction.editing import merge_columns

        table = self.current_table()
        if table is not None and merge_columns(table, self.preview.currentColumn()):
            self.show_table()

    def split_selected_column(self) -> None:
        """Split the selected column at the first space in each cell (two columns read as one)."""
        from analyst_desk.core.extraction.editing import split_column

        table = self.current_table()
        if table is None:
            return
        if split_column(table, self.preview.currentColumn()):
            self.show_table()
        else:
            self.status.setText(tr("No cell in this column has a space to split at.", "该列没有可拆分的单元格（无空格）。"))

    def export(self, selected_only: bool) -> None:

        if selected_only:
            rows = sorted({i.row() for i in self.table_list.selectedIndexes()})
            tables = [self.tables[r] for r in rows]
        else:
            tables = list(self.tables)
        if not tables:
            return
        default = str(Path(self.path).with_suffix(".xlsx"))
        path, _ = QFileDialog.getSaveFileName(self, tr("Save tables as Excel", "保存为 Excel"), default,
                                              file_filter("spreadsheets", everything=False))
        if path:
            self.export_to(path, tables)

    def export_to(self, path: str, tables=None) -> dict:
        from analyst_desk.core.extraction.excel import write_tables

        summary: dict = {}

        def write() -> None:
            summary.update(write_tables(tables if tables is not None else self.tables, Path(path),
                                        unit=self.unit_combo.currentData() or None, language=i18n.language()))

        if write_and_report(self.status, path, write) is None:
            return {}
        self.status.setText(tr(f"Saved {summary['tables']} tables ({summary['numbers']} numbers, "
                               f"{summary['mismatches']} check mismatches) to {path}",
                               f"已保存 {summary['tables']} 个表格（{summary['numbers']} 个数值，"
                               f"{summary['mismatches']} 项校验不符）到 {path}"))
        return summary

    def shutdown(self) -> None:
        self.job.shutdown()
        self.key_figures.shutdown()


def _joined(checks) -> str:
    """Check results as one line in the UI language, each message once (a line lacking in three
    period columns was listed three times)."""
    messages = dict.fromkeys(localise(c) for c in checks)
    return ("；" if i18n.language() == "zh" else "; ").join(messages)
