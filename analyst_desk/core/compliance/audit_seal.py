"""The log's current head — last sequence number and last hash — sealed in a file beside the log.

The chain alone cannot show that its end was cut off: a log missing its last records, or emptied,
is still a valid chain. The seal says where the chain ended when the app last wrote it, keyed with
the audit key so it cannot be forged or advanced; verification compares the log against it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from analyst_desk.core import fileio
from analyst_desk.core.compliance.audit_format import MalformedRecord, strict_loads
from analyst_desk.core.compliance.audit_key import AuditKey

SEAL_FILE = "audit.seal"
_PREFIX = b"analyst-desk audit seal v2\n"


@dataclass(frozen=True)
class Seal:
    seq: int
    last_hash: str
    key_id: str
    time: str

    def _mac(self, key: AuditKey) -> str:
        body = json.dumps(asdict(self), sort_keys=True, separators=(",", ":")).encode("utf-8")
        return hmac.new(key.secret, _PREFIX + body, hashlib.sha256).hexdigest()


class SealError(ValueError):
    """The seal file is present but unreadable, or its MAC does not check."""


def read_seal(folder: Path, key: AuditKey) -> Seal | None:
    """The seal, ``None`` when there is no seal file, ``SealError`` when it was damaged or forged."""
    path = folder / SEAL_FILE
    if not path.exists():
        return None
    raw = path.read_bytes()
    try:
        data = _strict_json(raw)
        seal = Seal(int(data["seq"]), str(data["last_hash"]), str(data["key_id"]), str(data["time"]))
        mac = str(data["mac"])
    except (KeyError, TypeError, ValueError) as exc:
        raise SealError(f"the seal file {path.name} is damaged ({exc})") from exc
    if seal.key_id != key.key_id:
        raise SealError(f"the seal file {path.name} was made with another key")
    if not hmac.compare_digest(mac, seal._mac(key)):
        raise SealError(f"the seal file {path.name} was changed (its MAC does not check)")
    return seal


def _strict_json(raw: bytes) -> dict:
    """Parsed as strictly as a record: repeated keys and NaN are refused."""
    try:
        data = strict_loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, MalformedRecord) as exc:
        raise ValueError(str(exc)) from exc
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data


def write_seal(folder: Path, key: AuditKey, seal: Seal) -> None:
    """Replace the seal atomically and durably (a crash leaves the old seal or the new, never half)."""
    path = folder / SEAL_FILE
    tmp = path.with_name(path.name + ".tmp")
    data = {**asdict(seal), "mac": seal._mac(key)}
    with tmp.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    fileio.replace(tmp, path)
