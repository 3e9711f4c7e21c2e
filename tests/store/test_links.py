"""Payment links: durable creation, transitions with events, listings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from backoffice.store.db import Database
from backoffice.store.errors import AlreadyExists, InvalidTransition, NotFound
from backoffice.store.links import (
    create_link,
    get_link,
    link_events,
    links_of_day,
    mark_link,
    pending_links,
)
from backoffice.store.states import State
from tests.support.clock import FakeClock

REQUEST = {
    "transaction_id": "TX-1",
    "amount": 17500,
    "currency": "XOF",
    "description": "Vente comptoir",
    "channels": "ALL",
    "metadata": {"till": "1"},
}


def new_link(db: Database, tid: str = "TX-1", amount: int = 17500) -> None:
    create_link(
        db, tid, amount=amount, currency="XOF", description="Vente comptoir", request=REQUEST
    )


def test_create_is_durable_and_complete(db: Database, db_path) -> None:
    row = create_link(
        db, "TX-1", amount=17500, currency="XOF", description="Vente comptoir", request=REQUEST
    )
    assert row.state is State.QUEUED and row.attempts == 0
    assert row.created_at == datetime(2026, 11, 23, 10, 15, 0, 123000, tzinfo=UTC)
    # Committed before returning: another connection sees it.
    with Database.open(db_path) as other:
        seen = get_link(other, "TX-1")
    assert seen == row
    assert seen.request == REQUEST
    assert [e.state for e in link_events(db, "TX-1")] == [State.QUEUED]


def test_duplicate_transaction_id_is_refused(db: Database) -> None:
    new_link(db)
    with pytest.raises(AlreadyExists) as caught:
        new_link(db)
    assert "TX-1" in caught.value.en


@pytest.mark.parametrize(
    "request_body",
    [
        {"apikey": "secret"},
        {"amount": 5, "APIKEY": "secret"},
        {"nested": {"password": "x"}},
        {"items": [{"token": "abc"}]},
    ],
)
def test_credentials_are_never_stored(db: Database, request_body: dict) -> None:
    with pytest.raises(ValueError, match="credential"):
        create_link(db, "TX-S", amount=5, currency="XOF", description="x", request=request_body)
    assert get_link(db, "TX-S") is None


@pytest.mark.parametrize("amount", [0, -5, 5.0, True])
def test_amount_must_be_a_positive_int(db: Database, amount: object) -> None:
    with pytest.raises(ValueError):
        create_link(db, "TX-A", amount=amount, currency="XOF", description="x", request={})  # type: ignore[arg-type]


def test_full_life_with_status_history(db: Database, clock: FakeClock) -> None:
    new_link(db)
    sending = mark_link(db, "TX-1", State.SENDING)
    assert sending.attempts == 1
    sent = mark_link(
        db,
        "TX-1",
        State.SENT,
        status_code=201,
        status_message="CREATED",
        payment_token="tok",
        payment_url="https://checkout.example/pay/tok",
    )
    assert sent.status_code == "201"  # codes are stored as text
    assert sent.payment_url == "https://checkout.example/pay/tok"
    clock.advance(seconds=30)
    checked = mark_link(db, "TX-1", State.SENT, payment_status="PENDING", checked=True)
    assert checked.checked_at is not None and checked.payment_token == "tok"
    # Same status again: checked_at moves, no new event.
    clock.advance(seconds=30)
    again = mark_link(db, "TX-1", State.SENT, payment_status="PENDING", checked=True)
    assert again.checked_at > checked.checked_at
    final = mark_link(
        db,
        "TX-1",
        State.FINAL,
        payment_status="ACCEPTED",
        status_code="00",
        payment_method="OM",
        phone="0707070707",
        checked=True,
    )
    assert final.state is State.FINAL and final.payment_method == "OM"
    events = link_events(db, "TX-1")
    assert [(e.state, e.payment_status) for e in events] == [
        (State.QUEUED, None),
        (State.SENDING, None),
        (State.SENT, None),
        (State.SENT, "PENDING"),
        (State.FINAL, "ACCEPTED"),
    ]
    assert [e.at for e in events] == sorted(e.at for e in events)
    assert events[2].code == "201" and events[2].detail == "CREATED"


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], State.SENT),  # queued -> sent: never sent
        ([], State.UNCERTAIN),
        ([State.SENDING], State.SENDING),  # a second concurrent send
        ([State.SENDING, State.SENT], State.QUEUED),  # sent -> queued: would re-send
        ([State.SENDING, State.SENT], State.SENDING),
        ([State.SENDING, State.UNCERTAIN], State.SENDING),  # must be resolved first
        ([State.SENDING, State.FAILED], State.QUEUED),
        ([State.SENDING, State.FAILED], State.SENT),
    ],
)
def test_impossible_transitions_are_refused(
    db: Database, path: list[State], refused: State
) -> None:
    new_link(db)
    for state in path:
        mark_link(db, "TX-1", state, last_error="x" if state is State.FAILED else None)
    before = get_link(db, "TX-1")
    events_before = len(link_events(db, "TX-1"))
    with pytest.raises(InvalidTransition) as caught:
        mark_link(db, "TX-1", refused)
    assert caught.value.old == str(before.state) and caught.value.new == str(refused)
    assert get_link(db, "TX-1") == before  # nothing changed
    assert len(link_events(db, "TX-1")) == events_before


def test_nothing_leaves_final(db: Database) -> None:
    new_link(db)
    mark_link(db, "TX-1", State.SENDING)
    mark_link(db, "TX-1", State.FINAL, payment_status="REFUSED")
    for state in State:
        with pytest.raises(InvalidTransition):
            mark_link(db, "TX-1", state, payment_status="REFUSED")


def test_final_and_payment_status_go_together(db: Database) -> None:
    new_link(db)
    mark_link(db, "TX-1", State.SENDING)
    with pytest.raises(ValueError, match="final"):
        mark_link(db, "TX-1", State.FINAL)  # final without a final payment status
    with pytest.raises(ValueError, match="final"):
        mark_link(db, "TX-1", State.SENT, payment_status="ACCEPTED")  # paid but not final
    with pytest.raises(ValueError, match="payment_status"):
        mark_link(db, "TX-1", State.SENT, payment_status="MAYBE")
    assert get_link(db, "TX-1").state is State.SENDING


def test_uncertain_is_resolved_by_a_check(db: Database) -> None:
    new_link(db)
    mark_link(db, "TX-1", State.SENDING)
    mark_link(db, "TX-1", State.UNCERTAIN, last_error="timeout")
    row = mark_link(db, "TX-1", State.SENT, payment_status="PENDING", checked=True)
    assert row.state is State.SENT and row.last_error == "timeout"
    events = link_events(db, "TX-1")
    assert events[2].state is State.UNCERTAIN and events[2].detail == "timeout"


def test_uncertain_unknown_to_server_can_be_queued_again(db: Database) -> None:
    new_link(db)
    mark_link(db, "TX-1", State.SENDING)
    mark_link(db, "TX-1", State.UNCERTAIN)
    row = mark_link(db, "TX-1", State.QUEUED, detail="unknown to the server")
    assert row.state is State.QUEUED
    assert mark_link(db, "TX-1", State.SENDING).attempts == 2


def test_unknown_link(db: Database) -> None:
    assert get_link(db, "nope") is None
    with pytest.raises(NotFound):
        mark_link(db, "nope", State.SENDING)


def test_links_of_day_and_pending(db_path, tmp_path) -> None:
    clock = FakeClock(datetime(2026, 3, 4, 22, 30, tzinfo=UTC))
    with Database.open(db_path, clock=clock) as db:
        new_link(db, "A")  # 4 March 22:30 UTC = 4 March 23:30 in Douala (UTC+1)
        clock.advance(hours=1)
        new_link(db, "B")  # 4 March 23:30 UTC = 5 March 00:30 in Douala
        clock.advance(hours=24)
        new_link(db, "C")
        mark_link(db, "B", State.SENDING)
        mark_link(db, "B", State.FAILED, status_code="608", last_error="MINIMUM_REQUIRED_FIELDS")
        douala = timezone(timedelta(hours=1))
        assert [r.transaction_id for r in links_of_day(db, date(2026, 3, 4), douala)] == ["A"]
        assert [r.transaction_id for r in links_of_day(db, date(2026, 3, 4), UTC)] == ["A", "B"]
        assert [r.transaction_id for r in links_of_day(db, date(2026, 3, 5), douala)] == ["B"]
        assert [r.transaction_id for r in pending_links(db)] == ["A", "C"]


def test_recent_links_newest_first_and_limited(db):
    from backoffice.store.links import create_link, recent_links

    for i in range(3):
        create_link(db, f"T{i}", amount=100 + i, currency="XOF", description="x",
                    request={"amount": 100 + i})
    assert [r.transaction_id for r in recent_links(db)] == ["T2", "T1", "T0"]
    assert [r.transaction_id for r in recent_links(db, 2)] == ["T2", "T1"]
