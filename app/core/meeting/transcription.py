"""Recordings → transcript text, offline, with faster-whisper (CTranslate2 Whisper models in ``models/``).

The model folder is given to WhisperModel as a local path, so no hub lookup can happen. The
result is transcript text with one ``[hh:mm:ss] text`` line per segment, which the transcript
parser reads like any other timestamped transcript.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.core.cancel import NEVER, CancelToken
from app.core.errors import CancelledError, InputFileError, ModelError
from app.core.progress import Progress, no_progress

log = logging.getLogger(__name__)

AUDIO_SUFFIXES = {".wav", ".mp3", ".m4a", ".ogg", ".flac", ".webm", ".mp4", ".aac"}
_MODEL_FILES = ("model.bin", "config.json")


@dataclass
class AudioSegment:
    start: float
    end: float
    text: str


@dataclass
class TranscriptionResult:
    """What was heard, segment by segment, and how long it took."""

    text: str
    segments: list[AudioSegment] = field(default_factory=list)
    language: str = ""
    duration: float = 0.0  # seconds of audio
    elapsed: float = 0.0  # seconds of wall time
    model: str = ""

    @property
    def real_time_factor(self) -> float:
        return self.elapsed / self.duration if self.duration else 0.0


class TranscriptionCancelled(CancelledError):
    """Cancelled mid-way; ``partial`` holds the segments transcribed so far."""

    def __init__(self, partial: TranscriptionResult) -> None:
        super().__init__("Transcription cancelled")
        self.partial = partial


def whisper_models(models_dir: Path | None = None) -> list[Path]:
    """Folders under the models folder that hold a CTranslate2 Whisper model, largest first.

    A user who drops a larger model (e.g. ``whisper-small/``) next to the bundled base model gets it.
    """
    from app.core import paths

    root = Path(models_dir) if models_dir else paths.models_dir()
    found = []
    if root.is_dir():
        for folder in root.iterdir():
            if folder.is_dir() and all((folder / f).exists() for f in _MODEL_FILES) and \
                    ((folder / "tokenizer.json").exists() or (folder / "vocabulary.txt").exists()):
                found.append(folder)
    return sorted(found, key=lambda f: (f / "model.bin").stat().st_size, reverse=True)


def _stamp(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _check_audio(audio: Path) -> None:
    if not audio.exists():
        raise InputFileError(f"{audio.name}: file not found.", path=str(audio), status="missing")
    if audio.suffix.lower() not in AUDIO_SUFFIXES:
        raise InputFileError(f"{audio.name}: {audio.suffix or 'this file type'} is not a recording this app can "
                             f"transcribe (use {', '.join(sorted(AUDIO_SUFFIXES))}).", path=str(audio),
                             status="unsupported")
    if audio.stat().st_size == 0:
        raise InputFileError(f"{audio.name} is empty.", path=str(audio), status="empty")


def transcribe(audio: Path, *, model_dir: Path | None = None, language: str | None = None, threads: int | None = None,
               cancel: CancelToken = NEVER, progress=None) -> TranscriptionResult:
    """Transcribe ``audio`` offline. Progress is seconds of audio done out of its duration.

    Raises ``InputFileError`` for missing, empty, unsupported or undecodable files, ``ModelError``
    when no Whisper model is installed, ``TranscriptionCancelled`` (with the partial text) on cancel.
    A recording with no speech returns an empty ``text``; callers say so to the user.
    """
    progress = progress or no_progress
    audio = Path(audio)
    _check_audio(audio)
    if model_dir is None:
        models = whisper_models()
        if not models:
            raise ModelError("No speech-recognition model found in the models folder. Run "
                             "`python packaging/fetch_models.py --only whisper` (setup does this), or copy a "
                             "CTranslate2 Whisper model folder into models/.")
        model_dir = models[0]
    from app.core.config import default_threads

    started = time.perf_counter()
    try:
        from faster_whisper import WhisperModel
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ModelError("faster-whisper is not installed; run the setup command from README.md.") from exc
    try:
        model = WhisperModel(str(model_dir), device="cpu", compute_type="int8",
                             cpu_threads=threads or default_threads(), local_files_only=True)
    except Exception as exc:
        raise ModelError(f"The speech model in {Path(model_dir).name} could not be loaded: {exc}") from exc
    try:
        segments, info = model.transcribe(str(audio), language=language, beam_size=1, vad_filter=False,
                                          condition_on_previous_text=False)
    except Exception as exc:  # PyAV raises its own errors for undecodable input
        raise InputFileError(f"{audio.name} could not be decoded as audio (damaged, or another format renamed).",
                             path=str(audio), status="corrupt", detail=str(exc)) from exc
    result = TranscriptionResult(text="", language=info.language, duration=float(info.duration or 0.0),
                                 model=Path(model_dir).name)
    progress(Progress(0, int(result.duration) or 1, "transcribing"))
    lines: list[str] = []
    try:
        for segment in segments:
            said = segment.text.strip()
            if said:
                result.segments.append(AudioSegment(segment.start, segment.end, said))
                lines.append(f"[{_stamp(segment.start)}] {said}")
            progress(Progress(min(int(segment.end), int(result.duration) or 1), int(result.duration) or 1,
                              "transcribing"))
            if cancel.cancelled:
                break
    except Exception as exc:
        raise InputFileError(f"{audio.name} could not be decoded as audio (damaged, or another format renamed).",
                             path=str(audio), status="corrupt", detail=str(exc)) from exc
    result.text = "\n".join(lines)
    result.elapsed = time.perf_counter() - started
    if cancel.cancelled:
        raise TranscriptionCancelled(result)
    progress(Progress(int(result.duration) or 1, int(result.duration) or 1, "done"))
    return result
