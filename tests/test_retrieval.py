"""Document- and period-aware retrieval: words, question profiles, document profiles, keyword ranking."""

from __future__ import annotations

import pytest

from analyst_desk.core.library.document_profile import issuer_aliases, read_profile
from analyst_desk.core.library.keyword_index import KeywordIndex, prepare
from analyst_desk.core.library.query_profile import parse_query
from analyst_desk.core.library.tokenizer import tokenize

LIBRARY_ISSUERS = [("平安银行股份有限公司", "Ping An Bank Co., Ltd."), ("高测股份", ""),
                   ("中国神华能源股份有限公司", "China Shenhua Energy Company Limited"), ("国电电力发展股份有限公司", ""),
                   ("湖南南岭民用爆破器材股份有限公司", "Hunan Nanling Industry Explosive Material Co.,LTD.")]


def test_mixed_chinese_and_english_text_becomes_words_numbers_and_lowercase_terms():
    words = tokenize("平安口袋银行APP注册用户数17,403.96万户，NPL ratio 1.06%")
    assert {"平安", "口袋", "银行", "app", "注册", "用户数", "17403.96", "npl", "ratio", "1.06"} <= set(words)
    assert "，" not in words and "数" not in words  # punctuation and single characters are not words


def test_a_glossary_term_is_one_word_and_its_parts_are_words_too():
    words = tokenize("不良贷款率")
    assert "不良贷款率" in words and {"不良", "贷款"} <= set(words)


def test_english_possessives_and_plurals_match_their_stem():
    assert tokenize("Ping An Bank's margins") == tokenize("ping an bank margin")


@pytest.mark.parametrize("question, issuer, legal, period, metric", [
    ("2024年平安银行的净息差是多少？", "平安银行", "平安银行股份有限公司", "2024", "净息差"),
    ("南岭民爆2005年主营业务收入是多少？", "南岭民爆", "湖南南岭民用爆破器材股份有限公司", "2005", "主营业务收入"),
    ("中国神华2007年6月30日总资产", "中国神华", "中国神华能源股份有限公司", "2007H1", "总资产"),
    ("平安银行2024年第四季度归属于本行股东的净利润是多少？", "平安银行", "平安银行股份有限公司", "2024Q4", "净利润"),
    ("What was Ping An Bank's net interest margin in 2024?", "Ping An Bank", "平安银行股份有限公司", "2024", "净息差"),
    ("What is the issue price of Guodian Power's offering?", "Guodian", "国电电力发展股份有限公司", "", "发行价格"),
    ("高测股份2022年一季度电力采购单价", "高测股份", "高测股份", "2022Q1", "电力采购单价"),
])
def test_a_question_names_its_issuer_period_and_metric(question, issuer, legal, period, metric):
    profile = parse_query(question, LIBRARY_ISSUERS)
    assert (profile.issuer, profile.issuers, profile.period) == (issuer, (legal,), period)
    assert metric in profile.metric_terms
    assert not any(issuer in term for term in profile.metric_terms)


@pytest.mark.parametrize("question, period, periods", [
    ("南岭民爆2006年度第一季度营业收入是多少？", "2006Q1", ("2006Q1", "2006-03-31")),
    ("南岭民爆2010年1－6月的净利润", "2010H1", ("2010H1", "2010-06-30")),
    ("南岭民爆2010年1月-6月净利润", "2010H1", ("2010H1", "2010-06-30")),
    ("南岭民爆2010年度1-6月净利润", "2010H1", ("2010H1", "2010-06-30")),
    ("南岭民爆2009年末总资产", "2009", ("2009-12-31", "2009")),
])
def test_a_question_s_period_keeps_its_quarter_or_half_year(question, period, periods):
    profile = parse_query(question, LIBRARY_ISSUERS)
    assert (profile.period, profile.periods) == (period, periods)


def test_a_request_about_the_company_names_no_company():
    for question in ("请介绍一下公司", "请介绍一下公司的主营业务", "简要介绍一下公司的环境信息情况"):
        profile = parse_query(question, LIBRARY_ISSUERS)
        assert (profile.issuer, profile.missing, profile.mentions) == ("", (), ()), question
    assert parse_query("请问招商银行2024年净息差是多少？", LIBRARY_ISSUERS).missing == ("招商银行",)


def test_a_company_the_library_does_not_hold_is_named_but_not_matched():
    profile = parse_query("招商银行2024年净息差是多少？", LIBRARY_ISSUERS)
    assert profile.issuer == "招商银行" and not profile.issuer_in_library
    assert parse_query("What was Apple's revenue in fiscal 2023?", LIBRARY_ISSUERS).issuer == "Apple"


