"""Turn loaded pages into citable chunks: rows rebuilt from layout, headings tracked, tables kept whole.

Annual reports put every table cell in its own text block, so raw PDF text reads "净息差 / 1.87% /
2.38%" on separate lines. Rows are rebuilt by vertical position so a row label stays beside its
numbers; runs of numeric rows become table chunks (Markdown grid plus the unit line), which is
what makes "净息差 1.87%" findable and citable to its page.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from analyst_desk.core.cjk import HAN, cjk_count
from analyst_desk.core.library.document_profile import read_profile
from analyst_desk.core.library.loaders import Line, LoadedDocument, LoadedPage

TARGET_CHARS = 480
MAX_TABLE_CHARS = 1400

_NUMERIC = re.compile(r"^[\(（\-−△+]?[¥$]?\d[\d,，.]*\s*%?[\)）]?$|^[\-—–]$")
_PAGE_NUMBER = re.compile(r"[\-—第\s]*\d{1,4}[\s页/共\d\-—]*")
_UNIT_LINE = re.compile(r"(单位|货币单位|Unit|unit|In millions|in thousands|RMB ?million|RMB'000|USD'000)")
_HEADING_PATTERNS = [
    (re.compile(r"^第[一二三四五六七八九十百\d]+[章节部分篇]"), 1),
    (re.compile(r"^[一二三四五六七八九十]+、"), 2),
    (re.compile(r"^[（(][一二三四五六七八九十]+[)）]"), 3),
    (re.compile(rf"^\d{{1,2}}(\.\d{{1,2}}){{0,3}}\s*[{HAN}A-Z]"), 0),  # level from the number of dots
    (re.compile(r"^(Chapter|Section|Part)\s+\w+", re.IGNORECASE), 1),
]


@dataclass
class Chunk:
    text: str
    page: int
    pages: list[int]
    heading_path: str
    kind: str = "text"
    bbox: tuple[float, float, float, float] | None = None
    ordinal: int = 0


@dataclass
class _Row:
    cells: list[str]
    bbox: tuple[float, float, float, float] | None
    size: float = 0.0
    heading_level: int = 0
    known_cells: bool = False

    @property
    def text(self) -> str:
        return " | ".join(self.cells) if len(self.cells) > 1 else (self.cells[0] if self.cells else "")

    @property
    def numeric_cells(self) -> int:
        return sum(1 for c in self.cells if _NUMERIC.match(c.replace(" ", "")))


@dataclass
class _Builder:
    chunks: list[Chunk] = field(default_factory=list)

    def add(self, text: str, page: int, pages: list[int], heading: str, kind: str, bbox) -> None:
        text = text.strip()
        if text:
            self.chunks.append(Chunk(text, page, sorted(set(pages)), heading, kind, bbox, len(self.chunks)))


def boilerplate_lines(pages: list[LoadedPage]) -> set[str]:
    """Lines repeated in the top or bottom band of many pages: running headers and footers."""
    counts: Counter[str] = Counter()
    for page in pages:
        if not page.height:
            continue
        seen = set()
        for line in page.lines:
            if line.bbox and (line.bbox[1] < page.height * 0.09 or line.bbox[3] > page.height * 0.93):
                seen.add(_normalise(line.text))
        counts.update(seen)
    # Chapter running heads repeat only within their chapter, so a few pages are enough.
    threshold = 3 if len(pages) >= 6 else max(2, len(pages) // 2 + 1)
    return {text for text, n in counts.items() if n >= threshold}


def _normalise(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _is_page_number(line: Line, page: LoadedPage) -> bool:
    if not line.bbox or not page.height:
        return False
    in_band = line.bbox[1] < page.height * 0.09 or line.bbox[3] > page.height * 0.93
    return in_band and bool(_PAGE_NUMBER.fullmatch(line.text))


def running_chapter(page: LoadedPage, drop: set[str]) -> str:
    """The chapter named in a page's running head ("第二章 会计数据和财务指标"), if any."""
    head = [l for l in page.lines if l.bbox and page.height and l.bbox[1] < page.height * 0.09
            and _normalise(l.text) in drop]
    anchor = next((l for l in head if _HEADING_PATTERNS[0][0].match(l.text)), None)
    if anchor is None:
        return ""
    mid = (anchor.bbox[1] + anchor.bbox[3]) / 2
    same_row = sorted((l for l in head if abs((l.bbox[1] + l.bbox[3]) / 2 - mid) < 4), key=lambda l: l.bbox[0])
    return " ".join(l.text for l in same_row)[:60]


