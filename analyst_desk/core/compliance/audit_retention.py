"""Retention: old records move to an archive file; a keyed anchor stands in for them in the live log."""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timedelta, timezone

from analyst_desk.core import fileio
from analyst_desk.core.compliance import audit_file
from analyst_desk.core.compliance.audit_format import (
    FORMAT,
    MalformedRecord,
    is_keyed,
    keyed_hash,
    next_link,
    parse_line,
    serialise,
)

log_ = logging.getLogger(__name__)


def retention_due(log) -> bool:
    """Whether the first record of ``log`` (an :class:`~analyst_desk.core.compliance.audit.AuditLog`, which
    calls this; hence no import of it here) is older than the retention period (read without loading the log)."""
    if log.retention_days <= 0 or not log.path.exists():
        return False
    cutoff = log.clock() - timedelta(days=log.retention_days)
    with log.path.open("rb") as handle:
        for _, raw in zip(range(2), handle):
            try:
                entry = parse_line(raw.rstrip(b"\r\n"))
                if entry.get("kind") != "anchor":
                    return datetime.fromisoformat(entry["time"]) < cutoff
            except (MalformedRecord, KeyError, TypeError, ValueError):
                return False
    return False


def archive_old_records(log, now: datetime | None = None) -> int:
    """Move records older than the retention period to an archive file; returns how many moved.

    The live log then starts with a keyed ``anchor`` naming the archive and its SHA-256 and
    carrying the last archived record's number and hash, so the rest still verifies and the
    archive cannot be changed unnoticed. Nothing moves unless the log verifies first, and the
    previous format's records only move together with the record that sealed them.
    """
    if log.retention_days <= 0 or not log.path.exists():
        return 0
    now = now or log.clock()
    cutoff = now - timedelta(days=log.retention_days)
    with log._lock:
        checked = log.verify()
        if not checked.ok or checked.notes and any("incomplete" in n for n in checked.notes):
            log_.warning("Audit retention skipped: %s", checked.message)
            return 0
        key, _ = log._key_for_writing()
        with audit_file.exclusive(log.folder / audit_file.LOCK_FILE):
            raw_lines = [raw for raw in log.path.read_bytes().splitlines(keepends=True) if raw.strip()]
            entries = [parse_line(raw.rstrip(b"\r\n")) for raw in raw_lines]
            cut = 0
            for entry in entries:
                if entry.get("kind") != "anchor" and datetime.fromisoformat(entry["time"]) >= cutoff:
                    break
                cut += 1
            if any(not is_keyed(e) for e in entries[cut:]) or cut and not is_keyed(entries[cut - 1]):
                cut = 0  # the old format's records stay until their sealing record is old too
            moved = sum(e.get("kind") != "anchor" for e in entries[:cut])
            if not moved:
                return 0
            archived = b"".join(raw if raw.endswith(b"\n") else raw + b"\n" for raw in raw_lines[:cut])
            name = f"audit-archive-{now.astimezone(timezone.utc).strftime('%Y%m%d%H%M%S%f')}.jsonl"
            audit_file.write_new_file(log.folder / name, archived)
            seq, last_hash = next_link(entries[cut - 1])
            anchor = log._system_entry(
                "anchor", f"Records up to {seq} were archived to {name}.", archive=name,
                archive_sha256=hashlib.sha256(archived).hexdigest(), archived_records=moved)
            anchor.update(v=FORMAT, seq=seq, prev_hash=last_hash, key_id=key.key_id)
            anchor["hash"] = keyed_hash(key.secret, anchor)
            tmp = log.path.with_name(log.path.name + ".tmp")
            tmp.unlink(missing_ok=True)
            audit_file.write_new_file(tmp, serialise(anchor) + b"".join(raw_lines[cut:]))
            fileio.replace(tmp, log.path)
        log_.info("Archived %d audit records to %s", moved, name)
        return moved
