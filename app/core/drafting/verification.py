"""Checking generated text against the passages it was given, in Python, after generation.

Every citation marker must name a passage actually given; every figure must appear in a passage
the sentence cites ("verified"), or at least in some given passage ("weak"), else it is
"unverified"; a factual sentence without a citation is "uncited". Nothing is removed: flags are
shown beside the text so a reader never mistakes an unchecked figure for a fact.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from app.core.drafting.figure_match import SourceFigures, find_figures, normalise
from app.core.drafting.sources import Source

_MARKER = re.compile(r"\[(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\]")
_LOOSE_MARKERS = [(re.compile(r"【(\d{1,3})】"), r"[\1]"), (re.compile(r"\[(?:Source|来源|资料)\s*(\d{1,3})\]", re.I), r"[\1]"),
                  (re.compile(r"\[\[(\d{1,3})\]\]"), r"[\1]")]
# A sentence ends at 。！？!? or ". " — and keeps the citation markers written right after it.
_SENTENCE_END = re.compile(r"(?:[。！？!?；;]|\.(?=\s|$)|\n)(?:\s*\[\d{1,3}(?:\s*[,，、]\s*\d{1,3})*\])*")
_NOT_FOUND_WORDS = ("not found in your documents", "资料中未找到", "未找到相关", "no information")


@dataclass
class Flag:
    """Something a reader must check. ``kind``: unverified_figure, weak_figure, invalid_citation, uncited_sentence."""

    kind: str
    text: str
    start: int
    end: int
    message: str

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class Verification:
    """The result of checking one text against its sources."""

    figures_total: int = 0
    figures_verified: int = 0
    figures_weak: int = 0
    citations: list[int] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Share of figures found in a cited passage (1.0 when the text has no figures)."""
        return self.figures_verified / self.figures_total if self.figures_total else 1.0

    @property
    def ok(self) -> bool:
        return not self.flags

    def to_json(self) -> dict:
        return {"figures_total": self.figures_total, "figures_verified": self.figures_verified,
                "figures_weak": self.figures_weak, "verification_rate": round(self.rate, 3),
                "citations": self.citations, "flags": [f.to_json() for f in self.flags]}


def tidy_markers(text: str) -> str:
    """Rewrite the citation styles small models drift into (【1】, [Source 1]) as [1]."""
    for pattern, replacement in _LOOSE_MARKERS:
        text = pattern.sub(replacement, text)
    return text


def cited_numbers(text: str) -> list[int]:
    """Citation numbers in order of first appearance."""
    seen: list[int] = []
    for m in _MARKER.finditer(text):
        for part in re.split(r"[,，、]", m.group(1)):
            n = int(part)
            if n not in seen:
                seen.append(n)
    return seen


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of sentences, each including the markers that follow it."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start:
            spans.append((start, m.end()))
            start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _is_claim(sentence: str) -> bool:
    body = _MARKER.sub("", sentence).strip()
    if body.startswith("#") or len(re.sub(r"[\W_]", "", body)) < 8:
        return False
    if body.endswith((":", "：")) or any(w in body.lower() for w in _NOT_FOUND_WORDS):
        return False
    return True


_CONNECTORS = re.compile(r"(?:为|是|达到|达|约|共计|合计为|分别为|至|了|\s|was|were|is|are|of|at|to|reached|totall?ed|"
                         r"stood|amounted)+$", re.IGNORECASE)


def label_before(sentence: str, position: int) -> str:
    """What a sentence says a figure is: the words just before it ("净利润为161,566亿元" → "净利润")."""
    before = re.split(r"[，,。；;：:（(\n]", sentence[:position])[-1]
    before = re.sub(r"\[\d{1,3}\]|\d[\d,.]*\s*(?:亿元|百万元|万元|元|%|年)?", " ", before)
    return _CONNECTORS.sub("", before.strip()).strip()


def _grams(text: str) -> set[str]:
    cjk = re.findall(r"[\u4e00-\u9fff]", text)
    if len(cjk) >= 2:
        return {a + b for a, b in zip(cjk, cjk[1:])}
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2}


def _row_label(row: str) -> str:
    return next((cell.strip() for cell in row.strip().strip("|").split("|") if cell.strip()), "")


def label_fits(label: str, row: str) -> bool:
    """Whether a table row is about what the sentence says the figure is (shared character pairs or words)."""
    said, printed = _grams(label), _grams(_row_label(row))
    if not said or not printed:
        return True  # nothing to compare: do not second-guess
    shared = len(said & printed)
    return shared / len(printed) >= 0.5 or shared / len(said) >= 0.5


def verify(text: str, sources: list[Source]) -> Verification:
    """Check ``text`` against the passages it was generated from (or was edited against)."""
    text = normalise(text)
    by_number = {s.number: s for s in sources}
    figures_of = {s.number: SourceFigures.of(s.text) for s in sources}
    result = Verification(citations=cited_numbers(text))
    for start, end in sentences(text):
        sentence = text[start:end]
        numbers: list[int] = []
        for m in _MARKER.finditer(sentence):
            for part in re.split(r"[,，、]", m.group(1)):
                n = int(part)
                if n in by_number:
                    numbers.append(n)
                else:
                    result.flags.append(Flag("invalid_citation", m.group(0), start + m.start(), start + m.end(),
                                             f"[{n}] does not refer to a passage that was given."))
        if not numbers and _is_claim(sentence):
            body = sentence.strip()
            offset = start + sentence.find(body[:1]) if body else start
            result.flags.append(Flag("uncited_sentence", body, offset, offset + len(body),
                                     "This sentence cites no source."))
        for figure in find_figures(sentence):
            if figure.kind == "date" and figure.value % 10000 == 0 and not numbers:
                continue  # a bare year in an uncited sentence is context, not a claim to check
            result.figures_total += 1
            span = (start + figure.start, start + figure.end)
            unconfirmed = [n for n in numbers if figures_of[n].unit_unconfirmed(figure)]
            if unconfirmed:
                result.figures_weak += 1
                where = ", ".join(f"[{n}]" for n in unconfirmed[:3])
                result.flags.append(Flag("weak_figure", figure.text, *span,
                                         f"{figure.text}: the digits are in {where}, but that passage does not say "
                                         "its unit — check the unit on the page."))
                continue
            if any(figures_of[n].contains(figure) for n in numbers):
                rows = [row for n in numbers for row in figures_of[n].table_rows_with(figure)]
                label = label_before(sentence, figure.start)
                if label and rows and not any(label_fits(label, row) for row in rows):
                    result.figures_weak += 1
                    row_label = _row_label(rows[0])
                    result.flags.append(Flag("weak_figure", figure.text, *span,
                                             f"{figure.text} is the figure for “{row_label}” in the cited table, "
                                             f"not for “{label}”."))
                    continue
                result.figures_verified += 1
                continue
            elsewhere = [n for n, f in figures_of.items() if n not in numbers and f.contains(figure)]
            if elsewhere:
                result.figures_weak += 1
                where = ", ".join(f"[{n}]" for n in elsewhere[:3])
                result.flags.append(Flag("weak_figure", figure.text, *span,
                                         f"{figure.text} is in {where}, not in the passage this sentence cites."))
            else:
                result.flags.append(Flag("unverified_figure", figure.text, *span,
                                         f"{figure.text} was not found in any source passage."))
    result.flags.sort(key=lambda f: f.start)
    return result
