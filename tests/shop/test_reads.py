"""What a back office reads: the tills, every till's rows, and live events (LISTEN on a thread
of its own, back after a server restart)."""

from __future__ import annotations

import queue
from pathlib import Path

import pytest

from backoffice.shop.adoption import adopt
from backoffice.shop.reads import ShopEvent, ShopListener, rows, tills
from backoffice.shop.replicate import Replicator
from backoffice.shop.schema import connect, migrate
from tests.shop import tills as journals
from tests.support.postgres import PostgresServer


@pytest.fixture
def shop(shop_dsn: str) -> str:
    with connect(shop_dsn) as conn:
        migrate(conn)
    return shop_dsn


def push(db, dsn: str, till: str) -> None:  # type: ignore[no-untyped-def]
    rep = Replicator(db.path, dsn, till)
    rep.run_once()
    rep.stop()


def test_tills_and_rows_of_every_till_or_one(shop: str, tmp_path: Path) -> None:
    a, b = journals.journal(tmp_path, "CAISSE-1"), journals.journal(tmp_path, "CAISSE-2")
    one, two = journals.link(a, "CAISSE-1", 100), journals.link(b, "CAISSE-2", 200)
    journals.cash(a, "CAISSE-1", 300)
    push(a, shop, "CAISSE-1")
    push(b, shop, "CAISSE-2")
    with connect(shop) as pg:
        adopt(pg, "CAISSE-1", "CAISSE-2", None, force=True)
        seen = tills(pg)
        every = rows(pg, "links")
        only = rows(pg, "links", till="CAISSE-2")
        cash = rows(pg, "cash_movements", till="CAISSE-1")
        with pytest.raises(ValueError):
            rows(pg, "adoptions; DROP TABLE links")
    assert [(t.code, t.pending, t.adopted_by) for t in seen] == [
        ("CAISSE-1", 0, "CAISSE-2"), ("CAISSE-2", 0, None)]
    assert seen[0].as_json()["last_seen"]
    assert {r["transaction_id"] for r in every} == {one, two}
    assert [(r["transaction_id"], r["amount"], r["cashier_id"]) for r in only] == [
        (two, 200, "CSR1")]
    assert [(r["till"], r["amount"]) for r in cash] == [("CAISSE-1", 300)]


def test_the_listener_hears_changes_and_comes_back_after_a_restart(
        postgres: PostgresServer, shop: str, tmp_path: Path) -> None:
    got: queue.Queue[ShopEvent] = queue.Queue()
    listener = ShopListener(shop, got.put, max_backoff=0.2)
    listener.start()
    try:
        assert listener.connected.wait(10)
        db = journals.journal(tmp_path, "CAISSE-1")
        ref = journals.cash(db, "CAISSE-1", 500)
        push(db, shop, "CAISSE-1")
        events = [got.get(timeout=10) for _ in range(2)]  # the movement and the heartbeat
        assert ShopEvent("cash_movements", "CAISSE-1", ref) in events
        postgres.stop()
        postgres.restart()
        while (event := got.get(timeout=30)).table != "*":
            pass  # "*": back, re-read everything (events may have been missed)
        ref2 = journals.cash(db, "CAISSE-1", 600)
        push(db, shop, "CAISSE-1")
        while (event := got.get(timeout=10)).table != "cash_movements":
            pass
        assert event == ShopEvent("cash_movements", "CAISSE-1", ref2)
    finally:
        listener.stop()
