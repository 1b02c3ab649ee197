"""Balance-sheet checks on the shapes prospectuses print besides the full statement: a summary of its
main lines, and the two-account layout with liabilities beside the assets."""

from __future__ import annotations

from analyst_desk.core.extraction.checks import check_table
from analyst_desk.core.extraction.tables import ExtractedTable

SUMMARY = [["项目", "2011年6月30日", "2010年12月31日"],
           ["资产总额", "1,337,842,317.82", "1,222,753,039.65"],
           ["流动资产", "872,747,515.14", "834,104,920.67"],
           ["负债总额", "442,128,407.91", "366,131,819.39"],
           ["流动负债", "316,058,487.07", "147,420,142.35"],
           ["少数股东权益", "32,300,372.95", "31,743,505.12"],
           ["归属于母公司股东权益合计", "863,413,536.96", "824,877,715.14"],
           ["股东权益合计", "895,713,909.91", "856,621,220.26"]]


def _table(rows, title=""):
    return ExtractedTable("t.pdf", 1, [1], (0, 0, 500, 500), rows, 1, title)


def test_a_summary_of_the_balance_sheets_main_lines_raises_no_false_alarm():
    results = check_table(_table(SUMMARY, "（一）合并资产负债表主要数据"))
    assert not [r for r in results if not r.ok]
    # the same lines under a full statement's title: 归属于母公司股东权益合计 is no sum of 流动负债 and 少数股东权益
    assert [r for r in check_table(_table(SUMMARY, "合并资产负债表")) if not r.ok]


def test_a_summary_in_its_own_words_still_balances_and_a_misread_total_is_caught():
    results = check_table(_table(SUMMARY, "（一）合并资产负债表主要数据"))
    assert [(r.column, r.ok) for r in results if r.code.startswith("check.balance")] == [(1, True), (2, True)]
    older = [["项目", "2006 年1-6 月", "2005 年12 月31 日"], ["流动资产", "114,376,427.06", "96,681,098.96"],
             ["总资产", "202,926,550.29", "184,470,740.46"], ["负债总额", "89,314,757.72", "77,672,027.29"],
             ["少数股东权", "30,174.58", "20,334.25"], ["股东权益", "113,581,617.99", "106,778,378.92"]]
    assert all(r.ok for r in check_table(_table(older, "（一）资产负债表主要数据")))  # minority printed apart
    misread = [list(r) for r in SUMMARY]
    misread[3][2] = "366,131,810.39"
    failed = [r for r in check_table(_table(misread, "（一）合并资产负债表主要数据")) if not r.ok]
    assert [(r.code, r.column) for r in failed] == [("check.balance_failed", 2)]


def test_a_summary_still_checks_the_totals_it_does_print_in_full():
    rows = [["项目", "2009.12.31", "2008.12.31"], ["流动资产", "68,960.68", "50,338.82"],
            ["非流动资产", "30,561.53", "20,332.98"], ["资产总计", "99,522.21", "70,671.80"],
            ["流动负债", "26,865.96", "34,156.38"], ["非流动负债", "38,027.11", "7,451.36"],
            ["负债总计", "64,893.07", "41,607.74"], ["股东权益", "34,629.14", "29,064.06"],
            ["负债和股东权益总计", "99,522.21", "70,671.80"]]
    results = check_table(_table(rows, "表1－1 简要合并资产负债表"))
    assert not [r for r in results if not r.ok]
    assert {r.label for r in results if r.ok and r.checked} >= {"资产总计", "负债总计"}
    rows[3] = ["资产总计", "99,552.21", "70,671.80"]  # a misread digit: assets no longer equal liabilities + equity
    failed = [r for r in check_table(_table(rows, "表1－1 简要合并资产负债表")) if not r.ok]
    assert [(r.label, r.column) for r in failed] == [("负债和股东权益总计", 1)]


def test_liabilities_printed_beside_the_assets_are_not_summed_under_the_asset_labels():
    rows = [["项目", "2007年7月31日", "项目", "2007年7月31日"],
            ["流动资产：", "", "流动负债：", ""],
            ["货币资金", "46.27", "应付账款", "48.97"],
            ["应收帐款", "57.51", "应付职工薪酬", "10.16"],
            ["其他应收款", "44.95", "应交税金", "0.41"],
            ["流动资产合计", "148.73", "其他应付款", "0.85"],
            ["非流动资产：", "", "流动负债合计", "60.39"],
            ["固定资产", "189.49", "非流动负债合计", "0"],
            ["递延所得税资产", "5.64", "负债合计", "60.39"],
            ["非流动资产合计", "195.13", "实收资本", "350"],
            ["资产总计", "343.86", "负债和所有者权益合计", "343.86"]]
    results = check_table(_table(rows, "资产负债表"))
    assert not [r for r in results if not r.ok]
    assert {r.label for r in results if r.ok and r.checked and r.column == 1} >= {"流动资产合计"}


