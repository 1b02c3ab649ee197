"""Writing files so that a crash or a full disk never leaves half a file where a whole one was."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable

from analyst_desk.core.errors import WriteError


def atomic_write(path: Path | str, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` then move the temporary file over ``path`` in one step.

    ``write`` receives a path in the same folder (so the final rename cannot cross file
    systems). Any ``OSError`` becomes a :class:`WriteError` whose message says what to do;
    the previous file, if any, is untouched.
    """
    path = Path(path)
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
        tmp = Path(name)
        write(tmp)
        with tmp.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise WriteError(path, exc) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return path


def atomic_write_bytes(path: Path | str, data: bytes) -> Path:
    return atomic_write(path, lambda tmp: tmp.write_bytes(data))


def atomic_write_text(path: Path | str, text: str) -> Path:
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def atomic_write_json(path: Path | str, data: Any, *, indent: int | None = 1) -> Path:
    return atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=indent))
