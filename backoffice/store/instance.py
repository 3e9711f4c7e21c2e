"""One running Comptoir per data directory: an OS lock that cannot be deleted away.

POSIX: ``fcntl.flock(LOCK_EX | LOCK_NB)`` on the data directory itself (deleting
``comptoir.lock`` cannot free it: a second process would lock a new file), plus the lock file,
which holds the owner's pid for the message. Windows: ``msvcrt.locking(LK_NBLCK)`` on the lock
file's first byte (an open file cannot be deleted there). The OS drops the lock when the
process dies (even on kill -9), so a stale lock file never blocks a restart; the file itself
is never deleted (deleting would race). Created 0700 / 0600 whatever the umask.

The OS calls are in ``backoffice.platform.lock`` (one class per platform, injectable: the
tests drive the Windows branch on Linux through ``locks=``).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from types import TracebackType

from ..platform.lock import FileLocks, native_locks
from .errors import AlreadyRunning, DatabaseReadOnly

LOCK_FILE_NAME = "comptoir.lock"


class InstanceLock:
    """``with InstanceLock(data_dir):`` or ``acquire()`` / ``release()``."""

    def __init__(self, data_dir: os.PathLike[str] | str, name: str = LOCK_FILE_NAME, *,
                 locks: FileLocks | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / name
        self.locks = native_locks() if locks is None else locks
        self._fd: int | None = None
        self._dir_fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise :class:`AlreadyRunning` at once (never waits)."""
        if self._fd is not None:
            return
        locks = self.locks
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            dir_fd = locks.open_dir(self.data_dir)
        except PermissionError as exc:
            raise DatabaseReadOnly(self.path, str(exc)) from exc
        if dir_fd is not None:
            try:
                locks.lock(dir_fd)
            except OSError as exc:
                os.close(dir_fd)
                raise AlreadyRunning(self.data_dir, self._pid_in_file()) from exc
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except PermissionError as exc:
            _close(dir_fd)
            raise DatabaseReadOnly(self.path, str(exc)) from exc
        try:
            locks.lock(fd)
        except OSError as exc:
            pid = locks.read_pid(fd)
            os.close(fd)
            _close(dir_fd)
            raise AlreadyRunning(self.data_dir, pid) from exc
        self._fd, self._dir_fd = fd, dir_fd
        locks.write_pid(fd)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        dir_fd, self._dir_fd = self._dir_fd, None
        if fd is None:
            return
        try:
            self.locks.unlock(fd)
        finally:
            os.close(fd)
            if dir_fd is not None:
                with contextlib.suppress(OSError):
                    self.locks.unlock(dir_fd)
                os.close(dir_fd)

    def _pid_in_file(self) -> int | None:
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return None
        try:
            return self.locks.read_pid(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _close(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)
