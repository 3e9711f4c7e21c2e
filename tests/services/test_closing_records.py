"""Closing records: cash counted against expected, versions that never replace the old ones,
a provisional closing when CinetPay cannot be reached, and who may close or reopen."""

from __future__ import annotations

import sqlite3

import pytest

from backoffice.services.cashiers import RoleError
from backoffice.services.closing import ClosingRefused
from backoffice.services.closing_report import HistorySource
from backoffice.store.errors import StoreError
from tests.support.clients import go_online, offline_client
from tests.support.closing import (
    SHOP_ZONE,
    add_cash,
    add_cashier_row,
    away_from_midnight,
    on_sim_clock,
    paid_link,
)


@pytest.fixture
def day(core, sim):
    on_sim_clock(core, sim)
    return away_from_midnight(sim)


async def close(core, day, **kw):
    return await core.closing.close_day(day, timezone=SHOP_ZONE, **kw)


async def test_cash_expected_counted_and_difference(core, sim, day):
    await add_cash(core, "float", 5000)
    await add_cash(core, "sale", 3000)
    await add_cash(core, "sale", 1500)
    await add_cash(core, "payout", 1000)
    report = await close(core, day, counted_cash=8000)
    cash = report.cash
    assert (cash.float_in, cash.sales, cash.sales_count, cash.payouts) == (5000, 4500, 2, 1000)
    assert cash.expected == 8500
    assert (cash.counted, cash.difference) == (8000, -500)  # 500 missing
    uncounted = await close(core, day)
    assert (uncounted.cash.counted, uncounted.cash.difference) == (None, None)


async def test_rerun_is_a_new_version_and_the_old_one_stays(core, sim, day):
    await paid_link(core, sim, 1000)
    first = await close(core, day, counted_cash=0)
    await paid_link(core, sim, 2000)
    second = await close(core, day, counted_cash=0)
    assert (first.version, second.version) == (1, 2)
    assert first.closing_id != second.closing_id
    assert await core.closing.get(first.closing_id) == first  # unchanged
    assert (first.totals.paid("XOF"), second.totals.paid("XOF")) == (1000, 3000)
    listed = await core.closing.list(day)
    assert [r.closing_id for r in listed] == [second.closing_id, first.closing_id]

    def edit(db):
        with db.transaction() as conn:
            conn.execute("UPDATE closings SET provisional = 1")

    with pytest.raises((sqlite3.DatabaseError, StoreError)):
        await core.db.run(edit)


async def test_provisional_when_cinetpay_cannot_be_reached(core, sim, creds, day):
    waiting = await core.links.create(2500, "En attente")
    sim.settle(waiting.transaction_id, "ACCEPTED")
    await core.api.aclose()
    core.api = offline_client(creds)
    report = await close(core, day)
    assert report.provisional
    assert report.sync.source is HistorySource.UNREACHABLE
    assert report.sync.links_still_waiting == 1
    assert report.totals.paid("XOF") == 0  # nothing is counted paid without CinetPay
    await go_online(core, sim, creds)
    final = await close(core, day)
    assert not final.provisional and final.version == 2
    assert final.totals.paid("XOF") == 2500
    assert {a.kind for a in final.anomalies
            if a.transaction_id == waiting.transaction_id} == {"late_payment"}


async def test_roles_till_shift_and_reopening(core, sim, day):
    manager = await add_cashier_row(core, "Gérant", "manager")
    awa = await add_cashier_row(core, "Awa", "cashier")
    koffi = await add_cashier_row(core, "Koffi", "cashier")
    await core.cashiers.refresh()
    core.context.cashier = awa
    await core.links.create(1200, "Vente Awa")
    await add_cash(core, "sale", 800, awa.cashier_id)
    await add_cash(core, "sale", 500, koffi.cashier_id)
    with pytest.raises(RoleError):
        await close(core, day)  # the whole till: a manager's
    with pytest.raises(ClosingRefused):
        await close(core, day, cashier="Koffi")  # someone else's shift
    with pytest.raises(RoleError):
        await core.closing.reopen_day(day, "oubli")
    shift = await close(core, day, cashier="awa")
    assert shift.cashier_id == awa.cashier_id and shift.closed_by == awa.cashier_id
    assert shift.cash.sales == 800  # Awa's own drawer movements only
    assert shift.not_in_journal == ()  # a shift lists the till's own links only
    with pytest.raises(ClosingRefused):
        await close(core, day, cashier="Personne")

    core.context.cashier = None
    with pytest.raises(RoleError):
        await close(core, day)  # nobody at the till

    core.context.cashier = manager
    till = await close(core, day)
    assert till.cashier_id is None and till.closed_by == manager.cashier_id
    assert till.cash.sales == 1300
    reopened = await core.closing.reopen_day(day, "vente oubliée")
    assert reopened.reopened_by == manager.cashier_id
    again = await close(core, day)
    assert again.version == 2
    assert [(r.by, r.reason) for r in again.reopenings] == [(manager.cashier_id,
                                                             "vente oubliée")]


async def test_history_that_cannot_be_fetched_makes_it_provisional(core, sim, day):
    await paid_link(core, sim, 5000)
    sim.set_faults(kinds=["http_500"], paths=["/v1"])  # the history (v1) fails, checks work
    report = await close(core, day)
    assert report.provisional and report.sync.source is HistorySource.UNREACHABLE
    assert report.totals.paid("XOF") == 5000  # the journal's own figures stay
    sim.clear_faults()
    assert not (await close(core, day)).provisional
