"""A recorded call becomes an editable transcript offline (Whisper base via faster-whisper, int8 on CPU).

Clips are spoken by espeak-ng in English: its Mandarin voice is unintelligible to Whisper.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from analyst_desk.core import offline
from analyst_desk.core.cancel import CancelToken
from analyst_desk.core.errors import CancelledError, InputFileError, ModelError
from analyst_desk.core.meeting import transcription
from analyst_desk.core.meeting.transcription import TranscriptionCancelled, transcribe, whisper_models
from tests.conftest import MODELS

# Drives the real chat model, Whisper or the app's own processes: the slow tier.
pytestmark = pytest.mark.slow

SCRIPT = "Good morning. Zhang Wei will send the credit memo to the risk team by next Friday."
KEY_WORDS = ("credit memo", "risk", "friday")
#: About 30 seconds of varied speech (Whisper falls back to random sampling on verbatim repeats).
LONG_SCRIPT = ("Good morning everyone. The credit committee approved the renewal of the Northwind facility. "
               "Mary will send the updated term sheet to the client by next Friday. Tom will update the risk "
               "rating memo before the end of the month. We still need to decide on a second site visit. "
               "Finance asked for the audited statements, and legal will review the guarantee wording.")


def synthesise(path: Path, text: str = SCRIPT) -> Path:
    """An English clip from espeak-ng."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is missing: packaging/setup.sh installs it (apt package espeak-ng)")
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text], check=True)
    return path


def reencode(source: Path, target: Path, codec: str) -> Path:
    """Re-encode a clip with PyAV itself (there is no ffmpeg binary), as a phone or recorder would save it."""
    import av

    with av.open(str(source)) as recording, av.open(str(target), "w") as out:
        stream = out.add_stream(codec, rate=22_050)
        for frame in recording.decode(audio=0):
            frame.pts = None
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return target


def write_wav(path: Path, samples: np.ndarray, rate: int = 16_000) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return path


def heard_everything(text: str) -> bool:
    text = text.lower()
    return all(word in text for word in KEY_WORDS)


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    return synthesise(tmp_path_factory.mktemp("audio") / "call.wav")


def test_an_english_recording_is_transcribed_offline_with_timestamps(clip):
    reported = []
    result = transcribe(clip, progress=reported.append)
    assert heard_everything(result.text), result.text
    assert result.language == "en" and result.model == "whisper-base"
    lines = result.text.splitlines()
    assert len(lines) == len(result.segments) and all(line.startswith("[00:00:0") for line in lines), result.text
    assert [s.start for s in result.segments] == sorted(s.start for s in result.segments)
    assert 4 < result.duration < 10
    assert reported[0].done == 0 and reported[-1].done == reported[-1].total == round(result.duration)
    assert [p.done for p in reported] == sorted(p.done for p in reported)
    print(f"\nreal-time factor {result.real_time_factor:.2f} ({result.elapsed:.1f} s for {result.duration:.1f} s)")


def test_transcription_opens_no_network_connection(clip):
    """The suite's socket guard would refuse a connection; this proves none is even attempted."""
    assert offline.socket.socket is offline._GuardedSocket
    before = len(offline.connection_attempts)
    result = transcribe(clip)
    assert heard_everything(result.text)
    assert offline.connection_attempts[before:] == []


def test_mp3_and_m4a_recordings_are_transcribed_too(clip, tmp_path):
    for name, codec in (("call.mp3", "libmp3lame"), ("call.m4a", "aac")):
        result = transcribe(reencode(clip, tmp_path / name, codec))
        assert heard_everything(result.text), f"{name}: {result.text}"


def test_the_transcript_feeds_the_minutes(clip):
    from analyst_desk.core.meeting.transcript import parse_transcript

    transcript = parse_transcript(transcribe(clip).text)
    assert transcript.language == "en" and transcript.speech
    assert all(line.timestamp for line in transcript.speech)


def test_a_long_recording_is_transcribed_block_by_block_without_losing_words(clip, monkeypatch):
    """Blocks are normally 10 minutes; shrunk here so an 8-second clip is cut twice at its pauses."""
    monkeypatch.setattr(transcription, "_BLOCK_SECONDS", 2.5)
    result = transcribe(clip)
    assert heard_everything(result.text), result.text
    starts = [s.start for s in result.segments]
    assert starts == sorted(starts) and result.segments[-1].end <= result.duration + 0.5
    assert result.segments[-1].start > 2.0  # later blocks keep their place in the recording


