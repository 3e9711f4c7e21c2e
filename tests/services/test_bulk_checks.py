"""Bulk checks at the network's limit (issue 18): at most ``refresh_concurrency`` checks in
flight, a 429 slows the whole batch down, and the answers are journaled in groups (one
transaction per group) exactly as one by one. Services against the simulator over loopback
with a real SQLite journal."""

from __future__ import annotations

import asyncio
import shutil
import threading
from collections.abc import AsyncIterator, Callable
from decimal import Decimal

import httpx
import pytest

from backoffice.api import CinetPayClient, Endpoints
from backoffice.api.models import PaymentCheck, PaymentStatus
from backoffice.services.bulk import Window
from backoffice.services.core import Comptoir
from backoffice.services.links import _record_checks
from backoffice.store.states import State
from tests.support.clients import FAST_RETRY, SHORT_TIMEOUT

CHECK = "/v2/payment/check"


class Counting(httpx.AsyncBaseTransport):
    """Counts the check requests in flight at the client, in order of events."""

    def __init__(self, path: str = CHECK) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.path = path
        self.in_flight = 0
        self.peak = 0
        self.answered = 0
        # ("start", requests in flight counting this one) / ("answer", HTTP status)
        self.events: list[tuple[str, int]] = []
        self.on_first_start: Callable[[], None] | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path != self.path:
            return await self._inner.handle_async_request(request)
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        self.events.append(("start", self.in_flight))
        if self.on_first_start is not None:
            first, self.on_first_start = self.on_first_start, None
            first()
        try:
            response = await self._inner.handle_async_request(request)
            await response.aread()
        finally:
            self.in_flight -= 1
        self.answered += 1
        self.events.append(("answer", response.status_code))
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


async def open_core(sim, creds, path, counting: Counting | None = None,
                    concurrency: int = 4) -> Comptoir:
    http = httpx.AsyncClient(transport=counting) if counting else None
    client = CinetPayClient(creds, Endpoints.single(sim.base_url), http=http,
                            timeout=SHORT_TIMEOUT, retry=FAST_RETRY)
    core = await Comptoir.open(path, client)
    core.settings.refresh_concurrency = concurrency
    return core


@pytest.fixture
async def counted(sim, creds, tmp_path) -> AsyncIterator[tuple[Comptoir, Counting]]:
    counting = Counting()
    core = await open_core(sim, creds, tmp_path / "data", counting, concurrency=4)
    yield core, counting
    await core.aclose(drain=False)
    await core.api.transport.client.aclose()


async def make_links(core: Comptoir, count: int) -> list[str]:
    return [(await core.links.create(1000 + 5 * n)).transaction_id for n in range(count)]


async def test_a_bulk_check_keeps_at_most_its_bound_in_flight(counted, sim):
    core, counting = counted
    ids = await make_links(core, 20)
    sim.settle(ids[0], outcome="ACCEPTED")
    sim.set_faults(latency_ms=30)
    rows = await core.links.refresh_all()
    assert 1 < counting.peak <= 4  # several at once, never more than the bound
    assert counting.answered == 20  # each link asked once
    assert {r.transaction_id for r in rows} == set(ids)
    paid = await core.links.get(ids[0])
    assert (paid.state, paid.payment_status) == (State.FINAL, "ACCEPTED")
    assert all(r.checked_at is not None for r in rows)


async def test_a_429_mid_batch_slows_the_whole_batch_and_loses_no_link(counted, sim):
    core, counting = counted
    core.settings.refresh_concurrency = 8
    ids = await make_links(core, 24)
    for tid in ids[:6]:
        sim.settle(tid, outcome="ACCEPTED")
    for tid in ids[6:9]:
        sim.settle(tid, outcome="REFUSED")
    sim.set_faults(latency_ms=30, kinds=["rate_limit_429"], count=1, paths=[CHECK])
    rows = await core.links.refresh_all()
    assert core.api.transport.rate_limited == 1
    first_429 = counting.events.index(("answer", 429))
    started_before = [n for kind, n in counting.events[:first_429] if kind == "start"]
    started_after = [n for kind, n in counting.events[first_429:] if kind == "start"]
    assert max(started_before) == 8  # the window was full when CinetPay said 429
    # The next request waits for the window, halved for everyone (not only the refused one).
    assert started_after[0] <= 4
    # Every link was answered (the refused request was asked again), none lost or moved back.
    assert counting.answered == 24 + 1
    assert sorted(r.transaction_id for r in rows) == sorted(ids)
    by_id = {tid: await core.links.get(tid) for tid in ids}
    assert all(r.checked_at is not None for r in by_id.values())
    assert {by_id[t].payment_status for t in ids[:6]} == {"ACCEPTED"}
    assert {by_id[t].state for t in ids[:6]} == {State.FINAL}
    assert {by_id[t].payment_status for t in ids[6:9]} == {"REFUSED"}
    assert {by_id[t].payment_status for t in ids[9:]} == {"PENDING"}
    sim.clear_faults()
    again = await core.links.refresh_all()  # paid links are final: not asked again
    assert {r.transaction_id for r in again} == set(ids[6:])
    assert {(await core.links.get(t)).state for t in ids[:6]} == {State.FINAL}


def _journal(core: Comptoir) -> tuple[list[tuple], list[tuple]]:
    """The links and their events, without the times of writing."""
    conn = core.db.db.connection
    links = conn.execute(
        "SELECT transaction_id, state, payment_status, status_code, status_message, "
        "payment_method, phone, attempts, last_error, reason, anomaly, operator_id, "
        "checked_at IS NOT NULL, accepted_at IS NOT NULL FROM payment_links "
        "ORDER BY transaction_id").fetchall()
    events = conn.execute(
        "SELECT transaction_id, state, payment_status, code, detail FROM link_events "
        "ORDER BY transaction_id, id").fetchall()
    return [tuple(r) for r in links], [tuple(r) for r in events]