def _rows(page: LoadedPage, drop: set[str]) -> list[_Row]:
    lines = [l for l in page.lines if _normalise(l.text) not in drop and not _is_page_number(l, page)]
    if not lines or lines[0].bbox is None:
        return [_Row(l.cells or [l.text], None, l.size, l.heading_level, known_cells=bool(l.cells)) for l in lines]
    lines.sort(key=lambda l: (round(l.bbox[1], 1), l.bbox[0]))
    rows: list[list[Line]] = []
    for line in lines:
        y_mid = (line.bbox[1] + line.bbox[3]) / 2
        height = max(line.bbox[3] - line.bbox[1], 1.0)
        if rows:
            last = rows[-1]
            last_mid = statistics.fmean((l.bbox[1] + l.bbox[3]) / 2 for l in last)
            if abs(y_mid - last_mid) < height * 0.5:
                last.append(line)
                continue
        rows.append([line])
    result = []
    for row in rows:
        row.sort(key=lambda l: l.bbox[0])
        bbox = (min(l.bbox[0] for l in row), min(l.bbox[1] for l in row),
                max(l.bbox[2] for l in row), max(l.bbox[3] for l in row))
        result.append(_Row([l.text for l in row], bbox, max(l.size for l in row)))
    return result


def _heading_level(row: _Row, body_size: float) -> int:
    if row.heading_level:
        return row.heading_level
    if len(row.cells) != 1:
        return 0
    text = row.cells[0]
    if len(text) > 40 or text.endswith(("。", "；", ".", ";", "，", ",", "：", ":")) or _NUMERIC.match(text):
        return 0
    for pattern, level in _HEADING_PATTERNS:
        match = pattern.match(text)
        if match:
            if level == 0:
                level = 2 + text.split()[0].count(".") if "." in text.split()[0] else 2
            return min(level, 4)
    if body_size and row.size >= body_size * 1.3 and len(text) <= 30:
        return 2
    return 0


def _union(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _is_table_row(row: _Row) -> bool:
    if row.known_cells:
        return len(row.cells) >= 2
    # Numeric rows, and wide text rows (column headers such as "项目 | 2024年 | 2023年").
    return len(row.cells) >= 2 and (row.numeric_cells >= 1 or len(row.cells) >= 3)


def may_hold_table(page: LoadedPage) -> bool:
    """Cheap test of whether a page is worth the table detector: two rows laid out like table rows,
    one of them with a number. Pages of running text (most of a prospectus) skip the detector."""
    rows = [r for r in _rows(page, set()) if _is_table_row(r)]
    return len(rows) >= 2 and any(r.numeric_cells for r in rows)


def _rows_in_tables(rows: list[_Row], page: LoadedPage) -> dict[int, int]:
    """Row index → index of the detected table whose box holds the row's centre."""
    boxes = [t.page_boxes.get(page.number, t.bbox) for t in page.tables or []]
    owner: dict[int, int] = {}
    for index, row in enumerate(rows):
        if row.bbox is None:
            continue
        cx, cy = (row.bbox[0] + row.bbox[2]) / 2, (row.bbox[1] + row.bbox[3]) / 2
        for number, (x0, y0, x1, y1) in enumerate(boxes):
            if x0 - 2 <= cx <= x1 + 2 and y0 - 2 <= cy <= y1 + 2:
                owner[index] = number
                break
    return owner


def _table_markdown(rows: list[_Row], caption: str) -> str:
    width = max(len(r.cells) for r in rows)
    lines = [caption] if caption else []
    for i, row in enumerate(rows):
        cells = row.cells + [""] * (width - len(row.cells))
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
        if i == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines)


