"""Hand fixes to an extracted table: join two columns the finder split, split one it joined."""

from __future__ import annotations

import re

from analyst_desk.core.extraction.tables import ExtractedTable


def _pad(table: ExtractedTable) -> None:
    width = table.columns
    for row in table.rows:
        row.extend([""] * (width - len(row)))


def merge_columns(table: ExtractedTable, column: int) -> bool:
    """Join ``column`` with the one to its right (a header or a value printed as two pieces)."""
    if column < 0 or column + 1 >= table.columns:
        return False
    _pad(table)
    for row in table.rows:
        row[column] = " ".join(x for x in (row[column], row[column + 1]) if x).strip()
        del row[column + 1]
    return True


def split_column(table: ExtractedTable, column: int) -> bool:
    """Split ``column`` in two at the first space in each cell ("2024年 2023年", "268,973 274,663").

    A cell without a space stays whole on the left. Returns False when no cell has a space, so the
    table is not given an empty column by a mistaken click.
    """
    if column < 0 or column >= table.columns:
        return False
    _pad(table)
    if not any(re.search(r"\S\s+\S", row[column]) for row in table.rows):
        return False
    for row in table.rows:
        parts = re.split(r"\s+", row[column].strip(), maxsplit=1)
        row[column] = parts[0]
        row.insert(column + 1, parts[1] if len(parts) > 1 else "")
    return True
