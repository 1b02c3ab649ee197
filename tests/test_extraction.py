"""An analyst turns statement tables into Excel: exact numbers, units, sources, and checks that catch errors."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import openpyxl
import pytest

from analyst_desk.core.extraction.checks import check_table
from analyst_desk.core.extraction.excel import write_tables
from analyst_desk.core.extraction.fields import FigureResult, canonical_field, find_figures, write_figures
from analyst_desk.core.extraction.numbers import parse_cell
from analyst_desk.core.extraction.tables import extract_tables, parse_pages
from tests.conftest import ROOT
from tests.extraction_docs import BALANCE_SHEET_P1, BALANCE_SHEET_P2, HEADER, write_balance_sheet, write_key_figures_report


@pytest.fixture
def statement(tmp_path):
    return write_balance_sheet(tmp_path / "bs.pdf")


def test_a_balance_sheet_across_two_pages_becomes_one_exact_table(statement):
    tables = extract_tables(statement)
    assert len(tables) == 1
    table = tables[0]
    assert table.pages == [1, 2] and table.title == "合并资产负债表"
    assert table.unit.name == "百万元"
    expected = [HEADER] + BALANCE_SHEET_P1 + BALANCE_SHEET_P2
    assert [r[0] for r in table.rows] == [r[0] for r in expected]
    cells = sum(1 for r in expected[1:] for c in r[1:] if c)
    exact = sum(1 for got, want in zip(table.rows[1:], expected[1:]) for g, w in zip(got[1:], want[1:]) if w and g == w)
    assert exact / cells >= 0.98
    assert "continued on page 2" in table.notes[0]


def test_negatives_in_parentheses_and_triangles_are_negative(statement):
    table = extract_tables(statement)[0]
    row = next(r for r in table.rows if r[0] == "衍生金融负债")
    assert parse_cell(row[1]).value == Decimal("-1250")
    assert parse_cell(row[2]).value == Decimal("-980")


def test_totals_and_balance_are_checked(statement):
    results = check_table(extract_tables(statement)[0])
    assert results and all(r.ok for r in results), [r.message for r in results if not r.ok]
    assert any("balances" in r.message for r in results)


def test_a_wrong_total_is_reported_as_a_mismatch(tmp_path):
    wrong = [list(r) for r in BALANCE_SHEET_P2]
    wrong[4] = ["负债合计", "214,680", "218,803"]  # digits swapped
    table = extract_tables(write_balance_sheet(tmp_path / "wrong.pdf", p2=wrong))[0]
    failed = [r for r in check_table(table) if not r.ok]
    assert len(failed) == 1 and "负债合计 is 214,680 but its items add up to 214,860" in failed[0].message


def test_excel_holds_numbers_as_numbers_with_sources(statement, tmp_path):
    out = tmp_path / "tables.xlsx"
    summary = write_tables(extract_tables(statement), out)
    assert summary["mismatches"] == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[-2:] == ["Sources", "Checks"]  # the tables first, where they came from after
    sheet = book[book.sheetnames[0]]
    values = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    cash = values["现金及存放中央银行款项"][1]
    assert cash.value == 268973 and isinstance(cash.value, int) and cash.number_format == "#,##0"
    assert values["衍生金融负债"][1].value == -1250
    assert sheet["A1"].value == "合并资产负债表" and sheet["A1"].font.bold
    assert sheet["A2"].value.startswith("Unit: 百万元")
    assert [c.value for c in sheet[3]] == HEADER and sheet["B3"].font.bold and not sheet["B4"].font.bold
    assert sheet.freeze_panes == "B4"
    assert "page 1, 2" in sheet["A1"].comment.text and "百万元" in sheet["A1"].comment.text
    sources = list(book["Sources"].iter_rows(min_row=2, values_only=True))
    assert sources[0][1] == "bs.pdf" and sources[0][2] == "1, 2" and sources[0][4] == "百万元"
    assert book["Sources"]["A2"].hyperlink.location or book["Sources"]["A2"].hyperlink.target


def test_a_workbook_written_from_the_chinese_window_is_in_chinese(statement, tmp_path):
    out = tmp_path / "tables.xlsx"
    write_tables(extract_tables(statement), out, language="zh")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[-2:] == ["来源", "核查"]
    assert book[book.sheetnames[0]]["A2"].value.startswith("单位：百万元")
    details = [row[4] for row in book["核查"].iter_rows(min_row=2, values_only=True)]
    assert details and all(not any("a" <= ch.lower() <= "z" for ch in d) for d in details), details
    assert any("各项之和" in d for d in details) and any("资产负债表平衡" in d for d in details)


def test_amounts_can_be_scaled_to_one_unit(statement, tmp_path):
    out = tmp_path / "yi.xlsx"
    write_tables(extract_tables(statement), out, unit="亿元")
    sheet = openpyxl.load_workbook(out).worksheets[0]
    cash = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "现金及存放中央银行款项")[1]
    assert cash.value == pytest.approx(2689.73)


def test_page_ranges_are_parsed():
    assert parse_pages("3-5,8", 10) == [3, 4, 5, 8]
    assert parse_pages("9-12", 10) == [9, 10]
    assert parse_pages(None, 3) == [1, 2, 3]


def test_key_figures_come_with_page_and_source_text(tmp_path):
    report = write_key_figures_report(tmp_path / "report.pdf")
    results = {r.field: r for r in find_figures(report, ["营业收入", "net profit", "净息差", "资本充足率"])}
    revenue = results["营业收入"]
    assert (revenue.status, revenue.value, revenue.page, revenue.unit) == ("ok", 52310.0, 1, "百万元")
    assert revenue.source_text.startswith("营业收入 | 52,310")
    profit = results["净利润"]  # "net profit" maps to the same field
    assert profit.value == 8765.0 and "归属于母公司股东的净利润" in profit.source_text
    nim = results["净息差"]
    assert (nim.value, nim.unit, nim.page) == (0.0205, "%", 2) and "净息差为2.05%" in nim.source_text
    assert results["资本充足率"].status == "not found" and results["资本充足率"].value is None


def test_a_value_is_only_accepted_as_one_number_printed_on_the_page(tmp_path):
    """Digits of two adjacent cells run together are not a number the page prints (issue 11)."""
    import pymupdf

    from analyst_desk.core.extraction.figures import page_number_tokens, printed_as_one_token

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((60, 100), "归属于母公司股东的净利润", fontname="china-s", fontsize=10)
    page.insert_text((250, 100), "129,465,020.68", fontname="helv", fontsize=10)
    page.insert_text((336, 100), "182,004,113.27", fontname="helv", fontsize=10)
    tokens, _ = page_number_tokens(page)
    assert printed_as_one_token("129,465,020.68", tokens) and printed_as_one_token("182,004,113.27", tokens)
    assert not printed_as_one_token("129,465,020.68182", tokens)
    assert not printed_as_one_token("465,020.68", tokens)  # a piece of a number is not a number either


def test_key_figures_take_the_requested_period_and_the_fields_kind_of_number(tmp_path):
    report = write_key_figures_report(tmp_path / "report.pdf")
    previous = {r.field: r for r in find_figures(report, ["营业收入", "不良贷款率"], period="2023")}
    assert (previous["营业收入"].value, previous["营业收入"].period) == (49876.0, "2023年")
    assert previous["不良贷款率"].value == pytest.approx(0.0118)
    headcount = find_figures(report, ["职工人数"])[0]
    assert headcount.status == "not found" and headcount.value is None  # no row or sentence gives a count


def test_synonyms_map_to_one_field():
    assert canonical_field("net profit") == canonical_field("净利润") == "净利润"
    assert canonical_field("NPL ratio") == "不良贷款率"


def test_figures_workbook_flags_rows_without_a_verified_value(tmp_path):
    out = write_figures([FigureResult("a.pdf", "营业收入", "ok", 1.5, "1.5", "亿元", "2024", 3, "营业收入1.5亿元"),
                         FigureResult("a.pdf", "净利润", "flagged", None, "9", "", "", 3, "x", "not on page")],
                        tmp_path / "f.xlsx")
    rows = list(openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert rows[0][2] == 1.5 and rows[0][5] == 3
    assert rows[1][2] is None and rows[1][7] == "flagged"


def run_cli(*args, home):
    env = dict(os.environ, ANALYST_DESK_HOME=str(home), ANALYST_DESK_BLOCK_NETWORK="1")
    return subprocess.run([sys.executable, "-m", "analyst_desk", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_cli_extracts_tables_and_fields(statement, tmp_path):
    result = run_cli("extract", "tables", str(statement), "-o", str(tmp_path / "t.xlsx"), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "0 mismatches" in result.stdout and (tmp_path / "t.xlsx").exists()
    report = write_key_figures_report(tmp_path / "report.pdf")
    result = run_cli("extract", "fields", "--fields", "营业收入,净利润", str(report), "-o", str(tmp_path / "f.xlsx"),
                     home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "营业收入: 52,310 百万元  (p. 1)" in result.stdout


def test_cli_reports_bad_files_in_one_line(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    result = run_cli("extract", "tables", str(bad), "-o", str(tmp_path / "x.xlsx"), home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: bad.pdf is damaged or not a real PDF")


def test_income_statement_identities_are_checked_and_a_dropped_minus_sign_is_caught():
    from analyst_desk.core.extraction.checks import check_table
    from analyst_desk.core.extraction.tables import ExtractedTable

    rows = [["项目", "附注", "2024年度", "2023年度"],
            ["一、营业收入", "", "", ""],
            ["利息收入", "37", "198,381", "227,617"],
            ["利息支出", "37", "(104,954)", "(109,626)"],
            ["利息净收入", "37", "93,427", "117,991"],
            ["手续费及佣金收入", "38", "28,000", "33,000"],
            ["减：手续费及佣金支出", "38", "3,888", "3,570"],  # printed without parentheses
            ["手续费及佣金净收入", "38", "24,112", "29,430"],
            ["四、营业利润", "", "55,000", "58,000"],
            ["加：营业外收入", "", "236", "77"],
            ["减：营业外支出", "", "(498)", "(359)"],
            ["五、利润总额", "", "54,738", "57,718"],
            ["减：所得税费用", "46", "(10,230)", "(11,263)"],
            ["六、净利润", "", "44,508", "46,455"]]
    table = ExtractedTable(source="r.pdf", page=126, pages=[126], bbox=(0, 0, 1, 1), rows=rows, title="合并利润表")
    results = check_table(table)
    checked = [r for r in results if r.checked]
    assert len(checked) == 8 and all(r.ok for r in checked), [r.message for r in results if not r.ok]
    # What cannot be checked says which line it lacks: no 营业支出 total, no 归属于母公司 line.
    assert {r.params["missing"] for r in results if not r.checked} == {"营业总成本/减项", "归属于母公司所有者的净利润"}
    rows[12][2] = "10,230"  # an extraction that lost the parentheses still subtracts tax…
    assert all(r.ok for r in check_table(table))
    rows[13][2] = "54,738"  # …but a net profit that does not follow is caught
    failed = [r for r in check_table(table) if not r.ok]
    assert len(failed) == 1 and "净利润" in failed[0].message and "difference" in failed[0].message


def test_cash_flow_identities_catch_a_misread_subtotal():
    from analyst_desk.core.extraction.checks import check_table
    from analyst_desk.core.extraction.tables import ExtractedTable

    rows = [["项目", "2024年度", "2023年度"],
            ["经营活动现金流入小计", "530,807", "529,035"],
            ["经营活动现金流出小计", "(467,471)", "(436,574)"],
            ["经营活动产生的现金流量净额", "63,336", "92,461"],
            ["投资活动现金流入小计", "646,877", "440,725"],
            ["投资活动现金流出小计", "678,736", "466,867"],  # outflow printed without parentheses
            ["投资活动使用的现金流量净额", "(31,859)", "(26,142)"],
            ["筹资活动现金流入小计", "733,997", "933,416"],
            ["筹资活动现金流出小计", "(807,930)", "(925,327)"],
            ["筹资活动(使用)/产生的现金流量净额", "(73,933)", "8,089"],
            ["四、汇率变动对现金及现金等价物的影响", "1,183", "1,485"],
            ["五、现金及现金等价物净(减少)/增加额", "(41,273)", "75,893"]]
    table = ExtractedTable(source="r.pdf", page=134, pages=[134], bbox=(0, 0, 1, 1), rows=rows, title="合并现金流量表")
    results = check_table(table)
    checked = [r for r in results if r.checked]
    assert len(checked) == 8 and all(r.ok for r in checked), [r.message for r in results if not r.ok]
    assert [r.params["missing"] for r in results if not r.checked] == ["期末现金及现金等价物余额"]
    rows[3][1] = "36,336"  # a misread digit in the operating subtotal fails two identities
    failed = [r for r in check_table(table) if not r.ok]
    assert len(failed) == 2 and all("difference" in r.message for r in failed)


def test_unit_scaling_reaches_every_page_of_a_statement(tmp_path):
    """The unit is printed on the first page only; --unit 万元 still scales the second page's rows."""
    pdf = write_balance_sheet(tmp_path / "bs.pdf", second_title="", second_unit=False)
    tables = extract_tables(pdf)
    assert len(tables) == 1 and tables[0].pages == [1, 2] and tables[0].unit.name == "百万元"
    out = tmp_path / "wan.xlsx"
    write_tables(tables, out, unit="万元")
    sheet = openpyxl.load_workbook(out).worksheets[0]
    values = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=4)}
    assert values["现金及存放中央银行款项"] == 26897300  # page 1: 268,973 百万元
    assert values["负债及股东权益总计"] == 46647500  # page 2: 466,475 百万元
    assert values["衍生金融负债"] == -125000


