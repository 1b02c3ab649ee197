"""Cells, not lines: a label that wrapped inside its cell is one row, whichever finder read the grid.

A statement label too long for its column wraps; its amounts sit on the first line, the last line,
or centred between the two ("经营活动产生的现 / amounts / 金流量净额"). Finders that split rows at text
lines leave a label-only row beside a row of amounts with no label. Those rows are joined here.
"""

from __future__ import annotations

import re

from analyst_desk.core.cjk import HAN_RE
from analyst_desk.core.extraction.numbers import parse_cell

#: A label that opens an item of its own ("二、", "(一)", "1.", "其中：", "加：", "减："), not a continuation.
_STARTS_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]\D|"
                          r"其中|加[:：]|减[:：]|[A-Z][a-z]+:)")
_ENDS_HEADING = ("：", ":")


def _label_only(row: list[str]) -> bool:
    return bool(row and row[0].strip()) and not any(c.strip() for c in row[1:])


def _amounts_only(row: list[str]) -> bool:
    """No label, and every filled cell an amount (or a dash for none)."""
    if not row or row[0].strip():
        return False
    filled = [c for c in row[1:] if c.strip()]
    return bool(filled) and all(parse_cell(c).is_numeric or parse_cell(c).kind == "empty" for c in filled)


def _join(a: str, b: str) -> str:
    a, b = a.strip(), b.strip()
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


_CJK_TAIL = HAN_RE


def _labelled_amounts(row: list[str]) -> bool:
    return bool(row and row[0].strip()) and not row[0].strip().endswith(_ENDS_HEADING) and _amounts_only([""] + row[1:])


def _continuation(row: list[str]) -> bool:
    return not _STARTS_ITEM.match(row[0]) and not row[0].strip().endswith(_ENDS_HEADING)


def _join_all(parts) -> str:
    text = ""
    for part in parts:
        text = _join(text, part) if text else part.strip()
    return text


def join_split_labels(rows: list[list[str]], header_rows: int = 0) -> list[list[str]]:
    """Body rows where a wrapped label was split from its amounts, joined into one row each.

    label-only + amounts-without-label (+ label-only continuation) → one row, and amounts-without-label
    + label-only → one row (amounts set a little higher than their label). The continuation is
    taken only when it does not start an item of its own and the first part does not end a heading
    ("流动资产：").
    """
    out = [list(r) for r in rows[:header_rows]]
    body = rows[header_rows:]
    i = 0
    while i < len(body):
        row = body[i]
        nxt = body[i + 1] if i + 1 < len(body) else None
        # A label wrapped onto three or four lines, its amounts beside a middle one
        # ("其中：对联 / 营企业和合营企 / amounts / 业的投资收益"): the lines above the amounts join first.
        lead = i
        while lead + 2 < len(body) and lead - i < 2 and _label_only(body[lead]) and _label_only(body[lead + 1]) \
                and _amounts_only(body[lead + 2]) and _continuation(body[lead + 1]) \
                and not body[lead][0].strip().endswith(_ENDS_HEADING):
            lead += 1
        if lead > i:
            row = [_join_all(r[0] for r in body[i:lead + 1])] + list(body[lead][1:])
            i = lead
            nxt = body[i + 1]
        if nxt is not None and _label_only(row) and _amounts_only(nxt) and not row[0].strip().endswith(_ENDS_HEADING):
            merged = [row[0].strip()] + list(nxt[1:])
            after = body[i + 2] if i + 2 < len(body) else None
            if after is not None and _label_only(after) and not _STARTS_ITEM.match(after[0]) \
                    and not after[0].strip().endswith(_ENDS_HEADING):
                merged[0] = _join(merged[0], after[0])
                i += 1
            out.append(merged)
            i += 2
            continue
        if nxt is not None and _labelled_amounts(row) and _label_only(nxt) and _continuation(nxt) \
                and _CJK_TAIL.fullmatch(nxt[0].strip()):
            # "资产减值损 | amounts" + "失": the label's last character wrapped under it (no heading is
            # one character; "负债" under "非流动资产合计" heads what follows)
            out.append([_join(row[0], nxt[0])] + list(row[1:]))
            i += 2
            continue
        if nxt is not None and _amounts_only(row) and _label_only(nxt) and not nxt[0].strip().endswith(_ENDS_HEADING):
            out.append([nxt[0].strip()] + list(row[1:]))  # amounts printed a little above their label
            i += 2
            continue
        out.append(list(row))
        i += 1
    return out


def is_section_heading(row: list[str]) -> bool:
    """A row that only names a section in its label column ("流动资产：", "一、经营活动产生的现金流量："): the
    first row of a body, never a line of the header above it (unlike "项 目" on a header's middle line)."""
    label = row[0].strip() if row else ""
    return bool(label) and not any(c.strip() for c in row[1:]) and (
        label.endswith(_ENDS_HEADING) or bool(re.match(r"^[一二三四五六七八九十]+[、.．]", label)))


def compact_columns(rows: list[list[str]], header_rows: int) -> list[list[str]]:
    """A ruled grid's columns as the table prints them: columns empty in every row dropped, and a column
    holding only header text ("2008 年") joined with a neighbour holding only amounts and no header —
    the header ruled on another grid than the body splits each year into two columns of which neither
    is the year's (or the labels sit left of the column headed 项目)."""
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    kept = [c for c in range(width) if any(r[c].strip() for r in rows)]
    rows = [[r[c] for c in kept] for r in rows]
    # A section heading alone in the label column ("流动资产：") opens the body, even where it was
    # counted into the header for having no amounts.
    header_rows = next((i for i, r in enumerate(rows[:header_rows]) if i and is_section_heading(r)), header_rows)
    if not header_rows or len(rows) <= header_rows:
        return rows

    def filled(c: int, part: list[list[str]]) -> bool:
        return any(r[c].strip() for r in part)

    head, body = rows[:header_rows], rows[header_rows:]
    header_only = {c for c in range(len(kept)) if filled(c, head) and not filled(c, body)}
    body_only = [c for c in range(len(kept)) if filled(c, body) and not filled(c, head)]
    into: dict[int, int] = {}
    for c in body_only:
        partner = next((h for h in (c + 1, c - 1) if h in header_only and h not in into.values()), None)
        if partner is not None:
            into[c] = partner
    if not into:
        return rows
    out = []
    for i, row in enumerate(rows):
        row = list(row)
        for source, target in into.items():
            if i >= header_rows:
                row[target] = row[source]
            row[source] = None
        out.append([c for c in row if c is not None])
    return out
