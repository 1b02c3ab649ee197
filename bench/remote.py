"""Model-server benchmark: the app's remote engine vs the bare OpenAI client, and 8 analysts at once.

Starts llama-cpp-python's OpenAI-compatible server on loopback (the tiny model by default) and
prints, with the machine's core count:

1. time to first token and tokens/s for the identical prompt through the app's ``RemoteEngine``
   and through the official ``openai`` Python client (installed by this script into its own venv
   under ``.cache/``; if that is impossible, raw ``http.client`` is the baseline and says so) —
   medians of interleaved runs, and their ratio;
2. 8 Ask requests (retrieval + grounded answer, the app's own code) from 8 separate app processes
   at once against the one server, vs the same 8 one after another: throughput and p95
   first-token time.

Usage: python bench/remote.py [--model FILE] [--runs N] [--max-tokens N] [--clients N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROMPT = "Explain in three sentences what a bank's net interest margin is and why it matters."
#: One question per analyst: the passages overlap (one report) but each prompt ends differently, so
#: the server cannot answer them all from one cached prompt.
QUESTIONS = ["华东银行2024年的净息差是多少？", "华东银行2024年营业收入是多少？", "华东银行的不良贷款率是多少？",
             "华东银行的拨备覆盖率是多少？", "华东银行零售客户数达到多少？", "华东银行财富管理规模增长了多少？",
             "华东银行总部位于哪里？", "华东银行成立于哪一年？"]
BASELINE_VENV = ROOT / ".cache" / "bench-openai-venv"

#: Runs in the baseline venv: the official client, streaming, the same measures as the app's.
#: One warm process answering "run N" lines, so each measured request is like the app's (no import cost).
_OPENAI_CLIENT = r"""
import json, sys, time
from openai import OpenAI
url, key, model, prompt = sys.argv[1:5]
client = OpenAI(base_url=url, api_key=key, max_retries=0)
for line in sys.stdin:
    max_tokens = int(line.split()[1])
    start = time.perf_counter(); first = None; count = 0
    stream = client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}],
                                            max_tokens=max_tokens, temperature=0.0, stream=True)
    for event in stream:
        if event.choices and event.choices[0].delta.content:
            count += 1
            if first is None:
                first = time.perf_counter() - start
    total = time.perf_counter() - start
    print(json.dumps([first or 0.0, (count - 1) / (total - first) if count > 1 else 0.0, count]), flush=True)
"""


def baseline_python() -> tuple[str | None, str]:
    """The bench venv's python with ``openai`` installed (created on first run), or None."""
    python = BASELINE_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(BASELINE_VENV)], check=True)
    check = subprocess.run([str(python), "-c", "import openai; print(openai.__version__)"], capture_output=True,
                           text=True)
    if check.returncode != 0:
        install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "openai"],
                                 capture_output=True, text=True)
        if install.returncode != 0:
            return None, "raw http.client (openai could not be installed: " + install.stderr.strip()[-200:] + ")"
        check = subprocess.run([str(python), "-c", "import openai; print(openai.__version__)"], capture_output=True,
                               text=True)
    return str(python), f"openai {check.stdout.strip()} (official client)"


