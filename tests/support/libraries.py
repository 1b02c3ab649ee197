"""A real library (LanceDB in a temporary folder, the app's embedder) with the given reports imported."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analyst_desk.core.library import Library
from analyst_desk.core.library.embedders import UseEmbedder


@contextmanager
def imported_library(index: Path, *paths: Path, embedder=None) -> Iterator[Library]:
    """``index`` holding every file in ``paths`` (files or folders), each import checked; closed afterwards."""
    library = Library(index, embedder or UseEmbedder(threads=2))
    try:
        report = library.add_paths(list(paths))
        assert report.results and all(r.ok for r in report.results), [(r.path, r.status) for r in report.results]
        yield library
    finally:
        library.close()
