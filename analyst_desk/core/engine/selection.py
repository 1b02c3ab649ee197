"""Which engine answers each task: the local GGUF model or the bank's model server.

Settings choose per task (Assistant, Ask, Drafting, Meeting): ``"local"``, ``"remote"``, or
unset — the server when one is configured. ``TaskEngine`` is what a task is given: it uses the
server when asked to and falls back to the local model when the server cannot be reached
(refused, timed out, blocked by the allowlist), tells the user which one answered, and records
that in :class:`EngineUse` (``ask --json`` prints it; the audit log gets the model identity).
A wrong API key or an unknown model is an error, not a fallback: it needs fixing, and a silent
switch would hide it.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from typing import Callable

from analyst_desk.core.cancel import NEVER
from analyst_desk.core.engine.base import Generation
from analyst_desk.core.errors import ModelError, NetworkBlockedError, ServerUnreachableError

log = logging.getLogger(__name__)

TASKS = ("assistant", "ask", "drafting", "meeting")
LOCAL, REMOTE = "local", "remote"
URL_ENV = "ANALYST_DESK_REMOTE_URL"
MODEL_ENV = "ANALYST_DESK_REMOTE_MODEL"
#: CLI subcommand → task whose engine choice it follows.
COMMAND_TASKS = {"generate": "assistant", "ask": "ask", "draft": "drafting", "meeting": "meeting"}
#: Room for the chat template when checking that a prompt planned for the server fits the local window.
_TEMPLATE_MARGIN = 64


def remote_url(settings, policy=None) -> str:
    """The configured server: ``ANALYST_DESK_REMOTE_URL``, Settings, or the administrator's policy."""
    return (os.environ.get(URL_ENV) or getattr(settings, "remote_url", "")
            or (policy.remote_url if policy is not None else "")).strip()


def task_choice(settings, task: str, policy=None) -> str:
    """``"local"`` or ``"remote"`` for ``task``; unset means the server when one is configured."""
    chosen = dict(getattr(settings, "task_engines", {}) or {}).get(task, "")
    if chosen in (LOCAL, REMOTE):
        return chosen if chosen == LOCAL or remote_url(settings, policy) else LOCAL
    return REMOTE if remote_url(settings, policy) else LOCAL


def remote_config(settings, policy):
    """The ``RemoteConfig`` from settings, policy and environment, or ``None`` when no server is set."""
    from analyst_desk.core.engine.remote_engine import RemoteConfig
    from analyst_desk.core.engine.server_connection import ConnectionSettings
    from analyst_desk.core.engine.server_key import load_key

    url = remote_url(settings, policy)
    if not url:
        return None
    connection = ConnectionSettings(verify_tls=bool(getattr(settings, "remote_verify_tls", True)),
                                    ca_file=getattr(settings, "remote_ca_file", "") or policy.ca_file,
                                    connect_timeout=float(getattr(settings, "remote_connect_timeout", 5.0)),
                                    read_timeout=float(getattr(settings, "remote_read_timeout", 120.0)),
                                    api_key=load_key())
    return RemoteConfig(url=url,
                        model=os.environ.get(MODEL_ENV) or getattr(settings, "remote_model", "") or policy.remote_model,
                        connection=connection,
                        context_size=int(getattr(settings, "remote_context_size", 0) or policy.remote_context_size),
                        mask_pii=bool(getattr(settings, "mask_before_model", False)),
                        pii_names=list(getattr(settings, "extra", {}).get("pii_names", [])))


@dataclass
class EngineUse:
    """Which engine answered a task, for the user, ``--json`` and support."""

    task: str
    requested: str
    engine: str = ""
    model: str = ""
    server: str = ""
    context_size: int = 0
    #: What the user was told: a fallback to the local model, a dropped connection.
    notices: list[str] = field(default_factory=list)

    @property
    def fell_back(self) -> bool:
        return self.requested == REMOTE and self.engine == LOCAL

    def to_json(self) -> dict:
        return {"task": self.task, "requested": self.requested, "engine": self.engine, "model": self.model,
                "server": self.server or None, "context_size": self.context_size, "fell_back": self.fell_back,
                "notices": list(self.notices)}


