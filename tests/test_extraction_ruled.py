"""Ruled grids and unruled tables on one page: the grid read by its rulings, the rest by alignment,
both in the output."""

from __future__ import annotations

import pytest

from analyst_desk.core.extraction.tables import extract_tables
from tests.extraction_peers import _clean
from tests.extraction_ruled import LAYOUTS, ruled_cases


@pytest.mark.parametrize("layout", ["sg", "gs", "sgs", "gsg", "ssg", "s|g"])
def test_a_ruled_grid_between_unruled_tables_keeps_every_table_on_the_page(tmp_path, layout):
    case = next(c for c in ruled_cases(tmp_path, count=len(LAYOUTS)) if c.name.startswith(layout + " "))
    tables = extract_tables(case.pdf)
    assert [_clean(t.rows) for t in tables] == [_clean(t) for t in case.tables]  # top to bottom, none lost
    assert [t.method == "ruled" for t in tables] == case.ruled  # the grids read by their rulings
    for a, b in zip(tables, tables[1:]):  # no text read twice, once in a grid and once beside it
        assert a.bbox[3] <= b.bbox[1] or a.bbox[2] <= b.bbox[0] or b.bbox[2] <= a.bbox[0]


@pytest.mark.parametrize("rotation", [90, 180, 270])
@pytest.mark.parametrize("layout", ["sgs", "s|g"])
def test_a_page_with_a_rotate_entry_keeps_its_grids_and_their_cells(tmp_path, layout, rotation):
    """PyMuPDF finds rulings on the page as displayed and text on the page as stored: the grid is
    turned back onto the text, so each cell holds its own words, in rows as printed."""
    from analyst_desk.core.pdf import open_pdf

    case = next(c for c in ruled_cases(tmp_path, count=len(LAYOUTS)) if c.name.startswith(layout + " "))
    with open_pdf(case.pdf) as doc:
        doc[0].set_rotation(rotation)
        doc.save(tmp_path / "rotated.pdf")
    tables = extract_tables(tmp_path / "rotated.pdf")
    assert [_clean(t.rows) for t in tables] == [_clean(t) for t in case.tables]
    assert [t.method == "ruled" for t in tables] == case.ruled


@pytest.mark.parametrize("turn", [90, 270])
def test_a_grid_printed_turned_on_the_page_is_read_by_its_rulings_upright(tmp_path, turn):
    from analyst_desk.core.pdf import new_pdf, open_pdf

    case = next(c for c in ruled_cases(tmp_path, count=len(LAYOUTS)) if c.name.startswith("gsg "))
    out = new_pdf()
    page = out.new_page(width=842, height=595)  # landscape sheet, the portrait page laid on it turned
    with open_pdf(case.pdf) as doc:
        page.show_pdf_page(page.rect, doc, 0, rotate=turn)
    out.save(tmp_path / "turned.pdf")
    tables = extract_tables(tmp_path / "turned.pdf")
    assert [_clean(t.rows) for t in tables] == [_clean(t) for t in case.tables]
    assert [t.method == "ruled" for t in tables] == case.ruled
    assert all("turned" in " ".join(t.notes) for t in tables)


def test_reading_a_rotated_page_leaves_its_rotate_entry_as_it_was(tmp_path):
    """The grids are searched with /Rotate taken off (PyMuPDF's own turning costs a header test per
    table): the page the library handed in keeps its rotation, and a second reading is the same."""
    from analyst_desk.core.extraction.tables import tables_on_page
    from analyst_desk.core.pdf import open_pdf

    case = next(c for c in ruled_cases(tmp_path, count=len(LAYOUTS)) if c.name.startswith("gsg "))
    with open_pdf(case.pdf) as doc:
        doc[0].set_rotation(90)
        doc.save(tmp_path / "rotated.pdf")
    with open_pdf(tmp_path / "rotated.pdf") as doc:
        first = [t.rows for t in tables_on_page(doc[0], "rotated.pdf")]
        assert doc[0].rotation == 90
        assert [t.rows for t in tables_on_page(doc[0], "rotated.pdf")] == first
    assert [_clean(rows) for rows in first] == [_clean(t) for t in case.tables]