def raw_http_runs(server, model: str, max_tokens: int, runs: int) -> list[list[float]]:
    """The fallback baseline: a bare http.client request and line-by-line SSE reading."""
    import http.client

    out = []
    for _ in range(runs):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        body = json.dumps({"model": model, "messages": [{"role": "user", "content": PROMPT}], "max_tokens": max_tokens,
                           "temperature": 0.0, "stream": True})
        start = time.perf_counter()
        first, count = None, 0
        conn.request("POST", "/v1/chat/completions", body=body, headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {server.api_key}"})
        response = conn.getresponse()
        for line in iter(response.readline, b""):
            if line.startswith(b"data: ") and line.strip() != b"data: [DONE]":
                delta = json.loads(line[6:])["choices"][0].get("delta", {})
                if delta.get("content"):
                    count += 1
                    if first is None:
                        first = time.perf_counter() - start
        total = time.perf_counter() - start
        conn.close()
        out.append([first or 0.0, (count - 1) / (total - first) if count > 1 else 0.0, count])
    return out


def app_runs(engine, max_tokens: int, runs: int) -> list[list[float]]:
    from analyst_desk.core.engine.base import ChatMessage

    out = []
    for _ in range(runs):
        generation = engine.stream_chat([ChatMessage("user", PROMPT)], max_tokens=max_tokens, temperature=0.0)
        generation.consume()
        s = generation.stats
        out.append([s.time_to_first_token, s.tokens_per_second, s.completion_tokens])
    return out


def compare_clients(server, args) -> None:
    from analyst_desk.core import offline
    from analyst_desk.core.engine.remote_engine import RemoteConfig, RemoteEngine
    from analyst_desk.core.engine.server_connection import ConnectionSettings
    from analyst_desk.core.network_policy import NetworkPolicy, parse_hosts

    offline.install_socket_guard()  # as in the app: the allowlist is enforced while measuring
    engine = RemoteEngine(RemoteConfig(server.url, connection=ConnectionSettings(api_key=server.api_key)),
                          NetworkPolicy(allow=parse_hosts(server.host))).load()
    python, baseline_name = baseline_python()
    client = None
    if python:
        client = subprocess.Popen([python, "-c", _OPENAI_CLIENT, server.url, server.api_key, engine.model_name, PROMPT],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def baseline(max_tokens: int) -> list[float]:
        if client is None:
            return raw_http_runs(server, engine.model_name, max_tokens, 1)[0]
        client.stdin.write(f"run {max_tokens}\n")
        client.stdin.flush()
        return json.loads(client.stdout.readline())

    app_results, base_results = [], []
    app_runs(engine, 8, 1)  # one warm-up request each: connections, imports, the server's first-call costs
    baseline(8)
    for _ in range(args.runs):  # interleaved, so drift hits both alike
        app_results += app_runs(engine, args.max_tokens, 1)
        base_results.append(baseline(args.max_tokens))
    if client is not None:
        client.stdin.close()
        client.wait(timeout=30)

    def med(rows, i):
        return statistics.median(r[i] for r in rows)

    print(f"\n1. Same prompt, {args.runs} interleaved runs each, max {args.max_tokens} tokens (medians)")
    print(f"   {'':34} {'first token':>12} {'tokens/s':>9} {'tokens':>7}")
    print(f"   {'app RemoteEngine':34} {med(app_results, 0) * 1000:>9.0f} ms {med(app_results, 1):>9.1f} "
          f"{med(app_results, 2):>7.0f}")
    print(f"   {baseline_name[:34]:34} {med(base_results, 0) * 1000:>9.0f} ms {med(base_results, 1):>9.1f} "
          f"{med(base_results, 2):>7.0f}")
    print(f"   ratio app/baseline: first token {med(app_results, 0) / med(base_results, 0):.2f}, "
          f"tokens/s {med(app_results, 1) / med(base_results, 1):.2f}")
    if not python:
        print(f"   baseline: {baseline_name}")


# -- 8 analysts at once ---------------------------------------------------------------------------------
def worker(args) -> None:
    """One app process asking one question the way the Ask pane does; prints its timings as JSON."""
    from analyst_desk.core import offline
    from analyst_desk.core.drafting.answering import answer_question
    from analyst_desk.core.library import open_libraries
    from analyst_desk.core.services import Services

    offline.install_socket_guard()
    services = Services()
    library = open_libraries()
    library.search("净息差", k=1)  # the embedder is loaded before the clock starts, as in a running app
    engine = services.chat_engine("ask")
    first = []
    start = time.time()
    result = answer_question(QUESTIONS[args.question % len(QUESTIONS)], library, engine, k=3, max_tokens=args.max_tokens,
                             on_chunk=lambda _c: first or first.append(time.time()), audit=services.audit)
    end = time.time()
    print(json.dumps({"start": start, "first": first[0] if first else end, "end": end, "engine": engine.use.engine,
                      "finish": getattr(result.stats, "finish_reason", ""),
                      "cited": bool(result.sources),
                      "completion_tokens": getattr(result.stats, "completion_tokens", 0)}))
    library.close()
    services.close()


def prepare_home(folder: Path, model: str) -> Path:
    """A data folder with the sample report indexed, the tiny local model chosen."""
    from tests.library_docs import CN_REPORT_PAGES, write_pdf

    home = folder / "home0"
    home.mkdir(parents=True)
    from analyst_desk.core.config import Settings

    Settings(model=model, context_size=2048).save(home)
    report = write_pdf(folder / "华东银行2024年年度报告.pdf", CN_REPORT_PAGES)
    env = {**os.environ, "ANALYST_DESK_HOME": str(home)}
    subprocess.run([sys.executable, "-m", "analyst_desk", "index", "add", str(report)], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    return home


def run_clients(server, homes: list[Path], max_tokens: int, concurrent: bool) -> list[dict]:
    env = {**os.environ, "ANALYST_DESK_REMOTE_URL": server.url, "ANALYST_DESK_REMOTE_KEY": server.api_key,
           "ANALYST_DESK_ALLOW_HOSTS": server.host}
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--max-tokens", str(max_tokens), "--question"]
    results = []
    if concurrent:
        processes = [subprocess.Popen(command + [str(i)], cwd=ROOT, env={**env, "ANALYST_DESK_HOME": str(h)}, text=True,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i, h in enumerate(homes)]
        for process in processes:
            out, err = process.communicate(timeout=900)
            if process.returncode != 0:
                raise RuntimeError(err[-2000:])
            results.append(json.loads(out.strip().splitlines()[-1]))
    else:
        for i, home in enumerate(homes):
            done = subprocess.run(command + [str(i)], cwd=ROOT, env={**env, "ANALYST_DESK_HOME": str(home)}, text=True,
                                  capture_output=True, timeout=900, check=True)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def compare_concurrency(server, args, model: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first_home = prepare_home(Path(tmp), model)
        homes = [first_home]
        for i in range(1, args.clients):  # each analyst has their own data folder (audit log, index)
            homes.append(Path(tmp) / f"home{i}")
            shutil.copytree(first_home, homes[-1])
        rows = {}
        run_clients(server, homes[:1], args.max_tokens, False)  # warm-up: the server's first request is slower
        for label, concurrent in (("one after another", False), (f"{args.clients} processes at once", True)):
            results = run_clients(server, homes, args.max_tokens, concurrent)
            if args.verbose:
                print(label, json.dumps(results, indent=1))
            assert all(r["engine"] == "remote" and r["finish"] in ("stop", "length") for r in results), results
            span = max(r["end"] for r in results) - min(r["start"] for r in results)
            gen_span = (sum(r["end"] - r["start"] for r in results) if not concurrent else span)
            rows[label] = (len(results) / gen_span * 60, sum(r["completion_tokens"] for r in results) / gen_span,
                           statistics.median(r["first"] - r["start"] for r in results),
                           p95([r["first"] - r["start"] for r in results]), all(r["cited"] for r in results))
    print(f"\n2. {args.clients} Ask requests (retrieve 3 passages, answer ≤ {args.max_tokens} tokens) against one server")
    print(f"   {'':28} {'answers/min':>11} {'tokens/s':>9} {'median 1st tok':>15} {'p95 1st tok':>12} cited")
    for label, (per_min, tps, median_first, p95_first, cited) in rows.items():
        print(f"   {label:28} {per_min:>11.1f} {tps:>9.1f} {median_first:>13.2f} s {p95_first:>10.2f} s {cited}")
    sequential, concurrent = rows["one after another"], rows[f"{args.clients} processes at once"]
    print(f"   ratio at once / one after another: throughput {concurrent[0] / sequential[0]:.2f}, "
          f"p95 first token {concurrent[3] / sequential[3]:.2f}")
    print("   (first token = from the question to the first streamed word: retrieval, prompt, queue at the server, "
          "prefill)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="SmolLM2-135M-Instruct.Q4_1.gguf")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--question", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--verbose", action="store_true", help="print each Ask request's timings")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return 0
    from tests.model_server import start_server

    print(f"cores: {os.cpu_count()}, model: {args.model}, server: llama-cpp-python (python -m llama_cpp.server) "
          "on 127.0.0.1")
    models = Path(os.environ.get("ANALYST_DESK_MODELS") or ROOT / "models")
    server = start_server(models / args.model, threads=os.cpu_count() or 2)
    try:
        with tempfile.TemporaryDirectory() as home:
            os.environ["ANALYST_DESK_HOME"] = home  # the in-process part writes nothing to the user's folder
            compare_clients(server, args)
        compare_concurrency(server, args, args.model)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