class TaskEngine:
    """The engine one task runs on: the server, or the local model when the server cannot be used.

    Implements ``ChatEngine`` by delegating to the engine in use. ``local_factory`` returns the
    (shared, possibly not yet loaded) local engine; it is only called when needed.
    Threading: like the engine it wraps; a fallback switch is a single attribute assignment.
    """

    def __init__(self, task: str, requested: str, remote=None, local_factory: Callable | None = None, *,
                 on_notice: Callable[[str], None] | None = None, owns_engines: bool = False) -> None:
        self.task = task
        self.requested = requested if remote is not None else LOCAL
        self._remote = remote
        self._local_factory = local_factory
        self._local = None
        self._active = None
        self._on_notice = on_notice
        self._owns = owns_engines
        self.use = EngineUse(task=task, requested=self.requested)

    # -- choosing --------------------------------------------------------------------------------
    def load(self) -> "TaskEngine":
        """Settle on an engine: probe the server if it was asked for, else (or on failure) the local model."""
        if self._active is not None:
            return self
        if self.requested == REMOTE:
            try:
                self._use(self._remote.load())
                return self
            except (ServerUnreachableError, NetworkBlockedError) as exc:
                self._fall_back(exc)
                return self
        self._use(self._local_engine().load())
        return self

    def _local_engine(self):
        if self._local is None:
            if self._local_factory is None:
                raise ModelError(code="server.no_local_fallback")
            self._local = self._local_factory()
        return self._local

    def _use(self, engine) -> None:
        self._active = engine
        self.use.engine = getattr(engine, "engine_kind", LOCAL)
        self.use.model = engine.model_name
        self.use.server = getattr(engine, "server", "")
        self.use.context_size = int(engine.context_size)

    def _fall_back(self, cause: Exception) -> None:
        try:
            local = self._local_engine().load()
        except ModelError as exc:
            raise ModelError(code="server.fallback_failed", params={"cause": cause, "reason": exc}) from cause
        self._use(local)
        self.notify(f"{cause} The local model {local.model_name} answered instead.")

    def notify(self, message: str) -> None:
        """Tell the user (the CLI prints it, the window shows it) and keep it with this task's record."""
        log.warning("%s: %s", self.task, message)
        self.use.notices.append(message)
        if self._on_notice is not None:
            try:
                self._on_notice(message)
            except Exception:  # a notice must never break the task
                log.exception("Notice listener failed")

    @property
    def active(self):
        self.load()
        return self._active

    # -- ChatEngine ---------------------------------------------------------------------------------
    @property
    def engine_kind(self) -> str:
        return getattr(self.active, "engine_kind", LOCAL)

    @property
    def model_name(self) -> str:
        return self.active.model_name

    @property
    def context_size(self) -> int:
        return int(self.active.context_size)

    @property
    def info(self):
        return self.active.info

    @property
    def loaded(self) -> bool:
        """An engine is chosen (and, for the local model, its weights are in memory)."""
        if self._active is None:
            return False
        return self.use.engine == REMOTE or bool(getattr(self._active, "loaded", True))

    def count_tokens(self, text: str) -> int:
        return self.active.count_tokens(text)

    def stream_chat(self, messages, *, max_tokens: int = 512, temperature: float = 0.2, cancel=NEVER,
                    stop=None, json_schema=None) -> Generation:
        """Stream from the engine in use; if the server dies before its first token, the local model
        answers instead (when the prompt fits its window), and the user is told."""
        kwargs = dict(max_tokens=max_tokens, temperature=temperature, cancel=cancel, stop=stop,
                      json_schema=json_schema)
        engine = self.active
        if getattr(engine, "engine_kind", LOCAL) != REMOTE:
            return engine.stream_chat(messages, **kwargs)
        outer = Generation((), cancel)
        outer._chunks = self._remote_then_local(engine, messages, kwargs, outer)
        return outer

    def _remote_then_local(self, remote, messages, kwargs, outer: Generation):
        inner = remote.stream_chat(messages, **kwargs)
        try:
            try:
                yield from inner
            except (ServerUnreachableError, NetworkBlockedError) as exc:  # nothing was written yet
                if kwargs["cancel"].cancelled:
                    return
                local = self._local_for(messages, kwargs["max_tokens"], exc)
                inner = local.stream_chat(messages, **kwargs)
                yield from inner
        finally:
            if inner.stats.finish_reason in ("length", "disconnected") and not kwargs["cancel"].cancelled:
                outer.stats.finish_reason = inner.stats.finish_reason
            if inner.stats.interrupted:
                outer.stats.interrupted = inner.stats.interrupted
                self.notify(inner.stats.interrupted)

    def _local_for(self, messages, max_tokens: int, cause: Exception):
        """Switch this task to the local model mid-task, if the prompt planned for the server fits it."""
        local = self._local_engine().load()
        needed = sum(local.count_tokens(m.content if hasattr(m, "content") else m["content"]) for m in messages)
        if needed + max_tokens + _TEMPLATE_MARGIN > local.context_size:
            raise ServerUnreachableError(code="server.fallback_too_long",
                                         params={"cause": cause, "tokens": needed, "window": local.context_size})
        self._use(local)
        self.notify(f"{cause} The local model {local.model_name} answered instead.")
        return local

    def complete(self, messages, **kwargs) -> str:
        return self.stream_chat(messages, **kwargs).consume()

    def close(self) -> None:
        """Close the engines this object owns (a CLI run); the app's shared engines stay open."""
        if not self._owns:
            return
        for engine in (self._local, self._remote):
            if engine is not None:
                engine.close()

    def __getattr__(self, name: str):
        # Anything else the wrapped engine offers (tokenize, options …) passes through.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.active, name)


