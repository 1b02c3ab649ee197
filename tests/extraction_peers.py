"""Score table extraction against the expected tables of Camelot's and tabula-java's own test suites."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from analyst_desk.core.extraction.tables import extract_tables


def _clean(grid: list[list[str]]) -> list[list[str]]:
    grid = [[re.sub(r"\s+", "", c or "") for c in row] for row in grid]
    grid = [row for row in grid if any(row)]
    if not grid:
        return []
    width = max(len(r) for r in grid)
    grid = [r + [""] * (width - len(r)) for r in grid]
    keep = [j for j in range(width) if any(r[j] for r in grid)]
    return [[r[j] for j in keep] for r in grid]


def cell_accuracy(expected: list[list[str]], actual: list[list[str]]) -> tuple[int, int]:
    """(cells equal at the same position, non-empty expected cells), at the best row/column alignment
    (extractors differ on whether a title line or padding column belongs to the table)."""
    expected, actual = _clean(expected), _clean(actual)
    total = sum(1 for row in expected for c in row if c)
    best = 0
    for dr in range(-3, 4):
        for dc in range(-2, 3):
            correct = 0
            for i, row in enumerate(expected):
                ai = i + dr
                if not 0 <= ai < len(actual):
                    continue
                for j, cell in enumerate(row):
                    aj = j + dc
                    if cell and 0 <= aj < len(actual[ai]) and actual[ai][aj] == cell:
                        correct += 1
            best = max(best, correct)
    return best, total


@dataclass
class PeerScore:
    suite: str
    case: str
    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def _best(expected, tables) -> tuple[int, int]:
    best = (0, sum(1 for row in _clean(expected) for c in row if c))
    for table in tables:
        score = cell_accuracy(expected, table.rows)
        if score[0] > best[0]:
            best = score
    return best


def _pages_arg(args: list[str]) -> str:
    match = re.search(r"pages\s*=\s*['\"]([^'\"]+)['\"]", " ".join(args))
    return match.group(1) if match else "1"


class _Raw:
    def __init__(self, rows):
        self.rows = rows


def raw_finder(pdf: Path, pages: list[int]) -> list:
    """PyMuPDF's find_tables as is: the baseline our extractor is compared with."""
    import pymupdf

    tables = []
    with pymupdf.open(pdf) as doc:
        for number in pages:
            if 1 <= number <= doc.page_count:
                for tab in doc[number - 1].find_tables().tables:
                    tables.append(_Raw([[c or "" for c in row] for row in tab.extract()]))
    return tables


def camelot_scores(folder: Path, finder=None) -> list[PeerScore]:
    scores = []
    for case in json.loads((folder / "cases.json").read_text(encoding="utf-8")):
        pdf = folder / case["pdfs"][0]
        pages = _pages_arg(case["camelot_read_pdf_args"])
        numbers = [int(p) for p in pages.split(",") if p.strip().isdigit()] or [1]
        try:
            tables = finder(pdf, numbers) if finder else extract_tables(pdf, numbers)
        except Exception:  # noqa: BLE001 - a finder that fails on a case scores zero on it
            tables = []
        for expected in case["expected"]:
            with (folder / expected["csv"]).open(encoding="utf-8") as handle:
                grid = list(csv.reader(handle))
            correct, total = _best(grid, tables)
            scores.append(PeerScore("camelot", f"{case['test']}:{expected['data_var']}", correct, total))
    return scores


def tabula_scores(folder: Path, finder=None) -> list[PeerScore]:
    scores = []
    for case in json.loads((folder / "cases.json").read_text(encoding="utf-8")):
        pdf = folder / case["pdf"]
        pages = [int(case.get("page_1based", 1))]
        tables = finder(pdf, pages) if finder else extract_tables(pdf, pages)
        for expected_file in case["expected"]:
            if not expected_file.endswith(".csv"):
                continue
            with (folder / expected_file).open(encoding="utf-8") as handle:
                grid = list(csv.reader(handle))
            correct, total = _best(grid, tables)
            scores.append(PeerScore("tabula", f"{Path(case['pdf']).name}", correct, total))
    return scores


