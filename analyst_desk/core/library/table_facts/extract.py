"""Every figure in a document's tables becomes a :class:`Fact`: row label, column, period, unit, page.

Tables come from the extraction finders (``analyst_desk.core.extraction.tables``), page by page and never
joined across pages, so a fact's page is always the page that prints it. A cell is a fact only when
it is one number token as printed — digits of two cells glued together ("129,465,020.68 182") are
rejected — and its unit comes from what the page says: the cell ("1.87%"), the row label
("基本每股收益（元/股）"), the column header ("占比(%)"), or the table's unit line ("单位：人民币百万元",
"(in millions, except per share data)" — dollars in a dollar filing, never 百万元). A figure whose
unit the page does not state is not a fact; a ratio row in a money table gets no money unit.

Each fact also knows its period in canonical form (:mod:`.periods`), its scope (合并 / 母公司, from
the caption or the column), its currency and the kind of table (:mod:`.table_kinds`); the
document's facts are then settled (:mod:`.settle`): one primary fact per metric × period × scope,
disagreements beyond rounding flagged, periods the report does not cover marked.

Entry points: :func:`facts_from_page_tables` (tables the import's page reader already found, with
:func:`unit_lines_above` captions) and :func:`facts_of_open_document` (an open PyMuPDF document).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from analyst_desk.core.library.table_facts import periods
from analyst_desk.core.library.table_facts.captions import _EN_SCALE, _split_caption, caption_unit, unit_lines_above
from analyst_desk.core.library.table_facts.model import MONEY_UNITS, PERCENT, POINTS, USD_UNITS, Fact, currency_of_unit
from analyst_desk.core.library.table_facts.periods import ReportCalendar, header_spans, ordered_periods
from analyst_desk.core.library.table_facts.table_kinds import TableKind, classify

log = logging.getLogger(__name__)

_CHANGE_HEADER = re.compile(r"增减|变动|变化|同比|增长|增幅|比上年|较上年|change|yoy|growth|var", re.I)
_NOT_A_VALUE_HEADER = re.compile(r"附注|注释|note", re.I)
_LABEL_UNIT = re.compile(r"[（(]\s*(%|％|元/股|元|千元|万元|百万元|亿元|倍|户|个|人|家|次|万户|万人|天|年|bp|bps|个基点|"
                         r"百分点|个百分点)\s*[)）]\s*$")
_HEADER_UNIT = re.compile(r"[（(]\s*(?:人民币|RMB)?\s*(%|％|百分点|个百分点|元|千元|万元|百万元|亿元)\s*[)）]|占比|比例|百分比")
_RATIO_LABEL = re.compile(r"率|比率|比例|占比|倍数|\bratio|\bmargin\b|\bcoverage\b|\byield\b|\breturn on", re.I)
#: A row of a dollar table that is a ratio, not dollars ("Gross margin" is dollars in a US income statement).
_USD_RATIO_LABEL = re.compile(r"\bratios?\b|\brates?\b|percent|%|\bmargin\s+(?:percentage|rate)|\byield\b", re.I)
#: A column of estimates ("2023E", "2024年预测", "FY2025F"): its figures are kind "forecast", never a period's figure.
_FORECAST = re.compile(r"(?:19|20)\d{2}\s*[EF]\b|预测|预计|\bforecasts?\b|\bguidance\b|\boutlook\b", re.I)
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


def period_of(header: str, current: ReportCalendar | str = "") -> str:
    """"2024年12月31日" → "2024-12-31"; "2024年度" → "2024"; "本年" → ``current``; "" when unknown
    (all forms: :func:`analyst_desk.core.library.table_facts.periods.period_of`)."""
    return periods.period_of(header, current)


def _years(header: str) -> list[str]:
    return re.findall(r"(?:19|20)\d{2}", header)


def _clean_label(label: str) -> str:
    """A row label as printed, its words kept apart: spaces between Chinese characters (a layout
    artefact, "项   目") go, spaces between English words stay ("Operating income")."""
    label = re.sub(r"\s+", " ", (label or "").replace("\u3000", " ")).strip()
    label = re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", label)
    label = re.sub(r"\s*\$$", "", label)  # "Net income $": the dollar sign belongs to the amount column
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


_BARE_YEAR_CELL = re.compile(r"(?:FY\s*)?(?:19|20)\d{2}")


def _is_header_row(row: list[str]) -> bool:
    """A row of column heads: no amounts, and years or change words ("2024年 | 增减"; an unlabelled
    "2022 | Change | 2021 | Change | 2020", whose years alone parse as numbers)."""
    cells = [c for c in row[1:] if c]
    years = [c for c in cells if _BARE_YEAR_CELL.fullmatch(c.strip())]
    if years and (row[0].strip() or len(years) < 2):
        return False  # a labelled row of year-like figures is data
    return len(cells) >= 1 and not any(parse_number(c) for c in cells if c not in years) and (
        any(_years(c) or _CHANGE_HEADER.search(c) for c in cells) or row[0].replace(" ", "") in {"项目", "Item", "指标"})


def read_headers(rows: list[list[str]], header_rows: int) -> tuple[int, list[str]]:
    """(header row count, one header per column) of a padded grid.

    Header rows the finder left in the body are recognised ("项目 | 2024年 | 2023年", then a row
    "| 金额 | 占比 | 金额 | 占比" under it); a header cell spanning several columns ("2024年" over
    金额 and 占比) is carried to the columns it spans, so each column reads "2024年 占比".
    """
    width = max((len(r) for r in rows), default=0)
    count = max(0, min(header_rows, len(rows) - 1))
    if count == 0 and len(rows) > 1 and (_is_header_row(rows[0]) or _period_row(rows[0])):
        count = 1
    while 0 < count < min(3, len(rows) - 1) and not rows[count][0] and any(rows[count][1:]) \
            and (not any(parse_number(c) for c in rows[count][1:] if c) or _only_years(rows[count])):
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


def fitted_headers(headers: list[str], width: int, amount_periods: list[str] | None = None) -> list[str] | None:
    """The headers of the table this one continues, fitted to this one's ``width``: as they are when the
    widths agree, else the periods its amount columns were read as, in order (a grid the finder spread over
    empty "$" columns — "| 99,803 | | 94,680 | | 57,411" under "Years ended September 24, 2022 | …" — is
    continued by a grid of three amount columns, "2022 | 2021 | 2020"). None when they cannot be matched
    column for column."""
    if len(headers) == width:
        return list(headers)
    periods_in_order = [p for p in (amount_periods or []) if p]
    return [headers[0]] + periods_in_order if width > 1 and len(periods_in_order) == width - 1 else None


def _only_years(row: list[str]) -> bool:
    cells = [c.strip() for c in row[1:] if c.strip()]
    return bool(cells) and all(re.fullmatch(r"(?:FY\s*)?(?:19|20)\d{2}", c) for c in cells)


def _period_row(row: list[str]) -> bool:
    """A first row that is a header though the finder read it as data: every cell after the label
    names a period, and at least two of them do ("Years ended December 31, 2022 | 2021 | 2020")."""
    cells = [c.strip() for c in row[1:] if c.strip()]
    return len(cells) >= 2 and all(re.search(r"(?:19|20)\d{2}", c) and (
        re.fullmatch(r"(?:FY\s*)?(?:19|20)\d{2}", c) or not parse_number(c)) for c in cells)


_PER_SHARE = re.compile(r"per\s+(?:common\s+|ordinary\s+|diluted\s+|basic\s+)?share|\bEPS\b|每股", re.I)
_SHARE_COUNT = re.compile(r"\bshares\b|股数|股本数", re.I)
#: A section of share counts ("Shares used in computing earnings per share:") even though it says "per share".
_SHARE_SECTION = re.compile(r"shares\s+used|weighted[- ]average\s+(?:number\s+of\s+)?(?:common\s+)?shares|"
                            r"shares\s+(?:of\s+common\s+stock\s+)?outstanding|number\s+of\s+shares", re.I)
_BARE_EPS_LABEL = re.compile(r"^(?:basic|diluted)$", re.I)
def _column_scope(header: str, table_scope: str) -> str:
    """A column's own scope ("2024年 本行" in a bank's table of group and bank columns)."""
    if re.search(r"(?<!归属于)母公司(?!股东|所有者)|本行|本公司|parent", header or "", re.I):
        return "parent"
    if re.search(r"合并|本集团|consolidated", header or "", re.I):
        return "consolidated"
    return table_scope


def _row_scope(label: str) -> str:
    """A row's own scope: "资产负债率（母公司）" is the parent company's, "资产负债率（合并）" the group's."""
    if re.search(r"[（(]\s*(?:母公司|本公司|parent)\s*[)）]|^母公司(?!股东|所有者)", label or "", re.I):
        return "parent"
    if re.search(r"[（(]\s*(?:合并|本集团|consolidated)\s*[)）]", label or "", re.I):
        return "consolidated"
    return ""


