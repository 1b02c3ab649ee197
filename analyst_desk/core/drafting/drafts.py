"""A report draft and where it is kept: one JSON file per draft in the data folder, written atomically.

Drafts are saved after every section and while the user edits, so a crash loses at most the
last few seconds of typing; reopening the app lists them and restores the latest.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from analyst_desk.core import paths
from analyst_desk.core.compliance.crypto import LockedError, protect, unprotect
from analyst_desk.core.drafting.sources import Source
from analyst_desk.core.drafting.verification import Verification, verify
from analyst_desk.core.fileio import atomic_write_bytes

LENGTHS = {"short": 160, "medium": 320, "long": 600}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class SectionDraft:
    """One section: its text (citing draft-wide source numbers) and the sources it was written from."""

    title: str
    instruction: str
    queries: list[str] = field(default_factory=list)
    text: str = ""
    #: Numbers (in ``Draft.sources``) of the passages given to the model for this section.
    source_numbers: list[int] = field(default_factory=list)
    #: "empty", "writing", "done", "cancelled", "not_found", "edited".
    status: str = "empty"
    #: Figures the app wrote from facts ("146,695百万元", "下降4.2%（计算值）"): exact wherever they still stand.
    fact_texts: list[str] = field(default_factory=list)
    #: The checks made when the section was written (``Flag.to_json``), with the text they were made
    #: on: the audit record carries them, so the pane shows them too while that text stands.
    checks: list[dict] = field(default_factory=list)
    checked_text: str = ""
    #: The kind of company whose key figures the app tabulates here ("bank", "industrial" …; "" for none).
    table_kind: str = ""
    #: The table the app built from facts for this section (``KeyFigureTable.to_json``), or None.
    table: dict | None = None
    #: Amounts the app rewrote readable in the text, in order, with the figure as printed
    #: ({"text": "4.39亿元", "exact": "438,919,222.84元"}): the editor shows the printed figure on hover.
    amounts: list[dict] = field(default_factory=list)


@dataclass
class Draft:
    """A report being drafted. ``sources`` is the draft-wide, numbered list of passages."""

    template: str
    title: str
    subject: str
    language: str = "zh"
    length: str = "short"
    doc_ids: list[str] | None = None
    saved_search: str = ""
    #: The kind of company the draft is about ("bank", "insurer", "securities", "industrial"), read
    #: from its documents' profile; the template's sections were chosen for it.
    kind: str = ""
    #: The template's opening line for this subject; the same for every section (prompt-prefix reuse).
    preamble: str = ""
    sections: list[SectionDraft] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    #: Why the audit log could not take text of this draft ("" when every record was written): saved with the
    #: draft, so a reopened draft still carries its mark (issue 26).
    unaudited: str = ""
    draft_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    created_at: str = field(default_factory=_now)
    updated_at: str = field(default_factory=_now)

    # -- sources ---------------------------------------------------------------------------
    def number_hits(self, hits: list) -> list[Source]:
        """Sources for ``hits``, reusing a passage's number if an earlier section already had it."""
        by_chunk = {s.chunk_id: s for s in self.sources}
        result = []
        for hit in hits:
            source = by_chunk.get(hit.chunk_id)
            if source is None:
                source = Source.from_hit(hit, len(self.sources) + 1)
                self.sources.append(source)
                by_chunk[hit.chunk_id] = source
            result.append(source)
        return sorted(result, key=lambda s: s.number)

    def section_sources(self, section: SectionDraft) -> list[Source]:
        wanted = set(section.source_numbers)
        return [s for s in self.sources if s.number in wanted]

    def verify_section(self, index: int) -> Verification:
        """Check a section's current text (as generated or as edited) against its own sources."""
        from analyst_desk.core.drafting.fact_use import locate
        from analyst_desk.core.drafting.verification import Flag

        section = self.sections[index]
        result = verify(section.text, self.section_sources(section), exact=locate(section.text, section.fact_texts))
        if section.checks and section.checked_text and section.text.strip() == section.checked_text.strip():
            # Same text as when written: keep every check the writing made (its audit record has them),
            # even those a re-check against the section's stored passages alone would not repeat.
            seen = {(f.code, f.text, f.start) for f in result.flags}
            for data in section.checks:
                flag = Flag(**{k: v for k, v in data.items() if k in Flag.__dataclass_fields__})
                if (flag.code, flag.text, flag.start) in seen:
                    continue
                seen.add((flag.code, flag.text, flag.start))
                result.flags.append(flag)
                if flag.kind in ("unverified_figure", "weak_figure") and result.figures_verified > 0:
                    result.figures_verified -= 1
            result.flags.sort(key=lambda f: f.start)
        return result

    def check(self) -> tuple[list[tuple[int, int, object]], int, int]:
        """Every section checked (:meth:`verify_section`): its flags at their offsets in :meth:`to_text`,
        with the figures counted and those verified — what the drafting pane highlights and lists."""
        flags, total, verified = [], 0, 0
        for index, offset in enumerate(self.section_offsets()):
            result = self.verify_section(index)
            total, verified = total + result.figures_total, verified + result.figures_verified
            flags += [(offset + flag.start, offset + flag.end, flag) for flag in result.flags]
        return flags, total, verified

    # -- text ------------------------------------------------------------------------------
    def to_text(self) -> str:
        """The editable document: a title line, then "## Section" headings with their text."""
        parts = [f"# {self.title}"]
        for section in self.sections:
            parts.append(f"## {section.title}\n{section.text.strip()}")
        return "\n\n".join(parts) + "\n"

    def section_offsets(self) -> list[int]:
        """Character offset of each section's text within ``to_text()``."""
        offsets, position = [], len(f"# {self.title}") + 2
        for section in self.sections:
            position += len(f"## {section.title}\n")
            offsets.append(position)
            position += len(section.text.strip()) + 2
        return offsets

    def apply_text(self, text: str) -> list[int]:
        """Take the user's edited document back into the sections; returns indices that changed."""
        bodies = re.split(r"(?m)^## [^\n]*\n?", text)[1:]
        changed = []
        for index, (section, body) in enumerate(zip(self.sections, bodies)):
            body = body.strip()
            if body != section.text.strip():
                section.text = body
                section.status = "edited"
                changed.append(index)
        return changed

    def to_json(self) -> dict:
        data = asdict(self)
        data["sources"] = [s.to_json() for s in self.sources]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Draft":
        data = dict(data)
        data["sections"] = [SectionDraft(**{k: v for k, v in s.items() if k in SectionDraft.__dataclass_fields__})
                            for s in data.get("sections", [])]
        data["sources"] = [Source.from_json(s) for s in data.get("sources", [])]
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def mark_draft(draft: Draft, reason: str | None, *, whole: bool) -> bool:
    """Record on ``draft`` why the audit log missed text of it (``reason``), or clear the mark when a run that
    rewrote every section (``whole``) was fully audited; a run of some sections keeps an older mark, since the
    sections it did not rewrite are still unaudited. Returns whether the mark changed."""
    before = draft.unaudited
    if reason:
        draft.unaudited = reason if not before else before if reason in before else f"{before}; {reason}"
    elif whole:
        draft.unaudited = ""
    return draft.unaudited != before


