"""A prospectus prints its income statement in full (元) and again as a 简要合并利润表 in 万元 whose lines
no identity adds up: the analyst gets the summary checked line by line against the full statement."""

from __future__ import annotations

import openpyxl
import pymupdf

from analyst_desk.core.extraction.checks import check_table
from analyst_desk.core.extraction.excel import write_tables
from analyst_desk.core.extraction.periods import Period, parse_period
from analyst_desk.core.extraction.tables import extract_tables
from analyst_desk.core.pdf import new_pdf

PERIODS = ["2011年1-6月", "2010年度", "2009年度"]
#: The full statement in 元 (operating profit = revenue − costs + investment income, and so on down).
FULL = [
    ["一、营业总收入", "123,456,789.12", "210,987,654.32", "180,123,456.78"],
    ["其中：营业收入", "123,456,789.12", "210,987,654.32", "180,123,456.78"],
    ["二、营业总成本", "93,456,789.12", "170,987,654.32", "150,123,456.78"],
    ["其中：营业成本", "80,000,000.00", "150,000,000.00", "130,000,000.00"],
    ["销售费用", "6,000,000.00", "9,000,000.00", "8,000,000.00"],
    ["管理费用", "7,456,789.12", "11,987,654.32", "12,123,456.78"],
    ["加：投资收益", "1,000,000.00", "2,000,000.00", "1,500,000.00"],
    ["三、营业利润", "31,000,000.00", "42,000,000.00", "31,500,000.00"],
    ["加：营业外收入", "500,000.00", "800,000.00", "600,000.00"],
    ["减：营业外支出", "100,000.00", "400,000.00", "100,000.00"],
    ["四、利润总额", "31,400,000.00", "42,400,000.00", "32,000,000.00"],
    ["减：所得税费用", "4,710,000.00", "6,360,000.00", "4,800,000.00"],
    ["五、净利润", "26,690,000.00", "36,040,000.00", "27,200,000.00"],
    ["归属于母公司所有者的净利润", "26,000,000.00", "35,000,000.00", "26,500,000.00"],
    ["少数股东损益", "690,000.00", "1,040,000.00", "700,000.00"],
]
#: The same lines as the 概览 prints them, in 万元 rounded to two places.
SUMMARY = [
    ["营业收入", "12,345.68", "21,098.77", "18,012.35"],
    ["营业利润", "3,100.00", "4,200.00", "3,150.00"],
    ["利润总额", "3,140.00", "4,240.00", "3,200.00"],
    ["净利润", "2,669.00", "3,604.00", "2,720.00"],
    ["归属于母公司股东的净利润", "2,600.00", "3,500.00", "2,650.00"],
]


def _page(doc, title: str, unit: str, rows: list[list[str]]) -> None:
    page = doc.new_page(width=595, height=842)
    page.insert_text((220, 60), title, fontname="china-s", fontsize=13)
    page.insert_text((440, 84), unit, fontname="china-s", fontsize=9)
    page.insert_text((60, 110), "项目", fontname="china-s", fontsize=9)
    for i, period in enumerate(PERIODS):
        page.insert_text((300 + i * 95, 110), period, fontname="china-s", fontsize=9)
    y = 134
    for row in rows:
        page.insert_text((60, y), row[0], fontname="china-s", fontsize=9)
        for i, cell in enumerate(row[1:]):
            width = pymupdf.get_text_length(cell, fontname="helv", fontsize=9)
            page.insert_text((370 + i * 95 - width, y), cell, fontname="helv", fontsize=9)
        y += 18


def _prospectus(path, summary=SUMMARY, *, full_title="合并利润表", summary_title="（一）简要合并利润表"):
    """Page 1: the 概览's summary in 万元; page 2: a page of text; page 3: the full statement in 元."""
    doc = new_pdf()
    _page(doc, summary_title, "单位：万元", summary)
    doc.new_page(width=595, height=842).insert_text((60, 100), "第十节 财务会计信息", fontname="china-s", fontsize=12)
    _page(doc, full_title, "单位：元", FULL)
    doc.save(path)
    return path


def _checks(path):
    tables = extract_tables(path)
    summary = next(t for t in tables if "简要" in t.title)
    return summary, check_table(summary, tables)


def test_a_summary_in_wan_yuan_agrees_line_by_line_with_the_full_statement_in_yuan(tmp_path):
    summary, results = _checks(_prospectus(tmp_path / "p.pdf"))
    references = [r for r in results if r.code.startswith("check.reference")]
    assert len(references) == 15 and all(r.status == "ok" for r in references), [r.message for r in references]
    # on its own the summary adds nothing up: without the document no check passes
    assert not [r for r in check_table(summary) if r.status == "ok"]
    first = references[0]
    assert first.params["page"] == 1 and first.params["other_page"] == 3
    assert first.localised("zh") == ("营业收入（2011年1-6月）：第 1 页的 12,345.68万元 与第 3 页完整报表的 "
                                     "123,456,789.12元 一致")


def test_a_summary_figure_that_disagrees_fails_naming_the_line_both_amounts_and_both_pages(tmp_path):
    planted = [list(r) for r in SUMMARY]
    planted[2][2] = "4,204.00"  # 利润总额 2010: two digits swapped
    _, results = _checks(_prospectus(tmp_path / "p.pdf", planted))
    failed = [r for r in results if r.status == "failed"]
    assert [(r.label, r.params["period"]) for r in failed] == [("利润总额", "2010年度")]
    assert failed[0].message == ("利润总额 (2010年度) is 4,204.00 万元 on p.1 but the full statement on p.3 prints "
                                 "42,400,000.00 元")
    assert sum(r.status == "ok" for r in results) == 14


