"""History search through the trigram index (migration 0009) gives exactly what a plain scan
gives, stays in step with refreshes, and the sorts use their indexes."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal

import pytest

from backoffice.store import history as h
from backoffice.store.db import Database
from backoffice.store.history import HistoryQuery, HistoryRow, upsert_history

NAMES = ("Awa Konaté", "KONATE Moussa", 'Le "Grand" 100% Maquis', "Zoé Brou", "Ibrahim_Koné")


def _rows(count: int = 300) -> list[HistoryRow]:
    return [HistoryRow(transaction_id=f"T{n:05d}", amount=Decimal(100 + 7 * n), currency="XOF",
                       status=("ACCEPTED", "REFUSED")[n % 2], operator=("OM", "WAVE")[n % 3 > 0],
                       phone=f"07{n:08d}", phone_prefix="225", buyer_name=NAMES[n % len(NAMES)],
                       designation=f"Commande {n}", paid_at=datetime(2026, 3, 1 + n % 28, 10, 0))
            for n in range(count)]


@pytest.fixture
def filled(db: Database) -> Database:
    upsert_history(db, _rows())
    return db


def _scanned(db: Database, q: HistoryQuery) -> list[str]:
    """Every matching id in the query's order, by a plain scan (no index)."""
    where, params = h._where(q, h.SCANNED)
    return [r[0] for r in db.query_tuples(
        f"SELECT transaction_id FROM history{where}{h._order(q)}", params)]


@pytest.mark.parametrize("text", ["kona", "KONATÉ", '"grand"', "100%", "_kon", "0700000012",
                                  "zoe", "nobody here", "ko", "é"])
def test_indexed_search_finds_what_a_scan_finds(filled: Database, text: str) -> None:
    q = HistoryQuery(text=text, sort_key="amount", descending=True)
    expected = _scanned(filled, q)
    page = [r.transaction_id for r in h.history_page(filled, q, 0, 1000)]
    assert page == expected
    assert h.history_count(filled, q) == len(expected)
    count, first = h.history_first_rows(filled, q, 5)
    assert first == h.history_page(filled, q, 0, 5)
    assert count == len(expected) or (count is None and len(expected) >= 5)  # None: count later
    narrowed = dataclasses.replace(q, statuses=("REFUSED",))  # the index and a filter
    assert h.history_count(filled, narrowed) == len(_scanned(filled, narrowed))
    assert h.history_totals(filled, q).count == len(expected)
    assert [r.transaction_id for r in h.history_iter(filled, q)] == expected


def test_both_plans_of_a_page_agree(filled: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    q = HistoryQuery(text="konat", statuses=("ACCEPTED",))
    assert h._text_plan(filled, q, paging=True) == h.INDEXED
    indexed = [r.transaction_id for r in h.history_page(filled, q, 10, 30)]
    monkeypatch.setattr(h, "_FEW", 0)  # as if the needle were common: walk the sort index
    assert h._text_plan(filled, q, paging=True) == h.SCANNED
    assert [r.transaction_id for r in h.history_page(filled, q, 10, 30)] == indexed
    assert len(indexed) == 30


def test_the_index_follows_refreshed_rows(filled: Database) -> None:
    renamed = dataclasses.replace(_rows()[7], buyer_name="Fatou Diallo")
    upsert_history(filled, [renamed])
    assert [r.transaction_id for r in h.history_page(filled, HistoryQuery(text="diallo"))] == \
        ["T00007"]
    # the old name no longer finds that row
    old = HistoryQuery(text=NAMES[7 % len(NAMES)][:6])
    assert "T00007" not in [r.transaction_id for r in h.history_page(filled, old, 0, 1000)]
    assert filled.query("INSERT INTO history_fts (history_fts) VALUES ('integrity-check')") == []


def test_sorts_and_searches_use_their_indexes(filled: Database) -> None:
    def plan(q: HistoryQuery, plan_: str) -> str:
        where, params = h._where(q, plan_)
        rows = filled.query(f"EXPLAIN QUERY PLAN SELECT * FROM history{where}{h._order(q)}"
                            " LIMIT 200", params)
        return " | ".join(r["detail"] for r in rows)

    by_amount = plan(HistoryQuery(sort_key="amount"), h.SCANNED)
    assert "history_amount" in by_amount and "TEMP B-TREE" not in by_amount
    assert "history_fts" in plan(HistoryQuery(text="konate"), h.INDEXED)
