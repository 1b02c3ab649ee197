"""A summary table checked line by line against the full statement of the same document.

A prospectus prints its income and cash-flow statements in full (in 元) in 财务会计信息, and again as
summaries (简要合并利润表, 合并利润表主要数据, 损益表主要数据, in 万元) in its 概览 and its analysis: only
the main lines, so no identity adds them up. Each summary line is instead compared with the same line and
period of the full statement, value × unit, within the rounding of the two printed figures.

Only figures that can be trusted are compared: the full statement must check by itself (an identity of it
is ok) and be of the same scope (consolidated, the parent company's, pro forma). A figure that differs
fails only where most lines of its column agree with the statement; a column that agrees nowhere is
another company's (a subsidiary's 主要财务数据) or another basis (restated, older standards), and says so
instead of failing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from analyst_desk.core.extraction.check_result import CheckResult, cell_value, numeric_columns
from analyst_desk.core.extraction.extracted_table import ExtractedTable
from analyst_desk.core.extraction.numbers import Unit, detect_unit
from analyst_desk.core.extraction.periods import Period, column_periods
from analyst_desk.core.extraction.statement_identities import key

#: A summary's title or heading: it prints the main lines only.
SUMMARY_TITLE = re.compile(r"主要数据|简要|摘要|简表|主要财务数据|主要会计数据|summary|selected|highlights", re.IGNORECASE)
#: Words that make a statement a different one from the consolidated statement of the same name.
_SCOPES = ("母公司", "备考", "模拟")
#: Lines that are no amount in the table's unit (per-share figures, ratios, counts).
_NOT_AMOUNT = re.compile(r"每股|率|比例|比重|%|％|倍|次数|元/股|股数|人数")
_FAMILY_NAMES = {"income": "利润表", "cash_flow": "现金流量表"}
#: Two names of one line, for a statement that prints only one of them (营业总收入 with no 其中：营业收入).
_SAME_LINE = {"营业收入": "营业总收入", "营业总收入": "营业收入"}


@dataclass(frozen=True)
class _Printed:
    """One amount of a full statement: its line as printed, value and rounding in yuan, page."""

    amount: str
    unit: str
    yuan: Decimal
    rounding: Decimal
    page: int


def metric(label: str) -> str:
    """A line's name as both tables may word it: no numbering, prefixes, bracketed remarks, 的/产生,
    所有者 read as 股东, 本公司/本集团/本行 as 母公司 ("归属于母公司所有者的净利润" = "归属于本公司股东的净利润"),
    净增加额 as 增加额; a line net of non-recurring items (扣除非经常性损益后…) is its own line."""
    # 扣除非经常性损益后 (in brackets or not) makes it another line, whatever else the label says
    excluding = "扣非" if re.search(r"扣除|扣非|非经常", label or "") else ""
    text = excluding + re.sub(r"[（(][^）)]*[)）]", "", key(label))
    text = text.replace("所有者", "股东").replace("普通股股东", "股东")
    text = re.sub(r"的|产生", "", text)
    text = re.sub(r"归属于(?:本公司|本集团|本行|公司|母公司)", "归属于母公司", text)
    return text.replace("净增加额", "增加额").rstrip(":：")


def heading(table: ExtractedTable) -> str:
    """The table's title, else the heading printed right above it ("（二）损益表主要数据", which names no
    statement the title finder knows)."""
    if table.title.strip():
        return table.title
    above = [t.strip() for t in table.text_above if t.strip() and not re.search(r"[，。；]", t)]
    return above[-1] if above else ""


def is_summary(table: ExtractedTable) -> bool:
    return bool(SUMMARY_TITLE.search(heading(table)))


#: A parent company's own statement named by what the company is ("银行利润表", "本公司现金流量表").
_PARENT = re.compile(r"(?:本行|银行|本公司)(?:的)?(?:资产负债表|利润表|现金流量表)")


def _scope(text: str) -> frozenset[str]:
    words = {w for w in _SCOPES if w in text}
    if "合并" not in text and _PARENT.search(text):
        words.add("母公司")
    return frozenset(words)


def _header(table: ExtractedTable, col: int) -> str:
    return " ".join(r[col] for r in table.rows[:max(table.header_rows, 1)] if col < len(r))


def _column_units(table: ExtractedTable, columns: list[int]) -> dict[int, Unit]:
    """Each amount column's unit: the table's, else its header's ("金额（万元）"), else the label column's
    header's ("项目（万元）"). A column of growth rates or shares ("增长率（%）", "占比") has none."""
    fallback = table.unit or detect_unit(_header(table, 0))
    units = {}
    for col in columns:
        if _NOT_AMOUNT.search(_header(table, col)) or re.search(r"增长|增幅|增减|变动", _header(table, col)):
            continue
        unit = table.unit or detect_unit(_header(table, col)) or fallback
        if unit is not None:
            units[col] = unit
    return units


