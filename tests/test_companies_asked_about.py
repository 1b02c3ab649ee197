"""A question names a company: the library's, by any of the names people use, or one the library has no
report on — which is then said by name and given no figure, never another company's.

Stories from questions analysts asked of a library that did not hold the company (贵州茅台, 海康威视) and of
SEC filings whose registrant is printed in capitals with a typographic apostrophe (McDONALD’S).
"""

from __future__ import annotations

from types import SimpleNamespace

from analyst_desk.core.drafting.answering import answer_question
from analyst_desk.core.library.query_issuers import aliases_for, leading_subject
from analyst_desk.core.library.query_profile import parse_query
from tests.support.engines import ScriptedEngine
from tests.test_answers_derived import YINXI, Book, Shelf, liyuan_facts, no_model, yinxi_facts

FILERS = [("McDONALD’S CORPORATION", "McDONALD’S CORPORATION"), ("INTEL CORPORATION", "INTEL CORPORATION"),
          ("Apple Inc.", "Apple Inc."), ("广东银禧科技股份有限公司", "")]


def test_a_registrant_printed_in_capitals_with_a_curly_apostrophe_is_found_as_people_type_it():
    for question in ("What were McDonald's total revenues in 2022?", "McDonalds revenue 2022",
                     "Compare McDonald’s and Apple total assets"):
        assert "McDONALD’S CORPORATION" in parse_query(question, FILERS).issuers, question


def test_two_letters_of_an_english_name_are_no_alias_so_the_word_in_is_not_intel():
    assert "IN" not in aliases_for("INTEL CORPORATION", "INTEL CORPORATION")
    assert "Ap" not in aliases_for("Apple Inc.", "Apple Inc.")
    profile = parse_query("What were McDonald's total revenues in 2022?", FILERS)
    assert "INTEL CORPORATION" not in profile.issuers
    assert aliases_for("平安银行股份有限公司")[-1] == "平安"  # a Chinese short name of two characters stays


def test_a_company_whose_name_starts_like_a_pronoun_is_still_a_company():
    # 贵 in 贵公司 means "your"; in 贵州茅台 it is a province. 本 (本钢板材) and 我 likewise.
    profile = parse_query("贵州茅台2024年净利润是多少？", FILERS)
    assert profile.missing == ("贵州茅台",) and not profile.issuers
    assert parse_query("贵公司2024年净利润是多少？", FILERS).missing == ()


def test_the_name_a_question_opens_with_is_its_subject_unless_it_is_a_word_about_the_company():
    assert leading_subject("海康威视的实际控制人是谁？") == "海康威视"
    assert leading_subject("请问招商银行的不良率") == "招商银行"
    for question in ("报告期内的营业收入", "公司的实际控制人是谁", "前五大客户有哪些", "主营业务是什么", "发行人的注册资本",
                     "募集资金投向", "实际控制人是谁"):
        assert leading_subject(question) == "", question


class NamingShelf(Shelf):
    """The two prospectuses, and a full-text index that finds the names their pages print."""

    PRINTED = {"银禧": [YINXI], "力源": ["doc-liyuan"], "东莞银禧新材料": [YINXI]}

    def mentions(self, term, *, k=30):
        return [d for name, docs in self.PRINTED.items() if name in term for d in docs]


def _library():
    records = [SimpleNamespace(doc_id=YINXI, issuer="广东银禧科技股份有限公司", company="广东银禧科技股份有限公司",
                               issuer_en="", title="银禧科技招股说明书", path="/x/yinxi.pdf", status="complete"),
               SimpleNamespace(doc_id="doc-liyuan", issuer="武汉力源信息技术股份有限公司", company="武汉力源信息技术股份有限公司",
                               issuer_en="", title="力源信息招股说明书", path="/x/liyuan.pdf", status="complete")]
    return NamingShelf(records), Book(yinxi_facts() + liyuan_facts(), records)


