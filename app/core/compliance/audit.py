"""Append-only audit log of every generation, hash-chained so that tampering is detectable.

Each JSON line carries ``prev_hash`` (the previous record's ``hash``) and its own ``hash``, the
SHA-256 of the record's canonical JSON without the ``hash`` field. Editing, deleting or
reordering any line breaks the chain at that line. Retention moves old records to an archive file
and starts the live file with an anchor record that carries the last archived hash, so the live
chain still verifies.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from app.core import paths

GENESIS = "0" * 64
LOG_FILE = "audit.jsonl"


def _canonical(record: dict) -> bytes:
    return json.dumps({k: v for k, v in record.items() if k != "hash"}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def record_hash(record: dict) -> str:
    return hashlib.sha256(_canonical(record)).hexdigest()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_MODEL_HASHES: dict[tuple, str] = {}


def model_sha256(path: str | Path | None) -> str:
    """SHA-256 of a model file, cached by path, size and modification time (hashing 0.5 GB takes ~1 s)."""
    if not path:
        return ""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return ""
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _MODEL_HASHES:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 22), b""):
                digest.update(block)
        _MODEL_HASHES[key] = digest.hexdigest()
    return _MODEL_HASHES[key]


@dataclass
class VerifyResult:
    ok: bool
    records: int
    first_bad_line: int | None = None
    message: str = ""


@dataclass
class AuditLog:
    """Thread-safe appender and reader of the audit log in ``folder``."""

    folder: Path
    store_text: bool = True
    retention_days: int = 365
    #: Encrypt prompt, sources and output (encryption at rest); hashes stay verifiable without the key.
    encrypt: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def open(cls, folder: Path | None = None, settings=None) -> "AuditLog":
        from app.core.config import Settings

        settings = settings or Settings.load()
        log = cls(Path(folder) if folder else paths.data_subdir("audit"), settings.audit_store_text,
                  settings.audit_retention_days, bool(getattr(settings, "encrypt_at_rest", False)))
        log.folder.mkdir(parents=True, exist_ok=True)
        return log

    @property
    def path(self) -> Path:
        return self.folder / LOG_FILE

    def _last_hash(self) -> str:
        if not self.path.exists():
            return GENESIS
        last = ""
        with self.path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 1_000_000))
            lines = handle.read().splitlines()
            last = lines[-1].decode("utf-8") if lines else ""
        return json.loads(last)["hash"] if last else GENESIS

    def record(self, *, pane: str, kind: str, model_path=None, prompt: str = "", sources=(), output: str = "",
               flags=(), user: str | None = None) -> dict:
        """Append one record for one generation and return it."""
        from app.core.compliance.crypto import protect_field, vault_if

        sources = [s if isinstance(s, str) else str(s) for s in sources]
        vault = vault_if(self.encrypt)
        plain = {"prompt": prompt if self.store_text else None, "sources": sources if self.store_text else None,
                 "output": output}
        entry = {
            "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "user": user or _user_name(),
            "pane": pane,
            "kind": kind,
            "model": Path(model_path).name if model_path else "",
            "model_sha256": model_sha256(model_path),
            "prompt": protect_field(plain["prompt"], vault),
            "prompt_sha256": text_hash(prompt),
            "sources": [protect_field(s, vault) for s in plain["sources"]] if plain["sources"] is not None else None,
            "sources_sha256": [text_hash(s) for s in sources],
            "output": protect_field(output, vault),
            "flags": [f if isinstance(f, str) else str(f) for f in flags],
        }
        with self._lock:
            entry["prev_hash"] = self._last_hash()
            entry["hash"] = record_hash(entry)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        return {**entry, **plain}

    def records(self, *, since: datetime | None = None, until: datetime | None = None,
                pane: str | None = None) -> list[dict]:
        if not self.path.exists():
            return []
        out = []
        with self.path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                entry = json.loads(line)
                if entry.get("kind") == "anchor":
                    continue
                when = datetime.fromisoformat(entry["time"])
                if (since and when < since) or (until and when > until) or (pane and entry.get("pane") != pane):
                    continue
                out.append(_revealed(entry))
        return out

    def verify(self) -> VerifyResult:
        """Walk the chain; report the first line whose record or link does not check."""
        if not self.path.exists():
            return VerifyResult(True, 0, message="The audit log is empty.")
        previous = None
        count = 0
        with self.path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    entry = json.loads(line)
                except ValueError:
                    return VerifyResult(False, count, number, f"Line {number} is not a valid record (edited or damaged).")
                if entry.get("hash") != record_hash(entry):
                    return VerifyResult(False, count, number, f"Line {number} was changed after it was written.")
                expected_prev = previous if previous is not None else entry.get("prev_hash") if entry.get(
                    "kind") == "anchor" else GENESIS
                if entry.get("prev_hash") != expected_prev:
                    return VerifyResult(False, count, number,
                                        f"The chain breaks at line {number}: a record before it was removed, "
                                        "inserted or reordered.")
                # An anchor stands in for archived records: the next record links to the hash it carries.
                previous = entry["prev_hash"] if entry.get("kind") == "anchor" else entry["hash"]
                count += entry.get("kind") != "anchor"
        return VerifyResult(True, count, message=f"All {count} records verified; the chain is intact.")

    def apply_retention(self, now: datetime | None = None) -> int:
        """Move records older than the retention period to an archive file; returns how many moved."""
        if not self.path.exists() or self.retention_days <= 0:
            return 0
        now = now or datetime.now(timezone.utc)
        cutoff = now - timedelta(days=self.retention_days)
        with self._lock:
            lines = [l for l in self.path.read_text(encoding="utf-8").splitlines() if l.strip()]
            entries = [json.loads(l) for l in lines]
            old = [i for i, e in enumerate(entries) if e.get("kind") != "anchor" and datetime.fromisoformat(e["time"]) < cutoff]
            if not old:
                return 0
            split = old[-1] + 1
            archive = self.folder / f"audit-archive-{now.strftime('%Y%m%d%H%M%S')}.jsonl"
            archive.write_text("\n".join(lines[:split]) + "\n", encoding="utf-8")
            anchor = {"time": now.isoformat(timespec="seconds"), "kind": "anchor", "pane": "", "archive": archive.name,
                      "prev_hash": entries[split - 1]["hash"]}
            anchor["hash"] = record_hash(anchor)
            # Later records keep their links: the first one points at the last archived hash, which the anchor carries.
            rest = lines[split:]
            if rest:
                first = json.loads(rest[0])
                if first["prev_hash"] != entries[split - 1]["hash"]:
                    raise RuntimeError("audit chain inconsistent; not rotating")
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text("\n".join([json.dumps(anchor, ensure_ascii=False), *rest]) + "\n", encoding="utf-8")
            os.replace(tmp, self.path)
            return len(old)

    def export_xlsx(self, path: Path, **filters) -> Path:
        import openpyxl
        from openpyxl.styles import Font

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "Audit log"
        columns = ["time", "user", "pane", "kind", "model", "model_sha256", "prompt", "sources", "output", "flags", "hash"]
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for entry in self.records(**filters):
            row = []
            for key in columns:
                value = entry.get(key)
                if isinstance(value, list):
                    value = "\n---\n".join(value)
                row.append(("" if value is None else str(value))[:32000])
            sheet.append(row)
        workbook.save(path)
        return Path(path)

    def close(self) -> None:
        """Nothing stays open between records; present for the Services lifecycle."""


def _revealed(entry: dict) -> dict:
    """A stored record with its encrypted texts decrypted when the vault is unlocked."""
    from app.core.compliance import crypto

    if not any(isinstance(entry.get(k), (str, list)) and crypto.FIELD_PREFIX in json.dumps(entry.get(k))
               for k in ("prompt", "sources", "output")):
        return entry
    vault = crypto.unlocked()
    if vault is None and os.environ.get(crypto.PASSPHRASE_ENV):
        vault = crypto.unlock(os.environ[crypto.PASSPHRASE_ENV])
    return {**entry, **{k: crypto.reveal_field(entry.get(k), vault) for k in ("prompt", "sources", "output")}}


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return os.environ.get("USERNAME") or os.environ.get("USER") or "unknown"
