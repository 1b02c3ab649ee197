"""Append-only audit log of every generation that an insider cannot rewrite unnoticed.

One JSON line per generation in ``audit.jsonl``. Each record is numbered (``seq``), links to the
previous one (``prev_hash``) and carries ``hash`` = HMAC-SHA256 under a key kept outside the log
(``audit_key``); the current end (number + hash) is sealed in ``audit.seal`` with the same key
(``audit_seal``). ``audit_verify`` explains which check catches which kind of tampering.

Appending survives crashes: a torn last line (the app stopped mid-write) is moved aside to an
``audit.torn-*.jsonl`` file, the chain continues from the last good record, and a ``recovery``
record says what happened. ``record()`` never raises: the audit log must not take a generation down.
Logs written before keyed sealing (plain SHA-256 chain) are still checked and are sealed, as they
are, by a ``legacy_sealed`` record at the first new record.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from analyst_desk.core import paths
from analyst_desk.core.compliance import audit_file
from analyst_desk.core.compliance.audit_format import (
    FORMAT,
    GENESIS,
    MalformedRecord,
    is_keyed,
    keyed_hash,
    legacy_hash,
    next_link,
    parse_line,
    serialise,
)
from analyst_desk.core.compliance.audit_key import AuditKey, AuditKeyUnavailable, create_key, load_key
from analyst_desk.core.compliance.audit_retention import archive_old_records, retention_due
from analyst_desk.core.compliance.audit_seal import SEAL_FILE, Seal, SealError, read_seal, write_seal
from analyst_desk.core.compliance.audit_verify import VerifyResult, failed, verify_lines
from analyst_desk.core.errors import AppError

log = logging.getLogger(__name__)

LOG_FILE = "audit.jsonl"
LOCK_FILE = audit_file.LOCK_FILE
#: Notes of records that could not be written, until the next append puts them on the record.
GAPS_FILE = "audit.gaps.jsonl"
__all__ = ["AuditLog", "GENESIS", "VerifyResult", "model_sha256", "record_hash", "text_hash"]

#: The export's columns: (key, English header, Chinese header). "readable_*" are the caller's reading of a record.
_EXPORT_COLUMNS = [("time", "time", "时间（UTC）"), ("user", "user", "用户"), ("pane", "pane", "功能"), ("kind", "kind", "类型"),
                   ("model", "model", "模型"), ("model_sha256", "model_sha256", "模型文件指纹"), ("prompt", "prompt", "提示"),
                   ("sources", "sources", "来源"), ("readable_output", "output (as read)", "输出"),
                   ("readable_flags", "flags (as read)", "标记"), ("output", "output", "输出（原始记录）"),
                   ("flags", "flags", "标记（原始记录）"), ("seq", "seq", "序号"), ("hash", "hash", "记录指纹")]
_READABLE_KEYS = ("readable_output", "readable_flags")
_EXPORT_WIDTHS = {"seq": 7, "time": 22, "prompt": 30, "readable_output": 60, "readable_flags": 30, "output": 40,
                  "model_sha256": 20, "hash": 20}


class AuditNotRecorded(AppError):
    """An output the administrator's policy requires audited could not be recorded: it is withheld."""

    kind = "audit"

    def localised(self, language: str) -> str:
        """The message with the operating system's reason in ``language`` too (磁盘空间不足（错误 28）)."""
        from analyst_desk.core.catalog import render
        from analyst_desk.core.compliance.audit_reasons import reason_words

        if not self.code or not isinstance(self.params.get("reason"), str):
            return super().localised(language)
        return render(self.code, {**self.params, "reason": reason_words(self.params["reason"], language)}, language)


def audit_required() -> bool:
    """The administrator's policy file says ``"audit": "required"`` (an unreadable one counts as yes)."""
    from analyst_desk.core.network_policy import current_policy

    try:
        return current_policy().audit_required
    except Exception:  # noqa: BLE001 - a policy that cannot be read fails closed
        log.exception("The policy could not be read; audit treated as required")
        return True


#: The previous format's record hash (plain SHA-256), kept for reading and testing old logs.
record_hash = legacy_hash


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
    if not path.is_file():  # a model kept as a folder (a Whisper model): its name is recorded, not a hash
        return ""
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _MODEL_HASHES:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 22), b""):
                digest.update(block)
        _MODEL_HASHES[key] = digest.hexdigest()
    return _MODEL_HASHES[key]


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class _Tail:
    """The end of the log as an append finds it."""

    last: dict | None  # the last well-formed record
    last_end: int  # offset just past it (where damaged bytes, if any, begin)
    damaged: bool  # bytes after ``last`` that are not records (a torn or garbled write)
    missing_newline: bool  # ``last`` is complete but its newline was never written


