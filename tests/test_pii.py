"""Personal data is found however it is written, its original characters are masked, and figures are left alone."""

from __future__ import annotations

import random

import pytest

from analyst_desk.core.compliance.pii import _ID_CHECK, _ID_WEIGHTS, find_pii, luhn_ok, mask_text, valid_id_number
from analyst_desk.core.compliance.pii_text import fold

FULL = str.maketrans("0123456789X-", "０１２３４５６７８９Ｘ－")


def id_number(rng: random.Random, check_x: bool = False) -> str:
    while True:
        body = f"{rng.choice(['110101', '310104', '440305', '510104'])}19{rng.randint(40, 99)}" \
               f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
        number = body + _ID_CHECK[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS)) % 11]
        if number.endswith("X") == check_x:
            return number


def luhn_card(prefix: str, length: int, rng: random.Random) -> str:
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    return next(body + d for d in "0123456789" if luhn_ok(body + d))


def mobile(rng: random.Random) -> str:
    return rng.choice(["138", "139", "150", "186", "177", "199"]) + f"{rng.randrange(10 ** 8):08d}"


def grouped(digits: str, sizes: list[int], sep: str) -> str:
    out, i = [], 0
    for size in sizes:
        out.append(digits[i:i + size])
        i += size
    return sep.join(out + ([digits[i:]] if digits[i:] else []))


# Every written form the issue lists: (kind, how to write it).
FORMATS = {
    "id undivided": ("id_number", lambda r: id_number(r)),
    "id 6-8-4 with spaces": ("id_number", lambda r: grouped(id_number(r), [6, 8, 4], " ")),
    "id 6-8-4 with dashes": ("id_number", lambda r: grouped(id_number(r), [6, 8, 4], "-")),
    "id full-width digits": ("id_number", lambda r: id_number(r).translate(FULL)),
    "id full-width with ideographic spaces": ("id_number", lambda r: grouped(id_number(r), [6, 8, 4], "\u3000").translate(FULL)),
    "id digit by digit": ("id_number", lambda r: " ".join(id_number(r))),
    "id check digit X": ("id_number", lambda r: id_number(r, check_x=True)),
    "id check digit full-width Ｘ": ("id_number", lambda r: id_number(r, check_x=True).translate(FULL)),
    "card 16 undivided": ("bank_card", lambda r: luhn_card("622588", 16, r)),
    "card 19 undivided": ("bank_card", lambda r: luhn_card("622202", 19, r)),
    "card 4-4-4-4": ("bank_card", lambda r: grouped(luhn_card("436742", 16, r), [4, 4, 4], " ")),
    "card 6+13": ("bank_card", lambda r: grouped(luhn_card("622202", 19, r), [6], " ")),
    "card full-width dashes": ("bank_card", lambda r: grouped(luhn_card("622848", 19, r), [4, 4, 4, 4], "－")),
    "card full-width digits": ("bank_card", lambda r: luhn_card("621700", 19, r).translate(FULL)),
    "mobile undivided": ("mobile", lambda r: mobile(r)),
    "mobile 3-4-4 spaces": ("mobile", lambda r: grouped(mobile(r), [3, 4], " ")),
    "mobile 3-4-4 dashes": ("mobile", lambda r: grouped(mobile(r), [3, 4], "-")),
    "mobile 3-4-4 dots": ("mobile", lambda r: grouped(mobile(r), [3, 4], ".")),
    "mobile +86": ("mobile", lambda r: "+86 " + grouped(mobile(r), [3, 4], "-")),
    "mobile full-width digits": ("mobile", lambda r: mobile(r).translate(FULL)),
    "mobile full-width dashes": ("mobile", lambda r: grouped(mobile(r), [3, 4], "－").translate(FULL)),
    "email": ("email", lambda r: f"li.na{r.randrange(99)}@bank.com"),
    "email full-width": ("email", lambda r: f"ｌｉｎａ{r.randrange(9)}＠ｂａｎｋ．ｃｏｍ"),
}


