"""Receipts that reached the printer (table ``receipt_prints``, migration 0011): the first one
of a link is its original, any later one a DUPLICATA, across restarts and processes. A failed
print is never recorded. Rows are never edited nor deleted (triggers refuse it)."""

from __future__ import annotations

from .db import Database


def record_print(db: Database, transaction_id: str, *, duplicate: bool, printer: str,
                 till: str | None, cashier_id: str | None) -> int:
    """Journal one printed receipt; returns how many prints of it the journal now holds."""
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO receipt_prints (transaction_id, printed_at, duplicate, printer, till,"
            " cashier_id) VALUES (?, ?, ?, ?, ?, ?)",
            (transaction_id, db.now_iso(), int(duplicate), printer, till, cashier_id))
        return int(conn.execute("SELECT count(*) FROM receipt_prints WHERE transaction_id = ?",
                                (transaction_id,)).fetchone()[0])


def print_count(db: Database, transaction_id: str) -> int:
    """How many receipts of this link were printed (0: the next one is the original)."""
    return int(db.scalar("SELECT count(*) FROM receipt_prints WHERE transaction_id = ?",
                         (transaction_id,)) or 0)
