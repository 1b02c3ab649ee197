"""IT turns on masking, text-free audit records and encryption at rest from the Settings dialog."""

from __future__ import annotations

from analyst_desk.core.compliance import crypto
from analyst_desk.core.config import Settings
from analyst_desk.ui import i18n
from analyst_desk.ui.dialogs.settings_dialog import SettingsDialog


def test_privacy_settings_are_saved_and_encryption_starts_at_once(qtbot, screenshot):
    i18n.set_language("zh")
    crypto.lock()
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.models_loaded, timeout=30_000)  # the model list is read on a thread
    screenshot(dialog, "settings_privacy_zh")
    dialog.mask_on_export.setChecked(False)
    dialog.audit_store_text.setChecked(False)
    dialog.retention.setValue(90)
    dialog.new_passphrase = "correct horse battery"  # what the two passphrase prompts return
    dialog.encrypt.setChecked(True)
    try:
        dialog.apply()
        saved = Settings.load()
        assert (saved.mask_on_export, saved.audit_store_text, saved.audit_retention_days, saved.encrypt_at_rest) == \
            (False, False, 90, True)
        assert crypto.unlocked() is not None
        from analyst_desk.core.drafting.drafts import Draft, DraftStore

        path = DraftStore().save(Draft(template="weekly_report", title="周报：华东区", subject="华东区"))
        assert "华东" not in path.read_bytes().decode("utf-8", "replace")
    finally:
        crypto.lock()


def test_encryption_is_not_switched_on_without_a_passphrase(qtbot):
    i18n.set_language("en")
    crypto.lock()
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    dialog.new_passphrase = ""
    dialog.encrypt.blockSignals(True)  # no prompts in a test; the user cancelled them
    dialog.encrypt.setChecked(True)
    dialog.apply()
    assert Settings.load().encrypt_at_rest is False


def _cold_models_folder(tmp_path, monkeypatch):
    """A models folder the app has never read (its headers are not cached by path), with the 0.5B
    chat model and the test-only model in it."""
    from tests.conftest import CHAT_MODEL, MODELS, TINY_MODEL

    folder = tmp_path / "cold-models"
    folder.mkdir()
    for name in (CHAT_MODEL, TINY_MODEL):
        (folder / name).symlink_to((MODELS / name).resolve())
    monkeypatch.setenv("ANALYST_DESK_MODELS", str(folder))
    return folder


def test_settings_open_at_once_even_before_the_models_were_ever_read(qtbot, tmp_path, monkeypatch):
    """Opened before the start-up warm-up has read the models (it took 0.48 s on the GUI thread), the
    dialog shows at once and fills the model list from a thread; saving keeps the models chosen.
    (How long the GUI thread stalls is measured by bench/gui.py; here: no header is read on it.)"""
    import threading

    from analyst_desk.core.engine import models
    from tests.conftest import CHAT_MODEL

    i18n.set_language("zh")
    _cold_models_folder(tmp_path, monkeypatch)
    monkeypatch.setattr(models, "_INSPECTED", {})  # nothing read in this process either
    readers: list[str] = []
    real_read_header = models.read_header

    def read_header(path):
        readers.append(threading.current_thread().name)
        return real_read_header(path)

    monkeypatch.setattr(models, "read_header", read_header)
    settings = Settings(model=CHAT_MODEL)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.model_combo.isEnabled()  # shown while the list is still being read
    qtbot.waitUntil(lambda: dialog.models_loaded, timeout=30_000)
    assert len(readers) >= 2 and threading.main_thread().name not in readers, readers
    assert dialog.model_combo.isEnabled() and dialog.model_combo.currentData() == CHAT_MODEL
    assert dialog.apply().model == CHAT_MODEL


def test_saving_before_the_model_list_arrives_keeps_the_chosen_model(qtbot, tmp_path, monkeypatch):
    from tests.conftest import CHAT_MODEL

    _cold_models_folder(tmp_path, monkeypatch)
    dialog = SettingsDialog(Settings(model=CHAT_MODEL, embedding_model="bge-small.gguf"))
    qtbot.addWidget(dialog)
    if not dialog.models_loaded:  # the list arrives on the next timer tick at the earliest
        saved = dialog.apply()
        assert (saved.model, saved.embedding_model) == (CHAT_MODEL, "bge-small.gguf")
    qtbot.waitUntil(lambda: dialog.models_loaded, timeout=30_000)


def test_the_model_is_named_by_what_it_is_for_in_each_language_with_its_file_name_on_hover(qtbot, tmp_path,
                                                                                          monkeypatch):
    """"本机小模型 · 快速（494M）", not "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf": in the toolbar's picker and
    in Settings alike, the test-only model hidden from the toolbar, the file name first on hover."""
    from PySide6.QtCore import Qt

    from analyst_desk.ui.widgets.model_selector import ModelSelectorWidget
    from tests.conftest import CHAT_MODEL

    _cold_models_folder(tmp_path, monkeypatch)
    for language, fast in (("zh", "本机小模型 · 快速（"), ("en", "Local small model · fast (")):
        i18n.set_language(language)
        picker = ModelSelectorWidget(CHAT_MODEL)
        qtbot.addWidget(picker)
        names = [picker.combo.itemText(i) for i in range(picker.combo.count())]
        assert len(names) == 1 and names[0].startswith(fast) and "qwen" not in names[0].lower(), names
        assert picker.combo.itemData(0, Qt.ItemDataRole.ToolTipRole).splitlines()[0] == CHAT_MODEL
        assert picker.combo.toolTip().splitlines()[0] == CHAT_MODEL
        dialog = SettingsDialog(Settings(model=CHAT_MODEL))
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.models_loaded, timeout=30_000)
        assert dialog.model_combo.currentText() == names[0]
        assert dialog.model_combo.toolTip().splitlines()[0] == CHAT_MODEL


def test_purpose_follows_the_size_of_the_model():
    from pathlib import Path

    from analyst_desk.core.engine.models import ModelInfo
    from analyst_desk.ui.widgets.model_selector import display_name

    def model(parameters: int, name: str = "some-model.gguf") -> ModelInfo:
        return ModelInfo(path=Path(name), file_name=name, name=name, architecture="qwen2", quantization="Q4_K_M",
                         parameter_count=parameters, file_size=parameters // 2, context_length=32768,
                         is_chat=True, is_embedding=False, chat_template="{{ x }}")

    i18n.set_language("zh")
    assert display_name(model(494_000_000)) == "本机小模型 · 快速（494M）"
    assert display_name(model(1_540_000_000)) == "本机模型 · 更准确（1.5B）"
    assert display_name(model(7_600_000_000)) == "本机大模型 · 最准确（较慢）（7.6B）"
    i18n.set_language("en")
    assert display_name(model(1_540_000_000)) == "Local model · more accurate (1.5B)"
    assert display_name(model(0)) == "Local model"
