"""On the real Ping An 2024 annual report with the real default model: figures come from the source.

- "2024年平安银行的净息差是多少？" answers 1.87%, first, citing a page that prints it;
- the company brief states 营业收入 and 净利润 as printed (146,695 / 44,508 百万元, or their 亿元 forms
  by rule) with the direction of their change, each citing a page that prints it;
- every figure in those answers and drafts is exact (on the page it cites, in that unit) or flagged.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pymupdf
import pytest

from analyst_desk.core.drafting.answering import answer_question
from analyst_desk.core.drafting.drafts import DraftStore
from analyst_desk.core.drafting.figure_match import find_figures
from analyst_desk.core.drafting.templates import find_template
from analyst_desk.core.drafting.verification import is_reference_number, sentences
from analyst_desk.core.drafting.writer import new_draft, write_draft
from analyst_desk.core.facts import FactBook
from analyst_desk.core.library import Library
from analyst_desk.core.library.embedders import UseEmbedder
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.slow
REPORT = "cn_bank_annual_report_pingan_2024/平安银行：2024年年度报告.pdf"


@pytest.fixture(scope="module")
def pingan(tmp_path_factory):
    if not (SHARED_DATA / REPORT).is_file():
        pytest.skip(f"{SHARED_DATA} not present (team sample documents)")
    library = Library(tmp_path_factory.mktemp("pingan_index"), UseEmbedder(threads=2))
    assert all(r.ok for r in library.add_paths([SHARED_DATA / REPORT]).results)
    book = FactBook.of(library)
    yield library, book
    book.close()
    library.close()


def _page_text(path: str, page: int) -> str:
    with pymupdf.open(path) as doc:
        return re.sub(r"\s+", "", doc[page - 1].get_text())


_MONEY = {"亿元": Decimal(10) ** 8, "百万元": Decimal(10) ** 6, "万元": Decimal(10) ** 4, "千元": Decimal(10) ** 3}


def _printed(figure, page: str) -> bool:
    """The figure's digits are on the page — or, for an amount, its value in a money unit the page names
    (445.08亿元 on a page printing 44,508 under 人民币百万元)."""
    flat = page.replace(",", "")
    digits = re.sub(r"[^\d.]", "", figure.text.split("%")[0])
    if digits and digits in flat:
        return True
    if figure.kind != "amount":
        return False
    for unit, factor in _MONEY.items():
        if unit in page:
            text = f"{figure.value / factor:f}"
            text = text.rstrip("0").rstrip(".") if "." in text else text
            if text in flat:
                return True
    return False


def _unflagged_figures_not_on_their_pages(text: str, sources, flags) -> list[str]:
    """Independent of the app's check: every unflagged figure's digits are printed on a page its sentence cites."""
    flagged = [(f.start, f.end) for f in flags]
    by_number = {s.number: s for s in sources}
    wrong = []
    for start, end in sentences(text):
        sentence = text[start:end]
        cited = [by_number[int(n)] for n in re.findall(r"\[(\d{1,3})\]", sentence) if int(n) in by_number]
        pages = [_page_text(s.path, s.page) for s in cited]
        for figure in find_figures(sentence):
            if figure.kind == "date" or is_reference_number(sentence, figure):
                continue
            if re.match(r"\s*[（(](?:计算值|computed)", sentence[figure.end:]) or sentence[figure.end:].startswith("*"):
                continue  # a figure the app computed, labelled so (计算值, or * in its table): printed nowhere
            if re.search(r"×\s*$", sentence[:figure.start]) and figure.text.startswith("100"):
                continue  # the "× 100%" of a formula the app states: a constant, not a figure of the report
            if any(a < start + figure.end and start + figure.start < b for a, b in flagged):
                continue
            if not any(_printed(figure, page) for page in pages):
                wrong.append(f"{figure.text} in {sentence.strip()[:60]}")
    return wrong


def test_the_net_interest_margin_question_answers_1_87_percent_first_citing_a_page_that_states_it(pingan, chat_engine,
                                                                                                 shared_data):
    library, book = pingan
    result = answer_question("2024年平安银行的净息差是多少？", library, chat_engine, facts=book)
    first = result.text.split("。")[0]
    assert "1.87%" in first and "2024年" in first
    cited = [s for s in result.sources if s.number in result.verification.citations]
    assert cited and all("1.87" in _page_text(s.path, s.page) for s in cited)
    assert result.verification.ok


def test_the_company_brief_states_revenue_and_net_profit_with_their_direction_citing_pages_that_print_them(
        pingan, chat_engine, shared_data, tmp_path):
    """The financial section is a table the app builds from the facts: each cell the printed amount in a
    readable unit, both years, cited to a page that prints it; the model only writes around it."""
    library, book = pingan
    draft = new_draft(find_template("company_brief"), "平安银行", language="zh")
    write_draft(draft, library, chat_engine, store=DraftStore(tmp_path), facts=book)
    finance = draft.sections[1]
    text = finance.text
    assert re.search(r"\| 指标 \| 2024年度 \| 2023年度 \|", text), text
    sources = {s.number: s for s in draft.section_sources(finance)}
    for row, now, before, printed in (("营业收入", "1,466.95亿元", "1,646.99亿元", "146,695"),
                                      ("净利润", "445.08亿元", "464.55亿元", "44,508")):
        match = re.search(rf"\| {row} \| {re.escape(now)}\[(\d+)\] \| {re.escape(before)}\[\d+\] \|", text)
        assert match, text
        cited = sources[int(match.group(1))]
        assert printed in _page_text(cited.path, cited.page), (row, cited.page)
    if "%*" in text:  # a ratio the app computed says so, with its formula
        assert "* 计算值：" in text and "× 100%" in text, text
    # Revenue fell (the report prints (4.2%)): nothing in the section may call it growth.
    assert not re.search(r"营业收入[^。|\n]*增长", text), text
    for index, section in enumerate(draft.sections):
        check = draft.verify_section(index)
        assert not _unflagged_figures_not_on_their_pages(section.text, draft.section_sources(section), check.flags)


def test_a_why_question_goes_to_the_model_with_the_facts_and_every_figure_is_exact_or_flagged(pingan, chat_engine,
                                                                                              shared_data):
    library, book = pingan
    result = answer_question("平安银行2024年净息差下降的原因是什么？", library, chat_engine, facts=book, max_tokens=160)
    assert not result.from_facts and not result.not_found
    assert not _unflagged_figures_not_on_their_pages(result.text, result.sources, result.verification.flags)
