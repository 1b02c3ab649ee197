"""Figures come from the source: table cells become facts at import, and Ask states them exactly.

Real PDFs generated with PyMuPDF, a real library (LanceDB in tmp_path), no chat model: these tests
prove the parts that must hold without one.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pymupdf
import pytest

from analyst_desk.core.drafting.answering import answer_question
from analyst_desk.core.drafting.fact_use import NumberedFact, write_facts
from analyst_desk.core.drafting.sources import Source
from analyst_desk.core.drafting.verification import verify
from analyst_desk.core.facts import FactBook
from analyst_desk.core.facts.lookup import label_score
from analyst_desk.core.library import Library
from analyst_desk.core.library.embedders import UseEmbedder
from analyst_desk.core.library.table_facts.extract import parse_number, period_of
from analyst_desk.core.library.table_facts.model import Fact, computed_change, convert, render
from analyst_desk.core.library.table_facts.store import FactStore
from tests.support.engines import NoModel
from tests.support.libraries import imported_library

ROWS = [("项目", "2024年", "2023年", "本年同比增减"),
        ("营业收入", "146,695", "164,699", "(10.9%)"),
        ("净利润", "44,508", "46,455", "(4.2%)"),
        ("净息差", "1.87%", "2.38%", "-0.51个百分点"),
        ("基本每股收益（元/股）", "2.15", "2.25", "(4.4%)")]


def _report(path: Path) -> Path:
    """A two-page annual report: prose on page 1, the key-figures table (unit line above) on page 2."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 80), "华东商业银行股份有限公司 2024年年度报告", fontname="china-s", fontsize=16)
    page.insert_text((72, 130), "本行2024年坚持稳健经营，服务实体经济，零售客户数达到1,250万户。", fontname="china-s", fontsize=10)
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 80), "第二章 会计数据和财务指标", fontname="china-s", fontsize=14)
    page.insert_text((400, 120), "（货币单位：人民币百万元）", fontname="china-s", fontsize=9)
    for r, row in enumerate(ROWS):
        for c, cell in enumerate(row):
            x = 72 if c == 0 else 230 + (c - 1) * 110
            width = pymupdf.get_text_length(cell, fontname="china-s", fontsize=10)
            page.insert_text((x if c == 0 else x + 80 - width, 150 + r * 22), cell, fontname="china-s", fontsize=10)
    doc.set_metadata({"title": path.stem})
    doc.save(path)
    doc.close()
    return path


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    _report(folder / "华东银行2024年年度报告.pdf")
    with imported_library(tmp_path_factory.mktemp("index"), folder) as lib:
        yield lib


# -- reading cells -------------------------------------------------------------------------------
def test_a_printed_number_is_read_exactly_with_its_sign_and_unit():
    assert parse_number("146,695").value == Decimal("146695")
    cell = parse_number("(4.2%)")
    assert (cell.value, cell.unit) == (Decimal("-4.2"), "%")
    assert (parse_number("-0.51 个百分点").value, parse_number("-0.51 个百分点").unit) == (Decimal("-0.51"), "个百分点")
    assert parse_number("下降0.51个百分点").value == Decimal("-0.51")
    assert parse_number("1,234 注1").value == Decimal("1234")


def test_digits_of_two_cells_are_never_glued_into_one_number():
    assert parse_number("129,465,020.68 182") is None
    assert parse_number("12 345") is None
    assert parse_number("净利润") is None


def test_a_column_header_says_the_period():
    assert period_of("2024年12月31日") == "2024-12-31"
    assert period_of("2024 年第二季度") == "2024Q2"
    assert period_of("2024年1-6月") == "2024H1"
    assert period_of("2024 年") == "2024"
    assert period_of("本年", "2024") == "2024"
    assert period_of("上年", "2024") == "2023"
    assert period_of("金额") == ""


