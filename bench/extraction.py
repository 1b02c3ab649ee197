"""Extraction benchmark: the app's table finder beside Camelot (lattice and stream) on the same pages.

Suites: Camelot's and tabula-java's own test suites in ../shared/data (cases.json + expected CSVs;
each tool finds the tables itself, without the tool-specific area or column hints), and statements
generated here with known cells (tests/extraction_docs.py). Every tool is scored the same way:
cell-adjacency F1 (each non-empty cell with its right and lower neighbour, as in the ICDAR 2013
table-structure measure; the extracted table that matches an expected one best is scored) and the
share of expected cell texts found. CPU seconds per page are process CPU time around the extraction
call only (imports and PDF-independent start-up excluded, for both tools).

Camelot is not an app dependency: it lives in its own venv (default /tmp/camelot-venv, override with
CAMELOT_PYTHON=/path/to/python). Create it with ``python bench/extraction.py --install-peers``
(pip install -r bench/requirements-peers.txt); without it the peer columns say "peer not installed".

Usage: python bench/extraction.py [--install-peers] [--suite camelot|tabula|generated]... [--cases]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
PEER_VENV = Path(os.environ.get("CAMELOT_VENV", "/tmp/camelot-venv"))
PEER_PYTHON = Path(os.environ.get("CAMELOT_PYTHON", PEER_VENV / "bin" / "python"))
FLAVORS = ("lattice", "stream")


# -- peer worker: runs inside Camelot's venv, imports nothing from the app --------------------
def peer_worker() -> int:
    """Read [{pdf, pages, flavor}] on stdin, print [{grids, cpu, error}] on stdout."""
    import logging
    import warnings

    import camelot

    logging.disable(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    jobs = json.load(sys.stdin)
    out = []
    for job in jobs:
        start = time.process_time()
        try:
            tables = camelot.read_pdf(job["pdf"], pages=",".join(map(str, job["pages"])), flavor=job["flavor"])
            grids = [t.df.fillna("").astype(str).values.tolist() for t in tables]
            error = ""
        except Exception as exc:  # noqa: BLE001 - a peer failing on a page scores zero there, like the app
            grids, error = [], f"{type(exc).__name__}: {exc}"
        out.append({"grids": grids, "cpu": time.process_time() - start, "error": error})
    json.dump(out, sys.stdout)
    return 0


def peer_available() -> bool:
    if not PEER_PYTHON.exists():
        return False
    probe = subprocess.run([str(PEER_PYTHON), "-c", "import camelot"], capture_output=True)
    return probe.returncode == 0


def install_peers() -> None:
    if not PEER_PYTHON.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
    subprocess.run([str(PEER_PYTHON), "-m", "pip", "install", "-q", "-r",
                    str(ROOT / "bench" / "requirements-peers.txt")], check=True)


def run_peer(cases, flavor: str) -> list[dict]:
    jobs = [{"pdf": str(c.pdf), "pages": c.pages, "flavor": flavor} for c in cases]
    # Warm-up call outside the timed jobs: the first read pays for lazy imports inside Camelot.
    warm = [{"pdf": jobs[0]["pdf"], "pages": jobs[0]["pages"], "flavor": flavor}] if jobs else []
    done = subprocess.run([str(PEER_PYTHON), str(Path(__file__).resolve()), "--peer-worker"],
                          input=json.dumps(warm + jobs), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)[len(warm):]


# -- the app -----------------------------------------------------------------------------------
def run_app(cases) -> list[dict]:
    from analyst_desk.core.extraction.tables import extract_tables

    if cases:
        extract_tables(cases[0].pdf, cases[0].pages)  # warm-up, as for the peer
    out = []
    for case in cases:
        start = time.process_time()
        try:
            grids, error = [t.rows for t in extract_tables(case.pdf, case.pages)], ""
        except Exception as exc:  # noqa: BLE001 - reported beside the score, like a peer's failure
            grids, error = [], f"{type(exc).__name__}: {exc}"
        out.append({"grids": grids, "cpu": time.process_time() - start, "error": error})
    return out


def generated_cases(folder: Path):
    from tests.extraction_docs import generated_statement_cases

    return generated_statement_cases(folder)


def score(cases, results):
    from tests.extraction_peers import AdjacencyScore, adjacency_score

    total = AdjacencyScore()
    per_case = []
    for case, result in zip(cases, results):
        case_score = AdjacencyScore()
        for _, grid in case.expected:
            case_score += adjacency_score(grid, result["grids"])
        total += case_score
        per_case.append(case_score)
    pages = sum(len(c.pages) for c in cases)
    cpu = sum(r["cpu"] for r in results)
    return total, per_case, cpu / max(pages, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--install-peers", action="store_true", help="create Camelot's venv first")
    parser.add_argument("--suite", action="append", choices=["camelot", "tabula", "generated"])
    parser.add_argument("--cases", action="store_true", help="print the F1 of every case")
    args = parser.parse_args()
    if args.peer_worker:
        return peer_worker()
    sys.path.insert(0, str(ROOT))
    from tests.extraction_peers import suite_cases

    if args.install_peers:
        install_peers()
    peers = peer_available()
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    print(f"peer: {'Camelot ' + _peer_version() if peers else f'peer not installed (no camelot at {PEER_PYTHON})'}")
    suites = args.suite or ["camelot", "tabula", "generated"]
    summary = []
    with tempfile.TemporaryDirectory() as tmp:
        for suite in suites:
            if suite == "generated":
                cases = generated_cases(Path(tmp))
            else:
                folder = SHARED / ("camelot_table_tests" if suite == "camelot" else "tabula_java_table_tests")
                if not folder.is_dir():
                    print(f"{suite}: suite not found at {folder}, skipped")
                    continue
                cases = suite_cases(folder, suite)
            tools = {"app": run_app(cases)}
            if peers:
                for flavor in FLAVORS:
                    tools[f"camelot {flavor}"] = run_peer(cases, flavor)
            scored = {name: score(cases, results) for name, results in tools.items()}
            pages = sum(len(c.pages) for c in cases)
            print(f"\n{suite} suite: {len(cases)} pages-cases, {sum(len(c.expected) for c in cases)} expected tables, "
                  f"{pages} pages")
            print(f"{'tool':<16}{'adj P':>7}{'adj R':>7}{'adj F1':>8}{'cell text':>11}{'CPU s/page':>12}")
            for name, (total, _, cpu) in scored.items():
                print(f"{name:<16}{total.precision:>7.3f}{total.recall:>7.3f}{total.f1:>8.3f}{total.cell_text:>11.3f}"
                      f"{cpu:>12.3f}")
            if args.cases:
                names = list(scored)
                print("  " + " | ".join(names))
                for i, case in enumerate(cases):
                    cells = " ".join(f"{scored[n][1][i].f1:6.3f}" for n in names)
                    errors = "; ".join(f"{n}: {tools[n][i]['error']}" for n in names if tools[n][i]["error"])
                    print(f"  {cells}  {case.pdf.name} p.{','.join(map(str, case.pages))} {errors}")
            summary.append((suite, scored))
    if SHARED.is_dir() and not args.suite:
        from analyst_desk.core.extraction.fields import find_figures
        from tests.extraction_figures_truth import score_key_figures

        start = time.process_time()
        figures = score_key_figures(SHARED, find_figures)
        print(f"\nkey figures (Ping An + 3 prospectuses, {figures.expected} printed figures, no model): "
              f"precision {figures.right}/{figures.written} = {figures.precision:.2f}, "
              f"recall {figures.right}/{figures.expected} = {figures.recall:.2f}, {time.process_time() - start:.1f} s CPU")
        for wrong in figures.wrong or []:
            print(f"  wrong: {wrong}")
    if summary:
        print("\nsummary (same run)")
        for suite, scored in summary:
            app_total, _, app_cpu = scored["app"]
            line = f"{suite:<10} app F1 {app_total.f1:.3f}, {app_cpu:.3f} s/page"
            peer_scores = {n: s for n, s in scored.items() if n != "app"}
            if peer_scores:
                best_name = max(peer_scores, key=lambda n: peer_scores[n][0].f1)
                stream_cpu = scored.get("camelot stream", (None, None, 0))[2]
                line += (f"; best peer {best_name} F1 {peer_scores[best_name][0].f1:.3f} "
                         f"(app − peer {app_total.f1 - peer_scores[best_name][0].f1:+.3f}); "
                         f"app CPU / stream CPU {app_cpu / stream_cpu if stream_cpu else float('nan'):.2f}×")
            else:
                line += "; peer not installed"
            print(line)
    return 0


def _peer_version() -> str:
    done = subprocess.run([str(PEER_PYTHON), "-c", "import camelot; print(camelot.__version__)"],
                          capture_output=True, text=True)
    return done.stdout.strip()


if __name__ == "__main__":
    raise SystemExit(main())
