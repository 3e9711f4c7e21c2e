"""The demo shop does not depend on the time of day it is generated at (issue 10): each kind
of data has its own random stream and draws as often at any hour."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from backoffice.simulator.demo_data import PAYMENT_COUNT, add_past_payments, seed_demo_data
from backoffice.simulator.ledger import Ledger

# Just after midnight (no payment yet today), early morning, noon, just before midnight, a
# leap day, New Year's Eve: the hours that used to change the draws.
NOWS = [datetime(2026, 3, 1, 0, 10), datetime(2026, 11, 23, 3, 0), datetime(2026, 6, 15, 12, 0),
        datetime(2026, 12, 31, 23, 59, 30), datetime(2028, 2, 29, 7, 45),
        datetime(2027, 1, 1, 20, 40)]


def shop(now: datetime, seed: int = 1234) -> Ledger:
    ledger = Ledger("445566", "XOF", seed)
    seed_demo_data(ledger, seed, now.replace(tzinfo=UTC).timestamp())
    return ledger


def contacts(ledger: Ledger) -> list[tuple[str, ...]]:
    return [(c.prefix, c.phone, c.name, c.surname, c.email) for c in ledger.contacts]


def payments(ledger: Ledger) -> list[tuple[Any, ...]]:
    """What a payment is, apart from when: in the order of the generator's draws."""
    return [(p.amount, p.status, p.code, p.payment_method, p.phone_number, p.description,
             p.metadata, p.buyer_name)
            for p in sorted(ledger.payments.values(), key=lambda p: p.transaction_id[-4:])]


@pytest.mark.parametrize("other", NOWS[1:])
def test_the_contacts_are_the_same_at_any_hour(other):
    assert contacts(shop(NOWS[0])) == contacts(shop(other))
    assert len(contacts(shop(other))) == 12


@pytest.mark.parametrize("other", NOWS[1:])
def test_payments_and_transfers_differ_only_in_time(other):
    first, second = shop(NOWS[0]), shop(other)
    assert payments(first) == payments(second)
    assert len(first.payments) == PAYMENT_COUNT
    assert [(t.phone, t.amount) for t in first.transfers] == \
        [(t.phone, t.amount) for t in second.transfers]


@pytest.mark.parametrize("now", NOWS)
def test_every_payment_is_in_the_past_and_some_are_waiting(now):
    ledger = shop(now)
    anchor = now.replace(tzinfo=UTC).timestamp()
    assert all(p.created_at < anchor - 900 for p in ledger.payments.values())
    assert all(p.settled_at is None or p.settled_at < anchor for p in ledger.payments.values())
    assert sum(not p.final for p in ledger.payments.values()) == 4


def test_another_seed_is_another_shop():
    assert contacts(shop(NOWS[0], seed=1)) != contacts(shop(NOWS[0]))


def test_a_long_history_is_added_in_the_past_without_clash():
    ledger = shop(NOWS[2])
    anchor = NOWS[2].replace(tzinfo=UTC).timestamp()
    add_past_payments(ledger, 1234, anchor, 2000, 365)
    extra = [p for p in ledger.payments.values() if p.transaction_id.startswith("ARC-")]
    assert len(extra) == 2000 and all(p.final for p in extra)
    assert all(anchor - 367 * 86400 < p.created_at < anchor - 900 for p in extra)