def test_units_change_only_by_exact_rule_and_changes_say_their_direction():
    revenue = Fact("d", 16, "营业收入", "2024年", "146,695", Decimal("146695"), "百万元")
    profit = Fact("d", 16, "净利润", "2024年", "44,508", Decimal("44508"), "百万元")
    assert render(revenue) == "146,695百万元"
    assert convert(revenue, "亿元") == "1,466.95亿元"
    assert convert(profit, "亿元") == "445.08亿元"
    assert render(profit, unit="亿元") == "445.08亿元"
    change = Fact("d", 16, "净利润", "本年同比增减", "(4.2%)", Decimal("-4.2"), "%", kind="change")
    assert render(change) == "下降4.2%" and render(change, "en") == "down 4.2%"
    before = Fact("d", 16, "净利润", "2023年", "46,455", Decimal("46455"), "百万元", period="2023")
    computed = computed_change(profit, before)
    assert computed.value == Decimal("-4.2") and computed.extra["computed"]


def test_a_label_with_only_a_qualifier_added_still_names_the_metric():
    assert label_score("净息差", "净息差") == 1.0
    assert label_score("营业收入", "营业收入合计") >= 0.8
    assert label_score("净息差", "净利差") < 0.6


# -- at import -----------------------------------------------------------------------------------
def test_importing_a_report_turns_its_table_into_facts_with_period_unit_and_page(library):
    book = FactBook.of(library)
    try:
        facts = {(f.row_label, f.period, f.kind): f for f in book.facts()}
    finally:
        book.close()
    revenue = facts[("营业收入", "2024", "value")]
    assert (revenue.value_text, revenue.unit, revenue.page) == ("146,695", "百万元", 2)
    assert revenue.bbox and revenue.context.count("|") > 4
    assert facts[("净息差", "2024", "value")].unit == "%"
    assert facts[("净利润", "2024", "change")].value == Decimal("-4.2")
    assert facts[("基本每股收益（元/股）", "2024", "value")].unit == "元/股"  # the row's own unit, not the table's


def test_a_figure_question_is_answered_from_the_table_first_without_the_model(library):
    book = FactBook.of(library)
    try:
        result = answer_question("2024年华东银行的净息差是多少？", library, NoModel(), facts=book)
        english = answer_question("What was the revenue in 2024?", library, NoModel(), facts=book)
        definition_lookup = book.lookup("净息差的定义是什么？")
    finally:
        book.close()
    assert result.from_facts and result.text.startswith("华东")
    assert "2024年" in result.text and "1.87%" in result.text and "第2页" in result.text
    assert "下降0.51个百分点" in result.text
    assert result.sources[0].page == 2 and result.verification.ok
    assert english.from_facts and "146,695" in english.text and "page 2" in english.text
    assert definition_lookup.definition  # a definition question is never answered with a figure


def test_a_question_about_a_company_or_period_the_library_lacks_is_not_found(library):
    book = FactBook.of(library)
    try:
        other = answer_question("招商银行2024年净息差是多少？", library, NoModel(), facts=book)
        year = answer_question("华东银行2019年净息差是多少？", library, NoModel(), facts=book)
    finally:
        book.close()
    assert other.not_found and "1.87" not in other.text
    assert year.not_found and "2024年" in year.text  # says which periods the tables do print


def test_removing_a_document_removes_its_facts(tmp_path):
    lib = Library(tmp_path / "index", UseEmbedder(threads=2))
    try:
        report = lib.add_paths([_report(tmp_path / "华东银行2024年年度报告.pdf")])
        doc_id = report.results[0].doc_id
        store = FactStore(lib.folder)
        assert store.count(doc_id) > 0
        assert lib.remove(doc_id)
        assert store.count(doc_id) == 0 and doc_id not in store.built()
        store.close()
    finally:
        lib.close()


# -- writing facts into generated text --------------------------------------------------------------
def _numbered():
    revenue = Fact("d", 2, "营业收入", "2024年", "146,695", Decimal("146695"), "百万元", period="2024")
    change = Fact("d", 2, "营业收入", "本年同比增减", "(10.9%)", Decimal("-10.9"), "%", kind="change", period="2024")
    return [NumberedFact(1, revenue, "营业收入", "fact:row"), NumberedFact(2, change, "营业收入", "fact:row")]


def test_the_app_writes_a_fact_where_the_model_wrote_its_tag_and_cites_its_page():
    written = write_facts("2024年营业收入为{F1}，同比{F2}。", _numbered(), {"fact:row": 3}, "zh")
    assert written.text == "2024年营业收入为146,695百万元[3],同比下降10.9%[3]。"  # full-width commas normalised as elsewhere
    assert len(written.spans) == 2 and written.used == [1, 2]


