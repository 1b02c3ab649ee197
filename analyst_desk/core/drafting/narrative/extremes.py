"""Which item of a list is the largest (or smallest): "投资最大的募投项目是哪个，投资多少？" — two hops, the list
and then its figures, answered from the table that prints both, no model.

The list is the one :mod:`lists` finds for the question's topic (the words after the superlative: "募投项目");
it must be a table, whose rows print each item's figures. The column read is the one whose header says most
of the question ("投资总额（万元）" for 投资); else the first column with a figure in most rows. The item and its
figure are given as printed, with the header and the table's unit line, cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from analyst_desk.core.drafting.narrative.text import bigrams

_MOST = re.compile(r"最大|最高|最多|\b(?:largest|biggest|highest|most)\b", re.IGNORECASE)
_LEAST = re.compile(r"最小|最低|最少|\b(?:smallest|lowest|least)\b", re.IGNORECASE)
#: The question asks which item, not for a figure alone.
_WHICH = re.compile(r"哪个|哪一个|哪家|哪一家|哪项|哪一项|哪类|是什么项目|\bwhich\b|\bwhat (?:is|was) the (?:largest|biggest|"
                    r"highest|smallest|lowest)\b", re.IGNORECASE)
_AMOUNT = re.compile(r"^\s*[$￥¥]?\s*\(?-?\d[\d,]*(?:\.\d+)?\)?\s*%?\s*$")
_UNIT_LINE = re.compile(r"单位[：:]\s*([^\s|]+)|\((?:dollars |amounts )?in (millions|thousands|billions)\)", re.IGNORECASE)


def extreme_of(question: str) -> int:
    """+1 for a question asking which item is largest, -1 for the smallest, 0 for neither."""
    if not _WHICH.search(question):
        return 0
    if _MOST.search(question):
        return 1
    if _LEAST.search(question):
        return -1
    return 0


def topic_without_extreme(question: str) -> str:
    """The question without its superlative and what it measures by: "计划投资额最大的募投项目是哪个" → "…募投项目…"."""
    text = re.sub(r"[^，,。？?]*?(?:最大|最高|最多|最小|最低|最少)的?", " ", question, count=1)
    return re.sub(r"\b(?:largest|biggest|highest|most|smallest|lowest|least)\b", " ", text, flags=re.IGNORECASE)


@dataclass
class Extreme:
    """The item found, its figure as printed, the column's header, the table's unit, and the passage."""

    item: str
    value: str
    header: str
    unit: str
    passage: object
    of: int


def _number(cell: str) -> Decimal | None:
    if not _AMOUNT.match(cell or ""):
        return None
    text = re.sub(r"[^\d.\-()]", "", cell)
    negative = text.startswith("(") or text.startswith("-")
    try:
        value = Decimal(text.strip("()-"))
    except InvalidOperation:
        return None
    return -value if negative else value


def _column(rows: dict[str, list[str]], header: list[str], question: str) -> int | None:
    """The column to compare: the header saying most of the question, among columns with figures in most rows."""
    width = max((len(r) for r in rows.values()), default=0)
    numeric = [i for i in range(width) if sum(1 for r in rows.values() if i < len(r) and _number(r[i]) is not None)
               * 3 >= len(rows) * 2]
    if not numeric:
        return None
    asked = bigrams(question)
    return max(numeric, key=lambda i: (len(bigrams(header[i]) & asked) if i < len(header) else 0, -i))


def find_extreme(candidate, question: str, direction: int) -> Extreme | None:
    """The item of a table candidate (:class:`list_items.Candidate`) with the largest (smallest) figure."""
    rows: dict[str, list[str]] = candidate.extra.get("rows") or {}
    header: list[str] = candidate.extra.get("header") or []
    if len(rows) < 2:
        return None
    column = _column(rows, header, question)
    if column is None:
        return None
    values = {item: _number(row[column]) for item, row in rows.items() if column < len(row)}
    values = {k: v for k, v in values.items() if v is not None}
    if len(values) < 2:
        return None
    best = (max if direction > 0 else min)(values, key=values.__getitem__)
    passage = next((p for name, p in candidate.items if name == best), candidate.items[0][1])
    unit = _UNIT_LINE.search(f"{candidate.extra.get('caption', '')} {passage.text}")
    return Extreme(best, rows[best][column].strip(), header[column] if column < len(header) else "",
                   (unit.group(1) or unit.group(2)) if unit else "", passage, len(values))
