"""Ruled grids and unruled tables on one page: the grid read by its rulings, the rest by alignment,
both in the output."""

from __future__ import annotations

import pytest

from analyst_desk.core.extraction.tables import extract_tables
from tests.extraction_peers import _clean
from tests.extraction_ruled import LAYOUTS, ruled_cases


@pytest.mark.parametrize("layout", ["sg", "gs", "sgs", "gsg", "s|g"])
def test_a_ruled_grid_between_unruled_tables_keeps_every_table_on_the_page(tmp_path, layout):
    case = next(c for c in ruled_cases(tmp_path, count=len(LAYOUTS)) if c.name.startswith(layout + " "))
    tables = extract_tables(case.pdf)
    assert [_clean(t.rows) for t in tables] == [_clean(t) for t in case.tables]  # top to bottom, none lost
    assert [t.method == "ruled" for t in tables] == case.ruled  # the grids read by their rulings
    for a, b in zip(tables, tables[1:]):  # no text read twice, once in a grid and once beside it
        assert a.bbox[3] <= b.bbox[1] or a.bbox[2] <= b.bbox[0] or b.bbox[2] <= a.bbox[0]

