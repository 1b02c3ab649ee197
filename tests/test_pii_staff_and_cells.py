"""Customer data in the forms split D showed the detector missing, as general rules: a bank's staff named by their
role before what they did (客户经理…陪同, 风险经理…走访), a relative who 现居 somewhere, a person who 提供s papers,
surnames the list lacked, a customer row known by its ID number or headed by a role (申请人), a local number in a
person's phone column, Hong Kong and Macau mobiles, a mobile a line wrap split, a Latin name with a middle initial,
a flat written 号之二…房 in a letter to a person; and from splits B and C (no longer clean) a 常住地址 and an English
flat in "Block C" — while a branch directory, a firm's Hong Kong office line, figures and everyday words stay."""

from __future__ import annotations

import pytest

from analyst_desk.core.compliance.pii import find_pii


def _kinds(text: str, kind: str) -> list[str]:
    return [m.text for m in find_pii(text) if m.kind == kind]


@pytest.mark.parametrize("text, names", [
    ("理财经理孟佳陪同客户到分行签约。", ["孟佳"]),
    ("次日由客户经理杜海涛走访该户，授信经理武晓燕前往工厂核实存货。", ["杜海涛", "武晓燕"]),
    ("其女儿范思琪现居深圳，每月汇款。", ["范思琪"]),
    ("借款人的丈夫周建民现任某中学教师。", ["周建民"]),
])
def test_a_person_named_after_their_role_before_what_they_did_is_masked(text, names):
    assert set(names) <= set(_kinds(text, "name"))


def test_a_person_who_provides_papers_at_a_sentences_start_is_masked_and_a_firm_is_not():
    assert "蒋丽萍" in _kinds("蒋丽萍提供了2023年的完税证明。", "name")
    assert _kinds("万科提供了连带责任担保。", "name") == []


@pytest.mark.parametrize("text, names", [
    ("抵押人：贝丽娟、计国华（夫妻）", ["贝丽娟", "计国华"]),
    ("共同借款人：王建军、计红、晁立新", ["王建军", "计红", "晁立新"]),
    ("姓名\t证件类型\t证件号码\n贝晓光\t护照\tE30917264\n", ["贝晓光"]),
])
def test_names_whose_surnames_the_list_lacks_are_masked_by_their_place_in_a_list(text, names):
    assert set(names) <= set(_kinds(text, "name"))


@pytest.mark.parametrize("text", ["客户计提减值准备后净额下降。", "借款人计划于明年还清。", "客户贝类养殖收入稳定。",
                                  "需要合并会计报表的子公司是临湘公司。"])
def test_words_that_start_with_those_surnames_are_not_names(text):
    assert _kinds(text, "name") == []


def test_a_list_of_people_ends_where_its_names_end():
    assert _kinds("保证人：王建军、其他股东", "name") == ["王建军"]
    assert _kinds("共同借款人：赵磊、各子公司", "name") == ["赵磊"]


def test_a_row_with_an_id_number_or_a_role_header_is_a_persons_row():
    csv = "编号,申请人,证件号码,申请日期\nA-001,蒋红英,110101198312253618,2024-11-02\nA-002,卢晓,33011019880217352X,2024-11-03\n"
    assert {"蒋红英", "卢晓"} <= set(_kinds(csv, "name"))
    firms = "编号,申请人,授信金额(元)\nB-001,宏达机械有限公司,500000\nB-002,华信贸易,300000\n"
    assert _kinds(firms, "name") == []


def test_a_local_number_in_a_persons_phone_column_is_masked_and_a_branch_directorys_is_not():
    customers = "客户姓名      固定电话        手机号码          风险等级\n钱文斌        82731166        13912345678       C3\n"
    assert "82731166" in _kinds(customers, "landline")
    branches = "网点名称      固定电话        营业时间\n城东支行      82731166        9:00-17:00\n城西支行      82731177        9:00-17:00\n"
    assert _kinds(branches, "landline") == []


@pytest.mark.parametrize("text, phone", [
    ("其弟现居香港，联系电话+852 6123 4567。", "+852 6123 4567"),
    ("Mobile (HK): +852 9876 5432", "+852 9876 5432"),
    ("澳门手机 +853 6612 3456", "+853 6612 3456"),
])
def test_a_hong_kong_or_macau_mobile_is_masked(text, phone):
    assert any(phone in found for found in _kinds(text, "mobile"))


def test_a_firms_hong_kong_office_line_is_not_a_mobile():
    assert _kinds("香港办事处电话：+852 2822 1111", "mobile") == []


def test_a_mobile_a_line_wrap_split_is_masked_and_two_lines_of_figures_are_not():
    assert any("139 0571" in found for found in _kinds("担保人联系电话139 0571\n2288，已核实。", "mobile"))
    assert _kinds("资产总额 139 0571\n2288 万元", "mobile") == []


def test_a_latin_name_with_a_middle_initial_after_a_label_is_masked():
    assert "Laura K. Simmons" in _kinds("Name: Laura K. Simmons\nNationality: Canada", "name")


def test_a_flat_written_with_a_number_after_its_house_number_is_masked_in_a_letter_to_a_person():
    letter = "致 黄伟明 先生\n地址：深圳市福田区福华路88号之一1805房  邮编 518000\n"
    assert any("福华路88号之一1805房" in found for found in _kinds(letter, "address"))
    assert any("龙津西路105号之三502房" in found for found in _kinds("住址：广州市荔湾区龙津西路105号之三502房", "address"))


def test_a_habitual_residence_beside_the_customers_firm_is_masked():
    note = "客户为杭州宏信贸易有限公司股东，持股40%。\n常住地址：杭州市上城区清泰街56号望江家园2栋1502。"
    assert any("清泰街56号望江家园2栋1502" in found for found in _kinds(note, "address"))


def test_an_english_flat_in_a_block_named_by_a_letter_is_masked():
    memo = "The guarantor's residence: Flat 5, Block C, 12 Hankou Road, Huangpu District."
    assert any("Flat 5, Block C, 12 Hankou Road" in found for found in _kinds(memo, "address"))


@pytest.mark.parametrize("text", [
    "Jonathan Banner, 55, is Executive Vice President, Chief Financial Officer of the Company.",
    "Executive Vice President - Chief Marketing and Digital Customer Experience Officer",
    "Attn: General Counsel\n3610 Hacks Cross Road",
    "By:\nName: Title:",
])
def test_a_job_title_or_a_blank_signature_field_is_never_a_persons_name(text):
    assert [n for n in _kinds(text, "name") if n != "Jonathan Banner"] == []


@pytest.mark.parametrize("text", ["万科的子公司深圳万科物业已完成收购。", "本行于华夏的子公司开户。", "华润与其子公司签订了担保协议。"])
def test_a_firms_subsidiary_is_no_persons_child(text):
    assert _kinds(text, "name") == []


def test_a_persons_child_is_still_masked():
    assert {"张伟", "张小明"} <= set(_kinds("借款人张伟的儿子张小明在读。", "name"))


def test_a_table_of_receivables_headed_by_client_and_project_names_no_person():
    table = "账期在1年以上的应收账款余额主要为:\n客户名称\n项目名称\n金额(万元)\n账龄\n安徽省高等级公路投资有限公司\n"
    assert _kinds(table, "name") == []
