"""Held-out split D for bench/pii.py: whole bank documents written on 2026-12-03 (second session) before the
detector was touched that session, and never tuned on — only its totals are looked at (the bench prints no item).

Written fresh, with people, values and wordings of their own, from how a branch, a collections desk, a credit
team, private banking and a KYC desk write: a markdown call list of overdue customers with bare names, a
space-aligned list of wealth clients with landlines with and without area codes, a CSV of card applicants with
IDs ending in X and home addresses, a sole trader's credit memo (借款人, 法人代表, 配偶, 联系人, 经办人, 复核人),
a retiree's KYC note with a 往来港澳通行证, a visit record naming people without labels, an English e-mail and
an English client profile with Mr./Ms. and English addresses, a register of passports, 港澳 passes and a 台胞证,
a tab-separated loan ledger, SMS notices and a letter, a guarantor clause a PDF wrapped, a complaint e-mail, a
mortgage file with a plate, a list of a firm's contact people, an English mortgage memo; and beside them the
look-alikes a bank's papers are full of — balance-sheet rows written as 10- and 11-digit undivided figures
(some starting 133/158/159 like mobiles), stock codes, report, contract, batch and voucher numbers, company
names that begin with a surname, a branch's own address, hotline and fax, property certificate numbers, dates.

Markup as in ``pii_held_out``: «…» is personal data that must come back masked (the whole span covered),
‹…› a look-alike that must be left alone (no match may touch it); any flag outside both counts against precision.
"""

from __future__ import annotations

