"""Report drafting: pick a template, subject and sources; the draft streams in section by section.

Threading: drafting runs as a job on the model pool over a copy of the draft; streamed text comes
back as chunks tagged with their section, and the finished copy replaces the pane's draft. The
editor is the user's: edits are taken back into the draft, re-verified and autosaved.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from analyst_desk.core.errors import AppError, CancelledError
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.job_controller import JobController
from analyst_desk.ui.messages import problem
from analyst_desk.ui.panes.draft_export import choose_export_path, export_checked
from analyst_desk.ui.widgets.audit_mark import AuditMarkWidget
from analyst_desk.ui.widgets.document_names import document_titles
from analyst_desk.ui.widgets.draft_editor import DraftEditor
from analyst_desk.ui.widgets.draft_review import DraftReviewPanel, check_reason, citation_at
from analyst_desk.ui.widgets.draft_scope import DraftScope
from analyst_desk.ui.widgets.generation_meter import GenerationMeter
from analyst_desk.ui.widgets.saved_drafts import SavedDraftsCombo
from analyst_desk.ui.widgets.template_picker import TemplatePicker

_TAGGED = re.compile(r"\x1e(\d+)\x1f([^\x1e]*)", re.S)


class DraftingPane(QWidget):
    busy_changed = Signal(bool)
    #: The speed of each drafting run (the status bar shows the last one).
    stats_reported = Signal(object)

    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        from analyst_desk.core.drafting.drafts import DraftStore

        self.services = services
        self.store = DraftStore()
        self.draft = None
        self.unaudited: str | None = None  # why the last run's output is not in the audit log
        self._audit: dict = {}

        self.subject = QLineEdit()
        self.subject.setPlaceholderText(tr("Company, client or topic, e.g. 平安银行", "公司、客户或主题，例如：平安银行"))
        self.draft_button = QPushButton(tr("Draft", "起草"))
        self.stop_button = QPushButton(tr("Stop", "停止"))
        self.stop_button.setEnabled(False)
        self.section_combo = QComboBox()
        self.regenerate_button = QPushButton(tr("Regenerate section", "重写本节"))
        self.saved_combo = SavedDraftsCombo()
        self.section_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.section_combo.setMinimumContentsLength(8)
        self.export_docx = QPushButton(tr("Export Word…", "导出 Word…"))
        self.export_md = QPushButton(tr("Export Markdown…", "导出 Markdown…"))
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setMaximumWidth(200)
        self.status = QLabel(tr("Choose a template and a subject, then Draft. Every claim cites its page; every "
                                "figure is checked against its source.",
                                "选择模板和主题，然后点击“起草”。每个论断标注出处页，每个数字都与原文核对。"))
        self.status.setWordWrap(True)
        self.picker = TemplatePicker(self.status, self)
        self.template_combo, self.language, self.length, self.templates_button = (
            self.picker.template_combo, self.picker.language, self.picker.length, self.picker.templates_button)
        self.sources_scope = DraftScope(services, self.status, self)
        self.scope, self.saved_search, self.documents = (self.sources_scope.scope, self.sources_scope.saved_search,
                                                         self.sources_scope.documents)
        # A draft the audit log could not take carries this mark until the next run (issue 26).
        self.audit_mark = AuditMarkWidget()
        self.editor = DraftEditor(check_reason)
        self.review = DraftReviewPanel(titles=document_titles(services))
        self.meter = GenerationMeter(320)
        self._section_line = ""

        row1 = QHBoxLayout()
        for label, widget, stretch in ((tr("Template", "模板"), self.template_combo, 0),
                                       (tr("Subject", "主题"), self.subject, 1)):
            row1.addWidget(QLabel(label))
            row1.addWidget(widget, stretch)
        row1.addWidget(self.language)
        row1.addWidget(self.length)
        row1.addWidget(self.templates_button)
        row2 = QHBoxLayout()
        row2.addWidget(QLabel(tr("Sources", "资料范围")))
        row2.addWidget(self.scope)
        row2.addWidget(self.saved_search)
        row2.addWidget(self.draft_button)
        row2.addWidget(self.stop_button)
        row2.addWidget(self.progress)
        row2.addStretch(1)  # keeps Draft/Stop button-sized when the saved-search box is hidden
        row3 = QHBoxLayout()
        row3.addWidget(QLabel(tr("Section", "章节")))
        row3.addWidget(self.section_combo, 1)
        row3.addWidget(self.regenerate_button)
        row3.addSpacing(20)
        row3.addWidget(QLabel(tr("Saved drafts", "已保存草稿")))
        row3.addWidget(self.saved_combo, 2)
        row3.addWidget(self.export_docx)
        row3.addWidget(self.export_md)

        splitter = QSplitter()
        splitter.addWidget(self.editor)
        splitter.addWidget(self.review)
        splitter.setSizes([640, 460])

        layout = QVBoxLayout(self)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.documents)
        layout.addLayout(row3)
        layout.addWidget(self.status)
        layout.addWidget(self.audit_mark)
        layout.addWidget(splitter, 1)

        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(800)
        self._recheck.timeout.connect(self.on_editor_settled)

        self.job = JobController(self, name="drafting", pool="model", status=self.status, progress_bar=self.progress,
                                 start_widgets=[self.draft_button, self.regenerate_button, self.export_docx,
                                                self.export_md, self.saved_combo],
                                 stop_button=self.stop_button, lock_while_busy=[self.editor])
        self.job.busy_changed.connect(self.busy_changed)
        self.progress.setVisible(False)
        self.draft_button.clicked.connect(self.start_draft)
        self.regenerate_button.clicked.connect(lambda: self.regenerate(self.section_combo.currentIndex()))
        self.saved_combo.activated.connect(self.on_saved_chosen)
        self.export_docx.clicked.connect(lambda: self.choose_export(".docx"))
        self.export_md.clicked.connect(lambda: self.choose_export(".md"))
        self.editor.textChanged.connect(self.on_text_changed)
        self.editor.cursorPositionChanged.connect(self.on_cursor_moved)
        self.review.check_chosen.connect(self.on_check_chosen)

        self.picker.reload()
        self.sources_scope.on_scope_changed()
        self.refresh_saved()
        self._restore_latest()

    # -- state -----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.job.busy

    @property
    def _flags(self) -> list[tuple[int, int, object]]:
        return self.editor.flags

    def chosen_doc_ids(self) -> list[str] | None:
        return self.sources_scope.chosen_doc_ids()

    # -- drafting ----------------------------------------------------------------------------
    def start_draft(self) -> None:
        from analyst_desk.core.drafting.writer import new_draft

        subject = self.subject.text().strip()
        template = self.picker.current()
        if not subject or template is None or self.busy:
            self.status.setText(tr("Choose a template and type a subject first.", "请先选择模板并填写主题。"))
            return
        if self.sources_scope.wants_documents():
            self.status.setText(tr("Tick the documents to draft from.", "请勾选要使用的文档。"))
            return
        from analyst_desk.core.drafting.templates import KIND_NAMES, kind_for_subject

        try:
            records = self.services.library().documents()
        except AppError:
            records = []
        kind = kind_for_subject(records, subject, self.chosen_doc_ids())
        self.draft = new_draft(template, subject, language=self.language.currentData(),
                               length=self.length.currentData(), doc_ids=self.chosen_doc_ids(),
                               saved_search=self.sources_scope.search_text(), kind=kind)
        self._kind_note = tr(f"Sections for a {KIND_NAMES[kind][0].lower()}", f"按{KIND_NAMES[kind][1]}的章节和指标起草")
        self._run(None)

    def regenerate(self, index: int) -> None:
        if self.draft is None or self.busy or not 0 <= index < len(self.draft.sections):
            return
        self._apply_editor()
        self._run([index])

    def _run(self, sections: list[int] | None) -> None:
        from analyst_desk.core.compliance.audit import audit_required
        from analyst_desk.core.compliance.audit_watch import AuditWatch, HeldStore
        from analyst_desk.core.drafting.drafts import Draft, mark_draft
        from analyst_desk.core.drafting.writer import write_draft

        services, store = self.services, self.store
        self.review.titles.update(document_titles(services))
        from analyst_desk.core.drafting.drafts import LENGTHS

        count = len(sections) if sections is not None else len(self.draft.sections)
        self.meter = GenerationMeter(LENGTHS.get(self.draft.length, 320) * count, parts=count)
        self._section_line = ""
        work = Draft.from_json(self.draft.to_json())  # the worker writes to its own copy
        for index in (sections if sections is not None else range(len(work.sections))):
            self.draft.sections[index].text = ""
        # Old highlights would sit at stale offsets while new text streams in; the finished draft is re-verified.
        self.editor.clear_flags()
        self.review.clear_checks()
        self._render()
        self._show_unaudited(None)
        # Under the policy that requires auditing nothing is shown or saved before its record is written.
        held = audit_required()
        watch = AuditWatch.watch(services.audit, "drafting")
        self._audit = outcome = {}

        def job(ctx):
            try:
                draft = write_draft(work, services.library(), services.chat_engine("drafting"), sections=sections,
                                    store=HeldStore() if held else store, cancel=ctx.cancel, progress=ctx.progress,
                                    audit=services.audit, context_size=services.settings.context_size,
                                    on_chunk=None if held else lambda index, chunk: ctx.emit(f"\x1e{index}\x1f{chunk}"))
            except CancelledError:
                # AuditNotRecorded under the policy: what was written before Stop is withheld, not kept.
                outcome["unaudited"] = watch.check()
                raise
            outcome["unaudited"] = watch.check()  # raises under the policy: the job fails with its message
            if mark_draft(draft, outcome["unaudited"], whole=sections is None) or held:
                store.save(draft)  # the mark is saved with the draft: reopened, it is still marked
            return draft

        self.job.start(job, status=tr("Searching your documents…", "正在检索资料…"), on_chunk=self.on_chunk_received,
                       on_progress=self.on_progress, on_finished=self.on_finished, on_cancelled=self.on_cancelled)

    def stop(self) -> None:
        self.job.stop()

    def on_chunk_received(self, tagged: str) -> None:
        if self.draft is None:
            return
        for match in _TAGGED.finditer(tagged):
            self.editor.append_to_section(self.draft, int(match.group(1)), match.group(2))
        line = self.meter.on_chunk(tagged)
        self.status.setText(f"{self._section_line} · {line}" if self._section_line else line)

    def on_progress(self, progress) -> None:
        if progress.total:
            if progress.description != "done":
                self._section_line = tr(f"Section {progress.done + 1}/{progress.total}: {progress.description}",
                                        f"第 {progress.done + 1}/{progress.total} 节：{progress.description}")
                self.meter.begin_part()  # searched and read before its first word: no stale speed meanwhile
                note = getattr(self, "_kind_note", "")
                self.status.setText(self._section_line + (f" · {note}" if note else "") + f" · {self.meter.status()}")

    def on_finished(self, draft) -> None:
        self.draft = draft
        stats = self.meter.stats()
        if stats is not None:
            self.stats_reported.emit(stats)
        self._render()
        self.refresh_saved()
        self.verify_all()
        self._show_unaudited(draft.unaudited or None)

    def _show_unaudited(self, reason: str | None) -> None:
        """Mark the draft (above the editor and in the status line) when the audit log did not take it."""
        self.unaudited = reason
        self.audit_mark.show_reason(reason, self.status)

    def on_cancelled(self, partial) -> None:
        """Stop keeps every section written so far with its sources and citations, saved and checked."""
        from analyst_desk.core.drafting.drafts import mark_draft

        if partial is not None:
            self.draft = partial  # the worker's copy: finished sections keep their sources
        if self.draft is not None:
            mark_draft(self.draft, self._audit.get("unaudited"), whole=False)
            for section in self.draft.sections:
                if section.status in {"writing", "empty"} and section.text:
                    section.status = "cancelled"
            try:
                self.store.save(self.draft)
            except AppError as exc:  # a full disk: say so, keep the text on screen
                self.status.setText(problem(exc))
                return
            self._render()
            self.refresh_saved()
            self.verify_all()
        self.status.setText(tr("Stopped. The text written so far is kept, saved and checked. ",
                               "已停止。已写内容已保留、保存并核查。") + self.status.text())
        self._show_unaudited(self.draft.unaudited or None if self.draft is not None else self._audit.get("unaudited"))

    # -- the editor --------------------------------------------------------------------------
    def _render(self, scroll: bool = False) -> None:
        self.editor.show_draft(self.draft, scroll=scroll)
        self.section_combo.clear()
        for section in (self.draft.sections if self.draft else []):
            self.section_combo.addItem(section.title)

    def on_text_changed(self) -> None:
        if not self.editor.rendering and not self.busy and self.draft is not None:
            self._recheck.start()

    def _apply_editor(self) -> list[int]:
        return self.draft.apply_text(self.editor.toPlainText()) if self.draft else []

    def on_editor_settled(self) -> None:
        """After typing pauses: take the edits into the draft, save them, and check the figures again."""
        if self.draft is None:
            return
        self._apply_editor()
        try:
            self.store.save(self.draft)
        except AppError as exc:  # a full disk or a locked folder: say so, keep the text on screen
            self.status.setText(problem(exc))
        self.verify_all()

    def verify_all(self) -> None:
        """Check every section's figures and citations and highlight what a reader must check."""
        if self.draft is None:
            return
        flags, total, verified = self.draft.check()
        self.editor.show_flags(flags)
        self.review.show_review(self.draft, flags)
        self.status.setText(tr(f"Figures verified: {verified}/{total} · {len(self._flags)} to check · saved",
                               f"数字核对：{verified}/{total} 已核实 · {len(self._flags)} 处待核查 · 已保存"))

    def flag_at(self, position: int) -> str | None:
        """Why the text at ``position`` is highlighted, or None when it is not."""
        return self.editor.flag_at(position)

    def flagged_texts(self) -> list[str]:
        return [flag.text for _s, _e, flag in self._flags]

    def on_check_chosen(self, position: int) -> None:
        cursor = self.editor.textCursor()
        cursor.setPosition(position)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def section_at(self, position: int) -> int:
        """Index of the section whose heading precedes ``position`` in the editor (-1 before the first)."""
        return self.editor.section_at(position)

    def on_cursor_moved(self) -> None:
        """The section under the cursor becomes the one "Regenerate" rewrites; a click on [3] opens its page."""
        if self.draft is None or self.editor.rendering:
            return
        cursor = self.editor.textCursor()
        section = self.section_at(cursor.position())
        if 0 <= section < self.section_combo.count():
            self.section_combo.setCurrentIndex(section)
        number = citation_at(cursor.block().text(), cursor.positionInBlock())
        if number is not None:
            self.open_source(number)

    def open_source(self, number: int) -> bool:
        return self.review.open_source(number)

    # The review panel's widgets, for tests and screenshots that look at them directly.
    sources = property(lambda self: self.review.sources)
    checks = property(lambda self: self.review.checks)
    viewer = property(lambda self: self.review.viewer)

    # -- saved drafts and export ---------------------------------------------------------------
    def refresh_saved(self) -> None:
        self.saved_combo.clear()
        try:
            drafts = self.store.drafts()
        except AppError as exc:  # encrypted drafts and no passphrase
            self.status.setText(problem(exc))
            return
        self.saved_combo.show_drafts(drafts)

    def _restore_latest(self) -> None:
        try:
            latest = self.store.latest()
        except AppError:
            return
        if latest is not None:
            self.open_draft(latest)

    def on_saved_chosen(self, index: int) -> None:
        draft_id = self.saved_combo.draft_id(index)
        if draft_id and not self.busy:
            self.open_draft(self.store.load(draft_id))

    def open_draft(self, draft) -> None:
        self.draft = draft
        self._show_unaudited(draft.unaudited or None)  # saved with the draft: reopened, still marked
        self.subject.setText(draft.subject)
        self.picker.show_draft(draft)
        self._render()
        self.verify_all()

    def choose_export(self, suffix: str) -> None:
        path = choose_export_path(self, self.draft, suffix) if self.draft is not None else None
        if path is not None:
            self.export(path)

    def export(self, path: Path, confirm=None) -> Path | None:
        """Export DOCX/Markdown. ``confirm(warnings)`` decides when flags, unmasked personal data or
        prohibited wording are present (default: ask the user)."""
        if self.draft is None:
            return None
        self._apply_editor()
        self.verify_all()
        return export_checked(self, self.draft, path, unchecked=len(self._flags), settings=self.services.settings,
                              status=self.status, confirm=confirm)

    def shutdown(self) -> None:
        self.job.shutdown()
        if self._recheck.isActive():
            self._recheck.stop()
            self.on_editor_settled()