def test_a_company_no_page_of_the_library_names_is_not_in_the_library_and_the_model_is_not_asked():
    shelf, book = _library()
    result = answer_question("海康威视的实际控制人是谁？", shelf, no_model, facts=book)
    assert result.not_found and result.missing_companies == ["海康威视"] and "海康威视" in result.text
    assert not shelf.searched


def test_a_name_the_library_does_print_is_not_called_absent():
    shelf, book = _library()
    writer = ScriptedEngine("东莞银禧新材料有限公司注册资本为5,000.00万元[1]。", context_size=2048)
    result = answer_question("东莞银禧新材料的注册资本是多少？", shelf, writer, facts=book)
    assert not result.missing_companies and "资料库中没有" not in result.text


def test_an_unread_document_is_used_for_a_company_only_when_its_file_names_that_company():
    records = [SimpleNamespace(doc_id="doc-unread", issuer="", company="", issuer_en="", title="",
                               path="/x/NORTHWIND_2023Q2_10Q.pdf", status="complete")]
    shelf = Shelf(records)
    book = Book([], records)
    result = answer_question("What was Contoso's net income in 2023?", shelf, no_model, facts=book)
    assert result.not_found and result.missing_companies == ["Contoso"]


def test_a_span_of_fiscal_years_in_english_asks_for_every_year_of_it_side_by_side():
    filers = [("INTEL CORPORATION", "INTEL CORPORATION"), ("Salesforce, Inc.", "Salesforce, Inc.")]
    through = parse_query("Intel net income 2018 through 2020", filers)
    assert [p for p in through.periods if len(p) == 4] == ["2018", "2019", "2020"] and through.intent == "compare"
    assert through.metric_terms[0] == "net income"
    fiscal = parse_query("Salesforce total revenues FY2021 to FY2023", filers)
    assert [p for p in fiscal.periods if len(p) == 4] == ["2021", "2022", "2023"] and fiscal.intent == "compare"
    assert parse_query("What was Intel net income in fiscal 2020?", filers).intent == "figure"


class ProseShelf(Shelf):
    """A bank's 2024 report whose net interest margin is printed only in a sentence."""

    def search(self, query, *, k=5, doc_ids=None):
        from analyst_desk.core.library.models import SearchHit

        self.searched.append(query)
        return [SearchHit(chunk_id="c1", doc_id="bank", title="2024年年度报告", path="/x/bank.pdf", page=53, pages=[53],
                          heading_path="", text="2024年，本集团净息差为1.87%，较去年同期下降51个基点。")]


def test_a_measure_printed_in_a_sentence_of_another_year_is_not_quoted_for_the_year_asked():
    records = [SimpleNamespace(doc_id="bank", issuer="平安银行股份有限公司", company="平安银行股份有限公司",
                               issuer_en="Ping An Bank Co., Ltd.", title="平安银行2024年年度报告", path="/x/bank.pdf",
                               period="2024", status="complete")]
    shelf, book = ProseShelf(records), Book([], records)
    asked_2019 = answer_question("平安银行2019年净息差是多少？", shelf, no_model, facts=book)
    assert asked_2019.not_found and "1.87" not in asked_2019.text
    asked_2024 = answer_question("平安银行2024年净息差是多少？", shelf, no_model, facts=book)
    assert "1.87%" in asked_2024.text and "第53页" in asked_2024.text


def test_an_unread_document_that_prints_the_name_is_that_companys():
    class Printing(Shelf):
        def mentions(self, term, *, k=30):
            return ["doc-unread"] if "Contoso" in term else []

    records = [SimpleNamespace(doc_id="doc-unread", issuer="", company="", issuer_en="", title="scan-0042",
                               path="/x/scan-0042.pdf", status="complete")]
    shelf = Printing(records)
    writer = ScriptedEngine("Contoso approved a dividend of 0.30 per share [1].", context_size=2048)
    result = answer_question("What dividend did Contoso approve in 2023?", shelf, writer, facts=Book([], records))
    assert not result.missing_companies and shelf.searched


