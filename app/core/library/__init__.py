"""The document library: import reports into LanceDB and find anything in them, cited to the page."""

from app.core.library.library import Library
from app.core.library.models import DocumentRecord, FileResult, ImportReport, SearchHit

__all__ = ["Library", "SearchHit", "DocumentRecord", "ImportReport", "FileResult"]