@pytest.mark.parametrize("name", FORMATS)
def test_each_written_form_is_found_whole_and_masked(name):
    kind, write = FORMATS[name]
    rng = random.Random(name)
    for _ in range(20):
        value = write(rng)
        text = f"客户张伟，{value}，请核实。"
        start = text.index(value)
        matches = find_pii(text)
        # The customer's name after 客户 is personal data too (issue 26): surname kept.
        assert [(m.kind, m.start, m.end) for m in matches] == [("name", 2, 4), (kind, start, start + len(value))], \
            (value, matches)
        masked = mask_text(text)
        assert masked.startswith("客户张*，") and masked.endswith("，请核实。")
        hidden = masked[start:len(masked) - len("，请核实。")]
        assert "*" in hidden and value not in masked
        if kind != "email":  # the middle digits are gone, whatever characters they were written in
            digits = "".join(c for c in fold(value) if c.isdigit() or c == "X")
            starred = {"id_number": 8, "bank_card": len(digits) - 8, "mobile": 4}[kind]
            assert hidden.count("*") == starred, hidden
            kept = "".join(c for c in fold(hidden) if c.isdigit() or c == "X")
            assert digits.endswith(kept[-4:]) and len(kept) == len(digits) - starred


def test_masking_keeps_the_ends_and_the_writers_grouping():
    assert mask_text("身份证110101199003074514") == "身份证110101********4514"
    assert mask_text("证件 110101 19900307 4514") == "证件 110101 ******** 4514"
    assert mask_text("证件１１０１０１１９９００３０７４５１４") == "证件１１０１０１********４５１４"
    card = "6222021234567890128"
    assert luhn_ok(card)
    assert mask_text(f"卡号{card}") == "卡号6222 **** **** *** 0128"
    assert mask_text("卡号622202 1234567890128") == "卡号6222** *********0128"
    assert mask_text("卡号6222－0212－3456－7890－128") == "卡号6222－****－****－***0－128"
    assert mask_text("手机13812345678") == "手机138****5678"
    assert mask_text("电话 +86 138-1234-5678") == "电话 +86 138-****-5678"
    assert mask_text("邮箱zhang.wei@bank.com，客户张伟", names=["张伟"]) == "邮箱z***@bank.com，客户张*"


def test_several_numbers_in_one_run_are_each_found():
    card, phone = "6222021234567890128", "13812345678"
    assert [m.kind for m in find_pii(f"{card} {phone}")] == ["bank_card", "mobile"]


def test_check_digits_decide_ids_and_cards():
    rng = random.Random(7)
    valid_ids = [id_number(rng) for _ in range(50)]
    invalid_ids = [v[:17] + _ID_CHECK[(_ID_CHECK.index(v[17]) + 1) % 11] for v in valid_ids]
    valid_cards = [luhn_card("6222", 19, rng) for _ in range(50)]
    invalid_cards = [c[:-1] + str((int(c[-1]) + 1) % 10) for c in valid_cards]
    text = "\n".join(f"客户证件{a}，卡号{b}；错误证件{c}，错误卡号{d}。" for a, b, c, d in
                     zip(valid_ids, valid_cards, invalid_ids, invalid_cards))
    found = {(m.kind, m.value) for m in find_pii(text)}
    assert found == {("id_number", v) for v in valid_ids} | {("bank_card", c) for c in valid_cards}
    assert not valid_id_number("110101199013324514")  # month 13


def test_a_mistyped_card_is_not_half_flagged():
    bad = "6222021234567890127"  # Luhn fails; its last 13 digits alone happen to pass
    assert not luhn_ok(bad) and luhn_ok("5164873965528")
    for text in ("账号622700 5164873965528", f"账号{bad[:6]} {bad[6:]}", "账号6222 6245 0488 9660 640"):
        assert find_pii(text) == [], text
    assert find_pii("证件号350203 19661028 8846") == []  # an ID with a wrong check digit is no card


@pytest.mark.parametrize("text", [
    "贷款总额13456789012元", "贷款总额 13456789012 元", "募集资金总额人民币15012345678元", "本期发生额18612345678.50",
    "计提13812345678万元", "合计：19912345678亿元", "营收13712345678百万元", "USD 13812345678", "￥13812345678",
    "投资额13812345678美元", "交易金额13,812,345,678元",
])
def test_numbers_beside_amount_units_are_amounts_not_phones(text):
    assert find_pii(text) == []


