"""Where things live: the user's data folder, the models folder and bundled resources.

``ANALYST_DESK_HOME`` overrides the data folder and ``ANALYST_DESK_MODELS`` the models folder.
In a PyInstaller build, bundled resources come from ``sys._MEIPASS`` and models from a
``models/`` folder beside the executable (IT copies GGUF files there).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HOME_ENV = "ANALYST_DESK_HOME"
MODELS_ENV = "ANALYST_DESK_MODELS"


def _platform_data_dir() -> Path:
    if sys.platform.startswith("win"):
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "AnalystDesk"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "AnalystDesk"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "analyst-desk"


def is_frozen() -> bool:
    """True when running from a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def project_root() -> Path:
    """The source checkout root (or the folder holding the frozen executable)."""
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The one folder holding all user data (settings, index, drafts, logs). Created on demand."""
    override = os.environ.get(HOME_ENV)
    path = Path(override).expanduser() if override else _platform_data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_subdir(name: str) -> Path:
    """A named folder inside the data folder, e.g. ``index``, ``drafts``, ``logs``."""
    path = data_dir() / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def models_dir() -> Path:
    """Folder scanned for ``*.gguf`` files."""
    override = os.environ.get(MODELS_ENV)
    if override:
        return Path(override).expanduser()
    return project_root() / "models"


def resources_dir() -> Path:
    """Bundled read-only resources (templates, translations, fonts)."""
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        return Path(meipass) / "resources"
    return project_root() / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
