"""A figure read from a report knows its cell: period, scope, unit and currency, and the kind of table.

Reports generated with PyMuPDF (a prospectus's statements, its key figures in 万元, an R&D-intensity
table; an SEC income statement "in millions"), read by the real table finder and fact extraction.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pymupdf
import pytest

from analyst_desk.core.facts.book import FactBook
from analyst_desk.core.facts.finding import find_fact
from analyst_desk.core.library.labelled_fields import read_fields
from analyst_desk.core.library.table_facts.extract import facts_of_open_document
from analyst_desk.core.library.table_facts.periods import ReportCalendar, ordered_periods, period_of
from analyst_desk.core.library.table_facts.settle import agree
from analyst_desk.core.library.table_facts.store import FactStore
from analyst_desk.core.pdf import open_pdf

FONT = "china-s"


def _table(page, top: float, rows, *, left: float = 60, first: float = 190, width: float = 150, size: float = 9):
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if c == 0:
                page.insert_text((left, top + r * 18), cell, fontname=FONT, fontsize=size)
            else:
                w = pymupdf.get_text_length(cell, fontname=FONT, fontsize=size)
                page.insert_text((first + c * width - w, top + r * 18), cell, fontname=FONT, fontsize=size)


def _prospectus(path: Path) -> Path:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 60), "第九节 财务会计信息", fontname=FONT, fontsize=12)
    page.insert_text((60, 90), "（二）合并利润表", fontname=FONT, fontsize=11)
    page.insert_text((420, 108), "单位：元", fontname=FONT, fontsize=9)
    _table(page, 130, [("项目", "2009年度", "2008年度"),
                       ("一、营业收入", "587,377,409.99", "579,510,172.91"),
                       ("减：营业成本", "388,532,720.52", "409,469,736.70"),
                       ("二、营业利润", "66,951,700.10", "55,054,300.22"),
                       ("三、利润总额", "72,610,800.33", "58,885,400.44"),
                       ("四、净利润", "60,326,700.55", "49,358,900.66")])
    page.insert_text((60, 300), "（四）母公司利润表", fontname=FONT, fontsize=11)
    page.insert_text((420, 318), "单位：元", fontname=FONT, fontsize=9)
    _table(page, 340, [("项目", "2009年度", "2008年度"),
                       ("一、营业收入", "401,000,000.00", "390,000,000.00"),
                       ("减：营业成本", "300,000,000.00", "290,000,000.00"),
                       ("二、营业利润", "40,000,000.00", "38,000,000.00"),
                       ("四、净利润", "35,000,000.00", "33,000,000.00")])
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 60), "十、主要财务指标", fontname=FONT, fontsize=11)
    page.insert_text((420, 78), "单位：万元", fontname=FONT, fontsize=9)
    _table(page, 100, [("项目", "2009.12.31", "2008.12.31"),
                       ("资产总计", "99,522.21", "70,671.80"),
                       ("净利润", "6,032.67", "4,935.89")])
    _table(page, 170, [("项目", "2009年度", "2008年度"),
                       ("营业收入", "58,737.74", "57,951.02"),
                       ("净利润", "4,858.00", "4,935.89"),
                       ("资产负债率（母公司）", "45.20%", "50.10%")])
    page.insert_text((60, 260), "（一）研发费用占营业收入的比重", fontname=FONT, fontsize=11)
    _table(page, 290, [("项目", "2009年度", "2008年度"),
                       ("研发费用（元）", "88,028,200.00", "66,016,300.00"),
                       ("营业收入（元）", "596,923,795.50", "579,510,172.91"),
                       ("占营业收入比例（%）", "14.75", "11.39")])
    page.insert_text((60, 400), "公司改制前的经营情况", fontname=FONT, fontsize=11)
    page.insert_text((420, 418), "单位：万元", fontname=FONT, fontsize=9)
    _table(page, 440, [("项目", "2003年度", "2002年度"),
                       ("营业收入", "12,000.00", "9,000.00"),
                       ("职工薪酬", "800.00", "700.00")])
    page.insert_text((60, 520), "无单位的统计表", fontname=FONT, fontsize=11)
    _table(page, 550, [("项目", "2009年度", "2008年度"), ("专利数量", "35", "28")])
    doc.select([1, 0])  # the key figures come first, as in a prospectus's 概览; the statements after
    doc.save(path)
    doc.close()
    return path


def _ten_k(path: Path) -> Path:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((200, 50), "NORTHWIND TRADERS CORPORATION", fontname="helv", fontsize=11)
    page.insert_text((180, 66), "CONSOLIDATED STATEMENTS OF OPERATIONS", fontname="helv", fontsize=11)
    page.insert_text((160, 82), "(in millions, except per share data)", fontname="helv", fontsize=9)
    page.insert_text((380, 104), "Year Ended May 31,", fontname="helv", fontsize=9)
    rows = [("", "2023", "2022"), ("Total revenues", "49,954", "42,440"), ("Cost of revenues", "14,000", "11,000"),
            ("Operating income", "13,093", "10,926"), ("Net income", "8,503", "6,717"),
            ("Earnings per share:", "", ""), ("Basic", "3.15", "2.49"), ("Diluted", "3.07", "2.41")]
    for r, row in enumerate(rows):
        y = 120 + r * 16
        page.insert_text((60, y), row[0], fontname="helv", fontsize=9)
        for c, cell in enumerate(row[1:]):
            if cell:
                w = pymupdf.get_text_length(cell, fontname="helv", fontsize=9)
                page.insert_text((420 + c * 80 - w, y), cell, fontname="helv", fontsize=9)
    doc.save(path)
    doc.close()
    return path


@pytest.fixture(scope="module")
def prospectus_facts(tmp_path_factory):
    path = _prospectus(tmp_path_factory.mktemp("cells") / "prospectus.pdf")
    with open_pdf(path) as doc:
        return facts_of_open_document(doc, doc_id="p", current_period="2009")


def _one(facts, label, period, scope="consolidated", kind=None):
    found = [f for f in facts if f.row_label == label and f.period == period and (f.scope or "consolidated") == scope
             and (kind is None or f.table_kind == kind) and f.kind == "value"]
    assert found, f"no fact {label} {period} {scope} {kind}"
    return found[0]


def test_every_header_form_names_its_period():
    assert [period_of(h) for h in ("2009年度", "2009.12.31", "2009-12-31", "2009年1-6月", "2010年6月30日")] == [
        "2009", "2009-12-31", "2009-12-31", "2009H1", "2010-06-30"]
    assert period_of("本期", "2024") == "2024" and period_of("上期", "2024H1") == "2023H1"
    assert period_of("上年末", "2024") == "2023-12-31" and period_of("期初余额", "2024") == "2023-12-31"
    assert [period_of(h, "2024H1") for h in ("本期发生额", "上期发生额", "期末余额", "年初余额")] == [
        "2024H1", "2023H1", "2024-06-30", "2023-12-31"]  # an interim report's 本期 is its half year
    oracle = ReportCalendar("2023", "05-31")
    assert period_of("Fiscal 2022", oracle) == "2022"
    assert period_of("Year Ended May 31, 2023", oracle) == "2023"
    assert period_of("Three Months Ended August 31, 2022", oracle) == "2023Q1"  # Oracle's first fiscal quarter
    assert period_of("Three Months Ended June 30, 2023") == "2023Q2"
    assert period_of("Six Months Ended June 30, 2023") == "2023H1"
    assert period_of("September 24, 2022", ReportCalendar("2022", "09-24")) == "2022-09-24"
    quarter_heads = [["", "Three Months Ended June 30,", "", "Six Months Ended June 30,", ""],
                     ["", "2023", "2022", "2023", "2022"]]
    assert ordered_periods(quarter_heads, ReportCalendar("2023Q2")) == ["2023Q2", "2022Q2", "2023H1", "2022H1"]
    # "年度" before the quarter and every way a month span is printed (dash forms, "1月-6月") keep their part.
    assert [period_of(h) for h in ("2006年度第一季度", "2010年1－6月", "2010年1–6月", "2010年1月-6月", "2010年度1-6月",
                                   "2010年1-3月", "2010年7-9月", "2010年1至9月")] == [
        "2006Q1", "2010H1", "2010H1", "2010H1", "2010H1", "2010Q1", "2010Q3", "20109M"]
    apple_heads = [["", "September 24,", "", "Years ended September 25,", "", "September 26,"],
                   ["", "2022", "2021", "", "2020", ""]]
    assert ordered_periods(apple_heads, ReportCalendar("2022", "09-24")) == ["2022", "2021", "2020"]


def test_the_statement_and_the_parent_statement_are_told_apart(prospectus_facts):
    group = _one(prospectus_facts, "一、营业收入", "2009")
    parent = _one(prospectus_facts, "一、营业收入", "2009", scope="parent")
    assert (group.value, group.unit, group.currency, group.table_kind, group.statement) == (
        Decimal("587377409.99"), "元", "CNY", "statement", "income")
    assert parent.value == Decimal("401000000.00") and parent.table_kind == "statement"
    assert group.primary and parent.primary  # one answer per scope


def test_the_primary_statement_wins_and_a_disagreement_beyond_rounding_is_flagged(prospectus_facts):
    key = _one(prospectus_facts, "营业收入", "2009", kind="key_figures")
    assert key.unit == "万元" and not key.primary
    assert key.amount == Decimal("587377400.00")  # 58,737.74 万元 agrees with 587,377,409.99 元 within rounding
    assert not key.conflict
    profit = _one(prospectus_facts, "四、净利润", "2009")
    printed_wrong = _one(prospectus_facts, "净利润", "2009", kind="key_figures")
    assert profit.primary and "4,858.00万元" in profit.conflict and printed_wrong.conflict


def test_a_parent_company_row_answers_only_for_the_parent(prospectus_facts):
    assert find_fact("资产负债率", prospectus_facts, period="2009").status == "no_metric"
    parent = find_fact("资产负债率", prospectus_facts, period="2009", scope="parent")
    assert parent.found and parent.fact.value == Decimal("45.20") and parent.fact.unit == "%"


def test_a_ratio_table_never_answers_for_the_figure_it_divides(prospectus_facts):
    basis = _one(prospectus_facts, "营业收入（元）", "2009")
    assert basis.table_kind == "ratio_basis" and not basis.primary
    found = find_fact("营业收入", prospectus_facts, period="2009")
    assert found.found and found.fact.page == 2 and found.fact.table_kind == "statement"
    assert found.fact.value == Decimal("587377409.99") and found.fact.unit == "元"


def test_a_figure_without_a_stated_unit_is_not_a_fact(prospectus_facts):
    assert not [f for f in prospectus_facts if f.row_label == "专利数量"]
    assert all(f.unit for f in prospectus_facts)


def test_a_year_outside_the_reporting_period_is_not_in_the_document(prospectus_facts):
    history = _one(prospectus_facts, "营业收入", "2003")
    assert not history.in_report
    found = find_fact("营业收入", prospectus_facts, period="2003")
    assert found.status == "no_period" and "2009" in found.periods
    assert find_fact("营业收入", prospectus_facts, period="2008").found


def test_a_balance_sheet_line_asked_for_a_year_is_its_year_end_column(prospectus_facts):
    found = find_fact("资产总计", prospectus_facts, period="2009")
    assert found.found and found.fact.period == "2009-12-31" and found.fact.unit == "万元"
    assert find_fact("资产总计", prospectus_facts, period="2009-12-31").fact.value == Decimal("99522.21")


def test_an_sec_statement_in_millions_is_in_dollars_with_its_words_and_fiscal_years(tmp_path):
    path = _ten_k(tmp_path / "10k.pdf")
    with open_pdf(path) as doc:
        facts = facts_of_open_document(doc, doc_id="k", current_period="2023", fiscal_year_end="05-31",
                                       currency="USD")
    income = _one(facts, "Operating income", "2023")
    assert (income.value, income.unit, income.currency, income.table_kind) == (
        Decimal("13093"), "USD million", "USD", "statement")
    assert _one(facts, "Total revenues", "2022").value == Decimal("42440")
    eps = [f for f in facts if f.row_label == "Basic" and f.period == "2023"]
    assert eps and eps[0].unit == "USD/share" and eps[0].value == Decimal("3.15")
    assert not [f for f in facts if f.unit in ("百万元", "元")]  # a dollar filing never gets a Chinese unit
    found = find_fact("operating income", facts, period="2023")
    assert found.found and found.fact.row_label == "Operating income"


def test_amounts_agree_only_within_their_printed_rounding():
    from analyst_desk.core.library.table_facts.model import Fact

    yuan = Fact("d", 1, "营业收入", "2009年度", "587,377,409.99", Decimal("587377409.99"), "元")
    wan = Fact("d", 2, "营业收入", "2009年度", "58,737.74", Decimal("58737.74"), "万元")
    yi = Fact("d", 2, "营业收入", "2009年度", "99,301.68", Decimal("99301.68"), "亿元")
    assert agree(yuan, wan) and not agree(wan, yi)


def test_profile_fields_are_read_from_their_labels_with_their_page_and_not_from_a_party():
    cover = "华东示例科技股份有限公司\n首次公开发行股票招股说明书\n保荐人（主承销商）\n东方示例证券股份有限公司\n"
    overview = ("本次发行概况\n发行股票类型\n人民币普通股（A 股）\n发行股数\n2,500 万股\n每股发行价格\n25.69 元\n"
                "拟上市的证券交易所\n深圳证券交易所\n")
    parties = ("二、本次发行的有关当事人\n（一）发行人：华东示例科技股份有限公司\n法定代表人：张三\n"
               "（二）保荐人（主承销商）：东方示例证券股份有限公司\n法定代表人：李四\n住所：上海市某路1号\n"
               "（三）律师事务所：北京示例律师事务所\n负责人：王五\n")
    basics = ("第五节 发行人基本情况\n一、发行人基本情况\n1、发行人名称：华东示例科技股份有限公司\n"
              "2、英文名称：Huadong Example Technology Co., Ltd.\n3、注册资本：7,500 万元\n"
              "4、住    所：杭州市西湖区某路8号\n5、董事会秘书：赵六\n6、电子信箱：ir@example.cn\n"
              "公司的控股股东为示例投资有限公司，实际控制人为张三、李七夫妇。\n")
    fields = {f.name: f for f in read_fields([cover, overview, parties, basics], doc_id="x")}
    assert (fields["保荐人"].value, fields["保荐人"].page) == ("东方示例证券股份有限公司", 1)
    assert (fields["发行价格"].value, fields["发行价格"].amount, fields["发行价格"].unit) == ("25.69元", "25.69", "元")
    assert fields["法定代表人"].value == "张三"  # the sponsor's 李四 is the sponsor's, not the issuer's
    assert fields["律师事务所"].value == "北京示例律师事务所"
    assert (fields["注册资本"].amount, fields["注册资本"].unit, fields["注册资本"].page) == ("7500", "万元", 4)
    assert fields["注册地址"].value == "杭州市西湖区某路8号"
    assert fields["实际控制人"].value == "张三、李七夫妇" and fields["控股股东"].value == "示例投资有限公司"
    assert (fields["董事会秘书"].value, fields["电子信箱"].value, fields["拟上市地"].value) == (
        "赵六", "ir@example.cn", "深圳证券交易所")
    placeholder = read_fields(["发行概况\n每股发行价格：[●]元\n"])[0]
    assert placeholder.name == "发行价格" and not placeholder.determined
    later = {f.name: f for f in read_fields(["发行概况\n每股发行价格：[●]元\n", "本次发行价格为17.52 元/股，为……",
                                             "（四）会计师事务所\n名\n称：深圳市示例会计师事务所有限公司\n法定代表人：某某\n",
                                             "联席保荐人（主承销商）\n中国示例金融有限公司\n（北京市朝阳区某路1 号\n某大厦28 层）\n"
                                             "示例银河证券股份有限公司\n（北京市西城区某街35 号）\n"])}
    assert (later["发行价格"].value, later["发行价格"].page, later["发行价格"].determined) == ("17.52元/股", 2, True)
    assert later["会计师事务所"].value == "深圳市示例会计师事务所有限公司" and "法定代表人" not in later
    assert later["保荐人"].value == "中国示例金融有限公司、示例银河证券股份有限公司"


def test_the_book_finds_a_figure_and_a_field_by_issuer_and_says_when_the_issuer_is_missing(tmp_path,
                                                                                            prospectus_facts):
    from analyst_desk.core.library.labelled_fields import ProfileField

    store = FactStore(tmp_path)
    store.replace("p", prospectus_facts, sha256="s", fields=[
        ProfileField("p", "发行人", "北京示例华创电子股份有限公司", 28, "发行人名称"),
        ProfileField("p", "证券简称", "示例电子", 2, "证券简称"),
        ProfileField("p", "保荐人", "中信建投证券有限责任公司", 1, "保荐人暨主承销商")])
    store.close()

    class Record:
        doc_id, path, sha256, status = "p", str(tmp_path / "none.pdf"), "s", "complete"
        issuer = company = "北京示例华创电子股份有限公司"
        issuer_en, title, period = "Beijing Example Electronics Co., Ltd.", "", "2009"

    book = FactBook(tmp_path, [Record()])
    try:
        found = book.find("营业收入", issuer="示例电子", period="2009")
        assert found.found and (found.fact.page, found.fact.unit, found.fact.currency) == (2, "元", "CNY")
        assert book.find("营业收入", issuer="Beijing Example Electronics", period="2009").found
        assert book.find("营业收入", issuer="格力电器", period="2009").status == "no_document"
        assert book.find("EBITDA", issuer="示例电子").status == "no_metric"
        sponsor = book.field("sponsor", issuer="示例电子")
        assert (sponsor.value, sponsor.page) == ("中信建投证券有限责任公司", 1)
        assert book.field("保荐机构", doc_ids=["p"]).value == "中信建投证券有限责任公司"
        assert book.field("Sponsor institution", doc_ids=["p"]).page == 1
        assert book.field("律师事务所", doc_ids=["p"]) is None
    finally:
        book.close()


def test_an_sec_registrant_is_found_by_its_everyday_name_and_ticker(tmp_path):
    from analyst_desk.core.library.document_profile import document_fields

    cover = ("SECURITIES AND EXCHANGE COMMISSION\nFORM 10-K\nFor the fiscal year ended December 31, 2022\n"
             "McDONALD’S CORPORATION\n(Exact name of registrant as specified in its charter)\n"
             "Trading Symbol(s)\nMCD\n")
    store = FactStore(tmp_path)
    store.replace("m", [], sha256="s", fields=document_fields([cover], doc_id="m"))
    store.close()

    class Record:
        doc_id, path, sha256, status, title, period = "m", "", "s", "complete", "", "2022"
        issuer = company = issuer_en = "McDONALD’S CORPORATION"

    book = FactBook(tmp_path, [Record()])
    try:
        assert book.documents_of("McDonald's") == ["m"] and book.documents_of("MCD") == ["m"]
        assert book.documents_of("Monster Beverage") == []
        assert book.field("stock code", doc_ids=["m"]).value == "MCD"
    finally:
        book.close()


def test_a_question_is_answered_from_the_statement_never_from_a_ratio_table_or_a_year_the_report_lacks(
        tmp_path, prospectus_facts):
    store = FactStore(tmp_path)
    store.replace("p", prospectus_facts, sha256="s", fields=[])
    store.close()

    class Record:
        doc_id, path, sha256, status, title, period = "p", "", "s", "complete", "", "2009"
        issuer = company = "北京示例华创电子股份有限公司"
        issuer_en = ""

    book = FactBook(tmp_path, [Record()])
    try:
        answer = book.lookup("北京示例华创电子股份有限公司2009年营业收入是多少？")
        assert answer.matches and answer.matches[0].fact.value == Decimal("587377409.99")
        assert answer.matches[0].fact.table_kind == "statement"
        assert not book.lookup("北京示例华创电子股份有限公司2003年营业收入是多少？").matches
    finally:
        book.close()


def test_the_import_gets_facts_and_fields_from_the_pages_it_already_read(tmp_path):
    from analyst_desk.core.extraction.tables import tables_on_page
    from analyst_desk.core.library.table_facts.extract import unit_lines_above
    from analyst_desk.core.library.table_facts.indexing import facts_and_fields_of_pages

    path = _ten_k(tmp_path / "10k.pdf")
    cover = ("SECURITIES AND EXCHANGE COMMISSION\nFORM 10-K\nFor the fiscal year ended May 31, 2023\n"
             "Northwind Traders Corporation\n(Exact name of registrant as specified in its charter)\n"
             "Trading Symbol(s)\nNWT\n")
    with open_pdf(path) as doc:
        page = doc[0]
        tables = tables_on_page(page, str(path))
        read = [(1, page.rect.height, tables, unit_lines_above(page, tables))]
        texts = [cover + page.get_text()]
    facts, fields = facts_and_fields_of_pages(read, texts, doc_id="k")
    income = _one(facts, "Operating income", "2023")
    assert (income.unit, income.currency, income.primary) == ("USD million", "USD", True)
    assert {f.name: f.value for f in fields}["证券代码"] == "NWT"


def test_facts_of_an_older_schema_are_never_handed_out_and_the_next_writer_drops_them_for_a_rebuild(tmp_path):
    import sqlite3

    old = sqlite3.connect(tmp_path / "facts.sqlite")
    old.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    old.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    old.execute("CREATE TABLE documents (doc_id TEXT PRIMARY KEY, sha256 TEXT, facts INTEGER, built_at TEXT)")
    old.execute("INSERT INTO documents VALUES ('k', 's', 1, '')")
    old.execute('CREATE TABLE facts (fact_id TEXT, doc_id TEXT, page INTEGER, row_label TEXT, "column" TEXT, '
                "value_text TEXT, value TEXT, unit TEXT, kind TEXT, period TEXT)")
    old.execute("INSERT INTO facts VALUES ('f', 'k', 56, 'Operatingincome', '2015', '1,450', '1450', '百万元', 'value', '2015')")
    old.commit()
    old.close()
    reader = FactStore(tmp_path, read_only=True)
    assert reader.facts("k") == [] and reader.count() == 0  # "Operatingincome … 百万元" from a dollar filing
    reader.close()
    writer = FactStore(tmp_path)
    assert writer.built() == {} and writer.facts("k") == []  # rebuilt by the next import or `facts build`
    writer.close()


def test_a_research_note_s_estimates_are_forecasts_never_a_period_s_figure(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 60), "盈利预测与估值（单位：百万元）", fontname=FONT, fontsize=11)
    _table(page, 100, [("项目", "2022A", "2023E", "2024E"), ("营业收入", "3,566", "5,120", "6,480"),
                       ("归母净利润", "791", "1,250", "1,610"), ("毛利率", "40.1%", "41.2%", "41.8%")], width=110)
    path = tmp_path / "note.pdf"
    doc.save(path)
    doc.close()
    with open_pdf(path) as pdf:
        facts = facts_of_open_document(pdf, doc_id="r", current_period="2022")
    revenue = {f.period: f for f in facts if f.row_label == "营业收入"}
    assert revenue["2022"].kind == "value" and revenue["2023"].kind == "forecast"
    assert find_fact("营业收入", facts, period="2023").status == "no_period"
    estimate = find_fact("营业收入", facts, period="2023", kind="forecast")
    assert estimate.found and estimate.fact.value == Decimal("5120") and estimate.fact.unit == "百万元"


def test_ask_gives_a_research_note_s_estimate_only_to_a_question_about_the_forecast(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 60), "示例科技股份有限公司 盈利预测与估值（单位：百万元）", fontname=FONT, fontsize=11)
    _table(page, 100, [("项目", "2021A", "2022E", "2023E"), ("营业收入", "1,566", "3,684", "5,120")], width=110)
    path = tmp_path / "note.pdf"
    doc.save(path)
    doc.close()
    with open_pdf(path) as pdf:
        facts = facts_of_open_document(pdf, doc_id="r", current_period="2021")
    store = FactStore(tmp_path)
    store.replace("r", facts, sha256="s", fields=[])
    store.close()

    class Record:
        doc_id, path, sha256, status, title, period = "r", "", "s", "complete", "", "2021"
        issuer = company = "示例科技股份有限公司"
        issuer_en = ""

    book = FactBook(tmp_path, [Record()])
    try:
        forecast = book.lookup("示例科技股份有限公司2022年营业收入预测是多少？")
        assert forecast.matches and forecast.matches[0].fact.value == Decimal("3684")
        assert forecast.matches[0].fact.extra["forecast"]
        assert not book.lookup("示例科技股份有限公司2022年营业收入是多少？").matches
    finally:
        book.close()


def test_amounts_offset_from_year_heads_with_change_columns_take_their_own_year():
    """An SEC layout: "2022 | Change | 2021 | Change | 2020" over amounts that sit one column off their heads,
    with a sentence above naming the years; each amount is its own year, each change the year to its left."""
    from types import SimpleNamespace

    from analyst_desk.core.library.table_facts.extract import facts_from_table

    rows = [["", "2022", "Change", "2021", "", "Change", "2020", ""],
            ["Net sales by category:", "", "", "", "", "", "", ""],
            ["iPhone $", "205,489", "7 % $", "", "191,973", "39 % $", "", "137,781"],
            ["Total net sales $", "394,328", "8 % $", "", "365,817", "33 % $", "", "274,515"]]
    table = SimpleNamespace(rows=rows, header_rows=0, title="", unit=None, page=24, page_boxes={}, bbox=None)
    facts = facts_from_table(table, doc_id="d", table_no=1, current_period=ReportCalendar("2022", "09-24"),
                             unit_line="The following table shows net sales for 2022, 2021 and 2020 (dollars in "
                                       "millions):\n2022\n2021\n2020", currency="USD")
    total = {(f.kind, f.period, f.base_period): f.value_text for f in facts if f.row_label.startswith("Total net sales")}
    assert total == {("value", "2022", ""): "394,328", ("value", "2021", ""): "365,817",
                     ("value", "2020", ""): "274,515", ("change", "2022", "2021"): "8 %",
                     ("change", "2021", "2020"): "33 %"}
    assert {f.unit for f in facts if f.kind == "value"} == {"USD million"}
