"""A plain-text editor with line numbers in the margin and a way to highlight and scroll to lines.

Minutes refer to transcript lines by number, so the numbers must be on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget


class _Margin(QWidget):
    def __init__(self, editor: "NumberedEditor") -> None:
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self.editor.margin_width(), 0)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.editor.paint_margin(event)


class NumberedEditor(QPlainTextEdit):
    """Line numbers count every line of the text (blank ones too), like the minutes do."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._margin = _Margin(self)
        self._highlighted: list[int] = []
        self.blockCountChanged.connect(self._update_margin_width)
        self.updateRequest.connect(self._update_margin)
        self._update_margin_width()
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def margin_width(self) -> int:
        digits = max(2, len(str(max(1, self.blockCount()))))
        return 10 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margin_width(self, *_args) -> None:
        self.setViewportMargins(self.margin_width(), 0, 0, 0)

    def _update_margin(self, rect, dy) -> None:
        if dy:
            self._margin.scroll(0, dy)
        else:
            self._margin.update(0, rect.y(), self._margin.width(), rect.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        rect = self.contentsRect()
        self._margin.setGeometry(QRect(rect.left(), rect.top(), self.margin_width(), rect.height()))

    def paint_margin(self, event) -> None:
        painter = QPainter(self._margin)
        painter.fillRect(event.rect(), QColor("#f0f0f0"))
        block = self.firstVisibleBlock()
        number = block.blockNumber()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        bottom = top + round(self.blockBoundingRect(block).height())
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible() and bottom >= event.rect().top():
                highlighted = (number + 1) in self._highlighted
                painter.setPen(QColor("#b35900") if highlighted else QColor("#888888"))
                painter.drawText(0, top, self._margin.width() - 5, self.fontMetrics().height(),
                                 Qt.AlignmentFlag.AlignRight, str(number + 1))
            block = block.next()
            top = bottom
            bottom = top + round(self.blockBoundingRect(block).height())
            number += 1
        painter.end()

    def highlight_lines(self, numbers: list[int], colour: str = "#fff1a8") -> None:
        """Highlight 1-based lines and scroll the first into view."""
        self._highlighted = list(numbers)
        selections = []
        document = self.document()
        for number in numbers:
            block = document.findBlockByNumber(number - 1)
            if not block.isValid():
                continue
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(QColor(colour))
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selection.cursor = QTextCursor(block)
            selection.cursor.clearSelection()
            selections.append(selection)
        self.setExtraSelections(selections)
        if selections:
            first = QTextCursor(document.findBlockByNumber(numbers[0] - 1))
            self.setTextCursor(first)
            self.centerCursor()
        self._margin.update()

    @property
    def highlighted_lines(self) -> list[int]:
        return list(self._highlighted)
