"""Ask: a question box that streams a cited answer; flagged figures highlighted; citations open the page."""

from __future__ import annotations

import html
import re
import time

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from analyst_desk.core.page_labels import page_reference
from analyst_desk.core.period_words import readable_amounts_in
from analyst_desk.ui import i18n
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.job_controller import JobController, format_eta
from analyst_desk.ui.messages import localise
from analyst_desk.ui.widgets.document_names import title_of
from analyst_desk.ui.widgets.generation_meter import GenerationMeter
from analyst_desk.ui.widgets.page_viewer import PageViewer

_FLAG_COLOURS = {"unverified_figure": "#ffb3b3", "weak_figure": "#ffe08a", "invalid_citation": "#ffb3b3"}


def answer_html(result, exact: frozenset[int] = frozenset()) -> str:
    """The answer as HTML: citations are links (cite:n), flagged figures are highlighted with the reason,
    and yuan amounts read in 亿元/万元 with the printed figure on hover; a click on one (amount:n) shows
    it as printed (``exact`` holds those the user clicked). A flagged figure is shown as written, for
    checking against its page."""
    text = result.text
    marks = [(f.start, f.end, f) for f in result.verification.flags if f.kind in _FLAG_COLOURS]
    given = {s.number for s in result.sources}
    out, position = [], 0
    for start, end, flag in sorted(marks, key=lambda m: m[0]):
        if start < position:
            continue
        out.append(_plain_html(text, position, start, given, exact))
        out.append(f"<span style='background:{_FLAG_COLOURS[flag.kind]}' title='{html.escape(localise(flag))}'>"
                   f"{html.escape(text[start:end])}</span>")
        position = end
    out.append(_plain_html(text, position, len(text), given, exact))
    body = "".join(out).replace("\n", "<br>")
    return f"<div style='font-size:11pt'>{body}</div>"


def _plain_html(text: str, start: int, end: int, given: set[int], exact: frozenset[int]) -> str:
    """``text[start:end]`` with its citations linked and its amounts readable (numbered by their offset)."""
    out, position = [], start
    for a_start, a_end, amount in readable_amounts_in(text, i18n.language()):
        if a_start < start or a_end > end:
            continue
        out.append(_linkify(text[position:a_start], given))
        shown = amount.exact if a_start in exact else amount.text
        hint = tr(f"As printed: {amount.exact} (click to switch)", f"原文数字：{amount.exact}（点击切换）")
        out.append(f"<a href='amount:{a_start}' title='{html.escape(hint)}' style='color:#1f3a5f'>"
                   f"{html.escape(shown)}</a>")
        position = a_end
    out.append(_linkify(text[position:end], given))
    return "".join(out)


def _linkify(text: str, given: set[int]) -> str:
    escaped = html.escape(text)
    return re.sub(r"\[(\d{1,3})\]", lambda m: (f"<a href='cite:{m.group(1)}'>[{m.group(1)}]</a>"
                                               if int(m.group(1)) in given else m.group(0)), escaped)


