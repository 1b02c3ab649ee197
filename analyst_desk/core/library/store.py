"""The LanceDB side of the library: one ``chunks`` table with vectors and two full-text indexes.

- ``words``: the passage's jieba words (:mod:`tokenizer`), space-separated, indexed by LanceDB's
  BM25 full-text index with the whitespace tokenizer — the keyword ranking. Segmenting before
  indexing is what makes Chinese searchable by word; the index is Lance's own (kept with the
  table version, so a reader at the catalogue's version always sees the index of exactly those
  passages, and queries run in Rust without the interpreter lock).
- ``text``: an n-gram index (2–3 characters) for exact strings the segmenter splits differently.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pyarrow as pa

log = logging.getLogger(__name__)

TABLE = "chunks"
ANN_THRESHOLD = 20_000


def table_schema(dim: int) -> pa.Schema:
    """The chunks table's columns (the import builds its rows in this schema)."""
    import pyarrow as pa  # with lancedb, on first write: not on the window's start-up path

    return pa.schema([
        ("chunk_id", pa.string()), ("doc_id", pa.string()), ("ordinal", pa.int32()),
        ("text", pa.string()), ("vector", pa.list_(pa.float32(), dim)),
        ("page", pa.int32()), ("pages", pa.string()), ("heading", pa.string()), ("kind", pa.string()),
        ("bbox", pa.string()), ("title", pa.string()), ("path", pa.string()),
        ("doc_type", pa.string()), ("period", pa.string()), ("words", pa.string()),
    ])


#: Columns a search returns (everything but the vector, which would be converted row by row for nothing).
RESULT_COLUMNS = ["chunk_id", "doc_id", "ordinal", "text", "page", "pages", "heading", "kind", "bbox", "title",
                  "path", "doc_type", "period"]


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def where_clause(doc_ids=None, doc_type=None, period=None) -> str | None:
    parts = []
    if doc_ids:
        parts.append("doc_id IN (" + ", ".join(_quote(d) for d in doc_ids) + ")")
    if doc_type:
        parts.append(f"doc_type = {_quote(doc_type)}")
    if period:
        parts.append(f"period = {_quote(period)}")
    return " AND ".join(parts) or None


def import_lancedb():
    """``import lancedb``, without the package body of its REST namespace client.

    lancedb imports ``lance_namespace``, which needs only the client's ``models``; the client's
    package ``__init__`` also builds its REST API classes (~370 pydantic validators), a third to a
    half of lancedb's import time (0.7–1.7 s measured on a 2-core machine) that every ``index
    search`` and every start of the window paid for a server this app never talks to (a library is
    a folder). The package is registered without running its ``__init__``; its subpackages still
    import normally, so a namespace client that is asked for is still found.
    """
    import importlib.util
    import sys
    import types

    name = "lance_namespace_urllib3_client"
    if "lancedb" not in sys.modules and name not in sys.modules:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.submodule_search_locations:
            package = types.ModuleType(name)
            package.__path__ = list(spec.submodule_search_locations)
            package.__spec__ = spec
            sys.modules[name] = package
    import lancedb

    return lancedb


#: ``ChunkStore._opened`` before the shown table is first used.
_NOT_OPENED = object()


