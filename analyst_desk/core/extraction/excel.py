"""Write extracted tables to an Excel workbook: numbers as numbers, formats, sources, checks."""

from __future__ import annotations

import re
from pathlib import Path

from analyst_desk.core.extraction.checks import CheckResult, check_table
from analyst_desk.core.extraction.numbers import scale
from analyst_desk.core.extraction.tables import ExtractedTable

_INVALID_SHEET_CHARS = re.compile(r"[\[\]\*\?/\\:]")


#: Rows above each table: its title, then its unit and source.
_TOP = 2


def _column_formats(table: ExtractedTable, note_columns: set[int], target_unit: str | None) -> dict[int, str]:
    """One number format per column: as many decimals as its most precise amount (after scaling)."""
    formats = {}
    grid = table.parsed()
    for c in range(2, table.columns + 1):
        if c in note_columns:
            continue
        decimals = -1
        for row in grid[table.header_rows:]:
            parsed = row[c - 1] if c - 1 < len(row) else None
            if parsed is None or parsed.kind != "number":
                continue
            value = scale(parsed.value, table.unit, target_unit)
            decimals = max(decimals, -min(0, value.normalize().as_tuple().exponent))
        if decimals >= 0:
            formats[c] = "#,##0" if decimals == 0 else "#,##0." + "0" * min(decimals, 6)
    return formats


def sheet_name(table: ExtractedTable, used: set[str]) -> str:
    base = _INVALID_SHEET_CHARS.sub(" ", table.title or f"Page {table.page}").strip()[:28] or f"Page {table.page}"
    if table.title:
        base = f"{base[:24]} p{table.page}"
    name, n = base[:31], 2
    while name.lower() in used:
        name = f"{base[:27]} ({n})"
        n += 1
    used.add(name.lower())
    return name


#: The workbook's own words, in the language of the window that writes it (English for the CLI).
_WORDS = {
    "en": {"sources": "Sources", "checks": "Checks", "table_on_page": "Table on page {pages}",
           "unit_line": "Unit: {unit} · {document}, p. {pages}", "not_stated": "not stated",
           "not_scaled": "not stated, not scaled", "footnote": "Footnote: {text}",
           "source_note": "Source: {document}, page {pages}", "unit_note": "; unit: {unit}",
           "sources_header": ["Sheet", "Document", "Pages", "Title", "Unit",
                              "Position on first page (x0, y0, x1, y1 pt)", "Method", "Notes", "Failed checks"],
           "checks_header": ["Sheet", "Row", "Column", "Result", "Detail"],
           "ok": "ok", "failed": "failed", "not_checked": "not checked", "unscaled": "unit not stated: not scaled",
           "ambiguous": "Left as text: {text}", "flagged": "{count} amount(s) left as text: their thousands separator is unclear"},
    "zh": {"sources": "来源", "checks": "核查", "table_on_page": "第 {pages} 页的表格",
           "unit_line": "单位：{unit} · {document}，第 {pages} 页", "not_stated": "未注明",
           "not_scaled": "未注明单位，未换算", "footnote": "脚注：{text}",
           "source_note": "来源：{document}，第 {pages} 页", "unit_note": "；单位：{unit}",
           "sources_header": ["工作表", "文档", "页码", "标题", "单位", "首页位置（x0, y0, x1, y1 磅）", "识别方式",
                              "备注", "未通过的核查"],
           "checks_header": ["工作表", "行", "列", "结果", "说明"],
           "ok": "通过", "failed": "未通过", "not_checked": "未核查", "unscaled": "未注明单位：未换算",
           "ambiguous": "保留为文本：“{raw}”可能有两种读法，文档未显示千位分隔符", "flagged": "{count} 个金额保留为文本：千位分隔符不明确"},
}


