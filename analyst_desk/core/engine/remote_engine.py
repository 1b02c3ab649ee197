"""A model on the bank's own server (vLLM, llama.cpp's server, Xinference, Ollama), same interface.

``RemoteEngine`` speaks the OpenAI-compatible ``/v1/chat/completions`` API with streaming and
implements :class:`analyst_desk.core.engine.base.ChatEngine`, so Ask, drafting and minutes run unchanged.
Only hosts on the allowlist are contacted (``analyst_desk.core.network_policy``). What the server says
about itself is used where the local model's metadata would be: its model name, and its
context window from ``/v1/models`` (vLLM's ``max_model_len``) or ``/props`` (llama.cpp's
``n_ctx``); servers that publish neither get the configured size or a conservative 2048.
Prompt budgets use the server's tokenizer endpoint when it has one, else a cautious estimate.
"""

from __future__ import annotations

import http.client
import json
import logging
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Iterator

from analyst_desk.core.cancel import NEVER, CancelToken
from analyst_desk.core.cjk import EAST_ASIAN
from analyst_desk.core.engine.base import ChatMessage, Generation, mask_messages
from analyst_desk.core.engine.server_connection import (
    CancelWatcher,
    ConnectionSettings,
    ServerEndpoint,
    describe,
    headers,
    open_connection,
    raise_for_status,
    request,
)
from analyst_desk.core.engine.sse import DONE, sse_data
from analyst_desk.core.errors import ServerRequestError, ServerUnreachableError
from analyst_desk.core.network_policy import NetworkPolicy

log = logging.getLogger(__name__)

#: Used when the server does not publish its window and none is configured: llama-cpp-python's
#: and Ollama's default, so a prompt planned with it fits the servers most likely to hide it.
FALLBACK_CONTEXT = 2048
#: A successful probe is trusted this long; a failed one is not retried sooner (so a task does
#: not wait for a dead server's timeout on every call).
_PROBE_TTL = 60.0
_FAILED_PROBE_TTL = 20.0
_CONTEXT_ERROR = re.compile(r"maximum context length is (\d+)")
_CJK = re.compile(f"[{EAST_ASIAN}]")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class TokenRates:
    """Tokens per character by kind, for estimating a prompt's size without the server's tokenizer."""

    cjk: float = 2.0
    digit: float = 1.0
    other: float = 1 / 3


#: Safe for any tokenizer we measured: English-vocabulary models (SmolLM2, Llama) spend ~2 tokens
#: per Chinese character, Qwen ~0.7; Llama and Qwen split numbers digit by digit; English runs
#: ~4 characters a token. A server is measured (``RemoteEngine.calibrate``) to tighten these.
CAUTIOUS_RATES = TokenRates()
#: Margin over measured rates, so a prompt planned with them still fits: text unlike the samples
#: (names, units, short words between figures) tokenises up to ~25% worse.
_CALIBRATION_MARGIN = 1.3
_CALIBRATION_TEXTS = {
    "cjk": "本行坚持稳健经营，持续加强信用风险管理；零售客户数稳步增长，财富管理规模扩大（同比），服务实体经济。"
           "拨备覆盖率、不良贷款率与资本充足率均符合监管要求。董事会审议通过年度报告及利润分配方案。",
    "other": "The board approved the annual report (FY, audited) and a cash dividend per share; NIM, CET1 and "
             "the NPL ratio met the regulator's limits. Retail deposits grew, fees fell: see Note, p. of the MD&A.",
}


