"""Recordings → transcript text, offline, with faster-whisper (CTranslate2 Whisper models in ``models/``).

The model folder is handed to ``WhisperModel`` as a local path and must hold ``tokenizer.json``:
given a folder, faster-whisper never asks the hub for the model, but without ``tokenizer.json`` it
fetches one from the hub — so such folders are not offered. Voice detection (Silero VAD) runs from
the ONNX file shipped inside faster-whisper, so it is offline too.

The result is transcript text with one ``[hh:mm:ss] text`` line per segment, which the transcript
parser reads like any other timestamped transcript. A recording with no speech in it (silence,
room noise) is not an error: it gives an empty ``text`` and callers tell the user nothing was heard.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from analyst_desk.core.cancel import NEVER, CancelToken
from analyst_desk.core.errors import CancelledError, InputFileError, ModelError
from analyst_desk.core.progress import Progress, ProgressCallback, no_progress

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

AUDIO_SUFFIXES = {".wav", ".mp3", ".m4a", ".ogg", ".flac", ".webm", ".mp4", ".aac"}
_SAMPLE_RATE = 16_000  # what Whisper listens at; the decoder resamples to it
_MODEL_FILES = ("model.bin", "config.json", "tokenizer.json")
#: Long recordings are transcribed in blocks of about this many seconds. faster-whisper runs voice
#: detection, feature extraction and language detection over all the audio it is given before the
#: first segment arrives; on a one-hour meeting that is a long stretch with no progress and no way
#: to cancel, so it is given one block at a time.
_BLOCK_SECONDS = 600.0
#: A block ends at the quietest moment of the last stretch this long before its nominal end, so no word is cut.
_CUT_SEARCH_SECONDS = 20.0


@dataclass
class AudioSegment:
    """One stretch of speech, with its start and end in seconds from the start of the recording."""

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
        """Wall seconds per second of audio (below 1 is faster than listening)."""
        return self.elapsed / self.duration if self.duration else 0.0


class TranscriptionCancelled(CancelledError):
    """Cancelled mid-way; ``partial`` holds the segments transcribed so far."""

    def __init__(self, partial: TranscriptionResult) -> None:
        super().__init__("Transcription cancelled")
        self.partial = partial


def whisper_models(models_dir: Path | None = None) -> list[Path]:
    """Folders in the models folder holding a complete CTranslate2 Whisper model, largest first.

    A user who drops a larger model (e.g. ``whisper-small/``) next to the bundled base model gets it.
    """
    from analyst_desk.core import paths

    root = Path(models_dir) if models_dir else paths.models_dir()
    if not root.is_dir():
        return []
    found = [folder for folder in root.iterdir() if _is_whisper_model(folder)]
    return sorted(found, key=lambda f: (f / "model.bin").stat().st_size, reverse=True)


def _is_whisper_model(folder: Path) -> bool:
    return folder.is_dir() and all((folder / name).is_file() for name in _MODEL_FILES)


def transcribe(audio: Path, *, model_dir: Path | None = None, language: str | None = None, threads: int | None = None,
               cancel: CancelToken = NEVER, progress: ProgressCallback | None = None) -> TranscriptionResult:
    """Transcribe ``audio`` offline with int8 Whisper on the CPU.

    Progress is seconds of audio done out of its duration, reported as segments arrive. Cancel is
    checked before each segment is asked for; a 30-second window already being decoded finishes
    first (a few seconds on a two-core laptop), since CTranslate2 cannot be interrupted mid-window.

    Raises ``InputFileError`` for missing, empty, unsupported, undecodable or soundless files,
    ``ModelError`` when no usable Whisper model is installed, ``TranscriptionCancelled`` (with the
    partial result) on cancel. A recording with no speech returns an empty ``text``.
    """
    started = time.perf_counter()
    report = progress or no_progress
    audio = Path(audio)
    _check_file(audio)
    model_dir = _pick_model(model_dir)
    samples = _decode(audio)
    result = TranscriptionResult(text="", duration=len(samples) / _SAMPLE_RATE, model=model_dir.name)
    total = max(1, round(result.duration))
    report(Progress(0, total, "transcribing"))
    lines: list[str] = []

    def stop_if_cancelled() -> None:
        if cancel.cancelled:
            result.text = "\n".join(lines)
            result.elapsed = time.perf_counter() - started
            raise TranscriptionCancelled(result)

    stop_if_cancelled()
    model = _load_model(model_dir, threads)
    for first, last in _blocks(samples):
        stop_if_cancelled()
        offset = first / _SAMPLE_RATE
        # Greedy decoding (beam 1) is several times faster than the default beam of 5 on a laptop CPU
        # and loses little on meeting speech; not conditioning on the previous text stops Whisper from
        # repeating one line over and over after a misheard stretch.
        segments, info = model.transcribe(samples[first:last], language=language or result.language or None,
                                          beam_size=1, vad_filter=True, condition_on_previous_text=False)
        # The first block decides the language, so a mostly-English block later cannot flip a Chinese meeting.
        result.language = result.language or info.language
        for segment in segments:  # lazy: each pull may decode the next 30-second window
            said = segment.text.strip()
            if said:
                start, end = offset + segment.start, offset + segment.end
                result.segments.append(AudioSegment(start, end, said))
                lines.append(f"[{_stamp(start)}] {said}")
            report(Progress(min(total, round(offset + segment.end)), total, "transcribing",
                            counters={"segments": len(result.segments)}))
            stop_if_cancelled()
    result.text = "\n".join(lines)
    result.elapsed = time.perf_counter() - started
    report(Progress(total, total, "done", counters={"segments": len(result.segments)}))
    log.info("transcribed %s: %.1f s of audio in %.1f s (%s, %d segments)", audio.name, result.duration,
             result.elapsed, model_dir.name, len(result.segments))
    return result


def record_transcript(audit, source_name: str, result: TranscriptionResult | None) -> None:
    """Put a transcript on ``audit``'s record (an ``AuditLog``): it is an output like minutes or an answer.
    Nothing heard, nothing recorded. The log never raises; the caller asks its ``AuditWatch`` afterwards."""
    if result is not None and result.text.strip():
        audit.record(pane="meeting", kind="transcript", model_path=result.model, prompt=source_name,
                     output=result.text)


def _check_file(audio: Path) -> None:
    if not audio.is_file():
        raise InputFileError(code="file.not_found", params={"name": audio.name}, path=str(audio), status="missing")
    if audio.suffix.lower() not in AUDIO_SUFFIXES:
        raise InputFileError(code="audio.unsupported", params={"name": audio.name, "kind": audio.suffix or "—",
                                                               "allowed": ", ".join(sorted(AUDIO_SUFFIXES))},
                             path=str(audio), status="unsupported")
    if audio.stat().st_size == 0:
        raise InputFileError(code="file.empty", params={"name": audio.name}, path=str(audio), status="empty")


def _pick_model(model_dir: Path | None) -> Path:
    if model_dir is None:
        models = whisper_models()
        if not models:
            raise ModelError(code="whisper.none")
        return models[0]
    model_dir = Path(model_dir)
    if not _is_whisper_model(model_dir):
        missing = [name for name in _MODEL_FILES if not (model_dir / name).is_file()]
        raise ModelError(code="whisper.incomplete", params={"name": model_dir.name, "missing": ", ".join(missing)})
    return model_dir


def _faster_whisper():
    """The optional speech-recognition package (the ``whisper`` extra), or a message saying how to add it."""
    try:
        import faster_whisper
        import faster_whisper.audio  # noqa: F401  (decode_audio lives there)
    except ImportError as exc:
        raise ModelError(code="whisper.not_installed", detail=str(exc)) from exc
    return faster_whisper


def _decode(audio: Path) -> "np.ndarray":
    """The recording as 16 kHz mono float samples (PyAV, no ffmpeg binary needed)."""
    decode_audio = _faster_whisper().audio.decode_audio
    try:
        samples = decode_audio(str(audio), sampling_rate=_SAMPLE_RATE)
    except IndexError as exc:  # PyAV found streams, but no audio among them
        raise InputFileError(code="audio.no_track", params={"name": audio.name}, path=str(audio), status="empty",
                             detail=str(exc)) from exc
    except Exception as exc:  # av.error.* for anything that is not a recording
        raise InputFileError(code="audio.undecodable", params={"name": audio.name}, path=str(audio), status="corrupt",
                             detail=str(exc)) from exc
    if len(samples) == 0:
        raise InputFileError(code="audio.silent", params={"name": audio.name}, path=str(audio), status="empty")
    return samples


def _load_model(model_dir: Path, threads: int | None):
    from analyst_desk.core.config import default_threads

    WhisperModel = _faster_whisper().WhisperModel

    try:
        # A folder path plus local_files_only: faster-whisper opens it directly and never asks the hub.
        return WhisperModel(str(model_dir), device="cpu", compute_type="int8", cpu_threads=threads or default_threads(),
                            local_files_only=True)
    except Exception as exc:  # CTranslate2 raises RuntimeError for damaged or incompatible weights
        raise ModelError(code="whisper.unloadable", params={"name": model_dir.name}, detail=str(exc)) from exc


def _blocks(samples: "np.ndarray") -> list[tuple[int, int]]:
    """Sample ranges of about ``_BLOCK_SECONDS``, each ending at the quietest 200 ms near its nominal end."""
    import numpy as np

    step = int(_BLOCK_SECONDS * _SAMPLE_RATE)
    search = min(int(_CUT_SEARCH_SECONDS * _SAMPLE_RATE), step // 2)
    window = _SAMPLE_RATE // 5
    bounds = [0]
    while len(samples) - bounds[-1] > step + search:  # otherwise the rest fits in one last block
        end = bounds[-1] + step
        region = samples[end - search:end]
        energy = np.square(region[:len(region) // window * window]).reshape(-1, window).mean(axis=1)
        bounds.append(end - search + int(np.argmin(energy)) * window + window // 2)
    bounds.append(len(samples))
    return list(zip(bounds, bounds[1:]))


def _stamp(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
