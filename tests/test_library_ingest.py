"""One reading of every file: each page is read once, a scanned page is OCR'd once, the tables the
chunker uses are the ones the facts come from, and a kill at any point leaves catalogue, passages
and facts agreeing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from analyst_desk.core.library import Library
from analyst_desk.core.library.embedders import UseEmbedder
from tests.conftest import ROOT
from tests.extraction_docs import write_balance_sheet
from tests.library_docs import CN_REPORT_PAGES, write_image_only_pdf, write_pdf


@pytest.fixture(scope="module")
def embedder():
    return UseEmbedder(threads=2)


def _report_with_a_scanned_page(folder: Path) -> Path:
    """The generated annual report (text and a table) with one image-only page appended."""
    import pymupdf

    report = write_pdf(folder / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)
    scan = write_image_only_pdf(folder / "scan.pdf", "授信额度500万元 贷款期限3年")
    combined = folder / "华东银行2024年年度报告（含扫描页）.pdf"
    with pymupdf.open(report) as doc, pymupdf.open(scan) as extra:
        doc.insert_pdf(extra)
        doc.save(combined)
    return combined


def test_each_page_is_read_once_and_a_scanned_page_is_ocrd_once(tmp_path, embedder, monkeypatch):
    import pymupdf

    from analyst_desk.core.page_text import RapidOcr

    if not RapidOcr.available():
        pytest.skip("rapidocr is not installed")
    pdf = _report_with_a_scanned_page(tmp_path)
    opened: Counter = Counter()
    ocr_calls: Counter = Counter()
    real_open, real_ocr = pymupdf.open, RapidOcr.__call__

    def counting_open(*args, **kwargs):
        opened[str(args[0]) if args else "?"] += 1
        return real_open(*args, **kwargs)

    def counting_ocr(self, page):
        ocr_calls[page.number + 1] += 1
        return real_ocr(self, page)

    monkeypatch.setattr(pymupdf, "open", counting_open)
    monkeypatch.setattr(RapidOcr, "__call__", counting_ocr)
    library = Library(tmp_path / "index", embedder)
    result = library.add_paths([pdf]).results[0]
    assert result.status == "indexed", result.message
    pages = result.pages
    reading = library.last_reading
    assert opened == Counter({str(pdf): 1})  # text, OCR, tables and facts all used one open document
    assert reading.text == Counter({(str(pdf), n): 1 for n in range(1, pages + 1)})
    assert ocr_calls == Counter({pages: 1}) and reading.ocr == Counter({(str(pdf), pages): 1})  # the scanned page, once
    assert reading.tables and max(reading.tables.values()) == 1
    # The scanned page's words were found by OCR and are searchable.
    assert any(hit.page == pages for hit in library.search("授信额度", k=5))


def test_a_long_report_is_read_by_worker_processes_each_page_once(tmp_path, embedder, monkeypatch):
    from analyst_desk.core.library import ingest

    monkeypatch.setattr(ingest, "POOL_MIN_PAGES", 2)
    monkeypatch.setattr(ingest, "DEFAULT_WORKERS", 2)
    pages = [(f"第{n}节 经营情况", [f"本行第{n}季度贷款余额{n * 100}亿元，同比增长{n}%。",
                                   f"项目 | 2024年 | 2023年", f"贷款余额 | {n * 100} | {n * 90}"]) for n in range(1, 9)]
    pdf = write_pdf(tmp_path / "长报告.pdf", pages)
    library = Library(tmp_path / "index", embedder)
    result = library.add_paths([pdf]).results[0]
    assert result.status == "indexed", result.message
    reading = library.last_reading
    assert reading.opens == 1 + 2  # the parent (page count, metadata) and each of the two workers
    assert reading.text == Counter({(str(pdf), n): 1 for n in range(1, 9)})
    assert library.search("第5季度贷款余额", k=1)[0].page == 5
    # The workers cut the passages' keyword words (beside this process's embedding) exactly as a
    # question's words are cut here, vectors and words each stored with their own passage.
    from analyst_desk.core.library.library import _embed_text, _keyword_text
    from analyst_desk.core.library.tokenizer import tokenize

    rows = library.store.table.to_arrow().to_pylist()
    assert len(rows) == result.chunks and all(row["words"] for row in rows)
    assert [row["words"] for row in rows] == [" ".join(tokenize(_keyword_text(row["heading"], row["text"]))) for row in rows]
    vectors = embedder.embed([_embed_text(row["heading"], row["text"], row["kind"]) for row in rows])
    assert all(float(vector @ row["vector"]) > 0.999 for vector, row in zip(vectors, rows))


def test_the_next_report_is_read_while_the_one_before_it_is_embedded_and_written(tmp_path, embedder, monkeypatch):
    """The workers read the following file ahead, each page still once; an unchanged file is not read
    ahead, and a batch cancelled while a file is read ahead stops at once and leaves nothing behind."""
    from analyst_desk.core.cancel import CancelToken
    from analyst_desk.core.library import ingest
    from analyst_desk.core.library.store import ChunkStore
    from tests.library_docs import write_long_pdf

    monkeypatch.setattr(ingest, "POOL_MIN_PAGES", 2)
    monkeypatch.setattr(ingest, "DEFAULT_WORKERS", 2)
    files = [write_long_pdf(tmp_path / f"附录{n}.pdf", 30 + n) for n in range(3)]
    events = []
    real_submit, real_add = ingest.Ingest._submit, ChunkStore.add
    monkeypatch.setattr(ingest.Ingest, "_submit",
                        lambda self, path, total: (events.append(("read", path.name)), real_submit(self, path, total))[1])
    monkeypatch.setattr(ChunkStore, "add", lambda self, rows: (events.append(("write", rows["path"][0].as_py().split("/")[-1])),
                                                               real_add(self, rows))[1])
    library = Library(tmp_path / "index", embedder)
    results = library.add_paths(files).results
    assert [(r.status, r.pages) for r in results] == [("indexed", 30), ("indexed", 31), ("indexed", 32)]
    assert events == [("read", "附录0.pdf"), ("read", "附录1.pdf"), ("write", "附录0.pdf"),
                      ("read", "附录2.pdf"), ("write", "附录1.pdf"), ("write", "附录2.pdf")]
    reading = library.last_reading
    assert reading.text == Counter({(str(f), n): 1 for f, count in zip(files, (30, 31, 32)) for n in range(1, count + 1)})
    assert reading.opens == 3 * (1 + 2)  # per file: the parent's outline, and each worker's share
    assert library.search("Appendix record 32", k=1)[0].path.endswith("附录2.pdf")

    events.clear()
    write_long_pdf(files[2], 33)  # changed; the first two are unchanged and never read again
    results = library.add_paths(files).results
    assert [r.status for r in results] == ["unchanged", "unchanged", "replaced"]
    assert events == [("read", "附录2.pdf"), ("write", "附录2.pdf")]

    events.clear()
    other = Library(tmp_path / "other", embedder)
    cancel = CancelToken()
    real_embed = ingest.Ingest.embed

    def cancel_while_embedding(self, *args, **kwargs):
        cancel.cancel()  # the second file is being read ahead now
        return real_embed(self, *args, **kwargs)

    monkeypatch.setattr(ingest.Ingest, "embed", cancel_while_embedding)
    results = other.add_paths(files, cancel=cancel).results
    assert [r.status for r in results] == ["cancelled", "cancelled", "cancelled"]
    assert events == [("read", "附录0.pdf"), ("read", "附录1.pdf")]
    assert other.documents() == []


def test_the_catalogue_is_written_once_per_imported_file(tmp_path, embedder, monkeypatch):
    from analyst_desk.core.library.document_catalog import DocumentCatalog

    files = [write_pdf(tmp_path / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES),
             write_pdf(tmp_path / "第二份报告.pdf", [("第一章 概况", ["本行2024年营业收入120亿元。"])])]
    library = Library(tmp_path / "index", embedder)
    saves = []
    real_save = DocumentCatalog.save
    monkeypatch.setattr(DocumentCatalog, "save", lambda self: (saves.append(1), real_save(self))[1])
    results = library.add_paths(files).results
    assert [r.status for r in results] == ["indexed", "indexed"]
    assert len(saves) == 2


KILL_AFTER_FACTS = r"""
import os, signal, sys
from pathlib import Path
from analyst_desk.core.library.table_facts import store
from analyst_desk.core.library import Library
from analyst_desk.core.library.embedders import UseEmbedder

