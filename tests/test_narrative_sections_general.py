"""Narrative answers find the section of the asked topic on reports they were not written on (issue 21).

Pure logic over passages as the import stores them (no model, no PDF):
- a 10-K prints its sub-headings in bold at body size, so the chunker's type-size test misses them; a
  heading line atop a passage or after a finished sentence ("Human Capital", "Total Revenues and Operating
  Expenses") makes a section, while a line atop many pages ("Table of Contents") does not;
- a question about the main risks reads the chapter whose sub-sections are the risks (风险因素), not the
  one sub-section that names 风险 as well as the chapter does;
- a heading is matched by its telling words: "环境信息" finds 环境和社会责任 rather than 经营分部信息,
  since 信息 is in many headings and 环境 in few;
- an English quote is a whole sentence, not one PDF line of it; a heading line stays its own line;
- the direction a question assumes is not part of its topic ("operating expenses rise" → operating expenses).
"""

from __future__ import annotations

from dataclasses import dataclass

from analyst_desk.core.drafting.narrative.intent import read_intent
from analyst_desk.core.drafting.narrative.section_search import find_sections
from analyst_desk.core.drafting.narrative.text import split_sentences
from analyst_desk.core.library.sections import SectionMap, build_section_map, text_heading


def _rows(passages: list[tuple[int, str, str]]) -> list[dict]:
    return [{"ordinal": i, "page": page, "pages": [page], "heading": heading, "text": text}
            for i, (page, heading, text) in enumerate(passages)]


TEN_K = _rows([
    (1, "PART I", "Table of Contents\nItem 1. Business\nThe Company designs smartphones."),
    (2, "PART I", "Table of Contents\nHuman Capital\nThe Company had approximately 164,000 full-time equivalent "
                  "employees.\nCompensation and Benefits\nThe Company offers competitive pay."),
    (3, "PART I", "Table of Contents\nThe Company values inclusion.\nHealth and Safety\nThe Company supports "
                  "employees with safety training."),
    (4, "PART II", "Table of Contents\nTotal Revenues and Operating Expenses\nTotal revenues increased in fiscal "
                   "2022 due to growth in cloud services."),
    (5, "PART II", "Table of Contents\nwith the remaining amounts due in later years as described above."),
])


def test_a_ten_k_heading_printed_at_body_size_makes_a_section_and_a_running_header_does_not():
    titles = [s.title for s in build_section_map(TEN_K, doc_id="k").sections]
    assert "Human Capital" in titles and "Total Revenues and Operating Expenses" in titles
    assert "Compensation and Benefits" in titles and "Health and Safety" in titles
    assert "Table of Contents" not in titles
    assert not text_heading("with the remaining amounts due in later years") and not text_heading("Item")


@dataclass
class _Record:
    doc_id: str = "p"
    company: str = "力源信息技术股份有限公司"
    issuer_en: str = ""
    title: str = "招股意向书"
    status: str = "complete"


@dataclass
class _Chunk:
    chunk_id: str
    doc_id: str
    page: int
    text: str
    heading_path: str = ""
    kind: str = "text"


class _Library:
    """What section search reads of a library: documents, their passages and their section maps."""

    def __init__(self, rows: list[dict]) -> None:
        self.rows, self.folder, self.read_only = rows, "/nonexistent", True
        self.map = build_section_map(rows, doc_id="p")

    def documents(self):
        return [_Record()]

    def find_document(self, doc_id):
        return _Record() if doc_id == "p" else None

    def chunks(self, doc_id):
        return [_Chunk(f"p-{r['ordinal']}", "p", r["page"], r["text"], r["heading"]) for r in self.rows]


PROSPECTUS = _rows([
    (1, "创业板风险提示", "本次股票发行后拟在创业板市场上市，该市场具有较高的投资风险。"),
    (28, "第四节 风险因素", "投资者在评价发行人本次发行的股票时，应特别认真地考虑下述各项风险因素。"),
    (28, "第四节 风险因素 > 一、市场需求波动风险", "公司产品的市场需求受宏观经济影响。"),
    (29, "第四节 风险因素 > 二、存货风险", "公司存货余额较大。"),
    (29, "第四节 风险因素 > 三、市场竞争风险", "公司面临国外IC目录销售商的竞争。"),
    (30, "第四节 风险因素 > 四、财务风险 > （一）应收账款风险", "应收账款余额较高。"),
    (30, "第四节 风险因素 > 四、财务风险 > （二）汇率风险", "公司进口产品以美元结算，面临汇率风险。"),
    (40, "第五节 环境和社会责任 > 一、环境保护", "公司严格遵守环境保护法规，持有排污许可证，报告期内各项污染物排放均符合国家标准。"),
    (41, "第六节 财务会计信息 > 一、经营分部信息", "本公司以内部组织结构和管理要求为依据，按产品划分经营分部并据此报告。"),
    (42, "第六节 财务会计信息 > 二、关联方信息", "关联方交易按市场价格定价。"),
])


