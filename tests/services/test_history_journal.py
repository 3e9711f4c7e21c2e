"""A current-platform account (sk_ keys) has no history at CinetPay: ``history.journal`` reads
the journal's links and their figures (paid per day, per method, per outcome), against the
simulator over loopback and a real SQLite journal."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from decimal import Decimal

import pytest

from backoffice.api import Endpoints, RetryPolicy
from backoffice.api.current import CurrentClient, CurrentCredentials
from backoffice.composition import local_client
from backoffice.services.core import Comptoir
from backoffice.services.outcomes import LinkOutcome
from backoffice.simulator import Simulator
from backoffice.simulator.state import CURRENT_CREDENTIALS

FAST_RETRY = RetryPolicy(attempts=3, wait_initial=0.01, wait_max=0.05, retry_after_cap=0.05,
                         timeout=10)


@pytest.fixture
async def core(sim: Simulator, tmp_path) -> AsyncIterator[Comptoir]:
    current = CurrentClient(CurrentCredentials(CURRENT_CREDENTIALS["api_key"],
                                               CURRENT_CREDENTIALS["api_password"],
                                               CURRENT_CREDENTIALS["country"]),
                            sim.base_url, retry=FAST_RETRY)
    comptoir = await Comptoir.open(tmp_path / "data", local_client(Endpoints.single(
        sim.base_url), "fr"), current=current)
    yield comptoir
    await comptoir.aclose(drain=False)
    await comptoir.api.transport.client.aclose()


async def test_journal_lists_the_links_and_counts_only_paid_ones_as_takings(core, sim):
    paid = await core.links.create(7500, "Vente")
    refused = await core.links.create(3000, "Vente")
    waiting = await core.links.create(1200, "Vente")
    sim.settle(paid.transaction_id, "ACCEPTED")
    sim.settle(refused.transaction_id, "REFUSED", code="602")
    await core.links.refresh(paid.transaction_id)
    await core.links.refresh(refused.transaction_id)

    day = paid.created_at.astimezone().date()  # the local day the links were made
    j = await core.history.journal(30, day)
    assert [r.transaction_id for r in j.links] == [
        waiting.transaction_id, refused.transaction_id, paid.transaction_id]
    assert j.outcomes == {paid.transaction_id: LinkOutcome.PAID,
                          refused.transaction_id: LinkOutcome.REFUSED,
                          waiting.transaction_id: LinkOutcome.PENDING}
    assert j.by_outcome == {LinkOutcome.PAID: 1, LinkOutcome.REFUSED: 1,
                            LinkOutcome.PENDING: 1}
    assert len(j.daily) == 30 and j.daily[-1].day == day
    assert j.daily[-1].amount == Decimal(7500) and sum(d.amount for d in j.daily) == 7500
    assert (j.paid_today, j.paid_today_count) == (Decimal(7500), 1)
    [(method, amount)] = j.by_method.items()
    assert amount == Decimal(7500) and method == (
        (await core.links.get(paid.transaction_id)).payment_method or "")


async def test_links_outside_the_period_are_listed_but_not_counted(core, sim):
    row = await core.links.create(5000)
    sim.settle(row.transaction_id, "ACCEPTED")
    await core.links.refresh(row.transaction_id)
    made = row.created_at.astimezone().date()
    later = await core.history.journal(7, made + timedelta(days=400))
    assert [r.transaction_id for r in later.links] == [row.transaction_id]
    assert later.by_outcome == {} and later.paid_today == 0
    assert all(d.amount == 0 for d in later.daily)


async def test_empty_journal(core):
    j = await core.history.journal(30)
    assert j.links == [] and j.paid_today == 0 and len(j.daily) == 30
