"""Find tables in PDF pages and return them as grids of cell text with page, position, title and unit.

Two finders: PyMuPDF's ``find_tables`` (good on ruled tables) and a layout finder that rebuilds
rows from text positions and columns from the right edges of numbers (annual reports are often
unruled, and some draw thousands separators as separate glyphs, which the line-based finder splits
into garbage). A page uses the finder whose numeric cells actually parse.
"""

from __future__ import annotations

import logging
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from analyst_desk.core.extraction.cells import compact_columns, is_section_heading, join_split_labels
from analyst_desk.core.extraction.charts import chart_boxes, is_chart_text
from analyst_desk.core.extraction.continuation import join_continuations
from analyst_desk.core.extraction.extracted_table import STATEMENT_NAMES, ExtractedTable, table_evidence
from analyst_desk.core.extraction.number_styles import Evidence
from analyst_desk.core.extraction.numbers import Unit, detect_unit, is_unit_caption, looks_like_amount, parse_cell
from analyst_desk.core.extraction.regions import stream_regions
from analyst_desk.core.extraction.text_tables import (
    GROUPED_AMOUNT,
    NOTE,
    PERIOD_HEAD,
    Phrase,
    TextTable,
    find_text_tables,
    new_period_header,
    page_phrases,
    year_heads,
)

log = logging.getLogger(__name__)

def parse_pages(spec: str | None, count: int) -> list[int]:
    """ "3-5,8" → [3, 4, 5, 8] (1-based, clipped to the document)."""
    if not spec:
        return list(range(1, count + 1))
    pages: list[int] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            a, b = part.split("-", 1)
            pages.extend(range(int(a), int(b) + 1))
        else:
            pages.append(int(part))
    return [p for p in dict.fromkeys(pages) if 1 <= p <= count]


def extract_tables(path: Path, pages: str | list[int] | None = None, *, cancel=None, progress=None) -> list[ExtractedTable]:
    """All tables on the chosen pages, continuations across pages joined."""
    from analyst_desk.core.pdf import open_pdf

    path = Path(path)
    with open_pdf(path, max_pages=None) as doc:  # damaged, encrypted or empty files say so in the UI's language
        numbers = pages if isinstance(pages, list) else parse_pages(pages, doc.page_count)
        found: list[ExtractedTable] = []
        heights: dict[int, float] = {}
        for i, number in enumerate(numbers):
            if cancel is not None:
                cancel.raise_if_cancelled()
            found.extend(tables_on_page(doc[number - 1], str(path)))
            heights[number] = _text_height(doc[number - 1])
            if progress:
                progress(i + 1, len(numbers))
    document = Evidence.empty()
    for evidence in {id(t.evidence): t.evidence for t in found if t.evidence is not None}.values():
        document += evidence
    for table in found:
        table.evidence = document  # the document's convention settles what one page leaves open
    return join_continuations(found, heights)


def tables_on_page(page, source: str, *, textpage=None, ocr_lines=None) -> list[ExtractedTable]:
    """Every table on one page, each region read by the finder the page's evidence favours.

    Ruled grids come first unless their cells swallow text that alignment separates (a grid drawn
    only round the header, background bands); statement tables are then rebuilt from the number
    columns; whatever else is aligned like a table is read from text alignment (Camelot-stream style).
    """
    import pymupdf

    # One text extraction serves every reading; the library's ingest passes the one it already made,
    # and for a scanned page the lines it already read by OCR (a page is OCR'd once).
    textpage = textpage or page.get_textpage(flags=pymupdf.TEXTFLAGS_TEXT)
    lines = _page_lines(page, textpage)
    if not lines and (ocr_lines is not None or page.get_images()):
        return _scanned_tables(page, source, ocr_lines)
    turn = _text_turn(page, textpage)
    if turn:
        return _turned_tables(page, source, turn, textpage)
    phrases = page_phrases(page, textpage=textpage)
    ruled, intact = _finder_tables(page, source, lines, phrases, textpage)
    # The lattice answer and the stream answer merged: every ruled grid whose numbers are intact is
    # kept, and the text outside those grids is read by alignment region by region (above, between,
    # below, beside them), so rows printed next to a grid are never lost with a reading that ran
    # into it; a garbled grid is kept where nothing else read its region (a split number beats a
    # lost table).
    chosen = [t for t, ok in zip(ruled, intact) if ok]
    # Chart labels (pie slices, bar ticks, legends) line up like cells: left out of the stream reading.
    charts, swatches = chart_boxes(page, [((c.x0 + c.x1) / 2, (c.y0 + c.y1) / 2) for c in lines])
    charts = [c for c in charts if not any(_overlap(c, t.bbox) > 0.5 for t in chosen)]  # fills inside a grid
    stream_lines, stream_phrases = lines, phrases
    if charts:
        stream_lines = [c for c in lines if not is_chart_text(c, charts, swatches)]
        stream_phrases = [p for p in phrases if not is_chart_text(p, charts, swatches)]
    numeric, text = [], []
    for region_lines, region_phrases in stream_regions((stream_lines, stream_phrases),
                                                       [t.bbox for t in chosen] + charts):
        numeric += _layout_tables(page, source, lines, cells=region_lines)
        text += [_text_table(page, source, lines, t, "text")
                 for t in find_text_tables(_below_running_head(region_phrases, _text_height(page)))]
    for candidate in _statement_or_text(numeric, text):
        if not any(_overlap(candidate.bbox, other.bbox) > 0.3 for other in chosen):
            chosen.append(candidate)
    for table, ok in zip(ruled, intact):
        if not ok and not any(_overlap(table.bbox, other.bbox) > 0.3 for other in chosen):
            chosen.append(table)
    chosen = sorted(chosen, key=lambda t: (t.bbox[1], t.bbox[0]))
    seen_titles: set[str] = set()
    for table in chosen:
        if table.title and table.title in seen_titles:
            table.title = ""  # the title over the table above, found again across it: not this table's
        seen_titles.add(table.title)
    for table in chosen:
        if not any(n.startswith("Note: ") for n in table.notes):
            table.notes.extend(_notes_below(table, lines))
    _text_around(chosen, lines, _text_height(page))
    return _with_evidence(chosen)


