"""Held-out split B for bench/pii.py: whole bank documents, written before the detector was touched this session
(2026-12-02, night) and never tuned on — only its scores are looked at.

Each document is written as a bank's staff write them — a customer list exported with aligned columns, a CSV from
the core system, a KYC note, an e-mail thread, a visit note, an English memo, a loan table, a text a PDF wrapped,
home addresses in village and lane forms, an annual-report extract — in forms and contexts the dev split lacks:
names with no label or title beside them, names in e-mail headers and signatures, landlines and cards in CSV
columns, space-aligned tables without rules, country-coded landlines, village addresses, numbers a line wrap
split, Windows line ends in GBK files.

Markup: «…» is personal data that must come back masked (the whole span covered by the detector's matches);
‹…› is a look-alike that must be left alone (no match may touch it): figures, account-like codes that are not
a person's, companies' names, public officers, a firm's switchboard and office. Text outside both marks is
scored too: any flag there counts against precision.
"""

from __future__ import annotations

import re

#: (name, encoding of the file the bench writes and reads back, line ending, marked text)
DOCUMENTS = [
    ("customer list, aligned columns", "gbk", "\r\n", """\
2024年四季度到期客户清单（零售信贷部）
序号  客户号        客户姓名  手机号码         证件号码                贷款余额(元)     到期日
1     ‹8800123456›    «刘立新»    «18629040138»      «210102195507270051»      356,000.00      2024-12-20
2     ‹8800123457›    «韩秀英»    «13805194584»      «440305195910181246»      1,280,500.00    2025-01-08
3     ‹8800123461›    «欧阳明»    «152 9825 0339»    «370102195506302992»      98,765.43       2025-02-15
合计                                                              ‹1735265.43›
"""),
    ("core-system CSV export", "gbk", "\r\n", """\
客户号,姓名,联系电话,开户机构,账号,授信额度(元)
‹CN00231457›,«谢海燕»,«19974920526»,平安银行深圳分行,«6222629098280189639»,‹500000›
‹CN00231458›,«曹子涵»,«0755-86012345»,平安银行南山支行,«6259659073753251»,‹1200000›
‹CN00231460›,«邓志远»,«186 2904 0139»,平安银行福田支行,«6217006367637469405»,‹13800000000›
"""),
    ("KYC note", "utf-8", "\n", """\
【客户尽职调查记录】
«彭建华»，男，1973年6月出生，深圳市鹏程五金制品有限公司实际控制人，持股60%。
本人手机«180 8066 6112»，邮箱«pengjh1973@163.com»，微信同号。
配偶«罗静»，无业，名下无房产；其子«彭宇轩»在读。
常住地址：深圳市宝安区西乡街道«宝源路1065号碧海花园7栋1803»。
企业经营地址：‹深圳市宝安区福永街道凤凰第四工业区A栋›；统一社会信用代码：‹91440300MA5DCK1X2P›。
企业近三年营业收入分别为‹38,560,000›元、‹41,220,000›元和‹45,100,000›元，贷款用于‹周转›。
"""),
    ("e-mail thread", "utf-8", "\n", """\
发件人：«李晓东» <«lixiaodong@pingan.com.cn»>
收件人：«Jenny Liu» <«jenny.liu@hsbc.com.hk»>
抄送：«赵海峰»
主题：‹王府井集团股份有限公司›授信续作材料

«Jenny»，您好：
附件为‹王府井集团›2024年三季度报表及‹周大福珠宝›的同业授信情况，合同编号‹PA-SZ-2024-0318›，
授信金额‹300000000›元。如有问题请致电本人手机«13537511108»。

«李晓东»
对公业务部
"""),
    ("visit note, names without labels", "gbk", "\r\n", """\
3月12日下午，与«宋立新»、«唐海燕»夫妇在其经营的门店面谈。
«宋立新»称今年流水较去年增长约20%，«唐海燕»负责店内账目。
其子«宋子轩»在‹杭州银行›工作，月收入约‹12000›元。
下次回访安排在4月初，届时需«宋立新»补充提供近六个月银行流水。
"""),
    ("English memo", "utf-8", "\n", """\
Credit memo — renewal of the working-capital line
Attn: «Kevin Lau», Relationship Manager
The borrower, Mrs. «Olivia Tan», holds 70% of ‹Tan Brothers Trading Ltd›.
Mobile: «+86 139 0571 2233»; home: «+86 21 6234 5678».
Facility amount: USD ‹2,500,000›; facility number ‹FL20240117003›; SWIFT ‹PCBCCNBJSZX›.
From: «Jenny Liu»
"""),
    ("loan table with guarantors and cars", "utf-8", "\n", """\
| 借款人 | 担保人 | 抵押车辆 | 贷款金额（万元） | 合同号 |
| --- | --- | --- | --- | --- |
| «蒋志强» | «蒋秀英» | «浙A·8K2M6» | 25.00 | ‹HT2024030001› |
| «司马文轩» | «汪海» | «粤B·D35791» | 18.50 | ‹HT2024030002› |
| «钱立» | 无 | «苏E-6T9Q1» | 12.00 | ‹HT2024030003› |
"""),
    ("text a PDF wrapped", "utf-8", "\n", """\
借款人«秦海燕»（身份证号：«430104\n197306030716»）以其名下位于长沙市岳麓区«麓山南路\n932号3栋1202室»的住房提供抵押，
还款账户«6225 8878 1267\n9971»。
"""),
    ("home addresses, village and lane forms", "gbk", "\r\n", """\
家庭住址：河北省保定市涿州市松林店镇«东仙坡村3组45号»
户籍所在地：四川省南充市营山县«双河镇石板村二社12号»
收货地址 上海市闵行区七宝镇«漕宝路3366弄15号602室»
现居住于重庆市渝北区«龙溪街道金龙路1号附3号»
"""),
    ("letters and notices", "utf-8", "\n", """\
«范秀兰»女士：
您尾号为‹7788›的信用卡本期账单金额为‹3,256.80›元，最后还款日为2024年12月25日。

Mr. «Huang Zhiming»
Dear Mr. «Huang», your application ‹APP-0098812› has been approved.
"""),
    ("annual-report extract", "utf-8", "\n", """\
‹平安银行股份有限公司›董事长‹谢永林›先生主持会议。报告期内，本行个人客户数达‹12,345,678›户。
股票代码：‹000001›；客服热线：‹95511›；董事会办公室电话：‹0755-82080387›；传真：‹0755-82080386›。
注册地址：‹广东省深圳市罗湖区深南东路5047号›；统一社会信用代码：‹91440300192185379H›。
主要客户包括‹张家港保税区长江国际港务有限公司›、‹金华市宏达纺织有限公司›和‹周大生珠宝股份有限公司›。
| 项目 | 2024年 | 2023年 |
| --- | --- | --- |
| 营业收入 | ‹14669500000› | ‹16469900000› |
| 吸收存款 | ‹18539800000› | ‹13912300000› |
业务流水号‹6228480402564890010›已于当日入账；营业执照注册号‹440301103456789›。
"""),
    ("customer counts and codes in a branch report", "gbk", "\r\n", """\
支行名称    有效客户数    新增客户    存款余额(万元)
‹高新支行›    ‹13587›       ‹1286›      ‹1386452.27›
‹江北支行›    ‹9864›        ‹733›       ‹865240.15›
客户经理工号：‹PA061234›、‹PA061288›；网点代码‹44030512›。
"""),
]

_MARK = re.compile(r"«([^»]*)»|‹([^›]*)›")


def parse(marked: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The plain text, the spans of personal data and the spans of look-alikes."""
    out, personal, alike, last = [], [], [], 0
    length = 0
    for m in _MARK.finditer(marked):
        out.append(marked[last:m.start()])
        length += m.start() - last
        value = m.group(1) if m.group(1) is not None else m.group(2)
        (personal if m.group(1) is not None else alike).append((length, length + len(value)))
        out.append(value)
        length += len(value)
        last = m.end()
    out.append(marked[last:])
    return "".join(out), personal, alike
