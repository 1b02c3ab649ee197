"""The Ask path decides every figure: ratios computed by the app with formula and cited inputs, amounts checked
as value × unit, companies resolved by name, comparisons and lists built from the tables.

Facts are built here as the facts store holds them (one per table cell, with page, period, unit and table
title), so these stories run in milliseconds. Where the model would write, a scripted engine types a planted
wrong unit: that is logic around the model (verification), not a claim about what the model does.
"""

from __future__ import annotations

import re

from decimal import Decimal
from types import SimpleNamespace

import pytest

from analyst_desk.core.drafting.answering import answer_question
from analyst_desk.core.drafting.verification import correct_units
from analyst_desk.core.facts.derived import CATALOGUE, compute, find_measure
from analyst_desk.core.library.query_profile import parse_query
from analyst_desk.core.library.table_facts.model import Fact
from tests.support.engines import ScriptedEngine

YINXI, LIYUAN = "doc-yinxi", "doc-liyuan"


def fact(doc, page, label, period, text, unit, *, title="合并利润表", table=1, row=0):
    value = Decimal(text.replace(",", "").strip("%"))
    return Fact(doc_id=doc, page=page, row_label=label, column=period, value_text=text, value=value, unit=unit,
                period=period, heading=title, title=title, table_no=table, row_no=row,
                fact_id=f"{doc}:{page}:{table}:{row}:{period}", context=f"单位：{unit}\n| {label} | {text} |")


def yinxi_facts():
    income = [("一、营业总收入", "2010", "649,078,055.65"), ("一、营业总收入", "2009", "439,529,248.73"),
              ("其中：营业成本", "2010", "534,941,427.27"), ("其中：营业成本", "2009", "355,132,139.01"),
              ("管理费用", "2010", "30,703,393.15"), ("销售费用", "2010", "17,292,302.45"),
              ("财务费用", "2010", "9,169,223.37"), ("五、净利润", "2010", "55,957,135.61")]
    balance = [("流动资产合计", "2010-12-31", "411,248,099.30"), ("存货", "2010-12-31", "120,915,964.84"),
               ("存货", "2009-12-31", "57,468,766.44"), ("流动负债合计", "2010-12-31", "246,582,912.99"),
               ("负债合计", "2010-12-31", "246,674,941.53"), ("资产总计", "2010-12-31", "479,142,900.00")]
    facts = [fact(YINXI, 207, label, period, text, "元", row=i) for i, (label, period, text) in enumerate(income)]
    facts += [fact(YINXI, 205, label, period, text, "元", title="合并资产负债表", table=2, row=i)
              for i, (label, period, text) in enumerate(balance)]
    facts += [fact(YINXI, 25, "资产总计", "2010-12-31", "47,914.29", "万元", title="（一）合并资产负债表主要数据", table=3),
              fact(YINXI, 26, "加权平均净资产收益率", "2010", "28.01%", "%", title="主要财务指标", table=4)]
    subsidiaries = ["东莞银禧新材料有限公司", "苏州银禧科技有限公司", "银禧工程塑料（东莞）有限公司", "合计"]
    facts += [fact(YINXI, 60, name, "2010-12-31", "5,000.00", "万元", title="发行人控股子公司情况", table=5, row=i)
              for i, name in enumerate(subsidiaries)]
    return facts


def liyuan_facts():
    return [fact(LIYUAN, 180, "营业收入", "2010", "38,120.55", "万元", row=0),
            fact(LIYUAN, 180, "营业成本", "2010", "31,002.10", "万元", row=1)]


class Book:
    """The two read calls Ask makes of a fact book, over facts made here."""

    def __init__(self, facts, records):
        self._facts, self.records = facts, records

    def facts(self, doc_ids=None):
        return [f for f in self._facts if not doc_ids or f.doc_id in set(doc_ids)]


class Shelf:
    """A retriever with two prospectuses and no passages: anything the app cannot answer from facts is 'not found'."""

    def __init__(self, records):
        self.records = records
        self.searched = []

    def documents(self):
        return self.records

    def search(self, query, *, k=5, doc_ids=None):
        self.searched.append(query)
        return []


def no_model():
    raise AssertionError("the model must not be called for this question")


@pytest.fixture
def library():
    records = [SimpleNamespace(doc_id=YINXI, issuer="广东银禧科技股份有限公司", company="广东银禧科技股份有限公司",
                               issuer_en="Guangdong Silver Age Sci & Tech Co., Ltd.", title="银禧科技招股说明书",
                               path="/x/yinxi.pdf", status="complete"),
               SimpleNamespace(doc_id=LIYUAN, issuer="武汉力源信息技术股份有限公司", company="武汉力源信息技术股份有限公司",
                               issuer_en="", title="力源信息招股说明书", path="/x/liyuan.pdf", status="complete")]
    return Shelf(records), Book(yinxi_facts() + liyuan_facts(), records)


