"""The secret that keys the audit log's hashes, kept outside the log.

With encryption at rest on, the key is stored encrypted by the passphrase vault
(``keys/audit.key.enc``), so a copy of the data folder without the passphrase cannot forge records.
Otherwise it is a random 32-byte file readable only by the user (``keys/audit.key``, mode 0600). The
key moves between the two when the setting changes and the vault is open.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from analyst_desk.core.errors import AppError

log = logging.getLogger(__name__)

KEY_FILE = "audit.key"
VAULT_KEY_FILE = "audit.key.enc"


class AuditKeyUnavailable(AppError):
    """The key exists but cannot be read now (the vault holding it is locked)."""

    kind = "audit"


@dataclass(frozen=True)
class AuditKey:
    secret: bytes = b""

    @property
    def key_id(self) -> str:
        """A public fingerprint stored in every record: says which key sealed it, reveals nothing."""
        return hashlib.sha256(b"analyst-desk audit key id\0" + self.secret).hexdigest()[:16]

    def __repr__(self) -> str:  # never print the secret into a log
        return f"AuditKey(key_id={self.key_id})"


def key_exists(folder: Path) -> bool:
    return (folder / KEY_FILE).exists() or (folder / VAULT_KEY_FILE).exists()


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to a file only the owner can read, durably and atomically (a temporary file of its
    own, so two writers never share one; callers hold the audit lock)."""
    from analyst_desk.core.fileio import atomic_write_bytes

    atomic_write_bytes(path, data, mode=0o600)


def _read_plain(path: Path) -> AuditKey:
    mode = stat.S_IMODE(path.stat().st_mode)
    if os.name == "posix" and mode & 0o077:
        log.warning("The audit key %s was readable by others (mode %o); restricting it to its owner.", path, mode)
        os.chmod(path, 0o600)
    secret = path.read_bytes()
    if len(secret) < 32:
        raise AuditKeyUnavailable(code="audit.key_damaged", params={"path": str(path), "size": len(secret)})
    return AuditKey(secret)


def load_key(folder: Path, vault) -> AuditKey | None:
    """The existing key, or ``None`` when none was ever made.

    ``vault`` is the unlocked passphrase vault or ``None``; a vault-kept key without it raises
    ``AuditKeyUnavailable``. When the storage does not match the setting (``vault`` given → vault)
    and the vault is open, the key is moved to match.
    """
    plain, sealed = folder / KEY_FILE, folder / VAULT_KEY_FILE
    if sealed.exists():
        if vault is None:
            from analyst_desk.core.compliance import crypto

            vault = crypto.unlocked()
            if vault is None and os.environ.get(crypto.PASSPHRASE_ENV):
                vault = crypto.unlock(os.environ[crypto.PASSPHRASE_ENV])
            if vault is None:
                raise AuditKeyUnavailable(code="audit.key_locked")
            key = AuditKey(vault.decrypt(sealed.read_bytes()))
            # Encryption was switched off: keep the key usable without the passphrase from now on.
            _write_private(plain, key.secret)
            sealed.unlink()
            return key
        return AuditKey(vault.decrypt(sealed.read_bytes()))
    if plain.exists():
        key = _read_plain(plain)
        if vault is not None:  # encryption was switched on: the key now needs the passphrase too
            _write_private(sealed, vault.encrypt(key.secret))
            plain.unlink()
        return key
    return None


def create_key(folder: Path, vault) -> AuditKey:
    """Make a new random key (only when none exists: a new key cannot check older records)."""
    folder.mkdir(parents=True, exist_ok=True)
    if key_exists(folder):
        raise FileExistsError(f"an audit key already exists in {folder}")
    key = AuditKey(os.urandom(32))
    if vault is not None:
        _write_private(folder / VAULT_KEY_FILE, vault.encrypt(key.secret))
    else:
        _write_private(folder / KEY_FILE, key.secret)
    return key
