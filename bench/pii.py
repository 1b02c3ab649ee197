"""Personal-data detection benchmark: recall per written format, and how often look-alikes are left alone.

Positives are generated: valid resident ID numbers (check digit, birth date), Luhn-valid card numbers
with real issuers' prefixes, allocated mobile prefixes and e-mail addresses, each written in the
formats people and systems use — undivided, in groups with spaces, dashes, dots or full-width
dashes, with full-width digits, with +86 — inside Chinese and English sentences, forms and rows.
A positive counts as found when a match of the right kind covers its whole original span (so the
mask hides it, not a piece of it).

Look-alikes are numbers that are not personal data, drawn from the real reports in ../shared/data
(the Ping An 2024 annual report and the three prospectuses, read with PyMuPDF): report lines full of
figures, real amounts written without thousands commas beside amount units, real table rows and
cell-per-line table extracts with a figure written as a long undivided number, real dates, real
registration / licence / account numbers and landlines; plus generated checksum look-alikes (ID
numbers with a wrong check digit or impossible birth date, cards failing Luhn, 11-digit amounts).

The baseline is the previous detector (``app/core/compliance/pii.py`` (now analyst_desk/) at commit BASELINE_COMMIT, read
from git and loaded as a module) run on the same cases in the same process.

Whole documents (bench/pii_dev_documents.py, tuned on; bench/pii_held_out.py, held-out split B,
bench/pii_held_out_c.py, held-out split C, bench/pii_held_out_d.py, held-out split D, and bench/pii_held_out_e.py,
held-out split E, and bench/pii_held_out_f.py, held-out split F, none tuned on when written) are scored beside the
detectors at TODAY_COMMIT, SESSION_COMMIT, START_COMMIT and PREVIOUS_COMMIT too: recall of the marked personal items,
look-alikes left alone and the precision of every flag raised, GBK files with Windows line ends read back as
the app reads them.

Usage: python bench/pii.py [--per-format N] [--seed S] [--show-misses] [--documents-only]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import time
import types
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data"
BASELINE_COMMIT = "8231a5f"
REPORTS = ["cn_bank_annual_report_pingan_2024/平安银行：2024年年度报告.pdf", "cn_prospectus_dev/中国神华能源股份有限公司.PDF",
           "cn_prospectus_dev/国电电力发展股份有限公司.PDF", "cn_prospectus_dev/湖南南岭民用爆破器材股份有限公司.PDF"]

_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"
REGIONS = ["110101", "110105", "310104", "310115", "440305", "440106", "320102", "330106", "510104", "420102",
           "610113", "370102", "500103", "210102", "350203", "120101", "430104", "410105", "130102", "530102"]
CARD_PREFIXES = [("622202", 19), ("622848", 19), ("621700", 19), ("622588", 16), ("621483", 16), ("622262", 19),
                 ("625965", 16), ("436742", 16), ("518710", 16), ("622150", 19), ("955880", 19), ("601382", 19),
                 ("622609", 16), ("356869", 16), ("622700", 19)]
MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "147", "150", "151", "152", "153",
                   "155", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181", "182", "185",
                   "186", "187", "188", "189", "191", "193", "195", "198", "199"]
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"]
FULL = str.maketrans("0123456789X-", "０１２３４５６７８９Ｘ－")
CONTACT = re.compile(r"电话|传真|手机|联系|邮箱|e-?mail|@|tel|fax", re.IGNORECASE)


# -- generated personal data ---------------------------------------------------------------------------
def id_number(rng: random.Random, want_x: bool = False) -> str:
    while True:
        born = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 65))
        body = f"{rng.choice(REGIONS)}{born:%Y%m%d}{rng.randrange(1000):03d}"
        check = _CHECK[sum(int(d) * w for d, w in zip(body, _W)) % 11]
        if (check == "X") == want_x:
            return body + check


def luhn_complete(body: str) -> str:
    for last in "0123456789":
        digits = body + last
        total = sum((int(c) * 2 - 9 if int(c) * 2 > 9 else int(c) * 2) if i % 2 else int(c)
                    for i, c in enumerate(reversed(digits)))
        if total % 10 == 0:
            return digits
    raise AssertionError


def card_number(rng: random.Random, length: int | None = None) -> str:
    prefix, default = rng.choice([p for p in CARD_PREFIXES if length is None or p[1] == length] or CARD_PREFIXES)
    length = length or default
    return luhn_complete(prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1)))


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10 ** 8):08d}"


def groups(digits: str, sizes: list[int], sep: str) -> str:
    out, i = [], 0
    for size in sizes:
        out.append(digits[i:i + size])
        i += size
    if i < len(digits):
        out.append(digits[i:])
    return sep.join(out)


def fours(digits: str, sep: str) -> str:
    return sep.join(digits[i:i + 4] for i in range(0, len(digits), 4))


def customer_row(rng: random.Random) -> tuple[str, int, int]:
    """A row of a customer list: name, mobile, an amount and a date (the row is the whole case)."""
    sep = rng.choice(["  ", "\t", " "])
    before = rng.choice(NAMES) + sep
    number = mobile(rng)
    row = before + number + sep + f"{rng.randrange(10, 10 ** 7):,}.00" + sep + f"{date(2024, rng.randint(1, 12), 1)}"
    return row, len(before), len(before) + len(number)


FORMATS = {
    "id: undivided": lambda r: id_number(r),
    "id: 6-8-4 spaces": lambda r: groups(id_number(r), [6, 8, 4], " "),
    "id: 6-8-4 dashes": lambda r: groups(id_number(r), [6, 8, 4], "-"),
    "id: full-width digits": lambda r: id_number(r).translate(FULL),
    "id: full-width, ideographic spaces": lambda r: groups(id_number(r), [6, 8, 4], "\u3000").translate(FULL),
    "id: digit by digit": lambda r: " ".join(id_number(r)),
    "id: check digit X": lambda r: id_number(r, want_x=True),
    "id: check digit x, 6-4-4-4": lambda r: groups(id_number(r, want_x=True).lower(), [6, 4, 4, 4], " "),
    "card: 16 undivided": lambda r: card_number(r, 16),
    "card: 19 undivided": lambda r: card_number(r, 19),
    "card: 4-4-4-4 spaces": lambda r: fours(card_number(r, 16), " "),
    "card: 4-4-4-4-3 dashes": lambda r: fours(card_number(r, 19), "-"),
    "card: 6+13": lambda r: groups(card_number(r, 19), [6], " "),
    "card: full-width dashes": lambda r: fours(card_number(r), "－"),
    "card: full-width digits": lambda r: fours(card_number(r), " ").translate(FULL),
    "card: no-break spaces": lambda r: fours(card_number(r, 16), "\u00a0"),
    "mobile: undivided": lambda r: mobile(r),
    "mobile: 3-4-4 spaces": lambda r: groups(mobile(r), [3, 4, 4], " "),
    "mobile: 3-4-4 dashes": lambda r: groups(mobile(r), [3, 4, 4], "-"),
    "mobile: 3-4-4 dots": lambda r: groups(mobile(r), [3, 4, 4], "."),
    "mobile: +86": lambda r: "+86 " + groups(mobile(r), [3, 4, 4], r.choice([" ", "-"])),
    "mobile: 86 undivided": lambda r: "86" + mobile(r),
    "mobile: full-width digits": lambda r: mobile(r).translate(FULL),
    "mobile: full-width dashes": lambda r: groups(mobile(r), [3, 4, 4], "－").translate(FULL),
    "mobile: customer row with figures": lambda r: customer_row(r),
    "email": lambda r: f"{r.choice(['zhang.wei', 'wangfang88', 'li_na', 'chen.j'])}{r.randrange(100)}@"
                       f"{r.choice(['bank.com', 'pingan.com.cn', 'qq.com', '163.com'])}",
    "email: full-width @": lambda r: f"{r.choice(['zhangwei', 'li.na'])}{r.randrange(100)}＠{r.choice(['bank.com', 'qq.com'])}",
}
GIVEN = ["建国", "红梅", "志强", "秀英", "海燕", "立新", "子涵", "雨轩", "伟", "静", "磊"]
SURNAME_POOL = "王李张刘陈杨黄赵吴周徐孙马朱胡郭林罗郑梁谢宋唐许韩冯邓曹彭曾"
CITIES = [("北京市", "朝阳区", "建国路"), ("上海市", "浦东新区", "世纪大道"), ("广州市", "天河区", "体育西路"),
          ("杭州市", "西湖区", "文三路"), ("成都市", "武侯区", "人民南路")]
AREA = ["010", "021", "020", "0571", "028", "0755"]
PLATE = "京沪粤浙川苏"


def person(rng: random.Random) -> str:
    return rng.choice(SURNAME_POOL) + rng.choice(GIVEN)


def address(rng: random.Random) -> str:
    city, district, road = rng.choice(CITIES)
    return f"{city}{district}{road}{rng.randrange(1, 300)}号{rng.randrange(1, 12)}号楼{rng.randrange(1, 30)}{rng.randrange(1, 6):02d}室"


# Issue 26's forms: people's names, travel/military documents, landlines, home addresses, plates.
FORMATS.update({
    "name: after a customer label": lambda r: person(r),
    "name: before 先生/女士": lambda r: person(r),
    "passport: E + 8 digits": lambda r: "E" + f"{r.randrange(10 ** 8):08d}",
    "permit: 港澳 C + 8 digits": lambda r: "C" + f"{r.randrange(10 ** 8):08d}",
    "landline: area code and dash": lambda r: f"{r.choice(AREA)}-{r.randrange(2, 9)}{r.randrange(10 ** 6, 10 ** 7)}",
    "address: to the flat": lambda r: address(r),
    "plate": lambda r: f"{r.choice(PLATE)}{r.choice('ABCDEFG')}·{r.randrange(10000, 99999)}",
})
KIND = {"id": "id_number", "card": "bank_card", "mobile": "mobile", "email": "email", "name": "name",
        "passport": "passport", "permit": "travel_permit", "landline": "landline", "address": "address",
        "plate": "plate"}
TEMPLATES = {
    "id": ["客户{n}的身份证号为{v}，已核实。", "身份证号码：{v}", "证件号 {v} 与留存影像一致。", "Customer ID number {v} was verified.",
           "{n}\t{v}\t北京市", "借款人{n}（身份证{v}）申请贷款50万元。"],
    "card": ["还款卡号：{v}", "客户{n}名下银行卡{v}于2024年3月开户。", "请将款项转入{v}，户名{n}。", "Card {v} was used.",
             "{n} {v} 工商银行", "卡号{v}，余额12,500.00元。"],
    "mobile": ["{v}", "联系电话：{v}", "客户{n}手机{v}，请回访。", "如有疑问请拨打{v}。", "Call me on {v} tomorrow.", "{n} {v} 上海",
               "{n}的号码是{v}，微信同号。"],
    "email": ["邮箱：{v}", "请发送材料至{v}。", "Contact {n} at {v}."],
    "name": ["客户：{v}；今日来访。", "借款人{v}，申请经营贷。", "联系人：{v}，电话另附。", "户名 {v}"],
    "passport": ["护照号 {v}，有效期至2030年。", "证件：护照 {v}", "客户{n}持护照{v}办理。"],
    "permit": ["港澳通行证 {v}", "客户{n}的港澳通行证号为{v}。"],
    "landline": ["客户家庭电话 {v}", "住宅电话：{v}，晚上可联系。", "{n}的座机{v}"],
    "address": ["住址：{v}", "客户{n}现住{v}。", "抵押物位于{v}。"],
    "plate": ["车牌号 {v}", "客户{n}的车{v}已抵押。"],
}
#: Names and 先生/女士 cases put their value in the sentence themselves.
NAME_TEMPLATES = {"name: before 先生/女士": ["{v}先生今天到访。", "由{v}女士陪同前来。"]}

# -- dev cases added 2026-12-02 (evening): wordings and layouts the first round did not write --------------
# Written from how loan files, visit notes and KYC forms are worded; tuned on (the held-out split is not).
COMPOUND = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫"]
PINYIN = ["Wang Jianguo", "Li Hongmei", "Zhang Wei", "Chen Jing", "Liu Yang", "Huang Min", "Zhao Lei"]
LANES = [("上海市", "浦东新区", "世纪大道", "弄"), ("上海市", "徐汇区", "龙华中路", "弄"), ("杭州市", "西湖区", "文三路", "号")]
ROADS = [("四川省成都市", "武侯区", "人民南路四段"), ("北京市", "海淀区", "中关村大街"), ("广东省深圳市", "南山区", "科技园路"),
         ("江苏省南京市", "鼓楼区", "中山北路"), ("湖北省武汉市", "江汉区", "解放大道")]


def lane_address(rng: random.Random) -> str:
    """A Shanghai lane (弄) or a building written 2幢1单元301 / A栋1203室, down to the flat."""
    city, district, road, kind = rng.choice(LANES)
    building = rng.choice([f"{rng.randrange(1, 30)}{'号' if kind == '弄' else '号楼'}{rng.randrange(1, 20)}0{rng.randrange(1, 6)}室",
                           f"{rng.randrange(1, 9)}幢{rng.randrange(1, 4)}单元{rng.randrange(1, 20)}0{rng.randrange(1, 5)}",
                           f"{rng.choice('ABCD')}栋{rng.randrange(1, 30)}0{rng.randrange(1, 5)}室"])
    return f"{city}{district}{road}{rng.randrange(1, 900)}{kind}{building}"


def street_address(rng: random.Random) -> str:
    """A street address without a flat number: personal only by the label before it."""
    province_city, district, road = rng.choice(ROADS)
    return f"{province_city}{district}{road}{rng.randrange(1, 400)}号"


def landline_written(rng: random.Random) -> str:
    area, local = rng.choice(AREA), f"{rng.randrange(2, 9)}{rng.randrange(10 ** 6, 10 ** 7)}"
    return rng.choice([f"({area}){local}", f"（{area}）{local}", f"{area} {local[:4]} {local[4:]}",
                       f"{area}-{local[:4]}-{local[4:]}", f"{area}-{local}转{rng.randrange(100, 999)}"])


FORMATS.update({
    "name: loan-file labels": lambda r: person(r),
    "name: compound surname": lambda r: r.choice(COMPOUND) + r.choice(GIVEN),
    "name: in a letter's greeting": lambda r: person(r),
    "name: English, pinyin": lambda r: r.choice(PINYIN),
    "passport: G/E + letter": lambda r: r.choice(["G", "E"]) + f"{r.randrange(10 ** 8):08d}" if r.random() < .5
    else "E" + r.choice("ABCDEFGHJK") + f"{r.randrange(10 ** 7):07d}",
    "permit: 台湾 8 digits": lambda r: f"{r.randrange(10 ** 7, 10 ** 8)}",
    "military: 军官证": lambda r: f"{r.choice('军政后装')}字第{r.randrange(10 ** 6, 10 ** 7)}号",
    "landline: brackets, spaces, extension": lambda r: landline_written(r),
    "address: lanes and buildings": lambda r: lane_address(r),
    "address: personal label, no flat": lambda r: street_address(r),
    "plate: no dot, new energy": lambda r: f"{r.choice(PLATE)}{r.choice('ABCDEFG')}" + r.choice(
        [f"{r.randrange(10000, 99999)}", f"D{r.randrange(10000, 99999)}", f"F{r.randrange(10000, 99999)}"]),
})
KIND["military"] = "military_id"

# -- dev cases, second batch (same session): lists of names, estates without a road, older ID cards ---------
ESTATES = [("北京市", "朝阳区", "望京花园东区"), ("上海市", "闵行区", "春申家园"), ("深圳市", "福田区", "景田小区"),
           ("武汉市", "洪山区", "南湖花园"), ("成都市", "高新区", "天府公寓")]


def estate_address(rng: random.Random) -> str:
    """A home in an estate (小区/花园/家园), written without its street: building, unit and flat."""
    city, district, estate = rng.choice(ESTATES)
    flat = f"{rng.randrange(1, 30)}0{rng.randrange(1, 5)}"
    return rng.choice([f"{city}{district}{estate}{rng.randrange(1, 40)}号楼{rng.randrange(1, 5)}单元{flat}",
                       f"{district}{estate}{rng.randrange(1, 40)}栋{flat}室", f"{city}{estate}{rng.randrange(1, 40)}幢{flat}室"])


def old_id_number(rng: random.Random) -> str:
    """A 15-digit resident ID of the cards issued before 1999: region, yymmdd, three digits."""
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 40))
    return f"{rng.choice(REGIONS)}{born:%y%m%d}{rng.randrange(1000):03d}"


FORMATS.update({
    "name: the second of a list": lambda r: person(r),
    "name: before a role in brackets": lambda r: person(r),
    "name: account-name labels": lambda r: person(r),
    "address: estate, no street": lambda r: estate_address(r),
    "landline: undivided, home label": lambda r: f"{r.choice(AREA)}{r.randrange(2, 9)}{r.randrange(10 ** 6, 10 ** 7)}",
    "plate: with a dash": lambda r: f"{r.choice(PLATE)}{r.choice('ABCDEFG')}-{r.randrange(10000, 99999)}",
    "id: 15 digits, before 1999": lambda r: old_id_number(r),
})
NAME_TEMPLATES.update({
    "name: the second of a list": ["共同借款人：王芳、{v}", "联系人：赵磊、{v}（均为客户家属）", "保证人张伟、{v}已到场签字。"],
    "name: before a role in brackets": ["{v}（借款人）已签署合同。", "{v}（客户本人）到场办理。", "经与{v}（担保人）确认，抵押物无争议。"],
    "name: account-name labels": ["账户名称：{v}", "开户名：{v}", "收款账户户名为{v}。"],
    "address: estate, no street": ["住址：{v}", "家住{v}，离网点不远。", "客户{n}现住{v}。"],
    "landline: undivided, home label": ["家庭电话：{v}", "客户{n}的住宅电话{v}"],
    "plate: with a dash": ["车牌号：{v}", "客户{n}名下车辆{v}已抵押。"],
    "id: 15 digits, before 1999": ["身份证号：{v}（旧证）", "客户{n}身份证号码为{v}。", "证件号码 {v}"],
})
NAME_TEMPLATES.update({
    "name: loan-file labels": ["户主：{v}", "借款人配偶{v}同意以该房产抵押。", "保证人{v}已在合同上签字。",
                               "共同还款人：{v}", "抵押人{v}，身份证件已核验。", "收件人：{v}"],
    "name: compound surname": ["客户：{v}；今日来访。", "借款人{v}，申请消费贷。", "{v}女士今天到访。"],
    "name: in a letter's greeting": ["尊敬的{v}客户：您好！", "致{v}：", "{v}先生/女士："],
    "name: English, pinyin": ["Client: {v} asked about the renewal.", "Mr. {v} called on Tuesday.",
                              "Dear Ms. {v},", "Borrower {v} signed the facility letter."],
    "passport: G/E + letter": ["护照号码：{v}", "Passport No. {v}", "客户出示护照（{v}）办理开户。"],
    "permit: 台湾 8 digits": ["台胞证号码：{v}", "台湾居民来往大陆通行证 {v}"],
    "military: 军官证": ["军官证号：{v}", "证件类型：军官证；证件号码：{v}"],
    "landline: brackets, spaces, extension": ["家庭电话：{v}", "客户{n}的座机 {v}", "住宅电话 {v}，白天无人接听。"],
    "address: lanes and buildings": ["住址：{v}", "客户{n}现住{v}。", "抵押房产位于{v}。", "通讯地址：{v}"],
    "address: personal label, no flat": ["户籍地址：{v}", "家住{v}，离网点不远。", "居住地址：{v}"],
    "plate: no dot, new energy": ["车牌号：{v}", "客户{n}名下车辆{v}已办理抵押登记。"],
})


def positives(rng: random.Random, per_format: int) -> dict[str, list[tuple[str, int, int]]]:
    cases: dict[str, list[tuple[str, int, int]]] = {}
    for name, make in FORMATS.items():
        family = name.split(":")[0]
        rows = []
        for _ in range(per_format):
            value = make(rng)
            if isinstance(value, tuple):  # the format writes its whole case
                rows.append(value)
                continue
            template = rng.choice(NAME_TEMPLATES.get(name) or TEMPLATES[family])
            before, after = template.replace("{n}", rng.choice(NAMES)).split("{v}")
            rows.append((before + value + after, len(before), len(before) + len(value)))
        cases[name] = rows
    return cases


# -- look-alikes from the real reports ------------------------------------------------------------------
def report_texts() -> list[str]:
    import pymupdf

    texts = []
    for rel in REPORTS:
        path = SHARED / rel
        if path.exists():
            with pymupdf.open(path) as doc:
                texts.append("\n".join(page.get_text() for page in doc))
    return texts


AMOUNT = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])")
DATE = re.compile(r"(?:19|20)\d{2}\s?(?:年\s?\d{1,2}\s?月\s?\d{1,2}\s?日|[-./]\d{1,2}[-./]\d{1,2})")
LONG = re.compile(r"(?<![\d,.])\d[\d\- ]{7,}\d[A-Z]?(?![\d,.])")
UNITS = ["元", "万元", "亿元", "百万元", "千元", "美元", "港元", " 元", "元人民币"]
UNIT_TEMPLATES = ["贷款总额{v}{u}", "截至报告期末，公司资产总额为{v}{u}。", "本期发生额{v}{u}，", "募集资金总额人民币{v}{u}",
                  "{v}{u}", "合计：{v}{u}"]
LABELS = ["营业收入", "利息净收入", "发放贷款和垫款", "吸收存款", "资产总额", "净利润", "归属于本行股东的净利润", "营业支出"]


def look_alikes(rng: random.Random, texts: list[str], per_kind: int) -> dict[str, list[str]]:
    lines = [ln for t in texts for ln in t.splitlines() if ln.strip()]
    amount_lines = [ln for ln in lines if AMOUNT.search(ln) and not CONTACT.search(ln)]
    amounts = [m.group(0) for t in texts for m in AMOUNT.finditer(t)]
    big = [a for a in amounts if len(a.replace(",", "").split(".")[0]) >= 9] or amounts
    out: dict[str, list[str]] = {}
    out["report lines with figures"] = rng.sample(amount_lines, min(per_kind, len(amount_lines)))
    # The same kind of lines as some systems export them: figures without thousands separators.
    out["report lines, commas removed"] = [AMOUNT.sub(lambda m: m.group(0).replace(",", ""), ln)
                                           for ln in rng.sample(amount_lines, min(per_kind, len(amount_lines)))]
    rows = []
    for _ in range(per_kind):
        value = rng.choice(big).replace(",", "")
        rows.append(rng.choice(UNIT_TEMPLATES).format(v=value, u=rng.choice(UNITS)))
    out["real amounts, no commas, with units"] = rows
    rows = []
    for _ in range(per_kind):  # the case: an 11-digit amount shaped like a mobile number
        value = rng.choice(["13", "15", "18", "19"]) + f"{rng.randrange(10 ** 9):09d}"
        rows.append(rng.choice(UNIT_TEMPLATES).format(v=value, u=rng.choice(UNITS)))
    out["11-digit amounts with units"] = rows
    rows = []
    cell_lines = [i for i, ln in enumerate(lines) if AMOUNT.fullmatch(ln.strip())]
    for _ in range(per_kind):
        if rng.random() < 0.5 and cell_lines:  # a table extracted cell by cell, one figure written undivided
            i = rng.choice(cell_lines)
            block = lines[max(0, i - 3):i + 4]
            k = min(3, i)
            block[k] = rng.choice(["13", "15", "18"]) + f"{rng.randrange(10 ** 9):09d}" if rng.random() < 0.5 \
                else block[k].replace(",", "")
            rows.append("\n".join(block))
        else:  # a row of figures on one line, as text tables and spreadsheets export it
            figures = [rng.choice(amounts) for _ in range(rng.randint(2, 4))]
            figures[rng.randrange(len(figures))] = rng.choice(["13", "15", "18", "19"]) + f"{rng.randrange(10 ** 9):09d}"
            sep = rng.choice(["  ", "\t", " | ", " "])
            rows.append(sep.join([rng.choice(LABELS), *figures, f"{rng.uniform(-20, 40):.2f}%"]))
    out["tables of figures"] = rows
    dates = sorted({m.group(0) for t in texts for m in DATE.finditer(t)})
    rows = []
    for _ in range(per_kind):
        d = date(rng.randint(2000, 2025), rng.randint(1, 12), rng.randint(1, 28))
        e = d + timedelta(days=rng.randint(1, 400))
        rows.append(rng.choice([
            rng.choice(dates) if dates else f"{d:%Y年%m月%d日}", f"{d:%Y%m%d}", f"{d:%Y-%m-%d %H:%M:%S}",
            f"{d:%Y.%m.%d}-{e:%Y.%m.%d}", f"{d:%Y%m%d}-{e:%Y%m%d}", f"{d:%Y%m%d}{e:%Y%m%d}",
            f"报告期：{d:%Y年%m月%d日}至{e:%Y年%m月%d日}", f"{d:%Y-%m-%d} 至 {e:%Y-%m-%d}"]))
    out["dates"] = rows
    real_ids = sorted({m.group(0) for t in texts for m in LONG.finditer(t)
                       if len(re.sub(r"\D", "", m.group(0))) >= 9})
    contexts = [t[max(0, m.start() - 20):m.end() + 10] for t in texts for m in LONG.finditer(t)
                if len(re.sub(r"\D", "", m.group(0))) >= 9 and not CONTACT.search(t[max(0, m.start() - 20):m.end() + 10])]
    rows = []
    for _ in range(per_kind):
        pick = rng.random()
        if pick < 0.35 and contexts:
            rows.append(rng.choice(contexts))  # a real registration, licence, account number or landline in place
        elif pick < 0.55:
            good = id_number(rng)  # one digit of the check wrong, or a birth date that cannot be
            wrong = good[:17] + _CHECK[(_CHECK.index(good[17]) + rng.randint(1, 10)) % 11] if rng.random() < 0.6 \
                else good[:10] + rng.choice(["13", "00", "19"]) + good[12:]
            rows.append(f"证件号{groups(wrong, [6, 8, 4], rng.choice(['', ' ']))}")
        elif pick < 0.75:
            card = card_number(rng)
            bad = card[:-1] + str((int(card[-1]) + rng.randint(1, 9)) % 10)
            rows.append(f"账号{rng.choice([bad, fours(bad, ' '), groups(bad, [6], ' ')])}")
        elif pick < 0.9:
            rows.append(f"编号{rng.choice(['10', '11', '12', '00'])}{rng.randrange(10 ** 9):09d}")  # no mobile prefix
        else:
            rows.append(rng.choice(real_ids) if real_ids else f"{rng.randrange(10 ** 12):012d}")
    out["account-like numbers"] = rows
    return out


# -- detectors ------------------------------------------------------------------------------------------
def load_baseline():
    """The previous detector, from git, as a module (None when git history is not available)."""
    try:
        source = subprocess.run(["git", "show", f"{BASELINE_COMMIT}:app/core/compliance/pii.py"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType("pii_baseline")
    sys.modules[module.__name__] = module  # dataclasses look their module up while the class is made
    exec(compile(source, f"{BASELINE_COMMIT}:pii.py", "exec"), module.__dict__)
    return module


# -- held-out split: written after the detector was tuned, in other people's wording; never tuned on ------
HELD_OUT_POSITIVES = [  # (text, the personal datum in it)
    ("今天上午陪同客户孙秀英去网点签约。", "孙秀英"), ("经办：借款人 周海燕 已提交流水", "周海燕"),
    ("王志强先生表示下月续贷。", "王志强"), ("贷后回访由冯子涵女士接待。", "冯子涵"),
    ("护照号码：E98761234", "E98761234"), ("客户持港澳通行证C12340987入境。", "C12340987"),
    ("家里电话 021-62345678 晚上打", "021-62345678"), ("座机（0571）87654321", "87654321"),
    ("现住址：杭州市西湖区文三路90号5号楼302室", "90号5号楼302室"), ("抵押车辆 沪B·77889", "沪B·77889"),
    ("| 客户 | 手机 | 授信额度 |\n| 林静 | 13671234567 | 500.00 |", "13671234567"),
    ("| 客户 | 手机 | 授信额度 |\n| 林静 | 13671234567 | 500.00 |", "林静"),
    ("Client: Alice Wong asked for the term sheet.", "Alice Wong"), ("Mr. Zhang will send the covenants.", "Zhang"),
    ("台胞证：12345678，已复印。", "12345678"), ("军官证 军字第20210017号", "20210017"),
]
HELD_OUT_LOOK_ALIKES = [
    "| 营业收入 | 13598765432 | 12498765432 |", "| 项目 | 2023年 | 2022年 |\n| 利润总额 | 13712345678 | 11912345678 |",
    "投资者关系电话：0755-22168888", "公司传真：010-66555777", "办公地址：深圳市福田区益田路5033号平安金融中心",
    "董事长谢永林先生主持会议。", "独立董事郭田勇先生，1964年出生，博士。", "注册资本为人民币19,405,918,198元",
    "统一社会信用代码 91440300192185379H", "客户管理系统于2024年上线。", "客户和供应商集中度较低。",
    "报告期内公司向前五名客户销售额合计12,345.67万元。",
]


def held_out(detectors) -> None:
    print("\nheld-out split (written after tuning, never tuned on)")
    for det, find in detectors.items():
        hits = sum(any(datum in text[m.start:m.end] or text[m.start:m.end] in datum and
                       len(text[m.start:m.end]) >= len(datum) - 1 for m in find(text))
                   for text, datum in HELD_OUT_POSITIVES)
        clean = sum(not find(text) for text in HELD_OUT_LOOK_ALIKES)
        print(f"  {det:9} recall {hits}/{len(HELD_OUT_POSITIVES)} = {hits / len(HELD_OUT_POSITIVES):.3f}; "
              f"look-alikes left alone {clean}/{len(HELD_OUT_LOOK_ALIKES)} = {clean / len(HELD_OUT_LOOK_ALIKES):.3f}")


PREVIOUS_COMMIT = "0c5e689"  # the detector when held-out split C was written (the start of 2026-12-03's session)
START_COMMIT = "7ccc121"  # the detector when held-out split D was written (the start of 2026-12-03's second session)
SESSION_COMMIT = "9278215"  # the detector when held-out split E was written (the start of 2026-12-04's session)
TODAY_COMMIT = "9c61861"  # the detector when held-out split F was written (the start of 2026-12-04's night session)


def load_previous(commit: str = PREVIOUS_COMMIT, package_name: str = "pii_previous"):
    """The detector at ``commit``, every pii*.py module of it read from git into a package of its own."""
    package = types.ModuleType(package_name)
    package.__path__ = []
    sys.modules[package.__name__] = package
    folder = "analyst_desk/core/compliance"
    try:
        listing = subprocess.run(["git", "ls-tree", "--name-only", f"{commit}:{folder}"], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout.split()
        sources = {}
        for file in listing:
            if file.startswith("pii") and file.endswith(".py"):
                sources[file[:-3]] = subprocess.run(["git", "show", f"{commit}:{folder}/{file}"], cwd=ROOT,
                                                    capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    pending = dict(sources)
    while pending:  # a module is loaded once the modules it imports from the package are
        for name, source in list(pending.items()):
            imports = "\n".join(line for line in source.splitlines() if "core.compliance" in line)
            if any(re.search(rf"\b{other}\b", imports) for other in pending if other != name):
                continue
            source = re.sub(r"from analyst_desk\.core\.compliance import", f"from {package_name} import", source)
            source = source.replace("analyst_desk.core.compliance.", f"{package_name}.")
            module = types.ModuleType(f"{package_name}.{name}")
            sys.modules[module.__name__] = module
            exec(compile(source, f"{commit}:{name}.py", "exec"), module.__dict__)
            setattr(package, name, module)
            del pending[name]
    return package.pii


def score_documents(title: str, documents, detectors, show_misses: bool = False, per_document: bool = True) -> None:
    """Whole marked documents (bench/pii_held_out*.py, bench/pii_dev_documents.py), each written to a file in its
    encoding and line ends and read back as the app reads files. For a held-out split only the totals are
    printed (``per_document=False``) — never which document or item was missed — so it cannot be tuned on by
    reading it."""
    import tempfile

    from pii_held_out import parse

    from analyst_desk.core.library.loaders import decode_text

    print(f"\n{title}")
    header = f"  {'document':42} {'items':>5} {'looks':>5} " + " ".join(f"{d + ' recall':>16} {d + ' alike':>15}"
                                                                       for d in detectors)
    if per_document:
        print(header + "\n  " + "-" * (len(header) - 2))
    else:
        print(f"  {len(documents)} documents; totals only (a held-out split is not read document by document)")
    totals = {d: [0, 0, 0, 0] for d in detectors}  # found, alike left alone, true flags, all flags
    n_personal = n_alike = 0
    notes = []
    with tempfile.TemporaryDirectory() as folder:
        for name, encoding, ending, marked in documents:
            plain, personal, alike = parse(marked.replace("\n", ending))
            path = Path(folder) / f"{len(name)}.txt"
            path.write_bytes(plain.encode(encoding))
            text = decode_text(path.read_bytes(), path.name)
            assert text == plain, name
            n_personal, n_alike = n_personal + len(personal), n_alike + len(alike)
            cells = []
            for det, find in detectors.items():
                matches = find(text)
                spans = [(m.start, m.end) for m in matches]
                covered = set().union(*(range(s, e) for s, e in spans)) if spans else set()
                hit = [all(i in covered for i in range(s, e) if not text[i].isspace()) for s, e in personal]
                clean = sum(not any(s < me and ms < e for ms, me in spans) for s, e in alike)
                true = [any(s < pe and ps < e for ps, pe in personal) for s, e in spans]
                for k, v in enumerate((sum(hit), clean, sum(true), len(spans))):
                    totals[det][k] += v
                cells.append(f"{sum(hit):>10}/{len(personal):<5} {clean:>9}/{len(alike):<5}")
                if show_misses and det == "app":
                    notes += [f"MISSED  {name}: {text[s:e]!r}" for (s, e), ok in zip(personal, hit) if not ok]
                    notes += [f"FLAGGED {name}: {m.kind} {m.text!r}" for m, ok in zip(matches, true) if not ok]
            if per_document:
                print(f"  {name:42} {len(personal):5} {len(alike):5} " + " ".join(cells))
    for det, (hits, clean, true, flags) in totals.items():
        print(f"  {det:9} recall {hits}/{n_personal} = {hits / n_personal:.3f}; look-alikes left alone "
              f"{clean}/{n_alike} = {clean / n_alike:.3f}; precision of its flags {true}/{flags} = "
              f"{true / max(1, flags):.3f}")
    print("\n".join(notes))


def held_out_documents(detectors) -> None:
    from pii_held_out import DOCUMENTS

    score_documents("held-out split B (whole documents, written before this session's tuning, never tuned on)",
                    DOCUMENTS, detectors, per_document=False)


def held_out_c_documents(detectors) -> None:
    from pii_held_out_c import DOCUMENTS

    score_documents("held-out split C (whole documents, written 2026-12-03 before that session's tuning, never tuned "
                    "on)", DOCUMENTS, detectors, per_document=False)


def held_out_d_documents(detectors) -> None:
    from pii_held_out_d import DOCUMENTS

    score_documents(f"held-out split D (whole documents, written 2026-12-03 at {START_COMMIT} before that session's "
                    "tuning, never tuned on)", DOCUMENTS, detectors, per_document=False)


def held_out_e_documents(detectors) -> None:
    from pii_held_out_e import DOCUMENTS

    score_documents(f"split E (whole documents, written 2026-12-04 at {SESSION_COMMIT} before that session's tuning; "
                    f"dev since {TODAY_COMMIT}: tuned on that night, F is the held-out split now)", DOCUMENTS, detectors,
                    per_document=False)


def held_out_f_documents(detectors) -> None:
    from pii_held_out_f import DOCUMENTS

    score_documents(f"held-out split F (whole documents, written 2026-12-04 at {TODAY_COMMIT} before that night's "
                    "tuning, never tuned on)", DOCUMENTS, detectors, per_document=False)


def dev_documents(detectors, show_misses: bool) -> None:
    from pii_dev_documents import DOCUMENTS

    score_documents("dev documents (the forms of split B in other wording; tuned on)", DOCUMENTS, detectors,
                    show_misses)


def _earlier_detectors() -> dict:
    """today: the detector at TODAY_COMMIT (this session's baseline); session: at SESSION_COMMIT; start: at
    START_COMMIT; previous: at PREVIOUS_COMMIT; baseline: the single-module detector at BASELINE_COMMIT. Each is left
    out when git history is not available."""
    today, session = load_previous(TODAY_COMMIT, "pii_today"), load_previous(SESSION_COMMIT, "pii_session")
    start, previous, baseline = load_previous(START_COMMIT, "pii_start"), load_previous(), load_baseline()
    return {**({"today": today.find_pii} if today else {}),
            **({"session": session.find_pii} if session else {}), **({"start": start.find_pii} if start else {}),
            **({"previous": previous.find_pii} if previous else {}),
            **({"baseline": baseline.find_pii} if baseline else {})}


def found(find_pii, text: str, start: int, end: int, kind: str) -> bool:
    return any(m.kind == kind and m.start <= start and m.end >= end for m in find_pii(text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-format", type=int, default=100)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--misses-shown", type=int, default=40, help="how many misses and false flags --show-misses prints")
    parser.add_argument("--documents-only", action="store_true",
                        help="score only the whole documents: dev and held-out splits B to F (no reports read)")
    args = parser.parse_args()
    from analyst_desk.core.compliance import pii

    if args.documents_only:
        detectors = {"app": pii.find_pii, **_earlier_detectors()}
        dev_documents(detectors, args.show_misses)
        held_out_documents(detectors)
        held_out_c_documents(detectors)
        held_out_d_documents(detectors)
        held_out_e_documents(detectors)
        held_out_f_documents(detectors)
        return 0

    rng = random.Random(args.seed)
    texts = report_texts()
    if not texts:
        print(f"The sample reports are not in {SHARED}: look-alikes cannot be drawn from real reports.", file=sys.stderr)
        return 2
    pos = positives(rng, args.per_format)
    neg = look_alikes(rng, texts, max(100, args.per_format * 2))
    baseline = load_baseline()
    detectors = {"app": pii.find_pii, **_earlier_detectors()}
    n_pos, n_neg = sum(map(len, pos.values())), sum(map(len, neg.values()))
    print(f"PII benchmark: {os.cpu_count()} cores; {n_pos} personal-data cases in {len(pos)} formats, {n_neg} "
          f"look-alikes in {len(neg)} kinds from {len(texts)} real reports (seed {args.seed}); baseline = "
          f"pii.py at {BASELINE_COMMIT}" + ("" if baseline else " (not available: no git history)"))
    header = f"{'format':38} {'cases':>5} " + " ".join(f"{name + ' recall':>16}" for name in detectors)
    print("\n" + header + "\n" + "-" * len(header))
    true_pos = defaultdict(int)
    misses = []
    timing = defaultdict(float)
    for name, rows in pos.items():
        kind = KIND[name.split(":")[0]]
        cells = []
        for det, find in detectors.items():
            t0 = time.perf_counter()
            hits = [found(find, text, s, e, kind) for text, s, e in rows]
            timing[det] += time.perf_counter() - t0
            true_pos[det] += sum(hits)
            cells.append(f"{sum(hits) / len(rows):16.3f}")
            if det == "app":
                misses += [(name, text) for (text, _, _), hit in zip(rows, hits) if not hit]
        print(f"{name:38} {len(rows):5} " + " ".join(cells))
    header = f"{'look-alikes (not personal data)':38} {'cases':>5} " + " ".join(f"{name + ' left alone':>16}"
                                                                            for name in detectors)
    print("\n" + header + "\n" + "-" * len(header))
    false_pos = defaultdict(int)
    flagged = []
    for name, rows in neg.items():
        cells = []
        for det, find in detectors.items():
            t0 = time.perf_counter()
            hits = [bool(find(text)) for text in rows]
            timing[det] += time.perf_counter() - t0
            false_pos[det] += sum(hits)
            cells.append(f"{1 - sum(hits) / len(rows):16.3f}")
            if det == "app":
                flagged += [(name, text, [(m.kind, m.text) for m in find(text)]) for text, hit in zip(rows, hits) if hit]
        print(f"{name:38} {len(rows):5} " + " ".join(cells))
    print()
    for det in detectors:
        precision = true_pos[det] / max(1, true_pos[det] + false_pos[det])
        print(f"{det:9} recall {true_pos[det] / n_pos:.3f} overall; look-alikes left alone "
              f"{1 - false_pos[det] / n_neg:.3f}; precision over all flags {precision:.3f}; "
              f"{timing[det] / (n_pos + n_neg) * 1e6:.0f} µs per case")
    # The reports read whole, as an export of them would be checked: anything flagged is shown.
    print("\nwhole reports (every page): what each detector flags")
    for rel, text in zip([r for r in REPORTS if (SHARED / r).exists()], texts):
        cells = []
        for det, find in detectors.items():
            kinds = defaultdict(list)
            for m in find(text):
                kinds[m.kind].append(m.text)
            cells.append(f"{det}: " + (", ".join(f"{k} ×{len(v)} ({sorted(set(v))[0][:24]}…)" for k, v in kinds.items())
                                       or "nothing"))
        print(f"  {Path(rel).name[:20]:20} {len(text):>7} chars  " + " | ".join(cells))
    dev_documents(detectors, args.show_misses)
    held_out(detectors)
    held_out_documents(detectors)
    held_out_c_documents(detectors)
    held_out_d_documents(detectors)
    held_out_e_documents(detectors)
    held_out_f_documents(detectors)
    if args.show_misses:
        for name, text in misses[:args.misses_shown]:
            print(f"MISSED  {name}: {text!r}")
        for name, text, what in flagged[:args.misses_shown]:
            print(f"FLAGGED {name}: {text!r} -> {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
