"""Writing files so that a crash or a full disk never leaves half a file where a whole one was."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from analyst_desk.core.errors import WriteError

#: On Windows a rename onto a file that another process (a virus scanner, the search indexer, a second
#: copy of the app reading it) holds open fails with a sharing violation for a moment: retry briefly.
_REPLACE_RETRIES = 10
_REPLACE_PAUSE_SECONDS = 0.05


def replace(source: Path | str, target: Path | str) -> None:
    """Move ``source`` over ``target`` in one step (``os.replace``), retrying a Windows sharing violation.

    The one place the app renames a file into place: everything that writes atomically goes through here.
    """
    for attempt in range(_REPLACE_RETRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == _REPLACE_RETRIES - 1:
                raise
            time.sleep(_REPLACE_PAUSE_SECONDS * (attempt + 1))


def atomic_write(path: Path | str, write: Callable[[Path], None], *, mode: int | None = None) -> Path:
    """Call ``write(tmp_path)`` then move the temporary file over ``path`` in one step.

    ``write`` receives a path in the same folder (so the final rename cannot cross file
    systems). Any ``OSError`` becomes a :class:`WriteError` whose message says what to do;
    the previous file, if any, is untouched. ``mode`` (e.g. ``0o600`` for key files) is set on the
    temporary file before it is moved, so the file is never readable by others, not even for a moment.
    """
    path = Path(path)
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
        tmp = Path(name)
        if mode is not None:
            os.chmod(tmp, mode)
        write(tmp)
        with tmp.open("rb") as written:
            os.fsync(written.fileno())
        replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise WriteError(path, exc) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return path


def atomic_write_bytes(path: Path | str, data: bytes, *, mode: int | None = None) -> Path:
    return atomic_write(path, lambda tmp: tmp.write_bytes(data), mode=mode)


def atomic_write_text(path: Path | str, text: str) -> Path:
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def atomic_write_json(path: Path | str, data: Any, *, indent: int | None = 1) -> Path:
    return atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=indent))
