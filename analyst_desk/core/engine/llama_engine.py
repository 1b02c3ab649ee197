"""The llama.cpp backend: the only module that imports ``llama_cpp``.

``LlamaEngine`` owns one ``Llama`` instance, loads it lazily, serialises access with a lock
(llama.cpp contexts are not thread-safe), and frees native memory in :meth:`close`.
llama-cpp-python keeps the KV cache of the previous prompt and reuses the longest common
prefix, so a fixed system prompt is only prefilled once per session.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Iterator

from analyst_desk.core.cancel import NEVER, CancelToken
from analyst_desk.core.config import default_threads
from analyst_desk.core.engine.base import ChatMessage, Generation, LoadOptions, mask_messages
from analyst_desk.core.engine.models import ModelInfo, inspect_model
from analyst_desk.core.errors import ModelError

log = logging.getLogger(__name__)

# Beyond the weights, a context needs KV cache and scratch buffers; this margin keeps the
# "too large for RAM" check honest without being alarmist for small models.
_RAM_MARGIN_BYTES = 300 * 2**20


def available_memory() -> int:
    """Bytes of RAM available for a new model, from psutil (falls back to /proc/meminfo)."""
    try:
        import psutil

        return int(psutil.virtual_memory().available)
    except (ImportError, OSError, AttributeError):  # pragma: no cover - psutil is a dependency; belt and braces
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    return 0


def check_fits_in_memory(info: ModelInfo, available: int | None = None) -> None:
    """Raise ``ModelError`` before loading a model that cannot fit, instead of swapping the laptop to death."""
    available = available_memory() if available is None else available
    needed = info.file_size + _RAM_MARGIN_BYTES
    if available and needed > available:
        raise ModelError(code="model.no_memory", params={"name": info.file_name, "needed": f"{needed / 2**30:.1f}",
                                                         "free": f"{available / 2**30:.1f}"})


class LlamaEngine:
    """A loaded GGUF chat model. Implements :class:`analyst_desk.core.engine.base.ChatEngine`.

    Threading: any thread may call methods; calls are serialised by an internal lock, and a
    streaming generation holds the lock until it is exhausted, cancelled or closed.
    """

    def __init__(self, info: ModelInfo | str, options: LoadOptions | None = None) -> None:
        self.info = info if isinstance(info, ModelInfo) else inspect_model(info)
        self.options = options or LoadOptions()
        self._llm = None
        self._lock = threading.RLock()
        #: The generation's cancel token while it runs, read by llama.cpp's abort callback.
        self._running_cancel: CancelToken | None = None
        self._abort_callback = None
        self._cpu_share = None
        #: Threads llama.cpp generates with right now (fewer than configured on a busy machine).
        self.threads_in_use = self.options.threads or default_threads()

    # -- lifecycle -------------------------------------------------------------------------
    @property
    def model_name(self) -> str:
        return self.info.file_name

    @property
    def loaded(self) -> bool:
        return self._llm is not None

    @property
    def context_size(self) -> int:
        if self._llm is not None:
            return int(self._llm.n_ctx())
        return self._wanted_context()

    def _wanted_context(self) -> int:
        trained = self.info.context_length or 4096
        wanted = self.options.context_size or 8192
        return max(512, min(wanted, trained))

    def load(self) -> "LlamaEngine":
        """Load weights now (otherwise the first call does). Raises ``ModelError`` with a user message."""
        with self._lock:
            if self._llm is not None:
                return self
            if self.info.error:
                raise self.info.problem or ModelError(self.info.error)
            check_fits_in_memory(self.info)
            try:
                from llama_cpp import Llama
            except ImportError as exc:  # pragma: no cover - a broken install
                raise ModelError(code="model.no_runtime") from exc
            _route_native_logs()
            threads = self.options.threads or default_threads()
            log.info("Loading %s (ctx=%d, threads=%d)", self.info.path, self._wanted_context(), threads)
            try:
                self._llm = Llama(
                    model_path=str(self.info.path),
                    n_ctx=self._wanted_context(),
                    n_threads=threads,
                    n_threads_batch=threads,
                    embedding=self.options.embedding,
                    seed=self.options.seed,
                    verbose=False,
                    **self.options.extra,
                )
            except (ValueError, RuntimeError, OSError) as exc:
                raise ModelError(code="model.unloadable", params={"name": self.info.file_name, "reason": str(exc)}) from exc
            self._install_abort_callback()
            return self

    def _share_cpu(self, llm) -> None:
        """Before each generation: as many threads as there are cores nobody else is using."""
        configured = self.options.threads or default_threads()
        if not self.options.adaptive_threads:
            return
        if self._cpu_share is None:
            from analyst_desk.core.engine.cpu_share import CpuShare

            self._cpu_share = CpuShare()
        threads = self._cpu_share.threads_for_next(configured)
        if threads != self.threads_in_use:
            import llama_cpp

            llama_cpp.llama_set_n_threads(llm._ctx.ctx, threads, threads)
            self.threads_in_use = threads

    def _install_abort_callback(self) -> None:
        """Let Stop interrupt reading the prompt too.

        Sampling checks the cancel token per token (a logits processor), but reading a long prompt
        is one llama_decode call per 512 tokens that Python cannot interrupt. llama.cpp asks this
        callback between steps of its computation; returning True makes llama_decode give up, and
        the generation ends with the text so far (none yet).
        """
        try:
            import llama_cpp

            def should_abort(_data) -> bool:
                cancel = self._running_cancel
                if cancel is not None and cancel.cancelled:
                    _stopping_until[0] = time.monotonic() + 2.0
                    return True
                return False

            self._abort_callback = llama_cpp.ggml_abort_callback(should_abort)  # kept: C holds a pointer to it
            llama_cpp.llama_set_abort_callback(self._llm.ctx, self._abort_callback, None)
        except (AttributeError, TypeError, OSError):  # an older binding: Stop then waits for the prompt
            log.warning("llama.cpp abort callback unavailable; Stop waits until the prompt is read")
            self._abort_callback = None

    def close(self) -> None:
        """Free the model's native memory. Safe to call twice."""
        with self._lock:
            if self._llm is not None:
                close = getattr(self._llm, "close", None)
                if close:
                    close()
                self._llm = None

    def __enter__(self) -> "LlamaEngine":
        return self.load()

    def __exit__(self, *exc) -> None:
        self.close()

    # -- text ------------------------------------------------------------------------------
    def tokenize(self, text: str) -> list[int]:
        with self._lock:
            self.load()
            return list(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def count_tokens(self, text: str) -> int:
        return len(self.tokenize(text)) if text else 0

    def stream_chat(self, messages: list[ChatMessage], *, max_tokens: int = 512,
                    temperature: float = 0.2, cancel: CancelToken = NEVER,
                    stop: list[str] | None = None, json_schema: dict | None = None) -> Generation:
        """Stream a chat completion using the model's own chat template (read from the GGUF)."""
        self.load()
        if self.options.mask_pii:
            messages = mask_messages(messages, self.options.pii_names)
        generation = Generation(self._chunks(messages, max_tokens, temperature, cancel, stop, json_schema),
                                cancel)
        return generation

    def _chunks(self, messages, max_tokens, temperature, cancel, stop, json_schema) -> Iterator[str]:
        with self._lock:
            llm = self._llm
            if llm is None:
                raise ModelError(code="model.closed")
            self._share_cpu(llm)
            kwargs = {}
            if json_schema is not None:
                kwargs["response_format"] = {"type": "json_object", "schema": json_schema}

            eos = llm.token_eos()

            def end_when_cancelled(_input_ids, logits):
                # Checked for every sampled token: once cancelled, only end-of-text can be sampled,
                # so llama.cpp stops even while text is held back for stop-sequence matching.
                if cancel.cancelled:
                    logits[:] = -float("inf")
                    logits[eos] = 0.0
                return logits

            stream = llm.create_chat_completion(
                messages=[m.to_dict() if isinstance(m, ChatMessage) else m for m in messages],
                stream=True,
                max_tokens=max_tokens,
                temperature=temperature,
                stop=stop or [],
                logits_processor=_processors(end_when_cancelled),
                **kwargs,
            )
            self._running_cancel = cancel
            try:
                for event in stream:
                    choice = event["choices"][0]
                    piece = choice.get("delta", {}).get("content")
                    if piece:
                        yield piece
                    if cancel.cancelled:
                        return
            except RuntimeError as exc:
                if not (cancel.cancelled and "llama_decode" in str(exc)):
                    raise
                # Stopped while reading the prompt: llama.cpp aborted the decode; nothing was written.
            finally:
                self._running_cancel = None
                stream.close()

    def complete(self, messages: list[ChatMessage], **kwargs) -> str:
        """Non-streaming convenience: the whole answer as one string."""
        return self.stream_chat(messages, **kwargs).consume()


_native_log_callback = None
#: Until when llama.cpp's complaints about an aborted decode are expected (set when Stop aborts one).
_stopping_until = [0.0]
# ggml_log_level in current llama.cpp: NONE=0, DEBUG=1, INFO=2, WARN=3, ERROR=4, CONT=5 (continues the last line).
_NATIVE_LEVELS = {0: logging.INFO, 1: logging.DEBUG, 2: logging.INFO, 3: logging.WARNING, 4: logging.ERROR}
_native_log = logging.getLogger("llama.cpp")


def _route_native_logs() -> None:
    """Send llama.cpp's own log lines to ``logging`` (the app log file) instead of stderr.

    Info and debug chatter is dropped unless the ``llama.cpp`` logger is set to DEBUG; warnings
    and errors always reach the log, where support can find them.
    """
    global _native_log_callback
    if _native_log_callback is not None:
        return
    import ctypes

    import llama_cpp

    last_level = [logging.DEBUG]

    @llama_cpp.llama_log_callback
    def callback(level, text, _user_data):
        py_level = last_level[0] if level == 5 else _NATIVE_LEVELS.get(level, logging.DEBUG)
        if time.monotonic() < _stopping_until[0]:
            py_level = logging.DEBUG  # "failed to compute graph" after a Stop is the abort we asked for
        last_level[0] = py_level
        if _native_log.isEnabledFor(py_level):
            message = text.decode("utf-8", errors="replace").rstrip()
            if message:
                _native_log.log(py_level, message)

    _native_log_callback = callback  # a module-level reference keeps ctypes from freeing it
    llama_cpp.llama_log_set(callback, ctypes.c_void_p(0))
    if _native_log.level == logging.NOTSET:
        _native_log.setLevel(logging.WARNING)


def _processors(fn):
    from llama_cpp import LogitsProcessorList

    return LogitsProcessorList([fn])


class LlamaEmbedder:
    """Sentence embeddings from a GGUF embedding model (bge-m3, e5, Qwen3-Embedding, ...)."""

    def __init__(self, info: ModelInfo | str, threads: int = 0, context_size: int = 2048) -> None:
        self._engine = LlamaEngine(info, LoadOptions(context_size=context_size, threads=threads,
                                                     embedding=True))
        self.info = self._engine.info

    @property
    def identity(self) -> str:
        return f"gguf:{self.info.file_name}:{self.info.file_size}"

    def embed(self, texts: list[str]) -> list[list[float]]:
        engine = self._engine.load()
        with engine._lock:
            vectors = engine._llm.embed(texts, normalize=True)
        # Token-level models return one vector per token; pool them to one per text.
        pooled = []
        for vec in vectors:
            if vec and isinstance(vec[0], list):
                dim = len(vec[0])
                vec = [sum(row[i] for row in vec) / len(vec) for i in range(dim)]
            pooled.append(vec)
        return pooled

    def close(self) -> None:
        self._engine.close()
