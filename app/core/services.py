"""One object holding the app's shared, lazily created resources (no Qt).

The GUI and the CLI both build a ``Services``; panes receive it in their constructor. Resources
that hold native memory or files (the model, the index, the audit log) are created on first use
and closed together in :meth:`close`.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from app.core.config import Settings
from app.core.engine.base import LoadOptions

log = logging.getLogger(__name__)


class _NullAudit:
    """Used until (or if) the compliance module is unavailable: records nothing."""

    def record(self, **_kwargs: Any) -> None:
        return None


class Services:
    """Shared resources: settings, the chat model, the library index and the audit log.

    Threading: the accessors may be called from any thread; creation is guarded by a lock.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()
        self._lock = threading.RLock()
        self._engine = None
        self._library = None
        self._audit = None

    # -- model -----------------------------------------------------------------------------
    def chat_engine(self):
        """The loaded chat model (loads it on first call). Raises ``ModelError`` with a user message."""
        from app.core.engine.llama_engine import LlamaEngine
        from app.core.engine.models import default_chat_model

        with self._lock:
            if self._engine is None:
                info = default_chat_model(self.settings.model)
                options = LoadOptions(context_size=self.settings.context_size, threads=self.settings.threads,
                                      mask_pii=self.settings.mask_before_model,
                                      pii_names=list(self.settings.extra.get("pii_names", [])))
                self._engine = LlamaEngine(info, options)
            engine = self._engine
        return engine.load()

    @property
    def loaded_engine(self):
        """The chat engine if it is already loaded, else ``None`` (never triggers a load)."""
        engine = self._engine
        return engine if engine is not None and engine.loaded else None

    def reload_model(self) -> None:
        """Drop the current model so the next ``chat_engine()`` loads the one now in settings."""
        with self._lock:
            if self._engine is not None:
                self._engine.close()
                self._engine = None

    # -- library ---------------------------------------------------------------------------
    def library(self):
        """The document index in the data folder (opened on first use)."""
        with self._lock:
            if self._library is None:
                from app.core.library import Library

                self._library = Library.open()
            return self._library

    # -- audit -----------------------------------------------------------------------------
    @property
    def audit(self):
        with self._lock:
            if self._audit is None:
                try:
                    from app.core.compliance.audit import AuditLog

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
            for name in ("_library", "_audit"):
                resource = getattr(self, name)
                close = getattr(resource, "close", None)
                if close:
                    try:
                        close()
                    except Exception:  # closing must never stop shutdown
                        log.exception("Closing %s failed", name)
                setattr(self, name, None)
