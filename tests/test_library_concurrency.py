"""Several processes on one library (the window open while the CLI imports, two scripts at once):
one writer at a time, nobody's document lost, nothing duplicated, and a kill -9 anywhere leaves a
library the next process can use."""

from __future__ import annotations

import json
import random
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from analyst_desk.core.library import Library
from analyst_desk.core.library.library import doc_id_for
from analyst_desk.core.library.embedders import UseEmbedder
from analyst_desk.core.library.writer_lock import WAIT_MESSAGE, LibraryBusyError, WriterLock
from tests.conftest import ROOT
from tests.library_processes import (assert_consistent, cli, on_disk, run_cli, write_multipage_pdf,
                                     write_note)

# Drives the real chat model, Whisper or the app's own processes: the slow tier.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def embedder():
    return UseEmbedder(threads=2)


@pytest.fixture
def index(isolated_home) -> Path:
    """The library the CLI uses with this test's data folder."""
    return isolated_home / "index"


def _listed(env=None) -> dict[str, dict]:
    code, out, err = run_cli("index", "list", "--json", env=env)
    assert code == 0, err
    return {d["title"]: d for d in json.loads(out)}


def _read_until(stream, text: str) -> str:
    """Lines of a child's stream up to the one containing ``text`` (the child is the clock)."""
    seen = []
    for line in stream:
        seen.append(line)
        if text in line:
            return "".join(seen)
    raise AssertionError(f"{text!r} never appeared; got: {''.join(seen)}")


def test_the_writer_lock_excludes_other_holders_waits_with_a_message_and_can_be_stopped(tmp_path):
    from analyst_desk.core.errors import CancelledError

    ours, theirs = WriterLock(tmp_path), WriterLock(tmp_path)  # two open files: like two processes
    told: list[str] = []
    with ours.hold("importing a.pdf"):
        with ours.hold("nested step"):  # the holder may take it again
            assert ours.held and not ours.outermost
        with pytest.raises(LibraryBusyError, match="importing a.pdf"):
            with theirs.hold("import b.pdf", timeout=0.3, on_wait=told.append):
                pass
        assert told == [told[0]] and told[0].startswith(WAIT_MESSAGE) and "importing a.pdf" in told[0]
        with pytest.raises(CancelledError):
            with theirs.hold("import b.pdf", timeout=30, cancelled=lambda: True):
                pass
        # A thread of the same process queues too, and gets the lock once the holder lets go.
        got = threading.Event()

        def take() -> None:
            with ours.hold("another thread"):
                got.set()

        thread = threading.Thread(target=take)
        thread.start()
        assert not got.wait(0.3)
    thread.join(10)
    assert got.is_set()


