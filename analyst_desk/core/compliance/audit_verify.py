"""Checking a whole audit log: every record's keyed hash, every link, the numbering, the seal.

What each check catches:

* keyed hash (HMAC) — an edited record, a forged record appended or inserted, a record edited with
  every following hash recomputed, a forged archive anchor: none can be made without the key;
* ``prev_hash`` links and ``seq`` numbering — deleted, reordered or replayed records, and records
  removed from the start (the first record must be number 1 from the genesis hash, or an anchor);
* the seal — the end: deleting the last records, emptying or deleting the log;
* strict parsing — duplicate keys, records in the old format slipped in after keyed ones;
* ``legacy_sealed`` — the previous format's records are frozen by the SHA-256 of their bytes;
* ``recovery`` records — a damaged sealed record or a seal mismatch found while appending stays
  reported for good, even after the log goes on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from analyst_desk.core.compliance.audit_format import (
    GENESIS,
    MalformedRecord,
    hashes_equal,
    is_keyed,
    keyed_hash,
    legacy_hash,
    next_link,
    parse_line,
)
from analyst_desk.core.compliance.audit_key import AuditKey
from analyst_desk.core.compliance.audit_messages import render
from analyst_desk.core.compliance.audit_seal import Seal


@dataclass
class VerifyResult:
    ok: bool
    records: int  # records in the live log, not counting archive anchors
    first_bad_line: int | None = None
    message: str = ""
    #: Records in the previous, unkeyed format (checked by their plain SHA-256 chain only).
    legacy_records: int = 0
    #: Things worth knowing that are not tampering (an interrupted write, an archive kept elsewhere).
    notes: list[str] = field(default_factory=list)
    #: The log's end is confirmed by its keyed seal (False for a log still wholly in the previous format).
    sealed: bool = False
    #: Where the chain ends (number and hash of the last record): note them somewhere the user cannot
    #: write and pass them back as a checkpoint to detect an older copy of the log being put back.
    last_seq: int = 0
    last_hash: str = ""
    #: The message as a code and its parameters (``audit_messages``), for showing it in another language.
    code: str = ""
    params: dict = field(default_factory=dict)
    #: The notes as codes and parameters, in ``notes``' order.
    note_codes: list[tuple[str, dict]] = field(default_factory=list)

    def localised(self, language: str) -> str:
        """``message`` in ``language`` ("en" or "zh")."""
        return render(self.code, self.params, language) if self.code else self.message

    def localised_notes(self, language: str) -> list[str]:
        """``notes`` in ``language``."""
        return [render(code, params, language) for code, params in self.note_codes] or list(self.notes)


def failed(code: str, **params) -> VerifyResult:
    """A verification that could not run, its message ``code`` rendered in English."""
    return VerifyResult(False, 0, None, render(code, params), code=code, params=params)


class _Broken(Exception):
    def __init__(self, line: int | None, code: str, **params) -> None:
        super().__init__(code)
        self.line = line
        self.code = code
        self.params = {"line": line, **params}


@dataclass
class _Walk:
    key: AuditKey | None
    folder: Path
    seal_seq: int | None
    checkpoint_seq: int | None = None
    hash_at_checkpoint: str | None = None
    mode: str = "start"  # "start" → "legacy" → "keyed"
    link: tuple[int, str] = (0, GENESIS)
    records: int = 0
    legacy: int = 0
    keyed: int = 0
    hash_at_seal: str | None = None
    first_seq: int | None = None
    legacy_digest: "hashlib._Hash" = field(default_factory=hashlib.sha256)
    notes: list[str] = field(default_factory=list)
    note_codes: list[tuple[str, dict]] = field(default_factory=list)
    problems: list[tuple[int, str, dict]] = field(default_factory=list)
    torn_line: int | None = None

    def note(self, code: str, **params) -> None:
        """Something worth knowing that is not tampering: in English in ``notes``, by code for other languages."""
        self.notes.append(render(code, params))
        self.note_codes.append((code, params))

    def line(self, number: int, raw: bytes, is_last: bool) -> None:
        data = raw.rstrip(b"\r\n")
        terminated = raw.endswith(b"\n")
        if not data.strip():
            if self.mode != "keyed":
                self.legacy_digest.update(raw)
            return
        try:
            entry = parse_line(data)
        except MalformedRecord as exc:
            if is_last and not terminated:
                self.torn_line = number  # judged against the seal once the walk is over
                return
            raise _Broken(number, "line.malformed", why=str(exc)) from exc
        if is_keyed(entry):
            self._keyed(number, entry)
        else:
            self._legacy(number, entry)
            self.legacy_digest.update(raw)
        if not terminated:
            self.note("note.unterminated", line=number)

    def _legacy(self, number: int, entry: dict) -> None:
        if self.mode == "keyed":
            raise _Broken(number, "line.downgraded")
        if not hashes_equal(entry["hash"], legacy_hash(entry)):
            raise _Broken(number, "line.changed")
        if self.mode == "start" and entry.get("kind") != "anchor" and entry["prev_hash"] != GENESIS:
            raise _Broken(number, "start.missing")
        if self.mode == "legacy" and entry["prev_hash"] != self.link[1]:
            raise _Broken(number, "chain.breaks")
        self.mode = "legacy"
        self.link = (0, next_link(entry)[1])
        if entry.get("kind") != "anchor":
            self.legacy += 1
            self.records += 1

    def _keyed(self, number: int, entry: dict) -> None:
        if self.key is None:
            raise _Broken(number, "key.missing")
        if entry["key_id"] != self.key.key_id:
            raise _Broken(number, "line.other_key")
        if not hashes_equal(entry["hash"], keyed_hash(self.key.secret, entry)):
            raise _Broken(number, "line.changed_keyed")
        kind = entry.get("kind")
        seq, prev = entry["seq"], entry["prev_hash"]
        if kind == "anchor":
            if self.mode != "start":
                raise _Broken(number, "anchor.middle")
            self._check_archive(entry)
        elif self.mode == "start":
            if seq != 1 or prev != GENESIS:
                raise _Broken(number, "start.missing")
        elif self.mode == "legacy":
            if kind != "legacy_sealed":
                raise _Broken(number, "legacy.not_sealed")
            sealed = entry.get("legacy") or {}
            if sealed.get("sha256") != self.legacy_digest.hexdigest() or sealed.get("records") != self.legacy:
                raise _Broken(number, "legacy.changed")
            if seq != 1 or prev != self.link[1]:
                raise _Broken(number, "chain.breaks")
        elif seq != self.link[0] + 1 or prev != self.link[1]:
            raise _Broken(number, "chain.breaks")
        if kind == "legacy_sealed" and self.mode != "legacy":
            raise _Broken(number, "legacy.absent")
        if kind == "recovery":
            self._check_recovery(number, entry)
        self.mode = "keyed"
        self.keyed += 1
        self.link = next_link(entry)
        if self.first_seq is None:
            self.first_seq = self.link[0]
        if kind != "anchor":
            self.records += 1
        if self.link[0] == self.seal_seq:
            self.hash_at_seal = self.link[1]
        if self.link[0] == self.checkpoint_seq:
            self.hash_at_checkpoint = self.link[1]

    def _check_archive(self, anchor: dict) -> None:
        archive = anchor.get("archive") or ""
        path = self.folder / Path(archive).name
        if not archive or not path.exists():
            self.note("note.archive_missing", name=archive or "—", seq=anchor["seq"])
            return
        if hashlib.sha256(path.read_bytes()).hexdigest() != anchor.get("archive_sha256"):
            raise _Broken(1, "archive.changed", name=path.name)

    def _check_recovery(self, number: int, entry: dict) -> None:
        details = entry.get("recovery") or {}
        lost, problem = details.get("records_lost") or 0, details.get("seal_problem")
        found, when = details.get("found_seq", 0), entry.get("time", "")
        if lost:
            self.problems.append((number, "recovery.lost", {"line": number, "time": when, "first": found + 1,
                                                            "last": found + lost, "found": found}))
        elif problem:
            self.problems.append((number, "recovery.seal", {"line": number, "time": when, "why": problem,
                                                            "found": found}))
        elif details.get("quarantined"):
            self.note("note.quarantined", name=details["quarantined"], time=entry.get("time"), line=number)


def verify_lines(lines, *, folder: Path, key: AuditKey | None, seal: Seal | None, seal_error: str | None,
                 key_exists: bool, checkpoint: tuple[int, str] | None = None) -> VerifyResult:
    """Walk ``lines`` (the log's raw lines, newlines kept) and judge them against ``seal``.

    ``checkpoint`` is a ``(seq, hash)`` noted from an earlier verification outside the data folder;
    the log must still hold that record (a rollback to an older copy of log and seal loses it).
    """
    walk = _Walk(key, folder, seal.seq if seal else None, checkpoint[0] if checkpoint else None)
    result = _judge(walk, lines, seal, seal_error, key_exists, checkpoint)
    result.last_seq, result.last_hash = walk.link
    return result


def _judge(walk: _Walk, lines, seal: Seal | None, seal_error: str | None, key_exists: bool,
           checkpoint: tuple[int, str] | None) -> VerifyResult:
    number = 0
    try:
        pending = None
        for raw in lines:
            if pending is not None:
                number += 1
                walk.line(number, pending, is_last=False)
            pending = raw
        if pending is not None:
            number += 1
            walk.line(number, pending, is_last=True)
    except _Broken as broken:
        return _result(walk, False, broken.line, broken.code, **broken.params)
    tip_seq, tip_hash = walk.link
    sealed_needed = walk.keyed > 0 or key_exists
    if seal_error:
        return _result(walk, False, None, "seal.untrusted", why=seal_error)
    if seal is None and sealed_needed:
        return _result(walk, False, None, "seal.missing")
    if seal is not None:
        if seal.seq > tip_seq:
            code = "end.damaged" if walk.torn_line else "end.emptied" if walk.records == 0 else "end.missing"
            return _result(walk, False, walk.torn_line or number + 1, code, tip=tip_seq, sealed_at=seal.seq,
                           missing=seal.seq - tip_seq, line=walk.torn_line)
        if seal.seq == tip_seq and not hashes_equal(seal.last_hash, tip_hash):
            return _result(walk, False, number, "end.replaced")
        if seal.seq < tip_seq:
            if walk.hash_at_seal is not None and not hashes_equal(walk.hash_at_seal, seal.last_hash):
                return _result(walk, False, None, "seal.differs", seq=seal.seq)
            walk.note("note.after_seal", n=tip_seq - seal.seq)
    if walk.torn_line:
        walk.note("note.torn_last", line=walk.torn_line)
    if walk.problems:
        line, code, params = walk.problems[0]
        return _result(walk, False, line, code, **params)
    if checkpoint is not None:
        seq, expected = checkpoint
        if seq > tip_seq:
            return _result(walk, False, None, "checkpoint.rollback", tip=tip_seq, seq=seq)
        if walk.hash_at_checkpoint is None:
            walk.note("note.checkpoint_archived", seq=seq)
        elif not hashes_equal(walk.hash_at_checkpoint, expected):
            return _result(walk, False, None, "checkpoint.differs", seq=seq)
    if walk.keyed == 0 and walk.legacy:
        return _result(walk, True, None, "ok.legacy", n=walk.legacy)
    if walk.records == 0:
        return _result(walk, True, None, "ok.empty_sealed" if seal else "ok.empty", sealed=seal is not None)
    if walk.legacy:
        return _result(walk, True, None, "ok.all_legacy", sealed=True, n=walk.records, legacy=walk.legacy, tip=tip_seq)
    return _result(walk, True, None, "ok.all", sealed=True, n=walk.records, tip=tip_seq)


def _result(walk: _Walk, ok: bool, at: int | None, code: str, sealed: bool = False, **params) -> VerifyResult:
    """The verdict, ``at`` the first bad line, its message ``code`` rendered in English."""
    return VerifyResult(ok, walk.records, at, render(code, params), walk.legacy, walk.notes, sealed=sealed,
                        code=code, params=params, note_codes=walk.note_codes)
