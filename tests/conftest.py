"""Suite-wide guarantees: no test touches the real user folder, and nothing leaves the machine."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from analyst_desk.core import offline  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
MODELS = Path(os.environ.get("ANALYST_DESK_MODELS") or ROOT / "models")
CHAT_MODEL = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
TINY_MODEL = "SmolLM2-135M-Instruct.Q4_1.gguf"

# Block every non-loopback connection for the whole run, before any test module imports a library.
offline.apply_offline_environment()
offline.install_socket_guard()


#: Optional larger models a developer may have installed (``setup.sh --with-1.5b``). The suite runs
#: the fast tier whatever else is in models/: tests that want a larger model name its file.
OPTIONAL_MODELS = ("qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",)


@pytest.fixture(scope="session")
def fast_tier_models(tmp_path_factory) -> Path:
    """A models folder holding links to every installed model except the optional larger ones."""
    folder = tmp_path_factory.mktemp("models")
    if MODELS.is_dir():
        for entry in MODELS.iterdir():
            if entry.name not in OPTIONAL_MODELS:
                (folder / entry.name).symlink_to(entry.resolve(), target_is_directory=entry.is_dir())
    return folder


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch, fast_tier_models) -> Path:
    """Point the data folder at a fresh temporary folder for every test, and the models folder at the fast tier."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ANALYST_DESK_HOME", str(home))
    monkeypatch.setenv("ANALYST_DESK_MODELS", str(fast_tier_models))
    return home


def _model_path(name: str) -> Path:
    path = MODELS / name
    if not path.exists():
        pytest.fail(f"{path} is missing: run 'python packaging/fetch_models.py' (the test command does).")
    return path


@pytest.fixture(scope="session")
def tiny_engine():
    """The 135M SmolLM2 model, loaded once: the fast tier for engine mechanics."""
    from analyst_desk.core.engine.base import LoadOptions
    from analyst_desk.core.engine.llama_engine import LlamaEngine

    engine = LlamaEngine(_model_path(TINY_MODEL), LoadOptions(context_size=2048, threads=2)).load()
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def chat_engine():
    """The default Qwen2.5 0.5B model (Chinese + English), loaded once for the session."""
    from analyst_desk.core.engine.base import LoadOptions
    from analyst_desk.core.engine.llama_engine import LlamaEngine

    engine = LlamaEngine(_model_path(CHAT_MODEL), LoadOptions(context_size=4096, threads=2)).load()
    yield engine
    engine.close()


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} not present (team sample documents)")
    return SHARED_DATA


#: Fixtures that load the chat model, Whisper or a large real document: a test using one is slow.
SLOW_FIXTURES = {"chat_engine", "shared_data", "services", "whisper_model", "pingan_library", "remote_server"}
FAST_TIER_ENV = "ANALYST_DESK_FAST_TIER"


def pytest_collection_modifyitems(config, items):
    """Mark the slow tier automatically (by the fixtures above; a slow module says so itself with
    ``pytestmark = pytest.mark.slow``) so the quick command (``packaging/setup.sh --test-fast``) can leave it
    out; tests needing ../shared/data get their marker too."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
        if "shared_data" in names:
            item.add_marker(pytest.mark.shared_data)


@pytest.fixture(autouse=True)
def fast_tier_guard(request, monkeypatch):
    """In the fast tier a test that loads anything but the tiny model fails, naming the fix: mark it
    slow. So the quick command stays quick as tests are added, without anyone timing it."""
    if not os.environ.get(FAST_TIER_ENV) or request.node.get_closest_marker("slow"):
        yield
        return
    from analyst_desk.core.engine import llama_engine

    original = llama_engine.LlamaEngine.load
    violations: list[str] = []

    def refuse(what: str):
        # An ordinary exception, so a worker thread reports it at once instead of hanging the test;
        # the test is failed with the reason at teardown.
        violations.append(f"{request.node.nodeid} loads {what} in the fast tier: mark it @pytest.mark.slow.")
        raise RuntimeError(violations[-1])

    def guarded_load(self):
        if self.info.file_name != TINY_MODEL:
            refuse(self.info.file_name)
        return original(self)

    monkeypatch.setattr(llama_engine.LlamaEngine, "load", guarded_load)
    monkeypatch.setattr("analyst_desk.core.meeting.transcription._load_model", lambda *a, **k: refuse("Whisper"))
    yield
    if violations:
        pytest.fail(violations[0])


def pytest_sessionfinish(session, exitstatus):
    if offline.blocked_attempts:
        print(f"\nBlocked network attempts during the run: {offline.blocked_attempts}")
