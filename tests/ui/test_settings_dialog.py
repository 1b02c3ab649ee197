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
