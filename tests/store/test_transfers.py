"""Transfers: batches, a transfer is never sent twice, treatment status history."""

from __future__ import annotations

import pytest

from backoffice.store.db import Database
from backoffice.store.errors import AlreadyExists, InvalidTransition
from backoffice.store.states import State
from backoffice.store.transfers import (
    NewTransfer,
    create_transfer,
    create_transfers,
    get_transfer,
    list_transfers,
    mark_transfer,
    transfer_events,
)


def test_create_and_get(db: Database) -> None:
    row = create_transfer(
        db, "CT-1", prefix="225", phone="0707070707", amount=5000, notify_url=None
    )
    assert row.state is State.QUEUED and row.batch_id is None and row.amount == 5000
    assert get_transfer(db, "CT-1") == row
    assert get_transfer(db, "CT-2") is None


def test_batch_is_all_or_nothing(db: Database) -> None:
    create_transfer(db, "CT-2", prefix="225", phone="01", amount=300)
    batch = [
        NewTransfer("CT-1", "225", "0707070707", 1000),
        NewTransfer("CT-2", "225", "0505050505", 2000),  # already journaled
        NewTransfer("CT-3", "221", "771234567", 3000),
    ]
    with pytest.raises(AlreadyExists) as caught:
        create_transfers(db, batch, batch_id="B1")
    assert caught.value.ref == "CT-2"
    assert list_transfers(db, batch_id="B1") == []
    assert get_transfer(db, "CT-1") is None


def test_batch_listing(db: Database) -> None:
    rows = create_transfers(
        db,
        [NewTransfer(f"CT-{i}", "225", f"07{i:08d}", 200 + i) for i in range(5)],
        batch_id="B1",
    )
    create_transfer(db, "SOLO", prefix="225", phone="01", amount=999)
    assert [r.client_transaction_id for r in rows] == [f"CT-{i}" for i in range(5)]
    assert len(list_transfers(db)) == 6
    assert [r.client_transaction_id for r in list_transfers(db, batch_id="B1")] == [
        f"CT-{i}" for i in range(5)
    ]
    mark_transfer(db, "CT-0", State.SENDING)
    mark_transfer(db, "CT-0", State.FAILED, code=724, last_error="ERROR_PHONE_NOT_MY_CONTACT")
    unfinished = list_transfers(db, batch_id="B1", unfinished_only=True)
    assert [r.client_transaction_id for r in unfinished] == [f"CT-{i}" for i in range(1, 5)]


def test_never_sent_twice(db: Database) -> None:
    create_transfer(db, "CT-1", prefix="225", phone="01", amount=1000)
    assert mark_transfer(db, "CT-1", State.SENDING).attempts == 1
    with pytest.raises(InvalidTransition):
        mark_transfer(db, "CT-1", State.SENDING)  # a second drain cannot send it again
    mark_transfer(db, "CT-1", State.UNCERTAIN, last_error="read timeout")
    with pytest.raises(InvalidTransition):
        mark_transfer(db, "CT-1", State.SENDING)  # uncertain: check first, never re-send
    row = get_transfer(db, "CT-1")
    assert row.state is State.UNCERTAIN and row.attempts == 1


def test_treatment_status_history(db: Database) -> None:
    create_transfer(db, "CT-1", prefix="225", phone="01", amount=1000)
    mark_transfer(db, "CT-1", State.SENDING)
    mark_transfer(
        db,
        "CT-1",
        State.SENT,
        cinetpay_transaction_id="EA180627.122753.M279245",
        lot="L1",
        treatment_status="NEW",
        code=0,
    )
    mark_transfer(db, "CT-1", State.SENT, treatment_status="NEW", checked=True)  # no change
    mark_transfer(db, "CT-1", State.SENT, treatment_status="REC", checked=True)
    row = mark_transfer(db, "CT-1", State.FINAL, treatment_status="VAL", checked=True)
    assert row.cinetpay_transaction_id == "EA180627.122753.M279245" and row.lot == "L1"
    assert row.code == "0"
    history = [(e.state, e.treatment_status) for e in transfer_events(db, "CT-1")]
    assert history == [
        (State.QUEUED, None),
        (State.SENDING, None),
        (State.SENT, "NEW"),
        (State.SENT, "REC"),
        (State.FINAL, "VAL"),
    ]


def test_final_requires_val_or_rej(db: Database) -> None:
    create_transfer(db, "CT-1", prefix="225", phone="01", amount=1000)
    mark_transfer(db, "CT-1", State.SENDING)
    with pytest.raises(ValueError):
        mark_transfer(db, "CT-1", State.FINAL, treatment_status="REC")
    with pytest.raises(ValueError):
        mark_transfer(db, "CT-1", State.SENT, treatment_status="REJ")
    with pytest.raises(ValueError):
        mark_transfer(db, "CT-1", State.SENT, treatment_status="XYZ")
    row = mark_transfer(db, "CT-1", State.FINAL, treatment_status="REJ", code="-1")
    assert row.state is State.FINAL
    with pytest.raises(InvalidTransition):
        mark_transfer(db, "CT-1", State.SENT, treatment_status="REC")
