"""Every document is named by what its pages say — its own company, report type and period — and never
by a metadata title that is a Word file name, a path, hex, or another company's name.

The expected issuers were read from each PDF's first pages by a person (cover, running head,
registrant line), not from the app.
"""

from __future__ import annotations

import re
from pathlib import Path

import pymupdf
import pytest

from analyst_desk.core.library.display_title import decode_pdf_string, display_title, usable_metadata_title
from analyst_desk.core.library.document_profile import read_profile
from analyst_desk.core.period_words import period_words, readable_amount

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

#: File → (the issuer its cover names, the report type word the cover prints).
REPORTS = {
    "cn_bank_annual_report_pingan_2024/平安银行：2024年年度报告.pdf": ("平安银行股份有限公司", "年度报告"),
    "cn_prospectus_dev/中国神华能源股份有限公司.PDF": ("中国神华能源股份有限公司", "招股意向书"),
    "cn_prospectus_dev/国电电力发展股份有限公司.PDF": ("国电电力发展股份有限公司", "招股意向书"),
    "cn_prospectus_dev/湖南南岭民用爆破器材股份有限公司.PDF": ("湖南南岭民用爆破器材股份有限公司", "招股意向书"),
    "cn_prospectus_dev2/东莞勤上光电股份有限公司.PDF": ("东莞勤上光电股份有限公司", "招股意向书"),
    "cn_prospectus_dev2/北京七星华创电子股份有限公司.PDF": ("北京七星华创电子股份有限公司", "招股意向书"),
    "cn_prospectus_dev2/厦门科华恒盛股份有限公司.PDF": ("厦门科华恒盛股份有限公司", "招股意向书"),
    "cn_prospectus_dev2/广东银禧科技股份有限公司.PDF": ("广东银禧科技股份有限公司", "招股意向书"),
    "cn_prospectus_dev2/武汉力源信息技术股份有限公司.PDF": ("武汉力源信息技术股份有限公司", "招股意向书"),
    "cn_prospectus_dev2/苏州海陆重工股份有限公司.PDF": ("苏州海陆重工股份有限公司", "招股意向书"),
    "en_filings_dev/APPLE_2022_10K.pdf": ("Apple Inc.", "10-K"),
    "en_filings_dev/EBAY_2023Q2_10Q.pdf": ("eBay Inc.", "10-Q"),
    "en_filings_dev/FEDEX_2023_10K.pdf": ("FedEx Corporation", "10-K"),
    "en_filings_dev/INTEL_2020_10K.pdf": ("INTEL CORPORATION", "10-K"),
    "en_filings_dev/MCDONALDS_2022_10K.pdf": ("McDONALD’S CORPORATION", "10-K"),
    "en_filings_dev/ORACLE_2022_10K.pdf": ("Oracle Corporation", "10-K"),
    "en_filings_dev/SALESFORCE_2023_10K.pdf": ("Salesforce, Inc.", "10-K"),
    # A broker's note on 高测股份: the company is the one quoted with its stock code, not the broker.
    "mineru_cn_research_report_gt/research_report_1f978cd81fb7260c8f7644039ec2c054.pdf": ("高测股份", "公司点评"),
}
_BAD = re.compile(r"Microsoft Word|\.docx?\b|^<[0-9A-Fa-f]|\\|^/|^[A-Za-z]:|\d{4}(?:H1|Q[1-4])\b")


def _title_of(path: Path) -> tuple[str, str]:
    """(display title, raw metadata title) as the library would name the file."""
    with pymupdf.open(path) as document:
        raw = document.metadata.get("title") or ""
        # The first pages name the company and the report; the period of a prospectus is read from its
        # statement headers, which the first pages do not always reach (then the title leaves it out).
        pages = [document[i].get_text() for i in range(min(12, document.page_count))]
    profile = read_profile(pages, decode_pdf_string(raw), path.stem)
    title = display_title(issuer=profile.issuer or profile.issuer_en, report_type=profile.report_type,
                          period=profile.period, metadata_title=raw, file_name=str(path),
                          first_page=pages[0] if pages else "")
    return title, raw


