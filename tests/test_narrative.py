"""Narrative answers from the right section, checked sentence by sentence, with quotes when the model fails.

On a small prospectus (tests/test_sections.py writes it) with the real default model:
- "简要介绍一下报告期内公司的环境信息情况" is answered from the 环境信息情况 section (page 5), not from
  passages elsewhere, and says something the section says;
- every sentence shown is supported by the passage it cites; a sentence that is not is dropped and kept
  for the record (planted: a scripted answer with an invented figure);
- a degenerate answer never reaches the user (planted: the 0.5B's own "1. 环境监测 2. 3. 4. 5.", the
  question said back, a loop, a copied cross-reference): the section's best sentences are shown instead,
  quoted with their pages and labelled 原文摘录;
- a false premise is corrected with what the documents say (planted: the New York Stock Exchange for a
  company listing in Shenzhen; a year after the reporting period; a chairman the documents never name);
- a list question gets every item of the table that holds it, each cited;
- an answer reaches the user within 60 s on this machine, with progress and an estimate while it is written.
"""

from __future__ import annotations

import re
import time

import pytest

from analyst_desk.core.drafting.narrative.degenerate import degenerate_reasons
from analyst_desk.core.drafting.narrative.route import answer_narrative
from analyst_desk.core.drafting.narrative.support import check_answer
from analyst_desk.core.drafting.answering import answer_question
from tests.support.engines import ScriptedEngine
from tests.support.libraries import imported_library
from tests.test_sections import write_prospectus

pytestmark = pytest.mark.slow
ENVIRONMENT = "请简要介绍一下报告期内公司的环境信息情况"
ENVIRONMENT_FACTS = ("排污许可证", "化学需氧量", "12.5吨", "氨氮", "污水处理", "环境污染事故", "行政处罚")
SUBSIDIARIES = ["北京东港安全印刷有限公司", "上海东港数据处理有限公司", "济南东港智能卡有限公司", "广州东港票据有限公司",
                "成都东港物流标签有限公司", "武汉东港信息技术有限公司"]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("narrative")
    pdf = write_prospectus(folder / "东港科技股份有限公司招股说明书.pdf")
    with imported_library(folder / "lib", pdf) as library:
        yield library


def _cited_pages(result) -> set[int]:
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", result.text)}
    return {s.page for s in result.sources if s.number in cited}


def test_a_summary_question_is_answered_from_the_section_its_heading_names(library, chat_engine):
    result = answer_narrative(ENVIRONMENT, library, chat_engine, language="zh")
    assert result is not None and result.route.startswith("section"), result and result.route
    assert result.section.endswith("一、环境信息情况")
    assert _cited_pages(result) == {5}, result.text
    said = [f for f in ENVIRONMENT_FACTS if f in result.text]
    assert len(said) >= 2, result.text
    assert degenerate_reasons(result.text, ENVIRONMENT) == [] or result.quoted


def test_every_sentence_the_model_is_shown_saying_is_in_the_passage_it_cites(library, chat_engine):
    for question in (ENVIRONMENT, "请介绍一下公司的社会责任情况", "公司面临哪些主要风险？请简要分析"):
        result = answer_narrative(question, library, chat_engine, language="zh")
        assert result is not None, question
        if result.quoted:
            assert result.text.startswith("原文摘录"), result.text
            continue
        passages = {s.number: s.text for s in result.sources}
        checks = check_answer(result.text, passages, library.embedder)
        assert checks and all(c.supported for c in checks), [c.to_json() for c in checks if not c.supported]
        assert not [f for f in result.verification.flags if f.kind == "unverified_figure"], result.text


def test_an_invented_sentence_is_dropped_and_kept_for_the_record(library):
    planted = ("公司持有济南市生态环境局核发的排污许可证[1]。报告期内公司化学需氧量排放量为12.5吨[1]。"
               "公司2009年获得国家环保专项奖励5,000万元，位列行业第一[1]。")
    engine = ScriptedEngine(planted, chunk=2, chars_per_token=2)
    result = answer_narrative(ENVIRONMENT, library, engine, language="zh")
    assert engine.calls == 1
    assert "5,000万元" not in result.text and "排污许可证" in result.text
    dropped = [c for c in result.unsupported]
    assert len(dropped) == 1 and "5,000万元" in dropped[0].text and "5,000万元" in dropped[0].reason
    assert all(c.supported for c in result.checks if c not in dropped)


