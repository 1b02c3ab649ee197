"""One reading of each file: pages are read once, in worker processes, into everything later steps use.

A PDF page is read by one worker, which makes one PyMuPDF text page of it and hands that to the
line reader and, when the page has table-like rows, to the one table detector
(:func:`analyst_desk.core.extraction.tables.tables_on_page`); an image-only page is OCR'd once and
its OCR lines serve both the text and the table detector. The pages come back with their lines
and tables; the chunker makes table passages from those tables and the facts are read from the
same tables (:func:`~analyst_desk.core.library.table_facts.indexing.facts_and_fields_of_pages`), so nothing opens the file again.

Why processes: PyMuPDF documents cannot be shared between threads, and its C calls hold the
interpreter lock. Each worker opens the file once and reads every n-th page (pages of one kind
cluster — statements, narrative — so striding keeps the workers equally busy). Short files are read
in this process: starting workers would cost more than it saves.

Why read ahead: this process chunks, embeds and writes a file on one core while the workers would
wait, and the workers read on both cores while this process would wait. Once a file's pages are in,
the workers start on the next file of the batch (:meth:`Ingest.prefetch`), so the two halves of an
import overlap and the embedding runs on one thread beside them.
"""

from __future__ import annotations

import logging
import os
import queue
import time
from collections import Counter
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from analyst_desk.core.errors import CancelledError
from analyst_desk.core.library.loaders import MAX_PAGES, LoadedDocument, LoadedPage, check_file, load_document
from analyst_desk.core.page_text import RapidOcr

log = logging.getLogger(__name__)

#: A PDF with fewer pages is read in this process.
POOL_MIN_PAGES = 40
#: Passages from which embedding is worth starting the worker processes for.
POOL_MIN_PASSAGES = 160
#: Embedding in the worker processes was measured slower than in this process on one BLAS thread
#: (2-core machine, 727 passages of one 231-page prospectus: 2 workers 8.2 s wall, this process 3.2 s;
#: the sentence encoder streams a 65 MB table, and two copies running at once slow each other more than
#: they gain), so the passages are embedded here; the workers read the pages.
EMBED_IN_WORKERS = False
#: Worker processes: one per core (the parent's embedding runs between files, not beside them).
DEFAULT_WORKERS = max(1, min(os.cpu_count() or 1, 8))
#: How much lower the page readers run than this process. The embedding here is the import's
#: critical path (it gains nothing from a second BLAS thread, and the workers have read the next file
#: ahead before it is done), so the readers take only the CPU it leaves. Measured on 2 cores,
#: cn_prospectus_dev2: 84.1 s at equal priority, 79.3 s niced, 75.0 s niced with the words first.
WORKER_NICENESS = 10


@dataclass
class StageSeconds:
    """Where an import's time went (summed over worker processes for the page stages)."""

    parse: float = 0.0
    ocr: float = 0.0
    tables: float = 0.0
    facts: float = 0.0
    chunk: float = 0.0
    embed: float = 0.0
    words: float = 0.0
    write: float = 0.0
    #: Of ``write``: rebuilding the full-text indexes (once per batch).
    index: float = 0.0
    #: Wall-clock seconds this process waited for the page readers (parse + OCR + tables, in parallel;
    #: a file read ahead costs only what was left of it when its turn came).
    reading_wall: float = 0.0

    def add(self, other: "StageSeconds | dict") -> None:
        items = other.items() if isinstance(other, dict) else vars(other).items()
        for name, seconds in items:
            setattr(self, name, getattr(self, name) + seconds)


@dataclass
class Reading:
    """How often each page — ``(file, page number)`` — was read and OCR'd, and how often files were
    opened (the counting test and bench/library.py)."""

    opens: int = 0
    text: Counter = field(default_factory=Counter)
    ocr: Counter = field(default_factory=Counter)
    tables: Counter = field(default_factory=Counter)

    def add(self, other: "Reading") -> None:
        self.opens += other.opens
        self.text.update(other.text)
        self.ocr.update(other.ocr)
        self.tables.update(other.tables)


# -- the page reader (runs in a worker process, or in this one for short files) -------------------
_ocr_engine: RapidOcr | None = None
_progress_queue = None
_stop_event = None


