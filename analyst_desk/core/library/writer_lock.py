"""One writer per library, across processes: an OS file lock on ``<library>/writer.lock``.

``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows (stdlib only). The kernel drops the lock
when the holding process exits, kill -9 included, so a crashed writer never leaves the library
locked. The library takes the lock around each write transaction (one document's passages and
its catalogue entry, a removal, recovery, an index rebuild, a re-embedding), so two imports read
and embed their files side by side and only their writes take turns.

Both lock kinds are per open file, so two ``Library`` objects on one folder in the same process
exclude each other just as two processes do. Threads of one process queue on an in-process mutex
first; the thread that holds the lock may take it again (nested write steps).

Network folders: NFS forwards these locks to the server's lock manager when it runs; SMB mounts
often keep them local to one machine. The README tells IT to run one scheduled writer for a
shared library for that reason.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from analyst_desk.core.errors import AppError

LOCK_FILE = "writer.lock"
#: How long a writer waits for another one by default (an import's write step is seconds; a
#: re-embedding of a large library can take minutes).
DEFAULT_TIMEOUT = 600.0
WAIT_MESSAGE = "Another import is writing to this library — waiting…"
_POLL_SECONDS = 0.1
# Windows locks a byte range; lock one byte far past the holder note so waiters can still read it.
_WINDOWS_LOCK_OFFSET = 1 << 20


class LibraryBusyError(AppError):
    """Another process kept the library's writer lock for longer than this writer would wait."""

    kind = "busy"


class LibraryReadOnlyError(AppError):
    """A write was asked of a library opened read-only (a shared department library)."""

    kind = "read-only"


@dataclass
class LockHolder:
    """Who holds the writer lock, as the holder wrote it into the lock file."""

    pid: int
    host: str
    action: str
    since: str

    def describe(self) -> str:
        return f"process {self.pid} on {self.host}: {self.action}, since {self.since}"


class WriterLock:
    """An exclusive, re-entrant (per thread), cross-process lock for one library folder."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_FILE
        self._mutex = threading.Lock()
        self._owner: int | None = None
        self._depth = 0
        self._handle = None

    @property
    def held(self) -> bool:
        """True when the calling thread holds the lock."""
        return self._owner == threading.get_ident()

    @property
    def outermost(self) -> bool:
        """True inside the first (not a nested) ``hold`` of the calling thread."""
        return self.held and self._depth == 1

    @contextmanager
    def hold(self, action: str, *, timeout: float = DEFAULT_TIMEOUT, on_wait: Callable[[str], None] | None = None,
             cancelled: Callable[[], bool] | None = None) -> Iterator[None]:
        """Hold the lock for the block. Waits up to ``timeout`` seconds (0: refuse at once).

        ``on_wait`` gets one message when the lock is busy, before waiting; ``cancelled`` is polled
        while waiting so a user's Stop ends the wait. Raises :class:`LibraryBusyError` on timeout.
        """
        if self.held:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        waiter = _Waiter(self, on_wait, cancelled, time.monotonic() + max(0.0, timeout), timeout)
        while not self._mutex.acquire(timeout=_POLL_SECONDS):  # another thread of this process writes
            waiter.waiting()
        try:
            self._acquire_file(waiter, action)
        except BaseException:
            self._mutex.release()
            raise
        self._owner, self._depth = threading.get_ident(), 1
        try:
            yield
        finally:
            self._owner, self._depth = None, 0
            self._release_file()
            self._mutex.release()

    def holder(self) -> LockHolder | None:
        """The current holder's note, if it can be read (it may be a finished holder's)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8").strip() or "{}")
            return LockHolder(int(data["pid"]), str(data["host"]), str(data["action"]), str(data["since"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    # -- the OS lock ---------------------------------------------------------------------------
    def _acquire_file(self, waiter: "_Waiter", action: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+b")  # noqa: SIM115 - kept open while the lock is held
        try:
            while not _try_lock(handle):
                waiter.waiting()
                time.sleep(_POLL_SECONDS)
            _write_note(handle, action)
        except BaseException:
            handle.close()
            raise
        self._handle = handle

    def _release_file(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            _unlock(handle)
        finally:
            handle.close()  # closing releases the lock in any case


class _Waiter:
    """Says once that the writer waits, and ends the wait on timeout or cancel."""

    def __init__(self, lock: WriterLock, on_wait, cancelled, deadline: float, timeout: float) -> None:
        self.lock, self.on_wait, self.cancelled = lock, on_wait, cancelled
        self.deadline, self.timeout = deadline, timeout
        self.told = False

    def waiting(self) -> None:
        if self.cancelled is not None and self.cancelled():
            from analyst_desk.core.errors import CancelledError

            raise CancelledError()
        if time.monotonic() >= self.deadline:
            self.give_up()
        if not self.told:
            self.told = True
            holder = self.lock.holder()
            message = WAIT_MESSAGE + (f" ({holder.describe()})" if holder else "")
            if self.on_wait is not None:
                self.on_wait(message)

    def give_up(self) -> None:
        holder = self.lock.holder()
        who = f" ({holder.describe()})" if holder else ""
        if self.timeout > 0:
            raise LibraryBusyError(code="library.busy_waited", params={"who": who, "seconds": f"{self.timeout:.0f}"})
        raise LibraryBusyError(code="library.busy_no_wait", params={"who": who})


def _write_note(handle, action: str) -> None:
    note = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "action": action,
                       "since": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")})
    handle.seek(0)
    handle.truncate()
    handle.write(note.encode("utf-8") + b"\n")
    handle.flush()


if sys.platform.startswith("win"):
    import msvcrt

    def _try_lock(handle) -> bool:
        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(handle) -> None:
        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(handle) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
