"""Issue 26's cases, run as the issue ran them: an RM saves a note or a table as a file and runs
``analyst-desk pii check FILE --mask``. The customer table's mobiles, the names 王建国/李红梅/张伟, a passport,
a 港澳通行证, a home landline and a street address down to the flat are all masked — and the revenue row
``| 营业收入 | 13812345678 | 12912345678 |`` comes back exactly as it went in."""

from __future__ import annotations

import pytest

from analyst_desk.cli import main

ISSUE_CASES = [  # (the file's text, what must be gone from the output, what must still be there)
    # "a customer table | 1 | 李红梅 | 15800001111 | 300.00 | 120.50 | — mobiles left as they are"
    ("客户名单：\n| 1 | 李红梅 | 15800001111 | 300.00 | 120.50 |", ["红梅", "15800001111", "00001111"],
     ["300.00", "120.50", "客户名单："]),
    ("| 姓名 | 手机号码 | 授信额度（万元） |\n| 王建国 | 13698765432 | 500.00 |", ["建国", "98765432"],
     ["| 姓名 | 手机号码 | 授信额度（万元） |", "500.00"]),
    # "person names: 王建国, 李红梅, 张伟 in '客户：张伟；证件：…' — never masked"
    ("今日走访客户王建国，了解其经营情况。", ["建国"], ["今日走访客户", "了解其经营情况"]),
    ("联系人：李红梅，负责财务对接。", ["红梅"], ["联系人：", "负责财务对接"]),
    ("客户：张伟；证件：身份证 110101199003071233", ["张伟", "110101199003071233", "19900307"], ["客户：", "；证件：身份证"]),
    # "passport E12345678, 港澳通行证 C98765432, landline 010-88886666, a street address — not detected"
    ("客户持护照 E12345678 办理开户。", ["E12345678", "12345678"], ["客户持护照", "办理开户"]),
    ("港澳通行证号码：C98765432", ["C98765432", "98765432"], ["港澳通行证号码："]),
    ("家庭电话：010-88886666", ["88886666"], ["家庭电话：010-"]),
    ("居住地址：北京市朝阳区建国路88号3号楼1201室", ["建国路88号", "3号楼", "1201室"], ["居住地址：北京市朝阳区"]),
    # the forms that were already masked, in the same kind of notes
    ("借款人手机 13912345678，请于周五前回电。", ["13912345678", "12345678"], ["借款人手机", "请于周五前回电"]),
    ("担保人身份证号 11010519491231002X", ["11010519491231002X", "19491231"], ["担保人身份证号"]),
    ("还款账户：6222 0212 3456 7890 128", ["3456 7890", "6222021234567890128"], ["还款账户："]),
    ("客户邮箱 hongmei.li@example.com", ["hongmei.li"], ["客户邮箱", "@example.com"]),
    ("Mr. David Chen called on Tuesday about the facility.", ["David", "Chen"], ["Mr.", "called on Tuesday"]),
]

#: "a false alarm the other way: the first revenue figure is masked as a phone and the second is not"
REVENUE_ROW = "| 营业收入 | 13812345678 | 12912345678 |"


def _masked(tmp_path, capsys, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / "note.txt"
    path.write_bytes(text.encode(encoding))
    assert main(["pii", "check", str(path), "--mask"]) == 0
    out, _err = capsys.readouterr()
    return out.removesuffix("\n")


@pytest.mark.parametrize("text,gone,kept", ISSUE_CASES, ids=[c[0].split("\n")[-1][:14] for c in ISSUE_CASES])
def test_each_of_the_issues_cases_comes_back_masked(tmp_path, capsys, text, gone, kept):
    masked = _masked(tmp_path, capsys, text)
    assert not [g for g in gone if g in masked], masked
    assert [k for k in kept if k not in masked] == [], masked


def test_the_revenue_row_comes_back_exactly_as_it_went_in(tmp_path, capsys):
    assert _masked(tmp_path, capsys, REVENUE_ROW) == REVENUE_ROW
    # The same row in a GBK file under its year header, beside a customer row that is masked.
    table = "| 项目 | 2024年 | 2023年 |\n" + REVENUE_ROW
    assert _masked(tmp_path, capsys, table, "gbk") == table


def test_all_the_cases_in_one_visit_note_are_masked_together(tmp_path, capsys):
    note = "\n".join(text for text, _gone, _kept in ISSUE_CASES) + "\n\n本行经营数据：\n" + REVENUE_ROW
    masked = _masked(tmp_path, capsys, note)
    notes, revenue = masked.split("\n\n本行经营数据：\n")
    assert not [g for _t, gone, _k in ISSUE_CASES for g in gone if g in notes], notes
    assert revenue == REVENUE_ROW
