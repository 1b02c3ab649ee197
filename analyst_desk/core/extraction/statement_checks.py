"""Income-statement and cash-flow identities, checked line by line, and said plainly when they cannot be.

Income statement: 营业利润 = 营业总收入 − 营业总成本 + the 加 items (or 营业收入 − the 减 items + the
加 items in the older layout); 利润总额 = 营业利润 + 营业外收入 − 营业外支出; 净利润 = 利润总额 − 所得税;
净利润 = 归属于母公司的净利润 + 少数股东损益. Cash flows: see :mod:`cash_flow_checks`; the engine both run
on: :mod:`statement_identities`.
"""

from __future__ import annotations

import re

from analyst_desk.core.extraction.cash_flow_checks import cash_flow_identities
from analyst_desk.core.extraction.check_result import CheckResult, numeric_columns
from analyst_desk.core.extraction.extracted_table import ExtractedTable
from analyst_desk.core.extraction.statement_identities import (
    SIBLING,
    Identity,
    Line,
    Match,
    between,
    evaluate,
    find,
    lines_of,
    named,
    not_checked,
    simple,
    sub_items,
)


def _parent_profit(k: str) -> bool:
    return k.startswith("归属于") and any(w in k for w in ("母公司", "本行", "本公司", "本集团")) and "净利润" in k \
        and "综合收益" not in k and "少数" not in k


def _minority_profit(k: str) -> bool:
    return k == "少数股东损益" or ("少数股东" in k and ("损益" in k or "收益" in k or "净利润" in k) and "综合收益" not in k)


REVENUE_TOTAL = named("营业总收入")
REVENUE = named("营业收入", "营业收入合计", "营业总收入合计", "主营业务收入", "Total operating income", "Operating income")
COST_TOTAL = named("营业总成本", "营业支出", "营业总支出", "营业支出合计", "Total operating expenses")
OPERATING_PROFIT = named("营业利润", "Operating profit")
PROFIT_BEFORE_TAX = named("利润总额", "Profit before tax", "Profit before income tax")
NON_OPERATING_INCOME = named("营业外收入", "Non-operating income")
NON_OPERATING_EXPENSE = named("营业外支出", "Non-operating expenses")
TAX = named("所得税费用", "所得税", "Income tax expense", "Income tax")
NET_PROFIT = named("净利润", "Net profit", "Profit for the year", "Profit for the period")
INTEREST_NET = named("利息净收入", "Net interest income")
INTEREST_IN = named("利息收入", "Interest income")
INTEREST_OUT = named("利息支出", "Interest expense")
FEE_NET = named("手续费及佣金净收入", "Net fee and commission income")
FEE_IN = named("手续费及佣金收入", "Fee and commission income")
FEE_OUT = named("手续费及佣金支出", "Fee and commission expense")


# -- income statement -------------------------------------------------------------------------


def _operating_profit(lines: list[Line]) -> Identity | list[str] | None:
    target = find(lines, OPERATING_PROFIT)
    revenue = find(lines, REVENUE_TOTAL, before=target.index if target else None) or \
        find(lines, REVENUE, before=target.index if target else None)
    if target is None and revenue is None:
        return None
    if target is None:
        return ["营业利润"]
    if revenue is None:
        return ["营业总收入/营业收入"]
    cost = find(lines, COST_TOTAL, after=revenue.index, before=target.index)
    used = {target.index, revenue.index}
    if cost is not None:
        used.add(cost.index)
        after_cost = between(lines, cost, target, named=used)
        first_add = next((i for i, ln in enumerate(after_cost) if ln.prefix == "加"), None)
        if first_add is None:
            # No 加 row: what follows 营业总成本 are its items, or, after its total (营业支出合计),
            # impairments printed with their sign; a subtotal (减值损失前营业利润) is neither.
            rest = [ln for ln in after_cost if "利润" not in ln.key] if cost.key.endswith("合计") else []
            return Identity(target, [revenue], [cost], rest, f"{revenue.label} − {cost.label}",
                            lacking="" if rest else "加：投资收益等")
        items, breakdown = sub_items(after_cost[first_add:])
        return Identity(target, [revenue, *items], [cost], breakdown, f"{revenue.label} − {cost.label} + 加项")
    span = between(lines, revenue, target, named=used)
    # The older layout: each row takes the sign of the last 加/减 above it; a numbered subtotal
    # (二、主营业务利润) sums what is above it and is skipped; a 其中 row and the unnumbered rows
    # after it ("其中：出口产品销售收入", "进口产品销售收入") break down the item above.
    added, deducted, breakdown = [revenue], [], []
    sign = ""
    in_block = False
    for ln in span:
        if ln.prefix in ("加", "减"):
            sign = ln.prefix
        elif ln.prefix == "其中" or (in_block and not SIBLING.match(ln.label)):
            breakdown.append(ln)
            in_block = True
            continue
        in_block = False
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



