"""Cash-flow identities: each activity's net flow = inflows − outflows; the net change = the three net
flows + the FX effect; closing cash = opening cash + the net change.
"""

from __future__ import annotations

import re

from analyst_desk.core.extraction.statement_identities import Identity, Line, Match, between, find, has, named, simple


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


# -- cash flows ---------------------------------------------------------------------------------


def _activity(lines: list[Line], activity: str) -> Identity | list[str] | None:
    heading = next((ln for ln in lines if activity in ln.key and "现金流量" in ln.key and "净额" not in ln.key), None)
    target = find(lines, _activity_net(activity))
    if heading is not None and target is not None and heading.index < target.index \
            and find(lines, has(activity, "现金流入小计")) is None:
        # The older layout: "一、经营活动产生的现金流量：" heads a section whose subtotals say only 现金流入小计.
        section = [ln for ln in lines if heading.index <= ln.index <= target.index]
        return simple(section, _activity_net(activity), f"{activity}产生的现金流量净额",
                       [(named("现金流入小计"), f"{activity}现金流入小计", False)],
                       [(named("现金流出小计"), f"{activity}现金流出小计")], others_from_first=False)
    return simple(lines, _activity_net(activity), f"{activity}产生的现金流量净额",
                   [(has(activity, "现金流入小计"), f"{activity}现金流入小计", False)],
                   [(has(activity, "现金流出小计"), f"{activity}现金流出小计")], others_from_first=False)


def _net_change_identity(lines: list[Line]) -> Identity | list[str] | None:
    target = find(lines, _net_change)
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
