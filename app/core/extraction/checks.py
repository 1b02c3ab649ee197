"""Arithmetic checks on extracted statements: totals add up, the balance sheet balances.

A mismatch almost always means an extraction error (a split cell, a lost minus sign), so it is
reported beside the table instead of being silently written to Excel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from app.core.extraction.numbers import parse_cell
from app.core.extraction.tables import ExtractedTable

_TOTAL = re.compile(r"(合计|总计|总额|Total|total)\s*$")
_BALANCE_LEFT = ("资产总计", "资产合计", "Total assets")
_BALANCE_RIGHT = ("负债及股东权益总计", "负债和股东权益总计", "负债和所有者权益总计", "负债及所有者权益总计",
                  "负债和所有者权益（或股东权益）总计", "Total liabilities and equity")


@dataclass
class CheckResult:
    row: int
    column: int
    label: str
    expected: Decimal
    found: Decimal
    ok: bool
    message: str


def numeric_columns(table: ExtractedTable) -> list[int]:
    """Columns that hold amounts (mostly numeric, and not a note-reference column)."""
    result = []
    body = table.rows[table.header_rows:]
    header = " ".join(" ".join(r) for r in table.rows[:table.header_rows])
    for col in range(1, table.columns):
        cells = [r[col] for r in body if col < len(r) and r[col].strip()]
        if not cells:
            continue
        numeric = [parse_cell(c) for c in cells]
        if sum(1 for c in numeric if c.kind == "number") / len(cells) < 0.6:
            continue
        head = table.rows[0][col] if table.header_rows and col < len(table.rows[0]) else ""
        small_ints = all(c.value is not None and c.value == c.value.to_integral() and abs(c.value) < 100
                         for c in numeric if c.kind == "number")
        if "附注" in head or "Note" in head or (small_ints and "附注" in header):
            continue
        result.append(col)
    return result


def _value(row: list[str], col: int) -> Decimal | None:
    if col >= len(row):
        return None
    cell = parse_cell(row[col])
    return cell.value if cell.kind == "number" else (Decimal(0) if cell.kind == "empty" else None)


def _tolerance(values: list[Decimal]) -> Decimal:
    places = max((-v.as_tuple().exponent for v in values if v is not None), default=0)
    return Decimal(1).scaleb(-places) * max(1, len(values)) / 2


def check_totals(table: ExtractedTable) -> list[CheckResult]:
    """Each 合计/总计 row equals the sum of the item rows since the previous total or section label."""
    results = []
    body = table.rows[table.header_rows:]
    offset = table.header_rows
    columns = numeric_columns(table)
    boundary = 0
    for index, row in enumerate(body):
        label = row[0].strip() if row else ""
        if not _TOTAL.search(label):
            if label and all(not c.strip() for c in row[1:]) and not label.endswith(("：", ":")):
                boundary = index + 1  # a section label such as "负债" starts a new group ("金融投资：" does not)
            continue
        items = body[boundary:index]
        for col in columns:
            total = _value(row, col)
            if total is None or not items:
                continue
            candidates = _candidate_sums(items, col)
            if not candidates:
                continue
            tolerance = _tolerance([total] + [v for v in (_value(r, col) for r in items) if v is not None])
            best = min(candidates, key=lambda s: abs(s - total))
            ok = abs(best - total) <= tolerance
            message = (f"{label}: {total:,} = sum of its items" if ok else
                       f"{label} is {total:,} but its items add up to {best:,} (difference {total - best:,})")
            results.append(CheckResult(index + offset, col, label, best, total, ok, message))
        boundary = index + 1
    return results


def _candidate_sums(items: list[list[str]], col: int) -> list[Decimal]:
    """Sums with and without "其中" (of which) breakdown rows, which repeat part of an item."""
    values = [(r[0].strip() if r else "", _value(r, col)) for r in items]
    all_items = [v for _, v in values if v is not None]
    if not all_items:
        return []
    sums = {sum(all_items)}
    skip_after = [v for i, (label, v) in enumerate(values) if v is not None
                  and not label.startswith("其中") and not (i and values[i - 1][0].startswith("其中"))]
    sums.add(sum(skip_after))
    sums.add(sum(v for label, v in values if v is not None and not label.startswith("其中")))
    return list(sums)


def check_balance(table: ExtractedTable) -> list[CheckResult]:
    """资产总计 must equal 负债及股东权益总计 in every amount column."""
    left = right = None
    for index, row in enumerate(table.rows):
        label = re.sub(r"\s+", "", row[0]) if row else ""
        if label in _BALANCE_LEFT:
            left = (index, row)
        if label in _BALANCE_RIGHT:
            right = (index, row)
    if not left or not right:
        return []
    results = []
    for col in numeric_columns(table):
        a, b = _value(left[1], col), _value(right[1], col)
        if a is None or b is None:
            continue
        ok = a == b
        results.append(CheckResult(right[0], col, right[1][0], a, b, ok,
                                   f"Balance sheet balances: {a:,}" if ok else
                                   f"Balance sheet does not balance: assets {a:,} vs liabilities and equity {b:,}"))
    return results


def is_balance_sheet(table: ExtractedTable) -> bool:
    text = table.title + " " + " ".join(r[0] for r in table.rows if r)
    return "资产负债表" in table.title or "Balance Sheet" in table.title or (
        any(l in text for l in _BALANCE_LEFT) and any(r in text for r in _BALANCE_RIGHT))


def check_table(table: ExtractedTable) -> list[CheckResult]:
    """Totals and balance checks for balance sheets. Income and cash-flow statements nest
    subtotals (利息净收入 = 利息收入 − 利息支出), so a plain sum would raise false alarms: not checked."""
    if not is_balance_sheet(table):
        return []
    return check_totals(table) + check_balance(table)
