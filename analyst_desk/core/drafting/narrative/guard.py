"""The guard for answers written on the ordinary route (not the narrative one): copied cross-references and
undertakings dropped, and a degenerate answer replaced by quotes of the passages it was given."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from analyst_desk.core.drafting.figure_match import find_figures
from analyst_desk.core.drafting.narrative import condense as condensing
from analyst_desk.core.drafting.narrative.degenerate import degenerate_reasons, is_boilerplate
from analyst_desk.core.drafting.narrative.intent import read_intent
from analyst_desk.core.drafting.narrative.results import QUOTE_LABEL, _quote_line
from analyst_desk.core.drafting.prompts import NOT_FOUND
from analyst_desk.core.drafting.sources import Source
from analyst_desk.core.drafting.verification import verify

log = logging.getLogger(__name__)


def guard_grounded(result, question: str):
    """The guard for an answer written on the ordinary route: copied cross-references and undertakings are
    dropped sentence by sentence; an answer that is then degenerate (empty, the question said back, an empty
    numbered list, a loop) is replaced by the best sentences of the passages it was given, quoted with pages."""
    if result.not_found or result.from_facts or not result.sources or not result.text.strip():
        return result
    from analyst_desk.core.drafting.narrative.support import sentence_spans

    kept = [s for s in sentence_spans(result.text) if not is_boilerplate(s, question)]
    text = "".join(kept).strip()
    if text and read_intent(question).kind in ("summary", "why_how", "list"):
        # A narrative answer the narrative route left to this one is checked like its own: every sentence
        # must be in the passage it cites (words and figures; no embedder here), or it is not shown.
        from analyst_desk.core.drafting.narrative.support import check_answer, supported_text

        checks = check_answer(text, {s.number: s.text for s in result.sources})
        for check in checks:
            if not check.supported and _figures_verified(check.text, result):
                # A sentence stating figures its cited table prints ("总资产为47,914.29万元[1]" of "| 资产总计 |
                # 47,914.29 |") is checked as amounts; the table cell holds none of the sentence's words.
                check.supported = True
        dropped = [c for c in checks if not c.supported]
        if dropped:
            log.info("Unsupported sentences dropped from %r: %s", question, [(c.text, c.reason) for c in dropped])
            text = supported_text(checks, result.language).strip()
    if text and not degenerate_reasons(text, question):
        if text != result.text.strip():
            result.text = text
            result.verification = verify(text, result.sources)
        return result
    hits = [_SourceHit(s) for s in result.sources]
    quotes = condensing.best_quotes(hits, question, read_intent(question).topic, count=4)
    language = result.language
    if not quotes:
        # Nothing of the passages reads as an answer either: say so rather than show the degenerate text.
        result.text = NOT_FOUND.get(language, NOT_FOUND["en"])
        result.not_found, result.verification = True, verify(result.text, [])
        return result
    lines = [QUOTE_LABEL.get(language, QUOTE_LABEL["en"])]
    lines += [_quote_line(q.text, q.hit, q.hit.number, language) for q in quotes]
    result.text = "\n".join(lines)
    result.verification = verify(result.text, result.sources)
    return result


def _figures_verified(sentence: str, result) -> bool:
    """True when the sentence states figures and the answer's checks (amounts against the cited passages, or
    the facts the app wrote in) flag none of them."""
    figures = [f for f in find_figures(sentence) if f.kind != "date"]
    if not figures or result.verification is None:
        return False
    doubtful = [f for f in result.verification.flags if f.kind in ("unverified_figure", "weak_figure", "invalid_citation")]
    return not any(f.text and f.text in sentence for f in doubtful)


@dataclass
class _SourceHit:
    """A numbered passage seen as a search hit (what the quote picker reads)."""

    source: Source

    def __getattr__(self, name):
        return getattr(self.source, name)

    @property
    def kind(self) -> str:
        return "text"

    @property
    def chunk_id(self) -> str:
        return self.source.chunk_id
