"""The user's own library and, when configured, the department's shared one, used as one.

Where they live:

- the library this installation writes to: ``ANALYST_DESK_LIBRARY``, else the setting
  ``library_path``, else ``index/`` in the data folder. IT's scheduled import points this at the
  shared folder;
- a shared library searched read-only beside it: ``ANALYST_DESK_SHARED_LIBRARY``, else the setting
  ``shared_library_path`` (empty: none).

Imports and removals go to the own library; searches run over both and each hit says which library
it came from. The shared library is opened read-only: this process never recovers, rebuilds or
writes it, and it sees documents the administrator adds as soon as their catalogue entry is saved.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from analyst_desk.core import paths
from analyst_desk.core.errors import AppError
from analyst_desk.core.library.library import Library
from analyst_desk.core.library.models import DocumentRecord, ImportReport, SearchHit
from analyst_desk.core.library.writer_lock import LibraryReadOnlyError

log = logging.getLogger(__name__)

LIBRARY_ENV = "ANALYST_DESK_LIBRARY"
SHARED_LIBRARY_ENV = "ANALYST_DESK_SHARED_LIBRARY"
PERSONAL = "personal"
SHARED = "shared"


def own_library_folder(settings=None) -> Path:
    """The library this installation imports into."""
    chosen = os.environ.get(LIBRARY_ENV) or getattr(settings, "library_path", "")
    if chosen:
        return Path(chosen).expanduser()
    return paths.data_subdir("index")


def shared_library_folder(settings=None) -> Path | None:
    """The department library searched read-only beside the own one, if any is configured."""
    chosen = os.environ.get(SHARED_LIBRARY_ENV) or getattr(settings, "shared_library_path", "")
    return Path(chosen).expanduser() if chosen else None


def open_libraries(folder: Path | None = None, embedder=None, *, read_only: bool = False) -> "LibrarySet":
    """Open the own library (``folder`` if given) and the configured shared library.

    ``read_only`` (``ask``, ``search``, ``list``, ``draft``): the own library too is only read —
    no writer lock, no recovery, nothing written; a library not created yet reads as empty.

    A shared library that cannot be opened (share not mounted, different embedder) does not stop
    the own library from working: the problem is logged and kept in ``LibrarySet.problems``.
    """
    from analyst_desk.core.config import Settings

    settings = Settings.load()
    if embedder is None:
        from analyst_desk.core.library.embedders import embedder_from_settings

        embedder = embedder_from_settings(settings)
    own_folder = Path(folder) if folder else own_library_folder(settings)
    personal = Library(own_folder, embedder, name=PERSONAL, read_only=read_only, must_exist=False)
    shared, problems = None, []
    shared_folder = shared_library_folder(settings)
    if shared_folder is not None and not _same_folder(shared_folder, own_folder):
        try:
            shared = Library(shared_folder, embedder, read_only=True, name=SHARED)
        except AppError as exc:
            problems.append(f"Shared library not available: {exc}")
            log.warning("%s", problems[-1])
    return LibrarySet(personal, shared, problems)


class LibrarySet:
    """The own library plus an optional read-only shared library, with the Library's methods.

    Anything not defined here (new Library methods) goes to the own library.
    """

    def __init__(self, personal, shared=None, problems: list[str] | None = None) -> None:
        self.personal = personal
        self.shared = shared
        #: Messages for the user about a configured shared library that could not be opened.
        self.problems = list(problems or [])

    def __getattr__(self, name):
        return getattr(self.personal, name)

    @property
    def libraries(self) -> list:
        return [lib for lib in (self.personal, self.shared) if lib is not None]

    def search(self, query: str, *, k: int = 10, **filters) -> list[SearchHit]:
        """Both libraries' best passages merged by score; each hit's ``library`` names its source.

        Both libraries score with the same fused-rank formula and the same embedder, so their
        scores compare. A shared document the user also imported personally is shown once.
        """
        hits: list[SearchHit] = []
        duplicates = self._shared_duplicates()
        for library in self.libraries:
            for hit in library.search(query, k=k, **filters):
                if library is self.shared and hit.doc_id in duplicates:
                    continue
                hit.library = library.name
                hits.append(hit)
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:k]

    def documents(self) -> list[DocumentRecord]:
        records = self.personal.documents()
        if self.shared is not None:
            duplicates = self._shared_duplicates()
            records += [r for r in self.shared.documents() if r.status == "complete" and r.doc_id not in duplicates]
        return records

    def find_document(self, doc_id_or_path: str) -> DocumentRecord | None:
        for library in self.libraries:
            record = library.find_document(doc_id_or_path)
            if record is not None:
                return record
        return None

    def chunks(self, doc_id: str) -> list[SearchHit]:
        for library in self.libraries:
            if library.find_document(doc_id) is not None:
                hits = library.chunks(doc_id)
                for hit in hits:
                    hit.library = library.name
                return hits
        return []

    def remove(self, doc_id_or_path: str, **kwargs) -> bool:
        if self.personal.find_document(doc_id_or_path) is None and self.shared is not None \
                and self.shared.find_document(doc_id_or_path) is not None:
            raise LibraryReadOnlyError(code="library.shared_document", params={"name": doc_id_or_path})
        return self.personal.remove(doc_id_or_path, **kwargs)

    def add_paths(self, paths_in, **kwargs) -> ImportReport:
        return self.personal.add_paths(paths_in, **kwargs)

    def close(self) -> None:
        for library in self.libraries:
            library.close()

    def _shared_duplicates(self) -> set[str]:
        """Shared documents whose exact file (same content hash) is also in the own library."""
        if self.shared is None:
            return set()
        own = {r.sha256 for r in self.personal.documents()}
        return {r.doc_id for r in self.shared.documents() if r.sha256 in own}


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
