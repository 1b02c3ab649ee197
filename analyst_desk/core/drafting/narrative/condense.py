"""Condense a section extractively: the sentences that answer the question, in reading order, within budget.

A section can run to dozens of pages; the small model reads a few hundred words in the seconds it has.
Each sentence is scored by the question's and topic's words it contains, with a little weight for
coming first in the section (sections state their subject first) and for printing a figure;
cross-references and undertakings copied from the page score nothing. The best sentences are kept
whole, in document order, grouped back by the passage (and page) they come from, so each can be cited.
The same scores pick the sentences quoted when the model's answer cannot be shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analyst_desk.core.cjk import HAN, has_cjk
from analyst_desk.core.drafting.narrative.degenerate import is_boilerplate
from analyst_desk.core.drafting.narrative.text import bigrams, split_sentences

_FIGURE = re.compile(r"\d[\d,.]*\s*(?:%|亿|万|元|吨|千|百万|million|billion|mg|t\b)")
_TABLE_RULE = re.compile(r"^\|?[-:| ]+\|?$")
_ENDED = re.compile(r"[。！？!?；;.:：]\s*$")


def _is_row(line: str) -> bool:
    """A table row as the chunker writes it ("a | b | c"), inside a table passage or a text one."""
    return line.startswith("|") or line.count(" | ") >= 2


@dataclass
class Sentence:
    """One sentence of a section, with the passage it came from and where it stands."""

    text: str
    hit: object
    position: int
    score: float = 0.0
    #: A table row (cells joined), not prose.
    row: bool = False
    #: A sub-heading of the section.
    heading: bool = False

    @property
    def page(self) -> int:
        return int(self.hit.page)


def section_sentences(passages: list) -> list[Sentence]:
    """Every sentence of the passages in reading order (a table row counts as one sentence)."""
    out: list[Sentence] = []
    heading = None
    carry = ""
    for hit in passages:
        # A sub-heading inside the section names one of its points ("（一）市场需求波动风险"): a sentence too.
        path = (getattr(hit, "heading_path", "") or getattr(hit, "heading", "") or "").split(" > ")
        if heading is not None and path[-1] and path[-1] != heading and len(re.sub(r"\W", "", path[-1])) >= 4:
            out.append(Sentence(path[-1], hit, len(out), heading=True))
        heading = path[-1]
        table = getattr(hit, "kind", "text") == "table"
        lines = [r.strip() for r in hit.text.split("\n") if r.strip() and not _TABLE_RULE.match(r.strip())]
        if table or (lines and sum(_is_row(r) for r in lines) * 2 > len(lines)):
            parts = [(" ".join(c.strip() for c in r.strip("|").split("|") if c.strip()), True) for r in lines]
            carry = ""
        else:
            text = hit.text
            if carry:  # the previous passage ended mid-sentence: this one finishes it
                text = carry + text.lstrip()
                carry = ""
            parts = [(p, _is_row(p)) for p in split_sentences(text)]
            if parts and not _ENDED.search(parts[-1][0]) and hit is not passages[-1]:
                carry = parts.pop()[0]
        for part, row in parts:
            if len(re.sub(r"\W", "", part)) >= 6:
                out.append(Sentence(" ".join(c.strip() for c in part.strip("|").split("|") if c.strip()) if row else part,
                                    hit, len(out), row=row))
    if carry and len(re.sub(r"\W", "", carry)) >= 6:
        out.append(Sentence(carry, passages[-1], len(out)))
    return out


def score_sentences(sentences: list[Sentence], question: str, topic: str = "") -> list[Sentence]:
    """Give each sentence its score (in place) and return them."""
    asked = bigrams(question) | bigrams(topic)
    topical = bigrams(topic)
    total = max(len(sentences), 1)
    for s in sentences:
        grams = bigrams(s.text)
        if is_boilerplate(s.text):
            s.score = 0.0
            continue
        shared = len(grams & asked)
        s.score = (shared + 1.5 * len(grams & topical)) / (len(grams) ** 0.5 + 1.0)
        s.score += 0.6 * (1 - s.position / total) ** 3  # the subject is stated first
        s.score += 0.8 if _FIGURE.search(s.text) else 0.0
        s.score *= 0.6 if s.row else 1.0
        s.score += 0.5 if s.heading else 0.0
    return sentences


def condense(passages: list, question: str, topic: str, *, fits) -> list:
    """The passages cut down to their best sentences, in reading order, as long as ``fits(texts)`` holds.

    ``fits`` takes the candidate passage texts and says whether they fit the model's budget. Passages
    come back as copies of the originals (same chunk id, page) holding only the chosen sentences.
    """
    sentences = score_sentences(section_sentences(passages), question, topic)
    ranked = sorted((s for s in sentences if s.score > 0), key=lambda s: -s.score)
    chosen: list[Sentence] = []
    for sentence in ranked:
        trial = sorted(chosen + [sentence], key=lambda s: s.position)
        if fits(_texts(trial)):
            chosen = trial
        elif chosen:
            break
    return _regroup(chosen)


_LEADERS = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|-{4,})\s*\d*\s*$")


_NUMBERED_HEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十\d]+[节章]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|"
                               r"\d+(?:\.\d+)*[、.．\s])")


def readable(text: str) -> bool:
    """A sentence a reader can take as an answer: not a heading ("Human Capital", "our capital stock"), nor a
    table-of-contents line ("第一节 释义......9") — at least twelve Chinese characters or six English words."""
    if _LEADERS.search(text):
        return False
    if _NUMBERED_HEADING.match(text) and not re.search(r"[，。；：,;:]", text):
        return False  # "三、本次发行的当事人及有关机构": a numbered heading, no sentence
    han = len(re.findall(f"[{HAN}]", text))
    words = len(re.findall(r"[A-Za-z]{2,}", text))
    return han >= 12 or words >= 6


def best_quotes(passages: list, question: str, topic: str, *, count: int = 4, min_chars: int = 12,
                spread: bool = True) -> list[Sentence]:
    """The ``count`` sentences that best answer the question (3–5 is what a reader takes in), in reading order.

    ``spread``: a section states its points one after another, so the best sentence of each of ``count``
    equal stretches of it is taken first (then the best of the rest), not the ``count`` best of its first page.
    """
    sentences = score_sentences(section_sentences(passages), question, topic)
    useful = [s for s in sentences if s.score > 0 and len(s.text) >= min_chars and readable(s.text)]
    prose = [s for s in useful if not s.row]
    if len(prose) >= 2:
        useful = prose  # a quote is a sentence a reader can read; table rows only when there is nothing else
    ranked = sorted(useful, key=lambda s: -s.score)
    if spread and len(useful) > count:
        stretch = len(useful) / count
        firsts = [max(useful[int(i * stretch):int((i + 1) * stretch)] or [useful[-1]], key=lambda s: s.score)
                  for i in range(count)]
        ranked = firsts + [s for s in ranked if s not in firsts]
    seen: set[str] = set()
    chosen: list[Sentence] = []
    for s in ranked:
        key = re.sub(r"\W", "", s.text)
        if key in seen:
            continue
        seen.add(key)
        chosen.append(s)
        if len(chosen) >= count:
            break
    return sorted(chosen, key=lambda s: s.position)


def _texts(sentences: list[Sentence]) -> list[str]:
    return [replace_text for _, replace_text in _grouped(sentences)]


def _grouped(sentences: list[Sentence]) -> list[tuple[object, str]]:
    groups: list[tuple[object, list[str]]] = []
    for s in sentences:
        if groups and groups[-1][0] is s.hit:
            groups[-1][1].append(s.text)
        else:
            groups.append((s.hit, [s.text]))
    joiner = lambda parts: ("" if has_cjk("".join(parts)) else " ").join(parts)  # noqa: E731
    return [(hit, joiner(parts)) for hit, parts in groups]


def _regroup(sentences: list[Sentence]) -> list:
    out = []
    for hit, text in _grouped(sentences):
        try:
            out.append(replace(hit, text=text))
        except TypeError:  # not a dataclass: keep the passage whole
            out.append(hit)
    return out
