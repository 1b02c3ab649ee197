"""Engine benchmark: the app's engine vs bare llama-cpp-python on the same prompt, in one run.

Prints time-to-first-token and tokens/s for both (median of interleaved runs) and their ratio
(target: the app within 5% of bare), how quickly Cancel ends a generation (target < 200 ms), and
the longest GUI-thread stall while streaming into the window (target < 50 ms), and tokens/s on an
idle machine and while another program keeps one core busy (fixed thread counts vs the app's
adaptive choice).

Usage: python bench/engine.py [--model FILE] [--runs N] [--max-tokens N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROMPT = "请用三句话介绍商业银行的净息差是什么，以及它为什么重要。"


def bare_run(llm, max_tokens: int) -> tuple[float, float, int]:
    start = time.perf_counter()
    first = None
    count = 0
    for event in llm.create_chat_completion(messages=[{"role": "user", "content": PROMPT}], stream=True,
                                            max_tokens=max_tokens, temperature=0.0, seed=42):
        if event["choices"][0].get("delta", {}).get("content"):
            count += 1
            if first is None:
                first = time.perf_counter() - start
    total = time.perf_counter() - start
    return first or 0.0, (count - 1) / (total - first) if count > 1 else 0.0, count


def app_run(engine, max_tokens: int) -> tuple[float, float, int]:
    from analyst_desk.core.engine.base import ChatMessage

    generation = engine.stream_chat([ChatMessage("user", PROMPT)], max_tokens=max_tokens, temperature=0.0)
    generation.consume()
    s = generation.stats
    return s.time_to_first_token, s.tokens_per_second, s.completion_tokens


def cancel_latency(engine, trials: int = 3) -> list[float]:
    """Seconds from CancelToken.cancel() to the stream ending, cancelling after 20 tokens."""
    from analyst_desk.core.cancel import CancelToken
    from analyst_desk.core.engine.base import ChatMessage

    latencies = []
    for _ in range(trials):
        cancel = CancelToken()
        generation = engine.stream_chat([ChatMessage("user", "Count from 1 to 1000, separated by commas.")], max_tokens=1000,
                                        temperature=0.0, cancel=cancel)
        cancelled_at = None
        for i, _chunk in enumerate(generation):
            if i == 20 and cancelled_at is None:
                cancelled_at = time.perf_counter()
                threading.Thread(target=cancel.cancel).start()
        latencies.append(time.perf_counter() - cancelled_at)
    return latencies


def prefill_cancel_latency(engine, trials: int = 3) -> list[float]:
    """Seconds from cancel to the stream ending when Stop comes while a ~2.5k-token prompt is being read."""
    from analyst_desk.core.cancel import CancelToken
    from analyst_desk.core.engine.base import ChatMessage

    passage = "平安银行2024年实现营业收入1,466.95亿元，同比下降10.9%；净利润445.08亿元，同比下降4.2%。" * 60
    latencies = []
    for _ in range(trials):
        engine._llm.reset()
        cancel = CancelToken()
        stamp: list[float] = []

        def stop() -> None:
            stamp.append(time.perf_counter())
            cancel.cancel()

        threading.Timer(0.5, stop).start()
        engine.stream_chat([ChatMessage("user", "请总结：\n" + passage)], max_tokens=50, cancel=cancel).consume()
        latencies.append(time.perf_counter() - stamp[0])
    return latencies


def gui_stall(model: str, max_tokens: int) -> tuple[float, int]:
    """Longest gap between 5 ms heartbeats on the GUI thread while an answer streams into the window."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    from analyst_desk.core.config import Settings
    from analyst_desk.core.services import Services
    from analyst_desk.ui.application import create_application
    from analyst_desk.ui.main_window import MainWindow

    app = create_application()
    services = Services(Settings(model=model, max_tokens=max_tokens))
    window = MainWindow(services)
    window.show()
    services.chat_engine()  # load before measuring: loading happens off the GUI thread anyway
    pane = window.show_pane("assistant")
    pane.prompt_edit.setPlainText("请写一段约200字的文字，介绍商业银行如何管理流动性风险。")
    clock = QElapsedTimer()
    gaps: list[int] = []
    last = [0]

    def beat():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(beat)
    clock.start()
    timer.start()
    pane.send()
    while pane.busy:
        app.processEvents()
    timer.stop()
    chars = len(pane.output.toPlainText())
    window.close()
    return max(gaps[1:] or [0]) - 5, chars


def _hog(kind: str, path: Path):
    """Another CPU-bound program on the same machine: a busy loop on one core, or a second llama.cpp
    process generating without pause on all cores (two copies of the app, or another model server)."""
    import subprocess

    if kind == "loop":
        return subprocess.Popen([sys.executable, "-c", "while True: pass"])
    code = ("import llama_cpp, os\n"
            f"llm = llama_cpp.Llama(model_path={str(path)!r}, n_ctx=512, n_threads=os.cpu_count(), verbose=False)\n"
            "while True:\n"
            "    llm.reset()\n"
            "    for _ in llm.create_completion('Count slowly: 1, 2, 3,', max_tokens=200, stream=True): pass\n")
    return subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.DEVNULL)


