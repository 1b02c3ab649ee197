"""Answers benchmark on the dev set (tests/data/answers_devset.json): evidence retrieval now, answers per model.

One library holds the five team documents (Ping An 2024 annual report, the MinerU research note, three
prospectuses). It is imported once into a cache folder (default /tmp/answers_lib, or --library) and reused
while the five files are unchanged; --rebuild imports again. Import is heavy: run the bench under the
team's CPU lock (flock /tmp/analyst-desk-cpu.lock python bench/answers.py).

Printed, side by side from the same run, for the questions whose answer is in the library:
- evidence page hit@1 / hit@5: a top-k hit is on one of the question's evidence pages of its document;
- document hit@5: the question's document is among the top 5;
- seconds per search;
for the app's ``Library.search`` and for a naive whole-page BM25 (jieba words, one BM25 document per
PDF page, library-wide IDF, no issuer or period handling).

-- How to add columns (contract with the answer side of issue 11) ------------------------------------
RETRIEVAL_METHODS: (name, function(context, question) -> [(doc_id, page), ...] best first). Each gets a
    row with hit@1 / hit@5 / doc@5 / s per search.
ANSWER_COLUMNS: functions ``column(context, model) -> dict[str, str]`` (column title → printed value,
    e.g. {"correct": "41/67", "figures exact/flagged/wrong": "30/3/0", "not-found acc.": "10/12",
    "s/answer": "4.1"}). The bench calls each for every model named by --models (default: the models
    in models/) and prints one row per model with all their columns. ``context`` is a BenchContext:
    the opened library, the dev set, the devset-key → doc_id map and the parsed arguments.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEVSET = ROOT / "tests" / "data" / "answers_devset.json"
SHARED = ROOT.parent / "shared" / "data"
DEFAULT_LIBRARY = Path("/tmp/answers_lib")


@dataclass
class BenchContext:
    library: object
    devset: dict
    #: dev-set document key ("pingan", "shenhua" …) → the library's doc_id
    doc_ids: dict[str, str]
    args: argparse.Namespace
    extras: dict = field(default_factory=dict)

    @property
    def questions(self) -> list[dict]:
        return self.devset["questions"]


def load_devset(path: Path = DEVSET) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def document_paths(devset: dict, shared: Path = SHARED) -> dict[str, Path]:
    return {key: shared / info["path"] for key, info in devset["documents"].items()}


def open_library(folder: Path, files: dict[str, Path], *, rebuild: bool = False):
    """The cached library of the dev-set documents, importing only what is missing or changed."""
    from analyst_desk.core.library.embedders import UseEmbedder
    from analyst_desk.core.library.library import Library, doc_id_for

    if rebuild and folder.exists():
        import shutil

        shutil.rmtree(folder)
    library = Library(folder, UseEmbedder(threads=os.cpu_count() or 2))
    start = time.perf_counter()
    report = library.add_paths(list(files.values()))
    took = time.perf_counter() - start
    imported = [r for r in report.results if r.status in ("indexed", "replaced")]
    failed = [r for r in report.results if not r.ok]
    if failed:
        raise SystemExit("import failed: " + "; ".join(r.message for r in failed))
    print(f"library: {folder} ({len(imported)} of {len(files)} documents imported now, {took:.1f} s; "
          f"the rest reused)")
    return library, {key: doc_id_for(path) for key, path in files.items()}


# -- retrieval methods ---------------------------------------------------------------------------
def app_search(context: BenchContext, question: dict) -> list[tuple[str, int]]:
    return [(h.doc_id, h.page) for h in context.library.search(question["q"], k=5)]


class NaivePageBm25:
    """Baseline: every PDF page one BM25 document (jieba words via the app's tokenizer), library-wide
    IDF, k1 = 1.2, b = 0.75; no issuer, period, passage or vector evidence."""

    def __init__(self, files: dict[str, str | Path], doc_ids: dict[str, str]) -> None:
        import pymupdf

        from analyst_desk.core.library.tokenizer import tokenize

        self._tokenize = tokenize
        self.keys: list[tuple[str, int]] = []
        self.bags: list[Counter] = []
        for key, path in files.items():
            with pymupdf.open(path) as doc:
                for number, page in enumerate(doc, start=1):
                    self.keys.append((doc_ids[key], number))
                    self.bags.append(Counter(tokenize(page.get_text())))
        self.lengths = [sum(b.values()) or 1 for b in self.bags]
        self.average = sum(self.lengths) / max(len(self.lengths), 1)
        df: Counter = Counter()
        for bag in self.bags:
            df.update(bag.keys())
        n = len(self.bags)
        self.idf = {w: math.log(1 + (n - d + 0.5) / (d + 0.5)) for w, d in df.items()}

    def search(self, text: str, k: int = 5) -> list[tuple[str, int]]:
        words = self._tokenize(text)
        scores = []
        for i, bag in enumerate(self.bags):
            score = 0.0
            norm = 1.2 * (1 - 0.75 + 0.75 * self.lengths[i] / self.average)
            for w in words:
                tf = bag.get(w)
                if tf:
                    score += self.idf[w] * tf * 2.2 / (tf + norm)
            scores.append(score)
        best = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[:k]
        return [self.keys[i] for i in best if scores[i] > 0]


def naive_search(context: BenchContext, question: dict) -> list[tuple[str, int]]:
    return context.extras["naive"].search(question["q"], k=5)


RETRIEVAL_METHODS: list[tuple[str, Callable[[BenchContext, dict], list[tuple[str, int]]]]] = [
    ("app Library.search", app_search),
    ("naive whole-page BM25", naive_search),
]
ANSWER_COLUMNS: list[Callable[[BenchContext, str], dict[str, str]]] = []
# Answer correctness, figures exact/flagged/wrong, not-found accuracy, s/answer per model (bench/answer_columns.py).
from bench.answer_columns import COLUMNS as _ANSWER_COLUMNS  # noqa: E402

ANSWER_COLUMNS.extend(_ANSWER_COLUMNS)


@dataclass
class RetrievalScore:
    questions: int = 0
    hit1: int = 0
    hit5: int = 0
    doc5: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)


def score_retrieval(context: BenchContext, method) -> RetrievalScore:
    score = RetrievalScore()
    for question in context.questions:
        if not question["answerable"]:
            continue
        start = time.perf_counter()
        ranked = method(context, question)[:5]
        score.seconds += time.perf_counter() - start
        wanted_doc = context.doc_ids[question["doc"]]
        hits = [i for i, (doc, page) in enumerate(ranked) if doc == wanted_doc and page in question["pages"]]
        score.questions += 1
        score.hit1 += bool(hits and hits[0] == 0)
        score.hit5 += bool(hits)
        score.doc5 += any(doc == wanted_doc for doc, _ in ranked)
        if not hits:
            score.misses.append(f"{question['id']} {question['q']} (pages {question['pages']}, got {ranked})")
    return score


def _pct(n: int, total: int) -> str:
    return f"{n / max(total, 1):.0%} ({n}/{total})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=DEFAULT_LIBRARY, help="cache folder of the imported library")
    parser.add_argument("--rebuild", action="store_true", help="import the five documents again")
    parser.add_argument("--misses", action="store_true", help="list the questions each method misses")
    parser.add_argument("--models", nargs="*", default=None, help="models for the answer columns")
    args = parser.parse_args()
    os.environ.setdefault("ANALYST_DESK_HOME", str(args.library.parent / (args.library.name + "_home")))

    devset = load_devset()
    files = document_paths(devset)
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        print("dev-set documents not found (../shared/data): " + ", ".join(missing))
        return 2
    print(f"machine: {os.cpu_count()} cores")
    library, doc_ids = open_library(args.library, files, rebuild=args.rebuild)
    context = BenchContext(library, devset, doc_ids, args)
    start = time.perf_counter()
    context.extras["naive"] = NaivePageBm25(files, doc_ids)
    print(f"naive baseline: {len(context.extras['naive'].keys)} pages tokenised in {time.perf_counter() - start:.1f} s")
    answerable = sum(q["answerable"] for q in devset["questions"])
    print(f"dev set: {len(devset['questions'])} questions, {answerable} with evidence pages, "
          f"{len(devset['questions']) - answerable} not answerable from the library")
    print()
    print(f"{'retrieval (top 5)':28} {'page hit@1':>14} {'page hit@5':>14} {'doc hit@5':>14} {'s/search':>9}")
    for name, method in RETRIEVAL_METHODS:
        method(context, devset["questions"][0])  # warm caches (embedder, keyword index) outside the timing
        score = score_retrieval(context, method)
        print(f"{name:28} {_pct(score.hit1, score.questions):>14} {_pct(score.hit5, score.questions):>14} "
              f"{_pct(score.doc5, score.questions):>14} {score.seconds / max(score.questions, 1):>9.3f}")
        if args.misses:
            for miss in score.misses:
                print("    miss:", miss)
    if ANSWER_COLUMNS:
        from analyst_desk.core.engine.models import discover_models

        models = args.models if args.models is not None else [str(m.path) for m in discover_models()
                                                              if m.ok and m.is_chat]
        print()
        for model in models:
            cells: dict[str, str] = {}
            for column in ANSWER_COLUMNS:
                cells.update(column(context, model))
            print(f"{model:40} " + "  ".join(f"{k}: {v}" for k, v in cells.items()))
    library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