def _below_running_head(phrases: list[Phrase], height: float) -> list[Phrase]:
    """The phrases without the page's running header: the lines in its top strip (as ``_layout_tables``
    leaves out) when the page's body starts well below them; a table set tight at the top keeps its rows."""
    strip = [p for p in phrases if p.y1 < 0.06 * height]
    rest = [p for p in phrases if p.y1 >= 0.06 * height]
    if not strip or not rest:
        return phrases
    line = max(p.y1 - p.y0 for p in strip)
    gap = min(p.y0 for p in rest) - max(p.y1 for p in strip)
    return rest if gap > 1.5 * max(line, 1.0) else phrases


def _text_height(page) -> float:
    """The page's height in the frame its text positions are given in: PyMuPDF reports words in the
    unrotated page, so a page with /Rotate 90 is as tall as its unrotated crop box, not its rect."""
    box = getattr(page, "cropbox", None)
    return float(box.height) if box is not None else float(page.rect.height)


def _text_around(tables: list[ExtractedTable], lines: list[_Cell], height: float) -> None:
    """The text lines between each table and the one above (or the page's head) and below (or its
    foot), running headers and page numbers left out: what tells a continued table from a new one."""
    margin = 0.045 * height  # running headers and page numbers sit in the outer strips
    body = [c for c in lines if margin < c.y0 and c.y1 < height - margin and not re.fullmatch(r"[\d\s\-–—/]+", c.text)]
    head = [c.text for c in lines if c.y1 < 0.12 * height]
    for i, table in enumerate(tables):
        table.page_head = head
        top = tables[i - 1].bbox[3] if i else 0.0
        bottom = tables[i + 1].bbox[1] if i + 1 < len(tables) else height
        table.text_above = [c.text for c in body if c.y0 >= top - 1 and c.y1 <= table.bbox[1] + 1]
        table.text_below = [c.text for c in body if c.y0 >= table.bbox[3] - 1 and c.y1 <= bottom + 1]


def _notes_below(table: ExtractedTable, lines: list[_Cell]) -> list[str]:
    """The note, source and footnote lines printed straight under a table ("Source: …", "注：…")."""
    x0, _, x1, bottom = table.bbox
    notes: list[str] = []
    reach = bottom
    for cell in sorted(lines, key=lambda c: (c.y0, c.x0)):
        height = max(cell.y1 - cell.y0, 1.0)
        if cell.y0 < bottom - 1 or cell.x0 < x0 - 20 or cell.x0 > x1:
            continue
        if cell.y0 - reach > 2.0 * height:
            break
        if NOTE.match(cell.text) or (notes and cell.y0 - reach < 0.8 * height):
            notes.append(cell.text)
            reach = cell.y1
        elif notes or cell.y0 - bottom > 0.5 * height:
            break
    return [f"Note: {text}" for text in notes] if notes else []


def _with_evidence(tables: list[ExtractedTable]) -> list[ExtractedTable]:
    """Every table on a page shares the page's evidence of its number convention."""
    evidence = table_evidence(tables)
    for table in tables:
        table.evidence = evidence
    return tables


def _statement_or_text(numeric: list[ExtractedTable], text: list[ExtractedTable]) -> list[ExtractedTable]:
    """Where both finders read a region, keep the statement reading (joined wrapped labels, one
    merged header) unless the text reading separates more numbers: a cell holding two amounts
    ("2014 2013") means the number columns were clustered together."""
    kept = list(numeric)
    for table in text:
        rivals = [t for t in kept if _overlap(t.bbox, table.bbox) > 0.3]
        # Text tables split side by side face the one statement reading that spans them together.
        team = [t for t in text if any(_overlap(t.bbox, r.bbox) > 0.3 for r in rivals)] or [table]
        if not rivals:
            kept.append(table)
        elif sum(_number_evidence(t) for t in team) > sum(_number_evidence(t) for t in rivals):
            kept = [t for t in kept if t not in rivals and t not in team] + team
    return kept


def _number_evidence(table: ExtractedTable) -> int:
    """Cells holding exactly one number, less twice the cells holding several, less one for each
    word in a column that otherwise holds numbers (labels of a table beside it, pushed in)."""
    score = 0
    body = table.rows[table.header_rows:]
    for col in range(1, table.columns):
        cells = [r[col] for r in body if col < len(r) and r[col].strip()]
        numbers = sum(1 for c in cells if _is_numeric(c))
        for cell in cells:
            parts = cell.split()
            if len(parts) == 1 and _is_numeric(cell):
                score += 1
            elif len(parts) >= 2 and all(_is_numeric(p) for p in parts):
                score -= 2
            elif numbers > len(cells) / 2 and not _is_numeric(cell):
                score -= 1
    return score