original = store.FactStore.replace

def replace_then_die(self, doc_id, facts, **kwargs):
    original(self, doc_id, facts, **kwargs)
    if facts:
        os.kill(os.getpid(), signal.SIGKILL)  # facts written, the catalogue not yet saved

store.FactStore.replace = replace_then_die
Library(Path(sys.argv[1]), UseEmbedder(threads=2)).add_paths([Path(sys.argv[2])])
"""


def test_a_kill_after_the_facts_are_written_leaves_catalogue_passages_and_facts_agreeing(tmp_path, embedder):
    from analyst_desk.core.facts import FactBook
    from analyst_desk.core.library.table_facts.store import FactStore

    report = write_balance_sheet(tmp_path / "资产负债表.pdf")
    index = tmp_path / "index"
    proc = subprocess.run([sys.executable, "-c", KILL_AFTER_FACTS, str(index), str(report)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=os.environ)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    store = FactStore(index, read_only=True)
    assert store.built(), "the facts were written before the kill"
    store.close()

    reader = Library(index, embedder, read_only=True, must_exist=False)
    assert reader.documents() == []  # never committed: no document, no passages, no facts for readers
    assert reader.search("现金及存放中央银行款项", k=3) == []
    assert FactBook.of(reader).facts() == []

    writer = Library(index, embedder)
    result = writer.add_paths([report]).results[0]  # the next writer recovers, then imports
    assert result.status == "indexed"
    record = writer.documents()[0]
    store = FactStore(index, read_only=True)
    assert store.built() == {record.doc_id: record.sha256}
    assert FactBook.of(writer).facts(), "the report's table figures are facts again"
    rows = writer.store.all_rows()
    assert len(rows) == record.chunks == len({r["chunk_id"] for r in rows})


def test_table_passages_and_facts_come_from_the_same_tables(tmp_path, embedder):
    from analyst_desk.core.facts import FactBook

    report = write_balance_sheet(tmp_path / "资产负债表.pdf")
    library = Library(tmp_path / "index", embedder)
    library.add_paths([report])
    facts = FactBook.of(library).facts()
    assert facts
    table_pages = {hit.page for hit in library.chunks(library.documents()[0].doc_id) if hit.kind == "table"}
    assert {f.page for f in facts} <= table_pages


def test_cancelling_while_workers_read_stops_the_file_and_the_next_import_works(tmp_path, embedder, monkeypatch):
    from analyst_desk.core.cancel import CancelToken
    from analyst_desk.core.library import ingest
    from tests.library_docs import write_long_pdf

    monkeypatch.setattr(ingest, "POOL_MIN_PAGES", 2)
    monkeypatch.setattr(ingest, "DEFAULT_WORKERS", 2)
    long_pdf = write_long_pdf(tmp_path / "appendix.pdf", 120)
    library = Library(tmp_path / "index", embedder)
    cancel = CancelToken()

    def progress(state):
        if state.counters.get("pages", 0) >= 5:
            cancel.cancel()

    result = library.add_paths([long_pdf], progress=progress, cancel=cancel).results[0]
    assert result.status == "cancelled"
    assert library.documents() == []
    again = library.add_paths([long_pdf]).results[0]
    assert again.status == "indexed" and again.pages == 120


def test_a_fact_written_to_the_store_reads_back_the_same(tmp_path):
    """The store's rows are built field by field (no deep copy): every field survives, bbox and extra too."""
    from decimal import Decimal

    from analyst_desk.core.library.table_facts.model import Fact
    from analyst_desk.core.library.table_facts.store import FactStore

    fact = Fact(doc_id="d1", page=12, row_label="营业收入", column="2024年", value_text="(1,234.56)",
                value=Decimal("-1234.56"), unit="万元", period="2024", heading="主要会计数据", title="合并利润表",
                bbox=[10.5, 20.0, 300.25, 400.0], context="单位：万元", table_no=2, row_no=3, col_no=1,
                fact_id="d1-2-3-1", extra={"note": "注1"}, scope="consolidated", currency="CNY",
                table_kind="statement", statement="income", primary=True, conflict="第14页 1,200.00万元",
                in_report=False)
    store = FactStore(tmp_path)
    store.replace("d1", [fact], sha256="abc")
    store.close()
    assert FactStore(tmp_path, read_only=True).facts("d1") == [fact]


