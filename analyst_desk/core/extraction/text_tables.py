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

from analyst_desk.core.cjk import CJK_WIDE


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
    #: Note, source and footnote lines printed under the table.
    notes: list[str] = field(default_factory=list)
    #: Rows at the top that are its header (several text lines joined into one row count once).
    header_rows: int = 0
    #: Where each row is set: (top, bottom) of its lines.
    row_spans: list[tuple[float, float]] = field(default_factory=list)


_LEADER = re.compile(r"[.·…_]+")
#: A bullet printed apart from its text: it belongs to the text's cell, not a column of its own.
_BULLET = re.compile(r"[•●▪■◦○►▶·]")  # not "-": in a table it stands for "none"
#: Lines under a table that are its note, not its rows.
NOTE = re.compile(r"^\s*(?:(?:Source|Sources|Note|Notes|Footnote|资料来源|数据来源|来源|注|说明)\s*\d*\s*[:：]|"
                  r"Adapted from|\*\s*\S|[¹²³⁴⁵⁶⁷⁸⁹]|[(（][1-9a-z][)）]\s+\S|[①②③④⑤])", re.IGNORECASE)


#: One whole amount written with a separator ("-135,103,749.88", "1.234,5", "(3,597)"): two of them side
#: by side are two cells, however narrow the gap the typesetter left ("-135,103,749.88  -48,090,366.09").
GROUPED_AMOUNT = re.compile(r"[(\-−]?\d{1,3}(?:[,.'’]\d{3})+(?:[.,]\d{1,4})?\)?|[(\-−]?\d+[.,]\d{1,2}\)?")


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
            bullet = _BULLET.fullmatch(last[4]) and len(current) == 1 and gap <= 3 * height
            two_amounts = bool(GROUPED_AMOUNT.fullmatch(last[4]) and GROUPED_AMOUNT.fullmatch(word[4]))
            if same_line and not two_amounts and (leader or bullet or (gap <= 0.5 * height and not after_leader)):
                current.append(word)  # dot leaders ("Total . . . . 11,062") end their label
                continue
            phrases.append(_phrase(current))
        current = [word]
    if current:
        phrases.append(_phrase(current))
    return [p for p in phrases if p.text.strip()]


def _phrase(words) -> Phrase:
    """Dot leaders are dropped: they only lead the eye to the number, and kept as part of the label
    they would stretch its column over the first number column. A bullet opening the phrase stays."""
    bullet = len(words) > 1 and _BULLET.fullmatch(words[0][4])
    kept = [w for i, w in enumerate(words) if not _LEADER.fullmatch(w[4]) or (bullet and i == 0)] or words
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
    for block, notes in _blocks(rows, height, min_rows):
        table = _grid(block, height)
        if table is None:
            continue
        table.notes = notes
        tables.extend(piece for side in _side_by_side(table) for piece in _stacked(side))
    return tables


#: A column head that names a period: "2021", "2022E", "FY2024", "2024年", "2023H1".
PERIOD_HEAD = re.compile(r"(?:FY\s?)?(?:19|20)\d{2}(?:[AEFPB]|H[12]|Q[1-4]|年度?)?", re.IGNORECASE)


def period_header(texts: list[str]) -> bool:
    """A row that heads columns with periods: a label, then two or more period names and nothing else
    ("现金流量表(百万元) | 2021 | 2022E | 2023E")."""
    heads = [t.strip() for t in texts[1:] if t.strip()]
    return bool(texts) and bool(texts[0].strip()) and not PERIOD_HEAD.fullmatch(texts[0].strip()) \
        and len(heads) >= 2 and all(PERIOD_HEAD.fullmatch(t) for t in heads)


def year_heads(texts: list[str]) -> bool:
    """A row that heads columns with years printed bare ("| 2024 | 2023 | 2022"): read as amounts they would
    be a row of data. Without a label, two or more distinct periods in order; under a label ("Branches |
    2015 | 2018" is data), only a run of consecutive years, as a header prints them."""
    cells = [t.strip() for t in texts if t.strip()]
    labelled = bool(cells) and not PERIOD_HEAD.fullmatch(cells[0])
    heads = cells[1:] if labelled else cells
    if len(heads) < 2 or len(set(heads)) != len(heads) or not all(PERIOD_HEAD.fullmatch(t) for t in heads):
        return False
    if labelled and _is_amount(cells[0]):
        return False
    years = [int(re.search(r"(?:19|20)\d{2}", t).group()) for t in heads]
    steps = [b - a for a, b in zip(years, years[1:])]
    if labelled:
        return all(step == steps[0] and abs(step) == 1 for step in steps)
    return all(step <= 0 for step in steps) or all(step >= 0 for step in steps)


