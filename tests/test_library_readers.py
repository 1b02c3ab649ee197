"""Readers never write: asking and searching leave the library folder exactly as they found it and
take no lock, so they run while an import holds the library (and a reader never "recovers" it)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from analyst_desk.core.library import Library
from analyst_desk.core.library.embedders import UseEmbedder
from analyst_desk.core.library.writer_lock import WriterLock
from tests.library_docs import CN_REPORT_PAGES, write_pdf
from tests.library_processes import run_cli
from tests.support.folders import snapshot

pytestmark = pytest.mark.slow


@pytest.fixture
def imported(isolated_home, tmp_path) -> Path:
    index = isolated_home / "index"
    library = Library(index, UseEmbedder(threads=2))
    result = library.add_paths([write_pdf(tmp_path / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)]).results[0]
    assert result.status == "indexed", result.message
    library.close()
    return index


def test_search_list_and_ask_leave_the_library_unchanged_and_take_no_lock(imported):
    with WriterLock(imported).hold("importing a long report (held by the test)"):
        before = snapshot(imported)
        started = time.monotonic()
        code, out, err = run_cli("index", "search", "净息差", "--json")
        assert code == 0, err
        assert json.loads(out)[0]["page"] == 2
        code, out, err = run_cli("index", "list", "--json")
        assert code == 0, err
        assert [d["title"] for d in json.loads(out)] == ["华东银行2024年年度报告"]
        # The report prints this ratio in a sentence: the answer quotes it, with its page.
        code, out, err = run_cli("ask", "拨备覆盖率是多少？", "--json")
        assert code == 0, err
        assert "260%" in json.loads(out)["answer"]
        # Had any of them asked for the writer lock, it would still be waiting for the test's hold.
        assert time.monotonic() - started < 240
        assert "waiting" not in err.lower()
        assert snapshot(imported) == before


def test_a_reader_does_not_recover_what_a_writer_left_behind(imported, isolated_home):
    """Recovery belongs to the next writer: a reader opening the library mid-import changes nothing."""
    catalog = imported / "documents.json"
    data = json.loads(catalog.read_text(encoding="utf-8"))
    data["documents"][0]["status"] = "importing"  # as an older version's killed writer left it
    catalog.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = snapshot(imported)
    reader = Library(imported, UseEmbedder(threads=1), read_only=True)
    assert reader.documents()[0].status == "importing"
    assert reader.search("净息差", k=1) == []  # an incomplete document is never searched
    assert snapshot(imported) == before
    writer = Library(imported, UseEmbedder(threads=1))
    assert snapshot(imported) == before  # opening to write changes nothing either, until a write
    writer.remove("nothing-by-this-name")  # the first write recovers
    assert writer.documents() == []


def test_a_reader_of_a_library_never_imported_into_sees_an_empty_library(isolated_home):
    folder = isolated_home / "never"
    reader = Library(folder, UseEmbedder(threads=1), read_only=True, must_exist=False)
    assert reader.documents() == [] and reader.search("净息差") == []
    assert not folder.exists()
