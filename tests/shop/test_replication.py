"""A till's journal copied to the shop database: every kind of row, once, states forward."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from backoffice.shop.replicate import BY_LOCAL, Replicator, shop_params, upsert_sql
from backoffice.shop.schema import connect, latest_version, migrate, version
from backoffice.store.links import mark_link
from backoffice.store.states import State
from tests.shop import tills


@pytest.fixture
def shop(shop_dsn: str) -> str:
    with connect(shop_dsn) as conn:
        migrate(conn)
    return shop_dsn


def test_init_creates_then_migrates_nothing_twice(shop_dsn: str) -> None:
    with connect(shop_dsn) as conn:
        assert version(conn) == 0
        assert migrate(conn) == latest_version() >= 1
        assert migrate(conn) == latest_version()
        assert conn.execute("SELECT count(*) FROM schema_version").fetchone() == (
            latest_version(),)
        tables = {r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert {"tills", "links", "transfers", "contacts", "cash_movements", "closings",
            "cashiers", "day_reopenings", "adoptions", "adopted_operations"} <= tables


def test_links_transfers_cash_and_closings_are_copied_with_their_till(
        shop: str, tmp_path: Path) -> None:
    db = tills.journal(tmp_path, "CAISSE-1")
    lid, tid = tills.sent_link(db, "CAISSE-1", 1500), tills.transfer(db, "CAISSE-1", 700)
    cid, clo = tills.cash(db, "CAISSE-1", 2000), tills.closing(db, "CAISSE-1", 2000)
    rep = Replicator(db.path, shop, "CAISSE-1")
    try:
        assert rep.run_once() == 4
        assert rep.status().pending == 0 and rep.status().connected
        assert rep.run_once() == 0  # nothing twice
    finally:
        rep.stop()
    links = tills.shop_rows(shop, "SELECT transaction_id, till, cashier_id, amount, state,"
                                  " state_rank, sender, created_at, row->>'payment_token'"
                                  " FROM links")
    assert [r[:7] for r in links] == [(lid, "CAISSE-1", "CSR1", 1500, "sent", 1, "CAISSE-1")]
    assert isinstance(links[0][3], int) and links[0][7].tzinfo is not None
    assert links[0][8] == "tok"
    assert tills.shop_rows(shop, "SELECT client_transaction_id, till, amount, state FROM"
                                 " transfers") == [(tid, "CAISSE-1", 700, "queued")]
    assert tills.shop_rows(shop, "SELECT movement_id, till, kind, amount FROM"
                                 " cash_movements") == [(cid, "CAISSE-1", "sale", 2000)]
    assert tills.shop_rows(shop, "SELECT closing_id, till, expected_cash, provisional,"
                                 " report->>'total' FROM closings") == [
        (clo, "CAISSE-1", 2000, False, "2000")]
    seen = tills.shop_rows(shop, "SELECT code, pending, last_pushed IS NOT NULL FROM tills")
    assert seen == [("CAISSE-1", 0, True)]


def test_every_change_notifies_with_table_till_and_id(shop: str, tmp_path: Path) -> None:
    db = tills.journal(tmp_path, "CAISSE-1")
    lid = tills.link(db, "CAISSE-1")
    rep = Replicator(db.path, shop, "CAISSE-1")
    with psycopg.connect(shop, autocommit=True) as listener:
        listener.execute("LISTEN comptoir_shop")
        rep.run_once()
        mark_link(db, lid, State.SENDING)
        rep.run_once()
        got = [n.payload for n in listener.notifies(timeout=3, stop_after=3)]
    rep.stop()
    link_events = [p for p in got if '"links"' in p]
    assert len(link_events) == 2
    assert all(f'"id" : "{lid}"' in p and '"till" : "CAISSE-1"' in p for p in link_events)


def test_a_late_older_copy_never_moves_a_state_back(shop: str, tmp_path: Path) -> None:
    db = tills.journal(tmp_path, "CAISSE-1")
    lid = tills.sent_link(db, "CAISSE-1")
    older = dict(db.query_one("SELECT * FROM payment_links WHERE transaction_id = ?", (lid,)))
    mark_link(db, lid, State.FINAL, payment_status="ACCEPTED", operator_id="OP1")
    rep = Replicator(db.path, shop, "CAISSE-1")
    rep.run_once()
    rep.stop()
    table = BY_LOCAL["payment_links"]
    with connect(shop) as conn:  # the older copy arrives late (another path, a stale till)
        conn.execute(upsert_sql(table), shop_params(table, older, "CAISSE-1"))
        conn.commit()
    assert tills.shop_rows(shop, "SELECT state, payment_status, operator_id FROM links") == [
        ("final", "ACCEPTED", "OP1")]
    # …and the same rank with an older updated_at does not win either
    queued = dict(older, state="queued", updated_at="2020-01-01T00:00:00.000Z")
    with connect(shop) as conn:
        conn.execute(upsert_sql(table), shop_params(table, queued, "CAISSE-1"))
        conn.commit()
    assert tills.shop_rows(shop, "SELECT state FROM links") == [("final",)]


def test_a_row_changed_during_a_push_stays_pending(shop: str, tmp_path: Path) -> None:
    db = tills.journal(tmp_path, "CAISSE-1")
    lid = tills.link(db, "CAISSE-1")
    rep = Replicator(db.path, shop, "CAISSE-1")
    rep.after_push = lambda: (mark_link(db, lid, State.SENDING), setattr(rep, "after_push",
                                                                         None))
    rep.run_once()  # pushed 'queued'; the change to 'sending' came after: pushed next loop
    rep.stop()
    assert tills.shop_rows(shop, "SELECT state FROM links") == [("sending",)]
    assert db.scalar("SELECT count(*) FROM shop_pending") == 0


def test_another_tills_row_with_the_same_id_is_never_overwritten(
        shop: str, tmp_path: Path) -> None:
    a, b = tills.journal(tmp_path, "A"), tills.journal(tmp_path, "B")
    tills.link(a, "A")
    lid = a.scalar("SELECT transaction_id FROM payment_links")
    from backoffice.store.links import create_link
    create_link(b, lid, amount=99, currency="XOF", description="x", request={}, till="B")
    mark_link(b, lid, State.SENDING)
    for db, till in ((a, "A"), (b, "B")):
        rep = Replicator(db.path, shop, till)
        rep.run_once()
        rep.stop()
    assert tills.shop_rows(shop, "SELECT till, amount FROM links") == [("A", 1500)]


def test_timestamps_are_timestamptz_and_amounts_bigint(shop: str) -> None:
    types = dict(tills.shop_rows(
        shop, "SELECT table_name || '.' || column_name, data_type FROM"
              " information_schema.columns WHERE column_name IN ('amount', 'created_at',"
              " 'expected_cash', 'counted_cash')"))
    assert set(types) >= {"links.amount", "transfers.amount", "cash_movements.amount",
                          "closings.expected_cash"}
    assert {t for k, t in types.items() if not k.endswith("created_at")} == {"bigint"}
    assert {t for k, t in types.items() if k.endswith("created_at")} == {
        "timestamp with time zone"}


def test_a_row_the_shop_refuses_never_blocks_the_others(shop: str, tmp_path: Path) -> None:
    db = tills.journal(tmp_path, "CAISSE-1")
    bad = tills.link(db, "CAISSE-1", 50)
    with db.transaction() as conn:  # a row the shop database cannot take
        conn.execute("UPDATE payment_links SET created_at = 'pas une date'"
                     " WHERE transaction_id = ?", (bad,))
    good = [tills.link(db, "CAISSE-1", 100 + i) for i in range(3)]
    rep = Replicator(db.path, shop, "CAISSE-1", batch=2)
    try:
        rep.run_once()
        status = rep.status()
        assert (status.refused, status.pending, status.connected) == (1, 1, True)
        assert "refus" in status.error
        assert {r[0] for r in tills.shop_rows(shop, "SELECT transaction_id FROM links")} == \
            set(good)
        with db.transaction() as conn:  # corrected: copied at the next cycle
            conn.execute("UPDATE payment_links SET created_at = updated_at"
                         " WHERE transaction_id = ?", (bad,))
        rep.run_once()
        assert rep.status().pending == 0
    finally:
        rep.stop()
    assert len(tills.shop_rows(shop, "SELECT 1 FROM links")) == 4
