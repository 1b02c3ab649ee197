"""The offline guarantee: switch off every phone-home knob before any library is imported.

Called first thing by the CLI and the GUI. The socket guard refuses every non-loopback
connection except to the address and port of a model server that the allowlist
(``analyst_desk.core.network_policy``) let through via :func:`permit`; refused attempts are logged and
recorded. The test suite installs the guard for every test, which proves the guarantee instead
of trusting these flags.
"""

from __future__ import annotations

import logging
import os
import socket
import threading

_FLAGS = {
    # Hugging Face libraries (pulled in transitively by some optional packages).
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    # onnxruntime (OCR) otherwise writes a device id and telemetry database to
    # ~/.cache/Microsoft/DeveloperTools on import (found by tests/test_offline_cli.py).
    "ORT_DISABLE_TELEMETRY": "1",
    # LanceDB / Lance usage statistics.
    "LANCE_TELEMETRY": "0",
    "LANCEDB_TELEMETRY": "0",
    "DO_NOT_TRACK": "1",
    # Qt should not try to reach network-based accessibility or proxies.
    "QT_NETWORK_PROXY": "",
    "no_proxy": "*",
}


def apply_offline_environment() -> None:
    """Set environment variables that keep third-party libraries from reaching the network."""
    for key, value in _FLAGS.items():
        os.environ[key] = value


def is_loopback_address(host: object) -> bool:
    """True for addresses that stay on this machine (loopback, Unix sockets)."""
    if host is None:
        return True
    text = str(host)
    if text in {"localhost", "", "::1"} or text.startswith("127."):
        return True
    return text.startswith("/")  # AF_UNIX path


class _GuardedSocket(socket.socket):
    def connect(self, address):  # type: ignore[override]
        _check(self.family, address)
        return super().connect(address)

    def connect_ex(self, address):  # type: ignore[override]
        _check(self.family, address)
        return super().connect_ex(address)

    def sendto(self, data, *args):  # type: ignore[override]
        address = args[-1]
        _check(self.family, address)
        return super().sendto(data, *args)


#: Connection attempts the guard refused, for tests and the self-test to report.
blocked_attempts: list[str] = []
#: Every network connection attempted through Python sockets (loopback included), in order.
connection_attempts: list[str] = []

BLOCK_ENV = "ANALYST_DESK_BLOCK_NETWORK"


log = logging.getLogger(__name__)

#: (ip, port) pairs a model server on the allowlist resolved to; the only non-loopback addresses
#: the guard lets through. Filled by :func:`permit`, never by the caller of ``connect``.
_permitted: set[tuple[str, int]] = set()
_permit_lock = threading.Lock()


def _check(family: int, address: object) -> None:
    if family == getattr(socket, "AF_UNIX", None):
        return
    connection_attempts.append(str(address))
    host = address[0] if isinstance(address, tuple) else address
    if is_loopback_address(host):
        return
    port = address[1] if isinstance(address, tuple) and len(address) > 1 else None
    with _permit_lock:
        if (str(host), port) in _permitted:
            return
    refuse(f"{host}:{port}" if port is not None else str(host), "not a permitted model server")


def refuse(target: str, reason: str) -> None:
    """Record and log a refused connection, then raise ``NetworkBlockedError``."""
    blocked_attempts.append(target)
    log.warning("Refused a network connection to %s (%s)", target, reason)
    from analyst_desk.core.errors import NetworkBlockedError

    raise NetworkBlockedError(code="network.blocked", params={"target": target, "reason": reason})


def permit(addresses: list[tuple[str, int]]) -> None:
    """Let the guard pass connections to these resolved (ip, port) pairs of an allowlisted server.

    Only ``analyst_desk.core.network_policy.permit_host`` calls this, after checking the host name
    against the allowlist; addresses are pinned so a later DNS answer cannot widen them.
    """
    with _permit_lock:
        _permitted.update((str(ip), int(port)) for ip, port in addresses)


def revoke_all() -> None:
    """Forget every permitted address (settings changed, or a test finished)."""
    with _permit_lock:
        _permitted.clear()


def permitted_addresses() -> set[tuple[str, int]]:
    with _permit_lock:
        return set(_permitted)


def install_socket_guard() -> None:
    """Replace ``socket.socket`` so any non-loopback connection raises instead of leaving the machine."""
    if socket.socket is not _GuardedSocket:
        socket.socket = _GuardedSocket  # type: ignore[misc]
