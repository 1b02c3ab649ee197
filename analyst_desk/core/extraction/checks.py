"""Arithmetic checks on extracted statements: totals add up, the balance sheet balances.

A mismatch almost always means an extraction error (a split cell, a lost minus sign), so it is
reported beside the table instead of being silently written to Excel.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Sequence

from analyst_desk.core.extraction.check_result import (
    CheckResult,
    amount_tolerance,
    cell_value,
    numeric_columns,
    plain_label,
)
from analyst_desk.core.extraction.extracted_table import ExtractedTable
from analyst_desk.core.extraction.numbers import parse_cell
from analyst_desk.core.extraction.references import reference_checks
from analyst_desk.core.extraction.statement_checks import check_statement

_TOTAL = re.compile(r"(合计|总计|总额|Total|total)\s*$")
_BALANCE_LEFT = ("资产总计", "资产合计", "Total assets")
_BALANCE_RIGHT = ("负债及股东权益总计", "负债和股东权益总计", "负债和所有者权益总计", "负债及所有者权益总计",
                  "负债和所有者权益（或股东权益）总计", "Total liabilities and equity")


_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:资产|负债|流动资产|非流动资产|流动负债|非流动负债|股东权益|所有者权益|"
                      r"负债和股东权益|负债及股东权益|负债和所有者权益|负债及所有者权益|Assets|Liabilities|Equity|"
                      r"Current assets|Non-current assets|Current liabilities|Non-current liabilities)"
                      r"(?:[（(].*[)）])?[:：]?$", re.IGNORECASE)


_SUMMARY = re.compile(r"主要数据|简要|摘要|主要财务数据|summary|selected|highlights", re.IGNORECASE)


def _is_total(label: str) -> bool:
    return bool(_TOTAL.search(plain_label(label)))


def _is_heading(row: list[str]) -> bool:
    """A section heading ("负债", "流动资产："): a label on its own that names a section. Other rows
    without values are line items left blank this period, which the totals still run through."""
    label = re.sub(r"\s+", "", row[0]) if row else ""
    return bool(label) and all(not c.strip() for c in row[1:]) and bool(_HEADING.match(label))


def check_totals(table: ExtractedTable) -> list[CheckResult]:
    """Each 合计/总计 row against the rows it sums, found from the statement's structure.

    A total sums the items since the previous total or section heading (流动资产合计), or the
    subtotals and items of its section (负债合计 = 流动负债合计 + 非流动负债合计; 股东权益合计 =
    归属于母公司股东权益合计 + 少数股东权益), with or without "其中" breakdown rows. A total that
    none of these readings explains is reported as failed only when its section is plain (only line
    items with values, no 其中 or 加/减 rows); otherwise it is not checked, and a note says so.
    """
    results = []
    body = table.rows[table.header_rows:]
    offset = table.header_rows
    columns = numeric_columns(table)
    unclear = 0
    # A summary (资产负债表主要数据, 简要合并资产负债表) prints only the main lines: a total need not be
    # the sum of the lines printed above it, so one that is not is left unchecked, never failed.
    summary = bool(_SUMMARY.search(table.title))
    for index, row in enumerate(body):
        label = row[0].strip() if row else ""
        if not _is_total(label):
            continue
        starts = _scope_starts(body, index)
        for col in columns:
            total = cell_value(row, col)
            if total is None:
                continue
            candidates = [c for start in starts for c in _readings(body[start:index], col)]
            if not candidates:
                continue
            values = [v for v in (cell_value(r, col) for r in body[starts[0]:index]) if v is not None]
            tolerance = amount_tolerance([total] + values)
            best = min(candidates, key=lambda s: abs(s - total))
            if abs(best - total) <= tolerance:
                results.append(CheckResult(index + offset, col, label, best, total, True,
                                           f"{label}: {total:,} = sum of its items", "check.sum_ok",
                                           {"label": label, "total": f"{total:,}"}))
            elif _plain_section(body[starts[0]:index], col) and not summary:
                flat = _readings(body[starts[0]:index], col)[0]
                results.append(CheckResult(index + offset, col, label, flat, total, False,
                                           f"{label} is {total:,} but its items add up to {flat:,} "
                                           f"(difference {total - flat:,})", "check.sum_failed",
                                           {"label": label, "total": f"{total:,}", "sum": f"{flat:,}",
                                            "difference": f"{total - flat:,}"}))
            else:
                unclear += 1
    table.notes[:] = [n for n in table.notes if not n.endswith(_UNCLEAR)]
    if unclear:
        table.notes.append(f"{unclear} total(s) not checked: {_UNCLEAR}")
    return results


_UNCLEAR = "which rows they sum is unclear"


def _scope_starts(body: list[list[str]], index: int) -> list[int]:
    """Where the rows a total may sum begin: after the previous total or heading first (the plain
    reading), then after every earlier heading and total, and the top of the table."""
    marks = [i + 1 for i in range(index) if _is_total(body[i][0] if body[i] else "") or _is_heading(body[i])]
    nearest = marks[-1] if marks else 0
    return list(dict.fromkeys([nearest, *reversed(marks), 0]))


def _readings(rows: list[list[str]], col: int) -> list[Decimal]:
    """Sums the rows may stand for: plain items (all, without 其中 rows, without a 其中 row and the row
    after it), and the section reading where each earlier total replaces the rows it sums."""
    items = [(r[0].strip() if r else "", cell_value(r, col), _is_total(r[0] if r else "")) for r in rows]
    if any(v is None and not _is_blank(r, col) for r, (_, v, _) in zip(rows, items)):
        return []  # text in an amount column: nothing to add up
    plain = [(label, v or Decimal(0)) for label, v, is_total in items if not is_total]
    sums = []
    if len(plain) == len(items) and plain:
        sums.append(sum(v for _, v in plain))
        sums.append(sum(v for label, v in plain if not label.startswith("其中")))
        sums.append(sum(v for i, (label, v) in enumerate(plain)
                        if not label.startswith("其中") and not (i and plain[i - 1][0].startswith("其中"))))
    for skip_breakdown in (True, False):
        entries: list[Decimal] = []
        since = 0  # where the rows after the last total or heading begin in ``entries``
        for (label, value, is_total), row in zip(items, rows):
            value = value or Decimal(0)
            if skip_breakdown and label.startswith("其中"):
                continue
            if is_total:
                entries = _reduce(entries, value, since)
                since = len(entries)
            else:
                if _is_heading(row):
                    since = len(entries)
                entries.append(value)
        if entries:
            sums.append(sum(entries))
    return sums


def _reduce(entries: list[Decimal], total: Decimal, since: int) -> list[Decimal]:
    """Replace the run of trailing entries that sums to ``total`` by the total itself; a total whose
    rows cannot be told (it nets 减 rows, say) is taken to stand for the rows since the last total."""
    tolerance = amount_tolerance([total, *entries])
    running = Decimal(0)
    for size in range(1, len(entries) + 1):
        running += entries[-size]
        if abs(running - total) <= tolerance:
            return entries[:-size] + [total]
    return entries[:since] + [total]


def _is_blank(row: list[str], col: int) -> bool:
    return col >= len(row) or parse_cell(row[col]).kind == "empty"


def _plain_section(rows: list[list[str]], col: int) -> bool:
    """Two or more line items, each with a value, none a breakdown or an added/deducted item."""
    if len(rows) < 2:
        return False
    for row in rows:
        label = re.sub(r"\s+", "", row[0]) if row else ""
        if not label or label.startswith(("其中", "减", "加", "Less", "Add")) or _is_blank(row, col):
            return False
        if cell_value(row, col) is None:
            return False
    return True


#: How summaries write the two totals when they print no combined right-hand total.
_ASSETS_TOTAL = ("资产总额", "总资产", "资产总值")
_LIABILITIES_TOTAL = ("负债合计", "负债总额", "总负债", "负债总计", "Totalliabilities")
_BALANCE_RIGHT_PATTERN = re.compile(r"^负债.{0,3}(?:股东|所有者).{0,12}[总合]计$|^Totalliabilitiesand.*equity$", re.IGNORECASE)


def check_balance(table: ExtractedTable) -> list[CheckResult]:
    """Assets = liabilities + equity in every amount column: 资产总计 against 负债和股东权益总计, or
    against 负债合计 + 股东权益合计 when the statement prints no combined total. A summary's words
    count too (资产总额/总资产, 负债总额/总负债, a bare 股东权益); where 少数股东权益 is printed on a
    line of its own, equity may be given with it or without it (older statements print it between
    liabilities and equity), so either sum balancing is a pass."""
    left = right = liabilities = equity = minority = None
    for index, row in enumerate(table.rows):
        label = plain_label(row[0]) if row else ""
        if label in _BALANCE_LEFT or label in _ASSETS_TOTAL or label.lower() == "totalassets":
            left = left or (index, row)
        elif label in _BALANCE_RIGHT or _BALANCE_RIGHT_PATTERN.match(label):
            right = (index, row)
        elif label in _LIABILITIES_TOTAL:
            liabilities = (index, row)
        elif re.fullmatch(r"(?:股东|所有者)权益(?:（或股东权益）)?(?:合计|总额|总计)?|Totalequity", label):
            equity = (index, row)
        elif re.fullmatch(r"少数股东权益?", label):
            minority = (index, row)
    if not left or not (right or (liabilities and equity)):
        return []
    results = []
    for col in numeric_columns(table):
        a = cell_value(left[1], col)
        tolerance = Decimal(0)  # two printed totals agree exactly
        if right:
            b, where, what = cell_value(right[1], col), right[0], right[1][0].strip()
        else:
            parts = [cell_value(liabilities[1], col), cell_value(equity[1], col)]
            b = None if None in parts else sum(parts)
            where, what = equity[0], "负债合计 + 股东权益合计"
            extra = cell_value(minority[1], col) if minority else None
            # a sum of rounded figures (a summary in 万元) may be off by rounding, as the totals check allows
            tolerance = amount_tolerance([a, *parts, extra]) if a is not None and None not in parts else tolerance
            if b is not None and a is not None and abs(a - b) > tolerance and extra and abs(a - b - extra) <= tolerance:
                b, what = b + extra, "负债合计 + 少数股东权益 + 股东权益"
        if a is None or b is None or (a == 0 and b == 0):
            continue
        ok = abs(a - b) <= tolerance
        results.append(CheckResult(where, col, what, a, b, ok,
                                   f"Balance sheet balances: assets {a:,} = liabilities and equity" if ok else
                                   f"Balance sheet does not balance: assets {a:,} vs liabilities and equity {b:,}",
                                   "check.balance_ok" if ok else "check.balance_failed",
                                   {"assets": f"{a:,}", "other": f"{b:,}"}))
    return results


def is_balance_sheet(table: ExtractedTable) -> bool:
    text = table.title + " " + " ".join(r[0] for r in table.rows if r)
    return "资产负债表" in table.title or "Balance Sheet" in table.title or (
        any(l in text for l in _BALANCE_LEFT) and any(r in text for r in _BALANCE_RIGHT))


def is_income_statement(table: ExtractedTable) -> bool:
    labels = {plain_label(r[0]) for r in table.rows if r}
    return "利润表" in table.title or "Income Statement" in table.title or "Statement of Profit" in table.title or (
        bool(labels & {"净利润", "Net profit"}) and bool(labels & {"利润总额", "利息净收入", "Profit before tax"}))


def check_income(table: ExtractedTable) -> list[CheckResult]:
    """The income statement's identities (see :mod:`statement_checks`)."""
    return check_statement(table, "income")


