"""IDF-weighted BM25 over jieba words, for passages and for whole pages, kept beside the LanceDB index.

Why not only the n-gram full-text index: its 2–3 character grams of a company's name match on nearly
every page of that company's report, so the pages densest in the name come back for every question.
Here a word's weight is its library-wide IDF times how *rare it is inside its own document*
(``1 - pages with the word / (pages + DOC_SMOOTHING)``): the issuer's name, on 290 of 296 pages,
weighs ~5% of what the same word would weigh elsewhere, while a metric named on three pages keeps
almost all of its weight. The smoothing keeps a four-page research note from losing a word that is
on two of its pages.

Storage: one gzip JSON file per document (``keywords/<doc_id>.json.gz``: passage id, page, words),
written atomically when the document is stored and deleted with it, so an import or a removal
rewrites only that document's file; library-wide statistics are recomputed in memory on first use.
"""

from __future__ import annotations

import gzip
import json
import math
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analyst_desk.core import fileio
from analyst_desk.core.library.tokenizer import tokenize

FORMAT_VERSION = 1
K1 = 1.2
B = 0.75
DOC_SMOOTHING = 8


@dataclass
class PreparedDocument:
    """A document's passages as words, ready to store (tokenising is slow; storing is quick)."""

    doc_id: str
    #: What the words were made from (the document's SHA-256): a stale file is rebuilt, not used.
    source: str
    passages: list[tuple[str, int, list[str]]]  # (chunk_id, page, words)


@dataclass
class _Level:
    """One granularity (passages or pages): units, their lengths and an inverted index."""

    keys: list  # chunk_id, or (doc_id, page)
    unit_doc: np.ndarray  # document number of each unit
    lengths: np.ndarray
    postings: dict[str, tuple[np.ndarray, np.ndarray]]  # word → (unit numbers, counts)

    @property
    def average_length(self) -> float:
        return float(self.lengths.mean()) if len(self.lengths) else 1.0


def prepare(doc_id: str, source: str, passages: list[tuple[str, int, str]]) -> PreparedDocument:
    """Tokenise ``(chunk_id, page, text)`` passages; slow (jieba), so call it outside any lock."""
    return PreparedDocument(doc_id, source, [(chunk_id, page, tokenize(text)) for chunk_id, page, text in passages])


