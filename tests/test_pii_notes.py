"""People a collection or signing note names in passing — calling, going missing, told, with their kin — are
masked, while a firm that agrees or asks in a report ("万科同意…", "董事会同意…") is left as printed."""

from __future__ import annotations

import pytest

from analyst_desk.core.compliance.pii import find_pii


def _names(text: str) -> list[str]:
    return [m.text for m in find_pii(text) if m.kind == "name"]


@pytest.mark.parametrize("text, name", [
    ("12月2日上午，熊志军来电，称本月资金紧张。", "熊志军"),
    ("催收记录：严国庆失联，其母亲称其在外地打工。", "严国庆"),
    ("已电话通知欧阳丽华于周五前补交收入证明。", "欧阳丽华"),
    ("熊志军与其配偶邓小燕均已在合同上签字。", "熊志军"),
    ("熊志军与其配偶邓小燕均已在合同上签字。", "邓小燕"),
    ("借款人杨国栋因病住院，由其女儿杨小婉代为办理。", "杨小婉"),
    ("王建国同意以房产追加抵押。", "王建国"),
    ("抵押办理完毕，龙海波到场见证。", "龙海波"),
])
def test_a_person_named_in_passing_in_a_note_is_masked(text, name):
    assert name in _names(text)


@pytest.mark.parametrize("text", ["万科同意延长付款期限。", "董事会同意该议案。", "公司称业绩稳定。", "监事会确认。",
                                  "于初始确认时，本集团按公允价值计量。", "符合该确认条件的，计入固定资产成本。",
                                  "序号\n项目名称\n募集资金", "保荐代表人：方宝荣\n项目经办人：陈晔、龙亮\n传真：010-66568857",
                                  "华夏银行同意展期。", "管理层说明了原因。", "报告期内，公司同意回购。"])
def test_a_firm_or_a_board_that_agrees_or_asks_is_not_a_person(text):
    assert _names(text) == []


@pytest.mark.parametrize("text, name", [("王磊 13812345678", "王磊"), ("13812345678（王磊）", "王磊"),
                                        ("王伟（手机13812345678）", "王伟"), ("王磊：13812345678", "王磊")])
def test_the_name_written_beside_a_mobile_is_its_owners_and_masked(text, name):
    assert name in _names(text)


def test_words_before_a_phone_that_are_no_name_stay():
    assert _names("联系电话 13812345678") == [] and _names("客户经理 13812345678") == []
    assert _names("已经告诉了我们的同事们张伟 13812345678") == []  # not a word of its own: no guess
