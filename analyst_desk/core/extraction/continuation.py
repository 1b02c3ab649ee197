"""Does the first table on a page continue the last table of the page before? The join decision.

A statement runs over several pages; the next page may repeat its header, print "(续)", or go on
with no header at all. Joined: the next page's first table, the previous page's last table, the
same columns, and nothing between them that starts something new — no new title or numbered
heading above the tail, no paragraph after the previous table. A headless tail takes the header of
the table it continues; a repeated header is dropped.
"""

from __future__ import annotations

import re

from analyst_desk.core.extraction.extracted_table import STATEMENT_NAMES, ExtractedTable

_CONTINUED = re.compile(r"[(（]?\s*续\s*[)）]?|continued|cont'd", re.IGNORECASE)
#: A line that opens a new part of the document: "（三）合并现金流量表", "2、主要财务指标", "Table 4".
_HEADING = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十]+[)）、.．]|\d+(?:\.\d+)*[、.．\s]\s*\S|第[一二三四五六七八九十\d]+[章节]|"
                      r"Table\s+\d|表\s*\d)")
_NOTE_OR_SIGNATURE = re.compile(r"^\s*(?:注|Note|Source|资料来源|法定代表人|主管会计|会计机构负责人|"
                                r"后附|The accompanying)", re.IGNORECASE)


def _opens_something(lines: list[str]) -> bool:
    """Text above a tail that names a new table or starts a new section."""
    for line in lines:
        text = line.strip()
        if _CONTINUED.search(text) and len(text) < 40:
            continue
        if any(name in text for name in STATEMENT_NAMES) or text.endswith("表") or _HEADING.match(text):
            return True
    return False


def _closes(lines: list[str]) -> bool:
    """Text under a table that ends it: a paragraph, a signature line, the statement's closing note."""
    meaningful = [t for t in lines if t.strip() and not _CONTINUED.fullmatch(t.strip())]
    return any(_NOTE_OR_SIGNATURE.match(t) or (len(t.strip()) > 10 and t.strip().endswith(("。", ".")))
               for t in meaningful) or sum(len(t) for t in meaningful) > 40


def _shape(table: ExtractedTable) -> int:
    """Columns that hold something (a column empty on one page is not a different table)."""
    return sum(1 for c in range(table.columns) if any(c < len(r) and r[c].strip() for r in table.rows))


def _sparse_columns(table: ExtractedTable) -> list[int]:
    """Columns after the label that hold text in at most half the rows and never an amount: a
    sub-label printed beside a label spanning two rows ("每股收益 | 稀释每股收益"), no column of figures."""
    body = table.rows[table.header_rows:] or table.rows
    out = []
    for c in range(1, table.columns):
        cells = [r[c] for r in body if c < len(r) and r[c].strip()]
        if len(cells) <= 0.5 * len(body) and not any(re.search(r"\d[\d,.]*\d|\d%", x) for x in cells):
            out.append(c)
    return out


def _fold_sparse(table: ExtractedTable, width: int) -> list[list[str]]:
    """The table's rows with its sub-label columns folded into the label, down to ``width`` columns."""
    sparse = _sparse_columns(table)[:max(0, table.columns - width)]
    rows = []
    for row in table.rows:
        label = " ".join(x for x in [row[0] if row else ""] + [row[c] for c in sparse if c < len(row)] if x.strip())
        rows.append([label] + [x for c, x in enumerate(row) if c and c not in sparse])
    return rows


def _running(a: ExtractedTable, b: ExtractedTable) -> list[str]:
    """Lines at the head of both tables' pages: the document's running header."""
    head = {re.sub(r"\s+", "", t) for t in getattr(a, "page_head", [])}
    return sorted((t for t in {re.sub(r"\s+", "", t) for t in getattr(b, "page_head", [])} & head if t),
                  key=len, reverse=True)


def _header(table: ExtractedTable, running: list[str] = ()) -> list[str]:
    if not table.header_rows:
        return []
    names = [re.sub(r"\s+", "", " ".join(col)) for col in zip(*table.rows[:table.header_rows])]
    for line in running:  # a running header read into the table's header is no column name
        names = [n.replace(line, "") for n in names]
    return names


def _same_header(a: ExtractedTable, b: ExtractedTable) -> bool:
    """The same column names, allowing one page's header to carry a stray word the other lacks
    (a running header read into it): each column's name contains the other's."""
    running = _running(a, b)
    ha, hb = _header(a, running), _header(b, running)
    if not ha or not hb or len(ha) != len(hb):
        return False
    return ha == hb or (any(ha) and all((x in y or y in x) for x, y in zip(ha, hb)) and
                        sum(1 for x, y in zip(ha, hb) if x and y) >= max(1, sum(1 for x in ha if x) - 1))