def write_tables(tables: list[ExtractedTable], path: Path, *, unit: str | None = None, settings=None,
                 language: str = "en") -> dict:
    """One sheet per table, then ``Sources`` (and ``Checks``); returns a summary for the CLI/UI.

    ``language`` ("en" or "zh") is the language of the sheet names, headers, notes and check texts.

    Text cells pass the export guard: personal data is masked when the setting says so."""
    from analyst_desk.core.compliance.export_guard import prepare_export
    from analyst_desk.core.config import Settings

    settings = settings or Settings.load()
    words = _WORDS["zh" if language == "zh" else "en"]
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    used: set[str] = {words["sources"].lower(), words["checks"].lower()}
    header_fill = PatternFill("solid", fgColor="DCE6F1")
    sources = []
    all_checks: list[tuple[str, CheckResult]] = []
    unchecked: list[tuple[str, str]] = []
    numbers_written = 0
    for table in tables:
        name = sheet_name(table, used)
        sheet = workbook.create_sheet(name)
        target_unit = unit if (unit and table.unit) else None
        unit_text = target_unit or (table.unit.name if table.unit else "")
        pages = ", ".join(str(p) for p in table.pages)
        # Title and unit above the table, so a sheet handed on says what it is.
        sheet.cell(row=1, column=1, value=table.title or words["table_on_page"].format(pages=pages)).font = Font(
            bold=True, size=12)
        stated = unit_text or (words["not_scaled"] if unit else words["not_stated"])
        sheet.cell(row=2, column=1, value=words["unit_line"].format(unit=stated, document=Path(table.source).name,
                                                                     pages=pages))
        widths: dict[int, int] = {}
        header_text = table.rows[0] if table.header_rows else []
        note_columns = {i + 1 for i, h in enumerate(header_text) if "附注" in h or "Note" in h}
        formats = _column_formats(table, note_columns, target_unit)
        grid = table.parsed()  # by the document's own number convention
        flagged = 0
        for r, row in enumerate(table.rows, start=1):
            is_header = r <= table.header_rows
            for c, text in enumerate(row, start=1):
                cell = sheet.cell(row=r + _TOP, column=c)
                parsed = grid[r - 1][c - 1]
                if is_header or c == 1 or c in note_columns or not parsed.is_numeric:
                    cell.value = prepare_export(text, settings).text if text != "" else None
                    if parsed.flag and not is_header and c > 1:
                        # Left as text on purpose: the document does not show how to read it.
                        cell.comment = Comment(words["ambiguous"].format(text=parsed.flag, raw=text), "Analyst Desk")
                        cell.fill = PatternFill("solid", fgColor="FFF2CC")
                        flagged += 1
                    elif parsed.footnote and not is_header and c > 1:
                        cell.comment = Comment(words["footnote"].format(text=parsed.footnote), "Analyst Desk")
                else:
                    value = parsed.value
                    if parsed.kind == "number":
                        value = scale(value, table.unit, target_unit)
                    cell.value = int(value) if value == value.to_integral() and abs(value) < 2**53 else float(value)
                    cell.number_format = "0.00%" if parsed.kind == "percent" else formats.get(c, "#,##0")
                    if parsed.footnote:
                        cell.comment = Comment(words["footnote"].format(text=parsed.footnote), "Analyst Desk")
                    numbers_written += 1
                if is_header:
                    cell.font = Font(bold=True)
                    cell.fill = header_fill
                    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
                widths[c] = max(widths.get(c, 0), sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(text)))
        for c, width in widths.items():
            sheet.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 8), 60)
        sheet.freeze_panes = sheet.cell(row=_TOP + table.header_rows + 1, column=2)
        sheet["A1"].comment = Comment(words["source_note"].format(document=Path(table.source).name, pages=pages)
                                      + (words["unit_note"].format(unit=unit_text) if unit_text else ""), "Analyst Desk")
        checks = check_table(table, tables)
        all_checks.extend((name, check) for check in checks)
        unchecked.extend((name, note) for note in table.notes if note.endswith("unclear"))
        notes = list(table.notes) + ([words["unscaled"]] if unit and not table.unit else [])
        if flagged:
            notes.append(words["flagged"].format(count=flagged))
        sources.append((name, Path(table.source).name, pages, table.title, unit_text,
                        ", ".join(f"{v:.1f}" for v in table.bbox), table.method,
                        "; ".join(notes), sum(1 for k in checks if not k.ok)))
    # The tables come first (what the analyst opens the file for); where each came from, and the checks, after.
    src = workbook.create_sheet(words["sources"])
    src.append(words["sources_header"])
    for cell in src[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
    for row in sources:
        src.append(list(row))
        link = src.cell(row=src.max_row, column=1)
        link.hyperlink = f"#'{row[0]}'!A1"
        link.font = Font(color="0563C1", underline="single")
    for col, width in zip("ABCDEFGHI", (30, 36, 10, 28, 10, 36, 10, 40, 14)):
        src.column_dimensions[col].width = width
    src.freeze_panes = "A2"
    if all_checks or unchecked:
        chk = workbook.create_sheet(words["checks"])
        chk.append(words["checks_header"])
        for cell in chk[1]:
            cell.font = Font(bold=True)
        for name, check in all_checks:
            result = words["not_checked"] if not check.checked else words["ok"] if check.ok else words["failed"]
            chk.append([name, check.row + 1 + _TOP if check.checked else None, check.column + 1 if check.checked else None,
                        result, check.localised(language)])
        for name, note in unchecked:
            chk.append([name, None, None, words["not_checked"], note])
        chk.column_dimensions["A"].width = 30
        chk.column_dimensions["E"].width = 80
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return {"tables": len(tables), "numbers": numbers_written, "checks": sum(1 for _, c in all_checks if c.checked),
            "mismatches": sum(1 for _, c in all_checks if not c.ok),
            "not_checked": sum(1 for _, c in all_checks if not c.checked), "path": str(path)}
