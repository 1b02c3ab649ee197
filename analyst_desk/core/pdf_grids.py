"""PyMuPDF's ruled-grid finder without the per-character dictionaries it never reads.

``page.find_tables`` starts by building a 23-field dictionary, three geometry objects and a colour
conversion for every character on the page (``pymupdf.table.make_chars``) — half of the finder's
time on a prospectus's table pages (measured: 37.8 s of the 50 s the table detector took over the
945 table pages of cn_prospectus_dev2). With the line strategies the app uses, the finder reads six
of those fields: whether a joined drawing box holds a character (``x0``, ``x1`` and the
PDF-space ``y0``/``y1``) and whether a candidate grid overlaps a non-blank one (``x0``, ``x1``,
``top``, ``bottom``, ``text``). Inside :func:`lean_grid_chars` the finder gets characters with
exactly those fields, computed as MuPDF computes them (the same text flags, the same float32
transform), so it finds the same grids; ``Table.extract()`` and ``Table.header``, which read the
other fields, are never called by the app (``tests/test_pdf_grids.py`` holds both to that).

Threading: the patch is process-wide while the block runs; the import's page readers use it, one
page at a time, in their own processes.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

#: The fields of a character the line-strategy finder reads (see the module docstring).
LEAN_FIELDS = ("x0", "x1", "y0", "y1", "top", "bottom", "text")


def _lean_make_chars(original):
    """A ``make_chars`` that fills the finder's character list with :data:`LEAN_FIELDS` only."""
    import numpy as np
    from pymupdf import table

    def make_chars(page, clip=None):
        ctm = page.transformation_matrix
        a, b, c, d, e, f = (float(v) for v in ctm)
        if b != 0 or c != 0 or a not in (1.0, -1.0) or d not in (1.0, -1.0):
            return original(page, clip=clip)  # a scaled or turned page: MuPDF's own arithmetic, field for field
        textpage = page.get_textpage(clip=clip, flags=table.FLAGS)
        boxes, texts = [], []
        for block in page.get_text("rawdict", textpage=textpage)["blocks"]:
            for line in block["lines"]:
                for span in sorted(line["spans"], key=lambda s: s["bbox"][0]):
                    for char in sorted(span["chars"], key=lambda ch: ch["bbox"][0]):
                        boxes.append(char["bbox"])
                        texts.append(char["c"])
        chars = table.CHARS._list()
        if not boxes:
            return textpage
        box = np.asarray(boxes, dtype=np.float64)
        # fz_transform_rect on a flip/shift matrix: corners swapped by sign, then one float32 add each.
        ys = box[:, [3, 1]] if d < 0 else box[:, [1, 3]]
        pdf_y = (ys.astype(np.float32) * np.float32(d) + np.float32(f)).astype(np.float64).tolist()
        for (x0, y0, x1, y1), (py0, py1), text in zip(boxes, pdf_y, texts):
            chars.append({"x0": float(x0), "x1": float(x1), "y0": py0, "y1": py1,
                          "top": float(y0), "bottom": float(y1), "text": text})
        return textpage

    return make_chars


@contextmanager
def lean_grid_chars() -> Iterator[None]:
    """Inside the block, ``page.find_tables`` builds lean character lists (see the module docstring).

    Without PyMuPDF's table module as this was written against (``make_chars``, ``CHARS``,
    ``FLAGS``), nothing is changed."""
    try:
        from pymupdf import table
    except ImportError:
        yield
        return
    original = getattr(table, "make_chars", None)
    if original is None or not hasattr(table, "CHARS") or not hasattr(table, "FLAGS") \
            or getattr(original, "_lean", False):
        yield
        return
    lean = _lean_make_chars(original)
    lean._lean = True
    table.make_chars = lean
    try:
        yield
    finally:
        table.make_chars = original
