"""Dev documents for bench/pii.py: whole bank documents in the forms held-out split B names (lists with aligned
columns, CSV exports, KYC and visit notes, e-mails, wrapped numbers, village addresses), in other wording and
with other people and values. The detector is tuned on these; their misses are printed with --show-misses.

Markup as in ``pii_held_out``: «…» personal data to mask, ‹…› a look-alike to leave alone.
"""

from __future__ import annotations

DOCUMENTS = [
    ("deposit customers, tab-separated", "gbk", "\r\n", """\
姓名\t联系方式\t身份证号\t存款余额(元)
«潘丽娟»\t«19573337717»\t«350203196007284569»\t‹256300.00›
«钟建平»\t«159 9261 2946»\t«320102195906155910»\t‹1890000.00›
"""),
    ("loan list, aligned columns", "utf-8", "\r\n", """\
序号   借款人      手机              放款金额(元)      客户编号
1      «何丽萍»      «15748348494»       ‹820000›            ‹KH20230501›
2      «上官婉清»    «195 7876 8879»     ‹1360000›           ‹KH20230502›
"""),
    ("CSV of a branch's retail customers", "utf-8", "\n", """\
序号,户名,电话,卡号,开户日期
1,«夏立群»,«010-62781234»,«6225887986941116»,2019-03-02
2,«吕文静»,«178 6879 4806»,«9558801095494134827»,2020-11-17
3,‹13500000000›,‹1›,‹2›,2021-01-01
"""),
    ("KYC note, a woman with her husband", "gbk", "\r\n", """\
一、客户基本情况
«梁淑芬»，女，汉族，1982年4月出生，大专学历，个体工商户。
其夫«许国栋»，经营建材批发，年收入约‹600000›元；其女«许诺»在读高中。
本人电话«191 5877 4411»，电子邮箱«liangsf82@qq.com»。
家庭住址：广州市番禺区市桥街道«清河东路318号丽江花园玉树别院5座1102房»。
"""),
    ("e-mail with a signature", "utf-8", "\n", """\
From: «Amy Zhou» <«amy.zhou@citic.com»>
To: «陈立平» <«chenlp@pingan.com.cn»>
Cc: «Tom Wu»
Subject: ‹江苏恒瑞医药股份有限公司›银团贷款

«陈立平»，您好：
请查收‹恒瑞医药›的审批材料，贷款金额‹800000000›元。

Thanks,
«Amy Zhou»
"""),
    ("e-mail in Chinese with a signature", "gbk", "\r\n", """\
发件人：«林国庆»
收件人：«黄晓燕»；«孔德明»
«黄晓燕»：
‹李锦记(中国)销售有限公司›的对账单已收到，请于周五前回复。
谢谢！
«林国庆»
零售业务部
"""),
    ("visit note, people named in passing", "utf-8", "\n", """\
4月8日上午赴客户工厂调研，与«胡志明»、«邱美玲»两人面谈。
«胡志明»介绍，今年订单较去年增长三成，«邱美玲»负责采购与付款。
«胡志明»的弟弟«胡志刚»在厂里任车间主任，另请«胡志明»下周提供购销合同。
"""),
    ("English memo with phones", "utf-8", "\n", """\
Attention: «Grace Lim», Credit Officer
Cc: «Daniel Ho»
Borrower's phone: «+86 10 8888 6666»; office: ‹400-820-8888›
Home phone «+86-755-2345-6789».
Loan ref ‹LN2023-000719› for ‹Lim Holdings Pte Ltd›.
"""),
    ("numbers a PDF wrapped", "utf-8", "\n", """\
保证人«贺建军»，身份证号码«1301021973\n01252762»，联系电话«18912651288»；
借款人银行卡号«3568 6969\n0592 9819»，抵押房产位于成都市武侯区«人民南路四段\n27号2栋1501室»。
"""),
    ("village and community addresses", "utf-8", "\n", """\
户籍地址：湖南省邵阳市隆回县«桃洪镇罗洪村五组18号»
现住址：安徽省合肥市蜀山区«稻香村街道绿怡居社区9栋602»
联系地址 江苏省苏州市吴中区«木渎镇金山路88号附5号»
"""),
    ("a report's customers, officers and codes", "utf-8", "\n", """\
前五名客户为‹万科企业股份有限公司›、‹周黑鸭食品股份有限公司›、‹马应龙药业集团股份有限公司›、
‹高德红外股份有限公司›和‹林洋能源股份有限公司›。公司总经理‹王传福›先生，董事会秘书‹李黔›。
董事会办公室电话：‹0755-89888888›；传真：‹0755-84202222›；股票代码‹002594›。
| 分行 | 客户数 | 存款余额（万元） |
| --- | --- | --- |
| ‹滨江支行› | ‹13621› | ‹16523478› |
| ‹龙岗支行› | ‹8863› | ‹13723456› |
单据号‹6227003324560987654›；组织机构代码‹71093321-9›；工号‹SZ0083›。
"""),
    ("branch counts, aligned", "gbk", "\r\n", """\
机构          客户数        存款余额(万元)      贷款余额(万元)
‹罗湖支行›      ‹18621›         ‹13987654›            ‹15324567›
‹宝安支行›      ‹9721›          ‹8865432›             ‹7743210›
"""),
]