def test_the_main_risks_are_read_from_the_chapter_that_holds_them_all(monkeypatch):
    library = _Library(PROSPECTUS)
    monkeypatch.setattr("analyst_desk.core.drafting.narrative.section_search.section_map_of",
                        lambda lib, doc_id: lib.map)
    best = find_sections(library, read_intent("简要介绍一下力源信息面临的主要风险").topic, doc_ids=["p"])[0]
    assert best.section.title == "第四节 风险因素"
    assert {"汇率风险" in p.text or "美元" in p.text for p in best.passages} == {True, False}  # it holds them all


def test_a_topic_is_matched_by_its_telling_words_not_by_a_word_every_heading_has(monkeypatch):
    library = _Library(PROSPECTUS)
    monkeypatch.setattr("analyst_desk.core.drafting.narrative.section_search.section_map_of",
                        lambda lib, doc_id: lib.map)
    best = find_sections(library, "环境信息", doc_ids=["p"])[0]
    assert "环境" in best.path and "经营分部" not in best.path


def test_an_english_sentence_wrapped_over_pdf_lines_is_quoted_whole():
    text = ("Products gross margin increased during 2022 due primarily to a different Products mix and higher\n"
            "Products volume, partially offset by the weakness in foreign currencies.\nHuman Capital\n"
            "The Company believes its people are\ncritical to its success.")
    assert split_sentences(text) == [
        "Products gross margin increased during 2022 due primarily to a different Products mix and higher "
        "Products volume, partially offset by the weakness in foreign currencies.",
        "Human Capital", "The Company believes its people are critical to its success."]


def test_the_direction_a_question_assumes_is_not_its_topic():
    assert read_intent("Why did Oracle's operating expenses rise in fiscal 2022?").topic == "Oracle operating expenses"
    assert read_intent("What drove the growth in Apple's R&D expense in 2022?").kind == "why_how"
    assert read_intent("勤上光电2009年营业收入为什么下降？").topic == "勤上光电 营业收入"
    assert isinstance(build_section_map(PROSPECTUS, doc_id="p"), SectionMap)


class _Engine:
    """What the time budget reads of an engine: its name, its size and its window."""

    context_size = 4096

    def __init__(self, name: str, parameters: int) -> None:
        self.model_name = name
        self.info = type("Info", (), {"parameter_count": parameters})()


def test_a_bigger_model_is_given_less_to_read_and_write_so_the_answer_stays_within_the_minute():
    from analyst_desk.core.drafting.narrative import route
    from analyst_desk.core.engine.base import GenerationStats

    small, large = _Engine("small-0.5b", 494_000_000), _Engine("large-1.5b", 1_540_000_000)
    budget = route.TIME_BUDGET
    assert route.answer_tokens(large, 220, budget) < route.answer_tokens(small, 220, budget) or \
        route.answer_tokens(small, 220, budget) == 220
    assert route.prompt_budget(large, 120, budget) < route.prompt_budget(small, 120, budget)
    read, write = route.speeds(large)
    # What it measured replaces the plan, within a factor of it (a cached prompt reads at no cost).
    route._remember_speeds(large, GenerationStats(prompt_tokens=900, completion_tokens=100, time_to_first_token=0.01,
                                                  total_seconds=20.0))
    measured_read, measured_write = route.speeds(large)
    stats = GenerationStats(prompt_tokens=900, completion_tokens=100, time_to_first_token=0.01, total_seconds=20.0)
    assert abs(measured_read - read * 3) < 1e-6 and abs(measured_write - stats.tokens_per_second) < 1e-6
    assert measured_write != write
    route._MEASURED.pop("large-1.5b", None)