class StaffShelf(Shelf):
    """A prospectus that prints its headcount only in a sentence, beside a peer's."""

    def search(self, query, *, k=5, doc_ids=None):
        from analyst_desk.core.library.models import SearchHit

        self.searched.append(query)
        texts = ["该公司全球员工人数4500人，业务遍及36个国家。", "截止2006年6月30日，公司员工总数为1439人，其结构如下：",
                 "公司重视员工培训，每年组织2次集中培训。"]
        return [SearchHit(chunk_id=f"c{i}", doc_id=YINXI, title="银禧科技招股说明书", path="/x/yinxi.pdf", page=40 + i,
                          pages=[40 + i], heading_path="", text=t) for i, t in enumerate(texts)]


def test_a_headcount_printed_only_in_a_sentence_is_quoted_the_reports_own_first():
    shelf, book = StaffShelf(_library()[0].records), _library()[1]
    result = answer_question("银禧科技有多少员工？", shelf, no_model, facts=book)
    first = result.text.splitlines()[1]
    assert "1439人" in first and "第41页" in first and "2次" not in result.text


def test_an_english_request_verb_opening_the_question_is_not_a_company():
    assert parse_query("Summarise what the Northwind report says about its risks", FILERS).missing == ("Northwind",)
    assert parse_query("Describe Apple's main risks", FILERS).issuers == ("Apple Inc.",)
    assert parse_query("Amazon net income 2022", FILERS).missing == ("Amazon",)


class TenKStaffShelf(Shelf):
    """A 10-K's Human Capital section: the count stands a few words before its noun, the subject is "the Company"."""

    def search(self, query, *, k=5, doc_ids=None):
        from analyst_desk.core.library.models import SearchHit

        self.searched.append(query)
        texts = ["As of September 24, 2022, the Company had approximately 164,000 full-time equivalent employees.",
                 "The Company believes its 2 offices in Cork are adequate."]
        return [SearchHit(chunk_id=f"c{i}", doc_id=YINXI, title="Apple 10-K", path="/x/apple.pdf", page=7 + i,
                          pages=[7 + i], heading_path="Human Capital", text=t) for i, t in enumerate(texts)]


def test_an_english_headcount_a_few_words_before_employees_is_quoted():
    shelf, book = TenKStaffShelf(_library()[0].records), _library()[1]
    result = answer_question("How many employees does 银禧科技 have?", shelf, no_model, facts=book)
    assert "164,000" in result.text and "2 offices" not in result.text, result.text


def test_an_english_question_naming_a_chinese_issuer_in_full_asks_for_the_field_after_the_name():
    """"…of Guangdong Silver Age Sci & Tech?" names the company to its last word: nothing of the name is
    left over to be read as what is asked, so the 法定代表人 field answers it (not the model)."""
    from analyst_desk.core.drafting.field_answers import asked_field

    issuers = [("广东银禧科技股份有限公司", "GUANGDONG SILVER AGE SCI＆TECH CO.,LTD."),
               ("国电电力发展股份有限公司", "GD POWER DEVELOPMENT CO., LTD."), ("Apple Inc.", "Apple Inc.")]
    profile = parse_query("Who is the legal representative of Guangdong Silver Age Sci & Tech?", issuers)
    assert profile.mentions == ("Guangdong Silver Age Sci & Tech",)
    assert asked_field(profile) == "法定代表人"
    profile = parse_query("What is the issue price of Guodian Power's additional A-share offering?", issuers)
    assert profile.issuers == ("国电电力发展股份有限公司",) and profile.mentions == ("Guodian Power",)
    assert asked_field(profile) == "发行价格"
    # Words after the name that are not the name's stay what is asked.
    assert parse_query("What was Apple Inc. net income in fiscal 2022?", issuers).mentions == ("Apple Inc",)
