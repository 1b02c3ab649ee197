"""Start-up benchmark: seconds from launching the interpreter to the splash and to the main window on
screen (shown and exposed), with an empty data folder and with reports in the library; and the
baseline on the same machine in the same run, an empty PySide6 main window with no app code.

Target: the window within 2 s of launching ``analyst-desk`` (median of the runs), on the 2-core
machine with nothing else running. The tests check what makes that possible (the splash first, no
LanceDB, pyarrow, llama.cpp, jieba or PyMuPDF imported before the window shows); the seconds live here.

Usage: QT_QPA_PLATFORM=offscreen python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TARGET_SECONDS = 2.0


def _runs(probe: str, runs: int) -> list[dict]:
    from tests.ui.startup_probe import start_the_app

    start_the_app(probe)  # the first start warms the disk cache, as any start after the first does
    return [start_the_app(probe) for _ in range(runs)]


def _with_a_report(home: Path) -> None:
    from analyst_desk.core.library import open_libraries
    from analyst_desk.core.library.embedders import UseEmbedder
    from tests.library_docs import CN_REPORT_PAGES, write_pdf

    libraries = open_libraries(embedder=UseEmbedder(threads=1))
    try:
        libraries.add_paths([write_pdf(home / "report.pdf", CN_REPORT_PAGES)])
    finally:
        libraries.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from tests.ui.startup_probe import BARE_QT_PROBE, STARTUP_PROBE

    print(f"machine: os.cpu_count() = {os.cpu_count()}; {args.runs} runs each after one warm-up start")
    rows = []
    bare = _runs(BARE_QT_PROBE, args.runs)
    rows.append(("bare PySide6 window (baseline)", None, statistics.median(m["window"] for m in bare)))
    for label, fill in (("analyst-desk, empty data folder", None), ("analyst-desk, one report in the library", _with_a_report)):
        home = Path(tempfile.mkdtemp(prefix="startup-bench-"))
        os.environ["ANALYST_DESK_HOME"] = str(home)
        if fill:
            fill(home)
        marks = _runs(STARTUP_PROBE, args.runs)
        heavy = {m["heavy"] for m in marks}
        rows.append((label, statistics.median(m["splash"] for m in marks), statistics.median(m["window"] for m in marks)))
        if heavy != {"-"}:
            print(f"  note: heavy modules imported before the window showed: {sorted(heavy)}")
    baseline = rows[0][2]
    print(f"{'start':42} {'splash s':>9} {'window s':>9} {'× bare Qt':>10}  target window < {TARGET_SECONDS:.1f} s")
    for label, splash, window in rows:
        met = "" if splash is None else ("  met" if window < TARGET_SECONDS else "  NOT met")
        splash_text = "-" if splash is None else f"{splash:.3f}"
        print(f"{label:42} {splash_text:>9} {window:9.3f} {window / baseline:10.2f}{met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
