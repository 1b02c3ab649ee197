"""Analyst Desk never opens a network connection: start-up, model loading and generation included."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from analyst_desk.core import offline
from analyst_desk.core.errors import NetworkBlockedError
from tests.conftest import ROOT


def test_the_suite_blocks_connections_that_would_leave_the_machine():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkBlockedError):
            sock.connect(("93.184.216.34", 443))
        with pytest.raises(NetworkBlockedError):
            socket.create_connection(("10.1.2.3", 80), timeout=1)
    finally:
        sock.close()
    assert "93.184.216.34" in " ".join(offline.blocked_attempts)


def test_loopback_stays_allowed_for_local_tooling():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname(), timeout=2)
    client.close()
    server.close()


def test_start_up_model_loading_and_generation_attempt_no_connection(tiny_engine):
    from analyst_desk.core.engine.base import ChatMessage
    from analyst_desk.core.services import Services

    before = len(offline.connection_attempts)
    services = Services()
    services.settings.model = "SmolLM2-135M-Instruct.Q4_1.gguf"
    engine = services.chat_engine()
    engine.complete([ChatMessage("user", "Say hi")], max_tokens=5)
    services.close()
    assert offline.connection_attempts[before:] == []


def test_offline_environment_switches_off_phone_home_flags():
    offline.apply_offline_environment()
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["DO_NOT_TRACK"] == "1"


def test_cli_generation_runs_with_the_network_blocked(tmp_path):
    """A separate process with the guard on: any connection attempt would fail the command."""
    env = dict(os.environ, ANALYST_DESK_BLOCK_NETWORK="1", ANALYST_DESK_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "analyst_desk", "generate", "Say hello", "--model", "SmolLM2",
                             "--max-tokens", "8"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert "Blocked" not in result.stderr
