"""The facts of a library, looked up by what a question or a report section asks for.

Two ways in:
- :meth:`FactBook.find` — the figure for (issuer or documents, metric, period, scope): value, unit,
  currency, page, table kind, whether tables disagree, or why there is none
  (:class:`~analyst_desk.core.facts.finding.FoundFact`);
- :meth:`FactBook.field` — a labelled profile field (发行人, 保荐人, 注册资本 …) with its page
  (:class:`~analyst_desk.core.library.labelled_fields.ProfileField`).
:meth:`FactBook.lookup` reads a whole question (metrics and periods from its words) for Ask.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from analyst_desk.core.cjk import has_cjk
from analyst_desk.core.facts.finding import FoundFact, find_fact
from analyst_desk.core.facts.lookup import (
    FactMatch,
    FactQuery,
    best_fact,
    is_definition_question,
    label_key,
    label_score,
    parse_query,
)
from analyst_desk.core.library.labelled_fields import ProfileField, field_name
from analyst_desk.core.library.table_facts.model import Fact
from analyst_desk.core.library.table_facts.store import FactStore

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
        self._read_fields: dict[str, list[ProfileField]] = {}
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

    def lookup(self, text: str, *, doc_ids: list[str] | None = None, min_score: float = 0.6,
               max_metrics: int = 8, min_label_length: int = 2) -> FactLookup:
        """The facts ``text`` asks for: per metric, the value for the period it names (else the latest).

        ``doc_ids`` limits the documents; an issuer the text names narrows them further. A text
        naming an issuer no document in scope belongs to gets no facts (they would be another
        company's figures).
        """
        records = [r for r in self.records if not doc_ids or r.doc_id in set(doc_ids)]
        # One figure per metric × period × scope: the primary one settled at import (the statement
        # over key figures over notes over a ratio's base). A period the report does not cover is
        # not in the document, even where a history note prints it.
        pool = [f for f in self.facts([r.doc_id for r in records]) if f.in_report and (f.kind != "value" or f.primary)]
        # A research note's estimates answer only a question that asks for a forecast ("德邦证券预测…2022年营业收入"),
        # and then as estimates (``extra["forecast"]``); otherwise they are never a period's figure.
        asks_forecast = bool(_FORECAST_QUESTION.search(text))
        pool = [replace(f, kind="value", extra={**f.extra, "forecast": True}) if f.kind == "forecast" else f
                for f in pool if f.kind != "forecast" or asks_forecast]
        labels = list({f.row_label for f in pool if f.period})
        profile = _profile(text, records)
        mention = getattr(profile, "issuer", "") if profile is not None else ""
        query = parse_query(text.replace(mention, " ") if mention else text, records, labels,
                            min_length=min_label_length)
        _apply_profile(query, profile, records)
        if profile is not None:
            terms = [t for t in profile.metric_terms if has_cjk(t)]
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

    # -- by what a figure is ---------------------------------------------------------------------
    def documents_of(self, issuer: str) -> list[str]:
        """doc_ids of the documents whose issuer ``issuer`` names: its legal name, a short form
        (平安银行, 中国神华, 七星电子), its English name (China Shenhua Energy, Apple), or its code or
        ticker (600795, AAPL) — compared without case and spacing. [] when none is."""
        from analyst_desk.core.library.document_profile import issuer_aliases

        wanted = _squeeze(issuer)
        if not wanted:
            return []
        found = []
        for store, records in self._parts:
            for record in records:
                names = issuer_aliases(getattr(record, "issuer", "") or getattr(record, "company", "") or "",
                                       getattr(record, "issuer_en", "") or "")
                names += [getattr(record, "short_name", "") or "", getattr(record, "ticker", "") or ""]
                # Stored (or already read) fields only: resolving a name must not open every PDF.
                known = store.fields(record.doc_id) or self._read_fields.get(record.doc_id, [])
                names += [f.value for f in known if f.name in _NAME_FIELDS]
                keys = {_squeeze(n) for n in names if n and len(_squeeze(n)) >= 2}
                if wanted in keys:
                    found.append(record.doc_id)
        return found

    def find(self, metric: str, *, issuer: str = "", doc_ids: list[str] | None = None, period: str = "",
             scope: str = "consolidated", include_outside: bool = False, min_score: float = 0.6,
             kind: str = "value") -> FoundFact:
        """The figure a report prints for ``metric`` ("营业收入", "Total net sales") in ``period`` and ``scope``.

        Args:
            metric: a row label or the metric's usual name (matched as :func:`label_score` does).
            issuer: the company, in any form :meth:`documents_of` knows; narrows ``doc_ids``.
            doc_ids: the documents to look in (default: all of this book's).
            period: "2024", "2024-12-31", "2024H1", "2023Q2" (or "2024年末"); "" for the latest printed.
                A year asked of a balance-sheet line is its year-end (or fiscal-year-end) column.
            scope: "consolidated" (合并, the group; also tables that do not say) or "parent" (母公司).
            include_outside: also accept figures for periods outside those the report covers.
            kind: "value" (printed figures), or "forecast" for a research note's estimates (2023E).

        Returns:
            A :class:`FoundFact`: ``status`` "found" with ``fact`` (its ``value`` Decimal, ``unit``
            from the team's list — "万元", "USD million", "%", "元/股" …, ``currency``, ``page``,
            ``table_kind``, ``scope``, ``period``, ``conflict``) and ``others``; or "no_document" /
            "no_metric" / "no_period" (with the ``periods`` that are printed). Never a guess.
        """
        scope_ids = list(doc_ids) if doc_ids else [r.doc_id for r in self.records]
        if issuer:
            named = set(self.documents_of(issuer))
            scope_ids = [d for d in scope_ids if d in named]
            if not scope_ids:
                return FoundFact("no_document", metric, period, scope or "consolidated")
        return find_fact(metric, self.facts(scope_ids), period=period, scope=scope, min_score=min_score,
                         include_outside=include_outside, kind=kind)

    def fields(self, doc_id: str) -> list[ProfileField]:
        """Every labelled profile field of one document, in page order."""
        for store, records in self._parts:
            for record in records:
                if record.doc_id == doc_id:
                    return list(self._fields_of(store, record))
        return []

    def field(self, name: str, *, issuer: str = "", doc_ids: list[str] | None = None) -> ProfileField | None:
        """A profile field by name — a canonical name ("保荐人"), any label that prints it ("保荐机构",
        "住所") or its English name ("sponsor", "registered capital") — from the first document in
        scope that prints it; None when none does (the app then says it is not in the document).
        ``value`` is as printed, ``page`` is 1-based; ``determined`` is False for a placeholder ("[●]元")."""
        wanted = field_name(name)
        if not wanted:
            return None
        ids = list(doc_ids) if doc_ids else [r.doc_id for r in self.records]
        if issuer:
            named = set(self.documents_of(issuer))
            ids = [d for d in ids if d in named]
        for doc_id in ids:
            for found in self.fields(doc_id):
                if found.name == wanted:
                    return found
        return None

    def _fields_of(self, store: FactStore, record) -> list[ProfileField]:
        """Fields stored at import; for a document imported before fields were stored, read once
        from its first pages and kept in memory (a reader never writes the store)."""
        stored = store.fields(record.doc_id)
        if stored or record.doc_id in self._read_fields:
            return stored or self._read_fields[record.doc_id]
        self._read_fields[record.doc_id] = _read_fields_from_file(record)
        return self._read_fields[record.doc_id]

    def close(self) -> None:
        for store, _ in self._parts:
            store.close()


_FORECAST_QUESTION = re.compile(r"预测|预计|预期|forecast|estimate|projected|expected", re.I)
_NAME_FIELDS = {"发行人", "英文名称", "证券简称", "证券代码", "英文简称"}


def _squeeze(name: str) -> str:
    return re.sub(r"[\s,.，。·'’]", "", name or "").lower()


def _read_fields_from_file(record) -> list[ProfileField]:
    """The profile fields of a document read from its PDF's first pages ([] for other files or on failure)."""
    from analyst_desk.core.library.document_profile import document_fields

    path = Path(getattr(record, "path", "") or "")
    if path.suffix.lower() != ".pdf" or not path.exists():
        return []
    try:
        from analyst_desk.core.pdf import open_pdf

        with open_pdf(path, max_pages=None) as doc:
            texts = [doc[i].get_text() for i in range(min(doc.page_count, 80))]
        return document_fields(texts, doc_id=record.doc_id)
    except Exception:  # fields are an aid: a file that cannot be read simply has none
        log.exception("Profile fields of %s could not be read", path)
        return []


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
