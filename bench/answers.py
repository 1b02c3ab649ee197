"""Answers benchmark: the app's Ask, passages-only answering and retrieval, per split and per category.

Sets: tests/data/answers_devset.json (dev) and, when present, tests/data/validation/answers.json (validation; written
by another helper — this bench scores it and prints only scores, never its questions). Both are in the shared
format of /work/team_brief.md.

One library holds the documents of the selected splits. It is imported once into a cache folder keyed by the
document set (under --library, default /tmp/answers_bench) and reused; a document is imported at most once, one at
a time, and ``--import-budget`` seconds stop the import between documents (run again to go on), so each run under
the team's CPU lock stays short. Answers are cached too (``results.jsonl`` in that folder, keyed by split, question,
model and mode): run slices (``--categories``, ``--limit N`` per category, ``--offset``) and the tables count every
cached answer of the selected questions. ``--fresh`` answers again (after a change to the app).

Printed, per split and per category, beside each other from the same run:
- retrieval (answerable questions): page hit@1 / hit@5 (a top-k passage on one of the question's evidence pages of
  its document) and document hit@5, for the app's ``Library.search`` and a naive whole-page BM25 baseline;
- answers, for each model (--models; default: the app's default chat model) and each mode — ``ask`` (the app's
  Ask: facts, then passages and the model) and ``passages`` (the same model from the top passages only, no facts):
  right-or-honest-not-found, wrong units, partial credit (key-point coverage, list recall, cells found),
  unsupported-sentence rate and degenerate outputs (narrative answers), seconds per answer. Scoring rules:
  bench/answer_columns.py.

Extension points: RETRIEVAL_METHODS — (name, function(context, question) -> [(doc_id, page), …] best first);
ANSWER_MODES (bench/answer_columns.py) — (name, function(context, engine, question) -> Answered).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SETS = {"dev": ROOT / "tests" / "data" / "answers_devset.json",
        "validation": ROOT / "tests" / "data" / "validation" / "answers.json"}
SHARED = ROOT.parent / "shared" / "data"
DEFAULT_BASE = Path("/tmp/answers_bench")
CATEGORY_ORDER = ["statement_figure", "key_figure", "profile_field", "derived_ratio", "compare_periods",
                  "compare_companies", "list", "english_over_chinese", "english_filing", "not_in_library",
                  "section_summary", "why_how", "false_premise", "multi_hop"]


def load_set(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# -- the library ------------------------------------------------------------------------------------------
def library_folder(base: Path, files: dict[str, Path]) -> Path:
    """The cache folder for one document set: a digest of the files' paths and sizes."""
    digest = hashlib.sha1("\n".join(sorted(f"{p.resolve()}:{p.stat().st_size}" for p in files.values()))
                          .encode("utf-8")).hexdigest()[:12]
    return base / f"library-{digest}"


def import_missing(library, files: dict[str, Path], *, budget: float | None = None) -> list[str]:
    """Import the files the library does not hold yet, one at a time; stop starting new ones once ``budget``
    seconds have passed. Returns the keys still missing."""
    from analyst_desk.core.library.library import doc_id_for

    held = {r.doc_id for r in library.documents()}
    missing = [key for key, path in files.items() if doc_id_for(path) not in held]
    started = time.perf_counter()
    while missing:
        if budget is not None and time.perf_counter() - started > budget:
            break
        key = missing[0]
        began = time.perf_counter()
        report = library.add_paths([files[key]])
        failed = [r for r in report.results if not r.ok]
        if failed:
            raise SystemExit(f"import of {files[key].name} failed: " + "; ".join(r.message for r in failed))
        print(f"  imported {files[key].name} in {time.perf_counter() - began:.0f} s", flush=True)
        missing.pop(0)
    return missing


def open_library(folder: Path, files: dict[str, Path], *, rebuild: bool = False, budget: float | None = None,
                 read_only: bool = False):
    """(library, key → doc_id) for ``files`` in ``folder``, importing what is missing (all of it unless a budget;
    nothing when ``read_only``). ``library.missing`` lists the keys still to import."""
    from analyst_desk.core.library.embedders import UseEmbedder
    from analyst_desk.core.library.library import Library, doc_id_for

    if rebuild and folder.exists():
        import shutil

        shutil.rmtree(folder)
    library = Library(folder, UseEmbedder(threads=os.cpu_count() or 2), read_only=read_only)
    library.missing = [] if read_only else import_missing(library, files, budget=budget)
    return library, {key: doc_id_for(path) for key, path in files.items()}


