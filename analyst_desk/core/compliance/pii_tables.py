"""Tables in plain text, cell by cell with each cell's column header: what tells a phone column from a column of
amounts, and a name column from a list of branches.

Customer lists reach the detector in four shapes: Markdown tables ruled with ``|``, CSV exports, tab-separated
sheets pasted from a spreadsheet, and columns aligned with runs of spaces (a core system's print-out). A block of
consecutive lines is a table when its first line reads as a header — three or more short fields, none of them a
figure — and the lines below split into the same number of fields; a line that does not (a 合计 line, a note) is
left out of the table without ending it. Windows line ends are taken off before the fields are split.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Cell:
    """One cell: its offsets in the text, its column's header ("" for the header row itself), its row's cells."""

    start: int
    end: int
    header: str
    row: tuple[str, ...]
    delimiter: str  # "|", ",", "\t" or "  "
    #: Every column's header of the table (the header row itself for its own cells).
    headers: tuple[str, ...] = ()


_RULING = re.compile(r":?-{2,}:?")
_FIGURE = re.compile(r"[-+(]?[0-9][0-9,.]*%?\)?")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_SPACES = re.compile(r" {2,}|\t")


def _fields(line: str, delimiter: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each field of ``line`` (spaces around a field trimmed)."""
    if delimiter == "|":
        bounds = [i for i, ch in enumerate(line) if ch == "|"]
        spans = list(zip([b + 1 for b in bounds], bounds[1:]))
    elif delimiter == "  ":
        spans = [(m.start(), m.end()) for m in re.finditer(r"\S+(?: \S+)*", line)]
    else:
        spans, start = [], 0
        for i, ch in enumerate(line + delimiter):
            if ch == delimiter:
                spans.append((start, i))
                start = i + 1
    out = []
    for s, e in spans:
        text = line[s:e]
        lead = len(text) - len(text.lstrip())
        out.append((s + lead, s + lead + len(text.strip())) if text.strip() else (s, s))
    return out


def _delimiter(line: str) -> str | None:
    if line.count("|") >= 2:
        return "|"
    if "\t" in line:
        return "\t"
    if line.count(",") >= 2 and "，" not in line:
        return ","
    if _SPACES.search(line.strip()):
        return "  "
    return None


def _header_like(texts: list[str], delimiter: str) -> bool:
    """Three or more short fields naming columns: none a figure (a year is a column's name), none a sentence."""
    if delimiter == "|":
        return len(texts) >= 1
    return len(texts) >= 3 and all(t and len(t) <= 16 and (not _FIGURE.fullmatch(t) or _YEAR.fullmatch(t))
                                   and not re.search(r"[。；;]", t) for t in texts)


@lru_cache(maxsize=8)
def cells(folded: str) -> tuple[Cell, ...]:
    """Every cell of every table in ``folded`` (the header rows' cells too, with header "")."""
    out: list[Cell] = []
    offset = 0
    header: list[str] | None = None
    delimiter: str | None = None
    for raw in folded.split("\n"):
        start, line = offset, raw[:-1] if raw.endswith("\r") else raw
        offset += len(raw) + 1
        if header is not None and delimiter == "|" and "|" not in line:
            header = None
        if not line.strip():
            header = None
            continue
        if header is not None:
            spans = _fields(line, delimiter)
            texts = [line[s:e] for s, e in spans]
            if delimiter == "|" and all(_RULING.fullmatch(t or "--") for t in texts):
                continue  # the ruling under a Markdown header
            if delimiter == "|" or len(spans) == len(header):
                row = tuple(texts)
                out += [Cell(start + s, start + e, header[i] if i < len(header) else "", row, delimiter, tuple(header))
                        for i, (s, e) in enumerate(spans)]
                continue
            # Another shape: a new table's header, else a line inside this table that is none of its rows (合计).
        found = _delimiter(line)
        if found is None:
            continue
        spans = _fields(line, found)
        texts = [line[s:e] for s, e in spans]
        if _header_like(texts, found) and (header is None or len(texts) != len(header) or found != delimiter):
            header, delimiter = texts, found
            row = tuple(texts)
            out += [Cell(start + s, start + e, "", row, found, row) for s, e in spans]
    return tuple(out)


@lru_cache(maxsize=8)
def _starts(folded: str) -> list[int]:
    return [cell.start for cell in cells(folded)]


def cell_at(folded: str, start: int, end: int) -> Cell | None:
    """The table cell holding ``folded[start:end]``, or None when it is not in a table."""
    index = bisect.bisect_right(_starts(folded), start) - 1
    if index >= 0:
        cell = cells(folded)[index]
        if cell.start <= start and end <= cell.end:
            return cell
    return None