def test_a_fact_the_model_retyped_with_the_wrong_unit_is_written_as_printed():
    written = write_facts("营业收入为146,695亿元。", _numbered(), {"fact:row": 3}, "zh")
    assert "146,695百万元[3]" in written.text and "亿元" not in written.text
    assert written.retyped == ["146,695亿元 → 146,695百万元"]


def test_a_figure_the_model_typed_that_no_passage_prints_is_flagged_but_years_and_sections_are_not():
    source = Source(1, "c1", "d", "华东银行年报", "/x.pdf", 2, "（货币单位：人民币百万元）\n| 营业收入 | 146,695 | 164,699 |")
    result = verify("根据第3节，2024年营业收入为146,695百万元[1]，净利润为52,310百万元[1]。", [source])
    assert [f.text for f in result.flags] == ["52,310百万元"]
    flag = result.flags[0]
    assert flag.code == "check.not_found" and flag.params == {"figure": "52,310百万元"}
    assert flag.localised("zh") == "52,310百万元 在来源段落中找不到。"


def test_the_period_a_question_names_is_read_in_the_facts_own_form():
    from analyst_desk.core.facts.lookup import target_periods

    assert target_periods("2024年末不良贷款率")[0] == "2024-12-31"
    assert target_periods("2024年第四季度净利润") == ["2024Q4"]
    assert target_periods("截至2007年6月30日总资产")[:2] == ["2007-06-30", "2007H1"]
    assert target_periods("2007年1-6月基本每股收益")[0] == "2007H1"
    assert target_periods("2024年营业收入")[0] == "2024"


def test_an_english_date_is_the_balance_sheet_date_asked_and_names_no_metric():
    # A 10-K's year ends on its own day: Apple's balance sheet is at 2022-09-24, Oracle's at 2022-05-31.
    from analyst_desk.core.facts.lookup import english_coverage, target_periods
    from analyst_desk.core.library.query_periods import find_period

    assert target_periods("Apple total assets as of September 24, 2022") == ["2022-09-24", "2022"]
    assert target_periods("Oracle's net income for the year ended May 31, 2022") == ["2022-05-31", "2022"]
    assert target_periods("cash at 31 December 2022")[0] == "2022-12-31"
    assert target_periods("revenue for the three months ended June 30, 2023")[:2] == ["2023-06-30", "2023Q2"]
    assert "September" not in find_period("Apple total assets as of September 24, 2022")[3]
    assert english_coverage("How much cash and cash equivalents did Oracle hold at May 31, 2022?", ["Oracle"],
                            "Cash and cash equivalents") == 1.0


def test_a_row_that_names_only_part_of_what_is_asked_is_not_given_as_the_answer(library):
    book = FactBook.of(library)
    try:
        partial = book.lookup("华东银行绿色营业收入余额是多少？")
        whole = book.lookup("华东银行营业收入是多少？")
    finally:
        book.close()
    assert whole.matches and whole.matches[0].coverage == 1.0
    assert all(m.coverage < 0.7 for m in partial.matches)  # "营业收入" is not "绿色营业收入余额"


def test_a_parent_company_row_does_not_answer_for_the_group():
    assert label_score("资产负债率", "母公司资产负债率（%）") < 0.8
    assert label_score("资产负债率", "资产负债率（%）") == 1.0