def test_the_catalogue_holds_forty_standard_measures_in_both_languages():
    assert len(CATALOGUE) >= 40
    for name in ("毛利率", "净利率", "营业利润率", "期间费用率", "销售费用率", "管理费用率", "研发费用率", "财务费用率", "资产负债率",
                 "流动比率", "速动比率", "加权平均净资产收益率", "总资产收益率", "存货周转率", "应收账款周转率", "总资产周转率",
                 "基本每股收益", "现金流量比率", "净息差", "成本收入比", "不良贷款率", "拨备覆盖率"):
        assert find_measure(f"2010年{name}是多少") is not None, name
    assert find_measure("What was the gross margin in 2010?").key == "gross_margin"
    assert find_measure("What is the quick ratio?").key == "quick_ratio"
    assert find_measure("2009年存货周转了几次？").key == "inventory_turnover"
    assert find_measure("主营业务毛利率是多少") is None  # a printed figure of another scope, not ours to compute


def test_a_ratio_question_is_computed_by_the_app_with_its_formula_and_cited_inputs(library):
    shelf, book = library
    result = answer_question("银禧科技2010年毛利率是多少？", shelf, no_model, facts=book)
    assert result.from_facts and not shelf.searched
    assert "17.58%（计算值）" in result.text
    assert "计算公式：毛利率 = (营业收入 − 营业成本) / 营业收入 × 100%" in result.text
    assert "649,078,055.65元（第207页）" in result.text and "534,941,427.27元（第207页）" in result.text
    (derived,) = result.derived
    assert derived["computed"] and derived["formula"] and {i["page"] for i in derived["inputs"]} == {207}
    assert result.verification.flags == [] and {s.page for s in result.sources} == {207}


def test_turnover_uses_the_average_of_both_period_ends_when_both_are_printed(library):
    _, book = library
    derived = compute(find_measure("存货周转率"), book.facts([YINXI]), ["2010"])
    assert [i.role for i in derived.inputs] == ["", "end", "start"]
    assert derived.value_text() == "6.00次"  # 534,941,427.27 / ((120,915,964.84 + 57,468,766.44) / 2)


def test_a_measure_the_report_prints_is_taken_as_printed(library):
    shelf, book = library
    result = answer_question("银禧科技2010年加权平均净资产收益率", shelf, no_model, facts=book)
    assert "28.01%（第26页）" in result.text and "计算值" not in result.text


def test_a_ratio_whose_inputs_are_missing_is_not_found_and_never_goes_to_the_model(library):
    shelf, book = library
    result = answer_question("力源信息2010年资产负债率是多少？", shelf, no_model, facts=book)
    assert result.not_found and "资产负债率" in result.text and not any(ch.isdigit() for ch in result.text)


def test_a_company_the_library_lacks_is_named_and_given_no_figure(library):
    shelf, book = library
    result = answer_question("格力电器2010年营业收入是多少？", shelf, no_model, facts=book)
    assert result.not_found and "格力电器" in result.text and result.missing_companies == ["格力电器"]
    assert not any(ch.isdigit() for ch in result.text.replace("2010", ""))


def test_two_companies_compared_in_a_table_each_cell_cited(library):
    shelf, book = library
    result = answer_question("银禧科技和力源信息2010年谁的营业收入高？", shelf, no_model, facts=book)
    cells = result.table["cells"]
    assert {c["doc_id"] for c in cells} == {YINXI, LIYUAN}
    assert all(c["source"] in {s.number for s in result.sources} and c["page"] for c in cells)
    assert "银禧科技最高" in result.text and result.verification.flags == []


def test_a_comparison_with_one_company_missing_the_line_says_so_and_never_asks_the_model(library):
    # 力源's tables here print no 净利润: its cell is named as missing, not filled in by the model.
    shelf, book = library
    result = answer_question("银禧科技和力源信息2010年的净利润分别是多少？", shelf, no_model, facts=book)
    assert [c["doc_id"] for c in result.table["cells"]] == [YINXI]
    assert "55,957,135.61" in result.text and "未找到力源信息2010年的净利润" in result.text
    assert "最高" not in result.text and not result.verification.flags