def _overlap(a, b) -> float:
    """Intersection area over the smaller box's area."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1])) or 1.0
    return width * height / smaller


def _text_table(page, source, lines, table: TextTable, method: str) -> ExtractedTable:
    header = 0
    for row in table.rows:  # header lines: above the first row holding a number
        if any(_is_numeric(c) for c in row[1:]) and not year_heads(row):
            break
        header += 1
    header = header if header < len(table.rows) else table.header_rows  # a table of text: its first row
    rows = join_split_labels(table.rows, header) if header < len(table.rows) else table.rows
    return ExtractedTable(source, page.number + 1, [page.number + 1], table.bbox, rows, header,
                          _title_above(lines, table.bbox[1]), _unit_above(lines, table.bbox[1]), method,
                          notes=[f"Note: {n}" for n in table.notes])


# -- scanned and turned pages ------------------------------------------------------------------
_ocr_engine = None
_OCR_SPLIT = re.compile(r"(?<=[日年度月])(?=(?:19|20)\d{2})|(?<=\d)\s+(?=[(（\-]?\d)")


def _ocr_cells(page, ocr_lines=None) -> list[_Cell]:
    """Words of an image-only page by OCR (the one rapidocr engine, :mod:`analyst_desk.core.page_text`), as layout cells.

    OCR sometimes returns two adjacent cells as one box ("2024年12月31日2023年12月31日",
    "268,973 274,663"); those are split, the box shared out by character count.
    """
    global _ocr_engine
    if ocr_lines is None:
        from analyst_desk.core.page_text import RapidOcr

        if not RapidOcr.available():
            return []
        _ocr_engine = _ocr_engine or RapidOcr()
        ocr_lines = _ocr_engine(page)
    cells = []
    for line in ocr_lines:
        parts = [p.strip() for p in _OCR_SPLIT.split(line.text) if p.strip()]
        x0, y0, x1, y1 = line.bbox
        total = sum(len(p) for p in parts) or 1
        position = x0
        for part in parts:
            width = (x1 - x0) * len(part) / total
            cells.append(_Cell(part, position, position + width, y0, y1))
            position += width
    return cells


def _scanned_tables(page, source: str, ocr_lines=None) -> list[ExtractedTable]:
    cells = _ocr_cells(page, ocr_lines)
    tables = _layout_tables(page, source, cells) if cells else []
    for table in tables:
        table.method = "ocr"
        table.notes.append("Read by OCR from a scanned page: check the digits against the page.")
    return tables


def _text_turn(page, textpage=None) -> int:
    """90 or 270 when most of the page's text runs up or down (a landscape table on a portrait page)."""
    import pymupdf

    counts = {0: 0, 90: 0, 270: 0}
    for block in page.get_text("dict", flags=pymupdf.TEXTFLAGS_TEXT, textpage=textpage).get("blocks", []):
        for line in block.get("lines", []):
            dx, dy = line.get("dir", (1, 0))
            size = sum(len(s["text"]) for s in line.get("spans", []))
            counts[90 if dy < -0.9 else 270 if dy > 0.9 else 0] += size
    turn = max(counts, key=counts.get)
    return turn if turn and counts[turn] > 2 * counts[0] else 0


def _turned_tables(page, source: str, turn: int, textpage=None) -> list[ExtractedTable]:
    """Read a turned table in its own upright frame, then map its box back onto the page."""
    box = getattr(page, "cropbox", page.rect)  # words come in the unrotated page's frame
    width, height = box.width, box.height

    def upright(x: float, y: float) -> tuple[float, float]:
        return (height - y, x) if turn == 90 else (y, width - x)

    def back(x: float, y: float) -> tuple[float, float]:
        return (y, height - x) if turn == 90 else (width - y, x)

    def upright_box(box) -> tuple[float, float, float, float]:
        (ax, ay), (bx, by) = upright(box[0], box[1]), upright(box[2], box[3])
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    page_lines = _page_lines(page, textpage)
    charts, swatches = chart_boxes(page, [((c.x0 + c.x1) / 2, (c.y0 + c.y1) / 2) for c in page_lines])
    cells = []
    for cell in page_lines:
        (ax, ay), (bx, by) = upright(cell.x0, cell.y0), upright(cell.x1, cell.y1)
        cells.append(_Cell(cell.text, min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)))
    phrases = page_phrases(page, upright=upright_box, textpage=textpage)
    stream_cells = cells
    if charts:  # chart labels left out, as on an upright page (the test made in the turned frame)
        charts, swatches = [upright_box(c) for c in charts], [upright_box(s) for s in swatches]
        stream_cells = [c for c in cells if not is_chart_text(c, charts, swatches)]
        phrases = [p for p in phrases if not is_chart_text(p, charts, swatches)]

    frame = _Upright(page, height, width)
    # Ruled grids first, read in the upright frame; the text outside them by alignment, as upright.
    grids = _turned_grids(page, frame, source, upright_box, cells, phrases)
    numeric, text = [], []
    for region_cells, region_phrases in stream_regions((stream_cells, phrases), [g.bbox for g in grids] + charts):
        numeric += _layout_tables(frame, source, cells, cells=region_cells)
        text += [_text_table(frame, source, cells, t, "text") for t in find_text_tables(region_phrases)]
    tables = grids + [t for t in _statement_or_text(numeric, text)
                      if not any(_overlap(t.bbox, g.bbox) > 0.3 for g in grids)]
    tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))  # in reading order, as upright
    for table in tables:
        (ax, ay), (bx, by) = back(table.bbox[0], table.bbox[1]), back(table.bbox[2], table.bbox[3])
        table.bbox = (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        table.page_boxes = {table.page: table.bbox}
        table.notes.append(f"Printed turned {turn}°; read upright.")
    return tables


def _turned_grids(page, frame, source: str, upright_box, cells: list[_Cell], phrases: list[Phrase]) -> list[ExtractedTable]:
    """The ruled grids of a turned page, each cell's text taken from the upright lines inside it.

    PyMuPDF finds the rulings in the page's own frame; turned upright, its columns are the table's
    rows. A cell spanning several rows or columns holds its text in its first one (as a lattice
    reader leaves it). A grid whose cells swallow phrases set apart on one line (rulings missing
    between columns) is left to the alignment reading, as on an upright page. A page drawing no
    rulings is not searched (the line finder's cost is mostly its own header test)."""
    if not _has_rulings(page):
        return []
    try:
        found = _found_grids(page)
    except Exception:  # the line finder failing on one odd page must not lose the page's other readings
        log.exception("PyMuPDF's table finder failed on page %d", page.number + 1)
        return []
    grids = []
    for tab in found:
        rects = [upright_box(r) for row in tab.rows for r in row.cells if r is not None]
        if len(rects) < 4:
            continue
        box = (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))
        if _swallows(_Grid(box, [_GridRow(rects)]), phrases):
            continue
        tops = sorted({round(r[1], 1) for r in rects})
        lefts = sorted({round(r[0], 1) for r in rects})
        rows = [[""] * len(lefts) for _ in tops]
        # Each phrase (words set close on one line) in the one cell holding its middle: a text line can
        # run across a missing ruling ("State Zip"), its phrases do not.
        held: dict[int, list[Phrase]] = {}
        for phrase in phrases:
            cx, cy = (phrase.x0 + phrase.x1) / 2, (phrase.y0 + phrase.y1) / 2
            k = next((k for k, r in enumerate(rects) if r[0] - 1 <= cx <= r[2] + 1 and r[1] - 1 <= cy <= r[3] + 1), None)
            if k is not None:
                held.setdefault(k, []).append(phrase)
        for k, rect in enumerate(rects):
            inside = sorted(held.get(k, []), key=lambda p: (round(p.y0), p.x0))
            rows[tops.index(round(rect[1], 1))][lefts.index(round(rect[0], 1))] = " ".join(p.text for p in inside)
        rows = [r for r in rows if any(r)]
        if len(rows) < 2 or sum(1 for col in zip(*rows) if any(col)) < 2:
            continue
        header = 0
        while header < min(4, len(rows) - 1) and not any(parse_cell(c).is_numeric for c in rows[header][1:]):
            header += 1
        grids.append(ExtractedTable(source, page.number + 1, [page.number + 1], box, join_split_labels(rows, header),
                                    header, _title_above(cells, box[1]), _unit_above(cells, box[1]), "ruled"))
    return grids


