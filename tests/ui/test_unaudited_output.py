"""An RM's answer that the audit log could not take is marked in the Ask pane, and withheld when the
bank's policy requires every output audited."""

from __future__ import annotations

import json

import pytest

from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.panes.ask_pane import AskPane
from tests.library_docs import write_english_pdf
from tests.test_audit_gaps import DiskFull


@pytest.fixture
def services(tmp_path):
    services = Services(Settings(context_size=4096, threads=2, max_tokens=60))
    assert services.library().add_paths([write_english_pdf(tmp_path / "northwind.pdf")]).results[0].ok
    yield services
    services.close()


def _ask(qtbot, services, question: str) -> AskPane:
    i18n.set_language("zh")
    pane = AskPane(services)
    qtbot.addWidget(pane)
    pane.question.setText(question)
    pane.ask()
    qtbot.waitUntil(lambda: not pane.busy, timeout=60_000)
    return pane


def test_an_answer_the_audit_log_refused_is_marked_beside_it(qtbot, services, monkeypatch):
    DiskFull(monkeypatch, times=1)
    pane = _ask(qtbot, services, "火星上的天气怎么样？")  # answered by the app, no model needed
    assert pane.result is not None and pane.result.audit_error
    assert pane.flags.count() and pane.flags.item(0).text().startswith("⚠ 未记入审计日志：")
    assert pane.status.text().startswith("未记入审计日志")


def test_under_the_policy_the_answer_is_withheld_with_a_message(qtbot, services, monkeypatch, tmp_path):
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"network": "off", "audit": "required"}), encoding="utf-8")
    monkeypatch.setenv("ANALYST_DESK_POLICY", str(policy))
    DiskFull(monkeypatch, times=1)
    pane = _ask(qtbot, services, "火星上的天气怎么样？")
    assert pane.result is None and pane.answer.toPlainText() == ""
    assert "输出已被扣留" in pane.status.text()
