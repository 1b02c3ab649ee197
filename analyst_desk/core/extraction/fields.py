"""Key figures across many reports: one row per report, each value with its page and exact source text.

Tables first: the row whose label is the field, the column of the requested period (the latest
period when none is asked for), a statement or key-figures table before any other. Then a sentence
in the text, then (given an engine) the model reading passages. Whatever the route, a value is
written as a number only when it is one number token printed on its page — never digits of two
adjacent cells run together — and when it is the field's kind of number (a headcount is not a
ratio or an amount). Anything else is flagged, never guessed.
"""

from __future__ import annotations

import re
from pathlib import Path

from analyst_desk.core.cjk import HAN, has_cjk
from analyst_desk.core.extraction.figures import (
    FIELD_SYNONYMS,
    FigureResult,
    aliases_of,
    canonical_field,
    field_kind,
    kind_matches,
    page_number_tokens,
    printed_as_one_token,
    printed_in_one_cell,
)
from analyst_desk.core.extraction.numbers import normalise, parse_cell

__all__ = ["FIELD_SYNONYMS", "FigureResult", "canonical_field", "find_figures", "write_figures"]

_CANDIDATE_PAGES = 60
#: Words before a field's name that make it another figure ("离退休职工人数", "母公司营业收入").
_QUALIFIED = re.compile(rf"(?:离退休|退休|母公司|子公司|本部|平均|人均|增加|减少|变动)[{HAN}]{{0,3}}$")
_CHANGE_HEADER = re.compile(r"增减|变动|同比|变化|change|%", re.IGNORECASE)
_NOTE_HEADER = re.compile(r"附注|注释|Note", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d{2}")


def _label_matches(label: str, aliases: list[str]) -> int:
    """2 for an exact label match, 1 for a label that starts with the alias, 0 otherwise."""
    clean = re.sub(r"[\s（(].*$", "", normalise(label)).lower().strip("：:")
    clean = re.sub(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|其中[:：]?|加[:：]|减[:：])", "", clean)
    for alias in aliases:
        a = alias.lower()
        if clean == a:
            return 2
        if clean.startswith(a) and len(clean) - len(a) <= 2:
            return 1
    return 0


def find_figures(pdf: Path, fields: list[str], *, period: str | None = None, engine=None, library=None, audit=None,
                 cancel=None) -> list[FigureResult]:
    """Look up each field in one report: tables, then sentence patterns, then (given an ``engine``)
    the model reading passages. ``period`` ("2024") picks the column/sentence of that period; by
    default the latest period a table prints."""
    from analyst_desk.core.pdf import open_pdf

    pdf = Path(pdf)
    results = []
    # Damaged, password-protected and empty files become the app's one InputFileError, with a code.
    with open_pdf(pdf, max_pages=None) as doc:
        lookup = _Lookup(pdf, doc)
        for requested in fields:
            field = canonical_field(requested)
            aliases = aliases_of(field)
            result = lookup.from_tables(field, aliases, period) or lookup.from_text(field, aliases, period)
            if result is None and engine is not None and not (cancel and cancel.cancelled):
                from analyst_desk.core.extraction.figure_reader import read_figure

                result = read_figure(pdf.name, field, aliases, lookup.texts, engine, pdf=pdf, library=library,
                                     audit=audit, **({"cancel": cancel} if cancel else {}))
                if result is not None and result.status == "ok":
                    result = lookup.checked_model_value(result, aliases, period)
                if result is not None and result.status == "not found":
                    result.note = "tables, sentences and the model found no value: " + result.note
            results.append(result or FigureResult(pdf.name, field, "not found",
                                                  note="no table row or sentence names this field"))
    return results


class _Lookup:
    """One open report: its page texts, the tables of the pages read so far, their number tokens."""

    def __init__(self, pdf: Path, doc) -> None:
        self.pdf, self.doc = pdf, doc
        self.texts = [page.get_text() for page in doc]
        self._tables: dict[int, list] = {}
        self._tokens: dict[int, tuple[set[str], list[str]]] = {}

    def tables(self, index: int) -> list:
        from analyst_desk.core.extraction.tables import tables_on_page

        if index not in self._tables:
            self._tables[index] = tables_on_page(self.doc[index], str(self.pdf))
        return self._tables[index]

    def tokens(self, index: int) -> tuple[set[str], list[str]]:
        if index not in self._tokens:
            self._tokens[index] = page_number_tokens(self.doc[index])
        return self._tokens[index]

    def pages_naming(self, aliases: list[str]) -> list[int]:
        return [i for i, t in enumerate(self.texts) if any(a.lower() in t.lower() for a in aliases)]

    def from_tables(self, field: str, aliases: list[str], period: str | None) -> FigureResult | None:
        best = None
        for index in self.pages_naming(aliases)[:_CANDIDATE_PAGES]:
            page_percent = bool(re.search(r"单位[：:]\s*%", normalise(self.texts[index])))
            for table in self.tables(index):
                for candidate in _table_candidates(field, aliases, table, period, page_percent):
                    if best is None or candidate[0] > best[0]:
                        best = candidate
        if best is None:
            return None
        _, table, row, cell, parsed, header, unit = best
        value = parsed.value / 100 if unit == "%" and parsed.kind != "percent" else parsed.value
        result = FigureResult(self.pdf.name, field, "ok", float(value), cell, unit, re.sub(r"\s+", "", header),
                              table.page, " | ".join(c for c in row if c))
        if printed_in_one_cell(cell, self.tokens(table.page - 1)[1]):
            return result
        return _flag(result, f"'{cell}' is not one number printed in one cell on page {table.page}: "
                             "not written as a number")

    def from_text(self, field: str, aliases: list[str], period: str | None) -> FigureResult | None:
        for index, text in enumerate(self.texts):
            flat = re.sub(r"\s+", "", text)
            for alias in aliases:
                if not has_cjk(alias):
                    continue
                for match in re.finditer(re.escape(alias) + r"(?:为|达|达到|是|：|:|约)?" + _SENTENCE_NUMBER, flat):
                    parsed = parse_cell(match.group("num"))
                    unit = "%" if parsed.kind == "percent" else (match.group("unit") or "")
                    before = flat[max(0, match.start() - 30):match.start()]
                    if not parsed.is_numeric or _QUALIFIED.search(before) or not kind_matches(field, parsed, unit):
                        continue
                    if period and period not in before + match.group():
                        continue
                    sentence = flat[max(0, match.start() - 30):match.end() + 10]
                    value = parsed.value
                    result = FigureResult(self.pdf.name, field, "ok", float(value), match.group("num"), unit,
                                          period or "", index + 1, sentence)
                    return self._printed(result, index)
        return None

    def checked_model_value(self, result: FigureResult, aliases: list[str], period: str | None) -> FigureResult:
        """A model-read value stays only when its passage names the field just before the number, names
        the period when one was asked for, the number is the field's kind and printed as one token."""
        text = result.source_text
        position = text.find(result.raw.rstrip("%"))
        before = text[max(0, position - 40):position] if position >= 0 else ""
        reason = ""
        if not any(a.lower() in before.lower() for a in aliases):
            reason = "the passage does not name this field right before the number"
        elif period and period not in text:
            reason = f"the passage does not say it is for {period}"
        elif not kind_matches(result.field, parse_cell(result.raw), result.unit):
            reason = f"'{result.raw}' is not a {field_kind(result.field)}"
        if reason:
            return _flag(result, f"the model read '{result.raw}', but {reason}: not written as a number")
        return self._printed(result, result.page - 1)

    def _printed(self, result: FigureResult, index: int) -> FigureResult:
        """The value must be one number token printed on its page; otherwise flag it and write no number."""
        if 0 <= index < len(self.doc) and printed_as_one_token(result.raw, self.tokens(index)[0]):
            return result
        return _flag(result, f"'{result.raw}' is not printed as one number on page {result.page}: "
                             "not written as a number")


def _flag(result: FigureResult, note: str) -> FigureResult:
    result.status, result.value, result.note = "flagged", None, note
    return result


def _table_candidates(field: str, aliases: list[str], table, period: str | None, page_percent: bool):
    """(rank, table, row, cell, parsed, header, unit) for every row of the table that names the field,
    in the requested period's column (default: the latest period the header names)."""
    headers = _column_headers(table)
    columns = _period_columns(headers, period)
    if columns is None:
        return
    # The group's statements and key-figure tables before parent-only ones ("利润表（母公司）",
    # "银行资产负债表") and untitled tables (notes).
    statement = 1 if not table.title or re.search(r"母公司|银行(?:资产|利润|现金)|Parent|Company only",
                                                   table.title) else 2
    for row in table.rows[table.header_rows:]:
        score = _label_matches(row[0], aliases) if row else 0
        if not score:
            continue
        for col in columns:
            if col >= len(row):
                continue
            cell = row[col]
            parsed = parse_cell(cell)
            if not parsed.is_numeric:
                continue
            unit = "%" if parsed.kind == "percent" or page_percent else (table.unit.name if table.unit else "")
            if "每股" in field or "每股" in row[0]:
                unit = "元" if "元" in row[0] else ""  # per share: yuan, never the table's 百万元
            if kind_matches(field, parsed, unit):
                header = headers[col] if col < len(headers) else ""
                latest = max((int(y) for y in _YEAR.findall(header)), default=0)
                yield (score, statement, latest), table, row, cell, parsed, header, unit
            break  # the period's first amount column decides; never slide to the next period


def _column_headers(table) -> list[str]:
    heads = [""] * table.columns
    for row in table.rows[:max(table.header_rows, 1)]:
        for col, text in enumerate(row):
            heads[col] = (heads[col] + " " + text).strip()
    return heads


def _period_columns(headers: list[str], period: str | None) -> list[int] | None:
    """Amount columns to read, best first; None when the requested period is not in this table."""
    usable = [c for c in range(1, len(headers)) if not _NOTE_HEADER.search(headers[c])
              and not _CHANGE_HEADER.search(headers[c])]
    if period:
        matching = [c for c in usable if period in headers[c]]
        return matching or None
    years = {c: max(int(y) for y in _YEAR.findall(headers[c])) for c in usable if _YEAR.search(headers[c])}
    if years:
        latest = max(years.values())
        return [c for c in usable if years.get(c) == latest]
    return usable


_SENTENCE_NUMBER = r"(?P<num>[\(（\-]?\d[\d,]*(?:\.\d+)?\s*%?[\)）]?)\s*(?P<unit>亿元|万元|百万元|千元|元|个百分点|人|名)?"


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
