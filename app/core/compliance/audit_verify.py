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

from app.core.compliance.audit_format import (
    GENESIS, MalformedRecord, hashes_equal, is_keyed, keyed_hash, legacy_hash, next_link, parse_line)
from app.core.compliance.audit_key import AuditKey
from app.core.compliance.audit_seal import Seal


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


class _Broken(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


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
    problems: list[tuple[int, str]] = field(default_factory=list)
    torn_line: int | None = None

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
            raise _Broken(number, f"Line {number} is not a valid record ({exc}): it was edited or damaged.") from exc
        if is_keyed(entry):
            self._keyed(number, entry)
        else:
            self._legacy(number, entry)
            self.legacy_digest.update(raw)
        if not terminated:
            self.notes.append(f"Line {number} lacks its newline (the app stopped while writing it); "
                              "it is complete and checks.")

    def _legacy(self, number: int, entry: dict) -> None:
        if self.mode == "keyed":
            raise _Broken(number, f"Line {number} is in the old unkeyed format after keyed records: it was "
                                  "inserted or downgraded by hand.")
        if not hashes_equal(entry["hash"], legacy_hash(entry)):
            raise _Broken(number, f"Line {number} was changed after it was written.")
        if self.mode == "start" and entry.get("kind") != "anchor" and entry["prev_hash"] != GENESIS:
            raise _Broken(number, f"Records before line {number} are missing (the log does not start at its "
                                  "first record nor at an archive anchor).")
        if self.mode == "legacy" and entry["prev_hash"] != self.link[1]:
            raise _Broken(number, f"The chain breaks at line {number}: a record before it was removed, inserted "
                                  "or reordered.")
        self.mode = "legacy"
        self.link = (0, next_link(entry)[1])
        if entry.get("kind") != "anchor":
            self.legacy += 1
            self.records += 1

    def _keyed(self, number: int, entry: dict) -> None:
        if self.key is None:
            raise _Broken(number, "The audit key is missing, so keyed records cannot be checked: restore "
                                  "keys/audit.key (or audit.key.enc) from a backup of the data folder.")
        if entry["key_id"] != self.key.key_id:
            raise _Broken(number, f"Line {number} was sealed with a different key: it was not written by this "
                                  "data folder's app, or the key was replaced.")
        if not hashes_equal(entry["hash"], keyed_hash(self.key.secret, entry)):
            raise _Broken(number, f"Line {number} was changed after it was written (its keyed hash does not "
                                  "check).")
        kind = entry.get("kind")
        seq, prev = entry["seq"], entry["prev_hash"]
        if kind == "anchor":
            if self.mode != "start":
                raise _Broken(number, f"Line {number} is an archive anchor in the middle of the log.")
            self._check_archive(entry)
        elif self.mode == "start":
            if seq != 1 or prev != GENESIS:
                raise _Broken(number, f"Records before line {number} are missing (the log does not start at its "
                                      "first record nor at an archive anchor).")
        elif self.mode == "legacy":
            if kind != "legacy_sealed":
                raise _Broken(number, f"Line {number} follows old-format records without sealing them.")
            sealed = entry.get("legacy") or {}
            if sealed.get("sha256") != self.legacy_digest.hexdigest() or sealed.get("records") != self.legacy:
                raise _Broken(number, f"The old-format records before line {number} were changed, added or "
                                      "removed after they were sealed.")
            if seq != 1 or prev != self.link[1]:
                raise _Broken(number, f"The chain breaks at line {number}.")
        elif seq != self.link[0] + 1 or prev != self.link[1]:
            raise _Broken(number, f"The chain breaks at line {number}: a record before it was removed, inserted, "
                                  "replayed or reordered.")
        if kind == "legacy_sealed" and self.mode != "legacy":
            raise _Broken(number, f"Line {number} claims to seal old-format records that are not there.")
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
            self.notes.append(f"The archive {archive or '(unnamed)'} with records 1–{anchor['seq']} is not in the "
                              "audit folder (moved elsewhere?); the anchor that replaces it checks.")
            return
        if hashlib.sha256(path.read_bytes()).hexdigest() != anchor.get("archive_sha256"):
            raise _Broken(1, f"The archive {path.name} was changed after it was archived.")

    def _check_recovery(self, number: int, entry: dict) -> None:
        details = entry.get("recovery") or {}
        lost, problem = details.get("records_lost") or 0, details.get("seal_problem")
        if lost or problem:
            # The text is the recovery record's own (covered by its keyed hash), written when it happened.
            self.problems.append((number, f"Line {number} ({entry.get('time')}) records damage found while "
                                          f"appending: {entry.get('output')}"))
        elif details.get("quarantined"):
            self.notes.append(f"An interrupted write was moved aside to {details['quarantined']} "
                              f"({entry.get('time')}); line {number} records it.")


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
        return VerifyResult(False, walk.records, broken.line, broken.message, walk.legacy, walk.notes)
    tip_seq, tip_hash = walk.link
    sealed_needed = walk.keyed > 0 or key_exists
    if seal_error:
        return VerifyResult(False, walk.records, None, f"The log's seal cannot be trusted: {seal_error}.",
                            walk.legacy, walk.notes)
    if seal is None and sealed_needed:
        return VerifyResult(False, walk.records, None, "The log's seal (audit.seal) is missing, so its end cannot be "
                            "confirmed: it was deleted, and records may have been removed from the end.",
                            walk.legacy, walk.notes)
    if seal is not None:
        if seal.seq > tip_seq:
            missing = seal.seq - tip_seq
            where = (f"line {walk.torn_line} is damaged and " if walk.torn_line else "")
            what = "the log was emptied or deleted" if walk.records == 0 and not walk.torn_line else \
                f"{where}the last {missing} sealed record(s) are missing"
            return VerifyResult(False, walk.records, walk.torn_line or number + 1,
                                f"The log ends at record {tip_seq} but was sealed at record {seal.seq}: {what}.",
                                walk.legacy, walk.notes)
        if seal.seq == tip_seq and not hashes_equal(seal.last_hash, tip_hash):
            return VerifyResult(False, walk.records, number, "The last record is not the one that was sealed: it was "
                                "replaced.", walk.legacy, walk.notes)
        if seal.seq < tip_seq:
            if walk.hash_at_seal is not None and not hashes_equal(walk.hash_at_seal, seal.last_hash):
                return VerifyResult(False, walk.records, None, f"Record {seal.seq} is not the one that was sealed.",
                                    walk.legacy, walk.notes)
            walk.notes.append(f"{tip_seq - seal.seq} record(s) after the seal (the app stopped before sealing "
                              "them); their keyed hashes check and the next record seals them.")
    if walk.torn_line:
        walk.notes.append(f"The last line ({walk.torn_line}) is incomplete: the app stopped while writing it. "
                          "It is moved aside at the next record.")
    if walk.problems:
        line, message = walk.problems[0]
        return VerifyResult(False, walk.records, line, message, walk.legacy, walk.notes)
    if checkpoint is not None:
        seq, expected = checkpoint
        if seq > tip_seq:
            return VerifyResult(False, walk.records, None, f"The log ends at record {tip_seq} but record {seq} was noted "
                                "at a checkpoint: records were removed and the seal replaced, or an older copy of the "
                                "log was put back.", walk.legacy, walk.notes)
        if walk.hash_at_checkpoint is None:
            walk.notes.append(f"Record {seq} of the checkpoint is archived; check it against the archive's anchor.")
        elif not hashes_equal(walk.hash_at_checkpoint, expected):
            return VerifyResult(False, walk.records, None, f"Record {seq} is not the one noted at the checkpoint: the "
                                "log was rewritten with the key.", walk.legacy, walk.notes)
    if walk.keyed == 0 and walk.legacy:
        return VerifyResult(True, walk.records, None,
                            f"{walk.legacy} record(s) in the previous, unkeyed format: their links check, but that "
                            "format cannot show a forged or cut-off end. They are sealed with the audit key at the "
                            "next record.", walk.legacy, walk.notes)
    if walk.records == 0:
        return VerifyResult(True, 0, None, "The audit log is empty." + (" Its seal agrees." if seal else ""), 0,
                            walk.notes, sealed=seal is not None)
    legacy = (f" ({walk.legacy} of them in the previous format, unchanged since they were sealed)"
              if walk.legacy else "")
    return VerifyResult(True, walk.records, None, f"All {walk.records} records verified{legacy}; the chain is "
                        f"intact and ends where it was sealed (record {tip_seq}).", walk.legacy, walk.notes,
                        sealed=True)
