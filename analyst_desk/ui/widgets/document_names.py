"""The names the window shows for documents: one lookup for every pane (sources, captions, combos)."""

from __future__ import annotations

import logging

from analyst_desk.core.errors import AppError
from analyst_desk.core.library.display_title import record_title
from analyst_desk.ui import i18n

log = logging.getLogger(__name__)


def document_titles(services) -> dict[str, str]:
    """``doc_id`` → display title (issuer · report type · period) of every document in the library."""
    try:
        return {r.doc_id: record_title(r, i18n.language()) for r in services.library().documents()}
    except AppError:
        log.warning("Document titles could not be read from the library", exc_info=True)
        return {}


def title_of(services, item, cache: dict[str, str] | None = None) -> str:
    """The display title of a hit's or source's document (``item.doc_id``). A document the library no
    longer lists is named from what the item carries, through the same rules: its stored title is the
    PDF's metadata ("Microsoft Word - 1-1 招股意向书.doc"), used only when it is a real title, else the file name."""
    titles = cache if cache is not None else document_titles(services)
    doc_id = getattr(item, "doc_id", "")
    if doc_id and doc_id not in titles and cache is not None:
        cache.update(document_titles(services))
    return titles.get(doc_id) or record_title(item, i18n.language())
