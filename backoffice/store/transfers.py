"""Transfers (payouts to mobile-money contacts) in the journal, with transfer_events.

A transfer is never sent twice: only a ``queued`` row can move to ``sending`` (the row
update and that check happen under one write lock), and an ``uncertain`` one must be
resolved by a check on ``client_transaction_id`` before it can be queued again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .clock import from_iso, opt_from_iso
from .db import Database
from .errors import AlreadyExists
from .journal import (
    TRANSFERS,
    UNSET,
    Unset,
    append_event,
    fetch,
    fetch_or_raise,
    insert_row,
    iso_or_none,
    opt_str,
    reason_of,
    transition,
)
from .states import TERMINAL_STATES, State

TREATMENT_STATUSES = ("NEW", "REC", "NOS", "VAL", "REJ")
FINAL_TREATMENT_STATUSES = ("VAL", "REJ")


@dataclass(frozen=True)
class NewTransfer:
    client_transaction_id: str
    prefix: str
    phone: str
    amount: int
    notify_url: str | None = None
    payment_method: str | None = None  # current platform only (OM_CI…)


@dataclass(frozen=True)
class TransferRow:
    client_transaction_id: str
    created_at: datetime
    updated_at: datetime
    batch_id: str | None
    prefix: str
    phone: str
    amount: int
    notify_url: str | None
    state: State
    cinetpay_transaction_id: str | None
    lot: str | None
    treatment_status: str | None
    code: str | None
    last_error: str | None
    attempts: int
    checked_at: datetime | None
    not_before: datetime | None
    last_sent_at: datetime | None = None  # wall clock of the last send attempt
    last_sent_mono: float | None = None  # system monotonic clock then (seconds since boot)
    sending_status: str | None = None  # CONFIRM / PENDING (merchant's e-mail confirmation)
    conflicts: int = 0  # 805 answered while the check said 723
    review: str | None = None  # why a person must check it with CinetPay
    reason: str | None = None  # why it failed, waits or is checked (services/reasons.py)
    payment_method: str | None = None  # current platform only (OM_CI…), journaled first

    @property
    def awaits_email_confirmation(self) -> bool:
        """CinetPay waits for the merchant to confirm the transfer by e-mail."""
        return self.state is State.SENT and (
            self.treatment_status == "NOS" or self.sending_status == "PENDING")


@dataclass(frozen=True)
class TransferEvent:
    client_transaction_id: str
    at: datetime
    state: State
    treatment_status: str | None
    code: str | None
    detail: str | None


def create_transfer(
    db: Database,
    client_transaction_id: str,
    *,
    prefix: str,
    phone: str,
    amount: int,
    notify_url: str | None = None,
    batch_id: str | None = None,
) -> TransferRow:
    """Record one transfer in state ``queued``, committed before this returns."""
    new = NewTransfer(client_transaction_id, prefix, phone, amount, notify_url)
    return create_transfers(db, [new], batch_id=batch_id)[0]


def create_transfers(
    db: Database, transfers: Iterable[NewTransfer], *, batch_id: str | None = None,
    till: str | None = None, cashier_id: str | None = None,
) -> list[TransferRow]:
    """Record several transfers (e.g. a CSV batch) in one transaction: all or none.

    Raises :class:`AlreadyExists` if a ``client_transaction_id`` is already journaled.
    """
    now = db.now_iso()
    items = list(transfers)
    for item in items:
        amount = item.amount
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            raise ValueError(f"amount must be a positive int, got {amount!r}")
    rows: list[sqlite3.Row] = []
    current = ""
    try:
        with db.transaction() as conn:
            for item in items:
                current = item.client_transaction_id
                values = {
                    "client_transaction_id": item.client_transaction_id,
                    "created_at": now,
                    "updated_at": now,
                    "batch_id": batch_id,
                    "prefix": str(item.prefix),
                    "phone": str(item.phone),
                    "amount": item.amount,
                    "notify_url": item.notify_url,
                    "payment_method": item.payment_method,
                    "state": str(State.QUEUED),
                    "till": till,  # which till, who was at it (services/cashiers.stamp)
                    "cashier_id": cashier_id,
                }
                insert_row(conn, TRANSFERS, values)
                row = fetch_or_raise(conn, TRANSFERS, (item.client_transaction_id,))
                append_event(conn, TRANSFERS, row, now, "created")
                rows.append(row)
    except sqlite3.IntegrityError as exc:
        if "UNIQUE" in str(exc):
            raise AlreadyExists("transfer", current) from exc
        raise
    return [_transfer(r) for r in rows]


def get_transfer(db: Database, client_transaction_id: str) -> TransferRow | None:
    row = db.query_one(
        "SELECT * FROM transfers WHERE client_transaction_id = ?", (client_transaction_id,)
    )
    return None if row is None else _transfer(row)


def transfer_events(db: Database, client_transaction_id: str) -> list[TransferEvent]:
    """The status history of one transfer, oldest first."""
    rows = db.query(
        "SELECT * FROM transfer_events WHERE client_transaction_id = ? ORDER BY id",
        (client_transaction_id,),
    )
    return [
        TransferEvent(
            r["client_transaction_id"],
            from_iso(r["at"]),
            State(r["state"]),
            r["treatment_status"],
            r["code"],
            r["detail"],
        )
        for r in rows
    ]


def mark_transfer(
    db: Database,
    client_transaction_id: str,
    state: State,
    *,
    cinetpay_transaction_id: str | Unset | None = UNSET,
    lot: str | Unset | None = UNSET,
    treatment_status: str | Unset | None = UNSET,
    code: str | int | Unset | None = UNSET,
    last_error: str | Unset | None = UNSET,
    reason: str | Unset | None = UNSET,
    not_before: datetime | None = None,
    checked: bool = False,
    detail: str | None = None,
    last_sent_at: datetime | Unset = UNSET,
    last_sent_mono: float | Unset = UNSET,
    sending_status: str | Unset | None = UNSET,
    conflicts: int | Unset = UNSET,
    review: str | Unset | None = UNSET,
) -> TransferRow:
    """Move a transfer to ``state`` with what the server said, plus an event, atomically.

    ``final`` requires treatment_status VAL/REJ, and those require ``final``.
    Raises :class:`InvalidTransition` or :class:`NotFound`.
    """
    now = db.now_iso()
    changes: dict[str, Any] = {
        "cinetpay_transaction_id": cinetpay_transaction_id,
        "lot": opt_str(lot),
        "treatment_status": opt_str(treatment_status),
        "code": opt_str(code),
        "last_error": last_error,
        "reason": reason_of(last_error, reason),
        "not_before": iso_or_none(not_before),
        "last_sent_at": last_sent_at if last_sent_at is UNSET else iso_or_none(last_sent_at),
        "last_sent_mono": last_sent_mono,
        "sending_status": opt_str(sending_status),
        "conflicts": conflicts,
        "review": review,
    }
    if checked:
        changes["checked_at"] = now
    with db.transaction() as conn:
        row = transition(
            conn,
            TRANSFERS,
            (client_transaction_id,),
            State(state),
            changes,
            now=now,
            detail=detail,
            validate=_validate,
        )
    return _transfer(row)


def flag_transfer(
    db: Database,
    client_transaction_id: str,
    *,
    conflicts: int,
    review: str | None,
    not_before: datetime | None,
    detail: str,
    reason: str | None = None,
) -> TransferRow | None:
    """An uncertain transfer stays uncertain but must be put in front of a person (``review``)
    or counts one more contradiction (``conflicts``); any other state is left alone."""
    now = db.now_iso()
    with db.transaction() as conn:
        row = fetch(conn, TRANSFERS, (client_transaction_id,))
        if row is None or row["state"] != State.UNCERTAIN:
            return None if row is None else _transfer(row)
        conn.execute(
            "UPDATE transfers SET conflicts = ?, review = ?, not_before = ?, last_error = ?,"
            " reason = ?, updated_at = ? WHERE id = ?",
            (conflicts, review, iso_or_none(not_before), review or detail, reason, now,
             row["id"]),
        )
        updated = fetch_or_raise(conn, TRANSFERS, (client_transaction_id,))
        append_event(conn, TRANSFERS, updated, now, detail)
    return _transfer(updated)


def list_transfers(
    db: Database, *, batch_id: str | None = None, unfinished_only: bool = False
) -> list[TransferRow]:
    """Transfers oldest first: all, one batch, and/or only those not final nor failed."""
    where: list[str] = []
    params: list[Any] = []
    if batch_id is not None:
        where.append("batch_id = ?")
        params.append(batch_id)
    if unfinished_only:
        where.append("state NOT IN (?, ?)")
        params.extend(str(s) for s in TERMINAL_STATES)
    clause = f"WHERE {' AND '.join(where)} " if where else ""
    rows = db.query(f"SELECT * FROM transfers {clause}ORDER BY created_at, id", params)
    return [_transfer(r) for r in rows]


def transfers_to_review(db: Database) -> list[TransferRow]:
    """Transfers a person must check with CinetPay (``review`` set), oldest first."""
    rows = db.query("SELECT * FROM transfers WHERE review IS NOT NULL ORDER BY created_at, id")
    return [_transfer(r) for r in rows]


def _validate(row: Mapping[str, Any]) -> None:
    status = row["treatment_status"]
    if status is not None and status not in TREATMENT_STATUSES:
        raise ValueError(f"unknown treatment_status {status!r}")
    is_final = row["state"] == State.FINAL
    if is_final != (status in FINAL_TREATMENT_STATUSES):
        raise ValueError(
            f"a transfer is final exactly when its treatment is VAL or REJ "
            f"(state {row['state']}, treatment_status {status})"
        )


def _transfer(r: sqlite3.Row) -> TransferRow:
    return TransferRow(
        client_transaction_id=r["client_transaction_id"],
        created_at=from_iso(r["created_at"]),
        updated_at=from_iso(r["updated_at"]),
        batch_id=r["batch_id"],
        prefix=r["prefix"],
        phone=r["phone"],
        amount=r["amount"],
        notify_url=r["notify_url"],
        state=State(r["state"]),
        cinetpay_transaction_id=r["cinetpay_transaction_id"],
        lot=r["lot"],
        treatment_status=r["treatment_status"],
        code=r["code"],
        last_error=r["last_error"],
        reason=r["reason"],
        attempts=r["attempts"],
        checked_at=opt_from_iso(r["checked_at"]),
        not_before=opt_from_iso(r["not_before"]),
        last_sent_at=opt_from_iso(r["last_sent_at"]),
        last_sent_mono=r["last_sent_mono"],
        sending_status=r["sending_status"],
        conflicts=r["conflicts"],
        review=r["review"],
        payment_method=r["payment_method"],
    )