class AskPane(QWidget):
    """Threading: retrieval and generation run on the model pool; this widget only shows results."""

    busy_changed = Signal(bool)
    #: The speed of each answer the model wrote (the status bar shows the last one).
    stats_reported = Signal(object)

    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.result = None
        self.meter = GenerationMeter(512)
        self._titles: dict[str, str] = {}
        self._exact: set[int] = set()  # amounts (by offset) the user clicked to see as printed
        self._held_back = False
        self._prompt_started = 0.0
        self._writing = False

        self.question = QLineEdit()
        self.question.setPlaceholderText(tr("Ask about your documents, e.g. What was the net interest margin in 2024?",
                                            "就您的资料提问，例如：2024年净息差是多少？"))
        self.ask_button = QPushButton(tr("Ask", "提问"))
        self.stop_button = QPushButton(tr("Stop", "停止"))
        self.stop_button.setEnabled(False)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.answer = QTextBrowser()
        self.answer.setOpenLinks(False)
        self.sources = QListWidget()
        self.flags = QListWidget()
        self.viewer = PageViewer()
        self.viewer.set_placeholder(tr("Click a source or a [n] in the answer to see its page.",
                                       "点击来源或回答中的 [n] 查看原文页面。"))

        top = QHBoxLayout()
        top.addWidget(self.question, 1)
        top.addWidget(self.ask_button)
        top.addWidget(self.stop_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.answer, 3)
        left_layout.addWidget(QLabel(tr("Sources (click to open the page)", "来源（点击打开原文页）")))
        left_layout.addWidget(self.sources, 1)
        left_layout.addWidget(QLabel(tr("Checks", "核查")))
        left_layout.addWidget(self.flags, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.viewer)
        splitter.setSizes([520, 480])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

        self.job = JobController(self, name="ask", pool="model", status=self.status, start_widgets=[self.ask_button],
                                 stop_button=self.stop_button)
        self.job.busy_changed.connect(self.busy_changed)
        self.ask_button.clicked.connect(self.ask)
        self.question.returnPressed.connect(self.ask)
        self.answer.anchorClicked.connect(self.on_anchor_clicked)
        self.sources.itemClicked.connect(lambda item: self.open_citation(item.data(256)))

    def ask(self) -> None:
        question = self.question.text().strip()
        if not question or self.busy:
            return
        self.answer.clear()
        self.sources.clear()
        self.flags.clear()
        self.result = None
        self.viewer.clear()
        services = self.services
        max_tokens = min(services.settings.max_tokens, 512)
        self.meter = GenerationMeter(max_tokens)
        self._titles = {}

        def job(ctx):
            from analyst_desk.core.drafting.answering import answer_question
            from analyst_desk.core.progress import Progress

            ctx.progress(Progress(stage="retrieving"))

            def engine():
                # Called once the relevant passages are chosen: from here the model reads the prompt.
                loaded = services.chat_engine("ask")  # the engine Settings choose for Ask
                ctx.progress(Progress(stage="prompt"))
                return loaded

            from analyst_desk.core.compliance.audit import audit_required

            audit = services.audit
            held = audit_required()  # under that policy nothing is shown before the record is written
            result = answer_question(question, services.library(), engine, k=5, max_tokens=max_tokens,
                                     cancel=ctx.cancel, on_chunk=None if held else ctx.emit, audit=audit, pane="ask",
                                     progress=ctx.progress)  # tokens written while the answer is held back
            check = getattr(audit, "check_recorded", None)
            if check is not None:
                check()  # AuditNotRecorded under the policy: the job fails with that message, the answer withheld
            result.audit_error = getattr(audit, "last_error", None)
            return result

        self._prompt_started = 0.0
        self._writing = False
        self._held_back = False  # True once the core counts tokens it holds back until checked
        self.job.start(job, status=tr("Searching your documents…", "正在检索资料…"), on_chunk=self.on_chunk_received,
                       on_progress=self.on_progress, on_finished=self.show_result, on_cancelled=self.on_cancelled)

    @property
    def busy(self) -> bool:
        return self.job.busy

    def stop(self) -> None:
        self.job.stop()

    def on_progress(self, progress) -> None:
        """Stages as they happen: searching, the model reading the question and passages, writing."""
        if progress.stage == "retrieving":
            self.status.setText(tr("Searching your documents…", "正在检索资料…"))
        elif progress.stage == "prompt":
            self._prompt_started = time.monotonic()
            self.status.setText(tr("The model is reading the question and the passages…", "模型正在阅读问题和资料…"))
        elif progress.stage == "generating" and progress.stage_done:
            self._held_back = True
            self.status.setText(self._writing_line(progress))
        elif progress.description:
            self.status.setText(progress.description)

    def _writing_line(self, progress) -> str:
        """Tokens written, speed and an upper bound, in the window's language (the core words its line in
        the question's): the answer itself is held back until its checks have passed it."""
        written = progress.stage_done
        seconds = time.monotonic() - progress.stage_started_at if progress.stage_started_at else 0.0
        rate = (written - 1) / seconds if seconds > 0.5 and written > 1 else 0.0
        left = format_eta(progress.stage_eta_seconds) if rate else ""
        left = left.replace("about", "at most about").replace("约剩", "最多约剩")
        line = tr(f"Writing the answer… {written} tokens" + (f" · {rate:.1f}/s" if rate else "")
                  + (f" · {left}" if left else "") + " · shown once checked",
                  f"正在撰写回答… 已写 {written} 个字词" + (f" · 每秒 {rate:.1f} 个" if rate else "")
                  + (f" · {left}" if left else "") + "，核对后显示")
        read = time.monotonic() - self._prompt_started - seconds if self._prompt_started and seconds else 0.0
        if read > 0:
            line += tr(f" (read the passages in {read:.1f} s)", f"（阅读资料用时 {read:.1f} 秒）")
        return line

    def on_chunk_received(self, text: str) -> None:
        cursor = self.answer.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(text)
        if not self._writing:
            self._writing = True
            self._read_seconds = time.monotonic() - self._prompt_started if self._prompt_started else 0.0
        line = self.meter.on_chunk(text)
        if self._held_back:
            return  # the checked answer arrives whole after the writing line; counting it as one token says nothing
        read = getattr(self, "_read_seconds", 0.0)
        if read:
            line += tr(f" (read the passages in {read:.1f} s)", f"（阅读资料用时 {read:.1f} 秒）")
        self.status.setText(line)

    def _show_answer(self) -> None:
        scroll = self.answer.verticalScrollBar().value()
        self.answer.setHtml(answer_html(self.result, frozenset(self._exact)))
        self.answer.verticalScrollBar().setValue(scroll)

    def show_result(self, result) -> None:
        self.result = result
        self._exact: set[int] = set()
        self._show_answer()
        self.sources.clear()
        cited = set(result.verification.citations)
        for source in result.sources:
            item = QListWidgetItem(f"{'●' if source.number in cited else '○'} [{source.number}] "
                                   f"{title_of(self.services, source, self._titles)} — "
                                   + page_reference(source.path, source.page, i18n.language()))
            item.setData(256, source.number)
            self.sources.addItem(item)
        self.flags.clear()
        unaudited = getattr(result, "audit_error", None)
        if unaudited:  # an output the audit log did not take is marked where the user reads it
            self.flags.addItem(tr(f"⚠ Not recorded in the audit log: {unaudited}", f"⚠ 未记入审计日志：{unaudited}"))
        for flag in result.verification.flags:
            self.flags.addItem(f"⚠ {localise(flag)}")
        v = result.verification
        stats = self.meter.stats(result) if self._writing else None
        if stats is not None:
            self.stats_reported.emit(stats)
        if result.not_found:
            self.status.setText(tr("Nothing relevant in your documents; the model was not asked.",
                                   "资料中没有相关内容，未调用模型。"))
        else:
            self.status.setText(tr(f"Figures verified: {v.figures_verified}/{v.figures_total} · {len(v.flags)} to check",
                                   f"数字核对：{v.figures_verified}/{v.figures_total} 已核实 · {len(v.flags)} 处待核查"))
        if unaudited:
            self.status.setText(tr("Not recorded in the audit log · ", "未记入审计日志 · ") + self.status.text())

    def on_anchor_clicked(self, url: QUrl) -> None:
        number = int(url.path() or url.toString().split(":")[-1])
        if url.scheme() == "cite":
            self.open_citation(number)
        elif url.scheme() == "amount" and self.result is not None:
            self._exact ^= {number}  # a click shows the figure as printed; another click, readable again
            self._show_answer()

    def open_citation(self, number: int) -> bool:
        """Show the cited page with the passage highlighted."""
        source = next((s for s in (self.result.sources if self.result else []) if s.number == number), None)
        if source is None:
            return False
        return self.viewer.show_citation(source, title=title_of(self.services, source, self._titles))

    def on_cancelled(self, partial) -> None:
        if partial is not None and getattr(partial, "verification", None) is not None:
            self.show_result(partial)  # checked like a finished answer, so its figures are not taken on trust
            self.status.setText(tr("Stopped. The partial answer is kept and checked.", "已停止，保留部分回答并已核查。"))
        else:
            self.status.setText(tr("Stopped. The partial answer is kept (not checked).", "已停止，保留部分回答（未核查）。"))

    def shutdown(self) -> None:
        self.job.shutdown()
