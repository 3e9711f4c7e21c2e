"""File locks' operating-system calls, one class per platform: the instance lock
(``store.instance.InstanceLock``, which holds the logic: what to lock, the errors) and the
manager code's vault lock (``pin``, :func:`exclusive`: a blocking one).

* POSIX: ``flock(LOCK_EX | LOCK_NB)``, on the data directory itself as well as on the lock
  file (deleting ``comptoir.lock`` cannot free it), and the owner's pid in the file for the
  message.
* Windows: ``msvcrt.locking(LK_NBLCK)`` on the lock file's first byte. An open file cannot
  be deleted there, so the directory needs no lock (nor can a directory be opened with
  ``os.open``); a locked byte cannot be read by anyone else, so the file holds no pid.

The OS drops both kinds of lock when the process dies (even killed), so a stale file never
blocks a restart. :class:`WindowsLocks` takes its ``msvcrt`` module as a parameter: the test
suite drives the Windows branch on Linux with a stand-in (tests/platform/test_lock.py).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol, cast

from . import is_windows


class FileLocks(Protocol):
    """Non-blocking exclusive locks; ``lock`` raises OSError when another holder has it."""

    def open_dir(self, path: Path) -> int | None: ...
    def lock(self, fd: int) -> None: ...
    def lock_waiting(self, fd: int) -> None: ...
    def unlock(self, fd: int) -> None: ...
    def write_pid(self, fd: int) -> None: ...
    def read_pid(self, fd: int) -> int | None: ...


class Msvcrt(Protocol):
    """What :class:`WindowsLocks` uses of the ``msvcrt`` module."""

    LK_LOCK: int
    LK_NBLCK: int
    LK_UNLCK: int

    def locking(self, fd: int, mode: int, nbytes: int, /) -> None: ...


class PosixLocks:
    def __init__(self) -> None:
        import fcntl  # a plain import, so that PyInstaller's analysis sees it

        self._fcntl: Any = fcntl  # Any: type-checked for Windows too, where fcntl is empty

    def open_dir(self, path: Path) -> int | None:
        return os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))

    def lock(self, fd: int) -> None:
        self._fcntl.flock(fd, self._fcntl.LOCK_EX | self._fcntl.LOCK_NB)

    def lock_waiting(self, fd: int) -> None:
        self._fcntl.flock(fd, self._fcntl.LOCK_EX)

    def unlock(self, fd: int) -> None:
        self._fcntl.flock(fd, self._fcntl.LOCK_UN)

    def write_pid(self, fd: int) -> None:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode())
        os.fsync(fd)

    def read_pid(self, fd: int) -> int | None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            text = os.read(fd, 32).decode("ascii", "replace").strip()
            return int(text) if text.isdigit() else None
        except OSError:
            return None


class WindowsLocks:
    """``msvcrt.locking`` locks from the file's current position: always seek to 0 first."""

    def __init__(self, msvcrt: Msvcrt | None = None) -> None:
        self._msvcrt = msvcrt

    @property
    def msvcrt(self) -> Msvcrt:
        if self._msvcrt is None:  # imported at first use: the class exists everywhere
            import msvcrt

            self._msvcrt = cast(Msvcrt, msvcrt)
        return self._msvcrt

    def open_dir(self, path: Path) -> int | None:
        return None  # the open lock file cannot be deleted on Windows

    def lock(self, fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        self.msvcrt.locking(fd, self.msvcrt.LK_NBLCK, 1)

    def lock_waiting(self, fd: int) -> None:
        """Windows retries once a second for about 10 s, then raises OSError."""
        os.lseek(fd, 0, os.SEEK_SET)
        self.msvcrt.locking(fd, self.msvcrt.LK_LOCK, 1)

    def unlock(self, fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        self.msvcrt.locking(fd, self.msvcrt.LK_UNLCK, 1)

    def write_pid(self, fd: int) -> None:
        pass  # the locked byte cannot be read by others on Windows: keep the file empty

    def read_pid(self, fd: int) -> int | None:
        return None


def native_locks(platform: str | None = None) -> FileLocks:
    """The lock calls of ``platform`` (default: this machine's)."""
    return WindowsLocks() if is_windows(platform) else PosixLocks()


@contextlib.contextmanager
def exclusive(path: Path, locks: FileLocks | None = None) -> Iterator[None]:
    """An exclusive lock on the file ``path`` (created 0600), waiting for its holder; freed on
    leaving, also when the process dies."""
    calls = locks or native_locks()
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        calls.lock_waiting(fd)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                calls.unlock(fd)
    finally:
        os.close(fd)
