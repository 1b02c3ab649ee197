"""Model discovery: which GGUF files are in the models folder, and what each one is."""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from analyst_desk.core import paths
from analyst_desk.core.engine.gguf_file import FILE_TYPES, read_header
from analyst_desk.core.errors import ModelError, ModelNotFoundError

log = logging.getLogger(__name__)

# Architectures that only produce embeddings (encoders); decoder models may be embedders too
# when they declare a pooling type.
_ENCODER_ARCHS = {"bert", "nomic-bert", "nomic-bert-moe", "jina-bert-v2", "xlm-roberta", "t5encoder",
                  "modern-bert", "neo-bert"}
_QUANT_IN_NAME = re.compile(r"(I?Q\d_[A-Z0-9_]+|Q\d_\d|F16|BF16|F32)", re.IGNORECASE)


#: Tiny models the test suite uses for engine mechanics; the model picker hides them.
TEST_ONLY_MODELS = {"SmolLM2-135M-Instruct.Q4_1.gguf"}


@dataclass
class ModelInfo:
    """What the model selector and ``analyst-desk models`` show, read without loading weights."""

    path: Path
    file_name: str
    name: str
    architecture: str
    quantization: str
    parameter_count: int
    file_size: int
    context_length: int
    is_chat: bool
    is_embedding: bool
    chat_template: str | None
    error: str | None = None
    #: The load error as a value (code and parameters), for showing it in the user's language.
    problem: ModelError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def parameters_label(self) -> str:
        """135M, 494M, 7.6B — the way model cards write it."""
        n = self.parameter_count
        if n >= 1e9:
            return f"{n / 1e9:.1f}B"
        if n >= 1e6:
            return f"{n / 1e6:.0f}M"
        return str(n)

    @property
    def size_label(self) -> str:
        return f"{self.file_size / 2**20:.0f} MiB" if self.file_size < 2**30 else f"{self.file_size / 2**30:.2f} GiB"

    @property
    def test_only(self) -> bool:
        """Models shipped for the test suite (English-only, too small for real work): not offered to users."""
        return self.file_name in TEST_ONLY_MODELS

    def to_json(self) -> dict:
        data = asdict(self)
        data["path"] = str(self.path)
        data["parameters"] = self.parameters_label
        data["has_chat_template"] = bool(self.chat_template)
        data.pop("chat_template")
        return data


#: Metadata already read, by (path, size, modification time): reading a GGUF header costs ~0.15 s
#: of Python per file, which the Settings dialog paid on the GUI thread every time it opened.
_INSPECTED: dict[tuple[str, int, int], "ModelInfo"] = {}


def inspect_model(path: Path) -> ModelInfo:
    """Read one GGUF file's metadata (cached until the file changes). Raises ``ModelError`` if it
    is not a usable GGUF file."""
    path = Path(path)
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    except OSError:
        key = None
    if key is not None and key in _INSPECTED:
        return _INSPECTED[key]
    info = _inspect_model(path)
    if key is not None:
        _INSPECTED[key] = info
    return info


def _inspect_model(path: Path) -> ModelInfo:
    header = read_header(path)
    meta = header.metadata
    arch = str(meta.get("general.architecture", "unknown"))
    file_type = meta.get("general.file_type")
    quant = FILE_TYPES.get(file_type) if isinstance(file_type, int) else None
    if not quant:
        match = _QUANT_IN_NAME.search(path.stem)
        quant = match.group(1).upper() if match else "unknown"
    template = meta.get("tokenizer.chat_template")
    is_embedding = arch in _ENCODER_ARCHS or f"{arch}.pooling_type" in meta
    return ModelInfo(
        path=path,
        file_name=path.name,
        name=str(meta.get("general.name") or path.stem),
        architecture=arch,
        quantization=quant,
        parameter_count=header.parameter_count,
        file_size=header.file_size,
        context_length=int(meta.get(f"{arch}.context_length", 0) or 0),
        is_chat=bool(template) and not is_embedding,
        is_embedding=is_embedding,
        chat_template=str(template) if template else None,
    )


def discover_models(folder: Path | None = None) -> list[ModelInfo]:
    """Every ``*.gguf`` in the models folder. Broken files are listed with ``error`` set, never hidden."""
    folder = Path(folder) if folder else paths.models_dir()
    if not folder.is_dir():
        return []
    found: list[ModelInfo] = []
    for path in sorted(folder.glob("*.gguf")):
        try:
            found.append(inspect_model(path))
        except ModelError as exc:
            size = path.stat().st_size if path.exists() else 0
            found.append(ModelInfo(path=path, file_name=path.name, name=path.stem, architecture="?",
                                   quantization="?", parameter_count=0, file_size=size, context_length=0,
                                   is_chat=False, is_embedding=False, chat_template=None, error=str(exc),
                                   problem=exc))
    return found


def find_model(name: str, folder: Path | None = None) -> ModelInfo:
    """Resolve a user-given model name: a path, a file name, or a unique part of one."""
    candidate = Path(name).expanduser()
    if candidate.suffix == ".gguf" and candidate.exists():
        return inspect_model(candidate)
    models = discover_models(folder)
    exact = [m for m in models if name in (m.file_name, m.path.stem, m.name)]
    partial = exact or [m for m in models if name.lower() in m.file_name.lower()]
    if len(partial) == 1:
        model = partial[0]
        if model.error:
            raise model.problem or ModelError(model.error)
        return model
    folder_text = folder or paths.models_dir()
    if not partial:
        raise ModelNotFoundError(code="model.no_such", params={"name": name, "folder": str(folder_text)})
    names = ", ".join(m.file_name for m in partial)
    raise ModelNotFoundError(code="model.ambiguous", params={"name": name, "names": names})


def default_chat_model(preferred: str = "", folder: Path | None = None) -> ModelInfo:
    """The model the app loads when the user has not chosen one.

    The user's choice wins; otherwise the largest working chat model, on the reasoning that
    IT installs a production model (e.g. a 7B) precisely so that it is used.
    """
    if preferred:
        return find_model(preferred, folder)
    chat = [m for m in discover_models(folder) if m.ok and m.is_chat]
    if not chat:
        raise ModelNotFoundError(code="model.none", params={"folder": str(folder or paths.models_dir())})
    return max(chat, key=lambda m: m.file_size)
