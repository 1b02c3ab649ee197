"""An analyst names a statement line the short way ("投资活动现金流净额", "交了多少所得税", "短期借款余额",
"short-term borrowings"); the app answers from the line the statement prints, with its page, and no model."""

from __future__ import annotations

from types import SimpleNamespace

from analyst_desk.core.drafting.answering import answer_question
from tests.test_answers_derived import YINXI, Book, Shelf, fact, no_model


def _prospectus():
    records = [SimpleNamespace(doc_id=YINXI, issuer="广东银禧科技股份有限公司", company="广东银禧科技股份有限公司",
                               issuer_en="GUANGDONG SILVER AGE SCI＆TECH CO.,LTD.", title="银禧科技招股意向书",
                               path="/x/yinxi.pdf", status="complete")]
    facts = [fact(YINXI, 206, "短期借款", "2010-12-31", "99,495,864.68", "元", title="合并资产负债表", table=1, row=1),
             fact(YINXI, 206, "短期借款", "2009-12-31", "76,639,690.82", "元", title="合并资产负债表", table=1, row=1),
             fact(YINXI, 207, "减：所得税费用", "2010", "8,000,000.00", "元", table=2, row=5),
             # The notes split the expense into its current and deferred parts; neither is the tax asked for.
             fact(YINXI, 230, "当期所得税", "2010", "7,500,000.00", "元", title="所得税费用", table=9, row=1),
             fact(YINXI, 230, "递延所得税", "2010", "500,000.00", "元", title="所得税费用", table=9, row=2),
             fact(YINXI, 206, "递延所得税资产", "2010-12-31", "1,950,955.13", "元", title="合并资产负债表", table=1, row=7),
             fact(YINXI, 208, "投资活动产生的现金流量净额", "2010", "-17,449,946.82", "元", title="合并现金流量表", table=3,
                  row=9)]
    return Shelf(records), Book(facts, records)


def test_a_cash_flow_line_asked_in_shorthand_is_the_statements_line():
    shelf, book = _prospectus()
    result = answer_question("银禧科技2010年投资活动现金流净额", shelf, no_model, facts=book)
    assert "-17,449,946.82元（第208页）" in result.text and result.from_facts, result.text


def test_tax_paid_is_the_income_statements_tax_expense():
    shelf, book = _prospectus()
    result = answer_question("银禧科技2010年交了多少所得税", shelf, no_model, facts=book)
    assert "所得税费用为8,000,000.00元（第207页）" in result.text and "7,500,000.00" not in result.text, result.text


def test_a_balance_asked_as_余额_is_the_line_at_that_date_in_either_language():
    shelf, book = _prospectus()
    chinese = answer_question("银禧科技2010年末短期借款余额是多少", shelf, no_model, facts=book)
    assert "99,495,864.68元（第206页）" in chinese.text, chinese.text
    english = answer_question("What were Silver Age's short-term borrowings at the end of 2010?", shelf, no_model,
                              facts=book)
    assert "RMB 99.50 million (page 206)" in english.text, english.text