def chunk_document(document: LoadedDocument) -> list[Chunk]:
    """Split a loaded document into text and table chunks with page numbers and heading paths."""
    drop = boilerplate_lines(document.pages)
    sizes = [l.size for p in document.pages for l in p.lines if l.size]
    body_size = statistics.median(sizes) if sizes else 0.0
    builder = _Builder()
    headings: list[tuple[int, str]] = []
    # The unit line in force on this page ("金额单位均为人民币百万元" under a statement's title): every
    # table further down the page is in it too, not only the first one below it.
    unit_line = [""]

    def heading_path() -> str:
        return " > ".join(text for _, text in headings)

    for page in document.pages:
        chapter = running_chapter(page, drop)
        if chapter and (not headings or headings[0] != (1, chapter)):
            headings[:] = [(1, chapter)]
        rows = _rows(page, drop)
        unit_line[0] = ""
        buffer: list[str] = []
        buffer_bbox = None
        table: list[_Row] = []
        caption = ""

        def flush_text():
            nonlocal buffer, buffer_bbox
            if buffer:
                builder.add("\n".join(buffer), page.number, [page.number], heading_path(), "text", buffer_bbox)
            buffer, buffer_bbox = [], None

        def flush_table():
            nonlocal table, caption
            if len(table) >= 2 and any(r.numeric_cells or r.known_cells for r in table):
                part: list[_Row] = []
                for row in table:
                    part.append(row)
                    if sum(len(r.text) for r in part) > MAX_TABLE_CHARS:
                        _emit_table(part, caption)
                        part = [table[0]] if table[0] is not part[0] else []  # repeat the header row
                if len(part) > 1 or (part and part[0] is not table[0]):
                    _emit_table(part, caption)
            elif table:
                if unit_line[0] and any(r.numeric_cells for r in table) and unit_line[0] not in buffer:
                    _add_text(unit_line[0], None)  # a lone figures row keeps its unit
                for row in table:
                    _add_text(row.text, row.bbox)
            table, caption = [], ""

        def emit_detected(number: int, index: int) -> None:
            """A table the detector found: the page's rows inside its box, as printed (the detector
            says where a table is; the words stay the page's own, so a sentence the detector split
            into columns still reads as one), split like any long table."""
            mine = [i for i, n in sorted(owner.items()) if n == number and not _heading_level(rows[i], body_size)]
            captions = page.unit_lines[number] if number < len(page.unit_lines) else ""
            skip = drop | {_normalise(text) for _, text in headings}
            captions = "\n".join(line for line in captions.splitlines() if _normalise(line) not in skip
                                  and not any(_normalise(line) == _normalise(rows[i].text) for i in mine))
            caption_text = next((r.text for r in rows[max(0, index - 3):index][::-1]
                                 if _UNIT_LINE.search(r.text) and len(r.text) < 60), "") or captions or unit_line[0]
            grid = [rows[i] for i in mine]
            if not grid:
                return
            part: list[_Row] = []
            for row in grid:
                part.append(row)
                if sum(len(r.text) for r in part) > MAX_TABLE_CHARS:
                    _emit_table(part, caption_text)
                    part = [grid[0]] if grid[0] is not part[0] else []  # repeat the header row
            if part and (len(part) > 1 or part[0] is not grid[0] or len(grid) == 1):
                _emit_table(part, caption_text)

        def _emit_table(rows_part, cap):
            bbox = None
            for r in rows_part:
                bbox = _union(bbox, r.bbox)
            builder.add(_table_markdown(rows_part, cap), page.number, [page.number], heading_path(), "table", bbox)

        def _add_text(text, bbox):
            nonlocal buffer_bbox
            if sum(len(t) for t in buffer) + len(text) > TARGET_CHARS and buffer:
                flush_text()
            buffer.append(text)
            buffer_bbox = _union(buffer_bbox, bbox)

        detected = page.tables is not None  # the detector read this page: it alone says what a table is
        owner = _rows_in_tables(rows, page) if detected else {}
        emitted: set[int] = set()
        for index, row in enumerate(rows):
            level = _heading_level(row, body_size)
            if index in owner:
                # A heading the detector's box takes in above the grid still opens its section.
                if owner[index] not in emitted and not level:
                    flush_text()
                    emitted.add(owner[index])
                    emit_detected(owner[index], index)
                if owner[index] in emitted:
                    continue
            if level:
                flush_table()
                flush_text()
                while headings and headings[-1][0] >= level:
                    headings.pop()
                headings.append((level, row.cells[0][:60]))
                continue
            if detected:
                if _UNIT_LINE.search(row.text) and len(row.text) < 60:
                    unit_line[0] = row.text  # the caption of a table below it
                    continue
                _add_text(row.text, row.bbox)
                continue
            if _UNIT_LINE.search(row.text) and len(row.text) < 60 and not _is_table_row(row):
                unit_line[0] = row.text
            if _is_table_row(row):
                if not table:
                    flush_text()
                    # A unit line or short caption just above the table travels with it.
                    caption = next((r.text for r in rows[max(0, index - 3):index][::-1]
                                    if _UNIT_LINE.search(r.text) and len(r.text) < 60), "") or unit_line[0]
                table.append(row)
                continue
            if table and len(row.cells) >= 2:
                table.append(row)  # a text-only row inside a table (sub-header)
                continue
            if table:
                flush_table()
            if _UNIT_LINE.search(row.text) and len(row.text) < 60:
                continue  # a unit line is the caption of the table below it, not text of its own
            _add_text(row.text, row.bbox)
        flush_table()
        flush_text()
    return builder.chunks


# -- document facts ------------------------------------------------------------------------
def describe_document(document: LoadedDocument) -> dict:
    """Issuer, period, report type and language, read from the pages' text (metadata is often wrong).

    The keys keep the catalogue's names: ``company`` is the issuer, ``doc_type`` the report type.
    """
    pages = ["\n".join(line.text for line in page.lines) for page in document.pages]
    profile = read_profile(pages, document.title, document.path.stem)
    sample = "".join(pages[:10])[:20000]
    cjk = cjk_count(sample)
    language = "zh" if sample and cjk / max(len(sample), 1) > 0.15 else "en"
    return {"period": profile.period, "doc_type": profile.report_type,
            "company": profile.issuer or profile.issuer_en, "issuer_en": profile.issuer_en, "language": language}