def wanted_pages(question: dict, doc_ids: dict[str, str], prefix: str = "") -> set[tuple[str, int]]:
    """(doc_id, page) pairs that count as evidence for ``question`` (``prefix`` namespaces a split's keys)."""
    if question.get("doc_pages"):
        return {(doc_ids[prefix + key], p) for key, pages in question["doc_pages"].items() for p in pages}
    if isinstance(question["doc"], str):
        return {(doc_ids[prefix + question["doc"]], p) for p in question["pages"]}
    return set()


# -- context -------------------------------------------------------------------------------------------
@dataclass
class Question:
    split: str
    data: dict

    @property
    def key(self) -> str:
        return f"{self.split}:{self.data['id']}"

    @property
    def digest(self) -> str:
        return hashlib.sha1(self.data["q"].encode("utf-8")).hexdigest()[:10]


@dataclass
class BenchContext:
    library: object
    questions: list[Question]
    doc_ids: dict[str, str]  # "split:key" → doc_id
    args: argparse.Namespace
    extras: dict = field(default_factory=dict)

    def fact_book(self):
        """The library's facts (built once for documents that have none), or None when facts are unavailable."""
        if "facts" not in self.extras:
            try:
                from analyst_desk.core.facts import FactBook
                from analyst_desk.core.library.table_facts.indexing import build_missing

                started = time.perf_counter()
                counts = build_missing(self.library, rebuild=self.args.rebuild_facts)
                if counts:
                    print(f"  facts built for {len(counts)} documents in {time.perf_counter() - started:.0f} s")
                self.extras["facts"] = FactBook.of(self.library)
            except Exception as exc:  # noqa: BLE001 - the bench reports and goes on without facts
                print(f"  facts unavailable ({exc}); ask runs without them")
                self.extras["facts"] = None
        return self.extras["facts"]


# -- retrieval methods ----------------------------------------------------------------------------------
def app_search(context: BenchContext, question: dict) -> list[tuple[str, int]]:
    return [(h.doc_id, h.page) for h in context.library.search(question["q"], k=5)]


class NaivePageBm25:
    """Baseline: every PDF page one BM25 document (jieba words via the app's tokenizer), library-wide
    IDF, k1 = 1.2, b = 0.75; no issuer, period, passage or vector evidence."""

    def __init__(self, files: dict[str, Path], doc_ids: dict[str, str]) -> None:
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
    ("app", app_search),
    ("BM25", naive_search),
]


def retrieval_rows(context: BenchContext, split: str) -> dict[str, dict[str, list[int]]]:
    """category → method → [n, hit1, hit5, doc5]."""
    rows: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0]))
    for question in context.questions:
        q = question.data
        if question.split != split or not q["answerable"]:
            continue
        wanted = wanted_pages(q, context.doc_ids, prefix=split + ":")
        wanted_docs = {d for d, _ in wanted}
        for name, method in RETRIEVAL_METHODS:
            ranked = method(context, q)[:5]
            hits = [i for i, hit in enumerate(ranked) if hit in wanted]
            for row in (q["category"], "all", "lang:" + q["language"]):
                cell = rows[row][name]
                cell[0] += 1
                cell[1] += bool(hits and hits[0] == 0)
                cell[2] += bool(hits)
                cell[3] += any(doc in wanted_docs for doc, _ in ranked)
            if not hits and context.args.misses and split == "dev":
                context.extras.setdefault("misses", []).append(f"[{name}] {q['id']} {q['q']} got {ranked}")
    return rows


def _pct(n: int, total: int) -> str:
    return f"{n / total:4.0%}" if total else "   -"


def print_retrieval(context: BenchContext, split: str) -> None:
    rows = retrieval_rows(context, split)
    names = [name for name, _ in RETRIEVAL_METHODS]
    print(f"\n== retrieval, {split} split (answerable questions, top 5) ==")
    print(f"{'category':22} {'n':>4} | " + " | ".join(f"{n + ' page@1':>11} {'page@5':>6} {'doc@5':>5}" for n in names))
    for row in [c for c in CATEGORY_ORDER if c in rows] + ["lang:zh", "lang:en", "all"]:
        if row not in rows:
            continue
        n = rows[row][names[0]][0]
        cells = [f"{_pct(rows[row][m][1], n):>11} {_pct(rows[row][m][2], n):>6} {_pct(rows[row][m][3], n):>5}"
                 for m in names]
        print(f"{row:22} {n:>4} | " + " | ".join(cells))
    for miss in context.extras.pop("misses", []):
        print("    miss:", miss)


# -- answers --------------------------------------------------------------------------------------------
def _head() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


