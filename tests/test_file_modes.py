"""Files on disk are the owner's only (POSIX): the data directory 0700; the journal, its
WAL/SHM, settings.json, the logs and the lock file 0600, whatever the umask; a directory left
wider by an older version is tightened at start-up, and that is logged."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from backoffice import preferences
from backoffice.store.db import Database
from backoffice.store.instance import InstanceLock
from tests.support.cli import CLI, base_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0)  # the most permissive umask: the modes must not depend on it
    yield
    os.umask(old)


def test_new_files_are_private_whatever_the_umask(tmp_path, open_umask):
    data = tmp_path / "data"
    with InstanceLock(data) as lock:
        db = Database.open(data / "journal.sqlite3")
        try:
            db.query("SELECT 1")
            companions = [p for p in data.iterdir() if p.name.startswith("journal.sqlite3-")]
            assert companions, "WAL/SHM exist while the journal is open"
            for path in [data / "journal.sqlite3", *companions]:
                assert mode(path) == 0o600, path
        finally:
            db.close()
        assert mode(lock.path) == 0o600
    assert mode(data) == 0o700
    saved = preferences.save(data, preferences.Preferences())
    assert mode(saved) == 0o600


def test_cli_tightens_an_existing_wide_directory_and_logs_it(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    (data / "settings.json").write_text("{}", encoding="utf-8")
    os.chmod(data / "settings.json", 0o644)
    (data / "logs").mkdir()
    os.chmod(data / "logs", 0o755)
    (data / "logs" / "comptoir.log").write_text("old\n", encoding="utf-8")
    os.chmod(data / "logs" / "comptoir.log", 0o644)
    env = {**base_env(), "COMPTOIR_DATA_DIR": str(data)}
    done = subprocess.run([*CLI, "outbox"], capture_output=True, text=True, timeout=60,
                          env=env, preexec_fn=lambda: os.umask(0o022))
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o700 and mode(data / "logs") == 0o700
    for name in ("settings.json", "journal.sqlite3", "comptoir.lock"):
        assert mode(data / name) == 0o600, name
    log = data / "logs" / "comptoir.log"
    assert mode(log) == 0o600
    assert "permissions tightened" in log.read_text(encoding="utf-8")


def test_new_data_directory_from_the_cli_is_private(tmp_path):
    data = tmp_path / "fresh" / "data"
    env = {**base_env(), "COMPTOIR_DATA_DIR": str(data)}
    done = subprocess.run([*CLI, "outbox"], capture_output=True, text=True, timeout=60,
                          env=env, preexec_fn=lambda: os.umask(0))
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o700
    files = [p for p in data.rglob("*") if p.is_file()]
    assert files and all(mode(p) == 0o600 for p in files), {p.name: oct(mode(p)) for p in files}
    assert all(mode(p) == 0o700 for p in data.rglob("*") if p.is_dir())