def is_cash_flow_statement(table: ExtractedTable) -> bool:
    labels = " ".join(plain_label(r[0]) for r in table.rows if r)
    return "现金流量表" in table.title or "Cash Flow" in table.title or (
        "经营活动" in labels and "现金流量净额" in labels)


def check_cash_flow(table: ExtractedTable) -> list[CheckResult]:
    """The cash-flow statement's identities (see :mod:`statement_checks`)."""
    return check_statement(table, "cash_flow")


def numeric_view(table: ExtractedTable) -> ExtractedTable:
    """The table with every amount rewritten as a plain "-1234.5" by the document's own number
    convention; an amount that could be read two ways becomes text, so no check adds it up."""
    import copy

    view = copy.copy(table)
    view.notes = table.notes  # notes written by a check belong to the table
    rows = []
    for parsed_row, row in zip(table.parsed(), table.rows):
        out = []
        for col, (cell, text) in enumerate(zip(parsed_row, row)):
            if col == 0 or cell.kind == "text" and not cell.flag:
                out.append(text)
            elif cell.flag:
                out.append("?" + text)  # ambiguous: never summed
            elif cell.kind == "empty":
                out.append("" if not text.strip() else "-")
            elif cell.kind == "percent":
                out.append(f"{cell.value * 100}%")
            else:
                out.append(str(cell.value))
        rows.append(out)
    view.rows = rows
    return view