def test_each_amount_column_has_one_number_format(tmp_path):
    p1 = [list(r) for r in BALANCE_SHEET_P1]
    p1[2] = ["存放同业款项", "132,090.5", "93,597"]
    p1[4] = ["资产总计", "466,475.5", "408,781"]
    out = tmp_path / "formats.xlsx"
    write_tables(extract_tables(write_balance_sheet(tmp_path / "bs.pdf", p1=p1)), out)
    sheet = openpyxl.load_workbook(out).worksheets[0]
    numbers = [row for row in sheet.iter_rows(min_row=4) if isinstance(row[1].value, (int, float))]
    assert {row[1].number_format for row in numbers} == {"#,##0.0"}
    assert {row[2].number_format for row in numbers} == {"#,##0"}


def test_one_call_over_several_pages_agrees_with_page_by_page_calls(tmp_path):
    """A statement continuing on the next page is one table; a new statement on the next page is another;
    either way the rows are those of the single-page calls."""
    from tests.extraction_docs import write_two_statements

    continued = write_balance_sheet(tmp_path / "continued.pdf")
    separate = write_two_statements(tmp_path / "separate.pdf")
    joined = extract_tables(continued)
    pages = [extract_tables(continued, [n]) for n in (1, 2)]
    assert len(joined) == 1 and joined[0].pages == [1, 2]
    assert joined[0].rows == pages[0][0].rows + pages[1][0].rows[pages[1][0].header_rows:]
    two = extract_tables(separate)
    assert [t.title for t in two] == ["合并资产负债表", "合并利润表"]
    assert [t.rows for t in two] == [extract_tables(separate, [n])[0].rows for n in (1, 2)]
