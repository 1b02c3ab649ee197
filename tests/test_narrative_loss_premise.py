"""A question that takes a loss for granted is told the report prints a profit, with the figure (issue 21).

"How large was Oracle's net loss in fiscal 2022?" of a 10-K that prints net income of $6,717 million: the
answer says there was no loss and gives the profit line as printed, with its page — no model is asked to
size a loss that did not happen. Over the two-page report of tests/test_facts.py (净利润 44,508 in 2024);
a question about a loss the table does print as one is left to the ordinary routes.
"""

from __future__ import annotations

import pytest

from analyst_desk.core.drafting.answering import answer_question
from analyst_desk.core.facts import FactBook
from tests.support.engines import NoModel
from tests.support.libraries import imported_library
from tests.test_facts import _report


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    _report(folder / "华东银行2024年年度报告.pdf")
    with imported_library(tmp_path_factory.mktemp("index"), folder) as lib:
        yield lib


@pytest.mark.parametrize("question", ["华东银行2024年净亏损是多少？", "How large was the net loss in 2024?"])
def test_a_loss_the_report_does_not_print_is_corrected_with_the_profit_as_printed(library, question):
    book = FactBook.of(library)
    try:
        result = answer_question(question, library, NoModel(), facts=book)
    finally:
        book.close()
    assert getattr(result, "route", "") == "premise" and result.premise.asked == "loss"
    assert "44,508" in result.text and result.sources and result.sources[0].page == 2
    assert ("并未亏损" in result.text) if question.startswith("华东") else ("no loss" in result.text)


def test_a_question_without_a_loss_in_it_is_not_corrected(library):
    book = FactBook.of(library)
    try:
        result = answer_question("华东银行2024年净利润是多少？", library, NoModel(), facts=book)
    finally:
        book.close()
    assert getattr(result, "route", "") != "premise" and "44,508" in result.text


@pytest.mark.parametrize("question", ["华东银行2024年营业收入为什么腰斩了？", "Why did the net profit fall by half in 2024?"])
def test_a_fall_far_larger_than_the_table_prints_is_corrected_with_the_figures(library, question):
    book = FactBook.of(library)
    try:
        result = answer_question(question, library, NoModel(), facts=book)
    finally:
        book.close()
    assert getattr(result, "route", "") == "premise" and result.premise.asked == "magnitude", result.text
    assert ("146,695" in result.text and "远没有" in result.text) if question.startswith("华东") else \
        ("44,508" in result.text and "moving that much" in result.text), result.text


def test_a_fall_the_size_the_table_prints_is_not_corrected(library):
    from analyst_desk.core.drafting.narrative.direction import asked_magnitude

    assert asked_magnitude("Why did revenues fall by a third?") == pytest.approx(1 / 3)
    assert asked_magnitude("营业收入为什么下降了10%？") == pytest.approx(0.10) and asked_magnitude("为什么下降？") is None
    from analyst_desk.core.drafting.answering import answer_from_facts
    from analyst_desk.core.drafting.narrative.direction import check_direction

    assert check_direction("华东银行2024年营业收入为什么下降了10%？", library, [], answer_from_facts) is None


def test_how_much_a_figure_rose_when_it_fell_is_told_it_fell(library):
    from analyst_desk.core.drafting.narrative.direction import asks_size_of_move

    assert asks_size_of_move("华东银行2024年营业收入增长了多少？") and not asks_size_of_move("华东银行2024年营业收入是多少？")
    book = FactBook.of(library)
    try:
        result = answer_question("华东银行2024年营业收入增长了多少？", library, NoModel(), facts=book)
    finally:
        book.close()
    assert "146,695" in result.text, result.text
    assert getattr(result, "route", "") == "premise" and "而是下降" in result.text, result.text


def test_the_figure_looked_up_is_the_one_asked_about_not_a_row_named_after_the_move():
    from analyst_desk.core.drafting.narrative.direction import _without_move

    # "Rate of compensation increase" is a row of Intel's pension table: the move's word must not find it.
    assert _without_move("By how much did Intel's revenue increase in 2020?") == "much did Intel's revenue in 2020"
    assert _without_move("平安银行2024年营业收入增长了多少？") == "平安银行2024年营业收入"


def test_a_move_asked_the_wrong_way_is_still_corrected_with_the_move_words_left_out(library):
    book = FactBook.of(library)
    try:
        result = answer_question("华东银行2024年净利润增长了多少？", library, NoModel(), facts=book)
    finally:
        book.close()
    assert getattr(result, "route", "") == "premise" and "44,508" in result.text, result.text