def _worker_init(progress_queue, stop_event) -> None:
    global _progress_queue, _stop_event
    _progress_queue, _stop_event = progress_queue, stop_event
    if hasattr(os, "nice"):  # POSIX; on Windows the readers keep the normal priority
        try:
            os.nice(WORKER_NICENESS)
        except OSError:  # noqa: BLE001 - a priority that cannot be lowered only costs speed
            pass
    import pymupdf  # noqa: F401 - loaded once per worker, before the first page

    from analyst_desk.core.extraction import tables  # noqa: F401


def _ocr(page):
    global _ocr_engine
    if _ocr_engine is None:
        _ocr_engine = RapidOcr()
    return _ocr_engine(page)


def read_pages(path: str, numbers: list[int], use_ocr: bool, doc=None, on_page=None, cancel=None):
    """Read ``numbers`` (1-based) of the PDF at ``path``: lines, OCR for image-only pages, tables.

    Returns ``(pages, seconds, reading)``. ``doc`` is an already open document (in-process
    reading); otherwise the file is opened here, once.
    """
    import pymupdf

    from analyst_desk.core.extraction.tables import tables_on_page
    from analyst_desk.core.library.chunking import may_hold_table
    from analyst_desk.core.library.loaders import _pdf_lines
    from analyst_desk.core.library.table_facts.extract import unit_lines_above
    from analyst_desk.core.pdf import open_pdf
    from analyst_desk.core.pdf_grids import lean_grid_chars

    seconds = {"parse": 0.0, "ocr": 0.0, "tables": 0.0}
    reading = Reading()
    own = doc is None
    if own:
        doc = open_pdf(path, max_pages=None)
        reading.opens += 1
    pages: list[LoadedPage] = []
    # PyMuPDF's ruled-grid finder builds its character list with only the fields it reads: the same
    # grids at a quarter of that list's cost (core/pdf_grids.py).
    patched = ExitStack()
    patched.enter_context(lean_grid_chars())
    try:
        for number in numbers:
            if cancel is not None:
                cancel.raise_if_cancelled()
            if _stop_event is not None and _stop_event.is_set():
                raise CancelledError()
            started = time.perf_counter()
            page = doc[number - 1]
            lines, used_ocr, tables, unit_lines = [], False, None, []
            try:
                textpage = page.get_textpage(flags=pymupdf.TEXTFLAGS_TEXT)
                reading.text[(path, number)] += 1
                lines = _pdf_lines(page, textpage)
                seconds["parse"] += time.perf_counter() - started
                if not lines and use_ocr and page.get_images():
                    started = time.perf_counter()
                    lines = _ocr(page)
                    used_ocr = True
                    reading.ocr[(path, number)] += 1
                    seconds["ocr"] += time.perf_counter() - started
                loaded = LoadedPage(number, lines, page.rect.width, page.rect.height, used_ocr)
                if may_hold_table(loaded):
                    started = time.perf_counter()
                    try:
                        tables = tables_on_page(page, path, textpage=textpage, ocr_lines=lines if used_ocr else None)
                        unit_lines = unit_lines_above(page, tables, textpage)
                        reading.tables[(path, number)] += 1
                    except Exception:  # the detector failing on one odd page must not lose its text
                        log.exception("Tables on page %d of %s could not be read", number, Path(path).name)
                        tables, unit_lines = None, []
                    seconds["tables"] += time.perf_counter() - started
            except CancelledError:
                raise
            except Exception as exc:  # one unreadable page must not lose the document
                log.warning("%s page %d unreadable: %s", Path(path).name, number, exc, exc_info=True)
                loaded = LoadedPage(number, [], page.rect.width, page.rect.height, False)
            loaded.tables, loaded.unit_lines = tables, unit_lines
            pages.append(loaded)
            if on_page is not None:
                on_page()
            if _progress_queue is not None:
                _progress_queue.put(path)
    finally:
        patched.close()
        if own:
            doc.close()
    return pages, seconds, reading


_embedders: dict = {}


