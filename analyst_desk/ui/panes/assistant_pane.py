"""A plain prompt box that streams a real answer from the local model, with Stop."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from analyst_desk.core.engine.base import ChatMessage
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.job_controller import JobController

SYSTEM_PROMPT = ("You are Analyst Desk, an assistant for bank analysts. Answer concisely and "
                 "reply in the language of the question. 你是面向银行分析师的助手，回答简洁，"
                 "使用提问所用的语言。")


class AssistantPane(QWidget):
    """Free-form prompt → streamed answer. Emits ``stats_reported`` with each run's timing."""

    stats_reported = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self._started = 0.0

        title = QLabel(tr("Ask the local model anything. Nothing leaves this computer.",
                          "向本地模型提问。所有内容都不会离开本机。"))
        title.setWordWrap(True)
        self.prompt_edit = QPlainTextEdit()
        self.prompt_edit.setPlaceholderText(tr("Type a prompt, then press Send (Ctrl+Enter)",
                                               "输入问题，然后点击发送（Ctrl+Enter）"))
        self.prompt_edit.setMaximumHeight(110)
        self.send_button = QPushButton(tr("Send", "发送"))
        self.send_button.setShortcut("Ctrl+Return")
        self.stop_button = QPushButton(tr("Stop", "停止"))
        self.stop_button.setEnabled(False)
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        self.status_label = QLabel("")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.prompt_edit)
        layout.addLayout(buttons)
        layout.addWidget(self.output, 1)

        self.job = JobController(self, name="assistant", pool="model", status=self.status_label,
                                 start_widgets=[self.send_button], stop_button=self.stop_button)
        self.job.busy_changed.connect(self.busy_changed)
        self.send_button.clicked.connect(self.send)

    @property
    def busy(self) -> bool:
        return self.job.busy

    def send(self) -> None:
        prompt = self.prompt_edit.toPlainText().strip()
        if not prompt or self.busy:
            return
        self.output.clear()
        max_tokens = self.services.settings.max_tokens
        temperature = self.services.settings.temperature
        services = self.services

        def job(ctx):
            engine = services.chat_engine("assistant")
            generation = engine.stream_chat([ChatMessage("system", SYSTEM_PROMPT), ChatMessage("user", prompt)],
                                            max_tokens=max_tokens, temperature=temperature, cancel=ctx.cancel)
            for chunk in generation:
                ctx.emit(chunk)
            ctx.flush()
            services.audit.record(pane="assistant", kind="answer", model_path=engine.info.path, prompt=prompt,
                                  output=generation.text, flags=["stopped by user"] if ctx.cancel.cancelled else [])
            return generation.stats

        self.job.start(job, status=tr("Loading the model…", "正在加载模型…") if self.services.loaded_engine is None
                       else tr("Reading the prompt…", "正在读取问题…"),
                       on_chunk=self.on_chunk_received, on_finished=self.on_finished, on_cancelled=self.on_cancelled)

    def stop(self) -> None:
        self.job.stop()

    def on_chunk_received(self, text: str) -> None:
        cursor = self.output.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)
        self.output.setTextCursor(cursor)
        if not self.status_label.text().startswith(tr("Writing", "生成中")):
            self.status_label.setText(tr("Writing…", "生成中…"))

    def on_finished(self, stats) -> None:
        self.status_label.setText(tr(f"{stats.completion_tokens} tokens · first token "
                                     f"{stats.time_to_first_token:.2f} s · {stats.tokens_per_second:.1f} tokens/s",
                                     f"{stats.completion_tokens} 个字词 · 首字 {stats.time_to_first_token:.2f} 秒 · "
                                     f"每秒 {stats.tokens_per_second:.1f} 个字词"))
        self.stats_reported.emit(stats)

    def on_cancelled(self, _stats) -> None:
        self.status_label.setText(tr("Stopped. The partial answer is kept.", "已停止，保留已生成的部分。"))

    def shutdown(self) -> None:
        self.job.shutdown()