def facts_from_table(table, *, doc_id: str, table_no: int, current_period: ReportCalendar | str = "", title: str = "",
                     issuer: str = "", unit_line: str = "", inherited_headers: list[str] | None = None,
                     inherited_periods: list[str] | None = None,
                     kind: TableKind | None = None, currency: str = "") -> list[Fact]:
    """Facts of one extracted table (``analyst_desk.core.extraction.tables.ExtractedTable``).

    ``unit_line`` is what is printed above the table (its caption lines: title, heading, "单位"
    line); ``inherited_headers`` are the headers of the table this one continues (same column
    count, on the previous page), used when this part prints none of its own; ``kind`` is the
    table's kind when it continues one whose title said it. A cell whose unit the page does not
    state gives no fact.
    """
    calendar = current_period if isinstance(current_period, ReportCalendar) else ReportCalendar(current_period or "")
    rows = [[(c or "").strip() for c in row] for row in table.rows]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header_count, headers = read_headers(rows, table.header_rows)
    while header_count < len(rows) - 1 and _only_years(rows[header_count]) and (
            not rows[header_count][0] or caption_unit([rows[header_count][0]], currency)[0]):
        header_count += 1  # "2022 | 2021 | 2020" under "Years ended …" (its label may be "(in millions …)")
        headers = [" ".join(filter(None, (headers[c], rows[header_count - 1][c]))) for c in range(width)]
    if not any(_years(h) for h in headers[1:]):
        # The finder took a title row or two for the header ("财务报表分析和预测") and left the real
        # one, "利润表(百万元) | 2021 | 2022E | 2023E", in the body: promote it.
        for k in range(header_count, min(header_count + 3, len(rows) - 1)):
            if _period_row(rows[k]):
                header_count, headers = k + 1, list(rows[k])
                break
    continued = False
    if not any(headers[1:]) and inherited_headers:
        fitted = fitted_headers(inherited_headers, width, inherited_periods)
        if fitted:
            headers, continued = fitted, True  # a table continued from the previous page, or cut from the one above
    caption_lines, unit_text_line = _split_caption(unit_line)
    table_unit, table_currency = ("", "")
    if getattr(table, "unit", None) is not None:
        table_unit = table.unit.name
        table_currency = "CNY" if table_unit in MONEY_UNITS else ""
        if table_unit == "百万元" and currency == "USD":
            table_unit, table_currency = "USD million", "USD"
        elif table_unit == "千元" and currency == "USD":
            table_unit, table_currency = "USD thousand", "USD"
    if not table_unit:
        # The unit line may be printed above the table or in its header's first cell (SEC statements
        # put "(in millions, except per share data)" over the row labels).
        header_labels = [r[0] for r in rows[:max(header_count, 1)]]
        table_unit, table_currency = caption_unit([table.title or ""] + caption_lines + header_labels, currency)
    if table_unit not in MONEY_UNITS and table_unit not in USD_UNITS and table_unit != PERCENT:
        table_unit = ""
    labels = [_clean_label(r[0]) for r in rows[header_count:]]
    heading_text = " ".join([table.title or ""] + [l for l in caption_lines if l != unit_text_line])
    if kind is None:
        kind = classify(heading_text, [l for l in labels if l])
    spans = header_spans(rows[:header_count])
    col_periods = [periods.period_of(headers[c], calendar, span=spans[c] if c < len(spans) else 0)
                   for c in range(width)]
    dates = [p for p in col_periods if periods.is_instant(p)]
    if dates:  # "December 31, 2022 | 2021": the year alone shares the dated column's month and day
        col_periods = [f"{p}{dates[0][4:]}" if re.fullmatch(r"\d{4}", p) else p for p in col_periods]
    ordered = ordered_periods(rows[:header_count], calendar) if header_count else []
    if not ordered and not any(col_periods):
        # The column heads are printed above the grid ("Years Ended" / "Dec 26, 2020  Dec 28, 2019"):
        # read them from the caption lines, in order.
        spans_above = [[line] for line in caption_lines if periods._span_months(line) and not _years(line)]
        # Lines of column heads, not a sentence that names the years ("…net sales by category for 2022, 2021 and 2020").
        dated = [line for line in caption_lines if _years(line) and len(re.sub(r"[^A-Za-z]", "", line)) <= 40]
        ordered = ordered_periods(spans_above + [[""] + dated], calendar) if dated else []
    if continued and inherited_periods and [p for p in col_periods[1:] if p] != list(inherited_periods):
        # The heads above, re-read over this grid's columns, do not give the periods the grid above was read
        # in ("Years ended September 25, 2021" taken as a date once its "$" columns shift): read its amounts
        # in order against those periods instead.
        col_periods, ordered = [""] * width, list(inherited_periods)
    header_text = " | ".join(h for h in headers if h)
    caption = unit_text_line or (f"单位：{table_unit}" if table_unit else "")
    bbox = list(table.page_boxes.get(table.page, table.bbox)) if getattr(table, "bbox", None) else None
    section = ""
    facts: list[Fact] = []
    for row_no in range(header_count, len(rows)):
        row = rows[row_no]
        label = _clean_label(row[0])
        cells = {c: re.sub(r"^\$\s*|\s*\$$", "", row[c]).strip() for c in range(1, width)}
        numbers = {c: parse_number(text) for c, text in cells.items() if text and text != "$"}
        numbers = {c: n for c, n in numbers.items() if n is not None}
        if not label:
            continue
        if not numbers:
            if not any(t and t != "$" for t in cells.values()):
                section = label[:40]  # a section row ("资产质量", "Earnings per share:") heads the rows under it
            continue
        # SEC statements print "$" in columns of their own and their year row offset from the
        # amounts: when some amount sits under a header that names no period, read the amounts in
        # order against the periods the header names in order.
        by_order = {}
        values = [c for c in sorted(numbers) if not _CHANGE_HEADER.search(headers[c])]
        if ordered and len(numbers) == len(ordered) and any(not col_periods[c] for c in numbers):
            by_order = {c: ordered[i] for i, c in enumerate(sorted(numbers))}
        elif ordered and len(values) == len(ordered) and len(values) < len(numbers) and \
                any(not col_periods[c] for c in values):
            # "2022 | Change | 2021 | Change | 2020" with the amounts offset from their heads: the amounts
            # in order against the periods; a change column compares the amount to its left with the next.
            by_order = {c: ordered[i] for i, c in enumerate(values)}
        heading = " > ".join(p for p in (table.title or heading_text[:60], section) if p)
        context = "\n".join(p for p in (caption, "| " + " | ".join(headers) + " |" if header_text else "",
                                        "| " + " | ".join(row) + " |") if p)
        for col, cell in numbers.items():
            header = headers[col]
            if _NOT_A_VALUE_HEADER.search(header) and not _years(header):
                continue
            change = bool(_CHANGE_HEADER.search(header))
            years = _years(header)
            period = by_order.get(col) or col_periods[col]
            base = ""
            if change:
                # Interleaved ("2022 | Change | 2021 | Change | 2020": an amount follows the change) → the
                # year to its left; a change column after all the amounts ("2024年 | 2023年 | 增减") → the latest.
                interleaved = any(c > col for c in values)
                left = [by_order.get(c) or col_periods[c] for c in values if c < col] if not years and interleaved \
                    else []
                period = years[0] if years else (left[-1] if left and left[-1] else calendar.year)
                base = years[1] if len(years) > 1 else (str(int(period) - 1) if period.isdigit() else "")
            if not period:
                continue
            unit = _unit_for(cell, label, section, header, table_unit, change=change)
            if not unit:
                continue  # the page states no unit for this figure: not a fact
            facts.append(Fact(doc_id=doc_id, page=table.page, row_label=label, column=header or f"#{col}",
                              value_text=cell.text, value=cell.value, unit=unit,
                              kind="change" if change else "forecast" if _FORECAST.search(header) else "value",
                              period=period, base_period=base,
                              heading=heading, title=title, issuer=issuer, bbox=bbox, context=context,
                              table_no=table_no, row_no=row_no, col_no=col,
                              fact_id=f"{doc_id}:{table.page}:{table_no}:{row_no}:{col}",
                              scope=_row_scope(label) or _column_scope(header, kind.scope),
                              currency=currency_of_unit(unit) or (
                                  table_currency if unit == table_unit else ""),
                              table_kind=kind.kind, statement=kind.statement,
                              extra={"section": section} if section else {}))
    return facts


