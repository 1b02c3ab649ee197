"""A compliance officer reviews what was generated, checks the log is intact and exports it."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.main_window import MainWindow
from tests.conftest import TINY_MODEL


def test_a_generation_in_the_app_appears_in_the_audit_pane_and_verifies(qtbot, screenshot):
    i18n.set_language("zh")
    window = MainWindow(Services(Settings(model=TINY_MODEL, max_tokens=40)))
    qtbot.addWidget(window)
    window.show()
    assistant = window.show_pane("assistant")
    for prompt in ("What is 2 + 2? Answer with the number.", "Name a colour."):
        assistant.prompt_edit.setPlainText(prompt)
        qtbot.mouseClick(assistant.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not assistant.busy, timeout=60_000)
    audit = window.show_pane("audit")
    audit.refresh()
    assert audit.table.rowCount() == 2
    assert audit.table.item(0, 2).text() == "助手"  # the pane's name in the UI language (Chinese here)
    assert audit.table.item(0, 3).text() == TINY_MODEL
    assert "Name a colour." in audit.detail.toPlainText()
    audit.verify()
    assert audit.verify_label.text().startswith("✓")
    screenshot(window, "audit_pane_zh")

    # Someone edits the log file: the pane says so.
    path = window.services.audit.path
    lines = path.read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[0])
    entry["output"] = "5"
    lines[0] = json.dumps(entry, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    audit.verify()
    assert audit.verify_label.text().startswith("✗") and "第" not in audit.verify_label.text()[:1]
    out = window.services.audit.folder / "export.xlsx"
    window.services.audit.export_xlsx(out)
    assert out.exists()
