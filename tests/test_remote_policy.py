"""IT decides which hosts the app may reach; the API key never lies around in clear; the wire format is read right.

Fast tests, no model server: the allowlist and the administrator's policy file, the socket guard
that enforces them, the encrypted key store, the server-sent-events reader and the token
estimate used when a server has no tokenizer endpoint.
"""

from __future__ import annotations

import json
import socket

import pytest

from analyst_desk.core import offline
from analyst_desk.core.config import Settings
from analyst_desk.core.engine.sse import sse_data
from analyst_desk.core.errors import ConfigError, NetworkBlockedError
from analyst_desk.core.network_policy import HostRule, current_policy, permit_host


@pytest.fixture(autouse=True)
def no_policy_files(monkeypatch, tmp_path):
    """No administrator policy unless a test writes one; permits granted by a test end with it."""
    from analyst_desk.core import network_policy

    monkeypatch.setattr(network_policy, "admin_policy_paths", lambda: [tmp_path / "admin" / "policy.json"])
    monkeypatch.delenv("ANALYST_DESK_POLICY", raising=False)
    monkeypatch.delenv("ANALYST_DESK_ALLOW_HOSTS", raising=False)
    yield tmp_path / "admin" / "policy.json"
    offline.revoke_all()


def _write(path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


# -- allowlist -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, host, port", [
    ("llm.bank.internal:8000", "llm.bank.internal", 8000),
    ("https://LLM.bank.internal:8443/v1", "llm.bank.internal", 8443),
    ("10.20.0.15", "10.20.0.15", None),
    ("[fd00::5]:8000", "fd00::5", 8000),
])
def test_allowlist_entries_are_read_as_host_and_port(text, host, port):
    rule = HostRule.parse(text)
    assert (rule.host, rule.port) == (host, port)


def test_an_allowlist_entry_with_a_bad_port_is_refused_with_a_message():
    with pytest.raises(ConfigError, match="port"):
        HostRule.parse("llm.bank:http")


def test_the_network_is_off_until_a_host_is_allowed():
    policy = current_policy(Settings())
    assert not policy.network_enabled and not policy.allows("llm.bank.internal", 8000)


def test_settings_and_the_environment_allow_hosts_on_an_unmanaged_install(monkeypatch):
    monkeypatch.setenv("ANALYST_DESK_ALLOW_HOSTS", "gpu-2.bank:8001, gpu-3.bank")
    policy = current_policy(Settings(allow_hosts=["llm.bank.internal:8000"]))
    assert policy.allows("llm.bank.internal", 8000) and not policy.allows("llm.bank.internal", 8001)
    assert policy.allows("gpu-2.bank", 8001) and policy.allows("gpu-3.bank", 443)
    assert not policy.managed


def test_the_administrators_policy_file_cannot_be_widened_by_settings_or_environment(monkeypatch, no_policy_files):
    _write(no_policy_files, {"network": "allowlist", "allow_hosts": ["llm.bank.internal:8000"]})
    monkeypatch.setenv("ANALYST_DESK_ALLOW_HOSTS", "evil.example.com")
    other = no_policy_files.parent / "mine.json"
    _write(other, {"allow_hosts": ["evil.example.com"]})
    monkeypatch.setenv("ANALYST_DESK_POLICY", str(other))  # a user's own policy file is ignored too
    policy = current_policy(Settings(allow_hosts=["evil.example.com"]))
    assert policy.managed and policy.source == no_policy_files
    assert policy.allows("llm.bank.internal", 8000)
    assert not policy.allows("evil.example.com", 443)


def test_network_off_in_the_policy_refuses_every_host_and_logs_it(no_policy_files, caplog):
    _write(no_policy_files, {"network": "off", "allow_hosts": ["llm.bank.internal:8000"]})
    policy = current_policy(Settings(allow_hosts=["llm.bank.internal:8000"]))
    before = len(offline.blocked_attempts)
    with pytest.raises(NetworkBlockedError, match="not on the allowlist"):
        permit_host("llm.bank.internal", 8000, policy)
    assert offline.blocked_attempts[before:] == ["llm.bank.internal:8000"]
    assert "Refused a network connection to llm.bank.internal:8000" in caplog.text


def test_a_broken_policy_file_closes_the_network_instead_of_opening_it(no_policy_files):
    no_policy_files.parent.mkdir(parents=True)
    no_policy_files.write_text("{not json", encoding="utf-8")
    policy = current_policy(Settings(allow_hosts=["llm.bank.internal:8000"]))
    assert policy.managed and not policy.network_enabled


def test_the_policy_file_can_set_the_server_for_every_user(no_policy_files):
    from analyst_desk.core.engine.selection import remote_url, task_choice

    _write(no_policy_files, {"allow_hosts": ["llm.bank.internal:8000"], "remote_url": "https://llm.bank.internal:8000/v1",
                             "remote_model": "qwen2.5-72b-instruct"})
    policy = current_policy(Settings())
    assert remote_url(Settings(), policy) == "https://llm.bank.internal:8000/v1"
    assert task_choice(Settings(), "drafting", policy) == "remote"
    assert task_choice(Settings(task_engines={"drafting": "local"}), "drafting", policy) == "local"


