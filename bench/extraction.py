"""Extraction benchmark: the app's table finder beside Camelot (lattice and stream) on the same pages.

Suites: Camelot's and tabula-java's own test suites in ../shared/data (cases.json + expected CSVs;
each tool finds the tables itself, without the tool-specific area or column hints), and statements
generated here with known cells (tests/extraction_docs.py). Every tool is scored the same way:
cell-adjacency F1 (each non-empty cell with its right and lower neighbour, as in the ICDAR 2013
table-structure measure; the extracted table that matches an expected one best is scored) and the
share of expected cell texts found. CPU seconds per page are process CPU time around the extraction
call only (imports and PDF-independent start-up excluded, for both tools).

Camelot is not an app dependency: ``--install-peers`` installs bench/requirements-peers.txt into the
running environment (or point CAMELOT_PYTHON at another interpreter); without it the peer columns
say "peer not installed".

Suites added for issue 25: ``wrapped`` (generated prose, definition, bulleted and four-line-header tables,
scored by adjacency F1 and by how often the table has exactly the expected rows), ``eu`` (amounts
written "1.234,5", "1'234.5", "1 234,5": each amount must be right or left as text, never wrong), and
``join`` (page pairs from the dev documents and generated ones: is the next page's table a continuation).

``ruled`` (generated pages where ruled grids and unruled tables share the page, every table expected)
checks that the lattice and stream answers are merged, and the Camelot suite also prints its lattice
tests' pages apart (app beside Camelot lattice on the pages its authors call ruled). ``multi`` (three
tables side by side over a pie or bar chart; upright, turned 90°/270°, or /Rotate 90) checks that
side-by-side tables are split, turned pages read upright and chart labels kept out of tables.

Usage: python bench/extraction.py [--install-peers] [--suite camelot|tabula|generated|wrapped|eu|ruled|multi|join]... [--cases]
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


def _peer_python() -> Path:
    """Camelot's interpreter: CAMELOT_PYTHON, else this one when Camelot is installed beside the app
    (``--install-peers`` puts it there), else the separate venv."""
    if os.environ.get("CAMELOT_PYTHON"):
        return Path(os.environ["CAMELOT_PYTHON"])
    import importlib.util

    if importlib.util.find_spec("camelot") is not None:
        return Path(sys.executable)
    return PEER_VENV / "bin" / "python"


PEER_PYTHON = _peer_python()
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
    """Camelot (and OpenCV for its lattice flavour) into the running interpreter's environment."""
    global PEER_PYTHON
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-r",
                    str(ROOT / "bench" / "requirements-peers.txt")], check=True)
    PEER_PYTHON = Path(sys.executable)


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


def wrapped_suite(folder: Path):
    """Generated tables with wrapped cells, bullets, four-line headers and notes (tests/extraction_wrapped.py)."""
    from tests.extraction_peers import SuiteCase
    from tests.extraction_wrapped import wrapped_cases

    return [SuiteCase("wrapped", c.pdf, [1], [(c.name, c.expected)]) for c in wrapped_cases(folder)]


def ruled_suite(folder: Path):
    """Generated pages where ruled grids and unruled tables share the page (tests/extraction_ruled.py):
    every table on the page is expected, each scored on its own."""
    from tests.extraction_peers import SuiteCase
    from tests.extraction_ruled import ruled_cases

    return [SuiteCase("ruled", c.pdf, [1], [(f"{'grid' if g else 'stream'} {k}", t)
                                            for k, (t, g) in enumerate(zip(c.tables, c.ruled))])
            for c in ruled_cases(folder)]


def multi_suite(folder: Path):
    """Generated pages with three tables side by side over a pie or bar chart, upright, turned or
    /Rotate'd (tests/extraction_multi.py): the three tables expected, the chart's labels in none."""
    from tests.extraction_multi import multi_cases
    from tests.extraction_peers import SuiteCase

    return [SuiteCase("multi", c.pdf, [1], [(f"table {k}", t) for k, t in enumerate(c.tables)])
            for c in multi_cases(folder)]


