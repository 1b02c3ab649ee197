"""Shows one page of a source document with the cited passage highlighted."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QTextBrowser, QVBoxLayout, QWidget

from app.ui.i18n import tr

_ZOOM = 1.5


class PageViewer(QWidget):
    """Renders a PDF page with PyMuPDF; other documents show the passage text itself."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.caption = QLabel(tr("Choose a result to see its page.", "选择一条结果以查看原文页面。"))
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

    def show_page(self, path: str, page: int, highlight_bbox=None, highlight_text: str | None = None,
                  title: str = "") -> bool:
        """Show ``page`` (1-based) of ``path``. Returns False (and says why) when it cannot."""
        self.current = (path, page)
        name = title or Path(path).name
        self.caption.setText(tr(f"{name} — page {page}", f"{name} — 第 {page} 页"))
        if Path(path).suffix.lower() != ".pdf":
            return self._show_text(highlight_text or "")
        try:
            import pymupdf

            with pymupdf.open(path) as doc:
                if doc.needs_pass or not 1 <= page <= doc.page_count:
                    raise ValueError("page not available")
                pdf_page = doc[page - 1]
                rects = []
                if highlight_bbox:
                    rects.append(pymupdf.Rect(*highlight_bbox))
                elif highlight_text:
                    first_line = next((l for l in highlight_text.splitlines() if len(l.strip()) >= 4), "")
                    rects.extend(pdf_page.search_for(first_line.strip()[:40]) if first_line else [])
                width = self.scroll.viewport().width() - 4
                zoom = width / pdf_page.rect.width if width > 200 else _ZOOM
                pix = pdf_page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
                image = QImage(pix.samples, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888).copy()
        except Exception as exc:
            self.caption.setText(tr(f"{name}: the page cannot be shown ({exc}). The file may have moved.",
                                    f"{name}：无法显示该页（{exc}），文件可能已被移动。"))
            return self._show_text(highlight_text or "")
        self.highlight_rects = [QRectF(r.x0 * zoom, r.y0 * zoom, r.width * zoom, r.height * zoom) for r in rects]
        pixmap = QPixmap.fromImage(image)
        if self.highlight_rects:
            painter = QPainter(pixmap)
            painter.setPen(QColor(230, 140, 0))
            painter.setBrush(QColor(255, 220, 0, 70))
            for rect in self.highlight_rects:
                painter.drawRect(rect.adjusted(-3, -3, 3, 3))
            painter.end()
        self.image.setPixmap(pixmap)
        self.text.hide()
        self.scroll.show()
        if self.highlight_rects:
            self.scroll.verticalScrollBar().setValue(max(0, int(self.highlight_rects[0].top()) - 60))
        return True

    def _show_text(self, text: str) -> bool:
        self.scroll.hide()
        self.text.show()
        self.text.setHtml(f"<div style='background:#fff3b0'>{html.escape(text).replace(chr(10), '<br>')}</div>")
        return False