def _unit_for(cell: Cell, label: str, section: str, header: str, table_unit: str, *, change: bool) -> str:
    """The unit of one cell: the Chinese rules of :func:`cell_unit`, and for dollar tables the
    "except per share" and share-count rows (a share count in a money table states no money unit)."""
    if table_unit in USD_UNITS and not cell.unit and not change:
        if _SHARE_SECTION.search(section) or _SHARE_SECTION.search(label):
            return ""  # a count of shares, in whatever the caption says shares are counted in
        if _PER_SHARE.search(label) or _PER_SHARE.search(section):
            return "USD/share"
        if _BARE_EPS_LABEL.match(label) or _SHARE_COUNT.search(label) or _SHARE_COUNT.search(section) \
                or _USD_RATIO_LABEL.search(label):
            return ""  # "Basic" with no heading saying what: a share count as often as a per-share figure
        return table_unit
    unit = cell_unit(cell, label, header, table_unit if table_unit not in USD_UNITS else "", change=change)
    if not unit and not change:
        unit = _row_unit(section)  # "每股指标(元)" heads the rows under it
    if unit in MONEY_UNITS and re.search(r"每股", label + section) and not re.search(r"股数|股份数", label):
        return "元/股"  # a per-share figure is yuan per share, whatever the table's amounts are in
    return unit


