"""People and their papers are masked where colleagues write them without a 客户/姓名 label — in minutes, chats,
call transcripts, system dumps and Hong Kong papers — while titles, firms and public officers stay as printed."""

from __future__ import annotations

from analyst_desk.core.compliance.pii import find_pii


def names(text: str) -> list[str]:
    return [m.text for m in find_pii(text) if m.kind == "name"]


def kinds(text: str) -> dict[str, str]:
    return {m.text: m.kind for m in find_pii(text)}


def test_who_sat_minuted_and_handled_a_paper_is_masked_every_name_of_the_list():
    text = "出席：杜志远（副主任）、钱玉兰、蔺小勇\n记录：阎红霞\n经办：吕婷    审核：葛立新\n销售人员：晏海（工号SH0123）"
    assert names(text) == ["杜志远", "钱玉兰", "蔺小勇", "阎红霞", "吕婷", "葛立新", "晏海"]


def test_a_name_ending_its_line_is_whole_though_the_next_line_starts_with_han():
    assert names("记录：阎红霞\n议题二：续贷") == ["阎红霞"]


def test_kin_a_colleague_names_casually_and_a_caller_introducing_herself_are_masked():
    assert "周丽" in names("明天陪客户去看房，王总的老婆周丽也来签字。")
    assert names("我儿子刘斌的电话另附。") == ["刘斌"]
    assert names("您好，我是许美玲，想查一笔扣款。") == ["许美玲"]
    assert names("其妻张桂英负责记账。") == ["张桂英"]
    assert "王总" not in names("王总的老婆周丽也来签字。")  # a title a colleague calls him by, not a name


def test_a_surname_before_a_title_is_the_customer_addressed_but_not_a_directors_section():
    assert names("坐席：钱先生您好，请问您的预留手机？") == ["钱"]
    assert names("董事长谢先生主持会议。") == []


def test_villagers_and_staff_named_by_role_and_a_later_name_of_the_list():
    text = "由同村村民邹德林、石小平提供保证。客户经理方小川、聂雪到镇上走访。"
    assert names(text) == ["邹德林", "石小平", "方小川", "聂雪"]


def test_a_child_named_in_brackets_after_the_owner_is_masked():
    assert "何志豪" in names("股东何志豪（其子）持股10%。")


def test_chat_speakers_and_mentions_are_masked_and_a_firm_in_the_chat_is_not():
    text = "汤晓雯 09:12：下午陪客户去看厂房\n覃海 09:15：@汤晓雯 收到，评估公司约的是深圳世联\n"
    assert names(text) == ["汤晓雯", "覃海", "汤晓雯"]


def test_a_core_systems_name_fields_are_masked_and_its_branch_name_is_not():
    text = "CUST_NAME=LIU WEIMIN\nCUST_NAME_CN=刘伟民\nBRANCH_NAME=江北支行\nPROD_NAME=Gold Card\n"
    assert names(text) == ["LIU WEIMIN", "刘伟民"]


def test_a_padded_name_in_a_restructuring_list_and_its_landline_are_masked():
    text = ("借款人        证件号码                  联系电话\n"
            "韦\u3000刚        320102194706077888        0771-5532 6699\n"
            "欧阳\u3000兰      310115195506195403        139 1234 5678\n")
    found = kinds(text)
    assert found["韦\u3000刚"] == "name" and found["欧阳\u3000兰"] == "name"
    assert found["0771-5532 6699"] == "landline"


def test_romanised_names_surname_first_are_masked_and_capitals_of_a_heading_are_not():
    text = ("1. CHEN Xiaoming, ID card 110101198001011234: no proof of address.\n"
            "Applicant: ZHAO, Lina; co-applicant: Ho, Ka Wai (spouse)\n"
            "AN Overview of the Portfolio\nHKD Twenty Million\n")
    assert names(text) == ["CHEN Xiaoming", "ZHAO, Lina", "Ho, Ka Wai"]


def test_a_latin_name_before_a_passport_and_in_a_closing_and_an_attendee_by_first_name():
    text = ("3. Peter Walsh, Irish passport 612345789: address not verified.\n"
            "Attendees: Grace Lim, Kevin Chu (remote), 许蕾\n1. Kevin to revert on pricing.\n"
            "Yours sincerely,\nMonica Yeung\n")
    found = kinds(text)
    assert found["Peter Walsh"] == "name" and found["612345789"] == "passport"
    assert {"Grace Lim", "Kevin Chu", "许蕾", "Kevin", "Monica Yeung"} <= set(names(text))


def test_a_client_named_with_four_words_is_masked_whole():
    assert names("Client: Patrick Ho Wing Kit") == ["Patrick Ho Wing Kit"]


def test_hong_kong_ids_home_return_permits_passbooks_and_personal_accounts_are_masked():
    text = ("证件类型：港澳居民来往内地通行证\n证件号码：H12345678\n香港身份证 HKID: A123456(7)\n"
            "把存折6217 0000 1111 2222 333里的钱转走\nPersonal account with us: 024-512-3-001234-7\n"
            "合同编号 H20241205 已归档\n")
    found = kinds(text)
    assert found["H12345678"] == "travel_permit" and found["A123456(7)"] == "hk_id"
    assert found["6217 0000 1111 2222 333"] == "bank_card" and found["024-512-3-001234-7"] == "bank_card"
    assert "H20241205" not in found


def test_a_borrowers_contact_address_is_masked_though_a_firm_is_named_above_it():
    text = ("受托支付收款人：杭州某某装饰工程有限公司\n"
            "借款人联系地址：杭州市拱墅区湖墅南路256号信源大厦对面金汇苑3幢2单元502室\n")
    assert kinds(text).get("杭州市拱墅区湖墅南路256号信源大厦对面金汇苑3幢2单元502室") == "address"


def test_addresses_in_hong_kong_and_a_records_addr_field_down_to_the_flat():
    assert "address" in kinds("住址：香港九龙旺角弥敦道580号8楼C室").values()
    found = kinds("ADDR=重庆市渝中区解放碑步行街8号东方港湾2栋17-3\n")
    assert found.get("重庆市渝中区解放碑步行街8号东方港湾2栋17-3") == "address"


def test_english_flats_with_a_letter_and_a_one_letter_street_word():
    text = "Property: Flat D, 12/F, Block 3, Lake View, 18 Tai Po Road, Sha Tin\n" \
           "Residential address: Flat 6, 9/F, Tower 2, Sea Shores, 66 O King Road, Tseung Kwan O\n"
    addresses = [m.text for m in find_pii(text) if m.kind == "address"]
    assert addresses == ["Flat D, 12/F, Block 3, Lake View, 18 Tai Po Road",
                         "Flat 6, 9/F, Tower 2, Sea Shores, 66 O King Road"]
