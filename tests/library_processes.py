"""Helpers for tests that run several processes on one library: the CLI as a subprocess, small
generated documents, and a raw look at what is on disk (catalogue and LanceDB table) that opens
no Library, so it sees exactly what a killed process left behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tests.conftest import ROOT
from tests.library_docs import write_pdf


def cli(*args: str, env: dict | None = None, **popen) -> subprocess.Popen:
    """``python -m analyst_desk ARGS`` with the test's environment (data folder, offline switches)."""
    return subprocess.Popen([sys.executable, "-m", "analyst_desk", *args], cwd=ROOT, env={**os.environ, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def run_cli(*args: str, env: dict | None = None, timeout: float = 300) -> tuple[int, str, str]:
    proc = cli(*args, env=env)
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def write_note(path: Path, term: str, lines: int = 12) -> Path:
    """A small text document whose every line carries ``term``, so a search for it finds this file."""
    path.write_text("\n".join(f"{term} line {n}: the branch reported deposits of {n * 37} million."
                              for n in range(lines)), encoding="utf-8")
    return path


def write_multipage_pdf(path: Path, pages: int, term: str) -> Path:
    """A PDF with a heading and a few lines per page: several passages, several write batches."""
    return write_pdf(path, [(f"Section {n} {term}", [f"{term} item {n}.{i}: loans to small firms grew {n + i}% "
                                                      f"to {n * 13 + i} million yuan." for i in range(4)])
                            for n in range(1, pages + 1)], header=f"{term} quarterly report")


def on_disk(index: Path) -> dict:
    """The catalogue and the table as files say, without opening (and so recovering) a Library."""
    import lancedb

    from analyst_desk.core.library.store import table_names

    catalog = json.loads((index / "documents.json").read_text(encoding="utf-8"))
    records = {r["doc_id"]: r for r in catalog["documents"]}
    db = lancedb.connect(str(index / "lance"))
    latest, pinned = [], []
    if catalog["table"] in table_names(db):
        table = db.open_table(catalog["table"])
        latest = table.to_arrow().select(["chunk_id", "doc_id"]).to_pylist()
        if catalog["table_version"] is not None:
            table.checkout(catalog["table_version"])
            pinned = table.to_arrow().select(["chunk_id", "doc_id"]).to_pylist()
    return {"records": records, "latest": latest, "pinned": pinned, "catalog": catalog}


def assert_consistent(index: Path, *, settled: bool) -> dict:
    """Catalogue and table agree. ``settled``: no writer is or was mid-write (after recovery).

    Always: every complete document has exactly its passages, once, in the version the catalogue
    names, and the table holds no passage of a document the catalogue does not list. Settled:
    every document is complete and the latest table is exactly the complete documents' passages.
    """
    state = on_disk(index)
    records = state["records"]
    pinned = Counter(r["doc_id"] for r in state["pinned"])
    ids = [r["chunk_id"] for r in state["pinned"]]
    assert len(ids) == len(set(ids)), "duplicate passages"
    for doc_id, record in records.items():
        if record["status"] == "complete":
            assert pinned[doc_id] == record["chunks"], (record["title"], pinned[doc_id], record["chunks"])
    # What readers see (the version the catalogue names) holds no passage of an unlisted document.
    # Later versions may (a writer killed before its catalogue save); the next writer rolls them back.
    seen = state["pinned"] if state["catalog"].get("table_version") is not None else state["latest"]
    orphans = {r["doc_id"] for r in seen} - set(records)
    assert not orphans, f"passages of documents missing from the catalogue: {orphans}"
    if settled:
        assert all(r["status"] == "complete" for r in records.values()), records
        latest = Counter(r["doc_id"] for r in state["latest"])
        assert latest == Counter({d: r["chunks"] for d, r in records.items()}), "table and catalogue differ"
        latest_ids = [r["chunk_id"] for r in state["latest"]]
        assert len(latest_ids) == len(set(latest_ids)), "duplicate passages"
    return state
