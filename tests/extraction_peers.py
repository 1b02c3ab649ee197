"""Score table extraction against the expected tables of Camelot's and tabula-java's own test suites."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from app.core.extraction.tables import extract_tables


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
        except Exception:
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
