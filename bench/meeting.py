"""Meeting benchmark: minutes for a 10,000-character transcript, and transcription speed.

Prints wall time, tokens/s, the share of time spent in the model vs in the app (parsing,
detection, tracing, checks), and bare llama-cpp-python's tokens/s on the first prompt of the
run for comparison; then the Whisper real-time factor of the app vs raw faster-whisper (``bench/meeting_audio.py``).

Usage: python bench/meeting.py [--segments N] [--no-audio]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def bare_tokens_per_second(model_path: Path, threads: int, prompt: str) -> tuple[float, int]:
    from llama_cpp import Llama

    llm = Llama(model_path=str(model_path), n_ctx=4096, n_threads=threads, n_threads_batch=threads, seed=42,
                verbose=False)
    start, first, count = time.perf_counter(), None, 0
    for event in llm.create_chat_completion(messages=[{"role": "user", "content": prompt}], stream=True,
                                            max_tokens=200, temperature=0.1):
        if event["choices"][0].get("delta", {}).get("content"):
            count += 1
            first = first or time.perf_counter()
    total = time.perf_counter() - start
    llm.close()
    rate = (count - 1) / (time.perf_counter() - first) if count > 1 and first else 0.0
    return rate, int(total * 1000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=30, help="client segments in the generated meeting")
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf")
    parser.add_argument("--no-audio", action="store_true")
    args = parser.parse_args()

    from app.core.config import default_threads
    from app.core.engine.base import LoadOptions
    from app.core.engine.llama_engine import LlamaEngine
    from app.core.meeting.summarize import chunk_transcript, summarize_meeting
    from app.core.meeting.transcript import parse_transcript
    from tests.meeting_docs import long_chinese_meeting

    threads = default_threads()
    text, planted = long_chinese_meeting(args.segments)
    model_path = ROOT / "models" / args.model
    print(f"machine: {os.cpu_count()} cores, {threads} threads; model {args.model}; transcript {len(text):,} characters, "
          f"{text.count(chr(10)):,} lines, {len(planted)} planted tasks")
    engine = LlamaEngine(model_path, LoadOptions(context_size=4096, threads=threads)).load()
    start = time.perf_counter()
    transcript = parse_transcript(text)
    minutes = summarize_meeting(transcript, engine)
    wall = time.perf_counter() - start
    found = sum(1 for p in planted if any(p.line in i.lines and i.owner == p.owner for i in minutes.action_items))
    app_seconds = wall - minutes.model_seconds
    rate = minutes.model_tokens / minutes.model_seconds if minutes.model_seconds else 0.0
    print(f"minutes               : {wall:6.1f} s wall, {minutes.chunks} chunks, {len(minutes.action_items)} action items "
          f"({found}/{len(planted)} planted tasks with the right owner and line)")
    print(f"time in the model     : {minutes.model_seconds:6.1f} s ({minutes.model_seconds / wall:5.1%}), "
          f"{minutes.model_tokens} tokens written, {rate:5.1f} tokens/s including prefill")
    print(f"time in the app       : {app_seconds:6.2f} s ({app_seconds / wall:5.1%}) — parsing, detection, tracing, checks")
    chunks = chunk_transcript(transcript, engine)
    engine.close()
    prompt = "会议记录：\n" + chunks[0] + "\n\n用两三句话概括这段会议讨论了什么、定了什么。"
    bare_rate, bare_ms = bare_tokens_per_second(model_path, threads, prompt)
    print(f"bare llama-cpp-python : {bare_rate:5.1f} tokens/s decoding on the first chunk's summary prompt "
          f"({bare_ms} ms for the call)")
    if not args.no_audio:
        audio_benchmark(threads)
    return 0


def audio_benchmark(threads: int) -> None:
    """Transcription speed, app vs raw faster-whisper with identical settings: ``bench/meeting_audio.py``."""
    print("transcription (bench/meeting_audio.py):", flush=True)
    subprocess.run([sys.executable, str(ROOT / "bench" / "meeting_audio.py"), "--threads", str(threads)], check=False)


if __name__ == "__main__":
    raise SystemExit(main())
