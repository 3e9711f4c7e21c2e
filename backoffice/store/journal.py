"""Shared machinery of the three journal tables (links, transfers, contacts).

A state change updates the row and appends an event in the same transaction; impossible
changes raise :class:`InvalidTransition`. Column names in the SQL built here come from the
fixed :class:`Spec` objects and from code, never from user input.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Final

from .clock import to_iso
from .errors import InvalidTransition, NotFound
from .states import State, check_transition


class _Unset(Enum):
    UNSET = "UNSET"


UNSET: Final = _Unset.UNSET
"""Default of optional keyword arguments: "leave this column as it is"."""

Unset = _Unset


@dataclass(frozen=True)
class Spec:
    kind: str  # 'link' | 'transfer' | 'contact' (as in the outbox view)
    table: str
    key: tuple[str, ...]  # columns identifying a row
    events: str
    event_ref: str  # column of the events table pointing at the row
    row_ref: str  # column of the row that event_ref holds
    status: str | None  # server status column copied into events
    code: str  # code column copied into events


LINKS = Spec(
    kind="link",
    table="payment_links",
    key=("transaction_id",),
    events="link_events",
    event_ref="transaction_id",
    row_ref="transaction_id",
    status="payment_status",
    code="status_code",
)
TRANSFERS = Spec(
    kind="transfer",
    table="transfers",
    key=("client_transaction_id",),
    events="transfer_events",
    event_ref="client_transaction_id",
    row_ref="client_transaction_id",
    status="treatment_status",
    code="code",
)
CONTACTS = Spec(
    kind="contact",
    table="contacts",
    key=("prefix", "phone"),
    events="contact_events",
    event_ref="contact_id",
    row_ref="id",
    status=None,
    code="code",
)
SPECS: Mapping[str, Spec] = {s.kind: s for s in (LINKS, TRANSFERS, CONTACTS)}


def ref_to_key(spec: Spec, ref: str) -> tuple[str, ...]:
    """Outbox ``ref`` -> key values (contacts use ``"prefix:phone"``)."""
    if len(spec.key) == 1:
        return (ref,)
    prefix, sep, phone = ref.partition(":")
    if not sep:
        raise ValueError(f"contact reference must be 'prefix:phone': {ref!r}")
    return (prefix, phone)


def key_to_ref(key: tuple[str, ...]) -> str:
    return ":".join(key)


def iso_or_none(moment: datetime | None) -> str | None:
    return None if moment is None else to_iso(moment)


def opt_str(value: Any) -> Any:
    """Codes come as numbers or strings: store text (UNSET and None pass through)."""
    return value if value is UNSET or value is None else str(value)


def reason_of(last_error: Any, reason: Any) -> Any:
    """The reason to store with ``last_error``: new words without a reason clear the old
    one (a reason always explains the words beside it)."""
    if reason is UNSET and last_error is not UNSET:
        return None
    return reason


def fetch(conn: sqlite3.Connection, spec: Spec, key: tuple[str, ...]) -> sqlite3.Row | None:
    where = " AND ".join(f"{col} = ?" for col in spec.key)
    row: sqlite3.Row | None = conn.execute(
        f"SELECT * FROM {spec.table} WHERE {where}", key
    ).fetchone()
    return row


def fetch_or_raise(conn: sqlite3.Connection, spec: Spec, key: tuple[str, ...]) -> sqlite3.Row:
    row = fetch(conn, spec, key)
    if row is None:
        raise NotFound(spec.kind, key_to_ref(key))
    return row


def insert_row(conn: sqlite3.Connection, spec: Spec, values: Mapping[str, Any]) -> int:
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cursor = conn.execute(
        f"INSERT INTO {spec.table} ({cols}) VALUES ({marks})", tuple(values.values())
    )
    return int(cursor.lastrowid or 0)


def append_event(
    conn: sqlite3.Connection, spec: Spec, row: sqlite3.Row, at: str, detail: str | None
) -> None:
    cols = [spec.event_ref, "at", "state", "code", "detail"]
    values = [row[spec.row_ref], at, row["state"], row[spec.code], detail]
    if spec.status is not None:
        cols.append(spec.status)
        values.append(row[spec.status])
    conn.execute(
        f"INSERT INTO {spec.events} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        values,
    )


def _update(conn: sqlite3.Connection, spec: Spec, row_id: int, values: Mapping[str, Any]) -> None:
    assignments = ", ".join(f"{col} = ?" for col in values)
    conn.execute(f"UPDATE {spec.table} SET {assignments} WHERE id = ?", (*values.values(), row_id))


def transition(
    conn: sqlite3.Connection,
    spec: Spec,
    key: tuple[str, ...],
    new: State,
    changes: Mapping[str, Any],
    *,
    now: str,
    detail: str | None = None,
    validate: Callable[[Mapping[str, Any]], None] | None = None,
) -> sqlite3.Row:
    """Move one row to ``new`` with ``changes`` (UNSET values ignored) and log an event.

    Must run inside a transaction. ``attempts`` grows on each entry into ``sending``;
    ``not_before`` is cleared unless given. An event is appended when the state, the server
    status or the code changes, or when ``detail`` is given.
    """
    row = fetch_or_raise(conn, spec, key)
    old = State(row["state"])
    check_transition(spec.kind, key_to_ref(key), old, new)
    values = {col: value for col, value in changes.items() if value is not UNSET}
    values["state"] = str(new)
    values["updated_at"] = now
    values.setdefault("not_before", None)
    if new is State.SENDING:
        values["attempts"] = row["attempts"] + 1
    if validate is not None:
        validate({**dict(row), **values})
    _update(conn, spec, row["id"], values)
    updated = fetch_or_raise(conn, spec, key)
    watched = ["state", spec.code] + ([spec.status] if spec.status else [])
    if detail is not None or any(row[col] != updated[col] for col in watched):
        note = detail or values.get("last_error") or values.get("status_message")
        append_event(conn, spec, updated, now, note)
    return updated


def defer(
    conn: sqlite3.Connection,
    spec: Spec,
    key: tuple[str, ...],
    *,
    now: str,
    not_before: str | None,
    error: str | None,
    reason: str | None = None,
) -> sqlite3.Row:
    """An attempt (send or check) failed without changing what we know: keep the state
    (``queued`` or ``uncertain`` only), count the attempt, wait until ``not_before``."""
    row = fetch_or_raise(conn, spec, key)
    state = State(row["state"])
    if state not in (State.QUEUED, State.UNCERTAIN):
        raise InvalidTransition(spec.kind, key_to_ref(key), str(state), str(state))
    values = {
        "attempts": row["attempts"] + 1,
        "not_before": not_before,
        "last_error": error,
        "reason": reason,
        "updated_at": now,
    }
    _update(conn, spec, row["id"], values)
    updated = fetch_or_raise(conn, spec, key)
    append_event(conn, spec, updated, now, error or "retry later")
    return updated
