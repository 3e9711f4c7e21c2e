"""0008_shop_day: cash movements and closings are never edited nor deleted; one active name."""

from __future__ import annotations

import sqlite3

import pytest

from backoffice.store.db import Database


def _closing(db: Database, version: int, cashier: str | None = None) -> None:
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO closings (closing_id, shop_day, till, cashier_id, version, period_start,"
            " period_end, created_at, provisional, expected_cash, report_json)"
            " VALUES (?, '2026-12-03', 'CAISSE-1', ?, ?, 'a', 'b', 'c', 0, 0, '{}')",
            (f"CLO-{version}-{cashier}", cashier, version))


def test_cash_movements_and_closings_are_append_only(db: Database) -> None:
    with db.transaction() as conn:
        conn.execute("INSERT INTO cash_movements (movement_id, created_at, kind, amount, currency,"
                     " till) VALUES ('M1', 'now', 'sale', 1500, 'XOF', 'CAISSE-1')")
    _closing(db, 1)
    for sql in ("UPDATE cash_movements SET amount = 1", "DELETE FROM cash_movements",
                "UPDATE closings SET counted_cash = 1", "DELETE FROM closings"):
        with pytest.raises(Exception, match="never"), db.transaction() as conn:
            conn.execute(sql)
    assert db.scalar("SELECT amount FROM cash_movements") == 1500
    assert db.scalar("SELECT count(*) FROM closings") == 1


def test_a_closing_version_is_unique_per_day_till_and_cashier(db: Database) -> None:
    _closing(db, 1)
    _closing(db, 1, "C1")  # a shift closing beside the till's
    with pytest.raises(Exception), db.transaction() as conn:  # noqa: B017
        conn.execute(
            "INSERT INTO closings (closing_id, shop_day, till, cashier_id, version, period_start,"
            " period_end, created_at, provisional, expected_cash, report_json)"
            " VALUES ('other', '2026-12-03', 'CAISSE-1', NULL, 1, 'a', 'b', 'c', 0, 0, '{}')")
    _closing(db, 2)
    assert db.scalar("SELECT max(version) FROM closings WHERE cashier_id IS NULL") == 2


def test_cashier_names_are_unique_among_active_cashiers(db: Database) -> None:
    insert = ("INSERT INTO cashiers (cashier_id, name, role, created_at, removed_at)"
              " VALUES (?, ?, 'cashier', 'now', ?)")
    with db.transaction() as conn:
        conn.execute(insert, ("c1", "Awa", "later"))  # removed
        conn.execute(insert, ("c2", "Awa", None))
    with pytest.raises(sqlite3.IntegrityError), db.transaction() as conn:
        conn.execute(insert, ("c3", "AWA", None))
