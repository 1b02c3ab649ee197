"""Facts of a library's documents, kept beside the library in one SQLite file (``facts.sqlite``).

SQLite because it is in the standard library, survives a killed process mid-write (a document's
facts are replaced in one transaction), and lets the GUI read while a CLI import writes. A document
is listed in ``documents`` once its facts are built — with zero facts if it has no tables — so
"not built yet" and "has no tables" are told apart.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path

from analyst_desk.core.library.labelled_fields import ProfileField
from analyst_desk.core.library.table_facts.model import Fact

FILE_NAME = "facts.sqlite"
#: 2: facts know their scope, currency, table kind and whether they are the document's primary
#: figure; profile fields (发行人, 保荐人 …) are stored beside them. A file of an older schema is
#: emptied on open, so every document's facts are rebuilt (``facts build``, or the next import).
SCHEMA_VERSION = 2

_COLUMNS = ["fact_id", "doc_id", "page", "row_label", "column", "value_text", "value", "unit", "kind", "period",
            "base_period", "heading", "title", "issuer", "bbox", "context", "table_no", "row_no", "col_no", "extra",
            "scope", "currency", "table_kind", "statement", "primary", "conflict", "in_report"]
_INTEGERS = {"page", "table_no", "row_no", "col_no", "primary", "in_report"}
_FIELD_COLUMNS = ["doc_id", "name", "value", "page", "label", "source_text", "amount", "unit", "determined"]


class FactStore:
    """Read and replace the facts of documents. Thread-safe (one connection, serialised)."""

    def __init__(self, folder: Path, *, read_only: bool | None = None) -> None:
        self.path = Path(folder) / FILE_NAME
        self._lock = threading.RLock()
        self._cache: dict[str, list[Fact]] = {}
        self._fields: dict[str, list[ProfileField]] = {}
        #: A shared library this process may not write (read-only folder): read its facts, never create them.
        # ``read_only=True``: a reader (ask, search, the panes) — it never creates or changes a file.
        self.read_only = read_only if read_only is not None else (
            self.path.parent.is_dir() and not os.access(self.path.parent, os.W_OK))
        if self.read_only:
            target = f"file:{self.path}?mode=ro" if self.path.exists() else "file::memory:"
            self._db = sqlite3.connect(target, uri=True, check_same_thread=False, timeout=30)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=30)
        self._db.row_factory = sqlite3.Row
        #: False for a file of an older schema a reader may not migrate: its facts (units read by the
        #: old rules, no scope or kind) are not handed out; the next writer drops them for a rebuild.
        self.current = True
        if self.read_only and self.path.exists():
            try:
                stored = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            except sqlite3.DatabaseError:
                stored = None
            self.current = stored is not None and stored[0] == str(SCHEMA_VERSION)
            return
        with self._lock, self._db:
            if not self.read_only:
                # A rollback journal, not WAL: a read-only reader of a WAL file would create its
                # -wal/-shm files, and readers must leave the library folder as they found it.
                self._db.execute("PRAGMA journal_mode=DELETE")
            self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            self._db.execute("CREATE TABLE IF NOT EXISTS documents (doc_id TEXT PRIMARY KEY, sha256 TEXT, "
                             "facts INTEGER, built_at TEXT)")
            stored = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if stored is not None and stored[0] != str(SCHEMA_VERSION):
                # Facts of an older schema lack scope, kind and primary: drop them so they are rebuilt.
                self._db.execute("DROP TABLE IF EXISTS facts")
                self._db.execute("DROP TABLE IF EXISTS fields")
                self._db.execute("DELETE FROM documents")
            columns = ", ".join(f'"{c}" INTEGER' if c in _INTEGERS else f'"{c}" TEXT' for c in _COLUMNS)
            self._db.execute(f"CREATE TABLE IF NOT EXISTS facts ({columns})")
            self._db.execute("CREATE INDEX IF NOT EXISTS facts_doc ON facts (doc_id)")
            field_columns = ", ".join(f'"{c}" INTEGER' if c in {"page", "determined"} else f'"{c}" TEXT'
                                      for c in _FIELD_COLUMNS)
            self._db.execute(f"CREATE TABLE IF NOT EXISTS fields ({field_columns})")
            self._db.execute("CREATE INDEX IF NOT EXISTS fields_doc ON fields (doc_id)")
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def replace(self, doc_id: str, facts: list[Fact], *, sha256: str = "",
                fields: list[ProfileField] | None = None) -> None:
        """Make ``facts`` (and, when given, the profile ``fields``) the document's, atomically.
        ``fields=None`` keeps the fields already stored."""
        rows = [tuple(f.to_row()[c] for c in _COLUMNS) for f in facts]
        marks = ", ".join("?" for _ in _COLUMNS)
        with self._lock, self._db:
            self._db.execute("DELETE FROM facts WHERE doc_id = ?", (doc_id,))
            self._db.executemany(f"INSERT INTO facts VALUES ({marks})", rows)
            if fields is not None:
                self._db.execute("DELETE FROM fields WHERE doc_id = ?", (doc_id,))
                field_marks = ", ".join("?" for _ in _FIELD_COLUMNS)
                self._db.executemany(f"INSERT INTO fields VALUES ({field_marks})",
                                     [tuple({**f.to_row(), "doc_id": doc_id}[c] for c in _FIELD_COLUMNS)
                                      for f in fields])
                self._fields.pop(doc_id, None)
            self._db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)",
                             (doc_id, sha256, len(facts), datetime.now(timezone.utc).isoformat(timespec="seconds")))
            self._cache.pop(doc_id, None)

    def remove(self, doc_id: str) -> None:
        with self._lock, self._db:
            self._db.execute("DELETE FROM facts WHERE doc_id = ?", (doc_id,))
            self._db.execute("DELETE FROM fields WHERE doc_id = ?", (doc_id,))
            self._fields.pop(doc_id, None)
            self._db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
            self._cache.pop(doc_id, None)

    def built(self) -> dict[str, str]:
        """doc_id → SHA-256 of the file the facts were built from, for every built document."""
        with self._lock:
            return {r["doc_id"]: r["sha256"] for r in self._db.execute("SELECT doc_id, sha256 FROM documents")}

    def prune(self, keep: set[str]) -> int:
        """Drop facts of documents no longer in the library; returns how many documents were dropped."""
        gone = [d for d in self.built() if d not in keep]
        for doc_id in gone:
            self.remove(doc_id)
        return len(gone)

    def facts(self, doc_id: str) -> list[Fact]:
        """All facts of one document, in page and table order (cached until replaced)."""
        with self._lock:
            if not self.current:
                return []
            if doc_id not in self._cache:
                rows = self._db.execute("SELECT * FROM facts WHERE doc_id = ? ORDER BY page, table_no, row_no, col_no",
                                        (doc_id,)).fetchall()
                self._cache[doc_id] = [Fact.from_row(dict(r)) for r in rows]
            return self._cache[doc_id]

    def fields(self, doc_id: str) -> list[ProfileField]:
        """The profile fields stored for one document (发行人, 保荐人, 注册资本 …), in page order."""
        with self._lock:
            if not self.current:
                return []
            if doc_id not in self._fields:
                try:
                    rows = self._db.execute("SELECT * FROM fields WHERE doc_id = ? ORDER BY page", (doc_id,)).fetchall()
                except sqlite3.OperationalError:  # a read-only file of an older schema
                    rows = []
                self._fields[doc_id] = [ProfileField.from_row(dict(r)) for r in rows]
            return self._fields[doc_id]

    def count(self, doc_id: str | None = None) -> int:
        with self._lock:
            if not self.current:
                return 0
            if doc_id:
                return self._db.execute("SELECT COUNT(*) FROM facts WHERE doc_id = ?", (doc_id,)).fetchone()[0]
            return self._db.execute("SELECT COUNT(*) FROM facts").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()
