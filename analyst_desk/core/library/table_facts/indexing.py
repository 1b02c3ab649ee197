"""Building facts: at import (one call from the library's import path) and for documents already imported.

Facts come from PDF tables only (the extraction finders read PDF pages). Only pages on which the
library's chunking found a table are read, which keeps import cost proportional to the tables a
report actually has. Building never fails an import: a document whose facts cannot be built is
logged and simply has none (Ask and drafting then work from passages as before).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from analyst_desk.core.library.labelled_fields import ProfileField
from analyst_desk.core.library.table_facts.extract import facts_of_open_document
from analyst_desk.core.library.table_facts.model import Fact
from analyst_desk.core.library.table_facts.store import FactStore

log = logging.getLogger(__name__)


def table_pages(chunks) -> list[int]:
    """Pages holding at least one table chunk (``kind == "table"``), in order."""
    return sorted({int(p) for c in chunks if getattr(c, "kind", "") == "table"
                   for p in (getattr(c, "pages", None) or [c.page])})


def facts_and_fields(doc, *, doc_id: str, pages: list[int] | None = None, texts: list[str] | None = None,
                     record=None, cancel=None) -> tuple[list[Fact], list[ProfileField]]:
    """The facts and profile fields of an already open PyMuPDF document (never opened here).

    ``pages`` (1-based) are the pages to read tables from (all when None); ``texts`` the page texts
    when the caller already has them (the first 80 are read for fields and the profile otherwise);
    ``record`` a catalogue record for title, issuer and period. The document's profile (period,
    fiscal year end, currency) is read from its own pages, so 本期/上期, fiscal quarters and the
    currency of "in millions" are resolved as the report states them.
    """
    from analyst_desk.core.library.document_profile import document_fields, read_profile

    head = texts[:80] if texts is not None else [doc[i].get_text() for i in range(min(doc.page_count, 80))]
    profile = read_profile(head)
    period = (getattr(record, "period", "") if record is not None else "") or profile.period
    issuer = (getattr(record, "issuer", "") or getattr(record, "company", "") if record is not None else "") or \
        profile.issuer
    facts = facts_of_open_document(doc, doc_id=doc_id, pages=pages, current_period=period,
                                   title=getattr(record, "title", "") if record is not None else "", issuer=issuer,
                                   cancel=cancel, fiscal_year_end=profile.fiscal_year_end, currency=profile.currency)
    return facts, document_fields(head, doc_id=doc_id)


def facts_and_fields_of_pages(pages, texts: list[str], *, doc_id: str,
                              record=None) -> tuple[list[Fact], list[ProfileField]]:
    """Facts and profile fields from what the import's page reader already has (no file is opened).

    ``pages`` yields ``(page number, page height, tables, unit lines)`` as
    :func:`~analyst_desk.core.library.table_facts.extract.facts_from_page_tables` takes them; ``texts`` are the
    page texts in page order (the first 80 are enough). The import then stores both in one go:
    ``FactStore.replace(doc_id, facts, sha256=..., fields=fields)``.
    """
    from analyst_desk.core.library.document_profile import document_fields, read_profile
    from analyst_desk.core.library.table_facts.extract import facts_from_page_tables

    head = list(texts[:80])
    profile = read_profile(head)
    period = (getattr(record, "period", "") if record is not None else "") or profile.period
    issuer = (getattr(record, "issuer", "") or getattr(record, "company", "") if record is not None else "") or \
        profile.issuer
    facts = facts_from_page_tables(pages, doc_id=doc_id, current_period=period,
                                   title=getattr(record, "title", "") if record is not None else "", issuer=issuer,
                                   fiscal_year_end=profile.fiscal_year_end, currency=profile.currency)
    return facts, document_fields(head, doc_id=doc_id)


def build_facts(folder: Path, record, chunks=None, *, cancel=None) -> int:
    """Extract and store the facts (and profile fields) of one library document; returns how many
    facts were stored.

    ``chunks`` (the document's passages) narrow the pages read to those with tables; without
    them every page is read.
    """
    from analyst_desk.core.pdf import open_pdf

    path = Path(record.path)
    store = FactStore(folder)
    try:
        if path.suffix.lower() != ".pdf" or not path.exists():
            store.replace(record.doc_id, [], sha256=record.sha256, fields=[])
            return 0
        started = time.perf_counter()
        pages = table_pages(chunks) if chunks is not None else None
        with open_pdf(path, max_pages=None) as doc:
            facts, fields = facts_and_fields(doc, doc_id=record.doc_id, pages=pages, record=record, cancel=cancel)
        store.replace(record.doc_id, facts, sha256=record.sha256, fields=fields)
        log.info("Facts of %s: %d facts, %d fields from %s pages in %.1f s", path.name, len(facts), len(fields),
                 len(pages) if pages is not None else "all", time.perf_counter() - started)
        return len(facts)
    finally:
        store.close()


def build_missing(library, *, rebuild: bool = False, cancel=None, on_document=None) -> dict[str, int]:
    """Build facts for the library's documents that have none yet (all of them with ``rebuild``).

    Facts of documents no longer in the library are dropped. Returns doc_id → facts stored.
    """
    store = FactStore(library.folder)
    try:
        records = library.documents()
        store.prune({r.doc_id for r in records})
        built = store.built()
    finally:
        store.close()
    counts: dict[str, int] = {}
    for record in records:
        if cancel is not None and cancel.cancelled:
            break
        if not rebuild and built.get(record.doc_id) == record.sha256:
            continue
        counts[record.doc_id] = build_facts(library.folder, record, library.chunks(record.doc_id), cancel=cancel)
        if on_document:
            on_document(record, counts[record.doc_id])
    return counts