SUPPLEMENT = [["项目", "2007年", "2006年"],
              ["1．将净利润调节为经营活动现金流量：", "", ""],
              ["净利润", "1,000.50", "900.00"],
              ["加：少数股东损益", "200.00", "150.00"],
              ["减：未确认的投资损失", "-", "10.00"],
              ["加：计提的资产减值准备", "50.25", "(20.00)"],
              ["固定资产折旧", "300.00", "280.00"],
              ["投资损失（减：收益）", "-40.00", "-30.00"],
              ["存货的减少（减：增加）", "(110.75)", "60.00"],
              ["其他", "-", "-"],
              ["经营活动产生的现金流量净额", "1,400.00", "1,330.00"],
              ["2．不涉及现金收支的投资和筹资活动：", "", ""],
              ["债务转为资本", "-", "-"],
              ["3．现金及现金等价物净增加情况：", "", ""],
              ["现金的期末余额", "429.40", "1,164.70"],
              ["减：现金的期初余额", "1,164.70", "2,371.80"],
              ["加：现金等价物的期末余额", "10.00", "-"],
              ["减：现金等价物的期初余额", "-", "-"],
              ["现金及现金等价物净增加额", "-725.30", "-1,207.10"]]


def test_a_cash_flow_supplement_checks_the_indirect_method_and_the_change_in_balances():
    """净利润 + the adjustments printed under it = the operating net flow (a 减 row deducted), and the
    net change = closing − opening balances of cash and of cash equivalents."""
    results = check_table(_table(SUPPLEMENT, "合并现金流量表（补充材料）"))
    ok = {(r.label, r.column) for r in results if r.ok and r.checked}
    assert ok == {("经营活动产生的现金流量净额", 1), ("经营活动产生的现金流量净额", 2),
                  ("现金及现金等价物净增加额", 1), ("现金及现金等价物净增加额", 2)}
    assert not [r for r in results if not r.ok]
    misread = [list(r) for r in SUPPLEMENT]
    misread[6][1] = "380.00"  # a misread depreciation figure
    misread[14][2] = "1,164.10"  # a misread closing balance
    failed = [(r.label, r.column) for r in check_table(_table(misread, "合并现金流量表（补充材料）")) if not r.ok]
    assert failed == [("经营活动产生的现金流量净额", 1), ("现金及现金等价物净增加额", 2)]


OLD_LAYOUT = [["项 目", "2006 年"],
              ["一、主营业务收入", "1,069.60"],
              ["其中：出口产品(商品)销售收入", "100.00"],
              ["进口产品(商品)销售收入", "20.00"],
              ["减：折扣与折让", "-"],
              ["二、主营业务收入净额", "-"],
              ["减:(一)主营业务成本", "1,171.30"],
              ["其中：出口产品(商品)销售成本", "80.00"],
              ["(二)主营业务税金及附加", "15.30"],
              ["三、主营业务利润(亏损以“－”号填列)", "-117.00"],
              ["加：其他业务利润(亏损以“－”号填列)", "-"],
              ["减：(一)营业费用", "-"],
              ["(二)管理费用", "-"],
              ["(三)财务费用", "157.30"],
              ["其中：利息支出", "158.90"],
              ["利息收入", "1.60"],
              ["(四)其他", "-"],
              ["四、营业利润(亏损以“－”号填列)", "-274.30"],
              ["加：(一)投资收益(损失以“－”号填列)", "-"],
              ["(二)营业外收入", "-"],
              ["减：(一)营业外支出", "-"],
              ["五、利润总额(亏损总额以“－”号填列)", "-274.30"],
              ["减：所得税", "-"],
              ["少数股东损益", "-"],
              ["六、净利润(净亏损以“－”号填列)", "-274.30"]]


def test_an_older_income_statement_with_breakdowns_under_its_revenue_is_checked():
    """A 其中 row and the unnumbered rows after it break down the item above; a sibling "（二）" ends the
    breakdown. A column printing '-' on most lines is still an amount column, and a company's
    其中：利息支出 / 利息收入 asks for no bank's 利息净收入."""
    results = check_table(_table(OLD_LAYOUT, "利润表"))
    assert {r.label for r in results if r.ok and r.checked} >= {
        "四、营业利润(亏损以“－”号填列)", "五、利润总额(亏损总额以“－”号填列)", "六、净利润(净亏损以“－”号填列)"}
    assert not [r for r in results if not r.ok]
    assert not [r for r in results if "利息净收入" in r.message]
    misread = [list(r) for r in OLD_LAYOUT]
    misread[8][1] = "13.50"  # the 税金及附加 figure misread: 营业利润 no longer follows (with breakdowns
    # printed, a mismatch is left unchecked rather than failed, but it is never passed)
    passed = {r.label for r in check_table(_table(misread, "利润表")) if r.ok and r.checked}
    assert "四、营业利润(亏损以“－”号填列)" not in passed and "六、净利润(净亏损以“－”号填列)" in passed


