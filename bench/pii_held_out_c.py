"""Held-out split C for bench/pii.py: whole bank documents written on 2026-12-03 before the detector was touched
that session, and never tuned on — only its scores are looked at (the bench prints no item of it).

Written from how a branch, a credit team and a KYC desk write, with people, values and wordings of their own:
a markdown list of overdue customers with bare names and mobiles, a space-aligned loan ledger with landlines in
three forms, a CSV of depositors with home addresses, a register of passports and 港澳/台湾 permits, a Chinese
credit memo with the guarantors' IDs and cards, a personal KYC note, a visit record, SMS notices and letters, an
English e-mail and an English credit memo, a mortgage note with plates and a 军官证; and beside them look-alikes
a bank's documents are full of — revenue and profit rows written as long undivided figures, report, contract,
batch and clearing numbers, company names that begin with a surname, dates, a firm's switchboard and its office.

Markup as in ``pii_held_out``: «…» is personal data that must come back masked (the whole span covered),
‹…› a look-alike that must be left alone (no match may touch it); any flag outside both counts against precision.
"""

from __future__ import annotations

#: (name, encoding of the file the bench writes and reads back, line ending, marked text)
DOCUMENTS = [
    ("overdue customers, markdown table", "utf-8", "\n", """\
逾期客户明细（截至2024年11月30日）
| 序号 | 姓名 | 手机 | 逾期本金(元) | 逾期天数 | 经办网点 |
| --- | --- | --- | --- | --- | --- |
| 1 | «杜春梅» | «18921684796» | ‹12,300.50› | 35 | ‹朝阳门支行› |
| 2 | «石磊» | «17792477403» | ‹8760.00› | 12 | ‹望京支行› |
| 3 | «孟凡宇» | «155 0824 3316» | ‹156000.00› | 90 | ‹亚运村支行› |
| 4 | «欧阳晓芸» | «13559627202» | ‹13598765432› | 61 | ‹朝阳门支行› |
"""),
    ("loan ledger, space-aligned, landlines", "gbk", "\r\n", """\
户名          联系电话            贷款金额(元)      放款日
«郝建设»        «010-84561234»      ‹300,000.00›        2023-06-15
«段晓红»        «(020)87654321»     ‹150,000.00›        2023-07-02
«姚明亮»        «195 9781 6959»     ‹80,000.00›         2023-08-20
«余佩玲»        «0571 8823 4567»    ‹1,250,000.00›      2023-09-11
合计                                ‹1780000.00›
"""),
    ("depositors CSV with home addresses", "gbk", "\r\n", """\
客户姓名,性别,手机号,居住地址,定期存款(元)
«白玉兰»,女,«18018597375»,上海市静安区«南京西路1788弄3号1201室»,‹86000.00›
«葛长青»,男,«150-3380-4711»,上海市普陀区«曹杨路1040弄12号502室»,‹1530000.00›
«雷振宇»,男,«18180438172»,上海市浦东新区«张杨路620号2号楼1803室»,‹158382.98›
"""),
    ("passport and permit register", "utf-8", "\n", """\
出入境证件登记表（代发工资客户）
| 姓名 | 证件类型 | 证件号码 | 有效期至 |
| --- | --- | --- | --- |
| «邹雨桐» | 护照 | «E56781234» | 2029-04-30 |
| «邹建明» | 往来港澳通行证 | «C87654321» | 2027-11-15 |
| «顾佳怡» | 台湾居民来往大陆通行证 | «09876543» | 2028-02-01 |
| «Tan Wei Ming» | Passport | «EH3456712» | 2030-06-18 |
"""),
    ("credit memo, Chinese", "utf-8", "\n", """\
授信审查报告
申请人：‹杭州顺达物流有限公司›（以下简称“顺达物流”），统一社会信用代码‹91330106MA2GL7QX3K›。
法定代表人«冯国强»，身份证号«330106197006134870»；其配偶«沈丽华»，身份证号«310115198204048145»，
二人为本笔授信提供连带责任保证，还款账户为«冯国强»名下«6228 4864 2516 7672 537»。
企业2023年营业收入‹86542300›元，净利润‹4351200›元，资产负债率58.3%，申请授信额度‹30000000›元。
财务负责人«章文斌»，手机«147 6295 3229»；公司总机：‹0571-88213456›。
本报告编号‹SC-HZ-2024-1127›，审批日期2024年11月27日。
"""),
    ("personal KYC note", "utf-8", "\n", """\
客户«孔令辉»，男，1990年2月生，身份证«350203199002221052»，持往来港澳通行证«C23456781»及因私护照«EA1234567»。
现任‹深圳市大疆创新科技有限公司›硬件工程师，税前年薪约‹450000›元。
居住地址：深圳市南山区«桃园路188号南山花园11栋2单元1502»；邮箱«konglh90@126.com»。
紧急联系人：«孔祥林»（父亲），住宅电话«0595-22781234»。
"""),
    ("branch visit record", "gbk", "\r\n", """\
2024年11月18日，«任小红»女士来行咨询提前还款事宜，称其丈夫«郑伟东»已于10月调往成都工作。
本人联系电话«159 7332 8090»，家庭住址成都市锦江区«东大街下东大街段199号1栋3单元801»。
同日下午走访小微客户：«马晓军»（五金店）、«田桂芳»（早餐店）、«鲁国华»（快递网点）。
«马晓军»希望将经营贷额度提高到50万元，«田桂芳»暂无资金需求。
"""),
    ("SMS notices and letters", "utf-8", "\n", """\
【平安银行】尊敬的«龚丽»客户，您尾号‹6688›的账户于12月01日转入人民币‹5,000.00›元，当前余额‹23,456.78›元。
«孙浩然»先生：您申请的个人经营贷款已审批通过，额度‹200000›元，请于2024年12月15日前到‹科技园支行›签约。
«Lucy Zhang»女士，您的信用卡将于2025年03月到期，新卡将寄往您登记的地址。
"""),
    ("English e-mail, KYC refresh", "utf-8", "\n", """\
From: «Michael Chen» <«michael.chen@bocomhk.com»>
To: «Sarah Lee» <«sarah.lee@pingan.com.cn»>
Subject: ‹Sunrise Logistics Ltd› - KYC refresh

Hi «Sarah»,
The ultimate owner is Mr. «David Wong», passport no. «E87654321», mobile «+86 158 0508 6130».
Revenue for FY2023 was HKD ‹128,450,000›; the company's account ‹012-345678-001› stays open.
Please call me on «138 0571 9926» if anything is missing.
Best regards,
«Michael Chen»
"""),
    ("English credit memo", "utf-8", "\n", """\
CREDIT MEMORANDUM - ‹Beijing Huaxia Trading Co., Ltd.›
Prepared on 15 March 2024 by «Kelly Xu», Relationship Manager.
Guarantor: Ms. «Zhou Lijun», ID card «120101195509246110», home phone «+86 10 6512 3456».
Her residence at «Flat 1203, Block B, 88 Jianguo Road», Chaoyang District, Beijing, is pledged.
Revenue RMB ‹563,200,000›, EBITDA RMB ‹48,700,000›; facility reference ‹CM-BJ-2024-0042›.
"""),
    ("mortgage note, plates and military ID", "gbk", "\r\n", """\
抵押物清单：借款人«薛志鹏»名下车辆一辆，车牌«川A·3F8K9»，评估价‹186000›元；
共同借款人«薛敏»，证件类型：军官证，证件号码«军字第3045127号»；
借款人银行卡«6222 6245 0016 5354 944»用于自动扣款，登记证明编号‹120101194512›。
抵押房产位于天津市和平区«南京路219号4单元1102»，建筑面积‹89.6›平方米。
"""),
    ("annual report, revenue rows and codes", "utf-8", "\n", """\
| 项目 | 2024年 | 2023年 | 本年比上年增减 |
| --- | --- | --- | --- |
| 营业收入 | ‹13845600000› | ‹12987300000› | 6.61% |
| 归属于上市公司股东的净利润 | ‹1589000000› | ‹1452300000› | 9.41% |
| 经营活动产生的现金流量净额 | ‹18765400000› | ‹-3456700000› | 不适用 |
公告编号：‹临2025-008›；证券代码：‹601088›；ISIN ‹CNE000001R84›；大额支付行号‹102100099996›。
前五名客户为‹王老吉大健康产业有限公司›、‹李宁体育用品有限公司›、‹周大福珠宝金行有限公司›和‹孙氏实业集团有限公司›。
公司办公地址：‹北京市东城区安定门西滨河路22号›；投资者热线：‹010-58131088›；传真：‹010-58131804›。
报告期为2024年1月1日至2024年12月31日，年度股东大会定于2025年6月20日召开。
"""),
    ("settlement batches and report numbers", "gbk", "\r\n", """\
清算批次号        交易笔数      清算金额(元)          日期
‹20241202000137›    ‹1386›          ‹13871234567.00›        2024-12-02
‹20241203000138›    ‹1522›          ‹15923456789.50›        2024-12-03
凭证号‹0012345678›；柜员号‹A10086›；报表编号‹G0100-2024Q3›；客户总数‹15973›户。
"""),
]
