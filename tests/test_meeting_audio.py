"""A recorded call becomes an editable transcript offline (Whisper base via faster-whisper, int8 on CPU)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.core.cancel import CancelToken
from app.core.errors import InputFileError
from app.core.meeting.transcription import TranscriptionCancelled, transcribe, whisper_models

SCRIPT = ("Good morning everyone. The credit committee approved the renewal. "
          "Mary will send the credit memo to the risk team by next Friday.")


def synthesise(path: Path, text: str = SCRIPT) -> Path:
    """An English clip from espeak-ng (its Mandarin voice is unintelligible to Whisper, so tests use English)."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is missing: packaging/setup.sh installs it (apt package espeak-ng)")
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text], check=True)
    return path


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    return synthesise(tmp_path_factory.mktemp("audio") / "call.wav")


def test_an_english_recording_is_transcribed_offline_with_timestamps(clip):
    reported = []
    result = transcribe(clip, progress=reported.append)
    text = result.text.lower()
    assert "credit memo" in text and "risk" in text and "friday" in text, result.text
    assert result.text.startswith("[00:00:00]") and result.language == "en"
    assert reported and reported[-1].done == reported[-1].total
    assert 5 < result.duration < 20
    print(f"\nreal-time factor {result.real_time_factor:.2f} ({result.elapsed:.1f} s for {result.duration:.1f} s)")


def test_the_transcript_feeds_the_minutes(clip):
    from app.core.meeting.transcript import parse_transcript

    transcript = parse_transcript(transcribe(clip).text)
    assert transcript.language == "en" and all(line.timestamp for line in transcript.speech)


def test_cancel_stops_and_keeps_what_was_heard(tmp_path):
    long_clip = synthesise(tmp_path / "long.wav", " ".join([SCRIPT] * 6))
    cancel = CancelToken()
    reports = []

    def on_progress(progress):
        reports.append(progress)
        if progress.done > 0:
            cancel.cancel()

    with pytest.raises(TranscriptionCancelled) as stopped:
        transcribe(long_clip, cancel=cancel, progress=on_progress)
    partial = stopped.value.partial
    assert partial.segments and partial.segments[-1].end < partial.duration


@pytest.mark.parametrize("name, content, words", [
    ("empty.wav", b"", "is empty"),
    ("notes.wav", "这不是录音，只是改了扩展名的文本。".encode("utf-8") * 50, "could not be decoded"),
    ("call.xyz", b"RIFF....", "not a recording"),
])
def test_bad_recordings_get_a_clear_message(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFileError) as error:
        transcribe(path)
    assert words in str(error.value) and name in str(error.value)


def test_the_bundled_whisper_model_is_found():
    assert [p.name for p in whisper_models()] == ["whisper-base"]


def test_cli_transcribes_a_recording(clip, tmp_path, isolated_home):
    import os

    out = subprocess.run([sys.executable, "-m", "app", "meeting", "transcribe", str(clip), "-o",
                          str(tmp_path / "call.txt")], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "ANALYST_DESK_HOME": str(isolated_home)})
    assert out.returncode == 0, out.stderr
    assert "friday" in (tmp_path / "call.txt").read_text(encoding="utf-8").lower()
    assert "real-time factor" in out.stderr
