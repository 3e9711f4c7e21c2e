"""Database: opening, pragmas, transactions, timestamps."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from backoffice.store.clock import from_iso, local_day_bounds, to_iso, utcnow
from backoffice.store.db import Database
from backoffice.store.migrations import latest_version, load_migrations
from tests.support.clock import FakeClock


def test_open_creates_directory_and_migrates(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "journal.db"
    with Database.open(path) as db:
        assert path.is_file()
        assert db.user_version == latest_version(load_migrations())
        tables = {r[0] for r in db.query("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"payment_links", "transfers", "contacts", "cache_meta", "history"} <= tables
        assert db.integrity_check() == ["ok"]


def test_connection_pragmas(db: Database) -> None:
    assert db.scalar("PRAGMA journal_mode") == "wal"
    assert db.scalar("PRAGMA synchronous") == 2  # FULL
    assert db.scalar("PRAGMA foreign_keys") == 1
    assert db.scalar("PRAGMA busy_timeout") == 5000
    assert db.connection.isolation_level is None


def test_reopen_keeps_data_and_does_not_remigrate(db_path: Path) -> None:
    with Database.open(db_path) as db, db.transaction() as conn:
        conn.execute("INSERT INTO cache_meta VALUES ('k', 'now', '{}')")
    with Database.open(db_path) as db:
        assert db.scalar("SELECT count(*) FROM cache_meta") == 1


def test_transaction_commits(db: Database) -> None:
    with db.transaction() as conn:
        conn.execute("INSERT INTO cache_meta VALUES ('a', 't', '1')")
    assert db.scalar("SELECT payload_json FROM cache_meta WHERE key = 'a'") == "1"
    assert not db.connection.in_transaction


def test_transaction_rolls_back_on_exception(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction() as conn:
        conn.execute("INSERT INTO cache_meta VALUES ('a', 't', '1')")
        raise RuntimeError("boom")
    assert db.scalar("SELECT count(*) FROM cache_meta") == 0
    assert not db.connection.in_transaction


def test_nested_transaction_is_a_savepoint(db: Database) -> None:
    with db.transaction() as conn:
        conn.execute("INSERT INTO cache_meta VALUES ('outer', 't', '1')")
        with pytest.raises(ValueError), db.transaction() as inner:
            inner.execute("INSERT INTO cache_meta VALUES ('inner', 't', '1')")
            raise ValueError
        with db.transaction() as inner:
            inner.execute("INSERT INTO cache_meta VALUES ('inner2', 't', '1')")
    keys = [r[0] for r in db.query("SELECT key FROM cache_meta ORDER BY key")]
    assert keys == ["inner2", "outer"]


def test_constraint_errors_stay_integrity_errors(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError), db.transaction() as conn:
        conn.execute("INSERT INTO cache_meta VALUES ('a', 't', 'not json')")


def test_iso_timestamps() -> None:
    moment = datetime(2026, 11, 23, 10, 15, 0, 123456, tzinfo=UTC)
    assert to_iso(moment) == "2026-11-23T10:15:00.123Z"
    plus_one = datetime(2026, 11, 23, 11, 15, 0, 123000, tzinfo=timezone(timedelta(hours=1)))
    assert to_iso(plus_one) == "2026-11-23T10:15:00.123Z"
    assert from_iso("2026-11-23T10:15:00.123Z") == moment.replace(microsecond=123000)
    with pytest.raises(ValueError):
        to_iso(datetime(2026, 1, 1))  # naive
    now = utcnow()
    assert now.tzinfo is UTC
    assert len(to_iso(now)) == len("2026-11-23T10:15:00.123Z")


def test_local_day_bounds() -> None:
    wat = timezone(timedelta(hours=1))  # Cameroun
    assert local_day_bounds(date(2026, 3, 5), wat) == (
        "2026-03-04T23:00:00.000Z",
        "2026-03-05T23:00:00.000Z",
    )
    assert local_day_bounds(date(2026, 3, 5), UTC) == (
        "2026-03-05T00:00:00.000Z",
        "2026-03-06T00:00:00.000Z",
    )


def test_injected_clock(db_path: Path) -> None:
    clock = FakeClock(datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC))
    with Database.open(db_path, clock=clock) as db:
        assert db.now_iso() == "2030-01-02T03:04:05.000Z"
        clock.advance(seconds=1.5)
        assert db.now_iso() == "2030-01-02T03:04:06.500Z"