def ruled_subset(cases) -> list[int]:
    """Indexes of the Camelot suite's pages from its lattice tests: the pages its authors call ruled."""
    return [i for i, c in enumerate(cases) if any("lattice" in name for name, _ in c.expected)]


def eu_suite(folder: Path):
    from tests.extraction_peers import SuiteCase
    from tests.extraction_wrapped import eu_number_cases

    numbers = eu_number_cases(folder)
    return [SuiteCase("eu", c.pdf, [1], [(c.name, c.rows)]) for c in numbers], numbers


def rows_right(cases, results) -> tuple[int, int]:
    """Cases whose best-matching extracted table has exactly the expected number of rows."""
    from tests.extraction_peers import _clean, adjacency_score

    right = 0
    for case, result in zip(cases, results):
        expected = case.expected[0][1]
        grids = result["grids"]
        if not grids:
            continue
        best = max(grids, key=lambda g: adjacency_score(expected, [g]).f1)
        right += len(_clean(best)) == len(_clean(expected))
    return right, len(cases)


def number_score(number_cases, grids_per_case, reader) -> tuple[int, int, int, int]:
    """(right, wrong, flagged or text, cells): each expected amount looked up by its row label and
    column, read by ``reader(grid) -> parsed grid``; a wrong number is one whose value differs."""
    right = wrong = left = total = 0
    for case, grids in zip(number_cases, grids_per_case):
        grid = max(grids, key=lambda g: sum(1 for r in g for c in r if c), default=[])
        parsed = reader(grid) if grid else []
        index = {row[0].strip(): i for i, row in enumerate(grid) if row}
        for expected_row, values in zip(case.rows[1:], case.values[1:]):
            for col, value in enumerate(values):
                if value is None:
                    continue
                total += 1
                i = index.get(expected_row[0])
                cell = parsed[i][col] if i is not None and col < len(parsed[i]) else None
                if cell is None or not cell.is_numeric:
                    left += 1
                elif abs(float(cell.value) - value) < 1e-9:
                    right += 1
                else:
                    wrong += 1
    return right, wrong, left, total


