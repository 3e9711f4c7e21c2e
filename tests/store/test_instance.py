"""Single instance per data directory."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from backoffice.store.errors import AlreadyRunning
from backoffice.store.instance import InstanceLock

REPO = Path(__file__).resolve().parents[2]

HOLDER = """
import sys
from backoffice.store.instance import InstanceLock
lock = InstanceLock(sys.argv[1])
lock.acquire()
print("locked", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
"""


def start_holder(data_dir: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    return child


def test_second_process_is_refused_until_the_first_releases(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    child = start_holder(data_dir)
    try:
        lock = InstanceLock(data_dir)
        with pytest.raises(AlreadyRunning) as caught:
            lock.acquire()
        assert not lock.held
        error = caught.value
        assert "déjà ouvert" in error.fr and "already running" in error.en
        assert str(data_dir) in error.en
        if sys.platform != "win32":
            assert error.pid == child.pid
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "released"
        lock.acquire()
        assert lock.held
        lock.release()
    finally:
        child.kill()
        child.wait()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_a_killed_holder_does_not_block_a_restart(tmp_path: Path) -> None:
    child = start_holder(tmp_path)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with InstanceLock(tmp_path) as lock:
        assert lock.held
    assert (tmp_path / "comptoir.lock").exists()  # the file stays; only the lock matters


def test_same_process_twice_and_context_manager(tmp_path: Path) -> None:
    with InstanceLock(tmp_path) as first:
        first.acquire()  # idempotent
        with pytest.raises(AlreadyRunning):
            InstanceLock(tmp_path).acquire()
    assert not first.held
    with InstanceLock(tmp_path):
        pass
    first.release()  # releasing twice is harmless
