"""Repairing the citations a small model writes, before verification.

A 0.5B model states facts from the passages well enough but numbers its citations badly (it
numbers its own sentences, or cites [6] when five passages were given). Each sentence's
figures and wording are matched against the passages in Python: a citation the passage
supports is kept; an unsupported or missing one is replaced by the passage that does support
the sentence, and the change is recorded. A sentence no passage supports keeps what the model
wrote, so verification flags it. Only generated text is repaired; text the user edits is
verified as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyst_desk.core.cjk import HAN
from analyst_desk.core.drafting.figure_match import SourceFigures, find_figures, is_period, normalise
from analyst_desk.core.drafting.sources import Source
from analyst_desk.core.drafting.verification import _MARKER, sentences

_LEADING_MARKER = re.compile(r"(?m)^[ \t]*(?:[-*•][ \t]*)?\[\d{1,3}\]\.?[ \t]*")
_TRAILING_PUNCT = re.compile(r"([。．.!?！？；;]*)(\s*)$")
#: Share of a sentence's words/bigrams found in a passage for it to count as the sentence's source.
_OVERLAP = 0.5


@dataclass
class Attribution:
    """What the repair changed, for the record (shown as a note, never hidden)."""

    kept: int = 0
    corrected: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    dropped_repeats: int = 0

    def to_json(self) -> dict:
        return {"kept": self.kept, "corrected": self.corrected, "added": self.added,
                "dropped_repeats": self.dropped_repeats}


def _grams(text: str) -> set[str]:
    text = _MARKER.sub("", normalise(text)).lower()
    grams = set(re.findall(r"[a-z]{3,}", text))
    for run in re.findall(r"[" + HAN + r"]+", text):
        grams.update(run[i:i + 2] for i in range(len(run) - 1))
    return grams


def overlap(sentence: str, passage: str) -> float:
    """Share of the sentence's words (or Chinese bigrams) that occur in the passage."""
    grams = _grams(sentence)
    if not grams:
        return 0.0
    text = normalise(passage).lower()
    return sum(1 for g in grams if g in text) / len(grams)


def attribute(text: str, sources: list[Source]) -> tuple[str, Attribution]:
    """Return ``text`` with each sentence cited to a passage that supports it, and what changed."""
    report = Attribution()
    if not sources:
        return text, report
    figures_of = {s.number: SourceFigures.of(s.text) for s in sources}
    text = normalise(text)
    # "[1]. fact" at the start of a line is the model numbering its list; keep it as a hint only.
    stripped_positions: list[tuple[int, list[int]]] = []
    out_lines = []
    for line in text.split("\n"):
        m = _LEADING_MARKER.match(line)
        if m:
            stripped_positions.append((len(out_lines), [int(n) for n in re.findall(r"\d+", m.group(0))]))
            line = line[m.end():]
        out_lines.append(line)
    leading = dict(stripped_positions)
    pieces: list[str] = []
    seen: set[str] = set()
    for index, line in enumerate(out_lines):
        rebuilt = []
        for start, end in sentences(line):
            sentence = line[start:end]
            key = _MARKER.sub("", sentence).strip()
            if key and key in seen and len(key) > 6:
                report.dropped_repeats += 1
                continue
            seen.add(key)
            hints = [int(n) for m in _MARKER.finditer(sentence) for n in re.split(r"[,，、]", m.group(1))]
            hints += leading.get(index, []) if start == 0 else []
            rebuilt.append(_cite(sentence, hints, sources, figures_of, report))
        pieces.append("".join(rebuilt))
    return "\n".join(pieces).strip(), report


def _cite(sentence: str, hints: list[int], sources: list[Source], figures_of, report: Attribution) -> str:
    body = _MARKER.sub("", sentence)
    figures = [f for f in find_figures(body) if not is_period(f)]
    if len(re.sub(r"[\W_\d]", "", body)) < 4 and not figures:
        return sentence
    scores = {s.number: overlap(body, s.text) for s in sources}
    if figures:
        supporting = [n for n, f in figures_of.items() if all(f.contains(x) for x in figures)]
    else:
        supporting = [n for n, score in scores.items() if score >= _OVERLAP]
    valid_hints = [n for n in dict.fromkeys(hints) if n in supporting]
    if not supporting and figures:
        # No passage states every figure as written (often a wrong unit): cite the passage whose
        # digits the sentence uses, so verification checks the figures against it and flags them.
        digits = [re.sub(r"[^\d.,]", "", f.text).strip(".,") for f in figures]
        counts = {s.number: sum(1 for d in digits if d and d in normalise(s.text)) for s in sources}
        best = max(counts.values(), default=0)
        supporting = [n for n, c in counts.items() if c == best and c > 0]
    if not supporting:
        supporting = [n for n, score in scores.items() if score >= _OVERLAP]
    if valid_hints:
        report.kept += 1
        chosen = valid_hints
    elif supporting:
        chosen = [max(supporting, key=lambda n: scores[n])]
        (report.corrected if hints else report.added).append(f"{_MARKER.sub('', body).strip()[:40]} → [{chosen[0]}]")
    elif any(n in figures_of for n in hints):
        chosen = [n for n in dict.fromkeys(hints) if n in figures_of]  # the model's own claim, checked as written
    else:
        return sentence  # nothing supports it: leave the model's words and markers for verification to flag
    match = _TRAILING_PUNCT.search(body.rstrip())
    core = body.rstrip()[: match.start()] if match else body.rstrip()
    punct = match.group(1) if match else ""
    marks = "".join(f"[{n}]" for n in chosen)
    space = " " if re.search(r"[A-Za-z0-9%)]$", core) and not re.search(r"[" + HAN + r"]", core[-1:]) else ""
    trailing = sentence[len(sentence.rstrip()):]
    return f"{core}{space}{marks}{punct}{trailing}"
