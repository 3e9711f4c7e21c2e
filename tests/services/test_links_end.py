"""Links that end (issue 17): cancelled by the cashier, expired after a set time; no longer
awaited, still checked (less often), and a payment that arrives afterwards is recorded and
flagged as late. Services against the simulator and a real SQLite journal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from backoffice.api import ValidationError
from backoffice.services.context import Cashier
from backoffice.services.outcomes import (
    LinkOutcome,
    link_checkable,
    link_needs_checking,
    link_outcome,
    link_paid_late,
    tally_links,
)
from backoffice.store import links as journal
from tests.support.clock import FakeClock


@pytest.fixture
def clock(core) -> FakeClock:
    fake = FakeClock(datetime.now(UTC), step=timedelta(milliseconds=1))  # each reading moves
    core.clock.source = fake
    return fake


async def test_cancel_ends_a_waiting_link_without_telling_cinetpay(core, sim, clock):
    core.context.till, core.context.cashier = "CAISSE-2", Cashier("c7", "Awa", "cashier")
    row = await core.links.create(5000)
    assert row.till == "CAISSE-2" and row.cashier_id == "c7"
    assert (await core.unconfirmed()).awaiting_payment == 1
    before = len(sim.request_log())

    cancelled = await core.links.cancel(row.transaction_id)

    assert len(sim.request_log()) == before  # CinetPay has no cancel: nothing is sent
    assert cancelled.end_reason == "cancelled" and cancelled.ended_at is not None
    assert link_outcome(cancelled) is LinkOutcome.CANCELLED
    assert not link_needs_checking(cancelled) and link_checkable(cancelled)
    assert (await core.unconfirmed()).awaiting_payment == 0
    assert await core.links.waiting() == []
    events = await core.db.run(journal.link_events, row.transaction_id)
    assert "CAISSE-2" in events[-1].detail and "c7" in events[-1].detail
    again = await core.links.cancel(row.transaction_id)  # idempotent
    assert again.ended_at == cancelled.ended_at


async def test_a_paid_link_cannot_be_cancelled(core, sim, clock):
    row = await core.links.create(5000)
    sim.settle(row.transaction_id, outcome="ACCEPTED")
    paid = await core.links.refresh(row.transaction_id)
    with pytest.raises(ValidationError):
        await core.links.cancel(row.transaction_id)
    assert (await core.links.get(row.transaction_id)).ended_at is None
    assert link_outcome(paid) is LinkOutcome.PAID and not link_paid_late(paid)
    with pytest.raises(ValidationError):
        await core.links.cancel("NO-SUCH-LINK")


async def test_accepted_at_is_stamped_once_when_the_journal_first_records_accepted(
        core, sim, clock):
    row = await core.links.create(5000)
    assert row.accepted_at is None
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM")
    clock.advance(seconds=7)
    paid = await core.links.refresh(row.transaction_id)
    assert row.created_at + timedelta(seconds=7) <= paid.accepted_at <= clock.now
    assert paid.operator_id  # CinetPay's operator reference, for the receipt
    clock.advance(seconds=30)
    again = await core.links.refresh(row.transaction_id)  # final: not asked again
    assert again.accepted_at == paid.accepted_at


async def test_late_payment_after_cancel_is_detected_and_flagged(core, sim, clock):
    row = await core.links.create(7500)
    await core.links.cancel(row.transaction_id)
    clock.advance(minutes=2)
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM")

    [checked] = await core.links.refresh_all()  # the sync still follows an ended link

    assert link_outcome(checked) is LinkOutcome.PAID
    assert link_paid_late(checked)
    assert checked.ended_at < checked.accepted_at
    assert tally_links([checked])[LinkOutcome.PAID] == 1  # the money counts as paid


async def test_ended_links_are_checked_less_often(core, sim, clock):
    row = await core.links.create(5000)
    await core.links.cancel(row.transaction_id)
    assert len(await core.links.refresh_all()) == 1  # never checked since it ended: now
    clock.advance(minutes=3)
    assert await core.links.refresh_all() == []  # checked 3 minutes ago: skipped
    clock.advance(minutes=8)
    assert len(await core.links.refresh_all()) == 1


async def test_links_expire_after_the_set_time_even_offline(core, sim, clock):
    core.context.settings.link_expiry_minutes = 30
    old = await core.links.create(5000)
    clock.advance(minutes=20)
    young = await core.links.create(2500)
    clock.advance(minutes=9)
    assert await core.links.expire_due() == []
    clock.advance(minutes=2)  # the first one is 31 minutes old, the second 11

    await core.sync.catch_up()

    old_row, young_row = (await core.links.get(old.transaction_id),
                          await core.links.get(young.transaction_id))
    assert old_row.end_reason == "expired" and link_outcome(old_row) is LinkOutcome.EXPIRED
    assert young_row.ended_at is None and link_outcome(young_row) is LinkOutcome.PENDING
    assert (await core.unconfirmed()).awaiting_payment == 1
    assert [r.transaction_id for r in await core.links.waiting()] == [young.transaction_id]


async def test_expiry_zero_never_expires(core, sim, clock):
    core.context.settings.link_expiry_minutes = 0
    row = await core.links.create(5000)
    clock.advance(hours=3)
    assert await core.links.expire_due() == []
    assert (await core.links.get(row.transaction_id)).ended_at is None


async def test_expired_then_paid_is_a_late_payment(core, sim, clock):
    core.context.settings.link_expiry_minutes = 30
    row = await core.links.create(5000)
    clock.advance(minutes=45)
    [expired] = await core.links.expire_due()
    assert expired.transaction_id == row.transaction_id
    sim.settle(row.transaction_id, outcome="ACCEPTED")
    paid = await core.links.refresh(row.transaction_id)
    assert link_paid_late(paid) and paid.end_reason == "expired"


async def test_paid_before_the_cancel_was_seen_is_flagged_too(core, sim, clock):
    """The customer paid, then the cashier cancelled before a check: the journal records
    ACCEPTED after the end, so it is flagged (the cashier told the customer not to pay while
    the money was already there: it must be looked at)."""
    row = await core.links.create(5000)
    sim.settle(row.transaction_id, outcome="ACCEPTED")
    await core.links.cancel(row.transaction_id)
    paid = await core.links.refresh(row.transaction_id)
    assert link_outcome(paid) is LinkOutcome.PAID and link_paid_late(paid)


async def test_the_waiting_count_expires_overdue_links_without_a_sync(core, sim, clock):
    core.context.settings.link_expiry_minutes = 30
    await core.links.create(5000)
    assert (await core.unconfirmed()).awaiting_payment == 1
    clock.advance(minutes=31)
    assert (await core.unconfirmed()).awaiting_payment == 0
    [row] = await core.links.list_all()
    assert link_outcome(row) is LinkOutcome.EXPIRED
