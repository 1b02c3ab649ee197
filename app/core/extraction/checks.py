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
        # Header rows are not always detected ("本集团" above "附注四 | 2024年度"), so look at the first few.
        head = " ".join(r[col] for r in table.rows[:max(table.header_rows, 3)] if col < len(r))
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


#: Identities of an income statement: result = items − |deductions|. Deductions are compared by
#: magnitude because statements print them either as (104,955) or as 104,955 under "减：".
INCOME_IDENTITIES: list[tuple[tuple[str, ...], tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]] = [
    (("利息净收入", "Net interest income"), (("利息收入", "Interest income"),), (("利息支出", "Interest expense"),)),
    (("手续费及佣金净收入", "Net fee and commission income"), (("手续费及佣金收入", "Fee and commission income"),),
     (("手续费及佣金支出", "Fee and commission expense"),)),
    (("利润总额", "Profit before tax", "Profit before income tax"), (("营业利润", "Operating profit"),
                                                                  ("营业外收入", "Non-operating income")),
     (("营业外支出", "Non-operating expenses"),)),
    (("净利润", "Net profit", "Profit for the year"), (("利润总额", "Profit before tax", "Profit before income tax"),),
     (("所得税费用", "所得税", "Income tax expense", "Income tax"),)),
]
_LABEL_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|减[:：]|加[:：]|其中[:：])\s*")


def _plain_label(label: str) -> str:
    label = re.sub(r"\s+", "", label or "")
    while True:
        stripped = _LABEL_PREFIX.sub("", label)
        if stripped == label:
            return re.sub(r"[（(][^）)]*[)）]$", "", label)  # "净利润（亏损以“-”号填列）"
        label = stripped


def is_income_statement(table: ExtractedTable) -> bool:
    labels = {_plain_label(r[0]) for r in table.rows if r}
    return "利润表" in table.title or "Income Statement" in table.title or "Statement of Profit" in table.title or (
        bool(labels & {"净利润", "Net profit"}) and bool(labels & {"利润总额", "利息净收入", "Profit before tax"}))


def check_income(table: ExtractedTable) -> list[CheckResult]:
    """Each income-statement identity whose rows are all in the table, in every amount column."""
    rows: dict[str, tuple[int, list[str]]] = {}
    for index, row in enumerate(table.rows):
        if row:
            rows.setdefault(_plain_label(row[0]).lower(), (index, row))

    def find(aliases: tuple[str, ...]):
        return next((rows[a.lower()] for a in aliases if a.lower() in rows), None)

    results = []
    for result_aliases, added, deducted in INCOME_IDENTITIES:
        target = find(result_aliases)
        plus = [find(a) for a in added]
        minus = [find(a) for a in deducted]
        if target is None or plus[0] is None or any(m is None for m in minus):
            continue
        plus = [p for p in plus if p is not None]  # 营业外收入 may be absent
        for col in numeric_columns(table):
            total = _value(target[1], col)
            values_plus = [_value(p[1], col) for p in plus]
            values_minus = [_value(m[1], col) for m in minus]
            if total is None or any(v is None for v in values_plus + values_minus):
                continue
            expected = sum(values_plus) - sum(abs(v) for v in values_minus)
            tolerance = _tolerance([total, *values_plus, *values_minus])
            ok = abs(expected - total) <= tolerance
            label = target[1][0].strip()
            parts = " + ".join(p[1][0].strip() for p in plus) + " − " + " − ".join(m[1][0].strip() for m in minus)
            message = (f"{label}: {total:,} = {parts}" if ok else
                       f"{label} is {total:,} but {parts} gives {expected:,} (difference {total - expected:,})")
            results.append(CheckResult(target[0], col, label, expected, total, ok, message))
    return results


def _has(*words: str):
    return lambda label: all(w in label for w in words)


_NET_INCREASE = lambda label: "现金及现金等价物净" in label and ("增加" in label or "减少" in label)  # noqa: E731
#: Cash-flow identities as (result, [(row, sign)]): sign +1 adds the signed value, -1 subtracts its magnitude.
CASH_FLOW_IDENTITIES = [
    (_has("经营活动", "现金流量净额"), [(_has("经营活动现金流入小计"), 1), (_has("经营活动现金流出小计"), -1)]),
    (_has("投资活动", "现金流量净额"), [(_has("投资活动现金流入小计"), 1), (_has("投资活动现金流出小计"), -1)]),
    (_has("筹资活动", "现金流量净额"), [(_has("筹资活动现金流入小计"), 1), (_has("筹资活动现金流出小计"), -1)]),
    (_NET_INCREASE, [(_has("经营活动", "现金流量净额"), 0), (_has("投资活动", "现金流量净额"), 0),
                     (_has("筹资活动", "现金流量净额"), 0), (_has("汇率变动"), 0)]),
]


def is_cash_flow_statement(table: ExtractedTable) -> bool:
    labels = " ".join(_plain_label(r[0]) for r in table.rows if r)
    return "现金流量表" in table.title or "Cash Flow" in table.title or (
        "经营活动" in labels and "现金流量净额" in labels)


def check_cash_flow(table: ExtractedTable) -> list[CheckResult]:
    """Each activity's net cash flow = inflows − outflows; the net change = the three activities + FX."""
    labelled = [(index, _plain_label(row[0]), row) for index, row in enumerate(table.rows) if row]

    def find(matches):
        return next(((i, row) for i, label, row in labelled if matches(label)), None)

    results = []
    for result_rule, parts in CASH_FLOW_IDENTITIES:
        target = find(result_rule)
        found = [(find(rule), sign) for rule, sign in parts]
        if target is None or any(f is None for f, _ in found):
            continue
        for col in numeric_columns(table):
            total = _value(target[1], col)
            values = [(_value(f[1], col), sign) for f, sign in found]
            if total is None or any(v is None for v, _ in values):
                continue
            # sign 0: an activity's net flow, signed as printed; -1: an outflow, whichever way it is printed.
            expected = sum(v if sign >= 0 else -abs(v) for v, sign in values)
            ok = abs(expected - total) <= _tolerance([total, *(v for v, _ in values)])
            label = target[1][0].strip()
            message = (f"{label}: {total:,} follows from its parts" if ok else
                       f"{label} is {total:,} but its parts give {expected:,} (difference {total - expected:,})")
            results.append(CheckResult(target[0], col, label, expected, total, ok, message))
    return results


def check_table(table: ExtractedTable) -> list[CheckResult]:
    """Totals and balance for balance sheets; the standard identities for income statements.

    Income statements nest subtotals (利息净收入 = 利息收入 − 利息支出), so a plain "sum of the rows
    above" would raise false alarms there; their named identities are checked instead.
    """
    if is_balance_sheet(table):
        return check_totals(table) + check_balance(table)
    if is_income_statement(table):
        return check_income(table)
    if is_cash_flow_statement(table):
        return check_cash_flow(table)
    return []