def open_task_engine(settings, task: str, local_factory: Callable, *, on_notice=None, owns_engines: bool = False,
                     remote_engines: dict | None = None) -> TaskEngine:
    """A not-yet-loaded ``TaskEngine`` for ``task`` under ``settings`` and the network policy in force.

    ``remote_engines`` caches one ``RemoteEngine`` per configuration (the app keeps one across
    tasks so its probe and tokenizer findings are reused).
    """
    from analyst_desk.core.engine.remote_engine import RemoteEngine
    from analyst_desk.core.network_policy import current_policy

    policy = current_policy(settings)
    requested = task_choice(settings, task, policy) if task in TASKS else LOCAL
    remote = None
    if requested == REMOTE:
        config = remote_config(settings, policy)
        secret = hashlib.sha256(config.connection.api_key.encode("utf-8")).hexdigest()  # a new key, a new engine
        key = (repr(config), secret, tuple(str(r) for r in policy.allow), str(policy.source))
        cache = remote_engines if remote_engines is not None else {}
        remote = cache.get(key)
        if remote is None:
            remote = cache[key] = RemoteEngine(config, policy)
    return TaskEngine(task, requested, remote, local_factory, on_notice=on_notice, owns_engines=owns_engines)


def engine_use(engine) -> dict:
    """Which engine and model answered, as JSON, for a ``TaskEngine`` or a plain local engine."""
    use = getattr(engine, "use", None)
    if isinstance(use, EngineUse):
        return use.to_json()
    return EngineUse(task="", requested=LOCAL, engine=getattr(engine, "engine_kind", LOCAL),
                     model=getattr(engine, "model_name", ""), context_size=int(getattr(engine, "context_size", 0))
                     ).to_json()
