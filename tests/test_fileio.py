"""Files are written whole or not at all, key files are never readable by others, and a rename that
Windows refuses for a moment (a scanner holding the file) is retried rather than lost."""

from __future__ import annotations

import os
import stat

import pytest

from analyst_desk.core import fileio
from analyst_desk.core.errors import WriteError


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_a_key_file_is_written_owner_only_from_the_first_byte(tmp_path):
    seen = []

    def write(tmp):
        seen.append(stat.S_IMODE(tmp.stat().st_mode))  # the mode while the secret is being written
        tmp.write_bytes(b"secret")

    path = fileio.atomic_write(tmp_path / "audit.key", write, mode=0o600)
    assert seen == [0o600]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.read_bytes() == b"secret"


def test_a_failed_write_keeps_the_previous_file(tmp_path):
    path = fileio.atomic_write_text(tmp_path / "settings.json", "old")

    def broken(tmp):
        raise OSError(28, "No space left on device")

    with pytest.raises(WriteError) as caught:
        fileio.atomic_write(path, broken)
    assert caught.value.code == "write.no_space"
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_a_sharing_violation_on_windows_is_retried(tmp_path, monkeypatch):
    source, target = tmp_path / "a.tmp", tmp_path / "a"
    source.write_text("new")
    real_replace, calls = os.replace, []

    def held_open_twice(src, dst):
        calls.append(1)
        if len(calls) <= 2:
            raise PermissionError(13, "The process cannot access the file because it is being used")
        real_replace(src, dst)

    monkeypatch.setattr(fileio.os, "replace", held_open_twice)
    monkeypatch.setattr(fileio.os, "name", "nt")
    monkeypatch.setattr(fileio.time, "sleep", lambda s: None)
    fileio.replace(source, target)
    assert len(calls) == 3 and target.read_text() == "new"


def test_a_permission_error_elsewhere_is_not_retried(tmp_path, monkeypatch):
    calls = []

    def refused(src, dst):
        calls.append(1)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fileio.os, "replace", refused)
    with pytest.raises(PermissionError):
        fileio.replace(tmp_path / "x", tmp_path / "y")
    assert len(calls) == (fileio._REPLACE_RETRIES if os.name == "nt" else 1)
