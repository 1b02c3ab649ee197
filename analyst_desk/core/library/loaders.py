"""Read documents into pages of text lines: PDF (with OCR for image-only pages), DOCX, XLSX, TXT/MD.

Every loader raises ``InputFileError`` with a user-facing message and a machine status
("encrypted", "corrupt", "empty", "unsupported", "too_large") for files it cannot use.
"""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from analyst_desk.core.errors import InputFileError
from analyst_desk.core.page_text import Line
from analyst_desk.core.pdf import open_pdf

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = {".pdf", ".docx", ".xlsx", ".xlsm", ".txt", ".md", ".markdown", ".csv"}
MAX_PAGES = 5000
MAX_BYTES = 1_000_000_000


@dataclass
class LoadedPage:
    number: int  # 1-based
    lines: list[Line]
    width: float = 0.0
    height: float = 0.0
    ocr: bool = False
    #: Tables the ingest's one table detector found on the page (``ExtractedTable``), or None when
    #: the page was not given to it (no table-like rows, or not a PDF). Chunking and facts both use them.
    tables: list | None = None
    #: For each of ``tables``, the unit line printed above it ("" when the table states its own unit).
    unit_lines: list[str] = field(default_factory=list)


@dataclass
class LoadedDocument:
    path: Path
    title: str
    pages: list[LoadedPage] = field(default_factory=list)
    page_count: int = 0
    doc_type: str = ""
    metadata: dict = field(default_factory=dict)
    #: A PDF's outline (bookmarks) as ``[level, title, page]`` rows; None when not read.
    outline: list | None = None

    @property
    def ocr_pages(self) -> int:
        return sum(1 for p in self.pages if p.ocr)


def check_file(path: Path) -> None:
    """Cheap checks before parsing: exists, not empty, supported, not absurdly large."""
    if not path.is_file():
        raise InputFileError(code="file.not_found", params={"name": path.name}, path=str(path), status="failed")
    size = path.stat().st_size
    if size == 0:
        raise InputFileError(code="file.empty", params={"name": path.name}, path=str(path), status="empty")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise InputFileError(code="file.unsupported", params={"name": path.name, "kind": path.suffix or "—"},
                             path=str(path), status="unsupported")
    if size > MAX_BYTES:
        raise InputFileError(code="file.too_large", params={"name": path.name, "size": f"{size / 2**30:.1f}"},
                             path=str(path), status="too_large")


