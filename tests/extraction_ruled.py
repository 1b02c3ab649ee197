"""Generated pages where ruled grids and unruled (stream) tables share a page: the ruled suite.

Each page holds one to three tables, some drawn with full rulings (a lattice reader's table), some
only aligned text (a stream reader's), stacked close together the way reports print a rate grid
between two figure tables or at a page's foot. The expected tables are known exactly: every table
on the page, each scored on its own, so a reading that keeps the grid but loses the text table
beside it (or the reverse) loses that table's score.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from analyst_desk.core.pdf import new_pdf

_LABELS = ["North", "South", "East", "West", "Retail", "Corporate", "Treasury", "Mortgages", "Cards", "Leasing",
           "Deposits", "Bonds", "Equities", "Funds", "Insurance", "Payments"]
_GRID_LABELS = ["Base", "Peak", "Floor", "Cap", "Spread", "Margin", "Reserve", "Buffer"]
_HEADS = ["Region", "Segment", "Product", "Business line", "Portfolio"]


@dataclass
class RuledCase:
    """One generated page, the tables on it, and which of them are ruled."""

    name: str
    pdf: Path
    tables: list[list[list[str]]]
    ruled: list[bool]


def _amount(rng: random.Random) -> str:
    return f"{rng.randint(100, 99999):,}"


def _rate(rng: random.Random) -> str:
    return f"{rng.randint(1, 999) / 100:.2f}"


def _stream_rows(rng: random.Random, rows: int, columns: int) -> list[list[str]]:
    years = [str(2024 - i) for i in range(columns - 1)]
    labels = rng.sample(_LABELS, rows)
    return [[rng.choice(_HEADS)] + years] + [[label] + [_amount(rng) for _ in years] for label in labels]


def _grid_rows(rng: random.Random, rows: int, columns: int) -> list[list[str]]:
    heads = [f"Q{i + 1}" for i in range(columns - 1)]
    labels = rng.sample(_GRID_LABELS, rows)
    return [["Rate"] + heads] + [[label] + [_rate(rng) for _ in heads] for label in labels]


def _draw_stream(page, rows: list[list[str]], left: float, top: float, right_edges: list[float], size: float) -> float:
    """Labels at ``left``, amounts right-aligned at ``right_edges``, no rulings; returns the y below."""
    pitch = size * 1.8
    y = top + size
    for row in rows:
        page.insert_text((left, y), row[0], fontname="helv", fontsize=size)
        for edge, text in zip(right_edges, row[1:]):
            width = pymupdf.get_text_length(text, fontname="helv", fontsize=size)
            page.insert_text((edge - width, y), text, fontname="helv", fontsize=size)
        y += pitch
    return y - pitch + size * 0.4


def _draw_grid(page, rows: list[list[str]], left: float, top: float, widths: list[float], size: float) -> float:
    """Every cell boxed by rulings; returns the y of the bottom rule."""
    height = size * 2.0
    xs = [left + sum(widths[:i]) for i in range(len(widths) + 1)]
    ys = [top + i * height for i in range(len(rows) + 1)]
    for y in ys:
        page.draw_line((xs[0], y), (xs[-1], y), width=0.7)
    for x in xs:
        page.draw_line((x, ys[0]), (x, ys[-1]), width=0.7)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            page.insert_text((xs[c] + 4, ys[r] + height * 0.7), text, fontname="helv", fontsize=size)
    return ys[-1]


#: Page layouts, top to bottom: "s" a stream table, "g" a ruled grid; "s|g" the two side by side.
LAYOUTS = ["sg", "gs", "sgs", "gsg", "ssg", "s|g"]


def ruled_cases(folder: Path, count: int = 18, seed: int = 5) -> list[RuledCase]:
    """``count`` pages cycling through :data:`LAYOUTS`, tables close together (one or two lines apart)."""
    rng = random.Random(seed)
    cases = []
    for i in range(count):
        layout = LAYOUTS[i % len(LAYOUTS)]
        size = rng.choice([9.0, 10.0])
        columns = rng.choice([3, 4])
        doc = new_pdf()
        page = doc.new_page(width=595, height=842)
        tables, ruled = [], []
        for kind in layout.replace("|", ""):
            rows = rng.randint(3, 5)
            tables.append(_stream_rows(rng, rows, columns) if kind == "s" else _grid_rows(rng, rows, columns))
            ruled.append(kind == "g")
        total = sum(len(t) * size * (2.0 if g else 1.8) for t, g in zip(tables, ruled)) + 2 * size * len(tables)
        y = 842 - 60 - total  # the last table ends near the page's foot, where the 4×6 grid was lost
        left = 60
        edges = [left + 230 + k * 100 for k in range(columns - 1)]
        if layout == "s|g":  # a narrow grid level with a table beside it: cutting bands there would cut the table
            _draw_stream(page, tables[0], left, 300, [left + 130 + k * 60 for k in range(columns - 1)], size)
            _draw_grid(page, tables[1], 330, 300 + 1.8 * size, [80] + [55] * (columns - 1), size)
        else:
            for rows, is_grid in zip(tables, ruled):
                if is_grid:
                    y = _draw_grid(page, rows, left - 5, y, [220] + [100] * (columns - 1), size)
                else:
                    y = _draw_stream(page, rows, left, y, edges, size)
                y += rng.choice([1.2, 2.0]) * size  # a line or two of white between tables
        path = folder / f"ruled_{i:02d}_{layout.replace('|', '-')}.pdf"
        doc.save(path)
        cases.append(RuledCase(f"{layout} {i}", path, tables, ruled))
    return cases
