"""The words personal-data detection reads names by, shared by its modules: Chinese surnames and the everyday words
that start with one, the words that end a run of capitalised words without being a name, and the words that make
a name a firm's."""

from __future__ import annotations

import re

#: Common Chinese surnames (single and compound): a name found by its context must start with one. Surnames
#: that are everyday words too (和, 管, 单, 时 …) are left out: "客户和机构", "客户管理" are not names.
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
               "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
               "汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童"
               "凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳柴蒙鲍华喻祁蒲房滕屈饶牟艾尤阳穆农司卓古吉缪简项"
               "芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋刁沙荣巫寇桑郎甄丛仲"
               "虞敖巩佘池查麻苑迟邝"
               # A surname a bank's customers bear that starts everyday words too; those words (贝类, 贝塔 …) are in
               # COMMON_WORDS. (计 is not: 会计/审计/合计 put it before a word everywhere in a report.)
               "贝"
               # Surnames no everyday word starts with, which a credit committee's or a village's list bears.
               "蔺阎郦逯郜谌揭鄢綦昝扈晁")
COMPOUND_SURNAMES = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "长孙"}

#: Everyday words that start with a surname character ("客户方面", "客户金额").
COMMON_WORDS = {"方面", "方式", "方案", "方向", "方法", "高度", "程序", "程度", "金额", "金融", "黄金", "万元", "石油",
                "许可", "周期", "文件", "安全", "康复", "温度", "施工", "付款", "任何", "任务", "余额", "苏州", "江苏",
                "于是", "严格", "严重", "毛利", "龙头", "常规", "孔径", "包括", "包装", "华东", "华南", "华北", "贺卡",
                "范围", "陆续", "石材", "钟表", "邓白", "杜绝", "林地", "高端", "高效", "罗列", "夏季", "秦岭",
                "贝类", "贝壳", "贝塔", "贝尔", "项目", "文化",
                # what a minute's 出席/审核/记录 label is followed by in a report: 出席董事会的…, 审核申请…
                "董事", "监事", "申请", "高管", "安排", "管理", "会议", "时间", "金融", "汇总", "单位"}

#: Words that end a run of capitalised words without being part of a name ("Mr. Zhang The …").
NOT_NAME_WORDS = {"The", "This", "That", "And", "Or", "Will", "Has", "Had", "Was", "Is", "Are", "Of", "On", "In",
                  "At", "To", "For", "From", "With", "Dear", "Hi", "Regards", "Thanks",
                  "Mr", "Ms", "Mrs", "Miss", "Dr", "Sir", "Madam",  # a title: the name after it is found with it
                  "Title", "Signature"}  # a signature block's next field ("Name: \nTitle: ") when the name is blank
#: Words that make a Latin name a firm's ("Acme Trading Ltd") and a header a column of firms.
FIRM_WORD = re.compile(r"\b(?:Ltd|Limited|Inc|Co|Corp|Corporation|Company|Group|Holdings?|Bank|Trading|Partners|"
                       r"Fund|Trust|Capital|Securities|Industries|International|LLC|LLP|PLC)\b|公司|机构|单位|企业|银行", re.I)
#: Words of a job title, never of a person's name: "Executive Vice President, Chief Financial Officer" is a title and
#: "Customer Experience Officer" a role, whatever rule took their capitalised words for a name.
JOB_TITLE_WORD = re.compile(r"\b(?:President|Vice|Executive|Officer|Director|Manager|Chairman|Chairwoman|Chief|"
                            r"Counsel|Secretary|Treasurer|Controller|Senior|Analyst|Experience)\b")

#: Chinese surnames as romanised in passports, Hong Kong and Macau IDs and bank systems (pinyin, Cantonese, Wade-Giles):
#: "ZHOU Minghui", "Ho, Wing Sze", "LIU, Yuxuan" are a surname and a given name by the surname's spelling.
ROMAN_SURNAMES = set("""
WANG LI ZHANG LIU CHEN YANG HUANG ZHAO WU ZHOU XU SUN MA ZHU HU GUO HE GAO LIN LUO ZHENG LIANG XIE SONG TANG HAN FENG DENG
CAO PENG ZENG XIAO TIAN DONG YUAN PAN YU JIANG CAI DU YE CHENG SU WEI LU DING REN SHEN YAO CUI ZHONG TAN FAN JIN SHI LIAO
JIA XIA FU FANG BAI ZOU MENG XIONG QIN QIU YIN XUE YAN DUAN LEI HOU LONG TAO GU MAO HAO GONG SHAO WAN QIAN QIN KONG TANG
KANG SHI NIU GE XING AN QI QIAO WU PANG NI ZHUANG NIE ZHANG
LEUNG CHAN WONG CHEUNG LAU LEE HO NG TSANG CHOW YEUNG KWOK TSE YIP FUNG LAM TAM CHIU LAI MAK CHENG CHUNG KWAN SIU TSUI
LUK POON LO LAW TANG CHOI KO CHU CHOY AU YUEN TSOI WOO KAM CHING HUI CHEAH TAN LIM GOH ONG TEO KOH CHUA TEH
""".split())