def _split_profit(lines: list[Line]) -> Identity | list[str] | None:
    """净利润 = 归属于母公司的净利润 + 少数股东损益 (the two are printed below 净利润)."""
    parent = find(lines, _parent_profit)
    minority = find(lines, _minority_profit)
    net = next((ln for ln in reversed(lines) if NET_PROFIT(ln.key) and (parent is None or ln.index < parent.index)),
               None)
    if parent is None and minority is None:
        return None if net is None else ["归属于母公司所有者的净利润"]
    if net is None:
        return ["净利润"]
    if minority is not None and minority.index < net.index:
        return None  # pre-2007 layout: 少数股东损益 is deducted above, 净利润 is already the parent's share
    if parent is None:
        return ["归属于母公司所有者的净利润"]
    if minority is None:
        return ["少数股东损益"]
    return Identity(net, [parent, minority], [], [], f"{parent.label} + {minority.label}")


def _bank_net(lines: list[Line], target: Match, name: str, income: Match, income_name: str, expense: Match,
              expense_name: str) -> Identity | list[str] | None:
    """A bank's net line (利息净收入 = 利息收入 − 利息支出): None where the net line is not printed (a
    company's 财务费用 breakdown, 其中：利息支出 / 利息收入, is no bank's); the parts above it, as the
    statement prints them, or their subtotals below it, as an analysis table does (利息净收入 first, then
    each source, 利息收入小计, …, 利息支出小计)."""
    net = find(lines, target)
    if net is None:
        return None
    found = simple(lines, target, name, [(income, income_name, False)], [(expense, expense_name)])
    if not isinstance(found, list):
        return found
    below = [find(lines, named(part + "小计", part + "合计"), after=net.index) for part in (income_name, expense_name)]
    if None in below:
        return found
    return Identity(net, [below[0]], [below[1]], [], f"{below[0].label} − {below[1].label}")


def income_identities(lines: list[Line]) -> list[tuple[str, Identity | list[str] | None]]:
    return [
        ("营业利润", _operating_profit(lines)),
        ("利润总额", simple(lines, PROFIT_BEFORE_TAX, "利润总额",
                         [(OPERATING_PROFIT, "营业利润", False), (NON_OPERATING_INCOME, "营业外收入", True)],
                         [(NON_OPERATING_EXPENSE, "营业外支出")])),
        ("净利润", simple(lines, NET_PROFIT, "净利润", [(PROFIT_BEFORE_TAX, "利润总额", False)], [(TAX, "所得税费用")])),
        ("净利润（归属）", _split_profit(lines)),
        # A bank's net lines: a company's 财务费用 breakdown (其中：利息支出 / 利息收入) is no 利息净收入.
        ("利息净收入", _bank_net(lines, INTEREST_NET, "利息净收入", INTEREST_IN, "利息收入", INTEREST_OUT, "利息支出")),
        ("手续费及佣金净收入", _bank_net(lines, FEE_NET, "手续费及佣金净收入", FEE_IN, "手续费及佣金收入",
                                FEE_OUT, "手续费及佣金支出")),
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
            results.append(not_checked(name, found, 0))
            continue
        results.extend(evaluate(found, columns))
    if not results:
        # Called a statement (by its title) but printing none of the lines an identity starts from:
        # said as such, rather than silently left without a check.
        name, lines_needed = ("净利润", ["营业利润", "净利润"]) if family == "income" else \
            ("现金及现金等价物净增加额", ["经营活动产生的现金流量净额", "现金及现金等价物净增加额"])
        results.append(not_checked(name, lines_needed, 0))
    return results
