"""Payment links through the services: journal first, then CinetPay, whatever goes wrong."""

from __future__ import annotations

import pytest

from backoffice.api import BadResponse, NotSent, ValidationError
from backoffice.services.core import Comptoir
from backoffice.store import links as journal
from backoffice.store.states import State
from tests.support.clients import offline_client


def payments_with(sim, transaction_id: str) -> list[dict]:
    return [p for p in sim.payments() if p["transaction_id"] == transaction_id]


async def test_create_journals_then_sends_and_check_reaches_paid(core, sim):
    row = await core.links.create(17500)
    assert row.state is State.SENT and row.payment_url and row.payment_token
    assert row.payment_status == "PENDING"
    assert row.request["amount"] == 17500 and "apikey" not in row.request
    assert len(payments_with(sim, row.transaction_id)) == 1

    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM",
               phone_number="0701020304")
    row = await core.links.refresh(row.transaction_id)
    assert row.state is State.FINAL and row.payment_status == "ACCEPTED"
    assert row.payment_method == "OM" and row.phone == "0701020304"
    events = await core.db.run(journal.link_events, row.transaction_id)
    assert [e.state for e in events][:3] == [State.QUEUED, State.SENDING, State.SENT]
    assert events[-1].payment_status == "ACCEPTED"


async def test_invalid_amount_journals_nothing_and_sends_nothing(core, sim):
    before = len(sim.request_log())
    with pytest.raises(ValidationError) as err:
        await core.links.create(17502)
    assert err.value.field == "amount"
    assert await core.links.list_all() == []
    assert len(sim.request_log()) == before


async def test_offline_link_fails_clearly_and_is_never_sent_later(sim, creds, tmp_path):
    core = await Comptoir.open(tmp_path, offline_client(creds))
    try:
        with pytest.raises(NotSent) as err:
            await core.links.create(5000)
        assert "rien n'a été envoyé" in err.value.human("fr")
        [row] = await core.links.list_all()
        assert row.state is State.FAILED and row.last_error
        assert (await core.unconfirmed()).total == 0
    finally:
        await core.aclose(drain=False)


@pytest.mark.parametrize("kind", ["drop_after_commit", "timeout", "malformed_json"])
async def test_lost_answer_is_resolved_by_checking_not_by_resending(core, sim, kind):
    sim.set_faults(rate=1.0, kinds=[kind], count=1, paths=["/v2/payment"], hang_seconds=3)
    row = await core.links.create(2500)
    # CinetPay did create it: the immediate check finds it, nothing is sent twice.
    assert row.state is State.SENT and row.payment_status == "PENDING"
    assert len(payments_with(sim, row.transaction_id)) == 1
    inits = [r for r in sim.request_log() if r["path"] == "/v2/payment"]
    assert len(inits) == 1


async def test_answer_lost_and_never_created_is_failed_after_checking(core, sim):
    sim.set_faults(rate=1.0, kinds=["http_500"], count=1, paths=["/v2/payment"])
    with pytest.raises(BadResponse):
        await core.links.create(2500)
    [row] = await core.links.list_all()
    assert row.state is State.FAILED
    assert "jamais été créé" in row.last_error
    assert payments_with(sim, row.transaction_id) == []


async def test_uncertain_link_stays_uncertain_while_checks_fail_then_resolves(core, sim):
    sim.set_faults(rate=1.0, kinds=["drop_after_commit"], count=2, paths=["/v2/payment"])
    row = await core.links.create(3000)
    assert row.state is State.UNCERTAIN  # the check was dropped too
    report = await core.sync.drain()
    assert report.attempted == 1
    row = await core.links.get(row.transaction_id)
    assert row.state is State.SENT
    assert len(payments_with(sim, row.transaction_id)) == 1


async def test_a_link_being_created_is_not_abandoned_by_a_drain(core, sim):
    req = core.links.build_request(5000)
    await core.db.run(journal.create_link, req.transaction_id, amount=5000, currency="XOF",
                      description="x", request={"amount": 5000})
    await core.sync.drain()  # e.g. a reconnect drain while the cashier's link is in flight
    assert (await core.links.get(req.transaction_id)).state is State.QUEUED


