"""The engine every statement identity runs on: a statement's lines, an identity (target = added −
deducted ± optional rows), and its evaluation column by column.

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

from analyst_desk.core.extraction.check_result import CheckResult, amount_tolerance, cell_value, plain_label
from analyst_desk.core.extraction.extracted_table import ExtractedTable

Match = Callable[[str], bool]
NUMBERING = re.compile(r"^(?:\d+[.、．]|[(（]\d+[)）]|[a-z][.)])\s*")
#: A row numbered as a sibling of the items above ("二、", "（三）"): it ends a 其中 breakdown.
SIBLING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])")


def key(label: str) -> str:
    """A row label without numbering, 加/减/其中 prefixes, spaces and a trailing remark in brackets."""
    text = plain_label(label)
    text = NUMBERING.sub("", text)
    return plain_label(text)


def prefix_of(label: str) -> str:
    """加, 减 or 其中 when the label starts with one (after its numbering), else ""."""
    text = re.sub(r"\s+", "", label or "")
    text = re.sub(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])", "", text)
    for word in ("其中", "加", "减", "Less", "Add"):
        if text.startswith(word):
            return {"Less": "减", "Add": "加"}.get(word, word)
    return ""


def named(*names: str) -> Match:
    lowered = {n.lower() for n in names}
    return lambda k: k.lower() in lowered


def has(*words: str) -> Match:
    return lambda k: all(w in k for w in words)


# -- the engine ---------------------------------------------------------------------------------


@dataclass
class Line:
    index: int
    label: str
    key: str
    prefix: str
    row: list[str]


def lines_of(table: ExtractedTable) -> list[Line]:
    return [Line(i, r[0].strip(), key(r[0]), prefix_of(r[0]), r) for i, r in enumerate(table.rows)
            if r and r[0].strip()]


def find(lines: list[Line], match: Match, after: int = -1, before: int | None = None) -> Line | None:
    """The first line matching ``match`` in the span, preferring one that prints amounts (a heading
    "一、营业收入" with its total "营业收入合计" further down)."""
    found = [ln for ln in lines if ln.index > after and (before is None or ln.index < before) and match(ln.key)]
    return next((ln for ln in found if filled(ln)), found[0] if found else None)


def filled(line: Line) -> bool:
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


def not_checked(name: str, missing: list[str], index: int, column: int = 0) -> CheckResult:
    lacking = "、".join(missing)
    return CheckResult(index, column, name, Decimal(0), Decimal(0), True, f"{name} not checked: no {lacking} line",
                       "check.not_checked", {"label": name, "missing": lacking}, checked=False)


def evaluate(identity: Identity, columns: list[int]) -> list[CheckResult]:
    results = []
    label = identity.target.label
    for col in columns:
        total = cell_value(identity.target.row, col)
        plus = [cell_value(ln.row, col) for ln in identity.added]
        minus = [cell_value(ln.row, col) for ln in identity.deducted]
        extra = [cell_value(ln.row, col) for ln in identity.optional]
        if total is None or any(v is None for v in plus + minus):
            continue
        if col >= len(identity.target.row) or not identity.target.row[col].strip():
            continue  # a total that prints nothing here (not even "-") was not read: nothing to check it by
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
            results.append(not_checked(label, [identity.lacking], identity.target.index, col))
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


def between(lines: list[Line], start: Line, end: Line, *, named: set[int]) -> list[Line]:
    """Rows strictly between two lines that the identity does not name."""
    return [ln for ln in lines if start.index < ln.index < end.index and ln.index not in named]


def sub_items(rows: list[Line]) -> tuple[list[Line], list[Line]]:
    """(items, breakdowns): a 其中 row and the rows straight after it that start lower-level
    (numbered "（1）", or no 加/减 prefix while the 其中 block lasts, until a sibling "（二）" or "三、") are
    breakdowns, which may or may not count."""
    items, breakdown = [], []
    in_block = False
    for ln in rows:
        if ln.prefix == "其中":
            breakdown.append(ln)
            in_block = True
            continue
        if in_block and not ln.prefix and not SIBLING.match(ln.label):
            breakdown.append(ln)  # may continue the breakdown ("以摊余成本计量的…终止确认收益")
            continue
        in_block = False
        items.append(ln)
    return items, breakdown



def simple(lines: list[Line], target_match: Match, target_name: str, added: list[tuple[Match, str, bool]],
            deducted: list[tuple[Match, str]], *, others_from_first: bool = True) -> Identity | list[str] | None:
    """target = Σ added − Σ deducted, the parts found above the target (an added part marked optional
    may be absent); unnamed rows between the first part (or, for subtotals over their items, the last
    part) and the target may take part."""
    target = find(lines, target_match)
    found_added = [(find(lines, m, before=target.index if target else None), name, optional)
                   for m, name, optional in added]
    found_deducted = [(find(lines, m, before=target.index if target else None), name) for m, name in deducted]
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
    others = between(lines, start, target, named=named)
    parts = " + ".join(ln.label for ln in plus) + "".join(f" − {ln.label}" for ln in minus)
    return Identity(target, plus, minus, others, parts)