def new_period_header(above: list[list[str]], row: list[str]) -> bool:
    """``row`` heads the columns with periods under a name of its own: the start of another table.
    The same name again ("Volume servers in: | 2007 | 2008" under each scenario) heads a block of
    the same table."""
    if not period_header(row):
        return False
    names = [r[0].strip() for r in above if period_header(r)]
    return not names or names[-1] != row[0].strip()


def _stacked(table: TextTable) -> list[TextTable]:
    """A table cut before each row that heads its columns with periods again under a new name: tables
    stacked one under another (a broker's note prints 利润表 under 主要财务指标, each under its year row)."""
    rows, spans = table.rows, table.row_spans
    if len(spans) != len(rows):
        return [table]
    cuts = [i for i, row in enumerate(rows) if i >= 2 and len(rows) - i >= 3 and new_period_header(rows[:i], row)]
    bounds, start = [], 0
    for cut in cuts:
        if cut - start >= 2:
            bounds.append((start, cut))
            start = cut
    if not bounds:
        return [table]
    bounds.append((start, len(rows)))
    x0, _, x1, _ = table.bbox
    return [TextTable(rows[a:b], (x0, spans[a][0], x1, spans[b - 1][1]), b - a, table.columns_x,
                      table.notes if b == len(rows) else [], table.header_rows if a == 0 else 1, spans[a:b])
            for a, b in bounds]


