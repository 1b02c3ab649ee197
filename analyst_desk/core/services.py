"""One object holding the app's shared, lazily created resources (no Qt).

The GUI and the CLI both build a ``Services``; panes receive it in their constructor. Resources
that hold native memory or files (the model, the index, the audit log) are created on first use
and closed together in :meth:`close`.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from typing import Any, Callable

from analyst_desk.core.config import Settings
from analyst_desk.core.engine.base import LoadOptions

log = logging.getLogger(__name__)


class _NullAudit:
    """Used until (or if) the compliance module is unavailable: records nothing."""

    def record(self, **_kwargs: Any) -> None:
        return None


class Services:
    """Shared resources: settings, the chat engines, the library index and the audit log.

    Threading: the accessors may be called from any thread; creation is guarded by a lock.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()
        self._lock = threading.RLock()
        self._engine = None
        self._remote_engines: dict = {}
        self._last_task_engine = None
        self._library = None
        self._audit = None
        #: Messages about which engine answered (fallbacks, dropped connections), newest last.
        self.notices: deque[str] = deque(maxlen=50)
        self._notice_listeners: list[Callable[[str], None]] = []

    # -- model -----------------------------------------------------------------------------
    def local_engine(self):
        """The shared local GGUF model (not loaded until first use)."""
        from analyst_desk.core.engine.llama_engine import LlamaEngine
        from analyst_desk.core.engine.models import default_chat_model

        with self._lock:
            if self._engine is None:
                info = default_chat_model(self.settings.model)
                options = LoadOptions(context_size=self.settings.context_size, threads=self.settings.threads,
                                      mask_pii=self.settings.mask_before_model,
                                      pii_names=list(self.settings.extra.get("pii_names", [])))
                self._engine = LlamaEngine(info, options)
            return self._engine

    def chat_engine(self, task: str = "assistant"):
        """The engine ``task`` runs on, loaded: the local model or the model server, as Settings choose.

        Returns a :class:`~analyst_desk.core.engine.selection.TaskEngine`; when the server cannot be
        reached it answers with the local model and a notice goes to :attr:`notices` and the
        listeners. Raises ``ModelError`` (a user message) when neither can answer.
        """
        from analyst_desk.core.engine.selection import open_task_engine

        with self._lock:
            engine = open_task_engine(self.settings, task, self.local_engine, on_notice=self._notify,
                                      remote_engines=self._remote_engines)
            self._last_task_engine = engine
        return engine.load()

    def add_notice_listener(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(message)`` (from the worker thread) when a task tells the user which engine answered."""
        self._notice_listeners.append(listener)

    def _notify(self, message: str) -> None:
        self.notices.append(message)
        for listener in list(self._notice_listeners):
            listener(message)

    @property
    def loaded_engine(self):
        """The engine the last task used if it is ready, else the local model if loaded (never loads)."""
        task_engine = self._last_task_engine
        if task_engine is not None and task_engine.loaded:
            return task_engine
        engine = self._engine
        return engine if engine is not None and engine.loaded else None

    def reload_model(self) -> None:
        """Drop the current engines so the next ``chat_engine()`` uses what settings now say."""
        from analyst_desk.core import offline

        with self._lock:
            if self._engine is not None:
                self._engine.close()
                self._engine = None
            self._remote_engines.clear()
            self._last_task_engine = None
            offline.revoke_all()  # the allowlist may have shrunk

    # -- library ---------------------------------------------------------------------------
    def library(self):
        """The document index in the data folder (opened on first use)."""
        with self._lock:
            if self._library is None:
                from analyst_desk.core.errors import AppError
                from analyst_desk.core.library import open_libraries

                try:
                    self._library = open_libraries()
                except AppError:
                    raise
                except (OSError, ValueError, RuntimeError) as exc:  # a damaged or unreachable index folder
                    log.exception("The library could not be opened")
                    raise AppError(code="library.unreadable", params={"reason": str(exc)}) from exc
            return self._library

    # -- audit -----------------------------------------------------------------------------
    @property
    def audit(self):
        with self._lock:
            if self._audit is None:
                try:
                    from analyst_desk.core.compliance.audit import AuditLog

                    self._audit = AuditLog.open()
                except ImportError:
                    self._audit = _NullAudit()
            return self._audit

    def close(self) -> None:
        """Release the model, the index and the audit log. Safe to call twice."""
        with self._lock:
            if self._engine is not None:
                self._engine.close()
                self._engine = None
            self._remote_engines.clear()
            self._last_task_engine = None
            for name in ("_library", "_audit"):
                resource = getattr(self, name)
                close = getattr(resource, "close", None)
                if close:
                    try:
                        close()
                    except Exception:  # closing must never stop shutdown
                        log.exception("Closing %s failed", name)
                setattr(self, name, None)
