"""The outbox: every operation not yet acknowledged by the server (SQL view ``outbox``).

Items are ``queued`` (to send), ``sending`` (in flight) or ``uncertain`` (to resolve by a
check before anything is re-sent). :func:`recover_interrupted` must run at startup, before
the outbox drains: a ``sending`` row found then is a crash leftover and becomes ``uncertain``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from .clock import from_iso, opt_from_iso, to_iso
from .db import Database
from .journal import SPECS, defer, iso_or_none, ref_to_key, transition
from .states import State

_KIND_ORDER = "CASE kind WHEN 'contact' THEN 0 WHEN 'link' THEN 1 ELSE 2 END"
AWAITING_WINDOW = timedelta(hours=24)  # after that, an unpaid link is abandoned by its customer
INTERRUPTED = "interrupted: the program stopped while the request was in flight"
# The longest any service defers an item (429 backoff, re-checks, in-flight graces, review
# re-checks). A not_before further away than this was written before the clock was set back:
# it is brought back to now + this when read, so nothing waits a day for a minute's backoff.
MAX_DELAY = {"link": timedelta(minutes=10), "transfer": timedelta(minutes=10),
             "contact": timedelta(minutes=10)}
_TABLES = {"link": "payment_links", "transfer": "transfers", "contact": "contacts"}


@dataclass(frozen=True)
class OutboxItem:
    kind: str  # 'link' | 'transfer' | 'contact'
    ref: str  # transaction_id | client_transaction_id | "prefix:phone"
    state: State
    created_at: datetime
    attempts: int
    not_before: datetime | None


@dataclass(frozen=True)
class UnconfirmedCounts:
    """What the status bar shows: operations the server has not confirmed yet."""

    queued: int
    sending: int
    uncertain: int
    awaiting_payment: int  # links sent, payment PENDING (or not checked yet)
    transfers_in_progress: int  # transfers sent, treatment not VAL/REJ yet

    @property
    def outbox(self) -> int:
        return self.queued + self.sending + self.uncertain

    @property
    def total(self) -> int:
        return self.outbox + self.awaiting_payment + self.transfers_in_progress


# Adopted by another till (issue 16, shop/adoption.py): that till sends and counts them now;
# this one still lists them (the outbox screen) but neither sends nor counts them.
NOT_ADOPTED = ("NOT EXISTS (SELECT 1 FROM shop_adopted a WHERE a.kind = outbox.kind"
               " AND a.ref = outbox.ref)")


def outbox_items(
    db: Database, now: datetime | None = None, *, limit: int | None = None
) -> list[OutboxItem]:
    """Items due at ``now`` (default: the db clock): queued or uncertain, past their
    ``not_before``; oldest first (contacts before links before transfers on a tie).
    A ``not_before`` beyond ``now`` + :data:`MAX_DELAY` (the clock was set back) is capped."""
    current = now or db.now()
    cap_not_before(db, current)
    moment = to_iso(current)
    sql = (
        "SELECT * FROM outbox WHERE state IN ('queued', 'uncertain')"
        " AND (not_before IS NULL OR not_before <= ?)"
        f" AND {NOT_ADOPTED}"
        f" ORDER BY created_at, {_KIND_ORDER}, ref"
    )
    params: tuple[object, ...] = (moment,)
    if limit is not None:
        sql += " LIMIT ?"
        params = (moment, int(limit))
    return [_item(r) for r in db.query(sql, params)]


def cap_not_before(db: Database, now: datetime) -> int:
    """Bring every deferral longer than its kind's :data:`MAX_DELAY` back to that maximum
    (a wall clock set back must not turn a minute's wait into a day's). Returns how many."""
    caps = {kind: to_iso(now + MAX_DELAY[kind]) for kind in _TABLES}
    late = db.query_one(
        "SELECT 1 FROM outbox WHERE state IN ('queued', 'uncertain') AND not_before > CASE kind"
        " WHEN 'link' THEN ? WHEN 'transfer' THEN ? ELSE ? END LIMIT 1",
        (caps["link"], caps["transfer"], caps["contact"]))
    if late is None:  # the usual case: no write at all
        return 0
    changed = 0
    with db.transaction() as conn:
        for kind, table in _TABLES.items():
            changed += conn.execute(
                f"UPDATE {table} SET not_before = ? WHERE not_before > ?"
                " AND state IN ('queued', 'uncertain')", (caps[kind], caps[kind])).rowcount
    return changed


def all_outbox_items(db: Database) -> list[OutboxItem]:
    """Everything in the outbox, due or not, in flight included (for the outbox screen)."""
    rows = db.query(f"SELECT * FROM outbox ORDER BY created_at, {_KIND_ORDER}, ref")
    return [_item(r) for r in rows]


def outbox_count(db: Database) -> int:
    """Operations not yet acknowledged: queued + sending + uncertain (not those another till
    adopted)."""
    return int(db.scalar(f"SELECT count(*) FROM outbox WHERE {NOT_ADOPTED}"))


def unconfirmed_counts(db: Database, *, now: datetime | None = None) -> UnconfirmedCounts:
    """What the status bar counts. A link its customer has not paid within
    :data:`AWAITING_WINDOW` is considered abandoned: no longer counted (still checkable)."""
    by_state = {r[0]: r[1] for r in db.query(
        f"SELECT state, count(*) FROM outbox WHERE {NOT_ADOPTED} GROUP BY 1")}
    since = to_iso((now or db.now()) - AWAITING_WINDOW)
    awaiting = db.scalar(
        "SELECT count(*) FROM payment_links WHERE state = 'sent'"
        " AND (payment_status IS NULL OR payment_status = 'PENDING') AND created_at >= ?"
        # no address (lost: nobody can pay it) or an anomaly ("à vérifier"): not awaiting
        " AND payment_url IS NOT NULL AND anomaly IS NULL"
        " AND ended_at IS NULL"  # cancelled or expired: no longer awaited
        " AND NOT EXISTS (SELECT 1 FROM shop_adopted a WHERE a.kind = 'link'"
        " AND a.ref = payment_links.transaction_id)",
        (since,),
    )
    in_progress = db.scalar(
        "SELECT count(*) FROM transfers WHERE state = 'sent' AND NOT EXISTS (SELECT 1 FROM"
        " shop_adopted a WHERE a.kind = 'transfer' AND a.ref = transfers.client_transaction_id)")
    return UnconfirmedCounts(
        queued=by_state.get("queued", 0),
        sending=by_state.get("sending", 0),
        uncertain=by_state.get("uncertain", 0),
        awaiting_payment=int(awaiting),
        transfers_in_progress=int(in_progress),
    )


def recover_interrupted(db: Database) -> int:
    """Flip every ``sending`` row (crash leftover) to ``uncertain``, with an event.

    Call once at startup, before anything is sent. Returns how many rows were flipped.
    """
    now = db.now_iso()
    flipped = 0
    with db.transaction() as conn:
        rows = conn.execute("SELECT kind, ref FROM outbox WHERE state = 'sending'").fetchall()
        for kind, ref in rows:
            spec = SPECS[kind]
            transition(
                conn,
                spec,
                ref_to_key(spec, ref),
                State.UNCERTAIN,
                {},
                now=now,
                detail=INTERRUPTED,
            )
            flipped += 1
    return flipped


def defer_item(
    db: Database,
    kind: str,
    ref: str,
    *,
    not_before: datetime | None,
    error: str | None,
    reason: str | None = None,
) -> OutboxItem:
    """An attempt on a queued/uncertain item failed (offline, check timed out…): keep its
    state, count the attempt and skip it until ``not_before``."""
    spec = SPECS[kind]
    with db.transaction() as conn:
        defer(
            conn,
            spec,
            ref_to_key(spec, ref),
            now=db.now_iso(),
            not_before=iso_or_none(not_before),
            error=error,
            reason=reason,
        )
        row = conn.execute(
            "SELECT * FROM outbox WHERE kind = ? AND ref = ?", (kind, ref)
        ).fetchone()
    return _item(row)


def _item(row: sqlite3.Row) -> OutboxItem:
    return OutboxItem(
        kind=row["kind"],
        ref=row["ref"],
        state=State(row["state"]),
        created_at=from_iso(row["created_at"]),
        attempts=row["attempts"],
        not_before=opt_from_iso(row["not_before"]),
    )
