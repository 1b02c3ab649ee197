"""Tables read from text alignment alone, after Camelot's ``stream`` flavour.

Words are joined into phrases where they sit close together; phrases on the same baseline form a
row; a run of rows with several phrases each is a table. Its columns are the x-ranges covered by
the phrases of its fullest rows (rows with at least the most common phrase count), so a header
spanning two columns does not merge them; every other phrase goes to the column it overlaps most
(a spanning header lands in its leftmost column, as in Camelot). Each text line stays one row, so
multi-line headers keep their lines.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Phrase:
    """Words printed close together on one line."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float


@dataclass
class TextTable:
    rows: list[list[str]]
    bbox: tuple[float, float, float, float]
    #: Text rows the table spans, for callers that compare readings of the same region.
    lines: int
    #: The x-range of each column.
    columns_x: list[tuple[float, float]] = field(default_factory=list)


_LEADER = re.compile(r"[.·…_]+")


def page_phrases(page, clip=None, upright=None, textpage=None) -> list[Phrase]:
    """The page's words joined into phrases: a gap wider than half the line height ends a phrase
    (a normal space is about a quarter of it; column gaps are wider). ``upright`` maps a word's box
    (x0, y0, x1, y1) into the frame where a turned table reads left to right."""
    words = page.get_text("words", clip=clip, sort=False, textpage=textpage)
    if upright is not None:
        words = [(*upright(w[:4]), *w[4:]) for w in words]
    phrases: list[Phrase] = []
    current: list = []
    for word in words:
        if current:
            last = current[-1]
            height = max(last[3] - last[1], 1.0)
            same_line = (word[5], word[6]) == (last[5], last[6])
            # Distance either way: right-to-left scripts list their words from the right.
            gap = max(word[0] - last[2], last[0] - word[2])
            leader, after_leader = _LEADER.fullmatch(word[4]), _LEADER.fullmatch(last[4])
            if same_line and (leader or (gap <= 0.5 * height and not after_leader)):
                current.append(word)  # dot leaders ("Total . . . . 11,062") end their label
                continue
            phrases.append(_phrase(current))
        current = [word]
    if current:
        phrases.append(_phrase(current))
    return [p for p in phrases if p.text.strip()]


def _phrase(words) -> Phrase:
    """Dot leaders are dropped: they only lead the eye to the number, and kept as part of the label
    they would stretch its column over the first number column."""
    kept = [w for w in words if not _LEADER.fullmatch(w[4])] or words
    text = " ".join(w[4] for w in kept)
    if len(kept) < len(words):
        text = text.rstrip(" .·…")
    return Phrase(text, min(w[0] for w in kept), max(w[2] for w in kept), min(w[1] for w in kept),
                  max(w[3] for w in kept))


def text_rows(phrases: list[Phrase]) -> list[list[Phrase]]:
    """Phrases grouped into lines by their vertical middle, each line sorted left to right."""
    rows: list[list[Phrase]] = []
    middles: list[float] = []
    for phrase in sorted(phrases, key=lambda p: ((p.y0 + p.y1) / 2, p.x0)):
        mid = (phrase.y0 + phrase.y1) / 2
        if rows and abs(mid - middles[-1]) < max(phrase.y1 - phrase.y0, 1.0) * 0.5:
            rows[-1].append(phrase)
            middles[-1] = statistics.fmean((p.y0 + p.y1) / 2 for p in rows[-1])
            continue
        rows.append([phrase])
        middles.append(mid)
    for row in rows:
        row.sort(key=lambda p: p.x0)
    return rows


def find_text_tables(phrases: list[Phrase], *, min_rows: int = 3) -> list[TextTable]:
    """Every run of multi-phrase rows on the page, as a grid."""
    rows = text_rows(phrases)
    if not rows:
        return []
    height = statistics.median(max(p.y1 - p.y0, 1.0) for r in rows for p in r)
    tables = []
    for block in _blocks(rows, height, min_rows):
        table = _grid(block)
        if table is None:
            continue
        tables.extend(_side_by_side(table))
    return tables


