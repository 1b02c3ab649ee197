"""The drafting editor: the draft as editable text, streamed sections inserted in place, flagged
figures highlighted with their reason on hover, headings shown as headings.

Streaming inserts each chunk where its section ends instead of re-rendering the whole draft, so
a long draft costs the same per chunk at the end as at the start.
"""

from __future__ import annotations

import re
from typing import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QToolTip

FLAG_COLOURS = {"unverified_figure": "#ffb3b3", "weak_figure": "#ffe08a", "invalid_citation": "#ffb3b3",
                "uncited_sentence": "#e6e6e6"}
_HEADING = re.compile(r"^(#{1,2}) ")


class DraftEditor(QTextEdit):
    """Plain text underneath (Markdown headings stay the export format); headings are drawn bold and
    larger. ``rendering`` is True while the editor changes its own text (not a user edit)."""

    def __init__(self, reason: Callable[[object], str], parent=None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self._reason = reason
        self.rendering = False
        self.flags: list[tuple[int, int, object]] = []
        self.viewport().installEventFilter(self)

    # -- whole-draft rendering ---------------------------------------------------------------
    def show_draft(self, draft, *, scroll: bool = False) -> None:
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
        while block.isValid():
            self._style_block(block)
            block = block.next()

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
            faint.setForeground(QColor("#b0b7c3"))
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

    def section_at(self, position: int) -> int:
        """Index of the section whose heading precedes ``position`` (-1 before the first)."""
        return len(re.findall(r"(?m)^## ", self.toPlainText()[:position])) - 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            reason = self.flag_at(self.cursorForPosition(event.pos()).position())
            if reason:
                QToolTip.showText(event.globalPos(), reason, self)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)
