"""Key figures across many reports: one row per report, each value with its page and exact source text.

Tables first (a row whose label is the field → the current-period column), then a sentence in
the text. A value is only written as a number when its literal text appears in the source
passage; anything else is flagged, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

from app.core.errors import InputFileError
from app.core.extraction.numbers import normalise, parse_cell

FIELD_SYNONYMS: dict[str, list[str]] = {
    "营业收入": ["营业收入", "营业总收入", "营业收入合计", "operating income", "operating revenue", "revenue"],
    "净利润": ["净利润", "归属于本行股东的净利润", "归属于母公司股东的净利润", "归属于上市公司股东的净利润",
            "net profit", "net income"],
    "归属于母公司股东的净利润": ["归属于母公司股东的净利润", "归属于本行股东的净利润", "归属于上市公司股东的净利润",
                        "归属于母公司所有者的净利润", "net profit attributable to shareholders"],
    "不良贷款率": ["不良贷款率", "npl ratio", "non-performing loan ratio"],
    "资本充足率": ["资本充足率", "capital adequacy ratio"],
    "核心一级资本充足率": ["核心一级资本充足率", "core tier 1 capital adequacy ratio", "cet1 ratio"],
    "净息差": ["净息差", "net interest margin", "nim"],
    "拨备覆盖率": ["拨备覆盖率", "provision coverage ratio"],
    "成本收入比": ["成本收入比", "cost-to-income ratio", "cost to income ratio"],
    "资产总额": ["资产总额", "资产总计", "总资产", "total assets"],
    "每股收益": ["基本每股收益", "每股收益", "earnings per share", "basic eps"],
}
_ALIASES = {alias.lower(): name for name, aliases in FIELD_SYNONYMS.items() for alias in aliases}


def canonical_field(name: str) -> str:
    """净利润 / net profit / Net Profit → the same field."""
    return _ALIASES.get(name.strip().lower(), name.strip())


@dataclass
class FigureResult:
    report: str
    field: str
    status: str  # "ok" | "flagged" | "not found"
    value: float | None = None
    raw: str = ""
    unit: str = ""
    period: str = ""
    page: int = 0
    source_text: str = ""
    note: str = ""

    def to_json(self) -> dict:
        return asdict(self)


def _label_matches(label: str, aliases: list[str]) -> int:
    """2 for an exact label match, 1 for a label that starts with the alias, 0 otherwise."""
    clean = re.sub(r"[\s（(].*$", "", normalise(label)).lower().strip("：:")
    clean = re.sub(r"^[一二三四五六七八九十]+、", "", clean)
    for alias in aliases:
        a = alias.lower()
        if clean == a:
            return 2
        if clean.startswith(a) and len(clean) - len(a) <= 2:
            return 1
    return 0


def find_figures(pdf: Path, fields: list[str], *, engine=None, library=None, audit=None,
                 cancel=None) -> list[FigureResult]:
    """Look up each field in one report: tables, then sentence patterns, then (given an ``engine``)
    the model reading passages — whose answer is only kept when the report prints it."""
    import pymupdf

    from app.core.extraction.tables import tables_on_page

    pdf = Path(pdf)
    try:
        doc = pymupdf.open(pdf)
    except Exception as exc:
        raise InputFileError(f"{pdf.name} is damaged or not a PDF.", path=str(pdf), status="corrupt",
                             detail=str(exc)) from exc
    results = []
    with doc:
        if doc.needs_pass:
            raise InputFileError(f"{pdf.name} is password-protected — remove the password and try again.",
                                 path=str(pdf), status="encrypted")
        texts = [page.get_text() for page in doc]
        table_cache: dict[int, list] = {}
        for requested in fields:
            field = canonical_field(requested)
            aliases = FIELD_SYNONYMS.get(field, [field])
            candidate_pages = [i for i, t in enumerate(texts) if any(a.lower() in t.lower() for a in aliases)]
            result = None
            for index in candidate_pages[:40]:
                if index not in table_cache:
                    table_cache[index] = tables_on_page(doc[index], str(pdf))
                result = _from_tables(pdf, field, aliases, table_cache[index], texts[index])
                if result:
                    break
            if result is None:
                result = _from_text(pdf, field, aliases, texts)
            if result is None and engine is not None and not (cancel and cancel.cancelled):
                from app.core.extraction.figure_reader import read_figure

                result = read_figure(pdf.name, field, aliases, texts, engine, pdf=pdf, library=library, audit=audit,
                                     **({"cancel": cancel} if cancel else {}))
                if result is not None and result.status == "not found":
                    result.note = "tables, sentences and the model found no value: " + result.note
            results.append(result or FigureResult(pdf.name, field, "not found",
                                                  note="no table row or sentence names this field"))
    return results


def _from_tables(pdf: Path, field: str, aliases: list[str], tables, page_text: str) -> FigureResult | None:
    best = None
    for table in tables:
        header = table.rows[0] if table.header_rows else []
        for row in table.rows[table.header_rows:]:
            score = _label_matches(row[0], aliases) if row else 0
            if not score:
                continue
            for col, cell in enumerate(row[1:], start=1):
                parsed = parse_cell(cell)
                if not parsed.is_numeric or (col < len(header) and "附注" in header[col]):
                    continue
                period = header[col] if col < len(header) else ""
                candidate = (score, table, row, cell, parsed, period)
                if best is None or score > best[0]:
                    best = candidate
                break
        if best and best[0] == 2:
            break
    if best is None:
        return None
    score, table, row, cell, parsed, period = best
    source = " | ".join(c for c in row if c)
    unit = "%" if parsed.kind == "percent" else (table.unit.name if table.unit else "")
    value = parsed.value
    if not unit and re.search(r"单位[：:]\s*%", normalise(page_text)):
        unit, value = "%", value / 100  # a "（单位：%）" table: 13.11 means 13.11%
    return _verified(FigureResult(pdf.name, field, "ok", float(value), cell, unit,
                                  re.sub(r"\s+", "", period), table.page, source), page_text)


_SENTENCE_NUMBER = r"(?P<num>[\(（\-]?\d[\d,]*(?:\.\d+)?\s*%?[\)）]?)\s*(?P<unit>亿元|万元|百万元|千元|元|个百分点)?"


def _from_text(pdf: Path, field: str, aliases: list[str], texts: list[str]) -> FigureResult | None:
    for index, text in enumerate(texts):
        flat = re.sub(r"\s+", "", text)
        for alias in aliases:
            if not re.search(r"[\u4e00-\u9fff]", alias):
                continue
            match = re.search(re.escape(alias) + r"(?:为|达|达到|是|：|:|约)?" + _SENTENCE_NUMBER, flat)
            if match and parse_cell(match.group("num")).is_numeric:
                start = max(0, match.start() - 30)
                sentence = flat[start:match.end() + 10]
                parsed = parse_cell(match.group("num"))
                return _verified(FigureResult(pdf.name, field, "ok", float(parsed.value), match.group("num"),
                                              "%" if parsed.kind == "percent" else (match.group("unit") or ""),
                                              "", index + 1, sentence), text)
    return None


def _verified(result: FigureResult, page_text: str) -> FigureResult:
    """The value's literal text must appear on the cited page; otherwise flag it and write no number."""
    flat_page = re.sub(r"\s+", "", page_text)
    raw = re.sub(r"\s+", "", result.raw)
    if raw and raw in flat_page:
        return result
    digits = re.sub(r"[^\d.]", "", raw)
    if digits and digits in re.sub(r"[^\d.]", "", flat_page):
        result.note = "digits found on the page, formatting differs"
        return result
    result.status = "flagged"
    result.note = f"'{result.raw}' does not appear on page {result.page}: not written as a number"
    result.value = None
    return result


def write_figures(results: list[FigureResult], path: Path) -> Path:
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Key figures"
    sheet.append(["Report", "Field", "Value", "Unit", "Period", "Page", "Source text", "Status", "Note"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    flag = PatternFill("solid", fgColor="FCE4D6")
    for r in results:
        sheet.append([r.report, r.field, r.value if r.status == "ok" else None, r.unit, r.period,
                      r.page or None, r.source_text, r.status, r.note])
        value_cell = sheet.cell(row=sheet.max_row, column=3)
        if r.unit == "%" and r.value is not None:
            value_cell.number_format = "0.00%"
        elif r.value is not None:
            value_cell.number_format = "#,##0.##"
        if r.status != "ok":
            for cell in sheet[sheet.max_row]:
                cell.fill = flag
    for col, width in zip("ABCDEFGHI", (34, 22, 16, 8, 14, 6, 60, 10, 50)):
        sheet.column_dimensions[col].width = width
    sheet.freeze_panes = "A2"
    workbook.save(path)
    return Path(path)