def _has_rulings(page) -> bool:
    """At least two lines across and two down (thin boxes drawn as lines, outlined boxes): enough for a grid."""
    across = down = 0
    try:
        drawings = page.get_cdrawings()
    except Exception:  # noqa: BLE001 - an unreadable drawing list: let the line finder decide
        return True
    for drawing in drawings:
        for item in drawing.get("items", ()):
            if item[0] == "l":
                (x0, y0), (x1, y1) = item[1], item[2]
            elif item[0] == "re":
                x0, y0, x1, y1 = item[1]
                if "s" in drawing.get("type", "") and abs(x1 - x0) >= 2 and abs(y1 - y0) >= 2:
                    across, down = across + 2, down + 2  # a box drawn round a cell: two rules each way
                    continue
            else:
                continue
            across += abs(y1 - y0) < 2 and abs(x1 - x0) > 10
            down += abs(x1 - x0) < 2 and abs(y1 - y0) > 10
            if across >= 2 and down >= 2:
                return True
    return False


@dataclass
class _GridRow:
    cells: list


@dataclass
class _Grid:
    """A found grid's box and cell rectangles, in the frame the page's text positions come in."""

    bbox: tuple[float, float, float, float]
    rows: list[_GridRow]


def _found_grids(page) -> list[_Grid]:
    """PyMuPDF's ruled grids on ``page``, in the frame its text positions come in.

    On a page with /Rotate, PyMuPDF turns the page back itself, and on the way runs its header test
    on every table at once (the dearest part of the search, and never used here): so the page is
    read with /Rotate taken off and put straight back, and the grids come in the text's own frame.
    Where the rotation cannot be taken off, the grids found on the page as displayed are turned back.
    """
    if not page.get_cdrawings():
        # No vector path on the page: the line finder has no edge to build a grid from, and would
        # still pay for its own character list and text page first (most of a text page's cost).
        return []
    rotation = page.rotation
    unrotated = False
    if rotation:
        try:
            page.set_rotation(0)
            unrotated = True
        except Exception:  # noqa: BLE001 - a page that will not take the change: turn its grids back instead
            log.debug("page %d keeps /Rotate %d while its grids are found", page.number + 1, rotation)
    try:
        try:
            found = page.find_tables(use_layout=False)
        except TypeError:  # PyMuPDF before the layout model
            found = page.find_tables()
        return _in_text_frame(page, found.tables)
    finally:
        if unrotated:
            page.set_rotation(rotation)


def _in_text_frame(page, tables) -> list[_Grid]:
    """PyMuPDF gives grids in the page as displayed (/Rotate applied) and text in the unrotated page;
    a page with /Rotate has its grids turned back so that the text in each cell is found, and its rows
    and columns rebuilt from where the cells now sit (a turned grid's rows are the displayed columns)."""
    if not page.rotation:
        return [_Grid(tuple(tab.bbox), [_GridRow([None if r is None else tuple(r) for r in row.cells])
                                        for row in tab.rows]) for tab in tables]
    m = page.derotation_matrix

    def back(rect) -> tuple[float, float, float, float]:  # Rect * Matrix, without its object cost
        xs = [m.a * x + m.c * y + m.e for x in (rect[0], rect[2]) for y in (rect[1], rect[3])]
        ys = [m.b * x + m.d * y + m.f for x in (rect[0], rect[2]) for y in (rect[1], rect[3])]
        return min(xs), min(ys), max(xs), max(ys)

    grids = []
    for tab in tables:
        rects = [back(r) for row in tab.rows for r in row.cells if r is not None]
        tops = sorted({round(r[1], 1) for r in rects})
        lefts = sorted({round(r[0], 1) for r in rects})
        rows = [[None] * len(lefts) for _ in tops]
        for rect in rects:
            rows[tops.index(round(rect[1], 1))][lefts.index(round(rect[0], 1))] = rect
        grids.append(_Grid(back(tab.bbox), [_GridRow(r) for r in rows]))
    return grids