class ChunkStore:
    """Owns the LanceDB connection and one chunks table.

    Not thread-safe by itself, and takes no lock: the Library holds the writer lock around every
    write. A writer calls :meth:`to_latest` under that lock before writing; a reader calls
    :meth:`show` with the table and version the catalogue names. A read-only store refuses writes.
    """

    def __init__(self, location: Path | str, dimension: int, *, table: str = TABLE, read_only: bool = False,
                 storage_options: dict[str, str] | None = None) -> None:
        self.location = str(location)
        self.dimension = dimension
        self.table_name = table
        self.read_only = read_only
        uri = _lance_uri(self.location)
        # A reader of a library nothing was imported into yet opens nothing (connecting creates the folder).
        missing = read_only and "://" not in uri and not Path(uri).is_dir()
        self._uri, self._storage_options = (None if missing else uri), storage_options or None
        # LanceDB (and its import, ~0.5 s) only when passages are first read or written: listing the
        # documents is the catalogue's, so the window shows without it.
        self._connection = None
        self._opened, self._shown_version = _NOT_OPENED, None
        self._fts_dirty = False

    @property
    def _db(self):
        if self._connection is None and self._uri is not None:
            self._connection = import_lancedb().connect(self._uri, storage_options=self._storage_options)
        return self._connection

    @property
    def _table(self):
        """The table shown (None: none yet), opened at the version :meth:`show` named on first use."""
        if self._opened is _NOT_OPENED:
            table = self._db.open_table(self.table_name) if self.table_name in self._table_names() else None
            if table is not None and self._shown_version is not None and self._shown_version != table.version:
                table.checkout(self._shown_version)
            self._opened = table
        return self._opened

    @_table.setter
    def _table(self, table) -> None:
        self._opened = table

    def _table_names(self) -> list[str]:
        return [] if self._db is None else table_names(self._db)

    @property
    def table(self):
        if self._table is None:
            self._check_writable()
            # exist_ok: a table another process created since we looked is opened, not an error.
            self._table = self._db.create_table(self.table_name, schema=table_schema(self.dimension), exist_ok=True)
        return self._table

    @property
    def version(self) -> int | None:
        """The table version this store reads (None before the table exists)."""
        return None if self._table is None else int(self._table.version)

    @property
    def text_index_pending(self) -> bool:
        """True when passages were written and the full-text index not yet rebuilt."""
        return self._fts_dirty

    def to_latest(self) -> None:
        """Writers, under the writer lock: see every commit, including other processes'."""
        if self._table is None:
            if self.table_name in self._table_names():
                self._table = self._db.open_table(self.table_name)
        else:
            self._table.checkout_latest()

    def show(self, table: str, version: int | None) -> None:
        """Readers: read ``table`` at ``version`` (the catalogue's), or its latest version if None."""
        self.table_name = table
        self._opened, self._shown_version = _NOT_OPENED, version

    @property
    def has_words(self) -> bool:
        """False for a table written before the words column (the next writer migrates it)."""
        return self._table is not None and "words" in self._table.schema.names

    def restore(self, version: int) -> None:
        """Writers, under the writer lock: make ``version`` the latest again (undo uncommitted writes)."""
        self._check_writable()
        self.table.restore(version)

    def hide(self) -> None:
        """Readers: show no table (nothing committed yet)."""
        self._table = None

    def count(self) -> int:
        return 0 if self._table is None else self._table.count_rows()

    def add(self, rows: list[dict]) -> None:
        if rows:
            self._check_writable()
            self.table.add(rows)
            self._fts_dirty = True

    def delete_doc(self, doc_id: str) -> None:
        if self._table is not None:
            self._check_writable()
            self._table.delete(f"doc_id = {_quote(doc_id)}")
            self._fts_dirty = True

    def doc_ids(self) -> set[str]:
        """Every document that has passages in the table."""
        if self._table is None or not self.count():
            return set()
        return set(self._table.to_arrow().column("doc_id").unique().to_pylist())

    def delete_all_except(self, keep: set[str]) -> int:
        """Remove chunks of documents not in ``keep`` (left behind by an interrupted import)."""
        orphans = self.doc_ids() - keep
        for doc_id in orphans:
            self.delete_doc(doc_id)
        return len(orphans)

    def mark_text_index_stale(self) -> None:
        """Another writer left the full-text index behind the table: rebuild it on the next finish."""
        self._fts_dirty = True

    def finish_writes(self) -> None:
        """Rebuild the full-text index after a batch of writes, and add an ANN index once the table is large."""
        if self._table is None or not self._fts_dirty:
            return
        self._check_writable()
        from lancedb.index import FTS

        self._table.create_index("text", config=FTS(base_tokenizer="ngram", ngram_min_length=2,
                                                      ngram_max_length=3, lower_case=True, ascii_folding=True),
                                 replace=True)
        if self.has_words:  # already lower-cased and segmented: the index only splits on spaces
            self._table.create_index("words", config=FTS(base_tokenizer="whitespace", lower_case=False, stem=False,
                                                           remove_stop_words=False, ascii_folding=False,
                                                           max_token_length=None), replace=True)
        rows = self.count()
        if rows >= ANN_THRESHOLD and not any(getattr(i, "index_type", "").startswith("IVF")
                                             for i in self._table.list_indices()):
            log.info("Building ANN index over %d chunks", rows)
            self._table.create_index(metric="cosine", vector_column_name="vector", index_type="IVF_PQ",
                                     num_partitions=max(16, int(rows ** 0.5) // 2),
                                     num_sub_vectors=self.dimension // 16)
        self._fts_dirty = False

    def _check_writable(self) -> None:
        if self.read_only:
            from analyst_desk.core.library.writer_lock import LibraryReadOnlyError

            raise LibraryReadOnlyError(code="library.store_read_only")

    def vector_search(self, vector: np.ndarray, k: int, where: str | None) -> list[dict]:
        if self._table is None or not self.count():
            return []
        query = self._table.search(vector.astype(np.float32), vector_column_name="vector").metric("cosine")
        if where:
            query = query.where(where, prefilter=True)
        return query.select([*RESULT_COLUMNS, "_distance"]).limit(k).to_list()

    def text_search(self, text: str, k: int, where: str | None) -> list[dict]:
        if self._table is None or not self.count() or not text.strip():
            return []
        query = self._table.search(text, query_type="fts", fts_columns="text")
        if where:
            query = query.where(where, prefilter=True)
        try:
            return query.select([*RESULT_COLUMNS, "_score"]).limit(k).to_list()
        except (ValueError, RuntimeError, OSError) as exc:  # e.g. no text index yet; vector search still answers
            log.warning("Full-text search failed: %s", exc)
            return []

    def words_search(self, words: list[str], k: int, where: str | None) -> list[dict]:
        """BM25 over the passages' words (any of ``words``), best first; [] before the words index exists."""
        if self._table is None or not words or not self.has_words or not self.count():
            return []
        query = self._table.search(" ".join(dict.fromkeys(words)), query_type="fts", fts_columns="words")
        if where:
            query = query.where(where, prefilter=True)
        try:
            return query.select([*RESULT_COLUMNS, "_score"]).limit(k).to_list()
        except (ValueError, RuntimeError, OSError) as exc:  # no words index yet: the other evidence still answers
            log.warning("Word search failed: %s", exc)
            return []

    def rows_by_id(self, chunk_ids: list[str]) -> list[dict]:
        """Passages by id, in no particular order (those another ranking found)."""
        if self._table is None or not chunk_ids:
            return []
        where = "chunk_id IN (" + ", ".join(_quote(c) for c in chunk_ids) + ")"
        return self._table.search().where(where).select(RESULT_COLUMNS).limit(len(chunk_ids)).to_list()

    def doc_chunks(self, doc_id: str) -> list[dict]:
        if self._table is None:
            return []
        rows = self._table.search().where(f"doc_id = {_quote(doc_id)}").limit(1_000_000).to_list()
        return sorted(rows, key=lambda r: r["ordinal"])

    def all_rows(self) -> list[dict]:
        return [] if self._table is None else self._table.to_arrow().to_pylist()

    def drop(self) -> None:
        self._check_writable()
        if self.table_name in self._table_names():
            self._db.drop_table(self.table_name)
        self._table = None

    def drop_other_tables(self) -> list[str]:
        """Drop chunk tables other than this one (left by a re-embedding that was interrupted or replaced)."""
        self._check_writable()
        others = [name for name in self._table_names() if name.startswith(TABLE) and name != self.table_name]
        for name in others:
            self._db.drop_table(name)
        return others


def table_names(db) -> list[str]:
    """Table names across lancedb versions (``list_tables`` replaced ``table_names``)."""
    result = db.list_tables() if hasattr(db, "list_tables") else db.table_names()
    return list(getattr(result, "tables", result))


def _lance_uri(location: str) -> str:
    """A folder holds its tables in ``lance/``; an object-store URI (s3://...) is used as given."""
    return location if "://" in location else str(Path(location) / "lance")


def decode_bbox(value: str | None):
    if not value:
        return None
    data = json.loads(value)
    return tuple(data) if data else None