def check_table(table: ExtractedTable, document: Sequence[ExtractedTable] = ()) -> list[CheckResult]:
    """Totals and balance for balance sheets; the standard identities for income statements and
    cash-flow statements. A result with ``checked`` False is an identity that could not be applied,
    and says which line it lacked.

    Income statements nest subtotals (利息净收入 = 利息收入 − 利息支出), so a plain "sum of the rows
    above" would raise false alarms there; their named identities are checked instead.

    ``document``: the other tables read from the same document. A summary (简要合并利润表, 主要财务数据,
    an analysis table of the main lines) whose lines no identity checks is then checked line by line
    against the full statement among them (:mod:`references`).
    """
    view = numeric_view(table)
    if is_balance_sheet(view):
        return check_totals(view) + check_balance(view)
    family = "income" if is_income_statement(view) else "cash_flow" if is_cash_flow_statement(view) else ""
    if not family:
        return []
    results = check_statement(view, family)
    if document and not any(r.ok and r.checked for r in results):
        references = reference_checks(table, view, family, _full_statements(document, table))
        # A summary held against the full statement line by line: the identities it cannot carry (it prints
        # no 营业外支出) say nothing more to the analyst.
        results = references if any(r.checked for r in references) else results + references
    return results


#: A full statement prints at least this many lines with amounts; a subsidiary's 利润表主要数据 that adds up
#: by itself (营业利润, 利润总额, 所得税, 净利润) is no full statement to hold the issuer's summary against.
_FULL_LINES = 10
#: The last documents' full statements, by the tables' identity and content: the Excel writer and the
#: window check every table of one document against the same statements.
_FOUND: dict[tuple, list] = {}