class _Upright:
    """The page as the layout finder sees it once turned upright: only its number and size are used."""

    def __init__(self, page, width: float, height: float) -> None:
        import pymupdf

        self.number = page.number
        self.rect = pymupdf.Rect(0, 0, width, height)


# -- PyMuPDF finder --------------------------------------------------------------------------
def _finder_tables(page, source: str, lines, phrases: list[Phrase], textpage=None) -> tuple[list[ExtractedTable], list[bool]]:
    """Tables from PyMuPDF's line-based finder, and for each whether its number cells look intact.

    Its layout model (PyMuPDF ≥ 1.27) is switched off: it costs ~0.8 s a page and the text finder
    covers the unruled tables it was there for. A grid whose cells swallow phrases that sit side by
    side on one line is dropped: it is ruling round a header or background bands, not a table grid.
    """
    try:
        found = _found_grids(page)
    except Exception:  # the line finder failing on one odd page must not lose the page's other readings
        log.exception("PyMuPDF's table finder failed on page %d", page.number + 1)
        return [], []
    if not found:
        return [], []
    tables = []
    intact = []
    chars = None
    for tab in found:
        if _swallows(tab, phrases):
            continue
        if chars is None:
            chars = _page_chars(page, textpage)
        raw_rows = _repaired_rows(tab, chars)
        digit_cells = garbled = 0
        for row in raw_rows:
            for cell in row:
                if cell and re.search(r"\d", cell):
                    digit_cells += 1
                    garbled += _garbled(cell)
        rows = [[(c or "").replace("\n", " ").strip() for c in row] for row in raw_rows]
        rows = [r for r in rows if any(r)]
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue
        bbox = tuple(tab.bbox)
        # A first row without numbers is the header. (PyMuPDF's own header test re-extracts every
        # cell's text and cost more than finding the table.)
        header = 0
        while header < min(4, len(rows) - 1) and not any(parse_cell(c).is_numeric for c in rows[header][1:]) \
                and not (header and is_section_heading(rows[header])):
            header += 1  # header text split over several ruled rows ("2006 年6 月" / "30 日"), up to a
            # section heading alone in the label column ("一、经营活动产生的现金流量："), which opens the body
        rows = join_split_labels(compact_columns(rows, header), header)
        tables.append(ExtractedTable(source, page.number + 1, [page.number + 1], bbox, rows, header,
                                     _title_above(lines, bbox[1]), _unit_above(lines, bbox[1]), "ruled"))
        intact.append(not (digit_cells and garbled / digit_cells > 0.1) and not _swallows_rows(tab, raw_rows))
    return tables, intact


def _swallows_rows(tab, raw_rows: list[list[str]]) -> bool:
    """True when one cell holds the text of several rows: a column ruled only at its top and bottom
    (the labels of a statement continued on a new page) comes back as one cell over the rows beside
    it, whose own cells in that column are missing, so the rows would lose their labels."""
    for r, row in enumerate(tab.rows):
        for c, rect in enumerate(row.cells):
            if rect is None or r >= len(raw_rows) or c >= len(raw_rows[r]):
                continue
            below = 0
            for other in tab.rows[r + 1:]:
                if c >= len(other.cells) or other.cells[c] is not None:
                    break
                below += 1
            if below >= 2 and raw_rows[r][c].count("\n") >= 2:
                return True
    return False


def _swallows(tab, phrases: list[Phrase]) -> bool:
    """True when more than 15% of the phrases inside the grid share a cell with another phrase on
    the same text line ("Austria 86.2 13.8 0 3,375" in one cell)."""
    x0, y0, x1, y1 = tab.bbox
    inside = [p for p in phrases if x0 - 1 <= (p.x0 + p.x1) / 2 <= x1 + 1 and y0 - 1 <= (p.y0 + p.y1) / 2 <= y1 + 1]
    if len(inside) < 4:
        return False
    rects = [rect for row in tab.rows for rect in row.cells if rect is not None]
    seen: dict[tuple[int, int], int] = {}
    for phrase in inside:
        cx, cy = (phrase.x0 + phrase.x1) / 2, (phrase.y0 + phrase.y1) / 2
        cell = next((i for i, r in enumerate(rects) if r[0] - 1 <= cx <= r[2] + 1 and r[1] - 1 <= cy <= r[3] + 1), -1)
        if cell >= 0:
            key = (cell, round(cy / max(phrase.y1 - phrase.y0, 1.0)))
            seen[key] = seen.get(key, 0) + 1
    shared = sum(n for n in seen.values() if n > 1)
    return shared > 0.15 * len(inside)


def _filled(tables: list[ExtractedTable]) -> int:
    return sum(1 for t in tables for row in t.rows for cell in row if cell.strip())


def _page_chars(page, textpage=None) -> list[tuple[float, float, float, float, str]]:
    """Every character on the page as (x0, y0, x1, y1, c)."""
    chars = []
    for block in page.get_text("rawdict", textpage=textpage).get("blocks", []):
        for line in block.get("lines", []):
            for span in line.get("spans", []):
                for ch in span.get("chars", []):
                    chars.append((*ch["bbox"], ch["c"]))
    return chars