def test_staff_costs_are_not_a_head_count_and_an_english_miss_is_said_in_english(library):
    from analyst_desk.core.facts.derived import find_measure

    assert find_measure("平安银行2024年员工费用") is None and find_measure("Apple employee costs 2022") is None
    assert find_measure("平安银行2024年末在职员工有多少人？").key == "employees"
    shelf, book = library
    result = answer_question("What was Liyuan's current ratio in 2010?", shelf, no_model, facts=book)
    assert result.not_found and "current ratio" in result.text
    assert not re.search(r"[\u4e00-\u9fff]", result.text.replace("力源", ""))


def test_two_metrics_settling_on_one_cell_are_said_once(library):
    from analyst_desk.core.drafting.app_answers import answer_from_facts
    from analyst_desk.core.facts.book import FactLookup
    from analyst_desk.core.facts.lookup import FactMatch, FactQuery

    revenue = fact(LIYUAN, 180, "营业收入", "2010", "38,120.55", "万元")
    lookup = FactLookup(query=FactQuery(metrics=["营业收入", "收入"], periods=["2010"], doc_ids=[LIYUAN]),
                        matches=[FactMatch(metric=m, fact=revenue, score=1.0) for m in ("营业收入", "收入")])
    records = {r.doc_id: r for r in library[0].records}
    assert answer_from_facts(lookup, records, "zh").text.count("38,120.55") == 1


def test_a_ratio_for_two_companies_gives_one_computed_cell_each(library):
    shelf, book = library
    result = answer_question("银禧科技和力源信息2010年的毛利率对比", shelf, no_model, facts=book)
    assert len(result.derived) == 2 and all(d["computed"] and d["inputs"] for d in result.derived)
    assert "18.67%" in result.text  # 力源: (38,120.55 − 31,002.10) / 38,120.55


def test_a_list_question_is_answered_with_the_rows_of_the_table_that_lists_them(library):
    shelf, book = library
    result = answer_question("银禧科技有哪些控股子公司？", shelf, no_model, facts=book)
    assert result.table["items"] == ["东莞银禧新材料有限公司", "苏州银禧科技有限公司", "银禧工程塑料（东莞）有限公司"]
    assert "第60页" in result.text


def test_an_english_question_over_a_chinese_report_gets_english_amounts_by_rule(library):
    shelf, book = library
    result = answer_question("What was Silver Age's gross margin in 2010?", shelf, no_model, facts=book)
    assert result.language == "en" and "17.58% (computed)" in result.text
    assert "RMB 649.08 million (page 207)" in result.text


def test_a_planted_wrong_unit_never_survives_unflagged():
    facts = [fact(YINXI, 25, "资产总计", "2010-12-31", "99,301.68", "万元")]
    text, corrections = correct_units("合并总资产为99,301.68亿元[1]。", facts, "zh")
    assert text == "合并总资产为99,301.68万元[1]。"
    assert corrections[0].flag.kind == "wrong_unit" and corrections[0].typed == "99,301.68亿元"
    english, fixed = correct_units("Total assets were 99,301.68 million yuan [1].", facts, "en")
    assert "RMB 993.02 million" in english and fixed
    same, none = correct_units("合并总资产为99,301.68万元[1]。", facts, "zh")
    assert not none and same == "合并总资产为99,301.68万元[1]。"


def test_a_research_notes_estimate_retyped_in_the_wrong_unit_is_corrected_too():
    # "德邦证券预测…2022年营业收入" read off a 利润表(百万元) grid: 3,684 百万元, typed by the model as 3,684亿元.
    from dataclasses import replace

    estimate = replace(fact("note", 3, "营业总收入", "2022", "3,684", "百万元"), kind="forecast", in_report=False)
    text, corrections = correct_units("德邦证券预测高测股份2022年营业收入为3,684亿元[3]。", [estimate], "zh")
    assert "3,684亿元" not in text and "百万元" in text
    assert corrections and corrections[0].flag.kind == "wrong_unit"


def test_a_wrong_unit_the_model_types_is_replaced_by_the_fact_and_flagged(library):
    records = library[0].records

    class Passages(Shelf):
        def search(self, query, *, k=5, doc_ids=None):
            return [SimpleNamespace(chunk_id="c1", doc_id=YINXI, title="银禧科技招股说明书", path="/x/yinxi.pdf", page=25,
                                    text="| 资产总计 | 47,914.29 |", heading_path="", pages=[25], bbox=None,
                                    kind="table", score=1.0)]

    typing = ScriptedEngine("银禧科技2010年末合并总资产为47,914.29亿元[1]。", context_size=2048)  # a wrong unit
    result = answer_question("银禧科技总资产规模怎么样，说明一下", Passages(records), typing, facts=library[1])
    assert "47,914.29万元" in result.text and "亿元" not in result.text
    assert any(f.kind == "wrong_unit" for f in result.verification.flags)


