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


_POINTER_FILE = "data-folder.txt"


def data_dir() -> Path:
    """The one folder holding all user data (settings, index, drafts, logs). Created on demand.

    ``ANALYST_DESK_HOME`` wins; otherwise a folder the user chose in settings (recorded in a
    one-line pointer file in the platform default folder); otherwise the platform default.
    """
    override = os.environ.get(HOME_ENV)
    if override:
        path = Path(override).expanduser()
    else:
        path = _platform_data_dir()
        pointer = path / _POINTER_FILE
        if pointer.is_file():
            chosen = pointer.read_text(encoding="utf-8").strip()
            if chosen:
                path = Path(chosen).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_data_folder_choice(folder: str) -> None:
    """Remember a user-chosen data folder for the next start (ignored while ``ANALYST_DESK_HOME`` is set)."""
    if os.environ.get(HOME_ENV):
        return
    default = _platform_data_dir()
    default.mkdir(parents=True, exist_ok=True)
    pointer = default / _POINTER_FILE
    if folder:
        pointer.write_text(folder, encoding="utf-8")
    else:
        pointer.unlink(missing_ok=True)


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
