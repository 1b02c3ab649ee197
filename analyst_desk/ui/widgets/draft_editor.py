"""The drafting editor: the draft as editable text, streamed sections inserted in place, flagged
figures highlighted with their reason on hover, headings shown as headings and the app's figure
tables ("| 指标 | 2010年度 | …") as aligned columns.

Streaming inserts each chunk where its section ends instead of re-rendering the whole draft, so
a long draft costs the same per chunk at the end as at the start.
"""

from __future__ import annotations

import re
from typing import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QToolTip

from analyst_desk.ui.i18n import tr

FLAG_COLOURS = {"unverified_figure": "#ffb3b3", "weak_figure": "#ffe08a", "invalid_citation": "#ffb3b3",
                "uncited_sentence": "#e6e6e6"}
_HEADING = re.compile(r"^(#{1,2}) ")
_GRID = "#b0b7c3"  # the colour heading marks and table bars recede into
_CELL_GAP = 8.0  # px between a table cell's text and its column's bar
#: An amount as the app writes it readable ("4.39亿元", "1,336.66万元", "RMB 438.92 million").
_READABLE = re.compile(r"-?\d[\d,]*\.\d+(?:亿元|万元|元)|-?RMB \d[\d,]*\.\d+(?: billion| million)?")


def is_table_row(line: str) -> bool:
    """A Markdown table row as the app writes its figure tables: "| 营业收入 | 8.12亿元[1] |"."""
    line = line.strip()
    return len(line) > 2 and line.startswith("|") and line.endswith("|") and line.count("|") >= 3


