"""The services on CinetPay's current platform (sk_ keys): same journal, same guarantees, over
real loopback HTTP to the simulator's current routes and a real SQLite journal."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from decimal import Decimal

import httpx
import pytest

from backoffice.api import Endpoints, RetryPolicy, ValidationError
from backoffice.api.current import CurrentClient, CurrentCredentials
from backoffice.composition import local_client
from backoffice.services.core import Comptoir
from backoffice.services.link_truth import AMOUNT_MISMATCH
from backoffice.simulator import Simulator
from backoffice.simulator.state import CURRENT_CREDENTIALS
from backoffice.store.states import State

FAST_RETRY = RetryPolicy(attempts=3, wait_initial=0.01, wait_max=0.05, retry_after_cap=0.05,
                         timeout=10)
SHORT_TIMEOUT = httpx.Timeout(connect=2.0, read=1.5, write=2.0, pool=2.0)
CREDS = CurrentCredentials(CURRENT_CREDENTIALS["api_key"], CURRENT_CREDENTIALS["api_password"],
                           CURRENT_CREDENTIALS["country"])


@pytest.fixture
async def core(sim: Simulator, tmp_path) -> AsyncIterator[Comptoir]:
    current = CurrentClient(CREDS, sim.base_url, timeout=SHORT_TIMEOUT, retry=FAST_RETRY)
    comptoir = await Comptoir.open(tmp_path / "data", local_client(Endpoints.single(
        sim.base_url), "fr"), current=current)
    comptoir.transfers.grace = timedelta(seconds=1)
    yield comptoir
    await comptoir.aclose(drain=False)
    await comptoir.api.transport.client.aclose()


def payments_with(sim: Simulator, mtid: str) -> list[dict]:
    return [p for p in sim.payments() if p["transaction_id"] == mtid]


def transfers_with(sim: Simulator, mtid: str) -> list[dict]:
    return [t for t in sim.transfers() if t["client_transaction_id"] == mtid]


def posts(sim: Simulator, path: str) -> int:
    return sum(1 for e in sim.request_log() if e["path"] == path and e["method"] == "POST")


# --- links -------------------------------------------------------------------------------


async def test_link_journaled_then_paid_only_on_success_with_its_amount(core, sim):
    row = await core.links.create(7500, "Vente")
    assert row.state is State.SENT and row.payment_url.startswith(sim.base_url)
    assert len(row.transaction_id) <= 30 and row.transaction_id.isalnum()
    assert row.transaction_id.upper() == row.transaction_id
    assert (await core.links.refresh(row.transaction_id)).payment_status == "PENDING"
    sim.settle(row.transaction_id, "ACCEPTED")
    paid = await core.links.refresh(row.transaction_id)
    assert paid.state is State.FINAL and paid.payment_status == "ACCEPTED"
    assert len(payments_with(sim, row.transaction_id)) == 1


async def test_refused_payment_is_refused_never_paid(core, sim):
    row = await core.links.create(5000)
    sim.settle(row.transaction_id, "REFUSED", code="602")
    refused = await core.links.refresh(row.transaction_id)
    assert refused.payment_status == "REFUSED" and refused.state is State.SENT


async def test_expired_link_reads_as_refused(core, sim):
    row = await core.links.create(5000)
    sim.advance(3601)
    assert (await core.links.refresh(row.transaction_id)).payment_status == "REFUSED"


async def test_success_with_another_amount_is_an_anomaly(core, sim):
    row = await core.links.create(5000)
    with sim.state.lock:  # CinetPay records another amount than the link's
        payment = next(p for p in sim.state.ledger.payments.values()
                       if p.transaction_id == row.transaction_id)
        payment.amount = 500
    sim.settle(row.transaction_id, "ACCEPTED")
    checked = await core.links.refresh(row.transaction_id)
    assert checked.anomaly == AMOUNT_MISMATCH and checked.payment_status != "ACCEPTED"


async def test_lost_answer_is_checked_never_created_again(core, sim):
    sim.set_faults(kinds=["drop_after_commit"], count=1, paths=["/v1/payment"])
    row = await core.links.create(5000)
    assert row.state is State.SENT  # checked by its id at once: it exists
    await core.links.refresh_all()
    await core.sync.drain()
    assert len(payments_with(sim, row.transaction_id)) == 1
    assert posts(sim, "/v1/payment") == 1


async def test_amount_outside_the_platform_limits_is_refused_before_journaling(core):
    with pytest.raises(ValidationError):
        await core.links.create(50)
    assert await core.links.list_all() == []


# --- transfers ---------------------------------------------------------------------------


async def test_transfer_sent_once_then_followed(core, sim):
    row = await core.transfers.send("", "+2250701020304", 1500, method="OM_CI")
    assert row.state is State.SENT and row.payment_method == "OM_CI"
    assert (row.prefix, row.phone) == ("225", "0701020304")
    sim.advance(61)
    done = await core.transfers.resolve(row.client_transaction_id)
    assert done.state is State.FINAL and done.treatment_status == "VAL"
    assert len(transfers_with(sim, row.client_transaction_id)) == 1


async def test_transfer_method_guessed_where_certain_else_asked(core):
    with pytest.raises(ValidationError) as caught:  # CI: Wave works on any number
        core.transfers.prepare("225", "0701020304", 1000)
    assert caught.value.field == "method" and "OM_CI" in caught.value.human("en")


@pytest.mark.parametrize("kind", ["timeout", "drop_after_commit"])
async def test_transfer_lost_answer_with_a_sync_storm_is_sent_once(core, sim, kind):
    sim.set_faults(kinds=[kind], count=1, paths=["/v1/transfer"], hang_seconds=3)
    row = await core.transfers.send("225", "0701020304", 1000, method="OM_CI")
    assert row.state in (State.UNCERTAIN, State.SENT, State.QUEUED)
    await asyncio.gather(*(core.sync.drain() for _ in range(5)))
    await asyncio.sleep(1.1)  # past the (shortened) in-flight grace
    await asyncio.gather(*(core.sync.drain() for _ in range(5)))
    sim.advance(61)
    await core.transfers.refresh_all()
    final = await core.transfers.get(row.client_transaction_id)
    assert final is not None and final.state is State.FINAL
    assert len(transfers_with(sim, row.client_transaction_id)) == 1


async def test_duplicate_id_1200_is_checked_never_a_new_id(core, sim):
    row = await core.transfers.send("225", "0701020304", 1000, method="OM_CI")

    def back_to_queue(db):  # as if our first answer had been lost and the row re-sent
        with db.transaction() as conn:
            conn.execute("UPDATE transfers SET state = 'queued' WHERE client_transaction_id = ?",
                         (row.client_transaction_id,))

    await core.db.run(back_to_queue)
    [again] = await core.transfers.dispatch([await core.transfers.get(
        row.client_transaction_id)])
    assert again.state is State.SENT and again.client_transaction_id == row.client_transaction_id
    assert len(transfers_with(sim, row.client_transaction_id)) == 1
    assert again.code == "1200"  # the second POST met 1200: checked, then followed
    assert posts(sim, "/v1/transfer") == 2


async def test_balance_is_one_available_figure(core, sim):
    view = await core.balance.refresh()
    assert view.error is None and view.account is None
    assert view.transfer is not None and set(view.transfer.values) == {"available"}
    assert isinstance(view.transfer.values["available"], Decimal)


async def test_history_is_the_journal(core):
    with pytest.raises(ValidationError) as caught:
        await core.history.refresh()
    assert "journal" in caught.value.human("fr")


async def test_not_found_after_an_unclear_answer_proves_nothing_within_the_grace(core, sim):
    from backoffice.services.ids import new_transaction_id
    from backoffice.store import links as journal

    tid = new_transaction_id()

    def interrupted(db):  # journaled, then the process died while sending: no answer
        journal.create_link(db, tid, amount=5000, currency="XOF", description="Vente",
                            request={})
        with db.transaction() as conn:
            conn.execute("UPDATE payment_links SET state = 'uncertain' WHERE transaction_id = ?",
                         (tid,))

    await core.db.run(interrupted)
    again = await core.links.refresh(tid)  # not found, but the request may still arrive
    assert again.state is State.UNCERTAIN
    later = core.clock.source() + timedelta(minutes=3)
    core.clock.source = lambda: later
    settled = await core.links.refresh(tid)
    assert settled.state is State.FAILED and settled.reason == "never_created"
    assert posts(sim, "/v1/payment") == 0  # checked, never created again


async def test_api_url_must_be_https_or_allowed_loopback():
    from backoffice.composition import SetupError, current_api_url

    assert current_api_url({}) == ""
    assert current_api_url({"COMPTOIR_API_URL": "https://api.cinetpay.net/"}) == \
        "https://api.cinetpay.net"
    for env in ({"COMPTOIR_API_URL": "http://api.cinetpay.net"},
                {"COMPTOIR_API_URL": "http://127.0.0.1:9"}):
        with pytest.raises(SetupError):
            current_api_url(env)
    assert current_api_url({"COMPTOIR_API_URL": "http://127.0.0.1:9",
                            "COMPTOIR_ALLOW_LOOPBACK": "1"}) == "http://127.0.0.1:9"


async def test_transfer_unknown_after_the_grace_is_sent_again_with_its_id_and_method(core, sim):
    from backoffice.store import transfers as journal
    from backoffice.store.transfers import NewTransfer

    new = core.transfers.prepare("", "+2250701020304", 1200, "MTN_CI")

    def interrupted(db):  # journaled, then the process died while sending: no answer
        journal.create_transfers(db, [new])
        with db.transaction() as conn:
            conn.execute("UPDATE transfers SET state = 'uncertain' "
                         "WHERE client_transaction_id = ?", (new.client_transaction_id,))

    assert isinstance(new, NewTransfer) and new.payment_method == "MTN_CI"
    await core.db.run(interrupted)
    first = await core.transfers.resolve(new.client_transaction_id)
    assert first.state is State.UNCERTAIN  # not found proves nothing yet
    assert posts(sim, "/v1/transfer") == 0
    await asyncio.sleep(1.1)  # past the (shortened) in-flight grace
    await asyncio.gather(*(core.sync.drain() for _ in range(3)))
    [sent] = transfers_with(sim, new.client_transaction_id)
    assert sent["amount"] == 1200 and posts(sim, "/v1/transfer") == 1
    row = await core.transfers.get(new.client_transaction_id)
    assert row is not None and row.state is State.SENT and row.payment_method == "MTN_CI"


# --- every fault kind, links and transfers ---------------------------------------------------

ALL_FAULTS = ["timeout", "http_500", "html_error", "malformed_json", "rate_limit_429",
              "drop_after_commit"]


@pytest.mark.parametrize("kind", ALL_FAULTS)
async def test_link_under_every_fault_is_created_at_most_once_and_never_paid_wrongly(
        core, sim, kind):
    sim.set_faults(kinds=[kind], count=1, paths=["/v1/payment"], hang_seconds=3)
    try:
        row = await core.links.create(5000)
    except Exception as exc:  # refused at once: certainly not created (nothing to pay)
        rows = await core.links.list_all()
        assert [r.state for r in rows] == [State.FAILED], exc
        assert payments_with(sim, rows[0].transaction_id) == []
        return
    await asyncio.gather(*(core.links.refresh_all() for _ in range(3)))
    await core.sync.drain()
    assert posts(sim, "/v1/payment") <= 2  # a 429 is retried once the server says so
    # Not refused at once: CinetPay has it (applied before the fault, or retried after 429).
    assert len(payments_with(sim, row.transaction_id)) == 1
    sim.settle(row.transaction_id, "ACCEPTED")
    paid = await core.links.refresh(row.transaction_id)
    assert paid.payment_status == "ACCEPTED" and paid.state is State.FINAL


@pytest.mark.parametrize("kind", ALL_FAULTS)
async def test_transfer_under_every_fault_reaches_cinetpay_exactly_once(core, sim, kind):
    sim.set_faults(kinds=[kind], count=1, paths=["/v1/transfer"], hang_seconds=3)
    row = await core.transfers.send("225", "0701020304", 1000, method="OM_CI")
    assert row.state is not State.FAILED
    await asyncio.gather(*(core.sync.drain() for _ in range(5)))
    await asyncio.sleep(1.1)  # past the (shortened) in-flight grace
    await asyncio.gather(*(core.sync.drain(force=True) for _ in range(3)))
    sim.advance(61)
    await core.transfers.refresh_all()
    final = await core.transfers.get(row.client_transaction_id)
    assert final is not None and final.state is State.FINAL, final
    assert len(transfers_with(sim, row.client_transaction_id)) == 1