def contention(path: Path, threads: int, max_tokens: int) -> None:
    """Generation speed idle and while another program keeps one core busy, for fixed thread counts
    and for the app's adaptive choice (analyst_desk/core/engine/cpu_share.py)."""
    from llama_cpp import Llama

    from analyst_desk.core.engine.base import LoadOptions
    from analyst_desk.core.engine.llama_engine import LlamaEngine

    def bare_rate(n: int) -> float:
        llm = Llama(model_path=str(path), n_ctx=2048, n_threads=n, n_threads_batch=n, seed=42, verbose=False)
        bare_run(llm, 4)
        llm.reset()
        rate = bare_run(llm, max_tokens)[1]
        llm.close()
        return rate

    print(f"contention: {os.cpu_count()} cores; the same {max_tokens}-token generation idle and beside another "
          "CPU-bound program")
    idle = bare_rate(threads)
    rows = [(f"bare, {threads} threads, idle machine", idle)]
    for kind, label in (("loop", "a busy loop on one core"), ("llama", "another llama.cpp generating")):
        hog = _hog(kind, path)
        try:
            time.sleep(3.0 if kind == "llama" else 1.0)  # let the other program get going
            rows.append((f"bare, {threads} threads, beside {label}", bare_rate(threads)))
            if threads > 1:
                rows.append((f"bare, {threads - 1} thread(s), beside {label}", bare_rate(threads - 1)))
            engine = LlamaEngine(path, LoadOptions(context_size=2048, threads=threads)).load()
            app_run(engine, 4)
            engine._llm.reset()
            rate = app_run(engine, max_tokens)[1]
            rows.append((f"app (adaptive: {engine.threads_in_use} thread(s)), beside {label}", rate))
            engine.close()
        finally:
            hog.kill()
            hog.wait()
    for label, rate in rows:
        print(f"  {label:<62}: {rate:6.1f} tokens/s  ({rate / idle:5.2f} of idle)")
    print("  how the app degrades: before each generation it measures the CPU other programs used in the last "
          "moments (psutil) and generates with the cores they leave free (llama_set_n_threads), because "
          "llama.cpp's threads spin while they wait for each other and a descheduled one stalls them all")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--max-tokens", type=int, default=128)
    parser.add_argument("--contention-only", action="store_true", help="only the busy-machine measurement")
    args = parser.parse_args()

    from llama_cpp import Llama

    from analyst_desk.core.config import default_threads
    from analyst_desk.core.engine.base import LoadOptions
    from analyst_desk.core.engine.llama_engine import LlamaEngine

    path = ROOT / "models" / args.model
    threads = default_threads()
    if args.contention_only:
        contention(path, threads, args.max_tokens)
        return 0
    print(f"machine: {os.cpu_count()} cores, {threads} threads; model {args.model}; "
          f"{args.runs} interleaved runs of {args.max_tokens} tokens")
    bare = Llama(model_path=str(path), n_ctx=4096, n_threads=threads, n_threads_batch=threads, seed=42, verbose=False)
    engine = LlamaEngine(path, LoadOptions(context_size=4096, threads=threads)).load()
    bare_run(bare, 8), app_run(engine, 8)  # warm-up: page weights in for both
    bare_results, app_results = [], []
    for _ in range(args.runs):
        bare.reset()  # a cold prompt each time, for both, so prefill is measured equally
        bare_results.append(bare_run(bare, args.max_tokens))
        engine._llm.reset()
        app_results.append(app_run(engine, args.max_tokens))
    b_ttft = statistics.median(r[0] for r in bare_results)
    a_ttft = statistics.median(r[0] for r in app_results)
    b_rate = statistics.median(r[1] for r in bare_results)
    a_rate = statistics.median(r[1] for r in app_results)
    print(f"bare llama-cpp-python : first token {b_ttft * 1000:7.1f} ms, {b_rate:6.1f} tokens/s")
    print(f"Analyst Desk engine   : first token {a_ttft * 1000:7.1f} ms, {a_rate:6.1f} tokens/s")
    print(f"ratio app/bare        : first token {a_ttft / b_ttft:5.3f}, tokens/s {a_rate / b_rate:5.3f} "
          f"(target: tokens/s ≥ 0.95, first token ≤ 1.05)")
    latencies = cancel_latency(engine)
    print(f"cancel → stream ended : max {max(latencies) * 1000:.1f} ms over {len(latencies)} trials (target < 200 ms)")
    during = prefill_cancel_latency(engine)
    print(f"  … while reading a prompt: max {max(during) * 1000:.1f} ms over {len(during)} trials (target < 200 ms)")
    bare.close()
    engine.close()
    stall, chars = gui_stall(args.model, args.max_tokens)
    print(f"GUI thread            : longest stall {stall} ms while streaming {chars} characters (target < 50 ms)")
    contention(path, threads, args.max_tokens)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