def join_suite(folder: Path):
    from tests.extraction_join_pairs import generated_pairs, join_decision, real_pairs

    out = []
    for name, pairs in (("real (dev documents)", real_pairs()), ("generated", generated_pairs(folder))):
        start = time.process_time()
        right = sum(1 for p in pairs if join_decision(p) == p.continues)
        never = sum(1 for p in pairs if not p.continues)  # a per-page tool never joins
        out.append((name, right, never, len(pairs), time.process_time() - start))
    return out


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
    parser.add_argument("--install-peers", action="store_true", help="install Camelot into this environment first")
    parser.add_argument("--suite", action="append", choices=SUITES)
    parser.add_argument("--cases", action="store_true", help="print the F1 of every case")
    args = parser.parse_args()
    if args.peer_worker:
        return peer_worker()
    sys.path.insert(0, str(ROOT))
    from tests.extraction_peers import suite_cases

    if args.install_peers:
        install_peers()
    peers = peer_available()
    print(f"machine: os.cpu_count() = {os.cpu_count()}; Python {sys.version.split()[0]}")
    print(f"peer: {'Camelot ' + _peer_version() if peers else f'peer not installed (no camelot at {PEER_PYTHON})'}")
    suites = args.suite or list(SUITES)
    summary = []
    cpu_totals: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for suite in suites:
            if suite == "join":
                print("\njoin decisions (does the second page's first table continue the first page's last?)")
                for name, right, never, total, cpu in join_suite(Path(tmp)):
                    print(f"  {name:<22} app {right}/{total} = {right / max(total, 1):.2f}; "
                          f"baseline 'never join' (any per-page tool) {never}/{total} = {never / max(total, 1):.2f}; "
                          f"{cpu:.1f} s CPU")
                continue
            numbers = None
            if suite == "generated":
                cases = generated_cases(Path(tmp))
            elif suite == "wrapped":
                cases = wrapped_suite(Path(tmp))
            elif suite == "eu":
                cases, numbers = eu_suite(Path(tmp))
            elif suite == "ruled":
                cases = ruled_suite(Path(tmp))
            elif suite == "multi":
                cases = multi_suite(Path(tmp))
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
            for name, (_, _, cpu) in scored.items():
                cpu_totals.setdefault(name, [0.0, 0])
                cpu_totals[name][0] += cpu * pages
                cpu_totals[name][1] += pages
            print(f"\n{suite} suite: {len(cases)} pages-cases, {sum(len(c.expected) for c in cases)} expected tables, "
                  f"{pages} pages")
            extra = "  rows right" if suite == "wrapped" else ""
            print(f"{'tool':<16}{'adj P':>7}{'adj R':>7}{'adj F1':>8}{'cell text':>11}{'CPU s/page':>12}{extra}")
            for name, (total, _, cpu) in scored.items():
                line = (f"{name:<16}{total.precision:>7.3f}{total.recall:>7.3f}{total.f1:>8.3f}{total.cell_text:>11.3f}"
                        f"{cpu:>12.3f}")
                if suite == "wrapped":
                    right, count = rows_right(cases, tools[name])
                    line += f"  {right}/{count} = {right / max(count, 1):.2f}"
                print(line)
            if numbers is not None:
                _print_numbers(numbers, tools)
            if suite == "camelot":
                _print_subset(cases, tools, ruled_subset(cases), "ruled pages (the Camelot suite's lattice tests)")
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
        if "app" in cpu_totals and "camelot stream" in cpu_totals:
            app_cpu = cpu_totals["app"][0] / max(cpu_totals["app"][1], 1)
            stream_cpu = cpu_totals["camelot stream"][0] / max(cpu_totals["camelot stream"][1], 1)
            print(f"all pages: app {app_cpu:.3f} s/page, camelot stream {stream_cpu:.3f} s/page, "
                  f"ratio {app_cpu / stream_cpu if stream_cpu else float('nan'):.2f}× (target <= 2×); "
                  f"os.cpu_count() = {os.cpu_count()}")
    return 0


SUITES = ("camelot", "tabula", "generated", "wrapped", "eu", "ruled", "multi", "join")


def _print_subset(cases, tools, indexes: list[int], title: str) -> None:
    """The suite's score on some of its pages, every tool on the same pages."""
    chosen = [cases[i] for i in indexes]
    pages = sum(len(c.pages) for c in chosen)
    print(f"  {title}: {len(chosen)} pages-cases, {pages} pages")
    for name, results in tools.items():
        total, _, cpu = score(chosen, [results[i] for i in indexes])
        print(f"  {name:<16}{total.precision:>7.3f}{total.recall:>7.3f}{total.f1:>8.3f}{total.cell_text:>11.3f}"
              f"{cpu:>12.3f}")


def _print_numbers(numbers, tools) -> None:
    """Amounts read right, wrong, or left as text, for the app (the document's convention, ambiguous
    tokens flagged) and for each peer's cell text read the usual "1,234.5" way."""
    from analyst_desk.core.extraction.numbers import parse_cell
    from analyst_desk.core.extraction.tables import ExtractedTable

    def app_reader(grid):
        return ExtractedTable("", 1, [1], (0, 0, 0, 0), grid).parsed()

    def plain_reader(grid):
        return [[parse_cell(c) for c in row] for row in grid]

    print("amounts (value must equal the printed amount): right / WRONG / left as text (flagged)")
    for name, results in tools.items():
        reader = app_reader if name == "app" else plain_reader
        right, wrong, left, total = number_score(numbers, [r["grids"] for r in results], reader)
        print(f"  {name:<16}{right:>5} / {wrong:>4} / {left:>4} of {total}"
              f"{'  (app: document convention)' if name == 'app' else '  (read as 1,234.5)'}")


def _peer_version() -> str:
    done = subprocess.run([str(PEER_PYTHON), "-c", "import camelot; print(camelot.__version__)"],
                          capture_output=True, text=True)
    return done.stdout.strip()


if __name__ == "__main__":
    raise SystemExit(main())
