"""Encryption at rest for drafts and the audit log (setting), keyed from a passphrase.

Threat model: protects the data folder on a lost or stolen laptop or a copied disk image. It does
not protect a running, unlocked session (the key is in memory), the model files, or exports the
user chooses to write elsewhere.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from analyst_desk.core.errors import AppError
from analyst_desk.core.fileio import atomic_write_bytes

SALT_FILE = "encryption.salt"


class WrongPassphraseError(AppError):
    kind = "crypto"


def derive_key(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1)
    return base64.urlsafe_b64encode(kdf.derive(passphrase.encode("utf-8")))


class Vault:
    """Fernet (AES-128-CBC + HMAC-SHA256) with a Scrypt-derived key; the salt lives in the data folder."""

    def __init__(self, folder: Path, passphrase: str) -> None:
        from cryptography.fernet import Fernet

        folder.mkdir(parents=True, exist_ok=True)
        salt_path = folder / SALT_FILE
        if not salt_path.exists():
            salt_path.write_bytes(os.urandom(16))
        self._fernet = Fernet(derive_key(passphrase, salt_path.read_bytes()))

    def encrypt(self, data: bytes) -> bytes:
        return self._fernet.encrypt(data)

    def decrypt(self, token: bytes) -> bytes:
        from cryptography.fernet import InvalidToken

        try:
            return self._fernet.decrypt(token)
        except InvalidToken as exc:
            raise WrongPassphraseError(code="vault.wrong_passphrase") from exc

    def write(self, path: Path, text: str) -> None:
        atomic_write_bytes(path, self.encrypt(text.encode("utf-8")))

    def read(self, path: Path) -> str:
        return self.decrypt(path.read_bytes()).decode("utf-8")


# -- the data folder's protected files --------------------------------------------------------------
#: Fernet tokens are URL-safe base64 of a version byte 0x80: they always start with this.
_TOKEN_PREFIX = b"gAAAAA"
#: Field values in the audit log are encrypted one by one and marked with this prefix, so the
#: hash chain (computed over what is stored) can be verified by an auditor without the key.
FIELD_PREFIX = "enc:"
PASSPHRASE_ENV = "ANALYST_DESK_PASSPHRASE"
_CHECK_FILE = "encryption.check"
_CHECK_TEXT = b"analyst-desk passphrase check"
_unlocked: Vault | None = None


class LockedError(AppError):
    kind = "crypto"


def keys_folder() -> Path:
    from analyst_desk.core import paths

    return paths.data_subdir("keys")


def unlock(passphrase: str) -> Vault:
    """Open the data folder's vault with ``passphrase`` for this process.

    The first unlock sets the passphrase (writes a check file); later ones must match it, so a
    typo cannot silently start a second, unreadable set of files.
    """
    global _unlocked
    if not passphrase:
        raise WrongPassphraseError(code="vault.enter_passphrase")
    folder = keys_folder()
    vault = Vault(folder, passphrase)
    check = folder / _CHECK_FILE
    if check.exists():
        if vault.decrypt(check.read_bytes()) != _CHECK_TEXT:
            raise WrongPassphraseError(code="vault.wrong_passphrase")
    else:
        vault.write(check, _CHECK_TEXT.decode())
    _unlocked = vault
    return vault


def unlocked() -> Vault | None:
    """The vault unlocked in this process, if any."""
    return _unlocked


def lock() -> None:
    global _unlocked
    _unlocked = None


def current_vault(settings=None) -> Vault | None:
    """The unlocked vault when encryption at rest is on (per ``settings``, else the saved settings)."""
    if settings is None:
        from analyst_desk.core.config import Settings

        settings = Settings.load()
    return vault_if(bool(getattr(settings, "encrypt_at_rest", False)))


def vault_if(enabled: bool) -> Vault | None:
    """``None`` when encryption is off; else the unlocked vault.

    With nothing unlocked yet, the passphrase is taken from ``ANALYST_DESK_PASSPHRASE`` (for the
    CLI and scripted installs); without it, ``LockedError`` — data is never written in clear
    when the user asked for it to be encrypted.
    """
    if not enabled:
        return None
    if _unlocked is None:
        passphrase = os.environ.get(PASSPHRASE_ENV, "")
        if not passphrase:
            raise LockedError(code="vault.locked", params={"env": PASSPHRASE_ENV})
        unlock(passphrase)
    return _unlocked


def is_encrypted(data: bytes) -> bool:
    return data.startswith(_TOKEN_PREFIX)


def protect(data: bytes, settings=None) -> bytes:
    """What to write for ``data`` in the data folder: ciphertext when encryption at rest is on."""
    vault = current_vault(settings)
    return vault.encrypt(data) if vault else data


def unprotect(data: bytes) -> bytes:
    """Plain bytes of a data-folder file written by ``protect`` (encrypted or not)."""
    if not is_encrypted(data):
        return data
    return vault_if(True).decrypt(data)


def protect_field(text: str | None, vault: Vault | None) -> str | None:
    if text is None or vault is None:
        return text
    return FIELD_PREFIX + vault.encrypt(text.encode("utf-8")).decode("ascii")


def reveal_field(value, vault: Vault | None):
    """A stored audit field as text; encrypted ones need the vault (else a placeholder is shown)."""
    if isinstance(value, list):
        return [reveal_field(v, vault) for v in value]
    if not isinstance(value, str) or not value.startswith(FIELD_PREFIX):
        return value
    if vault is None:
        return "[encrypted]"
    return vault.decrypt(value[len(FIELD_PREFIX):].encode("ascii")).decode("utf-8")
