"""Named cashiers (migration 0008): who may be at the till. Their PIN verifiers live in the OS
keyring (backoffice/pin.py), never here. A removed cashier keeps their row (``removed_at``) so
past operations still name them; a name is unique (case-insensitive) among active cashiers."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from .clock import from_iso, opt_from_iso
from .db import Database
from .errors import AlreadyExists

ROLES = ("cashier", "manager")


@dataclass(frozen=True)
class CashierRow:
    cashier_id: str
    name: str
    role: str
    created_at: datetime
    removed_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.removed_at is None


def _row(r: sqlite3.Row) -> CashierRow:
    return CashierRow(r["cashier_id"], r["name"], r["role"], from_iso(r["created_at"]),
                      opt_from_iso(r["removed_at"]))


def add_cashier(db: Database, cashier_id: str, name: str, role: str) -> CashierRow:
    """Record an active cashier; :class:`AlreadyExists` if an active one has this name."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, got {role!r}")
    try:
        with db.transaction() as conn:
            conn.execute("INSERT INTO cashiers (cashier_id, name, role, created_at) "
                         "VALUES (?, ?, ?, ?)", (cashier_id, name.strip(), role, db.now_iso()))
    except sqlite3.IntegrityError as exc:
        raise AlreadyExists("cashier", name) from exc
    found = get_cashier(db, cashier_id)
    assert found is not None
    return found


def get_cashier(db: Database, cashier_id: str) -> CashierRow | None:
    r = db.query_one("SELECT * FROM cashiers WHERE cashier_id = ?", (cashier_id,))
    return None if r is None else _row(r)


def find_active(db: Database, name: str) -> CashierRow | None:
    """The active cashier called ``name`` (case-insensitive), if any."""
    r = db.query_one("SELECT * FROM cashiers WHERE removed_at IS NULL AND name = ? "
                     "COLLATE NOCASE", (name.strip(),))
    return None if r is None else _row(r)


def list_cashiers(db: Database, include_removed: bool = False) -> list[CashierRow]:
    where = "" if include_removed else "WHERE removed_at IS NULL"
    return [_row(r) for r in db.query(
        f"SELECT * FROM cashiers {where} ORDER BY name COLLATE NOCASE, id")]


def count_active(db: Database, role: str | None = None) -> int:
    if role is None:
        return int(db.scalar("SELECT count(*) FROM cashiers WHERE removed_at IS NULL"))
    return int(db.scalar("SELECT count(*) FROM cashiers WHERE removed_at IS NULL AND role = ?",
                         (role,)))


def remove_cashier(db: Database, cashier_id: str) -> CashierRow | None:
    """Mark a cashier removed (the row stays); None if unknown or already removed."""
    with db.transaction() as conn:
        done = conn.execute("UPDATE cashiers SET removed_at = ? WHERE cashier_id = ? AND "
                            "removed_at IS NULL", (db.now_iso(), cashier_id)).rowcount
    return get_cashier(db, cashier_id) if done else None
