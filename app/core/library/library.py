"""The user's document library: import, incremental update, removal and hybrid search."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
import time
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from app.core import paths
from app.core.cancel import NEVER, CancelToken
from app.core.errors import AppError, CancelledError, InputFileError
from app.core.library.chunking import Chunk, chunk_document, describe_document
from app.core.library.glossary import translations
from app.core.library.loaders import SUPPORTED_SUFFIXES, RapidOcr, load_document
from app.core.library.models import DocumentRecord, FileResult, ImportReport, SearchHit
from app.core.library.store import ChunkStore, decode_bbox, table_names, where_clause
from app.core.progress import Progress, no_progress

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_RRF_K = 60
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


def _write_json(path: Path, data) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class Library:
    """A LanceDB index of the user's documents plus a JSON catalogue of document records.

    Crash safety: a document's record is written as "importing" before its chunks and as
    "complete" after all of them; on open, chunks of any document that is not complete are
    purged, so a killed import leaves no half document and re-importing adds no duplicates.

    Threading: all methods may be called from any thread; writes are serialised by a lock.
    """

    def __init__(self, folder: Path, embedder) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.embedder = embedder
        self._lock = threading.RLock()
        self._catalog_path = self.folder / "documents.json"
        self._meta_path = self.folder / "meta.json"
        self._records: dict[str, DocumentRecord] = self._load_catalog()
        self.store = ChunkStore(self.folder, embedder.dimension)
        self._ocr = RapidOcr() if RapidOcr.available() else None
        self._check_embedder()
        self._recover()

    @classmethod
    def open(cls, folder: Path | None = None, embedder=None) -> "Library":
        if embedder is None:
            from app.core.config import Settings
            from app.core.library.embedders import embedder_from_settings

            embedder = embedder_from_settings(Settings.load())
        return cls(folder or paths.data_subdir("index"), embedder)

    # -- catalogue -------------------------------------------------------------------------
    def _load_catalog(self) -> dict[str, DocumentRecord]:
        if not self._catalog_path.exists():
            return {}
        try:
            raw = json.loads(self._catalog_path.read_text(encoding="utf-8"))
            return {r["doc_id"]: DocumentRecord(**r) for r in raw}
        except (ValueError, TypeError, KeyError) as exc:
            log.error("Library catalogue unreadable (%s); rebuilding from an empty catalogue", exc)
            return {}

    def _save_catalog(self) -> None:
        _write_json(self._catalog_path, [asdict(r) for r in self._records.values()])

    def _check_embedder(self) -> None:
        meta = json.loads(self._meta_path.read_text(encoding="utf-8")) if self._meta_path.exists() else {}
        if meta and (meta.get("embedder") != self.embedder.identity or meta.get("dimension") != self.embedder.dimension):
            log.info("Embedder changed from %s to %s: re-embedding the library", meta.get("embedder"),
                     self.embedder.identity)
            self._reembed()
        _write_json(self._meta_path, {"schema_version": SCHEMA_VERSION, "embedder": self.embedder.identity,
                                      "dimension": self.embedder.dimension})

    def _reembed(self) -> None:
        """Vector spaces never mix: recompute every vector with the new embedder from stored text."""
        import lancedb

        old = lancedb.connect(str(self.folder / "lance"))
        rows = old.open_table("chunks").to_arrow().to_pylist() if "chunks" in table_names(old) else []
        self.store.drop()
        self.store = ChunkStore(self.folder, self.embedder.dimension)
        for start in range(0, len(rows), _EMBED_BATCH):
            batch = rows[start:start + _EMBED_BATCH]
            vectors = self.embedder.embed([_embed_text(r["heading"], r["text"]) for r in batch])
            for row, vector in zip(batch, vectors):
                row["vector"] = vector.tolist()
            self.store.add(batch)
        self.store.finish_writes()

    def _recover(self) -> None:
        complete = {d for d, r in self._records.items() if r.status == "complete"}
        purged = self.store.delete_all_except(complete)
        stale = [d for d, r in self._records.items() if r.status != "complete"]
        for doc_id in stale:
            del self._records[doc_id]
        if purged or stale:
            log.warning("Recovered from an interrupted import: removed %d partial documents", max(purged, len(stale)))
            self._save_catalog()
            self.store.finish_writes()

    # -- queries ---------------------------------------------------------------------------
    def documents(self) -> list[DocumentRecord]:
        with self._lock:
            return sorted(self._records.values(), key=lambda r: r.imported_at)

    def find_document(self, doc_id_or_path: str) -> DocumentRecord | None:
        with self._lock:
            if doc_id_or_path in self._records:
                return self._records[doc_id_or_path]
            target = Path(doc_id_or_path)
            if target.exists():
                return self._records.get(doc_id_for(target))
            matches = [r for r in self._records.values()
                       if doc_id_or_path in (r.title, Path(r.path).name) or r.doc_id.startswith(doc_id_or_path)]
            return matches[0] if len(matches) == 1 else None

    def search(self, query: str, *, k: int = 10, doc_ids: list[str] | None = None, doc_type: str | None = None,
               period: str | None = None) -> list[SearchHit]:
        """Hybrid search: vector and full-text results fused by reciprocal rank."""
        query = query.strip()
        if not query:
            return []
        terms = translations(query)
        where = where_clause(doc_ids, doc_type, period)
        pool = max(k * 4, 40)
        with self._lock:
            vector = self.embedder.embed([" ".join([query, *terms])])[0]
            rankings = [self.store.vector_search(vector, pool, where), self.store.text_search(query, pool, where)]
            # Glossary translations get their own full-text run, so "net interest margin" also
            # finds the Chinese page that says 净息差 without diluting the original query.
            # English translations only join the vector query: on the n-gram index an English
            # phrase also matches fragments of unrelated English text.
            rankings += [self.store.text_search(term, pool, where) for term in terms if _has_cjk(term)]
        scores: dict[str, float] = {}
        rows: dict[str, dict] = {}
        for ranked in rankings:
            for rank, row in enumerate(ranked):
                scores[row["chunk_id"]] = scores.get(row["chunk_id"], 0.0) + 1.0 / (_RRF_K + rank + 1)
                rows.setdefault(row["chunk_id"], row)
        for chunk_id, row in rows.items():
            scores[chunk_id] += _figure_bonus(row["text"], [query, *terms])
        best = sorted(scores, key=scores.get, reverse=True)[:k]
        return [_hit(rows[c], scores[c]) for c in best]

    def chunks(self, doc_id: str) -> list[SearchHit]:
        with self._lock:
            return [_hit(row, 0.0) for row in self.store.doc_chunks(doc_id)]

    # -- changes ---------------------------------------------------------------------------
    def remove(self, doc_id_or_path: str) -> bool:
        with self._lock:
            record = self.find_document(doc_id_or_path)
            if record is None:
                return False
            record.status = "removing"
            self._save_catalog()
            self.store.delete_doc(record.doc_id)
            del self._records[record.doc_id]
            self._save_catalog()
            self.store.finish_writes()
            return True

    def add_paths(self, paths_in: list[Path | str], *, progress=None, cancel: CancelToken | None = None) -> ImportReport:
        """Import files and folders. Each file gets its own status; one bad file never stops the batch."""
        progress = progress or no_progress
        cancel = cancel or NEVER
        files = expand_paths([Path(p) for p in paths_in])
        report = ImportReport()
        state = Progress(total=len(files), description="", counters={"pages": 0, "chunks": 0, "files": 0})
        try:
            for index, path in enumerate(files):
                if cancel.cancelled:
                    report.results.extend(FileResult(str(p), "cancelled", f"{p.name}: not imported (cancelled).")
                                          for p in files[index:])
                    break
                state.description = path.name
                progress(state)
                result = self._import_one(path, state, progress, cancel)
                report.results.append(result)
                state.done = index + 1
                state.counters["files"] = index + 1
                progress(state)
        finally:
            with self._lock:
                self.store.finish_writes()
        return report

    def _import_one(self, path: Path, state: Progress, progress, cancel: CancelToken) -> FileResult:
        doc_id = doc_id_for(path) if path.exists() else ""
        try:
            if not path.exists():
                raise InputFileError(f"{path.name}: file not found.", path=str(path), status="failed")
            sha = file_sha256(path)
            existing = self._records.get(doc_id)
            if existing and existing.status == "complete" and existing.sha256 == sha:
                return FileResult(str(path), "unchanged", f"{path.name}: already in the library, unchanged.",
                                  doc_id, existing.pages, existing.chunks)
            pages_before = state.counters["pages"]

            def on_page(done: int, total: int) -> None:
                state.counters["pages"] = pages_before + done
                progress(state)

            loaded = load_document(path, ocr=self._ocr, on_page=on_page, cancel=cancel)
            chunks = chunk_document(loaded)
            if not chunks:
                raise InputFileError(f"{path.name} contains no text to index.", path=str(path), status="empty")
            facts = describe_document(loaded)
            record = DocumentRecord(
                doc_id=doc_id, path=str(path.resolve()), title=loaded.title, sha256=sha, pages=loaded.page_count,
                chunks=len(chunks), doc_type=facts["doc_type"], language=facts["language"],
                company=facts["company"], period=facts["period"], status="importing",
                imported_at=datetime.now(timezone.utc).isoformat(timespec="seconds"), ocr_pages=loaded.ocr_pages,
                note=("scanned pages read with OCR: %d" % loaded.ocr_pages) if loaded.ocr_pages else "")
            vectors = self._embed_chunks(chunks, cancel, state, progress)
            with self._lock:
                self._records[doc_id] = record
                self._save_catalog()
                self.store.delete_doc(doc_id)
                rows = [_row(record, chunk, vector) for chunk, vector in zip(chunks, vectors)]
                for start in range(0, len(rows), WRITE_BATCH):
                    self.store.add(rows[start:start + WRITE_BATCH])
                record.status = "complete"
                self._save_catalog()
            status = "replaced" if existing else "indexed"
            verb = "updated" if existing else "imported"
            ocr_note = f", {loaded.ocr_pages} scanned pages read with OCR" if loaded.ocr_pages else ""
            return FileResult(str(path), status, f"{path.name}: {verb}, {loaded.page_count} pages, "
                              f"{len(chunks)} passages{ocr_note}.", doc_id, loaded.page_count, len(chunks))
        except CancelledError:
            return FileResult(str(path), "cancelled", f"{path.name}: not imported (cancelled).", doc_id)
        except InputFileError as exc:
            return FileResult(str(path), exc.status, str(exc), doc_id)
        except AppError as exc:
            return FileResult(str(path), "failed", f"{path.name}: {exc}", doc_id)
        except Exception as exc:  # an unexpected parser failure affects this file only
            log.exception("Import of %s failed", path)
            return FileResult(str(path), "failed", f"{path.name} could not be imported: {exc}", doc_id)

    def _embed_chunks(self, chunks: list[Chunk], cancel: CancelToken, state: Progress, progress) -> np.ndarray:
        parts = []
        for start in range(0, len(chunks), _EMBED_BATCH):
            cancel.raise_if_cancelled()
            batch = chunks[start:start + _EMBED_BATCH]
            parts.append(self.embedder.embed([_embed_text(c.heading_path, c.text) for c in batch]))
            state.counters["chunks"] += len(batch)
            progress(state)
        return np.vstack(parts)

    def close(self) -> None:
        with self._lock:
            self.store.finish_writes()


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


def _has_cjk(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def _figure_bonus(text: str, phrases: list[str]) -> float:
    """Analysts search for a term to find its figure: passages that contain the exact term, and
    especially a line where the term stands beside a number, rank above passages that only
    discuss it. Small next to reciprocal-rank scores, so it reorders close candidates only."""
    lowered = text.lower()
    bonus = 0.0
    for phrase in phrases:
        phrase = phrase.strip().lower()
        if len(phrase) < 2 or phrase not in lowered:
            continue
        bonus = max(bonus, 0.004)
        for line in lowered.splitlines():
            if phrase in line and re.search(r"\d", line.replace(phrase, "")):
                bonus = max(bonus, 0.008)
                break
    return bonus


def _embed_text(heading: str, text: str) -> str:
    return (f"{heading}\n{text}" if heading else text)[:1500]


def _row(record: DocumentRecord, chunk: Chunk, vector) -> dict:
    return {
        "chunk_id": f"{record.doc_id}-{chunk.ordinal:05d}", "doc_id": record.doc_id, "ordinal": chunk.ordinal,
        "text": chunk.text, "vector": np.asarray(vector, dtype=np.float32).tolist(), "page": chunk.page,
        "pages": json.dumps(chunk.pages), "heading": chunk.heading_path, "kind": chunk.kind,
        "bbox": json.dumps(list(chunk.bbox)) if chunk.bbox else "", "title": record.title, "path": record.path,
        "doc_type": record.doc_type, "period": record.period,
    }


def _hit(row: dict, score: float) -> SearchHit:
    return SearchHit(chunk_id=row["chunk_id"], doc_id=row["doc_id"], title=row["title"], path=row["path"],
                     page=int(row["page"]), pages=json.loads(row["pages"] or "[]"), heading_path=row["heading"],
                     text=row["text"], kind=row["kind"], score=round(float(score), 6), bbox=decode_bbox(row["bbox"]))
