"""Library benchmark: import throughput and its stages, OCR throughput, search latency as the library grows.

Printed in one run, each beside its baseline on the same input:
- import of a folder of real reports (default ../shared/data/cn_prospectus_dev2, 2,027 pages): raw
  PyMuPDF text extraction pages/s, the app's import pages/s end to end, their ratio, seconds per
  stage (parse, OCR, tables, facts, chunking, embedding, words, write), peak memory of this process and
  of the page-reading workers;
- OCR: generated image-only pages through RapidOCR directly, and through the app's import;
- search: the library grown to 1k, 5k and 10k pages (the imported reports repeated under new names,
  their vectors and words reused), p50/p95 per query in-process for ``Library.search`` and for its
  keyword ranking alone (LanceDB full-text over jieba words), beside the old pure-Python keyword
  index (``keyword_index.py``) on the same words; and the wall time of one CLI ``index search``.

Usage: python bench/library.py [--folder PATH] [--sizes 1000,5000,10000] [--ocr-pages 4] [--facts-out FILE]
                              [--passages-out FILE]
(``--sizes ""`` runs the import alone; ``--facts-out``/``--passages-out`` write what the import made, one
line per fact or passage, sorted, so a faster import can be diffed against the one before it.)
Heavy: run under the team's CPU lock (cpulock python bench/library.py).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_FOLDER = ROOT.parent / "shared" / "data" / "cn_prospectus_dev2"
QUERIES = ["营业收入", "净利润", "主要客户", "募集资金投资项目", "实际控制人", "毛利率", "应收账款周转率", "研发投入",
           "前五名供应商", "税收优惠", "北京七星华创电子股份有限公司的营业收入", "武汉力源信息技术股份有限公司的主要客户",
           "net profit", "major customers"]


def peak_mib() -> tuple[float, float]:
    """Peak resident memory of this process and of the largest child (the page readers), MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def raw_text_speed(files: list[Path]) -> tuple[int, float]:
    import pymupdf

    pages = 0
    started = time.perf_counter()
    for path in files:
        with pymupdf.open(path) as doc:
            for page in doc:
                page.get_text()
                pages += 1
    return pages, time.perf_counter() - started


def facts_read(library, dump: Path | None = None) -> tuple[int, int]:
    """Facts and profile fields the import read (the table/fact quality guard: must not drop when
    the import gets faster); ``dump`` writes them one a line, sorted, for a before/after diff."""
    store = library._facts()
    try:
        lines = []
        for record in library.documents():
            for fact in store.facts(record.doc_id):
                lines.append(f"{Path(record.path).name}\tp{fact.page}\t{fact.row_label}\t{fact.column}\t{fact.value_text}")
            for item in store.fields(record.doc_id):
                lines.append(f"{Path(record.path).name}\tfield\t{item.name}\t{item.value}")
        facts, fields = store.count(), sum(len(store.fields(r.doc_id)) for r in library.documents())
    finally:
        store.close()
    if dump is not None:
        dump.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    return facts, fields


def passages_written(library, dump: Path) -> int:
    """Every passage the import wrote — file, ordinal, kind, page, heading, a digest of its text, its
    words and a digest of its vector's bytes — one a line, sorted: two imports made the same passages,
    words and vectors exactly when these files are equal."""
    import hashlib

    import numpy as np

    rows = library.store.table.to_arrow().select(["path", "ordinal", "kind", "page", "heading", "text", "words",
                                                  "vector"]).to_pylist()
    lines = []
    for row in rows:
        vector = np.asarray(row["vector"], dtype=np.float32).tobytes()
        lines.append("\t".join([Path(row["path"]).name, f"{row['ordinal']:05d}", row["kind"], str(row["page"]),
                                row["heading"] or "", hashlib.sha1(row["text"].encode()).hexdigest()[:16],
                                row["words"] or "", hashlib.sha1(vector).hexdigest()[:16]]))
    dump.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    return len(lines)


