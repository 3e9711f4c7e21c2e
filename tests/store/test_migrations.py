"""Migrations: ordered files, user_version, one transaction each, safe splitting."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from backoffice.store.db import Database
from backoffice.store.errors import MigrationFailed
from backoffice.store.migrations import (
    Migration,
    load_migrations,
    packaged_migrations,
    split_statements,
)

GOOD_1 = "CREATE TABLE a (x INTEGER);\nINSERT INTO a VALUES (1);\n"
GOOD_2 = "-- second step\nCREATE TABLE b (y TEXT DEFAULT 'semi;colon');\n"
BROKEN_3 = "CREATE TABLE c (z INTEGER);\nINSERT INTO a VALUES (3);\nTHIS IS NOT SQL;\n"
FIXED_3 = "CREATE TABLE c (z INTEGER);\nINSERT INTO a VALUES (3);\n"


def write(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, sql in files.items():
        (directory / name).write_text(sql, encoding="utf-8")
    return directory


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_split_statements_handles_literals_triggers_and_comments() -> None:
    sql = """
    -- a comment; with a semicolon
    CREATE TABLE t (v TEXT DEFAULT 'a;b');
    CREATE TRIGGER tr AFTER INSERT ON t BEGIN
        UPDATE t SET v = 'x;y' WHERE rowid = new.rowid;
        SELECT 1;
    END;
    INSERT INTO t VALUES ('--not a comment;'); INSERT INTO t VALUES ('two');
    -- trailing comment
    """
    parts = split_statements(sql)
    assert len(parts) == 4
    assert parts[1].endswith("END;")
    conn = sqlite3.connect(":memory:")
    for part in parts:
        conn.execute(part)
    assert [r[0] for r in conn.execute("SELECT v FROM t ORDER BY rowid")] == ["x;y", "x;y"]


def test_split_statements_rejects_an_unfinished_statement() -> None:
    with pytest.raises(ValueError, match="incomplete"):
        split_statements("CREATE TABLE t (x);\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1;")


def test_packaged_migrations_are_numbered_and_parse() -> None:
    migrations = load_migrations(packaged_migrations())
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].name == "initial"
    conn = sqlite3.connect(":memory:")
    for migration in migrations:
        for statement in migration.statements():
            conn.execute(statement)


def test_load_migrations_rejects_gaps(tmp_path: Path) -> None:
    write(tmp_path, {"0001_a.sql": GOOD_1, "0003_c.sql": FIXED_3, "README.txt": "ignored"})
    with pytest.raises(ValueError, match="gaps"):
        load_migrations(tmp_path)


def test_migrations_apply_in_order(tmp_path: Path) -> None:
    # Written out of order on purpose: the number decides, not the directory listing.
    source = write(tmp_path / "m", {"0002_b.sql": GOOD_2, "0001_a.sql": GOOD_1})
    path = tmp_path / "db.sqlite"
    Database.open(path, migrations=load_migrations(source)).close()
    assert user_version(path) == 2
    assert {"a", "b"} <= tables(path)


def test_failing_migration_leaves_previous_version_intact(tmp_path: Path) -> None:
    source = write(tmp_path / "m", {"0001_a.sql": GOOD_1, "0002_b.sql": GOOD_2})
    path = tmp_path / "db.sqlite"
    Database.open(path, migrations=load_migrations(source)).close()
    write(source, {"0003_c.sql": BROKEN_3})

    with pytest.raises(MigrationFailed) as caught:
        Database.open(path, migrations=load_migrations(source))
    assert caught.value.version == 3
    assert "3" in caught.value.human("fr") and "3" in caught.value.human("en")
    assert user_version(path) == 2
    assert "c" not in tables(path)  # no partial table from the failed step
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT x FROM a")] == [1]  # step 3's insert undone
    conn.close()

    write(source, {"0003_c.sql": FIXED_3})
    with Database.open(path, migrations=load_migrations(source)) as db:
        assert db.user_version == 3
        assert [r[0] for r in db.query("SELECT x FROM a ORDER BY x")] == [1, 3]


def test_failing_first_migration_leaves_an_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    broken = [Migration(1, "broken", "CREATE TABLE a (x);\nNOT SQL;")]
    with pytest.raises(MigrationFailed):
        Database.open(path, migrations=broken)
    assert user_version(path) == 0
    assert tables(path) == set()


def test_migrations_as_objects(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    with Database.open(path, migrations=[Migration(1, "one", GOOD_1)]) as db:
        assert db.user_version == 1
    with Database.open(path, migrations=[Migration(1, "one", GOOD_1)]) as db:
        assert db.scalar("SELECT count(*) FROM a") == 1  # not applied twice
