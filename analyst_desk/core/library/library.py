"""The user's document library: import, incremental update, removal and hybrid search."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from analyst_desk.core.cancel import NEVER, CancelToken
from analyst_desk.core.cjk import has_cjk
from analyst_desk.core.errors import AppError, CancelledError, InputFileError
from analyst_desk.core.library.chunking import Chunk, chunk_document, describe_document
from analyst_desk.core.library.document_catalog import CATALOG_FILE, DocumentCatalog, write_json_atomically
from analyst_desk.core.library.document_profile import REPORT_TYPES
from analyst_desk.core.library.glossary import translations
from analyst_desk.core.library.ingest import Ingest, StageSeconds
from analyst_desk.core.library.loaders import SUPPORTED_SUFFIXES
from analyst_desk.core.library.models import DocumentRecord, FileResult, ImportReport, SearchHit
from analyst_desk.core.library.query_profile import QueryProfile, parse_query
from analyst_desk.core.library.ranking import (
    DEFINITION_DEPTH,
    WEIGHTS,
    candidate_documents,
    definition_factor,
    fuse,
    issuer_names,
    keyword_query,
    period_documents,
    search_texts,
    spread_over_pages,
    vector_weight,
)
from analyst_desk.core.library.sections import forget_section_map, index_sections
from analyst_desk.core.library.store import TABLE, ChunkStore, decode_bbox, where_clause
from analyst_desk.core.library.writer_lock import DEFAULT_TIMEOUT, LibraryBusyError, LibraryReadOnlyError, WriterLock
from analyst_desk.core.progress import Progress, no_progress

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_EMBED_BATCH = 128
#: Rows per LanceDB commit when storing one document's passages.
WRITE_BATCH = 2000


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def doc_id_for(path: Path) -> str:
    """Stable per file location: re-importing a changed file replaces the same document."""
    return hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:16]


class LibraryUnavailableError(AppError):
    """A library folder to read (a shared one) is missing, unreachable or not a library."""

    kind = "library"


class Library:
    """A LanceDB index of documents plus a JSON catalogue of document records.

    Crash safety: the catalogue is the commit point. A document's passages, words and facts are
    written under the writer lock, then the catalogue is saved once, naming the table version that
    holds them. A kill before that save leaves writes the catalogue does not name: the next writer
    rolls the table back to the catalogue's version and drops words and facts of documents (or
    versions of them) the catalogue does not list as complete, so catalogue, LanceDB and facts never
    disagree, a killed import leaves no half document and re-importing adds no duplicates.

    Several processes may open one library (the window, the CLI, a scheduled import). Every write
    holds the library's writer lock (:mod:`writer_lock`) and starts from the catalogue on disk, so
    no process overwrites another's records; recovery runs only under that lock, when no other
    writer can be mid-import, so it never removes a document another process finished. Between
    writes, every query first reloads the catalogue if the file changed and reads the table
    version the catalogue names, so new documents appear without restarting and half-written
    ones never do.

    ``read_only`` opens a library for reading (a shared one, or the own one for ``ask``/``search``):
    no writer lock, no recovery, no index rebuild, no writes; a missing catalogue is an error only
    with ``must_exist`` (a shared library), otherwise an empty library. A writable library too
    leaves recovery to its first write: opening never changes the folder.

    Threading: all methods may be called from any thread.
    """

    def __init__(self, folder: Path, embedder, *, read_only: bool = False, name: str = "",
                 lock_timeout: float = DEFAULT_TIMEOUT, must_exist: bool | None = None) -> None:
        self.folder = Path(folder)
        self.read_only = read_only
        #: Label on hits and records when several libraries are searched together.
        self.name = name
        #: Seconds a write waits for another process's write before giving up (0: refuse at once).
        self.lock_timeout = lock_timeout
        if read_only and (must_exist if must_exist is not None else True) and not (self.folder / CATALOG_FILE).is_file():
            raise LibraryUnavailableError(code="library.not_found", params={"folder": str(self.folder)})
        if not read_only:
            self.folder.mkdir(parents=True, exist_ok=True)
        self.embedder = embedder
        self._lock = threading.RLock()
        self._meta_path = self.folder / "meta.json"
        self._writer = WriterLock(self.folder)
        self._catalog = DocumentCatalog(self.folder)
        self._catalog.load()
        state = self._catalog.state
        self.store = ChunkStore(self.folder, embedder.dimension, table=state.table, read_only=read_only)
        self._show_committed()
        #: Seconds per import stage, summed over this library's imports (bench/library.py prints them).
        self.stage_seconds = StageSeconds()
        #: Page reads and OCR calls of the last import batch (the counting test).
        self.last_reading = None
        #: Digests already computed in this batch: the next file is hashed to decide whether to read it
        #: ahead, and again when its turn comes (see :meth:`_sha256`).
        self._digests: dict[tuple, str] = {}
        self._check_embedder()

    # -- catalogue -------------------------------------------------------------------------
    @property
    def _records(self) -> dict[str, DocumentRecord]:
        return self._catalog.records

    def _refresh(self) -> None:
        """See other processes' changes: reload the catalogue when its file changed (one stat)."""
        with self._lock:
            if self._writer.held or not self._catalog.changed():
                return
            self._catalog.load(keep_on_error=True)  # reads go on from the last good catalogue
            self._check_recorded_embedder()
            self._show_committed()

    def _show_committed(self) -> None:
        """Read the table version the catalogue names; without a catalogue nothing was committed yet
        (a first import killed before its catalogue save), so no passage is shown."""
        state = self._catalog.state
        if self._catalog.exists:
            self.store.show(state.table, state.table_version)
        else:
            self.store.hide()

    @contextmanager
    def _writing(self, action: str, *, on_wait=None, cancel: CancelToken | None = None,
                 timeout: float | None = None):
        """Hold the writer lock and start from the library as it is on disk.

        The outermost hold reloads the catalogue, moves the table to its latest version and rolls
        back what a dead writer left uncommitted (safe: a live writer would be holding the lock).
        """
        if self.read_only:
            raise LibraryReadOnlyError(code="library.shared_read_only", params={"folder": str(self.folder)})
        with self._writer.hold(action, timeout=self.lock_timeout if timeout is None else timeout,
                               on_wait=on_wait or _log_wait, cancelled=(lambda: cancel.cancelled) if cancel else None):
            with self._lock:
                if self._writer.outermost:
                    self._catalog.load()
                    self._check_recorded_embedder()
                    if self.store.table_name != self._catalog.state.table:
                        self.store.show(self._catalog.state.table, None)
                    self.store.to_latest()
                    if self._catalog.state.text_index_stale:
                        self.store.mark_text_index_stale()
                    self._recover()
                yield

    def _commit_catalog(self) -> None:
        """Save the records with the table version holding exactly their passages (writer lock held)."""
        state = self._catalog.state
        state.table, state.table_version = self.store.table_name, self.store.version
        state.embedder, state.dimension = self.embedder.identity, self.embedder.dimension
        state.text_index_stale = self.store.text_index_pending
        self._catalog.save()
        meta = {"schema_version": SCHEMA_VERSION, "embedder": self.embedder.identity,
                "dimension": self.embedder.dimension}
        if self._read_meta() != meta:
            write_json_atomically(self._meta_path, meta)

    def _read_meta(self) -> dict:
        try:
            return json.loads(self._meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _recorded_embedder(self) -> tuple[str, int]:
        """The embedder the stored vectors came from ("" for a library with no vectors yet)."""
        state = self._catalog.state
        if state.embedder:
            return state.embedder, state.dimension
        meta = self._read_meta()  # catalogues written before format 2 keep it only in meta.json
        return meta.get("embedder", ""), meta.get("dimension", 0)

    def _embedder_matches(self) -> bool:
        identity, dimension = self._recorded_embedder()
        return not identity or (identity, dimension) == (self.embedder.identity, self.embedder.dimension)

    def _check_recorded_embedder(self) -> None:
        """After another process re-embedded the library, this process's vectors would not match."""
        if not self._embedder_matches():
            identity, _ = self._recorded_embedder()
            raise LibraryUnavailableError(code="library.other_embedder", params={
                "folder": str(self.folder), "recorded": identity, "current": self.embedder.identity})

    def _check_embedder(self) -> None:
        if self._embedder_matches():
            return
        if self.read_only:
            self._check_recorded_embedder()
        identity, _ = self._recorded_embedder()
        log.info("Embedder changed from %s to %s: re-embedding the library", identity, self.embedder.identity)
        self._reembed()

    def _reembed(self) -> None:
        """Vector spaces never mix: recompute every vector with the new embedder from stored text."""
        with self._writer.hold("re-embed the library", timeout=self.lock_timeout, on_wait=_log_wait), self._lock:
            self._catalog.load()
            if self._embedder_matches():
                return  # another process re-embedded it while this one waited
            self._rebuild_table()

    def _rebuild_table(self) -> None:
        """Copy the passages into a new table (writer lock held): vectors recomputed when the
        embedder changed, words added when the table predates them.

        The catalogue switches to the new table in one atomic write, so a kill mid-way leaves the
        old table in use (the next writer drops the unfinished one).
        """
        from analyst_desk.core.library.tokenizer import tokenize

        state = self._catalog.state
        reembed = not self._embedder_matches()
        old = ChunkStore(self.folder, self._recorded_embedder()[1] or self.embedder.dimension, table=state.table)
        old.show(state.table, state.table_version)
        rows = old.all_rows()
        log.info("Rebuilding the passage table (%d passages%s)", len(rows), ", new embedder" if reembed else "")
        new = ChunkStore(self.folder, self.embedder.dimension, table=f"{TABLE}_{time.time_ns()}")
        for start in range(0, len(rows), _EMBED_BATCH):
            batch = rows[start:start + _EMBED_BATCH]
            if reembed:
                vectors = self.embedder.embed([_embed_text(r["heading"], r["text"], r["kind"]) for r in batch])
                for row, vector in zip(batch, vectors):
                    row["vector"] = vector.tolist()
            for row in batch:
                if not row.get("words"):
                    row["words"] = " ".join(tokenize(_keyword_text(row["heading"], row["text"])))
            new.add(batch)
        new.finish_writes()
        self.store = new
        self._commit_catalog()  # the switch
        new.drop_other_tables()

    def _facts(self):
        """The library's fact store (``facts.sqlite``), written only here, under the writer lock."""
        from analyst_desk.core.library.table_facts.store import FactStore

        return FactStore(self.folder)

    def _recover(self) -> None:
        """Undo what a dead writer left uncommitted (writer lock held; the outermost hold only).

        - the table is rolled back to the version the catalogue names (passages written after the
          last catalogue save belong to no committed document);
        - records a writer of an older version left "importing"/"removing" are removed;
        - words and facts of documents the catalogue does not list as complete, or built from
          another version of the file than the catalogue's, are dropped;
        - re-embedding tables never switched to are dropped.
        """
        state = self._catalog.state
        changed = False
        if state.table_version is not None and self.store.version is not None \
                and self.store.version != state.table_version:
            log.warning("Recovered from an interrupted write: table %s back from version %s to %s",
                        self.store.table_name, self.store.version, state.table_version)
            self.store.restore(state.table_version)
        stale = [r for r in self._records.values() if r.status != "complete"]
        for record in stale:
            self.store.delete_doc(record.doc_id)
            del self._records[record.doc_id]
            changed = True
        if stale:
            log.warning("Recovered from an interrupted import: removed %d partial documents (%s)", len(stale),
                        ", ".join(r.title for r in stale))
        complete = {d: r.sha256 for d, r in self._records.items()}
        if state.table_version is None and self._catalog.readable and self.store.delete_all_except(set(complete)):
            changed = True  # a catalogue from before format 2 names no version: drop unlisted passages
        _remove_old_keyword_files(self.folder)
        facts = self._facts()
        try:
            for doc_id, source in facts.built().items():
                if complete.get(doc_id) != source:
                    facts.remove(doc_id)
        finally:
            facts.close()
        if self.store.table_name == state.table and self.store.drop_other_tables():
            log.warning("Dropped unfinished re-embedding tables")
        if changed:
            self.store.finish_writes()
            self._commit_catalog()
        if self.store.version is not None and not self.store.has_words:
            self._rebuild_table()  # a library from before the words column gets it (and its index) now

    def recover(self, *, on_wait=None) -> None:
        """Undo what a killed writer left uncommitted now (every write does this first anyway)."""
        with self._writing("recover after an interrupted write", on_wait=on_wait):
            pass

    # -- queries ---------------------------------------------------------------------------
    def documents(self) -> list[DocumentRecord]:
        self._refresh()
        with self._lock:
            records = sorted(self._records.values(), key=lambda r: r.imported_at)
            for record in records:
                record.library = self.name
            return records

    def find_document(self, doc_id_or_path: str) -> DocumentRecord | None:
        self._refresh()
        with self._lock:
            record = self._find_record(doc_id_or_path)
            if record is not None:
                record.library = self.name
            return record

    def _find_record(self, doc_id_or_path: str) -> DocumentRecord | None:
        if doc_id_or_path in self._records:
            return self._records[doc_id_or_path]
        target = Path(doc_id_or_path)
        if target.exists():
            return self._records.get(doc_id_for(target))
        matches = [r for r in self._records.values()
                   if doc_id_or_path in (r.title, Path(r.path).name) or r.doc_id.startswith(doc_id_or_path)]
        return matches[0] if len(matches) == 1 else None

    def search(self, query: str, *, k: int = 10, doc_ids: list[str] | None = None, doc_type: str | None = None,
               period: str | None = None, profile: QueryProfile | None = None) -> list[SearchHit]:
        """Passages for ``query``, best first, at most one per page until every candidate page has one.

        The question's issuer narrows the search to that issuer's documents; jieba-word BM25 over
        passages and pages, vector similarity and the n-gram index are fused by rank (see
        :mod:`analyst_desk.core.library.ranking`, where the weights and why are).
        """
        query = query.strip()
        if not query:
            return []
        self._refresh()  # see documents other processes added since the last query
        with self._lock:
            records = [r for r in self._records.values() if r.status == "complete"]
        if not records:
            return []
        # ``profile``: the question as the caller already read it (Ask reads each question once).
        profile = profile or parse_query(query, issuer_names(records))
        allowed = candidate_documents(records, profile, doc_ids, doc_type, period)
        if allowed is None and len(records) != len(self._records):
            allowed = [r.doc_id for r in records]  # a record an older writer left unfinished is never searched
        if allowed is not None and not allowed:
            return []
        where = where_clause(sorted(allowed)) if allowed is not None else None
        terms = translations(query)
        pool = max(k * 4, 40)
        words = keyword_query(profile)
        with self._lock:
            vector_text, ngram_texts = search_texts(profile, terms)
            vector_rows = []
            if vector_weight(profile):
                vector_rows = self.store.vector_search(self.embedder.embed([vector_text])[0], pool, where)
            ngram_runs = [self.store.text_search(text, pool, where) for text in ngram_texts] if WEIGHTS["ngram"] else []
            # A long list of word matches lets rank fusion see deep evidence (LanceDB ranks them in Rust).
            word_rows = self.store.words_search(words, pool * 5, where)
        rows = {row["chunk_id"]: row for run in [word_rows, vector_rows, *ngram_runs] for row in run}

        def page_of(chunk_id: str):
            row = rows.get(chunk_id)
            return (row["doc_id"], int(row["page"])) if row else None

        scores = fuse([r["chunk_id"] for r in word_rows], [],
                      [r["chunk_id"] for r in vector_rows], [[r["chunk_id"] for r in run] for run in ngram_runs],
                      weights={**WEIGHTS, "vector": vector_weight(profile)}, boosted=period_documents(records, profile),
                      doc_of=lambda chunk_id: (page_of(chunk_id) or ("", 0))[0])
        ranked = [c for c in sorted(scores, key=lambda c: (-scores[c], c)) if page_of(c) is not None]
        head = ranked[:max(DEFINITION_DEPTH, k)]
        with self._lock:
            rows.update({row["chunk_id"]: row for row in self.store.rows_by_id([c for c in head if c not in rows])})
        literal = " ".join(query.lower().split()) if profile.language == "en" and len(query.split()) <= 6 else ""
        for chunk_id in head:
            if chunk_id in rows:
                scores[chunk_id] *= definition_factor(rows[chunk_id]["text"], profile)
                # A short English query printed word for word in a passage beats its glossary translation
                # matched in a Chinese table ("cost-to-income ratio" vs 成本收入比; "record 777" vs 777 elsewhere).
                if literal and literal in " ".join(rows[chunk_id]["text"].lower().split()):
                    scores[chunk_id] *= 2.0
        head.sort(key=lambda c: (-scores[c], c))
        best = spread_over_pages(head + ranked[len(head):], page_of, k)
        missing = [c for c in best if c not in rows]
        with self._lock:
            rows.update({row["chunk_id"]: row for row in self.store.rows_by_id(missing)})
        return [_hit(rows[c], scores[c]) for c in best if c in rows]

    def set_profile(self, doc_id_or_path: str, *, issuer: str | None = None, report_type: str | None = None,
                    period: str | None = None, on_wait=None) -> DocumentRecord:
        """Correct what a document's pages were read as; kept across restarts and re-reads.

        ``period``: "2024", "2024H1", "2024Q1", "2024Q3" or "" (unknown); ``report_type``: one of
        :data:`REPORT_TYPES`. Searches narrow by the new issuer and period at once.
        """
        if report_type is not None and report_type not in REPORT_TYPES:
            raise AppError(code="library.unknown_report_type",
                           params={"report_type": report_type, "choices": ", ".join(REPORT_TYPES)})
        if period is not None and period and not re.fullmatch(r"(19|20)\d{2}(H1|Q[1-4])?", period.strip()):
            raise AppError(code="library.bad_period", params={"period": period})
        with self._writing("edit a document's profile", on_wait=on_wait):
            record = self._find_record(doc_id_or_path)
            if record is None:
                raise AppError(code="library.no_document", params={"name": doc_id_or_path})
            if issuer is not None:
                record.company = issuer.strip()
            if report_type is not None:
                record.doc_type = report_type
            if period is not None:
                record.period = period.strip()
            record.profile_source = "user"
            self._commit_catalog()
            return record

    def mentions(self, term: str, *, k: int = 30) -> list[str]:
        """Documents with a passage that holds ``term`` as written (spaces aside), from the full-text index's
        best ``k`` passages for it — whether the library ever names a company a question asks about."""
        wanted = re.sub(r"\s+", "", term)
        if not wanted:
            return []
        self._refresh()
        with self._lock:
            rows = self.store.text_search(term, k, None)
        return list(dict.fromkeys(r["doc_id"] for r in rows if wanted in re.sub(r"\s+", "", r.get("text") or "")))

    def chunks(self, doc_id: str) -> list[SearchHit]:
        self._refresh()
        with self._lock:
            return [_hit(row, 0.0) for row in self.store.doc_chunks(doc_id)]

    # -- changes ---------------------------------------------------------------------------
    def remove(self, doc_id_or_path: str, *, on_wait=None) -> bool:
        """Remove a document and its passages; False when the library has no such document."""
        with self._writing("remove a document", on_wait=on_wait):
            record = self._find_record(doc_id_or_path)
            if record is None:
                return False
            self.store.delete_doc(record.doc_id)
            del self._records[record.doc_id]
            self._commit_catalog()  # the commit point: a kill after it leaves only facts no record names
            facts = self._facts()
            try:
                facts.remove(record.doc_id)
            finally:
                facts.close()
            forget_section_map(self.folder, record.doc_id)  # its headings do not stay behind on disk
            self.store.finish_writes()
            self._commit_catalog()
            return True

    def add_paths(self, paths_in: list[Path | str], *, progress=None, cancel: CancelToken | None = None,
                  on_wait=None) -> ImportReport:
        """Import files and folders. Each file gets its own status; one bad file never stops the batch.

        Files are read and embedded without the writer lock; each document's write waits for
        another process's write to finish (``on_wait`` and the progress description say so) up to
        ``lock_timeout``, after which this file and the rest are reported "busy".
        """
        progress = progress or no_progress
        cancel = cancel or NEVER
        files = expand_paths([Path(p) for p in paths_in])
        report = ImportReport()
        state = Progress(total=len(files), description="", counters={"pages": 0, "chunks": 0, "files": 0})
        if self.read_only:
            raise LibraryReadOnlyError(code="library.read_only", params={"folder": str(self.folder)})
        if self.store.version is not None and not self.store.has_words:
            with self._writing("add the search words to an older library", on_wait=on_wait, cancel=cancel):
                pass  # the outermost hold's recovery rebuilds the table with its words column
        ingest = Ingest()
        try:
            for index, path in enumerate(files):
                if cancel.cancelled:
                    report.results.extend(FileResult(str(p), "cancelled", f"{p.name}: not imported (cancelled).",
                                                     code="import.cancelled", params={"name": p.name})
                                          for p in files[index:])
                    break
                state.description = path.name
                progress(state)
                try:
                    result = self._import_one(path, state, progress, cancel, on_wait, ingest,
                                              last=index == len(files) - 1,
                                              following=files[index + 1] if index + 1 < len(files) else None)
                except (LibraryBusyError, LibraryReadOnlyError) as exc:
                    report.results.extend(FileResult(str(p), "busy", f"{p.name}: not imported. {exc}",
                                                     code=exc.code or "library.busy", params=exc.params)
                                          for p in files[index:])
                    break
                report.results.append(result)
                state.done = index + 1
                state.counters["files"] = index + 1
                progress(state)
        finally:
            ingest.close()
            self.stage_seconds.add(ingest.seconds)
            self.last_reading = ingest.reading
            self._finish_pending_writes(on_wait)
        return report

    def _needs_import(self, path: Path) -> bool:
        """Whether ``path`` is new or changed since it was imported (as this process last saw the catalogue)."""
        try:
            existing = self._records.get(doc_id_for(path))
            return not (existing and existing.status == "complete" and existing.sha256 == self._sha256(path))
        except OSError:
            return False  # its own turn reports it

    def _sha256(self, path: Path) -> str:
        """The file's digest, read once while the file keeps its size and modification time."""
        stat = path.stat()
        key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
        if key not in self._digests:
            self._digests = {key: file_sha256(path)}  # only the file just looked at is asked again
        return self._digests[key]

    def _finish_pending_writes(self, on_wait=None) -> None:
        """Rebuild the full-text index once per batch. If another writer keeps the lock too long,
        the catalogue's stale flag leaves the rebuild to the next writer."""
        if self.read_only or not self.store.text_index_pending:
            return
        try:
            with self._writing("rebuild the search index", on_wait=on_wait):
                self.store.finish_writes()
                self._commit_catalog()
        except LibraryBusyError as exc:
            log.warning("Search index not rebuilt now (%s); the next import rebuilds it", exc)

    def _import_one(self, path: Path, state: Progress, progress, cancel: CancelToken, on_wait=None,
                    ingest: Ingest | None = None, last: bool = True, following: Path | None = None) -> FileResult:
        """Read, chunk, find facts and embed without the lock; write everything under it in one go.

        The catalogue is saved once per file, at the end (the commit point); the last file of a
        batch also rebuilds the full-text index before that save. Once this file's pages are in,
        the worker processes start reading the ``following`` file (unless it is unchanged), so
        its reading runs beside this file's chunking, embedding and writing.
        """
        doc_id = doc_id_for(path) if path.exists() else ""
        ingest = ingest or Ingest()
        seconds = ingest.seconds
        try:
            if not path.exists():
                raise InputFileError(code="file.not_found", params={"name": path.name}, path=str(path), status="failed")
            sha = self._sha256(path)
            self._refresh()
            existing = self._records.get(doc_id)
            if existing and existing.status == "complete" and existing.sha256 == sha:
                return FileResult(str(path), "unchanged", f"{path.name}: already in the library, unchanged.",
                                  doc_id, existing.pages, existing.chunks, code="import.unchanged",
                                  params={"name": path.name})
            pages_before = state.counters["pages"]

            def on_page(done: int, total: int) -> None:
                state.counters["pages"] = pages_before + done
                state.enter_stage("reading", total)
                state.stage_done = done
                progress(state)

            loaded = ingest.read(path, on_page=on_page, cancel=cancel)
            if following is not None and self._needs_import(following):
                ingest.prefetch(following)
            started = time.perf_counter()
            chunks = chunk_document(loaded)
            if not chunks:
                raise InputFileError(code="file.no_text", params={"name": path.name}, path=str(path), status="empty")
            profile = describe_document(loaded)
            seconds.chunk += time.perf_counter() - started
            record = DocumentRecord(
                doc_id=doc_id, path=str(path.resolve()), title=loaded.title, sha256=sha, pages=loaded.page_count,
                chunks=len(chunks), doc_type=profile["doc_type"], language=profile["language"],
                company=profile["company"], issuer_en=profile["issuer_en"], period=profile["period"],
                status="complete", imported_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                ocr_pages=loaded.ocr_pages,
                note=("scanned pages read with OCR: %d" % loaded.ocr_pages) if loaded.ocr_pages else "")
            if existing and existing.profile_source == "user":  # the user's correction outlives a new version
                record.company, record.doc_type, record.period = existing.company, existing.doc_type, existing.period
                record.profile_source = "user"
            started = time.perf_counter()
            facts, fields = _facts_or_none(loaded, record)
            seconds.facts += time.perf_counter() - started
            state.enter_stage("embedding", len(chunks))
            progress(state)
            chunks_before = state.counters["chunks"]

            def on_batch(done: int) -> None:
                state.counters["chunks"] = chunks_before + done
                state.stage_done = done
                progress(state)

            vectors, words = ingest.embed(self.embedder, [_embed_text(c.heading_path, c.text, c.kind) for c in chunks],
                                          [_keyword_text(c.heading_path, c.text) for c in chunks],
                                          on_batch=on_batch, cancel=cancel)
            state.enter_stage("writing")
            rows = _rows(record, chunks, vectors, words, self.embedder.dimension)

            def waiting(message: str) -> None:
                state.description = message
                progress(state)
                (on_wait or _log_wait)(message)

            with self._writing(f"importing {path.name}", on_wait=waiting, cancel=cancel):
                started = time.perf_counter()
                state.description = path.name
                # The catalogue was just reloaded: another process may have imported this file meanwhile.
                existing = self._records.get(doc_id)
                if existing and existing.status == "complete" and existing.sha256 == sha:
                    return FileResult(str(path), "unchanged", f"{path.name}: already in the library, unchanged.",
                                      doc_id, existing.pages, existing.chunks, code="import.unchanged",
                                      params={"name": path.name})
                self.store.delete_doc(doc_id)
                for start in range(0, rows.num_rows, WRITE_BATCH):
                    self.store.add(rows.slice(start, WRITE_BATCH))
                index_sections(self.folder, record, chunks, outline=loaded.outline)  # the section map narrative answers read (issue 21)
                store = self._facts()
                try:
                    if facts is None:
                        store.remove(doc_id)  # facts of the previous version would be stale; rebuilt later
                    else:
                        store.replace(doc_id, facts, sha256=sha, fields=fields)
                finally:
                    store.close()
                if last:
                    indexing = time.perf_counter()
                    self.store.finish_writes()
                    seconds.index += time.perf_counter() - indexing
                self._records[doc_id] = record
                self._commit_catalog()  # the commit point (see the class docstring)
                seconds.write += time.perf_counter() - started
            status = "replaced" if existing else "indexed"
            verb = "updated" if existing else "imported"
            ocr_note = f", {loaded.ocr_pages} scanned pages read with OCR" if loaded.ocr_pages else ""
            return FileResult(str(path), status, f"{path.name}: {verb}, {loaded.page_count} pages, "
                              f"{len(chunks)} passages{ocr_note}.", doc_id, loaded.page_count, len(chunks),
                              code=("import.updated" if existing else "import.done") + ("_ocr" if loaded.ocr_pages else ""),
                              params={"name": path.name, "pages": loaded.page_count, "passages": len(chunks),
                                      "ocr": loaded.ocr_pages})
        except (LibraryBusyError, LibraryReadOnlyError):
            raise  # not this file's fault: the batch reports it for every file left
        except CancelledError:
            return FileResult(str(path), "cancelled", f"{path.name}: not imported (cancelled).", doc_id,
                              code="import.cancelled", params={"name": path.name})
        except InputFileError as exc:
            return FileResult(str(path), exc.status, str(exc), doc_id, code=exc.code or "", params=exc.params)
        except AppError as exc:
            return FileResult(str(path), "failed", f"{path.name}: {exc}", doc_id, code=exc.code or "",
                              params=exc.params)
        except Exception as exc:  # an unexpected parser failure affects this file only
            log.exception("Import of %s failed", path)
            return FileResult(str(path), "failed", f"{path.name} could not be imported: {exc}", doc_id)

    def close(self) -> None:
        self._finish_pending_writes()


def _facts_or_none(loaded, record) -> tuple[list | None, list | None]:
    """The document's facts and profile fields, from the one reading the page reader made (tables and
    page texts; no file is opened again), or (None, None) (keep whatever is stored) when reading them
    failed: facts are an aid and never fail an import."""
    from analyst_desk.core.library.table_facts.indexing import facts_and_fields_of_pages

    try:
        pages = ((p.number, p.height, p.tables, p.unit_lines) for p in loaded.pages if p.tables)
        texts = ["\n".join(line.text for line in p.lines) for p in loaded.pages[:80]]
        return facts_and_fields_of_pages(pages, texts, doc_id=record.doc_id, record=record)
    except Exception:  # noqa: BLE001 - a fact-extraction failure must never fail the import
        log.exception("Facts of %s could not be read", record.path)
        return None, None


def expand_paths(items: list[Path]) -> list[Path]:
    """Files as given, plus supported files found in folders (recursively, in name order)."""
    files: list[Path] = []
    for item in items:
        if item.is_dir():
            files.extend(sorted(p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                                and not p.name.startswith(("~$", "."))))
        else:
            files.append(item)
    return files


def _log_wait(message: str) -> None:
    log.info("%s", message)


def _has_cjk(text: str) -> bool:
    return has_cjk(text)


def _keyword_text(heading: str, text: str) -> str:
    """A passage's words for keyword ranking include its heading path ("2.1关键指标" names the table)."""
    return f"{heading}\n{text}" if heading else text


#: Characters of a passage the sentence encoder reads. Its cost grows with every token (~40 ms for a
#: 400-character passage on one core: the largest stage of an import), while what a vector is for
#: (an English question finding a Chinese page, "is this passage about the question") is in a
#: passage's heading and first sentences.
EMBED_CHARS = 240


def _embed_text(heading: str, text: str, kind: str = "text") -> str:
    """What the encoder reads for a passage: its heading and opening; for a table, its caption,
    column headers and row labels (the metrics), not the figures, which carry no meaning to it."""
    if kind == "table":
        lines = text.splitlines()
        caption = [line for line in lines if not line.startswith("|")]
        rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines
                if line.startswith("|") and not line.startswith("|---")]
        header = " ".join(c for c in rows[0] if c) if rows else ""
        labels = " ".join(r[0] for r in rows[1:] if r and r[0])
        text = "\n".join(part for part in (" ".join(caption), header, labels) if part)
    return (f"{heading}\n{text}" if heading else text)[:EMBED_CHARS]


