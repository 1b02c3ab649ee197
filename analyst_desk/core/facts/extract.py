"""Every figure in a document's tables becomes a :class:`Fact`: row label, column, period, unit, page.

Tables come from the extraction finders (``analyst_desk.core.extraction.tables``), page by page and never
joined across pages, so a fact's page is always the page that prints it. A cell is a fact only when
it is one number token as printed — digits of two cells glued together ("129,465,020.68 182") are
rejected — and its unit comes from what the page says: the cell ("1.87%"), the row label
("基本每股收益（元/股）"), the column header ("占比(%)"), or the table's unit line ("单位：人民币百万元").
A ratio row in a money table with no unit of its own gets no unit rather than a wrong one.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from analyst_desk.core.facts.model import MONEY_UNITS, PERCENT, POINTS, Fact

log = logging.getLogger(__name__)

_YEAR = r"((?:19|20)\d{2})"
_PERIODS = [
    (re.compile(_YEAR + r"\s*[年\-/.]\s*(?:12\s*[月\-/.]\s*31|末)"), "{0}-12-31"),
    (re.compile(_YEAR + r"\s*[年\-/.]\s*(?:0?6\s*[月\-/.]\s*30)"), "{0}-06-30"),
    (re.compile(_YEAR + r"\s*[年\-/.]\s*(?:0?3\s*[月\-/.]\s*31)"), "{0}-03-31"),
    (re.compile(_YEAR + r"\s*[年\-/.]\s*(?:0?9\s*[月\-/.]\s*30)"), "{0}-09-30"),
    (re.compile(_YEAR + r"\s*年?\s*(?:1\s*[-－—~至]\s*6\s*月|上半年|半年度|中期|H1)"), "{0}H1"),
    (re.compile(_YEAR + r"\s*年?\s*(?:1\s*[-－—~至]\s*9\s*月|前三季度|9M)"), "{0}9M"),
    (re.compile(_YEAR + r"\s*年?\s*(?:1\s*[-－—~至]\s*12\s*月)"), "{0}"),
    (re.compile(_YEAR + r"\s*年?\s*(?:4\s*[-－—~至]\s*6\s*月)"), "{0}Q2"),
    (re.compile(_YEAR + r"\s*年?\s*(?:7\s*[-－—~至]\s*9\s*月)"), "{0}Q3"),
    (re.compile(_YEAR + r"\s*年?\s*(?:10\s*[-－—~至]\s*12\s*月)"), "{0}Q4"),
    (re.compile(_YEAR + r"\s*年?\s*(?:1\s*[-－—~至]\s*3\s*月|第[一1]季度|一季度|Q1)"), "{0}Q1"),
    (re.compile(_YEAR + r"\s*年?\s*(?:第[二2]季度|二季度|Q2)"), "{0}Q2"),
    (re.compile(_YEAR + r"\s*年?\s*(?:第[三3]季度|三季度|Q3)"), "{0}Q3"),
    (re.compile(_YEAR + r"\s*年?\s*(?:第[四4]季度|四季度|Q4)"), "{0}Q4"),
    (re.compile(r"(?:FY\s*)?" + _YEAR + r"(?!\d)"), "{0}"),
]
_CURRENT = re.compile(r"本年|本期|本报告期|当年|期末|年末|current|this year", re.I)
_PREVIOUS = re.compile(r"上年|上期|去年|上年同期|年初|prior|last year|previous", re.I)
_CHANGE_HEADER = re.compile(r"增减|变动|变化|同比|增长|增幅|比上年|较上年|change|yoy|growth|var", re.I)
_NOT_A_VALUE_HEADER = re.compile(r"附注|注释|note", re.I)
_LABEL_UNIT = re.compile(r"[（(]\s*(%|％|元/股|元|千元|万元|百万元|亿元|倍|户|个|人|家|次|万户|万人|天|年|bp|bps|个基点|"
                         r"百分点|个百分点)\s*[)）]\s*$")
_HEADER_UNIT = re.compile(r"[（(]\s*(?:人民币|RMB)?\s*(%|％|百分点|个百分点|元|千元|万元|百万元|亿元)\s*[)）]|占比|比例|百分比")
_RATIO_LABEL = re.compile(r"率|比率|比例|占比|倍数|ratio|margin|coverage|yield|return on", re.I)
_GLUED = re.compile(r"\d[\s\u3000]+[\d(（-]")
_NUMBER = re.compile(r"^(?P<open>[(（])?\s*(?P<sign>[+\-−△▲▼]|增加|增长|上升|减少|下降|降低)?\s*"
                     r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
                     r"(?P<unit>%|％|个百分点|百分点|pp|bps?|个基点)?\s*(?P<close>[)）])?$", re.I)
_NEGATIVE_WORDS = {"-", "−", "△", "▼", "减少", "下降", "降低"}
_FOOTNOTE = re.compile(r"\s*(?:注\s*\d+|\(\s*注\s*\d*\s*\)|（\s*注\s*\d*\s*）|\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$")


@dataclass
class Cell:
    """One printed number: its digits as printed, exact value, and the unit printed with it."""

    text: str
    value: Decimal
    unit: str


def parse_number(text: str) -> Cell | None:
    """One number token as printed, or None ("1,234", "(4.2%)", "-0.51个百分点", "下降0.51个百分点")."""
    raw = (text or "").strip()
    if not raw or _GLUED.search(raw):
        return None  # two printed numbers in one cell: never glue their digits
    core = _FOOTNOTE.sub("", raw.replace("\u3000", " ")).strip()
    core = core.replace("，", ",").replace("．", ".").replace("％", "%")
    match = _NUMBER.match(core)
    if not match or bool(match.group("open")) != bool(match.group("close")):
        return None
    try:
        value = Decimal(match.group("digits").replace(",", ""))
    except InvalidOperation:
        return None
    if match.group("open") or (match.group("sign") or "") in _NEGATIVE_WORDS:
        value = -value
    unit = (match.group("unit") or "").lower()
    unit = {"％": PERCENT, "百分点": POINTS, "pp": POINTS, "bp": "个基点", "bps": "个基点"}.get(unit, unit)
    return Cell(raw, value, unit)


def period_of(header: str, current: str = "") -> str:
    """"2024年12月31日" → "2024-12-31"; "2024年度" → "2024"; "本年" → ``current``; "" when unknown."""
    text = header.replace(" ", "")
    for pattern, fmt in _PERIODS:
        match = pattern.search(text)
        if match:
            return fmt.format(match.group(1))
    year = current[:4] if current[:4].isdigit() else ""
    if year and _PREVIOUS.search(header):
        return str(int(year) - 1)
    if year and _CURRENT.search(header):
        return year
    return ""


def _years(header: str) -> list[str]:
    return re.findall(r"(?:19|20)\d{2}", header)


def _clean_label(label: str) -> str:
    label = re.sub(r"\s+", "", label or "")
    return label.strip("：:·.。 ")


def _row_unit(label: str) -> str:
    match = _LABEL_UNIT.search(label)
    if not match:
        return ""
    unit = match.group(1).replace("％", "%")
    return POINTS if unit in {"百分点", "个百分点"} else unit


def _header_unit(header: str) -> str:
    match = _HEADER_UNIT.search(header)
    if not match:
        return ""
    unit = (match.group(1) or "%").replace("％", "%")
    return POINTS if unit in {"百分点", "个百分点"} else unit


def cell_unit(cell: Cell, label: str, header: str, table_unit: str, *, change: bool) -> str:
    """The unit the page states for this cell, or "" when it states none that applies."""
    if cell.unit:
        return cell.unit
    label_unit, header_unit = _row_unit(label), _header_unit(header)
    if change:
        if label_unit == PERCENT or header_unit == POINTS:
            return POINTS if header_unit == POINTS or label_unit == PERCENT else header_unit
        return header_unit if header_unit == PERCENT else ""
    if label_unit:
        return label_unit
    if header_unit:
        return header_unit
    if table_unit == PERCENT or (table_unit and not _RATIO_LABEL.search(label)):
        return table_unit  # a ratio row in a money table states no money unit; in a "%" table it is in %
    return ""


def _is_header_row(row: list[str]) -> bool:
    cells = [c for c in row[1:] if c]
    return len(cells) >= 1 and not any(parse_number(c) for c in cells) and (
        any(_years(c) or _CHANGE_HEADER.search(c) for c in cells) or row[0].replace(" ", "") in {"项目", "Item", "指标"})


def unit_of_line(line: str) -> str:
    """The unit a caption states: "（单位：%）" → "%", "金额单位：人民币百万元" → "百万元", else ""."""
    from analyst_desk.core.extraction.numbers import detect_unit

    unit = detect_unit(line)
    if unit:
        return unit.name
    return PERCENT if re.search(r"单位\s*[:：]?\s*[%％]", line) else ""


def read_headers(rows: list[list[str]], header_rows: int) -> tuple[int, list[str]]:
    """(header row count, one header per column) of a padded grid.

    Header rows the finder left in the body are recognised ("项目 | 2024年 | 2023年", then a row
    "| 金额 | 占比 | 金额 | 占比" under it); a header cell spanning several columns ("2024年" over
    金额 and 占比) is carried to the columns it spans, so each column reads "2024年 占比".
    """
    width = max((len(r) for r in rows), default=0)
    count = max(0, min(header_rows, len(rows) - 1))
    if count == 0 and len(rows) > 1 and _is_header_row(rows[0]):
        count = 1
    while 0 < count < min(3, len(rows) - 1) and not rows[count][0] and any(rows[count][1:]) \
            and not any(parse_number(c) for c in rows[count][1:] if c):
        count += 1  # a sub-header row under the first ("金额 | 占比")
    layers = []
    for h in range(count):
        layer = list(rows[h][1:])
        if h < count - 1:  # spanning cells: fill to the right until the next header cell
            for c in range(1, len(layer)):
                if not layer[c] and layer[c - 1] and not _CHANGE_HEADER.search(layer[c - 1]):
                    layer[c] = layer[c - 1]
        layers.append([""] + layer)
    headers = [" ".join(filter(None, (layer[c] for layer in layers))).strip() for c in range(width)]
    return count, headers


def table_headers(table) -> list[str]:
    """Column headers of a table as :func:`facts_from_table` reads them (for continuation tables)."""
    rows = [[(c or "").strip() for c in row] for row in table.rows]
    width = max((len(r) for r in rows), default=0)
    return read_headers([r + [""] * (width - len(r)) for r in rows], table.header_rows)[1]


def facts_from_table(table, *, doc_id: str, table_no: int, current_period: str = "", title: str = "",
                     issuer: str = "", unit_line: str = "", inherited_headers: list[str] | None = None) -> list[Fact]:
    """Facts of one extracted table (``analyst_desk.core.extraction.tables.ExtractedTable``).

    ``inherited_headers`` are the headers of the table this one continues (same column count, on
    the previous page), used when this part prints none of its own.
    """
    rows = [[(c or "").strip() for c in row] for row in table.rows]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header_count, headers = read_headers(rows, table.header_rows)
    if not any(headers[1:]) and inherited_headers and len(inherited_headers) == width:
        headers = list(inherited_headers)  # a table continued from the previous page
    table_unit = table.unit.name if getattr(table, "unit", None) is not None else ""
    if not table_unit and unit_line:
        table_unit = unit_of_line(unit_line)
    if table_unit not in MONEY_UNITS and table_unit != PERCENT:
        table_unit = ""
    header_text = " | ".join(h for h in headers if h)
    caption = unit_line or (f"单位：{table_unit}" if table_unit else "")
    bbox = list(table.page_boxes.get(table.page, table.bbox)) if getattr(table, "bbox", None) else None
    section = ""
    facts: list[Fact] = []
    for row_no in range(header_count, len(rows)):
        row = rows[row_no]
        label = _clean_label(row[0])
        numbers = {c: parse_number(row[c]) for c in range(1, width)}
        numbers = {c: n for c, n in numbers.items() if n is not None}
        if not label:
            continue
        if not numbers:
            if not any(row[1:]):
                section = label[:40]  # a section row ("资产质量") heads the rows under it
            continue
        heading = " > ".join(p for p in (table.title, section) if p)
        context = "\n".join(p for p in (caption, "| " + " | ".join(headers) + " |" if header_text else "",
                                        "| " + " | ".join(row) + " |") if p)
        for col, cell in numbers.items():
            header = headers[col]
            if _NOT_A_VALUE_HEADER.search(header) and not _years(header):
                continue
            change = bool(_CHANGE_HEADER.search(header))
            years = _years(header)
            period = period_of(header, current_period)
            base = ""
            if change:
                period = years[0] if years else (current_period[:4] if current_period[:4].isdigit() else "")
                base = years[1] if len(years) > 1 else (str(int(period) - 1) if period.isdigit() else "")
            facts.append(Fact(doc_id=doc_id, page=table.page, row_label=label, column=header or f"#{col}",
                              value_text=cell.text, value=cell.value,
                              unit=cell_unit(cell, label, header, table_unit, change=change),
                              kind="change" if change else "value", period=period, base_period=base,
                              heading=heading, title=title, issuer=issuer, bbox=bbox, context=context,
                              table_no=table_no, row_no=row_no, col_no=col,
                              fact_id=f"{doc_id}:{table.page}:{table_no}:{row_no}:{col}"))
    return facts


def _unit_line_above(page, top: float, textpage=None) -> str:
    """The nearest unit line printed above ``top`` on the page ("金额单位：人民币百万元")."""
    best, best_y = "", -1.0
    for block in page.get_text("blocks", textpage=textpage):
        x0, y0, x1, y1, text = block[:5]
        if y1 > top + 2:
            continue
        for line in str(text).splitlines():
            line = line.strip()
            if line and len(line) < 60 and re.search(r"单位|unit|in (?:millions|thousands)", line, re.I) \
                    and unit_of_line(line) and y1 > best_y:
                best, best_y = line, y1
    return best


def unit_lines_above(page, tables, textpage=None) -> list[str]:
    """For each table on ``page``: the unit line printed above it, "" when the table reads its own unit."""
    return ["" if table.unit is not None else _unit_line_above(page, table.bbox[1], textpage) for table in tables]


def extract_facts(path: Path, *, doc_id: str, pages: list[int] | None = None, current_period: str = "",
                  title: str = "", issuer: str = "", cancel=None) -> list[Fact]:
    """Facts from every table on ``pages`` (1-based; all pages when None) of a PDF.

    A page whose tables cannot be read is skipped and logged: facts are an aid, and one odd page
    must not cost the rest of the document. (The library's import does not come here: it hands
    the tables it already found to :func:`facts_from_page_tables`.)
    """
    from analyst_desk.core.extraction.tables import tables_on_page
    from analyst_desk.core.pdf import open_pdf

    def read(doc):
        numbers = pages if pages is not None else list(range(1, doc.page_count + 1))
        for number in numbers:
            if cancel is not None:
                cancel.raise_if_cancelled()
            if not 1 <= number <= doc.page_count:
                continue
            page = doc[number - 1]
            try:
                tables = tables_on_page(page, str(path))
            except Exception:  # a finder failure on one page must not stop the document
                log.exception("Tables on page %d of %s could not be read", number, Path(path).name)
                continue
            yield number, page.rect.height, tables, unit_lines_above(page, tables)

    with open_pdf(path, max_pages=None) as doc:
        return facts_from_page_tables(read(doc), doc_id=doc_id, current_period=current_period, title=title,
                                      issuer=issuer)


def facts_from_page_tables(pages, *, doc_id: str, current_period: str = "", title: str = "",
                           issuer: str = "") -> list[Fact]:
    """Facts of tables already found: ``pages`` yields ``(page number, page height, tables, unit
    lines)`` in page order, the unit lines from :func:`unit_lines_above`. A table at the top of a
    page continues the previous page's last table (its headers and unit line)."""
    facts: list[Fact] = []
    table_no = 0
    #: (page, headers, unit line) of the last table read, for a table continued on the next page.
    previous: tuple[int, list[str], str] | None = None
    for number, height, tables, unit_lines in pages:
        for index, table in enumerate(tables):
            table_no += 1
            unit_line = unit_lines[index] if index < len(unit_lines) else ""
            inherited = None
            top_of_page = index == 0 and table.bbox[1] < height * 0.2
            if top_of_page and previous is not None and previous[0] == number - 1:
                inherited = previous[1]
                unit_line = unit_line or previous[2]
            facts.extend(facts_from_table(table, doc_id=doc_id, table_no=table_no, current_period=current_period,
                                          title=title, issuer=issuer, unit_line=unit_line,
                                          inherited_headers=inherited))
            headers = table_headers(table)
            if not any(headers[1:]) and inherited:
                headers = inherited
            unit_text = table.unit.name if table.unit is not None else unit_line
            previous = (number, headers, f"单位：{unit_text}" if table.unit is not None else unit_line)
    return facts
