"""A list question gets the whole list the report prints, from whichever form it takes (issue 21).

Pure logic over passages as the import stores them (no model, no PDF), written the way the dev reports
print their lists:
- numbered paragraphs, one per subsidiary, with a table of each one's figures between them: the ten names,
  not the rows of a figures table (总资产, 净资产) that sits under the same heading;
- an English statement table printing groups ("Total Revenues by Geography:", "Total Revenues by Business:"):
  the group the question names, up to its total;
- a 10-K's lead-in with a colon, then "Name - what it is" lines wrapped over several lines;
- a sentence that enumerates ("consist of the Americas, Europe … and Rest of Asia Pacific", "主要包括…等相关产品");
- a projects table whose cells hold approval numbers and a repeated header: the projects only;
- a question whose topic no list near it is introduced by gets no list (it goes the ordinary way).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from analyst_desk.core.drafting.narrative.intent import read_intent
from analyst_desk.core.drafting.narrative.lists import find_list
from analyst_desk.core.library.sections import build_section_map


@dataclass
class _Record:
    doc_id: str = "p"
    company: str = "东莞勤上光电股份有限公司"
    issuer_en: str = ""
    title: str = "招股意向书"
    status: str = "complete"


@dataclass
class _Chunk:
    chunk_id: str
    doc_id: str
    page: int
    text: str
    heading_path: str = ""
    kind: str = "text"
    title: str = "招股意向书"
    path: str = "/reports/p.pdf"


class _Library:
    """What the list finder reads of a library: documents, their passages and their section maps."""

    def __init__(self, rows: list[tuple[int, str, str, str]], company: str = "东莞勤上光电股份有限公司") -> None:
        self.company = company
        self.passages = [_Chunk(f"p-{i}", "p", page, text, heading, kind) for i, (page, heading, kind, text) in enumerate(rows)]
        self.map = build_section_map([{"ordinal": i, "page": c.page, "pages": [c.page], "heading": c.heading_path,
                                       "text": c.text} for i, c in enumerate(self.passages)], doc_id="p")

    def documents(self):
        return [_Record(company=self.company)]

    def find_document(self, doc_id):
        return _Record(company=self.company) if doc_id == "p" else None

    def chunks(self, doc_id):
        return list(self.passages)

    def hits_on(self, *pages: int) -> list:
        return [c for c in self.passages if c.page in pages]


@pytest.fixture(autouse=True)
def _maps(monkeypatch):
    monkeypatch.setattr("analyst_desk.core.drafting.narrative.section_search.section_map_of", lambda lib, doc_id: lib.map)
    monkeypatch.setattr("analyst_desk.core.library.sections.section_map_of", lambda lib, doc_id: lib.map)


def _names(found) -> list[str]:
    return [name for name, _ in found.items] if found is not None else []


SUBSIDIARIES = "第五节发行人基本情况 > 六、发行人控股、参股公司的基本情况 > （一）控股子公司情况"
FIGURES = "| 项目 | 2011.6.30 |\n|---|---|\n| 总资产（元） | 1,865,526.10 |\n| 净资产（元） | -2,288,063.94 |\n| 净利润（元） | -521,285.48 |"
PROSPECTUS = [
    (77, "第五节发行人基本情况 > 五、发行人股本情况", "text", "本公司发起人持股情况如下。"),
    (78, SUBSIDIARIES, "text", "截至本招股意向书签署日，本公司拥有四家控股子公司，其基本情况如下：\n1、香港勤上实业\n"
                               "香港勤上实业为勤上光电的全资子公司，注册资本为20万港元。\n经审计，其最近一期的财务数据如下："),
    (78, SUBSIDIARIES, "table", FIGURES),
    (79, SUBSIDIARIES, "text", "2、勤上半导体\n勤上半导体为勤上光电的全资子公司，成立于2007年。\n1．公司的基本情况\n"
                               "注册资本1200万元。\n2．主要财务数据\n其最近一期的财务数据如下："),
    (79, SUBSIDIARIES, "table", FIGURES),
    (80, SUBSIDIARIES, "text", "3、深圳勤上\n深圳勤上为本公司控股子公司，持股比例为70%。\n4、北京勤上\n北京勤上成立于2010年。"),
    (81, "第五节发行人基本情况 > 七、员工情况", "text", "公司为员工缴纳养老保险、医疗保险、失业保险、工伤保险和住房公积金。"),
]


def test_numbered_paragraphs_of_subsidiaries_are_the_list_not_the_figures_between_them():
    library = _Library(PROSPECTUS)
    question = "勤上光电下面有哪些控股子公司？"
    found = find_list(library, library.hits_on(78, 79), read_intent(question, ["东莞勤上光电股份有限公司"]).topic)
    assert _names(found) == ["香港勤上实业", "勤上半导体", "深圳勤上", "北京勤上"], _names(found)
    assert [hit.page for _, hit in found.items] == [78, 79, 80, 80]  # each cited where it is printed


ORACLE = [
    (47, "PART II", "text", "Total Revenues and Operating Expenses"),
    (47, "PART II", "table",
     "| (Dollars in millions) | 2022 | Change | 2021 |\n|---|---|---|---|\n| Total Revenues by Geography: |  |  |  |\n"
     "| Americas | $ 23,679 | 8% | $ 21,828 |\n| EMEA(1) | 12,011 | 1% | 11,894 |\n| Asia Pacific | 6,750 | 0% | 6,757 |\n"
     "| Total revenues | 42,440 | 5% | 40,479 |\n| Total Revenues by Business: |  |  |  |\n"
     "| Cloud and license | $ 36,052 | 6% | $ 34,099 |\n| Hardware | 3,183 | -5% | 3,359 |\n| Services | 3,205 | 6% | 3,021 |\n"
     "| Total revenues | $ 42,440 | 5% | $ 40,479 |"),
    (47, "PART II", "text", "(1) Comprised of Europe, the Middle East and Africa"),
]


def test_a_statement_table_gives_the_group_the_question_names_up_to_its_total():
    library = _Library(ORACLE, company="Oracle Corporation")
    hits = library.hits_on(47)
    by_business = find_list(library, hits, read_intent("What are Oracle's businesses?", ["Oracle Corporation"]).topic)
    assert _names(by_business) == ["Cloud and license", "Hardware", "Services"], _names(by_business)
    regions = find_list(library, hits, read_intent("Which geographic regions does Oracle report its revenues by?",
                                                   ["Oracle Corporation"]).topic)
    assert _names(regions) == ["Americas", "EMEA", "Asia Pacific"], _names(regions)


TEN_K = [
    (48, "Segment and Geographic Information", "text",
     "McDonald’s operates under an organizational structure with the following global business segments reflecting how\n"
     "management reviews and evaluates operating performance:\nU.S. - the Company’s largest market. The segment is 95% franchised.\n"
     "International Operated Markets - comprised of markets, or countries in which the Company operates, including Australia,\n"
     "Canada, France, Germany, Italy, the Netherlands, Spain and the U.K. The segment is 89% franchised.\n"
     "International Developmental Licensed Markets & Corporate - comprised primarily of developmental licensee markets.\n"
     "Corporate activities are also reported in this segment."),
    (49, "Segment and Geographic Information", "text",
     "All intercompany revenues and expenses are eliminated in computing revenues and operating income."),
]


def test_named_lines_after_a_lead_in_are_the_segments_however_their_descriptions_wrap():
    library = _Library(TEN_K, company="McDonald's Corporation")
    found = find_list(library, library.hits_on(48, 49), read_intent("What are McDonald's reportable segments?").topic)
    assert _names(found) == ["U.S.", "International Operated Markets",
                             "International Developmental Licensed Markets & Corporate"], _names(found)


def test_a_sentence_that_enumerates_gives_its_items_without_the_words_around_them():
    apple = _Library([(25, "Segment Operating Performance", "text",
                       "The Company manages its business primarily on a geographic basis. The Company’s reportable segments "
                       "consist of the Americas, Europe, Greater China, Japan and Rest of Asia Pacific. Americas includes both "
                       "North and South America.")], company="Apple Inc.")
    found = find_list(apple, apple.hits_on(25), read_intent("What are Apple's reportable segments?").topic)
    assert _names(found) == ["Americas", "Europe", "Greater China", "Japan", "Rest of Asia Pacific"], _names(found)
    maker = _Library([(22, "第三节 风险因素 > 一、行业风险", "text",
                       "公司生产的集成电路制造设备，主要包括氧化/扩散炉、清洗机和单晶炉等相关产品，分别应用于集成电路、"
                       "TFT-LCD、太阳能电池等产品生产的相关工序。")], company="北京七星华创电子股份有限公司")
    found = find_list(maker, maker.hits_on(22), read_intent("七星电子生产的集成电路制造设备主要有哪些？").topic)
    assert _names(found) == ["氧化/扩散炉", "清洗机", "单晶炉"], _names(found)


def test_a_projects_table_gives_the_projects_not_their_approval_numbers_or_a_repeated_header():
    library = _Library([
        (27, "第二节 概览 > 六、募集资金运用", "text", "本次募集资金投资项目经公司股东大会审议确定，由董事会实施，用于："),
        (27, "第二节 概览 > 六、募集资金运用", "table",
         "| 序 | 项目名称 | 投资总额 |\n|---|---|---|\n| 号 | （万元） |  |\n| 粤经贸技改[2009]358号 |  |  |\n"
         "| 高性能环保改性聚氯乙烯材料技术改造项目 | 12,000 |  |\n| 粤经贸技改[2009]357号 |  |  |\n"
         "| 节能灯具专用改性塑料技术改造项目 | 8,000 |  |\n| 其他与主营业务相关的营运资金 | - |  |\n| 合计 | 20,000 |  |"),
    ], company="广东银禧科技股份有限公司")
    found = find_list(library, library.hits_on(27), read_intent("银禧科技的募投项目有哪些？").topic)
    assert _names(found) == ["高性能环保改性聚氯乙烯材料技术改造项目", "节能灯具专用改性塑料技术改造项目",
                             "其他与主营业务相关的营运资金"], _names(found)


def test_no_list_is_made_up_when_nothing_near_the_question_introduces_its_topic():
    library = _Library(PROSPECTUS)
    assert find_list(library, library.hits_on(81), read_intent("勤上光电有哪些专利？").topic) is None


def test_which_project_is_largest_is_read_from_the_row_with_the_largest_figure():
    from analyst_desk.core.drafting.narrative.extremes import extreme_of, find_extreme, topic_without_extreme
    from analyst_desk.core.drafting.narrative.lists import candidates

    library = _Library([
        (19, "第二节概览 > 六、募集资金运用", "text", "公司本次发行募集资金扣除发行费用后将投资于以下项目："),
        (19, "第二节概览 > 六、募集资金运用", "table",
         "单位：万元\n| 项目名称 | 项目总投资 | 募集资金使用金额 |\n|---|---|---|\n| LED户外照明与景观照明项目 | 20,338.14 | 20,338.14 |\n"
         "| LED室内照明项目 | 14,111.95 | 14,111.95 |\n| 公司营运管理中心项目 | 4,233.10 | 4,233.10 |\n| 合计 | 38,683.19 | 38,683.19 |"),
    ])
    question = "勤上光电投资最大的募集资金项目是哪一个？金额多少"
    assert extreme_of(question) == 1 and extreme_of("勤上光电2010年营业收入是多少") == 0
    topic = read_intent(topic_without_extreme(question), ["东莞勤上光电股份有限公司"]).topic
    best = candidates(library, library.hits_on(19), topic)[0]
    found = find_extreme(best, question, 1)
    assert (found.item, found.value, found.unit, found.of) == ("LED户外照明与景观照明项目", "20,338.14", "万元", 3)
    smallest = find_extreme(best, question.replace("最大", "最小"), -1)
    assert smallest.item == "公司营运管理中心项目"


def test_the_ways_people_ask_for_a_list_are_read_as_lists_and_a_figure_question_is_not():
    for question in ("公司前五名客户是谁？", "公司都有什么产品", "Who are Intel's largest customers?",
                     "What are FedEx's reportable segments?", "中国神华A股募集资金的用途"):
        assert read_intent(question).kind == "list", question
    assert read_intent("Who are Intel's largest customers?").topic == "Intel customers"
    assert read_intent("国电电力这次增发募集的钱要用来收购哪几家公司的股权？").topic == "国电电力 增发募集资金 收购 股权"
    for question in ("What are Apple's net sales in 2022?", "银禧科技的实际控制人是谁", "募集资金的用途金额是多少"):
        assert read_intent(question).kind != "list", question


def test_a_shareholders_table_of_people_and_short_names_is_a_list_of_shareholders():
    library = _Library([
        (24, "第五节 发行人基本情况 > 七、发起人、持股5%以上主要股东", "text", "本次发行前，公司股东持股情况如下："),
        (24, "第五节 发行人基本情况 > 七、发起人、持股5%以上主要股东", "table",
         "| 股东名称 | 持股数（万股） | 持股比例 |\n|---|---|---|\n| 瑞晨投资 | 2,625 | 35.00% |\n| 谭颂斌 | 1,875 | 25.00% |\n"
         "| 广能商贸 | 1,125 | 15.00% |\n| 合计 | 5,625 | 75.00% |"),
    ], company="广东银禧科技股份有限公司")
    found = find_list(library, library.hits_on(24), read_intent("银禧科技有哪些股东？").topic)
    assert _names(found) == ["瑞晨投资", "谭颂斌", "广能商贸"], _names(found)


def test_a_counted_list_in_a_sentence_gives_as_many_items_as_it_counts():
    from analyst_desk.core.drafting.narrative.list_items import counted_lists

    assert counted_lists("We have three businesses, cloud and license, hardware, and services, and each is comprised "
                         "of a single operating segment.")[0][1] == ["cloud and license", "hardware", "services"]
    assert counted_lists("we offer through our three businesses (cloud and license, hardware and services businesses, "
                         "described further below)")[0][1] == ["cloud and license", "hardware", "services"]
    assert counted_lists("The Company has two reportable segments: FedEx Express and FedEx Ground.")[0][1] == \
        ["FedEx Express", "FedEx Ground"]
    assert counted_lists("over the next three years, we expect growth in cloud revenues, margins and cash") == []
    oracle = _Library([(7, "PART I", "text", "We have three businesses: cloud and license; hardware; and services; each of "
                                             "which comprises a single operating segment.")], company="Oracle Corporation")
    found = find_list(oracle, oracle.hits_on(7), read_intent("What are Oracle's businesses?").topic)
    assert _names(found) == ["cloud and license", "hardware", "services"], _names(found)


def test_which_business_earned_most_is_read_from_its_group_of_the_statement_table():
    from analyst_desk.core.drafting.narrative.extremes import extreme_of, find_extreme, topic_without_extreme
    from analyst_desk.core.drafting.narrative.lists import candidates

    library = _Library(ORACLE, company="Oracle Corporation")
    question = "Which of Oracle's businesses had the largest revenues in fiscal 2022?"
    assert extreme_of(question) == 1
    topic = read_intent(topic_without_extreme(question), ["Oracle Corporation"]).topic
    best = next(c for c in candidates(library, library.hits_on(47), topic) if c.kind == "group")
    found = find_extreme(best, question, 1)
    assert found is not None and found.item == "Cloud and license" and "36,052" in found.value, found


def test_a_list_asked_with_each_items_figure_shows_the_figures_its_row_prints():
    from analyst_desk.core.drafting.narrative.results import list_result

    library = _Library([
        (19, "第二节概览 > 六、募集资金运用", "text", "公司本次发行募集资金扣除发行费用后将投资于以下项目："),
        (19, "第二节概览 > 六、募集资金运用", "table",
         "| 项目名称 | 项目总投资 | 募集资金使用金额 |\n|---|---|---|\n| LED户外照明与景观照明项目 | 20,338.14 | 20,338.14 |\n"
         "| LED室内照明项目 | 14,111.95 | 14,111.95 |\n| 合计 | 34,450.09 | 34,450.09 |"),
    ])
    question = "勤上光电本次募集资金投资项目有哪些，分别投资多少？"
    found = find_list(library, library.hits_on(19), read_intent(question).topic)
    text = list_result(found, "zh", figures=True).text
    assert "LED户外照明与景观照明项目：项目总投资 20,338.14；募集资金使用金额 20,338.14 [1]" in text, text
    assert "14,111.95" in text and "34,450.09" not in text  # the total is no item


def test_a_list_answer_passes_the_checks_every_answer_passes_short_names_and_all():
    from analyst_desk.core.drafting.narrative.degenerate import degenerate_reasons
    from analyst_desk.core.drafting.narrative.lists import ListAnswer
    from analyst_desk.core.drafting.narrative.results import list_result
    from analyst_desk.core.drafting.narrative.support import check_answer

    regions = _Chunk("p-1", "p", 47, "| Americas | 23,679 |\n| EMEA(1) | 12,011 |\n| Asia Pacific | 6,750 |", kind="table")
    result = list_result(ListAnswer([("Americas", regions), ("EMEA", regions), ("Asia Pacific", regions)], "group"), "en")
    assert degenerate_reasons(result.text, "Which geographic regions does Oracle report its revenues by?") == []
    assert all(c.supported for c in check_answer(result.text, {s.number: s.text for s in result.sources})), result.text
    products = _Chunk("p-2", "p", 19, "本公司主要产品包括阻燃料、耐候料、增强增韧料、塑料合金料和环保耐用料五大系列。")
    result = list_result(ListAnswer([(n, products) for n in ("阻燃料", "耐候料", "增强增韧料")], "inline"), "zh")
    assert result.text == "共3项：阻燃料[1]、耐候料[1]、增强增韧料[1]。"
    assert degenerate_reasons(result.text, "银禧科技主要卖哪几类产品？") == []


def test_a_company_name_wrapped_in_its_table_cell_is_one_subsidiary_not_two_fragments():
    library = _Library([
        (29, "第四节 发行人基本情况 > （二）公司全资及控股、参股企业", "text", "3．各主要控股子公司2006年度主要财务数据"),
        (29, "第四节 发行人基本情况 > （二）公司全资及控股、参股企业", "table",
         "| 公司名称 | 总资产 | 净资产 | 是否经审计审计机构 |\n|---|---|---|---|\n| 国电大渡河流域水电开 | 岳华会计 |  |  |\n"
         "| 1,185,525.70 | 346,547.26 | 是 |  |\n| 发有限公司 | 师事务所 |  |  |\n| 国电电力大同发电有限 | 岳华会计 |  |  |\n"
         "| 459,450.35 | 106,886.88 | 是 |  |\n| 责任公司 | 师事务所 |  |  |\n| 河北邯郸热电股份有限公司 | 岳华会计 |  |  |\n"
         "| 125,890.03 | 44,467.93 | 是 |  |"),
    ], company="国电电力发展股份有限公司")
    found = find_list(library, library.hits_on(29), read_intent("国电电力的主要控股子公司有哪些").topic)
    assert _names(found) == ["国电大渡河流域水电开发有限公司", "国电电力大同发电有限责任公司", "河北邯郸热电股份有限公司"], \
        _names(found)


def test_a_sentence_naming_what_subsidiaries_make_is_no_list_of_subsidiaries():
    library = _Library([
        (92, "第七节 同业竞争与关联交易 > （一）本公司与控股股东不存在同业竞争", "text",
         "其控股的两家子公司经营范围分别为纸箱、细木粉、塑料袋、打包带、纸桶的制造和销售，与本公司不存在同业竞争。"),
    ], company="湖南南岭民用爆破器材股份有限公司")
    assert find_list(library, library.hits_on(92), read_intent("南岭民爆有哪些控股子公司？").topic) is None
    # The short names of one group's companies share its name, and are its subsidiaries.
    group = _Library([(78, SUBSIDIARIES, "text", "本公司拥有四家控股子公司，分别为香港勤上实业、勤上半导体、深圳勤上和北京勤上。")])
    found = find_list(group, group.hits_on(78), read_intent("勤上光电下面有哪些控股子公司？").topic)
    assert _names(found) == ["香港勤上实业", "勤上半导体", "深圳勤上", "北京勤上"], _names(found)


def test_two_items_found_in_running_text_are_left_to_the_model_reading_the_passages():
    library = _Library([(47, "第六节 业务与技术 > 二、主要产品", "text",
                         "公司主要产品包括阻燃料和耐候料，广泛应用于家电、电线电缆等行业。")], company="广东银禧科技股份有限公司")
    assert find_list(library, library.hits_on(47), read_intent("银禧科技主要卖哪几类产品？").topic) is None


def test_a_list_question_assuming_the_wrong_number_of_items_is_told_how_many_the_report_lists():
    from analyst_desk.core.drafting.narrative.lists import asked_count
    from analyst_desk.core.drafting.narrative.results import list_result

    assert asked_count("勤上光电的三个募投项目分别是什么？", read_intent("勤上光电的三个募投项目分别是什么？").topic) == 3
    assert asked_count("What are McDonald's four reportable segments?",
                       read_intent("What are McDonald's four reportable segments?").topic) == 4
    assert asked_count("勤上光电的募投项目有哪些", read_intent("勤上光电的募投项目有哪些").topic) is None
    library = _Library(TEN_K, company="McDonald's Corporation")
    question = "What are McDonald's four reportable segments?"
    found = find_list(library, library.hits_on(48, 49), read_intent(question).topic)
    text = list_result(found, "en", asked=asked_count(question, read_intent(question).topic)).text
    assert text.startswith("The documents list 3, not 4:") and "International Operated Markets" in text, text
    same = list_result(found, "en", asked=3).text
    assert same.startswith("3 items:"), same


def test_a_list_of_companies_all_ending_in_their_legal_form_is_not_repetition():
    from analyst_desk.core.drafting.narrative.degenerate import degenerate_reasons

    names = ["国电大渡河流域水电开发有限公司", "国电电力大同发电有限责任公司", "国电电力大连庄河发电有限责任公司",
             "国电宁夏石嘴山发电有限责任公司", "国电宣威发电有限责任公司", "国电科技环保集团有限公司"]
    listed = "共6项：\n" + "\n".join(f"· {n} [1]" for n in names)
    assert degenerate_reasons(listed, "国电电力的主要控股子公司有哪些") == []
    looping = "报告期内公司" + "环境信息情况良好的有限责任公司" * 5 + "。"
    assert "repetition" in degenerate_reasons(looping, "介绍一下环境信息情况")


def test_an_answer_naming_its_topic_often_is_no_loop_but_a_phrase_said_over_and_over_is():
    from analyst_desk.core.drafting.narrative.degenerate import degenerate_reasons

    why = ("2008年主营业务收入增长主要来自产品结构调整[1]。中大功率产品的主营业务收入占比提高[1]。新生产基地投产使产能提高，"
           "带动主营业务收入增长[2]。营销网络完善也推动了主营业务收入增加[2]。单位售价上涨提高了主营业务收入[3]。")
    assert degenerate_reasons(why, "为什么2008年主营业务收入增长较快？") == []
    english = ("Network 2.0 improves the efficiency of pickup, transportation and delivery [1]. One FedEx consolidates "
               "the transportation companies into one [1]. Ground transportation stays separate [2]. The transportation "
               "network is optimised over several years [2]. Air transportation is reduced as volumes fall [3].")
    assert degenerate_reasons(english, "What is the company's network plan?") == []
    loop = "公司将继续加强内部管理工作，" * 5
    assert "repetition" in degenerate_reasons(loop, "公司如何改善管理？")


def test_headings_of_a_part_and_titles_of_notices_are_no_list_of_competitors_or_mines():
    rivals = _Library([(40, "第六节 业务与技术 > 三、行业竞争格局", "text",
                        "本节从以下方面分析行业竞争格局：\n1、行业发展趋势\n2、市场需求\n3、主要竞争对手")],
                      company="北京七星华创电子股份有限公司")
    assert find_list(rivals, rivals.hits_on(40), read_intent("七星电子的主要竞争对手有哪些？").topic) is None
    mines = _Library([(60, "第五节 业务和技术 > 煤矿行业监管", "text",
                       "煤矿适用的主要法规包括《煤矿安全规程》、《国家安全监管总局关于印发煤矿安全生产规划的通知》、"
                       "《山西省煤炭可持续发展基金征收管理办法》。")], company="中国神华能源股份有限公司")
    assert find_list(mines, mines.hits_on(60), read_intent("中国神华有哪些主要的煤矿？").topic) is None
    rules = find_list(mines, mines.hits_on(60), read_intent("中国神华煤矿适用哪些主要法规？").topic)
    assert len(_names(rules)) == 3, _names(rules)


def test_a_risk_section_is_summarised_by_its_risks_and_machines_are_no_risks():
    from analyst_desk.core.drafting.narrative.lists import from_sections

    chapter = "第四节 风险因素"
    library = _Library([
        (30, chapter, "text", "投资者在评价本公司此次发售的股票时，应特别认真地考虑下述各项风险因素。"),
        (30, f"{chapter} > 一、产品定价风险", "text", "民爆产品价格由政府指导。"),
        (31, f"{chapter} > 二、原材料价格上涨风险", "text", "硝酸铵价格上涨会增加成本。"),
        (31, f"{chapter} > 三、安全风险", "text", "民爆器材生产具有危险性。"),
        (60, "第六节 业务和技术 > 主要设备", "text",
         "公司主要设备包括高臂拆除机、中臂拆除机、炸药现场混装设备和高风压空压机，均用于爆破作业。"),
    ], company="湖南南岭民用爆破器材股份有限公司")
    hits = library.hits_on(30, 31, 60)
    found = from_sections(library, hits, read_intent("简要介绍一下南岭民爆的风险因素").topic, ["p"], items_only=True)
    assert _names(found) == ["产品定价风险", "原材料价格上涨风险", "安全风险"], _names(found)
    machines = find_list(library, library.hits_on(60), read_intent("南岭民爆面临的主要风险有哪些").topic)
    assert "高臂拆除机" not in _names(machines), _names(machines)


def test_a_rank_in_the_question_is_no_count_to_correct():
    from analyst_desk.core.drafting.narrative.lists import asked_count

    for question in ("力源信息的前五名客户有哪些？", "Who are Intel's top five customers?", "公司前5大供应商是谁"):
        assert asked_count(question, read_intent(question).topic) is None, question


def test_projects_asked_as_users_shorten_them_are_the_projects_the_report_names_whole():
    library = _Library([
        (19, "第二节概览 > 六、资金运用", "text",
         "公司本次募集资金投资于以下方面：LED户外照明与景观照明、LED室内照明和公司营运管理中心。"),
    ])
    found = find_list(library, library.hits_on(19), read_intent("勤上光电的募投项目有哪些？", ["东莞勤上光电股份有限公司"]).topic)
    assert _names(found) == ["LED户外照明与景观照明", "LED室内照明", "公司营运管理中心"], _names(found)


CUSTOMERS = "第六节 业务与技术 > （四）报告期主要产品的销售情况"
ANALYSIS = "第十一节 管理层讨论与分析 > （二）应收账款分析"


def _customer_table(first: str, second: str) -> str:
    return (f"| 客户名称 | 金额(万元) | 占比 |\n|---|---|---|\n| {first} | 2,942.00 | 5.33% |\n"
            f"| {second} | 2,789.76 | 5.05% |\n| 深圳市航天欧华科技发展有限责任公司 | 1,811.15 | 3.28% |")


def test_the_top_customers_of_the_year_asked_come_from_the_whole_list_not_another_year_or_the_domestic_part():
    """A prospectus prints its top five customers for each year ("向前5 名客户的销售情况"), and again split into
    内销 and 外销 in its analysis of receivables: "2010年前五名客户" is the 2010 list of all sales."""
    library = _Library([
        (171, CUSTOMERS, "text", "3、最近三年及一期公司向前5 名客户的销售情况\n2010 年度前五名销售客户："),
        (171, CUSTOMERS, "table", _customer_table("北京天安门地区管理委员会", "TOMSON MERCHANDISE CO,LTD")),
        (172, CUSTOMERS, "text", "2009 年度前五名销售客户："),
        (172, CUSTOMERS, "table", _customer_table("山东日新照明有限公司", "BED BATH AND BEYOND")),
        (285, ANALYSIS, "text", "C、2010 年公司内销前五名客户相关情况为："),
        (285, ANALYSIS, "table", "| 内销客户 | 收入确 | 余额 |\n|---|---|---|\n| 认金额 |  |  |\n"
                                 "| 北京天安门地区管理委员会 | 2,942.00 | 10.00 |\n| 广东品尚光电科技有限公司 | 900.00 | 5.00 |\n"
                                 "| 深圳市京基房地产股份有限公司 | 800.00 | 1.00 |"),
    ])
    question = "勤上光电2010年前五名客户是哪几家？"
    found = find_list(library, library.hits_on(171, 172, 285), read_intent(question).topic, question=question)
    assert _names(found)[:2] == ["北京天安门地区管理委员会", "TOMSON MERCHANDISE CO,LTD"], _names(found)
    question = "勤上光电2009年前五大客户有哪些"
    found = find_list(library, library.hits_on(171, 172, 285), read_intent(question).topic, question=question)
    assert _names(found)[:2] == ["山东日新照明有限公司", "BED BATH AND BEYOND"], _names(found)
    # Asked for the domestic customers, the domestic list — without its wrapped header cell "认金额".
    question = "勤上光电2010年内销前五名客户有哪些"
    found = find_list(library, library.hits_on(171, 172, 285), read_intent(question).topic, question=question)
    assert _names(found)[0] == "北京天安门地区管理委员会" and "广东品尚光电科技有限公司" in _names(found), _names(found)


def test_the_suppliers_of_a_material_are_the_companies_not_the_materials_bought():
    library = _Library([
        (68, "第六节 业务与技术 > （五）主要原材料及能源供应情况", "text",
         "本公司前三年又一期向前五位供应商采购的品种主要为硝酸铵、梯恩梯、包装材料。\n"
         "本公司硝酸铵的主要供应商有柳州化工股份有限公司、川化股份有限公司、陕西兴化化学股份有限公司等。"),
    ], company="湖南南岭民用爆破器材股份有限公司")
    question = "南岭民爆的硝酸铵主要从哪些供应商采购"
    found = find_list(library, library.hits_on(68), read_intent(question).topic, question=question)
    assert _names(found) == ["柳州化工股份有限公司", "川化股份有限公司", "陕西兴化化学股份有限公司"], _names(found)
