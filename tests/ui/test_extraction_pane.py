"""In the extraction pane an analyst finds a statement's tables, checks them and saves them to Excel."""

from __future__ import annotations

import re

import openpyxl
import pytest

from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.panes.extraction_pane import ExtractionPane
from tests.conftest import SHARED_DATA
from tests.extraction_docs import write_balance_sheet


@pytest.fixture
def pane(qtbot):
    def make(language="en"):
        i18n.set_language(language)
        widget = ExtractionPane(Services(Settings()))
        widget.resize(1200, 760)
        qtbot.addWidget(widget)
        widget.show()
        return widget

    return make


def test_finding_checking_and_exporting_a_statement(qtbot, pane, tmp_path):
    widget = pane()
    widget.set_pdf(str(write_balance_sheet(tmp_path / "bs.pdf")))
    widget.detect()
    qtbot.waitUntil(lambda: not widget.busy and widget.table_list.count() > 0, timeout=60_000)
    assert widget.table_list.count() == 1 and "p. 1, 2" in widget.table_list.item(0).text()
    assert widget.thumbnails.count() == 2
    assert widget.preview.item(2, 1).text() == "268,973"
    assert widget.checks.text().startswith("✓")
    widget.unit_combo.setCurrentIndex(widget.unit_combo.findData("亿元"))
    summary = widget.export_to(str(tmp_path / "out.xlsx"))
    assert summary["mismatches"] == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]  # the statement's own sheet comes first
    assert sheet["B5"].value == pytest.approx(2689.73)  # below the title, unit and header rows


def test_header_rows_and_columns_can_be_fixed_by_hand(qtbot, pane, tmp_path):
    widget = pane()
    widget.set_pdf(str(write_balance_sheet(tmp_path / "bs.pdf")))
    widget.detect()
    qtbot.waitUntil(lambda: widget.table_list.count() > 0, timeout=60_000)
    widget.header_rows.setValue(2)
    assert widget.current_table().header_rows == 2
    columns = widget.current_table().columns
    widget.preview.setCurrentCell(3, 1)
    widget.merge_button.click()
    assert widget.current_table().columns == columns - 1
    assert widget.current_table().rows[2][1] == "268,973 274,663"
    widget.preview.setCurrentCell(3, 1)
    widget.split_button.click()  # and split back: the two numbers land in their own columns again
    assert widget.current_table().columns == columns
    assert widget.current_table().rows[2][1:3] == ["268,973", "274,663"]
    widget.preview.setCurrentCell(3, 0)
    widget.split_button.click()  # labels have no spaces here: nothing happens, and the pane says why
    assert widget.current_table().columns == columns and "space" in widget.status.text()


def test_a_damaged_pdf_is_reported_in_the_pane(qtbot, pane, tmp_path):
    widget = pane()
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"garbage")
    widget.set_pdf(str(bad))
    widget.detect()
    qtbot.waitUntil(lambda: not widget.busy, timeout=30_000)
    assert "damaged or not a real PDF" in widget.status.text()


def test_screenshot_of_the_ping_an_balance_sheet(qtbot, pane, screenshot, tmp_path):
    widget = pane("zh")
    folder = SHARED_DATA / "cn_bank_annual_report_pingan_2024"
    path = next(folder.glob("*.pdf")) if folder.is_dir() else write_balance_sheet(tmp_path / "bs.pdf")
    widget.set_pdf(str(path))
    widget.pages_edit.setText("122-123" if folder.is_dir() else "")
    widget.detect()
    qtbot.waitUntil(lambda: widget.table_list.count() > 0, timeout=60_000)
    assert "✓" in widget.checks.text() and "资产负债表平衡" in widget.checks.text()
    screenshot(widget, "extraction_pane_zh")
    if folder.is_dir():  # the income statement is checked by its own identities, and says so
        widget.pages_edit.setText("126")
        widget.detect()
        qtbot.waitUntil(lambda: not widget.busy and widget.table_list.count() > 0
                        and "利润表" in widget.table_list.item(0).text(), timeout=60_000)
        text = widget.checks.text()
        assert re.search(r"✓ (?:[89]|1\d) 项校验通过", text) and "利润表" in text  # 营业利润 is checked too now
        assert "未核查" not in text or "缺少" in text  # what is not checked names the line it lacks


@pytest.mark.slow  # "use the model" is on by default in this tab
def test_key_figures_across_reports_with_a_bad_file_in_the_batch(qtbot, pane, tmp_path, screenshot):
    """Two reports and a damaged one: figures for both, a clear row for the damaged file, one workbook."""
    from tests.extraction_docs import write_key_figures_report
    from tests.library_docs import write_pdf

    widget = pane("zh")
    widget.tabs.setCurrentIndex(1)
    figures = widget.key_figures
    first = write_key_figures_report(tmp_path / "华东银行2024年报.pdf")
    second = write_pdf(tmp_path / "东方银行2024年报.pdf", [("经营情况", ["报告期内，本行不良贷款率继续保持在1.06%的较低水平。",
                                                                    "营业收入为61,200百万元。"])])
    broken = tmp_path / "损坏.pdf"
    broken.write_bytes(b"%PDF-1.7 broken")
    figures.add_reports([first, second, broken])
    figures.fields.setText("营业收入,不良贷款率,净息差")
    figures.find_button.click()
    qtbot.waitUntil(lambda: not figures.busy and bool(figures.results), timeout=180_000)
    by_key = {(r.report, r.field): r for r in figures.results}
    assert by_key[(first.name, "营业收入")].raw == "52,310" and by_key[(first.name, "净息差")].raw == "2.05%"
    assert by_key[(second.name, "不良贷款率")].status == "ok" and by_key[(second.name, "不良贷款率")].raw.startswith("1.06")
    assert all(by_key[(broken.name, f)].status == "not found" for f in ["营业收入", "不良贷款率", "净息差"])
    assert "损坏.pdf" in by_key[(broken.name, "营业收入")].note
    assert figures.table.rowCount() == 9
    screenshot(widget, "extraction_key_figures_zh")
    assert figures.export_to(tmp_path / "figures.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "figures.xlsx").active
    assert sheet.max_row >= 3
