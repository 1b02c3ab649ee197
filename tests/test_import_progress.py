"""Importing one long report shows movement within the file — pages read, passages indexed — with an
estimate of the time left measured from its own speed, instead of sitting at 0% until the end."""

from __future__ import annotations

import copy

from analyst_desk.core.library import open_libraries
from tests.library_docs import write_long_pdf


def test_a_single_long_report_reports_pages_passages_and_time_left(tmp_path):
    library = open_libraries(tmp_path / "library")
    seen = []
    report = library.add_paths([write_long_pdf(tmp_path / "long-report.pdf", 120)],
                               progress=lambda p: seen.append(copy.copy(p)))
    assert report.results[0].ok
    reading = [p for p in seen if p.stage == "reading"]
    embedding = [p for p in seen if p.stage == "embedding"]
    assert reading and reading[-1].stage_done == reading[-1].stage_total == 120
    assert [p.stage_done for p in reading] == sorted(p.stage_done for p in reading)
    assert embedding and embedding[-1].stage_done == embedding[-1].stage_total > 0
    # While the one file was still being read, the user was given an estimate, not "0 of 1 files".
    assert all(p.done == 0 for p in reading)
    assert any(p.stage_eta_seconds is not None for p in reading[:-1])
    library.close()
