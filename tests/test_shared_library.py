"""A department library in a shared folder: one writer (IT's scheduled import), many analysts who
search it beside their own library, see new reports without restarting, and never change it."""

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
from tests.library_processes import assert_consistent, run_cli, write_multipage_pdf, write_note
from tests.support.embedders import HashEmbedder
from tests.support.folders import snapshot

# Drives the real chat model, Whisper or the app's own processes: the slow tier.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def embedder():
    return UseEmbedder(threads=2)


@pytest.fixture
def shared(tmp_path) -> Path:
    """The mounted department folder."""
    return tmp_path / "mnt" / "department-library"


def _as_it(shared: Path) -> dict:
    """IT's scheduled import writes into the shared folder."""
    return {"ANALYST_DESK_LIBRARY": str(shared)}


def _as_analyst(shared: Path) -> dict:
    return {"ANALYST_DESK_SHARED_LIBRARY": str(shared)}


SEARCHER = r"""
import json, sys, time
from analyst_desk.core.library import open_libraries

terms = sys.argv[1:]
libraries = open_libraries()  # opened once: new documents must appear without reopening
print(json.dumps({"problems": libraries.problems}), flush=True)
seen, searches, deadline = {}, 0, time.monotonic() + 240
while len(seen) < len(terms) and time.monotonic() < deadline:
    for term in terms:
        if term in seen:
            continue
        hits = libraries.search(term, k=3)
        searches += 1
        hit = next((h for h in hits if term in h.text), None)
        if hit is None:
            continue
        record = libraries.find_document(hit.doc_id)
        passages = libraries.chunks(hit.doc_id)
        seen[term] = {"title": hit.title, "library": hit.library, "status": record.status,
                      "passages": len(passages), "recorded": record.chunks}
        print(json.dumps({"seen": term, **seen[term]}), flush=True)
    time.sleep(0.05)
print(json.dumps({"done": sorted(seen), "searches": searches}), flush=True)
"""


def test_an_analyst_searching_sees_reports_it_adds_while_the_search_runs(tmp_path, shared):
    docs = tmp_path / "reports"
    docs.mkdir()
    terms = [f"deptterm{n}" for n in range(4)]
    first = write_note(docs / "report_0.txt", terms[0])
    code, _, err = run_cli("index", "add", str(first), "--json", env=_as_it(shared))
    assert code == 0, err
    searcher = subprocess.Popen([sys.executable, "-c", SEARCHER, *terms], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env={**os.environ, **_as_analyst(shared)})
    assert json.loads(searcher.stdout.readline()) == {"problems": []}
    assert json.loads(searcher.stdout.readline())["seen"] == terms[0]
    # IT imports three more reports, one run each, while the analyst keeps searching.
    for n, term in enumerate(terms[1:], start=1):
        made = write_multipage_pdf(docs / f"report_{n}.pdf", 4, term) if n % 2 else write_note(docs / f"r{n}.txt", term)
        code, out, err = run_cli("index", "add", str(made), "--json", env=_as_it(shared))
        assert code == 0 and json.loads(out)[0]["status"] == "indexed", err
    out, err = searcher.communicate(timeout=300)
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[-1]["done"] == sorted(terms), err  # every new report found by the same running process
    for line in lines[:-1]:
        # Every document the searcher saw was complete, whole, and labelled as the shared library's.
        assert line["library"] == "shared" and line["status"] == "complete", line
        assert line["passages"] == line["recorded"], line
    listed = json.loads(run_cli("index", "list", "--json", env=_as_it(shared))[1])
    assert len(listed) == 4 and all(d["status"] == "complete" for d in listed)
    assert_consistent(shared, settled=True)


KILLED_IMPORT = r"""
import os, signal, sys
from pathlib import Path
from analyst_desk.core.library import library as library_module, store
from analyst_desk.core.library.library import Library
from analyst_desk.core.library.embedders import UseEmbedder

library_module.WRITE_BATCH = 4
original_add = store.ChunkStore.add

def add_then_die(self, rows):
    original_add(self, rows)
    os.kill(os.getpid(), signal.SIGKILL)  # part of the document written, its record "importing"

store.ChunkStore.add = add_then_die
Library(Path(sys.argv[1]), UseEmbedder(threads=1)).add_paths([Path(sys.argv[2])])
"""


