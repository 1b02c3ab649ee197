"""The figures a draft section is given are the amounts and ratios its instruction names: a share printed beside
an amount ("应收账款 | 占流动资产总额比例（%） | 14.14") is not stated as "应收账款为14.14%"."""

from __future__ import annotations

from types import SimpleNamespace

from analyst_desk.core.drafting.templates import find_template
from analyst_desk.core.drafting.writer import new_draft, section_facts


class _Book:
    """The FactBook's lookup answer for a section (pure logic: which matches the section keeps)."""

    def __init__(self, matches) -> None:
        self.matches = matches

    def lookup(self, text, doc_ids=None, min_label_length=2):
        return SimpleNamespace(query=SimpleNamespace(unknown_issuer=""), matches=self.matches)


def _match(metric: str, unit: str, score: float = 1.0):
    return SimpleNamespace(metric=metric, score=score, fact=SimpleNamespace(unit=unit))


def test_a_share_printed_beside_an_amount_is_not_the_amount_a_section_names():
    draft = new_draft(find_template("company_brief"), "湖西化工股份有限公司", kind="industrial")
    risks = next(s for s in draft.sections if s.title == "经营风险")
    kept = section_facts(_Book([_match("应收账款", "%"), _match("原材料", "万元"), _match("毛利率", "%"),
                                _match("存货", "万元", score=0.5)]), draft, risks, None)
    assert [m.metric for m in kept] == ["原材料", "毛利率"]
