"""What one audit-log line is: strict parsing, canonical bytes, keyed and legacy hashes.

Two formats live in audit logs:

* **keyed** (``"v": 2``): every record carries ``seq`` (1, 2, 3 … across archives), ``prev_hash``
  (the previous record's ``hash``) and ``hash`` = HMAC-SHA256 over the record's canonical JSON with a
  key kept outside the log (``audit_key``). Without the key nobody can produce a record that checks,
  so a forged append or an edit with every following hash recomputed is caught.
* **legacy** (no ``"v"``): written before keyed sealing; ``hash`` is a plain SHA-256 of the same
  canonical JSON. Anyone can recompute it, so it only shows accidental damage and naive edits.

Parsing is strict: a line whose JSON repeats a key is rejected (``json`` would silently keep the last
value, so a viewer reading the first one and the hash check reading the last one would disagree), as
are ``NaN``/``Infinity`` and anything but an object with well-formed hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re

GENESIS = "0" * 64
FORMAT = 2
#: Domain separation: a keyed audit hash can never be confused with another use of the same key.
_KEYED_PREFIX = b"analyst-desk audit record v2\n"
_HEX64 = re.compile(r"[0-9a-f]{64}")


class MalformedRecord(ValueError):
    """A line that is not one well-formed audit record (damaged, torn or hand-edited)."""


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise MalformedRecord(f"the key {key!r} appears twice")
        seen[key] = value
    return seen


def _reject_constant(name: str):
    raise MalformedRecord(f"{name} is not allowed in an audit record")


def strict_loads(text: str):
    """``json.loads`` that refuses repeated keys and NaN/Infinity (``MalformedRecord``)."""
    return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant)


def parse_line(line: str | bytes) -> dict:
    """One record from one line, or ``MalformedRecord`` saying why it is not one."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise MalformedRecord("the line is not UTF-8 text") from exc
    try:
        entry = strict_loads(line)
    except MalformedRecord:
        raise
    except ValueError as exc:
        raise MalformedRecord(f"not valid JSON ({exc.msg})") from exc
    if not isinstance(entry, dict):
        raise MalformedRecord("not a JSON object")
    for key in ("hash", "prev_hash"):
        if not isinstance(entry.get(key), str) or not _HEX64.fullmatch(entry[key]):
            raise MalformedRecord(f"'{key}' is missing or not a SHA-256 hex digest")
    if is_keyed(entry):
        if not isinstance(entry.get("seq"), int) or isinstance(entry.get("seq"), bool) or entry["seq"] < 0:
            raise MalformedRecord("'seq' is missing or not a whole number")
        if not isinstance(entry.get("key_id"), str):
            raise MalformedRecord("'key_id' is missing")
    elif "v" in entry:
        raise MalformedRecord(f"unknown record format {entry['v']!r}")
    return entry


def is_keyed(entry: dict) -> bool:
    return entry.get("v") == FORMAT


def canonical(record: dict) -> bytes:
    """The bytes a record's hash covers: sorted keys, no spaces, UTF-8, without ``hash`` itself."""
    return json.dumps({k: v for k, v in record.items() if k != "hash"}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def legacy_hash(record: dict) -> str:
    """The previous format's hash: SHA-256 of the canonical JSON (anyone can recompute it)."""
    return hashlib.sha256(canonical(record)).hexdigest()


def keyed_hash(secret: bytes, record: dict) -> str:
    """HMAC-SHA256 of the canonical JSON under the audit key."""
    return hmac.new(secret, _KEYED_PREFIX + canonical(record), hashlib.sha256).hexdigest()


def hashes_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))


def serialise(record: dict) -> bytes:
    """One line of the log file, newline included."""
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def next_link(entry: dict) -> tuple[int, str]:
    """``(seq, hash)`` the record after ``entry`` continues from.

    An anchor stands in for archived records: the next record links to the hash it carries (the
    last archived record's) and continues its numbering.
    """
    seq = entry.get("seq", 0) if is_keyed(entry) else 0
    if entry.get("kind") == "anchor":
        return seq, entry["prev_hash"]
    return seq, entry["hash"]
