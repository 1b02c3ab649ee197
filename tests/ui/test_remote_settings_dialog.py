"""IT points the app at the bank's model server from Settings: the key stays masked and encrypted, the policy rules."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QLineEdit

from analyst_desk.core.compliance import crypto
from analyst_desk.core.config import Settings
from analyst_desk.core.engine.selection import task_choice
from analyst_desk.core.engine.server_key import load_key
from analyst_desk.ui import i18n
from analyst_desk.ui.dialogs.settings_dialog import SettingsDialog


@pytest.fixture(autouse=True)
def no_admin_policy(monkeypatch, tmp_path):
    from analyst_desk.core import network_policy

    path = tmp_path / "admin" / "policy.json"
    monkeypatch.setattr(network_policy, "admin_policy_paths", lambda: [path])
    for name in ("ANALYST_DESK_POLICY", "ANALYST_DESK_ALLOW_HOSTS", "ANALYST_DESK_REMOTE_URL", "ANALYST_DESK_REMOTE_KEY"):
        monkeypatch.delenv(name, raising=False)
    crypto.lock()
    yield path
    crypto.lock()


def test_server_address_key_ca_hosts_and_per_task_choice_are_saved_key_encrypted(qtbot, screenshot, isolated_home):
    i18n.set_language("zh")
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    dialog.show()
    server = dialog.server
    dialog.tabs.setCurrentWidget(server)
    qtbot.keyClicks(server.url, "https://llm.bank.internal:8000/v1")
    qtbot.keyClicks(server.model, "qwen2.5-72b-instruct")
    qtbot.keyClicks(server.key, "sk-bank-0123456789")
    qtbot.keyClicks(server.ca_file, "/etc/pki/bank-root.pem")
    qtbot.keyClicks(server.allow_hosts, "llm.bank.internal:8000")
    assert server.task_combos["ask"].currentData() == "remote"  # tasks follow the new server …
    meeting = server.task_combos["meeting"]
    meeting.setCurrentIndex(meeting.findData("local"))  # … unless the user keeps one on this computer
    meeting.activated.emit(meeting.currentIndex())
    assert server.key.echoMode() == QLineEdit.EchoMode.Password
    screenshot(dialog, "settings_model_server_zh")
    dialog.new_passphrase = "correct horse battery"  # encryption is turned on in the same visit
    dialog.encrypt.blockSignals(True)
    dialog.encrypt.setChecked(True)
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    dialog.apply()
    saved = Settings.load()
    assert (saved.remote_url, saved.remote_model, saved.remote_ca_file, saved.allow_hosts) == (
        "https://llm.bank.internal:8000/v1", "qwen2.5-72b-instruct", "/etc/pki/bank-root.pem", ["llm.bank.internal:8000"])
    assert saved.task_engines == {"meeting": "local"}
    assert [task_choice(saved, t) for t in ("assistant", "ask", "drafting", "meeting")] == ["remote"] * 3 + ["local"]
    assert "sk-bank" not in (isolated_home / "settings.json").read_text(encoding="utf-8")
    assert load_key() == "sk-bank-0123456789"


def test_a_key_is_not_accepted_without_encryption_and_a_bad_address_is_explained(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    i18n.set_language("en")
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _parent, _title, text: shown.append(text)))
    dialog.server.key.setText("sk-bank-0123456789")
    dialog.accept()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted and "Turn on encryption" in shown[-1]
    dialog.server.key.clear()
    dialog.server.url.setText("llm.bank.internal")
    dialog.accept()
    assert "not a server address" in shown[-1] and dialog.result() != SettingsDialog.DialogCode.Accepted


def test_the_administrators_allowlist_is_shown_and_cannot_be_edited(qtbot, no_admin_policy):
    no_admin_policy.parent.mkdir(parents=True)
    no_admin_policy.write_text(json.dumps({"allow_hosts": ["llm.bank.internal:8000"],
                                           "remote_url": "https://llm.bank.internal:8000/v1"}), encoding="utf-8")
    dialog = SettingsDialog(Settings(allow_hosts=["evil.example.com"]))
    qtbot.addWidget(dialog)
    assert dialog.server.allow_hosts.isReadOnly() and dialog.server.allow_hosts.text() == "llm.bank.internal:8000"
    assert dialog.server.url.placeholderText() == "https://llm.bank.internal:8000/v1"
    assert dialog.server.task_combos["ask"].currentData() == "remote"  # IT's server is the default


@pytest.mark.slow
def test_test_connection_shows_the_servers_model_and_window(qtbot, screenshot, tmp_path, monkeypatch):
    from tests.model_server import start_server

    server = start_server(log_dir=tmp_path)
    try:
        monkeypatch.setenv("ANALYST_DESK_REMOTE_KEY", server.api_key)
        dialog = SettingsDialog(Settings.load())
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.tabs.setCurrentWidget(dialog.server)
        dialog.server.url.setText(server.url)
        dialog.server.allow_hosts.setText(server.host)
        qtbot.mouseClick(dialog.server.test_button, qtbot_button())
        qtbot.waitUntil(lambda: dialog.server.status.text().startswith(("✓", "✗")), timeout=30_000)
        assert dialog.server.status.text().startswith("✓ Connected") and "SmolLM2" in dialog.server.status.text()
        assert "2048 tokens" in dialog.server.status.text()
        screenshot(dialog, "settings_model_server_connected")
        dialog.server.allow_hosts.setText("127.0.0.1:1")  # the same server, no longer allowed
        qtbot.mouseClick(dialog.server.test_button, qtbot_button())
        qtbot.waitUntil(lambda: dialog.server.test_button.isEnabled(), timeout=30_000)
        assert "not on the allowlist" in dialog.server.status.text()
    finally:
        server.stop()


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