def _side_by_side(table: TextTable) -> list[TextTable]:
    """Split a grid that is tables printed side by side: a column of labels (mostly words) right
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
                     table.lines, spans[:split], table.notes, table.header_rows, list(table.row_spans))
    right = TextTable([r[split:] for r in grid], (spans[split][0], table.bbox[1], table.bbox[2], table.bbox[3]),
                      table.lines, spans[split:], [], table.header_rows, list(table.row_spans))
    for piece in (left, right):  # the shorter table of the two leaves blank rows beside the longer
        piece.header_rows -= sum(1 for r in piece.rows[:piece.header_rows] if not any(r))
        kept = [k for k, r in enumerate(piece.rows) if any(r)]
        if len(piece.row_spans) == len(piece.rows):
            piece.row_spans = [piece.row_spans[k] for k in kept]
        piece.rows = [piece.rows[k] for k in kept]
    # Three or more tables side by side: what is right of the first split may split again.
    return [t for t in (left, *_side_by_side(right)) if len(t.rows) >= 2]


_DASHES = {"-", "—", "–", "--", "——", "n/a", "N/A", "na", "NA"}
_AMOUNT = re.compile(r"[(\-−]?[\d,.'’\u00a0\u202f]+(?: ?%)?\)?")


def _blocks(rows: list[list[Phrase]], height: float, min_rows: int) -> list[tuple[list[list[Phrase]], list[str]]]:
    """Runs of rows with two or more phrases, each with the note lines printed under it.

    Single-phrase lines may sit inside a run: any number set tight under the line above (a cell
    wrapping onto more lines), and up to two set apart (a section label). A vertical gap of three
    line heights ends a run, and so does a note line ("Source: …", "注：", "* …"), which is kept,
    with the lines that continue it, as the table's note.
    """
    blocks: list[tuple[list[list[Phrase]], list[str]]] = []
    current: list[list[Phrase]] = []
    singles: list[list[Phrase]] = []
    notes: list[str] = []
    last_note_bottom = None

    def close() -> None:
        if sum(1 for r in current if len(r) >= 2) >= min_rows:
            blocks.append((list(current), list(notes)))

    for row in rows:
        top = min(p.y0 for p in row)
        text = " ".join(p.text for p in row)
        if notes:
            if last_note_bottom is not None and top - last_note_bottom < 0.8 * height and (
                    len(row) == 1 or NOTE.match(text)):
                notes.append(text)  # the note continues on the next line
                last_note_bottom = max(p.y1 for p in row)
                continue
            close()
            current, singles, notes, last_note_bottom = [], [], [], None
        previous = (singles or current)[-1] if (singles or current) else None
        if previous is not None and top - max(p.y1 for p in previous) > 3 * height:
            close()
            current, singles = [], []
            previous = None
        if current and NOTE.match(text):
            current.extend(s for s in singles if _tight(s, current[-1], height))
            singles = []
            notes.append(text)
            last_note_bottom = max(p.y1 for p in row)
            continue
        if len(row) >= 2:
            current.extend(singles)
            singles = []
            current.append(row)
        elif current:
            if previous is not None and _tight(row, previous, height):
                current.extend(singles)
                singles = []
                current.append(row)  # a wrapped cell's next line
                continue
            singles.append(row)
            if len(singles) > 2:
                close()
                current, singles = [], []
    close()
    return blocks


def _tight(row: list[Phrase], above: list[Phrase], height: float) -> bool:
    """``row`` is set at the leading of the line above (no row gap between them)."""
    return min(p.y0 for p in row) - max(p.y1 for p in above) < 0.45 * height


def _grid(block: list[list[Phrase]], height: float = 10.0) -> TextTable | None:
    multi = [r for r in block if len(r) >= 2]
    counts = Counter(len(r) for r in multi)
    mode = max(counts, key=lambda n: (counts[n], n))
    full = [r for r in multi if len(r) >= mode]
    columns = _columns([p for r in full for p in r], len(full))
    if len(columns) < 2:
        return None
    block = _trim_spanning(block, columns)
    if len(block) < 5 and not any(re.search(r"\d", p.text) for r in block for p in r[1:]):
        return None  # a few aligned lines without a figure: a signature block, not a table
    lines = []
    for row in block:
        cells = [""] * len(columns)
        ends = [0.0] * len(columns)
        first_word = [0.0] * len(columns)
        for phrase in row:
            index = _column_of(phrase, columns)
            if not cells[index]:
                word = re.split(r"\s", phrase.text.strip(), maxsplit=1)[0]
                word = word[:2] if _CJK.match(word[:1] or " ") else word
                first_word[index] = (phrase.x1 - phrase.x0) * len(word) / max(len(phrase.text), 1)
            cells[index] = _join(cells[index], phrase.text)
            ends[index] = max(ends[index], phrase.x1)
        lines.append(_Line(cells, min(p.y0 for p in row), max(p.y1 for p in row), ends, first_word))
    spans: list[tuple[float, float]] = []
    grid = _logical_rows(lines, height, spans)
    if _bulleted_or_prose(grid):
        return None
    everything = [p for r in block for p in r]
    bbox = (min(p.x0 for p in everything), min(p.y0 for p in everything), max(p.x1 for p in everything),
            max(p.y1 for p in everything))
    return TextTable(grid, bbox, len(block), columns, header_rows=_header_count(grid), row_spans=spans)


@dataclass
class _Line:
    cells: list[str]
    top: float
    bottom: float
    #: Per column: where the line's text in it ends, and how wide the first word it starts with is.
    ends: list[float] = field(default_factory=list)
    first_word: list[float] = field(default_factory=list)


def _trim_spanning(block: list[list[Phrase]], columns: list[tuple[float, float]]) -> list[list[Phrase]]:
    """Drop single lines at the top or foot of a block that run across two columns: a paragraph set
    tight against the table, not a cell."""
    def spans(row: list[Phrase]) -> bool:
        return len(row) == 1 and sum(1 for a, b in columns if min(row[0].x1, b) - max(row[0].x0, a) > 0) >= 2

    while block and spans(block[-1]):
        block = block[:-1]
    while block and spans(block[0]):
        block = block[1:]
    return block


def _join(a: str, b: str) -> str:
    """Two pieces of one cell's text: a space between words, none between CJK characters or after a hyphen."""
    a, b = a.strip(), b.strip()
    if not a or not b:
        return a or b
    if _CJK.match(a[-1]) and _CJK.match(b[0]) or a.endswith("-") and not a.endswith(" -"):
        return a + b
    return f"{a} {b}"


_CJK = re.compile(f"[{CJK_WIDE}]")


def _is_amount(text: str) -> bool:
    return bool(text) and (bool(_AMOUNT.fullmatch(text.replace(" ", ""))) and any(ch.isdigit() for ch in text)
                           or text in _DASHES)


def _logical_rows(lines: list[_Line], height: float, spans: list | None = None) -> list[list[str]]:
    """Text lines joined into the rows they belong to: a line continues the row above when it holds
    no amount, adds text only where that row has text, and either leaves the first column empty, starts
    lower-case, or is set tight under it on a page that spaces its rows apart."""
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])]
    spaced = any(g >= 0.45 * height for g in gaps) and any(g < 0.45 * height for g in gaps)
    width = len(lines[0].cells) if lines else 0
    edges = [max((ln.ends[c] for ln in lines if ln.ends), default=0.0) for c in range(width)]
    # Above a table's first amount its header lines stay lines: each is a header row of the block
    # (written as one merged header block in Excel), as the peers' gold also keeps them.
    first_amount = next((i for i, ln in enumerate(lines) if any(_is_amount(c) for c in ln.cells[1:])), 0)
    rows: list[list[str]] = []
    spans = [] if spans is None else spans  # filled with each row's (top, bottom)
    for i, line in enumerate(lines):
        if i > first_amount or not first_amount:
            if rows and _wrapped_into(lines[i - 1], line, edges, height, rows[-1]) and \
                    _continues(rows[-1], line, gaps[i - 1] < 0.45 * height, spaced):
                rows[-1] = [_join(a, b) for a, b in zip(rows[-1], line.cells)]
                spans[-1] = (spans[-1][0], line.bottom)
                continue
        rows.append(list(line.cells))
        spans.append((line.top, line.bottom))
    return rows


