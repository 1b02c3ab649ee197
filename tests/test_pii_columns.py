"""Customer data a table's columns or a name's ID document give away — and the look-alikes beside them left alone:
a landline in a customer list's 联系方式 column (not a branch directory's), a Latin name in a 姓名 column (not a
firm in a 客户名称 column of companies), a home address in a 家庭住址 column (not a branch's 地址), a name before its
ID number, an English name of three words after a title."""

from __future__ import annotations

from analyst_desk.core.compliance.pii import find_pii, mask_text


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.kind, m.text) for m in find_pii(text)]


def test_a_landline_in_a_customer_lists_contact_column_is_masked_and_a_branch_directorys_is_not():
    customers = ("| 客户名称 | 联系方式 | 应还金额(元) |\n| --- | --- | --- |\n"
                 "| 廖文华 | 0731-84412345 | 3,650.00 |\n| 苗红英 | 0755 2345 6789 | 1,280.00 |")
    found = _found(customers)
    assert ("landline", "0731-84412345") in found and ("landline", "0755 2345 6789") in found
    branches = ("| 网点名称 | 地址 | 联系电话 |\n| --- | --- | --- |\n"
                "| 科技园支行 | 深圳市南山区科苑路15号 | 0755-86012345 |\n| 福田支行 | 深圳市福田区深南大道7888号 | 0755-83012345 |")
    assert _found(branches) == []


def test_a_latin_name_in_a_name_column_is_masked_and_a_company_in_a_client_column_is_not():
    register = "姓名\t证件类型\t证件号码\n庞志刚\t护照\tG48213907\nJohn Carter\t护照\tE30917264\n"
    assert ("name", "John Carter") in _found(register)
    clients = "Client name\tCountry\tLimit (USD)\nHarbour Crest Holdings\tHK\t5,000,000\nAcme Trading Ltd\tSG\t2,000,000\n"
    assert [k for k, _ in _found(clients)] == []


def test_a_name_before_its_id_number_is_masked_even_without_a_label():
    text = "追加自然人保证：股东伍建林（身份证号码：430104200410149375）。"
    assert ("name", "伍建林") in _found(text)
    assert "伍**" in mask_text(text) and "430104********9375" in mask_text(text)


def test_a_home_address_in_a_home_address_column_is_masked_and_a_branchs_office_is_not():
    loans = ("借款人,车牌号,家庭住址,贷款余额(元)\n施振华,鲁A·5G7H2,济南市历下区经十路17703号,86500.00\n"
             "岑美玲,桂B-3K8D1,柳州市城中区文昌路16号,132000.00\n")
    kinds = _found(loans)
    assert ("address", "济南市历下区经十路17703号") in kinds and ("address", "柳州市城中区文昌路16号") in kinds
    assert ("plate", "鲁A·5G7H2") in kinds and not [t for k, t in kinds if "86500" in t]
    offices = "机构名称,办公地址,负责人\n济南分行,济南市历下区经十路17703号,王强\n"
    assert [k for k, _ in _found(offices) if k == "address"] == []


def test_an_english_name_of_three_words_after_a_title_is_masked_whole_and_stops_at_the_line():
    text = "The director, Mr. Leung Ka Ho, gave his passport.\nMr. Huang\nDear Mr. Huang, thanks."
    names = [t for k, t in _found(text) if k == "name"]
    assert "Leung Ka Ho" in names and all("\n" not in n and "Dear" not in n for n in names)


def test_a_firms_contact_table_keeps_its_staff_and_numbers_as_printed():
    intermediaries = ("| 机构 | 联系人 | 联系电话 | 传真 |\n| --- | --- | --- | --- |\n"
                      "| 中信证券股份有限公司 | 唐劲松 | 010-60838888 | 010-60836029 |")
    assert _found(intermediaries) == []


def test_an_english_customer_column_a_payee_before_its_account_and_the_staff_who_handled_it_are_masked():
    table = ("| No. | Customer | Phone | Overdue (CNY) |\n| --- | --- | --- | --- |\n"
             "| 1 | Wang Fang | 139 0610 5572 | 3,200.00 |")
    assert ("name", "Wang Fang") in _found(table)
    assert ("name", "贾文博") in _found("收款人：贾文博 账号6259659869420693，金额45,000.00元。")
    assert [t for k, t in _found("客户经理：邵明；经办人：谭晓丽；复核人：左建新。") if k == "name"] == ["邵明", "谭晓丽", "左建新"]
    assert _found("客户经理团队扩大至1,200人。") == []


def test_a_form_label_before_a_person_is_read_in_chinese_and_english_forms():
    assert [t for k, t in _found("申请人签字：王小明") if k == "name"] == ["王小明"]  # not the role 申请人
    assert [t for k, t in _found("姓 名：王小明；户 名：李红") if k == "name"] == ["王小明", "李红"]
    assert [t for k, t in _found("Account name: Wang Fang") if k == "name"] == ["Wang Fang"]
    assert [t for k, t in _found("持卡人：Wang Fang") if k == "name"] == ["Wang Fang"]
    assert [t for k, t in _found("Guarantor: Ms. Zhou Lijun, ID card") if k == "name"] == ["Zhou Lijun"]
    assert _found("Customer: Acme Trading Ltd") == [] and _found("Contact: Investor Relations") == []
    # A prospectus's accountants and officers sign in public.
    assert _found("经办注册会计师签名：\n陈蕊\n\n王洁\n会计师事务所负责人签名：    萧伟强") == []