def test_a_page_without_rulings_skips_the_line_finder_and_a_ruled_page_still_uses_it(tmp_path, monkeypatch):
    """The line finder builds its own character list before it looks for a ruling; a page that draws
    no vector path at all cannot hold a grid, so it is read by alignment alone, with the same tables."""
    import pymupdf

    from tests.extraction_wrapped import wrapped_cases

    calls = []
    original = pymupdf.Page.find_tables

    def counted(page, *args, **kwargs):
        calls.append(page.number)
        return original(page, *args, **kwargs)

    monkeypatch.setattr(pymupdf.Page, "find_tables", counted)
    unruled = wrapped_cases(tmp_path, count=1)[0]
    tables = extract_tables(unruled.pdf)
    assert calls == []
    assert _clean(max(tables, key=lambda t: len(t.rows)).rows) == _clean(unruled.expected)
    ruled = next(c for c in ruled_cases(tmp_path, count=len(LAYOUTS)) if c.name.startswith("sgs "))
    tables = extract_tables(ruled.pdf)
    assert calls == [0]
    assert [t.method == "ruled" for t in tables] == ruled.ruled


def test_a_grid_whose_label_column_is_ruled_only_round_it_keeps_every_rows_label(tmp_path):
    """A statement continued on a new page whose row rulings stop at the label column: PyMuPDF returns
    the labels as one cell over all the rows; the page is read by alignment instead, a label per row."""
    from analyst_desk.core.pdf import new_pdf

    labels = ["Deferred income", "Provisions", "Deferred tax", "Other liabilities", "Total liabilities",
              "Share capital", "Reserves", "Retained earnings", "Total equity"]
    amounts = [[f"{(k + 2) * 1234.5 + y * 101:,.2f}" for y in range(3)] for k in range(len(labels))]
    doc = new_pdf()
    page = doc.new_page(width=595, height=842)
    xs, top, height = [60, 220, 330, 440, 550], 80.0, 18.0
    ys = [top + i * height for i in range(len(labels) + 2)]
    page.draw_line((xs[0], ys[0]), (xs[-1], ys[0]), width=0.7)
    page.draw_line((xs[0], ys[1]), (xs[-1], ys[1]), width=0.7)
    page.draw_line((xs[0], ys[-1]), (xs[-1], ys[-1]), width=0.7)
    for y in ys[2:-1]:  # the row rulings cross the amount columns only
        page.draw_line((xs[1], y), (xs[-1], y), width=0.7)
    for x in xs:
        page.draw_line((x, ys[0]), (x, ys[-1]), width=0.7)
    for c, head in enumerate(["Item", "2009", "2008", "2007"]):
        page.insert_text((xs[c] + 4, ys[0] + 13), head, fontname="helv", fontsize=9)
    for r, (label, row) in enumerate(zip(labels, amounts)):
        page.insert_text((xs[0] + 4, ys[r + 1] + 13), label, fontname="helv", fontsize=9)
        for c, amount in enumerate(row):
            page.insert_text((xs[c + 2] - 6 - pymupdf_length(amount), ys[r + 1] + 13), amount, fontname="helv",
                             fontsize=9)
    doc.save(tmp_path / "tail.pdf")
    table = max(extract_tables(tmp_path / "tail.pdf"), key=lambda t: len(t.rows))
    got = {r[0]: [c for c in r[1:] if c] for r in table.rows}
    assert all(got.get(label) == row for label, row in zip(labels, amounts)), table.rows


def pymupdf_length(text: str) -> float:
    import pymupdf

    return pymupdf.get_text_length(text, fontname="helv", fontsize=9)
