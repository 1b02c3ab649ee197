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


class _LaggingQueue:
    """The workers' tick queue as the parent sees it when the feeder threads lag: every third tick
    arrives only after the shares' results are in (here: never)."""

    def __init__(self, queue) -> None:
        self.queue, self.taken = queue, 0

    def get_nowait(self):
        item = self.queue.get_nowait()
        self.taken += 1
        if self.taken % 3 == 0:
            item = self.queue.get_nowait()
        return item

    def put(self, item) -> None:
        self.queue.put(item)


def test_page_progress_ends_at_the_page_count_when_worker_ticks_lag_or_belong_to_the_file_before(tmp_path):
    import time

    from analyst_desk.core.library.ingest import Ingest

    ingest = Ingest(ocr=False, workers=2)
    try:
        ingest._start_pool()
        for _ in range(10):  # ticks of the file read before, arriving late
            ingest._queue.put(str(tmp_path / "the-file-before.pdf"))
        time.sleep(0.5)
        ingest._queue = _LaggingQueue(ingest._queue)
        seen = []
        loaded = ingest.read(write_long_pdf(tmp_path / "long-report.pdf", 60),
                             on_page=lambda done, total: seen.append((done, total)))
    finally:
        ingest.close()
    assert loaded.page_count == 60
    assert seen[-1] == (60, 60)
    assert all(done <= total for done, total in seen)