def test_numbers_inside_tables_of_figures_are_not_phones():
    assert find_pii("营业收入  13456789012  12345678901  9.05%") == []
    assert find_pii("发放贷款和垫款\t18675432109\t3,456,789\t-12.30%") == []
    cell_per_line = "流动负债\n8\n15685605784\n-\n2,086,808.26\n"  # PyMuPDF reads tables a cell a line
    assert find_pii(cell_per_line) == []
    # …but a customer row is not a table of figures, and contact wording wins over the layout.
    # The name beside a phone is its owner's, masked too (a table read a cell a line puts it on the line above).
    assert [m.kind for m in find_pii("张伟  13812345678  500,000.00  2024-03-01")] == ["name", "mobile"]
    assert [m.kind for m in find_pii("联系电话  13812345678  15912345678  2,000")] == ["mobile", "mobile"]
    assert [m.kind for m in find_pii("张伟\n13812345678\n王芳\n13912345678")] == ["name", "mobile"] * 2


def test_amounts_dates_and_registration_numbers_are_not_personal_data():
    for text in ("资产总额5,769,270百万元，2024年12月31日，股本19,406，电话区号010-12345678",
                 "报告期：2024.01.01-2024.12.31", "20240101-20241231", "统一社会信用代码91440300192185379H",
                 "领取了《企业法人营业执照》（1000001003928号）", "账号为110060587018170018685。", "传真：（010）8488 2107"):
        assert find_pii(text) == [], text


def test_pii_check_cli_masks_formatted_numbers(capsys):
    from analyst_desk.cli import main

    assert main(["pii", "check", "--mask", "证件 １１０１０１ １９９００３０７ ４５１４，卡号622202 1234567890128"]) == 0
    out = capsys.readouterr().out
    assert "１１０１０１ ******** ４５１４" in out and "6222** *********0128" in out


# -- issue 26: customer data in every form, and a revenue cell is never a phone ----------------------
CUSTOMER_CASES = [  # (text, what must be gone, what must stay)
    ("| 1 | 李红梅 | 15800001111 | 300.00 | 120.50 |", ["红梅", "00001111"], ["300.00", "120.50"]),
    ("| 序号 | 姓名 | 手机 | 存款 |\n| 1 | 李红梅 | 15800001111 | 300.00 |", ["红梅", "00001111"], ["300.00"]),
    ("客户：张伟；证件：护照 E12345678", ["张伟", "E12345678"], ["客户：张"]),
    ("王建国先生今天到访，由李红梅女士陪同。", ["建国", "红梅"], ["先生", "女士"]),
    ("港澳通行证 C98765432，台湾通行证：12345678", ["98765432", "12345678"], ["港澳通行证"]),
    ("军官证：军字第2019001号", ["2019001"], ["军官证"]),
    ("客户家里的座机 010-88886666", ["88886666"], ["010-"]),
    ("住址：北京市朝阳区建国路88号3号楼1201室", ["建国路88号", "1201室"], ["北京市朝阳区"]),
    ("他的车是京A·12345", ["·1234"], ["京A"]),
    ("Client: John Smith asked Ms. Brown for the covenant list.", ["John Smith", "Brown"], ["Client", "Ms."]),
    ("借款人 赵磊，手机 13912345678", ["赵磊", "12345678"], ["借款人"]),
]


@pytest.mark.parametrize("text,gone,kept", CUSTOMER_CASES)
def test_customer_data_is_masked_in_every_form_it_takes(text, gone, kept):
    masked = mask_text(text)
    assert not [g for g in gone if g in masked], masked
    assert all(k in masked for k in kept), masked


@pytest.mark.parametrize("text", [
    "| 营业收入 | 13812345678 | 12912345678 |",  # a revenue row: the first figure only looks like a mobile
    "| 项目 | 2024年 | 2023年 |\n| 营业收入 | 13812345678 | 12912345678 |",
    "公司电话：010-66668888，传真：010-66668889",  # a company's switchboard is public
    "注册地址：深圳市罗湖区深南东路5047号",  # a registered office without a flat number
    "法定代表人：谢永林",  # a public role, printed in every prospectus
    "统一社会信用代码：91440300192185379H",  # a company's code, public
])
def test_public_and_financial_look_alikes_are_left_alone(text):
    assert mask_text(text) == text


