"""Held-out split E for bench/pii.py: whole bank documents written on 2026-12-04 before the detector was touched
that session, and never tuned on — only its totals are looked at (the bench prints no item of it).

Written in another voice than split D: a head office's and a cross-border desk's papers rather than a branch's —
a credit committee's minutes, a Greater Bay Area wealth-connect application with a 港澳居民来往内地通行证 and a Hong
Kong ID, a payroll CSV, a card centre's call transcript, a relationship managers' chat export with @mentions, an
internal-audit finding in English with names printed SURNAME Given and Last, First, a restructuring list whose
two-character names a print-out pads with a space, an elderly customer's complaint letter with a passbook account,
a core system's key=value export, a guarantee table with IDs in groups of four, a Hong Kong mortgage letter, an
agricultural visit report with village homes, a listed company's governance section, a disbursement notice, a
bancassurance application, a bilingual pipeline meeting, a collections letter, an account statement, a premier
client's periodic review, and a small firm's credit memo; and beside them the look-alikes such papers are full of —
a listed company's chairman and board secretary, its office, hotline and fax, stock codes, credit codes, contract,
policy, case and reference numbers, a firm's settlement accounts, balance and revenue figures, dates, a staff
number, company names that begin with a surname.

Markup as in ``pii_held_out``: «…» is personal data that must come back masked (the whole span covered),
‹…› a look-alike that must be left alone (no match may touch it); any flag outside both counts against precision.
"""

from __future__ import annotations

