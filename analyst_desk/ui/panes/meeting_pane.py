"""Meeting summary: transcript in (typed, pasted, opened or transcribed), traced minutes out.

Threading: transcription and summarising run as jobs (``analyst_desk.workers.jobs``); this widget only
shows their progress and results, and re-checks the minutes when the user edits them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from analyst_desk.core.meeting.minutes import Minutes
from analyst_desk.core.meeting.sessions import MeetingSession, load_session, save_session
from analyst_desk.ui.dialogs.export_check import confirm_export
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.job_controller import JobController
from analyst_desk.ui.messages import file_filter, problem, write_and_report
from analyst_desk.ui.widgets.audit_mark import AuditMarkWidget
from analyst_desk.ui.widgets.generation_meter import GenerationStats
from analyst_desk.ui.widgets.minutes_view import MinutesView
from analyst_desk.ui.widgets.numbered_editor import NumberedEditor

#: The meeting core words its steps in the minutes' language ("Summarising part 1/2" for an English
#: transcript) and transcription reports the code "transcribing"; the status line is in the window's.
_STEPS = [
    (re.compile(r"^(?:正在概括第 (\S+) 部分|Summarising part (\S+))$"), ("Summarising part {}", "正在概括第 {} 部分")),
    (re.compile(r"^(?:正在核对第 (\S+) 部分的决定和待办|Checking decisions and tasks of part (\S+))$"),
     ("Checking decisions and tasks of part {}", "正在核对第 {} 部分的决定和待办")),
    (re.compile(r"^(?:正在合并摘要|Merging the summaries)$"), ("Merging the summaries", "正在合并摘要")),
    (re.compile(r"^(?:正在整理待办|Wording the tasks)$"), ("Wording the tasks", "正在整理待办")),
    (re.compile(r"^(?:正在翻译|Translating)$"), ("Translating", "正在翻译")),
    (re.compile(r"^transcribing$"), ("Transcribing", "正在转写")),
]
_EXPORT_TYPES = {".docx": "word", ".md": "markdown", ".xlsx": "spreadsheets"}


def step_words(description: str) -> str:
    """A step of summarising or transcribing in the window's language (unknown steps as given)."""
    for pattern, (english, chinese) in _STEPS:
        match = pattern.match(description.strip())
        if match:
            part = next((g for g in match.groups() if g), "")
            return tr(english.format(part), chinese.format(part))
    return description