def _in_yuan(text: str, unit: Unit) -> tuple[Decimal, Decimal] | None:
    """(value in yuan, half a unit of its last printed place in yuan)."""
    value = cell_value([text], 0)
    if value is None:
        return None
    places = -value.as_tuple().exponent
    return value * unit.factor, Decimal(1).scaleb(-places) * unit.factor / 2


def _periods(view: ExtractedTable, columns: list[int]) -> dict[int, Period]:
    """Each amount column's period. A heading printed off its column (a wide "2009 年度" over a narrow
    amount column, read into the empty column beside it) names the amount column next to it that has
    no heading of its own, when only one such column is next to it."""
    periods = column_periods(view, columns)
    stray = column_periods(view, [c for c in range(1, view.columns) if c not in columns])
    for col, period in stray.items():
        free = [c for c in (col - 1, col + 1) if c in columns and c not in periods]
        if len(free) == 1 and period not in periods.values():
            periods[free[0]] = period
    return periods


def _statement_amounts(statement: ExtractedTable, view: ExtractedTable, scope: frozenset[str]
                       ) -> dict[tuple[str, Period], list[_Printed]]:
    """(line, period) → the statement's amounts, from the columns of ``scope`` (a statement printing
    合并 and 母公司 columns side by side gives the consolidated ones to a consolidated summary)."""
    columns = numeric_columns(view)
    units = _column_units(view, columns)
    amounts: dict[tuple[str, Period], list[_Printed]] = {}
    totals: dict[tuple[str, Period], list[_Printed]] = {}
    for col, period in _periods(view, columns).items():
        header = _header(view, col)
        if col not in units or ("母公司" in header) != ("母公司" in scope) or ("合并" in header and "母公司" in scope):
            continue
        for index, row in enumerate(view.rows[view.header_rows:], start=view.header_rows):
            if not row or not row[0].strip() or col >= len(row) or not row[col].strip():
                continue
            found = _in_yuan(row[col], units[col])
            if found is None:
                continue
            printed = _Printed(statement.rows[index][col].strip(), units[col].name, *found, statement.page_of(index))
            name = metric(row[0])
            amounts.setdefault((name, period), []).append(printed)
            if name.endswith(("合计", "总计")):  # "一、营业收入" is a heading, its amount on 营业收入合计
                totals.setdefault((name[:-2], period), []).append(printed)
    for k, printed in totals.items():
        amounts.setdefault(k, printed)
    return amounts


