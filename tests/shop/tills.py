"""Journals of tills for the shop tests: real SQLite files written with the store's own
functions, as the services write them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg

from backoffice.services.ids import new_id
from backoffice.store.cash import record_movement
from backoffice.store.db import Database
from backoffice.store.links import create_link, mark_link
from backoffice.store.states import State
from backoffice.store.transfers import create_transfer


def journal(base: Path, till: str) -> Database:
    return Database.open(base / till / "journal.sqlite3")


def link(db: Database, till: str, amount: int = 1500, cashier: str | None = "CSR1") -> str:
    tid = new_id("CPT", till)
    create_link(db, tid, amount=amount, currency="XOF", description="Vente",
                request={"amount": amount}, till=till, cashier_id=cashier)
    return tid


def sent_link(db: Database, till: str, amount: int = 1500) -> str:
    tid = link(db, till, amount)
    mark_link(db, tid, State.SENDING)
    mark_link(db, tid, State.SENT, payment_status="PENDING", payment_token="tok")
    return tid


def transfer(db: Database, till: str, amount: int = 700) -> str:
    ref = new_id("TRF", till)
    create_transfer(db, ref, prefix="225", phone="0700000001", amount=amount)
    with db.transaction() as conn:
        conn.execute("UPDATE transfers SET till = ?, cashier_id = 'CSR1'"
                     " WHERE client_transaction_id = ?", (till, ref))
    return ref


def cash(db: Database, till: str, amount: int = 2000) -> str:
    ref = new_id("CSH", till)
    record_movement(db, ref, kind="sale", amount=amount, currency="XOF", description="Espèces",
                    till=till, cashier_id="CSR1")
    return ref


def closing(db: Database, till: str, expected: int = 2000) -> str:
    ref = new_id("CLO", till)
    now = db.now_iso()
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO closings (closing_id, shop_day, till, cashier_id, version,"
            " period_start, period_end, created_at, closed_by, provisional, expected_cash,"
            " counted_cash, report_json) VALUES (?, '2026-12-03', ?, NULL, 1, ?, ?, ?, 'CSR1',"
            " 0, ?, ?, ?)", (ref, till, now, now, now, expected, expected,
                             json.dumps({"total": expected})))
    return ref


def shop_rows(dsn: str, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
    with psycopg.connect(dsn) as conn:
        return conn.execute(sql, params).fetchall()
