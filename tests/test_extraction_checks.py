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
