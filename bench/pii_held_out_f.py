"""Held-out split F for bench/pii.py: whole bank documents written on 2026-12-04 (23:20 UTC) before the detector was
touched that session, and never tuned on — only its totals are looked at (the bench prints no item of it).

Written in a third voice: a city commercial bank's inclusive-finance and retail desks in the west of the country,
where people are named the way colleagues write them — in running text with no label before the name («杜春生»本人在
场, 与妻子«马秀兰»共同经营), by surname and title («王»主任, «陈»总), as the speakers of a chat, in table columns
headed 姓名 / 客户 / 值班人员 / 被告, and in the signature of an approval (同意。«赵建军»). The documents: a farmers'
credit list, a sole trader's credit memo, a post-loan inspection, a branch's weekly meeting notes, an e-mail to the
credit department, an English e-mail from a correspondent bank, a CSV export of due deposits, a family section of a
mortgage file, a collateral valuation, a loan approval with its signatures, a wealth team's chat, a duty roster, a
supply-chain finance list, an outbound-call list, a litigation note, a sales-recording (双录) note, a complaint record,
an annual report's excerpt, a credit-bureau authorisation list and a payroll-loan application.

Beside them the look-alikes such papers are full of: companies that begin with a surname (‹马应龙药业›, ‹周大福›,
‹金龙鱼›), places that do (‹张家港›, ‹高新区›, ‹石家庄›), products (‹惠农e贷›, ‹薪金宝›), titles, a listed company's
chairman and board secretary named in its own report, branch hotlines, eleven-digit revenue figures, eighteen-digit
settlement accounts, contract, case and reference numbers, credit codes and dates.

Markup as in ``pii_held_out``: «…» is personal data that must come back masked (the whole span covered),
‹…› a look-alike that must be left alone (no match may touch it); any flag outside both counts against precision.
"""

from __future__ import annotations