def test_definition_questions_are_told_from_figure_questions():
    assert parse_query("净息差的定义是什么？").wants_definition
    assert parse_query("How is the net interest margin calculated?").wants_definition
    assert not parse_query("2024年净息差是多少？").wants_definition
    assert not parse_query("南岭民爆主要业务是什么？").wants_definition


def test_issuer_aliases_cover_the_short_names_analysts_use():
    assert {"平安银行", "平安"} <= set(issuer_aliases("平安银行股份有限公司"))
    assert {"南岭民用爆破器材", "南岭"} <= set(issuer_aliases("湖南南岭民用爆破器材股份有限公司"))
    assert {"China Shenhua Energy", "Shenhua"} <= set(issuer_aliases("中国神华能源股份有限公司",
                                                                      "China Shenhua Energy Company Limited"))
    assert "中国" not in issuer_aliases("中国银行股份有限公司")


def test_the_profile_comes_from_the_cover_not_from_sponsors_or_dividend_notes():
    cover = "华东商业银行股份有限公司\n2024 年年度报告\n"
    notes = "重要提示\n2024年中期已按每10股派发现金股利人民币2.46元\n保荐机构：某某证券股份有限公司\n"
    profile = read_profile([cover, notes, "华东商业银行股份有限公司 2024年年度报告\n正文"], title="", file_stem="x")
    assert (profile.issuer, profile.report_type, profile.period) == ("华东商业银行股份有限公司", "annual_report", "2024")


def test_a_prospectus_period_is_its_latest_statement_column_not_a_plan():
    pages = ["湖北某某科技股份有限公司\n首次公开发行股票招股说明书\n保荐人（主承销商）\n某某证券有限责任公司\n"]
    pages += ["项目 | 2008年6月30日 | 2007年12月31日 | 2006年12月31日\n营业收入 | 1 | 2 | 3"] * 4
    pages += ["公司计划2010年12月31日前完成扩产"]
    profile = read_profile(pages)
    assert (profile.issuer, profile.report_type, profile.period) == ("湖北某某科技股份有限公司", "prospectus", "2008H1")


def test_a_research_note_is_about_the_quoted_company_not_the_broker():
    pages = ["证券研究报告 | 公司点评\n某某科技(688001.SH)\n2022 年07 月19 日\n增持（维持）\n某某证券研究所"]
    profile = read_profile(pages)
    assert (profile.issuer, profile.report_type, profile.period) == ("某某科技", "research", "2022")


def _index_of_two_reports(folder) -> KeywordIndex:
    """Bank A's report names the bank on every page; one page states its NIM. Bank B's mentions NIM once."""
    index = KeywordIndex(folder)
    a_pages = [(f"a-{n:05d}", n, f"东海银行 2024年年度报告 第{n}页 经营情况 资产 负债 存款 贷款") for n in range(1, 31)]
    a_pages[11] = ("a-00012", 12, "东海银行 2024年年度报告 关键指标 净息差 1.87% 2.38%")
    index.store(prepare("bank-a", "sha-a", a_pages))
    index.store(prepare("bank-b", "sha-b", [("b-00001", 1, "西山银行 净息差 说明 以及 资产 负债 存款"),
                                            ("b-00002", 2, "西山银行 存款 贷款")]))
    return index


def test_a_word_on_every_page_of_its_document_carries_almost_no_weight(tmp_path):
    index = _index_of_two_reports(tmp_path)
    name_only = index.search(tokenize("东海银行"), level="page")
    metric = index.search(tokenize("净息差"), level="page")
    assert max(score for _, score in name_only) < 0.2 * max(score for _, score in metric)
    # Within the bank's own report the name does not pull its other 29 pages up to the metric's page.
    hits = index.search(tokenize("东海银行 净息差"), level="page", doc_ids={"bank-a"})
    assert hits[0][0] == ("bank-a", 12)
    assert all(score < 0.2 * hits[0][1] for _, score in hits[1:])


def test_keyword_search_stays_inside_the_documents_asked_for(tmp_path):
    index = _index_of_two_reports(tmp_path)
    hits = index.search(tokenize("净息差"), level="passage", doc_ids={"bank-b"})
    assert [key for key, _ in hits] == ["b-00001"]
    assert index.page_of("a-00012") == ("bank-a", 12)
    assert index.passages_on_page("bank-a", 12) == ["a-00012"]


def test_the_keyword_index_is_kept_per_document_on_disk(tmp_path):
    _index_of_two_reports(tmp_path)
    reopened = KeywordIndex(tmp_path)
    assert reopened.documents() == {"bank-a": "sha-a", "bank-b": "sha-b"}
    reopened.remove("bank-a")
    assert KeywordIndex(tmp_path).documents() == {"bank-b": "sha-b"}
    assert not (tmp_path / "keywords" / "bank-a.json.gz").exists()