def _full_statements(document: Sequence[ExtractedTable], summary: ExtractedTable):
    """The document's full statements (income, cash flow, balance sheet) that check by themselves (an
    identity or total is ok), with their numeric views: a summary is only held against figures the
    statement's own arithmetic confirms. A 主要财务数据 table mixes lines of all three, so all three count."""
    fingerprint = tuple((id(t), t.title, t.header_rows, tuple(map(tuple, t.rows))) for t in document)
    found = _FOUND.get(fingerprint)
    if found is None:  # the window's worker and its GUI thread may both ask: each keeps its own list
        found = []
        for table in document:
            if not table.title or sum(1 for r in table.rows[table.header_rows:]
                                      if any(parse_cell(c).kind == "number" for c in r[1:])) < _FULL_LINES:
                continue
            view = numeric_view(table)
            if is_balance_sheet(view):
                family, confirmed = "balance", check_totals(view) + check_balance(view)
            else:
                family = "income" if is_income_statement(view) else "cash_flow" if is_cash_flow_statement(view) else ""
                confirmed = check_statement(view, family) if family else []
            if any(r.ok and r.checked for r in confirmed):
                found.append((table, view, family))
        _FOUND.clear()  # one document at a time
        _FOUND[fingerprint] = found
    return [(t, v, f) for t, v, f in found if t is not summary]
