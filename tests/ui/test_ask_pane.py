"""In the Ask pane an analyst asks about their documents, reads a cited answer and opens the cited page."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QTimer, QUrl

from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.panes.ask_pane import AskPane
from tests.library_docs import write_english_pdf

# Drives the real chat model, Whisper or the app's own processes: the slow tier.
pytestmark = pytest.mark.slow


@pytest.fixture
def services(tmp_path):
    services = Services(Settings(context_size=4096, threads=2, max_tokens=120))
    report = services.library().add_paths([write_english_pdf(tmp_path / "northwind-annual-report-2024.pdf")])
    assert report.results[0].ok
    yield services
    services.close()


def test_a_cited_answer_streams_and_its_citation_opens_the_page(qtbot, services, screenshot):
    i18n.set_language("en")
    pane = AskPane(services)
    pane.resize(1200, 760)
    qtbot.addWidget(pane)
    pane.show()
    pane.question.setText("What was Northwind's revenue and net profit?")
    seen: list[str] = []  # the status lines shown while the answer was being written
    watch = QTimer(pane)
    watch.timeout.connect(lambda: seen.append(pane.status.text()))
    watch.start(50)
    pane.ask_button.click()
    assert pane.stop_button.isEnabled()
    qtbot.waitUntil(lambda: pane.result is not None, timeout=180_000)
    watch.stop()
    result = pane.result
    if result.stats is not None:  # the model wrote it: tokens and speed were counted while it did
        assert any(re.match(r"Writing the answer… \d+ tokens", line) for line in seen), set(seen)
    assert not result.not_found and pane.sources.count() == len(result.sources)
    assert result.verification.citations
    number = result.verification.citations[0]
    assert f"href=\"cite:{number}\"" in pane.answer.toHtml()
    pane.on_anchor_clicked(QUrl(f"cite:{number}"))
    source = next(s for s in result.sources if s.number == number)
    assert pane.viewer.current == (source.path, source.page)
    assert "Figures verified" in pane.status.text()
    screenshot(pane, "ask_answer_en")


def test_nothing_relevant_says_so_without_the_model(qtbot, services):
    i18n.set_language("zh")
    pane = AskPane(services)
    qtbot.addWidget(pane)
    pane.question.setText("火星上的天气怎么样？")
    pane.ask()
    qtbot.waitUntil(lambda: pane.result is not None, timeout=60_000)
    assert pane.result.not_found and "资料中未找到" in pane.answer.toPlainText()
    assert services.loaded_engine is None  # the model was never loaded


def test_an_amount_reads_in_yi_yuan_with_the_printed_figure_a_click_away(qtbot, tmp_path):
    from tests.ui.walkthrough_docs import write_prospectus

    i18n.set_language("zh")
    services = Services(Settings(language="zh", context_size=4096, threads=2, max_tokens=120))
    try:
        assert services.library().add_paths([write_prospectus(tmp_path / "江南精密招股意向书.pdf")]).results[0].ok
        pane = AskPane(services)
        qtbot.addWidget(pane)
        pane.question.setText("江南精密机械2010年的营业收入是多少？")
        pane.ask()
        qtbot.waitUntil(lambda: pane.result is not None, timeout=180_000)
        assert "812,345,678.90元" in pane.result.text  # the answer's data keeps the figure as printed
        shown = pane.answer.toPlainText()
        assert "8.12亿元" in shown and "812,345,678.90" not in shown, shown
        start = pane.result.text.index("812,345,678.90元")
        cursor = pane.answer.textCursor()
        cursor.setPosition(shown.index("8.12亿元") + 1)
        assert "原文数字：812,345,678.90元" in cursor.charFormat().toolTip()  # shown on hover
        pane.on_anchor_clicked(QUrl(f"amount:{start}"))
        assert "812,345,678.90元" in pane.answer.toPlainText()  # one click shows it as printed
        pane.on_anchor_clicked(QUrl(f"amount:{start}"))
        assert "8.12亿元" in pane.answer.toPlainText()
    finally:
        services.close()