def test_a_banks_analysis_table_checks_net_interest_from_the_subtotals_under_it():
    rows = [["项目", "2024年", "2023年"], ["利息净收入", "93,427", "117,991"],
            ["发放贷款和垫款", "154,199", "183,849"], ["金融投资", "44,182", "43,768"],
            ["利息收入小计", "198,381", "227,617"], ["吸收存款", "72,321", "75,542"],
            ["已发行债务证券", "32,633", "34,084"], ["利息支出小计", "104,954", "109,626"]]
    results = check_table(_table(rows, "利润表项目分析"))
    assert [(r.label, r.column, r.ok) for r in results if r.checked] == [("利息净收入", 1, True), ("利息净收入", 2, True)]
    rows[7][2] = "109,026"
    assert [(r.column, r.ok) for r in check_table(_table(rows, "利润表项目分析")) if r.checked] == [(1, True), (2, False)]


def test_a_summary_cash_flow_table_in_its_own_words_is_checked():
    rows = [["项 目", "2007年度", "2006年"],
            ["经营活动产生的现金流入", "782,299,319.09", "561,936,374.95"],
            ["经营活动产生的现金流出", "631,844,956.27", "517,838,299.09"],
            ["经营活动产生的现金流量净额", "150,454,362.82", "44,098,075.86"],
            ["投资活动产生的现金流入", "15,350.00", "7,154,906.45"],
            ["投资活动产生的现金流出", "174,450,593.39", "55,245,272.54"],
            ["投资活动产生的现金流量净额", "-174,435,243.39", "-48,090,366.09"]]
    results = check_table(_table(rows, "现金流量表主要数据"))
    assert [(r.label, r.column) for r in results if r.ok and r.checked] == [
        ("经营活动产生的现金流量净额", 1), ("经营活动产生的现金流量净额", 2),
        ("投资活动产生的现金流量净额", 1), ("投资活动产生的现金流量净额", 2)]
    rows[2][1] = "631,844,965.27"
    assert [(r.label, r.column) for r in check_table(_table(rows, "现金流量表主要数据")) if not r.ok] == [
        ("经营活动产生的现金流量净额", 1)]


def test_a_sentence_naming_a_statement_above_a_table_is_not_its_title(tmp_path):
    """"…纳入合并利润表。" in the text above a list of subsidiaries does not make the list an income statement."""
    from analyst_desk.core.extraction.checks import is_income_statement
    from analyst_desk.core.extraction.tables import extract_tables
    from analyst_desk.core.pdf import new_pdf
    from tests.extraction_ruled import _draw_grid

    doc = new_pdf()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 80), "报告期内处置子公司，该子公司期初至处置日的收入、费用、利润纳入合并", fontname="china-s", fontsize=10)
    page.insert_text((60, 96), "利润表，该子公司期初至处置日的现金流量纳入合并现金流量表。", fontname="china-s", fontsize=10)
    rows = [["Subsidiary", "Capital", "Share"], ["Alpha Lighting Ltd", "1,200.00", "100.00%"],
            ["Beta Energy Ltd", "2,008.00", "98.00%"], ["Gamma Optics Ltd", "5,000.00", "65.00%"]]
    _draw_grid(page, rows, 60, 120, [200, 120, 100], 9)
    doc.save(tmp_path / "list.pdf")
    table = extract_tables(tmp_path / "list.pdf")[0]
    assert table.title == "" and not is_income_statement(table)


def test_a_total_read_blank_is_not_checked_as_zero():
    """A cell the reader lost (nothing printed, not even '-') is no zero profit: that column goes
    unchecked instead of failing, and the other columns are still checked."""
    rows = [["项目", "2009年", "2008年"], ["四、利润总额", "25,245,044.08", "49,842,785.87"],
            ["减：所得税费用", "4,030,525.72", "8,421,974.99"], ["五、净利润", "21,214,518.36", ""]]
    results = [r for r in check_table(_table(rows, "利润表")) if "利润总额" in r.message or "利润总额" in r.label]
    assert [(r.column, r.ok, r.checked) for r in results if "净利润" in r.label] == [(1, True, True)]
