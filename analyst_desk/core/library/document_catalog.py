"""The library's catalogue file, ``documents.json``: every document's record plus the state a
reader needs to see a consistent library.

Besides the records it names the LanceDB table and the table version that holds exactly the
passages of the complete documents (a reader checks out that version, so it never sees half of a
document another process is still writing), the embedder the vectors came from, and whether the
full-text index lags behind the table (a writer that died before rebuilding it leaves that flag
for the next writer).

The file is replaced atomically, so a reader sees the old or the new catalogue, never half of one.
Each replacement is a new file, so a changed (inode, size, mtime) signature means "reload". Network
file systems may keep coarse modification times and unstable inode numbers, so a file loaded within
a few seconds of its last change is read again on the next check (git's "racy timestamp" rule).
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from analyst_desk.core import fileio
from analyst_desk.core.library.models import DocumentRecord

log = logging.getLogger(__name__)

CATALOG_FILE = "documents.json"
FORMAT = 2
DEFAULT_TABLE = "chunks"
#: A file changed less than this long before it was read may change again unseen by its signature.
_RACY_SECONDS = 3.0
#: Set on records when they are handed out; not stored (the folder, not the record, says which library).
_NOT_STORED = {"library"}


@dataclass
class CatalogState:
    """What the catalogue says about the LanceDB side."""

    table: str = DEFAULT_TABLE
    #: Table version with exactly the complete documents' passages; None in catalogues written before format 2.
    table_version: int | None = None
    embedder: str = ""
    dimension: int = 0
    text_index_stale: bool = False


class DocumentCatalog:
    """Reads and atomically writes ``documents.json``. Not thread-safe: the Library serialises use."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / CATALOG_FILE
        self.records: dict[str, DocumentRecord] = {}
        self.state = CatalogState()
        self._signature: tuple | None = None
        self._racy_until = 0.0
        #: False when the last load found a file it could not parse (a writer then starts afresh).
        self.readable = True

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def changed(self) -> bool:
        """True when the file on disk may not be the one last loaded or saved here (one ``stat``)."""
        if self._racy_until and time.time() < self._racy_until + _RACY_SECONDS:
            return True
        return _signature(self.path) != self._signature

    def load(self, *, keep_on_error: bool = False) -> None:
        """Replace the in-memory catalogue with the file's. A missing file is an empty library.

        ``keep_on_error`` (readers): an unreadable file leaves the catalogue as it was, and the next
        check reads again; a writer starts from an empty catalogue instead.
        """
        self._signature = _signature(self.path)
        self._racy_until = 0.0
        if self._signature is not None and time.time() - self._signature[2] / 1e9 < _RACY_SECONDS:
            self._racy_until = time.time()
        self.readable = True
        if self._signature is None:
            self.records, self.state = {}, CatalogState()
            return
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(raw, list):  # format 1: a bare list of records
                documents, state = raw, CatalogState()
            else:
                known = {f.name for f in fields(CatalogState)}
                state = CatalogState(**{k: v for k, v in raw.items() if k in known})
                documents = raw["documents"]
            self.records = {r["doc_id"]: DocumentRecord(**r) for r in documents}
            self.state = state
        except (OSError, ValueError, TypeError, KeyError) as exc:
            self.readable = False
            if keep_on_error:
                log.warning("Library catalogue %s unreadable (%s); keeping the last one read", self.path, exc)
                self._signature = None
                return
            log.error("Library catalogue %s unreadable (%s); starting from an empty catalogue", self.path, exc)
            self.records, self.state = {}, CatalogState()

    def save(self) -> None:
        """Write the catalogue atomically (temporary file, fsync, rename)."""
        documents = [{k: v for k, v in asdict(r).items() if k not in _NOT_STORED} for r in self.records.values()]
        data = {"format": FORMAT, **asdict(self.state), "documents": documents}
        write_json_atomically(self.path, data)
        self._signature = _signature(self.path)
        self._racy_until = 0.0  # this process wrote it: it knows what is in it
        self.readable = True


def write_json_atomically(path: Path, data) -> None:
    """Readers never see half a file: :func:`analyst_desk.core.fileio.atomic_write_json` (a temporary
    file in the same folder, fsync, one rename with the Windows retry)."""
    fileio.atomic_write_json(path, data)


def _signature(path: Path) -> tuple | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns
