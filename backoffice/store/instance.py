"""One running Comptoir per data directory: an OS lock that cannot be deleted away.

POSIX: ``fcntl.flock(LOCK_EX | LOCK_NB)`` on the data directory itself (deleting
``comptoir.lock`` cannot free it: a second process would lock a new file), plus the lock file,
which holds the owner's pid for the message. Windows: ``msvcrt.locking(LK_NBLCK)`` on the lock
file's first byte (an open file cannot be deleted there). The OS drops the lock when the
process dies (even on kill -9), so a stale lock file never blocks a restart; the file itself
is never deleted (deleting would race). Created 0700 / 0600 whatever the umask.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from types import TracebackType

from .errors import AlreadyRunning, DatabaseReadOnly

LOCK_FILE_NAME = "comptoir.lock"


class InstanceLock:
    """``with InstanceLock(data_dir):`` or ``acquire()`` / ``release()``."""

    def __init__(self, data_dir: os.PathLike[str] | str, name: str = LOCK_FILE_NAME) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / name
        self._fd: int | None = None
        self._dir_fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise :class:`AlreadyRunning` at once (never waits)."""
        if self._fd is not None:
            return
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            dir_fd = _open_dir(self.data_dir)
        except PermissionError as exc:
            raise DatabaseReadOnly(self.path, str(exc)) from exc
        if dir_fd is not None:
            try:
                _lock(dir_fd)
            except OSError as exc:
                os.close(dir_fd)
                raise AlreadyRunning(self.data_dir, _pid_in(self.path)) from exc
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except PermissionError as exc:
            _close(dir_fd)
            raise DatabaseReadOnly(self.path, str(exc)) from exc
        try:
            _lock(fd)
        except OSError as exc:
            pid = _read_pid(fd)
            os.close(fd)
            _close(dir_fd)
            raise AlreadyRunning(self.data_dir, pid) from exc
        self._fd, self._dir_fd = fd, dir_fd
        _write_pid(fd)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        dir_fd, self._dir_fd = self._dir_fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)
            if dir_fd is not None:
                with contextlib.suppress(OSError):
                    _unlock(dir_fd)
                os.close(dir_fd)

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


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _write_pid(fd: int) -> None:
        pass  # the locked byte cannot be read by others on Windows: keep the file empty

    def _read_pid(fd: int) -> int | None:
        return None

    def _open_dir(path: Path) -> int | None:
        return None  # Windows: the open lock file cannot be deleted

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _open_dir(path: Path) -> int | None:
        return os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _write_pid(fd: int) -> None:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        os.fsync(fd)

    def _read_pid(fd: int) -> int | None:
        try:
            text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            return int(text) if text.isdigit() else None
        except OSError:
            return None


def _close(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)


def _pid_in(path: Path) -> int | None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        return _read_pid(fd)
    finally:
        os.close(fd)
