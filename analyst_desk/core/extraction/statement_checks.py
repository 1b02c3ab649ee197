"""Income-statement and cash-flow identities, checked line by line, and said plainly when they cannot be.

Income statement: 营业利润 = 营业总收入 − 营业总成本 + the 加 items (or 营业收入 − the 减 items + the
加 items in the older layout); 利润总额 = 营业利润 + 营业外收入 − 营业外支出; 净利润 = 利润总额 − 所得税;
净利润 = 归属于母公司的净利润 + 少数股东损益. Cash flows: each activity's net flow = inflows − outflows;
the net change = the three net flows + the FX effect; closing cash = opening cash + the net change.

Deductions are tried both signed as printed (财务费用 can be negative: net interest earned) and by
magnitude (statements that print costs as "(1,234)"). Rows the identity does not name but that sit
inside its span (a 其中 breakdown, 少数股东损益 in pre-2007 layouts) may or may not take part; each
reading is tried, and a mismatch under every reading is a failure only when no such row exists.
An identity that lacks a line says which one (``code`` "check.not_checked").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from analyst_desk.core.extraction.check_result import (
    CheckResult,
    amount_tolerance,
    cell_value,
    numeric_columns,
    plain_label,
)
from analyst_desk.core.extraction.extracted_table import ExtractedTable

Match = Callable[[str], bool]
_NUMBERING = re.compile(r"^(?:\d+[.、．]|[(（]\d+[)）]|[a-z][.)])\s*")


def key(label: str) -> str:
    """A row label without numbering, 加/减/其中 prefixes, spaces and a trailing remark in brackets."""
    text = plain_label(label)
    text = _NUMBERING.sub("", text)
    return plain_label(text)


def _prefix(label: str) -> str:
    """加, 减 or 其中 when the label starts with one (after its numbering), else ""."""
    text = re.sub(r"\s+", "", label or "")
    text = re.sub(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])", "", text)
    for word in ("其中", "加", "减", "Less", "Add"):
        if text.startswith(word):
            return {"Less": "减", "Add": "加"}.get(word, word)
    return ""


def _is(*names: str) -> Match:
    lowered = {n.lower() for n in names}
    return lambda k: k.lower() in lowered


def _parent_profit(k: str) -> bool:
    return k.startswith("归属于") and any(w in k for w in ("母公司", "本行", "本公司", "本集团")) and "净利润" in k \
        and "综合收益" not in k and "少数" not in k


def _minority_profit(k: str) -> bool:
    return k == "少数股东损益" or ("少数股东" in k and ("损益" in k or "收益" in k or "净利润" in k) and "综合收益" not in k)


REVENUE_TOTAL = _is("营业总收入")
REVENUE = _is("营业收入", "营业收入合计", "营业总收入合计", "主营业务收入", "Total operating income", "Operating income")
COST_TOTAL = _is("营业总成本", "营业支出", "营业总支出", "营业支出合计", "Total operating expenses")
OPERATING_PROFIT = _is("营业利润", "Operating profit")
PROFIT_BEFORE_TAX = _is("利润总额", "Profit before tax", "Profit before income tax")
NON_OPERATING_INCOME = _is("营业外收入", "Non-operating income")
NON_OPERATING_EXPENSE = _is("营业外支出", "Non-operating expenses")
TAX = _is("所得税费用", "所得税", "Income tax expense", "Income tax")
NET_PROFIT = _is("净利润", "Net profit", "Profit for the year", "Profit for the period")
INTEREST_NET = _is("利息净收入", "Net interest income")
INTEREST_IN = _is("利息收入", "Interest income")
INTEREST_OUT = _is("利息支出", "Interest expense")
FEE_NET = _is("手续费及佣金净收入", "Net fee and commission income")
FEE_IN = _is("手续费及佣金收入", "Fee and commission income")
FEE_OUT = _is("手续费及佣金支出", "Fee and commission expense")


def _has(*words: str) -> Match:
    return lambda k: all(w in k for w in words)


def _activity_net(activity: str) -> Match:
    return lambda k: activity in k and "现金流量净额" in k and "补充" not in k


def _net_change(k: str) -> bool:
    k = k.replace("等价物的净", "等价物净")  # "现金及现金等价物的净增加额"
    if "现金及现金等价物净" in k and ("增加" in k or "减少" in k or "变动" in k):
        return True
    # "现金及现金等价物（减少）/增加额": the direction in brackets, no 净
    plain = re.sub(r"[（(][^）)]*[)）]|[/／]", "", k)
    return plain.startswith("现金及现金等价物") and plain.endswith(("增加额", "减少额", "变动额")) and "余额" not in plain


def _opening_cash(k: str) -> bool:
    return ("期初" in k or "年初" in k) and "现金及现金等价物" in k and "余额" in k


def _closing_cash(k: str) -> bool:
    return ("期末" in k or "年末" in k) and "现金及现金等价物" in k and "余额" in k


FX_EFFECT = _has("汇率变动")

# -- the engine ---------------------------------------------------------------------------------


@dataclass
class Line:
    index: int
    label: str
    key: str
    prefix: str
    row: list[str]


def lines_of(table: ExtractedTable) -> list[Line]:
    return [Line(i, r[0].strip(), key(r[0]), _prefix(r[0]), r) for i, r in enumerate(table.rows)
            if r and r[0].strip()]


def _find(lines: list[Line], match: Match, after: int = -1, before: int | None = None) -> Line | None:
    """The first line matching ``match`` in the span, preferring one that prints amounts (a heading
    "一、营业收入" with its total "营业收入合计" further down)."""
    found = [ln for ln in lines if ln.index > after and (before is None or ln.index < before) and match(ln.key)]
    return next((ln for ln in found if _filled(ln)), found[0] if found else None)


def _filled(line: Line) -> bool:
    return any(c.strip() for c in line.row[1:])


@dataclass
class Identity:
    """``target`` = Σ added (signed as printed) − Σ deducted, ± any of ``optional``."""

    target: Line
    added: list[Line]
    deducted: list[Line]
    optional: list[Line]
    parts: str  # how the parts read, for the message ("营业总收入 − 营业总成本 + 加项")
    #: A line the statement may leave out (汇率变动 when there is none): a mismatch without it is
    #: "not checked, no such line", not a failure.
    lacking: str = ""


def _not_checked(name: str, missing: list[str], index: int, column: int = 0) -> CheckResult:
    lacking = "、".join(missing)
    return CheckResult(index, column, name, Decimal(0), Decimal(0), True, f"{name} not checked: no {lacking} line",
                       "check.not_checked", {"label": name, "missing": lacking}, checked=False)


def _evaluate(identity: Identity, columns: list[int]) -> list[CheckResult]:
    results = []
    label = identity.target.label
    for col in columns:
        total = cell_value(identity.target.row, col)
        plus = [cell_value(ln.row, col) for ln in identity.added]
        minus = [cell_value(ln.row, col) for ln in identity.deducted]
        extra = [cell_value(ln.row, col) for ln in identity.optional]
        if total is None or any(v is None for v in plus + minus):
            continue
        extra = [v for v in extra if v]  # a blank optional row changes nothing
        if len(extra) > 5:
            continue
        tolerance = amount_tolerance([total, *plus, *minus, *extra])
        base_readings = {sum(plus) - sum(minus), sum(plus) - sum(abs(v) for v in minus)}
        matched = None
        for base in sorted(base_readings, key=lambda b: abs(b - total)):
            for signs in itertools.product((0, 1, -1), repeat=len(extra)):
                value = base + sum(s * abs(v) for s, v in zip(signs, extra))
                if abs(value - total) <= tolerance:
                    matched = (value, any(signs))
                    break
            if matched:
                break
        if matched:
            value, with_others = matched
            code = "check.identity_ok_others" if with_others else "check.identity_ok"
            message = f"{label}: {total:,} = {identity.parts}" + (" ± the other rows between them" if with_others else "")
            results.append(CheckResult(identity.target.index, col, label, value, total, True, message, code,
                                       {"label": label, "total": f"{total:,}", "parts": identity.parts}))
            continue
        expected = min(base_readings, key=lambda b: abs(b - total))
        if identity.lacking:
            results.append(_not_checked(label, [identity.lacking], identity.target.index, col))
            continue
        if identity.optional and extra:
            results.append(CheckResult(identity.target.index, col, label, expected, total, True,
                                       f"{label} not checked: which of "
                                       + "、".join(ln.label for ln in identity.optional) + " take part is unclear",
                                       "check.not_checked_rows",
                                       {"label": label, "rows": "、".join(ln.label for ln in identity.optional)},
                                       checked=False))
            continue
        results.append(CheckResult(identity.target.index, col, label, expected, total, False,
                                   f"{label} is {total:,} but {identity.parts} gives {expected:,} "
                                   f"(difference {total - expected:,})", "check.identity_failed",
                                   {"label": label, "total": f"{total:,}", "parts": identity.parts,
                                    "expected": f"{expected:,}", "difference": f"{total - expected:,}"}))
    return results


def _between(lines: list[Line], start: Line, end: Line, *, named: set[int]) -> list[Line]:
    """Rows strictly between two lines that the identity does not name."""
    return [ln for ln in lines if start.index < ln.index < end.index and ln.index not in named]


def _sub_items(rows: list[Line]) -> tuple[list[Line], list[Line]]:
    """(items, breakdowns): a 其中 row and the rows straight after it that start lower-level
    (numbered "（1）", or no 加/减 prefix while the 其中 block lasts) are breakdowns, which may or may not count."""
    items, breakdown = [], []
    in_block = False
    for ln in rows:
        if ln.prefix == "其中":
            breakdown.append(ln)
            in_block = True
            continue
        if in_block and not ln.prefix and not re.match(r"^\s*[一二三四五六七八九十]+[、.．]", ln.label):
            breakdown.append(ln)  # may continue the breakdown ("以摊余成本计量的…终止确认收益")
            continue
        in_block = False
        items.append(ln)
    return items, breakdown


# -- income statement -------------------------------------------------------------------------


def _operating_profit(lines: list[Line]) -> Identity | list[str] | None:
    target = _find(lines, OPERATING_PROFIT)
    revenue = _find(lines, REVENUE_TOTAL, before=target.index if target else None) or \
        _find(lines, REVENUE, before=target.index if target else None)
    if target is None and revenue is None:
        return None
    if target is None:
        return ["营业利润"]
    if revenue is None:
        return ["营业总收入/营业收入"]
    cost = _find(lines, COST_TOTAL, after=revenue.index, before=target.index)
    named = {target.index, revenue.index}
    if cost is not None:
        named.add(cost.index)
        after_cost = _between(lines, cost, target, named=named)
        first_add = next((i for i, ln in enumerate(after_cost) if ln.prefix == "加"), None)
        if first_add is None:
            # No 加 row: what follows 营业总成本 are its items, or, after its total (营业支出合计),
            # impairments printed with their sign; a subtotal (减值损失前营业利润) is neither.
            rest = [ln for ln in after_cost if "利润" not in ln.key] if cost.key.endswith("合计") else []
            return Identity(target, [revenue], [cost], rest, f"{revenue.label} − {cost.label}",
                            lacking="" if rest else "加：投资收益等")
        items, breakdown = _sub_items(after_cost[first_add:])
        return Identity(target, [revenue, *items], [cost], breakdown, f"{revenue.label} − {cost.label} + 加项")
    span = _between(lines, revenue, target, named=named)
    # The older layout: each row takes the sign of the last 加/减 above it; a numbered subtotal
    # (二、主营业务利润) sums what is above it and is skipped.
    added, deducted, breakdown = [revenue], [], []
    sign = ""
    for ln in span:
        if ln.prefix in ("加", "减"):
            sign = ln.prefix
        elif ln.prefix == "其中":
            breakdown.append(ln)
            continue
        if _is_subtotal(ln) and ln.prefix not in ("加", "减"):  # "加：其他业务利润" is an item
            continue
        if not sign:
            return ["营业总成本/减项"]  # rows between revenue and the first 减 row: whose items are they?
        (added if sign == "加" else deducted).append(ln)
    if not deducted:
        return ["营业总成本/减项"]
    # A full statement prints its 加 rows (投资收益…) even when empty; an analysis table without them
    # leaves out lines, so a mismatch there is "not checked", not a failure.
    lacking = "" if any(ln.prefix == "加" for ln in span) else "加：投资收益等"
    return Identity(target, added, deducted, breakdown, f"{revenue.label} − 减项" + (" + 加项" if len(added) > 1 else ""),
                    lacking=lacking)


def _is_subtotal(line: Line) -> bool:
    """A row that sums the rows above it (二、主营业务利润, 营业毛利, …合计)."""
    return line.key.endswith(("利润", "毛利", "小计", "合计", "净额")) or (
        bool(re.match(r"^\s*[一二三四五六七八九十]+[、.．]", line.label)) and "利润" in line.key)


def _simple(lines: list[Line], target_match: Match, target_name: str, added: list[tuple[Match, str, bool]],
            deducted: list[tuple[Match, str]], *, others_from_first: bool = True) -> Identity | list[str] | None:
    """target = Σ added − Σ deducted, the parts found above the target (an added part marked optional
    may be absent); unnamed rows between the first part (or, for subtotals over their items, the last
    part) and the target may take part."""
    target = _find(lines, target_match)
    found_added = [(_find(lines, m, before=target.index if target else None), name, optional)
                   for m, name, optional in added]
    found_deducted = [(_find(lines, m, before=target.index if target else None), name) for m, name in deducted]
    present = [ln for ln, _, _ in found_added if ln] + [ln for ln, _ in found_deducted if ln]
    if target is None and not present:
        return None
    missing = ([] if target else [target_name]) + [n for ln, n, opt in found_added if ln is None and not opt] + \
        [n for ln, n in found_deducted if ln is None]
    if missing:
        return missing
    plus = [ln for ln, _, _ in found_added if ln]
    minus = [ln for ln, _ in found_deducted]
    named = {target.index, *(ln.index for ln in plus + minus)}
    edge = (min if others_from_first else max)(ln.index for ln in plus + minus)
    start = next(ln for ln in lines if ln.index == edge)
    others = _between(lines, start, target, named=named)
    parts = " + ".join(ln.label for ln in plus) + "".join(f" − {ln.label}" for ln in minus)
    return Identity(target, plus, minus, others, parts)


def _split_profit(lines: list[Line]) -> Identity | list[str] | None:
    """净利润 = 归属于母公司的净利润 + 少数股东损益 (the two are printed below 净利润)."""
    parent = _find(lines, _parent_profit)
    minority = _find(lines, _minority_profit)
    net = next((ln for ln in reversed(lines) if NET_PROFIT(ln.key) and (parent is None or ln.index < parent.index)),
               None)
    if parent is None and minority is None:
        return None if net is None else ["归属于母公司所有者的净利润"]
    if net is None:
        return ["净利润"]
    if parent is None:
        return ["归属于母公司所有者的净利润"]
    if minority is None:
        return ["少数股东损益"]
    if minority.index < net.index:  # pre-2007 layout: 净利润 is already the parent's share
        return None
    return Identity(net, [parent, minority], [], [], f"{parent.label} + {minority.label}")


def income_identities(lines: list[Line]) -> list[tuple[str, Identity | list[str] | None]]:
    return [
        ("营业利润", _operating_profit(lines)),
        ("利润总额", _simple(lines, PROFIT_BEFORE_TAX, "利润总额",
                         [(OPERATING_PROFIT, "营业利润", False), (NON_OPERATING_INCOME, "营业外收入", True)],
                         [(NON_OPERATING_EXPENSE, "营业外支出")])),
        ("净利润", _simple(lines, NET_PROFIT, "净利润", [(PROFIT_BEFORE_TAX, "利润总额", False)], [(TAX, "所得税费用")])),
        ("净利润（归属）", _split_profit(lines)),
        ("利息净收入", _simple(lines, INTEREST_NET, "利息净收入", [(INTEREST_IN, "利息收入", False)],
                          [(INTEREST_OUT, "利息支出")])),
        ("手续费及佣金净收入", _simple(lines, FEE_NET, "手续费及佣金净收入", [(FEE_IN, "手续费及佣金收入", False)],
                               [(FEE_OUT, "手续费及佣金支出")])),
    ]


# -- cash flows ---------------------------------------------------------------------------------


def _activity(lines: list[Line], activity: str) -> Identity | list[str] | None:
    heading = next((ln for ln in lines if activity in ln.key and "现金流量" in ln.key and "净额" not in ln.key), None)
    target = _find(lines, _activity_net(activity))
    if heading is not None and target is not None and heading.index < target.index \
            and _find(lines, _has(activity, "现金流入小计")) is None:
        # The older layout: "一、经营活动产生的现金流量：" heads a section whose subtotals say only 现金流入小计.
        section = [ln for ln in lines if heading.index <= ln.index <= target.index]
        return _simple(section, _activity_net(activity), f"{activity}产生的现金流量净额",
                       [(_is("现金流入小计"), f"{activity}现金流入小计", False)],
                       [(_is("现金流出小计"), f"{activity}现金流出小计")], others_from_first=False)
    return _simple(lines, _activity_net(activity), f"{activity}产生的现金流量净额",
                   [(_has(activity, "现金流入小计"), f"{activity}现金流入小计", False)],
                   [(_has(activity, "现金流出小计"), f"{activity}现金流出小计")], others_from_first=False)


def _net_change_identity(lines: list[Line]) -> Identity | list[str] | None:
    target = _find(lines, _net_change)
    nets = [(_find(lines, _activity_net(a), before=target.index if target else None), f"{a}产生的现金流量净额")
            for a in ("经营活动", "投资活动", "筹资活动")]
    if target is None and not any(ln for ln, _ in nets):
        return None
    missing = ([] if target else ["现金及现金等价物净增加额"]) + [n for ln, n in nets if ln is None]
    if missing:
        return missing
    fx = _find(lines, FX_EFFECT, after=max(ln.index for ln, _ in nets), before=target.index)
    added = [ln for ln, _ in nets] + ([fx] if fx else [])
    return Identity(target, added, [], [], " + ".join(ln.label for ln in added),
                    lacking="" if fx else "汇率变动对现金及现金等价物的影响")


def _closing(lines: list[Line]) -> Identity | list[str] | None:
    closing = _find(lines, _closing_cash)
    change = _find(lines, _net_change)
    opening = _find(lines, _opening_cash, after=change.index if change else -1)
    if closing is None and opening is None:
        return None if change is None else ["期末现金及现金等价物余额"]
    missing = [n for ln, n in ((closing, "期末现金及现金等价物余额"), (change, "现金及现金等价物净增加额"),
                               (opening, "期初现金及现金等价物余额")) if ln is None]
    if missing:
        return missing
    start = min(opening, change, key=lambda ln: ln.index)
    others = _between(lines, start, closing, named={opening.index, change.index})
    return Identity(closing, [opening, change], [], others, f"{opening.label} + {change.label}")


def cash_flow_identities(lines: list[Line]) -> list[tuple[str, Identity | list[str] | None]]:
    return [(f"{a}产生的现金流量净额", _activity(lines, a)) for a in ("经营活动", "投资活动", "筹资活动")] + [
        ("现金及现金等价物净增加额", _net_change_identity(lines)),
        ("期末现金及现金等价物余额", _closing(lines)),
    ]


def check_statement(table: ExtractedTable, family: str) -> list[CheckResult]:
    """The identities of ``family`` ("income" or "cash_flow") in every amount column of ``table``."""
    lines = lines_of(table)
    columns = numeric_columns(table)
    identities = income_identities(lines) if family == "income" else cash_flow_identities(lines)
    results: list[CheckResult] = []
    for name, found in identities:
        if found is None:
            continue
        if isinstance(found, list):
            results.append(_not_checked(name, found, 0))
            continue
        results.extend(_evaluate(found, columns))
    if not results:
        # Called a statement (by its title) but printing none of the lines an identity starts from:
        # said as such, rather than silently left without a check.
        name, lines_needed = ("净利润", ["营业利润", "净利润"]) if family == "income" else \
            ("现金及现金等价物净增加额", ["经营活动产生的现金流量净额", "现金及现金等价物净增加额"])
        results.append(_not_checked(name, lines_needed, 0))
    return results