def embed_and_tokenize(spec, embed_texts: list[str], word_texts: list[str]):
    """Worker: vectors of ``embed_texts`` (with the embedder ``spec`` names; None: no vectors) and
    the keyword tokens of ``word_texts``. Returns ``(vectors, words, seconds)``."""
    import importlib

    from analyst_desk.core.library.tokenizer import tokenize

    seconds = {"embed": 0.0, "words": 0.0}
    vectors = None
    if spec is not None:
        started = time.perf_counter()
        module, name, kwargs = spec
        key = (module, name, tuple(sorted(kwargs.items())))
        if key not in _embedders:
            _embedders[key] = getattr(importlib.import_module(module), name)(**kwargs)
        vectors = _embedders[key].embed(embed_texts)
        seconds["embed"] += time.perf_counter() - started
    started = time.perf_counter()
    words = [tokenize(text) for text in word_texts]
    seconds["words"] += time.perf_counter() - started
    return vectors, words, seconds


# -- the parent side --------------------------------------------------------------------------
class Ingest:
    """Reads files for one import batch; holds the worker pool (started on the first long PDF).

    Threading: one thread at a time (the import's). Call :meth:`close` when the batch is done.
    """

    def __init__(self, *, ocr: bool = True, workers: int | None = None) -> None:
        self.use_ocr = ocr and RapidOcr.available()
        self.workers = DEFAULT_WORKERS if workers is None else workers
        self.seconds = StageSeconds()
        self.reading = Reading()
        self._pool = None
        self._queue = None
        self._stop = None
        #: A file the workers are reading ahead: ``(path, outline, futures)`` (see :meth:`prefetch`);
        #: ``futures`` is None until the reading is handed to them (:meth:`_start_read_ahead`).
        self._pending = None

    def read(self, path: Path, *, on_page=None, cancel=None) -> LoadedDocument:
        """The document's pages, each read once; ``on_page(done, total)`` reports progress."""
        path = Path(path)
        check_file(path)
        if path.suffix.lower() != ".pdf":
            started = time.perf_counter()
            loaded = load_document(path, on_page=on_page, cancel=cancel)
            self.seconds.parse += time.perf_counter() - started
            return loaded
        return self._read_pdf(path, on_page, cancel)

    def prefetch(self, path: Path) -> bool:
        """Have the worker processes read ``path`` while this process chunks, embeds and writes
        the file before it (the workers would otherwise sit idle through those steps, and this
        process through the reading). :meth:`read` of the same path collects the pages.

        The reading is handed to the workers when :meth:`embed` has given them this file's keyword
        words (the pool runs its tasks in order: words queued behind a whole file's reading kept the
        embedding waiting for them, 20 s of a 79 s import of cn_prospectus_dev2), or by :meth:`read`.

        Only a PDF long enough for the workers is read ahead; anything else (or a file that cannot
        be opened: :meth:`read` reports why) returns False and is read when its turn comes.
        """
        path = Path(path)
        if self._pending is not None or self.workers <= 1 or path.suffix.lower() != ".pdf":
            return False
        try:
            check_file(path)
            loaded = self._outline(path)
        except Exception:  # noqa: BLE001 - reading it in turn reports the error for this file
            return False
        if loaded.page_count < POOL_MIN_PAGES:
            return False
        self._pending = (path, loaded, None)
        return True

    def _start_read_ahead(self) -> None:
        """Hand the file :meth:`prefetch` chose to the workers, if not done yet."""
        if self._pending is not None and self._pending[2] is None:
            path, loaded, _ = self._pending
            self._pending = (path, loaded, self._submit(path, loaded.page_count))

    def _outline(self, path: Path, doc=None) -> LoadedDocument:
        """The document's page count, metadata and outline (the parent's one open of the file)."""
        from analyst_desk.core.pdf import open_pdf

        own = doc is None
        if own:
            doc = open_pdf(path, max_pages=MAX_PAGES)
            self.reading.opens += 1
        try:
            meta = doc.metadata or {}
            loaded = LoadedDocument(path=path, title=(meta.get("title") or "").strip() or path.stem,
                                    page_count=doc.page_count, doc_type="pdf", metadata=meta)
            try:
                loaded.outline = [list(entry[:3]) for entry in doc.get_toc(simple=True)]
            except Exception:  # noqa: BLE001 - an outline is an aid (the section map falls back to headings)
                loaded.outline = []
        finally:
            if own:
                doc.close()
        return loaded

    def _read_pdf(self, path: Path, on_page, cancel) -> LoadedDocument:
        from analyst_desk.core.errors import InputFileError
        from analyst_desk.core.pdf import open_pdf

        started = time.perf_counter()
        done = [0]
        total = [0]

        def tick() -> None:
            done[0] += 1
            if on_page:
                on_page(done[0], total[0])

        if self._pending is not None and self._pending[0] == path:
            self._start_read_ahead()
        pending, self._pending = self._pending, None
        if pending is not None and pending[0] != path:
            self._discard(pending[2])
            pending = None
        if pending is not None:  # read ahead while the previous file was embedded and written
            _, loaded, futures = pending
            total[0] = loaded.page_count
            pages = self._collect(futures, tick, cancel, path)
        else:
            doc = open_pdf(path, max_pages=MAX_PAGES)
            self.reading.opens += 1
            try:
                loaded = self._outline(path, doc)
                total[0] = loaded.page_count
                if self.workers <= 1 or loaded.page_count < POOL_MIN_PAGES:
                    pages, seconds, reading = read_pages(str(path), list(range(1, loaded.page_count + 1)),
                                                         self.use_ocr, doc=doc, on_page=tick, cancel=cancel)
                    self.seconds.add(seconds)
                    self.reading.add(reading)
                else:
                    doc.close()
                    doc = None
                    pages = self._collect(self._submit(path, loaded.page_count), tick, cancel, path)
            finally:
                if doc is not None:
                    doc.close()
        pages.sort(key=lambda p: p.number)
        if done[0] < len(pages):
            # A worker's last ticks can still be in the queue's pipe when its share's result is in
            # (the queue is fed by a thread): the pages in hand are the count the user is shown.
            done[0] = len(pages) - 1
            tick()
        loaded.pages = pages
        self.seconds.reading_wall += time.perf_counter() - started
        if not any(p.lines for p in loaded.pages):
            raise InputFileError(code="pdf.no_text_layer", params={"name": path.name}, path=str(path), status="empty")
        return loaded

    def embed(self, embedder, embed_texts: list[str], word_texts: list[str], *, batch: int = 64,
              on_batch=None, cancel=None):
        """Vectors of ``embed_texts`` and keyword tokens of ``word_texts`` (the same passages), in
        the worker processes when the embedder can be built there and there is enough to do."""
        import numpy as np

        spec = getattr(embedder, "worker_spec", None)
        spec = spec() if callable(spec) else None
        parallel = EMBED_IN_WORKERS and self.workers > 1 and (self._pool is not None or len(embed_texts) >= POOL_MIN_PASSAGES)
        if not parallel:
            vectors, words = [], []
            # The keyword words go to the worker processes when they are running (they finish reading
            # the next file well before this process has embedded this one, and then sit idle); the
            # pool runs its tasks in order, so the words never delay the read-ahead.
            starts = list(range(0, len(embed_texts), batch))
            word_futures = None
            if self._pending is not None and self._pending[2] is None:
                self._start_pool()  # the next file is to be read by the workers: they cut these words first
            if self._pool is not None and self.workers > 1:
                word_futures = [self._pool.submit(embed_and_tokenize, None, [], word_texts[s:s + batch])
                                for s in starts]
            self._start_read_ahead()
            shared = getattr(embedder, "threads", None)
            try:
                for start in starts:
                    if cancel is not None:
                        cancel.raise_if_cancelled()
                    started = time.perf_counter()
                    # While the workers read the next file ahead or cut these words they have the
                    # cores: one thread here (two measured slower then); once they are done, every thread.
                    busy = self.reading_ahead() or any(not future.done() for future in word_futures or ())
                    with shared(1) if callable(shared) and busy else nullcontext():
                        vectors.append(embedder.embed(embed_texts[start:start + batch]))
                    self.seconds.embed += time.perf_counter() - started
                    if word_futures is None:
                        self._add_words(words, embed_and_tokenize(None, [], word_texts[start:start + batch]))
                    if on_batch:
                        on_batch(min(len(embed_texts), start + batch))
                for future in word_futures or ():
                    self._add_words(words, self._result(future))
            finally:
                for future in word_futures or ():
                    future.cancel()
            return (np.vstack(vectors) if vectors else np.zeros((0, embedder.dimension), np.float32)), words
        pool = self._start_pool()
        starts = list(range(0, len(embed_texts), batch))
        futures = [pool.submit(embed_and_tokenize, spec, embed_texts[s:s + batch] if spec else [],
                               word_texts[s:s + batch]) for s in starts]
        self._start_read_ahead()
        vectors, words, done = [], [], 0
        try:
            for start, future in zip(starts, futures):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                part_vectors, part_words, seconds = self._result(future)
                if part_vectors is None:  # an embedder that lives only here (llama.cpp): embed in this process
                    started = time.perf_counter()
                    part_vectors = embedder.embed(embed_texts[start:start + batch])
                    self.seconds.embed += time.perf_counter() - started
                vectors.append(part_vectors)
                words.extend(part_words)
                self.seconds.add(seconds)
                done += len(part_words)
                if on_batch:
                    on_batch(done)
        finally:
            for future in futures:
                future.cancel()
        return np.vstack(vectors), words

    def _add_words(self, words: list, result) -> None:
        _, part, seconds = result
        words.extend(part)
        self.seconds.add(seconds)

    def reading_ahead(self) -> bool:
        """Whether the worker processes are still reading the next file (see :meth:`prefetch`)."""
        return self._pending is not None and not all(future.done() for future in self._pending[2] or ())

    def _start_pool(self):
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: the parent holds LanceDB's and the embedder's threads, which a fork would
            # copy mid-lock; spawn is also what Windows and macOS do anyway.
            context = multiprocessing.get_context("spawn")
            self._queue = context.Queue()
            self._stop = context.Event()
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_worker_init,
                                             initargs=(self._queue, self._stop))
        return self._pool

    def _submit(self, path: Path, total: int) -> list:
        """Hand every n-th page of ``path`` to each worker; the futures of their shares."""
        pool = self._start_pool()
        self._stop.clear()
        shares = [list(range(1 + w, total + 1, self.workers)) for w in range(self.workers)]
        return [pool.submit(read_pages, str(path), share, self.use_ocr) for share in shares if share]

    def _collect(self, futures: list, tick, cancel, path: Path) -> list[LoadedPage]:
        """Wait for the workers' shares (progress ticks as pages come in); their pages."""
        from concurrent.futures import FIRST_EXCEPTION, wait

        pending = set(futures)
        try:
            while pending:
                _, pending = wait(pending, timeout=0.1, return_when=FIRST_EXCEPTION)
                self._drain(tick, path)
                if cancel is not None and cancel.cancelled:
                    self._stop.set()
                if any(f.done() and f.exception() is not None for f in futures):
                    break
        finally:
            if pending:
                self._stop.set()
                wait(pending)
            self._drain(tick, path)
        if cancel is not None:
            cancel.raise_if_cancelled()
        pages: list[LoadedPage] = []
        for future in futures:
            part, seconds, reading = self._result(future)  # a worker's error (or cancel) is raised here
            pages.extend(part)
            self.seconds.add(seconds)
            self.reading.add(reading)
        return pages

    def _discard(self, futures: list) -> None:
        """Stop a read-ahead nobody will collect (the batch was cancelled or stopped)."""
        from concurrent.futures import wait

        if futures is None:  # never handed to the workers
            return
        self._stop.set()
        wait(futures)
        self._drain(lambda: None, None)

    def _result(self, future):
        """A worker's result; a worker that died (a PDF that crashes the parser) fails this file only:
        the broken pool is dropped and the next file starts a new one."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return future.result()
        except BrokenProcessPool:
            self._pool = None
            raise

    def _drain(self, tick, path: Path | None) -> None:
        """Tick once per page of ``path`` the workers have reported; a late tick of an earlier
        file (see :meth:`_read_pdf`) is dropped rather than counted as this file's."""
        while True:
            try:
                source = self._queue.get_nowait()
            except queue.Empty:
                return
            if path is not None and source == str(path):
                tick()

    def close(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None and self._pool is not None:
            self._discard(pending[2])
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