async def test_refresh_all_pending_checks_each_once(core, sim):
    rows = [await core.links.create(1000 + 5 * i) for i in range(6)]
    for row in rows[:2]:
        sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="MOMO",
                   phone_number="0501020304")
    sim.settle(rows[2].transaction_id, outcome="REFUSED", payment_method="OM",
               phone_number="0701020304")
    before = len(sim.request_log())
    refreshed = await core.links.refresh_all()
    assert len(refreshed) == 6
    assert len(sim.request_log()) - before == 6
    statuses = sorted(r.payment_status for r in refreshed)
    assert statuses == ["ACCEPTED", "ACCEPTED", "PENDING", "PENDING", "PENDING", "REFUSED"]
    # paid is final; refused stays checkable for a day (the customer may pay on a 2nd try)
    assert sum(r.state is State.FINAL for r in refreshed) == 2
    assert {r.state for r in refreshed if r.payment_status == "REFUSED"} == {State.SENT}
    counts = await core.unconfirmed()
    assert counts.awaiting_payment == 3


async def test_crash_leftover_link_is_abandoned_not_sent_late(sim, creds, tmp_path):
    from tests.support.clients import make_client

    core = await Comptoir.open(tmp_path, make_client(sim, creds))
    req = core.links.build_request(5000)
    await core.db.run(journal.create_link, req.transaction_id, amount=5000, currency="XOF",
                      description="x", request={"amount": 5000})

    def backdate(db):  # the crash happened a while ago
        with db.transaction() as conn:
            conn.execute("UPDATE payment_links SET created_at = '2026-01-01T08:00:00.000Z'")

    await core.db.run(backdate)
    await core.aclose(drain=False)  # "killed" before sending

    core = await Comptoir.open(tmp_path, make_client(sim, creds))
    try:
        await core.sync.drain()
        row = await core.links.get(req.transaction_id)
        assert row.state is State.FAILED and "rien n'a été envoyé" in row.last_error
        assert payments_with(sim, req.transaction_id) == []
    finally:
        await core.aclose(drain=False)


async def test_not_found_right_after_a_lost_answer_is_not_yet_never_created(core, sim):
    """The request may still be travelling: "not found" only counts after a grace period."""
    from backoffice.services.links import IN_FLIGHT_GRACE

    req = core.links.build_request(4000)
    await core.db.run(journal.create_link, req.transaction_id, amount=4000, currency="XOF",
                      description="x", request={"amount": 4000})
    await core.db.run(journal.mark_link, req.transaction_id, State.SENDING)
    await core.db.run(journal.mark_link, req.transaction_id, State.UNCERTAIN)  # timed out
    row = await core.links.refresh(req.transaction_id)
    assert row.state is State.UNCERTAIN and row.not_before is not None
    assert row.not_before >= row.updated_at + IN_FLIGHT_GRACE - IN_FLIGHT_GRACE / 10

    def later(db):
        with db.transaction() as conn:
            conn.execute("UPDATE payment_links SET updated_at = '2026-01-01T08:00:00.000Z'")

    await core.db.run(later)
    row = await core.links.refresh(req.transaction_id)
    assert row.state is State.FAILED and "jamais été créé" in row.last_error


async def test_links_abandoned_for_a_day_are_no_longer_counted_nor_bulk_checked(core, sim):
    old = await core.links.create(1500)
    fresh = await core.links.create(2000)

    def age(db):  # the first customer walked away two days ago
        with db.transaction() as conn:
            conn.execute("UPDATE payment_links SET created_at = '2026-01-01T08:00:00.000Z' "
                         "WHERE transaction_id = ?", (old.transaction_id,))

    await core.db.run(age)
    assert (await core.unconfirmed()).awaiting_payment == 1
    before = len(sim.request_log())
    refreshed = await core.links.refresh_all()
    assert [r.transaction_id for r in refreshed] == [fresh.transaction_id]
    assert len(sim.request_log()) - before == 1
    # still checkable one by one: a late payment is found
    sim.settle(old.transaction_id, outcome="ACCEPTED", payment_method="OM",
               phone_number="0701020304")
    assert (await core.links.refresh(old.transaction_id)).payment_status == "ACCEPTED"
