"""User-facing errors.

Every error the core raises on purpose is an ``AppError``. New errors carry a ``code`` and
``params`` (rendered in the user's language by :mod:`analyst_desk.core.catalog`); ``str(error)`` is the
English message, which the CLI prints and the log records. The UI shows
``error.localised(language)`` in one place; the CLI prints one line and exits non-zero.
"""

from __future__ import annotations

from typing import Any


class AppError(Exception):
    """An error with a message written for the user, not the developer."""

    #: Short category shown before the message (e.g. in a status column).
    kind: str = "error"

    def __init__(self, message: str | None = None, *, code: str | None = None,
                 params: dict[str, Any] | None = None, detail: str | None = None) -> None:
        from analyst_desk.core.catalog import render

        self.code = code
        self.params = dict(params or {})
        if message is None:
            message = render(code, self.params, "en") if code else self.__class__.__name__
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message

    def localised(self, language: str) -> str:
        """The message in ``language``; errors raised without a code keep their English text."""
        from analyst_desk.core.catalog import render

        if not self.code:
            return self.message
        # An error that wraps another (a fallback that failed because of the first) shows both in one language.
        params = {k: v.localised(language) if isinstance(v, AppError) else v for k, v in self.params.items()}
        return render(self.code, params, language)


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

    def __init__(self, message: str | None = None, *, path: str | None = None, status: str = "failed",
                 code: str | None = None, params: dict[str, Any] | None = None, detail: str | None = None) -> None:
        super().__init__(message, code=code, params=params, detail=detail)
        self.path = path
        #: Machine-readable status, e.g. "encrypted", "corrupt", "empty", "unsupported".
        self.status = status


class WriteError(AppError):
    """A file the user asked for (export, draft, settings) could not be written."""

    kind = "write"

    def __init__(self, path, reason: OSError | str) -> None:
        import errno

        error_no = getattr(reason, "errno", None)
        if isinstance(reason, PermissionError) or error_no in (errno.EACCES, errno.EPERM, errno.EROFS):
            code = "write.permission"
        elif error_no == errno.ENOSPC:
            code = "write.no_space"
        else:
            code = "write.failed"
        text = reason if isinstance(reason, str) else (reason.strerror or str(reason))
        super().__init__(code=code, params={"path": str(path), "reason": text})
        self.path = str(path)


class CancelledError(AppError):
    """The user cancelled the operation. Not a failure: the UI shows no dialog for it.

    ``partial`` carries whatever the job had finished when it stopped (minutes so far, the
    draft so far, the transcript so far), so the pane can keep it.
    """

    kind = "cancelled"

    def __init__(self, message: str | None = None, *, partial: Any = None) -> None:
        super().__init__(message, code=None if message else "job.cancelled")
        self.partial = partial


class NetworkBlockedError(AppError):
    """Raised if anything inside the app attempts a non-loopback network connection."""

    kind = "network"


# -- errors a model server can cause, each with a message the user (or IT) can act on ---------------
class ServerError(ModelError):
    """The model server could not produce an answer."""

    kind = "server"


class ServerUnreachableError(ServerError):
    """No answer at all: refused, timed out, not found, or overloaded (502/503/504).

    The only server error after which a task falls back to the local model: nothing was
    written yet, and the cause is outside the user's settings.
    """


class ServerRefusedError(ServerError):
    """The server answered but refused the request: a wrong API key, or no access (401/403)."""


class ServerRequestError(ServerError):
    """The server rejected this request: an unknown model, a prompt longer than its window, a bug."""
