"""A figure a report prints in a sentence, not a table, is read by the app — which measure, whose, which period,
which of the values 分别 lists — and stated with its page; the model types no figure. A sub-unit's, a peer's or
another period's figure is not taken for the company's."""

from __future__ import annotations

from types import SimpleNamespace

from analyst_desk.core.drafting.answering import answer_question
from analyst_desk.core.drafting.prose_figures import figures_in
from tests.test_answers_derived import Book, no_model


def values(sentence, term, issuer="东方电力"):
    return [(f.value, f.periods[:1]) for f in figures_in(sentence, [term], issuer=issuer)]


def test_a_balance_printed_in_a_sentence_is_read_with_its_date():
    assert values("2025 年末，本行普惠贷款余额 2,310.45 亿元，较上年末增长 9.1%。", "普惠贷款余额") == [
        ("2,310.45亿元", ("2025-12-31",))]


def test_the_value_分别_gives_a_year_is_that_years_and_a_range_of_years_is_spelled_out():
    sentence = "2023 年、2022 年和2021 年，本公司的发电量分别为 412.5 亿千瓦时、398.1 亿千瓦时和 350.2 亿千瓦时。"
    assert values(sentence, "发电量") == [("412.5亿千瓦时", ("2023",)), ("398.1亿千瓦时", ("2022",)),
                                          ("350.2亿千瓦时", ("2021",))]
    ranged = "2021 年度－2023 年度，本公司铁矿石产量分别为 12.1 百万吨、13.4 百万吨和 15.0 百万吨。"
    assert [p for _, p in values(ranged, "铁矿石产量")] == [("2021",), ("2022",), ("2023",)]


def test_two_measures_before_one_分别_take_their_own_values():
    sentence = "2024年本公司原油产量和销售量分别达到 35.2 百万吨和 41.7 百万吨，位居行业前列。"
    assert values(sentence, "原油产量") == [("35.2百万吨", ("2024",))]
    assert values(sentence, "销售量") == [("41.7百万吨", ("2024",))]


def test_a_change_from_one_period_to_another_gives_both_ends():
    sentence = "公司权益装机容量由2022年末的 610 万千瓦增长至2024年末的 805 万千瓦。"
    assert values(sentence, "权益装机容量") == [("610万千瓦", ("2022-12-31",)), ("805万千瓦", ("2024-12-31",))]


def test_a_sub_units_a_peers_or_a_shares_figure_is_not_the_companys():
    assert values("2024年，北方矿区铁矿石产量为 5.2 百万吨。", "铁矿石产量") == []  # a mine's, not the company's
    assert values("2024 年矿区人均年铁矿石产量为 9,800 吨。", "铁矿石产量") == []  # per head
    assert values("根据统计，2024 年我国铁矿石产量约为 980 百万吨。", "铁矿石产量") == []  # the country's
    assert values("主要竞争公司2024年的铁矿石产量分别是 30.1 百万吨和 28.7 百万吨。", "铁矿石产量") == []
    assert values("公司的铁矿石产量占全国总产量的比重为 1.5%。", "铁矿石产量") == []  # a share, not the volume
    assert values("2022年至2024年，铁矿石产量和销售量年均复合增长率分别达到 8.1%与 7.7%。", "铁矿石产量") == []
    assert values("2024年公司全年平均利用小时为 4,950 小时，其中火电全年平均利用小时为 5,320 小时。",
                  "平均利用小时") == [("4,950小时", ("2024",))]


def test_a_value_whose_period_the_sentence_does_not_settle_is_not_read():
    assert values("2023年和2024年，公司持续扩产，发电量达到 420 亿千瓦时。", "发电量") == []
    assert values("本次发行前公司的资产负债率为 45.30%（以公司2023年12月31日报表计）。", "资产负债率") == [
        ("45.30%", ("2023-12-31",))]


class Passages:
    """A retriever over one report whose pages say what the test needs."""

    def __init__(self, record, pages):
        self.records, self.pages = [record], pages

    def documents(self):
        return self.records

    def search(self, query, *, k=5, doc_ids=None):
        return [SimpleNamespace(chunk_id=f"c{page}", doc_id=self.records[0].doc_id, title="东方电力招股说明书",
                                path="/x/dongfang.pdf", page=page, text=text, score=1.0)
                for page, text in self.pages][:k]


def test_asked_for_a_figure_a_sentence_prints_the_app_answers_with_the_page_and_no_model():
    record = SimpleNamespace(doc_id="df", issuer="东方电力股份有限公司", company="东方电力股份有限公司", issuer_en="",
                             title="东方电力招股说明书", path="/x/dongfang.pdf", period="2024", doc_type="prospectus",
                             status="complete")
    shelf = Passages(record, [
        (12, "根据统计，2024 年我国发电量约为 94,180 亿千瓦时。"),
        (48, "2024 年、2023 年和2022 年，本公司的发电量分别为 412.5 亿千瓦时、398.1 亿千瓦时和 350.2 亿千瓦时。"),
    ])
    result = answer_question("东方电力2023年发电量是多少？", shelf, no_model, facts=Book([], [record]))
    assert result.text.startswith("2023年发电量为398.1亿千瓦时（第48页）[1]")
    assert "94,180" not in result.text and not result.verification.flags
    assert result.sources[0].page == 48