#: (name, encoding of the file the bench writes and reads back, line ending, marked text)
DOCUMENTS = [
    ("collections call list, markdown", "utf-8", "\n", """\
| 序号 | 客户姓名 | 手机 | 逾期金额(元) | 逾期天数 | 催收员 |
| --- | --- | --- | --- | --- | --- |
| 1 | «韦春梅» | «15334835860» | ‹18,530.26› | 45 | «卢海波» |
| 2 | «常德胜» | «137 4356 7573» | ‹6,208.00› | 12 | «卢海波» |
| 3 | «皇甫明轩» | «17889631891» | ‹103,400.50› | 96 | «祁红» |
"""),
    ("wealth clients, space-aligned, landlines", "gbk", "\r\n", """\
客户名称      固定电话           手机号码          AUM(万元)     风险等级
«莫建华»        «0755-26681234»    «18906932000»     ‹1,260.00›      C4
«尹淑珍»        «(020)38765412»    «13079359579»     ‹845.30›        C3
«邵一鸣»        «62418856»         «191 6341 7342»   ‹3,020.75›      C5
"""),
    ("card applicants CSV", "utf-8", "\n", """\
申请编号,申请人,证件号码,卡号,居住地址,申请日期
‹SQ20241102001›,«严丽华»,«51010419690729427X»,«6225889870215177»,成都市锦江区«东大街下东大街段216号2栋1单元803»,2024-11-02
‹SQ20241102002›,«覃志远»,«440305197907277676»,«6227009999384980204»,深圳市南山区«望海路1166号海月花园7栋2104»,2024-11-02
"""),
    ("sole trader's credit memo", "utf-8", "\n", """\
授信调查报告（个体工商户经营贷）
一、借款人概况
借款人：«温志刚»，男，1975年3月生，身份证号«43010419750308924X»，手机«198 6794 0067»。
经营主体：‹长沙市开福区温记五金建材商行›（个体工商户），法人代表«温志刚»。
配偶：«贺小兰»，身份证号«420102197712121790»，在‹长沙市第三医院›任护士。
联系人：«温晓东»（借款人之子），电话«175 8023 8577»。
二、经营情况
2023年销售收入‹3,862,400›元，净利润‹412,000›元，存货约‹1,150,000›元。
三、授信方案
申请金额‹500,000›元，期限12个月，合同编号‹CSJY-2024-11-0387›；还款账户«6228 4876 8419 4828 566»。
经办人：«鲁倩»    复核人：«柏文涛»
"""),
    ("retiree KYC note", "gbk", "\r\n", """\
客户尽职调查记录
客户«龚桂芳»，女，1956年10月出生，退休教师，原任职于‹长沙市第一中学›。
证件：居民身份证«11010119561001593X»；另持往来港澳通行证«C60318472»，常往返香港探亲。
客户本人手机«19114975216»，家庭座机«0731-84412367»。
其子«龚浩然»现居香港，联系电话«+852 9134 5678»。
家庭住址：长沙市天心区«劳动西路289号嘉盛华庭3栋1602室»。
本次认购理财产品‹安心稳盈24138期›，金额‹300,000›元，产品代码‹ZX24138›。
"""),
    ("visit record, names without labels", "utf-8", "\n", """\
11月20日，客户经理«包振宇»陪同风险经理«谷雨晴»走访‹宁波甬兴模具有限公司›。
接待人为公司财务负责人«施美玲»及实际控制人«俞国富»。
«俞国富»介绍，公司今年出口订单约‹2,300›万元，主要客户为‹德国博世›和‹日本电产›。
«施美玲»提供了近三个月的银行流水，经核对与报表一致。
下次走访时间另行约定，请«俞国富»届时提供厂房租赁合同。
"""),
    ("English e-mail, account opening", "utf-8", "\n", """\
From: «Rachel Ng» <«rachel.ng@hsbc.com.hk»>
To: «Daniel Koh»
Subject: Account opening - ‹Harbour Crest Holdings Ltd›

Hi «Daniel»,
Ms. «Grace Lim», the sole director, will come to the branch on 5 December with her passport («E61294837»)
and proof of address («Flat 21B, Tower 3, Laguna Verde, 8 Laguna Verde Avenue», Hung Hom).
Her mobile is «+86 181 8433 0634». The company's registration number is ‹BR 71234566›; share capital
HKD ‹10,000,000›.

Best regards,
«Rachel Ng»
Relationship Manager
"""),
    ("English client profile, expatriate", "utf-8", "\n", """\
Client profile - private banking
Name: «Michael J. Turner»
Nationality: United Kingdom
Residential address: «Room 1802, No. 9, Lane 1250, Huashan Road», Changning District, Shanghai
Phone: «+86 135 8645 2888»
Employer: ‹Siemens Healthineers Ltd›; annual salary CNY ‹1,450,000›.
Introduced by Ms. «Linda Xu» of the private banking team.
"""),
    ("passport and permit register", "gbk", "\r\n", """\
证件登记表
姓名        证件类型                  证件号码         有效期至
«贝思远»      护照                      «EB5298413»      ‹2033-06-18›
«阮秀琴»      往来港澳通行证            «CM3841627»      2029-03-01
«岑国梁»      台湾居民来往大陆通行证    «09381275»       2027-11-30
«乔安娜»      护照                      «G48120357»      2031-08-09
"""),
    ("loan ledger, tab-separated", "utf-8", "\n", """\
合同号\t借款人\t身份证号\t放款账户\t金额(元)\t到期日
‹JD2024-0915-011›\t«裴东升»\t«110105195104079178»\t«6221 5015 9704 7917 146»\t‹1,200,000.00›\t2029-09-15
‹JD2024-0915-012›\t«齐美凤»\t«310104196710025562»\t«6226090290847652»\t‹380,000.00›\t2027-09-15
"""),
    ("SMS notices and a letter", "utf-8", "\n", """\
【江南农商银行】尊敬的«柯宇»先生，您尾号‹5177›的借记卡于11月28日支出‹2,680.00›元，余额‹13,552.19›元。
«毛丽君»女士：您的房贷第37期还款‹6,842.55›元将于12月20日从账户扣划，如有疑问请致电客服‹96596›。
致 «谭卫东» 先生
地址：广州市越秀区«中山五路219号之二1203房»  邮编 ‹510030›
"""),
    ("guarantor clause a PDF wrapped", "gbk", "\r\n", """\
保证人«符建军»（身份证号码«4101051948\n05204353»，联系电话«135 2714\n6003»）自愿为本笔贷款提供连带责任保证，
其名下房产位于郑州市金水区«农业路\n72号院5号楼2单元1101»。
"""),
    ("balance sheet rows, phone-length figures", "utf-8", "\n", """\
| 项目 | 2024年12月31日 | 2023年12月31日 | 变动 |
| --- | --- | --- | --- |
| 资产总额 | ‹18533147000› | ‹16952380000› | 9.32% |
| 客户存款 | ‹13302119891› | ‹12017450000› | 10.69% |
| 贷款和垫款 | ‹15820461270› | ‹14790338812› | 6.96% |
| 营业收入 | ‹1866524000› | ‹1743218500› | 7.07% |
（单位：元）股票代码‹601128›  股票简称‹常熟银行›  报告编号‹NB-2024-AR-0017›
"""),
    ("branch report prose with figures", "gbk", "\r\n", """\
截至2024年9月30日，本行零售客户‹2,368,451›户，其中私行客户‹8,612›户；个人贷款余额‹15938274410›元。
分行地址：‹南京市建邺区江东中路359号国睿大厦›；客服热线‹95319›；传真‹025-84571200›。
主要对公客户：‹王府井集团股份有限公司›、‹李宁体育（上海）有限公司›、‹陈克明食品股份有限公司›。
监管报表编号‹G0102-202409›；统一社会信用代码‹91320000134789524K›。
"""),
    ("contract register", "utf-8", "\n", """\
| 合同编号 | 签订日期 | 金额(万元) | 对方单位 |
| --- | --- | --- | --- |
| ‹HT20241015000321› | ‹2024-10-15› | ‹1,350.00› | ‹周大福珠宝金行（深圳）有限公司› |
| ‹BJ-ZL-2024-0098› | ‹20241108› | ‹820.40› | ‹吴江市盛泽化纤有限公司› |
批次号‹PC202411280017›；凭证号‹0087216543›；打印时间‹2024-11-30 09:12:45›。
"""),
    ("complaint e-mail, Chinese", "utf-8", "\n", """\
发件人：«钱晓宁» <«qianxn1988@163.com»>
主题：关于信用卡年费的投诉
您好，我是贵行信用卡持卡人«钱晓宁»，卡号«4367 4275 2553 9908»，今年被扣年费‹600›元，开卡时并未告知。
我的手机是«18116729577»，单位电话«021-6432 1188转806»，请尽快回电。
«钱晓宁»
2024年11月30日
"""),
    ("mortgage file, spouses and a car", "utf-8", "\n", """\
抵押物清单
抵押人：«焦振华»、«计美云»（夫妻）
房产坐落：苏州市工业园区«现代大道88号湖畔天城12幢2203室»，建筑面积‹128.56›平方米，评估总价‹3,850,000›元。
产权证号：‹苏(2023)苏州工业园区不动产权第0012876号›
车辆：«苏E·5N2K8»（车主«焦振华»），评估价‹126,000›元。
"""),
    ("a firm's contact people", "gbk", "\r\n", """\
对公客户联系人清单
企业名称\t联系人\t职务\t手机
‹苏州明德精密机械有限公司›\t«任海峰»\t财务总监\t«15532186343»
‹昆山华阳包装材料有限公司›\t«龙佳怡»\t出纳\t«16620778894»
"""),
    ("English mortgage memo", "utf-8", "\n", """\
Borrower: «Chen Xiaoming» (passport «EH7192546»)
Guarantor: Mrs. «Zhou Lijuan», spouse of the borrower; mobile «189 8551 3672».
Mr. «Chen» confirmed that the flat at «Unit 1503, Block 2, 66 Nanjing West Road», Jing'an District, is free of
other liens. Loan amount CNY ‹4,800,000›, tenor 240 months, facility ref. ‹MTG/SH/2024/1187›.
Valuation by ‹Knight Frank Petty Ltd› dated ‹12 November 2024›: CNY ‹6,350,000›.
"""),
]