def test_two_imports_started_at_once_both_keep_their_documents(tmp_path, index):
    docs = tmp_path / "docs"
    docs.mkdir()
    first = [write_note(docs / f"alpha_{n}.txt", f"alphaterm{n}") for n in range(3)]
    second = [write_note(docs / f"beta_{n}.txt", f"betaterm{n}") for n in range(3)]
    procs = [cli("index", "add", *map(str, files), "--json") for files in (first, second)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
        assert [r["status"] for r in json.loads(out)] == ["indexed"] * 3, err

    listed = _listed()
    assert sorted(listed) == sorted(p.stem for p in first + second)
    assert all(d["status"] == "complete" for d in listed.values())
    assert_consistent(index, settled=True)
    code, out, _ = run_cli("index", "search", "betaterm2", "--k", "6", "--json")
    assert "beta_2" in [h["title"] for h in json.loads(out)]  # both processes' passages are searchable


def test_a_second_writer_waits_for_the_first_and_says_so(tmp_path, index):
    doc = write_note(tmp_path / "waiting.txt", "waitterm")
    index.mkdir(parents=True)
    lock = WriterLock(index)
    with lock.hold("importing a test holder file"):
        proc = cli("index", "add", str(doc), "--json")
        told = _read_until(proc.stderr, WAIT_MESSAGE)
        assert "importing a test holder file" in told  # it says who it waits for
        assert "waiting" not in _listed()  # nothing written while the lock is held
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert json.loads(out)[0]["status"] == "indexed"
    assert _listed()["waiting"]["status"] == "complete"


def test_a_writer_told_not_to_wait_is_refused_clearly(tmp_path, index):
    doc = write_note(tmp_path / "refused.txt", "refusedterm")
    index.mkdir(parents=True)
    with WriterLock(index).hold("importing big.pdf"):
        code, out, err = run_cli("index", "add", str(doc), "--json", "--wait", "0")
    assert code == 1
    result = json.loads(out)[0]
    assert result["status"] == "busy"
    assert "Another process is writing to this library" in result["message"] and "big.pdf" in result["message"]
    code, out, err = run_cli("index", "add", str(doc), "--json", "--wait", "0")  # lock free again
    assert code == 0 and json.loads(out)[0]["status"] == "indexed", err


def test_a_library_opened_before_another_process_imports_keeps_both_documents(tmp_path, index, embedder):
    """The reported bug: an open library wrote its stale catalogue over another process's import."""
    window = Library(index, embedder)  # e.g. the window, opened first with an empty library
    code, out, err = run_cli("index", "add", str(write_note(tmp_path / "from_cli.txt", "cliterm")), "--json")
    assert code == 0, err
    assert window.search("cliterm", k=1)[0].title == "from_cli"  # seen without reopening
    window.add_paths([write_note(tmp_path / "from_window.txt", "windowterm")])
    window.close()
    assert sorted(_listed()) == ["from_cli", "from_window"]
    assert_consistent(index, settled=True)


def test_recovery_never_removes_a_document_another_process_is_writing(tmp_path, index, embedder, monkeypatch):
    from analyst_desk.core.library import library as library_module, store

    # A library already holding a report: the catalogue (the commit point) exists before the long import.
    Library(index, embedder).add_paths([write_note(tmp_path / "earlier.txt", "earlierterm")])
    monkeypatch.setattr(library_module, "WRITE_BATCH", 5)
    pdf = write_multipage_pdf(tmp_path / "long_report.pdf", 12, "longterm")
    written, release = threading.Event(), threading.Event()
    original_add = store.ChunkStore.add

    def add_and_pause(self, rows):
        original_add(self, rows)
        written.set()
        assert release.wait(120)

    monkeypatch.setattr(store.ChunkStore, "add", add_and_pause)
    writer = Library(index, embedder)
    results = []
    thread = threading.Thread(target=lambda: results.extend(writer.add_paths([pdf]).results))
    thread.start()
    try:
        assert written.wait(120)
        # Part of the document is in the table, but the catalogue (the commit point) does not list it yet.
        assert doc_id_for(pdf) not in on_disk(index)["records"]
        assert_consistent(index, settled=False)
        # Another process reads the library now: it sees the committed state and recovers nothing.
        assert set(_listed()) == {"earlier"}
        code, out, _ = run_cli("index", "add", str(write_note(tmp_path / "other.txt", "otherterm")), "--json",
                               "--wait", "0")
        assert json.loads(out)[0]["status"] == "busy"
    finally:
        release.set()
        thread.join(120)
    assert [r.status for r in results] == ["indexed"]
    listed = _listed()
    assert listed["long_report"]["status"] == "complete" and listed["long_report"]["chunks"] == results[0].chunks
    assert set(listed) == {"earlier", "long_report"}
    assert_consistent(index, settled=True)


KILL_DRIVER = r"""
import sys
from pathlib import Path
from analyst_desk.core.library import library as library_module
from analyst_desk.core.library.library import Library
from analyst_desk.core.library.embedders import UseEmbedder

library_module.WRITE_BATCH = 6  # several commits per document, so a kill can land between them
library = Library(Path(sys.argv[1]), UseEmbedder(threads=1))
print("ready", flush=True)
for name in sys.argv[2:]:
    result = library.add_paths([Path(name)]).results[0]
    print(result.status, Path(name).stem, flush=True)
library.close()
print("done", flush=True)
"""


def _driver(index: Path, files: list[Path]):
    import subprocess

    return subprocess.Popen([sys.executable, "-c", KILL_DRIVER, str(index), *map(str, files)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _round_files(folder: Path, tag: str) -> list[Path]:
    folder.mkdir()
    return [write_note(folder / f"{tag}_note.txt", f"{tag}note"),
            write_multipage_pdf(folder / f"{tag}_report.pdf", 8, f"{tag}report"),
            write_note(folder / f"{tag}_memo.txt", f"{tag}memo", lines=30)]


@pytest.mark.slow
def test_kill_9_at_random_points_loses_and_duplicates_nothing(tmp_path, embedder):
    """Ten seeded kill points while one process imports and another imports beside it."""
    index = tmp_path / "index"
    rng = random.Random(1307)
    # One undisturbed run measures how long the imports take on this machine.
    probe = _driver(index, _round_files(tmp_path / "probe", "probe"))
    assert probe.stdout.readline().strip() == "ready"
    started = time.monotonic()
    out, err = probe.communicate(timeout=300)
    span = time.monotonic() - started
    assert out.split()[-1] == "done", err
    killed_at = []
    for round_no in range(10):
        victim_files = _round_files(tmp_path / f"v{round_no}", f"v{round_no}")
        bystander_files = [write_note(tmp_path / f"v{round_no}" / f"b{round_no}_{n}.txt", f"b{round_no}term{n}")
                           for n in range(2)]
        victim = _driver(index, victim_files)
        bystander = _driver(index, bystander_files)
        assert victim.stdout.readline().strip() == "ready", victim.stderr.read()
        delay = rng.uniform(0.0, span)  # the bystander slows the victim, so nearly every point lands inside its run
        time.sleep(delay)
        victim.send_signal(signal.SIGKILL)  # a late point may find it finished: that is a point too
        reported = [line.split() for line in victim.communicate(timeout=60)[0].splitlines() if line != "done"]
        assert victim.returncode in (0, -signal.SIGKILL)
        bystander_out, bystander_err = bystander.communicate(timeout=300)
        assert bystander.returncode == 0 and bystander_out.split()[-1] == "done", bystander_err

        state = assert_consistent(index, settled=False)  # as the kill left it, before anyone recovers
        titles = {r["title"]: r["status"] for r in state["records"].values()}
        cleaned_by_bystander = "Recovered from an interrupted import" in bystander_err
        killed_at.append((round(delay, 2), victim.returncode == -signal.SIGKILL, len(reported),
                          cleaned_by_bystander))
        for status, title in reported:
            if status == "indexed":  # what the killed process reported imported is complete
                assert titles[title] == "complete", (round_no, title)
        for path in bystander_files:  # the other process's documents were never touched
            assert titles[path.stem] == "complete", (round_no, path.stem)

        library = Library(index, embedder)  # opening changes nothing; recovery belongs to the next writer
        library.recover()
        assert_consistent(index, settled=True)
        results = library.add_paths(victim_files).results  # the killed document imports again
        library.close()
        assert all(r.ok for r in results), [r.message for r in results]
        assert_consistent(index, settled=True)
        assert library.search(f"v{round_no}report", k=1)[0].title == f"v{round_no}_report"
    print(f"\nimport span {span:.2f} s; kill points (seconds, killed before it finished, documents reported "
          f"imported, half-written document cleaned up by the other process): {killed_at}")
    assert sum(killed for _, killed, _, _ in killed_at) >= 5  # most points land inside the import
