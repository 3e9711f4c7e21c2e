"""Databases that cannot be used: corrupt, locked, read-only, too new, disk full."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from backoffice.store import links
from backoffice.store.db import Database
from backoffice.store.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseReadOnly,
    DiskFull,
    SchemaTooNew,
    StoreError,
    map_sqlite_error,
)
from backoffice.store.migrations import latest_version, load_migrations

REPO = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def assert_bilingual(error: StoreError) -> None:
    assert error.fr and error.en and error.fr != error.en
    assert error.human("fr") == error.fr
    assert error.human("en") == error.en
    assert error.human("en_US") == error.en


def test_random_bytes_file_is_corrupt_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    content = random.Random(1).randbytes(64 * 1024)
    path.write_bytes(content)
    with pytest.raises(DatabaseCorrupt) as caught:
        Database.open(path)
    assert_bilingual(caught.value)
    assert "endommagé" in caught.value.fr and "damaged" in caught.value.en
    assert str(path) in caught.value.fr
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.db"]  # no -wal / -shm


def test_damaged_pages_are_corrupt_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    with Database.open(path) as db:
        links.create_link(db, "T1", amount=100, currency="XOF", description="x", request={})
        db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    data[page : 3 * page] = random.Random(2).randbytes(2 * page)  # keep the header page
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorrupt):
        Database.open(path)
    assert path.read_bytes() == bytes(data)


def test_locked_database_before_wal(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("CREATE TABLE t (x)")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO t VALUES (1)")
    try:
        with pytest.raises(DatabaseLocked) as caught:
            Database.open(path, busy_timeout_ms=50)
        assert_bilingual(caught.value)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_locked_database_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    Database.open(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLocked):
            Database.open(path, busy_timeout_ms=50)
    finally:
        other.execute("ROLLBACK")
        other.close()
    Database.open(path, busy_timeout_ms=50).close()  # fine once released


def test_write_while_another_connection_holds_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    db = Database.open(path, busy_timeout_ms=50)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLocked):
            links.create_link(db, "T1", amount=100, currency="XOF", description="x", request={})
    finally:
        other.execute("ROLLBACK")
        other.close()
    links.create_link(db, "T1", amount=100, currency="XOF", description="x", request={})
    db.close()


def test_schema_too_new_is_refused_and_not_downgraded(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    Database.open(path).close()
    known = latest_version(load_migrations())
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {known + 1}")
    conn.close()
    with pytest.raises(SchemaTooNew) as caught:
        Database.open(path)
    assert (caught.value.found, caught.value.known) == (known + 1, known)
    assert_bilingual(caught.value)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == known + 1
    conn.close()


def test_disk_full_is_reported_and_rolled_back(db: Database) -> None:
    # SQLITE_FULL for real, without filling a disk: cap the file at its current size.
    pages = db.scalar("PRAGMA page_count")
    db.connection.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFull) as caught:
        links.create_link(
            db, "BIG", amount=100, currency="XOF", description="x" * 200_000, request={}
        )
    assert_bilingual(caught.value)
    assert links.get_link(db, "BIG") is None
    assert not db.connection.in_transaction
    db.connection.execute("PRAGMA max_page_count = 1073741823")
    links.create_link(db, "SMALL", amount=100, currency="XOF", description="x", request={})


def test_read_only_sqlite_error_is_mapped(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    Database.open(path).close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            conn.execute("INSERT INTO cache_meta VALUES ('a', 'b', '{}')")
    finally:
        conn.close()
    mapped = map_sqlite_error(caught.value, path)
    assert isinstance(mapped, DatabaseReadOnly)
    assert_bilingual(mapped)


def test_programming_errors_are_not_mapped(tmp_path: Path) -> None:
    error = sqlite3.OperationalError('near "SELEC": syntax error')
    assert map_sqlite_error(error, tmp_path / "x.db") is error


@pytest.mark.skipif(IS_ROOT, reason="root ignores file modes: see the unprivileged variant")
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_read_only_file_and_directory(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = data / "journal.db"
    Database.open(path).close()
    os.chmod(path, 0o444)
    os.chmod(data, 0o555)
    try:
        with pytest.raises(DatabaseReadOnly) as caught:
            Database.open(path)
        assert_bilingual(caught.value)
    finally:
        os.chmod(data, 0o755)
        os.chmod(path, 0o644)


CHILD_OPEN = """
import sys
from backoffice.store.db import Database
from backoffice.store.errors import DatabaseReadOnly
try:
    Database.open(sys.argv[1])
except DatabaseReadOnly as exc:
    print("READONLY", exc.en)
else:
    print("OPENED")
"""


@pytest.mark.skipif(not IS_ROOT, reason="only needed when the tests run as root")
def test_read_only_as_unprivileged_user() -> None:
    """As root, chmod stops nothing: check the read-only case in a child that drops to
    the 'nobody' user. Skipped when no Python is usable by that user."""
    nobody = 65534
    base = Path(tempfile.mkdtemp(prefix="comptoir-ro-"))  # not under pytest's 0700 tmp
    try:
        os.chmod(base, 0o755)
        data = base / "data"
        Database.open(data / "journal.db").close()
        os.chmod(data, 0o755)
        os.chmod(data / "journal.db", 0o644)
        for python in (sys.executable, "/usr/bin/python3"):
            try:
                result = subprocess.run(
                    [python, "-c", CHILD_OPEN, str(data / "journal.db")],
                    user=nobody,
                    group=nobody,
                    extra_groups=[],
                    cwd=base,
                    env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
                    capture_output=True,
                    text=True,
                    timeout=30,
                )
            except (OSError, subprocess.SubprocessError):
                continue
            if result.stdout.startswith(("READONLY", "OPENED")):
                break
        else:
            pytest.skip("no Python interpreter usable by an unprivileged user")
        assert result.stdout.startswith("READONLY"), result.stdout + result.stderr
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_a_directory_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "journal.db").mkdir()
    with pytest.raises(StoreError) as caught:
        Database.open(tmp_path / "journal.db")
    assert_bilingual(caught.value)
    assert (tmp_path / "journal.db").is_dir()
