"""Suite-wide guarantees: no test touches the real user folder, and nothing leaves the machine."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core import offline  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
MODELS = Path(os.environ.get("ANALYST_DESK_MODELS") or ROOT / "models")
CHAT_MODEL = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
TINY_MODEL = "SmolLM2-135M-Instruct.Q4_1.gguf"

# Block every non-loopback connection for the whole run, before any test module imports a library.
offline.apply_offline_environment()
offline.install_socket_guard()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch) -> Path:
    """Point the data folder at a fresh temporary folder for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ANALYST_DESK_HOME", str(home))
    monkeypatch.setenv("ANALYST_DESK_MODELS", str(MODELS))
    return home


def _model_path(name: str) -> Path:
    path = MODELS / name
    if not path.exists():
        pytest.fail(f"{path} is missing: run 'python packaging/fetch_models.py' (the test command does).")
    return path


@pytest.fixture(scope="session")
def tiny_engine():
    """The 135M SmolLM2 model, loaded once: the fast tier for engine mechanics."""
    from app.core.engine.base import LoadOptions
    from app.core.engine.llama_engine import LlamaEngine

    engine = LlamaEngine(_model_path(TINY_MODEL), LoadOptions(context_size=2048, threads=2)).load()
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def chat_engine():
    """The default Qwen2.5 0.5B model (Chinese + English), loaded once for the session."""
    from app.core.engine.base import LoadOptions
    from app.core.engine.llama_engine import LlamaEngine

    engine = LlamaEngine(_model_path(CHAT_MODEL), LoadOptions(context_size=4096, threads=2)).load()
    yield engine
    engine.close()


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} not present (team sample documents)")
    return SHARED_DATA


def pytest_sessionfinish(session, exitstatus):
    if offline.blocked_attempts:
        print(f"\nBlocked network attempts during the run: {offline.blocked_attempts}")
