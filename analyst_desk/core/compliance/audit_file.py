"""Low-level access to the log file: an exclusive lock across processes, reading lines from the end.

Appending only ever needs the last good record, so the file is read backwards from its end in
blocks rather than whole (a log of years of prompts can be hundreds of megabytes).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

try:  # POSIX: one writer at a time across processes (the window and a CLI run may both append)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None
try:  # Windows: the same, with a byte-range lock on the lock file's first byte
    import msvcrt
except ImportError:
    msvcrt = None

_BLOCK = 1 << 16
#: The file locked while the log is written (beside it, never replaced).
LOCK_FILE = "audit.lock"


@dataclass(frozen=True)
class Line:
    start: int  # byte offset of the line's first byte
    data: bytes  # without the newline
    terminated: bool  # ended by a newline (a torn write usually is not)

    @property
    def end(self) -> int:
        """Offset just past the line, newline included."""
        return self.start + len(self.data) + (1 if self.terminated else 0)


@contextlib.contextmanager
def exclusive(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` (a file beside the log, never replaced).

    The lock is not taken on the log itself because retention replaces the log file: a writer
    waiting on the old file's lock would then append to a file no longer in the folder.
    """
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        elif msvcrt is not None:  # pragma: no cover - Windows
            _lock_windows(fd)
        yield
    finally:
        os.close(fd)  # closing releases the lock (on Windows too, for a byte-range lock of this handle)


def _lock_windows(fd: int) -> None:  # pragma: no cover - Windows
    """Wait for the byte-range lock: LK_LOCK gives up after ten one-second tries, so try again until held."""
    while True:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
            return
        except OSError:
            continue


@contextlib.contextmanager
def open_rw(path: Path) -> Iterator[int]:
    """The log opened read-write (created if missing); yields the descriptor."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    try:
        yield fd
    finally:
        os.close(fd)


def _read_at(fd: int, offset: int, size: int) -> bytes:
    os.lseek(fd, offset, os.SEEK_SET)
    chunks, left = [], size
    while left > 0:
        chunk = os.read(fd, left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def lines_backwards(fd: int) -> Iterator[Line]:
    """The file's lines from the last to the first."""
    end = os.fstat(fd).st_size
    buf_start, buf = end, b""
    while end > 0:
        if buf_start > end - 1:
            new_start = max(0, end - _BLOCK)
            buf, buf_start = _read_at(fd, new_start, buf_start - new_start) + buf, new_start
        terminated = buf[end - 1 - buf_start] == 0x0A
        line_end = end - 1 if terminated else end
        while True:
            idx = buf.rfind(b"\n", 0, line_end - buf_start)
            if idx >= 0:
                start = buf_start + idx + 1
                break
            if buf_start == 0:
                start = 0
                break
            new_start = max(0, buf_start - _BLOCK)
            buf, buf_start = _read_at(fd, new_start, buf_start - new_start) + buf, new_start
        yield Line(start, buf[start - buf_start:line_end - buf_start], terminated)
        end = start
        # Keep memory bounded: drop what lies after the lines still to be read.
        buf = buf[:end - buf_start]


def read_range(fd: int, start: int, end: int) -> bytes:
    return _read_at(fd, start, end - start)


def append(fd: int, data: bytes) -> None:
    """Write ``data`` at the end of the file and make it durable before returning."""
    os.lseek(fd, 0, os.SEEK_END)
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.fsync(fd)


def truncate(fd: int, size: int) -> None:
    os.ftruncate(fd, size)
    os.fsync(fd)


def write_new_file(path: Path, data: bytes) -> None:
    """Write a file that must not already exist, durably (archives, quarantined lines)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