@pytest.mark.parametrize("planted, reason", [
    ("报告期环境信息包括但不限于：1. 环境监测和监测结果 2. 3. 4. 5. 6. 7. 8.", "empty_list"),
    ("报告期内公司的环境信息情况如下：报告期内公司的环境信息情况。", "restates_question"),
    ("公司重视环境保护[1]。公司重视环境保护[1]。公司重视环境保护[1]。公司重视环境保护[1]。", "repetition"),
    ("关联交易的具体情况参见本招股说明书第七节[1]。控股股东承诺不直接或间接从事与公司相同或相似的业务[1]。", "nothing_supported"),
    ("", "empty"),
])
def test_a_degenerate_answer_is_replaced_by_quotes_of_the_section(library, planted, reason):
    result = answer_narrative(ENVIRONMENT, library, ScriptedEngine(planted, chunk=2, chars_per_token=2), language="zh")
    assert result.quoted and reason in result.degenerate, (result.degenerate, result.text)
    assert result.text.startswith("原文摘录")
    quotes = [line for line in result.text.split("\n")[1:] if line.strip()]
    assert 3 <= len(quotes) <= 5, result.text
    assert all(re.search(r"（第5页）\[\d+\]$", q) for q in quotes), result.text
    assert planted[:10] not in result.text or not planted
    assert _cited_pages(result) == {5}
    assert not result.verification.flags, [f.to_json() for f in result.verification.flags]


def test_the_real_model_never_shows_a_degenerate_answer(library, chat_engine):
    for question in (ENVIRONMENT, "请概述公司的业务与技术", "简要分析同业竞争与关联交易情况"):
        result = answer_narrative(question, library, chat_engine, language="zh")
        assert result is not None
        shown = result.text
        assert result.quoted or degenerate_reasons(shown, question) == [], (question, shown)
        assert "参见本招股说明书" not in shown and "承诺不直接或间接" not in shown, shown


def test_a_question_assuming_the_wrong_listing_venue_is_told_where_the_company_lists(library, chat_engine):
    result = answer_question("东港科技在美国纽约证券交易所的股票代码是什么？", library, chat_engine)
    assert "深圳证券交易所" in result.text and "未提及纽约证券交易所" in result.text, result.text
    assert _cited_pages(result) == {1}
    assert getattr(result, "route", "") == "premise"


def test_a_year_after_the_reporting_period_is_corrected_and_the_report_year_is_not(library, chat_engine):
    result = answer_question("请介绍一下东港科技2015年的环境信息情况", library, chat_engine)
    assert getattr(result, "route", "") == "premise" and "2015" in result.text and "报告期" in result.text, result.text
    kept = answer_question("请简要介绍东港科技2009年的环境信息情况", library, chat_engine)
    assert getattr(kept, "route", "") != "premise", kept.text


def test_a_chairman_the_documents_never_name_is_not_invented(library, chat_engine):
    result = answer_question("东港科技董事长张三先生的主要工作经历是什么？", library, chat_engine)
    assert "没有出现“张三”" in result.text, result.text
    real = answer_question("东港科技的邹承慧先生将什么专利转让给公司？", library, chat_engine)
    assert getattr(real, "route", "") != "premise", real.text


def test_a_list_question_gets_every_item_of_the_table_each_cited(library, chat_engine):
    result = answer_question("东港科技有哪些控股子公司？", library, chat_engine)
    assert getattr(result, "route", "").startswith("list"), result.text
    for name in SUBSIDIARIES:
        assert name in result.text, (name, result.text)
    lines = [line for line in result.text.split("\n") if any(n in line for n in SUBSIDIARIES)]
    assert len(lines) == 6 and all(re.search(r"\[\d+\]$", line) for line in lines)
    assert _cited_pages(result) == {7}


def test_a_narrative_answer_reaches_the_user_within_a_minute_with_an_estimate(library, chat_engine):
    seen = []
    started = time.perf_counter()
    result = answer_narrative("请简要介绍一下报告期内公司的社会责任情况", library, chat_engine, language="zh",
                              progress=lambda p: seen.append(p.description))
    took = time.perf_counter() - started
    assert result is not None and took <= 60, took
    assert any(re.search(r"约.*\d+.*秒", d or "") for d in seen), seen


def test_the_controller_is_named_without_copied_undertakings_or_cross_references(library, chat_engine):
    from analyst_desk.core.drafting.narrative.degenerate import is_boilerplate
    from analyst_desk.core.drafting.narrative.support import sentence_spans

    question = "东港科技的实际控制人是谁？"
    result = answer_question(question, library, chat_engine)
    assert "邹承慧" in result.text, result.text
    assert not [s for s in sentence_spans(result.text) if is_boilerplate(s, question)], result.text


def test_an_ipo_called_an_additional_offering_is_corrected(library, chat_engine):
    result = answer_question("东港科技这次公开增发的发行价是多少？", library, chat_engine)
    assert getattr(result, "route", "") == "premise", result.text
    assert "首次公开发行" in result.text and "并非公开增发" in result.text, result.text
    assert _cited_pages(result) == {1}
