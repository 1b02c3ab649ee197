"""A real OpenAI-compatible model server on loopback: llama-cpp-python's own, with the tiny model.

Used by tests/test_remote_server.py and bench/remote.py. The server needs the
``llama-cpp-python[server]`` extras (in the project's test extras).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TINY_MODEL = "SmolLM2-135M-Instruct.Q4_1.gguf"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class ModelServer:
    process: subprocess.Popen
    port: int
    api_key: str
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def kill(self) -> None:
        """Kill it as a crash would (no clean shutdown)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def start_server(model: Path | None = None, *, api_key: str = "test-key-123", n_ctx: int = 2048,
                 threads: int = 2, log_dir: Path | None = None, python: str = sys.executable) -> ModelServer:
    """Start ``python -m llama_cpp.server`` on a free loopback port and wait until it serves."""
    model = model or Path(os.environ.get("ANALYST_DESK_MODELS") or ROOT / "models") / TINY_MODEL
    port = free_port()
    log_path = (log_dir or Path("/tmp")) / f"llama-server-{port}.log"
    command = [python, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1", "--port", str(port),
               "--n_ctx", str(n_ctx), "--n_threads", str(threads), "--api_key", api_key,
               # By default this server ends a running answer when another request arrives; a pooled
               # server queues them, which is what the app is built for.
               "--interrupt_requests", "False"]
    handle = log_path.open("wb")
    process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT)
    server = ModelServer(process, port, api_key, log_path)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited: {log_path.read_text(errors='replace')[-2000:]}")
        try:
            request = urllib.request.Request(f"{server.url}/models", headers={"Authorization": f"Bearer {api_key}"})
            with urllib.request.urlopen(request, timeout=2) as response:
                if json.loads(response.read()).get("data"):
                    return server
        except (urllib.error.URLError, OSError, ValueError):
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"llama_cpp.server did not start in 120 s; see {log_path}")