class ResultCache:
    """Answers already given, one JSON line each, keyed by split, question (id + text digest), model and mode."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.records: dict[tuple, dict] = {}
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    self.records[tuple(record["key"])] = record

    @staticmethod
    def key(question: Question, model: str, mode: str) -> tuple:
        return (question.key, question.digest, Path(model).name, mode)

    def get(self, question: Question, model: str, mode: str) -> dict | None:
        return self.records.get(self.key(question, model, mode))

    def put(self, question: Question, model: str, mode: str, answered, head: str) -> None:
        record = {"key": list(self.key(question, model, mode)), "text": answered.text, "not_found": answered.not_found,
                  "seconds": round(answered.seconds, 2), "passages": answered.passages,
                  "from_facts": answered.from_facts, "head": head, "at": time.strftime("%Y-%m-%dT%H:%M:%S")}
        self.records[tuple(record["key"])] = record
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_answers(context: BenchContext, model: str, cache: ResultCache, modes: list[str]) -> None:
    """Answer every selected question not yet cached, in each mode, with ``model`` (loaded once)."""
    from bench.answer_columns import ANSWER_MODES

    # Question by question, every mode in turn: a time budget cuts both modes at the same question.
    todo = [(q, name, fn) for q in context.questions for name, fn in ANSWER_MODES if name in modes
            if context.args.fresh or cache.get(q, model, name) is None]
    if not todo:
        return
    from analyst_desk.core.engine.base import LoadOptions
    from analyst_desk.core.engine.llama_engine import LlamaEngine
    from analyst_desk.core.engine.models import find_model

    head = _head()
    engine = LlamaEngine(find_model(model), LoadOptions(context_size=4096, threads=os.cpu_count() or 2)).load()
    started = time.perf_counter()
    try:
        for done, (question, name, fn) in enumerate(todo, start=1):
            if context.args.time_budget and time.perf_counter() - started > context.args.time_budget:
                print(f"  time budget reached: {done - 1} of {len(todo)} answered now; run again to go on")
                break
            answered = fn(context, engine, question.data)
            cache.put(question, model, name, answered, head)
    finally:
        engine.close()


def print_answers(context: BenchContext, split: str, model: str, cache: ResultCache, modes: list[str]) -> None:
    from bench.answer_columns import score_answer

    table: dict[str, dict[str, dict]] = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
    degenerate: Counter = Counter()
    for question in context.questions:
        if question.split != split:
            continue
        q = question.data
        for mode in modes:
            record = cache.get(question, model, mode)
            if record is None:
                continue
            verdict = score_answer(q, record["text"], not_found=record["not_found"], passages=record["passages"])
            for row in (q["category"], "lang:" + q["language"], "all"):
                cell = table[row][mode]
                cell["n"] += 1
                cell["right"] += verdict.right
                cell["wrong_unit"] += verdict.wrong_unit
                cell["degenerate"] += bool(verdict.degenerate)
                cell["unsupported"] += verdict.unsupported
                cell["sentences"] += verdict.sentences
                cell["seconds"] += record["seconds"]
                cell["facts"] += record.get("from_facts", False)
                if verdict.partial is not None:
                    cell["partial"] += verdict.partial
                    cell["partial_n"] += 1
            if verdict.degenerate:
                degenerate[(mode, verdict.degenerate)] += 1
            if context.args.misses and split == "dev" and not verdict.right:
                print(f"    [{mode}] miss {q['id']} {q['q']} → {record['text'][:150]!r}".replace("\n", " "))
    selected = sum(1 for q in context.questions if q.split == split)
    print(f"\n== answers, {split} split, {Path(model).name} ({selected} questions selected) ==")
    header = " | ".join(f"{m + ' right':>15} {'wrongU':>6} {'part.':>5} {'unsup':>5} {'degen':>5} {'s/ans':>5}" for m in modes)
    print(f"{'category':22} | {header}")
    for row in [c for c in CATEGORY_ORDER if c in table] + ["lang:zh", "lang:en", "all"]:
        if row not in table:
            continue
        cells = []
        for mode in modes:
            c = table[row][mode]
            n = int(c["n"])
            if not n:
                cells.append(f"{'-':>15} {'':>6} {'':>5} {'':>5} {'':>5} {'':>5}")
                continue
            part = f"{c['partial'] / c['partial_n']:.0%}" if c["partial_n"] else "-"
            unsup = f"{c['unsupported'] / c['sentences']:.0%}" if c["sentences"] else "-"
            cells.append(f"{int(c['right']):>4}/{n:<3} {c['right'] / n:>5.0%} {int(c['wrong_unit']):>6} {part:>5} "
                         f"{unsup:>5} {int(c['degenerate']):>5} {c['seconds'] / n:>5.1f}")
        print(f"{row:22} | " + " | ".join(cells))
    if degenerate:
        print("  degenerate: " + ", ".join(f"{mode} {why} ×{n}" for (mode, why), n in sorted(degenerate.items())))


# -- main -------------------------------------------------------------------------------------------------
def select(questions: list[Question], args) -> list[Question]:
    wanted = set(args.categories.split(",")) if args.categories else None
    seen: Counter = Counter()
    out = []
    for question in questions:
        category = question.data["category"]
        if wanted and category not in wanted:
            continue
        seen[(question.split, category)] += 1
        index = seen[(question.split, category)]
        if index <= args.offset:
            continue
        if args.limit and index > args.offset + args.limit:
            continue
        out.append(question)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "validation", "both"], default="dev")
    parser.add_argument("--models", nargs="*", default=None, help="model names or paths (default: the app's default)")
    parser.add_argument("--modes", default="ask,passages", help="answer modes (ask, passages)")
    parser.add_argument("--categories", default="", help="comma-separated categories to run")
    parser.add_argument("--limit", type=int, default=0, help="at most N questions per category")
    parser.add_argument("--offset", type=int, default=0, help="skip the first N questions of each category")
    parser.add_argument("--no-answers", action="store_true", help="retrieval only")
    parser.add_argument("--no-retrieval", action="store_true", help="answers only")
    parser.add_argument("--library", type=Path, default=DEFAULT_BASE, help="cache folder (library, facts, answers)")
    parser.add_argument("--rebuild", action="store_true", help="import the documents again")
    parser.add_argument("--rebuild-facts", action="store_true", help="extract the facts again")
    parser.add_argument("--fresh", action="store_true", help="answer again instead of using cached answers")
    parser.add_argument("--import-budget", type=float, default=None, help="stop importing after N seconds")
    parser.add_argument("--time-budget", type=float, default=0, help="stop answering after N seconds")
    parser.add_argument("--misses", action="store_true", help="list misses (dev split only)")
    parser.add_argument("--only", choices=["dev", "validation"], default=None,
                        help="with --split both: the library of both splits, questions of this one only")
    args = parser.parse_args(argv)
    os.environ.setdefault("ANALYST_DESK_HOME", str(args.library / "home"))
    print(f"machine: os.cpu_count() = {os.cpu_count()}")

    splits = ["dev", "validation"] if args.split == "both" else [args.split]
    questions: list[Question] = []
    files: dict[str, Path] = {}
    for split in splits:
        if not SETS[split].is_file():
            print(f"{split} set not present ({SETS[split].relative_to(ROOT)}): skipped")
            continue
        data = load_set(SETS[split])
        files.update({f"{split}:{key}": SHARED / info["path"] for key, info in data["documents"].items()})
        questions += [Question(split, q) for q in data["questions"]]
        print(f"{split} set: {len(data['questions'])} questions over {len(data['documents'])} documents")
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        print("documents not found (../shared/data): " + ", ".join(missing))
        return 2
    if not questions:
        return 2
    # One copy of a document shared by both splits is one library document.
    unique = {p.resolve(): p for p in files.values()}
    folder = library_folder(args.library, {str(k): v for k, v in unique.items()})
    started = time.perf_counter()
    library, by_key = open_library(folder, {str(k): v for k, v in unique.items()}, rebuild=args.rebuild,
                                   budget=args.import_budget)
    if library.missing:
        print(f"library {folder}: {len(library.missing)} documents still to import; run again to go on")
        library.close()
        return 3
    (folder / "complete").write_text("\n".join(sorted(str(k) for k in unique)) + "\n", encoding="utf-8")
    print(f"library {folder}: {len(unique)} documents ready ({time.perf_counter() - started:.0f} s)")
    doc_ids = {key: by_key[str(path.resolve())] for key, path in files.items()}
    if args.only:  # the library of both splits (imported once), the questions of one
        questions = [q for q in questions if q.split == args.only]
        splits = [args.only]
    context = BenchContext(library, select(questions, args), doc_ids, args)
    try:
        if not args.no_retrieval:
            started = time.perf_counter()
            context.extras["naive"] = NaivePageBm25({str(k): v for k, v in unique.items()}, by_key)
            print(f"naive BM25: {len(context.extras['naive'].keys)} pages in {time.perf_counter() - started:.0f} s")
            app_search(context, context.questions[0].data)  # warm caches outside the tables
            for split in splits:
                print_retrieval(context, split)
        if not args.no_answers:
            from analyst_desk.core.engine.models import default_chat_model

            models = args.models or [str(default_chat_model().path)]
            modes = [m for m in args.modes.split(",") if m]
            cache = ResultCache(args.library / "results.jsonl")
            for model in models:
                run_answers(context, model, cache, modes)
                for split in splits:
                    print_answers(context, split, model, cache, modes)
    finally:
        book = context.extras.get("facts")
        if book is not None:
            book.close()
        library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