def facts_of_open_document(doc, *, doc_id: str, pages: list[int] | None = None, current_period: str = "",
                           title: str = "", issuer: str = "", cancel=None, source: str = "", **options) -> list[Fact]:
    """Facts of an already open PyMuPDF document (never opened here): every table on ``pages``."""
    from analyst_desk.core.extraction.tables import tables_on_page

    def read():
        numbers = pages if pages is not None else list(range(1, doc.page_count + 1))
        for number in numbers:
            if cancel is not None:
                cancel.raise_if_cancelled()
            if not 1 <= number <= doc.page_count:
                continue
            page = doc[number - 1]
            try:
                tables = tables_on_page(page, source or getattr(doc, "name", ""))
            except Exception:  # a finder failure on one page must not stop the document
                log.exception("Tables on page %d of %s could not be read", number, source)
                continue
            yield number, page.rect.height, tables, unit_lines_above(page, tables)

    return facts_from_page_tables(read(), doc_id=doc_id, current_period=current_period, title=title, issuer=issuer,
                                  **options)


def facts_from_page_tables(pages, *, doc_id: str, current_period: str = "", title: str = "",
                           issuer: str = "", fiscal_year_end: str = "", currency: str = "",
                           settle_facts: bool = True) -> list[Fact]:
    """Facts of tables already found: ``pages`` yields ``(page number, page height, tables, unit
    lines)`` in page order, the unit lines from :func:`unit_lines_above`. A table at the top of a
    page continues the previous page's last table (its headers, caption and kind).

    ``current_period`` is the report's period (resolves 本期/上期); ``fiscal_year_end`` ("05-31")
    and ``currency`` ("USD" for an SEC filing) come from the document profile and are inferred
    from the captions when not given. The facts come back settled (:func:`settle.settle`): one
    primary fact per metric × period × scope, disagreements flagged, periods outside the report's
    own marked ``in_report=False``.
    """
    from analyst_desk.core.library.table_facts.settle import settle

    pages = list(pages)
    if not currency:
        captions = " ".join(line for _, _, _, lines in pages for line in lines)
        english = len(_EN_SCALE.findall(captions)) > len(re.findall(r"单位", captions))
        currency = "USD" if english and not re.search(r"RMB|人民币", captions) else "CNY"
    calendar = ReportCalendar(current_period or "", fiscal_year_end or _fiscal_year_end(pages))
    facts: list[Fact] = []
    table_no = 0
    #: (page, headers, caption, kind, bottom, periods of its amount columns) of the last table read, for a table continued on
    #: the next page or cut from it on the same one.
    previous: tuple[int, list[str], str, TableKind, float, list[str]] | None = None
    for number, height, tables, unit_lines in pages:
        for index, table in enumerate(tables):
            table_no += 1
            unit_line = unit_lines[index] if index < len(unit_lines) else ""
            inherited, kind = None, None
            top_of_page = index == 0 and table.bbox[1] < height * 0.2
            own_title = bool(table.title) or bool(classify(unit_line, []).statement) or "单位" in unit_line
            if top_of_page and previous is not None and previous[0] == number - 1 and not own_title:
                inherited = previous[1]
                unit_line = unit_line or previous[2]
                kind = previous[3] if previous[3].kind == "statement" else None
            elif previous is not None and previous[0] == number and not own_title and \
                    -2 <= table.bbox[1] - previous[4] < _continuation_gap(table, previous[1], previous[5]) and \
                    classify(unit_line, []).kind == "note":
                # A second grid right under the first, with no caption of its own (a statement the
                # finder cut in two, a key-figures section printed as two tables): the same kind and
                # unit line, and its headers when it prints none of its own.
                unit_line = previous[2] + ("\n" + unit_line if unit_line else "")
                kind = previous[3] if previous[3].kind in ("statement", "key_figures") else None
                inherited = previous[1]
            made = facts_from_table(table, doc_id=doc_id, table_no=table_no, current_period=calendar,
                                    title=title, issuer=issuer, unit_line=unit_line, inherited_headers=inherited,
                                    inherited_periods=previous[5] if inherited and previous else None,
                                    kind=kind, currency=currency)
            facts.extend(made)
            headers = table_headers(table)
            if not any(headers[1:]) and inherited:
                headers = fitted_headers(inherited, len(headers), previous[5] if previous else None) or inherited
            if table.unit is not None and "单位" not in unit_line:
                unit_line = (unit_line + "\n" if unit_line else "") + f"单位：{table.unit.name}"
            elif made and not _split_caption(unit_line)[1]:
                # The unit was printed inside this grid ("In millions, except per share data" over the
                # labels): a continuation of it is in the same unit.
                inner = next((r[0] for r in table.rows[:2] if r and caption_unit([r[0]], currency)[0]), "")
                unit_line = (unit_line + "\n" if unit_line else "") + inner if inner else unit_line
            kind = kind or (TableKind(made[0].table_kind, made[0].statement, made[0].scope) if made
                            else classify(unit_line, []))
            previous = (number, headers, unit_line, kind, table.bbox[3], _amount_periods(made))
    return settle(facts) if settle_facts else facts