def _repaired_rows(tab, chars) -> list[list[str]]:
    """Cell text rebuilt from character positions: a thousands separator or decimal point drawn a
    little lower than its digits is put back between them instead of on a line of its own."""
    rows = []
    for row in tab.rows:
        texts = []
        bounds = [r for r in row.cells if r is not None]
        top = min((r[1] for r in bounds), default=0) - 1
        bottom = max((r[3] for r in bounds), default=0) + 1
        band = [c for c in chars if top <= (c[1] + c[3]) / 2 <= bottom]  # this row's characters only
        for rect in row.cells:
            if rect is None:
                texts.append("")
                continue
            x0, y0, x1, y1 = rect
            inside = [c for c in band if x0 - 1 <= (c[0] + c[2]) / 2 <= x1 + 1 and y0 - 1 <= (c[1] + c[3]) / 2 <= y1 + 1]
            lines: list[list] = []
            for c in sorted(inside, key=lambda c: (c[1] + c[3]) / 2):
                mid = (c[1] + c[3]) / 2
                height = max(c[3] - c[1], 1.0)
                if lines and abs(mid - lines[-1][0]) < height * 0.75:
                    lines[-1][1].append(c)
                else:
                    lines.append([mid, [c]])
            parts = []
            for _, line in lines:
                line.sort(key=lambda c: c[0])
                text = ""
                for i, c in enumerate(line):
                    if i and c[0] - line[i - 1][2] > max(line[i - 1][2] - line[i - 1][0], 2.0) * 0.8 and text[-1:] != " ":
                        text += " "
                    text += c[4]
                parts.append(text.strip())
            texts.append("\n".join(p for p in parts if p))
        rows.append(texts)
    return rows


def _garbled(cell: str) -> bool:
    """Signs that the line-based finder split a number column: separators left on their own
    line ("268973 274663\n, ,") or two amounts jammed into one cell."""
    if re.search(r"\n[\s,.，]+$", cell):
        return True
    parts = cell.split()
    return len(parts) >= 2 and all(re.fullmatch(r"\(?-?\d[\d,]*(\.\d+)?\)?%?", p) for p in parts)


# -- layout finder ---------------------------------------------------------------------------
@dataclass
class _Cell:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float


def _page_lines(page, textpage=None) -> list[_Cell]:
    import pymupdf

    cells = []
    for block in page.get_text("dict", flags=pymupdf.TEXTFLAGS_TEXT, textpage=textpage).get("blocks", []):
        for line in block.get("lines", []):
            # Split a line where its spans are far apart: two columns printed as one line.
            current: list = []
            for span in line.get("spans", []):
                if not span["text"].strip():
                    continue
                if current and (span["bbox"][0] - current[-1]["bbox"][2] > 12 or _CURRENCY_SIGN.fullmatch(span["text"].strip())):
                    # A "$" printed right after an amount is the next column's sign ("6,177.4  $"), not its text.
                    cells.append(_merge(current))
                    current = []
                current.append(span)
            if current:
                cells.extend(_split_amounts(_merge(current), line.get("dir", (1, 0))))
    return cells


def _split_amounts(cell: _Cell, direction=(1, 0)) -> list[_Cell]:
    """A line that is two whole amounts with only spaces between ("-135,103,749.88  -48,090,366.09"
    printed in one span) is two cells, each given its share of the line's length by its characters,
    along the way the line runs (down or up a turned page)."""
    parts = cell.text.split()
    # Two spaces or more: a single space is left to the comparison with the text reading, which
    # splits words itself (the statement reading keeps that cell whole and loses the comparison).
    if len(parts) != 2 or not all(GROUPED_AMOUNT.fullmatch(p) for p in parts) or \
            not re.search(r"\S\s{2,}\S", cell.text):
        return [cell]
    first = len(parts[0]) / max(len(cell.text), 1)
    second = len(parts[1]) / max(len(cell.text), 1)
    dx, dy = direction
    if abs(dy) > abs(dx):  # runs along y: up (dy < 0) puts the first amount at the larger y
        length = cell.y1 - cell.y0
        if dy < 0:
            return [_Cell(parts[0], cell.x0, cell.x1, cell.y1 - first * length, cell.y1),
                    _Cell(parts[1], cell.x0, cell.x1, cell.y0, cell.y0 + second * length)]
        return [_Cell(parts[0], cell.x0, cell.x1, cell.y0, cell.y0 + first * length),
                _Cell(parts[1], cell.x0, cell.x1, cell.y1 - second * length, cell.y1)]
    length = cell.x1 - cell.x0
    if dx < 0:
        return [_Cell(parts[0], cell.x1 - first * length, cell.x1, cell.y0, cell.y1),
                _Cell(parts[1], cell.x0, cell.x0 + second * length, cell.y0, cell.y1)]
    return [_Cell(parts[0], cell.x0, cell.x0 + first * length, cell.y0, cell.y1),
            _Cell(parts[1], cell.x1 - second * length, cell.x1, cell.y0, cell.y1)]


def _merge(spans) -> _Cell:
    # Spans a space-width apart stay apart in the text: "129,465,020.68" and "182" are two things.
    text = spans[0]["text"]
    for before, span in zip(spans, spans[1:]):
        gap = span["bbox"][0] - before["bbox"][2]
        text += (" " if gap > 0.25 * max(span["size"], 1.0) and not text.endswith(" ") else "") + span["text"]
    text = text.strip()
    return _Cell(text, min(s["bbox"][0] for s in spans), max(s["bbox"][2] for s in spans),
                 min(s["bbox"][1] for s in spans), max(s["bbox"][3] for s in spans))