class KeywordIndex:
    """BM25 with document-aware IDF over passages and pages. Thread-safe; writes are atomic per file."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder) / "keywords"
        self._lock = threading.RLock()
        self._docs: dict[str, PreparedDocument] | None = None
        self._compiled: tuple[_Level, _Level, dict[str, np.ndarray], list[str]] | None = None
        self._on_page: dict[tuple[str, int], list[str]] = {}
        self._page_of: dict[str, tuple[str, int]] = {}

    # -- storage -----------------------------------------------------------------------------
    def _path(self, doc_id: str) -> Path:
        return self.folder / f"{doc_id}.json.gz"

    def _read(self, path: Path) -> PreparedDocument | None:
        try:
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                data = json.load(handle)
            if data.get("version") != FORMAT_VERSION:
                return None  # rebuilt from the stored passages by the library
            return PreparedDocument(data["doc_id"], data.get("source", ""),
                                    [(c, int(p), words.split()) for c, p, words in data["passages"]])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # unreadable: treated as missing, so the library rebuilds it

    def _loaded(self) -> dict[str, PreparedDocument]:
        if self._docs is None:
            docs = {}
            for path in sorted(self.folder.glob("*.json.gz")) if self.folder.is_dir() else []:
                prepared = self._read(path)
                if prepared is not None:
                    docs[prepared.doc_id] = prepared
            self._docs = docs
        return self._docs

    def documents(self) -> dict[str, str]:
        """doc_id → source (SHA-256) of every document held."""
        with self._lock:
            return {doc_id: prepared.source for doc_id, prepared in self._loaded().items()}

    def stored(self) -> set[str]:
        """Doc ids with a words file (file names only: nothing is read)."""
        if not self.folder.is_dir():
            return set()
        return {path.name[:-len(".json.gz")] for path in self.folder.glob("*.json.gz")}

    def reload(self, doc_id: str) -> bool:
        """Read one document's file again (another process may have written it); False if absent."""
        with self._lock:
            prepared = self._read(self._path(doc_id))
            docs = self._loaded()
            if prepared is None:
                docs.pop(doc_id, None)
            else:
                docs[doc_id] = prepared
            self._compiled = None
            return prepared is not None

    def hold(self, prepared: PreparedDocument) -> None:
        """Use a document's words without writing them (a read-only library built by an older version)."""
        with self._lock:
            self._loaded()[prepared.doc_id] = prepared
            self._compiled = None

    def store(self, prepared: PreparedDocument) -> None:
        """Write (or replace) one document's words."""
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self._path(prepared.doc_id)
            tmp = path.with_name(path.name + ".tmp")
            data = {"version": FORMAT_VERSION, "doc_id": prepared.doc_id, "source": prepared.source,
                    "passages": [[c, p, " ".join(words)] for c, p, words in prepared.passages]}
            with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=5) as handle:
                json.dump(data, handle, ensure_ascii=False)
            fileio.replace(tmp, path)
            self._loaded()[prepared.doc_id] = prepared
            self._compiled = None

    def remove(self, doc_id: str) -> None:
        with self._lock:
            self._path(doc_id).unlink(missing_ok=True)
            if self._docs is not None:
                self._docs.pop(doc_id, None)
            self._compiled = None

    def keep_only(self, doc_ids: set[str]) -> None:
        """Drop documents that are no longer in the library (after an interrupted import)."""
        with self._lock:
            for doc_id in set(self.documents()) - set(doc_ids):
                self.remove(doc_id)

    # -- ranking -----------------------------------------------------------------------------
    def _compile(self):
        if self._compiled is None:
            docs = self._loaded()
            names = sorted(docs)
            passage_keys, passage_docs, passage_bags = [], [], []
            page_bags: dict[tuple[str, int], Counter] = {}
            for number, doc_id in enumerate(names):
                for chunk_id, page, words in docs[doc_id].passages:
                    bag = Counter(words)
                    passage_keys.append(chunk_id)
                    passage_docs.append(number)
                    passage_bags.append(bag)
                    page_bags.setdefault((doc_id, page), Counter()).update(bag)
            page_keys = list(page_bags)
            index_of = {name: i for i, name in enumerate(names)}
            passages = _level(passage_keys, passage_docs, passage_bags)
            pages = _level(page_keys, [index_of[d] for d, _ in page_keys], [page_bags[k] for k in page_keys])
            # How many pages of each document carry each word: the document-aware part of the weight.
            pages_per_doc = np.bincount(pages.unit_doc, minlength=len(names)).astype(np.float64)
            rarity = {word: 1.0 - np.bincount(pages.unit_doc[units], minlength=len(names))
                      / (pages_per_doc + DOC_SMOOTHING) for word, (units, _) in pages.postings.items()}
            self._compiled = (passages, pages, rarity, names)
            on_page: dict[tuple[str, int], list[str]] = {}
            for doc_id in names:
                for chunk_id, page, _words in docs[doc_id].passages:
                    on_page.setdefault((doc_id, page), []).append(chunk_id)
            self._on_page = on_page
            self._page_of = {chunk_id: key for key, chunk_ids in on_page.items() for chunk_id in chunk_ids}
        return self._compiled

    def page_of(self, chunk_id: str) -> tuple[str, int] | None:
        """(doc_id, page) of a passage held here."""
        with self._lock:
            self._compile()
            return self._page_of.get(chunk_id)

    def passages_on_page(self, doc_id: str, page: int) -> list[str]:
        """Passage ids whose first page is ``page``, in reading order."""
        with self._lock:
            self._compile()
            return list(self._on_page.get((doc_id, page), []))

    def search(self, words: list[str], *, level: str = "passage", doc_ids: set[str] | None = None,
               limit: int = 50) -> list[tuple[object, float]]:
        """Best units for ``words``: ``(chunk_id, score)`` for passages, ``((doc_id, page), score)`` for pages."""
        with self._lock:
            passages, pages, rarity, names = self._compile()
        index = passages if level == "passage" else pages
        if not index.keys or not words:
            return []
        allowed = None
        if doc_ids is not None:
            allowed = np.array([name in doc_ids for name in names], dtype=bool)
        scores = np.zeros(len(index.keys), dtype=np.float64)
        units_total = len(index.keys)
        norm = K1 * (1 - B + B * index.lengths / index.average_length)
        for word, weight in Counter(words).items():
            posting = index.postings.get(word)
            if posting is None:
                continue
            units, counts = posting
            df = len(units)
            idf = math.log(1 + (units_total - df + 0.5) / (df + 0.5))
            damp = rarity[word][index.unit_doc[units]]
            scores[units] += weight * idf * damp * counts * (K1 + 1) / (counts + norm[units])
        if allowed is not None:
            scores[~allowed[index.unit_doc]] = 0.0
        best = np.argsort(-scores)[:limit]
        return [(index.keys[i], float(scores[i])) for i in best if scores[i] > 0]


def _level(keys: list, unit_docs: list[int], bags: list[Counter]) -> _Level:
    postings_lists: dict[str, tuple[list[int], list[int]]] = {}
    for unit, bag in enumerate(bags):
        for word, count in bag.items():
            entry = postings_lists.setdefault(word, ([], []))
            entry[0].append(unit)
            entry[1].append(count)
    postings = {w: (np.asarray(u, dtype=np.int64), np.asarray(c, dtype=np.float64))
                for w, (u, c) in postings_lists.items()}
    lengths = np.asarray([sum(b.values()) for b in bags], dtype=np.float64)
    return _Level(keys, np.asarray(unit_docs, dtype=np.int64), np.maximum(lengths, 1.0), postings)
