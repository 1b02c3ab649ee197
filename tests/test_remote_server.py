"""A department runs its model on a server: Ask, drafting and minutes use it, and nothing breaks when it goes away.

Every test talks to a real OpenAI-compatible server on loopback — llama-cpp-python's own
(``python -m llama_cpp.server``) serving the 135M SmolLM2 model with an API key — through the
app's socket guard and allowlist. Answers are kept short.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from analyst_desk.core import offline
from analyst_desk.core.cancel import CancelToken
from analyst_desk.core.config import Settings
from analyst_desk.core.engine.base import ChatMessage
from analyst_desk.core.errors import ServerRefusedError
from analyst_desk.core.services import Services
from tests.conftest import ROOT, TINY_MODEL
from tests.library_docs import CN_REPORT_PAGES, write_pdf
from tests.model_server import free_port, start_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def model_server(tmp_path_factory):
    server = start_server(log_dir=tmp_path_factory.mktemp("server-log"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from tests.support.libraries import imported_library

    folder = tmp_path_factory.mktemp("reports")
    write_pdf(folder / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)
    with imported_library(tmp_path_factory.mktemp("index"), folder) as lib:
        yield lib


@pytest.fixture(autouse=True)
def no_admin_policy(monkeypatch, tmp_path):
    from analyst_desk.core import network_policy

    monkeypatch.setattr(network_policy, "admin_policy_paths", lambda: [tmp_path / "no-policy.json"])
    for name in ("ANALYST_DESK_POLICY", "ANALYST_DESK_ALLOW_HOSTS", "ANALYST_DESK_REMOTE_URL",
                 "ANALYST_DESK_REMOTE_MODEL"):
        monkeypatch.delenv(name, raising=False)
    yield
    offline.revoke_all()


def services_for(server, monkeypatch, *, url: str | None = None, allow: list[str] | None = None,
                 key: str | None = None, **settings) -> Services:
    monkeypatch.setenv("ANALYST_DESK_REMOTE_KEY", server.api_key if key is None else key)
    return Services(Settings(model=TINY_MODEL, context_size=2048, threads=2, remote_url=url or server.url,
                             allow_hosts=[server.host] if allow is None else allow, **settings))


def server_requests(server) -> int:
    """Requests the server has logged (uvicorn's access log), to prove one was or was not made."""
    return server.log_path.read_text(errors="replace").count('HTTP/1.1"')


# -- the server's model, in place of the local one ----------------------------------------------------
def test_the_servers_model_name_and_window_are_what_the_app_plans_with(model_server, monkeypatch):
    services = services_for(model_server, monkeypatch)
    engine = services.chat_engine("assistant")
    assert engine.use.engine == "remote" and engine.model_name.endswith(TINY_MODEL)
    # llama-cpp-python's server does not publish its window: the conservative default is used, and said so.
    assert engine.context_size == 2048 and engine.info.context_source == "default"
    assert engine.info.path == f"remote:{engine.model_name.replace('/', '--')}@{model_server.host}"
    services.close()
    services = services_for(model_server, monkeypatch, remote_context_size=1024)
    engine = services.chat_engine("assistant")
    assert engine.context_size == 1024 and engine.info.context_source == "settings"
    services.close()


def test_tokens_are_counted_by_the_servers_tokenizer_or_a_measured_estimate(model_server, monkeypatch, tiny_engine):
    services = services_for(model_server, monkeypatch)
    engine = services.chat_engine("ask").active
    text = "2024年本行实现营业收入52,310百万元，净息差2.05%。Net interest margin was 2.05%."
    assert engine.count_tokens(text) in range(tiny_engine.count_tokens(text), tiny_engine.count_tokens(text) + 3)
    # A server without a tokenizer endpoint: the estimate is measured from the usage it reports.
    engine._tokenize_path, engine._token_cache = "", type(engine._token_cache)()
    rates = engine.calibrate()
    assert rates.cjk != 2.0  # measured, not the cautious default
    for sample in (text, CN_REPORT_PAGES[2][1][1], "The board approved a cash dividend of 0.35 yuan per share."):
        real = tiny_engine.count_tokens(sample)
        assert real <= engine.count_tokens(sample) <= real * 1.6, sample
    services.close()


def test_the_assistant_streams_from_the_server_and_stop_closes_the_stream_at_once(model_server, monkeypatch):
    services = services_for(model_server, monkeypatch)
    engine = services.chat_engine("assistant")
    generation = engine.stream_chat([ChatMessage("user", "Say hello in one short sentence.")], max_tokens=12)
    assert generation.consume().strip() and generation.stats.completion_tokens > 0
    cancel = CancelToken()
    story = engine.stream_chat([ChatMessage("user", "Write a long story about a bank.")], max_tokens=200, cancel=cancel)
    stopped_at = None
    for index, _chunk in enumerate(story):
        if index == 2:
            cancel.cancel()
            stopped_at = time.perf_counter()
    print(f"\nStop → stream closed in {(time.perf_counter() - stopped_at) * 1000:.1f} ms")
    assert story.stats.finish_reason == "cancelled" and story.stats.completion_tokens == 3 and story.text
    services.close()


# -- tasks through the server ------------------------------------------------------------------------
def test_ask_answers_through_the_server_with_citations_and_the_audit_log_names_the_remote_model(
        model_server, monkeypatch, library):
    from analyst_desk.core.drafting.answering import answer_question

    services = services_for(model_server, monkeypatch)
    before = server_requests(model_server)
    engine = services.chat_engine("ask")
    result = answer_question("华东银行2024年零售业务的客户数和财富管理规模怎么样？", library, engine, k=3, max_tokens=60, audit=services.audit,
                             pane="ask")
    assert engine.use.engine == "remote" and not engine.use.notices
    assert result.sources and result.text and not result.not_found
    assert server_requests(model_server) > before
    record = services.audit.records()[-1]
    assert record["pane"] == "ask" and record["model"] == engine.info.path
    assert record["model"].startswith("remote:") and model_server.host in record["model"]
    services.close()


def test_drafting_and_meeting_minutes_run_through_the_server(model_server, monkeypatch, library):
    from analyst_desk.core.drafting.templates import find_template
    from analyst_desk.core.drafting.writer import new_draft, write_draft
    from analyst_desk.core.meeting.summarize import summarize_meeting
    from analyst_desk.core.meeting.transcript import parse_transcript

    services = services_for(model_server, monkeypatch)
    draft = new_draft(find_template("company_brief"), "华东银行", language="zh", length="short")
    drafting = services.chat_engine("drafting")
    write_draft(draft, library, drafting, sections=[0], audit=services.audit)
    assert drafting.use.engine == "remote" and draft.sections[0].status in {"done", "not_found"}
    assert draft.sections[0].text
    transcript = parse_transcript((ROOT / "tests/data/meeting/en_weekly_sync.txt").read_text(encoding="utf-8"))
    meeting = services.chat_engine("meeting")
    minutes = summarize_meeting(transcript, meeting, audit=services.audit)  # includes JSON-constrained calls
    assert meeting.use.engine == "remote" and minutes.summary and minutes.action_items
    panes = [(r["pane"], r["model"].startswith("remote:")) for r in services.audit.records()]
    assert ("meeting", True) in panes and any(pane != "meeting" and remote for pane, remote in panes)
    services.close()


def test_each_task_uses_the_engine_chosen_for_it(model_server, monkeypatch):
    services = services_for(model_server, monkeypatch, task_engines={"meeting": "local"})
    assert services.chat_engine("ask").use.engine == "remote"
    meeting = services.chat_engine("meeting")
    assert meeting.use.engine == "local" and meeting.model_name == TINY_MODEL and not meeting.use.notices
    services.close()


# -- when the server cannot be used ------------------------------------------------------------------
def test_a_wrong_api_key_is_reported_not_hidden_by_a_fallback(model_server, monkeypatch):
    services = services_for(model_server, monkeypatch, key="wrong-key")
    with pytest.raises(ServerRefusedError, match="refused the API key"):
        services.chat_engine("ask")
    services.close()


def test_an_unreachable_server_falls_back_to_the_local_model_and_says_so(model_server, monkeypatch):
    port = free_port()  # nothing listens there
    services = services_for(model_server, monkeypatch, url=f"http://127.0.0.1:{port}/v1", allow=[f"127.0.0.1:{port}"])
    heard = []
    services.add_notice_listener(heard.append)
    engine = services.chat_engine("assistant")
    assert engine.use.engine == "local" and engine.use.fell_back and engine.model_name == TINY_MODEL
    assert engine.stream_chat([ChatMessage("user", "Say hi")], max_tokens=5).consume().strip()
    assert heard and "connection refused" in heard[0] and f"local model {TINY_MODEL} answered" in heard[0]
    services.close()


def test_a_server_not_on_the_allowlist_is_refused_without_a_packet_and_logged(model_server, monkeypatch, caplog):
    services = services_for(model_server, monkeypatch, allow=[f"127.0.0.1:{model_server.port + 1}"])
    before_requests, before_blocked = server_requests(model_server), len(offline.blocked_attempts)
    engine = services.chat_engine("ask")
    assert engine.use.engine == "local" and "not on the allowlist" in engine.use.notices[0]
    assert offline.blocked_attempts[before_blocked:] == [model_server.host]
    assert f"Refused a network connection to {model_server.host}" in caplog.text
    assert server_requests(model_server) == before_requests
    services.close()


def test_killing_the_server_mid_answer_keeps_the_text_then_the_local_model_answers(monkeypatch, tmp_path, library):
    from analyst_desk.core.drafting.answering import answer_question

    server = start_server(log_dir=tmp_path)
    try:
        services = services_for(server, monkeypatch)
        engine = services.chat_engine("assistant")
        generation = engine.stream_chat([ChatMessage("user", "Write a long story about a bank.")], max_tokens=300)
        for index, _chunk in enumerate(generation):
            if index == 3:
                server.kill()
        assert generation.text and generation.stats.finish_reason == "disconnected"
        assert "dropped mid-answer" in generation.stats.interrupted
        assert any("dropped mid-answer" in n for n in engine.use.notices)
        # The next question: the server is gone, the local model answers, and the user is told.
        ask = services.chat_engine("ask")
        result = answer_question("华东银行2024年零售业务的客户数和财富管理规模怎么样？", library, ask, k=3, max_tokens=40,
                                 audit=services.audit)
        assert result.text and ask.use.fell_back and "did not answer" in ask.use.notices[0]
        assert services.audit.records()[-1]["model"] == TINY_MODEL
        services.close()
    finally:
        server.stop()


# -- the command line ------------------------------------------------------------------------------------
def test_the_ask_command_answers_through_the_server_and_says_which_engine_answered(model_server, tmp_path):
    home = tmp_path / "home"
    report = write_pdf(tmp_path / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)
    env = {**os.environ, "ANALYST_DESK_HOME": str(home), "ANALYST_DESK_REMOTE_URL": model_server.url,
           "ANALYST_DESK_REMOTE_KEY": model_server.api_key, "ANALYST_DESK_ALLOW_HOSTS": model_server.host}
    for name in ("ANALYST_DESK_POLICY", "ANALYST_DESK_REMOTE_MODEL"):
        env.pop(name, None)
    home.mkdir()
    Settings(model=TINY_MODEL, context_size=2048).save(home)  # the local model a fallback loads
    added = subprocess.run([sys.executable, "-m", "analyst_desk", "index", "add", str(report)], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=300)
    assert added.returncode == 0, added.stderr
    question = ["ask", "华东银行零售业务发展得怎么样？", "--json", "--k", "3", "--max-tokens", "60"]
    out = subprocess.run([sys.executable, "-m", "analyst_desk", *question], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["engine"]["engine"] == "remote" and data["engine"]["model"].endswith(TINY_MODEL)
    assert data["engine"]["server"] == model_server.host and data["citations"]
    audit = (home / "audit" / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(audit[-1])["model"].startswith("remote:")
    # The server is unreachable: the local model answers, and stderr says so.
    env["ANALYST_DESK_REMOTE_URL"] = f"http://127.0.0.1:{free_port()}/v1"
    env["ANALYST_DESK_ALLOW_HOSTS"] = env["ANALYST_DESK_REMOTE_URL"]
    out = subprocess.run([sys.executable, "-m", "analyst_desk", *question], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["engine"]["engine"] == "local" and data["engine"]["fell_back"]
    assert "note: " in out.stderr and "answered instead" in out.stderr


def test_the_models_command_lists_the_servers_model_and_window(model_server, monkeypatch, capsys):
    from analyst_desk.cli import main

    monkeypatch.setenv("ANALYST_DESK_REMOTE_URL", model_server.url)
    monkeypatch.setenv("ANALYST_DESK_REMOTE_KEY", model_server.api_key)
    monkeypatch.setenv("ANALYST_DESK_ALLOW_HOSTS", model_server.host)
    assert main(["models", "--json"]) == 0
    server = json.loads(capsys.readouterr().out)[-1]
    assert server["engine"] == "remote" and server["model"].endswith(TINY_MODEL) and server["error"] is None
    assert (server["context_length"], server["context_source"], server["server"]) == (2048, "default", model_server.host)
    assert server["tasks"] == ["assistant", "ask", "drafting", "meeting"]


def test_tls_is_verified_against_the_banks_internal_ca(monkeypatch, tmp_path):
    from tests.model_server import make_tls_files

    tls = make_tls_files(tmp_path)
    server = start_server(log_dir=tmp_path, tls=tls)
    try:
        services = services_for(server, monkeypatch, remote_ca_file=str(tls[2]))
        engine = services.chat_engine("assistant")
        assert engine.use.engine == "remote" and server.url.startswith("https://")
        assert engine.stream_chat([ChatMessage("user", "Say hi")], max_tokens=4).consume()
        services.close()
        # Without the internal CA the certificate is not trusted: nothing is sent, the local model answers.
        services = services_for(server, monkeypatch)
        engine = services.chat_engine("assistant")
        assert engine.use.engine == "local" and "certificate is not trusted" in engine.use.notices[0]
        services.close()
    finally:
        server.stop()


def test_an_answer_the_server_cuts_short_is_kept_and_marked_incomplete(monkeypatch, tmp_path):
    """llama-cpp-python's server, by default, ends a running answer when another request arrives."""
    import threading

    server = start_server(log_dir=tmp_path, interrupt_requests=True)
    try:
        services = services_for(server, monkeypatch)
        engine = services.chat_engine("assistant")
        story = engine.stream_chat([ChatMessage("user", "Write a long story about a bank.")], max_tokens=300)
        other = threading.Thread(target=lambda: engine.complete([ChatMessage("user", "Say hi")], max_tokens=4))
        for index, _chunk in enumerate(story):
            if index == 3:
                other.start()
        other.join(timeout=60)
        assert story.text and story.stats.completion_tokens < 300
        assert story.stats.finish_reason == "disconnected" and "before it was finished" in story.stats.interrupted
        services.close()
    finally:
        server.stop()