def continues(previous: ExtractedTable, table: ExtractedTable, *, first_on_page: bool = True,
              page_heights: dict[int, float] | None = None) -> bool:
    """True when ``table`` (the first on its page) carries on ``previous`` (the last on the page before)."""
    if table.page != previous.pages[-1] + 1 or not first_on_page:
        return False
    if table.columns != previous.columns and _shape(table) != _shape(previous) and \
            table.columns - len(_sparse_columns(table)) != previous.columns:
        return False
    title = table.title.strip()
    running = {t.strip() for t in getattr(previous, "page_head", [])}
    above = [t for t in getattr(table, "text_above", []) if t.strip() not in running]
    if _CONTINUED.search(title) or any(_CONTINUED.search(t) and len(t.strip()) < 40 for t in above):
        return True
    if title:
        return title == previous.title.strip()  # the same title again: the statement goes on
    if _opens_something(above) or _closes(getattr(previous, "text_below", [])):
        return False
    if table.header_rows and previous.header_rows and _same_header(table, previous):
        return True
    heights = page_heights or {}
    height = heights.get(table.page, 842.0)
    last_box = previous.page_boxes.get(previous.pages[-1], previous.bbox)
    reaches_foot = last_box[3] > 0.6 * heights.get(previous.pages[-1], height)
    starts_at_head = table.bbox[1] < 0.4 * height
    return reaches_foot and starts_at_head and not _has_own_header(table, previous)


def _has_own_header(table: ExtractedTable, previous: ExtractedTable) -> bool:
    """A header of its own (different from the previous table's) that reads as column names."""
    if not table.header_rows:
        return False
    return not _same_header(table, previous) and any(
        re.search(r"(?:19|20)\d{2}|年|月|项目|Item|Note|附注|金额|期末|期初|本期|上期", c) for c in _header(table))


_NUMERALS = "一二三四五六七八九十"
_ITEM_NUMBER = re.compile(r"^\s*([一二三四五六七八九十])[、.．]")


def _item_numbers(table: ExtractedTable) -> list[int]:
    return [_NUMERALS.index(m.group(1)) + 1 for r in table.rows[table.header_rows:] if r
            for m in [_ITEM_NUMBER.match(r[0])] if m]


def continues_on_page(previous: ExtractedTable, table: ExtractedTable) -> bool:
    """True when ``table``, read as a table of its own under ``previous`` on the same page (a gap or a
    change of ruling split the reading), goes on with its numbered items: the same columns, no title,
    nothing printed between, no header of its own, and its first numbered item the next after the
    last one above ("三、筹资活动…" above, "四、汇率变动…" below)."""
    if table.page != previous.pages[-1] or table.columns != previous.columns or table.title.strip():
        return False
    if [t for t in getattr(table, "text_above", []) if t.strip()] or _has_own_header(table, previous):
        return False
    above = _item_numbers(previous)
    # the tail's first rows may have been taken for its header: they count as its items too
    below = [_NUMERALS.index(m.group(1)) + 1 for r in table.rows if r for m in [_ITEM_NUMBER.match(r[0])] if m]
    return bool(above and below) and below[0] == above[-1] + 1


def join_continuations(tables: list[ExtractedTable], page_heights: dict[int, float] | None = None) -> list[ExtractedTable]:
    """Tables in page order, each continuation appended to the table it continues."""
    joined: list[ExtractedTable] = []
    for i, table in enumerate(tables):
        previous = joined[-1] if joined else None
        first = i == 0 or tables[i - 1].page != table.page
        if previous and (continues(previous, table, first_on_page=first, page_heights=page_heights)
                         or continues_on_page(previous, table)):
            repeated = bool(table.header_rows) and _same_header(table, previous)
            # A tail with a sub-label column the table above lacks has it folded into its labels.
            rows = _fold_sparse(table, previous.columns) if table.columns > previous.columns else table.rows
            # A tail whose first rows were taken for a header but are not the previous header keeps them.
            added = rows[table.header_rows:] if repeated else rows
            if len(previous.row_pages) != len(previous.rows):
                previous.row_pages = [previous.page] * len(previous.rows)
            previous.rows.extend(added)
            previous.row_pages.extend([table.page] * len(added))
            if table.page not in previous.pages:
                previous.pages.append(table.page)
            box = previous.page_boxes.get(table.page)
            previous.page_boxes[table.page] = table.bbox if box is None else (
                min(box[0], table.bbox[0]), min(box[1], table.bbox[1]), max(box[2], table.bbox[2]),
                max(box[3], table.bbox[3]))
            previous.text_below = getattr(table, "text_below", [])
            previous.notes.extend(n for n in table.notes if n not in previous.notes)
            previous.notes.append(f"continued on page {table.page}" + (" (repeated header removed)" if repeated else ""))
            continue
        joined.append(table)
    return joined
