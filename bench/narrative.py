"""Narrative answers on the dev set (issue 21): key points, degenerate outputs, unsupported sentences, seconds.

For the dev questions of the chosen categories (default: section_summary why_how list false_premise
multi_hop) on the chosen dev documents, prints in one run, per category and overall, for
- the app: ``answer_question`` (facts, then the narrative route of ``analyst_desk.core.drafting.narrative``);
- the baseline: passages-only answering (search top 5 → relevance → ``generate_grounded``, the route
  every narrative question took before);
the columns: key-point coverage (each key point "a|b" found in the answer, compared without spaces,
case-insensitive; list items the same; lists complete = every item), false premises corrected (every
key point of the correction said), degenerate outputs shown (the shown answer is empty, restates the
question, lists numbers without content or repeats itself, and is not a labelled quote), unsupported
sentences shown (a shown sentence whose words/figures are not in the passage it cites, by
``answers.support``), seconds per answer (mean and p95, model loaded once beforehand).

Run under the CPU lock, a few categories at a time (each answer takes up to a minute on 2 cores):
  cpulock .venv/bin/python bench/narrative.py --categories section_summary --docs pingan liyuan
--import-only imports the documents into the cache library and stops.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.answers import DEFAULT_BASE, SETS, SHARED, import_missing, library_folder, load_set  # noqa: E402

CATEGORIES = ["section_summary", "why_how", "list", "false_premise", "multi_hop"]
DEFAULT_DOCS = ["pingan", "liyuan", "qixing", "qinshang", "nanling", "apple", "mcdonalds"]
DEFAULT_MODEL = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
#: More dev list questions (same documents, same format), read beside the dev set's own.
EXTRA_SETS = [ROOT / "tests" / "data" / name for name in ("narrative_devset_lists.json", "narrative_devset_lists2.json",
                                                      "narrative_devset_premises.json",
                                                      "narrative_devset_s6.json")]


def document_paths(devset: dict) -> dict[str, Path]:
    return {key: SHARED / info["path"] for key, info in devset["documents"].items()}


def open_library(folder: Path, files: dict[str, Path], *, read_only: bool = False):
    """The dev library (the folder bench/answers.py uses for the same documents), importing what is missing
    (``read_only``: a library another run is writing, opened for reading, nothing imported)."""
    from analyst_desk.core.library.embedders import UseEmbedder
    from analyst_desk.core.library.library import Library, doc_id_for

    library = Library(folder, UseEmbedder(threads=os.cpu_count() or 2), read_only=read_only)
    if not read_only:
        import_missing(library, files)
    return library, {key: doc_id_for(path) for key, path in files.items()}


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def points_found(answer: str, points: list[str]) -> int:
    """Key points (or list items) the answer says, by bench/answers.py's rule (``answer_columns.covered``:
    one '|' alternative whose every word is in the answer), so dev and validation figures compare."""
    from bench.answer_columns import covered

    return sum(1 for p in points if covered(answer, p))


def missing_points(answer: str, points: list[str]) -> list[str]:
    from bench.answer_columns import covered

    return [p for p in points if not covered(answer, p)]


class NeedsModel(LookupError):
    """Raised by the bench's --model none engine: this answer needs the model."""


def no_model():
    raise NeedsModel("this answer needs the model")


@dataclass
class _Unanswered:
    """What --model none records for a question the app could not answer without the model."""

    text: str = "[needs the model]"
    not_found: bool = True
    sources: list = field(default_factory=list)
    route: str = "needs model"


def score(question: dict, text: str) -> dict:
    """{"points": found, "of": total} for key points / items, or {"right": bool} for a text or value answer."""
    answer = question.get("answer") or {}
    if "key_points" in answer:
        return {"points": points_found(text, answer["key_points"]), "of": len(answer["key_points"])}
    if "items" in answer:
        return {"points": points_found(text, answer["items"]), "of": len(answer["items"])}
    if "text" in answer:
        names = [answer["text"], *answer.get("aliases", [])]
        return {"points": int(any(_flat(n) in _flat(text) for n in names)), "of": 1}
    if question.get("answerable", True) and answer:
        from bench.answer_columns import score_answer  # an amount or cells, as bench/answers.py scores them

        return {"points": int(score_answer(question, text, not_found=False, passages=[]).right), "of": 1}
    return {"points": 0, "of": 0}


def shown_problems(question: str, result) -> tuple[bool, int, int]:
    """(degenerate shown, unsupported sentences shown, sentences shown) for one shown answer."""
    from analyst_desk.core.drafting.narrative.degenerate import degenerate_reasons
    from analyst_desk.core.drafting.narrative.support import check_answer

    quoted = bool(getattr(result, "quoted", False)) or result.text.startswith(("原文摘录", "Quoted from the report"))
    degenerate = not result.not_found and not quoted and bool(degenerate_reasons(result.text, question))
    if result.not_found or getattr(result, "from_facts", False) or quoted or not result.sources:
        return degenerate, 0, 0
    checks = check_answer(result.text, {s.number: s.text for s in result.sources})
    return degenerate, sum(1 for c in checks if not c.supported), len(checks)


