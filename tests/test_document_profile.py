"""A document says who it is about, what it is and which period it covers — on its cover page and in
its labelled fields — and the app reads it from there, never from the first company name in the text.

Real filings and prospectuses from ../shared/data (dev documents only; the validation split is
scored elsewhere). Skipped when the shared data is not present.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyst_desk.core.library.document_profile import read_profile
from analyst_desk.core.pdf import open_pdf

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not present")


def _profile(relative: str, pages: int | None = None):
    path = DATA / relative
    if not path.exists():
        pytest.skip(f"{relative} is not present")
    with open_pdf(path, max_pages=None) as doc:
        texts = [doc[i].get_text() for i in range(doc.page_count if pages is None else min(pages, doc.page_count))]
    return read_profile(texts, "", path.stem)


@pytest.mark.parametrize("relative, registrant, form, period, period_end, ticker", [
    ("en_filings_dev/APPLE_2022_10K.pdf", "Apple Inc.", "10-K", "2022", "2022-09-24", "AAPL"),
    ("en_filings_dev/INTEL_2020_10K.pdf", "INTEL CORPORATION", "10-K", "2020", "2020-12-26", "INTC"),
    ("en_filings_dev/MCDONALDS_2022_10K.pdf", "McDONALD’S CORPORATION", "10-K", "2022", "2022-12-31", "MCD"),
    ("en_filings_dev/ORACLE_2022_10K.pdf", "Oracle Corporation", "10-K", "2022", "2022-05-31", "ORCL"),
    ("en_filings_dev/SALESFORCE_2023_10K.pdf", "Salesforce, Inc.", "10-K", "2023", "2023-01-31", "CRM"),
])
def test_an_sec_filing_is_profiled_from_its_cover_page(relative, registrant, form, period, period_end, ticker):
    profile = _profile(relative, pages=3)
    assert (profile.issuer, profile.report_type, profile.form) == (registrant, form, form)
    assert (profile.period, profile.period_end, profile.ticker, profile.currency) == (period, period_end, ticker, "USD")


def test_a_fiscal_year_that_is_not_the_calendar_year_is_kept_for_quarters_and_columns():
    oracle = _profile("en_filings_dev/ORACLE_2022_10K.pdf", pages=3)
    assert oracle.fiscal_year_end == "05-31"  # Oracle's quarter ended August 31 is the first of the next fiscal year
    assert _profile("en_filings_dev/MCDONALDS_2022_10K.pdf", pages=3).fiscal_year_end == ""  # calendar year


def test_a_10q_cover_gives_the_quarter_and_an_8k_its_event_date():
    cover = ("UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\nWashington, D.C. 20549\nFORM 10-Q\n"
             "QUARTERLY REPORT PURSUANT TO SECTION 13 OR 15(d)\nFor the quarterly period ended August 31, 2022\n"
             "Northwind Traders Corp.\n(Exact name of registrant as specified in its charter)\n"
             "Our fiscal year ends on May 31\nTrading Symbol(s)\nNWT\n")
    profile = read_profile([cover, "Item 1. Financial Statements"])
    assert (profile.issuer, profile.report_type, profile.period, profile.ticker) == (
        "Northwind Traders Corp.", "10-Q", "2023Q1", "NWT")
    calendar = cover.replace("August 31, 2022", "June 30, 2023").replace("Our fiscal year ends on May 31\n", "")
    assert read_profile([calendar]).period == "2023Q2"
    event = ("SECURITIES AND EXCHANGE COMMISSION\nFORM 8-K\nCURRENT REPORT\n"
             "Date of Report (Date of earliest event reported): February 1, 2024\n"
             "Contoso Ltd\n(Exact name of registrant as specified in its charter)\n")
    assert (read_profile([event]).report_type, read_profile([event]).period) == ("8-K", "2024")


def test_a_company_named_inside_a_filing_is_never_taken_for_the_registrant():
    cover = ("SECURITIES AND EXCHANGE COMMISSION\nFORM 10-K\nFor the fiscal year ended December 31, 2023\n"
             "The Boeing Company\n(Exact name of registrant as specified in its charter)\n")
    inside = "Lockheed Martin Corporation is our largest competitor. Lockheed Martin Corporation\n" * 20
    profile = read_profile([cover, inside, inside])
    assert profile.issuer == "The Boeing Company" and profile.period == "2023"


@pytest.mark.parametrize("relative, issuer, english, period, short", [
    ("cn_prospectus_dev/中国神华能源股份有限公司.PDF", "中国神华能源股份有限公司", "China Shenhua Energy Company Limited",
     "2007H1", "中国神华"),
    ("cn_prospectus_dev/国电电力发展股份有限公司.PDF", "国电电力发展股份有限公司", "GD POWER DEVELOPMENT CO., LTD.",
     "2007H1", "国电电力"),
    ("cn_prospectus_dev/湖南南岭民用爆破器材股份有限公司.PDF", "湖南南岭民用爆破器材股份有限公司",
     "Hunan Nanling Industry Explosive Material Co.,LTD", "2006H1", ""),
    ("cn_prospectus_dev2/北京七星华创电子股份有限公司.PDF", "北京七星华创电子股份有限公司",
     "Beijing Sevenstar Electronics Co., Ltd.", "2009", "七星电子"),
    ("cn_prospectus_dev2/东莞勤上光电股份有限公司.PDF", "东莞勤上光电股份有限公司", "DONGGUAN KINGSUN OPTOELECTRONIC CO.,LTD.",
     "2011H1", "勤上光电"),
    ("cn_prospectus_dev2/武汉力源信息技术股份有限公司.PDF", "武汉力源信息技术股份有限公司",
     "Wuhan P&S Information Technology Co., Ltd.", "2010H1", ""),
    ("cn_prospectus_dev2/广东银禧科技股份有限公司.PDF", "广东银禧科技股份有限公司", "GUANGDONG SILVER AGE SCI＆TECH CO.,LTD.",
     "2010", ""),
])
def test_a_prospectus_names_its_issuer_english_name_and_reporting_period(relative, issuer, english, period, short):
    profile = _profile(relative)
    assert (profile.issuer, profile.report_type, profile.issuer_en, profile.period) == (
        issuer, "prospectus", english, period)
    assert profile.short_name == short
    if short:
        assert short in profile.aliases()


def test_a_bank_annual_report_gives_its_short_name_and_stock_code():
    profile = _profile("cn_bank_annual_report_pingan_2024/平安银行：2024年年度报告.pdf", pages=30)
    assert (profile.issuer, profile.report_type, profile.period) == ("平安银行股份有限公司", "annual_report", "2024")
    assert (profile.short_name, profile.ticker) == ("平安银行", "000001")


def test_an_earnings_release_is_about_the_company_its_headline_names():
    release = ("Contoso Corporation Reports Fourth Quarter and Fiscal 2023 Results\n"
               "REDMOND — Contoso today announced revenue of $5.1 billion, ahead of Fabrikam Inc.\n")
    profile = read_profile([release, "Fabrikam Inc. Fabrikam Inc. Fabrikam Inc."])
    assert (profile.issuer, profile.report_type, profile.period) == ("Contoso Corporation", "earnings_release", "2023")
    quarter = read_profile(["Northwind Traders Announces Second Quarter 2024 Financial Results\nNorthwind today…"])
    assert (quarter.issuer, quarter.period) == ("Northwind Traders", "2024Q2")


@pytest.mark.parametrize("name, registrant, form, period", [
    ("APPLE_2022_10K.pdf", "Apple Inc.", "10-K", "2022"), ("INTEL_2020_10K.pdf", "INTEL CORPORATION", "10-K", "2020"),
    ("MCDONALDS_2022_10K.pdf", "McDONALD’S CORPORATION", "10-K", "2022"),
    ("ORACLE_2022_10K.pdf", "Oracle Corporation", "10-K", "2022"),
    ("SALESFORCE_2023_10K.pdf", "Salesforce, Inc.", "10-K", "2023"),
    ("FEDEX_2023_10K.pdf", "FedEx Corporation", "10-K", "2023"), ("EBAY_2023Q2_10Q.pdf", "eBay Inc.", "10-Q", "2023Q2"),
])
def test_every_filing_is_profiled_as_the_import_reads_it(name, registrant, form, period):
    # The import reads lines of spans, which drops a no-break space between "FORM" and "10-Q" ("FORM10-Q"):
    # the cover must still be read as a 10-Q with its registrant and quarter, or the filing names no company.
    from analyst_desk.core.library.chunking import describe_document
    from analyst_desk.core.library.loaders import load_document

    path = DATA / "en_filings_dev" / name
    if not path.exists():
        pytest.skip(f"{name} is not present")
    described = describe_document(load_document(path))
    assert (described["company"], described["doc_type"], described["period"]) == (registrant, form, period)
