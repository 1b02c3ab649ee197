"""One answer per metric × period × scope in a document, chosen at import by rule.

A report prints the same figure in several tables: the income statement, the key-figures summary
in 万元, an MD&A table, an R&D-intensity table that only reuses revenue as its denominator. The
primary statement wins, then key figures, then notes, then ratio bases; the earliest page breaks
ties. When a statement and a key-figures table disagree beyond rounding (58,737.74 万元 against
587,377,409.99 元 agrees; 4,858.00 against 48.58 does not), both carry the disagreement in
``conflict`` so no one states the figure unflagged. Periods outside those the document's
statements and key figures report are marked ``in_report=False``: for such a period the figure
is "not in the document", even if a history note mentions it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from analyst_desk.core.library.table_facts.model import TABLE_KINDS, UNIT_FACTORS, Fact, printed_decimals
from analyst_desk.core.library.table_facts.periods import year_of

_RANK = {kind: i for i, kind in enumerate(TABLE_KINDS)}
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．)）]|[（(][一二三四五六七八九十\d]{1,2}[)）]|其中[:：]?|减[:：]|"
                   r"加[:：])")


#: Labels that name a position in a table, not a metric: their figures are never compared.
_GENERIC = {"合计", "小计", "总计", "其他", "其它", "其中", "total", "other", "others", "subtotal", "basic", "diluted"}


def metric_key(label: str) -> str:
    """A row label reduced to the metric it names: no numbering, brackets, spaces or case
    ("其中：营业收入" and "营业收入（元）" → "营业收入"; "Total net sales" → "totalnetsales")."""
    text = re.sub(r"\s+", "", label or "")
    text = _ENUM.sub("", text)
    text = re.sub(r"[（(][^）)]{0,16}[)）]", "", text)
    text = re.sub(r"(?:注\d*|\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$", "", text)
    if len(text) >= 4:
        # "营业收入合计" is 营业收入; "资产总计" and "资产总额" are the same line of two tables.
        text = re.sub(r"(?:合计|总计|总额)$", "", text)
    return text.strip("：:").lower()


def _comparable(fact: Fact) -> tuple[Decimal, Decimal] | None:
    """(amount in base units, rounding tolerance) of a fact, or None when its unit has no factor
    and is not a percentage."""
    factor = UNIT_FACTORS.get(fact.unit)
    if factor is None:
        if fact.unit != "%":
            return None
        factor = Decimal(1)
    tolerance = Decimal(5) * Decimal(10) ** (-printed_decimals(fact.value_text) - 1) * factor
    return fact.value * factor, tolerance


def agree(a: Fact, b: Fact) -> bool:
    """Whether two printings of a figure are the same amount within their printed rounding."""
    left, right = _comparable(a), _comparable(b)
    if left is None or right is None:
        return a.unit == b.unit and a.value == b.value
    if (a.unit == "%") != (b.unit == "%"):
        return False
    return abs(left[0] - right[0]) <= max(left[1], right[1]) * Decimal("1.0001")


def _cite(fact: Fact) -> str:
    return f"第{fact.page}页 {fact.value_text}{fact.unit}"


def settle(facts: list[Fact]) -> list[Fact]:
    """Mark each document's primary facts, disagreements and out-of-report periods (in place); returns ``facts``."""
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_doc[fact.doc_id].append(fact)
    for doc_facts in by_doc.values():
        _settle_document(doc_facts)
    return facts


def _reported_years(facts: list[Fact]) -> set[str]:
    """The years the document reports: those its primary statements print, and the earlier years a
    key-figures summary adds (an annual report's three-year table); without statements, the key
    figures' years. Empty when neither kind of table was found (then no period is ruled out)."""
    def years(kind: str) -> set[str]:
        return {year_of(f.period) for f in facts if f.kind == "value" and f.table_kind == kind} - {""}

    statements, key_figures = years("statement"), years("key_figures")
    if not statements:
        return key_figures
    earliest = min(int(y) for y in statements)
    return statements | {y for y in key_figures if int(y) >= earliest - 2}


def _settle_document(facts: list[Fact]) -> None:
    reported = _reported_years(facts)
    groups: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        fact.primary, fact.conflict = False, ""
        fact.in_report = not reported or year_of(fact.period) in reported
        if fact.kind == "value":
            groups[(metric_key(fact.row_label), fact.period, fact.scope or "consolidated")].append(fact)
    for group in groups.values():
        group.sort(key=lambda f: (_RANK.get(f.table_kind, len(_RANK)), f.page, f.table_no, f.row_no))
        best = group[0]
        best.primary = True
        if metric_key(best.row_label) in _GENERIC:
            continue
        for other in group[1:]:
            if other.table_kind not in ("statement", "key_figures") or other.table_no == best.table_no \
                    or agree(best, other):
                continue
            if other.unit != best.unit and (other.unit == "%") != (best.unit == "%"):
                continue  # a share of the figure, not the figure
            best.conflict = "; ".join(filter(None, (best.conflict, _cite(other))))
            other.conflict = "; ".join(filter(None, (other.conflict, _cite(best))))