def passages_only(question: str, library, engine):
    """The baseline: the five best passages, the relevance filter and the grounded prompt, no facts."""
    from analyst_desk.core.drafting.answering import generate_grounded, not_found_result
    from analyst_desk.core.drafting.prompts import language_of
    from analyst_desk.core.drafting.relevance import relevant_hits

    language = language_of(question)
    hits = relevant_hits(question, library.search(question, k=5), library.embedder)
    if not hits:
        return not_found_result(language)
    return generate_grounded(engine, task=question, hits=hits, language=language, max_tokens=220)


def calibrate(library, doc_ids: list[str], samples: int = 300) -> None:
    """The embedder threshold of answers.support, measured: a sentence with a fifth of its words dropped
    against its own passage (supported) and against a passage of another section of the same document
    (unsupported); prints both distributions and the 95th/99th percentiles of the unsupported scores."""
    import random

    import numpy as np

    from analyst_desk.core.drafting.narrative.support import SupportChecker
    from analyst_desk.core.drafting.narrative.text import split_sentences

    rng = random.Random(21)
    positives, negatives = [], []
    for doc_id in doc_ids:
        passages = [p for p in library.chunks(doc_id) if p.kind == "text" and len(p.text) > 200]
        rng.shuffle(passages)
        for passage in passages[: samples // max(len(doc_ids), 1)]:
            sentences = [x for x in split_sentences(passage.text) if len(x) > 20]
            if not sentences:
                continue
            sentence = rng.choice(sentences)
            words = list(sentence)
            keep = [c for i, c in enumerate(words) if i % 5 != 2]  # a fifth of the characters dropped
            other = rng.choice([p for p in passages if p.heading_path != passage.heading_path] or passages)
            checker = SupportChecker({1: passage.text, 2: other.text}, library.embedder)
            positives.append(checker._similarity("".join(keep), 1))
            negatives.append(checker._similarity(sentence, 2))
    for name, values in (("supported (own passage)", positives), ("unsupported (other section)", negatives)):
        v = np.array(values)
        print(f"{name:30} n={len(v)} min {v.min():.2f} p5 {np.percentile(v, 5):.2f} median {np.median(v):.2f} "
              f"p95 {np.percentile(v, 95):.2f} p99 {np.percentile(v, 99):.2f} max {v.max():.2f}")
    print(f"threshold at the unsupported p95: {np.percentile(negatives, 95):.2f}; supported above it: "
          f"{np.mean(np.array(positives) >= np.percentile(negatives, 95)):.0%}")


def run(name: str, answer, questions: list[dict], *, out: Path | None = None, deadline: float = float("inf")) -> list[dict]:
    rows = []
    for question in questions:
        if time.perf_counter() > deadline:
            print(f"  [{name}] budget spent: {len(questions) - len(rows)} questions left for another run")
            break
        started = time.perf_counter()
        try:
            result = answer(question["q"])
        except NeedsModel:
            result = _Unanswered()
        took = time.perf_counter() - started
        degenerate, unsupported, shown = shown_problems(question["q"], result)
        rows.append({"id": question["id"], "category": question["category"], "seconds": took,
                     "degenerate": degenerate, "unsupported": unsupported, "sentences": shown,
                     "route": getattr(result, "route", "facts" if getattr(result, "from_facts", False) else "passages"),
                     "text": result.text, **score(question, result.text)})
        stats = getattr(result, "stats", None)
        speed = (f" prompt {stats.prompt_tokens} tok, first token {stats.time_to_first_token:.1f}s, "
                 f"{stats.tokens_per_second:.1f} tok/s" if stats is not None and stats.completion_tokens else "")
        print(f"  [{name}] {question['id']} {question['category']:15} {rows[-1]['points']}/{rows[-1]['of']} "
              f"{took:5.1f}s {rows[-1]['route']:18}{speed} {result.text[:160]!r}", flush=True)
        gold = question.get("answer") or {}
        points = gold.get("items") or gold.get("key_points") or []
        if points and rows[-1]["points"] < rows[-1]["of"]:
            print(f"      missing: {missing_points(result.text, points)}", flush=True)
        if out is not None:
            with out.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps({"answerer": name, **rows[-1]}, ensure_ascii=False) + "\n")
    return rows


