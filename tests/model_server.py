"""A real OpenAI-compatible model server on loopback: llama-cpp-python's own, with the tiny model.

Used by tests/test_remote_server.py and bench/remote.py. The server needs the
``llama-cpp-python[server]`` extras (in the project's test extras).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import ssl
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
    scheme: str = "http"

    @property
    def url(self) -> str:
        host = "localhost" if self.scheme == "https" else "127.0.0.1"  # the name the test certificate carries
        return f"{self.scheme}://{host}:{self.port}/v1"

    @property
    def host(self) -> str:
        return f"{'localhost' if self.scheme == 'https' else '127.0.0.1'}:{self.port}"

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
                 threads: int = 2, log_dir: Path | None = None, python: str = sys.executable,
                 interrupt_requests: bool = False, tls: tuple[Path, Path, Path] | None = None) -> ModelServer:
    """Start ``python -m llama_cpp.server`` on a free loopback port and wait until it serves.

    ``tls`` is (certificate, key, CA certificate) from :func:`make_tls_files`: the server then
    speaks HTTPS only, and the readiness check trusts that CA.
    """
    model = model or Path(os.environ.get("ANALYST_DESK_MODELS") or ROOT / "models") / TINY_MODEL
    port = free_port()
    log_path = (log_dir or Path("/tmp")) / f"llama-server-{port}.log"
    command = [python, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1", "--port", str(port),
               "--n_ctx", str(n_ctx), "--n_threads", str(threads), "--api_key", api_key,
               # By default this server ends a running answer when another request arrives; a pooled
               # server queues them, which is what the app is built for.
               "--interrupt_requests", str(interrupt_requests)]
    if tls:
        command += ["--ssl_certfile", str(tls[0]), "--ssl_keyfile", str(tls[1])]
    handle = log_path.open("wb")
    process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT)
    server = ModelServer(process, port, api_key, log_path, "https" if tls else "http")
    context = ssl.create_default_context(cafile=str(tls[2])) if tls else None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited: {log_path.read_text(errors='replace')[-2000:]}")
        try:
            request = urllib.request.Request(f"{server.url}/models", headers={"Authorization": f"Bearer {api_key}"})
            with urllib.request.urlopen(request, timeout=2, context=context) as response:
                if json.loads(response.read()).get("data"):
                    return server
        except (urllib.error.URLError, OSError, ValueError):
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"llama_cpp.server did not start in 120 s; see {log_path}")


def make_tls_files(folder: Path) -> tuple[Path, Path, Path]:
    """A private CA and a server certificate for ``localhost`` signed by it (as a bank's internal CA would)."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Bank Internal CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
          .not_valid_after(now + dt.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                                       key_encipherment=False, data_encipherment=False, key_agreement=False,
                                       encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = folder / "server.pem", folder / "server.key", folder / "bank-ca.pem"
    paths[0].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    paths[2].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return paths
