"""The Settings dialog's "Model server" tab: the bank's OpenAI-compatible server and who uses it.

Address, model, API key (masked; stored only in the encrypted vault), internal CA file, allowed
hosts (read-only when IT's policy file decides), which tasks run on the server, and a
"Test connection" that shows the model and window the server reports — probed on a plain thread
so the dialog never freezes while a dead server times out.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from analyst_desk.core.config import Settings
from analyst_desk.core.engine.selection import LOCAL, REMOTE, TASKS, task_choice
from analyst_desk.core.network_policy import current_policy, parse_hosts
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.messages import file_filter

_TASK_LABELS = {"assistant": ("Assistant", "助手"), "ask": ("Ask documents", "文档问答"),
                "drafting": ("Report drafting", "报告撰写"), "meeting": ("Meeting summary", "会议纪要")}


class ServerSettingsWidget(QWidget):
    """Edits the model-server settings; :meth:`apply` copies them into ``Settings`` (not saved here)."""

    def __init__(self, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        from analyst_desk.core.engine.server_key import has_stored_key

        self.policy = current_policy(settings)
        self.url = QLineEdit(settings.remote_url)
        self.url.setPlaceholderText(self.policy.remote_url or tr("https://llm.bank.internal:8000/v1", "例如：10.20.0.15:8000/v1"))
        self.model = QLineEdit(settings.remote_model)
        self.model.setPlaceholderText(self.policy.remote_model or tr("the first model the server lists",
                                                                     "服务器列出的第一个模型"))
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(tr("•••• stored encrypted — type to replace", "•••• 已加密保存，输入可替换")
                                    if has_stored_key() else tr("none (the server needs no key)", "无（服务器不需要密钥）"))
        self.ca_file = QLineEdit(settings.remote_ca_file)
        self.ca_file.setPlaceholderText(self.policy.ca_file or tr("system certificates", "系统证书"))
        browse = QPushButton(tr("Browse…", "浏览…"))
        browse.clicked.connect(self._browse_ca)
        ca_row = QWidget()
        row = QHBoxLayout(ca_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.ca_file, 1)
        row.addWidget(browse)
        self.allow_hosts = QLineEdit(", ".join(settings.allow_hosts))
        self.allow_hosts.setPlaceholderText(tr("llm.bank.internal:8000", "例如：10.20.0.15:8000"))
        if self.policy.managed:
            self.allow_hosts.setText(", ".join(str(r) for r in self.policy.allow))
            self.allow_hosts.setReadOnly(True)
            self.allow_hosts.setToolTip(tr(f"Set by your administrator in {self.policy.source}",
                                           f"由管理员在 {self.policy.source} 中设定"))
        self.task_combos: dict[str, QComboBox] = {}
        #: Tasks the user set explicitly; the others follow "the server when one is configured".
        self._chosen = {t: v for t, v in dict(settings.task_engines).items() if t in TASKS and v in (LOCAL, REMOTE)}
        tasks = QWidget()
        grid = QGridLayout(tasks)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, task in enumerate(TASKS):
            combo = QComboBox()
            combo.addItem(tr("This computer", "本机模型"), LOCAL)
            combo.addItem(tr("Model server", "模型服务器"), REMOTE)
            combo.setCurrentIndex(max(0, combo.findData(task_choice(settings, task, self.policy))))
            combo.activated.connect(lambda _index, t=task, c=combo: self._chosen.__setitem__(t, c.currentData()))
            self.task_combos[task] = combo
            grid.addWidget(QLabel(tr(*_TASK_LABELS[task])), i // 2, (i % 2) * 2)
            grid.addWidget(combo, i // 2, (i % 2) * 2 + 1)
        self.url.textChanged.connect(self._follow_url)
        self.test_button = QPushButton(tr("Test connection", "测试连接"))
        self.test_button.clicked.connect(self.test_connection)
        self.status = QLabel()
        self.status.setWordWrap(True)

        form = QFormLayout(self)
        form.addRow(tr("Server address", "服务器地址"), self.url)
        form.addRow(tr("Model", "模型"), self.model)
        form.addRow(tr("API key", "访问密钥"), self.key)
        form.addRow(tr("Internal CA file", "内部 CA 证书"), ca_row)
        form.addRow(tr("Allowed hosts", "允许连接的主机"), self.allow_hosts)
        form.addRow(tr("Runs on", "运行位置"), tasks)
        form.addRow(self.test_button, self.status)
        note = QLabel(tr("Nothing leaves this computer unless its host is allowed. If the server cannot be reached, "
                         "the model on this computer answers and you are told.",
                         "只有允许的主机才会被连接。服务器无法连接时，由本机模型回答并提示您。"))
        note.setWordWrap(True)
        form.addRow(note)
        self._probe_result: list = []
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._show_probe_result)

    def _follow_url(self, text: str) -> None:
        """Tasks the user has not set use the server as soon as there is one."""
        configured = bool(text.strip() or self.policy.remote_url)
        for task, combo in self.task_combos.items():
            if task not in self._chosen:
                combo.setCurrentIndex(combo.findData(REMOTE if configured else LOCAL))

    def key_typed(self) -> bool:
        return bool(self.key.text().strip())

    def _browse_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Internal CA file", "内部 CA 证书"), self.ca_file.text(),
                                              file_filter("certificates"))
        if path:
            self.ca_file.setText(path)

    def _settings_from_fields(self, base: Settings) -> Settings:
        from dataclasses import replace

        hosts = base.allow_hosts if self.policy.managed else [str(r) for r in parse_hosts(self.allow_hosts.text())]
        return replace(base, remote_url=self.url.text().strip(), remote_model=self.model.text().strip(),
                       remote_ca_file=self.ca_file.text().strip(), allow_hosts=hosts,
                       task_engines=dict(self._chosen))

    def problem(self) -> str:
        """What is wrong with the fields, in words for the user; empty when they can be saved."""
        from analyst_desk.core.engine.server_connection import ServerEndpoint
        from analyst_desk.core.errors import ConfigError

        try:
            if self.url.text().strip():
                ServerEndpoint.parse(self.url.text())
            if not self.policy.managed:
                parse_hosts(self.allow_hosts.text())
        except ConfigError as exc:
            return str(exc)
        return ""

    def apply(self, settings: Settings) -> None:
        """Copy the fields into ``settings``; store a typed key in the vault (needs it unlocked)."""
        from analyst_desk.core import offline
        from analyst_desk.core.engine.server_key import store_key

        updated = self._settings_from_fields(settings)
        for name in ("remote_url", "remote_model", "remote_ca_file", "allow_hosts", "task_engines"):
            setattr(settings, name, getattr(updated, name))
        if self.key_typed():
            store_key(self.key.text().strip())
            self.key.clear()
        offline.revoke_all()  # addresses permitted under the old allowlist are forgotten

    # -- test connection ----------------------------------------------------------------------------
    def test_connection(self) -> None:
        """Ask the server for its model and window, off the GUI thread."""
        from analyst_desk.core.engine.remote_engine import RemoteEngine
        from analyst_desk.core.engine.selection import remote_config
        from analyst_desk.core.errors import AppError

        if self.problem():
            self.status.setText(self.problem())
            return
        settings = self._settings_from_fields(Settings())
        try:
            config = remote_config(settings, current_policy(settings))
        except AppError as exc:  # e.g. the stored key cannot be read while the vault is locked
            self.status.setText(str(exc))
            return
        if config is None:
            self.status.setText(tr("Enter the server address first.", "请先填写服务器地址。"))
            return
        if self.key_typed():
            config.connection.api_key = self.key.text().strip()
        self.status.setText(tr("Connecting…", "正在连接…"))
        self.test_button.setEnabled(False)
        self._probe_result = []

        def probe() -> None:  # plain data back to the GUI thread through the list
            try:
                engine = RemoteEngine(config, current_policy(settings)).load()
                self._probe_result.append((True, engine.model_name, engine.context_size, engine.info.context_source))
            except Exception as exc:  # noqa: BLE001 - every failure is a message for the user here
                self._probe_result.append((False, str(exc), 0, ""))

        threading.Thread(target=probe, name="server-test", daemon=True).start()
        self._timer.start()

    def _show_probe_result(self) -> None:
        if not self._probe_result:
            return
        self._timer.stop()
        self.test_button.setEnabled(True)
        ok, text, window, source = self._probe_result[0]
        if ok:
            where = {"server": tr("reported by the server", "由服务器报告"),
                     "settings": tr("from Settings", "来自设置"),
                     "default": tr("the server does not say; assumed", "服务器未报告，按默认值")}.get(source, source)
            self.status.setText(tr(f"✓ Connected: {text}, window {window} tokens ({where})",
                                   f"✓ 已连接：{text}，上下文 {window} 词元（{where}）"))
        else:
            self.status.setText(f"✗ {text}")
