"""The degenerate-output guard decides before anything is shown: Ask never streams the model's raw text.

A planted degenerate answer (the question said back, an empty numbered list) from a stand-in engine over a
small generated report: what reaches ``on_chunk`` is only the text the guard passed — here the report's own
sentences, labelled 原文摘录 — never a chunk of the model's words. A sound answer is shown once, checked.
"""

from __future__ import annotations

import pytest

from analyst_desk.core.drafting.answering import answer_question
from analyst_desk.core.drafting.narrative.route import QUOTE_LABEL, handles
from tests.library_docs import CN_REPORT_PAGES, write_pdf
from tests.support.engines import ScriptedEngine
from tests.support.libraries import imported_library

QUESTION = "本行零售客户数达到多少万户，财富管理规模增长了多少？"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    write_pdf(folder / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)
    with imported_library(tmp_path_factory.mktemp("index"), folder) as lib:
        yield lib


#: A question no figure answers (the app reads "零售客户数达到1,250万户" from the sentence itself): the model is asked.
PROGRESS = "本行零售客户和财富管理有什么进展？"


def test_a_planted_degenerate_answer_never_reaches_the_user(library):
    assert not handles(PROGRESS)  # the ordinary route: the model over the relevant passages
    planted = "本行零售客户和财富管理有什么进展？ 1. 2. 3. 4. 5. 6."
    shown: list[str] = []
    result = answer_question(PROGRESS, library, ScriptedEngine(planted, chunk=3, model_name="planted"), facts=None, on_chunk=shown.append)
    assert result.raw_text.startswith("本行零售客户")  # the model did write it…
    assert shown == [result.text]  # …but only the guarded text was ever shown, once
    assert result.text.startswith(QUOTE_LABEL["zh"]) and "1,250万户" in result.text
    assert "1. 2. 3." not in "".join(shown)


def test_a_sound_answer_is_shown_once_after_its_checks(library):
    sound = "2024年本行零售客户数达到1,250万户，财富管理规模增长18%[1]。"
    shown: list[str] = []
    result = answer_question(QUESTION, library, ScriptedEngine(sound, chunk=3, model_name="planted"), facts=None, on_chunk=shown.append)
    assert shown == [result.text] and "1,250万户" in result.text and not result.text.startswith(QUOTE_LABEL["zh"])


def test_only_introduce_summarise_why_how_and_list_questions_take_the_narrative_route():
    assert handles("能否根据2020年的年报，简要介绍一下报告期内公司的环境信息情况")
    assert handles("为什么2024年净息差下降？") and handles("公司有哪些控股子公司？")
    assert handles("七星电子在纽约证券交易所的股票代码是什么")  # a venue premise is still checked
    assert not handles("2019年营业收入是多少？") and not handles("平安银行2024年净息差")


def test_a_heading_or_a_contents_line_is_never_quoted_as_the_answer():
    from analyst_desk.core.drafting.narrative.condense import readable

    for heading in ("Human Capital", "our capital stock", "第一节  释  义......................................................9",
                    "三、本次发行的当事人及有关机构"):
        assert not readable(heading), heading
    assert readable("As of January 31, 2023, we had 79,390 employees worldwide.")
    assert readable("截止2006年6月30日，公司员工总数为1439人，其结构如下：")


def test_a_line_that_only_repeats_a_sources_caption_is_dropped_from_what_the_model_wrote():
    from types import SimpleNamespace

    from analyst_desk.core.drafting.grounded import without_copied_captions

    sources = [SimpleNamespace(title="江南精密机械股份有限公司 · 招股意向书")]
    written = ("江南精密机械股份有限公司 · 招股意向书,第 2 页[1]\n本公司主营业务为精密数控机床及其关键零部件[1]。\n"
               "江南精密机械股份有限公司 · 招股意向书，第3页[2]\n一、原材料价格波动风险[2]。")
    assert without_copied_captions(written, sources) == "本公司主营业务为精密数控机床及其关键零部件[1]。\n一、原材料价格波动风险[2]。"


def test_a_summary_the_ordinary_route_wrote_shows_only_the_sentences_its_passages_hold():
    from analyst_desk.core.drafting.grounded import GroundedResult
    from analyst_desk.core.drafting.narrative.guard import guard_grounded
    from analyst_desk.core.drafting.sources import Source
    from analyst_desk.core.drafting.verification import verify

    passage = "公司持有排污许可证，报告期内化学需氧量排放12.5吨，污水处理设施运行正常，未发生环境污染事故。"
    sources = [Source(1, "p-5", "p", "年度报告", "/r.pdf", 5, passage)]
    text = ("公司持有排污许可证，报告期内化学需氧量排放12.5吨[1]。"
            "公司计划于2026年投资8亿元建设光伏电站并获得国家环保部表彰[1]。")
    result = GroundedResult(text=text, sources=sources, verification=verify(text, sources), language="zh")
    shown = guard_grounded(result, "请简要介绍一下报告期内公司的环境信息情况")
    assert "12.5吨" in shown.text and "光伏电站" not in shown.text, shown.text
