"""History cache: 100k generated rows checked against a pure-Python reference."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from backoffice.store.db import Database
from backoffice.store.history import (
    SORT_KEYS,
    HistoryQuery,
    HistoryRow,
    daily_totals,
    from_minor,
    history_count,
    history_fetched_at,
    history_iter,
    history_operators,
    history_page,
    history_statuses,
    history_totals,
    to_minor,
    upsert_history,
)
from tests.support.clock import FakeClock
from tests.support.history_data import PHONES, Reference, generate

ROWS = 100_000
FETCHED = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def rows() -> list[HistoryRow]:
    return list(generate(ROWS))


@pytest.fixture(scope="module")
def reference(rows: list[HistoryRow]) -> Reference:
    return Reference(rows)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory, rows: list[HistoryRow]) -> Iterator[Database]:
    db = Database.open(tmp_path_factory.mktemp("history") / "journal.db")
    assert upsert_history(db, rows, fetched_at=FETCHED) == ROWS
    yield db
    db.close()


def ids(found: list[HistoryRow]) -> list[str]:
    return [r.transaction_id for r in found]


def strip_fetch(row: HistoryRow) -> HistoryRow:
    return dataclasses.replace(row, fetched_at=None)


QUERIES = {
    "everything": HistoryQuery(),
    "march accepted": HistoryQuery(
        date_from=date(2026, 3, 1), date_to=date(2026, 3, 31), statuses=("ACCEPTED",)
    ),
    "one day, ascending": HistoryQuery(
        date_from=date(2026, 2, 14), date_to=date(2026, 2, 14), descending=False
    ),
    "operators by amount": HistoryQuery(
        operators=("OM", "WAVE"), sort_key="amount", descending=False
    ),
    "refused or pending by buyer": HistoryQuery(
        statuses=("REFUSED", "PENDING"), sort_key="buyer_name"
    ),
    "phone without prefix": HistoryQuery(phone=PHONES[7]),
    "phone with prefix": HistoryQuery(phone="+221 " + PHONES[7], sort_key="status"),
    "text accent-insensitive": HistoryQuery(text="KONATE", operators=("MOMO",)),
    "text with accent": HistoryQuery(text="café", date_to=date(2026, 1, 20)),
    "text in custom": HistoryQuery(text="ticket-4242"),
    "text in payid": HistoryQuery(text="PAY00", sort_key="payid", descending=False),
    "text matching nothing": HistoryQuery(text="zzz-nothing"),
    "injection attempt": HistoryQuery(text="%'; DROP TABLE history; --"),
    "sort by operator": HistoryQuery(sort_key="operator", date_from=date(2026, 4, 1)),
}


@pytest.mark.parametrize("name", list(QUERIES))
def test_count_totals_and_first_page_match_reference(
    big: Database, reference: Reference, name: str
) -> None:
    q = QUERIES[name]
    expected = reference(q)
    assert history_count(big, q) == len(expected)

    totals = history_totals(big, q)
    assert totals.count == len(expected)
    assert totals.amount_minor == sum(r.amount_minor for r in expected)
    accepted = [r for r in expected if r.status == "ACCEPTED"]
    assert totals.accepted.count == len(accepted)
    assert totals.accepted.amount_minor == sum(r.amount_minor for r in accepted)
    assert totals.accepted.amount == sum((r.amount for r in accepted), Decimal(0))
    by_status: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_operator: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    accepted_by_operator: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in expected:
        for table, key in ((by_status, r.status), (by_operator, r.operator)):
            table[key][0] += 1
            table[key][1] += r.amount_minor
        if r.status == "ACCEPTED":
            accepted_by_operator[r.operator][0] += 1
            accepted_by_operator[r.operator][1] += r.amount_minor
    assert {k: [b.count, b.amount_minor] for k, b in totals.by_status.items()} == by_status
    assert {k: [b.count, b.amount_minor] for k, b in totals.by_operator.items()} == by_operator
    assert {
        k: [b.count, b.amount_minor] for k, b in totals.accepted_by_operator.items()
    } == accepted_by_operator

    page = history_page(big, q, 0, 50)
    assert [strip_fetch(r) for r in page] == expected[:50]
    assert all(r.fetched_at == FETCHED for r in page)


def test_the_reference_queries_are_not_trivial(reference: Reference) -> None:
    sizes = {name: len(reference(q)) for name, q in QUERIES.items()}
    assert sizes["everything"] == ROWS
    assert sizes["text matching nothing"] == sizes["injection attempt"] == 0
    for name in (
        "march accepted",
        "phone without prefix",
        "text accent-insensitive",
        "text with accent",
        "text in custom",
        "one day, ascending",
    ):
        assert 0 < sizes[name] < ROWS, name
    assert sizes["phone with prefix"] < sizes["phone without prefix"]


def test_paging_walks_the_whole_result_in_order(big: Database, reference: Reference) -> None:
    q = QUERIES["march accepted"]
    expected = ids(reference(q))
    pages: list[str] = []
    offset = 0
    while page := history_page(big, q, offset, 2500):
        pages += ids(page)
        offset += 2500
    assert pages == expected
    assert history_page(big, q, len(expected), 10) == []


def test_export_iterates_everything_in_the_displayed_order(
    big: Database, reference: Reference
) -> None:
    everything = QUERIES["everything"]
    assert ids(list(history_iter(big, everything))) == ids(reference(everything))
    q = QUERIES["march accepted"]
    exported = list(history_iter(big, q, chunk=333))
    assert [strip_fetch(r) for r in exported] == reference(q)
    assert ids(exported[:200]) == ids(history_page(big, q, 0, 200))


def test_every_sort_key(big: Database, reference: Reference) -> None:
    for key in SORT_KEYS:
        for descending in (False, True):
            q = HistoryQuery(sort_key=key, descending=descending, date_from=date(2026, 4, 20))
            assert ids(history_page(big, q, 0, 30)) == ids(reference(q)[:30]), key


def test_transaction_id_filter(big: Database, rows: list[HistoryRow]) -> None:
    target = rows[12345]
    found = history_page(big, HistoryQuery(transaction_id=target.transaction_id))
    assert [strip_fetch(r) for r in found] == [target]


def test_daily_totals(big: Database, rows: list[HistoryRow]) -> None:
    today = date(2026, 3, 10)
    result = daily_totals(big, 14, today)
    assert [d.day for d in result] == [today - timedelta(days=13 - i) for i in range(14)]
    for day, amount in result:
        expected = sum(
            (
                r.amount
                for r in rows
                if r.status == "ACCEPTED" and r.paid_at and r.paid_at.date() == day
            ),
            Decimal(0),
        )
        assert amount == expected
    xof = daily_totals(big, 3, today, currency="XOF")
    assert all(d.amount <= t.amount for d, t in zip(xof, result[-3:], strict=True))
    assert daily_totals(big, 2, date(2030, 1, 1)) == [
        (date(2029, 12, 31), Decimal(0)),
        (date(2030, 1, 1), Decimal(0)),
    ]


def test_filter_values_and_fetch_time(big: Database) -> None:
    assert history_operators(big) == sorted(["OM", "MOMO", "FLOOZ", "WAVE", "VISAM"])
    assert history_statuses(big) == ["ACCEPTED", "PENDING", "REFUSED"]
    assert history_fetched_at(big) == FETCHED


def test_unknown_sort_key_is_refused() -> None:
    with pytest.raises(ValueError, match="sort key"):
        HistoryQuery(sort_key="amount_minor; DROP TABLE history")


def test_upsert_merges_newer_fetches(db: Database, clock: FakeClock) -> None:
    first = list(generate(50, seed=1))
    upsert_history(db, first)
    assert history_count(db, HistoryQuery()) == 50
    assert history_fetched_at(db) == datetime(2026, 11, 23, 10, 15, 0, 123000, tzinfo=UTC)
    clock.advance(minutes=5)
    changed = dataclasses.replace(first[0], status="ACCEPTED", amount=Decimal("42.5"))
    upsert_history(db, [changed, *list(generate(60, seed=2))[:10]])
    assert history_count(db, HistoryQuery()) == 60
    stored = history_page(db, HistoryQuery(transaction_id=changed.transaction_id))[0]
    assert stored.amount == Decimal("42.50") and stored.status == "ACCEPTED"
    assert stored.fetched_at == clock.now - timedelta(milliseconds=1)
    # A late answer to an older request does not overwrite the newer row.
    stale = dataclasses.replace(first[0], status="REFUSED")
    upsert_history(db, [stale], fetched_at=clock.now - timedelta(hours=1))
    again = history_page(db, HistoryQuery(transaction_id=changed.transaction_id))[0]
    assert again.status == "ACCEPTED"


def test_amounts_are_exact() -> None:
    assert to_minor(Decimal("865.4")) == 86540
    assert to_minor(17500) == 1750000
    assert to_minor("0.05") == 5
    assert from_minor(86540) == Decimal("865.40")
    assert str(from_minor(1750000)) == "17500"
    with pytest.raises(ValueError, match="2 decimals"):
        to_minor(Decimal("1.005"))
    with pytest.raises(ValueError):
        to_minor(Decimal("NaN"))
    # The sum of many cents is exact, unlike floats.
    assert sum(to_minor(Decimal("0.10")) for _ in range(1000)) == 10000


def test_unpaid_rows_have_no_payment_time(db: Database) -> None:
    row = HistoryRow("X1", Decimal(100), "XOF", "REFUSED", paid_at=None)
    upsert_history(db, [row])
    assert history_page(db, HistoryQuery())[0].paid_at is None
    assert history_count(db, HistoryQuery(date_from=date(2000, 1, 1))) == 0


def test_aware_paid_at_is_refused(db: Database) -> None:
    row = HistoryRow("X1", Decimal(100), "XOF", "ACCEPTED", paid_at=datetime.now(UTC))
    with pytest.raises(ValueError, match="naive"):
        upsert_history(db, [row])
    assert history_count(db, HistoryQuery()) == 0  # nothing half-written


def test_table_survives_hostile_text(big: Database, tmp_path: Path) -> None:
    history_count(big, HistoryQuery(text="'); DELETE FROM history; --", phone="1' OR '1'='1"))
    assert history_count(big, HistoryQuery()) == ROWS
