"""A combo box of installed GGUF models, with each model's metadata shown beside it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.core.engine.models import ModelInfo, discover_models
from app.ui.i18n import tr


def describe(model: ModelInfo) -> str:
    """One line of metadata for the selector and tooltips."""
    if model.error:
        return "⚠ " + model.error
    role = tr("embedding", "向量模型") if model.is_embedding else tr("chat", "对话")
    return (f"{model.architecture} · {model.parameters_label} · {model.quantization} · {model.size_label} · "
            f"{tr('context', '上下文')} {model.context_length:,} · {role}"
            + (f" · {tr('chat template', '对话模板')}" if model.chat_template else ""))


class ModelSelectorWidget(QWidget):
    """Lists chat models; broken files appear disabled with the reason, never hidden."""

    model_chosen = Signal(str)  # file name

    def __init__(self, current: str = "", parent=None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setMinimumWidth(260)
        self.details = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(tr("Model:", "模型：")))
        layout.addWidget(self.combo)
        layout.addWidget(self.details, 1)
        self.models: list[ModelInfo] = []
        self.refresh(current)
        self.combo.currentIndexChanged.connect(self._on_index_changed)

    def refresh(self, current: str = "") -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.models = [m for m in discover_models() if m.is_chat or m.error]
        for i, model in enumerate(self.models):
            self.combo.addItem(model.file_name if model.ok else f"⚠ {model.file_name}", model.file_name)
            self.combo.setItemData(i, describe(model), role=3)  # Qt.ToolTipRole
            if model.error:
                self.combo.model().item(i).setEnabled(False)
        if not self.models:
            self.combo.addItem(tr("No models installed", "未安装模型"), "")
        index = self.combo.findData(current) if current else -1
        if index < 0:
            chat = [m for m in self.models if m.ok]
            if chat:
                index = self.combo.findData(max(chat, key=lambda m: m.file_size).file_name)
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)
        self._show_details()

    def current_model(self) -> ModelInfo | None:
        name = self.combo.currentData()
        return next((m for m in self.models if m.file_name == name), None)

    def _show_details(self) -> None:
        model = self.current_model()
        self.details.setText(describe(model) if model else tr("Put GGUF files in the models folder.",
                                                              "请将 GGUF 模型文件放入 models 文件夹。"))

    def _on_index_changed(self, _index: int) -> None:
        self._show_details()
        model = self.current_model()
        if model and model.ok:
            self.model_chosen.emit(model.file_name)
