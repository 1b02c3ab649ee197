"""Encryption at rest for drafts and the audit log (setting), keyed from a passphrase.

Threat model: protects the data folder on a lost or stolen laptop or a copied disk image. It does
not protect a running, unlocked session (the key is in memory), the model files, or exports the
user chooses to write elsewhere.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from app.core.errors import AppError

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
            raise WrongPassphraseError("The passphrase is wrong, or the file was changed.") from exc

    def write(self, path: Path, text: str) -> None:
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(self.encrypt(text.encode("utf-8")))
        os.replace(tmp, path)

    def read(self, path: Path) -> str:
        return self.decrypt(path.read_bytes()).decode("utf-8")
