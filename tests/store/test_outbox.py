"""The outbox view, its counts, crash recovery and backoff."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backoffice.store.contacts import create_contact, get_contact, mark_contact
from backoffice.store.db import Database
from backoffice.store.errors import InvalidTransition
from backoffice.store.links import create_link, get_link, link_events, mark_link
from backoffice.store.outbox import (
    INTERRUPTED,
    all_outbox_items,
    defer_item,
    outbox_count,
    outbox_items,
    recover_interrupted,
    unconfirmed_counts,
)
from backoffice.store.states import State
from backoffice.store.transfers import create_transfer, get_transfer, mark_transfer
from tests.support.clock import FakeClock


def link(db: Database, tid: str) -> None:
    create_link(db, tid, amount=100, currency="XOF", description="x", request={})


def test_outbox_lists_every_kind_oldest_first(db: Database, clock: FakeClock) -> None:
    link(db, "L1")
    clock.advance(seconds=1)
    create_contact(db, "225", "01", name="A", surname="B")
    clock.advance(seconds=1)
    create_transfer(db, "T1", prefix="225", phone="01", amount=500)
    clock.advance(seconds=1)
    link(db, "L2")
    items = outbox_items(db)
    assert [(i.kind, i.ref) for i in items] == [
        ("link", "L1"),
        ("contact", "225:01"),
        ("transfer", "T1"),
        ("link", "L2"),
    ]
    assert all(i.state is State.QUEUED and i.attempts == 0 for i in items)
    assert outbox_count(db) == 4


def test_contacts_come_before_transfers_created_at_the_same_time(db: Database) -> None:
    frozen = FakeClock()
    db.clock = frozen
    create_transfer(db, "T1", prefix="225", phone="01", amount=500)
    create_contact(db, "225", "01", name="A", surname="B")
    assert [i.kind for i in outbox_items(db)] == ["contact", "transfer"]


def test_confirmed_operations_leave_the_outbox(db: Database) -> None:
    link(db, "L1")
    link(db, "L2")
    create_transfer(db, "T1", prefix="225", phone="01", amount=500)
    mark_link(db, "L1", State.SENDING)
    assert outbox_count(db) == 3
    assert [i.ref for i in outbox_items(db)] == ["L2", "T1"]  # sending is not due
    mark_link(db, "L1", State.SENT, payment_status="PENDING",
              payment_url="https://checkout.cinetpay.com/payment/L1")  # a link without its
    mark_transfer(db, "T1", State.SENDING)  # address awaits nothing (issue 10)
    mark_transfer(db, "T1", State.SENT, treatment_status="NEW")
    assert outbox_count(db) == 1
    counts = unconfirmed_counts(db)
    assert (counts.queued, counts.sending, counts.uncertain) == (1, 0, 0)
    assert counts.awaiting_payment == 1 and counts.transfers_in_progress == 1
    assert counts.outbox == 1 and counts.total == 3
    mark_link(db, "L1", State.FINAL, payment_status="ACCEPTED")
    mark_transfer(db, "T1", State.FINAL, treatment_status="VAL")
    assert unconfirmed_counts(db).total == 1


def test_recover_interrupted(db: Database) -> None:
    link(db, "L1")
    link(db, "L2")
    create_transfer(db, "T1", prefix="225", phone="01", amount=500)
    create_contact(db, "225", "01", name="A", surname="B")
    mark_link(db, "L1", State.SENDING)
    mark_transfer(db, "T1", State.SENDING)
    mark_contact(db, "225", "01", State.SENDING)
    assert recover_interrupted(db) == 3
    assert get_link(db, "L1").state is State.UNCERTAIN
    assert get_link(db, "L2").state is State.QUEUED
    assert get_transfer(db, "T1").state is State.UNCERTAIN
    assert get_contact(db, "225", "01").state is State.UNCERTAIN
    assert link_events(db, "L1")[-1].detail == INTERRUPTED
    assert recover_interrupted(db) == 0
    assert unconfirmed_counts(db).uncertain == 3


def test_backoff_with_not_before(db: Database, clock: FakeClock) -> None:
    link(db, "L1")
    create_contact(db, "225", "01", name="A", surname="B")
    later = clock.now + timedelta(minutes=5)
    item = defer_item(db, "link", "L1", not_before=later, error="offline")
    assert item.attempts == 1 and item.not_before == later
    defer_item(db, "contact", "225:01", not_before=None, error="offline")
    assert [i.ref for i in outbox_items(db)] == ["225:01"]
    assert [i.ref for i in outbox_items(db, later)] == ["L1", "225:01"]
    assert [i.ref for i in all_outbox_items(db)] == ["L1", "225:01"]
    assert link_events(db, "L1")[-1].detail == "offline"
    # Sending clears the delay.
    clock.now = later
    mark_link(db, "L1", State.SENDING)
    mark_link(db, "L1", State.QUEUED, not_before=later + timedelta(minutes=1))
    assert get_link(db, "L1").not_before == later + timedelta(minutes=1)
    assert [i.ref for i in outbox_items(db, later, limit=1)] == ["225:01"]


def test_defer_refuses_rows_in_flight_or_done(db: Database) -> None:
    link(db, "L1")
    mark_link(db, "L1", State.SENDING)
    with pytest.raises(InvalidTransition):
        defer_item(db, "link", "L1", not_before=None, error="x")
    mark_link(db, "L1", State.SENT)
    with pytest.raises(InvalidTransition):
        defer_item(db, "link", "L1", not_before=None, error="x")