#: (name, encoding of the file the bench writes and reads back, line ending, marked text)
DOCUMENTS = [
    ("farmers' credit list", "utf-8", "\n", """\
‹惠农e贷›整村授信名单（‹眉山市›‹东坡区›太和镇永丰村，2024年12月）
| 序号 | 姓名 | 身份证号 | 手机号码 | 授信额度（万元） | 主营 |
| --- | --- | --- | --- | --- | --- |
| 1 | «杨国富» | «510104199602091440» | «18558019204» | ‹20› | 柑橘种植 |
| 2 | «陈桂芝» | «500103197903079229» | «13938651257» | ‹15› | 生猪养殖 |
| 3 | «罗文» | «610113197706228086» | «19564831626» | ‹30› | 农机服务 |
| 4 | «何小兵» | «320102199106159399» | «18885395685» | ‹10› | 农家乐 |
合计授信‹75›万元，由村委会主任«谢德全»组织评议，客户经理«苏敏»录入。
"""),
    ("sole trader credit memo", "gbk", "\r\n", """\
个人经营性贷款调查报告
一、借款人基本情况
«张德明»，男，1975年4月生，初中文化，与妻子«马秀兰»共同经营‹德明建材›（个体工商户），经营场所位于
‹高新区›天府大道南段的建材市场内，已经营11年。«张德明»名下有住房一套，无其他负债。
二、经营情况
2023年销售收入约‹2,860,000›元，主要客户为‹中铁二局›下属项目部和‹成都万科›的装修供应商。
三、调查结论
同意给予«张德明»经营贷款‹500,000›元，期限三年，由«马秀兰»作为共同借款人。
调查人：«刘洋»  «高婷»        2024年11月28日
"""),
    ("post-loan inspection", "utf-8", "\n", """\
贷后检查报告（首次检查）
检查人员«刘洋»、«高婷»于2024年12月2日到借款人经营场所检查，«杜春生»本人在场，其子«杜磊»负责日常管理。
贷款‹350,000›元已按约定用途支付给‹四川川煤华荣能源有限公司›，受托支付凭证号‹SC20241115000873›。
现场看到存货约‹1,200›吨，与上月报表一致。«杜春生»反映年底回款偏慢，但‹攀钢集团›的货款已于11月底到账。
检查结论：正常。下次检查时间：‹2025年3月›。
"""),
    ("branch weekly meeting notes", "utf-8", "\n", """\
‹锦江支行›周例会纪要（12月第1周）
主持：«王»主任    记录：«钟雪»
1. 个人贷款：本周新增‹14›户，«李建波»反馈‹锦华路›片区的二手房按揭需求上升。
2. «何小兵»那笔农家乐贷款资料缺户口本，«苏敏»周四前补齐。
3. «陈»总交代：‹成都银行›和‹农商行›在‹春熙路›商圈抢客户，薪金宝的利率要跟上。
4. «唐静»休产假，她的‹32›户客户暂时交给«欧阳志远»维护。
下次例会：12月9日上午9点，‹3楼会议室›。
"""),
    ("e-mail to the credit department", "utf-8", "\n", """\
收件人：授信审批部
主题：关于«刘建华»经营贷展期的请示
«周»老师您好：
    我行客户«刘建华»（身份证«610113196501025387»）在‹西安市›‹雁塔区›经营火锅店，贷款‹800,000›元将于‹2024年12月20日›
到期。受装修停业影响，他申请展期一年，其爱人«白雪梅»愿意追加保证。客户电话«137 0513 3617»，如需面谈可直接联系。
    附件：展期申请书、近六个月流水。
‹小企业金融部› «孙浩» 分机‹8362›
"""),
    ("correspondent bank e-mail, English", "utf-8", "\n", """\
From: «Michael Tan» <«michael.tan@ocbc-trade.com»>
To: Trade Finance Desk
Subject: LC ‹TF2411-58832› - beneficiary contact
Dear colleagues,
Please note the beneficiary's new contact person is Ms. «Grace Lim», Finance Manager of ‹Huang Ho Trading Pte Ltd›,
mobile «+65 9123 4417». The applicant, ‹Chengdu Tianfu Machinery Co., Ltd.›, confirmed the amendment on ‹3 Dec 2024›.
Our SWIFT is ‹OCBCSGSGXXX›; the amount remains USD ‹1,250,000›.
Kind regards,
«Michael»
Senior Officer, Trade Operations
"""),
    ("due deposits CSV", "gbk", "\r\n", """\
客户,证件号码,联系电话,产品,到期金额,到期日
«黄丽娟»,«350203197504189380»,«15016793201»,‹薪金宝›,‹150000.00›,‹2024-12-16›
«汪洋»,«410105198701136710»,«185 8094 1501»,三年期大额存单,‹500000.00›,‹2024-12-18›
«廖春燕»,«53010219941128278X»,«19185203911»,‹天天利›,‹32000.00›,‹2024-12-20›
«常青»,«110101194201136517»,«159 5722 0239»,‹薪金宝›,‹88000.00›,‹2024-12-23›
"""),
    ("mortgage file, family section", "utf-8", "\n", """\
三、家庭情况
申请人«李强»，1986年生，在‹中国电信成都分公司›任网络工程师，月收入约‹18,000›元。
配偶«黄丽»，女，1988年生，在‹成都市第三人民医院›任护士；儿子«李浩然»，2014年生，在读小学。
«李强»的父亲«李长富»已退休，与申请人同住，家庭住址为成都市成华区«建设路55号华联东环广场3栋2单元1804»。
家庭月收入合计约‹27,500›元，现有车贷一笔，月供‹3,260›元。
"""),
    ("collateral valuation", "gbk", "\r\n", """\
房地产抵押估价报告（摘要）    报告编号：‹川华估字(2024)第1187号›
估价对象：成都市武侯区«玉林南路12号附2号6栋1单元501号»住宅
产权人：«蒋文斌»、«蒋萍»（共有）    不动产权证号：‹川(2019)成都市不动产权第0123876号›
建筑面积‹98.56›平方米，估价结果‹1,536,000›元，单价‹15,584›元/平方米。
估价机构：‹四川华衡房地产土地评估有限公司›    估价师：‹曾庆华›（注册号‹5120190031›）
"""),
    ("loan approval with signatures", "utf-8", "\n", """\
个人贷款审批表    申请编号：‹GD202412030045›
借款人：«罗小军»    金额：‹300,000›元    期限：24个月    担保方式：保证（保证人«罗小红»）
客户经理意见：借款人经营稳定，建议同意。«袁野» 2024.12.02
支行行长意见：同意上报。«邓建军» 2024.12.02
审批人意见：同意。«赵建军» 2024.12.03
"""),
    ("wealth team chat", "utf-8", "\n", """\
【财富管理中心】2024-12-03
«付晓燕» 14:02 ：今天«刘»阿姨来问‹稳健增利3号›，她那笔‹50›万下周到期
«宋佳» 14:05 ：她女儿«刘思雨»上次说想转去‹招商银行›
«付晓燕» 14:06 ：我约了明天下午，阿姨手机«18625402853»
«宋佳» 14:10 ：好，记得双录。‹理财经理›资格证号发我一下
«付晓燕» 14:11 ：‹F2019063357›
"""),
    ("duty roster", "gbk", "\r\n", """\
‹青羊支行›元旦假期值班表
| 日期 | 值班领导 | 值班人员 | 联系电话 |
| --- | --- | --- | --- |
| 12月30日 | «邓建军» | «金鑫» | «13206274886» |
| 12月31日 | «彭丽» | «高峰» | «18854103446» |
| 1月1日 | «邓建军» | «文静» | «185 2151 8981» |
支行值班座机：‹028-8665 2210›；‹安保部›：‹028-8665 2299›。
"""),
    ("supply-chain finance list", "utf-8", "\n", """\
‹龙蟒佰利›上游供应商保理业务清单
| 供应商 | 统一社会信用代码 | 应收账款（元） | 联系人 | 联系电话 |
| --- | --- | --- | --- | --- |
| ‹马应龙药业集团股份有限公司› | ‹91420100177694373Q› | ‹13866124500› | «陈晓东» | «131 1457 0266» |
| ‹周口市金龙鱼粮油有限公司› | ‹91411600MA40K3RX2B› | ‹2,350,000.00› | «王海涛» | «18272688508» |
| ‹张家港市沙洲化工有限公司› | ‹91320582MA1MH2LT0K› | ‹8,960,000.00› | «朱琳» | «0512-5863 7716» |
"""),
    ("outbound-call list", "utf-8", "\n", """\
信用卡分期外呼名单（第49周）
客户          卡号                    可分期额度    备注
«任国强»      «6221502356390045545»   ‹50,000›      已接通，考虑中
«方晓»        «6228480813988226649»   ‹30,000›      未接通
«许志勇»      «3568697337287313»      ‹80,000›      客户要求下周回电 «188 7388 5243»
«施琴»        «6214832436645142»      ‹20,000›      拒绝
"""),
    ("litigation note", "gbk", "\r\n", """\
诉讼案件进展报告    案号：‹(2024)川0107民初12873号›
原告：本行    被告一：«伍志刚»    被告二：«伍志刚»之妻«林秀珍»    被告三：‹成都鑫盛达商贸有限公司›
审理法院：‹成都市武侯区人民法院›
«伍志刚»身份证«210102194104186387»，判决后仍下落不明，其户籍地址为沈阳市和平区«南京南街63号2-3-1»。
本行代理律师：‹四川英济律师事务所›。执行标的‹1,287,650.00›元。
"""),
    ("sales-recording (双录) note", "utf-8", "\n", """\
理财产品销售双录记录    录音录像编号：‹SL-510107-20241203-0015›
理财经理«付晓燕»（工号‹CD2017044›）向客户«刘桂兰»介绍‹稳健增利3号›，风险等级R2，期限‹364›天。
客户年龄‹72›岁，由其女儿«刘思雨»陪同，«刘桂兰»确认已阅读风险揭示书并签字。
客户购买金额‹500,000›元，扣款账号«6221501717751937052»。
"""),
    ("complaint record", "utf-8", "\n", """\
客户投诉登记表    工单号：‹TS2024120500318›
投诉人：«韩梅»    联系电话：«17580101731»    投诉渠道：‹95588›转接
投诉内容：客户称其父亲«韩德胜»的社保卡«6222627140553022980»在‹光华支行›柜台被要求本人到场，
老人行动不便，希望上门办理。
处理人：«孟凡»（大堂经理）    处理结果：已安排上门服务，客户满意。
"""),
    ("annual report excerpt", "utf-8", "\n", """\
‹四川路桥建设集团股份有限公司›2024年半年度报告（摘要）
公司董事长‹熊国斌›先生、总经理‹孙云›先生保证本报告内容真实、准确、完整。
董事会秘书：‹杨永园›    投资者热线：‹028-8571 1118›    电子邮箱：‹scdqzqb@163.com›
| 项目 | 本报告期 | 上年同期 |
| --- | --- | --- |
| 营业收入 | ‹13705218846› | ‹15963207413› |
| 归属于上市公司股东的净利润 | ‹1385102476› | ‹1862403390› |
股票代码：‹600039›；统一社会信用代码：‹915100007118906395›；注册地址：‹成都市高新区九兴大道12号›。
"""),
    ("credit-bureau authorisation list", "gbk", "\r\n", """\
征信查询授权登记簿（2024年12月）
序号  被查询人   证件号码              查询原因      授权书编号        经办人
1     «牛建平»   «610113196007090984»  贷款审批      ‹ZX-2412-0091›    «袁野»
2     «吕红»     «320102194311268495»  担保资格审查  ‹ZX-2412-0092›    «袁野»
3     «司马云飞» «430104199812276881»  贷后管理      ‹ZX-2412-0093›    «苏敏»
4     «邱月»     «32010219580715447X»  贷款审批      ‹ZX-2412-0094›    «钟雪»
"""),
    ("payroll-loan application", "utf-8", "\n", """\
‹薪金贷›申请表
申请人  «侯佳»        性别  女        出生日期  1990年11月10日
证件号码  «440106199011101082»        手机  «139 5742 9532»
单位名称  ‹成都市石室中学›        职务  ‹英语教师›        月收入  ‹9,800›元
现住址  成都市青羊区«文庙前街93号2栋3单元602»
紧急联系人  «侯建国»（父亲）  «13565869532»
申请金额  ‹200,000›元    还款卡号  «3568693662003185»
"""),
]
