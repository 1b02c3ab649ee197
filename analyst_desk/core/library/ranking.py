"""One ranking of passages from four kinds of evidence, within the documents the question is about.

Evidence, each a ranked list fused by weighted reciprocal rank (scores of different kinds do not
compare; ranks do):
- passage words: BM25 with document-aware IDF over jieba words of each passage (:mod:`keyword_index`);
- page words: the same over whole pages, every passage of a well-ranked page sharing its rank (a
  figure's label and its column header can be in different passages of one page) — weight 0 as
  measured below, kept as a setting;
- meaning: cosine similarity of the embedder's vectors (catches English questions on Chinese pages);
- characters: LanceDB's n-gram full-text index (exact strings the word segmenter splits differently).

Before ranking, the question's issuer (read by :mod:`query_profile`) narrows the search to that
issuer's documents; a question naming a period prefers the document of that period among them.
Finally the list is spread over pages: a page's second passage waits until every page with a
candidate has its best one listed, so five hits are five pages.

Chosen on tests/data/answers_devset.json (67 questions with evidence pages over five documents;
evidence page hit@1 / hit@5 with everything else as shipped):
- passage words alone 0.66 / 0.90; + n-gram runs (weight 1) 0.72 / 0.94; + the period as written
  in the keyword query 0.73 / 0.96 — shipped, with vectors for English questions only;
- page words as extra evidence (weight 0.25–1) keep hit@5 and cost hit@1 (0.69 at 0.25), so their
  weight is 0: pages still serve the document-aware IDF, not the ranking;
- vectors for every question (0.25–0.5) cost hit@1 (0.60) for no hit@5; for English questions they
  are neutral here and are the only evidence for English words the glossary does not know;
- without the issuer filter 0.58 / 0.84; the whole question (issuer included) as keyword query
  0.70 / 0.94; without spreading over pages 0.73 / 0.94;
- a passage that defines a metric term ("净息差=利息净收入/…") counts half unless a definition is
  asked for (then double): neutral on the dev set (0.73 / 0.96 either way) and the bare query 净息差
  gets "本集团净息差为1.87%" first instead of the note defining it; the earlier figure bonus (term on
  a line with a number) cost 0.73 / 0.96 → 0.69 / 0.94, statements print every metric beside numbers;
- IDF: document-aware (``DOC_SMOOTHING`` 8) 0.73 / 0.96, library-wide 0.72 / 0.96 — the filter and
  the name-free query already keep the name out; when the issuer is not recognised (no filter)
  document-aware IDF is ahead, 0.84 vs 0.82 hit@5 (0.79 with no smoothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analyst_desk.core.cjk import HAN_RE
from analyst_desk.core.library.document_profile import issuer_aliases
from analyst_desk.core.library.query_profile import QueryProfile
from analyst_desk.core.library.tokenizer import tokenize

RRF_K = 60
WEIGHTS = {"passage_words": 1.0, "page_words": 0.0, "vector": 0.5, "ngram": 1.0}
#: Score factor for passages of the document whose own period is the one the question asks about.
PERIOD_BOOST = 1.25


def candidate_documents(records: Iterable, profile: QueryProfile, doc_ids: list[str] | None = None,
                        doc_type: str | None = None, period: str | None = None) -> list[str] | None:
    """Doc ids a search may return, or None for "all": the caller's filters, then the issuer named.

    A named issuer the library does not hold narrows nothing (the caller decides what to say).
    """
    records = [r for r in records if r.status == "complete"]
    chosen = [r for r in records if (not doc_ids or r.doc_id in doc_ids) and (not doc_type or r.doc_type == doc_type)
              and (not period or r.period == period)]
    if profile.issuers:
        named = [r for r in chosen if r.company in profile.issuers]
        if named:
            chosen = named
    if len(chosen) == len(records) and not (doc_ids or doc_type or period):
        return None
    return [r.doc_id for r in chosen]


def period_documents(records: Iterable, profile: QueryProfile) -> set[str]:
    """Documents whose own period is the question's (e.g. the 2023 report for "2023年…")."""
    if not profile.period:
        return set()
    return {r.doc_id for r in records if r.status == "complete" and r.period and r.period == profile.period}