def bench_import(library, files: list[Path], facts_out: Path | None = None,
                 passages_out: Path | None = None) -> None:
    pages, raw = raw_text_speed(files)
    started = time.perf_counter()
    report = library.add_paths(files)
    took = time.perf_counter() - started
    failed = [r.message for r in report.results if not r.ok]
    chunks = sum(r.chunks for r in report.results)
    s = library.stage_seconds
    print(f"import      : {len(files)} files, {pages} pages, {chunks} passages in {took:.1f} s → "
          f"{pages / took:.1f} pages/s (target ≥ 30){'; FAILED: ' + '; '.join(failed) if failed else ''}")
    print(f"  raw PyMuPDF text extraction: {pages / raw:.0f} pages/s; app/raw ratio {raw / took:.3f}")
    print(f"  stages (s; page stages summed over the worker processes): parse {s.parse:.1f}, OCR {s.ocr:.1f}, "
          f"tables {s.tables:.1f}, facts {s.facts:.1f}, chunking {s.chunk:.1f}, embedding {s.embed:.1f}, "
          f"words {s.words:.1f}, write {s.write:.1f} (search index {s.index:.1f}); page reading wall {s.reading_wall:.1f}")
    reading = library.last_reading
    print(f"  pages read twice: {sum(1 for n in reading.text.values() if n > 1)}; "
          f"pages given to the table detector: {len(reading.tables)} of {pages}")
    facts, fields = facts_read(library, facts_out)
    kinds = library.store.table.to_arrow().column("kind").to_pylist()
    print(f"  facts read: {facts} table facts, {fields} profile fields; {kinds.count('table')} table passages"
          + (f" (written to {facts_out})" if facts_out else ""))
    if passages_out is not None:
        print(f"  passages written to {passages_out}: {passages_written(library, passages_out)}")
    own, children = peak_mib()
    print(f"  peak memory: this process {own:.0f} MiB, largest worker {children:.0f} MiB (target ≤ 2048 in all)")


def bench_ocr(library, folder: Path, count: int) -> None:
    import pymupdf

    from analyst_desk.core.page_text import RapidOcr
    from tests.library_docs import write_image_only_pdf

    if not RapidOcr.available() or count < 1:
        print("OCR         : " + ("skipped (--ocr-pages 0)" if count < 1 else "rapidocr not installed, skipped"))
        return
    scans = [write_image_only_pdf(folder / f"scan-{i}.pdf", f"第{i}页 授信额度{i * 100}万元 贷款期限{i}年")
             for i in range(count)]
    engine = RapidOcr()
    with pymupdf.open(scans[0]) as doc:
        engine(doc[0])  # model load outside the timing
    started = time.perf_counter()
    for scan in scans:
        with pymupdf.open(scan) as doc:
            engine(doc[0])
    raw = time.perf_counter() - started
    started = time.perf_counter()
    report = library.add_paths(scans)
    took = time.perf_counter() - started
    ok = sum(1 for r in report.results if r.ok)
    print(f"OCR         : {count} scanned pages, RapidOCR alone {count / raw:.2f} pages/s, app import "
          f"{count / took:.2f} pages/s ({ok} imported; OCR calls per page: "
          f"{max(library.last_reading.ocr.values(), default=0)})")


def grow(library, source, target_pages: int, state: dict) -> int:
    """Copy the documents imported into ``source`` under new names into ``library`` until it holds
    ``target_pages`` pages."""
    import dataclasses

    originals = state.setdefault("originals", [r for r in source.documents() if r.pages > 1])
    rows_of = state.setdefault("rows", {r.doc_id: source.store.doc_chunks(r.doc_id) for r in originals})
    pages = sum(r.pages for r in library.documents())
    copy = state.get("copies", 0)
    with library._writing("grow the bench library"):
        while pages < target_pages:
            record = originals[copy % len(originals)]
            copy += 1
            doc_id = f"copy{copy:05d}{record.doc_id[:6]}"
            new = dataclasses.replace(record, doc_id=doc_id, title=f"{record.title} (copy {copy})",
                                      path=f"{record.path}.copy{copy}")
            rows = []
            for row in rows_of[record.doc_id]:
                row = dict(row)
                row.update(doc_id=doc_id, chunk_id=f"{doc_id}-{row['ordinal']:05d}", title=new.title, path=new.path)
                row.pop("_distance", None)
                row.pop("_score", None)
                rows.append(row)
            library.store.add(rows)
            library._records[doc_id] = new
            pages += record.pages
        started = time.perf_counter()
        library.store.finish_writes()
        library._commit_catalog()
    state["copies"] = copy
    print(f"  grown to {pages} pages ({library.store.count()} passages); indexes rebuilt in "
          f"{time.perf_counter() - started:.1f} s")
    return pages


