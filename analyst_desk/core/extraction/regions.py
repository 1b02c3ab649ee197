"""The parts of a page left to the stream (text-alignment) readers once its ruled grids are read.

A ruled grid is read by its rulings (the lattice answer); the text around it is read by alignment
(the stream answer), and the two are merged. Reading the whole page by alignment and then dropping
every stream table that overlaps a grid loses the rows printed above or below the grid whenever the
alignment reader ran them together with it; so the grid's own text is taken out first, and the text
above, between, below and beside the grids is read band by band, as Tabula's and Camelot's stream
readers would read a page region. Only a grid with nothing printed beside it cuts the page into
bands: one beside a table leaves a hole in the page, and cutting there would cut the table.
"""

from __future__ import annotations

from typing import Protocol, TypeVar


class _Boxed(Protocol):
    x0: float
    x1: float
    y0: float
    y1: float


T = TypeVar("T", bound=_Boxed)
Box = tuple[float, float, float, float]


def _inside(item: _Boxed, box: Box, slack: float = 1.0) -> bool:
    cx, cy = (item.x0 + item.x1) / 2, (item.y0 + item.y1) / 2
    return box[0] - slack <= cx <= box[2] + slack and box[1] - slack <= cy <= box[3] + slack


def _spans(boxes: list[Box]) -> list[tuple[float, float]]:
    """The grids' vertical extents, overlapping ones merged, top to bottom."""
    spans: list[list[float]] = []
    for _, top, _, bottom in sorted(boxes, key=lambda b: b[1]):
        if spans and top <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], bottom)
        else:
            spans.append([top, bottom])
    return [(a, b) for a, b in spans]


def _beside(items: list[_Boxed], box: Box) -> int:
    """Text items level with the grid and outside it: a table printed beside it, which no cut may cross."""
    return sum(1 for i in items if box[1] <= (i.y0 + i.y1) / 2 <= box[3])


def _band(item: _Boxed, spans: list[tuple[float, float]]) -> tuple[str, int]:
    """("beside", k) for text level with the k-th grid span, else ("between", grids above it)."""
    mid = (item.y0 + item.y1) / 2
    for k, (top, bottom) in enumerate(spans):
        if top <= mid <= bottom:
            return "beside", k
    return "between", sum(1 for _, bottom in spans if bottom < mid)


def stream_regions(groups: tuple[list[T], ...], grids: list[Box]) -> list[tuple[list[T], ...]]:
    """The page's text items split into the regions the stream readers read one at a time.

    ``groups`` holds parallel readings of the same page (its text lines, its phrases); each region
    comes back as the same tuple of lists. Items inside a grid are left out; the rest are grouped by
    band: above the first grid, between two, below the last (grids with text beside them cut no
    band: they only leave a hole). Without grids the page is one region, as it was.
    """
    if not grids:
        return [groups]
    items = [item for item in groups[0] if not any(_inside(item, box) for box in grids)]
    spans = _spans([box for box in grids if _beside(items, box) <= 1])
    regions: dict[tuple[str, int], tuple[list[T], ...]] = {}
    for index, group in enumerate(groups):
        for item in group:
            if any(_inside(item, box) for box in grids):
                continue
            key = _band(item, spans)
            region = regions.setdefault(key, tuple([] for _ in groups))
            region[index].append(item)
    # Top to bottom: "between" n sits below span n-1 and above span n; "beside" k is level with span k.
    return [regions[k] for k in sorted(regions, key=lambda k: k[1] - (0.5 if k[0] == "between" else 0.0))]
