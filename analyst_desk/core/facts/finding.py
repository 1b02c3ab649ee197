"""Looking a figure up by what it is: document(s), metric, period and scope — the app's own answer.

This is the read side the answering and drafting code uses (through :meth:`FactBook.find` and
:meth:`FactBook.field`); it never guesses:
- the metric is matched against row labels (:func:`analyst_desk.core.facts.lookup.label_score`);
- the period must be one the document reports: a year asked of a balance-sheet line is its
  year-end column ("2022" → "2022-12-31", or a fiscal year end such as "2022-09-24"); a period the
  document prints only in a history note, or not at all, is ``status="no_period"``;
- the scope is the group's (合并) unless ``scope="parent"`` asks for the company alone (母公司);
- the primary statement's figure comes first, then key figures, then notes; a ratio basis (R&D
  intensity table) only when nothing else prints the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyst_desk.core.library.table_facts.model import TABLE_KINDS, Fact
from analyst_desk.core.library.table_facts.periods import ReportCalendar, is_instant, period_of, year_of
from analyst_desk.core.library.table_facts.settle import metric_key

_RANK = {kind: i for i, kind in enumerate(TABLE_KINDS)}


@dataclass
class FoundFact:
    """What :meth:`FactBook.find` found for one metric × period × scope.

    ``status``: "found"; "no_document" (no document in scope is the issuer's); "no_metric" (the
    documents print no row that names the metric); "no_period" (the metric is printed, but not for
    the period asked — ``periods`` lists those that are). ``fact`` is the answer (value, unit,
    currency, page, table_kind, scope, period, conflict); ``others`` are other printings of it
    (key figures, notes), best first. ``conflict`` is non-empty when tables disagree beyond rounding.
    """

    status: str
    metric: str
    period: str = ""
    scope: str = "consolidated"
    fact: Fact | None = None
    others: list[Fact] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    score: float = 0.0

    @property
    def found(self) -> bool:
        return self.status == "found" and self.fact is not None

    @property
    def conflict(self) -> str:
        return self.fact.conflict if self.fact is not None else ""


def canonical_period(text: str, calendar: ReportCalendar | None = None) -> str:
    """A period as the facts store it, from a canonical form or the words of a question
    ("2024", "2024-12-31", "2024H1", "2024年末" → "2024-12-31", "FY2022" → "2022")."""
    text = (text or "").strip()
    if re.fullmatch(r"(?:19|20)\d{2}(?:-\d{2}-\d{2}|H1|Q[1-4]|9M)?", text):
        return text
    return period_of(text, calendar or ReportCalendar())


def period_matches(asked: str, printed: str, year_ends: dict[str, str]) -> int | None:
    """How well a printed period answers the one asked (0 exact, 1 a year's closing balance), or None.

    ``year_ends`` maps a year to the last balance-sheet date the document prints in it (a fiscal
    year end such as "2022-09-24"), so "2022" finds Apple's September 24, 2022 balance sheet."""
    if not asked or not printed:
        return None
    if asked == printed:
        return 0
    if re.fullmatch(r"\d{4}", asked) and is_instant(printed):
        return 1 if printed == year_ends.get(asked, f"{asked}-12-31") else None
    ends = {"H1": "06-30", "Q1": "03-31", "Q3": "09-30", "9M": "09-30"}
    if asked[4:] in ends and printed == f"{asked[:4]}-{ends[asked[4:]]}":
        return 1
    if is_instant(asked) and printed[:4] == asked[:4]:
        # "截至2011年6月30日的营业收入": a flow up to that date is the period that ends on it.
        spans = {"06-30": ("H1",), "03-31": ("Q1",), "09-30": ("9M",), "12-31": ("",)}
        if any(printed == asked[:4] + part for part in spans.get(asked[5:], ())):
            return 2
    return None


def _year_ends(facts: list[Fact]) -> dict[str, str]:
    """Per year, the latest balance-sheet date that statements print (the year's closing balance)."""
    ends: dict[str, str] = {}
    for fact in facts:
        if is_instant(fact.period) and fact.table_kind in ("statement", "key_figures"):
            year = year_of(fact.period)
            ends[year] = max(ends.get(year, ""), fact.period)
    return ends


def find_fact(metric: str, facts: list[Fact], *, period: str = "", scope: str = "consolidated",
              min_score: float = 0.6, include_outside: bool = False, kind: str = "value") -> FoundFact:
    """The figure ``facts`` (one issuer's documents) print for ``metric`` in ``period`` and ``scope``.

    ``period`` "" means the latest period printed. Only value facts are candidates (not the
    tables' change columns) — or, with ``kind="forecast"``, a research note's estimates; a fact
    outside the document's reported periods counts only with ``include_outside``.
    """
    from analyst_desk.core.facts.lookup import label_score

    wanted_scope = scope or "consolidated"
    candidates = []
    for fact in facts:
        if fact.kind != kind or not fact.period or not fact.unit:
            continue
        if (fact.scope or "consolidated") != wanted_scope:
            continue
        label = fact.row_label
        section = (fact.extra or {}).get("section", "")
        score = max(label_score(metric, label), label_score(metric, f"{section} {label}") if section else 0.0)
        if score >= min_score:
            candidates.append((score, fact))
    if not candidates:
        return FoundFact("no_metric", metric, period, wanted_scope)
    top = max(s for s, _ in candidates)
    tier = [(s, f) for s, f in candidates if s >= top - 0.05]
    reported = [(s, f) for s, f in tier if f.in_report or include_outside or kind == "forecast"]
    printed_periods = sorted({f.period for _, f in reported}, reverse=True)
    if not reported:
        return FoundFact("no_period", metric, period, wanted_scope, periods=[], score=top)
    asked = canonical_period(period) if period else ""
    if asked:
        year_ends = _year_ends([f for _, f in reported])
        matched = [(m, s, f) for s, f in reported if (m := period_matches(asked, f.period, year_ends)) is not None]
        if not matched:
            return FoundFact("no_period", metric, asked, wanted_scope, periods=printed_periods, score=top)
        best_match = min(m for m, _, _ in matched)
        pool = [(s, f) for m, s, f in matched if m == best_match]
    else:
        latest = max((f.period for _, f in reported), key=_period_order)
        pool = [(s, f) for s, f in reported if f.period == latest]
    pool.sort(key=lambda sf: (not sf[1].primary, _RANK.get(sf[1].table_kind, len(_RANK)), -sf[0], sf[1].page,
                              sf[1].table_no, sf[1].row_no))
    chosen = pool[0][1]
    others = [f for _, f in pool[1:]]
    if not chosen.primary:
        # The label matched best in a key-figures table ("营业收入"), but the statement prints the
        # same metric × period × scope under its own label ("营业收入合计"): the statement answers.
        key = (metric_key(chosen.row_label), chosen.period, chosen.scope or "consolidated")
        primary = next((f for f in facts if f.primary and f.kind == "value" and
                        (metric_key(f.row_label), f.period, f.scope or "consolidated") == key), None)
        if primary is not None:
            others.insert(0, chosen)
            chosen = primary
    return FoundFact("found", metric, chosen.period, wanted_scope, chosen, others, printed_periods, pool[0][0])


def _period_order(period: str) -> tuple:
    """Latest first: a later year, then a full year or year end before a part of it."""
    full = len(period) == 4 or period.endswith("-12-31")
    return (period[:4], full, period)
