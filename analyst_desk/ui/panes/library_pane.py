"""Library pane: import reports (buttons or drag and drop), see each document's status, search, see the page."""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from analyst_desk.core.errors import AppError
from analyst_desk.core.library.display_title import decode_pdf_string, record_title
from analyst_desk.core.period_words import period_words
from analyst_desk.core.progress import Progress
from analyst_desk.ui import i18n
from analyst_desk.ui.dialogs.document_profile_dialog import DocumentProfileDialog, type_label
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.job_controller import JobController, format_eta
from analyst_desk.ui.messages import file_filter, localise, problem
from analyst_desk.ui.widgets.page_viewer import PageViewer

STATUS_LABELS = {
    "complete": ("Ready", "可检索"), "indexed": ("Imported", "已导入"), "replaced": ("Updated", "已更新"),
    "unchanged": ("Unchanged", "未变化"), "encrypted": ("Password-protected", "有密码保护"),
    "corrupt": ("Damaged", "文件损坏"), "empty": ("Empty", "无内容"), "unsupported": ("Unsupported", "不支持"),
    "too_large": ("Too large", "文件过大"), "failed": ("Failed", "失败"), "cancelled": ("Cancelled", "已取消"),
}


def status_label(status: str) -> str:
    english, chinese = STATUS_LABELS.get(status, (status, status))
    return tr(english, chinese)


def _readable_row(line: str) -> str:
    """A table row of a passage ("| 营业收入 | 52,310 | 49,876 |") as a reader sees it in a result card:
    its cells apart, the row closed by "；", no markdown bars."""
    if not line.strip().startswith("|"):
        return line
    cells = [cell.strip() for cell in line.strip().strip("|").split("|") if cell.strip()]
    return " ".join(cells) + ("；" if cells else "")


def highlight(text: str, query: str, limit: int = 110) -> str:
    """HTML snippet around the first match with every query term marked."""
    lines = [l for l in text.splitlines() if not re.fullmatch(r"\|?(\s*-{3}\s*\|)+\s*", l.strip())]
    flat = " ".join(" ".join(_readable_row(line) for line in lines).split())
    terms = [t for t in re.split(r"\s+", query.strip()) if t]
    start = 0
    for term in terms:
        found = flat.lower().find(term.lower())
        if found >= 0:
            start = max(0, found - 60)
            break
    snippet = flat[start:start + limit]
    escaped = html.escape(snippet)
    for term in sorted(terms, key=len, reverse=True):
        escaped = re.sub(re.escape(html.escape(term)), lambda m: f"<b style='background:#ffe066'>{m.group(0)}</b>",
                         escaped, flags=re.IGNORECASE)
    return ("…" if start else "") + escaped + ("…" if start + limit < len(flat) else "")


