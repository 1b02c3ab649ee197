"""Opening a PDF the one way the whole app does: damaged, password-protected and empty files
become the same clear ``InputFileError`` wherever the user opened them."""

from __future__ import annotations

from pathlib import Path

from app.core.errors import InputFileError

#: More pages than this is almost certainly not one report (and would take very long to read).
MAX_PAGES = 5000


def open_pdf(path: Path | str, *, max_pages: int | None = MAX_PAGES):
    """Open ``path`` with PyMuPDF and return the document (use it as a context manager).

    Raises ``InputFileError`` (status ``failed``/``corrupt``/``encrypted``/``empty``/``too_large``).
    """
    import pymupdf

    path = Path(path)
    name = path.name
    if not path.exists():
        raise InputFileError(code="file.not_found", params={"name": name}, path=str(path), status="failed")
    try:
        doc = pymupdf.open(path)
    except Exception as exc:
        raise InputFileError(code="pdf.damaged", params={"name": name}, path=str(path), status="corrupt",
                             detail=str(exc)) from exc
    if doc.needs_pass:
        doc.close()
        raise InputFileError(code="pdf.encrypted", params={"name": name}, path=str(path), status="encrypted")
    if doc.page_count == 0:
        doc.close()
        raise InputFileError(code="pdf.no_pages", params={"name": name}, path=str(path), status="empty")
    if max_pages is not None and doc.page_count > max_pages:
        pages = doc.page_count
        doc.close()
        raise InputFileError(code="pdf.too_many_pages", params={"name": name, "pages": f"{pages:,}",
                                                                 "limit": f"{max_pages:,}"},
                             path=str(path), status="too_large")
    return doc
