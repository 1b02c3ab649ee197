"""A combo box of installed GGUF models, with each model's metadata shown beside it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from analyst_desk.core.catalog import render
from analyst_desk.core.engine.models import ModelInfo, discover_models
from analyst_desk.ui import i18n
from analyst_desk.ui.i18n import tr
from analyst_desk.ui.messages import localise


def describe(model: ModelInfo) -> str:
    """The model in plain words: how much memory it needs."""
    if model.error:
        return "⚠ " + localise(model.problem) if model.problem is not None else "⚠ " + model.error
    memory = max(1, round((model.file_size + 2**29) / 2**30))
    # The size is already in the name beside it ("本机小模型 · 快速（630M）"): say only what it needs.
    return tr(f"needs about {memory} GB of memory", f"约需 {memory} GB 内存")


def technical_details(model: ModelInfo) -> str:
    """The metadata an IT administrator wants, shown on hover."""
    if model.error:
        return model.error
    return "\n".join([
        model.file_name,
        tr(f"Architecture: {model.architecture}", f"架构：{model.architecture}"),
        tr(f"Quantisation: {model.quantization}", f"量化：{model.quantization}"),
        tr(f"File size: {model.size_label}", f"文件大小：{model.size_label}"),
        tr(f"Longest input (tokens): {model.context_length:,}", f"最长输入（token 数）：{model.context_length:,}"),
        tr("Has its own chat template" if model.chat_template else "No chat template in the file",
           "文件内含对话模板" if model.chat_template else "文件中没有对话模板"),
    ])


def purpose_code(model: ModelInfo) -> str:
    """The catalogue code naming what a model is for, by its size: under 1B parameters answers fast,
    1–4B answers more accurately, larger is the most accurate and slower."""
    if model.test_only:
        return "model.purpose_test"
    size = model.parameter_count or 0
    if not size:
        return "model.purpose_unknown"
    if size < 1.0e9:
        return "model.purpose_fast"
    return "model.purpose_accurate" if size < 4.0e9 else "model.purpose_most_accurate"


def display_name(model: ModelInfo) -> str:
    """The model named by what it is for ("本机小模型 · 快速（0.5B）"), from the catalogue in the window's
    language; the file name is on hover. A bank user picks speed or accuracy, not "qwen2.5 coder 1.5b"."""
    code = purpose_code(model)
    purpose = render(code, language=i18n.language())
    if code in ("model.purpose_test", "model.purpose_unknown"):
        return purpose
    size = model.parameters_label
    return f"{purpose}（{size}）" if i18n.language() == "zh" else f"{purpose} ({size})"


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
        installed = [m for m in discover_models() if m.is_chat or m.error]
        # Test-only models are hidden whenever a real one is installed (and never when chosen).
        real = any(m.ok and not m.test_only for m in installed)
        self.models = [m for m in installed if not (real and m.test_only and m.file_name != current)]
        for i, model in enumerate(self.models):
            self.combo.addItem(display_name(model) if model.ok else f"⚠ {model.file_name}", model.file_name)
            self.combo.setItemData(i, technical_details(model), role=3)  # Qt.ToolTipRole: file name first
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
        self.details.setToolTip(technical_details(model) if model else "")
        self.combo.setToolTip(technical_details(model) if model else "")

    def _on_index_changed(self, _index: int) -> None:
        self._show_details()
        model = self.current_model()
        if model and model.ok:
            self.model_chosen.emit(model.file_name)
