"""An analyst imports reports and finds any figure in them, cited to document and page."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from analyst_desk.core.library import Library
from analyst_desk.core.library.embedders import UseEmbedder
from tests.conftest import ROOT
from tests.library_docs import (CN_REPORT_PAGES, write_encrypted_pdf, write_english_pdf, write_image_only_pdf,
                                write_long_pdf, write_pdf)


@pytest.fixture(scope="module")
def embedder():
    return UseEmbedder(threads=2)


@pytest.fixture
def library(tmp_path, embedder):
    lib = Library(tmp_path / "index", embedder)
    yield lib
    lib.close()


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    write_pdf(folder / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)
    write_english_pdf(folder / "northwind-annual-report-2024.pdf")
    return folder


def test_importing_a_folder_indexes_each_report_with_its_facts(library, reports):
    report = library.add_paths([reports])
    assert [r.status for r in report.results] == ["indexed", "indexed"]
    docs = {d.title: d for d in library.documents()}
    cn = docs["华东银行2024年年度报告"]
    assert (cn.pages, cn.language, cn.period, cn.doc_type) == (3, "zh", "2024", "annual_report")
    assert cn.status == "complete" and cn.chunks >= 3
    assert docs["northwind-annual-report-2024"].language == "en"


def test_a_chinese_figure_is_found_on_its_page_with_heading_and_table(library, reports):
    library.add_paths([reports])
    hit = library.search("净息差", k=3)[0]
    assert hit.title == "华东银行2024年年度报告"
    assert hit.page == 2
    assert "2.05%" in hit.text and hit.kind == "table"
    assert hit.heading_path.startswith("第二章 会计数据和财务指标")
    assert "货币单位：人民币百万元" in hit.text  # the unit line travels with the table
    assert hit.bbox is not None and hit.bbox[1] > 100  # where to highlight on the page


def test_an_english_question_finds_the_chinese_page(library, reports):
    library.add_paths([reports])
    pages = [(h.title, h.page) for h in library.search("net interest margin", k=5)]
    assert ("华东银行2024年年度报告", 2) in pages


def test_english_documents_are_searchable_in_english(library, reports):
    library.add_paths([reports])
    hit = library.search("cost-to-income ratio", k=3)[0]
    assert hit.title == "northwind-annual-report-2024" and hit.page == 2 and "48.2%" in hit.text


def test_running_headers_and_page_numbers_are_not_indexed(library, reports):
    library.add_paths([reports])
    doc = next(d for d in library.documents() if d.language == "zh")
    texts = [c.text for c in library.chunks(doc.doc_id)]
    assert not any("华东商业银行 2024年年度报告" in t for t in texts)
    assert not any(t.strip() in {"1", "2", "3"} for t in texts)


def test_search_can_be_limited_to_one_document(library, reports):
    library.add_paths([reports])
    english = next(d for d in library.documents() if d.language == "en")
    hits = library.search("净息差", k=5, doc_ids=[english.doc_id])
    assert hits and all(h.doc_id == english.doc_id for h in hits)


def test_reimporting_an_unchanged_file_does_nothing(library, reports):
    library.add_paths([reports])
    rows = library.store.count()
    again = library.add_paths([reports])
    assert [r.status for r in again.results] == ["unchanged", "unchanged"]
    assert library.store.count() == rows


def test_a_changed_file_replaces_its_passages(library, reports):
    path = reports / "华东银行2024年年度报告.pdf"
    library.add_paths([path])
    changed = [list(p) for p in CN_REPORT_PAGES]
    changed[1] = ("第二章 会计数据和财务指标", ["ROW 净息差 | 1.95% | 2.21% | -0.26 个百分点"])
    write_pdf(path, changed)
    result = library.add_paths([path]).results[0]
    assert result.status == "replaced"
    assert len(library.documents()) == 1
    texts = " ".join(h.text for h in library.search("净息差", k=10))
    assert "1.95%" in texts and "2.05%" not in texts


def test_removing_a_document_removes_its_passages_and_its_section_map(library, reports):
    library.add_paths([reports])
    doc = next(d for d in library.documents() if d.language == "zh")
    section_map = library.folder / "sections" / f"{doc.doc_id}.json"
    assert section_map.exists()
    assert library.remove(doc.title)
    assert all(h.doc_id != doc.doc_id for h in library.search("净息差", k=10))
    assert doc.doc_id not in {d.doc_id for d in library.documents()}
    assert not section_map.exists()  # the removed report's headings do not stay behind
    assert any((library.folder / "sections").glob("*.json"))  # the other reports' maps stay


def test_bad_files_get_their_own_status_and_the_batch_continues(library, reports, tmp_path):
    library.add_paths([reports / "northwind-annual-report-2024.pdf"])
    bad = tmp_path / "bad"
    bad.mkdir()
    write_encrypted_pdf(bad / "locked.pdf")
    (bad / "broken.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    (bad / "empty.pdf").write_bytes(b"")
    (bad / "slides.pptx").write_bytes(b"PK\x03\x04 not really")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    good = write_pdf(bad / "good.pdf", CN_REPORT_PAGES[:1])
    files = [bad / n for n in ("locked.pdf", "broken.pdf", "empty.pdf", "slides.pptx", "binary.txt")] + [good]
    results = {Path(r.path).name: r for r in library.add_paths(files).results}
    assert results["locked.pdf"].status == "encrypted" and "password" in results["locked.pdf"].message
    assert results["broken.pdf"].status == "corrupt"
    assert results["empty.pdf"].status == "empty" and "0 bytes" in results["empty.pdf"].message
    assert results["slides.pptx"].status == "unsupported"
    assert results["binary.txt"].status == "unsupported" and "binary" in results["binary.txt"].message
    assert results["good.pdf"].status == "indexed"
    # What was already in the library is still there.
    assert library.search("cost-to-income ratio", k=1)[0].title == "northwind-annual-report-2024"


def test_a_scanned_page_is_read_with_ocr(library, tmp_path):
    path = write_image_only_pdf(tmp_path / "scan.pdf", "授信额度5000万元")
    result = library.add_paths([path]).results[0]
    assert result.status == "indexed", result.message
    assert "OCR" in result.message
    hit = library.search("授信额度", k=1)[0]
    assert hit.title == "scan" and "5000" in hit.text


def test_a_thousand_page_document_imports_with_progress(library, tmp_path):
    path = write_long_pdf(tmp_path / "appendix.pdf", 1200)
    seen = []
    result = library.add_paths([path], progress=lambda p: seen.append(p.counters["pages"])).results[0]
    assert result.status == "indexed" and result.pages == 1200
    assert max(seen) == 1200 and len(set(seen)) > 10
    assert library.search("Appendix record 777", k=3)[0].page == 777


def test_gbk_text_docx_and_xlsx_are_imported(library, tmp_path):
    import docx
    import openpyxl

    (tmp_path / "纪要.txt").write_bytes("会议决定：下调存款利率10个基点。".encode("gbk"))
    document = docx.Document()
    document.add_heading("授信调查报告", level=1)
    document.add_paragraph("借款人资产负债率为62.5%。")
    document.save(tmp_path / "memo.docx")
    workbook = openpyxl.Workbook()
    workbook.active.title = "关键指标"
    workbook.active.append(["指标", "2024"])
    workbook.active.append(["资本充足率", "13.11%"])
    workbook.save(tmp_path / "figures.xlsx")
    report = library.add_paths([tmp_path / "纪要.txt", tmp_path / "memo.docx", tmp_path / "figures.xlsx"])
    assert [r.status for r in report.results] == ["indexed"] * 3
    assert "10个基点" in library.search("存款利率", k=1)[0].text
    memo = library.search("资产负债率", k=1)[0]
    assert memo.title == "memo" and memo.heading_path == "授信调查报告"
    sheet = library.search("资本充足率", k=1)[0]
    assert sheet.title == "figures" and "13.11%" in sheet.text and sheet.heading_path == "关键指标"


def test_cancelling_an_import_keeps_what_was_finished(library, reports):
    from analyst_desk.core.cancel import CancelToken

    cancel = CancelToken()

    def progress(p):
        if p.done == 1:
            cancel.cancel()

    results = library.add_paths(sorted(reports.iterdir()), progress=progress, cancel=cancel).results
    assert [r.status for r in results] == ["indexed", "cancelled"]
    assert len(library.documents()) == 1


KILL_SCRIPT = r"""
import os, signal, sys
from pathlib import Path
from analyst_desk.core.library import Library
from analyst_desk.core.library.embedders import UseEmbedder
from analyst_desk.core.library import library as library_module, store

