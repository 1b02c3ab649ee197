"""Column heads an analyst reads at a glance: a row of bare years ("2024 2023 2022") over the amounts is the
table's header, not its first row of data, whichever finder reads the table; a row of years that is data
(the year each bank was founded) stays data."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from analyst_desk.core.extraction.tables import extract_tables
from analyst_desk.core.pdf import new_pdf

_EN = [["Revenue", "1,234", "1,100", "998"], ["Operating profit", "321", "300", "287"],
       ["Net profit", "250", "231", "219"], ["Total assets", "9,870", "9,012", "8,650"]]
_CN = [["营业收入", "1,234", "1,100", "998"], ["营业利润", "321", "300", "287"],
       ["净利润", "250", "231", "219"], ["资产总计", "9,870", "9,012", "8,650"]]


def _page(path: Path, rows: list[list[str]], *, title: str, cjk: bool, centred_heads: bool = False) -> Path:
    """One unruled table: labels at the left, amounts right-aligned in three columns, as a report sets them."""
    doc = new_pdf()
    page = doc.new_page()
    font = "china-s" if cjk else "helv"
    page.insert_text((72, 60), title, fontname=font, fontsize=12)
    y = 100
    for index, row in enumerate(rows):
        for column, text in enumerate(row):
            if not text:
                continue
            if column == 0:
                x = 72
            else:
                width = pymupdf.get_text_length(text, fontname="helv", fontsize=10)
                right = 300 + 80 * column
                x = right - width / 2 - 20 if centred_heads and index == 0 else right - width
            page.insert_text((x, y), text, fontname=font if column == 0 else "helv", fontsize=10)
        y += 18
    doc.save(path)
    return path


@pytest.mark.parametrize("heads, body, cjk", [
    (["", "2024", "2023", "2022"], _EN, False),
    (["", "2024", "2023", "2022"], _CN, True),
    (["Year ended 31 December", "2024", "2023", "2022"], _EN, False),
    (["", "2022", "2023", "2024"], _EN, False),
], ids=["english", "chinese", "under_a_label", "oldest_first"])
def test_a_row_of_bare_years_over_the_amounts_heads_the_columns(tmp_path, heads, body, cjk):
    pdf = _page(tmp_path / "years.pdf", [heads] + body, title="主要财务数据" if cjk else "Key figures", cjk=cjk)
    tables = [t for t in extract_tables(pdf) if any(body[0][0] in cell for row in t.rows for cell in row)]
    assert len(tables) == 1
    table = tables[0]
    assert table.header_rows == 1
    assert table.rows[0][1:] == heads[1:]  # the years are the columns' names
    assert [row[0] for row in table.rows[1:]] == [row[0] for row in body]  # every line item is data, none lost


def test_years_that_are_figures_stay_in_the_body(tmp_path):
    rows = [["Bank", "North", "South", "West"], ["Year founded", "1987", "2003", "1995"],
            ["Branches", "1,204", "880", "312"], ["Staff", "21,400", "15,020", "6,730"]]
    pdf = _page(tmp_path / "founded.pdf", rows, title="Peer banks", cjk=False, centred_heads=True)
    table = next(t for t in extract_tables(pdf) if any("Branches" in cell for row in t.rows for cell in row))
    labels = [row[0] for row in table.rows[table.header_rows:]]
    assert "Year founded" in labels and "Branches" in labels


_FORECAST = [["利润表(百万元)", "2021", "2022E", "2023E"], ["营业总收入", "1,567", "3,684", "5,056"],
             ["营业成本", "1,020", "2,310", "3,150"], ["营业利润", "201", "540", "820"], ["净利润", "173", "471", "717"]]
_RATINGS = [["类别", "评级", "说明"], ["股票评级", "买入", "相对强于市场表现20%以上"],
            ["股票评级", "增持", "相对强于市场表现5%～20%"], ["行业评级", "中性", "相对市场表现在-5%～+5%之间"],
            ["行业评级", "看淡", "相对弱于市场表现5%以上"]]


def _report_page(path: Path, rows: list[list[str]], body_top: float = 80, running: bool = True) -> Path:
    """A broker's page: the running header (report type at the left, the company at the right) in the top
    strip over a rule, then a forecast table whose first column is text and whose years head the columns."""
    doc = new_pdf()
    page = doc.new_page()
    if running:
        page.insert_text((40, 38), "公司点评", fontname="china-s", fontsize=9)
        page.insert_text((430, 38), "高测股份（688556.SH）", fontname="china-s", fontsize=9)
        page.draw_line((36, 44), (560, 44), width=0.5)
    y = body_top
    for row in rows:
        page.insert_text((40, y), row[0], fontname="china-s", fontsize=9)
        for column, text in enumerate(row[1:], start=1):
            if text.isascii():  # amounts right-aligned in their column
                width = pymupdf.get_text_length(text, fontname="helv", fontsize=9)
                page.insert_text((220 + 70 * column - width, y), text, fontname="helv", fontsize=9)
            else:  # words set from the column's left edge
                page.insert_text((90 + 90 * column, y), text, fontname="china-s", fontsize=9)
        y += 14
    doc.save(path)
    return path


@pytest.mark.parametrize("rows", [_FORECAST, _RATINGS], ids=["forecast", "ratings"])
def test_the_running_header_over_a_report_page_is_not_the_tables_first_row(tmp_path, rows):
    tables = [t for t in extract_tables(_report_page(tmp_path / "report.pdf", rows))
              if any(rows[1][0] in cell for row in t.rows for cell in row)]
    assert len(tables) == 1
    table = tables[0]
    cells = [cell for row in table.rows for cell in row]
    assert not any("高测股份" in cell or "公司点评" in cell for cell in cells)
    assert table.rows[0] == rows[0]
    assert table.header_rows == 1 and len(table.rows) == len(rows)


def test_a_table_set_at_the_very_top_of_its_page_keeps_its_first_row(tmp_path):
    table = next(t for t in extract_tables(_report_page(tmp_path / "top.pdf", _RATINGS, body_top=40, running=False))
                 if any("股票评级" in cell for row in t.rows for cell in row))
    assert table.rows[0] == _RATINGS[0] and len(table.rows) == len(_RATINGS)
