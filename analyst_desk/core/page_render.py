"""Rendering one PDF page to pixels with the cited passage located, off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from analyst_desk.core.pdf import shared_pdf

_DEFAULT_ZOOM = 1.5


@dataclass
class RenderedPage:
    """RGB pixels of a page plus the rectangles (in pixels) of the passage to outline."""

    samples: bytes
    width: int
    height: int
    stride: int
    zoom: float
    highlights: list[tuple[float, float, float, float]] = field(default_factory=list)


def render_page(path: Path | str, page: int, *, width: int = 0, highlight_bbox=None,
                highlight_text: str | None = None) -> RenderedPage:
    """Render ``page`` (1-based) of a PDF at ``width`` pixels (or 1.5× when unknown).

    Raises ``InputFileError`` when the file cannot be opened or has no such page.
    """
    import pymupdf

    from analyst_desk.core.errors import InputFileError

    with shared_pdf(path) as doc:
        if not 1 <= page <= doc.page_count:
            raise InputFileError(code="pdf.no_such_page", params={"name": Path(path).name, "page": page,
                                                                  "pages": doc.page_count}, path=str(path))
        pdf_page = doc[page - 1]
        rects = []
        if highlight_bbox:
            rects.append(pymupdf.Rect(*highlight_bbox))
        elif highlight_text:
            first_line = next((line for line in highlight_text.splitlines() if len(line.strip()) >= 4), "")
            rects.extend(pdf_page.search_for(first_line.strip()[:40]) if first_line else [])
        zoom = width / pdf_page.rect.width if width > 200 else _DEFAULT_ZOOM
        pix = pdf_page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        return RenderedPage(samples=bytes(pix.samples), width=pix.width, height=pix.height, stride=pix.stride,
                            zoom=zoom,
                            highlights=[(r.x0 * zoom, r.y0 * zoom, r.width * zoom, r.height * zoom) for r in rects])
