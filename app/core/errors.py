"""User-facing errors.

Every error the core raises on purpose is an ``AppError`` whose message a user can act on.
The UI shows ``str(error)`` in one place; the CLI prints it as a single line and exits non-zero.
"""

from __future__ import annotations


class AppError(Exception):
    """An error with a message written for the user, not the developer."""

    #: Short category shown before the message (e.g. in a status column).
    kind: str = "error"

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class ModelError(AppError):
    """A model file is missing, unreadable, not GGUF, truncated or too large."""

    kind = "model"


class ModelNotFoundError(ModelError):
    """No model with the requested name exists in the models folder."""


class ConfigError(AppError):
    """Settings could not be read or are invalid."""

    kind = "config"


class InputFileError(AppError):
    """A user-supplied document cannot be used (corrupt, encrypted, empty, unsupported)."""

    kind = "input"

    def __init__(self, message: str, *, path: str | None = None, status: str = "failed",
                 detail: str | None = None) -> None:
        super().__init__(message, detail=detail)
        self.path = path
        #: Machine-readable status, e.g. "encrypted", "corrupt", "empty", "unsupported".
        self.status = status


class CancelledError(AppError):
    """The user cancelled the operation. Not a failure: the UI shows no dialog for it."""

    kind = "cancelled"

    def __init__(self, message: str = "Cancelled") -> None:
        super().__init__(message)


class NetworkBlockedError(AppError):
    """Raised if anything inside the app attempts a non-loopback network connection."""

    kind = "network"
