"""The page number a reader sees printed on a page, beside its position in the file.

"第 19 页" of a PDF is often printed page 18 (the cover is not counted), and an annual report's
financial statements restart their numbering. Citing only the position sends the reader to the
wrong printed page, so wherever a page is cited both are shown. The label comes from the PDF's
own page labels when it has them, else from a bare number printed in the page's header or footer.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path

#: A header/footer that is only a page number: "18", "- 18 -", "第18页", "18 / 296", "Page 18".
_PRINTED = re.compile(r"^\W*(?:第\s*)?(?:page\s+)?(\d{1,4})(?:\s*页)?(?:\s*/\s*\d{1,4})?\W*$", re.I)
_EDGE = 0.09  # share of the page height treated as header or footer
_lock = threading.Lock()


def printed_label(path: Path | str, page: int) -> str:
    """The printed label of ``page`` (1-based), or "" when none is printed or the file cannot be read."""
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        return ""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return ""
    return _label(str(path), stamp, page)


@lru_cache(maxsize=4096)
def _label(path: str, _stamp: int, page: int) -> str:
    from analyst_desk.core.errors import InputFileError
    from analyst_desk.core.pdf import shared_pdf

    with _lock:
        try:
            with shared_pdf(path) as doc:
                if not 1 <= page <= doc.page_count:
                    return ""
                pdf_page = doc[page - 1]
                label = pdf_page.get_label() if hasattr(pdf_page, "get_label") else ""
                if label:
                    return label
                height = pdf_page.rect.height or 1.0
                for x0, y0, x1, y1, text, *_ in pdf_page.get_text("blocks"):
                    if y0 < _EDGE * height or y1 > (1 - _EDGE) * height:
                        match = _PRINTED.match(text.strip())
                        if match:
                            return match.group(1)
        except (InputFileError, RuntimeError, ValueError, OSError):
            return ""
    return ""


def page_reference(path: Path | str, page: int, language: str = "en") -> str:
    """"p. 19 (printed 18)" / "第 19 页（印刷页码 18）"; just the position when both agree or none is printed."""
    label = printed_label(path, page)
    if language == "zh":
        return f"第 {page} 页" + (f"（印刷页码 {label}）" if label and label != str(page) else "")
    return f"p. {page}" + (f" (printed {label})" if label and label != str(page) else "")