def _rows(cells: list[_Cell]) -> list[list[_Cell]]:
    rows: list[list[_Cell]] = []
    for cell in sorted(cells, key=lambda c: (c.y0, c.x0)):
        mid = (cell.y0 + cell.y1) / 2
        if rows:
            last_mid = statistics.fmean((c.y0 + c.y1) / 2 for c in rows[-1])
            if abs(mid - last_mid) < max(cell.y1 - cell.y0, 1) * 0.5:
                rows[-1].append(cell)
                continue
        rows.append([cell])
    for row in rows:
        row.sort(key=lambda c: c.x0)
    return rows


def _is_numeric(text: str) -> bool:
    """An amount in any convention, or a dash standing for none (which convention is decided later)."""
    return looks_like_amount(text) or parse_cell(text).kind == "empty" and text.strip() in {"-", "—", "–"}


def _layout_tables(page, source: str, lines: list[_Cell], *, cells: list[_Cell] | None = None) -> list[ExtractedTable]:
    """Statement tables rebuilt from ``cells`` (default: every line), titles and units looked up in ``lines``."""
    # The running header in the top strip of the page is no table's header.
    head = 0.06 * _text_height(page)
    # A 10-K's "$" signs stand in columns of their own: they say the currency, the amount is the cell beside.
    rows = _attach_centred_labels(_rows([c for c in (lines if cells is None else cells)
                                         if c.y1 > head and not _CURRENCY_SIGN.fullmatch(c.text.strip())]))
    tables = []
    i = 0
    while i < len(rows):
        if not _numeric_row(rows[i]) or _year_row(rows[i]):
            i += 1  # a row of bare years heads the table below it (``_header_rows`` takes it)
            continue
        start = i
        end = i
        j = i + 1
        gap = 0
        label_x = rows[i][0].x0
        pitch = max(rows[i][0].y1 - rows[i][0].y0, 1.0) * 2.5
        while j < len(rows):
            if new_period_header([[c.text for c in r] for r in rows[max(0, start - 4):j]], [c.text for c in rows[j]]):
                break  # the columns headed with periods again, under a new name: a table stacked under this one
            if _year_row(rows[j]):
                break  # the columns headed with years again: the next table
            if _numeric_row(rows[j]):
                end, gap = j, 0
            elif len(rows[j]) <= 2 and gap < 2 and len(" ".join(c.text for c in rows[j])) < 40:
                gap += 1  # a section label inside the table ("负债")
            elif (len(rows[j]) == 1 and abs(rows[j][0].x0 - label_x) < 30 and len(rows[j][0].text) < 40
                  and rows[j][0].y0 - rows[j - 1][-1].y1 < pitch and gap < 12):
                gap += 1  # line items left blank this period ("应收利息" with no amounts), one under another
            else:
                break
            j += 1
        if sum(1 for r in rows[start:end + 1] if _numeric_row(r)) >= 2:
            labels, header = _header_rows(rows, start)
            body = rows[start - labels:end + 1]
            first = start - labels
            tables.append(_grid(page, source, lines, rows[first - header:first], body))
        i = end + 1
    return tables


def _attach_centred_labels(rows: list[list[_Cell]]) -> list[list[_Cell]]:
    """A label wrapped onto two lines with its amounts printed between them ("负债和所有者权益（或股东权"
    / amounts / "益）合计") becomes one row: the two label lines joined, then the amounts."""
    out: list[list[_Cell]] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        above = out[-1] if out else None
        below = rows[i + 1] if i + 1 < len(rows) else None
        if (above and below and len(above) == 1 and len(below) == 1 and all(_is_numeric(c.text) for c in row)
                and len(row) >= 2 and above[0].x1 < row[0].x0 and below[0].x1 < row[0].x0
                and abs(above[0].x0 - below[0].x0) < 4 and above[0].y1 > row[0].y0 - 2 and below[0].y0 < row[0].y1 + 2):
            label = _Cell(above[0].text + below[0].text, above[0].x0, max(above[0].x1, below[0].x1), above[0].y0,
                          below[0].y1)
            out[-1] = [label] + row
            i += 2
            continue
        out.append(row)
        i += 1
    return out


def _numeric_row(row: list[_Cell]) -> bool:
    return len(row) >= 2 and sum(1 for c in row if _is_numeric(c.text)) >= 1 and not _is_numeric(row[0].text) or (
        len(row) >= 3 and sum(1 for c in row if _is_numeric(c.text)) >= 2)


def _year_row(row: list[_Cell]) -> bool:
    return year_heads([c.text for c in row])


def _header_rows(rows: list[list[_Cell]], start: int) -> tuple[int, int]:
    """(section-label rows, header rows) straight above the first numeric row.

    A short single-cell row at the label column ("资产") belongs to the body; above it, rows
    that are several cells wide or sit over the number columns ("本集团", "附注四 | 2024年…") are
    headers (at most 3)."""
    label_x = rows[start][0].x1
    k = start - 1
    labels = 0
    while k >= 0 and labels < 2 and len(rows[k]) == 1 and rows[k][0].x0 < label_x and len(rows[k][0].text) <= 20 \
            and rows[k + 1][0].y0 - rows[k][0].y1 < 20:
        labels += 1
        k -= 1
    count = 0
    over_years: float | None = None
    while k >= 0 and count < 4:
        row = rows[k]
        text = " ".join(c.text for c in row)
        # A title is no header, unless it heads the columns with their years ("利润表(百万元) | 2021 | 2022E").
        if is_unit_caption(text) and not _year_row(row) or any(name in text for name in STATEMENT_NAMES) \
                and not _year_row(row) or len(text) > 80:
            break
        if _numeric_row(row) and not _year_row(row) or (rows[k + 1][0].y0 - row[-1].y1) > 40:
            break
        if len(row) < 2 and row[0].x0 < label_x:
            break
        if over_years is not None and any(c.x0 < over_years for c in row):
            break  # above a row of years only what sits over them ("Year Ended May 31,") heads it; the rest is title
        if _year_row(row):
            over_years = min(c.x0 for c in row if PERIOD_HEAD.fullmatch(c.text.strip())) - 60
        count += 1
        k -= 1
    return labels, count


