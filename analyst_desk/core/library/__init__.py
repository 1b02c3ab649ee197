"""The document library: import reports into LanceDB and find anything in them, cited to the page."""

from analyst_desk.core.library.library import Library
from analyst_desk.core.library.library_set import LibrarySet, open_libraries
from analyst_desk.core.library.models import DocumentRecord, FileResult, ImportReport, SearchHit

__all__ = ["Library", "LibrarySet", "open_libraries", "SearchHit", "DocumentRecord", "ImportReport", "FileResult"]
