"""In the Drafting pane a back-office analyst drafts a company brief, checks its citations and figures,
edits it, and exports it — and nothing written is lost."""

from __future__ import annotations

import re

import pytest

from analyst_desk.core.config import Settings
from analyst_desk.core.drafting.drafts import DraftStore
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.panes.drafting_pane import DraftingPane
from tests.conftest import SHARED_DATA
from tests.library_docs import CN_REPORT_PAGES, write_pdf

# Drives the real chat model, Whisper or the app's own processes: the slow tier.
pytestmark = pytest.mark.slow


@pytest.fixture
def services(tmp_path):
    services = Services(Settings(context_size=4096, threads=2))
    report = services.library().add_paths([write_pdf(tmp_path / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)])
    assert report.results[0].ok
    yield services
    services.close()


def _pane(qtbot, services, language="zh") -> DraftingPane:
    i18n.set_language(language)
    pane = DraftingPane(services)
    pane.resize(1280, 820)
    qtbot.addWidget(pane)
    pane.show()
    return pane


def _draft(qtbot, pane, subject: str, template: str = "company_brief") -> None:
    pane.template_combo.setCurrentIndex(pane.template_combo.findData(template))
    pane.subject.setText(subject)
    pane.length.setCurrentIndex(pane.length.findData("short"))
    pane.draft_button.click()
    assert pane.stop_button.isEnabled()
    qtbot.waitUntil(lambda: not pane.busy, timeout=400_000)


def test_a_brief_streams_in_cites_its_pages_and_a_hand_edited_figure_is_flagged(qtbot, services, screenshot):
    pane = _pane(qtbot, services)
    seen_while_busy = []  # editor lengths shown while the model was still writing
    pane.editor.textChanged.connect(lambda: pane.busy and seen_while_busy.append(len(pane.editor.toPlainText())))
    _draft(qtbot, pane, "华东银行")
    assert len(set(seen_while_busy)) > 3, "the text should appear as it is written, not all at the end"
    draft = pane.draft
    assert [s.status for s in draft.sections if s.status not in {"done", "not_found"}] == []
    text = pane.editor.toPlainText()
    assert text.startswith("# 公司简报：华东银行") and "## 财务表现" in text
    cited = [int(n) for n in re.findall(r"\[(\d+)\]", text)]
    assert cited and pane.sources.count() >= 1
    number = pane.sources.item(0).data(256)
    assert pane.open_source(number)
    source = next(s for s in draft.sources if s.number == number)
    assert pane.viewer.current == (source.path, source.page)
    screenshot(pane, "drafting_brief_zh")

    # The analyst changes a figure by hand: after a pause it is flagged, and the edit is saved.
    figures = re.findall(r"\d[\d,]*\.?\d*\s*(?:亿元|百万元|%)", text)
    edited = text + "\n\n" if not figures else text
    if figures:
        edited = text.replace(figures[0], "987,654.3亿元", 1)
    else:  # the model wrote no figure: add one the sources never state
        edited = text.replace("## 财务表现\n", "## 财务表现\n营业收入为987,654.3亿元[1]。", 1)
    pane.editor.setPlainText(edited)
    qtbot.waitUntil(lambda: any("987,654.3" in t for t in pane.flagged_texts()), timeout=5_000)
    assert pane.checks.count() >= 1
    at = pane.editor.toPlainText().index("987,654.3")
    assert any("987,654.3" in pane.checks.item(i).toolTip() for i in range(pane.checks.count()))
    assert pane.flag_at(at + 2), "hovering the altered figure gives the reason it is flagged"
    assert "987,654.3" in DraftStore().load(draft.draft_id).to_text()


def test_stop_keeps_the_partial_text_and_reopening_restores_it(qtbot, services, tmp_path):
    import docx

    pane = _pane(qtbot, services, "en")
    pane.template_combo.setCurrentIndex(pane.template_combo.findData("company_brief"))
    pane.subject.setText("华东银行")
    pane.draft_button.click()
    qtbot.waitUntil(lambda: any(len(s.text) > 20 for s in pane.draft.sections), timeout=120_000)
    pane.stop()
    qtbot.waitUntil(lambda: not pane.busy, timeout=60_000)
    partial = pane.draft
    written = [s.text for s in partial.sections if s.text]
    assert written and "Stopped" in pane.status.text()
    # What was written keeps its sources and is checked like a finished draft (not "unverified").
    assert partial.sources and any(partial.section_sources(s) for s in partial.sections if s.text)
    assert "checked" in pane.status.text() and "Figures verified" in pane.status.text()
    saved = DraftStore().load(partial.draft_id)
    assert [s.text for s in saved.sections if s.text] == written

    again = _pane(qtbot, services, "en")  # the app reopened
    assert again.draft.draft_id == partial.draft_id and again.editor.toPlainText() == partial.to_text()

    confirmations = []
    path = again.export(tmp_path / "brief.docx", confirm=lambda w: confirmations.append(w) or True)
    assert path is not None
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert any(p.text.startswith(("公司简报", "Company brief")) for p in document.paragraphs[:2])  # the title
    assert headings[0] in {"公司概况", "Company overview"}
    assert headings[-1] in {"References", "参考资料"}


def test_regenerating_one_section_leaves_the_others(qtbot, services):
    pane = _pane(qtbot, services, "zh")
    _draft(qtbot, pane, "华东银行")
    before = [s.text for s in pane.draft.sections]
    # The analyst puts the cursor in the first section's text: that is the section Regenerate rewrites.
    pane.section_combo.setCurrentIndex(2)
    cursor = pane.editor.textCursor()
    cursor.setPosition(pane.editor.toPlainText().index("## ", 3) + 8)
    pane.editor.setTextCursor(cursor)
    assert pane.section_combo.currentIndex() == 0
    pane.regenerate_button.click()
    qtbot.waitUntil(lambda: not pane.busy, timeout=200_000)
    after = [s.text for s in pane.draft.sections]
    assert after[1:] == before[1:] and after[0]


@pytest.mark.skipif(not (SHARED_DATA / "cn_bank_annual_report_pingan_2024").is_dir(),
                    reason="team sample data (../shared/data) not present")
def test_a_company_brief_on_the_ping_an_annual_report(qtbot, tmp_path, screenshot):
    services = Services(Settings(context_size=4096, threads=2))
    try:
        pdf = next((SHARED_DATA / "cn_bank_annual_report_pingan_2024").glob("*.pdf"))
        assert services.library().add_paths([pdf]).results[0].ok
        pane = _pane(qtbot, services)
        _draft(qtbot, pane, "平安银行")
        draft = pane.draft
        finance = draft.sections[1]
        assert finance.text and draft.section_sources(finance)
        assert all(s.path == str(pdf) for s in draft.sources)
        cited = {int(n) for n in re.findall(r"\[(\d+)\]", pane.editor.toPlainText())}
        assert cited
        for number in sorted(cited):  # every citation the reader sees opens the page it names
            source = next((s for s in draft.sources if s.number == number), None)
            assert source is not None, f"[{number}] names no source of the draft"
            assert pane.open_source(number) and pane.viewer.current == (str(pdf), source.page)
        screenshot(pane, "drafting_pingan_zh")
    finally:
        services.close()