def reference_checks(table: ExtractedTable, view: ExtractedTable, family: str,
                     statements: Sequence[tuple[ExtractedTable, ExtractedTable, str]]) -> list[CheckResult]:
    """Each amount line of ``table`` (``view``: its amounts as plain numbers; ``family``: "income" or
    "cash_flow") against ``statements`` (the document's full statements that check by themselves, each
    with its view and family: a 主要财务数据 table mixes lines of all three statements).

    Results: "check.reference_ok"; "check.reference_failed" naming the line, both amounts and both
    pages; not checked (``checked`` False) naming what is missing — a full statement of the scope among
    the tables read, the unit, the statement's line or its amount for the period, or enough agreeing
    lines to tell a misread figure from another company's or another basis's. A table not called a
    summary gets results only where one of its lines is a line of the statement."""
    summary = is_summary(table)
    name = _FAMILY_NAMES[family]
    title = heading(table)
    scope = _scope(title)
    matching = [(s, v, f) for s, v, f in statements if _scope(s.title) == scope]
    columns = numeric_columns(view)
    units = _column_units(view, columns)
    if not any(f == family for _, _, f in matching) or not units:
        if not summary:
            return []
        if units:
            statement = "".join(w for w in _SCOPES if w in scope) + ("合并" if "合并" in title else "") + name
            return [_not_checked(0, 0, title or name, "check.reference_no_statement", {"statement": statement})]
        return [_not_checked(0, 0, title or name, "check.reference_no_unit", {})]
    index: dict[tuple[str, Period], list[_Printed]] = {}
    for statement, statement_view, _ in matching:
        for k, printed in _statement_amounts(statement, statement_view, scope).items():
            index.setdefault(k, []).extend(printed)
    lines = {k[0] for k in index}
    # where each line is printed, to name the pages when its period is not
    printed_on = {line: "、".join(dict.fromkeys(str(p.page) for k, found in sorted(index.items(), key=lambda i: i[0][1].year)
                                                if k[0] == line for p in found)) for line in lines}
    # a line not found is said against the statement of the table's own kind
    pages = "、".join(dict.fromkeys(str(p) for s, _, f in matching if f == family for p in s.pages))
    periods = _periods(view, columns)
    results: list[CheckResult] = []
    compared: list[tuple[CheckResult, bool]] = []
    for row_index, row in enumerate(view.rows[view.header_rows:], start=view.header_rows):
        label = row[0].strip() if row else ""
        if not label or _NOT_AMOUNT.search(label):
            continue
        values = {col: row[col] for col in columns if col in units and col < len(row)
                  and cell_value(row, col) is not None and row[col].strip() not in ("", "-")}
        if not values:
            continue
        name_key = metric(label)
        if name_key not in lines:
            name_key = _SAME_LINE.get(name_key, name_key)
        if name_key not in lines:
            results.append(_not_checked(row_index, min(values), label, "check.reference_no_line", {"pages": pages}))
            continue
        for col, text in values.items():
            period = periods.get(col)
            printed = index.get((name_key, period)) if period else None
            if not printed:
                what = period.text() if period else _header(view, col).strip()
                results.append(_not_checked(row_index, col, label, "check.reference_no_period",
                                            {"period": what, "pages": printed_on[name_key]}))
                continue
            value, rounding = _in_yuan(text, units[col])
            closest = min(printed, key=lambda p: abs(p.yuan - value))
            ok = abs(closest.yuan - value) <= rounding + closest.rounding
            params = {"label": label, "period": period.text(), "amount": table.rows[row_index][col].strip(),
                      "unit": units[col].name, "page": table.page_of(row_index), "other": closest.amount,
                      "other_unit": closest.unit, "other_page": closest.page}
            compared.append((_compared(row_index, col, closest.yuan, value, ok, params), ok))
    if not summary and not compared:
        return []
    return results + _confirmed(compared)


def _compared(row: int, col: int, expected: Decimal, found: Decimal, ok: bool, params: dict) -> CheckResult:
    from analyst_desk.core.catalog import render

    code = "check.reference_ok" if ok else "check.reference_failed"
    return CheckResult(row, col, params["label"], expected, found, ok, render(code, params), code, params)


def _confirmed(compared: list[tuple[CheckResult, bool]]) -> list[CheckResult]:
    """A differing figure fails only where at least two other lines of its column agree, and more agree
    than differ: the column is then this statement's period, and the one figure is misread or misprinted."""
    results = []
    for result, ok in compared:
        column = [agrees for other, agrees in compared if other.column == result.column]
        agreeing, differing = sum(column), len(column) - sum(column)
        if ok or (agreeing >= 2 and agreeing > differing):
            results.append(result)
        else:
            results.append(_not_checked(result.row, result.column, result.label, "check.reference_unconfirmed",
                                        dict(result.params)))
    return sorted(results, key=lambda r: (r.row, r.column))


def _not_checked(row: int, col: int, label: str, code: str, params: dict) -> CheckResult:
    from analyst_desk.core.catalog import render

    params = {"label": label, **params}
    return CheckResult(row, col, label, Decimal(0), Decimal(0), True, render(code, params), code, params,
                       checked=False)
