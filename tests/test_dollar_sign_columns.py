"""A 10-K prints its "$" signs in columns of their own, and one is often set right after the amount before it
("6,177.4  $"): the sign says the currency, it is no cell. McDonald's cash-flow statement then read its first line
as "Operating activitiesNet income $ 6,177.4" with only two years' amounts — the section line glued to the item,
and 2022's net income inside the label.
"""

from __future__ import annotations

import pytest

from analyst_desk.core.library.table_facts.extract import facts_of_open_document
from analyst_desk.core.pdf import open_pdf
from tests.conftest import SHARED_DATA

MCDONALDS = SHARED_DATA / "en_filings_dev" / "MCDONALDS_2022_10K.pdf"


@pytest.fixture(scope="module")
def cash_flow_facts():
    if not MCDONALDS.is_file():
        pytest.skip(f"{SHARED_DATA} not present (team sample documents)")
    with open_pdf(MCDONALDS) as doc:
        return facts_of_open_document(doc, doc_id="mcd", pages=[39])


def test_the_first_line_of_a_statement_keeps_its_label_and_all_three_years(cash_flow_facts):
    net_income = {f.period: f.value_text for f in cash_flow_facts if f.row_label == "Net income" and f.kind == "value"}
    assert net_income == {"2022": "6,177.4", "2021": "7,545.2", "2020": "4,730.5"}


def test_no_label_holds_a_dollar_sign_or_a_section_line_glued_to_its_item(cash_flow_facts):
    labels = {f.row_label for f in cash_flow_facts}
    assert not [label for label in labels if label.endswith("$") or "activitiesNet" in label]
    assert "Cash provided by operations" in labels