def test_a_question_is_read_once_into_companies_periods_and_intent():
    issuers = [("广东银禧科技股份有限公司", "Guangdong Silver Age Sci & Tech Co., Ltd."), ("武汉力源信息技术股份有限公司", ""),
               ("北京七星华创电子股份有限公司", "Beijing Sevenstar Electronics Co., Ltd.")]
    both = parse_query("银禧科技和力源信息谁的营业收入高？", issuers)
    assert set(both.issuers) == {"广东银禧科技股份有限公司", "武汉力源信息技术股份有限公司"} and both.intent == "compare"
    assert "营业收入" in both.metric_terms
    span = parse_query("银禧科技2008–2010年营业收入的变化", issuers)
    assert {"2008", "2009", "2010"} <= set(span.periods) and span.intent == "compare"
    assert parse_query("七星电子的实际控制人是谁", issuers).issuers == ("北京七星华创电子股份有限公司",)
    absent = parse_query("格力电器2010年营业收入是多少", issuers)
    assert absent.missing == ("格力电器",) and not absent.issuers
    assert parse_query("银禧科技有哪些控股子公司", issuers).intent == "list"
    assert parse_query("What is the sponsor of Beijing Sevenstar Electronics' IPO?", issuers).issuers == (
        "北京七星华创电子股份有限公司",)


def test_an_english_figure_question_over_a_chinese_report_is_answered_in_rmb_millions(library):
    shelf, book = library
    result = answer_question("What was Guangdong Silver Age's operating revenue in 2010?", shelf, no_model, facts=book)
    assert result.from_facts and "RMB 649.08 million (page 207)" in result.text
    assert result.text.startswith("Guangdong Silver Age Sci & Tech total operating revenue") and result.verification.flags == []


def test_a_ratio_naming_no_company_is_computed_for_each_report_that_allows_it(library):
    shelf, book = library
    result = answer_question("2010年毛利率是多少？", shelf, no_model, facts=book)
    assert {c["doc_id"] for c in result.table["cells"]} == {YINXI, LIYUAN} and not shelf.searched
    assert all(d["computed"] for d in result.derived) and "17.58%" in result.text and "18.67%" in result.text


def test_a_share_of_one_line_in_another_is_computed_from_the_same_statement(library):
    shelf, book = library
    result = answer_question("银禧科技2010年销售费用占营业收入的比例是多少？", shelf, no_model, facts=book)
    (derived,) = result.derived
    assert derived["computed"] and derived["value_text"] == "2.66%"  # 17,292,302.45 / 649,078,055.65
    assert [i["page"] for i in derived["inputs"]] == [207, 207] and "计算公式" in result.text


def test_a_ratio_for_a_company_the_library_lacks_is_not_computed_from_another_report(library):
    shelf, book = library
    for question in ("万科2010年的资产负债率", "How much net income did Amazon report for 2010?"):
        result = answer_question(question, shelf, no_model, facts=book)
        assert result.not_found and not result.derived and result.missing_companies, question


def test_an_english_margin_is_computed_from_the_total_lines_never_taken_from_an_amount():
    # Salesforce prints "Total cost of revenues" and "Gross profit" (USD million) but no gross margin.
    crm = "doc-crm"
    record = SimpleNamespace(doc_id=crm, issuer="Salesforce, Inc.", company="Salesforce, Inc.", issuer_en="Salesforce, Inc.",
                             title="Salesforce 10-K", path="/x/crm.pdf", status="complete")
    lines = [("Total revenues", "31,352"), ("Total cost of revenues", "8,360"), ("Gross profit", "22,992"),
             ("Total current assets", "29,074"), ("Total current liabilities", "26,571")]
    facts = [fact(crm, 61, label, "2023", text, "USD million", title="Consolidated Statements of Operations", row=i)
             for i, (label, text) in enumerate(lines)]
    shelf, book = Shelf([record]), Book(facts, [record])
    margin = answer_question("What was Salesforce's gross margin in FY2023?", shelf, no_model, facts=book)
    assert "73.34% (computed)" in margin.text and "22,992" not in margin.text.split("formula")[0]
    ratio = answer_question("What was Salesforce's current ratio in FY2023?", shelf, no_model, facts=book)
    assert "1.09 times (computed)" in ratio.text and "倍" not in ratio.text