def test_rounding_to_the_summarys_precision_passes_and_a_cent_beyond_it_does_not(tmp_path):
    rounded = [list(r) for r in SUMMARY]
    rounded[0][1] = "12,345.7"  # one place fewer: 123,457,000 元 is within half of 0.1 万元 of 123,456,789.12
    rounded[0][2] = "21,098.78"  # 210,987,800 元 is 145.68 元 off: more than half a cent of a 万元
    _, results = _checks(_prospectus(tmp_path / "p.pdf", rounded))
    revenue = {r.column: r.status for r in results if r.label == "营业收入"}
    assert revenue == {1: "ok", 2: "failed", 3: "ok"}


def test_a_summary_line_the_full_statement_does_not_print_is_not_checked_and_named(tmp_path):
    extra = SUMMARY + [["扣除非经常性损益后的净利润", "2,630.00", "3,540.00", "2,660.00"]]
    _, results = _checks(_prospectus(tmp_path / "p.pdf", extra))
    lacking = [r for r in results if r.code == "check.reference_no_line"]
    assert [r.label for r in lacking] == ["扣除非经常性损益后的净利润"]
    assert lacking[0].localised("zh") == "扣除非经常性损益后的净利润 未核查：完整报表（第 3 页）中没有“扣除非经常性损益后的净利润”行"
    assert not [r for r in results if r.status == "failed"]


def test_a_consolidated_summary_is_never_held_against_the_parent_companys_statement(tmp_path):
    for parent in ("母公司利润表", "银行利润表"):  # a bank calls its own statement 银行利润表 beside 合并利润表
        _, results = _checks(_prospectus(tmp_path / "p.pdf", full_title=parent))
        assert [(r.status, r.code) for r in results if r.code.startswith("check.reference")] == \
            [("not_checked", "check.reference_no_statement")]
        assert results[-1].localised("zh") == "（一）简要合并利润表 未与完整报表核对：所读表格中没有完整的合并利润表"


def test_the_excel_check_sheet_lists_the_failed_summary_line_in_chinese(tmp_path):
    planted = [list(r) for r in SUMMARY]
    planted[3][1] = "2,696.00"  # 净利润 2011年1-6月
    tables = extract_tables(_prospectus(tmp_path / "p.pdf", planted))
    summary = write_tables(tables, tmp_path / "out.xlsx", language="zh")
    assert summary["mismatches"] == 1
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    failed = [row for row in book["核查"].iter_rows(values_only=True) if row[3] == "未通过"]
    assert len(failed) == 1 and "第 1 页为 2,696.00万元" in failed[0][4] and "第 3 页完整报表为 26,690,000.00元" in failed[0][4]
    sources = {row[3]: row[8] for row in book["来源"].iter_rows(min_row=2, values_only=True)}
    assert sources["（一）简要合并利润表"] == 1 and sources["合并利润表"] == 0  # its 未通过的核查 column


def test_column_headers_name_their_period_however_they_are_written():
    assert parse_period("2011年1-6月") == parse_period("2011 年 1－6 月") == parse_period("2011.1-6") == Period(2011, 1, 6)
    assert parse_period("2010年度") == parse_period("2010 年") == parse_period("2010") == Period(2010, 1, 12)
    assert parse_period("2010年12月31日") == parse_period("2010.12.31") == Period(2010, 1, 12)
    assert parse_period("2011.6.30/2011年1-6月") == Period(2011, 1, 6)
    assert parse_period("2024 年第一季度") == Period(2024, 1, 3) and parse_period("2024年四季度") == Period(2024, 10, 12)
    assert parse_period("截至6 月30 日止 6 个月期间 2006 年 (未经审计)") == Period(2006, 1, 6)
    assert parse_period("本期金额") is None and parse_period("2010年度 2009年度") is None


def test_a_subsidiarys_main_figures_that_agree_nowhere_are_not_failed_against_the_issuers_statement(tmp_path):
    # 第五节 prints a subsidiary's 利润表主要数据: the same line names, none of the issuer's figures
    subsidiary = [[row[0], *(f"{float(c.replace(',', '')) / 3:,.2f}" for c in row[1:])] for row in SUMMARY]
    _, results = _checks(_prospectus(tmp_path / "p.pdf", subsidiary, summary_title="（一）简要合并利润表"))
    assert not [r for r in results if r.status == "failed"]
    unconfirmed = [r for r in results if r.code == "check.reference_unconfirmed"]
    assert len(unconfirmed) == 15
    assert unconfirmed[0].localised("en").startswith("营业收入 (2011年1-6月) not checked: 4,115.23 万元 on p.1 differs "
                                                     "from the full statement's 123,456,789.12 元 (p.3)")


def test_net_profit_after_non_recurring_items_is_not_held_against_net_profit(tmp_path):
    extra = SUMMARY + [["归属于母公司股东的净利润（扣除非经常性损益后）", "2,500.00", "3,400.00", "2,600.00"]]
    _, results = _checks(_prospectus(tmp_path / "p.pdf", extra))
    assert not [r for r in results if r.status == "failed"]
    assert [r.code for r in results if r.label.endswith("（扣除非经常性损益后）")] == ["check.reference_no_line"]


def test_a_summary_line_named_by_the_statements_total_is_compared_with_that_total(tmp_path):
    # a bank's statement heads its revenue "一、营业收入" and prints the amount on 营业收入合计
    full = [["一、营业收入", "", "", ""], ["营业收入合计", *FULL[0][1:]], *FULL[2:]]
    doc = new_pdf()
    _page(doc, "（一）简要合并利润表", "单位：万元", SUMMARY)
    _page(doc, "合并利润表", "单位：元", full)
    doc.save(tmp_path / "p.pdf")
    _, results = _checks(tmp_path / "p.pdf")
    assert {r.status for r in results if r.label == "营业收入"} == {"ok"}
