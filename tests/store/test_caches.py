"""Caches: payload round-trip (Decimal exact), fetched_at, replacement."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.store.caches import (
    ACCOUNT_BALANCE,
    CONTACTS,
    TRANSFER_BALANCE,
    cache_clear,
    cache_get,
    cache_put,
    dumps_payload,
    loads_payload,
)
from backoffice.store.db import Database
from tests.support.clock import FakeClock

BALANCE = {
    "compte": {"solde": Decimal("865.4"), "credit": Decimal("1000.00"), "debit": Decimal("134.6")},
    "service": {"solde": Decimal("0"), "credit": Decimal("-0.00"), "debit": Decimal("1E+3")},
}


def test_missing_key(db: Database) -> None:
    assert cache_get(db, ACCOUNT_BALANCE) is None


def test_put_and_get_with_fetched_at(db: Database, clock: FakeClock) -> None:
    fetched = clock.now
    cache_put(db, ACCOUNT_BALANCE, BALANCE)
    payload, fetched_at = cache_get(db, ACCOUNT_BALANCE)
    assert fetched_at == fetched
    assert payload == BALANCE
    # Exact, representation included (865.4 stays 865.4, 1000.00 keeps its two zeros).
    assert str(payload["compte"]["credit"]) == "1000.00"
    assert str(payload["service"]["debit"]) == "1E+3"


def test_newer_fetch_replaces(db: Database, clock: FakeClock) -> None:
    cache_put(db, TRANSFER_BALANCE, {"available": Decimal("10")})
    later = clock.now + timedelta(minutes=3)
    cache_put(db, TRANSFER_BALANCE, {"available": Decimal("7.5")}, fetched_at=later)
    cached = cache_get(db, TRANSFER_BALANCE)
    assert cached.payload == {"available": Decimal("7.5")} and cached.fetched_at == later


def test_contacts_list_and_clear(db: Database) -> None:
    contacts = [{"prefix": "225", "phone": "0707070707", "name": "Konaté", "id": 12}]
    cache_put(db, CONTACTS, contacts)
    cache_put(db, ACCOUNT_BALANCE, BALANCE)
    assert cache_get(db, CONTACTS).payload == contacts
    cache_clear(db, CONTACTS)
    assert cache_get(db, CONTACTS) is None and cache_get(db, ACCOUNT_BALANCE) is not None
    cache_clear(db)
    assert cache_get(db, ACCOUNT_BALANCE) is None


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError, match="Decimal"):
        dumps_payload({"solde": 865.4})


def test_dates_round_trip() -> None:
    payload = {"day": date(2026, 3, 5), "at": datetime(2026, 3, 5, 10, 0, tzinfo=UTC)}
    assert loads_payload(dumps_payload(payload)) == payload


def test_tag_lookalike_keys_survive() -> None:
    payload = [{"$decimal": "not a number"}, {"$map": {"$date": 1}}, {"$date": Decimal("1")}]
    assert loads_payload(dumps_payload(payload)) == payload


def test_decimals_are_stored_as_strings() -> None:
    assert dumps_payload({"solde": Decimal("865.40")}) == '{"solde": {"$decimal": "865.40"}}'


decimals = st.decimals(allow_nan=False, allow_infinity=False)
payloads = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | decimals,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(["$decimal", "$map", "$date"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@given(payloads)
def test_any_payload_round_trips_exactly(payload: object) -> None:
    back = loads_payload(dumps_payload(payload))
    assert back == payload
    assert repr(back) == repr(payload)  # same Decimal representation, not just value
