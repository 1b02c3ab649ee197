"""The window imports in a child process (the app's own CLI): the report, the progress and Stop are
the same as an import in the window's own process, and a child that dies is reported, not fatal."""

from __future__ import annotations

import copy
import threading

import pytest

from analyst_desk.core.cancel import CancelToken
from analyst_desk.core.errors import AppError
from analyst_desk.core.library import open_libraries
from analyst_desk.core.library.import_process import import_in_process
from tests.library_docs import CN_REPORT_PAGES, write_long_pdf, write_pdf

# Drives the real chat model, Whisper or the app's own processes: the slow tier.
pytestmark = pytest.mark.slow


def test_a_child_process_imports_with_progress_and_the_window_sees_the_documents(tmp_path):
    folder = tmp_path / "library"
    library = open_libraries(folder)  # the window's own handle, opened before the import
    seen = []
    report = import_in_process([write_pdf(tmp_path / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES),
                                write_long_pdf(tmp_path / "appendix.pdf", 40), tmp_path / "missing.pdf"],
                               library_folder=folder, progress=lambda p: seen.append(copy.copy(p)))
    assert [r.status for r in report.results] == ["indexed", "indexed", "failed"]
    assert report.results[2].code == "file.not_found"
    assert {"reading", "embedding"} <= {p.stage for p in seen}
    assert sorted(d.title for d in library.documents()) == ["appendix", "华东银行2024年年度报告"]
    assert library.search("净息差", k=3)
    library.close()


def test_stop_ends_the_child_and_keeps_the_library_consistent(tmp_path):
    folder = tmp_path / "library"
    cancel = CancelToken()
    started = threading.Event()

    def on_progress(progress):
        if progress.stage == "reading":
            started.set()
            cancel.cancel()

    files = [write_long_pdf(tmp_path / f"report-{n}.pdf", 150) for n in range(3)]
    report = import_in_process(files, library_folder=folder, progress=on_progress, cancel=cancel)
    assert started.is_set()
    assert any(r.status == "cancelled" for r in report.results)
    library = open_libraries(folder)
    kept = {d.title for d in library.documents()}
    assert kept == {r.path.rsplit("/", 1)[-1][:-4] for r in report.results if r.ok}
    assert all(d.status == "complete" for d in library.documents())
    library.close()


def test_a_child_that_cannot_run_is_reported_as_an_error_value(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the library folder should be")
    with pytest.raises(AppError) as error:
        import_in_process([tmp_path / "x.txt"], library_folder=blocker)
    assert error.value.code == "import.process_failed"
