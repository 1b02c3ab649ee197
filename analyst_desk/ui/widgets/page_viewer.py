"""Shows one page of a source document with the cited passage highlighted.

Pages are rendered on the io pool, never on the GUI thread (a large annual-report page takes
hundreds of milliseconds); a newer request supersedes an older one still rendering.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QTextBrowser, QVBoxLayout, QWidget

from analyst_desk.ui.i18n import tr
from analyst_desk.ui.messages import localise
from analyst_desk.workers.jobs import run_job


class PageViewer(QWidget):
    """Renders a PDF page with PyMuPDF (off the GUI thread); other documents show the passage text."""

    #: Emitted when a requested page is on screen (True) or could not be shown (False).
    page_shown = Signal(bool)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.image)
        self.scroll.setWidgetResizable(True)
        self.text = QTextBrowser()
        self.text.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.text, 1)
        self.current: tuple[str, int] | None = None
        self.highlight_rects: list[QRectF] = []
        self.rendering = False
        self._request = 0
        self._worker = None
        self.clear()

    def clear(self) -> None:
        """Forget the page shown (a new question must not show the previous one's evidence)."""
        self._request += 1
        self.current = None
        self.rendering = False
        self.highlight_rects = []
        self.image.clear()
        self.text.clear()
        self.text.hide()
        self.scroll.show()
        self.caption.setText(self.placeholder)

    #: What the empty viewer says; a pane sets its own wording ("click a source" in Ask and drafting).
    placeholder = property(lambda self: getattr(self, "_placeholder", None) or
                           tr("Choose a result to see its page.", "选择一条结果以查看原文页面。"))

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        if self.current is None:
            self.caption.setText(text)

    def show_citation(self, source, title: str = "") -> bool:
        """Open a cited source: a passage highlighted by its box; a figure from a table (a fact) by its
        row — the printed figure found on the page, the mark widened to the table's width — so the
        reader sees the one row cited, scrolled into view, not the whole table."""
        if str(getattr(source, "chunk_id", "")).startswith("fact:"):
            value = _row_value(source.text or "")
            if value:
                return self.show_page(source.path, source.page, highlight_text=value, title=title,
                                      widen_to=getattr(source, "bbox", None))
        return self.show_page(source.path, source.page, highlight_bbox=source.bbox, highlight_text=source.text,
                              title=title)

    def show_page(self, path: str, page: int, highlight_bbox=None, highlight_text: str | None = None,
                  title: str = "", widen_to=None) -> bool:
        """Show ``page`` (1-based) of ``path``. PDF pages arrive asynchronously (``page_shown``)."""
        self._request += 1
        request = self._request
        self.current = (path, page)
        self.highlight_rects = []
        name = title or Path(path).name
        self._name = name
        self.caption.setText(tr(f"{name} — page {page}", f"{name} — 第 {page} 页"))
        if Path(path).suffix.lower() != ".pdf":
            self._show_text(highlight_text or "")
            self.page_shown.emit(False)
            return False
        self.rendering = True
        width = self.scroll.viewport().width() - 4

        def job(_ctx):
            from analyst_desk.core.page_render import render_page

            return render_page(path, page, width=width, highlight_bbox=highlight_bbox, highlight_text=highlight_text)

        self._worker = run_job(job, pool="io", name="render page")
        self._worker.signals.finished.connect(lambda rendered: self._on_rendered(request, page, rendered, widen_to))
        self._worker.signals.failed.connect(lambda exc: self._on_failed(request, exc, highlight_text or ""))
        return True

    def _on_rendered(self, request: int, page: int, rendered, widen_to=None) -> None:
        if request != self._request:
            return  # superseded by a newer page
        self.rendering = False
        image = QImage(rendered.samples, rendered.width, rendered.height, rendered.stride,
                       QImage.Format.Format_RGB888).copy()
        self.highlight_rects = [QRectF(*rect) for rect in rendered.highlights]
        if widen_to and self.highlight_rects:
            # The figure's row: inside the table's box, from its left edge to its right edge.
            zoom = getattr(rendered, "zoom", 1.0)
            x0, y0, x1, y1 = (v * zoom for v in widen_to)
            inside = [r for r in self.highlight_rects if y0 - 2 <= r.top() <= y1 + 2] or self.highlight_rects
            row = inside[0]
            self.highlight_rects = [QRectF(x0, row.top(), x1 - x0, row.height())]
        pixmap = QPixmap.fromImage(image)
        if self.highlight_rects:
            painter = QPainter(pixmap)
            painter.setPen(QColor(230, 140, 0))
            painter.setBrush(QColor(255, 220, 0, 70))
            for rect in self.highlight_rects:
                painter.drawRect(rect.adjusted(-3, -3, 3, 3))
            painter.end()
        from analyst_desk.core.page_labels import page_reference  # PDF page labels, else the printed number
        from analyst_desk.ui import i18n

        self.caption.setText(f"{self._name} — " + page_reference(self.current[0], page, i18n.language()))
        self.image.setPixmap(pixmap)
        self.text.hide()
        self.scroll.show()
        if self.highlight_rects:
            # After the new pixmap is laid out: set now, the scroll range is still the old page's and
            # the value is clamped (the cited row stayed below the visible area).
            self.image.adjustSize()
            target = int(self.highlight_rects[0].top())
            QTimer.singleShot(0, lambda: self._scroll_to(request, target))
            self._scroll_to(request, target)
        self.page_shown.emit(True)

    def _scroll_to(self, request: int, top: int) -> None:
        if request == self._request:
            bar = self.scroll.verticalScrollBar()
            bar.setValue(max(0, top - self.scroll.viewport().height() // 3))

    def highlight_visible(self) -> bool:
        """True when the first highlighted rectangle lies inside the visible part of the page."""
        if not self.highlight_rects:
            return False
        top = self.scroll.verticalScrollBar().value()
        rect = self.highlight_rects[0]
        return top <= rect.top() and rect.bottom() <= top + self.scroll.viewport().height()

    def _on_failed(self, request: int, exc, passage: str) -> None:
        if request != self._request:
            return
        self.rendering = False
        self.caption.setText(tr(f"{self._name}: the page cannot be shown ({localise(exc)}). The file may have moved.",
                                f"{self._name}：无法显示该页（{localise(exc)}），文件可能已被移动。"))
        self._show_text(passage)
        self.page_shown.emit(False)

    def _show_text(self, text: str) -> None:
        self.scroll.hide()
        self.text.show()
        self.text.setHtml(f"<div style='background:#fff3b0'>{html.escape(text).replace(chr(10), '<br>')}</div>")


_NUMBER = re.compile(r"\(?-?\d[\d,]*(?:\.\d+)?\)?%?")


def _row_value(text: str) -> str:
    """The printed figure of a fact's row (the last line of its context that carries a number)."""
    for line in reversed([l for l in text.splitlines() if l.strip()]):
        numbers = [n for n in _NUMBER.findall(line) if sum(ch.isdigit() for ch in n) >= 3]
        if numbers:
            return max(numbers, key=len).strip("()")
    return ""
