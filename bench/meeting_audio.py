"""Transcription benchmark: the app's transcribe() vs raw faster-whisper on the same clip, in one run.

Synthesises a ~30 s English meeting excerpt with espeak-ng, then times both (model load, decoding
and transcription included for each; interleaved runs, median) with identical decoding settings
(int8, greedy, voice detection on), and prints the real-time factor of each and their ratio
(target: app/raw ≤ 1.05 — the app adds only progress, cancel checks and bookkeeping).

Usage: python bench/meeting_audio.py [--runs N] [--threads N] [--repeat N]
"""

from __future__ import annotations

import argparse
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

SCRIPT = ("Good morning everyone. The credit committee approved the renewal of the Northwind facility. "
          "Mary will send the updated term sheet to the client by next Friday. Tom will update the risk "
          "rating memo before the end of the month. We still need to decide on a second site visit. "
          "Finance asked for the audited statements, and legal will review the guarantee wording. "
          "The next meeting is on Tuesday morning, and the branch manager will chair it.")
KEY_WORDS = ("credit committee", "term sheet", "friday", "risk", "site visit", "guarantee", "tuesday")


def raw_run(model_dir: Path, clip: Path, threads: int) -> tuple[float, float, str]:
    """Seconds, audio duration and text from bare faster-whisper with the app's decoding settings."""
    from faster_whisper import WhisperModel

    start = time.perf_counter()
    model = WhisperModel(str(model_dir), device="cpu", compute_type="int8", cpu_threads=threads,
                         local_files_only=True)
    segments, info = model.transcribe(str(clip), beam_size=1, vad_filter=True, condition_on_previous_text=False)
    text = " ".join(s.text.strip() for s in segments)
    return time.perf_counter() - start, info.duration, text


def app_run(model_dir: Path, clip: Path, threads: int) -> tuple[float, float, str, float]:
    """Seconds, duration, text, and seconds until the first segment's progress report."""
    from analyst_desk.core.meeting.transcription import transcribe

    start = time.perf_counter()
    first: list[float] = []

    def on_progress(progress) -> None:
        if progress.done and not first:
            first.append(time.perf_counter() - start)

    result = transcribe(clip, model_dir=model_dir, threads=threads, progress=on_progress)
    return result.elapsed, result.duration, result.text, first[0] if first else 0.0


def heard(text: str) -> str:
    text = text.lower()
    return f"{sum(word in text for word in KEY_WORDS)}/{len(KEY_WORDS)} key phrases"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0, help="default: the app's default_threads()")
    parser.add_argument("--repeat", type=int, default=1, help="say the ~30 s script this many times (longer clip)")
    args = parser.parse_args()

    from analyst_desk.core import offline

    offline.apply_offline_environment()
    offline.install_socket_guard()  # a connection attempt would fail the run instead of going unnoticed

    from analyst_desk.core.config import default_threads
    from analyst_desk.core.meeting.transcription import whisper_models

    if shutil.which("espeak-ng") is None:
        print("espeak-ng is not installed (packaging/setup.sh installs it)")
        return 1
    models = whisper_models()
    if not models:
        print("no Whisper model in models/: run python packaging/fetch_models.py --only whisper")
        return 1
    model_dir = models[0]
    threads = args.threads or default_threads()
    with tempfile.TemporaryDirectory() as folder:
        clip = Path(folder) / "meeting.wav"
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(clip), " ".join([SCRIPT] * args.repeat)],
                       check=True)
        raw_run(model_dir, clip, threads)  # warm-up: page the weights in and load the VAD model once
        raws, apps = [], []
        for _ in range(args.runs):  # interleaved: the machine is shared and its load drifts
            raws.append(raw_run(model_dir, clip, threads))
            apps.append(app_run(model_dir, clip, threads))
    duration = apps[0][1]
    raw_seconds = statistics.median(r[0] for r in raws)
    app_seconds = statistics.median(a[0] for a in apps)
    first = statistics.median(a[3] for a in apps)
    print(f"machine: {os.cpu_count()} cores, {threads} threads; model {model_dir.name} (int8, greedy, voice detection); "
          f"clip {duration:.1f} s of espeak-ng English; median of {args.runs} interleaved runs, model load included")
    print(f"raw faster-whisper    : {raw_seconds:5.2f} s, real-time factor {raw_seconds / duration:5.3f}, "
          f"{heard(raws[-1][2])}")
    print(f"Analyst Desk          : {app_seconds:5.2f} s, real-time factor {app_seconds / duration:5.3f}, "
          f"{heard(apps[-1][2])}; first segment after {first:.2f} s")
    print(f"ratio app/raw         : {app_seconds / raw_seconds:5.3f} (target ≤ 1.05)")
    print(f"network               : {len(offline.connection_attempts)} connection attempts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
