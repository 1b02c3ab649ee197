"""User settings: a typed model owned by the core, saved as JSON in the data folder."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from app.core import paths
from app.core.fileio import atomic_write_json

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"


def default_threads() -> int:
    """Physical cores are what llama.cpp scales with; leave one logical core for the UI on big machines."""
    count = os.cpu_count() or 2
    return max(1, min(count, 8) if count <= 4 else count - 1)


@dataclass
class Settings:
    """Everything the user can change in the settings dialog (and the CLI reads)."""

    #: File name of the chat model in the models folder; empty means "pick the default".
    model: str = ""
    #: File name of a GGUF embedding model; empty means the built-in default embedder.
    embedding_model: str = ""
    threads: int = field(default_factory=default_threads)
    #: Context window in tokens; 0 means "the model's trained length, capped at 8192".
    context_size: int = 4096
    #: "auto" follows the system locale; otherwise "zh" or "en".
    language: str = "auto"
    temperature: float = 0.2
    max_tokens: int = 512
    #: Extra data folder override chosen in the dialog (takes effect on next start).
    data_folder: str = ""
    #: Library this installation imports into (a folder); empty means ``index`` in the data folder.
    #: ``ANALYST_DESK_LIBRARY`` overrides it (IT's scheduled import into a shared folder).
    library_path: str = ""
    #: A department library searched read-only beside the own one; ``ANALYST_DESK_SHARED_LIBRARY`` overrides it.
    shared_library_path: str = ""
    #: Audit log stores full prompts/passages (False stores only their hashes).
    audit_store_text: bool = True
    audit_retention_days: int = 365
    #: Mask ID/card numbers on export.
    mask_on_export: bool = True
    #: Mask personal data in prompts before the model sees them (the model is local, so this is optional).
    mask_before_model: bool = False
    #: Encrypt drafts, meeting sessions and the audit log's texts with a passphrase-derived key.
    encrypt_at_rest: bool = False
    extra: dict = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path | None = None) -> "Settings":
        """Read settings, falling back to defaults for missing or invalid values (never raises)."""
        path = (folder or paths.data_dir()) / SETTINGS_FILE
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("Settings file %s unreadable (%s); using defaults", path, exc)
            return cls()
        known = {f.name: f for f in fields(cls)}
        values = {}
        defaults = cls()
        for key, value in raw.items() if isinstance(raw, dict) else []:
            if key in known and isinstance(value, type(getattr(defaults, key))):
                values[key] = value
        return cls(**values)

    def save(self, folder: Path | None = None) -> Path:
        """Write atomically so a crash mid-save never leaves a half-written settings file."""
        path = (folder or paths.data_dir()) / SETTINGS_FILE
        atomic_write_json(path, asdict(self), indent=2)
        return path

    def effective_language(self, system_locale: str = "") -> str:
        """Resolve "auto" against a locale name such as ``zh_CN`` or ``en_US``."""
        if self.language in {"zh", "en"}:
            return self.language
        locale_name = system_locale or os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
        return "zh" if locale_name.lower().startswith("zh") else "en"
