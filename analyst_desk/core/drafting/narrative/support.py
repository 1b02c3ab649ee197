"""Is each sentence of a narrative answer in the passage it cites? Checked in Python, sentence by sentence.

A sentence is *supported* when every figure it states is printed in a passage it cites and either most of
its content words (Chinese character pairs, English words) are in that passage, or the embedder puts it
close to one of that passage's sentences (:data:`SIMILARITY_THRESHOLD`, measured on the dev reports:
see ``bench/narrative.py --calibrate``). A sentence that cites nothing is given the passage that
supports it best, if one does. Unsupported sentences are not shown; they are kept, with the reason,
for the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from analyst_desk.core.drafting.figure_match import SourceFigures, find_figures
from analyst_desk.core.drafting.narrative.text import bigrams, coverage, split_sentences, strip_markers
from analyst_desk.core.drafting.verification import is_reference_number, sentences

_MARKER = re.compile(r"\[(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\]")
#: Share of a sentence's content words that must be in its passage.
WORD_COVERAGE = 0.6
#: Cosine similarity (multilingual USE) of a sentence with its passage's closest sentence above which a
#: paraphrase counts as supported. Measured by ``bench/narrative.py --calibrate`` on 4 dev reports (Ping An,
#: 神华, 国电, 南岭; 300 pairs each way): a sentence with a fifth of its characters dropped scores p5 0.71,
#: median 0.87 against its own passage; against a passage of another section of the same report p95 0.53,
#: p99 0.63, max 0.74. The threshold is that p99: 1 unsupported sentence in 100 passes on similarity alone
#: (and it must still have its figures in the passage), while all 300 supported ones pass.
SIMILARITY_THRESHOLD = 0.63


@dataclass
class SentenceCheck:
    """One sentence of the answer and what the check found."""

    text: str
    citations: list[int]
    supported: bool
    reason: str = ""
    word_coverage: float = 0.0
    similarity: float = 0.0
    figures_missing: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"text": self.text, "citations": self.citations, "supported": self.supported, "reason": self.reason,
                "word_coverage": round(self.word_coverage, 3), "similarity": round(self.similarity, 3),
                "figures_missing": self.figures_missing}


def _numbers(marker_text: str) -> list[int]:
    return [int(p) for p in re.split(r"[,，、]", marker_text) if p.strip().isdigit()]


def _figures_missing(sentence: str, source_text: str) -> list[str]:
    figures = SourceFigures.of(source_text)
    missing = []
    for figure in find_figures(sentence):
        if figure.kind == "date" or is_reference_number(sentence, figure):
            continue
        if not figures.contains(figure):
            missing.append(figure.text)
    return missing


class SupportChecker:
    """Checks sentences against numbered passages (``{number: text}``), with an optional embedder."""

    def __init__(self, passages: dict[int, str], embedder=None, *, word_coverage: float = WORD_COVERAGE,
                 similarity: float = SIMILARITY_THRESHOLD) -> None:
        self.passages = passages
        self.embedder = embedder
        self.word_coverage = word_coverage
        self.similarity = similarity
        self._grams = {n: bigrams(t) for n, t in passages.items()}
        self._vectors: dict[int, np.ndarray] = {}

    def _similarity(self, sentence: str, number: int) -> float:
        if self.embedder is None:
            return 0.0
        try:
            if number not in self._vectors:
                parts = split_sentences(self.passages[number])[:40] or [self.passages[number]]
                self._vectors[number] = np.asarray(self.embedder.embed(parts), dtype=np.float32)
            query = np.asarray(self.embedder.embed([sentence]), dtype=np.float32)[0]
            return float(np.max(self._vectors[number] @ query))
        except Exception:  # noqa: BLE001 - the embedder is a second opinion; words alone still decide
            return 0.0

    def check(self, sentence: str) -> SentenceCheck:
        cited = [n for m in _MARKER.finditer(sentence) for n in _numbers(m.group(1))]
        valid = [n for n in cited if n in self.passages]
        body = strip_markers(sentence).strip()
        grams = bigrams(body)
        candidates = valid or sorted(self.passages, key=lambda n: -coverage(grams, self._grams[n]))[:2]
        best: SentenceCheck | None = None
        for number in candidates:
            words = coverage(grams, self._grams[number]) if grams else 0.0
            missing = _figures_missing(body, self.passages[number])
            similarity = 0.0 if words >= self.word_coverage else self._similarity(body, number)
            ok = not missing and (words >= self.word_coverage or similarity >= self.similarity)
            check = SentenceCheck(sentence, [number] if not valid else valid, ok, "", words, similarity, missing)
            if ok:
                return check
            if best is None or (words, similarity) > (best.word_coverage, best.similarity):
                best = check
        assert best is not None or not candidates
        if best is None:
            return SentenceCheck(sentence, cited, False, "no passage to check against")
        best.citations = valid
        best.reason = (f"figures not in the cited passage: {', '.join(best.figures_missing)}" if best.figures_missing
                       else f"words not in the cited passage ({best.word_coverage:.0%} found)")
        if cited and not valid:
            best.reason = "cites a passage that was not given"
        return best


def sentence_spans(text: str) -> list[str]:
    """The answer's sentences, each with the markers written after it."""
    return [text[a:b] for a, b in sentences(text) if text[a:b].strip()]


def check_answer(text: str, passages: dict[int, str], embedder=None) -> list[SentenceCheck]:
    """Every sentence of ``text`` checked against the numbered passages."""
    checker = SupportChecker(passages, embedder)
    return [checker.check(s) for s in sentence_spans(text) if re.sub(r"\W|\[\d+\]", "", s) and not _is_label(s)]


def _is_label(sentence: str) -> bool:
    """A line that introduces what follows ("共6项：", "原文摘录：", "10 items:"), not a claim."""
    body = strip_markers(sentence).strip()
    return body.endswith((":", "：")) and len(body) <= 40


def supported_text(checks: list[SentenceCheck], language: str) -> str:
    """The supported sentences joined back, each ending with its citation."""
    out = []
    for check in checks:
        if not check.supported:
            continue
        sentence = check.text.strip()
        written = [n for m in _MARKER.finditer(sentence) for n in _numbers(m.group(1))]
        if check.citations and set(written) != set(check.citations):
            # Uncited, or citing a passage that was not given: cite the passage that supports it.
            sentence = _cite(strip_markers(sentence).strip(), check.citations)
        out.append(sentence)
    return ("" if language == "zh" else " ").join(out)


def _cite(sentence: str, numbers: list[int]) -> str:
    marker = "[" + ",".join(str(n) for n in numbers) + "]"
    match = re.search(r"[。！？!?；;.]\s*$", sentence)
    return sentence[:match.start()] + marker + sentence[match.start():] if match else sentence + marker
