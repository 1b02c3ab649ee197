"""The checks around narrative answers, on their own (no model, no library): fast.

- a degenerate answer is recognised: the 0.5B's "1. 环境监测 2. 3. 4. 5.", the question said back, a loop;
  a real summary is not;
- a sentence is supported when its words and figures are in the passage it cites, not when a figure is
  invented or it cites a passage that was not given;
- a question's kind and topic: summaries, why/how, lists, and figure questions left alone;
- a table of subsidiaries gives its names, without the row numbers, the header or the total.
"""

from __future__ import annotations

from analyst_desk.core.drafting.narrative.degenerate import degenerate_reasons, is_boilerplate
from analyst_desk.core.drafting.narrative.intent import read_intent
from analyst_desk.core.drafting.narrative.lists import table_items
from analyst_desk.core.drafting.narrative.support import check_answer, supported_text

QUESTION = "能否根据2020年的年报，简要介绍一下报告期内公司的环境信息情况"
PASSAGE = ("公司持有济南市生态环境局核发的排污许可证。报告期内公司化学需氧量排放量为12.5吨，氨氮排放量为1.3吨，"
           "均低于核定的排放总量。公司建有日处理能力500吨的污水处理站。")


def test_the_small_models_empty_list_the_restated_question_and_a_loop_are_degenerate():
    assert "empty_list" in degenerate_reasons("报告期环境信息包括但不限于: 1. 环境监测和监测结果 2. 3. 4. 5. 6. 32.", QUESTION)
    assert "restates_question" in degenerate_reasons("报告期内公司的环境信息情况。", QUESTION)
    assert "repetition" in degenerate_reasons("公司重视环保[1]。公司重视环保[1]。公司重视环保[1]。", QUESTION)
    assert degenerate_reasons("  [1] ", QUESTION) == ["empty"]
    summary = "公司持有排污许可证[1]。报告期内化学需氧量排放量为12.5吨，低于核定总量[1]。公司建有污水处理站[1]。"
    assert degenerate_reasons(summary, QUESTION) == []


def test_cross_references_and_undertakings_are_boilerplate_unless_asked_for():
    assert is_boilerplate("关联交易的具体情况参见本招股意向书第四节。")
    assert is_boilerplate("控股股东承诺不直接或间接从事与公司相同或相似的业务。")
    assert not is_boilerplate("控股股东承诺不从事相同业务。", "控股股东做了哪些承诺？")
    assert not is_boilerplate("公司的实际控制人为邹承慧先生。")


def test_a_sentence_is_supported_by_its_passage_and_an_invented_figure_is_not():
    checks = check_answer("公司化学需氧量排放量为12.5吨[1]。公司建有污水处理站[1]。公司获得环保奖励5,000万元[1]。"
                          "公司持有排污许可证[2]。", {1: PASSAGE})
    assert [c.supported for c in checks] == [True, True, False, True]
    assert "5,000万元" in checks[2].reason
    # [2] was not given: the sentence is in passage 1, and is shown citing it.
    assert checks[3].citations == [1]
    shown = supported_text(checks, "zh")
    assert "5,000万元" not in shown and "[2]" not in shown and "排污许可证[1]" in shown


def test_an_uncited_sentence_is_given_the_passage_that_supports_it():
    checks = check_answer("公司持有排污许可证。", {1: "本行坚持稳健经营。", 2: PASSAGE})
    assert checks[0].supported and checks[0].citations == [2]


def test_questions_are_read_for_their_kind_and_topic():
    assert read_intent(QUESTION).kind == "summary" and read_intent(QUESTION).topic == "环境信息"
    assert read_intent("简要分析公司净利润下降的原因").kind == "why_how"
    assert read_intent("有哪些控股子公司？").topic == "控股子公司"
    assert read_intent("有哪些控股子公司？").kind == "list"
    assert read_intent("What are McDonald's reportable segments?").kind == "list"
    assert read_intent("平安银行2024年绿色金融做了哪些工作？").kind == "summary"
    assert read_intent("2024年平安银行的净息差是多少？").kind == ""


def test_a_table_of_subsidiaries_gives_their_names_only():
    table = ("单位：万元\n| 序号 | 子公司名称 | 注册资本 |\n|---|---|---|\n| 1 | 北京东港安全印刷有限公司 | 5,000 |\n"
             "| 2 | 上海东港数据处理有限公司 | 3,000 |\n| 合计 |  | 8,000 |")
    items, header = table_items(table)
    assert items == ["北京东港安全印刷有限公司", "上海东港数据处理有限公司"]
    assert header[1] == "子公司名称"