class LibraryPane(QWidget):
    """Threading: imports and searches run on the io pool; this widget only shows their results."""

    busy_changed = Signal(bool)

    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.hits = []
        #: doc_id → the name the window shows for it (issuer · type · period), refreshed with the table.
        self.titles: dict[str, str] = {}
        self.setAcceptDrops(True)

        self.import_files_button = QPushButton(tr("Import files…", "导入文件…"))
        self.import_folder_button = QPushButton(tr("Import folder…", "导入文件夹…"))
        self.cancel_button = QPushButton(tr("Cancel", "取消"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress_label = QLabel(tr("Drop PDF, Word, Excel or text files here to import them.",
                                        "将 PDF、Word、Excel 或文本文件拖到此处即可导入。"))
        top = QHBoxLayout()
        for widget in (self.import_files_button, self.import_folder_button, self.progress, self.cancel_button):
            top.addWidget(widget)

        self.documents = QTableWidget(0, 6)
        self.documents.setHorizontalHeaderLabels([tr("Document", "文档"), tr("Status", "状态"), tr("Pages", "页数"),
                                                  tr("Passages", "段落"), tr("Period", "报告期"), tr("Company", "公司")])
        # Every column stays on screen on a 1366-wide laptop: the title and the company share what the
        # short columns leave, long names are elided and shown in full on hover.
        header = self.documents.horizontalHeader()
        header.setMinimumSectionSize(36)
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == 0
                                        else QHeaderView.ResizeMode.ResizeToContents)
        # The company is also the title's first part: its column is eight characters wide (wrapping
        # onto a second line) so the title keeps the room.
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Fixed)
        self.documents.setColumnWidth(5, self.documents.fontMetrics().horizontalAdvance("华东商业银行股份") + 12)
        self.documents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.documents.setTextElideMode(Qt.TextElideMode.ElideRight)
        # A long title ("江南精密机械股份有限公司 · 招股意向书 · 2010年") wraps onto a second line rather than
        # being cut to "江南精密机械股份…" at 1366 px; the full text and the file are also on hover.
        self.documents.setWordWrap(True)
        header.sectionResized.connect(lambda column, _old, _new: column == 0 and self.documents.resizeRowsToContents())
        # Rows filled before the window is laid out were measured at the header's first widths: a
        # three-line title then showed two lines and an ellipsis. Measured again once the pane is shown.
        header.geometriesChanged.connect(lambda: QTimer.singleShot(0, self.documents.resizeRowsToContents))
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.documents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.remove_button = QPushButton(tr("Remove", "移除"))
        self.profile_button = QPushButton(tr("Edit details…", "编辑文档信息…"))
        self.profile_button.setToolTip(tr("Correct the issuer, report type or period the document was read as",
                                          "更正从文档中识别出的公司、报告类型或报告期"))
        self.import_log = QListWidget()
        self.import_log.setMaximumHeight(110)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.documents, 1)
        document_buttons = QHBoxLayout()
        document_buttons.addStretch(1)
        document_buttons.addWidget(self.profile_button)
        document_buttons.addWidget(self.remove_button)
        left_layout.addLayout(document_buttons)
        self.import_log_label = QLabel(tr("Last import", "最近一次导入"))
        left_layout.addWidget(self.import_log_label)
        left_layout.addWidget(self.import_log)
        # An empty log is hidden: at 1366×768 its box took the room of three documents.
        self._show_import_log()

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(tr("Search your documents, e.g. net interest margin or 净息差",
                                              "检索文档，例如：净息差、营业收入"))
        self.search_button = QPushButton(tr("Search", "检索"))
        self.doc_filter = QComboBox()
        self.type_filter = QComboBox()
        self.period_filter = QComboBox()
        for combo in (self.doc_filter, self.type_filter, self.period_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.results = QListWidget()
        self.results.setWordWrap(True)
        # Cards wrap to the list's width: a horizontal bar meant each card's last words were cut off.
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.installEventFilter(self)
        # A light selection keeps the grey heading and the highlighted term readable on the chosen card.
        self.results.setStyleSheet("QListWidget::item:selected { background: #dbe8ff; color: black; }")
        self.viewer = PageViewer()
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(self.search_button)
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(tr("Only:", "范围：")))
        filter_row.addWidget(self.doc_filter, 1)
        filter_row.addWidget(self.type_filter)
        filter_row.addWidget(self.period_filter)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(search_row)
        right_layout.addLayout(filter_row)
        results_split = QSplitter(Qt.Orientation.Vertical)
        results_split.addWidget(self.results)
        results_split.addWidget(self.viewer)
        results_split.setSizes([340, 360])
        right_layout.addWidget(results_split, 1)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([500, 630])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress_label)
        layout.addWidget(split, 1)

        # Imports and removals write the library (one at a time); searches only read it.
        self.import_job = JobController(self, name="import", pool="io", status=self.progress_label,
                                        start_widgets=[self.import_files_button, self.import_folder_button,
                                                       self.remove_button, self.profile_button],
                                        stop_button=self.cancel_button)
        self.import_job.busy_changed.connect(self.busy_changed)
        self.search_job = JobController(self, name="search", pool="io", status=self.progress_label,
                                        start_widgets=[self.search_button])
        self.import_files_button.clicked.connect(self.choose_files)
        self.import_folder_button.clicked.connect(self.choose_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        self.profile_button.clicked.connect(lambda: self.edit_profile())
        self.documents.cellDoubleClicked.connect(lambda row, _column: self.edit_profile(row))
        self.search_button.clicked.connect(self.search)
        self.search_box.returnPressed.connect(self.search)
        self.results.currentRowChanged.connect(self.on_result_chosen)
        self.refresh_documents()

    # -- documents -------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.import_job.busy

    def refresh_documents(self) -> None:
        try:
            documents = self.services.library().documents()
        except AppError as exc:
            self.progress_label.setText(problem(exc))
            return
        language = i18n.language()
        self.titles = {doc.doc_id: record_title(doc, language) for doc in documents}
        self._fill_filters(documents)
        self.documents.setRowCount(len(documents))
        for row, doc in enumerate(documents):
            values = [self.titles[doc.doc_id], status_label(doc.status), str(doc.pages), str(doc.chunks),
                      period_words(doc.period, language, report_type=doc.doc_type), doc.company]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, doc.doc_id)
                if column == 0:
                    metadata = decode_pdf_string(doc.title)
                    shown = tr(f"File: {doc.path}", f"文件：{doc.path}")
                    if metadata and metadata != value:
                        shown += "\n" + tr(f"Title in the file's metadata: {metadata}", f"文件元数据标题：{metadata}")
                    item.setToolTip(f"{shown}\n{doc.note}".strip())
                elif column == 4 and doc.period:
                    item.setToolTip(doc.period)
                elif column == 5 and value:
                    item.setToolTip(f"{value} · {type_label(doc.doc_type)}")
                self.documents.setItem(row, column, item)
        self.documents.resizeRowsToContents()

    def _fill_filters(self, documents) -> None:
        for combo, everything, values in (
                (self.doc_filter, tr("All documents", "全部文档"), [(self.titles.get(d.doc_id, d.title), d.doc_id)
                                                                    for d in documents]),
                (self.type_filter, tr("All types", "全部类型"), sorted({(type_label(d.doc_type), d.doc_type)
                                                                    for d in documents})),
                (self.period_filter, tr("All periods", "全部报告期"),
                 [(period_words(p, i18n.language()), p) for p in sorted({d.period for d in documents if d.period},
                                                                         reverse=True)])):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for label, value in values:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def edit_profile(self, row: int | None = None) -> None:
        """Correct the selected document's issuer, type and period (a write: runs as a library job)."""
        if row is None:
            rows = sorted({index.row() for index in self.documents.selectedIndexes()})
            row = rows[0] if rows else None
        if row is None or self.busy or self.documents.item(row, 0) is None:
            return
        doc_id = self.documents.item(row, 0).data(Qt.ItemDataRole.UserRole)
        record = self.services.library().find_document(doc_id)
        if record is None:
            return
        dialog = DocumentProfileDialog(record, self)
        if dialog.exec() != DocumentProfileDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        services = self.services
        self.import_job.start(lambda ctx: services.library().set_profile(doc_id, **values),
                              status=tr("Saving…", "正在保存…"),
                              on_finished=lambda _record: (self.progress_label.setText(
                                  tr("Document details saved.", "文档信息已保存。")), self.refresh_documents()),
                              on_failed=lambda _exc: self.refresh_documents())

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.documents.selectedIndexes()})
        if not rows or self.busy:
            return
        titles = [self.documents.item(r, 0).text() for r in rows]
        answer = QMessageBox.question(self, tr("Remove documents", "移除文档"),
                                      tr("Remove from the library (the files themselves stay):\n",
                                         "从资料库移除（原文件保留）：\n") + "\n".join(titles))
        if answer != QMessageBox.StandardButton.Yes:
            return
        doc_ids = [self.documents.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows]
        services = self.services

        def job(ctx):
            for doc_id in doc_ids:
                ctx.cancel.raise_if_cancelled()
                services.library().remove(doc_id)
            return len(doc_ids)

        self.import_job.start(job, status=tr("Removing…", "正在移除…"),
                              on_finished=lambda n: (self.progress_label.setText(tr(f"Removed {n} document(s).",
                                                                                    f"已移除 {n} 个文档。")),
                                                     self.refresh_documents()),
                              on_cancelled=lambda _partial: self.refresh_documents(),
                              on_failed=lambda _exc: self.refresh_documents())

    # -- import ----------------------------------------------------------------------------
    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, tr("Import documents", "导入文档"), "",
                                                file_filter("documents"))
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Import a folder", "导入文件夹"))
        if folder:
            self.import_paths([Path(folder)])

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def _show_import_log(self) -> None:
        shown = self.import_log.count() > 0
        self.import_log_label.setVisible(shown)
        self.import_log.setVisible(shown)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.import_paths(paths)
            event.acceptProposedAction()

    def import_paths(self, paths: list[Path]) -> None:
        if self.busy:
            return
        services = self.services
        self.import_log.clear()
        self._show_import_log()
        from analyst_desk.core.job_estimate import JobEstimate, file_sizes

        self._estimate = JobEstimate(file_sizes(paths))
        self._files_done = 0
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)

        def job(ctx):
            from analyst_desk.core.library.import_process import import_in_process

            # In a child process: parsing a long PDF holds Python's interpreter lock and would freeze
            # the window, and a file that crashes the parser must not take the window with it.
            folder = services.library().personal.folder
            return import_in_process(paths, library_folder=folder, progress=ctx.progress, cancel=ctx.cancel,
                                     on_wait=lambda text: ctx.progress(Progress(description=text, stage="waiting")))

        self.import_job.start(job, status=tr("Preparing…", "准备中…"), on_progress=self.on_import_progress,
                              on_finished=self.on_import_finished, on_cancelled=self.on_import_stopped,
                              on_failed=lambda _exc: (self._end_progress(), self.refresh_documents()))

    def cancel_import(self) -> None:
        self.import_job.stop()

    def on_import_progress(self, progress) -> None:
        """File n of N and the stage within it, one bar and one estimate for the whole job (all files,
        all stages), and each document in the table as soon as it is saved."""
        if progress.stage == "waiting":  # another process is writing to the library
            self.progress_label.setText(tr("Waiting for another import into this library to finish…",
                                           "另一个导入正在写入此资料库，等待其完成…"))
            return
        estimate = getattr(self, "_estimate", None)
        if estimate is None:
            from analyst_desk.core.job_estimate import JobEstimate

            estimate = self._estimate = JobEstimate([])
        fraction = estimate.update(progress)
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(fraction * 1000))
        if progress.done > getattr(self, "_files_done", 0):  # a file was saved: show it now, not at the end
            self._files_done = progress.done
            self.refresh_documents()
        stage_names = {"reading": tr("reading pages", "正在读取页面"), "embedding": tr("indexing passages", "正在建立检索"),
                       "writing": tr("saving", "正在保存")}
        parts = [tr(f"File {min(progress.done + 1, progress.total)} of {progress.total}: {progress.description}",
                    f"第 {min(progress.done + 1, progress.total)}/{progress.total} 个文件：{progress.description}")]
        if progress.stage in stage_names:
            parts.append(stage_names[progress.stage] + (f" {progress.stage_done:,}/{progress.stage_total:,}"
                                                        if progress.stage_total else ""))
        eta = format_eta(estimate.seconds_left())
        parts.append(tr(f"whole import: {eta}", f"全部导入{eta}") if eta else
                     tr("estimating the time left…", "正在估算剩余时间…"))
        self.progress_label.setText(" · ".join(parts))

    def _end_progress(self) -> None:
        """The bar ends when the job ends: full, not left striped-busy."""
        self.progress.setRange(0, 1000)
        self.progress.setValue(1000)
        self._estimate = None

    def on_import_stopped(self, report) -> None:
        """Stopping keeps the files imported before Stop; the log says which ones."""
        if report is not None:
            self.on_import_finished(report)
        self._end_progress()
        self.progress_label.setText(tr("Import stopped; files finished before Stop are kept.",
                                       "导入已停止；停止前已完成的文件均已保留。"))
        self.refresh_documents()

    def on_import_finished(self, report) -> None:
        for result in report.results:
            item = QListWidgetItem(("✓ " if result.ok else "✗ ")
                                   + f"[{status_label(result.status)}] {localise(result)}")
            if not result.ok:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.import_log.addItem(item)
        self._show_import_log()
        ok = sum(1 for r in report.results if r.ok)
        self._end_progress()
        self.progress_label.setText(tr(f"Import finished: {ok} of {len(report.results)} files ready.",
                                       f"导入完成：{len(report.results)} 个文件中 {ok} 个可检索。"))
        self.refresh_documents()

    # -- search ----------------------------------------------------------------------------
    def search(self) -> None:
        query = self.search_box.text().strip()
        if not query:
            return
        services = self.services
        doc_id = self.doc_filter.currentData()
        filters = {"doc_ids": [doc_id] if doc_id else None, "doc_type": self.type_filter.currentData(),
                   "period": self.period_filter.currentData()}
        self.viewer.clear()
        language = i18n.language()

        def job(_ctx):
            from analyst_desk.core.page_labels import page_reference

            hits = services.library().search(query, k=10, **filters)
            # Printed page numbers are read here, off the GUI thread (the first read opens the PDF).
            return hits, [page_reference(hit.path, hit.page, language) for hit in hits]

        self.search_job.start(job, on_finished=lambda found: self.show_results(query, *found))

    def show_results(self, query: str, hits, pages: list[str] | None = None) -> None:
        self.hits = hits
        self.results.clear()
        if not hits:
            self.results.addItem(tr("Nothing found.", "未找到相关内容。"))
            return
        for rank, hit in enumerate(hits, 1):
            item = QListWidgetItem()
            page = pages[rank - 1] if pages else tr(f"p. {hit.page}", f"第 {hit.page} 页")
            label = QLabel(f"<b>{rank}. {html.escape(self.title_of(hit))}</b> — {html.escape(page)} <span style='color:#777'>"
                           f"{html.escape(hit.heading_path)}</span><br>{highlight(hit.text, query)}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(4, 1, 4, 1)  # tight cards: five fit, not 2½
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        self._fit_cards()
        self.results.setCurrentRow(0)

    def _fit_cards(self) -> None:
        """Size each result card to the list's width, less the vertical scroll bar the cards bring (sized before
        it appeared, each card was that much wider than the list and cut off at the right), and to the height
        its text wraps to there (sizeHint() alone pads each card to twice its text: only 2½ fitted)."""
        bar = self.results.verticalScrollBar()
        width = max(200, self.results.width() - 2 * self.results.frameWidth() - bar.sizeHint().width() - 4)
        for row in range(self.results.count()):
            item = self.results.item(row)
            label = self.results.itemWidget(item)
            if label is None:
                continue
            hint = label.sizeHint()
            hint.setHeight(label.heightForWidth(width) if label.hasHeightForWidth() else hint.height())
            hint.setWidth(width)
            item.setSizeHint(hint)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if watched is self.results and event.type() == QEvent.Type.Resize:
            self._fit_cards()  # a moved splitter or a resized window re-wraps the cards
        return super().eventFilter(watched, event)

    def on_result_chosen(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            self.viewer.show_page(hit.path, hit.page, hit.bbox, hit.text, title=self.title_of(hit))

    def title_of(self, hit) -> str:
        """The name the window shows for a hit's document (never its metadata title)."""
        if hit.doc_id not in self.titles:
            self.refresh_documents()
        return self.titles.get(hit.doc_id) or hit.title

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        QTimer.singleShot(0, self.documents.resizeRowsToContents)

    def shutdown(self) -> None:
        self.import_job.shutdown()
        self.search_job.shutdown()