def _side_by_side(table: TextTable) -> list[TextTable]:
    """Split a grid that is two tables printed side by side: a column of labels (mostly words) right
    after a column of numbers and followed by number columns again, across at least the usual gap."""
    grid, spans = table.rows, table.columns_x
    width = len(spans)
    if width < 4:
        return [table]

    def numeric_share(col: int) -> float:
        cells = [r[col] for r in grid if r[col] and r[col] not in _DASHES]  # "-" stands for no amount
        return sum(1 for c in cells if _AMOUNT.fullmatch(c)) / len(cells) if cells else 1.0

    gaps = [spans[c][0] - spans[c - 1][1] for c in range(1, width)]
    usual = sorted(gaps)[len(gaps) // 2]
    shares = [numeric_share(c) for c in range(width)]
    labelled = [sum(1 for r in grid if r[c] and r[c] not in _DASHES) for c in range(width)]
    splits = [c for c in range(2, width - 1) if shares[c] <= 0.3 and shares[c - 1] >= 0.6
              and labelled[c] >= 0.6 * len(grid)
              and any(share >= 0.6 for share in shares[c + 1:]) and gaps[c - 1] >= usual]
    if not splits:
        return [table]
    split = splits[0]
    left = TextTable([r[:split] for r in grid], (table.bbox[0], table.bbox[1], spans[split - 1][1], table.bbox[3]),
                     table.lines, spans[:split])
    right = TextTable([r[split:] for r in grid], (spans[split][0], table.bbox[1], table.bbox[2], table.bbox[3]),
                      table.lines, spans[split:])
    return [t for t in (left, right) if sum(1 for r in t.rows if any(r)) >= 2]


_DASHES = {"-", "—", "–", "--", "——", "n/a", "N/A", "na", "NA"}
_AMOUNT = re.compile(r"[(\-−]?[\d,.]+%?\)?")


def _blocks(rows: list[list[Phrase]], height: float, min_rows: int) -> list[list[list[Phrase]]]:
    """Runs of rows with two or more phrases; up to two single-phrase lines (a wrapped cell, a
    section label) may sit inside a run; a vertical gap of three line heights ends it."""
    blocks: list[list[list[Phrase]]] = []
    current: list[list[Phrase]] = []
    singles: list[list[Phrase]] = []

    def close() -> None:
        if sum(1 for r in current if len(r) >= 2) >= min_rows:
            blocks.append(list(current))

    for row in rows:
        top = min(p.y0 for p in row)
        previous = (singles or current)[-1] if (singles or current) else None
        if previous is not None and top - max(p.y1 for p in previous) > 3 * height:
            close()
            current, singles = [], []
        if len(row) >= 2:
            current.extend(singles)
            singles = []
            current.append(row)
        elif current:
            singles.append(row)
            if len(singles) > 2:
                close()
                current, singles = [], []
    close()
    return blocks


def _grid(block: list[list[Phrase]]) -> TextTable | None:
    multi = [r for r in block if len(r) >= 2]
    counts = Counter(len(r) for r in multi)
    mode = max(counts, key=lambda n: (counts[n], n))
    full = [r for r in multi if len(r) >= mode]
    columns = _columns([p for r in full for p in r], len(full))
    if len(columns) < 2:
        return None
    if len(block) < 5 and not any(re.search(r"\d", p.text) for r in block for p in r[1:]):
        return None  # a few aligned lines without a figure: a signature block, not a table
    grid = []
    for row in block:
        cells = [""] * len(columns)
        for phrase in row:
            index = _column_of(phrase, columns)
            cells[index] = (cells[index] + " " + phrase.text).strip()
        grid.append(cells)
    if _bulleted_or_prose(grid):
        return None
    everything = [p for r in block for p in r]
    bbox = (min(p.x0 for p in everything), min(p.y0 for p in everything), max(p.x1 for p in everything),
            max(p.y1 for p in everything))
    return TextTable(grid, bbox, len(block), columns)


def _bulleted_or_prose(grid: list[list[str]]) -> bool:
    """A bulleted list (a column of lone symbols beside text) or paragraphs set in columns: aligned,
    but not a table."""
    for col in range(len(grid[0])):
        cells = [r[col] for r in grid if r[col]]
        if cells and all(len(c) == 1 and not c.isalnum() for c in cells):
            return True
    lengths = sorted(len(c) for r in grid for c in r if c)
    return bool(lengths) and lengths[len(lengths) // 2] > 40


def _columns(phrases: list[Phrase], rows: int) -> list[tuple[float, float]]:
    """Column x-ranges: where the phrases of the fullest rows leave no gap. With many rows a lone
    phrase crossing a gap (a spanning cell among them) is outvoted."""
    events = sorted([(p.x0, 1) for p in phrases] + [(p.x1, -1) for p in phrases], key=lambda e: (e[0], -e[1]))
    allowed = rows // 10
    columns: list[tuple[float, float]] = []
    depth = 0
    start = None
    for x, step in events:
        depth += step
        if start is None and depth > allowed:
            start = x
        elif start is not None and depth <= allowed:
            columns.append((start, x))
            start = None
    return columns


def _column_of(phrase: Phrase, columns: list[tuple[float, float]]) -> int:
    overlaps = [min(phrase.x1, b) - max(phrase.x0, a) for a, b in columns]
    best = max(range(len(columns)), key=lambda i: (overlaps[i], -i))
    if overlaps[best] > 0:
        return best
    centre = (phrase.x0 + phrase.x1) / 2
    return min(range(len(columns)), key=lambda i: min(abs(centre - columns[i][0]), abs(centre - columns[i][1])))
