"""Opening a citation shows the cited row: the page scrolled so the row is in view and the row marked
across its table, not the top of the page with the figure somewhere below the fold."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from analyst_desk.core.config import Settings
from analyst_desk.core.pdf import new_pdf, open_pdf
from analyst_desk.core.services import Services
from analyst_desk.ui import i18n
from analyst_desk.ui.panes.ask_pane import AskPane
from tests.ui import walkthrough_docs

TOTAL_ASSETS_2010 = "1,234,567,890.12"


def _write_statement_low_on_the_page(path: Path) -> Path:
    """A prospectus whose balance sheet starts two thirds of the way down page 2."""
    doc = new_pdf()
    cover = doc.new_page(width=595, height=842)
    cover.insert_text((90, 200), walkthrough_docs.ISSUER, fontname="china-s", fontsize=20)
    cover.insert_text((90, 240), "首次公开发行股票招股意向书", fontname="china-s", fontsize=16)
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 40), f"{walkthrough_docs.ISSUER} 招股意向书", fontname="china-s", fontsize=8)
    page.insert_text((60, 100), "第十节 财务会计信息", fontname="china-s", fontsize=15)
    for i in range(8):
        page.insert_text((60, 140 + i * 24), "本节引用的财务数据，非经特别说明，均引自经审计的财务报告。",
                         fontname="china-s", fontsize=10)
    walkthrough_docs._table(page, 520, walkthrough_docs._BALANCE, "合并资产负债表", "单位：元")
    doc.save(path)
    doc.close()
    return path


@pytest.fixture
def services(tmp_path):
    services = Services(Settings(context_size=4096, threads=2, max_tokens=120))
    pdf = _write_statement_low_on_the_page(tmp_path / "江南精密招股意向书.pdf")
    assert services.library().add_paths([pdf]).results[0].ok
    services.pdf = pdf
    yield services
    services.close()


def test_opening_a_cited_figure_scrolls_to_its_row_and_marks_it_across_the_table(qtbot, services):
    i18n.set_language("zh")
    pane = AskPane(services)
    pane.resize(1100, 520)  # a short viewer: the row is below the fold at the top of the page
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitExposed(pane)
    pane.question.setText("江南精密机械2010年末的资产总计是多少？")
    pane.ask()  # a printed figure: answered from the facts, no model
    qtbot.waitUntil(lambda: pane.result is not None, timeout=120_000)
    number = pane.result.verification.citations[0]
    source = next(s for s in pane.result.sources if s.number == number)
    pane.on_anchor_clicked(QUrl(f"cite:{number}"))
    qtbot.waitUntil(lambda: pane.viewer.current == (source.path, source.page) and not pane.viewer.rendering,
                    timeout=60_000)
    qtbot.wait(30)  # the scroll is set again after the new page is laid out

    with open_pdf(services.pdf) as doc:
        page = doc[source.page - 1]
        figure = page.search_for(TOTAL_ASSETS_2010)[0]
        label = page.search_for("资产总计")[0]
        page_width = page.rect.width
    zoom = pane.viewer.image.pixmap().width() / page_width
    mark = pane.viewer.highlight_rects[0]
    # The row of the figure, not the table's first row or the page's top …
    assert abs(mark.center().y() - figure.y0 * zoom - figure.height * zoom / 2) < figure.height * zoom, (mark, figure)
    # … marked from the row's label to the last column …
    assert mark.left() <= label.x0 * zoom + 2 and mark.right() >= figure.x1 * zoom
    # … and in view: the page had to be scrolled to show it.
    bar = pane.viewer.scroll.verticalScrollBar()
    assert bar.value() > 0 and pane.viewer.highlight_visible(), (bar.value(), mark)
    assert pane.viewer.caption.text().startswith(walkthrough_docs.ISSUER)  # named by its company
