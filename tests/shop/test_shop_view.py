"""The back office's view of the whole shop (backoffice/shop/view.py) against the real server:
every till's operations with the till and cashier on each, a day per till and for the shop,
and live updates by LISTEN/NOTIFY delivered on the event loop, also after an outage."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from backoffice.services.events import SHOP_CHANGED, EventBus
from backoffice.shop.reads import ShopEvent
from backoffice.shop.replicate import Replicator
from backoffice.shop.schema import connect, migrate
from backoffice.shop.view import ShopView, read_ids
from backoffice.store.cashiers import add_cashier
from backoffice.store.links import mark_link
from backoffice.store.states import State
from tests.shop import tills
from tests.support.postgres import PostgresServer


@pytest.fixture
def shop(shop_dsn: str) -> str:
    with connect(shop_dsn) as conn:
        migrate(conn)
    return shop_dsn


def paid_link(db, till: str, amount: int) -> str:  # type: ignore[no-untyped-def]
    tid = tills.sent_link(db, till, amount)
    mark_link(db, tid, State.FINAL, payment_status="ACCEPTED")
    return tid


def waiting_link(db, till: str, amount: int) -> str:  # type: ignore[no-untyped-def]
    tid = tills.link(db, till, amount)
    mark_link(db, tid, State.SENDING)
    mark_link(db, tid, State.SENT, payment_status="PENDING", payment_token="tok",
              payment_url="https://checkout.example/tok")
    return tid


def two_tills(tmp_path: Path, shop: str) -> dict[str, list[str]]:
    """CAISSE-1: a paid link, a waiting one, a cash sale (Awa); CAISSE-2: a paid link, a
    transfer, a cash sale; both replicated."""
    made: dict[str, list[str]] = {}
    for till, amounts in (("CAISSE-1", (1500, 800, 2000)), ("CAISSE-2", (3000, 0, 500))):
        db = tills.journal(tmp_path, till)
        add_cashier(db, "CSR1", "Awa" if till == "CAISSE-1" else "Binta", "cashier")
        refs = [paid_link(db, till, amounts[0]), tills.cash(db, till, amounts[2])]
        if amounts[1]:
            refs.append(waiting_link(db, till, amounts[1]))
        else:
            refs.append(tills.transfer(db, till, 700))
        made[till] = refs
        rep = Replicator(db.path, shop, till)
        try:
            rep.run_once()
        finally:
            rep.stop()
        db.close()
    return made


async def test_operations_of_every_till_with_till_and_cashier(shop: str, tmp_path: Path) -> None:
    made = two_tills(tmp_path, shop)
    view = ShopView(shop)
    ops = await view.operations()
    assert {op.ref for op in ops} == set(made["CAISSE-1"]) | set(made["CAISSE-2"])
    by_ref = {op.ref: op for op in ops}
    first = by_ref[made["CAISSE-1"][0]]
    assert (first.kind, first.till, first.cashier, first.amount, first.outcome) == \
        ("link", "CAISSE-1", "Awa", 1500, "paid")
    cash = by_ref[made["CAISSE-2"][1]]
    assert (cash.kind, cash.till, cash.cashier, cash.amount, cash.outcome) == \
        ("cash", "CAISSE-2", "Binta", 500, "sale")
    assert by_ref[made["CAISSE-2"][2]].kind == "transfer"
    assert [op.created_at for op in ops] == sorted((op.created_at for op in ops), reverse=True)
    only_two = await view.operations(till="CAISSE-2")
    assert {op.ref for op in only_two} == set(made["CAISSE-2"])
    links = await view.links(till="CAISSE-1")
    assert {(c.row.transaction_id, c.till, c.cashier) for c in links} == \
        {(made["CAISSE-1"][0], "CAISSE-1", "Awa"), (made["CAISSE-1"][2], "CAISSE-1", "Awa")}


async def test_day_per_till_and_for_the_whole_shop(shop: str, tmp_path: Path) -> None:
    made = two_tills(tmp_path, shop)
    view = ShopView(shop)
    today = datetime.now(UTC).date()
    day = await view.day(today, "UTC")
    assert [t.till for t in day.tills] == ["CAISSE-1", "CAISSE-2"]
    one, two = day.tills
    assert (one.paid_count, one.paid_amount, one.waiting_count, one.cash_amount) == \
        (1, 1500, 1, 2000)
    assert (two.paid_count, two.paid_amount, two.cash_amount, two.transfers_open) == \
        (1, 3000, 500, 1)
    assert (day.total.paid_amount, day.total.cash_amount, day.total.takings) == \
        (4500, 2500, 7000)
    assert one.takings == 3500 and two.takings == 3500
    assert one.last_seen is not None and one.pending == 0
    yesterday = await view.day(today - timedelta(days=1), "UTC")
    assert yesterday.total.takings == 0
    assert len(made) == 2


async def test_day_shows_each_tills_latest_closing(shop: str, tmp_path: Path) -> None:
    db = tills.journal(tmp_path, "CAISSE-3")
    closing = tills.closing(db, "CAISSE-3", expected=2000)
    rep = Replicator(db.path, shop, "CAISSE-3")
    rep.run_once()
    rep.stop()
    day = await ShopView(shop).day(datetime(2026, 12, 3).date(), "UTC")
    (item,) = day.tills
    assert (item.closing_id, item.closing_version, item.counted_cash, item.expected_cash) == \
        (closing, 1, 2000, 2000)


async def test_notification_from_another_till_reaches_the_bus_on_the_loop_thread(
        postgres: PostgresServer, shop: str, tmp_path: Path) -> None:
    bus = EventBus()
    got: list[tuple[ShopEvent, bool]] = []
    arrived = asyncio.Event()
    loop_thread = threading.get_ident()

    def on_change(event: ShopEvent) -> None:
        got.append((event, threading.get_ident() == loop_thread))
        arrived.set()

    bus.subscribe(SHOP_CHANGED, on_change)
    view = ShopView(shop)
    await view.listen(bus)
    try:
        await wait_until(lambda: view.listening)
        db = tills.journal(tmp_path, "CAISSE-2")
        ref = tills.link(db, "CAISSE-2", 4200)
        rep = Replicator(db.path, shop, "CAISSE-2", interval=0.05, max_backoff=0.2)
        rep.start()  # the other till's replicator, in the background as in the app
        await asyncio.wait_for(arrived.wait(), 10)
        await wait_until(lambda: any(e.id == ref for e, _ in got))
        event = next(e for e, _ in got if e.id == ref)
        assert (event.table, event.till) == ("links", "CAISSE-2")
        assert all(on_loop for _, on_loop in got)
        # The server goes away and comes back: the listener reconnects and says "re-read".
        postgres.stop()
        try:
            await wait_until(lambda: not view.listening)
        finally:
            postgres.restart()
        await wait_until(lambda: any(e.table == "*" for e, _ in got), timeout=30)
        later = tills.link(db, "CAISSE-2", 4300)
        rep.wake()
        await wait_until(lambda: any(e.id == later for e, _ in got), timeout=30)
        await asyncio.to_thread(rep.stop)
    finally:
        await view.aclose()
    assert not view.listening


async def test_ids_are_what_the_tills_copied(shop: str, tmp_path: Path) -> None:
    made = two_tills(tmp_path, shop)
    with connect(shop) as pg:
        ids = read_ids(pg)
    assert {ref for ref, *_ in ids["links"]} == {made["CAISSE-1"][0], made["CAISSE-1"][2],
                                                made["CAISSE-2"][0]}
    assert {(ref, till) for ref, till, *_ in ids["cash_movements"]} == \
        {(made["CAISSE-1"][1], "CAISSE-1"), (made["CAISSE-2"][1], "CAISSE-2")}


async def wait_until(condition, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not reached"
        await asyncio.sleep(0.05)


async def test_the_app_session_listens_and_stops_listening_on_close(
        shop: str, tmp_path: Path) -> None:
    from backoffice.composition import Setup, real_endpoints
    from backoffice.services.context import Settings
    from backoffice.services.ids import configure_till, new_transaction_id
    from backoffice.store.links import create_link

    setup = Setup(tmp_path / "app", real_endpoints({}), Settings(), till="CAISSE-1",
                  shop_db=shop, shop_background=True)
    core = await setup.open(None)
    seen: list[ShopEvent] = []
    try:
        view = core.shop_view
        assert view is not None
        core.bus.subscribe(SHOP_CHANGED, seen.append)
        await wait_until(lambda: view.listening)
        ref = new_transaction_id()
        await core.db.run(create_link, ref, amount=900, currency="XOF", description="x",
                          request={}, till="CAISSE-1")
        core.shop.wake()  # type: ignore[union-attr]
        await wait_until(lambda: any(e.id == ref for e in seen))  # its own copy, announced
    finally:
        await core.aclose(drain=False)
        configure_till("")
    assert not view.listening
    cli = Setup(tmp_path / "cli", real_endpoints({}), Settings(), till="CAISSE-2", shop_db=shop)
    core = await cli.open(None)
    try:
        assert core.shop_view is not None and not core.shop_view.listening  # reads only
    finally:
        await core.aclose(drain=False)
        configure_till("")