async def test_grouped_writes_give_the_same_journal_as_one_by_one(sim, creds, tmp_path):
    core = await open_core(sim, creds, tmp_path / "a")
    ids = await make_links(core, 12)
    for n, tid in enumerate(ids):
        if n % 3 == 0:
            sim.settle(tid, outcome="ACCEPTED" if n % 2 else "REFUSED",
                       payment_method="OM", phone_number="0701020304")
    await core.aclose(drain=False)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    sim.set_faults(latency_ms=30)

    # One by one: each answer in its own transaction.
    single = await open_core(sim, creds, tmp_path / "b")
    for tid in ids:
        await single.links.refresh(tid)
    expected = _journal(single)
    await single.aclose(drain=False)

    # In bulk, with the journal busy while the answers arrive: they wait and go together.
    counting = Counting()
    bulk = await open_core(sim, creds, tmp_path / "a", counting, concurrency=16)
    commits: list[str] = []
    bulk.db.db.connection.set_trace_callback(
        lambda sql: commits.append(sql) if sql.strip().upper() == "COMMIT" else None)
    busy = threading.Event()

    def hold(db) -> None:  # on the journal's thread, until every answer is in
        busy.wait(30)

    holding: list[asyncio.Future[None]] = []
    counting.on_first_start = lambda: holding.append(
        asyncio.ensure_future(bulk.db.run(hold)))
    batch = asyncio.ensure_future(bulk.links.refresh_all())
    while counting.answered < len(ids) and not batch.done():
        await asyncio.sleep(0.01)
    busy.set()
    await batch
    await asyncio.gather(*holding)
    try:
        assert _journal(bulk) == expected
        assert len(commits) <= 3 < len(ids)  # not one synced commit per link
    finally:
        bulk.db.db.connection.set_trace_callback(None)
        await bulk.aclose(drain=False)
        await bulk.api.transport.client.aclose()


def _check(status: PaymentStatus, code: str, amount: int) -> PaymentCheck:
    return PaymentCheck(code=code, message="SUCCES" if code == "00" else "WAITING",
                        status=status, amount=Decimal(amount), currency="XOF",
                        payment_method="OM", phone_number="0701020304",
                        data_status=str(status))


async def test_a_group_never_moves_a_paid_link_back(core, sim):
    paid, waiting = await make_links(core, 2)
    sim.settle(paid, outcome="ACCEPTED")
    await core.links.refresh(paid)  # PAYÉ first (e.g. the Encaisser screen's own check)
    stale = _check(PaymentStatus.PENDING, "662", 1000)  # read before the payment
    accepted = _check(PaymentStatus.ACCEPTED, "00", 1005)
    results = await core.db.run(_record_checks, [(paid, stale), (waiting, accepted),
                                                 ("NO-SUCH-LINK", stale)])
    assert [changed for _, changed in results] == [False, True, False]
    assert results[2][0] is None
    row = await core.links.get(paid)
    assert (row.state, row.payment_status) == (State.FINAL, "ACCEPTED")
    events = await core.db.run(lambda db: db.query(
        "SELECT state FROM link_events WHERE transaction_id = ?", (paid,)))
    assert events[-1]["state"] == "final"


async def test_the_window_halves_for_everyone_on_a_429_then_widens_back():
    window = Window(8)
    for _ in range(8):
        await window.acquire()
    waiting = [asyncio.ensure_future(window.acquire()) for _ in range(8)]
    await asyncio.sleep(0)
    assert window.busy == 8 and not any(w.done() for w in waiting)
    window.release(rate_limited=1)  # that answer was a 429: 7 in flight, room for 4 now
    await asyncio.sleep(0)
    assert window.size == 4 and not any(w.done() for w in waiting)
    for _ in range(4):  # the other answers come back: only then may others start
        window.release(rate_limited=1)
    await asyncio.sleep(0)
    assert window.busy == 4 and sum(w.done() for w in waiting) == 1
    for _ in range(16):  # 8 successes in a row widen it by one each time
        window.release(rate_limited=1)
        await asyncio.sleep(0)
        if all(w.done() for w in waiting):
            break
        assert window.busy <= window.size
    assert window.size > 4
    assert window.peak == 8


async def test_transfers_are_followed_several_at_once_within_the_bound(sim, creds, tmp_path):
    from backoffice.output.csvfiles import TransferLine

    counting = Counting("/v1/transfer/check/money")
    core = await open_core(sim, creds, tmp_path / "data", counting, concurrency=3)
    try:
        [contact, *_] = await core.api.transfer.list_contacts()
        rows = await core.transfers.send_batch(
            [TransferLine(contact.prefix, contact.phone, 1000 + n) for n in range(8)])
        assert {r.state for r in rows} == {State.SENT}
        sim.advance(120)
        sim.set_faults(latency_ms=30)
        followed = await core.transfers.refresh_all()
        assert 1 < counting.peak <= 3  # several at once, never more than the bound
        assert counting.answered == 8  # each transfer asked once
        assert sorted(r.client_transaction_id for r in followed) == sorted(
            r.client_transaction_id for r in rows)
        assert {(r.state, r.treatment_status) for r in followed} == {(State.FINAL, "VAL")}
    finally:
        await core.aclose(drain=False)
        await core.api.transport.client.aclose()
