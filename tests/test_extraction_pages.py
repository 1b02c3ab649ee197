"""Statements that are not plain text pages: printed turned on the page, or scanned to an image."""

from __future__ import annotations

import pymupdf
import pytest

from analyst_desk.core.extraction.checks import check_table
from analyst_desk.core.extraction.tables import extract_tables
from tests.extraction_docs import BALANCE_SHEET_P1, HEADER, write_balance_sheet


def _turned(source, path, rotate: int):
    src = pymupdf.open(source)
    out = pymupdf.open()
    for number in range(src.page_count):
        page = out.new_page(width=595, height=842)
        page.show_pdf_page(page.rect, src, number, rotate=rotate)
    out.save(path)
    return path


def _scanned(source, path, dpi=150):
    src = pymupdf.open(source)
    out = pymupdf.open()
    for page in src:
        image = out.new_page(width=page.rect.width, height=page.rect.height)
        image.insert_image(image.rect, pixmap=page.get_pixmap(dpi=dpi))
    out.save(path)
    return path


@pytest.mark.parametrize("rotate", [90, 270])
def test_a_statement_printed_turned_on_the_page_is_read_upright(tmp_path, rotate):
    upright = extract_tables(write_balance_sheet(tmp_path / "bs.pdf"))
    turned = extract_tables(_turned(tmp_path / "bs.pdf", tmp_path / "turned.pdf", rotate))
    assert [t.rows for t in turned] == [t.rows for t in upright]
    assert all(c.ok for c in check_table(turned[0]))
    x0, y0, x1, y1 = turned[0].bbox
    assert x1 - x0 < y1 - y0  # the box on the portrait page is tall: the table runs up the page
    assert any("turned" in note for note in turned[0].notes)


def test_a_scanned_statement_is_read_by_ocr_and_its_checks_still_run(tmp_path):
    tables = extract_tables(_scanned(write_balance_sheet(tmp_path / "bs.pdf"), tmp_path / "scan.pdf"))
    assert tables and tables[0].method == "ocr" and "OCR" in tables[0].notes[0]
    rows = tables[0].rows
    expected = [HEADER] + BALANCE_SHEET_P1
    cells = [c for r in expected for c in r if c]
    found = {c for r in rows for c in r}
    accuracy = sum(1 for c in cells if c in found) / len(cells)
    print(f"\nOCR cell accuracy on a 150-dpi scan: {accuracy:.0%}")
    assert accuracy >= 0.9
    assert ["资产总计", "466,475", "408,781"] in rows
    assert all(c.ok for c in check_table(tables[-1]))  # the balance sheet still balances after OCR


def test_a_frame_ruled_only_round_the_header_does_not_swallow_the_body(tmp_path):
    """The line finder sees one big cell holding every body row; the page is read by alignment instead."""
    from tests.extraction_docs import COUNTRIES, write_header_ruled_table

    tables = extract_tables(write_header_ruled_table(tmp_path / "frame.pdf"))
    assert len(tables) == 1 and tables[0].method != "ruled"
    rows = tables[0].rows[tables[0].header_rows:]
    assert rows == COUNTRIES[1:]


def test_a_monospaced_table_with_dot_leaders_is_read_without_the_dots(tmp_path):
    from tests.extraction_docs import LEADER_ROWS, write_dot_leader_table

    tables = extract_tables(write_dot_leader_table(tmp_path / "leaders.pdf"))
    assert len(tables) == 1
    assert tables[0].rows[-len(LEADER_ROWS):] == LEADER_ROWS


def test_two_tables_side_by_side_are_two_tables(tmp_path):
    from tests.extraction_docs import SIDE_LEFT, SIDE_RIGHT, write_side_by_side_tables

    tables = extract_tables(write_side_by_side_tables(tmp_path / "side.pdf"))
    assert [t.rows for t in tables] == [SIDE_LEFT, SIDE_RIGHT]
    assert tables[0].bbox[2] < tables[1].bbox[0]


def test_a_bulleted_list_is_not_a_table(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    for i, text in enumerate(["2024年3月，本行牵头组建金融信创生态实验室，推进核心系统国产化改造工作。",
                              "2024年6月，本行在年度评选中获得最佳管理团队等多项荣誉，品牌影响力持续提升。",
                              "2024年9月，本行发布新一代移动银行应用，月活跃用户数较上年末增长百分之十二。"]):
        page.insert_text((60, 100 + 20 * i), "•", fontname="helv", fontsize=10)
        page.insert_text((80, 100 + 20 * i), text, fontname="china-s", fontsize=10)
    doc.save(tmp_path / "bullets.pdf")
    assert extract_tables(tmp_path / "bullets.pdf") == []


@pytest.mark.parametrize("case", range(8), ids=["pie upright", "pie turned 90", "pie turned 270", "pie /Rotate 90",
                                                "bar upright", "bar turned 90", "bar turned 270", "bar /Rotate 90"])
def test_three_tables_side_by_side_over_a_chart_are_the_three_tables_without_its_labels(tmp_path, case):
    from tests.extraction_multi import multi_cases
    from tests.extraction_peers import _clean

    page = multi_cases(tmp_path)[case]
    tables = extract_tables(page.pdf)
    assert sorted(_clean(t.rows) for t in tables) == sorted(_clean(t) for t in page.tables)


def test_shaded_rows_and_a_drawn_triangle_beside_a_figure_are_no_chart(tmp_path):
    """Fills behind a table's rows and a ▲ drawn as a shape keep every cell in the table."""
    from tests.extraction_docs import SIDE_LEFT

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    rows = SIDE_LEFT + [["Total", "4,854", "4,642"]]
    for i, row in enumerate(rows):
        y = 120 + 20 * i
        if i % 2:
            page.draw_rect(pymupdf.Rect(55, y - 13, 345, y + 5), color=None, fill=(0.85, 0.9, 0.95))
        page.insert_text((60, y), row[0], fontname="helv", fontsize=10)
        for k, text in enumerate(row[1:]):
            page.insert_text((250 + 90 * k - pymupdf.get_text_length(text, fontname="helv", fontsize=10), y), text,
                             fontname="helv", fontsize=10)
    page.draw_polyline([(335, 160), (341, 160), (338, 154), (335, 160)], color=None, fill=(0.8, 0, 0), closePath=True)
    doc.save(tmp_path / "shaded.pdf")
    tables = extract_tables(tmp_path / "shaded.pdf")
    assert [t.rows for t in tables] == [rows]


def test_four_forecast_tables_two_by_two_are_four_tables(tmp_path):
    """Side by side and stacked: each table under its own year row is a table of its own."""
    from tests.extraction_multi import write_broker_page
    from tests.extraction_peers import _clean

    expected = write_broker_page(tmp_path / "broker.pdf")
    tables = extract_tables(tmp_path / "broker.pdf")
    assert sorted(_clean(t.rows) for t in tables) == sorted(_clean(t) for t in expected)
