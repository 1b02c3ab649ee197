"""The import's ruled-grid finder builds lean character lists and still finds exactly the same tables."""

from __future__ import annotations

from analyst_desk.core.pdf_grids import LEAN_FIELDS, _lean_make_chars, lean_grid_chars
from tests.extraction_docs import write_balance_sheet, write_header_ruled_table

PROSPECTUS = "cn_prospectus_dev2/北京七星华创电子股份有限公司.PDF"


def _stock_and_lean_chars(page):
    import pymupdf
    from pymupdf import table

    lean = _lean_make_chars(table.make_chars)
    small = bool(pymupdf.TOOLS.set_small_glyph_heights())
    pymupdf.TOOLS.set_small_glyph_heights(True)  # as find_tables sets it round its character list
    try:
        table._CHARS_VAR.set([])
        table.make_chars(page)
        stock = [{k: c[k] for k in LEAN_FIELDS} for c in table.CHARS]
        table._CHARS_VAR.set([])
        lean(page)
        return stock, list(table.CHARS)
    finally:
        pymupdf.TOOLS.set_small_glyph_heights(small)


def _tables(page, source):
    from analyst_desk.core.extraction.tables import tables_on_page

    return [(t.bbox, t.rows, t.header_rows, t.title, t.method, t.notes, t.text_above, t.text_below)
            for t in tables_on_page(page, source)]


def _ruled_pages(doc, limit):
    return [page for page in doc if page.get_cdrawings()][:limit]


def test_a_prospectus_s_table_pages_give_the_same_characters_and_tables_with_lean_lists(shared_data):
    from analyst_desk.core.pdf import open_pdf

    path = shared_data / PROSPECTUS
    with open_pdf(path) as doc:
        pages = [page for page in _ruled_pages(doc, 400) if page.number % 3 == 0][:40]
        assert len(pages) >= 20
        for page in pages:
            stock, lean = _stock_and_lean_chars(page)
            assert stock and lean == stock, page.number + 1
        found = [_tables(page, str(path)) for page in pages]
        with lean_grid_chars():
            assert [_tables(page, str(path)) for page in pages] == found
        assert sum(len(tables) for tables in found) >= 15


def test_generated_ruled_statements_read_the_same_with_lean_lists(tmp_path):
    from analyst_desk.core.pdf import open_pdf

    for path in (write_balance_sheet(tmp_path / "资产负债表.pdf"), write_header_ruled_table(tmp_path / "ruled.pdf")):
        with open_pdf(path) as doc:
            for page in doc:
                stock, lean = _stock_and_lean_chars(page)
                assert lean == stock
                found = _tables(page, str(path))
                with lean_grid_chars():
                    assert _tables(page, str(path)) == found


def test_importing_a_report_never_builds_pymupdf_s_full_character_list(tmp_path, monkeypatch):
    """The page reader runs the grid finder with lean lists (the finder's dearest step, skipped)."""
    from pymupdf import table

    from analyst_desk.core.library.ingest import Ingest

    calls = []
    stock = table.make_chars
    monkeypatch.setattr(table, "make_chars", lambda page, clip=None: (calls.append(page.number), stock(page, clip))[1])
    report = write_balance_sheet(tmp_path / "资产负债表.pdf")
    ingest = Ingest(ocr=False, workers=1)
    try:
        loaded = ingest.read(report)
    finally:
        ingest.close()
    assert any(page.tables for page in loaded.pages), "the statement's grids were found"
    assert calls == []
    assert table.make_chars.__name__ == "<lambda>"  # the reader put back the finder it found


def test_a_page_with_rotate_gets_the_same_characters(tmp_path):
    from analyst_desk.core.pdf import new_pdf, open_pdf

    path = tmp_path / "turned.pdf"
    doc = new_pdf()
    page = doc.new_page()
    page.insert_text((72, 100), "营业收入 1,234.56", fontname="china-s")
    page.set_rotation(90)
    doc.save(path)
    with open_pdf(path) as doc:
        stock, lean = _stock_and_lean_chars(doc[0])
        assert stock and lean == stock


def test_a_scaled_page_is_left_to_pymupdf_s_own_list(tmp_path, monkeypatch):
    """A transform other than a flip (a page with UserUnit) would round differently: PyMuPDF's own
    list is built for it, field for field."""
    import pymupdf

    from analyst_desk.core.pdf import open_pdf

    report = write_balance_sheet(tmp_path / "资产负债表.pdf")
    monkeypatch.setattr(pymupdf.Page, "transformation_matrix",
                        property(lambda page: pymupdf.Matrix(2, 0, 0, -2, 0, 2 * page.rect.height)))
    with open_pdf(report) as doc:
        stock, lean = _stock_and_lean_chars(doc[0])
    assert stock and [{k: c[k] for k in LEAN_FIELDS} for c in lean] == stock
    assert set(lean[0]) > set(LEAN_FIELDS)  # the full dictionaries: PyMuPDF's own make_chars ran
