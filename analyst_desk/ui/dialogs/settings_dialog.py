"""Settings: model, threads, context size, data folder, language, privacy, and the bank's model
server (address, model, API key, CA file, allowed hosts, which tasks use it). Saved to the data folder;
the API key goes to the encrypted vault, never to the settings file."""

from __future__ import annotations

import logging
import os
import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from analyst_desk.core import paths
from analyst_desk.core.config import Settings
from analyst_desk.core.engine.models import discover_models
from analyst_desk.ui.dialogs.server_settings import ServerSettingsWidget
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.widgets.model_selector import display_name, technical_details

log = logging.getLogger(__name__)


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Settings", "设置"))
        self.settings = settings

        # The models' headers are read on a plain thread (a cold read is ~0.2 s of Python per GGUF
        # file, a stall if the dialog opens before the start-up warm-up has cached them); the two
        # combos fill when the list arrives, and saving before then keeps the models chosen.
        self.model_combo = QComboBox()
        self.embed_combo = QComboBox()
        self.models_loaded = False
        self._models_found: list = []
        self.model_combo.addItem(tr("Reading the models…", "正在读取模型…"), settings.model or None)
        self.model_combo.setEnabled(False)
        self.embed_combo.setEnabled(False)
        self.embed_combo.addItem(tr("Built-in multilingual encoder (default)", "内置多语言编码器（默认）"), "")
        self.model_combo.currentIndexChanged.connect(
            lambda _i: self.model_combo.setToolTip(self.model_combo.currentData(Qt.ItemDataRole.ToolTipRole) or ""))
        threading.Thread(target=self._read_models, name="settings-models", daemon=True).start()
        self._models_timer = QTimer(self)
        self._models_timer.setInterval(15)
        self._models_timer.timeout.connect(self._on_models_read)
        self._models_timer.start()

        self.threads = QSpinBox()
        self.threads.setRange(1, max(1, os.cpu_count() or 1))
        self.threads.setValue(settings.threads)
        self.context = QSpinBox()
        self.context.setRange(512, 131072)
        self.context.setSingleStep(512)
        self.context.setValue(settings.context_size)
        self.language = QComboBox()
        for label, value in ((tr("Follow system", "跟随系统"), "auto"), ("中文", "zh"), ("English", "en")):
            self.language.addItem(label, value)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.data_folder = QLineEdit(settings.data_folder or str(paths.data_dir()))
        browse = QPushButton(tr("Browse…", "浏览…"))
        browse.clicked.connect(self._browse)
        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.data_folder, 1)
        row.addWidget(browse)

        self.mask_on_export = QCheckBox(tr("Mask ID, card and phone numbers in exports",
                                           "导出时遮蔽身份证号、银行卡号和手机号"))
        self.mask_on_export.setChecked(settings.mask_on_export)
        self.mask_before_model = QCheckBox(tr("Also mask them before text reaches the model",
                                              "在文本交给模型前也进行遮蔽"))
        self.mask_before_model.setChecked(settings.mask_before_model)
        self.audit_store_text = QCheckBox(tr("Audit log keeps the full questions and sources (else only a fingerprint of them)",
                                             "审计日志保存完整的提问和来源（否则只保存其指纹）"))
        self.audit_store_text.setToolTip(tr("The fingerprint is a SHA-256 hash: it proves what was used without storing it.",
                                            "指纹即 SHA-256 哈希值：可证明使用了哪些内容，但不保存内容本身。"))
        self.audit_store_text.setChecked(settings.audit_store_text)
        self.retention = QSpinBox()
        self.retention.setRange(0, 3650)
        self.retention.setSuffix(tr(" days (0 = keep all)", " 天（0 表示永久保留）"))
        self.retention.setValue(settings.audit_retention_days)
        self.encrypt = QCheckBox(tr("Encrypt drafts, meeting notes and audit texts with a passphrase",
                                    "用口令加密草稿、会议记录和审计内容"))
        self.encrypt.setChecked(settings.encrypt_at_rest)
        #: Set when the user turns encryption on and chooses a passphrase (tests set it directly).
        self.new_passphrase = ""
        self.encrypt.toggled.connect(self._on_encrypt_toggled)

        self.tabs = QTabWidget()
        general = QWidget()
        form = QFormLayout(general)
        form.addRow(tr("Chat model", "对话模型"), self.model_combo)
        form.addRow(tr("Search model", "检索模型"), self.embed_combo)
        self.embed_combo.setToolTip(tr("The embedding model that finds passages by meaning (changing it re-indexes the library).",
                                       "按语义查找段落的向量（embedding）模型；更换后资料库会重新建立索引。"))
        form.addRow(tr("CPU threads", "CPU 线程数"), self.threads)
        form.addRow(tr("How much the model reads at once", "模型一次可读的篇幅"), self.context)
        self.context.setToolTip(tr("Context size in tokens (about 1.5 Chinese characters or 0.75 English words each); "
                                   "larger reads more passages but needs more memory.",
                                   "上下文长度，单位为 token（约合 1.5 个汉字或 0.75 个英文单词）；越大可读的资料越多，但占用内存也越多。"))
        form.addRow(tr("Language", "界面语言"), self.language)
        form.addRow(tr("Data folder", "数据文件夹"), folder_row)
        note = QLabel(tr("A new data folder applies after a restart.", "新的数据文件夹在重启后生效。"))
        note.setWordWrap(True)
        form.addRow(note)
        self.tabs.addTab(general, tr("General", "常规"))
        privacy = QWidget()
        form = QFormLayout(privacy)
        form.addRow(tr("Privacy", "隐私"), self.mask_on_export)
        form.addRow("", self.mask_before_model)
        form.addRow("", self.audit_store_text)
        form.addRow(tr("Keep audit records", "审计记录保留"), self.retention)
        form.addRow(tr("Encryption", "加密"), self.encrypt)
        self.tabs.addTab(privacy, tr("Privacy", "隐私"))
        self.server = ServerSettingsWidget(settings)
        self.tabs.addTab(self.server, tr("Model server", "模型服务器"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def _read_models(self) -> None:
        """On the reading thread: plain data only, handed over through the list."""
        try:
            found = discover_models()
        except Exception:  # noqa: BLE001 - an unreadable folder lists no models; the dialog still opens
            log.exception("Reading the models folder failed")
            found = []
        self._models_found.append(found)

    def _on_models_read(self) -> None:
        if not self._models_found:
            return
        self._models_timer.stop()
        installed = self._models_found[0]
        chat = [m for m in installed if m.ok and m.is_chat]
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for model in chat:
            self.model_combo.addItem(display_name(model), model.file_name)
            self.model_combo.setItemData(self.model_combo.count() - 1, technical_details(model),
                                         Qt.ItemDataRole.ToolTipRole)  # the file name is on hover
        # No choice made: show the model that will actually load (the largest working chat model).
        chosen = self.settings.model or (max(chat, key=lambda m: m.file_size).file_name if chat else "")
        self.model_combo.setCurrentIndex(max(0, self.model_combo.findData(chosen)))
        self.model_combo.blockSignals(False)
        self.model_combo.setToolTip(self.model_combo.currentData(Qt.ItemDataRole.ToolTipRole) or "")
        self.model_combo.setEnabled(True)
        for model in installed:
            if model.ok and model.is_embedding:
                self.embed_combo.addItem(model.file_name, model.file_name)
        self.embed_combo.setCurrentIndex(max(0, self.embed_combo.findData(self.settings.embedding_model)))
        self.embed_combo.setEnabled(True)
        self.models_loaded = True

    def accept(self) -> None:
        """A typed API key can only be kept encrypted: say so here rather than drop it silently."""
        from analyst_desk.core.compliance import crypto

        if self.server.problem():
            QMessageBox.warning(self, tr("Model server", "模型服务器"), self.server.problem())
            self.tabs.setCurrentWidget(self.server)
            return
        if self.server.key_typed() and crypto.unlocked() is None and not self.new_passphrase:
            QMessageBox.warning(self, tr("Model server", "模型服务器"), tr(
                "The API key is stored encrypted. Turn on encryption (Privacy tab) and choose a passphrase first.",
                "访问密钥只加密保存。请先在“隐私”页开启加密并设置口令。"))
            self.tabs.setCurrentWidget(self.server)
            return
        super().accept()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Data folder", "数据文件夹"), self.data_folder.text())
        if folder:
            self.data_folder.setText(folder)

    def _on_encrypt_toggled(self, on: bool) -> None:
        """Turning encryption on asks for the passphrase twice; it is never stored, only a check value."""
        from analyst_desk.core.compliance import crypto

        if not on or crypto.unlocked() is not None or self.new_passphrase:
            return
        first, ok = QInputDialog.getText(self, tr("Passphrase", "口令"), tr("Choose a passphrase:", "设置口令："),
                                         QLineEdit.EchoMode.Password)
        if ok and first:
            second, ok = QInputDialog.getText(self, tr("Passphrase", "口令"), tr("Type it again:", "再输入一次："),
                                              QLineEdit.EchoMode.Password)
            if ok and second == first:
                self.new_passphrase = first
                return
            QMessageBox.warning(self, tr("Passphrase", "口令"), tr("The passphrases differ.", "两次输入的口令不一致。"))
        self.encrypt.setChecked(False)

    def apply(self) -> Settings:
        """Copy the dialog's values into the settings and save them."""
        s = self.settings
        if self.models_loaded:  # saved before the list arrived: the models stay as they were
            s.model = self.model_combo.currentData() or ""
            s.embedding_model = self.embed_combo.currentData() or ""
        s.threads = self.threads.value()
        s.context_size = self.context.value()
        s.language = self.language.currentData()
        s.mask_on_export = self.mask_on_export.isChecked()
        s.audit_store_text = self.audit_store_text.isChecked()
        s.mask_before_model = self.mask_before_model.isChecked()
        s.audit_retention_days = self.retention.value()
        if self.encrypt.isChecked() and not s.encrypt_at_rest and self.new_passphrase:
            from analyst_desk.core.compliance import crypto

            crypto.unlock(self.new_passphrase)  # files written from now on are encrypted
        s.encrypt_at_rest = self.encrypt.isChecked() and (s.encrypt_at_rest or bool(self.new_passphrase))
        self.server.apply(s)  # after the vault is unlocked: a new API key is stored encrypted
        folder = self.data_folder.text().strip()
        s.data_folder = "" if folder == str(paths.data_dir()) else folder
        s.save()
        paths.save_data_folder_choice(s.data_folder)
        return s
