"""Payment links (checkout v2) in the journal, with their status history (link_events)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from .clock import from_iso, local_day_bounds, opt_from_iso, to_iso
from .db import Database
from .errors import AlreadyExists
from .journal import (
    LINKS,
    UNSET,
    Unset,
    append_event,
    fetch_or_raise,
    insert_row,
    iso_or_none,
    opt_str,
    reason_of,
    transition,
)
from .states import TERMINAL_STATES, State

PAYMENT_STATUSES = ("PENDING", "ACCEPTED", "REFUSED")
END_REASONS = ("cancelled", "expired")
# A link that may still end: waiting for its customer (or refused: payable for a day), or
# uncertain (the answer was lost); never paid, never "à vérifier".
_ENDABLE = ("state IN ('sent', 'uncertain') AND ended_at IS NULL AND anomaly IS NULL"
            " AND (payment_status IS NULL OR payment_status IN ('PENDING', 'REFUSED'))")
SECRET_KEYS = frozenset({"apikey", "api_key", "password", "token", "secret", "secret_key"})


@dataclass(frozen=True)
class LinkRow:
    transaction_id: str
    created_at: datetime
    updated_at: datetime
    amount: int
    currency: str
    description: str
    request: dict[str, Any]  # the request body as sent, without apikey / site_id
    state: State
    payment_status: str | None
    status_code: str | None
    status_message: str | None
    payment_token: str | None
    payment_url: str | None
    payment_method: str | None
    phone: str | None
    attempts: int
    last_error: str | None
    checked_at: datetime | None
    not_before: datetime | None
    # CinetPay's answer disagreed with the link (services/link_truth.py): a stable code and
    # what was received. Never together with payment_status ACCEPTED.
    anomaly: str | None = None
    anomaly_detail: str | None = None
    reason: str | None = None  # why it failed or waits, a code (services/reasons.py)
    till: str | None = None  # the till that made it, and who was at it (None: unknown)
    cashier_id: str | None = None
    operator_id: str | None = None  # CinetPay's operator reference of the payment
    accepted_at: datetime | None = None  # when the journal first recorded ACCEPTED
    ended_at: datetime | None = None  # a waiting link ended (cancelled or expired) at…
    end_reason: str | None = None  # END_REASONS, or None while not ended
    phone_prefix: str | None = None  # the payer's calling code from CinetPay's check ("225")


@dataclass(frozen=True)
class LinkEvent:
    transaction_id: str
    at: datetime
    state: State
    payment_status: str | None
    code: str | None
    detail: str | None


def assert_no_secrets(value: Any, where: str = "request") -> None:
    """Refuse any mapping key named like a credential (apikey, password, token…)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if str(key).lower() in SECRET_KEYS:
                raise ValueError(f"{where} must not contain a credential (key {key!r})")
            assert_no_secrets(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            assert_no_secrets(item, f"{where}[{index}]")


def create_link(
    db: Database,
    transaction_id: str,
    *,
    amount: int,
    currency: str,
    description: str,
    request: Mapping[str, Any],
    till: str | None = None,
    cashier_id: str | None = None,
) -> LinkRow:
    """Record a new link in state ``queued``; committed (durable) before this returns.

    Raises :class:`AlreadyExists` if ``transaction_id`` is already in the journal.
    """
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise ValueError(f"amount must be a positive int, got {amount!r}")
    assert_no_secrets(request)
    now = db.now_iso()
    values = {
        "transaction_id": transaction_id,
        "created_at": now,
        "updated_at": now,
        "amount": amount,
        "currency": str(currency),
        "description": description,
        "request_json": json.dumps(dict(request), ensure_ascii=False, sort_keys=True),
        "state": str(State.QUEUED),
        "till": till,
        "cashier_id": cashier_id,
    }
    try:
        with db.transaction() as conn:
            insert_row(conn, LINKS, values)
            row = fetch_or_raise(conn, LINKS, (transaction_id,))
            append_event(conn, LINKS, row, now, "created")
    except sqlite3.IntegrityError as exc:
        if "UNIQUE" in str(exc):
            raise AlreadyExists("link", transaction_id) from exc
        raise
    return _link(row)


def get_link(db: Database, transaction_id: str) -> LinkRow | None:
    row = db.query_one("SELECT * FROM payment_links WHERE transaction_id = ?", (transaction_id,))
    return None if row is None else _link(row)


def link_events(db: Database, transaction_id: str) -> list[LinkEvent]:
    """The status history of one link, oldest first."""
    rows = db.query(
        "SELECT * FROM link_events WHERE transaction_id = ? ORDER BY id", (transaction_id,)
    )
    return [
        LinkEvent(
            r["transaction_id"],
            from_iso(r["at"]),
            State(r["state"]),
            r["payment_status"],
            r["code"],
            r["detail"],
        )
        for r in rows
    ]


def mark_link(
    db: Database,
    transaction_id: str,
    state: State,
    *,
    payment_status: str | Unset | None = UNSET,
    status_code: str | int | Unset | None = UNSET,
    status_message: str | Unset | None = UNSET,
    payment_token: str | Unset | None = UNSET,
    payment_url: str | Unset | None = UNSET,
    payment_method: str | Unset | None = UNSET,
    phone: str | Unset | None = UNSET,
    last_error: str | Unset | None = UNSET,
    reason: str | Unset | None = UNSET,
    anomaly: str | Unset | None = UNSET,
    anomaly_detail: str | Unset | None = UNSET,
    operator_id: str | Unset | None = UNSET,
    phone_prefix: str | Unset | None = UNSET,
    not_before: datetime | None = None,
    checked: bool = False,
    detail: str | None = None,
) -> LinkRow:
    """Move a link to ``state`` and record what the server said, with an event, atomically.

    Arguments left out keep their stored value. ``checked=True`` stamps ``checked_at``.
    ``final`` requires payment_status ACCEPTED/REFUSED; ACCEPTED requires ``final``; REFUSED
    may stay ``sent`` (the customer can still pay on CinetPay's page); an anomaly is never
    ACCEPTED. The first ACCEPTED stamps ``accepted_at`` (a later one keeps it).
    Raises :class:`InvalidTransition` or :class:`NotFound`.
    """
    now = db.now_iso()
    changes: dict[str, Any] = {
        "payment_status": opt_str(payment_status),
        "status_code": opt_str(status_code),
        "status_message": status_message,
        "payment_token": payment_token,
        "payment_url": payment_url,
        "payment_method": payment_method,
        "phone": phone,
        "last_error": last_error,
        "reason": reason_of(last_error, reason),
        "anomaly": anomaly,
        "anomaly_detail": anomaly_detail,
        "operator_id": operator_id,
        "phone_prefix": phone_prefix,
        "not_before": iso_or_none(not_before),
    }
    if checked:
        changes["checked_at"] = now
    with db.transaction() as conn:
        row = transition(
            conn,
            LINKS,
            (transaction_id,),
            State(state),
            changes,
            now=now,
            detail=detail,
            validate=_validate,
        )
        if row["payment_status"] == "ACCEPTED" and row["accepted_at"] is None:
            conn.execute("UPDATE payment_links SET accepted_at = ? WHERE id = ?",
                         (now, row["id"]))
            row = fetch_or_raise(conn, LINKS, (transaction_id,))
    return _link(row)


def end_link(db: Database, transaction_id: str, reason: str,
             detail: str | None = None) -> tuple[LinkRow | None, bool]:
    """End a waiting link (``cancelled`` or ``expired``): it is no longer awaited, and stays
    checkable so that a late payment is still recorded. Its state does not change. Returns
    (row, changed); a link already ended, paid or not endable is left as it is."""
    if reason not in END_REASONS:
        raise ValueError(f"unknown end reason {reason!r}")
    now = db.now_iso()
    with db.transaction() as conn:
        done = conn.execute(
            f"UPDATE payment_links SET ended_at = ?, end_reason = ?, updated_at = ?"
            f" WHERE transaction_id = ? AND {_ENDABLE}",
            (now, reason, now, transaction_id)).rowcount
        row = conn.execute("SELECT * FROM payment_links WHERE transaction_id = ?",
                           (transaction_id,)).fetchone()
        if done:
            append_event(conn, LINKS, row, now, detail or reason)
    return (None if row is None else _link(row)), bool(done)


def links_to_expire(db: Database, created_before: datetime) -> list[str]:
    """Waiting links (sent, not paid, not ended, no anomaly) created before the cut-off."""
    rows = db.query(
        "SELECT transaction_id FROM payment_links WHERE state = 'sent' AND ended_at IS NULL"
        " AND anomaly IS NULL AND (payment_status IS NULL OR payment_status IN"
        " ('PENDING', 'REFUSED')) AND created_at < ? ORDER BY created_at, id",
        (to_iso(created_before),))
    return [r["transaction_id"] for r in rows]


def waiting_links(db: Database, since: datetime) -> list[LinkRow]:
    """The links the status bar counts as awaiting payment (outbox.unconfirmed_counts): sent,
    payment pending, created since ``since``, with an address, no anomaly, not ended."""
    rows = db.query(
        "SELECT * FROM payment_links WHERE state = 'sent'"
        " AND (payment_status IS NULL OR payment_status = 'PENDING') AND created_at >= ?"
        " AND payment_url IS NOT NULL AND anomaly IS NULL AND ended_at IS NULL"
        " ORDER BY created_at, id", (to_iso(since),))
    return [_link(r) for r in rows]


def links_of_day(db: Database, day: date, tz: tzinfo | None = None) -> list[LinkRow]:
    """Links created on ``day`` (a calendar day in ``tz``, default the system's), oldest first."""
    start, end = local_day_bounds(day, tz)
    rows = db.query(
        "SELECT * FROM payment_links WHERE created_at >= ? AND created_at < ? "
        "ORDER BY created_at, id",
        (start, end),
    )
    return [_link(r) for r in rows]


def recent_links(db: Database, limit: int = 200) -> list[LinkRow]:
    """The newest links first."""
    rows = db.query(
        "SELECT * FROM payment_links ORDER BY created_at DESC, id DESC LIMIT ?", (int(limit),)
    )
    return [_link(r) for r in rows]


def pending_links(db: Database) -> list[LinkRow]:
    """Links not final nor failed (queued, sending, uncertain, or sent awaiting payment)."""
    rows = db.query(
        "SELECT * FROM payment_links WHERE state NOT IN (?, ?) ORDER BY created_at, id",
        tuple(str(s) for s in TERMINAL_STATES),
    )
    return [_link(r) for r in rows]


def _validate(row: Mapping[str, Any]) -> None:
    status = row["payment_status"]
    if status is not None and status not in PAYMENT_STATUSES:
        raise ValueError(f"unknown payment_status {status!r}")
    state = row["state"]
    allowed = {"ACCEPTED": (State.FINAL,), "REFUSED": (State.SENT, State.FINAL)}
    if (status in allowed and state not in allowed[status]) or (
        state == State.FINAL and status not in allowed
    ):
        raise ValueError(
            f"a link is final only when its payment is ACCEPTED or REFUSED, and ACCEPTED is "
            f"final (state {state}, payment_status {status})"
        )
    if status == "ACCEPTED" and row["anomaly"]:
        raise ValueError(f"a link with an anomaly ({row['anomaly']}) is never ACCEPTED")


def _link(r: sqlite3.Row) -> LinkRow:
    return LinkRow(
        transaction_id=r["transaction_id"],
        created_at=from_iso(r["created_at"]),
        updated_at=from_iso(r["updated_at"]),
        amount=r["amount"],
        currency=r["currency"],
        description=r["description"],
        request=json.loads(r["request_json"]),
        state=State(r["state"]),
        payment_status=r["payment_status"],
        status_code=r["status_code"],
        status_message=r["status_message"],
        payment_token=r["payment_token"],
        payment_url=r["payment_url"],
        payment_method=r["payment_method"],
        phone=r["phone"],
        attempts=r["attempts"],
        last_error=r["last_error"],
        reason=r["reason"],
        checked_at=opt_from_iso(r["checked_at"]),
        not_before=opt_from_iso(r["not_before"]),
        anomaly=r["anomaly"],
        anomaly_detail=r["anomaly_detail"],
        till=r["till"],
        cashier_id=r["cashier_id"],
        operator_id=r["operator_id"],
        accepted_at=opt_from_iso(r["accepted_at"]),
        ended_at=opt_from_iso(r["ended_at"]),
        end_reason=r["end_reason"],
        phone_prefix=r["phone_prefix"],
    )