def summarise(scores: list[PeerScore]) -> tuple[int, int, float]:
    correct = sum(s.correct for s in scores)
    total = sum(s.total for s in scores)
    return correct, total, (correct / total if total else 0.0)


# -- cell adjacency (the ICDAR 2013 table-structure measure) -----------------------------------
def adjacency_relations(grid: list[list[str]]) -> Counter:
    """Each non-empty cell with its nearest non-empty neighbour to the right and below, as
    (text, text, direction). Comparing these between two grids scores structure independently of
    padding rows/columns and of where the table starts."""
    grid = _clean(grid)
    relations: Counter = Counter()
    for row in grid:
        filled = [c for c in row if c]
        relations.update((a, b, "h") for a, b in zip(filled, filled[1:]))
    for col in zip(*grid) if grid else []:
        filled = [c for c in col if c]
        relations.update((a, b, "v") for a, b in zip(filled, filled[1:]))
    return relations


@dataclass
class AdjacencyScore:
    """Adjacency relations found right (``correct``) out of the expected and the extracted ones,
    and the expected cell texts found among the extracted cells."""

    correct: int = 0
    expected: int = 0
    extracted: int = 0
    cells_found: int = 0
    cells: int = 0

    def __iadd__(self, other: "AdjacencyScore") -> "AdjacencyScore":
        for name in ("correct", "expected", "extracted", "cells_found", "cells"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def cell_text(self) -> float:
        return self.cells_found / self.cells if self.cells else 0.0


def adjacency_score(expected: list[list[str]], grids: list[list[list[str]]]) -> AdjacencyScore:
    """The expected table scored against the extracted table that matches it best (by F1)."""
    truth = adjacency_relations(expected)
    truth_cells = Counter(c for row in _clean(expected) for c in row if c)
    best = AdjacencyScore(0, sum(truth.values()), 0, 0, sum(truth_cells.values()))
    best_f1 = -1.0
    for grid in grids:
        found = adjacency_relations(grid)
        cells = Counter(c for row in _clean(grid) for c in row if c)
        score = AdjacencyScore(sum((truth & found).values()), sum(truth.values()), sum(found.values()),
                               sum((truth_cells & cells).values()), sum(truth_cells.values()))
        if score.f1 > best_f1 or (score.f1 == best_f1 and score.cells_found > best.cells_found):
            best, best_f1 = score, score.f1
    return best


@dataclass
class SuiteCase:
    """One page (or page list) of a peer suite with the tables expected on it."""

    suite: str
    pdf: Path
    pages: list[int]
    expected: list[tuple[str, list[list[str]]]]


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.reader(handle))


def suite_cases(folder: Path, suite: str) -> list[SuiteCase]:
    """The peer suite's cases without tool-specific hints (areas, column positions): each tool must
    find the tables itself. A page shared by several upstream tests is one case."""
    cases: dict[tuple[str, str], SuiteCase] = {}
    for case in json.loads((folder / "cases.json").read_text(encoding="utf-8")):
        if suite == "camelot":
            pdfs = case["pdfs"]
            pages_text = _pages_arg(case["camelot_read_pdf_args"])
            pages = [int(p) for p in pages_text.split(",") if p.strip().isdigit()] or [1]
            expected = [(e["data_var"], folder / e["csv"]) for e in case["expected"]]
        else:
            pdfs = [case["pdf"]]
            pages = [int(case.get("page_1based", 1))]
            expected = [(Path(e).stem, folder / e) for e in case["expected"] if e.endswith(".csv")]
        for pdf in pdfs:
            key = (pdf, ",".join(map(str, pages)))
            entry = cases.setdefault(key, SuiteCase(suite, folder / pdf, pages, []))
            for name, path in expected:
                if name not in {n for n, _ in entry.expected}:
                    entry.expected.append((name, _read_csv(path)))
    return [c for c in cases.values() if c.expected]
