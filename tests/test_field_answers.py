"""An analyst asks for a labelled field of a report — the issuer's legal representative, its sponsor, where it
lists, a 10-K registrant's state of incorporation — and gets the field as the report prints it, with its page,
without the model (which picked the sponsor's legal representative, or a subsidiary's founding date).
"""

from __future__ import annotations

from types import SimpleNamespace

from analyst_desk.core.drafting.answering import answer_question
from analyst_desk.core.drafting.field_answers import asked_field
from analyst_desk.core.library.document_profile import document_fields
from analyst_desk.core.library.labelled_fields import ProfileField
from analyst_desk.core.library.query_profile import parse_query
from analyst_desk.core.library.sec_cover_fields import cover_fields
from tests.test_answers_derived import Shelf, no_model

ISSUERS = [("武汉力源信息技术股份有限公司", "Wuhan P&S Information Technology Co., Ltd."),
           ("Northwind Traders, Inc.", "Northwind Traders, Inc.")]


def test_a_question_asks_for_a_field_only_when_it_asks_for_nothing_else():
    asks = {"力源信息的法定代表人是谁": "法定代表人", "力源信息的注册资本有多少": "注册资本",
            "力源信息是什么时候成立的？": "成立日期", "力源信息找的哪家会计师事务所审计？": "会计师事务所",
            "力源信息计划在哪个交易所上市？": "拟上市地", "力源信息的保荐机构有哪几家": "保荐人",
            "Who is the legal representative of Wuhan P&S?": "法定代表人",
            "In which state is Northwind Traders incorporated?": "注册成立地",
            "What is Northwind Traders' ticker symbol?": "证券代码", "Who audits Northwind Traders?": "会计师事务所",
            "Where are Northwind Traders' principal executive offices?": "办公地址",
            "力源信息的保荐人是哪家券商": "保荐人", "力源信息2009年度财务报告由哪家会计师事务所审计？": "会计师事务所",
            "力源信息拟在哪个证券交易所上市？": "拟上市地", "力源信息的发行人律师是哪家律所？": "律师事务所"}
    for question, field in asks.items():
        assert asked_field(parse_query(question, ISSUERS)) == field, question
    for question in ("力源信息实际控制人持股比例是多少", "力源信息2009年营业收入", "力源信息有哪些控股子公司",
                     "力源信息在纽约证券交易所的股票代码是什么？", "What were Northwind Traders' audit fees?"):
        assert asked_field(parse_query(question, ISSUERS)) == "", question


class FieldBook:
    def __init__(self, fields, records):
        self._fields, self.records = fields, records

    def facts(self, doc_ids=None):
        return []

    def field(self, name, *, issuer="", doc_ids=None):
        return next((f for f in self._fields if f.name == name and (not doc_ids or f.doc_id in doc_ids)), None)


def _shelf():
    records = [SimpleNamespace(doc_id="liyuan", issuer="武汉力源信息技术股份有限公司", company="武汉力源信息技术股份有限公司",
                               issuer_en="Wuhan P&S Information Technology Co., Ltd.", title="力源信息招股说明书",
                               path="/x/liyuan.pdf", status="complete"),
               SimpleNamespace(doc_id="nw", issuer="Northwind Traders, Inc.", company="Northwind Traders, Inc.",
                               issuer_en="Northwind Traders, Inc.", title="Northwind 10-K", path="/x/nw.pdf",
                               status="complete")]
    fields = [ProfileField("liyuan", "法定代表人", "赵马克", 28, "法定代表人", "法定代表人：赵马克"),
              ProfileField("liyuan", "保荐人", "[●]证券", 1, "保荐人", "保荐人：[●]证券", determined=False),
              ProfileField("liyuan", "发行价格", "17.52元/股", 11, "发行价格", "发行价格：17.52元/股"),
              ProfileField("liyuan", "注册资本", "7,500万元", 28, "注册资本", "注册资本：7,500万元"),
              ProfileField("liyuan", "拟上市地", "深圳证券交易所", 5, "拟上市的证券交易所", "拟上市的证券交易所：深圳证券交易所"),
              ProfileField("nw", "注册成立地", "Delaware", 1, "State or other jurisdiction of incorporation",
                           "Delaware\n(State or other jurisdiction of incorporation or organization)"),
              ProfileField("nw", "报告期截止日", "September 30, 2023", 1, "For the fiscal year ended",
                           "For the fiscal year ended September 30, 2023")]
    return Shelf(records), FieldBook(fields, records)


def test_the_field_is_answered_as_printed_with_its_page_and_no_model():
    shelf, book = _shelf()
    result = answer_question("力源信息的法定代表人是谁？", shelf, no_model, facts=book)
    assert result.text == "力源信息的法定代表人为赵马克（第28页）[1]。" and result.from_facts
    assert [(s.page, s.doc_id) for s in result.sources] == [(28, "liyuan")] and not shelf.searched
    assert result.verification.flags == []