def estimate_tokens(text: str, rates: TokenRates = CAUTIOUS_RATES) -> int:
    """Tokens ``text`` takes, erring high, for servers without a tokenizer endpoint."""
    if not text:
        return 0
    cjk = len(_CJK.findall(text))
    digits = len(_DIGIT.findall(text))
    rest = len(text) - cjk - digits
    return int(-(-(cjk * rates.cjk + digits * rates.digit + rest * rates.other) // 1))


@dataclass
class RemoteConfig:
    """Where the server is and how to talk to it (from Settings, the policy file and the environment)."""

    url: str
    #: The server's model id; empty means the first model it lists.
    model: str = ""
    connection: ConnectionSettings = field(default_factory=ConnectionSettings)
    #: The window to plan for when the server does not say; 0 means ask it (else 2048).
    context_size: int = 0
    mask_pii: bool = False
    pii_names: list = field(default_factory=list)


@dataclass
class RemoteModelInfo:
    """What the status bar, ``models`` and the audit log show for a server model."""

    name: str
    server: str
    url: str
    context_length: int
    #: "server" (it published it), "learned" (from its own error), "settings" or "default".
    context_source: str

    @property
    def file_name(self) -> str:
        return self.name

    @property
    def path(self) -> str:
        """The identity the audit log records as the model: engine, model id and server, no slashes
        (the log keeps the last path component of what it is given)."""
        return f"remote:{self.name.replace('/', '--')}@{self.server}"

    def to_json(self) -> dict:
        return {"engine": "remote", "model": self.name, "server": self.server, "url": self.url,
                "context_length": self.context_length, "context_source": self.context_source}


class RemoteEngine:
    """A chat model served over the OpenAI-compatible API. Implements ``ChatEngine``.

    Threading: any thread may call any method; each generation uses its own connection, so
    several run at once (the server pools them). ``close`` has nothing native to free.
    """

    engine_kind = "remote"

    def __init__(self, config: RemoteConfig, policy: NetworkPolicy) -> None:
        self.config = config
        self.policy = policy
        self.endpoint = ServerEndpoint.parse(config.url)
        self._lock = threading.Lock()
        self._model = config.model
        self._context = 0
        self._context_source = ""
        self._probed_at = 0.0
        self._failed_at = 0.0
        self._failure: Exception | None = None
        #: Which tokenizer endpoint works: None (not tried yet), a path, or "" (none: estimate).
        self._tokenize_path: str | None = None
        self._token_cache: OrderedDict[str, int] = OrderedDict()
        self._rates = CAUTIOUS_RATES

    # -- what the server is -----------------------------------------------------------------------
    @property
    def server(self) -> str:
        return self.endpoint.address

    @property
    def loaded(self) -> bool:
        return self._probed_at > 0 and time.monotonic() - self._probed_at < _PROBE_TTL

    @property
    def model_name(self) -> str:
        return self._model or self.config.model or "(server default)"

    @property
    def context_size(self) -> int:
        if not self._context:
            self.load()
        return self._context

    @property
    def info(self) -> RemoteModelInfo:
        return RemoteModelInfo(self.model_name, self.server, self.endpoint.url, self._context or 0,
                               self._context_source or "unknown")

    def load(self) -> "RemoteEngine":
        """Ask the server which models it serves and how long their window is (cached for a minute).

        Raises ``ServerUnreachableError`` / ``NetworkBlockedError`` when it cannot be used (a
        task then falls back to the local model), ``ServerRefusedError`` for a wrong key, and
        ``ServerRequestError`` when the configured model is not served there.
        """
        with self._lock:
            now = time.monotonic()
            if self.loaded:
                return self
            if self._failure is not None and now - self._failed_at < _FAILED_PROBE_TTL:
                raise self._failure
            try:
                self._probe()
            except ServerUnreachableError as exc:
                self._failure, self._failed_at = exc, now
                raise
            self._failure = None
            self._probed_at = time.monotonic()
            log.info("Model server %s: model %s, context %d tokens (%s)", self.server, self._model, self._context,
                     self._context_source)
            return self

    def _probe(self) -> None:
        status, body = self._request("GET", f"{self.endpoint.api_path}/models")
        raise_for_status(status, body, self.endpoint)
        models = [m for m in body.get("data", []) if isinstance(m, dict) and m.get("id")]
        if self.config.model:
            entry = next((m for m in models if m["id"] == self.config.model), None)
            if entry is None and models:
                names = ", ".join(m["id"] for m in models[:8])
                raise ServerRequestError(code="server.no_such_model",
                                         params={"server": self.server, "model": self.config.model, "names": names})
        else:
            if not models:
                raise ServerRequestError(code="server.no_models", params={"server": self.server})
            entry = models[0]
        self._model = entry["id"] if entry else self.config.model
        window = _window_from_model_entry(entry or {})
        if not window:
            window = self._window_from_props()
        if window:
            self._context, self._context_source = window, "server"
        elif self.config.context_size:
            self._context, self._context_source = self.config.context_size, "settings"
        elif not self._context:
            self._context, self._context_source = FALLBACK_CONTEXT, "default"

    def _window_from_props(self) -> int:
        """llama.cpp's server publishes its runtime window in ``/props``; others answer 404."""
        try:
            status, body = self._request("GET", f"{self.endpoint.root_path}/props")
        except ServerUnreachableError:
            return 0
        if status != 200:
            return 0
        settings = body.get("default_generation_settings") or {}
        return int(settings.get("n_ctx") or body.get("n_ctx") or 0)

    def _request(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        return request(self.endpoint, self.policy, self.config.connection, method, path, body)

    # -- tokens --------------------------------------------------------------------------------------
    def count_tokens(self, text: str) -> int:
        """Tokens in ``text`` by the server's tokenizer (llama.cpp and vLLM ``/tokenize``,
        llama-cpp-python ``/extras/tokenize/count``), else :func:`estimate_tokens`."""
        if not text:
            return 0
        cached = self._token_cache.get(text)
        if cached is not None:
            return cached
        count = self._server_count(text)
        if count is None:
            count = estimate_tokens(text, self._rates)
        with self._lock:
            self._token_cache[text] = count
            if len(self._token_cache) > 4096:
                self._token_cache.popitem(last=False)
        return count

    def _server_count(self, text: str) -> int | None:
        root = self.endpoint.root_path
        candidates = {f"{root}/tokenize": {"content": text, "prompt": text, "model": self._model,
                                           "add_special": False, "add_special_tokens": False},
                      f"{root}/extras/tokenize/count": {"input": text, "model": self._model}}
        paths = [self._tokenize_path] if self._tokenize_path else list(candidates) if self._tokenize_path is None else []
        for path in paths:
            try:
                status, body = self._request("POST", path, candidates[path])
            except ServerUnreachableError:
                return None  # a transient failure: estimate this once, try the server next time
            count = body.get("count")
            if count is None and isinstance(body.get("tokens"), list):
                count = len(body["tokens"])
            if status == 200 and isinstance(count, int):
                self._tokenize_path = path
                return count
        if self._tokenize_path is None:
            log.info("Model server %s has no tokenizer endpoint; prompt sizes are estimated", self.server)
            self._tokenize_path = ""
            self.calibrate()
        return None

    def calibrate(self) -> TokenRates:
        """Measure the server's tokenizer through the usage it reports for two one-token answers.

        Every OpenAI-compatible server counts ``usage.prompt_tokens``; the difference between a
        prompt with and without a known text gives that text's tokens, per kind of character.
        The estimate keeps a 15% margin and never drops below the measured rate. Falls back to
        the cautious rates when the server does not report usage.
        """
        try:
            base = self._prompt_tokens("")
            measured = {kind: (self._prompt_tokens(text) - base) / len(text) for kind, text in _CALIBRATION_TEXTS.items()}
        except (ServerRequestError, ServerUnreachableError, KeyError, TypeError, ValueError) as exc:
            log.info("Could not measure the tokenizer of %s (%s); using cautious estimates", self.server, exc)
            return self._rates
        if min(measured.values()) <= 0:
            return self._rates
        self._rates = TokenRates(cjk=measured["cjk"] * _CALIBRATION_MARGIN, digit=1.0,
                                 other=measured["other"] * _CALIBRATION_MARGIN)
        log.info("Model server %s tokenizer measured: %.2f tokens per CJK character, %.2f per other character",
                 self.server, self._rates.cjk, self._rates.other)
        with self._lock:
            self._token_cache.clear()
        return self._rates

    def _prompt_tokens(self, text: str) -> int:
        status, body = self._request("POST", f"{self.endpoint.api_path}/chat/completions", {
            "model": self._model or self.config.model or "default", "max_tokens": 1, "temperature": 0,
            "messages": [{"role": "user", "content": f"Reply OK.{text}"}]})
        raise_for_status(status, body, self.endpoint)
        return int(body["usage"]["prompt_tokens"])

    # -- generation -------------------------------------------------------------------------------
    def stream_chat(self, messages: list[ChatMessage], *, max_tokens: int = 512, temperature: float = 0.2,
                    cancel: CancelToken = NEVER, stop: list[str] | None = None,
                    json_schema: dict | None = None) -> Generation:
        """Stream an answer from the server. Nothing is sent until the generation is iterated.

        Stop (``cancel``) closes the connection at once. If the connection drops after text has
        arrived, iteration ends normally with ``stats.finish_reason == "disconnected"`` and
        ``stats.interrupted`` saying so; before any text, ``ServerUnreachableError`` is raised.
        """
        if self.config.mask_pii:
            messages = mask_messages(messages, self.config.pii_names)
        body = {"model": self._model or self.config.model or "default",
                "messages": [m.to_dict() if isinstance(m, ChatMessage) else m for m in messages],
                "max_tokens": max_tokens, "temperature": temperature, "stream": True}
        if stop:
            body["stop"] = stop
        if json_schema is not None:
            # llama.cpp's servers constrain the output with "schema"; vLLM treats it as JSON mode.
            body["response_format"] = {"type": "json_object", "schema": json_schema}
        generation = Generation((), cancel)
        generation._chunks = self._chunks(body, cancel, generation)  # the stream records its end on the generation
        return generation

    def _chunks(self, body: dict, cancel: CancelToken, generation: Generation) -> Iterator[str]:
        conn = open_connection(self.endpoint, self.policy, self.config.connection)
        watcher = CancelWatcher(cancel, conn)
        received = False
        finished = False
        reason = None
        try:
            try:
                conn.request("POST", f"{self.endpoint.api_path}/chat/completions",
                             body=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                             headers=headers(self.config.connection, stream=True))
                response = conn.getresponse()
            except (OSError, http.client.HTTPException) as exc:
                if cancel.cancelled:
                    return
                raise ServerUnreachableError(code="server.no_answer",
                                             params={"server": self.server, "reason": describe(exc)}) from exc
            if response.status != 200:
                self._raise_http_error(response)
            for data in sse_data(iter(response.readline, b"")):
                if data.strip() == DONE:
                    finished = True
                    break
                event = json.loads(data)
                if "error" in event:
                    error = event["error"]
                    raise ServerRequestError(code="server.stream_error", params={
                        "server": self.server,
                        "reason": str(error.get("message", error) if isinstance(error, dict) else error)})
                choice = (event.get("choices") or [{}])[0]
                piece = (choice.get("delta") or {}).get("content")
                if piece:
                    received = True
                    yield piece
                reason = choice.get("finish_reason") or reason
                if reason == "length":
                    generation.stats.finish_reason = "length"
            if not finished and not cancel.cancelled:
                self._mark_dropped(generation, received, "the server closed the connection")
            elif reason is None and not cancel.cancelled:
                # [DONE] without a finish reason: the server cut the answer short (llama-cpp-python
                # does this to a running answer when another request arrives, unless told not to).
                self._mark_dropped(generation, received, "the server ended the answer before it was finished")
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if cancel.cancelled:
                return
            self._mark_dropped(generation, received, describe(exc))
        finally:
            watcher.stop()
            conn.close()

    def _mark_dropped(self, generation: Generation, received: bool, cause: str) -> None:
        if not received:
            raise ServerUnreachableError(code="server.stopped_early", params={"server": self.server, "reason": cause})
        message = (f"The connection to the model server {self.server} dropped mid-answer ({cause}); "
                   "the text so far is kept and is incomplete.")
        log.warning(message)
        generation.stats.finish_reason = "disconnected"
        generation.stats.interrupted = message
        self._probed_at = 0.0  # check the server again before the next task trusts it

    def _raise_http_error(self, response: http.client.HTTPResponse) -> None:
        raw = response.read()
        try:
            body = json.loads(raw)
        except ValueError:
            body = {"raw": raw[:300].decode("utf-8", errors="replace")}
        body = body if isinstance(body, dict) else {}
        error = body.get("error")
        text = (error.get("message", "") if isinstance(error, dict) else str(error or ""))
        match = _CONTEXT_ERROR.search(text)
        if match:
            # The server told us its window: plan the next prompt with it.
            self._context, self._context_source = int(match.group(1)), "learned"
            raise ServerRequestError(code="server.window_learned", params={"tokens": int(match.group(1))}, detail=text)
        raise_for_status(response.status, body, self.endpoint)

    def complete(self, messages: list[ChatMessage], **kwargs) -> str:
        return self.stream_chat(messages, **kwargs).consume()

    def close(self) -> None:
        """Nothing native to free; forget the probe so a reopened engine asks the server again."""
        self._probed_at = 0.0


def _window_from_model_entry(entry: dict) -> int:
    """The context window a ``/v1/models`` entry declares, under the names servers use for it."""
    for key in ("max_model_len", "context_length", "max_context_length", "context_window", "n_ctx"):
        value = entry.get(key)
        if isinstance(value, int) and value > 0:
            return value
    meta = entry.get("meta")
    if isinstance(meta, dict):  # llama.cpp: the trained length, used only when /props is silent
        value = meta.get("n_ctx") or 0
        if isinstance(value, int) and value > 0:
            return value
    return 0
