"""HTTP(S) connections to a model server, only to addresses the allowlist let through.

Standard library only (``http.client`` + ``ssl``): nothing else in the app speaks HTTP, and the
socket guard sees every connection. Each connection is pinned to the addresses
``network_policy.permit_host`` resolved, so a DNS answer that changes later cannot redirect it.
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
import ssl
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from analyst_desk.core.cancel import NEVER, CancelToken
from analyst_desk.core.errors import ConfigError, ServerRefusedError, ServerRequestError, ServerUnreachableError
from analyst_desk.core.network_policy import NetworkPolicy, permit_host

log = logging.getLogger(__name__)


@dataclass
class ServerEndpoint:
    """A parsed base URL such as ``https://llm.bank.internal:8000/v1``."""

    scheme: str
    host: str
    port: int
    #: Path of the OpenAI API (``/v1``), and of the server root where /props and /tokenize live.
    api_path: str
    root_path: str

    @classmethod
    def parse(cls, url: str) -> "ServerEndpoint":
        parts = urlsplit(url.strip())
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ConfigError(code="server.bad_address", params={"url": url})
        if parts.username or parts.password:
            raise ConfigError(code="server.key_in_address")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        path = parts.path.rstrip("/")
        if not path.endswith("/v1"):
            path += "/v1"  # "http://host:8000" means the usual OpenAI path
        return cls(parts.scheme, parts.hostname, port, path, path[: -len("/v1")])

    @property
    def address(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.address}{self.api_path}"


@dataclass
class ConnectionSettings:
    """TLS and timeouts. ``read_timeout`` bounds each wait for data, including the first token."""

    verify_tls: bool = True
    ca_file: str = ""
    connect_timeout: float = 5.0
    read_timeout: float = 120.0
    api_key: str = field(default="", repr=False)

    def ssl_context(self) -> ssl.SSLContext:
        try:
            context = ssl.create_default_context(cafile=self.ca_file or None)
        except (OSError, ssl.SSLError) as exc:
            raise ConfigError(code="server.ca_unreadable", params={"path": self.ca_file, "reason": str(exc)}) from exc
        if not self.verify_tls:
            log.warning("TLS certificate verification is OFF for the model server (setting remote_verify_tls)")
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context


def open_connection(endpoint: ServerEndpoint, policy: NetworkPolicy,
                    settings: ConnectionSettings) -> http.client.HTTPConnection:
    """A connection to ``endpoint`` that can only reach the addresses its allowlisted host resolved to.

    Raises ``NetworkBlockedError`` for a host that is not allowed (no packet is sent) and
    ``ServerUnreachableError`` for one that cannot be resolved.
    """
    infos = permit_host(endpoint.host, endpoint.port, policy)
    if endpoint.scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            endpoint.host, endpoint.port, timeout=settings.connect_timeout, context=settings.ssl_context())
    else:
        conn = http.client.HTTPConnection(endpoint.host, endpoint.port, timeout=settings.connect_timeout)

    def connect_pinned(_address, timeout=None, source_address=None):
        error: OSError | None = None
        for family, kind, proto, _name, sockaddr in infos:
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(settings.connect_timeout)
                sock.connect(sockaddr)
                sock.settimeout(settings.read_timeout)
                return sock
            except OSError as exc:
                error = exc
                sock.close()
        raise error or OSError(f"no address for {endpoint.address}")

    conn._create_connection = connect_pinned  # type: ignore[attr-defined]  # http.client's own hook
    return conn


def headers(settings: ConnectionSettings, *, stream: bool = False) -> dict:
    result = {"Content-Type": "application/json", "Accept": "text/event-stream" if stream else "application/json",
              "User-Agent": "analyst-desk"}
    if settings.api_key:
        result["Authorization"] = f"Bearer {settings.api_key}"
    return result


def request(endpoint: ServerEndpoint, policy: NetworkPolicy, settings: ConnectionSettings, method: str, path: str,
            body: dict | None = None) -> tuple[int, dict]:
    """One small JSON request; returns (status, parsed body). Connection failures raise ``ServerUnreachableError``."""
    conn = open_connection(endpoint, policy, settings)
    try:
        conn.request(method, path, body=json.dumps(body).encode("utf-8") if body is not None else None,
                     headers=headers(settings))
        response = conn.getresponse()
        raw = response.read()
    except (OSError, http.client.HTTPException) as exc:
        raise ServerUnreachableError(code="server.no_answer",
                                     params={"server": endpoint.address, "reason": describe(exc)}) from exc
    finally:
        conn.close()
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        data = {"raw": raw[:300].decode("utf-8", errors="replace")}
    return response.status, data if isinstance(data, dict) else {"data": data}


def describe(exc: BaseException) -> str:
    """A short cause for a network error ("connection refused", "timed out")."""
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "timed out"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"its certificate is not trusted: {exc.verify_message}; set the internal CA file"
    if isinstance(exc, ConnectionResetError):
        return "connection reset"
    text = str(exc) or type(exc).__name__
    return text[:200]


def error_message(body: dict) -> str:
    error = body.get("error")
    if isinstance(error, dict):
        return str(error.get("message", ""))[:300]
    return str(error or body.get("detail") or body.get("message") or body.get("raw") or "")[:300]


def raise_for_status(status: int, body: dict, endpoint: ServerEndpoint) -> None:
    """Turn an HTTP error into the error type callers act on (fall back, fix the key, or report)."""
    if status < 400:
        return
    message = error_message(body)
    if status in (401, 403):
        raise ServerRefusedError(code="server.refused_key", params={"server": endpoint.address, "status": status},
                                 detail=message)
    if status in (502, 503, 504):
        raise ServerUnreachableError(code="server.unavailable", params={"server": endpoint.address, "status": status},
                                     detail=message)
    raise ServerRequestError(code="server.rejected",
                             params={"server": endpoint.address, "status": status, "reason": message}, detail=message)


class CancelWatcher:
    """Closes a streaming connection's socket the moment a cancel token is set.

    A read blocked on a slow server (a long prompt, a busy GPU pool) would otherwise keep Stop
    waiting until the next token; shutting the socket down wakes it at once and tells the server
    the client has gone, so it stops generating.
    """

    def __init__(self, cancel: CancelToken, conn: http.client.HTTPConnection) -> None:
        self._cancel = cancel
        self._conn = conn
        self._done = threading.Event()
        self._thread = None
        if cancel is not NEVER:
            self._thread = threading.Thread(target=self._watch, name="server-stream-cancel", daemon=True)
            self._thread.start()

    def _watch(self) -> None:
        while not self._done.is_set():
            if self._cancel.wait(0.05):
                sock = self._conn.sock
                if sock is not None and not self._done.is_set():
                    try:
                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                return

    def stop(self) -> None:
        self._done.set()
