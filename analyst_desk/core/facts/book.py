"""The facts of a library, looked up by what a question or a report section asks for."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from analyst_desk.core.facts.lookup import (FactMatch, FactQuery, best_fact, is_definition_question, label_key, label_score,
                                   parse_query)
from analyst_desk.core.facts.model import Fact
from analyst_desk.core.facts.store import FactStore

log = logging.getLogger(__name__)


@dataclass
class FactLookup:
    """What a text asked for and the facts found for it (one match per metric found)."""

    query: FactQuery
    matches: list[FactMatch] = field(default_factory=list)
    definition: bool = False
    #: Metrics printed for other periods than the one asked: row label → periods, latest first.
    other_periods: dict[str, list[str]] = field(default_factory=dict)


class FactBook:
    """Read access to the facts of the documents in one or more libraries (a ``Library``, a
    ``LibrarySet`` of the user's and a shared library, or any object with ``folder`` and
    ``documents()``). Cheap to create; holds one SQLite connection per library until closed."""

    def __init__(self, folder: Path, records: list, *, more: list[tuple[Path, list]] = ()) -> None:
        self._parts: list[tuple[FactStore, list]] = []
        for part_folder, part_records in [(folder, records), *more]:
            complete = [r for r in part_records if getattr(r, "status", "complete") == "complete"]
            self._parts.append((FactStore(part_folder, read_only=True), complete))  # readers never write
        self.records = [r for _, records_ in self._parts for r in records_]
        # Facts built from another version of a file than the catalogue's (a writer killed between its
        # fact write and its catalogue save) are not this record's: skipped until the next writer drops them.
        self._stale = {r.doc_id for store, records_ in self._parts for built in [store.built()] for r in records_
                       if getattr(r, "sha256", None) and built.get(r.doc_id) not in (None, r.sha256)}

    @classmethod
    def of(cls, library) -> "FactBook":
        parts = getattr(library, "libraries", None)
        parts = (parts() if callable(parts) else list(parts)) if parts else [library]
        first, *rest = parts
        return cls(first.folder, first.documents(), more=[(p.folder, p.documents()) for p in rest])

    @property
    def store(self) -> FactStore:
        return self._parts[0][0]

    def facts(self, doc_ids: list[str] | None = None) -> list[Fact]:
        wanted = set(doc_ids) if doc_ids else None
        out: list[Fact] = []
        for store, records in self._parts:
            for record in records:
                if (wanted is None or record.doc_id in wanted) and record.doc_id not in self._stale:
                    out.extend(store.facts(record.doc_id))
        return out

    def has_facts(self) -> bool:
        return any(store.count(r.doc_id) for store, records in self._parts for r in records)

    def lookup(self, text: str, *, doc_ids: list[str] | None = None, min_score: float = 0.6,
               max_metrics: int = 8, min_label_length: int = 2) -> FactLookup:
        """The facts ``text`` asks for: per metric, the value for the period it names (else the latest).

        ``doc_ids`` limits the documents; an issuer the text names narrows them further. A text
        naming an issuer no document in scope belongs to gets no facts (they would be another
        company's figures).
        """
        records = [r for r in self.records if not doc_ids or r.doc_id in set(doc_ids)]
        pool = self.facts([r.doc_id for r in records])
        labels = list({f.row_label for f in pool if f.period})
        profile = _profile(text, records)
        mention = getattr(profile, "issuer", "") if profile is not None else ""
        query = parse_query(text.replace(mention, " ") if mention else text, records, labels,
                            min_length=min_label_length)
        _apply_profile(query, profile, records)
        if profile is not None:
            terms = [t for t in profile.metric_terms if re.search(r"[\u4e00-\u9fff]", t)]
            query.residual = "".join(terms[:1]) if profile.language == "en" else "".join(
                t for t in terms if not re.search(r"[a-z]", t))
        result = FactLookup(query=query, definition=is_definition_question(text))
        if query.unknown_issuer:
            return result
        if query.doc_ids:
            scope = set(query.doc_ids)
            pool = [f for f in pool if f.doc_id in scope]
        years_printed = {f.period[:4] for f in pool if f.period}
        for metric in query.metrics[:max_metrics]:
            match = best_fact(metric, pool, periods=query.periods or None, min_score=min_score)
            if match is not None and all(m.fact.fact_id != match.fact.fact_id for m in result.matches):
                if query.residual:
                    match.coverage = min(1.0, len(label_key(match.fact.row_label) or metric) / len(query.residual))
                result.matches.append(match)
            elif match is None and query.periods and not ({p[:4] for p in query.periods} & years_printed):
                # The metric is printed, only for other years than the one asked (and no table of these
                # documents covers that year at all): say which periods there are.
                anywhere = best_fact(metric, pool, periods=None, min_score=max(min_score, 0.8))
                if anywhere is not None:
                    periods = sorted({f.period for f in pool if f.kind == "value" and f.period
                                      and label_score(metric, f.row_label) >= anywhere.score - 0.05},
                                     key=lambda p: (p[:4], len(p) == 4, "-12-31" in p, p), reverse=True)
                    result.other_periods[anywhere.fact.row_label] = periods
        return result

    def close(self) -> None:
        for store, _ in self._parts:
            store.close()


def _profile(text: str, records: list):
    """The library's query profile of ``text`` (issuer short forms such as 南岭民爆, English names,
    what is asked about), or None with older library code or when the parser fails."""
    try:
        from analyst_desk.core.library.query_profile import parse_query as profile_of
    except ImportError:
        return None
    try:
        return profile_of(text, issuers=list(_issuer_names(records)))
    except Exception:  # a parser problem must not stop the answer; the facts module's own reading stands
        log.exception("Query profile of %r failed", text)
        return None


def _issuer_names(records: list) -> dict[tuple[str, str], list[str]]:
    names: dict[tuple[str, str], list[str]] = {}
    for record in records:
        legal = getattr(record, "issuer", "") or getattr(record, "company", "") or ""
        if legal:
            names.setdefault((legal, getattr(record, "issuer_en", "") or ""), []).append(record.doc_id)
    return names


def _apply_profile(query: FactQuery, profile, records: list) -> None:
    """Narrow the documents by the issuer the profile found, or note an issuer the library lacks."""
    if profile is None:
        return
    names = _issuer_names(records)
    if profile.issuers:
        query.doc_ids = [d for (legal, _), ids in names.items() if legal in profile.issuers for d in ids]
        query.unknown_issuer = ""
    elif profile.issuer and not query.doc_ids:
        # A document whose issuer could not be read (an English report's first page often does not
        # name it) may still be about this company: its title says so, or nothing rules it out.
        name = profile.issuer.lower()
        titled = [r.doc_id for r in records if name in (getattr(r, "title", "") or "").lower()]
        unread = [r for r in records if not (getattr(r, "issuer", "") or getattr(r, "company", ""))]
        if titled:
            query.doc_ids = titled
        elif not unread:
            query.unknown_issuer = profile.issuer