library_module.WRITE_BATCH = 100  # several commits per document, so a kill can land between them
calls = {"n": 0}
original_add = store.ChunkStore.add

def add_then_die(self, rows):
    original_add(self, rows)
    if rows.num_rows and rows["title"][0].as_py() == "appendix":  # one document's rows, as an Arrow table
        calls["n"] += 1
        if calls["n"] == 2:  # part of the long document is written, its record not complete
            # The whole group, as a power cut would: the import's page-reading workers die with it (were
            # they left running they would hold the test's pipes open).
            os.killpg(os.getpgid(0), signal.SIGKILL)

store.ChunkStore.add = add_then_die
lib = Library(Path(sys.argv[1]), UseEmbedder(threads=2))
lib.add_paths([Path(p) for p in sys.argv[2:]])
"""


def test_an_import_killed_mid_way_leaves_a_consistent_index_and_resumes(tmp_path, reports, embedder):
    long_pdf = write_long_pdf(tmp_path / "appendix.pdf", 400)
    index = tmp_path / "index"
    first = reports / "华东银行2024年年度报告.pdf"
    proc = subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(index), str(first), str(long_pdf)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, start_new_session=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    catalog = json.loads((index / "documents.json").read_text(encoding="utf-8"))["documents"]
    # The catalogue is the commit point: the half-written appendix was never listed.
    assert {d["title"]: d["status"] for d in catalog} == {"华东银行2024年年度报告": "complete"}

    library = Library(index, embedder)  # opening changes nothing; it reads the catalogue's table version
    assert [d.title for d in library.documents()] == ["华东银行2024年年度报告"]
    assert library.search("净息差", k=1)[0].page == 2
    rows = library.store.all_rows()
    assert {r["title"] for r in rows} == {"华东银行2024年年度报告"}
    # The facts agree with the catalogue too: the committed report's, nothing of the half-written one.
    from analyst_desk.core.library.table_facts.store import FactStore

    listed = {d.doc_id for d in library.documents()}
    facts = FactStore(index, read_only=True)
    try:
        assert set(facts.built()) == listed  # built for the committed report (its tables), not the appendix
    finally:
        facts.close()

    results = library.add_paths([first, long_pdf]).results
    assert [r.status for r in results] == ["unchanged", "indexed"]
    rows = library.store.all_rows()
    ids = [r["chunk_id"] for r in rows]
    assert len(ids) == len(set(ids))  # no duplicate passages
    appendix = next(d for d in library.documents() if d.title == "appendix")
    assert sum(1 for r in rows if r["doc_id"] == appendix.doc_id) == appendix.chunks


def test_changing_the_embedder_re_embeds_instead_of_mixing_vector_spaces(tmp_path, reports, embedder):
    from tests.support.embedders import HashEmbedder

    index = tmp_path / "index"
    Library(index, embedder).add_paths([reports])
    switched = Library(index, HashEmbedder())
    assert json.loads((index / "meta.json").read_text())["embedder"] == "test-hash-embedder:1"
    rows = switched.store.all_rows()
    assert rows and all(len(r["vector"]) == 64 for r in rows)
    assert switched.search("净息差", k=1)[0].page == 2
