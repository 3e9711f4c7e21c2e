"""Transfer contacts added from Comptoir (key: prefix + phone), with contact_events.

``sent`` means CinetPay knows the contact (added, or already there: code 726). Contacts
fetched from CinetPay can be recorded with :func:`remember_known_contacts`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .clock import from_iso, opt_from_iso
from .db import Database
from .errors import AlreadyExists
from .journal import (
    CONTACTS,
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
from .states import State
from .textsearch import matches


@dataclass(frozen=True)
class ContactRow:
    prefix: str
    phone: str
    name: str
    surname: str
    email: str | None
    state: State
    code: str | None
    last_error: str | None
    attempts: int
    not_before: datetime | None
    created_at: datetime
    updated_at: datetime
    reason: str | None = None  # why it was refused or waits (services/reasons.py)

    @property
    def ref(self) -> str:
        """The outbox reference, ``"prefix:phone"``."""
        return f"{self.prefix}:{self.phone}"


@dataclass(frozen=True)
class ContactEvent:
    prefix: str
    phone: str
    at: datetime
    state: State
    code: str | None
    detail: str | None


@dataclass(frozen=True)
class KnownContact:
    prefix: str
    phone: str
    name: str
    surname: str
    email: str | None = None


def create_contact(
    db: Database,
    prefix: str,
    phone: str,
    *,
    name: str,
    surname: str,
    email: str | None = None,
    till: str | None = None,
    cashier_id: str | None = None,
) -> ContactRow:
    """Record a contact to add, in state ``queued`` (committed before this returns).

    Raises :class:`AlreadyExists` if (prefix, phone) is already in the journal.
    """
    now = db.now_iso()
    values = {
        "prefix": str(prefix),
        "phone": str(phone),
        "name": name,
        "surname": surname,
        "email": email or None,
        "state": str(State.QUEUED),
        "created_at": now,
        "updated_at": now,
        "till": till,  # which till, who was at it (services/cashiers.stamp)
        "cashier_id": cashier_id,
    }
    try:
        with db.transaction() as conn:
            insert_row(conn, CONTACTS, values)
            row = fetch_or_raise(conn, CONTACTS, (str(prefix), str(phone)))
            append_event(conn, CONTACTS, row, now, "created")
    except sqlite3.IntegrityError as exc:
        if "UNIQUE" in str(exc):
            raise AlreadyExists("contact", f"{prefix}:{phone}") from exc
        raise
    return _contact(row)


def remember_known_contacts(db: Database, contacts: Iterable[KnownContact]) -> int:
    """Record contacts that CinetPay listed, in state ``sent``; existing rows are left
    alone (pending ones are resolved by the outbox). Returns how many were new."""
    now = db.now_iso()
    added = 0
    with db.transaction() as conn:
        for c in contacts:
            cursor = conn.execute(
                "INSERT INTO contacts (prefix, phone, name, surname, email, state, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (prefix, phone)"
                " DO NOTHING",
                (
                    str(c.prefix),
                    str(c.phone),
                    c.name,
                    c.surname,
                    c.email or None,
                    str(State.SENT),
                    now,
                    now,
                ),
            )
            if cursor.rowcount == 1:
                added += 1
                row = fetch_or_raise(conn, CONTACTS, (str(c.prefix), str(c.phone)))
                append_event(conn, CONTACTS, row, now, "known to CinetPay")
    return added


def get_contact(db: Database, prefix: str, phone: str) -> ContactRow | None:
    row = db.query_one(
        "SELECT * FROM contacts WHERE prefix = ? AND phone = ?", (str(prefix), str(phone))
    )
    return None if row is None else _contact(row)


def contact_events(db: Database, prefix: str, phone: str) -> list[ContactEvent]:
    rows = db.query(
        "SELECT c.prefix, c.phone, e.* FROM contact_events e JOIN contacts c "
        "ON c.id = e.contact_id WHERE c.prefix = ? AND c.phone = ? ORDER BY e.id",
        (str(prefix), str(phone)),
    )
    return [
        ContactEvent(
            r["prefix"],
            r["phone"],
            from_iso(r["at"]),
            State(r["state"]),
            r["code"],
            r["detail"],
        )
        for r in rows
    ]


def mark_contact(
    db: Database,
    prefix: str,
    phone: str,
    state: State,
    *,
    code: str | int | Unset | None = UNSET,
    last_error: str | Unset | None = UNSET,
    reason: str | Unset | None = UNSET,
    not_before: datetime | None = None,
    detail: str | None = None,
) -> ContactRow:
    """Move a contact to ``state`` (no ``final`` for contacts) with an event, atomically."""
    now = db.now_iso()
    changes: dict[str, Any] = {
        "code": opt_str(code),
        "last_error": last_error,
        "reason": reason_of(last_error, reason),
        "not_before": iso_or_none(not_before),
    }
    with db.transaction() as conn:
        row = transition(
            conn,
            CONTACTS,
            (str(prefix), str(phone)),
            State(state),
            changes,
            now=now,
            detail=detail,
        )
    return _contact(row)


def list_contacts(db: Database, search: str = "") -> list[ContactRow]:
    """Contacts sorted by name, surname; ``search`` matches (case- and accent-insensitive)
    name, surname, phone (with or without prefix) or e-mail."""
    rows = db.query("SELECT * FROM contacts ORDER BY name, surname, prefix, phone")
    found = [_contact(r) for r in rows]
    if not search.strip():
        return found
    return [
        c
        for c in found
        if matches(
            search,
            c.name,
            c.surname,
            c.phone,
            c.prefix + c.phone,
            c.email,
            f"{c.name} {c.surname}",
            f"{c.surname} {c.name}",
        )
    ]


def _contact(r: sqlite3.Row) -> ContactRow:
    return ContactRow(
        prefix=r["prefix"],
        phone=r["phone"],
        name=r["name"],
        surname=r["surname"],
        email=r["email"],
        state=State(r["state"]),
        code=r["code"],
        last_error=r["last_error"],
        reason=r["reason"],
        attempts=r["attempts"],
        not_before=opt_from_iso(r["not_before"]),
        created_at=from_iso(r["created_at"]),
        updated_at=from_iso(r["updated_at"]),
    )