def fuse(passage_ranking: list[str], page_ranking: list[list[str]], vector_ranking: list[str],
         ngram_rankings: list[list[str]], *, boosted: set[str] = frozenset(), doc_of=None,
         weights: dict[str, float] | None = None) -> dict[str, float]:
    """Weighted reciprocal-rank fusion; ``page_ranking`` holds each ranked page's passage ids."""
    weights = weights or WEIGHTS
    scores: dict[str, float] = {}

    def add(ranking: Iterable[str], weight: float) -> None:
        for rank, chunk_id in enumerate(ranking):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + weight / (RRF_K + rank + 1)

    add(passage_ranking, weights["passage_words"])
    for rank, chunk_ids in enumerate(page_ranking):
        for chunk_id in chunk_ids:
            scores[chunk_id] = scores.get(chunk_id, 0.0) + weights["page_words"] / (RRF_K + rank + 1)
    add(vector_ranking, weights["vector"])
    for ranking in ngram_rankings:
        add(ranking, weights["ngram"])
    if boosted and doc_of is not None:
        for chunk_id in scores:
            if doc_of(chunk_id) in boosted:
                scores[chunk_id] *= PERIOD_BOOST
    return scores


def spread_over_pages(ranked: list[str], page_of, k: int) -> list[str]:
    """The best ``k`` passages, at most one per page until every candidate page has one."""
    first, later, seen = [], [], set()
    for chunk_id in ranked:
        page = page_of(chunk_id)
        (later if page in seen else first).append(chunk_id)
        seen.add(page)
    return (first + later)[:k]


def issuer_names(records: Iterable) -> list[tuple[str, str]]:
    """(issuer, English name) of every complete document, for :func:`query_profile.parse_query`."""
    names = []
    for record in records:
        if record.status == "complete" and record.company and issuer_aliases(record.company):
            entry = (record.company, getattr(record, "issuer_en", ""))
            if entry not in names:
                names.append(entry)
    return names


def keyword_query(profile: QueryProfile) -> list[str]:
    """Words to rank by: the metric terms and the period as written ("2024年第四季度": table columns
    say it so) — not the issuer (the document filter stands for it) nor question words; the whole
    question when nothing is left."""
    text = " ".join([*profile.metric_terms, *profile.period_terms])
    return tokenize(text) or tokenize(profile.question)


def search_texts(profile: QueryProfile, translated: list[str]) -> tuple[str, list[str]]:
    """(text to embed, texts for the n-gram index). The issuer's name is left out of the n-gram runs
    for the same reason as of the keyword query: its grams are on every page of its report."""
    question = profile.question.strip()
    metric = [t for t in profile.metric_terms if _has_cjk(t)]
    vector_text = " ".join([question, *translated])
    ngram = metric or [question, *(t for t in translated if _has_cjk(t))]
    return vector_text, list(dict.fromkeys(ngram))


def _has_cjk(text: str) -> bool:
    return any(HAN_RE.match(ch) for ch in text)


#: Which questions the vector search joins: "all", or "en" (questions with no Chinese, whose words the
#: keyword and n-gram rankings can only place through the glossary).
VECTOR_FOR = "en"


def vector_weight(profile: QueryProfile) -> float:
    if VECTOR_FOR == "en" and profile.language != "en":
        return 0.0
    return WEIGHTS["vector"]


#: Score factor for a passage that defines a metric term ("净息差=利息净收入/平均生息资产余额") when the
#: question asks for the figure, and its inverse when the question asks for the definition.
DEFINITION_FACTOR = 0.5
#: How many of the best fused candidates are read for it.
DEFINITION_DEPTH = 30


def definition_factor(text: str, profile: QueryProfile) -> float:
    """Figures first unless a definition is asked for: a passage that states what a metric term *is*
    ranks lower for "X是多少" and higher for "X的定义是什么"."""
    for term in profile.metric_terms:
        if len(term) >= 2 and re.search(re.escape(term) + r"\s*(?:[=＝]|是指|指的是|is defined as|means)", text,
                                         flags=re.IGNORECASE):
            return 1 / DEFINITION_FACTOR if profile.wants_definition else DEFINITION_FACTOR
    return 1.0