def _wrapped_into(above: _Line, line: _Line, edges: list[float], height: float, row: list[str]) -> bool:
    """Each cell ``line`` adds to was full on the line above: its text ran to within the next word's
    width of the column's right edge, which is why a typesetter broke it there."""
    if not above.ends or not line.ends:
        return True
    for c, text in enumerate(line.cells):
        if not text or not above.cells[c]:
            continue
        if _BULLET.match(text) and _BULLET.match(row[c]):
            continue  # the next bullet item of a bulleted cell
        before = above.cells[c]
        if len(before.split()) < 2 and not (_CJK.match(before[:1] or " ") and len(before) >= 6):
            return False  # one word ("C1") does not wrap: the line below is a value of its own
        if edges[c] - above.ends[c] > line.first_word[c] + 1.5 * height:
            return False
    return True


def _continues(row: list[str], line: _Line, tight: bool, spaced: bool) -> bool:
    filled = [c for c, text in enumerate(line.cells) if text]
    if not filled or any(_is_amount(line.cells[c]) or _is_amount(row[c]) for c in filled):
        return False
    if NOTE.match(line.cells[filled[0]]) or not any(row[c] for c in filled):
        return False
    if spaced and not tight:
        return False  # the page sets a gap between rows, and there is one here
    first = line.cells[filled[0]]
    if _OWN_ITEM.match(first) or row[filled[0]].endswith(("：", ":")):
        return False  # "二、投资活动…", "其中：", "(a)": an item of its own; "流动资产：" heads what follows
    if not line.cells[0] and row[0]:
        # The first column is empty: the other cells wrap, unless the line reads as a new entry
        # (a capitalised Latin line on a page that does not space its rows: "AMERICAN EAGLE").
        capitals = all(row[c].isupper() or not row[c] for c in filled)  # listings in capitals: a line, a record
        return not first[:1].isupper() or (spaced and tight and not capitals) or bool(_BULLET.match(first))
    starts_lower = first[:1].islower() or first[:1] in "(),;:&/" or row[filled[0]].endswith(("-", ",", " and", " or", "、"))
    # A CJK label has no case to tell: set tight on a page that spaces its rows, it goes on.
    return starts_lower or (spaced and tight and bool(_CJK.match(first[:1] or " ")))


_OWN_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]\D|其中|加[:：]|减[:：]|"
                       r"[(（][a-z][)）])")


def _header_count(grid: list[list[str]]) -> int:
    """One header row when the first row reads as column names (all short text), else none."""
    if len(grid) < 2:
        return 0
    first = grid[0]
    filled = [c for c in first if c]
    if len(filled) >= 2 and all(not _is_amount(c) and len(c) <= 60 for c in filled) or year_heads(first):
        return 1
    return 0


def _bulleted_or_prose(grid: list[list[str]]) -> bool:
    """A bulleted list (a column of lone symbols beside text) or paragraphs set in columns: aligned,
    but not a table. A two-column table of short items and long descriptions (Item / Description,
    项目 / 内容) is a table."""
    for col in range(len(grid[0])):
        cells = [r[col] for r in grid if r[col]]
        if cells and all(len(c) == 1 and not c.isalnum() for c in cells):
            return True
    lengths = sorted(len(c) for r in grid for c in r if c)
    if _beside_prose(grid):
        return True
    if not lengths or lengths[len(lengths) // 2] <= 40:
        return False
    keys = sorted(len(r[0]) for r in grid if r[0])
    return not keys or keys[len(keys) // 2] > 30 or len(grid) < 3


def _beside_prose(grid: list[list[str]]) -> bool:
    """A page's side column set beside its running text (an analyst's name, a date, a few figures next
    to paragraphs): half the rows or more hold a single cell, and some column holds prose lines."""
    if len(grid) < 6:
        return False
    single = sum(1 for r in grid if sum(1 for c in r if c.strip()) == 1)
    long_lines = max(sum(1 for r in grid if len(r[col]) >= 25 and not any(c for k, c in enumerate(r) if k != col))
                     for col in range(len(grid[0])))
    return single >= 0.5 * len(grid) and long_lines >= 0.3 * len(grid)


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
