"""Errors a model server can cause, each with a message the user (or IT) can act on."""

from __future__ import annotations

from analyst_desk.core.errors import ModelError


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
