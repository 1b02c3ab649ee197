"""The section map of a document: its headings, their nesting and the pages and passages each covers.

Built once per document at import from what the import already has — the PDF outline when the file
has one (``outline_of``), else the heading lines the chunker detected (第X节/第X章, 一、, （一）, 1./1.1,
larger type), which every chunk carries as its ``heading_path``. Stored as ``sections/<doc_id>.json``
beside the catalogue, keyed by the file's SHA-256 so a stale map is never used; a library imported
before maps existed gets one built from its stored passages the first time it is asked
(:func:`section_map_of`; held in memory only when the library is read-only).

A section covers a run of passages ``first_chunk..last_chunk`` (chunk ordinals, inclusive): from its
heading to the next heading at its level or above. So "the whole 环境信息情况 section" is a list of
stored passages with their pages, which is what narrative answers read.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

SECTIONS_DIR = "sections"
FORMAT = 3
#: Fewer outline entries than this is a cover bookmark, not a table of contents: use the headings.
MIN_OUTLINE = 4
_TOC_ENTRY = re.compile(r"(?:[.．·…\-—_]{3,}|\s)\s*\d{1,4}\s*$")
_SPACE = re.compile(r"\s+")


@dataclass
class Section:
    """One heading of a document and what it covers. ``level`` 1 is a chapter (第X节)."""

    number: int
    title: str
    level: int
    page_start: int
    page_end: int
    first_chunk: int
    last_chunk: int
    parent: int | None = None
    #: The first words of its text, for matching a question against what the section is about.
    lead: str = ""

    @property
    def pages(self) -> list[int]:
        return list(range(self.page_start, self.page_end + 1))


@dataclass
class SectionMap:
    """All sections of one document in reading order (parents before their children)."""

    doc_id: str
    sha256: str = ""
    #: "outline" (the PDF's bookmarks) or "headings" (heading lines found in the text).
    source: str = "headings"
    sections: list[Section] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.sections)

    def children(self, section: Section) -> list[Section]:
        return [s for s in self.sections if s.parent == section.number]

    def path(self, section: Section) -> list[Section]:
        """The section and its ancestors, outermost first."""
        chain = [section]
        while chain[0].parent is not None:
            chain.insert(0, self.sections[chain[0].parent])
        return chain

    def containing(self, ordinal: int) -> Section | None:
        """The innermost section a passage belongs to."""
        best = None
        for section in self.sections:
            if section.first_chunk <= ordinal <= section.last_chunk and (best is None or section.level >= best.level):
                best = section
        return best

    def to_json(self) -> dict:
        return {"format": FORMAT, "doc_id": self.doc_id, "sha256": self.sha256, "source": self.source,
                "sections": [asdict(s) for s in self.sections]}

    @classmethod
    def from_json(cls, data: dict) -> "SectionMap":
        return cls(doc_id=data.get("doc_id", ""), sha256=data.get("sha256", ""), source=data.get("source", ""),
                   sections=[Section(**s) for s in data.get("sections", [])])


def clean_title(title: str) -> str:
    """A heading as printed, without the dot leaders and page number of a table-of-contents line."""
    title = _SPACE.sub(" ", title).strip()
    return _TOC_ENTRY.sub("", title).strip(" .．·…") if _TOC_ENTRY.search(title) else title


def _key(text: str) -> str:
    return _SPACE.sub("", text)


def _chunk_fields(chunk) -> tuple[int, int, list[int], str, str]:
    """(ordinal, page, pages, heading path, text) of a ``Chunk`` or a stored row/hit."""
    if isinstance(chunk, dict):
        pages = chunk.get("pages") or []
        if isinstance(pages, str):
            pages = json.loads(pages or "[]")
        return (int(chunk["ordinal"]), int(chunk["page"]), list(pages) or [int(chunk["page"])],
                chunk.get("heading") or chunk.get("heading_path") or "", chunk.get("text") or "")
    ordinal = getattr(chunk, "ordinal", None)
    if ordinal is None:  # a SearchHit: the ordinal is the chunk id's suffix
        ordinal = int(str(chunk.chunk_id).rsplit("-", 1)[-1])
    pages = list(getattr(chunk, "pages", []) or [chunk.page])
    heading = getattr(chunk, "heading_path", "") or getattr(chunk, "heading", "") or ""
    return int(ordinal), int(chunk.page), pages, heading, chunk.text


def build_section_map(chunks: list, *, outline: list | None = None, doc_id: str = "",
                      sha256: str = "") -> SectionMap:
    """The section map of one document from its passages (in any order) and its PDF outline, if any.

    ``outline`` is PyMuPDF's ``get_toc()``: ``[level, title, page]`` rows in reading order.
    """
    rows = sorted((_chunk_fields(c) for c in chunks), key=lambda r: r[0])
    if not rows:
        return SectionMap(doc_id, sha256)
    entries = [(int(e[0]), clean_title(str(e[1])), int(e[2])) for e in (outline or [])
               if len(e) >= 3 and int(e[2]) >= 1 and clean_title(str(e[1]))]
    if len(entries) >= MIN_OUTLINE:
        sections = _from_outline(rows, entries)
        source = "outline"
        # Headings the outline leaves out (a report bookmarks its chapters, not every 一、/（一）) nest
        # under the bookmark they fall in, below every bookmark level.
        known = {_key(s.title) for s in sections}
        deepest = max(s.level for s in sections)
        extra = [s for s in _from_headings(rows) if _key(s.title) not in known]
        for section in extra:
            section.level += deepest
        sections = sorted(sections + extra, key=lambda s: (s.first_chunk, s.level))
        for number, section in enumerate(sections):
            section.number = number
    else:
        sections = _from_headings(rows)
        source = "headings"
    sections = _with_text_headings(sections, rows)
    _close(sections, rows)
    return SectionMap(doc_id, sha256, source, sections)


def _from_headings(rows) -> list[Section]:
    """A section per heading-path prefix, opened at the first passage under it."""
    sections: list[Section] = []
    open_path: list[str] = []
    for ordinal, page, _pages, heading, _text in rows:
        path = [clean_title(p) for p in heading.split(" > ")] if heading else []
        path = [p for p in path if p]
        depth = 0
        while depth < min(len(path), len(open_path)) and _key(path[depth]) == _key(open_path[depth]):
            depth += 1
        for level in range(depth, len(path)):
            sections.append(Section(number=len(sections), title=path[level], level=level + 1, page_start=page,
                                    page_end=page, first_chunk=ordinal, last_chunk=ordinal))
        open_path = path
    return sections


_LOWER_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "vs", "per"}
_TEXT_HEADING = re.compile(r"^[A-Z][A-Za-z0-9&,'’/()\-]*(?: [A-Za-z0-9&,'’/()\-]+){0,7}$")


def text_heading(line: str) -> bool:
    """An English heading line at the top of a passage ("Total Revenues and Operating Expenses", "Human
    Capital"): two to eight words, each capitalised but the small ones, no full stop, few digits.
    10-Ks print these in bold at body size, which the chunker's type-size test does not see."""
    line = line.strip()
    if not 6 <= len(line) <= 70 or not _TEXT_HEADING.match(line) or sum(c.isdigit() for c in line) > 4:
        return False
    words = line.split()
    return len(words) >= 2 and all(w[0].isupper() or w[0].isdigit() or w.lower() in _LOWER_WORDS or w[0] in "(&"
                                   for w in words)


def _heading_lines(text: str) -> list[str]:
    """Heading lines of one passage: its first line, or a line after a finished sentence and before the
    text it heads ("…164,000 full-time equivalent employees." / "Workplace Practices and Policies" / "The…")."""
    lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
    found = []
    for i, line in enumerate(lines):
        if not text_heading(line):
            continue
        after_sentence = i == 0 or lines[i - 1].endswith((".", ":", ";", "”", ")")) or text_heading(lines[i - 1])
        before_text = i + 1 == len(lines) or lines[i + 1][:1].isupper() or lines[i + 1].startswith("|")
        if after_sentence and before_text:
            found.append(line)
    return found


def _with_text_headings(sections: list[Section], rows) -> list[Section]:
    """The sections, plus a sub-section for each English passage that opens with a heading line the chunker
    did not take as one (nested below every heading found so far, so it never closes one of them)."""
    known = {_key(s.title) for s in sections}
    deepest = max((s.level for s in sections), default=0)
    firsts = [text.strip().partition("\n")[0].strip() for *_, text in rows]
    # A line atop many passages is a running header ("Table of Contents"), not a heading.
    seen = Counter(_key(f) for f in firsts)
    extra = []
    for ordinal, page, _pages, _heading, text in rows:
        for title in _heading_lines(text):
            if _key(title) in known or seen[_key(title)] > 3:
                continue
            known.add(_key(title))
            extra.append(Section(number=0, title=title, level=deepest + 1, page_start=page, page_end=page,
                                 first_chunk=ordinal, last_chunk=ordinal))
    if not extra:
        return sections
    merged = sorted(sections + extra, key=lambda s: (s.first_chunk, s.level))
    for number, section in enumerate(merged):
        section.number = number
    return merged


def _from_outline(rows, entries) -> list[Section]:
    """A section per outline entry, opened at the first passage on its page that names it."""
    sections: list[Section] = []
    by_page: dict[int, list] = {}
    for row in rows:
        by_page.setdefault(row[1], []).append(row)
    last_page = rows[-1][1]
    cursor = rows[0][0]
    for level, title, page in entries:
        page = min(page, last_page)
        key = _key(title)[:12]
        start = None
        for candidate in range(page, min(page + 2, last_page) + 1):
            for ordinal, _p, _pages, heading, text in by_page.get(candidate, []):
                if ordinal >= cursor and (key in _key(heading) or key in _key(text)):
                    start = ordinal
                    break
            if start is not None:
                break
        if start is None:
            start = next((r[0] for r in rows if r[1] >= page and r[0] >= cursor), rows[-1][0])
        cursor = start
        sections.append(Section(number=len(sections), title=title, level=level, page_start=page, page_end=page,
                                first_chunk=start, last_chunk=start))
    return sections


def _close(sections: list[Section], rows) -> None:
    """Fill in where each section ends, its pages, parent and lead words."""
    if not sections:
        return
    index_of = {row[0]: i for i, row in enumerate(rows)}
    last = rows[-1][0]
    for i, section in enumerate(sections):
        end = last
        for later in sections[i + 1:]:
            if later.level <= section.level:
                end = later.first_chunk - 1 if later.first_chunk > section.first_chunk else section.first_chunk
                break
        section.last_chunk = max(end, section.first_chunk)
        covered = rows[index_of.get(section.first_chunk, 0):index_of.get(section.last_chunk, len(rows) - 1) + 1]
        pages = [p for row in covered for p in row[2]] or [section.page_start]
        section.page_start = min(section.page_start, min(pages))
        section.page_end = max(pages)
        for earlier in reversed(sections[:i]):
            if earlier.level < section.level:
                section.parent = earlier.number
                break
        lead = " ".join(row[4] for row in covered[:2])
        section.lead = _SPACE.sub(" ", lead)[:160]


# -- storage ---------------------------------------------------------------------------------
def _file(folder: Path, doc_id: str) -> Path:
    return Path(folder) / SECTIONS_DIR / f"{doc_id}.json"


def store_section_map(folder: Path, section_map: SectionMap) -> Path:
    """Write the map beside the catalogue (atomically: a reader never sees half a file)."""
    from analyst_desk.core.fileio import atomic_write_json

    path = _file(folder, section_map.doc_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_json(path, section_map.to_json(), indent=None)


def load_section_map(folder: Path, doc_id: str, sha256: str = "") -> SectionMap | None:
    """The stored map, or None when there is none (or it belongs to another version of the file)."""
    try:
        data = json.loads(_file(folder, doc_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("format") != FORMAT or (sha256 and data.get("sha256") != sha256):
        return None
    return SectionMap.from_json(data)


def forget_section_map(folder: Path, doc_id: str) -> None:
    """Delete a removed document's section map (nothing to do when it has none)."""
    try:
        _file(folder, doc_id).unlink()
    except OSError:
        pass


def outline_of(path: Path | str) -> list:
    """The PDF's outline (``[level, title, page]`` rows), or [] for other files or when it cannot be read."""
    if Path(path).suffix.lower() != ".pdf":
        return []
    try:
        from analyst_desk.core.pdf import open_pdf

        with open_pdf(path, max_pages=None) as doc:
            return [list(entry[:3]) for entry in doc.get_toc(simple=True)]
    except Exception:  # noqa: BLE001 - an outline is an aid: without it the headings are used
        log.info("No outline read from %s", path, exc_info=True)
        return []


def index_sections(folder: Path, record, chunks: list, *, outline: list | None = None) -> SectionMap | None:
    """Build and store one imported document's section map. Never fails the import. ``outline``: the
    PDF's outline as the import already read it (the file is not opened again)."""
    try:
        outline = outline if outline is not None else outline_of(record.path)
        section_map = build_section_map(chunks, outline=outline, doc_id=record.doc_id,
                                        sha256=record.sha256)
        store_section_map(folder, section_map)
        return section_map
    except Exception:  # noqa: BLE001 - sections are an aid to answering, never a reason to lose a document
        log.exception("Section map of %s not built", getattr(record, "title", record))
        return None


_MEMORY: dict[tuple[str, str, str], SectionMap] = {}


def section_map_of(library, doc_id: str) -> SectionMap | None:
    """The section map of a library's document: stored, or built now from its stored passages.

    ``library`` is a ``Library`` (or anything with ``folder``, ``find_document``, ``chunks`` and
    ``read_only``). A read-only library keeps a map it had to build in memory only.
    """
    for member in getattr(library, "libraries", None) or []:  # a LibrarySet: ask the library holding it
        if member.find_document(doc_id) is not None:
            return section_map_of(member, doc_id)
    record = library.find_document(doc_id)
    if record is None:
        return None
    folder = Path(getattr(library, "folder", "") or ".")
    found = load_section_map(folder, record.doc_id, record.sha256)
    if found is not None:
        return found
    key = (str(folder), record.doc_id, record.sha256)
    if key in _MEMORY:
        return _MEMORY[key]
    section_map = build_section_map(library.chunks(record.doc_id), outline=outline_of(record.path),
                                    doc_id=record.doc_id, sha256=record.sha256)
    if getattr(library, "read_only", True):
        _MEMORY[key] = section_map
    else:
        try:
            store_section_map(folder, section_map)
        except OSError:
            _MEMORY[key] = section_map
    return section_map
