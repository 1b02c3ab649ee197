"""Every number an analyst retypes must come out exactly: signs, percentages, units, footnotes."""

from decimal import Decimal

import pytest

from analyst_desk.core.extraction.numbers import detect_unit, parse_cell, scale


@pytest.mark.parametrize("text, kind, value", [
    ("1,234.56", "number", Decimal("1234.56")),
    ("(1,234)", "number", Decimal("-1234")),
    ("（1,234）", "number", Decimal("-1234")),
    ("-1,234", "number", Decimal("-1234")),
    ("△1,234", "number", Decimal("-1234")),
    ("１，２３４．５", "number", Decimal("1234.5")),
    ("12.5%", "percent", Decimal("0.125")),
    ("(10.9%)", "percent", Decimal("-0.109")),
    ("1.87％", "percent", Decimal("0.0187")),
    ("+7.95", "number", Decimal("7.95")),
    ("5,769,270", "number", Decimal("5769270")),
    ("0", "number", Decimal("0")),
])
def test_numbers_are_parsed_exactly(text, kind, value):
    cell = parse_cell(text)
    assert (cell.kind, cell.value) == (kind, value)


@pytest.mark.parametrize("text", ["—", "-", "不适用", "N/A", "", "  ", "——"])
def test_placeholders_are_empty(text):
    assert parse_cell(text).kind == "empty"


@pytest.mark.parametrize("text, value, note", [
    ("1,234 注1", Decimal("1234"), "注1"),
    ("123*", Decimal("123"), "*"),
    ("(2,000)(注3)", Decimal("-2000"), "(注3)"),
])
def test_footnote_markers_are_kept_apart_from_the_value(text, value, note):
    cell = parse_cell(text)
    assert (cell.value, cell.footnote) == (value, note)


@pytest.mark.parametrize("text", ["发放贷款和垫款", "2024 年12 月31 日", "-0.51 个百分点", "第1季度", "A+"])
def test_text_cells_stay_text(text):
    cell = parse_cell(text)
    assert cell.kind == "text" and cell.raw == text


@pytest.mark.parametrize("caption, unit", [
    ("（货币单位：人民币百万元）", "百万元"), ("单位：元", "元"), ("单位：千元", "千元"), ("单位：万元", "万元"),
    ("单位：亿元", "亿元"), ("人民币千元", "千元"), ("RMB million", "百万元"), ("USD'000", "千元"),
])
def test_units_are_read_from_captions(caption, unit):
    assert detect_unit(caption).name == unit


@pytest.mark.parametrize("caption", ["[In thousands]", "(in millions)", "单位：万股", "Enrolment, thousands"])
def test_a_caption_without_a_currency_gives_no_money_unit(caption):
    assert detect_unit(caption) is None


def test_scaling_between_units_is_exact():
    assert scale(Decimal("1234.5"), detect_unit("百万元"), "亿元") == Decimal("12.345")
    assert scale(Decimal("12.345"), detect_unit("亿元"), "万元") == Decimal("123450")