class DraftEditor(QTextEdit):
    """Plain text underneath (Markdown headings stay the export format); headings are drawn bold and
    larger. ``rendering`` is True while the editor changes its own text (not a user edit)."""

    def __init__(self, reason: Callable[[object], str], parent=None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self._reason = reason
        self.rendering = False
        self.flags: list[tuple[int, int, object]] = []
        self._draft = None
        self.viewport().installEventFilter(self)

    # -- whole-draft rendering ---------------------------------------------------------------
    def show_draft(self, draft, *, scroll: bool = False) -> None:
        self._draft = draft
        self.rendering = True
        try:
            position = self.textCursor().position()
            self.setPlainText(draft.to_text() if draft else "")
            self._style_headings()
            cursor = self.textCursor()
            length = len(self.toPlainText())
            cursor.setPosition(length if scroll else min(position, length))
            self.setTextCursor(cursor)
        finally:
            self.rendering = False

    def _style_headings(self) -> None:
        block = self.document().begin()
        table: list = []
        while block.isValid():
            self._style_block(block)
            if is_table_row(block.text()):
                table.append(block)
            elif table:
                self._style_table(table)
                table = []
            block = block.next()
        if table:
            self._style_table(table)

    def _style_table(self, rows: list) -> None:
        """Draw a run of table rows as columns without changing a character of the text (flags, section
        offsets and export read it as written): the bars are faint, the header row bold, and each cell is
        padded to its column's width by letter spacing on one of its spaces — figures right-aligned."""
        base = self.font().pointSizeF() if self.font().pointSizeF() > 0 else 10
        cells_of = []
        for number, block in enumerate(rows):
            font = QFont(self.font())
            font.setPointSizeF(base)
            font.setBold(number == 0)
            metrics = QFontMetricsF(font)
            text = block.text()
            bars = [i for i, ch in enumerate(text) if ch == "|"]
            cells = [(a + 1, b, metrics.horizontalAdvance(text[a + 1:b])) for a, b in zip(bars, bars[1:])]
            cells_of.append((block, bars, cells, number == 0))
        widths: dict[int, float] = {}
        for _block, _bars, cells, _head in cells_of:
            for column, (_a, _b, width) in enumerate(cells):
                widths[column] = max(widths.get(column, 0.0), width)
        for block, bars, cells, head in cells_of:
            start = block.position()
            if head:
                bold = QTextCharFormat()
                bold.setFontWeight(QFont.Weight.Bold)
                line = QTextCursor(block)
                line.select(QTextCursor.SelectionType.LineUnderCursor)
                line.mergeCharFormat(bold)
            for bar in bars:
                faint = QTextCharFormat()
                faint.setForeground(QColor(_GRID))
                self._format_range(start + bar, 1, faint)
            for column, (a, b, width) in enumerate(cells):
                pad = widths[column] - width + _CELL_GAP
                if b <= a:
                    continue
                spaced = QTextCharFormat()
                spaced.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
                spaced.setFontLetterSpacing(pad)
                # The label column is left-aligned (pad after it), figures right-aligned (pad before them).
                self._format_range(start + (b - 1 if column == 0 else a), 1, spaced)

    def _format_range(self, position: int, length: int, fmt: QTextCharFormat) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)

    def _style_block(self, block) -> None:
        """A heading line is drawn as a heading; its Markdown marks stay (they are what export and
        section splitting read) but recede into small grey type."""
        match = _HEADING.match(block.text())
        cursor = QTextCursor(block)
        cursor.select(QTextCursor.SelectionType.LineUnderCursor)
        fmt = QTextCharFormat()
        base = self.font().pointSizeF() if self.font().pointSizeF() > 0 else 10
        if match:
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontPointSize(15 if len(match.group(1)) == 1 else 12.5)
            fmt.setForeground(QColor("#1f3a5f"))
            cursor.setCharFormat(fmt)
            marks = QTextCursor(block)
            marks.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, len(match.group(0)))
            faint = QTextCharFormat()
            faint.setForeground(QColor(_GRID))
            faint.setFontPointSize(max(6.0, base * 0.7))
            marks.setCharFormat(faint)
            return
        fmt.setFontWeight(QFont.Weight.Normal)
        fmt.setFontPointSize(base)
        fmt.setForeground(QColor("#000000"))
        cursor.setCharFormat(fmt)

    # -- streaming -----------------------------------------------------------------------------
    def append_to_section(self, draft, index: int, chunk: str) -> None:
        """Add ``chunk`` to section ``index`` of ``draft`` and to the editor, without re-rendering."""
        section = draft.sections[index]
        offsets = draft.section_offsets()
        shown_before = section.text.strip()
        section.text += chunk
        shown_after = section.text.strip()
        if not shown_after.startswith(shown_before):
            self.show_draft(draft, scroll=True)  # only when leading whitespace changed what is shown
            return
        addition = shown_after[len(shown_before):]
        if not addition:
            return
        self.rendering = True
        try:
            cursor = QTextCursor(self.document())
            cursor.setPosition(min(offsets[index] + len(shown_before), len(self.toPlainText())))
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Normal)
            cursor.insertText(addition, fmt)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        finally:
            self.rendering = False

    # -- flags ---------------------------------------------------------------------------------
    def show_flags(self, flags: list[tuple[int, int, object]]) -> None:
        self.flags = flags
        selections = []
        length = len(self.toPlainText())
        for start, end, flag in flags:
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(FLAG_COLOURS.get(flag.kind, "#ffe08a")))
            selection.format = fmt
            cursor = QTextCursor(self.document())
            cursor.setPosition(min(start, length))
            cursor.setPosition(min(end, length), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.setExtraSelections(selections)

    def clear_flags(self) -> None:
        self.flags = []
        self.setExtraSelections([])

    def flag_at(self, position: int) -> str | None:
        """Why the text at ``position`` is highlighted, or None when it is not."""
        reasons = [self._reason(flag) for start, end, flag in self.flags if start <= position < end]
        return "\n".join(reasons) if reasons else None

    def exact_at(self, position: int) -> str | None:
        """The figure as printed behind a table cell at ``position`` ("8.12亿元" → "812,345,678.90元（第4页）"),
        from the table the app built (``SectionDraft.table``); None elsewhere or when it reads the same."""
        block = self.document().findBlock(position)
        text = block.text()
        if self._draft is None:
            return None
        if not is_table_row(text):
            return self._printed_amount_at(position)
        column = text[:position - block.position()].count("|") - 1  # 0 is the metric's own cell
        label = text.strip().strip("|").split("|")[0].strip()
        if column < 1:
            return None
        for section in self._draft.sections:
            for row in ((getattr(section, "table", None) or {}).get("rows") or []):
                cells = row.get("cells") or []
                if row.get("metric") != label or column > len(cells) or not cells[column - 1]:
                    continue
                cell = cells[column - 1]
                if cell.get("exact") and cell.get("exact") != cell.get("text"):
                    pages = "、".join(str(p) for p in cell.get("pages") or [])
                    return tr(f"As printed: {cell['exact']}" + (f" (page {pages})" if pages else ""),
                              f"原文数字：{cell['exact']}" + (f"（第{pages}页）" if pages else ""))
        return None

    def _printed_amount_at(self, position: int) -> str | None:
        """The figure as printed behind an amount the app made readable in a section's prose ("4.39亿元")."""
        index = self.section_at(position)
        if not 0 <= index < len(self._draft.sections):
            return None
        section = self._draft.sections[index]
        text = self.toPlainText()
        start = self._draft.section_offsets()[index]
        for match in _READABLE.finditer(text, start, start + len(section.text.strip())):
            if match.start() <= position < match.end():
                before = text[start:match.start()].count(match.group(0))
                printed = [a["exact"] for a in getattr(section, "amounts", None) or [] if a.get("text") == match.group(0)]
                if before < len(printed):
                    return tr(f"As printed: {printed[before]}", f"原文数字：{printed[before]}")
        return None

    def section_at(self, position: int) -> int:
        """Index of the section whose heading precedes ``position`` (-1 before the first)."""
        return len(re.findall(r"(?m)^## ", self.toPlainText()[:position])) - 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            position = self.cursorForPosition(event.pos()).position()
            reason = self.flag_at(position) or self.exact_at(position)
            if reason:
                QToolTip.showText(event.globalPos(), reason, self)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)
