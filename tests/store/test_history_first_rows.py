"""The first rows of a search come with their count only when the indexes give it (else the
count is left to history_count), and pages deep in a list (found on the sort's index by
rowid) hold exactly the rows a full listing has there, whichever way the text is searched."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from backoffice.store import history as h
from backoffice.store.db import Database
from backoffice.store.history import HistoryQuery, HistoryRow, upsert_history
from tests.store.test_history_search import _scanned

ROWS = 3000
NAMES = ("Awa Konaté", "Moussa Traoré", "Zoé Brou", "Eric Kouassi")


def _rows() -> list[HistoryRow]:
    start = datetime(2026, 2, 1, 8)
    return [HistoryRow(transaction_id=f"R{n:05d}", amount=Decimal(100 + (n * 37) % 1000),
                       currency="XOF", status=("ACCEPTED", "REFUSED")[n % 4 == 0],
                       operator=("OM", "WAVE", "MOMO")[n % 3], phone=f"07{n:08d}",
                       phone_prefix="225", buyer_name=NAMES[n % len(NAMES)],
                       designation=f"Commande {n}", paid_at=start + timedelta(minutes=7 * n))
            for n in range(ROWS)]


@pytest.fixture
def filled(db: Database) -> Database:
    upsert_history(db, _rows())
    return db


def _ids(rows: list[HistoryRow]) -> list[str]:
    return [r.transaction_id for r in rows]


@pytest.mark.parametrize(("query", "counted"), [
    (HistoryQuery(), True),  # no text: count(*) on the indexes
    (HistoryQuery(statuses=("REFUSED",), sort_key="amount"), True),
    (HistoryQuery(text="konat"), True),  # a search alone: the trigram index counts it
    (HistoryQuery(text="ko"), False),  # 2 characters: counting reads the whole table
    (HistoryQuery(text="konat", operators=("OM",)), False),  # a search with a filter
    (HistoryQuery(text="R0001"), True),  # fewer rows than asked: counted by the page
    (HistoryQuery(text="e", statuses=("REFUSED",), sort_key="paid_at"), False),
    (HistoryQuery(text="nobody"), True),
])
def test_first_rows_and_the_count_when_it_costs_nothing(
        filled: Database, query: HistoryQuery, counted: bool) -> None:
    expected = _scanned(filled, query)
    total, rows = h.history_first_rows(filled, query, 50)
    assert _ids(rows) == expected[:50]
    assert total == (len(expected) if counted else None)
    if total is None:  # then the caller counts it
        assert h.history_count(filled, query) == len(expected)


@pytest.mark.parametrize("query", [
    HistoryQuery(sort_key="amount", descending=False),
    HistoryQuery(sort_key="paid_at", descending=True),
    HistoryQuery(sort_key="buyer_name", descending=False, statuses=("ACCEPTED",)),
    HistoryQuery(text="konat", sort_key="amount", descending=True),  # common needle
    HistoryQuery(text="o", sort_key="amount"),  # 1 character: a walk of the sort index
    HistoryQuery(text="commande 1", sort_key="transaction_id", descending=False),
])
def test_deep_pages_are_the_rows_of_the_full_scanned(
        filled: Database, query: HistoryQuery, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(h, "_DEEP", 200)  # "deep" at this cache's size
    monkeypatch.setattr(h, "_FEW", 100)  # and common needles walk the sort index
    expected = _scanned(filled, query)
    assert len(expected) > h._DEEP + 60  # deep enough for the rowid way
    for offset in (0, h._DEEP - 10, h._DEEP, len(expected) - 50, len(expected) - 20):
        assert _ids(h.history_page(filled, query, offset, 50)) == expected[offset:offset + 50]


def test_deep_in_a_long_search_the_index_way_is_taken(
        filled: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(h, "_FEW", 100)  # 750 matches: a common needle at this size
    q = HistoryQuery(text="konat", sort_key="amount")
    matches = len(_scanned(filled, q))  # a quarter of the rows
    assert h._text_plan(filled, q, paging=True, reach=50) == h.SCANNED  # first rows: walk
    assert h._text_plan(filled, q, paging=True, reach=matches) == h.INDEXED
    deep = _ids(h.history_page(filled, q, matches - 30, 50))
    assert deep == _scanned(filled, q)[-30:]
    narrowed = dataclasses.replace(q, statuses=("ACCEPTED",))
    assert _ids(h.history_page(filled, narrowed, 100, 50)) == \
        _scanned(filled, narrowed)[100:150]