#: (name, encoding of the file the bench writes and reads back, line ending, marked text)
DOCUMENTS = [
    ("credit committee minutes", "utf-8", "\n", """\
授信审批委员会会议纪要（2024年第47次）
时间：2024年12月3日14:30    地点：总行21楼第二会议室
出席委员：«罗振宇»（主任委员）、«蔡文静»、«邱海林»、«田甜»
列席：客户经理«喻子豪»（手机«139 4583 6398»）    记录：«阎晓波»
议题一：‹浙江恒远新材料股份有限公司›（证券代码‹603877›）综合授信‹80,000›万元续作。
该公司为上交所上市公司，法定代表人、董事长‹沈建平›，2024年前三季度营业收入‹4,218,560,000›元。
委员«邱海林»认为应收账款周转放缓，建议将流动资金贷款压降至‹50,000›万元。
议题二：个体工商户经营贷，借款人«蔺建英»，身份证号«43138219710315631X»，申请‹800,000›元，以其名下
长沙市雨花区«劳动东路139号新城新世界11栋2603»抵押。
表决结果：同意5票，反对0票。
"""),
    ("wealth-connect account opening, bilingual", "utf-8", "\n", """\
跨境理财通（南向通）开户申请表 / Cross-boundary Wealth Management Connect - Account Opening
客户姓名 Name:            «梁嘉欣» / «LEUNG Ka Yan»
证件类型 ID type:         港澳居民来往内地通行证
证件号码 ID No.:          «H60387215»
香港身份证 HKID:          «Y512839(4)»
手机 Mobile:              «+852 6138 2297»
内地手机 Mainland mobile: «+86-177-1142-2537»
住址 Address:             香港九龙旺角«亚皆老街113号5楼B室»
电邮 E-mail:              «kayan.leung@yahoo.com.hk»
合作行 Partner bank:      ‹中国银行（香港）有限公司› SWIFT ‹BKCHHKHHXXX›
申请日期 Date:            ‹2024-11-26›    额度 Quota: CNY ‹3,000,000›
"""),
    ("payroll CSV", "gbk", "\r\n", """\
代发工资明细（‹深圳市联拓电子科技有限公司› 2024年11月）
序号,员工姓名,身份证号码,工资卡号,实发金额,备注
1,«蓝晓峰»,«110101198312253618»,«6226090837853163»,‹8650.00›,
2,«苏婉清»,«41010519940621790X»,«6221501025847766851»,‹12380.50›,含绩效
3,«卓一凡»,«441900197808224159»,«6222025540339389322»,‹15800.00›,
合计,,,,‹36830.50›,
"""),
    ("card centre call transcript", "utf-8", "\n", """\
[00:00:03] 坐席：您好，‹江海银行›信用卡中心，工号‹8127›为您服务。
[00:00:07] 客户：你好，我是«孔繁荣»，卡号«5187 1001 3404 6772»，上个月的账单有一笔不对。
[00:00:19] 坐席：«孔»先生您好，为了核实身份，请问您预留的手机号码？
[00:00:24] 客户：«139 3882 8570»，不过我换号了，新号码是«132 3445 3972»。
[00:00:41] 坐席：好的。您说的是11月18日‹2,399.00›元那笔吗？交易参考号‹418312093376›。
[00:00:58] 客户：对。账单寄到我家，地址是南京市鼓楼区«汉中门大街301号清凉山公园旁御水湾6幢1单元702»。
[00:01:20] 坐席：已为您提交争议处理，受理编号‹CD20241202004417›，7个工作日内回复。
"""),
    ("relationship managers' chat export", "utf-8", "\n", """\
【对公一部工作群】聊天记录导出 2024-12-02
«郑晓雯» 09:12：明天上午10点陪客户«戴国平»去看厂房，他电话«17807863635»
«覃浩» 09:15：@«郑晓雯» 收到，评估公司约的是‹深圳世联评估›
«郑晓雯» 09:16：戴总的老婆«闫丽»也来，她是共同借款人，身份证«320102199004063804»
«覃浩» 09:20：抵押物是宝安区«新安街道创业二路28号御景湾4栋1503»吗？
«郑晓雯» 09:21：对，评估价大概‹6,200,000›元，贷款申请‹4,000,000›
«覃浩» 09:30：好，合同号我先占一个：‹SZDG-2024-1203-07›
"""),
    ("internal audit finding, English", "utf-8", "\n", """\
Internal Audit - Finding ‹IA-2024-117›
Unit audited: ‹Shenzhen Futian Sub-branch›; period ‹1 January 2024› to ‹30 September 2024›
Finding: customer due diligence files of three individual customers were incomplete.
  1. «ZHOU Minghui», ID card «440106196401175112», mobile «+86 187 8058 4610»: no proof of address on file.
  2. «Ho, Wing Sze» (HKID «K327915(A)»): source of wealth not evidenced for a deposit of HKD ‹12,000,000›.
  3. «Richard Palmer», British passport «535718264»: residential address «Apartment 12, 33 Dongfang Road»,
     Pudong, not verified.
Responsible officer: «Alan Cheung», Compliance Manager. Agreed action date: ‹31 January 2025›.
"""),
    ("restructuring list, padded names", "gbk", "\r\n", """\
贷款重组清单（风险资产管理部）
借款人        证件号码                  原贷款余额(元)    重组后期限    联系电话
«韦　强»        «320102194706077888»      ‹356,780.00›        36个月        «13816007921»
«欧阳　雪»      «310115195506195403»      ‹1,205,000.00›      60个月        «0771-5532 6618»
«诸葛明亮»      «130102194003213032»      ‹88,900.00›         24个月        «133 4829 9983»
«龙　飞»        «450103199209301082»      ‹412,300.00›        48个月        «153 8904 3606»
"""),
    ("complaint letter, elderly customer", "gbk", "\r\n", """\
尊敬的‹江海银行›领导：
    我叫«文淑华»，今年68岁，家住武汉市武昌区«中北路156号东湖春晓小区9栋2单元1401»。
今年9月15日我在‹中北路支行›存钱，客户经理«廖俊杰»说有一款产品保本保息，让我把存折«4200 1567 8800 5012 3456»
里的‹200,000›元转去买，结果现在亏了‹11,430›元。我不懂理财，当时也没人说有风险。
    请领导帮忙处理。我儿子«胡斌»的电话是«15760680706»，我家座机«027-8732 6640»。
此致
敬礼
«文淑华»
2024年11月29日
"""),
    ("core system key=value export", "utf-8", "\n", """\
CUST_NO=‹9001002318776›
CUST_NAME=«MA XIAOLI»
CUST_NAME_CN=«马晓丽»
ID_TYPE=01
ID_NO=«500103200201016033»
MOBILE=«16622911288»
EMAIL=«maxl_2002@foxmail.com»
ADDR=重庆市江北区«观音桥步行街8号东方港湾2栋17-3»
ACCT_NO=«6221503552249906965»
RISK_LEVEL=C2
BRANCH_NO=‹50012301›
CREATE_TIME=‹2024-10-08 15:22:41›
"""),
    ("guarantee table, IDs in fours", "utf-8", "\n", """\
| 借款人 | 保证人 | 保证人身份证 | 保证人手机 | 担保金额（元） | 担保合同编号 |
| --- | --- | --- | --- | --- | --- |
| «侯振东» | «侯振西» | «1301 0419 8406 1207 71» | «15895224489» | ‹500,000› | ‹DB-2024-HB-0231› |
| «万丽娟» | «宁波» | «3301 1019 8802 1735 2X» | «18751814060» | ‹320,000› | ‹DB-2024-HB-0232› |
| «付强» | «付国庆» | «4403 0419 6904 0551 29» | «173 4278 6209» | ‹1,000,000› | ‹DB-2024-HB-0233› |
"""),
    ("Hong Kong mortgage letter", "utf-8", "\n", """\
Dear Mr. «Leung»,

Re: Mortgage pre-approval ‹MPA/HK/24/5521›
Applicant: «LIU, Yuxuan»; co-applicant: «WANG, Shufen» (spouse)
Property: «Flat C, 23/F, Block 2, The Riverside, 18 Shek Mun Road», Sha Tin, New Territories
Valuation HKD ‹7,850,000›; loan-to-value ‹70%›; tenor 300 months.
We will contact you at «liu.yuxuan@outlook.com» or «+852 9273 1180» once the valuation report from
‹Vigers Appraisal & Consulting Ltd› is in.

Yours sincerely,
«Catherine Yip»
Mortgage Centre
"""),
    ("agricultural visit report", "gbk", "\r\n", """\
涉农贷款走访报告
11月22日，客户经理«易小川»、«聂菲»到‹涟源市›桥头河镇走访种植大户«曾凡贵»。
«曾凡贵»，男，1971年生，家住桥头河镇«石门村7组21号»，承包土地‹320›亩种植辣椒，年销售额约‹1,860,000›元。
其妻«刘满英»负责销售，联系电话«177 0370 7863»；其子«曾强»在‹长沙›务工。
本次申请‹300,000›元，由同村村民«曾凡林»、«欧小平»提供保证，另以位于‹桥头河镇›的冷库作抵押。
"""),
    ("listed company governance section", "utf-8", "\n", """\
第四节 公司治理
公司法定代表人、董事长‹沈建平›先生主持召开了2024年第三次临时股东大会。
董事会秘书：‹周璐›；联系电话：‹0571-8732 1199›；传真：‹0571-8732 1100›。
注册地址：‹杭州市余杭区仓前街道龙潭路18号›；统一社会信用代码：‹91330100MA27Y0K35B›；股票代码：‹603877›。
| 项目 | 2024年1-9月 | 2023年1-9月 | 增减 |
| --- | --- | --- | --- |
| 营业收入 | ‹4218560000› | ‹3987420000› | 5.80% |
| 经营活动现金流量净额 | ‹13566402100› | ‹15023318700› | -9.70% |
| 应收账款 | ‹18613547000› | ‹16690011000› | 11.52% |
前五名客户：‹王氏港建集团有限公司›、‹周黑鸭食品股份有限公司›、‹孙家湾能源有限公司›。
"""),
    ("disbursement notice", "gbk", "\r\n", """\
放款通知书
借款人：«严海波»        借款合同号：‹JK3301202412050016›
放款金额：人民币贰拾万元整（‹200,000.00›元）        放款日期：‹2024年12月5日›
受托支付收款人：‹杭州海波装饰工程有限公司›    收款账号：‹3301040160009987625›
借款人还款卡号：«6227004087309410013»
借款人联系地址：杭州市拱墅区«湖墅南路256号信源大厦对面金汇苑3幢2单元502室»
经办：«孟婷»    审核：«钟立军»
"""),
    ("bancassurance application", "utf-8", "\n", """\
人身保险投保单（银保渠道）    保单号：‹P2024120388776512›
投保人：«袁慧敏»    证件号码：«310104199604219148»    手机：«150 1141 0713»
被保险人：«袁梓萌»（投保人之女）
身故受益人：«郭立伟»（配偶），受益比例‹100%›
年缴保费：‹24,000.00›元    缴费期：10年    缴费账户：«6222025151660859790»
通讯地址：上海市徐汇区«田林路200号田林新苑12号楼703室»
销售人员：«晏秋»（工号‹SH07731›）
"""),
    ("bilingual pipeline meeting", "utf-8", "\n", """\
Weekly pipeline meeting / 周例会 - 2 Dec 2024
Attendees: «Vivian Cao», «Jason Pan», «Kenny Shi» (remote), «蒋蕾»
1. ‹Guangzhou Yuexiu Logistics Co., Ltd.› - «Jason» to revert on pricing by ‹6 Dec›; limit CNY ‹150,000,000›.
2. Private client Mrs. «Elaine Kwok» wants to move HKD ‹20,000,000› from ‹DBS›; «Vivian» to call her on «+852 9088 6152».
3. «蒋蕾»跟进客户«苗卫东»的按揭材料，客户电话«189-9907-7357»，邮箱«miaowd@126.com»。
4. ‹王府井集团股份有限公司›年报已出，‹营业收入›同比下降‹3.2%›。
"""),
    ("collections letter", "utf-8", "\n", """\
催收函
«贾永强»先生（身份证号码：«130102194401157259»）：
    您于‹2022年3月18日›向本行借款‹150,000›元（借款合同编号‹(2022)冀农商借字第0318号›），
截至‹2024年11月30日›已逾期‹186›天，欠本金‹97,460.35›元。请于收到本函之日起七日内联系本行催收专员«任静»
（手机«135 3387 6112»），或将款项存入您尾号‹5231›的还款账户。逾期未还，本行将依法向‹石家庄市长安区人民法院›
提起诉讼。案件受理号将另行告知。
"""),
    ("account statement", "gbk", "\r\n", """\
个人账户对账单    户名：«佟家辉»    账号：«6226097401941019»
交易日期      摘要      对方户名                              对方账号                  金额          余额
2024-11-01    转账      «佟家琪»                                «3568690365790811»          -3,000.00     ‹45,672.18›
2024-11-03    工资      ‹深圳迈瑞生物医疗电子股份有限公司›    ‹4000023409200012345›       +18,560.00    ‹64,232.18›
2024-11-09    消费      ‹美团支付›                                                        -86.50        ‹64,145.68›
2024-11-15    转账      «柴美玲»                                «6227004087309410013»      -12,000.00    ‹52,145.68›
"""),
    ("premier client periodic review", "utf-8", "\n", """\
Periodic review - Premier client (due ‹15 December 2024›)
Client: «Daniel Ho Chun Kit»
Residential address: «Flat 8, 15/F, Tower 5, Ocean Shores, 88 O King Road», Tseung Kwan O
Mobile: «+852 5102 8837»; mainland mobile «+86 199 6595 7691»
Personal account with us: «012-875-2-003918-5»
Employer: ‹Hang Lung Properties Ltd›; monthly income HKD ‹165,000›; AUM HKD ‹8,430,000›.
Spouse: Ms. «Chan Wai Man», HKID «R118347(2)».
"""),
    ("small firm credit memo", "utf-8", "\n", """\
授信调查报告（小微企业）
申请人：‹东莞市鸿泰五金制品有限公司›，统一社会信用代码‹91441900MA4UJ8RX6T›，注册资本‹500›万元。
法定代表人兼实际控制人«何耀祖»，身份证«420106195611032269»，持股‹90%›；股东«何嘉豪»（其子）持股‹10%›。
«何耀祖»名下个人银行卡«6221503552249906965»近12个月流水‹8,653,200›元。
家庭住址：东莞市南城区«鸿福路88号景湖春晓15座1802»；住宅电话«0769-2233 6581»。
企业2023年营业收入‹36,542,000›元，净利润‹2,871,000›元；申请流动资金贷款‹3,000,000›元，期限一年。
调查人：«韩冬»、«黎安琪»    调查日期：‹2024年11月27日›
"""),
]
