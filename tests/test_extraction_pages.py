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
