"""A page's text as lines with their boxes, and the OCR that reads an image-only page into such lines.

Below the library (whose loaders fill pages with lines) and the extraction (whose table finder reads
an image-only page's OCR lines), so neither imports the other for them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Line:
    """One line of text on a page. ``heading_level`` is set by loaders that know structure (DOCX, MD)."""

    text: str
    bbox: tuple[float, float, float, float] | None = None
    size: float = 0.0
    heading_level: int = 0
    #: Cells of a table row, when the loader knows them (XLSX, DOCX tables).
    cells: list[str] | None = None


class RapidOcr:
    """OCR for image-only PDF pages with rapidocr (PP-OCR models shipped inside its wheel). Loaded lazily."""

    def __init__(self) -> None:
        self._engine = None

    @staticmethod
    def available() -> bool:
        """Installed? Checked without importing: onnxruntime loads only when a scanned page needs it."""
        import importlib.util

        return importlib.util.find_spec("rapidocr_onnxruntime") is not None

    def __call__(self, page) -> list[Line]:
        if self._engine is None:
            from rapidocr_onnxruntime import RapidOCR

            self._engine = RapidOCR()
        zoom = 2.0
        import pymupdf

        pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom))
        result, _ = self._engine(pix.tobytes("png"))
        lines = []
        for box, text, score in result or []:
            if float(score) < 0.5 or not text.strip():
                continue
            xs = [pt[0] / zoom for pt in box]
            ys = [pt[1] / zoom for pt in box]
            bbox = (min(xs), min(ys), max(xs), max(ys))
            lines.append(Line(text=text.strip(), bbox=bbox, size=bbox[3] - bbox[1]))
        return lines