class DraftStore:
    """Drafts as JSON files in ``folder`` (default: the data folder's ``drafts``)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder else paths.data_subdir("drafts")
        self.folder.mkdir(parents=True, exist_ok=True)

    def path_for(self, draft_id: str) -> Path:
        return self.folder / f"{draft_id}.json"

    def save(self, draft: Draft) -> Path:
        """Write atomically (temp file, fsync, rename): a crash leaves the old or the new draft, never half."""
        draft.updated_at = _now()
        path = self.path_for(draft.draft_id)
        atomic_write_bytes(path, protect(json.dumps(draft.to_json(), ensure_ascii=False, indent=1).encode("utf-8")))
        return path

    def load(self, draft_id: str) -> Draft:
        return Draft.from_json(json.loads(unprotect(self.path_for(draft_id).read_bytes()).decode("utf-8")))

    def drafts(self) -> list[Draft]:
        """Every readable draft, most recently changed first (unreadable files are skipped)."""
        found = []
        for path in self.folder.glob("*.json"):
            try:
                found.append(Draft.from_json(json.loads(unprotect(path.read_bytes()).decode("utf-8"))))
            except LockedError:
                raise  # encrypted drafts and no passphrase: say so instead of showing an empty list
            except (OSError, ValueError, TypeError, KeyError):
                continue
        return sorted(found, key=lambda d: d.updated_at, reverse=True)

    def latest(self) -> Draft | None:
        drafts = self.drafts()
        return drafts[0] if drafts else None

    def delete(self, draft_id: str) -> None:
        self.path_for(draft_id).unlink(missing_ok=True)
