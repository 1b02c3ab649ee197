"""In the Library pane an analyst corrects what a document was read as: issuer, report type, period."""

from __future__ import annotations

from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.dialogs.document_profile_dialog import DocumentProfileDialog
from analyst_desk.ui.panes.library_pane import LibraryPane
from tests.library_docs import CN_REPORT_PAGES, write_pdf


def test_editing_a_documents_details_saves_them_and_shows_them(qtbot, tmp_path, monkeypatch):
    i18n.set_language("en")
    widget = LibraryPane(Services(Settings()))
    qtbot.addWidget(widget)
    widget.show()
    widget.import_paths([write_pdf(tmp_path / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)])
    qtbot.waitUntil(lambda: not widget.busy, timeout=120_000)
    assert widget.documents.item(0, 4).text() == "2024"

    shown = {}

    def fill_and_save(dialog: DocumentProfileDialog):
        shown["issuer"] = dialog.issuer.text()
        dialog.issuer.setText("华东商业银行股份有限公司")
        dialog.report_type.setCurrentIndex(dialog.report_type.findData("interim_report"))
        dialog.period.setText("2024H1")
        return DocumentProfileDialog.DialogCode.Accepted

    monkeypatch.setattr(DocumentProfileDialog, "exec", fill_and_save)
    widget.documents.selectRow(0)
    widget.profile_button.click()
    # the period column shows the period in words
    qtbot.waitUntil(lambda: widget.documents.item(0, 4).text() in ("2024年1-6月", "H1 2024"), timeout=30_000)
    assert shown["issuer"] == "华东商业银行股份有限公司"  # prefilled with what the pages say
    record = widget.services.library().documents()[0]
    assert (record.company, record.doc_type, record.period, record.profile_source) == (
        "华东商业银行股份有限公司", "interim_report", "2024H1", "user")
    assert widget.documents.item(0, 5).text() == "华东商业银行股份有限公司"
    assert [widget.period_filter.itemData(i) for i in range(widget.period_filter.count())] == [None, "2024H1"]


def test_the_details_dialog_refuses_a_period_that_is_not_one(qtbot):
    i18n.set_language("zh")

    class Record:
        title, company, doc_type, period = "年报", "", "document", ""

    dialog = DocumentProfileDialog(Record())
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.period, "2024H1x")
    assert dialog.period.text() == "2024H1"
    assert dialog.report_type.currentText() == "其他文档"
    i18n.set_language("en")
