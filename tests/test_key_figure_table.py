"""The brief's figure table of a half-year prospectus: its columns are the periods the statements
report — 2006年1-6月, 2005年度, 2004年度 — not the years its plans and forecast tables name (2006年度,
2007年度), which print no statement figure or a forecast; and the table's header and its "1-6月" are no
figure a reader must check."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from analyst_desk.core.drafting.drafts import DraftStore
from analyst_desk.core.drafting.figure_match import find_figures
from analyst_desk.core.drafting.key_figure_table import key_figure_table, latest_periods
from analyst_desk.core.drafting.templates import find_template
from analyst_desk.core.drafting.writer import new_draft, write_draft
from analyst_desk.core.facts.book import FactBook
from analyst_desk.core.library import Library
from analyst_desk.core.library.embedders import UseEmbedder
from tests.support.engines import ScriptedEngine
from tests.ui.walkthrough_docs import _table

ISSUER = "湖西化工股份有限公司"
_INCOME = [("项目", "2006年1-6月", "2005年度", "2004年度"),
           ("一、营业收入", "109,876,543.21", "192,345,678.90", "153,210,987.65"),
           ("减：营业成本", "70,123,456.78", "128,765,432.10", "101,234,567.89"),
           ("二、营业利润", "16,543,210.98", "24,109,876.54", "19,765,432.10"),
           ("三、利润总额", "16,823,456.70", "24,387,654.30", "19,934,567.80"),
           ("四、净利润", "13,366,612.34", "19,916,905.16", "15,924,082.63")]
_BALANCE = [("项目", "2006年6月30日", "2005年12月31日", "2004年12月31日"),
            ("流动资产合计", "112,345,678.00", "101,123,456.00", "88,765,432.00"),
            ("资产总计", "203,456,789.12", "184,345,678.01", "144,654,321.09"),
            ("流动负债合计", "87,678,901.23", "81,987,654.32", "69,234,567.89"),
            ("负债合计", "89,543,210.34", "77,631,876.54", "57,312,432.10")]
# The summary chapter repeats the latest period, as a prospectus does throughout.
_SUMMARY = [("项目", "2006年1-6月", "2005年度", "2004年度"),
            ("营业收入", "109,876,543.21", "192,345,678.90", "153,210,987.65"),
            ("净利润", "13,366,612.34", "19,916,905.16", "15,924,082.63")]
_SUMMARY_BALANCE = [("项目", "2006年6月30日", "2005年12月31日", "2004年12月31日"),
                    ("资产总计", "203,456,789.12", "184,345,678.01", "144,654,321.09")]
# What a prospectus says about years it has not reported: the use of the proceeds, year by year…
_PLAN = [("项目", "2006年度", "2007年度", "2008年度"),
         ("设备购置", "12,000,000.00", "18,000,000.00", "6,000,000.00"),
         ("厂房建设", "8,000,000.00", "15,000,000.00", "3,000,000.00"),
         ("铺底流动资金", "2,000,000.00", "4,000,000.00", "1,000,000.00"),
         ("合计", "22,000,000.00", "37,000,000.00", "10,000,000.00")]
# …and its profit forecast, which prints a 营业收入 for a year that has not ended.
_FORECAST = [("项目", "2006年度预测数", "2005年度已审实际数", ""),
             ("一、营业收入", "230,000,000.00", "192,345,678.90", ""),
             ("四、净利润", "27,000,000.00", "19,916,905.16", "")]


def _prospectus(path: Path) -> Path:
    doc = pymupdf.open()
    cover = doc.new_page(width=595, height=842)
    for y, text, size in ((200, ISSUER, 20), (240, "首次公开发行股票招股意向书", 16)):
        cover.insert_text((90, y), text, fontname="china-s", fontsize=size)
    for heading, tables in (("第一节 概览", [(_SUMMARY, "主要财务数据"), (_SUMMARY_BALANCE, "主要资产数据")]),
                            ("第十节 财务会计信息", [(_INCOME, "合并利润表"), (_BALANCE, "合并资产负债表")]),
                            ("第十一节 盈利预测", [(_FORECAST, "盈利预测表")]),
                            ("第十三节 募集资金运用", [(_PLAN, "募集资金投资计划")])):
        page = doc.new_page(width=595, height=842)
        page.insert_text((60, 40), f"{ISSUER} 招股意向书", fontname="china-s", fontsize=8)
        page.insert_text((60, 100), heading, fontname="china-s", fontsize=15)
        y = 130
        for rows, title in tables:
            y = _table(page, y, rows, title, "单位：元")
    doc.set_metadata({"title": "Microsoft Word - 1-1 招股意向书.doc"})
    doc.save(path)
    doc.close()
    return path


def test_a_half_year_prospectus_s_table_shows_the_periods_its_statements_report(tmp_path):
    library = Library(tmp_path / "lib", UseEmbedder(threads=1))
    library.add_paths([_prospectus(tmp_path / "湖西化工.pdf")])
    record = library.documents()[0]
    book = FactBook.of(library)
    facts = book.facts([record.doc_id])
    book.close()
    assert record.period == "2006H1"
    assert latest_periods(facts, None)[0] == "2006"  # the plan's and the forecast's year is printed often
    table = key_figure_table(facts, "industrial", latest=record.period)
    assert table.periods == ["2006H1", "2005", "2004"]
    revenue = dict(table.rows)["营业收入"]
    assert [c.text for c in revenue] == ["1.10亿元", "1.92亿元", "1.53亿元"]
    assert dict(table.rows)["资产总计"][0].period == "2006-06-30"
    # A year whose tables print no key figure (the plan's) makes no column of dashes, even with no period to go by.
    assert key_figure_table(facts, "industrial").periods == ["2006H1", "2005", "2004"]
    library.close()


def test_the_drafted_table_is_headed_2006年1_6月_and_its_header_is_not_flagged(tmp_path):
    library = Library(tmp_path / "lib", UseEmbedder(threads=1))
    library.add_paths([_prospectus(tmp_path / "湖西化工.pdf")])
    draft = new_draft(find_template("company_brief"), ISSUER, kind="industrial")
    write_draft(draft, library, ScriptedEngine("公司2006年1-6月营业收入保持增长[1]。"), store=DraftStore(tmp_path / "d"))
    section = next(s for s in draft.sections if s.table)
    head = section.text.splitlines()[0]
    assert head == "| 指标 | 2006年1-6月 | 2005年度 | 2004年度 |", head
    section.checks, section.checked_text = [], ""  # re-checked as the pane does after an edit
    flags = draft.verify_section(draft.sections.index(section)).flags
    assert not flags, [(f.code, f.text) for f in flags]
    library.close()


def test_a_span_of_months_is_a_period_not_two_figures():
    for text in ("2006年1-6月", "2011年1－6月", "2006年1月-6月", "2010年度1-9月", "1至6月"):
        assert [f.kind for f in find_figures(text)] == ["date"], text
    assert [f.kind for f in find_figures("增长1-2个百分点")] == ["number", "percent"]
