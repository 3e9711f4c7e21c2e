"""Two tills into one shop database; ids unique across tills; adoption: exactly one till
sends each operation."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from backoffice.api.current import check_id
from backoffice.services.ids import MAX_ID_LENGTH, new_id, till_tag
from backoffice.shop.adoption import AdoptionRefused, adopt
from backoffice.shop.replicate import Replicator
from backoffice.shop.schema import connect, migrate
from backoffice.store.links import mark_link
from backoffice.store.outbox import (
    all_outbox_items,
    outbox_count,
    outbox_items,
    unconfirmed_counts,
)
from backoffice.store.states import State
from tests.shop import tills


@pytest.fixture
def shop(shop_dsn: str) -> str:
    with connect(shop_dsn) as conn:
        migrate(conn)
    return shop_dsn


def replicate(db, dsn: str, till: str) -> Replicator:  # type: ignore[no-untyped-def]
    rep = Replicator(db.path, dsn, till)
    rep.run_once()
    rep.stop()
    return rep


def test_ids_carry_the_till_and_stay_within_30_characters() -> None:
    codes = ["CAISSE-1", "CAISSE-2", "caisse 3", "BOUTIQUE-PLATEAU-CAISSE-1",
             "BOUTIQUE-PLATEAU-CAISSE-2", "", "É-1"]
    made = [new_id(p, c) for c in codes for p in ("CPT", "TRF", "CSH", "CLO")
            for _ in range(50)]
    assert len(set(made)) == len(made)
    assert all(len(i) <= MAX_ID_LENGTH and re.fullmatch(r"[A-Z0-9]+", i) for i in made)
    for made_id in made:  # what the current platform's client accepts
        check_id(made_id, "merchant_transaction_id")
    assert new_id("CPT", "CAISSE-1")[15:-6] == "CAISSE1"
    tags = {till_tag(c) for c in codes[:5]}
    assert len(tags) == 5  # long codes that share their start still differ
    assert len(new_id("CPT", "")) == 23  # no till: the earlier shape


def test_two_tills_into_one_database(shop: str, tmp_path: Path) -> None:
    a, b = tills.journal(tmp_path, "CAISSE-1"), tills.journal(tmp_path, "CAISSE-2")
    made = {"CAISSE-1": [tills.link(a, "CAISSE-1", 100), tills.cash(a, "CAISSE-1", 300)],
            "CAISSE-2": [tills.link(b, "CAISSE-2", 200), tills.cash(b, "CAISSE-2", 400)]}
    replicate(a, shop, "CAISSE-1")
    replicate(b, shop, "CAISSE-2")
    got = tills.shop_rows(shop, "SELECT till, transaction_id, amount FROM links ORDER BY till")
    assert got == [("CAISSE-1", made["CAISSE-1"][0], 100), ("CAISSE-2", made["CAISSE-2"][0], 200)]
    assert tills.shop_rows(shop, "SELECT till, sum(amount) FROM cash_movements GROUP BY till"
                                 " ORDER BY till") == [("CAISSE-1", 300), ("CAISSE-2", 400)]
    assert [r[0] for r in tills.shop_rows(shop, "SELECT code FROM tills ORDER BY code")] == [
        "CAISSE-1", "CAISSE-2"]


def test_adoption_moves_the_outbox_to_the_adopting_till(shop: str, tmp_path: Path) -> None:
    gone, heir = tills.journal(tmp_path, "CAISSE-1"), tills.journal(tmp_path, "CAISSE-2")
    queued = tills.transfer(gone, "CAISSE-1", 700)
    waiting = tills.sent_link(gone, "CAISSE-1", 1500)
    done = tills.link(gone, "CAISSE-1", 900)
    mark_link(gone, done, State.SENDING)
    mark_link(gone, done, State.FAILED, reason="refused")
    replicate(gone, shop, "CAISSE-1")
    assert [i.ref for i in outbox_items(gone)] == [queued]

    with connect(shop) as pg:
        with pytest.raises(AdoptionRefused):  # seen seconds ago: it may still be sending
            adopt(pg, "CAISSE-1", "CAISSE-2", "MGR1")
        with pytest.raises(AdoptionRefused):
            adopt(pg, "CAISSE-9", "CAISSE-2", "MGR1")
        done_adoption = adopt(pg, "CAISSE-1", "CAISSE-2", "MGR1", force=True)
    assert (done_adoption.transfers, done_adoption.links) == (1, 1)  # not the failed one
    assert tills.shop_rows(shop, "SELECT sender FROM transfers") == [("CAISSE-2",)]

    replicate(heir, shop, "CAISSE-2")  # imports them, ids kept, checked before any send
    row = heir.query_one("SELECT state, till, last_sent_at, last_sent_mono FROM transfers"
                         " WHERE client_transaction_id = ?", (queued,))
    assert row is not None and (row["state"], row["till"]) == ("uncertain", "CAISSE-1")
    assert row["last_sent_at"] and row["last_sent_mono"] is None
    assert heir.scalar("SELECT state FROM payment_links WHERE transaction_id = ?",
                       (waiting,)) == "sent"
    assert heir.scalar("SELECT count(*) FROM payment_links WHERE transaction_id = ?",
                       (done,)) == 0

    # the gone till comes back: it sees the adoption and never sends those again
    back = replicate(gone, shop, "CAISSE-1")
    assert back.status().adopted_away == 2
    assert outbox_items(gone) == []
    assert [i.ref for i in all_outbox_items(gone)] == [queued]  # still listed, not sent
    # …nor counted: the heir counts them now (the waiting link too)
    assert outbox_count(gone) == 0
    counts = unconfirmed_counts(gone)
    assert (counts.outbox, counts.awaiting_payment, counts.transfers_in_progress) == (0, 0, 0)
    assert outbox_count(heir) == 1
    # its stale copy never moves the shop row back nor takes the sending back
    with gone.transaction() as conn:
        conn.execute("UPDATE transfers SET attempts = attempts WHERE client_transaction_id = ?",
                     (queued,))
    replicate(gone, shop, "CAISSE-1")
    assert tills.shop_rows(shop, "SELECT state, sender FROM transfers") == [
        ("uncertain", "CAISSE-2")]
    with connect(shop) as pg:
        again = adopt(pg, "CAISSE-1", "CAISSE-2", None, force=True)
    assert again.operations == 0  # nothing is adopted twice


def test_two_tills_pushing_at_the_same_time_each_row_once(shop: str, tmp_path: Path) -> None:
    journals = {code: tills.journal(tmp_path, code) for code in ("CAISSE-1", "CAISSE-2")}
    for code, db in journals.items():
        for i in range(150):
            tills.cash(db, code, 1 + i)
    reps = [Replicator(db.path, shop, code, interval=0.05, batch=25)
            for code, db in journals.items()]
    for rep in reps:
        rep.start()
    try:
        for _ in range(600):
            if all(r.status().connected and r.status().pending == 0 for r in reps):
                break
            time.sleep(0.05)
    finally:
        for rep in reps:
            rep.stop()
    assert tills.shop_rows(shop, "SELECT till, count(*), sum(amount) FROM cash_movements"
                                 " GROUP BY till ORDER BY till") == [
        ("CAISSE-1", 150, sum(range(1, 151))), ("CAISSE-2", 150, sum(range(1, 151)))]
