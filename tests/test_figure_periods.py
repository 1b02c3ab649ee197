"""Every figure a draft states carries its period, decided by the app from the fact it matched: the model
only phrases. A half-year figure written undated, or under the bare year, reads as the year's."""

from __future__ import annotations

from decimal import Decimal

from analyst_desk.core.drafting.figure_periods import KnownFigure, add_periods, known_figures
from analyst_desk.core.library.table_facts.model import Fact


def _fact(label: str, value: str, unit: str, period: str, **extra) -> Fact:
    return Fact(doc_id="d", page=4, row_label=label, column="", value_text=value, value=Decimal(value), unit=unit,
                period=period, **extra)


#: A half-year prospectus (南岭民爆's periods): 2006年1-6月 beside 2005年度, and a balance at 2006-06-30.
KNOWN = [KnownFigure.of_fact(f) for f in (
    _fact("营业收入", "108919222.84", "元", "2006H1"), _fact("营业收入", "192345678.00", "元", "2005"),
    _fact("资产总计", "203456789.00", "元", "2006-06-30"), _fact("毛利率", "38.85", "%", "2006H1"))]


def dated(text: str, language: str = "zh") -> str:
    return add_periods(text, KNOWN, language)[0]


def test_an_undated_half_year_figure_gets_its_period_right_after_it():
    assert dated("公司营业收入为1.09亿元[9]。") == "公司营业收入为1.09亿元（2006年1-6月）[9]。"
    # Each figure is dated where it stands: a bracket after the first one is not read as the second's.
    assert dated("营业收入为1.09亿元[9]，毛利率为38.85%[9]。") == \
        "营业收入为1.09亿元（2006年1-6月）[9]，毛利率为38.85%（2006年1-6月）[9]。"
    assert dated("最新一期营业收入108,919,222.84元。") == "最新一期营业收入108,919,222.84元（2006年1-6月）。"
    assert dated("营业收入为1.92亿元[9]。") == "营业收入为1.92亿元（2005年度）[9]。"


def test_a_bare_year_before_a_part_year_figure_becomes_the_period():
    assert dated("2006年营业收入为1.09亿元[9]。") == "2006年1-6月营业收入为1.09亿元[9]。"
    assert dated("2006年度，公司营业收入为1.09亿元。") == "2006年度，公司营业收入为1.09亿元（2006年1-6月）。"


def test_a_figure_the_sentence_dates_rightly_is_left_alone():
    for text in ("2006年1-6月营业收入为1.09亿元[9]，资产总计2.03亿元。",  # a balance at the span's end
                 "2006年上半年营业收入为1.09亿元。",
                 "截至2006年6月30日，资产总计为2.03亿元。",
                 "2005年、2006年1-6月营业收入分别为1.92亿元和1.09亿元[9]。",  # 分别: any period named before it
                 "营业收入1.09亿元（2006年1-6月）[9]。",
                 "| 营业收入 | 1.09亿元 | 1.92亿元 |"):  # a table row: its header names the periods
        assert dated(text) == text


def test_a_comparisons_base_year_is_not_the_figures_period():
    assert dated("营业收入为1.92亿元，较2004年增长25.61%。") == "营业收入为1.92亿元（2005年度），较2004年增长25.61%。"
    assert dated("公司成立于2001年，营业收入为1.92亿元[9]。") == "公司成立于2001年，营业收入为1.92亿元（2005年度）[9]。"


def test_a_figure_of_no_known_fact_or_of_several_periods_is_not_touched():
    assert dated("注册资本为7,000万元[1]。") == "注册资本为7,000万元[1]。"
    twice = KNOWN + [KnownFigure.of_fact(_fact("营业收入", "108919222.84", "元", "2005"))]
    assert add_periods("营业收入为1.09亿元。", twice)[0] == "营业收入为1.09亿元。"


def test_a_figure_named_as_another_row_is_not_dated_as_this_one():
    assert dated("净利润为1.09亿元。") == "净利润为1.09亿元。"


def test_a_statement_line_dates_a_figure_only_when_the_sentence_names_its_row():
    lines = known_figures(statements=[_fact("营业收入", "108919222.84", "元", "2006H1", primary=True),
                                      _fact("营业外收入", "1230000.00", "元", "2006H1", primary=True)])
    assert add_periods("营业收入为1.09亿元。", lines)[0] == "营业收入为1.09亿元（2006年1-6月）。"
    assert add_periods("公司获得1.09亿元。", lines)[0] == "公司获得1.09亿元。"  # no row named: not the line's
    assert add_periods("补贴为123万元。", lines)[0] == "补贴为123万元。"


def test_the_figure_tables_cells_and_english_drafts_are_dated_too():
    table = {"rows": [{"metric": "毛利率", "cells": [{"text": "38.85%", "period": "2006H1"},
                                                    {"text": "33.56%", "period": "2005"}]}]}
    known = known_figures(table=table)
    assert add_periods("毛利率由33.56%上升至38.85%。", known)[0] == \
        "毛利率由33.56%（2005年度）上升至38.85%（2006年1-6月）。"
    assert dated("Revenue was RMB 108.92 million [1].", "en") == "Revenue was RMB 108.92 million (H1 2006) [1]."
    assert dated("In H1 2006 revenue was RMB 108.92 million.", "en") == "In H1 2006 revenue was RMB 108.92 million."


def test_the_edits_are_listed_so_the_checks_can_move_with_the_text():
    text, changes = add_periods("2006年营业收入为1.09亿元[9]。营业收入为1.92亿元。", KNOWN)
    assert text == "2006年1-6月营业收入为1.09亿元[9]。营业收入为1.92亿元（2005年度）。"
    (a, b, c, d, _), (e, f, g, h, _) = changes
    assert (a, b, text[c:d]) == (0, 5, "2006年1-6月")
    assert e == f and text[g:h] == "（2005年度）"


def test_a_wrong_period_named_right_before_a_figure_becomes_the_figures_own():
    """The 0.5B model wrote "2011年1-6月四、净利润:1.53亿元" for 2010's net profit (the row named before a colon)."""
    known = known_figures(statements=[_fact("四、净利润", "153104938.20", "元", "2010", primary=True),
                                      _fact("四、净利润", "86049382.63", "元", "2011H1", primary=True)])
    assert add_periods("4. **净利润**:2011年1-6月四、净利润:1.53亿元[4]", known)[0] == \
        "4. **净利润**:2010年度四、净利润:1.53亿元[4]"
    assert add_periods("2. 2011年1-6月四、净利润:8,604.94万元[4]", known)[0] == "2. 2011年1-6月四、净利润:8,604.94万元[4]"


def test_a_figure_the_app_states_names_its_row_as_a_sentence_does():
    """勤上光电's brief read "2011年1-6月的净利润（净亏损以“－”号填列）为3,795.07万元": the statement's note is not the
    figure's name, nor is its numbering ("五、")."""
    from analyst_desk.core.drafting.fact_answers import fact_sentences
    from analyst_desk.core.drafting.fact_use import NumberedFact

    fact = _fact("五、净利润（净亏损以“－”号填列）", "37950700.00", "元", "2011H1")
    text = fact_sentences([NumberedFact(1, fact, "净利润", "c")], {"c": 10}, "zh", "东莞勤上光电股份有限公司")
    assert text.startswith("东莞勤上光电股份有限公司2011年1-6月的净利润为37,950,700.00元（第4页）[10]"), text