def summary(rows: list[dict]) -> str:
    if not rows:
        return "no questions"
    points = sum(r["points"] for r in rows)
    total = sum(r["of"] for r in rows)
    complete = sum(1 for r in rows if r["of"] and r["points"] == r["of"])
    seconds = sorted(r["seconds"] for r in rows)
    p95 = seconds[min(len(seconds) - 1, int(round(0.95 * (len(seconds) - 1))))]
    sentences = sum(r["sentences"] for r in rows)
    unsupported = sum(r["unsupported"] for r in rows)
    return (f"key points {points}/{total} ({points / max(total, 1):.0%}), complete {complete}/{len(rows)}, "
            f"degenerate shown {sum(r['degenerate'] for r in rows)}/{len(rows)}, "
            f"unsupported sentences shown {unsupported}/{sentences} ({unsupported / max(sentences, 1):.0%}), "
            f"s/answer mean {sum(seconds) / len(seconds):.1f} p95 {p95:.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=None,
                        help="library folder (default: the one bench/answers.py uses for all dev documents)")
    parser.add_argument("--split", choices=sorted(SETS), default="dev",
                        help="dev (tune here) or validation (documents never tuned on: report, never tune)")
    parser.add_argument("--docs", nargs="*", default=None,
                        help=f"document keys (default: dev {' '.join(DEFAULT_DOCS)}; validation: all of its documents)")
    parser.add_argument("--categories", nargs="*", default=CATEGORIES)
    parser.add_argument("--ids", nargs="*", default=None)
    parser.add_argument("--model", default=DEFAULT_MODEL,
                        help="model file name, or 'none': the app without a model (answers that need it are "
                             "recorded as such; no baseline) — for the routes that need none, lists and premises")
    parser.add_argument("--read-only", action="store_true",
                        help="open --library for reading only (a library another bench run is writing)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--import-only", action="store_true")
    parser.add_argument("--calibrate", action="store_true", help="measure the support check's embedder threshold")
    parser.add_argument("--out", type=Path, default=None, help="append each answer's row to this JSON-lines file")
    parser.add_argument("--budget", type=float, default=float("inf"),
                        help="seconds after which no new question is started (keeps a locked run short)")
    parser.add_argument("--report", nargs="*", type=Path, default=None,
                        help="print the summary of rows saved by --out (several runs together) and stop")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores")
    if args.report is not None:
        rows = [json.loads(line) for path in args.report for line in path.read_text(encoding="utf-8").splitlines()]
        report([r for r in rows if r["answerer"] == "app"], [r for r in rows if r["answerer"] != "app"],
               args.categories)
        return 0
    devset = load_set(SETS[args.split])
    for extra in EXTRA_SETS if args.split == "dev" else []:
        devset["questions"] += load_set(extra)["questions"]
    if args.docs is None:
        args.docs = DEFAULT_DOCS if args.split == "dev" else list(devset["documents"])
    every = document_paths(devset)
    folder = args.library or library_folder(DEFAULT_BASE, every)
    os.environ.setdefault("ANALYST_DESK_HOME", str(folder.parent / (folder.name + "_home")))
    files = {k: p for k, p in every.items() if k in args.docs}
    library, doc_ids = open_library(folder, files, read_only=args.read_only)
    if args.import_only or args.calibrate:
        if args.calibrate:
            calibrate(library, list(doc_ids.values()))
        library.close()
        return 0
    wanted = set(args.docs)
    questions = [q for q in devset["questions"] if q["category"] in args.categories
                 and (args.ids is None or q["id"] in args.ids)
                 and set([q["doc"]] if isinstance(q["doc"], str) else (q["doc"] or ["-"])) <= wanted]
    print(f"{len(questions)} questions ({', '.join(args.categories)}) on {', '.join(sorted(wanted))}")
    from analyst_desk.core.drafting.answering import answer_question
    from analyst_desk.core.engine.base import LoadOptions
    from analyst_desk.core.engine.llama_engine import LlamaEngine
    from analyst_desk.core.engine.models import find_model

    if args.model == "none":
        engine, args.no_baseline = no_model, True
    else:
        engine = LlamaEngine(find_model(args.model), LoadOptions(context_size=4096, threads=2)).load()
    deadline = time.perf_counter() + args.budget
    app, base = [], []
    try:
        for question in questions:  # app and baseline question by question, so a spent budget leaves pairs
            if time.perf_counter() > deadline:
                print(f"budget spent: {len(questions) - len(app)} questions left for another run")
                break
            app += run("app", lambda q: answer_question(q, library, engine, k=5, max_tokens=220), [question],
                       out=args.out)
            if not args.no_baseline:
                base += run("passages only", lambda q: passages_only(q, library, engine), [question], out=args.out)
    finally:
        if engine is not no_model:
            engine.close()
    library.close()
    report(app, base, args.categories)
    return 0


def report(app: list[dict], base: list[dict], categories: list[str]) -> None:
    print()
    for category in categories:
        a = [r for r in app if r["category"] == category]
        b = [r for r in base if r["category"] == category]
        if a:
            print(f"{category:16} app:      {summary(a)}")
            if b:
                print(f"{'':16} baseline: {summary(b)}")
    print(f"{'all':16} app:      {summary(app)}")
    if base:
        print(f"{'':16} baseline: {summary(base)}")


if __name__ == "__main__":
    raise SystemExit(main())
