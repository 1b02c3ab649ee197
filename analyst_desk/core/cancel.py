"""Cooperative cancellation shared by every long-running job."""

from __future__ import annotations

import threading

from analyst_desk.core.errors import CancelledError


class CancelToken:
    """A thread-safe flag a worker checks between units of work (tokens, pages, chunks).

    The GUI thread calls :meth:`cancel`; the worker calls :meth:`raise_if_cancelled` or reads
    :attr:`cancelled`. Cancelling is not an error: callers catch ``CancelledError`` and keep
    whatever partial result they have.
    """

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise CancelledError()

    def wait(self, timeout: float) -> bool:
        """Sleep up to ``timeout`` seconds, waking early when cancelled. Returns ``cancelled``."""
        return self._event.wait(timeout)


#: A token that is never cancelled, for callers that do not need cancellation.
NEVER = CancelToken()
