"""The real 296-page Ping An Bank 2024 annual report, imported once for the module."""

from __future__ import annotations

import pytest

from app.core.library import Library
from app.core.library.embedders import UseEmbedder

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def pingan(tmp_path_factory):
    from tests.conftest import SHARED_DATA

    folder = SHARED_DATA / "cn_bank_annual_report_pingan_2024"
    if not folder.is_dir():
        pytest.skip(f"{folder} not present (team sample documents)")
    library = Library(tmp_path_factory.mktemp("pingan-index"), UseEmbedder(threads=2))
    report = library.add_paths([next(folder.glob("*.pdf"))])
    assert report.results[0].status == "indexed", report.results[0].message
    yield library
    library.close()


def test_the_annual_report_is_described(pingan):
    doc = pingan.documents()[0]
    assert (doc.pages, doc.company, doc.period, doc.doc_type, doc.language) == (296, "平安银行", "2024",
                                                                              "annual_report", "zh")


def test_net_interest_margin_query_returns_the_page_stating_the_2024_figure_first(pingan):
    hit = pingan.search("净息差", k=5)[0]
    assert hit.page == 16
    assert "| 净息差 | 1.87% | 2.38% |" in hit.text
    assert hit.heading_path == "第二章 会计数据和财务指标 > 2.1关键指标"


def test_the_english_query_finds_such_a_page_in_the_first_five(pingan):
    hits = pingan.search("net interest margin", k=5)
    assert any("1.87%" in h.text and "净息差" in h.text for h in hits)


def test_npl_ratio_is_found_with_its_figure(pingan):
    hits = pingan.search("不良贷款率", k=3)
    assert any("1.06%" in h.text for h in hits)
