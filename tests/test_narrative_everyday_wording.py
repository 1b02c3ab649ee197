"""Narrative questions in everyday wording, and premises about who owns and runs the company (issue 21).

Pure logic over passages as the library stores them (the real-model checks are in test_narrative.py):
- "营收为啥下滑了？", "在社会责任方面都做了啥？给我简单介绍下": a why-question and a summary asked the way people
  talk, read for their kind and for a topic without the request's own words;
- "作为一家民营企业，实际控制人是哪位自然人？" of a company a state body controls: the premise is false, and the
  sentence naming the controller is quoted;
- "董事长马云持股比例是多少？" of a report whose chairman is 赵马克: the name is not taken for granted, and the
  answer says who the report names as chairman.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyst_desk.core.drafting.narrative.intent import read_intent
from analyst_desk.core.drafting.narrative.premises import check_premises, correction, names_in


@dataclass
class _Hit:
    text: str
    page: int
    chunk_id: str = "p-1"
    doc_id: str = "p"
    heading_path: str = ""


class _Text:
    def __init__(self, passages: list[_Hit]) -> None:
        self.library, self.doc_ids, self._passages = None, ["p"], passages

    def all_passages(self) -> list[_Hit]:
        return self._passages

    def passages(self, doc_id: str) -> list[_Hit]:
        return self._passages

    def joined(self) -> str:
        return "".join(p.text for p in self._passages)


STATE = [
    _Hit("本次发行前，南岭化工厂持有本公司96.34%的股权，为本公司控股股东，本公司实际控制人为湖南省国有资产监督管理委员会。", 42),
    _Hit("控股股东南岭化工厂承诺不从事与本公司相竞争的业务。", 90),
]
PRIVATE = [
    _Hit("本公司实际控制人为谭颂斌、周娟夫妇，二人均为境内自然人。", 24),
]
CHAIRMAN = [
    _Hit("本公司董事长兼总经理赵马克(Mark Zhao)、副总经理兼财务总监吴伟钢直接持有本公司股份。", 177),
    _Hit("公司实际控制人及董事长赵马克(Mark Zhao)承诺：自发行人股票上市之日起三十六个月内不转让。", 2),
]


def test_why_and_summary_questions_in_everyday_wording_are_read_for_their_kind_and_topic():
    assert read_intent("平安银行2024年营收为啥下滑了？") .kind == "why_how"
    summary = read_intent("平安银行2024年在社会责任方面都做了啥？给我简单介绍下")
    assert summary.kind == "summary" and summary.topic == "平安银行 社会责任"
    assert read_intent("七星电子在行业里处于什么样的竞争地位，简要说明一下").topic == "七星电子 行业 竞争地位"
    assert read_intent("力源信息未来几年的发展目标是什么？帮我概括一下").topic == "力源信息 发展目标"
    assert read_intent("南岭民爆是如何保证产品质量的？").topic == "南岭民爆 保证产品质量"
    assert read_intent("Give me a short overview of the competition Apple says it faces.").topic == "competition Apple"
    assert read_intent("七星电子面临哪些行业风险？简单说说").kind == "list"  # 哪些 still asks for the items


def test_a_company_called_private_is_told_the_state_body_that_controls_it():
    premise = check_premises("南岭民爆作为一家民营企业，实际控制人是哪位自然人？", _Text(STATE))
    assert premise is not None and premise.kind == "ownership"
    assert any("湖南省国有资产监督管理委员会" in sentence for sentence, _ in premise.evidence)
    assert not any("承诺" in sentence for sentence, _ in premise.evidence)
    assert "未显示" in correction(premise, "zh")
    # A company its founders control is not corrected for being called private, nor one the state controls for
    # being called state-owned.
    assert check_premises("银禧科技作为一家民营企业，实际控制人是谁？", _Text(PRIVATE)) is None
    assert check_premises("南岭民爆作为国有控股企业，国资持股比例是多少？", _Text(STATE)) is None


def test_a_chairman_named_wrong_is_told_the_chairman_the_report_names():
    premise = check_premises("力源信息董事长马云持股比例是多少？", _Text(CHAIRMAN))
    assert premise is not None and premise.kind == "name" and premise.asked == "马云"
    assert premise.said == "赵马克"
    assert correction(premise, "zh", "[1]") == "文件中没有出现“马云”：文件显示董事长为赵马克[1]。"
    assert premise.evidence and "赵马克" in premise.evidence[0][0]
    # The right chairman is no false premise; a title followed by an everyday word names no one.
    assert check_premises("力源信息董事长赵马克持股比例是多少？", _Text(CHAIRMAN)) is None
    assert "任期" not in names_in("力源信息董事长任期多长？")


class _Pages:
    """A library holding one 10-K's passages, as the premise checks read it."""

    def __init__(self, passages: list[_Hit]) -> None:
        self._passages = passages

    def chunks(self, doc_id: str) -> list[_Hit]:
        return self._passages


def test_a_ticker_asked_on_the_wrong_exchange_is_left_to_the_correction_not_answered_from_the_field():
    from analyst_desk.core.drafting.answering import _offering_misnamed

    tenk = _Pages([_Hit("The Company’s common stock trades under the symbol MCD and is listed on the New York Stock "
                        "Exchange in the U.S.", 26),
                   _Hit("Title of each class: Common Stock. Trading Symbol: MCD. Name of each exchange on which "
                        "registered: New York Stock Exchange", 1),
                   _Hit("Our shares are listed on the New York Stock Exchange under the symbol MCD.", 15)])
    assert _offering_misnamed("What is McDonald's ticker on the Nasdaq?", tenk, ["p"])
    assert not _offering_misnamed("What is McDonald's ticker on the New York Stock Exchange?", tenk, ["p"])
    assert not _offering_misnamed("What is McDonald's ticker?", tenk, ["p"])
