"""Find the section a question is about: its heading (or first lines) names the question's topic.

"…介绍一下报告期内公司的环境信息情况" → the section titled "二、环境信息情况" of the report the question
names, with all its passages, rather than the five passages search ranks highest (which may come from
five different places). Headings are matched by shared character pairs / words with the topic; passages
the search ranked high inside a section add to its score, so a heading phrased differently from the
question is still found when its text is what the question is about.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from analyst_desk.core.drafting.narrative.text import bigrams, coverage
from analyst_desk.core.library.sections import Section, section_map_of

_ENUMERATOR = re.compile(r"^\s*(?:第[一二三四五六七八九十百\d]+[章节部分篇]|[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[)）]|"
                         r"\d{1,2}(?:\.\d{1,2})*[、.]?|item\s+\d+[a-z]?\.?|part\s+[ivx]+\.?)\s*", re.IGNORECASE)
#: Below this a heading is not about the topic (measured on the dev reports' section questions).
MIN_SCORE = 0.55
#: A section with less text than this is a heading without a body (a table-of-contents line).
MIN_SECTION_CHARS = 30


@dataclass
class SectionMatch:
    """One section found for a question, with its passages in reading order."""

    doc_id: str
    section: Section
    score: float
    #: "第五节 环境和社会责任 > 二、环境信息情况"
    path: str
    passages: list = field(default_factory=list)

    @property
    def pages(self) -> list[int]:
        return self.section.pages


def _ordinal(hit) -> int:
    return int(str(hit.chunk_id).rsplit("-", 1)[-1])


def candidate_documents(library, hits: list, doc_ids: list[str] | None, limit: int = 3) -> list[str]:
    """The documents a question is about: those named by ``doc_ids``, else those its best passages come from."""
    if doc_ids:
        return list(doc_ids)
    ordered: list[str] = []
    for hit in hits:
        if hit.doc_id not in ordered:
            ordered.append(hit.doc_id)
    if not ordered:
        ordered = [r.doc_id for r in library.documents() if getattr(r, "status", "complete") == "complete"]
    return ordered[:limit]


def topic_grams(library, topic: str, doc_ids: list[str]) -> set[str]:
    """The topic's words without the documents' own names ("七星电子面临的行业风险" → 行业, 风险 …)."""
    names: set[str] = set()
    for doc_id in doc_ids:
        record = library.find_document(doc_id)
        if record is not None:
            for name in (record.company, getattr(record, "issuer_en", ""), record.title):
                names |= bigrams(name or "")
    # A word mostly made of the name's pairs is the document's short name ("南岭民爆" for 湖南南岭民用爆破器材):
    # none of its pairs is the topic.
    words = [w for w in topic.split() if w]
    short_names = {w for w in words if len(bigrams(w)) >= 2 and len(bigrams(w) & names) * 2 >= len(bigrams(w))}
    grams = set().union(*(bigrams(w) for w in words if w not in short_names)) if words else set()
    grams = grams or bigrams(topic)
    return (grams - names) or grams


def title_weights(sections: list[Section], grams: set[str]) -> dict[str, float]:
    """How telling each topic term is in this document's headings: a term in many of them ("信息", "情况",
    "results") says less than one in few ("环境"), so "环境信息" finds 环境责任 before 经营分部信息."""
    titles = [bigrams(_ENUMERATOR.sub("", s.title)) for s in sections]
    count = max(len(titles), 1)
    found = {g: sum(1 for t in titles if g in t) for g in grams}
    weights = {g: math.log(1.0 + count / (1.0 + n)) for g, n in found.items() if n}
    # A term no heading holds (often a pair across two words, "境信" of 环境信息) cannot tell headings apart:
    # it weighs a quarter of the commonest term one does hold, so it does not outweigh the words headings use.
    floor = 0.25 * min(weights.values(), default=4.0)
    return {g: weights.get(g, floor) for g in grams}


def _weighted(part: set[str], whole: set[str], weights: dict[str, float] | None) -> float:
    if not weights:
        return coverage(part, whole)
    total = sum(weights.get(g, 1.0) for g in part)
    return sum(weights.get(g, 1.0) for g in part & whole) / total if total else 0.0


def score_section(section: Section, topic_grams: set[str], hit_ordinals: list[int],
                  weights: dict[str, float] | None = None) -> float:
    """How much a section is about the topic: its heading first, its lead words and search hits after."""
    title = bigrams(_ENUMERATOR.sub("", section.title))
    recall = _weighted(topic_grams, title, weights)
    precision = coverage(title, topic_grams)
    lead = coverage(topic_grams, bigrams(section.lead))
    inside = sum(1 for o in hit_ordinals if section.first_chunk <= o <= section.last_chunk)
    return recall + 0.25 * precision + 0.15 * lead + 0.08 * min(inside, 3)


def find_sections(library, topic: str, *, hits: list | None = None, doc_ids: list[str] | None = None,
                  limit: int = 1, min_score: float = MIN_SCORE) -> list[SectionMatch]:
    """The best ``limit`` sections about ``topic`` in the candidate documents, best first."""
    hits = hits or []
    candidates = candidate_documents(library, hits, doc_ids)
    grams = topic_grams(library, topic, candidates)
    if not grams:
        return []
    scored: list[tuple[float, str, Section]] = []
    maps = {}
    for doc_id in candidates:
        section_map = section_map_of(library, doc_id)
        if section_map is None or not section_map.sections:
            continue
        maps[doc_id] = section_map
        ordinals = [_ordinal(h) for h in hits if h.doc_id == doc_id]
        weights = title_weights(section_map.sections, grams)
        scores = {s.number: score_section(s, grams, ordinals, weights) for s in section_map.sections}
        for section in section_map.sections:
            score = scores[section.number]
            if score >= min_score:
                scored.append(_widened(section_map, section, score, scores, min_score) + (doc_id,))
    scored = [(score, doc_id, section) for score, section, doc_id in scored]
    # Best score first; between equals the more specific (deeper, shorter) section.
    scored.sort(key=lambda t: (-round(t[0], 3), -t[2].level, t[2].last_chunk - t[2].first_chunk))
    matches: list[SectionMatch] = []
    chunks_of: dict[str, list] = {}
    for score, doc_id, section in scored:
        if any(m.doc_id == doc_id and _overlaps(m.section, section) for m in matches):
            continue
        if doc_id not in chunks_of:
            chunks_of[doc_id] = sorted(library.chunks(doc_id), key=_ordinal)
        passages = [c for c in chunks_of[doc_id] if section.first_chunk <= _ordinal(c) <= section.last_chunk]
        if sum(len(p.text) for p in passages) < MIN_SECTION_CHARS:
            continue
        path = " > ".join(s.title for s in maps[doc_id].path(section))
        matches.append(SectionMatch(doc_id, section, score, path, passages))
        if len(matches) >= limit:
            break
    return matches


#: An ancestor scoring this close to a section it holds is the section to read: "第四节 风险因素" rather than
#: its "（二）汇率风险" when the question asks for the main risks (both name 风险).
ANCESTOR_MARGIN = 0.1
#: What each of an ancestor's sub-sections about the topic adds to its score (at most five count).
DESCENDANT_BONUS = 0.03


def _widened(section_map, section: Section, score: float, scores: dict[int, float],
             min_score: float) -> tuple[float, Section]:
    """(score, section) with ``section`` replaced by its outermost ancestor that is as much about the topic —
    the chapter whose sub-sections are the topic's points — scored with a bonus for each of them."""
    best, best_score = section, score
    node = section
    while node.parent is not None and 0 <= node.parent < len(section_map.sections):
        node = section_map.sections[node.parent]
        if scores.get(node.number, 0.0) >= max(min_score, score - ANCESTOR_MARGIN):
            best, best_score = node, scores[node.number]
    if best is section:
        return score, section
    inside = sum(1 for s in section_map.sections if s.number != best.number and scores.get(s.number, 0.0) >= min_score
                 and best.first_chunk <= s.first_chunk <= best.last_chunk)
    return max(best_score, score) + DESCENDANT_BONUS * min(inside, 5), best


def _overlaps(a: Section, b: Section) -> bool:
    return a.first_chunk <= b.last_chunk and b.first_chunk <= a.last_chunk