def _grid(page, source, lines, header: list[list[_Cell]], body: list[list[_Cell]]) -> ExtractedTable:
    # Columns: numbers are right-aligned, so cluster the right edges of numeric cells.
    edges = sorted(c.x1 for r in body for c in r[1:] if _is_numeric(c.text))
    columns: list[float] = []
    for x in edges:
        if columns and x - columns[-1] < 14:
            continue
        columns.append(x)
    columns = [statistics.fmean([e for e in edges if abs(e - x) < 14]) for x in columns]
    label_right = min((c.x0 for r in body for c in r[1:] if _is_numeric(c.text)), default=page.rect.width) - 2

    # Header text starting right of every body label belongs over a number column, however short
    # ("m)" ending "Total operating revenue (USD m)").
    labels_right = max((r[0].x1 for r in body if r and not _is_numeric(r[0].text)), default=0.0)

    def place(row: list[_Cell], is_header: bool = False) -> list[str]:
        cells = [""] * (len(columns) + 1)
        for cell in row:
            if is_header and columns and cell.x0 > labels_right + 4:
                pass
            elif cell.x1 <= label_right + 4 and not (_is_numeric(cell.text) and columns and cell.x1 > columns[0] - 60):
                cells[0] = (cells[0] + " " + cell.text).strip()
                continue
            index = min(range(len(columns)), key=lambda k: abs(columns[k] - cell.x1)) if columns else 0
            if not _is_numeric(cell.text):  # header text is centred over its column
                centre = (cell.x0 + cell.x1) / 2
                index = min(range(len(columns)), key=lambda k: abs(columns[k] - 25 - centre))
            cells[index + 1] = (cells[index + 1] + " " + cell.text).strip()
        return cells

    grid = [place(r, True) for r in header] + _join_wrapped_labels(join_split_labels([place(r) for r in body]))
    # Header rows split over several lines ("2024年" / "12月31日") are merged into one.
    if len(header) > 1:
        merged = [" ".join(filter(None, col)).strip() for col in zip(*grid[:len(header)])]
        grid = [merged] + grid[len(header):]
        header_count = 1
    else:
        header_count = len(header)
    all_cells = [c for r in header + body for c in r]
    bbox = (min(c.x0 for c in all_cells), min(c.y0 for c in all_cells), max(c.x1 for c in all_cells),
            max(c.y1 for c in all_cells))
    return ExtractedTable(source, page.number + 1, [page.number + 1], bbox, grid, header_count,
                          _title_above(lines, bbox[1]), _unit_above(lines, bbox[1]), "layout")


_ENUMERATED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.]|其中|加[:：]|减[:：])")


def _join_wrapped_labels(rows: list[list[str]]) -> list[list[str]]:
    """A long label that wrapped onto two lines leaves a label-only row; join it to the row below."""
    joined: list[list[str]] = []
    pending = ""
    for row in rows:
        label_only = row[0] and not any(c.strip() for c in row[1:])
        if pending and _ENUMERATED.match(row[0]):
            joined.append([pending] + [""] * (len(row) - 1))  # "五、…" starts an item of its own
            pending = ""
        if label_only and len(row[0]) >= 10 and not row[0].endswith(("：", ":")):
            pending = (pending + row[0]).strip()
            continue
        if pending and _latin_heading(pending, row[0]):
            joined.append([pending] + [""] * (len(row) - 1))  # "Operating activities" heads "Net income"
            pending = ""
        if pending:
            row = [pending + row[0]] + row[1:]
            pending = ""
        joined.append(row)
    if pending:
        joined.append([pending] + [""] * (len(rows[-1]) - 1))
    return joined


_CURRENCY_SIGN = re.compile(r"(?:US|HK|RMB)?[$€£¥￥]")


def _latin_heading(pending: str, label: str) -> bool:
    """An English section line ("Operating activities") over a capitalised line item ("Net income") heads
    it; a wrapped label goes on in lower case ("Net (gain) loss on sale of restaurant" / "and other …")."""
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z ,&'’()-]*", pending)) and bool(re.match(r"[A-Z]", label.strip()))


def _above(lines: list[_Cell], top: float, reach: float = 140) -> list[_Cell]:
    return sorted((c for c in lines if top - reach <= c.y1 <= top + 1), key=lambda c: -c.y1)


def _title_above(lines, top) -> str:
    """The nearest line above that names a statement; a sentence of the text ("…纳入合并利润表。",
    "费用，在备考利润表中，…") names one without being a table's title."""
    for cell in _above(lines, top, 200):
        if re.search(r"[，。；]", cell.text):
            continue
        for name in STATEMENT_NAMES:
            if name in cell.text:
                return cell.text.strip()[:60]
    return ""


def _unit_above(lines, top) -> Unit | None:
    for cell in _above(lines, top, 160):
        if is_unit_caption(cell.text) or "金额单位" in cell.text:
            unit = detect_unit(cell.text)
            if unit:
                return unit
    return None