@pytest.mark.skipif(not DATA.is_dir(), reason="the shared sample documents are not on this machine")
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_a_report_is_named_by_its_own_company_type_and_period(name):
    title, raw = _title_of(DATA / name)
    issuer, type_word = REPORTS[name]
    parts = title.split(" · ")
    assert parts[0] == issuer, (title, raw)
    assert parts[1] == type_word, title
    assert not _BAD.search(title), title
    if len(parts) > 2:  # the period, in words
        assert re.fullmatch(r"(?:19|20)\d{2}(?:年|年度|年1-6月|财年|财年第[一二三四]季度)", parts[2]), title


@pytest.mark.skipif(not DATA.is_dir(), reason="the shared sample documents are not on this machine")
def test_no_pdf_in_the_samples_is_named_by_a_junk_metadata_title():
    """The table samples and the rest: a name is the document's title or its file name, never junk."""
    for path in sorted(p for p in DATA.rglob("*") if p.suffix.lower() == ".pdf"):
        title, raw = _title_of(path)
        assert title, path
        assert not _BAD.search(title), (path.name, title, raw)
        if raw and title == decode_pdf_string(raw):  # the metadata title was used: it must be a usable one
            assert usable_metadata_title(raw) == title, (path.name, raw)


def test_hex_and_word_file_metadata_are_decoded_and_refused():
    gbk_hex = "<4D6963726F736F667420576F7264202D20D4F6B7A2D5D0B9C9D2E2CFF2CAE9>"  # as one prospectus stores it
    assert decode_pdf_string(gbk_hex) == "Microsoft Word - 增发招股意向书"
    assert decode_pdf_string("<FEFF5E7394F6884C>") == "平银行"  # UTF-16 with its byte-order mark
    assert usable_metadata_title(gbk_hex) == ""
    assert usable_metadata_title("Microsoft Word - 1-1 招股意向书.doc") == ""
    assert usable_metadata_title(r"C:\Users\Administrator\Desktop\2、 招股意向书.doc") == ""
    # Another company's name in the metadata (the file was made from its prospectus) is never used.
    assert display_title(metadata_title="广东群兴玩具股份有限公司", file_name="/x/青稞酒招股书.pdf") == "青稞酒招股书"
    assert display_title(issuer="青海互助青稞酒股份有限公司", report_type="prospectus", period="2011H1",
                         metadata_title=gbk_hex) == "青海互助青稞酒股份有限公司 · 招股意向书 · 2011年"
    assert display_title(metadata_title="股份有限公司", file_name="平安银行：2024年年度报告.pdf") == "平安银行：2024年年度报告"
    # A source whose document has left the library carries only its stored (metadata) title.
    assert display_title(metadata_title="Microsoft Word - 1-1 招股意向书.doc") == "未命名文档"
    assert display_title(metadata_title=gbk_hex, language="en") == "Untitled document"


def test_periods_and_amounts_read_in_words():
    assert period_words("2011H1") == "2011年1-6月"
    assert period_words("2024") == "2024年度"
    assert period_words("2024-12-31") == "2024年末"
    assert period_words("2024Q3") == "2024年第三季度"
    assert period_words("2022", report_type="10-K") == "2022财年"
    assert period_words("2011H1", "en") == "H1 2011"
    shown = readable_amount("438919222.84", "元", value_text="438,919,222.84")
    assert (shown.text, shown.exact) == ("4.39亿元", "438,919,222.84元")
    assert readable_amount("58737.74", "万元").text == "5.87亿元"
    assert readable_amount("5873.74", "万元").text == "5,873.74万元"
    assert readable_amount("12.5", "%").text == "12.5%"


def test_an_answer_reads_yuan_amounts_in_yi_and_wan_and_keeps_the_printed_figure():
    from analyst_desk.core.period_words import readable_amounts_in

    text = "营业收入为812,345,678.90元（第4页）[1]，研发投入5,873.74万元，每股收益0.52元/股，货币资金58,737.74万元。"
    found = [(text[start:end], amount.text, amount.exact) for start, end, amount in readable_amounts_in(text)]
    assert found == [("812,345,678.90元", "8.12亿元", "812,345,678.90元"),
                     ("58,737.74万元", "5.87亿元", "58,737.74万元")]  # 万元 under 1亿 and 元/股 stay as printed
    assert readable_amounts_in("净利润153104938.20元")[0][2].text == "1.53亿元"
    assert readable_amounts_in("3.5亿元、123元") == []
