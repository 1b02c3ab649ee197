"""Comparisons as analysts ask them: over years said with 到/、 ("2009年到2010年…怎么变的", "2008、2009年…"), a 10-K's
own "Operating income" rather than the revenue line a glossary calls 营业收入, each company's own name for the
line, the income statement's line rather than a segment's, and 营业成本 printed 主营业务成本 under the old
standards. No model: the app builds each from the tables."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from analyst_desk.core.drafting.answering import answer_question
from analyst_desk.core.library.query_profile import parse_query
from tests.test_answers_derived import Book, Shelf, fact, no_model


def record(doc, issuer, period, en=""):
    return SimpleNamespace(doc_id=doc, issuer=issuer, company=issuer, issuer_en=en, title=f"{issuer} report",
                           path=f"/x/{doc}.pdf", period=period, doc_type="10-K" if en else "prospectus",
                           status="complete")


def test_a_change_over_years_said_with_到_or_a_list_of_years_is_a_comparison():
    assert parse_query("华北电力2009年到2010年归属于母公司所有者的净利润是怎么变的").intent == "compare"
    assert parse_query("华北电力2008、2009年货币资金期末余额").intent == "compare"
    assert parse_query("华北电力2009年货币资金期末余额").intent == "figure"


def test_old_standards_cost_of_sales_answers_a_question_about_营业成本():
    records = [record("hb", "华北电力股份有限公司", "2006")]
    facts = [fact("hb", 95, "减：主营业务成本", year, text, "元", row=i)
             for i, (year, text) in enumerate([("2004", "5,461,513,280.16"), ("2005", "8,384,402,000.76"),
                                               ("2006", "10,089,232,689.91")])]
    result = answer_question("华北电力2004年至2006年的营业成本分别是多少？", Shelf(records), no_model,
                             facts=Book(facts, records))
    assert "5,461,513,280.16元" in result.text and "10,089,232,689.91元" in result.text
    assert "主营业务成本" in result.text


def _filing(doc, label, value, page, *, year="2022", primary=True, section=""):
    made = fact(doc, page, label, year, value, "USD million", title="CONSOLIDATED STATEMENTS OF OPERATIONS",
                row=page)
    made = replace(made, fact_id=f"{doc}:{page}:{label}:{value}", extra={"section": section})
    made.primary = primary
    return made


def test_operating_income_in_a_10k_is_its_own_line_not_revenue_nor_a_segments():
    records = [record("apl", "Apple Inc.", "2022", en="Apple Inc.")]
    facts = [_filing("apl", "Total net sales", "394,328", 32), _filing("apl", "Total net sales", "365,817", 32,
                                                                      year="2021"),
             _filing("apl", "Operating income", "119,437", 32), _filing("apl", "Operating income", "108,949", 32,
                                                                        year="2021"),
             _filing("apl", "Operating income", "62,683", 52, primary=False, section="Americas"),
             _filing("apl", "Operating income", "53,382", 52, year="2021", primary=False, section="Americas")]
    shelf, book = Shelf(records), Book(facts, records)
    changed = answer_question("How did Apple's operating income change from 2021 to 2022?", shelf, no_model,
                              facts=book)
    assert "119,437" in changed.text and "108,949" in changed.text and "394,328" not in changed.text
    single = answer_question("What was Apple's operating income in 2022?", shelf, no_model, facts=book)
    assert "119,437" in single.text and "62,683" not in single.text


def test_each_company_is_compared_on_the_line_its_own_statement_prints():
    records = [record("mcd", "McDONALD’S CORPORATION", "2022", en="McDonald's Corporation"),
               record("int", "INTEL CORPORATION", "2022", en="Intel Corporation")]
    facts = [_filing("mcd", "Cash provided by operations", "7,386.7", 39),
             _filing("int", "Net cash provided by operating activities", "35,384", 79)]
    result = answer_question("McDonald's and Intel: cash from operations in 2022", Shelf(records), no_model,
                             facts=Book(facts, records))
    assert "7,386.7" in result.text and "35,384" in result.text
    assert "do not give" not in result.text


def test_two_balance_dates_said_with_and_give_both_and_a_part_is_not_the_whole():
    records = [record("orc", "Oracle Corporation", "2022", en="Oracle Corporation")]
    facts = [replace(_filing("orc", "Cash and cash equivalents", value, 68, year=date), fact_id=f"orc:{date}")
             for date, value in (("2022-05-31", "21,383"), ("2021-05-31", "30,098"))]
    facts.append(replace(_filing("orc", "Total current liabilities", "19,511", 68, year="2022-05-31"), fact_id="orc:cl"))
    shelf, book = Shelf(records), Book(facts, records)
    both = answer_question("Oracle's cash and cash equivalents at May 31, 2022 and 2021", shelf, no_model, facts=book)
    assert "21,383" in both.text and "30,098" in both.text
    from analyst_desk.core.facts.lookup import english_metrics

    assert english_metrics("total liabilities", ["Total current liabilities", "Total liabilities"]) == [
        "totalliabilities"]
    assert english_metrics("total liabilities", ["Total current liabilities"]) == []


def test_a_year_end_total_is_the_balance_sheets_not_an_acquired_companys_book_value():
    records = [record("gd", "国电电力发展股份有限公司", "2007H1")]
    statement = fact("gd", 93, "资产总计", "2006-12-31", "43,142,645,819.00", "元", title="合并资产负债表")
    note = replace(fact("gd", 167, "资产总计", "2006", "221,313.65", "万元", title="拟收购资产评估情况", table=9),
                   table_kind="note")
    statement = replace(statement, table_kind="statement")
    statement.primary = note.primary = True
    other = record("sh", "中国神华能源股份有限公司", "2007H1")
    peer = replace(fact("sh", 214, "资产总计", "2006", "163,320", "百万元", title="合并资产负债表"), table_kind="statement")
    peer.primary = True
    result = answer_question("中国神华和国电电力2006年末的总资产哪家大？", Shelf([records[0], other]), no_model,
                             facts=Book([statement, note, peer], [records[0], other]))
    assert "43,142,645,819.00元" in result.text and "221,313.65" not in result.text


def _income_statement(doc, label, values, unit="元", page=95):
    return [replace(fact(doc, page, label, year, text, unit, row=i), fact_id=f"{doc}:{label}:{year}")
            for i, (year, text) in enumerate(values)]


def test_a_change_from_the_year_before_gives_both_years_and_the_difference_in_the_printed_unit():
    records = [record("hb", "华北电力股份有限公司", "2006")]
    facts = _income_statement("hb", "五、净利润", [("2005", "929,699,950.57"), ("2006", "1,000,645,931.97")])
    profile = parse_query("华北电力2006年净利润较上年增加了多少")
    assert profile.intent == "compare" and {"2005", "2006"} <= set(profile.periods)
    assert "较上年" not in " ".join(profile.metric_terms)
    result = answer_question("华北电力2006年净利润较上年增加了多少", Shelf(records), no_model, facts=Book(facts, records))
    assert "929,699,950.57元" in result.text and "1,000,645,931.97元" in result.text
    assert "增加70,945,981.40元" in result.text and "+7.63%" in result.text
    # A growth rate keeps its one year: the calculator answers it.
    assert parse_query("华北电力2006年净利润同比增长率是多少").intent != "compare"
    # Asking why it rose is no comparison of amounts.
    assert parse_query("华北电力2010年营业收入较上年增加的原因是什么").intent != "compare"
    # A half year's "比上年同期" is not the year before.
    assert len(parse_query("华北电力2006年1-6月净利润比上年同期增加了多少").years) == 1


def test_growth_said_as_比上年增长_is_computed_and_named_without_the_statements_numbering():
    records = [record("hb", "华北电力股份有限公司", "2010")]
    facts = _income_statement("hb", "五、净利润（净亏损以“－”号填列）", [("2009", "6,625.02"), ("2010", "8,089.04")],
                              unit="万元")
    result = answer_question("华北电力2010年净利润比上年增长了多少？", Shelf(records), no_model, facts=Book(facts, records))
    assert "22.10%" in result.text and "计算值" in result.text
    assert "五、" not in result.text and "填列" not in result.text


def test_a_turnover_ratio_the_report_prints_is_its_figure_not_the_apps_own_averaging():
    records = [record("qx", "北京七星华创电子股份有限公司", "2009")]
    facts = [replace(fact("qx", 133, "一、营业总收入", "2009", "587,377,409.99", "元"), fact_id="qx:rev"),
             replace(fact("qx", 131, "应收账款", "2009-12-31", "191,776,616.47", "元", title="合并资产负债表"), fact_id="qx:ar9"),
             replace(fact("qx", 131, "应收账款", "2008-12-31", "155,042,772.71", "元", title="合并资产负债表"), fact_id="qx:ar8"),
             replace(fact("qx", 171, "应收账款周转率（次）", "2009", "2.78", "次", title="主要财务指标"), fact_id="qx:art")]
    result = answer_question("七星电子2009年应收账款周转率", Shelf(records), no_model, facts=Book(facts, records))
    assert "2.78次" in result.text and "3.39" not in result.text
