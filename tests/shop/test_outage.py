"""The shop server stops mid-run, a replicator dies mid-batch (even kill -9): the till keeps
journaling, and the catch-up copies every row exactly once."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backoffice.shop.replicate import Replicator, pending_count
from backoffice.shop.schema import connect, migrate, redact
from backoffice.store.links import mark_link
from backoffice.store.states import State
from tests.shop import tills
from tests.support.postgres import PostgresServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shop(shop_dsn: str) -> str:
    with connect(shop_dsn) as conn:
        migrate(conn)
    return shop_dsn


def wait_for(condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.05)


def totals(dsn: str) -> tuple[int, int, int, int]:
    (links, link_sum), = tills.shop_rows(dsn, "SELECT count(*), coalesce(sum(amount), 0)"
                                              " FROM links")
    (cash, cash_sum), = tills.shop_rows(dsn, "SELECT count(*), coalesce(sum(amount), 0)"
                                             " FROM cash_movements")
    return int(links), int(link_sum), int(cash), int(cash_sum)


def test_server_stopped_mid_run_then_back_nothing_lost_nor_doubled(
        postgres: PostgresServer, shop: str, tmp_path: Path) -> None:
    db = tills.journal(tmp_path, "CAISSE-1")
    statuses = []
    rep = Replicator(db.path, shop, "CAISSE-1", interval=0.05, max_backoff=0.2,
                     on_status=statuses.append)
    rep.start()
    try:
        first = [tills.link(db, "CAISSE-1", 100 + i) for i in range(5)]
        wait_for(lambda: rep.status().connected and rep.status().pending == 0)
        postgres.stop()
        try:
            # the till goes on: sales and state changes are journaled while the server is down
            later = [tills.link(db, "CAISSE-1", 200 + i) for i in range(5)]
            cash = [tills.cash(db, "CAISSE-1", 1000 + i) for i in range(3)]
            mark_link(db, first[0], State.SENDING)
            wait_for(lambda: not rep.status().connected and rep.status().pending >= 9)
            down = rep.status()
            assert down.error and down.retry_in > 0 and down.last_pushed is not None
        finally:
            postgres.restart()
        wait_for(lambda: rep.status().connected and rep.status().pending == 0)
    finally:
        rep.stop()
    assert totals(shop) == (10, sum(range(100, 105)) + sum(range(200, 205)),
                            3, sum(range(1000, 1003)))
    ids = {r[0] for r in tills.shop_rows(shop, "SELECT transaction_id FROM links")}
    assert ids == set(first + later)
    assert {r[0] for r in tills.shop_rows(shop, "SELECT movement_id FROM cash_movements")} \
        == set(cash)
    assert tills.shop_rows(shop, "SELECT state FROM links WHERE transaction_id = %s",
                           (first[0],)) == [("sending",)]
    assert any(not s.connected for s in statuses) and statuses[-1].connected


def test_dropped_between_the_shop_commit_and_the_local_bookkeeping(
        shop: str, tmp_path: Path) -> None:
    db = tills.journal(tmp_path, "CAISSE-1")
    for i in range(30):
        tills.link(db, "CAISSE-1", 10 + i)
    dying = Replicator(db.path, shop, "CAISSE-1", batch=7)

    def crash() -> None:
        raise OSError("the till's power went off")

    dying.after_push = crash
    with pytest.raises(OSError):
        dying.run_once()
    dying.stop()  # dropped: the first batch is in the shop database, still pending here
    assert pending_count(db.path) == 30
    assert totals(shop)[0] == 7
    again = Replicator(db.path, shop, "CAISSE-1", batch=7)
    again.run_once()
    again.stop()
    assert totals(shop)[:2] == (30, sum(range(10, 40)))
    assert pending_count(db.path) == 0


CHILD = """
import sys, time
from backoffice.shop.replicate import Replicator
rep = Replicator(sys.argv[1], sys.argv[2], "CAISSE-1", batch=20)
def slow():
    print("pushed", flush=True)
    time.sleep(0.2)
rep.after_push = slow
rep.run_once()
"""


def test_killed_with_sigkill_mid_run_then_restarted(shop: str, tmp_path: Path) -> None:
    db = tills.journal(tmp_path, "CAISSE-1")
    for i in range(200):
        tills.link(db, "CAISSE-1", 1 + i)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db.path), shop], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    for _ in range(3):  # three batches in, then kill -9 (between a commit and its bookkeeping)
        assert child.stdout.readline().strip() == "pushed"
    child.kill()  # SIGKILL (TerminateProcess on Windows)
    child.wait(10)
    copied = totals(shop)[0]
    assert 60 <= copied < 200 and pending_count(db.path) > 200 - copied
    rep = Replicator(db.path, shop, "CAISSE-1")
    rep.run_once()
    rep.stop()
    assert totals(shop)[:2] == (200, sum(range(1, 201)))
    assert pending_count(db.path) == 0


def test_the_dsn_password_is_never_logged_nor_shown(
        postgres: PostgresServer, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    secret = "S3cret-Pa55-word"
    dsn = f"postgresql://comptoir:{secret}@127.0.0.1:{postgres.port}/nowhere"
    db = tills.journal(tmp_path, "CAISSE-1")
    tills.link(db, "CAISSE-1")
    caplog.set_level(logging.DEBUG)
    rep = Replicator(db.path, dsn, "CAISSE-1")
    with pytest.raises(Exception):  # noqa: B017 - whatever psycopg says about the refusal
        rep.run_once()
    rep.stop()
    status = rep.status()
    assert not status.connected and status.error and status.pending == 1
    shown = " ".join([caplog.text, status.error, status.shop, repr(status), redact(dsn)])
    assert secret not in shown
    assert status.shop == f"postgresql://comptoir@127.0.0.1:{postgres.port}/nowhere"
    assert "unreachable" in caplog.text
