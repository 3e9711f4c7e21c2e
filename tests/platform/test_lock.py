"""The instance lock's Windows branch (``msvcrt.locking`` on the lock file's first byte),
driven on this machine through ``InstanceLock(locks=WindowsLocks(stand_in))``; on a Windows
runner the same tests wrap the real ``msvcrt``.

The stand-in keeps Windows' rules that matter here: a byte locked through one handle cannot
be locked through another (same process or not); ``locking`` starts at the file's current
position; ``LK_NBLCK`` fails at once with OSError (EACCES), never waits."""

from __future__ import annotations

import errno
import importlib
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from backoffice.platform.lock import PosixLocks, WindowsLocks, native_locks
from backoffice.store.errors import AlreadyRunning
from backoffice.store.instance import InstanceLock

REPO = Path(__file__).resolve().parents[2]


class FakeMsvcrt:
    """``msvcrt.locking`` for one byte at offset 0: on Windows the real one, elsewhere an
    exclusive lock on the open file description (flock), which conflicts like Windows'
    handle locks. Records every call with the file position it was made at."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4

    def __init__(self) -> None:
        self.calls: list[tuple[int, int, int, int]] = []  # (fd, mode, nbytes, position)
        self.real: Any = importlib.import_module("msvcrt") if sys.platform == "win32" else None
        if self.real is not None:
            assert (self.real.LK_UNLCK, self.real.LK_NBLCK) == (self.LK_UNLCK, self.LK_NBLCK)

    def locking(self, fd: int, mode: int, nbytes: int, /) -> None:
        position = os.lseek(fd, 0, os.SEEK_CUR)
        self.calls.append((fd, mode, nbytes, position))
        assert nbytes == 1 and position == 0, "Windows locks from the current position"
        assert mode in (self.LK_NBLCK, self.LK_UNLCK), "the instance lock must never wait"
        if self.real is not None:
            self.real.locking(fd, mode, nbytes)
            return
        import fcntl

        if mode == self.LK_UNLCK:
            fcntl.flock(fd, fcntl.LOCK_UN)
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OSError(errno.EACCES, "Permission denied") from None


def windows_lock(data_dir: Path, msvcrt: FakeMsvcrt) -> InstanceLock:
    return InstanceLock(data_dir, locks=WindowsLocks(msvcrt))


def test_native_locks_follow_the_platform() -> None:
    assert isinstance(native_locks("win32"), WindowsLocks)  # msvcrt imported only when used
    assert isinstance(native_locks("linux"), PosixLocks)
    assert isinstance(native_locks("darwin"), PosixLocks)
    assert isinstance(InstanceLock("x").locks, WindowsLocks if sys.platform == "win32"
                      else PosixLocks)


def test_windows_second_open_is_refused_until_the_first_releases(tmp_path: Path) -> None:
    msvcrt = FakeMsvcrt()
    first = windows_lock(tmp_path / "data", msvcrt)
    first.acquire()
    second = windows_lock(tmp_path / "data", msvcrt)
    with pytest.raises(AlreadyRunning) as caught:
        second.acquire()
    assert not second.held and caught.value.pid is None  # the locked byte cannot be read
    assert "déjà ouvert" in caught.value.fr and "already running" in caught.value.en
    # Windows branch: only the lock file is locked (no directory handle), one byte at 0,
    # never a blocking mode; the file stays empty (no pid written into a locked byte)
    assert {mode for _, mode, _, _ in msvcrt.calls} == {msvcrt.LK_NBLCK}
    lock_file = tmp_path / "data" / "comptoir.lock"
    assert lock_file.read_bytes() == b""
    first.release()
    assert msvcrt.calls[-1][1] == msvcrt.LK_UNLCK
    second.acquire()
    assert second.held and lock_file.exists()  # the file is never deleted
    second.release()


def test_windows_lock_seeks_to_the_first_byte_before_locking(tmp_path: Path) -> None:
    msvcrt = FakeMsvcrt()
    locks = WindowsLocks(msvcrt)
    fd = os.open(tmp_path / "f", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.write(fd, b"something")  # the position is now 9: locking there would lock byte 9
        locks.lock(fd)
        os.lseek(fd, 5, os.SEEK_SET)
        locks.unlock(fd)
        assert [(m, pos) for _, m, _, pos in msvcrt.calls] == [(msvcrt.LK_NBLCK, 0),
                                                               (msvcrt.LK_UNLCK, 0)]
    finally:
        os.close(fd)


HOLDER = """
import sys
sys.path.insert(0, sys.argv[2])
from tests.platform.test_lock import FakeMsvcrt, windows_lock
from pathlib import Path
lock = windows_lock(Path(sys.argv[1]), FakeMsvcrt())
lock.acquire()
print("locked", flush=True)
sys.stdin.readline()
"""


def test_windows_lock_is_refused_to_another_process_and_freed_when_it_dies(
        tmp_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path), str(REPO)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "locked"
        with pytest.raises(AlreadyRunning):
            windows_lock(tmp_path, FakeMsvcrt()).acquire()
    finally:
        child.kill()  # dies holding the lock: the OS frees it, the file stays
        child.wait()
    lock = windows_lock(tmp_path, FakeMsvcrt())
    deadline = time.monotonic() + 10  # Windows frees a dead process's locks "soon"
    while True:
        try:
            lock.acquire()
            break
        except AlreadyRunning:
            if sys.platform != "win32" or time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    assert lock.held
    lock.release()


def test_windows_release_survives_a_failing_unlock(tmp_path: Path) -> None:
    class Failing(FakeMsvcrt):
        def locking(self, fd: int, mode: int, nbytes: int, /) -> None:
            if mode == self.LK_UNLCK:
                raise OSError(errno.EACCES, "unlock failed")
            super().locking(fd, mode, nbytes)

    lock = windows_lock(tmp_path, Failing())
    lock.acquire()
    with pytest.raises(OSError):
        lock.release()
    assert not lock.held  # the handle is closed anyway, which drops the lock
    with windows_lock(tmp_path, FakeMsvcrt()):
        pass


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX branch (flock)")
def test_posix_branch_locks_the_directory_and_names_the_owner(tmp_path: Path) -> None:
    with InstanceLock(tmp_path, locks=PosixLocks()):
        (tmp_path / "comptoir.lock").unlink()  # deleting the file does not free the lock
        with pytest.raises(AlreadyRunning):
            InstanceLock(tmp_path, locks=PosixLocks()).acquire()
    with InstanceLock(tmp_path, locks=PosixLocks()):
        assert (tmp_path / "comptoir.lock").read_text().strip() == str(os.getpid())


class WaitingMsvcrt:
    """Records the manager code's vault lock calls (``LK_LOCK``: Windows waits for it)."""

    LK_UNLCK, LK_LOCK, LK_NBLCK = 0, 1, 2

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []  # (mode, file position)

    def locking(self, fd: int, mode: int, nbytes: int, /) -> None:
        assert nbytes == 1
        self.calls.append((mode, os.lseek(fd, 0, os.SEEK_CUR)))


def test_the_vault_lock_waits_for_its_byte_on_windows_then_frees_it(tmp_path: Path) -> None:
    from backoffice.platform.lock import exclusive

    fake = WaitingMsvcrt()
    with exclusive(tmp_path / "vault.lock", WindowsLocks(fake)):
        assert fake.calls == [(fake.LK_LOCK, 0)]  # a waiting lock, from the first byte
    assert fake.calls == [(fake.LK_LOCK, 0), (fake.LK_UNLCK, 0)]


@pytest.mark.skipif(sys.platform == "win32", reason="flock: the POSIX branch")
def test_the_vault_lock_makes_a_second_holder_wait_its_turn(tmp_path: Path) -> None:
    import threading

    from backoffice.platform.lock import exclusive

    path, events = tmp_path / "vault.lock", []
    second_started = threading.Event()

    def second() -> None:
        second_started.set()
        with exclusive(path):
            events.append("second in")

    with exclusive(path):
        events.append("first in")
        worker = threading.Thread(target=second)
        worker.start()
        second_started.wait(5)
        time.sleep(0.2)  # room for the second holder to (wrongly) get in
        events.append("first out")
    worker.join(5)
    assert events == ["first in", "first out", "second in"]
