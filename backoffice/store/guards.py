"""Journal queries behind the duplicate guards (:mod:`backoffice.services.duplicates`): recent
transfers, and the content hashes of the batches already sent."""

from __future__ import annotations

from datetime import datetime

from .clock import from_iso, to_iso
from .db import Database


def recent_transfers(db: Database, since: datetime) -> list[tuple[str, str, int, datetime]]:
    """(prefix, phone, amount, created_at) of every transfer journaled since ``since`` that
    was not refused (queued, in flight, uncertain, sent or final: it is or may be paid)."""
    rows = db.query_tuples(
        "SELECT prefix, phone, amount, created_at FROM transfers "
        "WHERE created_at >= ? AND state != 'failed' ORDER BY created_at",
        (to_iso(since),))
    return [(p, ph, int(a), from_iso(c)) for p, ph, a, c in rows]


def batch_sent_since(db: Database, content_hash: str, since: datetime) -> datetime | None:
    """When a batch with this content was last sent, if since ``since``."""
    value = db.scalar(
        "SELECT max(created_at) FROM transfer_batches WHERE content_hash = ? AND created_at >= ?",
        (content_hash, to_iso(since)))
    return from_iso(value) if value else None


def record_batch(db: Database, content_hash: str, batch_id: str | None, lines: int,
                 total: int) -> None:
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO transfer_batches (content_hash, batch_id, lines, total, created_at) "
            "VALUES (?, ?, ?, ?, ?)", (content_hash, batch_id, lines, total, db.now_iso()))
