"""Contacts: creation, states (no final), known contacts, search."""

from __future__ import annotations

import pytest

from backoffice.store.contacts import (
    KnownContact,
    contact_events,
    create_contact,
    get_contact,
    list_contacts,
    mark_contact,
    remember_known_contacts,
)
from backoffice.store.db import Database
from backoffice.store.errors import AlreadyExists, InvalidTransition
from backoffice.store.states import State


def test_create_get_and_duplicate(db: Database) -> None:
    row = create_contact(db, "225", "0707070707", name="Konaté", surname="Awa", email="")
    assert row.state is State.QUEUED and row.email is None and row.ref == "225:0707070707"
    assert get_contact(db, "225", "0707070707") == row
    with pytest.raises(AlreadyExists):
        create_contact(db, "225", "0707070707", name="X", surname="Y")
    create_contact(db, "221", "0707070707", name="Same", surname="Number")  # other country


def test_contact_life_and_events(db: Database) -> None:
    create_contact(db, "225", "01", name="A", surname="B")
    mark_contact(db, "225", "01", State.SENDING)
    mark_contact(db, "225", "01", State.UNCERTAIN, last_error="timeout")
    row = mark_contact(db, "225", "01", State.SENT, code=726, detail="already a contact")
    assert row.state is State.SENT and row.code == "726" and row.attempts == 1
    states = [e.state for e in contact_events(db, "225", "01")]
    assert states == [State.QUEUED, State.SENDING, State.UNCERTAIN, State.SENT]
    for state in State:
        with pytest.raises(InvalidTransition):
            mark_contact(db, "225", "01", state)  # sent is where contacts end


def test_contacts_have_no_final_state(db: Database) -> None:
    create_contact(db, "225", "01", name="A", surname="B")
    mark_contact(db, "225", "01", State.SENDING)
    with pytest.raises(InvalidTransition):
        mark_contact(db, "225", "01", State.FINAL)


def test_remember_known_contacts(db: Database) -> None:
    create_contact(db, "225", "01", name="Local", surname="Pending")
    added = remember_known_contacts(
        db,
        [
            KnownContact("225", "01", "Server", "Name"),  # already journaled: left alone
            KnownContact("225", "02", "Yao", "Kouassi", "yao@example.ci"),
        ],
    )
    assert added == 1
    assert get_contact(db, "225", "01").state is State.QUEUED
    assert get_contact(db, "225", "01").name == "Local"
    known = get_contact(db, "225", "02")
    assert known.state is State.SENT and known.email == "yao@example.ci"
    assert remember_known_contacts(db, [KnownContact("225", "02", "Yao", "Kouassi")]) == 0


def test_search(db: Database) -> None:
    create_contact(db, "225", "0707070707", name="Konaté", surname="Awa")
    create_contact(db, "225", "0505050505", name="Kouassi", surname="Yao", email="yao@ex.ci")
    create_contact(db, "221", "771234567", name="Diallo", surname="Éric")

    def names(search: str) -> list[str]:
        return [c.name for c in list_contacts(db, search)]

    assert names("") == ["Diallo", "Konaté", "Kouassi"]
    assert names("konate") == ["Konaté"]  # accent- and case-insensitive
    assert names("ERIC") == ["Diallo"]
    assert names("0505") == ["Kouassi"]
    assert names("221771") == ["Diallo"]  # with the prefix
    assert names("ex.ci") == ["Kouassi"]
    assert names("awa konaté") == ["Konaté"]
    assert names("%") == []
