"""Text preparation and context rules for personal-data detection.

``fold`` rewrites text one character for one character — full-width digits, letters and
punctuation to ASCII, every kind of space to a space, every kind of dash to ``-``, middle dots to
``.`` — so patterns run on the folded text and a match's offsets are the original text's offsets:
the original span (full-width digits, odd separators and all) is what gets masked.

The context rules say when a number that has the shape of a phone or card is a figure instead:
followed by an amount unit or preceded by a currency, part of a decimal or thousands-separated
figure, or one cell in a row of figures (a table) with no contact wording on the line.
"""

from __future__ import annotations

import re

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000" \
          "\u200b\u200c\u200d\u2060\ufeff"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"
_DOTS = "\u00b7\u2027\u30fb\uff65"


def _table() -> dict[int, str]:
    table = {0xFF01 + i: chr(0x21 + i) for i in range(0x5E)}  # full-width ASCII block
    table.update({ord(c): " " for c in _SPACES})
    table.update({ord(c): "-" for c in _DASHES})
    table.update({ord(c): "." for c in _DOTS})
    return table


_FOLD = _table()


def fold(text: str) -> str:
    """``text`` with look-alike characters made ASCII; always the same length as ``text``."""
    return text.translate(_FOLD)



_UNIT_AFTER = re.compile(
    r"\s?(?:[万亿千百]|元|圆|美元|港元|港币|欧元|日元|英镑|人民币|块|股|份|手|笔|户|张|吨|倍|亩|平方|%|‰|bp\b|"
    r"(?:yuan|rmb|cny|usd|hkd|eur|dollars?|million|billion|mn|bn|thousand|shares?)\b)", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:[¥￥$€£]|(?<![A-Za-z])(?:RMB|CNY|USD|HKD|EUR)|人民币)\s?$", re.IGNORECASE)
_CONTACT = re.compile(r"电话|手机|移动电话|联系|致电|拨打|热线|短信|微信|tel|phone|mobile|cell|call|contact",
                      re.IGNORECASE)
_CELL = re.compile(r"[-+(]?\d[\d,]*(?:\.\d+)?%?\)?")
_CELL_EDGE = " \t|│┃"


def is_amount(folded: str, start: int, end: int, delimited: bool = False) -> bool:
    """The number at ``folded[start:end]`` is a figure: a unit or currency beside it, or it is part of one.
    ``delimited``: the number is a cell of a CSV row, where a comma beside it separates fields."""
    after, before = folded[end:end + 12], folded[max(0, start - 8):start]
    if _UNIT_AFTER.match(after) or _CURRENCY_BEFORE.search(before):
        return True
    if delimited:
        return False
    # 13456789012.50, 1,13456789012 — digits joined to it by a decimal point or a thousands comma.
    if len(after) >= 2 and after[0] in ".," and after[1].isdigit():
        return True
    return len(before) >= 2 and before[-1] in ".," and before[-2].isdigit()


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right < 0 else right


def in_table_of_figures(folded: str, start: int, end: int) -> bool:
    """The number is one cell in a row of figures, and nothing on the row says it is a phone number.

    A cell is a figure standing alone between spaces, tabs or rules; a row needs two other figure
    cells besides this one. Dates and figures inside a sentence (``2024年12月31日``) are not cells.
    """
    left, right = _line_bounds(folded, start, end)
    line = folded[left:right]
    if _CONTACT.search(line):
        return False
    if not line[:start - left].strip() and not line[end - left:].strip():
        return _alone_among_figures(folded, left, right)
    s, e = start - left, end - left
    if not ((s == 0 or line[s - 1] in _CELL_EDGE) and (e == len(line) or line[e] in _CELL_EDGE)):
        return False
    cells = []
    for m in _CELL.finditer(line):
        if m.start() < e and m.end() > s:
            continue
        edge_before = m.start() == 0 or line[m.start() - 1] in _CELL_EDGE
        edge_after = m.end() == len(line) or line[m.end()] in _CELL_EDGE
        if edge_before and edge_after:
            cells.append(m.group(0))
    return _figures_row(cells)


#: An 11-digit number with an allocated Chinese mobile prefix.
MOBILE = re.compile(r"1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}")


_EMPTY_CELL = re.compile(r"[-–—/]{1,2}")
_ROW_LABEL = re.compile(r"(?:余额|合计|总计|小计|收入|支出|利润|成本|费用|净额|总额|资产|负债|权益|损失|收益|净值|准备|"
                        r"股本|公积|现金|款项|投资)$")
_DECIMAL_CELL = re.compile(r"[-+(]?\d{1,3}(?:,\d{3})*\.\d{1,4}%?\)?")
_FIGURES_LINE = re.compile(r"(?:约?[-+(]?\d[\d,]*(?:\.\d+)?%?\)?\s*)+")


def _figures_row(cells: list[str]) -> bool:
    """Other cells make a row of figures (empty cells "-" count once a real figure is there).

    Cells that are themselves mobile numbers do not count: a list of phone numbers is not a table.
    """
    figures = [c for c in cells if not MOBILE.fullmatch(c) and not _EMPTY_CELL.fullmatch(c)]
    empty = [c for c in cells if _EMPTY_CELL.fullmatch(c)]
    if not figures:
        return False
    return len(figures) + len(empty) >= 2


def _alone_among_figures(folded: str, left: int, right: int, reach: int = 3) -> bool:
    """A number on a line of its own, with figures alone on nearby lines: a table extracted cell by cell."""
    lines_before = folded[max(0, left - 600):max(0, left - 1)].split("\n")[-reach:] if left else []
    lines_after = folded[right + 1:right + 601].split("\n")[:reach]
    context = " ".join([*lines_before, *lines_after])
    if _CONTACT.search(context):
        return False
    cells = []
    for line in [*lines_before, *lines_after]:
        tokens = line.split()
        # A line of figures ("7,120,484.69 608,068.97", "- 1,127,078.33") is several cells of the same table.
        if tokens and all(_FIGURES_LINE.fullmatch(t) or _EMPTY_CELL.fullmatch(t) for t in tokens):
            cells.extend(tokens)
    if _figures_row(cells):
        return True
    # One neighbouring line holding only a decimal figure ("11.23", "1,127.50"): the cell beside it in the table.
    neighbours = [lines_before[-1] if lines_before else "", lines_after[0] if lines_after else ""]
    if any(_DECIMAL_CELL.fullmatch(line.strip()) for line in neighbours):
        return True
    # Straight after a statement's row label ("营业外支出", "2004 年初余额"): that row's amount.
    return bool(_ROW_LABEL.search(neighbours[0].strip()))
