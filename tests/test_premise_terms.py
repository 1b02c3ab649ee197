"""A finance term asked in English inside a Chinese question — '银禧2010年EBITDA是多少' — is no name the documents
never print when they print it in Chinese (息税折旧摊销前利润): the question goes on to the figures, instead of being
told "文件中没有出现“EBITDA”"."""

from __future__ import annotations

from types import SimpleNamespace

from analyst_desk.core.drafting.narrative.premises import DocumentText, check_names


class _Shelf:
    def __init__(self, text: str) -> None:
        self.text = text

    def chunks(self, doc_id):
        return [SimpleNamespace(text=self.text, page=26, heading_path="")]


def test_an_english_term_the_report_prints_in_chinese_is_no_missing_name():
    printed = DocumentText(_Shelf("| 息税折旧摊销前利润（万元） | 7,728.29 | 5,503.00 |"), ["yinxi"])
    assert check_names("银禧2010年EBITDA是多少", printed) is None


def test_a_name_no_page_prints_is_still_said_to_be_missing():
    printed = DocumentText(_Shelf("| 息税折旧摊销前利润（万元） | 7,728.29 | 5,503.00 |"), ["yinxi"])
    premise = check_names("银禧和Northwind的合作协议金额是多少", printed)
    assert premise is not None and premise.asked == "Northwind"
