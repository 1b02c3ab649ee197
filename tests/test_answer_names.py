"""An answer names the company as the question did, else by its legal name without 股份有限公司 — never by
a made-up abbreviation ("南岭器材") or the city it is in ("东莞2011年1-6月的营业收入…")."""

from __future__ import annotations

from types import SimpleNamespace

from analyst_desk.core.drafting.app_answers import short_name


def _record(company: str) -> SimpleNamespace:
    return SimpleNamespace(company=company, issuer="", issuer_en="")


def test_an_answer_names_the_company_by_the_questions_words_or_its_legal_name():
    assert short_name(_record("东莞勤上光电股份有限公司")) == "东莞勤上光电"
    assert short_name(_record("湖南南岭民用爆破器材股份有限公司")) == "湖南南岭民用爆破器材"
    assert short_name(_record("平安银行股份有限公司")) == "平安银行"
    assert short_name(_record("北京七星华创电子股份有限公司"), question="七星电子2009年营业收入") == "七星电子"
    assert short_name(_record("广东银禧科技股份有限公司"), question="银禧科技和力源信息谁的营业收入高？") == "银禧科技"
