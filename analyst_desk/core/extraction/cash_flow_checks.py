"""Cash-flow identities: each activity's net flow = inflows − outflows; the net change = the three net
flows + the FX effect; closing cash = opening cash + the net change.

The supplement (补充资料, the indirect method) is checked too: the operating net flow = 净利润 + the
adjustments printed between them (a 减 row deducted), and the net change = the closing balances − the
opening balances printed above it (现金的期末余额 − 现金的期初余额 + 现金等价物的期末余额 − …).
"""

from __future__ import annotations

import re

from analyst_desk.core.extraction.statement_identities import (
    NUMBERING,
    Identity,
    Line,
    Match,
    between,
    filled,
    find,
    has,
    named,
    simple,
    sub_items,
)


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


FX_EFFECT = has("汇率变动")
NET_PROFIT = named("净利润", "净利润（亏损）", "净亏损")


def _balance(k: str) -> str:
    """"closing" or "opening" for a cash balance line of the supplement (现金的期末余额, 减：现金等价物的
    期初余额, 现金及现金等价物的年末余额), else ""."""
    if "余额" not in k or "现金" not in k or "增加" in k or "减少" in k:
        return ""
    return "closing" if ("期末" in k or "年末" in k) else "opening" if ("期初" in k or "年初" in k) else ""


# -- cash flows ---------------------------------------------------------------------------------


def _reconciliation(lines: list[Line]) -> Identity | None:
    """The indirect method: 经营活动产生的现金流量净额 = 净利润 + the adjustments printed between them, a
    row marked 减 deducted, a 其中 breakdown optional; None when the operating net flow has no 净利润
    above it, or inflow subtotals between them (the direct method)."""
    target = find(lines, _activity_net("经营活动"))
    if target is None:
        return None
    profit = next((ln for ln in reversed(lines) if ln.index < target.index and NET_PROFIT(ln.key) and filled(ln)), None)
    if profit is None:
        return None
    span = [ln for ln in lines if profit.index < ln.index < target.index]
    if any("现金流入小计" in ln.key or "现金流量净额" in ln.key or "现金流入" in ln.key for ln in span):
        return None
    items, breakdown = sub_items([ln for ln in span if filled(ln)])
    added = [profit] + [ln for ln in items if ln.prefix != "减"]
    deducted = [ln for ln in items if ln.prefix == "减"]
    return Identity(target, added, deducted, breakdown, f"{profit.label} + 调节项目")


def _change_from_balances(lines: list[Line], change: Line | None) -> Identity | None:
    """The supplement's net change = closing balances − opening balances printed above it (rows after the
    last net flow or numbered heading); None when no balance line is printed there (the main statement
    prints its balances after the change)."""
    if change is None:
        return None
    span: list[Line] = []
    for ln in reversed([ln for ln in lines if ln.index < change.index]):
        if "现金流量净额" in ln.key or (NUMBERING.match(ln.label) and not filled(ln)) or _net_change(ln.key):
            break
        span.insert(0, ln)
    closing = [ln for ln in span if _balance(ln.key) == "closing"]
    opening = [ln for ln in span if _balance(ln.key) == "opening"]
    if not closing or not opening:
        return None
    others = [ln for ln in span if not _balance(ln.key) and filled(ln)]
    parts = " + ".join(ln.label for ln in closing) + "".join(f" − {ln.label}" for ln in opening)
    return Identity(change, closing, opening, others, parts)


def _activity(lines: list[Line], activity: str) -> Identity | list[str] | None:
    if activity == "经营活动" and find(lines, _flow(activity, "流入")) is None:
        indirect = _reconciliation(lines)
        if indirect is not None:
            return indirect
    heading = next((ln for ln in lines if activity in ln.key and "现金流量" in ln.key and "净额" not in ln.key), None)
    target = find(lines, _activity_net(activity))
    if heading is not None and target is not None and heading.index < target.index \
            and find(lines, _flow(activity, "流入")) is None:
        # The older layout: "一、经营活动产生的现金流量：" heads a section whose subtotals say only 现金流入小计.
        section = [ln for ln in lines if heading.index <= ln.index <= target.index]
        return simple(section, _activity_net(activity), f"{activity}产生的现金流量净额",
                       [(named("现金流入小计"), f"{activity}现金流入小计", False)],
                       [(named("现金流出小计"), f"{activity}现金流出小计")], others_from_first=False)
    return simple(lines, _activity_net(activity), f"{activity}产生的现金流量净额",
                  [(_flow(activity, "流入"), f"{activity}现金流入小计", False)],
                  [(_flow(activity, "流出"), f"{activity}现金流出小计")], others_from_first=False)


def _flow(activity: str, direction: str) -> Match:
    """An activity's inflow or outflow subtotal, as statements word it (经营活动现金流入小计) or as a summary
    does (经营活动产生的现金流入, 经营活动现金流入合计)."""
    words = (f"现金{direction}小计", f"现金{direction}合计", f"产生的现金{direction}")
    return lambda k: activity in k and k.endswith(words)


def _net_change_identity(lines: list[Line]) -> Identity | list[str] | None:
    target = find(lines, _net_change)
    from_balances = _change_from_balances(lines, target)
    if from_balances is not None:
        return from_balances
    nets = [(find(lines, _activity_net(a), before=target.index if target else None), f"{a}产生的现金流量净额")
            for a in ("经营活动", "投资活动", "筹资活动")]
    if target is None and not any(ln for ln, _ in nets):
        return None
    missing = ([] if target else ["现金及现金等价物净增加额"]) + [n for ln, n in nets if ln is None]
    if missing:
        return missing
    fx = find(lines, FX_EFFECT, after=max(ln.index for ln, _ in nets), before=target.index)
    added = [ln for ln, _ in nets] + ([fx] if fx else [])
    return Identity(target, added, [], [], " + ".join(ln.label for ln in added),
                    lacking="" if fx else "汇率变动对现金及现金等价物的影响")


def _closing(lines: list[Line]) -> Identity | list[str] | None:
    closing = find(lines, _closing_cash)
    change = find(lines, _net_change)
    if _change_from_balances(lines, change) is not None:
        return None  # the supplement prints the balances above the change: checked as the net change
    opening = find(lines, _opening_cash, after=change.index if change else -1)
    if closing is None and opening is None:
        return None if change is None else ["期末现金及现金等价物余额"]
    missing = [n for ln, n in ((closing, "期末现金及现金等价物余额"), (change, "现金及现金等价物净增加额"),
                               (opening, "期初现金及现金等价物余额")) if ln is None]
    if missing:
        return missing
    start = min(opening, change, key=lambda ln: ln.index)
    others = between(lines, start, closing, named={opening.index, change.index})
    return Identity(closing, [opening, change], [], others, f"{opening.label} + {change.label}")


def cash_flow_identities(lines: list[Line]) -> list[tuple[str, Identity | list[str] | None]]:
    return [(f"{a}产生的现金流量净额", _activity(lines, a)) for a in ("经营活动", "投资活动", "筹资活动")] + [
        ("现金及现金等价物净增加额", _net_change_identity(lines)),
        ("期末现金及现金等价物余额", _closing(lines)),
    ]