def _amount_periods(facts: list[Fact]) -> list[str]:
    """The period of each amount column of a table, left to right, as its facts were read."""
    by_column: dict[int, str] = {}
    for fact in facts:
        if fact.col_no > 0 and fact.kind == "value":
            by_column.setdefault(fact.col_no, fact.period)
    return [by_column[c] for c in sorted(by_column)]


def _continuation_gap(table, headers_above: list[str], periods_above: list[str]) -> float:
    """How far below the table above a captionless grid may start and still continue it. A grid that heads
    no column of its own and fits the columns above is the same statement cut by the finder at a total or a
    section line ("LIABILITIES AND SHAREHOLDERS' EQUITY:" between the assets and the liabilities of a
    balance sheet): allow a few lines. Any other grid must sit right under it."""
    own = table_headers(table)
    width = len(own)
    if not any(_years(h) for h in own[1:]) and any(_years(h) for h in headers_above[1:]) and \
            fitted_headers(headers_above, width, periods_above):
        return 120.0
    return 40.0


def _fiscal_year_end(pages) -> str:
    """The fiscal year end the statements' headers state ("Years ended May 31," → "05-31"), "" when
    they state none or it is December 31."""
    found: dict[str, int] = {}
    for _, _, tables, _ in pages:
        for table in tables:
            head = " ".join(c or "" for row in table.rows[:3] for c in row)
            for match in re.finditer(r"years?\s+ended\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})",
                                     head, re.I):
                key = f"{periods._MONTHS[match.group(1).lower()]:02d}-{int(match.group(2)):02d}"
                found[key] = found.get(key, 0) + 1
    if not found:
        return ""
    best = max(found, key=found.get)
    return "" if best == "12-31" else best