# -- the socket guard ------------------------------------------------------------------------------
def test_the_guard_refuses_a_host_off_the_allowlist_and_passes_an_allowed_one():
    """Two TEST-NET addresses (never routed): one allowed, one not. The allowed one gets past the
    guard (and then fails to connect, or times out); the other never leaves the process."""
    policy = current_policy(Settings(allow_hosts=["192.0.2.10:8000"]))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(0.2)
    try:
        with pytest.raises(NetworkBlockedError):
            sock.connect(("192.0.2.11", 8000))
        with pytest.raises(NetworkBlockedError):  # allowed host, other port
            permit_host("192.0.2.10", 8001, policy)
        permit_host("192.0.2.10", 8000, policy)
        try:
            sock.connect(("192.0.2.10", 8000))
        except NetworkBlockedError:
            pytest.fail("an allowlisted server was blocked")
        except OSError:
            pass  # unroutable, as expected: the point is that the guard let it through
    finally:
        sock.close()
    assert ("192.0.2.10", 8000) in offline.permitted_addresses()
    assert "192.0.2.11:8000" in offline.blocked_attempts


def test_block_network_env_refuses_even_an_allowed_host(monkeypatch):
    monkeypatch.setenv("ANALYST_DESK_BLOCK_NETWORK", "1")
    policy = current_policy(Settings(allow_hosts=["192.0.2.10:8000"]))
    with pytest.raises(NetworkBlockedError):
        permit_host("192.0.2.10", 8000, policy)


# -- API key ---------------------------------------------------------------------------------------
def test_the_api_key_is_stored_encrypted_never_in_settings(isolated_home, monkeypatch):
    from analyst_desk.core.compliance import crypto
    from analyst_desk.core.engine import server_key

    monkeypatch.delenv("ANALYST_DESK_REMOTE_KEY", raising=False)
    monkeypatch.delenv("ANALYST_DESK_PASSPHRASE", raising=False)
    crypto.lock()
    with pytest.raises(server_key.KeyStoreError, match="turn on encryption"):
        server_key.store_key("sk-bank-0123456789")
    crypto.unlock("correct horse battery")
    try:
        server_key.store_key("sk-bank-0123456789")
        Settings(remote_url="https://llm.bank.internal:8000/v1").save()
        on_disk = b"".join(p.read_bytes() for p in isolated_home.rglob("*") if p.is_file())
        assert b"sk-bank-0123456789" not in on_disk
        assert server_key.load_key() == "sk-bank-0123456789"
        crypto.lock()
        with pytest.raises(server_key.KeyStoreError, match="unlock"):
            server_key.load_key()
        monkeypatch.setenv("ANALYST_DESK_REMOTE_KEY", "from-env")
        assert server_key.load_key() == "from-env"
    finally:
        crypto.lock()


# -- wire format and token estimate ----------------------------------------------------------------
def test_server_sent_events_are_read_with_pings_and_multi_line_data():
    lines = [b": ping - 2026-11-26\r\n", b"data: {\"a\": 1}\r\n", b"\r\n", b"event: x\n", b"data: line1\n",
             b"data: line2\n", b"\n", b"data: [DONE]\n", b"\n"]
    assert list(sse_data(lines)) == ['{"a": 1}', "line1\nline2", "[DONE]"]


def test_a_cut_off_event_is_still_handed_over_for_the_caller_to_judge():
    assert list(sse_data([b"data: {\"a\": 1}\n", b"\n", b"data: {\"tru"])) == ['{"a": 1}', '{"tru']


def test_the_token_estimate_errs_high_against_a_real_tokenizer(tiny_engine):
    from analyst_desk.core.engine.remote_engine import estimate_tokens

    texts = ["2024年，本行实现营业收入1,466.95亿元，同比下降10.9%；净利润445.08亿元。",
             "Net interest margin fell to 1.87% from 2.38%, while operating income was RMB 146,695 million.",
             "拨备覆盖率保持在260%以上，不良贷款率1.12%。The board approved a dividend of 0.35 yuan per share."]
    for text in texts:
        assert estimate_tokens(text) >= tiny_engine.count_tokens(text), text


def test_scripts_configure_the_server_through_the_environment_and_the_key_stays_out_of_reprs(monkeypatch):
    from analyst_desk.core.engine.selection import remote_config, task_choice

    monkeypatch.setenv("ANALYST_DESK_REMOTE_URL", "https://llm.bank.internal:8000/v1")
    monkeypatch.setenv("ANALYST_DESK_REMOTE_MODEL", "qwen2.5-72b-instruct")
    monkeypatch.setenv("ANALYST_DESK_REMOTE_KEY", "sk-bank-0123456789")
    settings = Settings(remote_url="https://other.bank:9000/v1")
    config = remote_config(settings, current_policy(settings))
    assert (config.url, config.model, config.connection.api_key) == (
        "https://llm.bank.internal:8000/v1", "qwen2.5-72b-instruct", "sk-bank-0123456789")
    assert "sk-bank" not in repr(config)
    assert task_choice(settings, "ask") == "remote"