def load_document(path: Path, *, ocr: Callable | None = None, on_page: Callable[[int, int], None] | None = None,
                  cancel=None) -> LoadedDocument:
    """Dispatch on the file type. ``on_page(done, total)`` reports page progress."""
    path = Path(path)
    check_file(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return load_pdf(path, ocr=ocr, on_page=on_page, cancel=cancel)
    if suffix == ".docx":
        return load_docx(path)
    if suffix in {".xlsx", ".xlsm"}:
        return load_xlsx(path)
    return load_text(path)


# -- PDF -----------------------------------------------------------------------------------
def load_pdf(path: Path, *, ocr: Callable | None = None, on_page=None, cancel=None) -> LoadedDocument:
    with open_pdf(path, max_pages=MAX_PAGES) as doc:
        meta = doc.metadata or {}
        loaded = LoadedDocument(path=path, title=(meta.get("title") or "").strip() or path.stem,
                                page_count=doc.page_count, doc_type="pdf", metadata=meta)
        for index in range(doc.page_count):
            if cancel is not None:
                cancel.raise_if_cancelled()
            try:
                page = doc[index]
                lines = _pdf_lines(page)
                used_ocr = False
                if not lines and ocr is not None and page.get_images():
                    lines = ocr(page)
                    used_ocr = True
            except Exception as exc:  # one unreadable page must not lose the document
                log.warning("%s page %d unreadable: %s", path.name, index + 1, exc, exc_info=True)
                lines, used_ocr = [], False
            loaded.pages.append(LoadedPage(index + 1, lines, page.rect.width, page.rect.height, used_ocr))
            if on_page:
                on_page(index + 1, doc.page_count)
    if not any(p.lines for p in loaded.pages):
        raise InputFileError(code="pdf.no_text_layer", params={"name": path.name}, path=str(path), status="empty")
    return loaded


def _pdf_lines(page, textpage=None) -> list[Line]:
    import pymupdf

    lines = []
    data = page.get_text("dict", flags=pymupdf.TEXTFLAGS_TEXT, textpage=textpage)
    for block in data.get("blocks", []):
        for line in block.get("lines", []):
            spans = [s for s in line.get("spans", []) if s.get("text", "").strip()]
            if not spans:
                continue
            text = "".join(s["text"] for s in spans).strip()
            size = max(s.get("size", 0.0) for s in spans)
            lines.append(Line(text=text, bbox=tuple(line["bbox"]), size=size))
    return lines


# -- DOCX ----------------------------------------------------------------------------------
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def load_docx(path: Path) -> LoadedDocument:
    try:
        import docx

        document = docx.Document(str(path))
    except zipfile.BadZipFile as exc:
        raise InputFileError(code="docx.damaged", params={"name": path.name}, path=str(path), status="corrupt") from exc
    except Exception as exc:
        raise _office_error(path, "docx.damaged") from exc
    title = (document.core_properties.title or "").strip() or path.stem
    page_number = 1
    pages: dict[int, list[Line]] = {1: []}
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.split("}")[-1]
        if tag == "p":
            breaks = len(child.findall(f".//{_W}lastRenderedPageBreak")) + sum(
                1 for br in child.findall(f".//{_W}br") if br.get(f"{_W}type") == "page")
            text = "".join(t.text or "" for t in child.iter(f"{_W}t")).strip()
            page_number += breaks
            pages.setdefault(page_number, [])
            if text:
                style = child.find(f"{_W}pPr/{_W}pStyle")
                style_name = style.get(f"{_W}val", "") if style is not None else ""
                match = re.search(r"(\d)$", style_name) if "eading" in style_name or "标题" in style_name else None
                pages[page_number].append(Line(text=text, heading_level=int(match.group(1)) if match else
                                               (1 if style_name.lower() == "title" else 0)))
        elif tag == "tbl":
            for row in child.iter(f"{_W}tr"):
                cells = ["".join(t.text or "" for t in cell.iter(f"{_W}t")).strip() for cell in row.iter(f"{_W}tc")]
                if any(cells):
                    pages[page_number].append(Line(text=" | ".join(cells), cells=cells))
    loaded = LoadedDocument(path=path, title=title, doc_type="docx",
                            pages=[LoadedPage(n, lines) for n, lines in sorted(pages.items())])
    loaded.page_count = len(loaded.pages)
    if not any(p.lines for p in loaded.pages):
        raise InputFileError(code="file.no_text", params={"name": path.name}, path=str(path), status="empty")
    return loaded


def _office_error(path: Path, damaged_code: str) -> InputFileError:
    """A Word/Excel file that would not open: password-protected files are told apart from damaged ones."""
    if _is_ole_encrypted(path):
        return InputFileError(code="office.encrypted", params={"name": path.name}, path=str(path), status="encrypted")
    return InputFileError(code=damaged_code, params={"name": path.name}, path=str(path), status="corrupt")


def _is_ole_encrypted(path: Path) -> bool:
    """Password-protected Office files are OLE containers, not zip files."""
    with path.open("rb") as handle:
        return handle.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# -- XLSX ----------------------------------------------------------------------------------
def load_xlsx(path: Path) -> LoadedDocument:
    """Each worksheet becomes a 'page' (numbered in sheet order); each row a table line."""
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise _office_error(path, "xlsx.damaged") from exc
    loaded = LoadedDocument(path=path, title=path.stem, doc_type="xlsx")
    try:
        for number, sheet in enumerate(workbook.worksheets, start=1):
            lines = [Line(text=sheet.title, heading_level=1)]
            for row in sheet.iter_rows(values_only=True):
                cells = ["" if v is None else str(v) for v in row]
                while cells and not cells[-1]:
                    cells.pop()
                if any(cells):
                    lines.append(Line(text=" | ".join(cells), cells=cells))
            loaded.pages.append(LoadedPage(number, lines))
    finally:
        workbook.close()
    loaded.page_count = len(loaded.pages)
    if not any(len(p.lines) > 1 for p in loaded.pages):
        raise InputFileError(code="xlsx.no_cells", params={"name": path.name}, path=str(path), status="empty")
    return loaded


# -- TXT / MD ------------------------------------------------------------------------------
def decode_text(data: bytes, name: str = "") -> str:
    """UTF-8 (with or without BOM) first, then GB18030 (a superset of GBK/GB2312), then UTF-16 with BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise InputFileError(code="file.binary", params={"name": name}, path=name, status="unsupported")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputFileError(code="file.encoding", params={"name": name}, path=name, status="corrupt")


def load_text(path: Path) -> LoadedDocument:
    text = decode_text(path.read_bytes(), path.name)
    if not text.strip():
        raise InputFileError(code="file.only_whitespace", params={"name": path.name}, path=str(path), status="empty")
    is_markdown = path.suffix.lower() in {".md", ".markdown"}
    loaded = LoadedDocument(path=path, title=path.stem, doc_type="md" if is_markdown else "txt")
    # Form feeds mark pages in text exported from other tools; otherwise the file is one page.
    for number, page_text in enumerate(text.split("\f"), start=1):
        lines = []
        for raw in page_text.splitlines():
            stripped = raw.strip()
            if not stripped:
                continue
            level = 0
            if is_markdown:
                match = re.match(r"^(#{1,6})\s+(.*)$", stripped)
                if match:
                    level, stripped = len(match.group(1)), match.group(2).strip()
            if stripped.startswith("|") and stripped.endswith("|"):
                cells = [c.strip() for c in stripped.strip("|").split("|")]
                if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                    continue  # markdown table separator row
                lines.append(Line(text=" | ".join(cells), cells=cells))
            else:
                lines.append(Line(text=stripped, heading_level=level))
        loaded.pages.append(LoadedPage(number, lines))
    loaded.page_count = len(loaded.pages)
    if title := next((l.text for p in loaded.pages for l in p.lines if l.heading_level == 1), None):
        loaded.title = title[:120]
    return loaded
