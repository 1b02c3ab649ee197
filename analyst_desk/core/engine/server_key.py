"""The model server's API key: kept only encrypted with the data folder's vault.

The key never goes into ``settings.json`` or a log. It is stored as a Fernet token in the data
folder's ``keys/`` (the vault of ``analyst_desk.core.compliance.crypto``, keyed from the user's
passphrase), so storing one needs encryption at rest to be set up. Scripts and tests may pass it
in ``ANALYST_DESK_REMOTE_KEY`` instead, which wins over the stored one.
"""

from __future__ import annotations

import os

from analyst_desk.core.compliance import crypto

KEY_ENV = "ANALYST_DESK_REMOTE_KEY"
KEY_FILE = "model_server.key"


class KeyStoreError(crypto.LockedError):
    """The key cannot be stored or read because no vault is unlocked."""


def _path():
    return crypto.keys_folder() / KEY_FILE


def has_stored_key() -> bool:
    return _path().is_file()


def _vault() -> crypto.Vault:
    vault = crypto.unlocked()
    if vault is None and os.environ.get(crypto.PASSPHRASE_ENV):
        vault = crypto.unlock(os.environ[crypto.PASSPHRASE_ENV])
    if vault is None:
        raise KeyStoreError(code="server.key_locked", params={"passphrase_env": crypto.PASSPHRASE_ENV, "key_env": KEY_ENV})
    return vault


def store_key(key: str) -> None:
    """Encrypt and save ``key`` (an empty key deletes the stored one). Needs an unlocked vault."""
    if not key:
        _path().unlink(missing_ok=True)
        return
    if crypto.unlocked() is None and not os.environ.get(crypto.PASSPHRASE_ENV):
        raise KeyStoreError(code="server.key_needs_encryption", params={"key_env": KEY_ENV})
    _vault().write(_path(), key)


def load_key() -> str:
    """The key to send: ``ANALYST_DESK_REMOTE_KEY``, else the stored one, else empty (no key)."""
    if os.environ.get(KEY_ENV):
        return os.environ[KEY_ENV]
    if not has_stored_key():
        return ""
    return _vault().read(_path())