def test_ask_and_drafting_pick_the_largest_model_that_fits_in_free_memory_unless_the_user_chose(tmp_path):
    """With the two chat models CI fetches (packaging/fetch_models.py: the 0.5B and the 135M tiny model)
    and a truncated file beside them: the larger when memory allows, the smaller when only it fits,
    never the broken file, and the user's per-task choice over either."""
    from types import SimpleNamespace

    from analyst_desk.core.drafting.model_choice import WORKING_ROOM, pick_local_model
    from tests.conftest import CHAT_MODEL, MODELS, TINY_MODEL

    folder = tmp_path / "models"
    folder.mkdir()
    for name in (CHAT_MODEL, TINY_MODEL):
        (folder / name).symlink_to(MODELS / name)
    (folder / "zz-broken-7b.gguf").write_bytes(b"GGUF\x03\x00\x00\x00")  # truncated: listed, never picked
    large, small = (folder / CHAT_MODEL).stat().st_size, (folder / TINY_MODEL).stat().st_size
    assert large > small
    settings = SimpleNamespace(model="", extra={})
    assert pick_local_model("ask", settings, available=64 * 2**30, folder=folder).file_name == CHAT_MODEL
    assert pick_local_model("ask", settings, available=large + WORKING_ROOM, folder=folder).file_name == CHAT_MODEL
    assert pick_local_model("ask", settings, available=large + WORKING_ROOM - 1,
                            folder=folder).file_name == TINY_MODEL
    assert pick_local_model("ask", settings, available=small, folder=folder).file_name == TINY_MODEL  # smallest
    chosen = SimpleNamespace(model="", extra={"task_models": {"drafting": TINY_MODEL}})
    assert pick_local_model("drafting", chosen, available=64 * 2**30, folder=folder).file_name == TINY_MODEL
    assert pick_local_model("ask", chosen, available=64 * 2**30, folder=folder).file_name == CHAT_MODEL


def test_a_figures_qualifiers_count_wherever_the_label_prints_them():
    # Reports print 扣非/加权 in the label's brackets; questions say them up front, or as 扣非后.
    from analyst_desk.core.facts.lookup import label_score, same_qualified_figure

    printed = "净资产收益率（归属于母公司所有者、扣除非经常损益后，加权平均）"
    assert label_score("扣非后加权平均净资产收益率", printed) == 1.0
    assert label_score("扣非后加权平均净资产收益率", "净资产收益率（加权平均）") == 0.0  # not the basis asked
    assert label_score("加权平均净资产收益率", "扣除非经常性损益后加权平均净资产收益率") < \
        label_score("加权平均净资产收益率", "加权平均净资产收益率（%）")
    assert same_qualified_figure(printed, "扣除非经常性损益后的加权平均净资产收益率")
    assert not same_qualified_figure("净资产收益率（加权平均）", "扣除非经常性损益后的加权平均净资产收益率")


def test_a_filings_date_in_an_english_answer_is_its_period_not_a_figure_to_check():
    from analyst_desk.core.drafting.fact_use import period_words
    from analyst_desk.core.drafting.sources import Source
    from analyst_desk.core.drafting.verification import verify

    when = period_words("2022-09-24", "en")
    assert when == "at 24 Sep 2022"
    text = f"Apple Total assets, {when}: USD 352,755 million (page 34) [1]."
    source = Source(1, "c1", "apple", "Apple 10-K", "/x/apple.pdf", 34, "| Total assets | 352,755 | 351,002 |")
    amount = (text.index("USD"), text.index("million") + len("million"))
    assert verify(text, [source], exact=[amount]).flags == []  # "24" was flagged as a figure no passage prints


def test_a_chinese_duration_header_is_the_half_year_it_covers_not_its_year():
    # 中国神华's statements head the interim column "截至6月30日止6个月期间 2006年（未经审计）": 2006年's
    # 营业收入 was answered with the half year's 29,533 百万元 instead of the year's 64,240.
    from analyst_desk.core.library.table_facts.periods import period_of

    assert period_of("截至6 月30 日止 6 个月期间 2006 年 (未经审计)") == "2006H1"
    assert period_of("截至9月30日止九个月期间 2007年") == "20079M"
    assert period_of("截至12月31日止年度 2006年") == "2006" and period_of("2006 年") == "2006"


def test_the_statements_own_cell_wins_over_a_figure_other_tables_repeat():
    from dataclasses import replace

    from analyst_desk.core.facts.derived import line_fact
    from tests.test_answers_derived import fact

    statement = replace(fact("oracle", 69, "Research and development", "2022", "7,219", "USD million", table=1), primary=True)
    repeated = [replace(fact("oracle", page, "Research and development", "2022", "1,633", "USD million", table=page),
                        primary=False) for page in (49, 99)]
    assert line_fact("research and development", [*repeated, statement], ["2022"]).value_text == "7,219"
