"""In the extraction pane, a prospectus's 简要合并利润表 is checked against the full income statement of the
same file, and the check text says which figure disagrees, with both pages."""

from __future__ import annotations

import pytest

from analyst_desk.core.config import Settings
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.panes.extraction_pane import ExtractionPane
from tests.test_extraction_references import SUMMARY, _prospectus


@pytest.fixture
def pane(qtbot):
    i18n.set_language("zh")
    widget = ExtractionPane(Services(Settings()))
    widget.resize(1200, 760)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    i18n.set_language("en")


def _show_summary(qtbot, widget, path):
    widget.set_pdf(str(path))
    widget.detect()
    qtbot.waitUntil(lambda: not widget.busy and widget.table_list.count() > 0, timeout=60_000)
    row = next(i for i in range(widget.table_list.count()) if "简要" in widget.table_list.item(i).text())
    widget.table_list.setCurrentRow(row)
    return widget.table_list.item(row).text()


def test_the_summary_is_shown_as_agreeing_with_the_full_statement(qtbot, pane, tmp_path):
    listed = _show_summary(qtbot, pane, _prospectus(tmp_path / "p.pdf"))
    assert not listed.startswith("⚠")
    assert pane.checks.text() == "✓ 15 个数字与完整报表（第 3 页）一致。"


def test_a_summary_figure_that_disagrees_is_marked_with_both_pages(qtbot, pane, tmp_path):
    planted = [list(r) for r in SUMMARY]
    planted[1][3] = "3,510.00"  # 营业利润 2009年度, printed 3,150.00 in the full statement's 元
    listed = _show_summary(qtbot, pane, _prospectus(tmp_path / "p.pdf", planted))
    assert listed.startswith("⚠")
    assert pane.checks.text() == "⚠ 营业利润（2009年度）第 1 页为 3,510.00万元，但第 3 页完整报表为 31,500,000.00元，两者不符"
    item = pane.preview.item(2, 3)  # the figure itself is highlighted in the preview
    assert item.background().color().red() == 252