def test_an_english_question_gets_the_field_in_english_with_the_exchange_named_in_english():
    shelf, book = _shelf()
    listed = answer_question("Which exchange will Wuhan P&S list on?", shelf, no_model, facts=book)
    assert "Shenzhen Stock Exchange (深圳证券交易所) (page 5) [1]" in listed.text
    state = answer_question("In which state is Northwind Traders incorporated?", shelf, no_model, facts=book)
    assert state.text == "Northwind Traders' state of incorporation: Delaware (page 1) [1]."
    covered = answer_question("What fiscal year end does Northwind Traders' 10-K cover?", shelf, no_model, facts=book)
    assert "September 30, 2023 (page 1) [1]" in covered.text and covered.from_facts
    # A price in yuan is said in English by rule, the printed price beside it (no "元/股" alone in English).
    price = answer_question("What is the issue price of Wuhan P&S Information Technology?", shelf, no_model, facts=book)
    assert "issue price: RMB 17.52 per share (17.52元/股) (page 11) [1]" in price.text, price.text
    assert price.verification.flags == []
    from analyst_desk.core.drafting.field_answers import _in_english_units

    assert _in_english_units("1.00元") == "RMB 1.00 (1.00元)"  # a par value, not "RMB 0.00 million"
    capital = answer_question("What is the registered capital of Wuhan P&S Information Technology?", shelf, no_model,
                              facts=book)
    assert "RMB 75.00 million (7,500万元)" in capital.text, capital.text


def test_a_placeholder_is_said_to_be_not_yet_set_rather_than_given_as_the_answer():
    shelf, book = _shelf()
    result = answer_question("力源信息的保荐人是哪家？", shelf, no_model, facts=book)
    assert "尚未确定" in result.text and "“[●]证券”" in result.text


APPLE_LIKE_COVER = """UNITED STATES
SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549
FORM 10-K
ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934
For the fiscal year ended September 30, 2023
Commission File Number: 001-12345
Northwind Traders, Inc.
(Exact name of Registrant as specified in its charter)
Washington
91-1234567
(State or other jurisdiction
of incorporation or organization)
(I.R.S. Employer
Identification No.)
1 Harbor Way,
Seattle, Washington
98101
(Address of principal executive offices)
(Zip Code)
(206) 555-0100
(Registrant’s telephone number, including area code)
Securities registered pursuant to Section 12(b) of the Act:
Title of each class
Trading Symbol(s)
Name of each exchange on which registered
Common Stock, $0.01 par value
NWT
The Nasdaq Stock Market LLC
Securities registered pursuant to Section 12(g) of the Act: None
"""


def test_an_sec_cover_gives_its_boxes_each_value_above_its_caption():
    boxes = {f.name: f.value for f in cover_fields(APPLE_LIKE_COVER, doc_id="nw")}
    assert boxes == {"注册成立地": "Washington", "雇主识别号": "91-1234567",
                     "办公地址": "1 Harbor Way, Seattle, Washington 98101", "联系电话": "(206) 555-0100",
                     "拟上市地": "The Nasdaq Stock Market LLC", "报告期截止日": "September 30, 2023"}
    fields = {f.name: f.value for f in document_fields([APPLE_LIKE_COVER], doc_id="nw")}
    assert fields["发行人"] == "Northwind Traders, Inc." and fields["证券代码"] == "NWT"
    assert fields["注册成立地"] == "Washington"
    assert cover_fields("公司名称：武汉力源信息技术股份有限公司\n法定代表人：赵马克") == []


def test_a_person_holding_the_shares_is_read_as_controlling_shareholder_and_actual_controller():
    page = ("武汉某某科技股份有限公司招股意向书\n二、控股股东及实际控制人\n截至本招股意向书签署日，赵马克(MarkZhao)先生持有本公司"
            "股份2,117.70万股，占本公司总股本的42.35%，为本公司控股股东及实际控制人。赵马克(MarkZhao)，美国籍。\n")
    fields = {f.name: f.value for f in document_fields(["封面", page], doc_id="ly")}
    assert fields.get("控股股东") == fields.get("实际控制人") == "赵马克(MarkZhao)"


def test_the_controlling_shareholders_actual_controller_is_the_issuers_actual_controller():
    assert asked_field(parse_query("力源信息控股股东的实际控制人是谁？", ISSUERS)) == "实际控制人"
    assert asked_field(parse_query("力源信息的实控人是谁", ISSUERS)) == "实际控制人"
    assert asked_field(parse_query("力源信息控股股东的注册资本是多少", ISSUERS)) == ""


def test_the_offering_named_by_its_kind_still_asks_for_the_field_and_a_long_figure_field_gives_its_clause():
    assert asked_field(parse_query("力源信息这次IPO由哪家券商保荐？", ISSUERS)) == "保荐人"
    assert asked_field(parse_query("力源信息本次增发数量", ISSUERS)) == "发行股数"
    # Answering first checks the document's offering is of that kind (tests/test_narrative.py: a 增发 called an IPO).
    assert asked_field(parse_query("力源信息这次首发上市的发行价是多少？", ISSUERS)) == "发行价格"
    from analyst_desk.core.drafting.field_answers import _the_clause_with_the_figure

    printed = ("经公司2007年第一次临时股东大会及五届十七次董事会审议通过，本次增发的数量不超过40,000万股。"
               "国电集团承诺以现金认购不少于价值5亿元的本次增发A股股票")
    assert _the_clause_with_the_figure(printed) == "本次增发的数量不超过40,000万股"
