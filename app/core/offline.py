"""The offline guarantee: switch off every phone-home knob before any library is imported.

Called first thing by the CLI and the GUI. The test suite additionally blocks non-loopback
sockets, which proves the guarantee instead of trusting these flags.
"""

from __future__ import annotations

import os
import socket

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


def _check(family: int, address: object) -> None:
    if family == getattr(socket, "AF_UNIX", None):
        return
    connection_attempts.append(str(address))
    host = address[0] if isinstance(address, tuple) else address
    if not is_loopback_address(host):
        blocked_attempts.append(str(address))
        from app.core.errors import NetworkBlockedError

        raise NetworkBlockedError(f"Blocked a network connection to {address}: Analyst Desk works offline.")


def install_socket_guard() -> None:
    """Replace ``socket.socket`` so any non-loopback connection raises instead of leaving the machine."""
    if socket.socket is not _GuardedSocket:
        socket.socket = _GuardedSocket  # type: ignore[misc]
