"""In the Library pane an analyst imports reports, sees each file's status, searches and sees the page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.panes.library_pane import LibraryPane
from tests.conftest import SHARED_DATA
from tests.library_docs import CN_REPORT_PAGES, write_encrypted_pdf, write_pdf


@pytest.fixture
def pane(qtbot):
    def make(language="en") -> LibraryPane:
        i18n.set_language(language)
        services = Services(Settings())
        widget = LibraryPane(services)
        widget.resize(1200, 760)
        qtbot.addWidget(widget)
        widget.show()
        return widget

    return make


def wait_import(qtbot, pane):
    qtbot.waitUntil(lambda: not pane.busy, timeout=120_000)


def test_importing_shows_each_file_status_and_the_documents(qtbot, pane, tmp_path):
    widget = pane()
    good = write_pdf(tmp_path / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)
    locked = write_encrypted_pdf(tmp_path / "locked.pdf")
    widget.import_paths([good, locked])
    assert widget.cancel_button.isEnabled()
    wait_import(qtbot, widget)
    log = [widget.import_log.item(i).text() for i in range(widget.import_log.count())]
    assert log[0].startswith("✓ [Imported]")
    assert log[1].startswith("✗ [Password-protected]") and "remove the password" in log[1]
    assert widget.documents.rowCount() == 1
    # named by what the report says (issuer · type · period), not by its file name or metadata title
    title = widget.documents.item(0, 0).text()
    assert title.startswith("华东商业银行股份有限公司 · ") and "2024" in title
    assert widget.documents.item(0, 2).text() == "3"
    assert "1 of 2 files ready" in widget.progress_label.text()


def test_search_highlights_the_term_and_shows_the_cited_page(qtbot, pane, tmp_path):
    widget = pane()
    widget.import_paths([write_pdf(tmp_path / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)])
    wait_import(qtbot, widget)
    widget.search_box.setText("净息差")  # QTest.keyClicks only types ASCII
    qtbot.keyClick(widget.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(widget.hits), timeout=30_000)
    first = widget.results.itemWidget(widget.results.item(0)).text()
    assert "p. 2" in first and "<b style='background:#ffe066'>净息差</b>" in first
    assert widget.viewer.current == (str((tmp_path / "华东银行2024年年度报告.pdf").resolve()), 2)
    # The page is rendered off the GUI thread, then the passage is outlined on it.
    qtbot.waitUntil(lambda: not widget.viewer.rendering, timeout=30_000)
    assert widget.viewer.highlight_rects


def test_dropping_files_imports_them(qtbot, pane, tmp_path):
    widget = pane()
    path = write_pdf(tmp_path / "dropped.pdf", CN_REPORT_PAGES[:1])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)
    wait_import(qtbot, widget)
    assert widget.documents.item(0, 0).text().startswith("华东商业银行股份有限公司")  # named by its pages


def test_removing_a_document_asks_and_removes_it(qtbot, pane, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    widget = pane()
    widget.import_paths([write_pdf(tmp_path / "old.pdf", CN_REPORT_PAGES[:1])])
    wait_import(qtbot, widget)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    widget.documents.selectRow(0)
    widget.remove_selected()
    qtbot.waitUntil(lambda: widget.documents.rowCount() == 0, timeout=30_000)  # removal runs off the GUI thread
    assert widget.services.library().documents() == []


@pytest.mark.slow  # imports the 296-page Ping An report when the team data is there
def test_screenshot_of_the_library_with_the_ping_an_report(qtbot, pane, screenshot, tmp_path):
    widget = pane("zh")
    folder = SHARED_DATA / "cn_bank_annual_report_pingan_2024"
    source = next(folder.glob("*.pdf")) if folder.is_dir() else write_pdf(tmp_path / "华东银行2024年年度报告.pdf",
                                                                           CN_REPORT_PAGES)
    widget.import_paths([source])
    wait_import(qtbot, widget)
    widget.search_box.setText("净息差")
    widget.search()
    qtbot.waitUntil(lambda: bool(widget.hits), timeout=30_000)
    assert "净息差" in widget.hits[0].text
    screenshot(widget, "library_pane_zh")


def test_search_can_be_limited_to_one_document(qtbot, pane, tmp_path):
    from tests.library_docs import write_english_pdf

    widget = pane()
    widget.import_paths([write_pdf(tmp_path / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES),
                         write_english_pdf(tmp_path / "northwind.pdf")])
    wait_import(qtbot, widget)
    widget.doc_filter.setCurrentIndex(widget.doc_filter.findText("northwind"))
    widget.search_box.setText("净息差")
    widget.search()
    qtbot.waitUntil(lambda: bool(widget.hits), timeout=30_000)
    assert {h.title for h in widget.hits} == {"northwind"}
    assert widget.period_filter.findText("2024") > 0


def test_a_table_passage_reads_as_figures_in_a_result_card_not_as_markdown():
    from analyst_desk.ui.panes.library_pane import highlight

    passage = ("| （货币单位：人民币百万元） | | |\n| --- | --- | --- |\n| 营业收入 | 52,310 | 49,876 | 4.9% |\n"
               "| 净息差 | 2.05% | 2.21% | -0.16 个百分点 |")
    card = highlight(passage, "净息差")
    assert "|" not in card and "---" not in card
    assert "营业收入 52,310 49,876 4.9%；" in card and "<b style='background:#ffe066'>净息差</b> 2.05%" in card


def test_result_cards_wrap_to_the_list_and_none_is_cut_off_at_the_right(qtbot, pane):
    """Ten results bring a vertical scroll bar; cards sized before it appeared were wider than the list, so a
    horizontal bar showed and each card's last words were cut off (南岭民爆's search at 1366×768)."""
    from types import SimpleNamespace

    widget = pane("zh")
    text = "根据公司近三年又一期的毛利率水平，以较为保守的33%的毛利率来测算，项目建成后，如公司主营业务收入较项目建成前增加4648万元，" * 2
    hits = [SimpleNamespace(doc_id="d", title="湖南南岭民用爆破器材股份有限公司 · 招股意向书 · 2006年", page=150 + i,
                            heading_path="第十二节募股资金运用 > 三、新增固定资产折旧对发行人未来经营成果的影响", text=text,
                            path="x.pdf", bbox=None) for i in range(10)]
    widget.viewer.show_page = lambda *a, **k: None  # no file behind the cards
    widget.show_results("主营业务收入", hits)
    qtbot.wait(50)
    viewport = widget.results.viewport().width()
    assert widget.results.verticalScrollBar().isVisible()
    assert not widget.results.horizontalScrollBar().isVisible()
    for row in range(widget.results.count()):
        card = widget.results.itemWidget(widget.results.item(row))
        assert card.width() <= viewport, (card.width(), viewport)
        assert card.height() >= card.heightForWidth(card.width()) - 2  # tall enough for its wrapped lines
    widget.resize(900, 760)  # a narrower window re-wraps them
    qtbot.wait(50)
    narrow = widget.results.viewport().width()
    assert all(widget.results.itemWidget(widget.results.item(r)).width() <= narrow
               for r in range(widget.results.count()))
