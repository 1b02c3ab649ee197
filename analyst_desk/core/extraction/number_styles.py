"""Which character groups thousands and which marks decimals, decided from the document's own numbers.

"3.597" is 3,597 on a page that writes "1.234.567" and "12,5 %", and 3.597 on a page that writes
"1,234,567" and "12.5%". A token that reads differently under the conventions the evidence still
allows is never turned into a number: it stays text and is flagged. Evidence is taken from the
column first, then the table, then the page (or the document), then the script: a page in Chinese
or Japanese writes decimals with ".".

Conventions: "1,234.5" (also Indian lakh grouping "1,23,456.5"), "1.234,5", Swiss "1'234.5", and
space-grouped "1 234,5" / "1 234.5". A plain space groups only when the token shows it beyond
doubt (two groups, or a decimal part): "12 345" may be two amounts. A no-break or thin space
between digits always groups.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable


@dataclass(frozen=True)
class NumberStyle:
    """One way of writing numbers: ``group`` characters between thousands, ``decimal`` before the fraction."""

    name: str
    group: str
    decimal: str
    indian: bool = False


#: "_" stands for a no-break or thin space between digits (NFKC would turn it into a plain space).
HARD_SPACE = "_"
STYLES: tuple[NumberStyle, ...] = (
    NumberStyle("1,234.5", ",", "."),
    NumberStyle("1,23,456.5", ",", ".", indian=True),
    NumberStyle("1.234,5", ".", ","),
    NumberStyle("1'234.5", "'", "."),
    NumberStyle("1 234,5", " " + HARD_SPACE, ","),
    NumberStyle("1 234.5", " " + HARD_SPACE, "."),
)
ALL = frozenset(STYLES)
DECIMAL_POINT = frozenset(s for s in STYLES if s.decimal == ".")
_WESTERN = re.compile(r"[1-9]\d{0,2}(?:G\d{3})+")
_INDIAN = re.compile(r"[1-9]\d?(?:G\d{2})*G\d{3}")


def protect_hard_spaces(text: str) -> str:
    """No-break and thin spaces between digits become ``HARD_SPACE`` before NFKC flattens them."""
    return re.sub(r"(?<=\d)[\u00a0\u202f\u2009\u2007](?=\d)", HARD_SPACE, text or "")


def read(core: str, style: NumberStyle) -> Decimal | None:
    """The value of ``core`` (digits and separators only) written in ``style``, or None if it cannot be."""
    core = core.replace("’", "'")
    if any(ch not in style.group + style.decimal and not ch.isdigit() for ch in core):
        return None
    integer, fraction = core, ""
    if style.decimal in core:
        if core.count(style.decimal) > 1:
            return None
        integer, fraction = core.split(style.decimal)
        if not fraction.isdigit() or (integer and not _grouped_ok(integer, style, has_fraction=True)):
            return None
    elif not _grouped_ok(integer, style, has_fraction=False):
        return None
    digits = re.sub(r"\D", "", integer) or "0"
    try:
        return Decimal(f"{digits}.{fraction}" if fraction else digits)
    except InvalidOperation:
        return None


def _grouped_ok(integer: str, style: NumberStyle, *, has_fraction: bool) -> bool:
    groups = [ch for ch in integer if not ch.isdigit()]
    if not groups:
        return integer.isdigit()
    if len(set(groups)) > 1:
        return False
    if groups[0] == " " and len(groups) < 2 and not has_fraction:
        return False  # "12 345": one plain space may part two amounts
    shape = re.sub(r"\D", "G", integer)
    pattern = _INDIAN if style.indian else _WESTERN
    return bool(pattern.fullmatch(shape))


def readings(core: str, styles: Iterable[NumberStyle] = STYLES) -> dict[NumberStyle, Decimal]:
    """Every allowed style under which ``core`` is a well-formed number, with its value."""
    out = {}
    for style in styles:
        value = read(core, style)
        if value is not None:
            out[style] = value
    return out


@functools.lru_cache(maxsize=65536)
def constraint(core: str) -> frozenset[NumberStyle] | None:
    """The styles ``core`` is well-formed in, or None when it tells nothing (every style reads it alike)."""
    found = readings(core)
    if not found:
        return None
    if len(found) == len(STYLES) and len(set(found.values())) == 1:
        return None
    return frozenset(found)


@dataclass
class Evidence:
    """How many discriminating tokens each style reads well-formed, out of how many were seen."""

    fits: Counter
    seen: int = 0
    cjk: bool = False

    @classmethod
    def empty(cls) -> "Evidence":
        return cls(Counter())

    def add(self, core: str) -> None:
        allowed = constraint(core)
        if allowed is None:
            return
        self.seen += 1
        self.fits.update(allowed)

    def __iadd__(self, other: "Evidence") -> "Evidence":
        self.fits.update(other.fits)
        self.seen += other.seen
        self.cjk = self.cjk or other.cjk
        return self

    def styles(self) -> frozenset[NumberStyle]:
        """Styles contradicted by at most 5% of the discriminating tokens (a quoted foreign figure
        must not overturn a page), narrowed by the script: CJK text writes decimals with "."."""
        allowed = ALL
        if self.seen:
            best = max(self.fits.values(), default=0)
            allowed = frozenset(s for s in STYLES if self.fits[s] >= best and self.seen - self.fits[s] <= 0.05 * self.seen)
            allowed = allowed or ALL
        if self.cjk:
            allowed = (allowed & DECIMAL_POINT) or DECIMAL_POINT
        return allowed


def narrow(levels: Iterable[frozenset[NumberStyle] | None]) -> frozenset[NumberStyle]:
    """Intersect the styles each level of evidence allows, skipping a level that would leave none."""
    allowed = ALL
    for level in levels:
        if level is None:
            continue
        narrowed = allowed & level
        if narrowed:
            allowed = narrowed
    return allowed
