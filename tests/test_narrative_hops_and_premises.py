"""Premises and two-hop questions answered from what the report says, without the model (issue 21).

Pure logic over passages as the library stores them:
- "银禧科技控股股东的注册资本是多少？": hop one finds who the controlling shareholder is (瑞晨投资, the name the
  sentences give), hop two the sentence printing its registered capital — not the issuer's own 3,750万元;
- "作为国有控股企业，国资持股比例是多少？" of a company whose controllers are a married couple: the premise is
  false, and the sentence naming them is quoted; a company a state body controls is not corrected;
- a chapter's parts ("募投项目的背景", "募投项目的必要性") are not the items of a list of projects; sub-headings
  that end with the head word ("市场竞争风险") are.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyst_desk.core.drafting.narrative.hops import find_hop
from analyst_desk.core.drafting.narrative.lists import _items_like, _Titled
from analyst_desk.core.drafting.narrative.premises import check_premises, correction


@dataclass
class _Hit:
    text: str
    page: int
    chunk_id: str = "p-1"
    doc_id: str = "p"
    heading_path: str = ""


class _Text:
    """The stored passages of one document, as premises read them."""

    def __init__(self, passages: list[_Hit]) -> None:
        self.library, self.doc_ids, self._passages = None, ["p"], passages

    def all_passages(self) -> list[_Hit]:
        return self._passages

    def passages(self, doc_id: str) -> list[_Hit]:
        return self._passages

    def joined(self) -> str:
        return "".join(p.text for p in self._passages)


PRIVATE = [
    _Hit("本公司注册资本为3,750万元，法定代表人为谭颂斌。", 2),
    _Hit("瑞晨投资持有本公司45.00%的股份，为本公司控股股东。谭颂斌、周娟夫妇合计持有瑞晨投资100%的股权，"
         "为本公司实际控制人。", 24),
    _Hit("瑞晨投资成立于2005年5月，注册资本为1,000万元，法定代表人为谭颂斌，主要从事股权投资。", 25),
    _Hit("本公司控股股东瑞晨投资及实际控制人谭颂斌先生承诺不从事与本公司相竞争的业务。", 90),
]
STATE = [
    _Hit("神华集团持有本公司73.86%的股份，为本公司控股股东。", 30),
    _Hit("神华集团是国务院国有资产监督管理委员会监管的国有独资公司，国务院国资委为本公司实际控制人。", 31),
]


def test_the_controlling_shareholders_registered_capital_is_its_own_not_the_issuers():
    hop = find_hop("银禧科技控股股东的注册资本是多少？", PRIVATE)
    assert hop is not None and hop.name == "瑞晨投资"
    assert any("1,000万元" in sentence for sentence, _ in hop.evidence)
    assert not any("3,750万元" in sentence for sentence, _ in hop.evidence)
    assert find_hop("银禧科技的注册资本是多少？", PRIVATE) is None  # one hop: the field route's question


def test_a_company_called_state_owned_is_told_who_controls_it():
    premise = check_premises("银禧科技作为国有控股企业，国资持股比例是多少？", _Text(PRIVATE))
    assert premise is not None and premise.kind == "ownership"
    assert any("谭颂斌、周娟夫妇" in sentence for sentence, _ in premise.evidence)
    assert not any("承诺" in sentence for sentence, _ in premise.evidence)  # an undertaking says nothing here
    assert "并非" in correction(premise, "zh") or "未显示" in correction(premise, "zh")
    assert check_premises("中国神华作为国有控股企业，国资持股比例是多少？", _Text(STATE)) is None


def test_the_parts_of_a_chapter_are_not_the_items_of_a_list():
    parts = [_Titled(t) for t in ("一、本次募集资金运用方案", "二、募投项目的背景", "三、募投项目的必要性", "四、募投项目的前景")]
    risks = [_Titled(t) for t in ("一、市场需求波动风险", "二、存货风险", "三、市场竞争风险", "四、人力资源风险")]
    assert not _items_like(parts, "募集资金 投资项目")
    assert _items_like(risks, "主要风险")


def test_a_controller_named_in_two_scripts_is_found_and_his_nationality_and_stake_are_quoted():
    passages = [
        _Hit("截至本招股意向书签署日，赵马克(Mark Zhao)先生持有本公司股份2,117.70万股，占本公司总股本的42.35%，"
             "为本公司控股股东及实际控制人。赵马克(Mark Zhao)，美国籍，护照号码057343261。", 21),
        _Hit("公司的经营范围为电子元器件的销售，住所为武汉市洪山区。", 22),
    ]
    hop = find_hop("力源信息的实际控制人是哪国国籍？", passages)
    assert hop is not None and hop.name == "赵马克" and hop.attribute == "国籍"
    assert any("美国籍" in sentence for sentence, _ in hop.evidence), hop.evidence
    stake = find_hop("力源信息的控股股东是谁，合计持股比例是多少？", passages)
    assert stake is not None and stake.name == "赵马克" and any("42.35%" in s for s, _ in stake.evidence), stake


class _FieldBook:
    """The facts' profile fields of one prospectus (保荐人 read from its cover), as ``FactBook`` serves them."""

    def __init__(self, **fields: str) -> None:
        from analyst_desk.core.library.labelled_fields import ProfileField

        self._fields = [ProfileField(doc_id="p", name=n, value=v, page=1, label=n) for n, v in fields.items()]

    def field(self, name, *, issuer="", doc_ids=None):
        return next((f for f in self._fields if f.name == name), None)

    def close(self):
        pass


SPONSOR = [_Hit("（二）保荐人暨主承销商：中信建投证券有限责任公司\n保荐代表人：詹朝军、王东梅", 19)]


def test_a_question_naming_the_wrong_sponsor_is_told_the_firm_the_prospectus_names(monkeypatch):
    from analyst_desk.core.drafting.narrative.roles import asked_role

    monkeypatch.setattr("analyst_desk.core.facts.FactBook.of", lambda library: _FieldBook(保荐人="中信建投证券有限责任公司"))
    assert asked_role("七星电子的保荐机构中信证券派了哪两位保荐代表人？") == ("保荐人", "中信证券")
    assert asked_role("七星电子的保荐代表人是谁？") is None  # no firm named: nothing to check
    premise = check_premises("七星电子的保荐机构中信证券派了哪两位保荐代表人？", _Text(SPONSOR))
    assert premise is not None and premise.kind == "role" and premise.said == "中信建投证券有限责任公司"
    assert premise.evidence and premise.evidence[0][1].page == 19
    assert correction(premise, "zh", "[1]") == "文件显示保荐机构为中信建投证券有限责任公司[1]，不是中信证券。"
    # The same firm written short is no false premise.
    assert check_premises("七星电子的保荐机构中信建投证券派了哪两位保荐代表人？", _Text(SPONSOR)) is None
