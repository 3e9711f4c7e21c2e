"""The cash drawer in the journal (table ``cash_movements``, migration 0008): cash sales, cash
paid out and cash added (float). Rows are never edited nor deleted (triggers refuse it): a
mistake is corrected by an opposite movement with a reason."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from .clock import from_iso, to_iso
from .db import Database
from .errors import AlreadyExists

KINDS = ("sale", "payout", "float")


@dataclass(frozen=True)
class CashRow:
    movement_id: str
    created_at: datetime
    kind: str  # "sale" | "payout" | "float"
    amount: int
    currency: str
    description: str
    till: str
    cashier_id: str | None


@dataclass(frozen=True)
class CashSums:
    """Sums of one period's movements, per kind (one currency)."""

    sales: int = 0
    payouts: int = 0
    floats: int = 0
    count: int = 0


def record_movement(db: Database, movement_id: str, *, kind: str, amount: int, currency: str,
                    description: str, till: str, cashier_id: str | None) -> CashRow:
    """Journal one movement (committed before this returns). Idempotent: the same
    ``movement_id`` with the same content returns the row already there; with another content
    it raises :class:`AlreadyExists` (an id is never reused)."""
    if kind not in KINDS:
        raise ValueError(f"unknown cash movement kind {kind!r}")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise ValueError(f"amount must be a positive int, got {amount!r}")
    values = (movement_id, db.now_iso(), kind, amount, currency, description, till, cashier_id)
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO cash_movements (movement_id, created_at, kind, amount, currency,"
            " description, till, cashier_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (movement_id) DO NOTHING", values)
        row = _row(conn.execute("SELECT * FROM cash_movements WHERE movement_id = ?",
                                (movement_id,)).fetchone())
    same = (row.kind, row.amount, row.currency, row.description, row.till, row.cashier_id)
    if same != (kind, amount, currency, description, till, cashier_id):
        raise AlreadyExists("cash", movement_id)
    return row


def _where(start: datetime, end: datetime, till: str | None,
           cashier_id: str | None) -> tuple[str, list[object]]:
    sql = "created_at >= ? AND created_at < ?"
    params: list[object] = [to_iso(start), to_iso(end)]
    if till is not None:
        sql += " AND till = ?"
        params.append(till)
    if cashier_id is not None:
        sql += " AND cashier_id = ?"
        params.append(cashier_id)
    return sql, params


def movements(db: Database, start: datetime, end: datetime, *, till: str | None = None,
              cashier_id: str | None = None) -> list[CashRow]:
    """The movements of ``[start, end)`` (aware datetimes), oldest first."""
    where, params = _where(start, end, till, cashier_id)
    rows = db.query(f"SELECT * FROM cash_movements WHERE {where} ORDER BY created_at, id",
                    params)
    return [_row(r) for r in rows]


def sums(db: Database, start: datetime, end: datetime, currency: str, *,
         till: str | None = None, cashier_id: str | None = None) -> CashSums:
    """Totals per kind of ``[start, end)`` in ``currency``."""
    where, params = _where(start, end, till, cashier_id)
    rows = db.query(f"SELECT kind, SUM(amount) AS total, COUNT(*) AS n FROM cash_movements"
                    f" WHERE {where} AND currency = ? GROUP BY kind", [*params, currency])
    found = {r["kind"]: (int(r["total"]), int(r["n"])) for r in rows}
    return CashSums(sales=found.get("sale", (0, 0))[0], payouts=found.get("payout", (0, 0))[0],
                    floats=found.get("float", (0, 0))[0],
                    count=sum(n for _, n in found.values()))


def _row(r: sqlite3.Row) -> CashRow:
    return CashRow(r["movement_id"], from_iso(r["created_at"]), r["kind"], int(r["amount"]),
                   r["currency"], r["description"], r["till"], r["cashier_id"])
