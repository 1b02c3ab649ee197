"""Opening a PDF the one way the whole app does: damaged, password-protected and empty files
become the same clear ``InputFileError`` wherever the user opened them."""

from __future__ import annotations

from pathlib import Path

from analyst_desk.core.errors import InputFileError

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


def new_pdf():
    """An empty PyMuPDF document to write pages into (self-test and generated reports)."""
    import pymupdf

    return pymupdf.open()


class _OpenDocuments:
    """A few PDFs kept open for showing pages: opening a 300-page report costs ~0.3 s of C code
    that holds the interpreter lock, which the window would feel on every citation click."""

    def __init__(self, size: int = 3) -> None:
        import threading
        from collections import OrderedDict

        self._size = size
        self._lock = threading.Lock()
        self._docs: "OrderedDict[tuple[str, int], tuple[object, object]]" = OrderedDict()

    def get(self, path: Path | str):
        import threading

        path = Path(path)
        key = (str(path.resolve()), path.stat().st_mtime_ns)
        with self._lock:
            if key in self._docs:
                self._docs.move_to_end(key)
                return self._docs[key]
        doc = open_pdf(path, max_pages=None)
        with self._lock:
            if key not in self._docs:
                self._docs[key] = (doc, threading.Lock())
                while len(self._docs) > self._size:
                    _, (old, old_lock) = self._docs.popitem(last=False)
                    with old_lock:
                        old.close()
            else:
                doc.close()
            return self._docs[key]


_OPEN = _OpenDocuments()


class shared_pdf:
    """``with shared_pdf(path) as doc:`` — a cached open document, used by one thread at a time.

    For reading pages only (rendering, page labels); never close the document yourself.
    """

    def __init__(self, path: Path | str) -> None:
        self._doc, self._lock = _OPEN.get(path)

    def __enter__(self):
        self._lock.acquire()
        return self._doc

    def __exit__(self, *exc) -> None:
        self._lock.release()