def _rows(record: DocumentRecord, chunks: list[Chunk], vectors, words: list[list[str]], dimension: int):
    """One document's passages as an Arrow table in the store's schema. The vectors go in as one
    float32 buffer: rows of Python floats cost more to build and convert than LanceDB's write itself."""
    import pyarrow as pa

    from analyst_desk.core.library.store import table_schema

    n = len(chunks)
    flat = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32).reshape(n * dimension))
    columns = {
        "chunk_id": [f"{record.doc_id}-{chunk.ordinal:05d}" for chunk in chunks], "doc_id": [record.doc_id] * n,
        "ordinal": [chunk.ordinal for chunk in chunks], "text": [chunk.text for chunk in chunks],
        "vector": pa.FixedSizeListArray.from_arrays(pa.array(flat, type=pa.float32()), dimension),
        "page": [chunk.page for chunk in chunks], "pages": [json.dumps(chunk.pages) for chunk in chunks],
        "heading": [chunk.heading_path for chunk in chunks], "kind": [chunk.kind for chunk in chunks],
        "bbox": [json.dumps(list(chunk.bbox)) if chunk.bbox else "" for chunk in chunks],
        "title": [record.title] * n, "path": [record.path] * n, "doc_type": [record.doc_type] * n,
        "period": [record.period] * n, "words": [" ".join(passage) for passage in words],
    }
    schema = table_schema(dimension)
    return pa.Table.from_arrays([columns[f.name] if isinstance(columns[f.name], pa.Array)
                                 else pa.array(columns[f.name], type=f.type) for f in schema], schema=schema)


def _remove_old_keyword_files(folder: Path) -> None:
    """The keyword index files of earlier versions (``keywords/``): the words live in the table now."""
    old = folder / "keywords"
    if old.is_dir():
        import shutil

        shutil.rmtree(old, ignore_errors=True)


def _hit(row: dict, score: float) -> SearchHit:
    return SearchHit(chunk_id=row["chunk_id"], doc_id=row["doc_id"], title=row["title"], path=row["path"],
                     page=int(row["page"]), pages=json.loads(row["pages"] or "[]"), heading_path=row["heading"],
                     text=row["text"], kind=row["kind"], score=round(float(score), 6), bbox=decode_bbox(row["bbox"]))
