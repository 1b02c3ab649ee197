"""User settings: a typed model owned by the core, saved as JSON in the data folder."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from analyst_desk.core import paths
from analyst_desk.core.fileio import atomic_write_json

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
    #: The bank's model server (OpenAI-compatible), e.g. ``https://llm.bank.internal:8000/v1``; empty: none.
    #: Its API key is not a setting: it is kept encrypted (``analyst_desk.core.engine.server_key``).
    remote_url: str = ""
    #: The server's model id; empty means the first model it lists.
    remote_model: str = ""
    #: A PEM bundle of the bank's internal CA, for a server whose certificate it signed.
    remote_ca_file: str = ""
    remote_verify_tls: bool = True
    remote_connect_timeout: float = 5.0
    #: Longest wait for the server's next data (the first token of a long prompt included).
    remote_read_timeout: float = 120.0
    #: The server model's window when the server does not publish it; 0 means ask it (else 2048).
    remote_context_size: int = 0
    #: Hosts (``host`` or ``host:port``) the app may contact; ignored when IT's policy file decides.
    allow_hosts: list = field(default_factory=list)
    #: Per task ("assistant", "ask", "drafting", "meeting"): "local" or "remote"; unset means the
    #: server when one is configured.
    task_engines: dict = field(default_factory=dict)
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
            default = getattr(defaults, key) if key in known else None
            if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)  # JSON written by hand says 5, not 5.0
            if key in known and isinstance(value, type(default)):
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