LOAN_FILE_CASES = [  # (text, what must be gone, what must stay): wordings of loan files, letters and KYC forms
    ("保证人周伟已在合同上签字。", ["周伟"], ["保证人", "已在合同上签字"]),
    ("借款人配偶朱秀英同意以该房产抵押。", ["秀英"], ["借款人配偶", "同意以该房产抵押"]),
    ("户主：陈雨轩；共同还款人：罗志强", ["雨轩", "志强"], ["户主：", "共同还款人："]),
    ("欧阳子涵女士今天到访。", ["欧阳子涵", "子涵"], ["女士今天到访"]),
    ("尊敬的冯建国客户：您好！", ["建国"], ["尊敬的", "客户：您好"]),
    ("致王海燕：\n您的贷款申请已受理。", ["海燕"], ["您的贷款申请已受理"]),
    ("家庭电话：（021）62345678", ["62345678", "2345678"], ["家庭电话"]),
    ("住宅电话 010-8191-5940，白天无人接听。", ["8191-5940", "5940"], ["住宅电话", "白天无人接听"]),
    ("客户的座机 0571 8888 6666", ["8888 6666"], ["座机"]),
    ("客户家里电话 020-81943514转915", ["81943514", "转915"], ["家里电话"]),
    ("住址：上海市徐汇区龙华中路302弄27号1705室", ["302弄", "1705室"], ["住址："]),
    ("住址：杭州市西湖区文三路244号7幢2单元403", ["7幢", "单元403"], ["住址："]),
    ("家住四川省成都市武侯区人民南路四段110号，离网点不远。", ["人民南路四段110号"], ["家住", "离网点不远"]),
    ("通讯地址：上海市浦东新区世纪大道556弄21号603室", ["556弄", "603室"], ["通讯地址："]),
    ("共同借款人：王芳、李红梅", ["王芳", "红梅"], ["共同借款人："]),
    ("经与胡建国（担保人）确认，抵押物无争议。", ["建国"], ["（担保人）确认"]),
    ("收款账户户名为曹磊。", ["曹磊"], ["收款账户户名为"]),
    ("住址：北京市朝阳区望京花园东区12号楼3单元502", ["12号楼", "502"], ["住址：北京市朝阳区"]),
    ("家庭电话：01088886666", ["88886666"], ["家庭电话：010"]),
    ("车牌号：粤B-58627", ["58627", "B-5862"], ["车牌号："]),
    ("身份证号：430104701021263（旧证）", ["430104701021263", "701021"], ["（旧证）"]),
]


@pytest.mark.parametrize("text,gone,kept", LOAN_FILE_CASES)
def test_customer_data_in_loan_files_letters_and_forms_is_masked(text, gone, kept):
    masked = mask_text(text)
    assert not [g for g in gone if g in masked], masked
    assert all(k in masked for k in kept), masked


@pytest.mark.parametrize("text", [
    "保证人民币存款安全，是本行的首要责任。",  # 保证人 + 民币: no name follows the label
    "致力于服务实体经济，推动高质量发展。",  # 致 opening a sentence, not a letter
    "投资者热线：（0755）82080387",  # a company's line, written with brackets
    "公司办公地址：上海市浦东新区陆家嘴环路1000号23楼2301室",  # a company's office, down to the room
    "董事会秘书电话：010 5813 1088",
    # A prospectus's block for an intermediary: its staff are named in public, with the firm's phone and fax.
    "地址：北京市西城区金融大街35号2号楼1201室\n电话：010-66568888\n传真：010-66568899",
    # Statement tables a PDF reader gives one cell per line: an 11-digit amount beside figures or a row label.
    "合计 \n7,120,484.69 608,068.97 844,637.25 333,386.70\n- 1,127,078.33 \n13352236266\n单位：万元",
    "形成 \n15214296425\n11.23 \n现金",
    "未分配利润\n股东权益合计\n2004 年初余额 \n18418953693\n-\n-\n-",
    "报告期末公司股份总数为 430104701021263 股。",  # 15 digits shaped like an old ID, but no ID label
    "（二）某某证券有限责任公司\n地址：长沙市芙蓉中路二段80号\n联系人：唐立新、黄海燕\n电话：0731-84403321\n传真：0731-84403322",
])
def test_public_wordings_that_look_like_the_new_forms_are_left_alone(text):
    assert mask_text(text) == text
