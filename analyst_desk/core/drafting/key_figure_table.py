"""The financial table of a brief or credit memo, built by the app from facts: the kind's key figures
and ratios (``templates.KEY_FIGURES``) for the latest three periods, each cell cited.

The model never types these figures: a small model asked for "最新的营业收入" wrote half-year figures
as if annual, at full precision, and invented bank ratios for a liquor maker. Here every cell is a
printed fact (money in 亿元/万元, the exact figure kept) or a ratio computed as the answers compute it
(``facts.derived``, marked 计算值), every column is a period in words ("2011年1-6月"), and a metric
the documents do not print is left out rather than guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from analyst_desk.core.drafting.templates import KEY_FIGURES
from analyst_desk.core.facts.derived import STOCKS, compute, find_measure, line_fact, prior_end, stock_periods
from analyst_desk.core.library.table_facts.model import MONEY_UNITS, USD_UNITS, Fact
from analyst_desk.core.period_words import period_words, readable_amount

_FLOW = re.compile(r"^(?:19|20)\d{2}(?:H1|Q[1-4]|9M)?$")
_METRIC_EN = {"营业收入": "Revenue", "净利润": "Net profit", "归母净利润": "Net profit attributable to owners",
              "资产总计": "Total assets", "吸收存款": "Deposits", "发放贷款和垫款": "Loans and advances",
              "所有者权益合计": "Total equity", "经营活动现金流量净额": "Net operating cash flow"}


@dataclass
class Cell:
    """One figure of the table: as shown, exactly as printed, its period, and the facts it cites."""

    text: str
    exact: str
    period: str
    facts: list[Fact]
    computed: bool = False
    formula: str = ""


@dataclass
class KeyFigureTable:
    """Rows (metric, cells by period) for the columns ``periods``; ``notes`` explain computed cells."""

    kind: str
    periods: list[str]
    rows: list[tuple[str, list[Cell | None]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def facts(self) -> list[Fact]:
        return [f for _label, cells in self.rows for c in cells if c is not None for f in c.facts]

    def cells(self) -> list[Cell]:
        return [c for _label, cells in self.rows for c in cells if c is not None]

    def to_text(self, cite, language: str = "zh", report_type: str = "") -> str:
        """The table as text rows ("| 指标 | 2011年1-6月 | …"), each cell followed by ``cite(facts)``
        ("[3]"); a footnote gives the formula of computed cells."""
        head = ["指标" if language == "zh" else "Item"] + [period_words(p, language, report_type=report_type)
                                                          for p in self.periods]
        lines = ["| " + " | ".join(head) + " |"]
        for label, cells in self.rows:
            shown = [label if language == "zh" else _METRIC_EN.get(label, label)]
            for cell in cells:
                shown.append("—" if cell is None else cell.text + ("*" if cell.computed else "") + cite(cell.facts))
            lines.append("| " + " | ".join(shown) + " |")
        if self.notes:
            lines.append(("* 计算值：" if language == "zh" else "* Computed: ") + "；".join(dict.fromkeys(self.notes)))
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {"kind": self.kind, "periods": self.periods,
                "rows": [{"metric": label, "cells": [None if c is None else
                                                     {"text": c.text, "exact": c.exact, "period": c.period,
                                                      "computed": c.computed, "formula": c.formula,
                                                      "pages": sorted({f.page for f in c.facts}),
                                                      "doc_ids": sorted({f.doc_id for f in c.facts})}
                                                     for c in cells]} for label, cells in self.rows]}


def period_end(period: str) -> tuple[int, int]:
    """(year, last month) of a flow period: "2011H1" → (2011, 6), "2010" → (2010, 12); (0, 0) when unknown."""
    match = _FLOW.match(period or "")
    if not match:
        return (0, 0)
    return int(period[:4]), {"H1": 6, "Q1": 3, "Q2": 6, "Q3": 9, "9M": 9}.get(period[4:], 12)


def latest_periods(facts: list[Fact], count: int | None = 3) -> list[str]:
    """The latest ``count`` (all, for None) flow periods the documents' tables report ("2011H1", "2010",
    "2009"), read from the periods printed most often (a year a note mentions once is not a reporting period)."""
    votes = Counter(f.period for f in facts if f.kind == "value" and f.in_report and _FLOW.match(f.period or ""))
    common = [p for p, n in votes.items() if n >= max(3, votes.most_common(1)[0][1] // 10)] if votes else []
    ordered = sorted(common, key=period_end, reverse=True)
    return ordered[:count] if count is not None else ordered


def key_figure_table(facts: list[Fact], kind: str, language: str = "zh", *, count: int = 3,
                     latest: str = "") -> KeyFigureTable | None:
    """The table of ``kind``'s key figures from ``facts`` (one company's documents); None when the
    documents print none of them.

    The columns are the latest ``count`` reporting periods in which the statements print a key figure,
    none after ``latest`` (the documents' own period, "2006H1"): a 2006H1 prospectus prints "2006年度"
    often (its profit forecast, its plans, a half-year column read as the year) without a 2006 income
    statement, and a column of dashes or of half-year figures called 2006年度 there would push
    2006年1-6月's figures out of the table.
    """
    entries = KEY_FIGURES.get(kind, KEY_FIGURES["industrial"])
    columns: list[tuple[str, list[Cell | None]]] = []
    cap = period_end(latest) if period_end(latest)[0] else (9999, 12)
    years: set[str] = set()
    for period in (p for p in latest_periods(facts, None) if period_end(p) <= cap):
        if period[:4] in years:
            continue  # one column a year: 2007年1-6月, not its first quarter beside it
        wanted = [period, *stock_periods(period)]
        printed = [f for f in facts if f.period in wanted]
        lines = [_line_cell(metric, printed, period, language) if entry == "line" else None
                 for metric, entry in entries]
        if sum(cell is not None for cell in lines) >= min(2, sum(entry == "line" for _m, entry in entries)):
            columns.append((period, lines))  # a column with one stray balance (资产总计 7.00万元 in a note) is not a period
            years.add(period[:4])
        if len(columns) == count:
            break
    if not columns:
        return None
    table = KeyFigureTable(kind=kind, periods=[period for period, _cells in columns])
    # A measure reads only its column's period, its balance dates and the year-end before (for averages):
    # matching every line of every table to the statement lines once per cell took 30 s on a prospectus.
    scopes = {period: [f for f in facts if f.period in {period, *stock_periods(period), *prior_end(period)}]
              for period, _lines in columns}
    for row, (metric, entry) in enumerate(entries):
        cells = [lines[row] if entry == "line" else _measure_cell(metric, scopes[period], period, language)
                 for period, lines in columns]
        if any(cells):
            table.rows.append((metric, cells))
            computed = next((cell for cell in cells if cell is not None and cell.computed), None)
            if computed is not None:
                measure = find_measure(metric)
                table.notes.append(f"{measure.zh if language == 'zh' else measure.en} = {computed.formula}")
    return table


def _same(period: str, wanted: list[str]) -> bool:
    return period in wanted


def _line_cell(metric: str, facts: list[Fact], period: str, language: str) -> Cell | None:
    # A balance is read at the balance date first: a "2011H1" column of some note's table is not the balance sheet.
    wanted = list(dict.fromkeys([*stock_periods(period), period] if metric in STOCKS else [period, *stock_periods(period)]))
    fact = line_fact(metric, facts, wanted)
    if fact is None or not _same(fact.period, wanted):
        return None
    if fact.unit in MONEY_UNITS or fact.unit in USD_UNITS:
        amount = readable_amount(fact.value, fact.unit, language, fact.value_text)
        return Cell(amount.text, amount.exact, fact.period, [fact])
    text = fact.value_text.strip() + ("" if fact.unit in fact.value_text else fact.unit)
    return Cell(text, text, fact.period, [fact])


def _measure_cell(metric: str, facts: list[Fact], period: str, language: str) -> Cell | None:
    measure = find_measure(metric)
    if measure is None:
        return None
    derived = compute(measure, facts, [period, *stock_periods(period)])
    if derived is None or not _same(derived.period, [period, *stock_periods(period)]):
        return None
    text = derived.value_text()
    if derived.computed:
        formula = measure.formula(language)
        return Cell(text, text, derived.period, [i.fact for i in derived.inputs], computed=True, formula=formula)
    return Cell(text, text, derived.period, [derived.printed])