class MeetingPane(QWidget):
    busy_changed = Signal(bool)
    stats_reported = Signal(object)

    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self._filling = False
        self.transcript = None
        self.setAcceptDrops(True)

        self.open_button = QPushButton(tr("Open transcript or recording…", "打开记录或录音…"))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(QDate.currentDate())
        self._date_chosen = False  # True once the user sets the date themselves
        self._setting_date = False
        self.date_edit.dateChanged.connect(self._date_set_by_user)
        self.date_note = QLabel()
        self.language = QComboBox()
        self.language.addItem(tr("Language: as transcript", "语言：同记录"), "")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.summarize_button = QPushButton(tr("Summarise", "生成纪要"))
        self.stop_button = QPushButton(tr("Stop", "停止"))
        self.stop_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.status = QLabel(tr("Paste a transcript, open a file (.txt .docx .srt .vtt, GBK too) or a recording "
                                "(.wav .mp3 .m4a), or drop one here.",
                                "粘贴会议记录，或打开文件（.txt .docx .srt .vtt，支持 GBK）或录音（.wav .mp3 .m4a），"
                                "也可拖放到此处。"))
        self.status.setWordWrap(True)
        # Minutes the audit log could not take carry this mark until the next summary (issue 26).
        self.audit_mark = AuditMarkWidget()
        self.unaudited: str | None = None
        self._audit: dict = {}
        self._transcript_audit: dict = {}

        self.editor = NumberedEditor()
        self.editor.setPlaceholderText(tr("张经理：…  /  John Smith 10:02: …", "张经理：……  /  John Smith 10:02: ……"))

        self.minutes_view = MinutesView(self.current_transcript)
        self.export_docx = QPushButton(tr("Minutes → Word", "纪要 → Word"))
        self.export_md = QPushButton(tr("Minutes → Markdown", "纪要 → Markdown"))
        self.export_xlsx = QPushButton(tr("Action items → Excel", "待办 → Excel"))
        for button in (self.export_docx, self.export_md, self.export_xlsx):
            button.setEnabled(False)

        controls = QHBoxLayout()
        controls.addWidget(self.open_button)
        controls.addWidget(QLabel(tr("Meeting date", "会议日期")))
        controls.addWidget(self.date_edit)
        controls.addWidget(self.date_note)
        controls.addWidget(self.language)
        controls.addStretch(1)
        controls.addWidget(self.progress)
        controls.addWidget(self.summarize_button)
        controls.addWidget(self.stop_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(tr("Transcript (editable; minutes cite its line numbers)",
                                         "会议记录（可编辑，纪要引用其行号）")))
        left_layout.addWidget(self.editor)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.audit_mark)
        right_layout.addWidget(self.minutes_view, 1)
        exports = QHBoxLayout()
        exports.addWidget(self.export_docx)
        exports.addWidget(self.export_md)
        exports.addWidget(self.export_xlsx)
        exports.addStretch(1)
        right_layout.addLayout(exports)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([470, 630])

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(800)
        self._autosave.timeout.connect(self.save_session)

        self.job = JobController(self, name="meeting", pool="model", status=self.status, progress_bar=self.progress,
                                 start_widgets=[self.summarize_button, self.open_button], stop_button=self.stop_button,
                                 lock_while_busy=[self.editor])
        self.job.busy_changed.connect(self.busy_changed)
        self.progress.setVisible(False)
        self.minutes_view.lines_requested.connect(self.show_lines)
        self.minutes_view.edited.connect(self._autosave.start)
        self.minutes_view.shown.connect(self._enable_exports)
        self.open_button.clicked.connect(self.choose_file)
        self.summarize_button.clicked.connect(self.summarize)
        self.editor.textChanged.connect(self._autosave.start)
        self.export_docx.clicked.connect(lambda: self.choose_export(".docx"))
        self.export_md.clicked.connect(lambda: self.choose_export(".md"))
        self.export_xlsx.clicked.connect(lambda: self.choose_export(".xlsx"))
        self.restore_session()

    # -- state -----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.job.busy

    @property
    def minutes(self) -> Minutes | None:
        return self.minutes_view.minutes

    # The minutes view's widgets, for tests and screenshots that look at them directly.
    summary = property(lambda self: self.minutes_view.summary)
    actions = property(lambda self: self.minutes_view.actions)
    lists = property(lambda self: self.minutes_view.lists)
    title = property(lambda self: self.minutes_view.title)
    meta = property(lambda self: self.minutes_view.meta)
    summary_flags = property(lambda self: self.minutes_view.summary_flags)
    item_tabs = property(lambda self: self.minutes_view.item_tabs)

    def current_transcript(self):
        """The parsed transcript the minutes trace to (the editor's text when none was summarised)."""
        from analyst_desk.core.meeting.transcript import parse_transcript

        return self.transcript or parse_transcript(self.editor.toPlainText())

    def show_minutes(self, minutes: Minutes) -> None:
        self.minutes_view.show_minutes(minutes)

    def on_action_clicked(self, row: int, column: int = 0) -> None:
        self.minutes_view.on_action_clicked(row, column)

    def show_lines(self, lines: list[int]) -> None:
        """Scroll the transcript to an item's lines and highlight them."""
        self.editor.highlight_lines(list(lines))

    def recheck(self) -> None:
        self.minutes_view.recheck()

    def _enable_exports(self) -> None:
        self._set_exports_enabled(True)

    def _set_exports_enabled(self, enabled: bool) -> None:
        for button in (self.export_docx, self.export_md, self.export_xlsx):
            button.setEnabled(enabled)

    def meeting_date(self) -> dt.date:
        q = self.date_edit.date()
        return dt.date(q.year(), q.month(), q.day())

    def _date_set_by_user(self) -> None:
        if not self._setting_date:
            self._date_chosen = True

    def set_meeting_date(self, date: dt.date | None) -> None:
        if date is not None:
            self._setting_date = True
            try:
                self.date_edit.setDate(QDate(date.year, date.month, date.day))
            finally:
                self._setting_date = False
            self.date_note.setText(tr("(from the transcript)", "（取自记录）"))
            self.date_note.setStyleSheet("color:#2e7d32")
        else:
            self.date_note.setText(tr("⚠ not in the transcript — check", "⚠ 记录中未写日期，请确认"))
            self.date_note.setStyleSheet("color:#a15c00")

    # -- input ------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Open transcript or recording", "打开会议记录或录音"), "",
            file_filter("transcripts"))
        if path:
            self.open_file(Path(path))

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        urls = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.open_file(Path(urls[0]))

    def open_file(self, path: Path) -> None:
        """Load a transcript into the editor, or transcribe a recording into it (as a job)."""
        from analyst_desk.core.errors import AppError
        from analyst_desk.core.meeting.transcript import parse_transcript, read_transcript_text
        from analyst_desk.core.meeting.transcription import AUDIO_SUFFIXES

        if self.busy:
            return
        if path.suffix.lower() in AUDIO_SUFFIXES:
            self.transcribe(path)
            return
        try:
            text = read_transcript_text(path)
        except AppError as exc:
            self.status.setText(problem(exc))
            return
        self.source_name = path.name
        self.editor.setPlainText(text)
        parsed = parse_transcript(text, source_name=path.name)
        self.set_meeting_date(parsed.date)
        self.status.setText(tr(f"Opened {path.name}: {len(parsed.speech)} lines, speakers: "
                               f"{', '.join(parsed.speakers) or 'none found'}.",
                               f"已打开 {path.name}：{len(parsed.speech)} 行，发言人：{'、'.join(parsed.speakers) or '未识别'}。"))

    def transcribe(self, path: Path) -> None:
        from analyst_desk.core.compliance.audit_watch import AuditWatch
        from analyst_desk.core.meeting.transcription import TranscriptionCancelled, record_transcript, transcribe

        language = self.language.currentData() or None
        audit = self.services.audit
        self._transcript_audit = outcome = {}

        def job(ctx):
            # A transcript is an output too, as in `meeting transcribe`: recorded before the editor shows it,
            # marked when the log refused it, withheld (the job fails with the reason) under the policy.
            watch = AuditWatch.watch(audit, "meeting")
            try:
                result = transcribe(path, language=language, cancel=ctx.cancel, progress=ctx.progress)
            except TranscriptionCancelled as stopped:  # what was heard before Stop goes to the editor too
                record_transcript(audit, path.name, stopped.partial)
                outcome["unaudited"] = watch.check()
                raise
            record_transcript(audit, path.name, result)
            outcome["unaudited"] = watch.check()
            return result

        self.job.start(job, status=tr(f"Transcribing {path.name} offline…", f"正在离线转写 {path.name}……"),
                       on_progress=self.on_progress, on_finished=lambda result: self.on_transcribed(path, result),
                       on_cancelled=lambda partial: self.on_transcription_stopped(path, partial))

    def on_transcribed(self, path: Path, result) -> None:
        self.source_name = path.name
        self.editor.setPlainText(result.text)
        self.set_meeting_date(None)
        if not result.text.strip():
            self.status.setText(tr(f"No speech was recognised in {path.name}.", f"{path.name} 中没有识别到语音。"))
            return
        self.status.setText(tr(f"Transcribed {result.duration:.0f} s of audio in {result.elapsed:.1f} s. Check the "
                               "text and the meeting date, then Summarise.",
                               f"已转写 {result.duration:.0f} 秒录音，用时 {result.elapsed:.1f} 秒。请核对文字和会议日期，再生成纪要。"))
        self.audit_mark.show_reason(self._transcript_audit.get("unaudited"), self.status)

    def on_transcription_stopped(self, path: Path, partial) -> None:
        """Stopping keeps what was heard so far in the editor, to check and summarise or discard."""
        if partial is not None and partial.text.strip():
            self.source_name = path.name
            self.editor.setPlainText(partial.text)
            self.set_meeting_date(None)
            self.status.setText(tr(f"Stopped. The first {partial.segments[-1].end:.0f} s of {partial.duration:.0f} s are "
                                   "in the editor.", f"已停止。前 {partial.segments[-1].end:.0f} 秒（共 "
                                   f"{partial.duration:.0f} 秒）的转写已放入编辑区。"))
            self.audit_mark.show_reason(self._transcript_audit.get("unaudited"), self.status)
        else:
            self.status.setText(tr("Stopped.", "已停止。"))

    # -- summarising -----------------------------------------------------------------------
    def summarize(self) -> None:
        from analyst_desk.core.compliance.audit import audit_required
        from analyst_desk.core.compliance.audit_watch import AuditWatch
        from analyst_desk.core.meeting.summarize import summarize_meeting
        from analyst_desk.core.meeting.transcript import parse_transcript

        if self.busy:
            return
        text = self.editor.toPlainText()
        transcript = parse_transcript(text, source_name=getattr(self, "source_name", ""))
        if not transcript.speech:
            self.status.setText(tr("There is no transcript to summarise yet.", "还没有可以总结的会议记录。"))
            return
        self.transcript = transcript
        if transcript.date is not None and not self._date_chosen:
            self.set_meeting_date(transcript.date)  # a pasted transcript dates itself unless the user chose a date
        meeting_date = self.meeting_date()
        language = self.language.currentData() or None
        services = self.services
        self.minutes_view.clear()  # the last meeting's minutes are not this transcript's, nor exportable as them
        self._set_exports_enabled(False)
        self._show_unaudited(None)
        held = audit_required()  # under that policy nothing is shown before the minutes' record is written
        watch = AuditWatch.watch(services.audit, "meeting")
        self._audit = outcome = {}

        def job(ctx):
            minutes = summarize_meeting(transcript, services.chat_engine("meeting"), meeting_date=meeting_date,
                                        language=language, cancel=ctx.cancel, progress=ctx.progress,
                                        on_chunk=None if held else ctx.emit, audit=services.audit)
            outcome["unaudited"] = watch.check()  # AuditNotRecorded under the policy: the minutes are withheld
            return minutes

        self.job.start(job, status=tr("Summarising…", "正在生成纪要……"), on_chunk=self.minutes_view.append_summary_text,
                       on_progress=self.on_progress, on_finished=self.on_finished, on_cancelled=self.on_cancelled)

    def stop(self) -> None:
        self.job.stop()

    def on_progress(self, progress) -> None:
        if progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(progress.done)
        if progress.description and progress.description != "done":
            eta = self.job.eta(progress.done, progress.total)
            self.status.setText(step_words(progress.description) + (f" · {progress.done}/{progress.total}" if progress.total else "")
                                + (f" · {eta}" if eta else ""))

    def on_finished(self, minutes: Minutes) -> None:
        self.show_minutes(minutes)
        self.unaudited = self._audit.pop("unaudited", None)
        self.save_session()  # with the unaudited mark: reopened, the minutes are still marked
        self._report(minutes)
        if minutes.model_tokens > 1 and minutes.model_seconds > 0:  # the status bar's "上次生成 … 字词/秒"
            self.stats_reported.emit(GenerationStats(minutes.model_tokens, minutes.model_seconds))
        self._show_unaudited(self.unaudited)

    def _show_unaudited(self, reason: str | None) -> None:
        """Mark the minutes (above them and in the status line) when the audit log did not take them."""
        self.unaudited = reason
        self.audit_mark.show_reason(reason, self.status)

    def _report(self, minutes: Minutes) -> None:
        if minutes.cancelled:
            self.status.setText(tr("Stopped. Items traced so far are kept; the summary may be incomplete.",
                                   "已停止。已追溯的事项保留，摘要可能不完整。"))
            return
        self.status.setText(tr(
            f"{len(minutes.action_items)} action item(s), {len(minutes.decisions)} decision(s) · {minutes.flag_count} to "
            f"check · {minutes.total_seconds:.1f} s ({minutes.model_seconds:.1f} s in the model, {minutes.chunks} part(s))",
            f"{len(minutes.action_items)} 项待办，{len(minutes.decisions)} 项决定 · {minutes.flag_count} 处需核查 · "
            f"用时 {minutes.total_seconds:.1f} 秒（模型 {minutes.model_seconds:.1f} 秒，{minutes.chunks} 段）"))

    def on_cancelled(self, partial) -> None:
        """Stop keeps the items traced so far: shown, saved and exportable."""
        if isinstance(partial, Minutes):
            reason = self._audit.get("unaudited")  # on_finished saves it with the partial minutes
            self.on_finished(partial)
            if not partial.cancelled:
                self.status.setText(tr("Stopped. Items traced so far are kept; the summary may be incomplete.",
                                       "已停止。已追溯的事项保留，摘要可能不完整。"))
            self._show_unaudited(reason)
        else:
            self.status.setText(tr("Stopped before any item was traced.", "已停止，尚未追溯到任何事项。"))

    # -- showing and editing minutes -------------------------------------------------------
    # -- export and persistence --------------------------------------------------------------
    def choose_export(self, suffix: str) -> None:
        if self.minutes is None:
            return
        stem = (self.minutes.title or "minutes").replace("/", "-")
        default = f"{stem}{'-actions' if suffix == '.xlsx' else ''}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, tr("Export", "导出"), default,
                                              file_filter(_EXPORT_TYPES[suffix], everything=False))
        if path:
            self.export(Path(path))

    def export(self, path: Path, confirm=None) -> Path | None:
        """Write the minutes (or action items). ``confirm(warnings)`` decides whether to go ahead when
        personal data would leave unmasked or prohibited wording is present (default: ask)."""
        from analyst_desk.core.compliance.export_guard import export_warnings
        from analyst_desk.core.meeting.export import export_actions, export_minutes, minutes_markdown
        from analyst_desk.ui import i18n

        warnings = export_warnings(minutes_markdown(self.minutes), self.services.settings, i18n.language())
        if warnings and not (confirm or (lambda w: confirm_export(self, w)))(warnings):
            self.status.setText(tr("Export cancelled.", "已取消导出。"))
            return None
        def write() -> None:
            if path.suffix.lower() == ".xlsx":
                lines = {line.number: line.raw for line in self.transcript.lines} if self.transcript else None
                export_actions(self.minutes, path, lines, self.services.settings)
            else:
                export_minutes(self.minutes, path, self.services.settings)

        return write_and_report(self.status, path, write)

    def save_session(self) -> None:
        from analyst_desk.core.errors import AppError

        session = MeetingSession(transcript=self.editor.toPlainText(), source_name=getattr(self, "source_name", ""),
                                 date=self.meeting_date(), minutes=self.minutes,
                                 unaudited=(self.unaudited or "") if self.minutes is not None else "")
        try:
            save_session(session)
        except AppError as exc:
            self.status.setText(problem(exc))

    def restore_session(self) -> None:
        session = load_session()
        if session is None:
            return
        self.source_name = session.source_name
        self._filling = True
        self.editor.setPlainText(session.transcript)
        self._filling = False
        if session.date:
            self.date_edit.setDate(QDate(session.date.year, session.date.month, session.date.day))
        if session.minutes is not None:
            from analyst_desk.core.meeting.transcript import parse_transcript

            self.transcript = parse_transcript(session.transcript, source_name=session.source_name)
            self.show_minutes(session.minutes)
            self._show_unaudited(session.unaudited or None)

    def shutdown(self) -> None:
        self.job.shutdown()
        if self._autosave.isActive():
            self._autosave.stop()
            self.save_session()