def old_index(library):
    """The pre-issue-22 keyword index (pure-Python BM25 over the same words), for the baseline."""
    from analyst_desk.core.library.keyword_index import KeywordIndex, PreparedDocument

    index = KeywordIndex(Path(tempfile.mkdtemp()))
    table = library.store.table.to_arrow().select(["doc_id", "chunk_id", "page", "words"]).to_pylist()
    docs: dict[str, list] = {}
    for row in table:
        docs.setdefault(row["doc_id"], []).append((row["chunk_id"], int(row["page"]), row["words"].split()))
    for doc_id, passages in docs.items():
        index.hold(PreparedDocument(doc_id, "", passages))
    return index


def percentiles(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), statistics.quantiles(samples, n=20)[18]


def bench_search(library, pages: int) -> None:
    from analyst_desk.core.library.query_profile import parse_query
    from analyst_desk.core.library.ranking import issuer_names, keyword_query

    records = library.documents()
    words = {q: keyword_query(parse_query(q, issuer_names(records))) for q in QUERIES}
    for q in QUERIES[:3]:
        library.search(q, k=10)  # warm caches (index files, the embedder for the English queries)
    app, ours = [], []
    for _ in range(3):
        for q in QUERIES:
            started = time.perf_counter()
            library.search(q, k=10)
            app.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            library.store.words_search(words[q], 200, None)
            ours.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    old = old_index(library)
    old.search(words[QUERIES[0]], level="passage", limit=200)  # compiles the index (once per process)
    old_build = time.perf_counter() - started
    before = []
    for _ in range(3):
        for q in QUERIES:
            started = time.perf_counter()
            old.search(words[q], level="passage", limit=200)
            old.search(words[q], level="page", limit=80)
            before.append((time.perf_counter() - started) * 1000)
    a50, a95 = percentiles(app)
    n50, n95 = percentiles(ours)
    o50, o95 = percentiles(before)
    print(f"  {pages:>6} pages: Library.search p50 {a50:6.1f} ms, p95 {a95:6.1f} ms (target p95 ≤ 150) | "
          f"keyword ranking: LanceDB FTS p50 {n50:5.1f} / p95 {n95:5.1f} ms; old keyword_index.py p50 {o50:6.1f} "
          f"/ p95 {o95:6.1f} ms after {old_build:.1f} s loading it per process")


def cli_search_wall(index: Path, home: Path) -> float:
    env = dict(os.environ, ANALYST_DESK_LIBRARY=str(index), ANALYST_DESK_HOME=str(home))
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "analyst_desk", "index", "search", "营业收入", "--k", "5"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    took = time.perf_counter() - started
    if proc.returncode != 0:
        print("  CLI search failed:", proc.stderr[-500:])
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--ocr-pages", type=int, default=4)
    parser.add_argument("--facts-out", type=Path, help="write the facts read, one a line, for a before/after diff")
    parser.add_argument("--passages-out", type=Path,
                        help="write every passage (text digest, words, vector digest), one a line, for a before/after diff")
    args = parser.parse_args()

    from analyst_desk.core.library import Library
    from analyst_desk.core.library.embedders import UseEmbedder

    print(f"machine: os.cpu_count() = {os.cpu_count()}")
    files = sorted(p for p in args.folder.iterdir() if p.suffix.lower() == ".pdf") if args.folder.is_dir() else []
    if not files:
        print(f"no PDFs in {args.folder}")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["ANALYST_DESK_HOME"] = str(tmp / "home")
        library = Library(tmp / "index", UseEmbedder(threads=os.cpu_count() or 2))
        bench_import(library, files, args.facts_out, args.passages_out)
        bench_ocr(library, tmp, args.ocr_pages)
        sizes = [int(s) for s in args.sizes.split(",") if s]
        if sizes:  # --sizes "": the import alone
            print("search (queries: " + ", ".join(QUERIES[:4]) + " … 14 in all, 3 rounds):")
            state: dict = {}
            searched = Library(tmp / "search", library.embedder)
            for size in sizes:
                pages = grow(searched, library, size, state)
                bench_search(searched, pages)
            print(f"  CLI `index search` wall time at this size: {cli_search_wall(tmp / 'search', tmp / 'home'):.2f} "
                  f"s (target ≤ 2 s)")
            searched.close()
        library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