def test_cancel_stops_at_once_and_keeps_what_was_heard(tmp_path):
    long_clip = synthesise(tmp_path / "long.wav", LONG_SCRIPT)
    cancel = CancelToken()
    cancelled_at = []

    def on_progress(progress):
        if progress.done > 0 and not cancel.cancelled:
            cancel.cancel()
            cancelled_at.append(time.perf_counter())

    with pytest.raises(TranscriptionCancelled) as stopped:
        transcribe(long_clip, cancel=cancel, progress=on_progress)
    latency = time.perf_counter() - cancelled_at[0]
    partial = stopped.value.partial
    assert partial.segments and partial.segments[-1].end < partial.duration
    assert partial.text.splitlines()[0].startswith("[00:00:00]") and "morning" in partial.text.lower()
    print(f"\n{latency:.2f} s from cancel to stop")  # a figure, not a limit: timings belong in benchmarks


def test_cancel_before_any_speech_is_decoded_returns_promptly(clip):
    cancel = CancelToken()

    def on_first_report(progress):
        cancel.cancel()

    started = time.perf_counter()
    with pytest.raises(CancelledError) as stopped:
        transcribe(clip, cancel=cancel, progress=on_first_report)
    assert stopped.value.partial.segments == []
    assert time.perf_counter() - started < 5.0  # nothing was decoded; a full run of this clip takes longer


def test_a_recording_without_speech_gives_an_empty_transcript(tmp_path):
    """Room noise only: voice detection finds nothing, so Whisper is not asked to invent words."""
    noise = np.random.default_rng(7).standard_normal(16_000 * 6) * 0.003
    result = transcribe(write_wav(tmp_path / "silence.wav", noise))
    assert result.text == "" and result.segments == [] and result.duration == pytest.approx(6, abs=0.1)


@pytest.mark.parametrize("name, content, words", [
    ("empty.wav", b"", "is empty"),
    ("notes.wav", "这不是录音，只是改了扩展名的文本。".encode("utf-8") * 50, "could not be decoded as audio"),
    ("call.xyz", b"RIFF....", "is not a recording this app can transcribe"),
])
def test_bad_recordings_get_a_clear_message(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFileError) as error:
        transcribe(path)
    assert words in str(error.value) and name in str(error.value)


def test_a_missing_or_soundless_recording_gets_a_clear_message(tmp_path):
    with pytest.raises(InputFileError, match="gone.wav: file not found"):
        transcribe(tmp_path / "gone.wav")
    with pytest.raises(InputFileError, match="no sound"):
        transcribe(write_wav(tmp_path / "header-only.wav", np.zeros(0)))


def test_the_bundled_whisper_model_is_found():
    assert [p.name for p in whisper_models()] == ["whisper-base"]


def test_without_a_whisper_model_the_message_says_how_to_get_one(clip, tmp_path, monkeypatch):
    # A folder without tokenizer.json would make faster-whisper fetch one from the hub, so it does not count.
    incomplete = tmp_path / "whisper-small"
    incomplete.mkdir()
    for name in ("model.bin", "config.json", "vocabulary.txt"):
        (incomplete / name).write_bytes(b"x")
    monkeypatch.setenv("ANALYST_DESK_MODELS", str(tmp_path))
    assert whisper_models() == []
    with pytest.raises(ModelError, match="fetch_models.py --only whisper"):
        transcribe(clip)
    with pytest.raises(ModelError, match="missing tokenizer.json"):
        transcribe(clip, model_dir=incomplete)


def test_cli_transcribes_a_recording(clip, tmp_path, isolated_home):
    out = subprocess.run([sys.executable, "-m", "analyst_desk", "meeting", "transcribe", str(clip), "-o",
                          str(tmp_path / "call.txt")], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "ANALYST_DESK_HOME": str(isolated_home),
                              "ANALYST_DESK_MODELS": str(MODELS), "ANALYST_DESK_BLOCK_NETWORK": "1"})
    assert out.returncode == 0, out.stderr
    assert heard_everything((tmp_path / "call.txt").read_text(encoding="utf-8"))
    assert "real-time factor" in out.stderr and "Blocked" not in out.stderr
