"""In the window, the Ask pane answers through the department's model server; when it dies, the laptop's model answers and the status bar says so."""

from __future__ import annotations

import pytest

from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.main_window import MainWindow
from tests.conftest import TINY_MODEL
from tests.library_docs import CN_REPORT_PAGES, write_pdf
from tests.model_server import start_server

pytestmark = pytest.mark.slow


@pytest.fixture
def server(tmp_path, monkeypatch):
    from analyst_desk.core import network_policy, offline

    monkeypatch.setattr(network_policy, "admin_policy_paths", lambda: [tmp_path / "no-policy.json"])
    server = start_server(log_dir=tmp_path)
    monkeypatch.setenv("ANALYST_DESK_REMOTE_KEY", server.api_key)
    yield server
    server.stop()
    offline.revoke_all()


def test_the_ask_pane_answers_through_the_server_then_falls_back_when_it_dies(qtbot, server, tmp_path, screenshot):
    i18n.set_language("en")
    services = Services(Settings(model=TINY_MODEL, context_size=2048, threads=2, max_tokens=60, remote_url=server.url,
                                 allow_hosts=[server.host], extra={"welcome_done": True}))
    assert services.library().add_paths([write_pdf(tmp_path / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)]).results[0].ok
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    pane = window.show_pane("ask")
    pane.question.setText("华东银行零售业务发展得怎么样？")
    pane.ask_button.click()
    qtbot.waitUntil(lambda: pane.result is not None, timeout=180_000)
    assert not pane.result.not_found and pane.sources.count() == len(pane.result.sources) > 0
    window.refresh_status()
    assert window.model_label.text().startswith("Model: ") and f"on the server {server.host}" in window.model_label.text()
    assert services.audit.records()[-1]["model"].startswith("remote:")
    screenshot(window, "ask_through_model_server_en")

    server.kill()
    pane.result = None
    pane.question.setText("华东银行如何管理信用风险？")
    pane.ask_button.click()
    qtbot.waitUntil(lambda: pane.result is not None, timeout=180_000)
    assert pane.result.text
    window.refresh_status()
    told = window.statusBar().currentMessage()
    assert "did not answer" in told and f"local model {TINY_MODEL} answered instead" in told
    # The local model is named by purpose; its file name is one hover away.
    assert window.model_label.text().startswith("Model: ") and "on the server" not in window.model_label.text()
    assert TINY_MODEL in window.model_label.toolTip()
    assert services.audit.records()[-1]["model"] == TINY_MODEL
    screenshot(window, "ask_fallback_to_local_en")
    window.close()