def test_a_reader_never_changes_the_shared_folder_even_after_a_killed_import(tmp_path, shared, embedder):
    writer = Library(shared, embedder)
    writer.add_paths([write_note(tmp_path / "kept.txt", "keptterm")])
    writer.close()
    half = write_multipage_pdf(tmp_path / "half.pdf", 6, "halfterm")
    killed = subprocess.run([sys.executable, "-c", KILLED_IMPORT, str(shared), str(half)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    before = snapshot(shared)

    analyst = Library(tmp_path / "own", embedder, name="personal")
    from analyst_desk.core.library.library_set import LibrarySet

    reader = LibrarySet(analyst, Library(shared, embedder, read_only=True, name="shared"))
    assert [d.title for d in reader.documents()] == ["kept"]  # the half import is not offered
    assert reader.search("keptterm", k=1)[0].library == "shared"
    assert all(h.title != "half" for h in reader.search("halfterm", k=5))  # nor its written passages
    with pytest.raises(Exception, match="read-only"):
        reader.remove("kept")
    reader.close()
    assert snapshot(shared) == before  # no recovery, no index rebuild, no lock file write

    # The next writer (IT's next scheduled run) recovers; the document imports again.
    writer = Library(shared, embedder)
    assert [r.status for r in writer.add_paths([half]).results] == ["indexed"]
    writer.close()
    assert_consistent(shared, settled=True)


def test_search_runs_over_both_libraries_and_each_hit_says_which(tmp_path, shared):
    common = "liquidity coverage ratio"
    own = write_note(tmp_path / "my_notes.txt", f"ownterm {common}")
    department = write_note(tmp_path / "dept_report.txt", f"deptterm {common}")
    assert run_cli("index", "add", str(own), "--json")[0] == 0
    assert run_cli("index", "add", str(department), "--json", env=_as_it(shared))[0] == 0

    code, out, err = run_cli("index", "search", common, "--k", "10", "--json", env=_as_analyst(shared))
    assert code == 0, err
    sources = {h["title"]: h["library"] for h in json.loads(out)}
    assert sources == {"my_notes": "personal", "dept_report": "shared"}
    code, out, _ = run_cli("index", "list", "--json", env=_as_analyst(shared))
    assert {d["title"]: d["library"] for d in json.loads(out)} == {"my_notes": "personal", "dept_report": "shared"}
    code, out, err = run_cli("index", "remove", "dept_report", env=_as_analyst(shared))
    assert code != 0 and "read-only" in err
    assert json.loads(run_cli("index", "list", "--json", env=_as_it(shared))[1])[0]["title"] == "dept_report"


def test_an_unreachable_shared_library_leaves_the_own_library_working(tmp_path):
    own = write_note(tmp_path / "my_notes.txt", "ownterm")
    assert run_cli("index", "add", str(own), "--json")[0] == 0
    code, out, err = run_cli("index", "search", "ownterm", "--json",
                             env=_as_analyst(tmp_path / "share-not-mounted"))
    assert code == 0 and json.loads(out)[0]["title"] == "my_notes"
    assert "Shared library not available" in err and "share-not-mounted" in err


def test_a_report_in_both_libraries_is_listed_and_found_once(tmp_path, shared, embedder):
    report = write_note(tmp_path / "same.txt", "sameterm")
    for folder in (shared, tmp_path / "own"):
        library = Library(folder, embedder)
        library.add_paths([report])
        library.close()
    from analyst_desk.core.library.library_set import LibrarySet

    both = LibrarySet(Library(tmp_path / "own", embedder, name="personal"),
                      Library(shared, embedder, read_only=True, name="shared"))
    assert [(d.title, d.library) for d in both.documents()] == [("same", "personal")]
    assert {h.library for h in both.search("sameterm", k=5)} == {"personal"}


def test_a_shared_library_from_another_embedding_model_is_reported_not_mixed(tmp_path, shared, embedder,
                                                                             monkeypatch):
    writer = Library(shared, embedder)
    writer.add_paths([write_note(tmp_path / "dept.txt", "deptterm")])
    writer.close()
    before = snapshot(shared)
    monkeypatch.setenv("ANALYST_DESK_SHARED_LIBRARY", str(shared))
    from analyst_desk.core.library.library_set import open_libraries

    libraries = open_libraries(tmp_path / "own", HashEmbedder())
    assert libraries.shared is None and "test-hash-embedder" in libraries.problems[0]
    assert libraries.search("deptterm") == []  # the own (empty) library still answers
    libraries.close()
    assert snapshot(shared) == before  # and the shared one was not re-embedded by a reader