def test_the_workers_cut_a_report_s_words_before_they_read_the_next_report(tmp_path, embedder, monkeypatch):
    """The pool runs its tasks in order: the words of the file being embedded go first, so the
    embedding never waits for a whole read-ahead to finish before its words come back."""
    from analyst_desk.core.library import ingest
    from tests.library_docs import write_long_pdf

    monkeypatch.setattr(ingest, "POOL_MIN_PAGES", 2)
    monkeypatch.setattr(ingest, "DEFAULT_WORKERS", 2)
    files = [write_long_pdf(tmp_path / f"附录{n}.pdf", 30 + n) for n in range(2)]
    tasks = []
    real_start = ingest.Ingest._start_pool

    def recording_pool(self):
        pool = real_start(self)
        if not getattr(pool, "_recorded", False):
            real_submit = pool.submit
            pool.submit = lambda fn, *args: (tasks.append((fn.__name__, Path(args[0]).name if fn is ingest.read_pages
                                                            else "words")), real_submit(fn, *args))[1]
            pool._recorded = True
        return pool

    monkeypatch.setattr(ingest.Ingest, "_start_pool", recording_pool)
    results = Library(tmp_path / "index", embedder).add_paths(files).results
    assert [r.status for r in results] == ["indexed", "indexed"]
    kinds = [(name, what) for name, what in tasks]
    first_words = kinds.index(("embed_and_tokenize", "words"))
    second_read = kinds.index(("read_pages", "附录1.pdf"))
    assert kinds[:first_words] == [("read_pages", "附录0.pdf")] * 2  # the first file, one share per worker
    assert first_words < second_read  # this file's words, then the next file's pages