@dataclass
class AuditLog:
    """Thread- and process-safe appender, reader and verifier of the audit log in ``folder``."""

    folder: Path
    store_text: bool = True
    retention_days: int = 365
    #: Encrypt prompt, sources and output (encryption at rest); the key then lives in the vault too.
    encrypt: bool = False
    #: Where the audit key lives (default: the data folder's ``keys``), never inside ``folder``.
    keys_folder: Path | None = None
    clock: Callable[[], datetime] = _utc_now
    #: Why the last ``record()`` could not be written, or ``None`` when it was.
    last_error: str | None = None
    #: ``(pane, kind, reason)`` of every record this object could not write, oldest first (``audit_watch``
    #: reads the ones a job of its own caused: a draft's sections are several records, not only the last).
    misses: list[tuple[str, str, str]] = field(default_factory=list, repr=False)
    #: Records this process could not write, written as ``audit_gap`` entries by the next append that succeeds.
    _gaps: list[dict] = field(default_factory=list, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    @classmethod
    def open(cls, folder: Path | None = None, settings=None) -> "AuditLog":
        from analyst_desk.core.config import Settings

        settings = settings or Settings.load()
        log_ = cls(Path(folder) if folder else paths.data_subdir("audit"), settings.audit_store_text,
                   settings.audit_retention_days, bool(getattr(settings, "encrypt_at_rest", False)))
        try:  # a folder that cannot be made now is reported by record(), which never raises
            log_.folder.mkdir(parents=True, exist_ok=True)
            if log_._retention_due():
                log_.apply_retention()
        except Exception:  # retention is housekeeping: it must never stop the app from starting
            log.exception("Audit retention failed; the log is left as it is")
        return log_

    @property
    def path(self) -> Path:
        return self.folder / LOG_FILE

    def _keys(self) -> Path:
        if self.keys_folder is not None:
            return Path(self.keys_folder)
        from analyst_desk.core.compliance.crypto import keys_folder

        return keys_folder()

    def _vault(self):
        """The unlocked vault when encryption is on (``AuditKeyUnavailable`` if locked), else ``None``."""
        from analyst_desk.core.compliance import crypto

        try:
            return crypto.vault_if(self.encrypt)
        except crypto.LockedError as exc:
            raise AuditKeyUnavailable(str(exc)) from exc

    # -- writing -------------------------------------------------------------------------------
    def record(self, *, pane: str, kind: str, model_path=None, prompt: str = "", sources=(), output: str = "",
               flags=(), user: str | None = None) -> dict:
        """Append one record for one generation and return it (texts in clear).

        Never raises: if the record cannot be written (disk full, vault locked) the reason is logged
        and kept in ``last_error``, and the generation goes on.
        """
        sources = [s if isinstance(s, str) else str(s) for s in sources]
        plain = {"prompt": prompt if self.store_text else None, "sources": sources if self.store_text else None,
                 "output": output}
        entry = {"time": self._now(), "user": user or _user_name(), "pane": pane, "kind": kind,
                 "model": Path(model_path).name if model_path else "", "model_sha256": "",
                 "prompt": plain["prompt"], "prompt_sha256": text_hash(prompt or ""), "sources": plain["sources"],
                 "sources_sha256": [text_hash(s) for s in sources], "output": output,
                 "flags": [f if isinstance(f, str) else str(f) for f in flags]}
        try:
            from analyst_desk.core.compliance.crypto import protect_field

            entry["model_sha256"] = model_sha256(model_path)
            vault = self._vault()
            entry["prompt"] = protect_field(plain["prompt"], vault)
            entry["sources"] = [protect_field(s, vault) for s in plain["sources"]] if plain["sources"] is not None \
                else None
            entry["output"] = protect_field(output, vault)
            self._append([entry], with_gaps=True)
            self.last_error = None
        except Exception as exc:  # the audit log must not take the generation down with it
            self.last_error = (exc.localised("en") if isinstance(exc, AppError) else str(exc)) \
                or exc.__class__.__name__
            log.error("The audit record for %s/%s was not written: %s", pane, kind, self.last_error,
                      exc_info=not isinstance(exc, AuditKeyUnavailable))
            self.misses.append((pane, kind, self.last_error))
            self._note_gap(entry, output, self.last_error)
        return {**entry, **plain}

    def check_recorded(self) -> None:
        """Raise ``AuditNotRecorded`` when the last record could not be written and the administrator's
        policy requires every output audited; otherwise return (the caller marks the output instead)."""
        if self.last_error is not None and audit_required():
            raise AuditNotRecorded(code="audit.required_withheld", params={"reason": self.last_error})

    def _note_gap(self, entry: dict, output: str, reason: str) -> None:
        """Remember the missed record (time, pane, kind, output hash, why) for the next append; also on disk
        when the disk takes it, so a later process records it if this one never appends again."""
        gap = {"missed_time": entry["time"], "missed_pane": entry["pane"], "missed_kind": entry["kind"],
               "missed_output_sha256": text_hash(output or ""), "reason": reason}
        try:
            with audit_file.exclusive(self.folder / LOCK_FILE), \
                    open(self.folder / GAPS_FILE, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(gap, ensure_ascii=False) + "\n")
        except Exception:  # noqa: BLE001 - the same failure, most likely: this process holds it until it can write
            log.warning("The missed audit record could not be noted on disk either; kept in memory")
            self._gaps.append(gap)

    def _pending_gaps(self) -> list[dict]:
        """``audit_gap`` entries for every missed record noted on disk or held in memory. Under the lock."""
        noted: list[dict] = []
        try:
            for line in (self.folder / GAPS_FILE).read_text(encoding="utf-8").splitlines():
                try:
                    noted.append(json.loads(line))
                except ValueError:  # a torn note: the rest still count
                    continue
        except FileNotFoundError:
            pass
        # Memory holds only the misses the disk did not take, so each miss is in one place: none is dropped,
        # even two identical ones (the same prompt refused twice in one second).
        return [self._system_entry("audit_gap", f"An output was not recorded: {g.get('reason', '')}", **g)
                for g in [*noted, *self._gaps] if isinstance(g, dict)]

    def _now(self) -> str:
        return self.clock().astimezone(timezone.utc).isoformat(timespec="seconds")

    def _system_entry(self, kind: str, output: str, **details) -> dict:
        """A record the log writes about itself (sealing, recovery, archiving), shaped like the others."""
        return {"time": self._now(), "user": _user_name(), "pane": "system", "kind": kind, "model": "",
                "model_sha256": "", "prompt": None, "prompt_sha256": "", "sources": None, "sources_sha256": [],
                "output": output, "flags": [], **details}

    def _key_for_writing(self) -> tuple[AuditKey, bool]:
        keys, vault = self._keys(), self._vault()
        key = load_key(keys, vault)
        return (key, False) if key is not None else (create_key(keys, vault), True)

    def _append(self, entries: list[dict], *, with_gaps: bool = False) -> None:
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            # The key is read (or made, the first time) under the cross-process lock: two processes
            # starting on a fresh data folder must not each make a key, or one's records fail to verify.
            with audit_file.exclusive(self.folder / LOCK_FILE), audit_file.open_rw(self.path) as fd:
                key, created = self._key_for_writing()
                tail = _inspect_tail(fd)
                quarantined = self._quarantine(fd, tail.last_end) if tail.damaged else None
                if tail.missing_newline and not tail.damaged:
                    audit_file.append(fd, b"\n")
                link = next_link(tail.last) if tail.last else (0, GENESIS)
                if created:  # the first seal describes the log as the key found it
                    write_seal(self.folder, key, Seal(link[0], link[1], key.key_id, self._now()))
                lines: list[dict] = []
                if tail.last is not None and not is_keyed(tail.last):
                    lines.append(self._legacy_seal(fd))
                recovery = self._recovery(key, link, quarantined)
                if recovery:
                    lines.append(recovery)
                gaps = self._pending_gaps() if with_gaps else []
                lines.extend(gaps)  # what was missed is on the record before what comes next
                lines.extend(entries)
                payload = []
                for entry in lines:
                    entry.update(v=FORMAT, seq=link[0] + 1, prev_hash=link[1], key_id=key.key_id)
                    entry.pop("hash", None)
                    entry["hash"] = keyed_hash(key.secret, entry)
                    link = next_link(entry)
                    payload.append(serialise(entry))
                audit_file.append(fd, b"".join(payload))
                write_seal(self.folder, key, Seal(link[0], link[1], key.key_id, self._now()))
                if gaps:
                    self._gaps.clear()
                    (self.folder / GAPS_FILE).unlink(missing_ok=True)

    def _quarantine(self, fd: int, start: int) -> dict:
        """Move the damaged end of the log (from ``start``) to a file of its own and cut it off."""
        size = os.fstat(fd).st_size
        data = audit_file.read_range(fd, start, size)
        name = f"audit.torn-{self.clock().astimezone(timezone.utc).strftime('%Y%m%dT%H%M%S%f')}.jsonl"
        audit_file.write_new_file(self.folder / name, data)
        audit_file.truncate(fd, start)
        log.warning("The audit log ended in an incomplete or damaged line (%d bytes, probably a crash while "
                    "writing); it was moved to %s and the log continues from the last good record.", len(data),
                    self.folder / name)
        return {"quarantined": name, "quarantined_bytes": len(data),
                "quarantined_sha256": hashlib.sha256(data).hexdigest()}

    def _recovery(self, key: AuditKey, link: tuple[int, str], quarantined: dict | None) -> dict | None:
        """A ``recovery`` record when the end of the log does not match its seal or was damaged."""
        problem, sealed = None, None
        try:
            sealed = read_seal(self.folder, key)
            if sealed is None:
                problem = "the seal file was missing"
        except SealError as exc:
            problem = str(exc)
        lost = max(0, sealed.seq - link[0]) if sealed else 0
        if sealed and not lost and sealed.seq == link[0] and sealed.last_hash != link[1]:
            problem = "the last record was not the one that was sealed"
        if not (quarantined or lost or problem):
            return None
        details = {"quarantined": None, **(quarantined or {}), "sealed_seq": sealed.seq if sealed else None,
                   "found_seq": link[0], "records_lost": lost, "seal_problem": problem}
        if lost or problem:
            why = problem or (f"record {sealed.seq} was" if lost == 1 else f"records {link[0] + 1}–{sealed.seq} were") \
                + " sealed but missing or damaged"
            output = f"The audit log did not match its seal: {why}. It continues from record {link[0]}."
            log.error("Audit log: %s", output)
        else:
            output = (f"An interrupted write ({quarantined['quarantined_bytes']} bytes) was moved to "
                      f"{quarantined['quarantined']}; the log continues from record {link[0]}.")
        return self._system_entry("recovery", output, recovery=details)

    def _legacy_seal(self, fd: int) -> dict:
        """Seal the previous format's records as they are: their count and the SHA-256 of their bytes."""
        digest, count = hashlib.sha256(), 0
        for raw in _raw_lines(fd):
            digest.update(raw)
            try:
                count += parse_line(raw.rstrip(b"\r\n")).get("kind") != "anchor" if raw.strip() else 0
            except MalformedRecord:
                count += 1
        log.warning("Sealing %d audit records written in the previous format.", count)
        return self._system_entry(
            "legacy_sealed", f"{count} record(s) written in the previous, unkeyed format were sealed as they are.",
            legacy={"records": count, "sha256": digest.hexdigest()})

    # -- reading -------------------------------------------------------------------------------
    def records(self, *, since: datetime | None = None, until: datetime | None = None,
                pane: str | None = None) -> list[dict]:
        """Records in the live log (generations and the log's own recovery notes), texts revealed."""
        if not self.path.exists():
            return []
        out = []
        with self.path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    entry = parse_line(raw.rstrip(b"\r\n"))
                    when = datetime.fromisoformat(entry["time"])
                except (MalformedRecord, KeyError, TypeError, ValueError) as exc:
                    log.warning("Audit log line %d skipped: %s", number, exc)
                    continue
                if entry.get("kind") == "anchor":
                    continue
                if (since and when < since) or (until and when > until) or (pane and entry.get("pane") != pane):
                    continue
                out.append(_revealed(entry))
        return out

    def verify(self, checkpoint: tuple[int, str] | None = None) -> VerifyResult:
        """Check every record, link and number, and the end against the seal.

        ``checkpoint``: ``(last_seq, last_hash)`` of an earlier result, kept outside the data folder;
        the log must still hold that record (catches an older copy of log and seal put back).
        """
        with self._lock:
            try:
                key = load_key(self._keys(), self._vault())
            except AuditKeyUnavailable as exc:
                log.info("Audit verification: %s", exc)
                return failed("key.locked")
            seal, seal_error = None, None
            if key is not None:
                try:
                    seal = read_seal(self.folder, key)
                except SealError as exc:
                    seal_error = str(exc)
            elif (self.folder / SEAL_FILE).exists():
                return failed("key.missing")
            with audit_file.exclusive(self.folder / LOCK_FILE):
                handle = self.path.open("rb") if self.path.exists() else None
                try:
                    return verify_lines(handle or [], folder=self.folder, key=key, seal=seal, seal_error=seal_error,
                                        key_exists=key is not None, checkpoint=checkpoint)
                finally:
                    if handle:
                        handle.close()

    # -- retention -----------------------------------------------------------------------------
    def _retention_due(self) -> bool:
        return retention_due(self)

    def apply_retention(self, now: datetime | None = None) -> int:
        """Move records older than the retention period to an archive behind a keyed anchor
        (``audit_retention.archive_old_records``); returns how many moved."""
        return archive_old_records(self, now)

    # -- export --------------------------------------------------------------------------------
    def export_xlsx(self, path: Path, *, language: str = "en", readable=None, **filters) -> Path:
        """The records (``filters`` as for ``records``) as a workbook with headers in ``language``.

        ``readable(record) -> dict`` gives a record as a reader reads it — ``readable_output`` and
        ``readable_flags`` (the Audit pane passes its own: minutes as text, flags through the catalogue), and
        may name ``pane`` and ``kind`` in ``language`` too; the output and flags are also written as recorded,
        as they are hashed, so the export can be checked against the log."""
        import openpyxl
        from openpyxl.styles import Alignment, Font

        zh = language == "zh"
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "审计日志" if zh else "Audit log"
        columns = [key for key, _en, _zh in _EXPORT_COLUMNS if readable is not None or key not in _READABLE_KEYS]
        sheet.append([zh_ if zh else en for key, en, zh_ in _EXPORT_COLUMNS if key in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for entry in self.records(**filters):
            shown = readable(entry) if readable is not None else {}
            row = []
            for key in columns:
                value = shown[key] if key in shown else entry.get(key)
                if isinstance(value, list):
                    value = "\n".join(str(v) for v in value) if key in _READABLE_KEYS else \
                        "\n---\n".join(str(v) for v in value)
                row.append(("" if value is None else str(value))[:32000])
            sheet.append(row)
        for index, key in enumerate(columns, start=1):
            letter = openpyxl.utils.get_column_letter(index)
            sheet.column_dimensions[letter].width = _EXPORT_WIDTHS.get(key, 16)
            if key in ("readable_output", "readable_flags", "output", "prompt"):
                for cell in sheet[letter][1:]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        workbook.save(path)
        return Path(path)

    def close(self) -> None:
        """Nothing stays open between records; present for the Services lifecycle."""


def _inspect_tail(fd: int) -> _Tail:
    """Find the last well-formed record, skipping (from the end) lines that do not parse."""
    damaged = False
    for line in audit_file.lines_backwards(fd):
        if not line.data.strip():
            if not line.terminated:
                damaged = True
            continue
        try:
            entry = parse_line(line.data)
        except MalformedRecord:
            damaged = True
            continue
        return _Tail(entry, line.end, damaged, not line.terminated)
    return _Tail(None, 0, damaged, False)


def _raw_lines(fd: int) -> Iterator[bytes]:
    """The file's lines from the start, newlines kept, read through ``fd``."""
    os.lseek(fd, 0, os.SEEK_SET)
    with os.fdopen(os.dup(fd), "rb") as handle:
        yield from handle


def _revealed(entry: dict) -> dict:
    """A stored record with its encrypted texts decrypted when the vault is unlocked."""
    from analyst_desk.core.compliance import crypto

    if not any(isinstance(entry.get(k), (str, list)) and crypto.FIELD_PREFIX in str(entry.get(k))
               for k in ("prompt", "sources", "output")):
        return entry
    vault = crypto.unlocked()
    if vault is None and os.environ.get(crypto.PASSPHRASE_ENV):
        vault = crypto.unlock(os.environ[crypto.PASSPHRASE_ENV])
    return {**entry, **{k: crypto.reveal_field(entry.get(k), vault) for k in ("prompt", "sources", "output")}}


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):  # no login name in this environment
        return os.environ.get("USERNAME") or os.environ.get("USER") or "unknown"
