"""Tables an analyst can hand in without checking: cells that wrap, numbers in every convention,
statements that continue across pages and are checked line by line."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from analyst_desk.core.extraction.checks import check_table
from analyst_desk.core.extraction.tables import ExtractedTable, extract_tables
from tests.extraction_join_pairs import SHARED, generated_pairs, join_decision
from tests.extraction_peers import _clean
from tests.extraction_wrapped import eu_number_cases, wrapped_cases


def _best(tables, expected):
    from tests.extraction_peers import adjacency_score

    return max(tables, key=lambda t: adjacency_score(expected, [t.rows]).f1)


@pytest.mark.parametrize("kind", ["prose", "definitions", "header", "bullets", "cn_prose", "prose_tight"])
def test_a_table_whose_cells_wrap_comes_out_one_row_per_item_with_its_note_apart(tmp_path, kind):
    case = next(c for c in wrapped_cases(tmp_path, count=12) if c.name.startswith(kind + " ") and c.note) \
        if kind in ("prose", "header", "cn_prose") else next(c for c in wrapped_cases(tmp_path, count=12)
                                                             if c.name.startswith(kind + " "))
    table = _best(extract_tables(case.pdf), case.expected)
    assert _clean(table.rows) == _clean(case.expected)  # every wrapped line back in its cell, bullets included
    assert table.header_rows == 1  # a header printed over four lines is one header row
    if case.note:
        assert any(case.note[:12] in note for note in table.notes)
        assert all(case.note[:12] not in cell for row in table.rows for cell in row)


def test_a_bulleted_list_beside_nothing_is_still_not_a_table(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    for i in range(4):
        page.insert_text((60, 100 + 16 * i), "•", fontname="china-s", fontsize=10)
        page.insert_text((75, 100 + 16 * i), f"Point number {i} of a plain list that a reader scans", fontname="helv",
                         fontsize=10)
    doc.save(tmp_path / "list.pdf")
    assert extract_tables(tmp_path / "list.pdf") == []


def test_figures_written_the_european_way_are_right_or_left_as_flagged_text_never_wrong(tmp_path):
    right = flagged = 0
    for case in eu_number_cases(tmp_path):
        table = extract_tables(case.pdf)[0]
        parsed = table.parsed()
        index = {row[0]: r for r, row in enumerate(table.rows)}
        for expected, values in zip(case.rows[1:], case.values[1:]):
            for col, value in enumerate(values):
                if value is None:
                    continue
                cell = parsed[index[expected[0]]][col]
                if cell.is_numeric:
                    assert float(cell.value) == pytest.approx(value), (case.name, expected[col], cell.value)
                    right += 1
                else:
                    assert cell.flag, (case.name, expected[col])
                    flagged += 1
    assert right > 150 and flagged > 0  # pages with evidence are read; pages without it are flagged


def test_3597_beside_732_is_a_thousands_figure_only_when_the_document_shows_it(tmp_path):
    evidence = [["Posten", "2024"], ["A", "732"], ["B", "3.597"], ["C", "1.204.330"], ["Summe", "1.208.659"]]
    table = ExtractedTable("x.pdf", 1, [1], (0, 0, 1, 1), evidence)
    assert [c.value for c in (row[1] for row in table.parsed()[1:])] == [732, 3597, 1204330, 1208659]
    bare = ExtractedTable("x.pdf", 1, [1], (0, 0, 1, 1), [["Posten", "2024"], ["A", "732"], ["B", "3.597"],
                                                          ["Summe", "14.862"]])
    cells = [row[1] for row in bare.parsed()[1:]]
    assert cells[0].value == 732 and all(c.kind == "text" and c.flag for c in cells[1:])


def test_an_ambiguous_amount_reaches_the_workbook_as_text_with_a_comment(tmp_path):
    import openpyxl

    from analyst_desk.core.extraction.excel import write_tables

    table = ExtractedTable("x.pdf", 1, [1], (0, 0, 1, 1), [["Posten", "2024"], ["A", "732"], ["B", "3.597"]])
    write_tables([table], tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    values = [sheet.cell(row=r, column=2).value for r in range(4, 6)]
    assert values == [732, "3.597"]
    assert "thousands" in sheet.cell(row=5, column=2).comment.text


@pytest.mark.parametrize("kind", ["repeat_header", "continued_title", "headless", "section_first", "new_title",
                                  "heading_paragraph", "other_columns", "ends_with_paragraph"])
def test_a_statement_going_on_over_the_page_is_joined_and_a_new_table_is_not(tmp_path, kind):
    pair = next(p for p in generated_pairs(tmp_path, count=8) if p.why == kind)
    assert join_decision(pair) == pair.continues
    if kind in ("headless", "section_first"):
        table = extract_tables(pair.pdf)[0]
        assert table.pages == [1, 2] and table.rows[0][0] == "项目"  # the tail takes the header it continues
        if kind == "section_first":
            assert any(r[0] == "负债：" for r in table.rows)  # its first row is kept, not taken for a header


def test_an_income_statement_in_the_newer_layout_is_checked_and_a_missing_line_is_named():
    rows = [["项目", "2010年度", "2009年度"],
            ["一、营业总收入", "64,907.81", "43,952.92"], ["其中：营业收入", "64,907.81", "43,952.92"],
            ["二、营业总成本", "59,424.04", "40,266.18"], ["其中：营业成本", "53,494.14", "35,513.21"],
            ["财务费用", "-120.50", "310.00"], ["加：公允价值变动收益", "-", "-"], ["投资收益", "0.00", "0.00"],
            ["三、营业利润", "5,483.77", "3,686.74"], ["加：营业外收入", "1,100.00", "950.00"],
            ["减：营业外支出", "22.14", "37.74"], ["四、利润总额", "6,561.63", "4,599.00"],
            ["减：所得税费用", "965.38", "675.57"], ["五、净利润", "5,596.25", "3,923.43"],
            ["归属于母公司所有者的净利润", "4,998.91", "3,597.44"], ["少数股东损益", "597.34", "325.99"]]
    table = ExtractedTable("r.pdf", 1, [1], (0, 0, 1, 1), rows, title="合并利润表")
    results = check_table(table)
    assert {r.label for r in results if r.checked and r.ok} >= {"三、营业利润", "四、利润总额", "五、净利润"}
    assert all(r.ok for r in results)
    rows[14][1] = "4,989.91"  # a misread digit in the parent's share
    assert [r.label for r in check_table(table) if not r.ok] == ["五、净利润"]
    summary = ExtractedTable("r.pdf", 1, [1], (0, 0, 1, 1), [rows[0], rows[1], rows[8], rows[11], rows[13]],
                             title="简要合并利润表")
    lacking = [r for r in check_table(summary) if not r.checked]
    assert lacking and all(r.params.get("missing") for r in lacking)  # each names the line it lacked
    assert not [r for r in check_table(summary) if not r.ok]


def test_cash_flows_reach_the_closing_balance():
    rows = [["项目", "2024年度"], ["经营活动现金流入小计", "530,807"], ["经营活动现金流出小计", "(467,471)"],
            ["经营活动产生的现金流量净额", "63,336"], ["投资活动现金流入小计", "646,877"],
            ["投资活动现金流出小计", "(678,736)"], ["投资活动使用的现金流量净额", "(31,859)"],
            ["筹资活动现金流入小计", "733,997"], ["筹资活动现金流出小计", "(807,930)"],
            ["筹资活动使用的现金流量净额", "(73,933)"], ["四、汇率变动对现金及现金等价物的影响", "1,183"],
            ["五、现金及现金等价物净减少额", "(41,273)"], ["加：年初现金及现金等价物余额", "300,000"],
            ["六、年末现金及现金等价物余额", "258,727"]]
    table = ExtractedTable("r.pdf", 1, [1], (0, 0, 1, 1), rows, title="合并现金流量表")
    results = check_table(table)
    assert all(r.checked and r.ok for r in results) and len(results) == 5
    rows[13][1] = "258,772"
    assert [r.label for r in check_table(table) if not r.ok] == ["六、年末现金及现金等价物余额"]


def test_a_ruled_table_at_the_foot_of_a_page_is_kept_beside_the_text_tables(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    from tests.extraction_docs import SIDE_LEFT, _write_rows

    _write_rows(page, [["Region", "2024", "2023"]] + SIDE_LEFT[1:], 100)
    xs, ys = [60, 200, 300, 400, 500], [620, 640, 660, 680, 700]
    cells = [["Rate", "Q1", "Q2", "Q3"], ["Base", "1.10", "1.20", "1.30"], ["Peak", "2.40", "2.50", "2.60"],
             ["Floor", "0.40", "0.45", "0.50"]]
    for y in ys:
        page.draw_line((xs[0], y), (xs[-1], y), width=0.7)
    for x in xs:
        page.draw_line((x, ys[0]), (x, ys[-1]), width=0.7)
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            page.insert_text((xs[c] + 5, ys[r] + 14), text, fontname="helv", fontsize=10)
    doc.save(tmp_path / "foot.pdf")
    tables = extract_tables(tmp_path / "foot.pdf")
    assert any(t.method == "ruled" and t.rows == cells for t in tables)
    assert len(tables) >= 2


def test_a_page_with_a_rotate_entry_is_read_as_printed(tmp_path):
    from tests.extraction_docs import write_balance_sheet

    upright = extract_tables(write_balance_sheet(tmp_path / "bs.pdf"))
    for rotation in (90, 180, 270):
        doc = pymupdf.open(tmp_path / "bs.pdf")
        for page in doc:
            page.set_rotation(rotation)
        doc.save(tmp_path / f"r{rotation}.pdf")
        assert [t.rows for t in extract_tables(tmp_path / f"r{rotation}.pdf")] == [t.rows for t in upright]


DEV_STATEMENTS = [("cn_prospectus_dev/国电电力发展股份有限公司.PDF", [95, 96]),
                  ("cn_prospectus_dev2/广东银禧科技股份有限公司.PDF", [207, 208, 209]),
                  ("cn_bank_annual_report_pingan_2024/平安银行：2024年年度报告.pdf", [126, 127, 134, 135, 136]),
                  # labels wrapped round their amounts; a turned page printing two amounts as one line
                  # and the statement's tail read as a second table on that page
                  ("cn_prospectus_dev2/苏州海陆重工股份有限公司.PDF", [163, 164, 165])]


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/data")
@pytest.mark.parametrize("doc, pages", DEV_STATEMENTS)
def test_income_and_cash_flow_statements_of_real_reports_are_checked_without_a_false_failure(doc, pages):
    from analyst_desk.core.extraction.checks import is_cash_flow_statement, is_income_statement

    tables = [t for t in extract_tables(Path(SHARED / doc), pages) if is_income_statement(t) or is_cash_flow_statement(t)]
    assert tables
    results = [r for t in tables for r in check_table(t)]
    assert sum(1 for r in results if r.checked and r.ok) >= 8
    assert [r.message for r in results if not r.ok] == []
    assert all(r.params.get("missing") or r.params.get("rows") for r in results if not r.checked)


def test_a_label_wrapped_round_its_amounts_is_one_row():
    from analyst_desk.core.extraction.cells import join_split_labels

    rows = [["投资收益", "-", "1,038,475.57"], ["其中：对联", "", ""], ["营企业和合营企", "", ""],
            ["", "-", "407,687.73"], ["业的投资收益", "", ""], ["资产减值损", "-502,155.31", "2,442,404.65"],
            ["失", "", ""], ["加：公允价值变", "", ""], ["", "-", "18,000.00"], ["动收益", "", ""],
            ["流动资产：", "", ""], ["货币资金", "1.00", "2.00"], ["非流动资产合计", "3.00", "4.00"], ["负债", "", ""]]
    assert [r[0] for r in join_split_labels(rows)] == [
        "投资收益", "其中：对联营企业和合营企业的投资收益", "资产减值损失", "加：公允价值变动收益", "流动资产：", "货币资金",
        "非流动资产合计", "负债"]  # a heading ("流动资产：", "负债") is never taken for a wrapped tail


def test_two_amounts_printed_as_one_line_are_two_cells():
    from analyst_desk.core.extraction.tables import _Cell, _split_amounts

    cell = _Cell("-135,103,749.88  -48,090,366.09", 100, 226, 10, 20)
    left, right = _split_amounts(cell)
    assert (left.text, right.text) == ("-135,103,749.88", "-48,090,366.09") and left.x1 < right.x0
    up, down = _split_amounts(_Cell(cell.text, 10, 20, 291, 417), (0, -1))  # a line running up a turned page
    assert up.y0 > down.y1
    assert _split_amounts(_Cell("1 234,5", 0, 40, 0, 10)) == [_Cell("1 234,5", 0, 40, 0, 10)]  # space-grouped


def test_a_statement_tail_read_as_a_table_of_its_own_on_the_same_page_is_joined():
    from analyst_desk.core.extraction.continuation import join_continuations

    head = ExtractedTable("r.pdf", 5, [5], (0, 100, 400, 400),
                          [["项目", "2007年度"], ["三、筹资活动产生的现金流量：", ""], ["筹资活动产生的现金流量净额", "46.0"]])
    tail = ExtractedTable("r.pdf", 5, [5], (0, 420, 400, 500),
                          [["四、汇率变动对现金及现金等价物的影响", "-"], ["五、现金及现金等价物净增加额", "22.6"]])
    other = ExtractedTable("r.pdf", 5, [5], (0, 520, 400, 600), [["项目", "2007年度"], ["流动比率", "2.57"]],
                           title="主要财务指标")
    joined = join_continuations([head, tail, other])
    assert len(joined) == 2 and joined[0].rows[-1][0] == "五、现金及现金等价物净增加额" and joined[0].pages == [5]
    unnumbered = ExtractedTable("r.pdf", 5, [5], (0, 420, 400, 500), [["流动比率", "1"], ["速动比率", "2"]])
    assert len(join_continuations([head, unnumbered])) == 2  # no next numbered item: a table of its own


def test_a_table_called_an_income_statement_without_its_lines_says_which_it_lacks():
    rows = [["项目", "2009年度"], ["流动比率", "2.57"], ["速动比率", "1.98"]]
    for title, missing in (("合并利润表", "营业利润、净利润"), ("合并现金流量表", "经营活动产生的现金流量净额")):
        results = check_table(ExtractedTable("r.pdf", 1, [1], (0, 0, 1, 1), rows, title=title))
        assert [r.status for r in results] == ["not_checked"] and results[0].params["missing"].startswith(missing)


@pytest.mark.parametrize("label", ["现金及现金等价物（减少）/增加额", "现金及现金等价物的净增加额",
                                   "五、现金及现金等价物净减少额"])
def test_the_net_change_in_cash_is_found_however_the_statement_words_it(label):
    rows = [["项目", "2007年度"], ["经营活动产生的现金流量净额", "13,784"], ["投资活动产生的现金流量净额", "(9,942)"],
            ["筹资活动产生的现金流量净额", "(4,060)"], [label, "(218)"], ["年初现金及现金等价物余额", "15,501"],
            ["年末现金及现金等价物余额", "15,283"]]
    results = check_table(ExtractedTable("r.pdf", 1, [1], (0, 0, 1, 1), rows, title="现金流量表主要数据"))
    assert {r.label for r in results if r.checked and r.ok} == {label, "年末现金及现金等价物余额"}
    rows[4][1] = "(281)"  # misread: the closing balance no longer follows; with no FX line the net change is unchecked
    results = check_table(ExtractedTable("r.pdf", 1, [1], (0, 0, 1, 1), rows, title="现金流量表主要数据"))
    assert [r.label for r in results if not r.ok] == ["年末现金及现金等价物余额"]
    assert any(r.label == label and r.params.get("missing", "").startswith("汇率变动") for r in results)


def test_a_ruled_grid_whose_header_is_ruled_apart_from_its_body_has_one_column_a_year():
    """科华恒盛's statements: the header's rulings fall between the body's, so each year's name and its
    amounts land in two neighbouring columns, and the padding columns between them hold nothing."""
    from analyst_desk.core.extraction.cells import compact_columns

    rows = [["项 目", "", "", "2009 年1-6 月", "", "", "2008 年", "", "2007 年", "", "", "2006 年"],
            ["一、营业总收入", "", "189,285,258.57", "", "", "431,312,294.99", "", "", "322,968,157.38", "",
             "217,424,050.28", ""],
            ["二、营业总成本", "", "164,054,545.19", "", "", "382,495,562.46", "", "", "286,935,186.05", "",
             "206,855,842.05", ""]]
    assert compact_columns(rows, 1) == [
        ["项 目", "2009 年1-6 月", "2008 年", "2007 年", "2006 年"],
        ["一、营业总收入", "189,285,258.57", "431,312,294.99", "322,968,157.38", "217,424,050.28"],
        ["二、营业总成本", "164,054,545.19", "382,495,562.46", "286,935,186.05", "206,855,842.05"]]
    # a grid already one column a year is left as it is
    assert compact_columns([r for r in [["项目", "2024", "2023"], ["营业收入", "1", "2"]]], 1) == [
        ["项目", "2024", "2023"], ["营业收入", "1", "2"]]
    # the labels left of the column headed 项目
    assert compact_columns([["", "项目", "2010 年", "2009 年"], ["经营活动现金流出小计", "", "90.5", "185.1"]], 1) == [
        ["项目", "2010 年", "2009 年"], ["经营活动现金流出小计", "90.5", "185.1"]]
    # a section heading under the header is body: the page with it and the page without compact alike
    assert compact_columns([["", "资 产", "2009 年"], ["流动资产：", "", ""], ["货币资金", "", "106.39"]], 2) == [
        ["资 产", "2009 年"], ["流动资产：", ""], ["货币资金", "106.39"]]
