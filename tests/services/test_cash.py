"""The cash drawer through the services, on a real SQLite journal: movements journaled once
with the till and the cashier, bad input refused with nothing written, totals per period
(shop days in the shop's time zone), rows never edited nor deleted."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from backoffice.services.accounting import days_period
from backoffice.services.cash import CASH_CHANGED, CashRefused
from backoffice.services.context import Cashier
from backoffice.store.errors import AlreadyExists

EVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def at(core, moment: datetime) -> None:
    """The journal's clock (and the services') now reads ``moment``."""
    core.clock.source = lambda: moment


async def test_movements_are_journaled_with_till_cashier_and_announced(core):
    core.context.till = "CAISSE-2"
    core.context.cashier = Cashier("c-awa", "Awa", "cashier")
    seen = []
    core.bus.subscribe(CASH_CHANGED, seen.append)
    sale = await core.cash.sale(12500, "  Pagne   wax ")
    out = await core.cash.payout(2000, "Achat de sachets")
    added = await core.cash.add_float(10000, "Fond de caisse")
    rows = await core.cash.movements(*EVER)
    assert [(r.kind, r.amount, r.description) for r in rows] == [
        ("sale", 12500, "Pagne wax"), ("payout", 2000, "Achat de sachets"),
        ("float", 10000, "Fond de caisse")]
    assert {(r.till, r.cashier_id, r.currency) for r in rows} == {("CAISSE-2", "c-awa", "XOF")}
    assert len({r.movement_id for r in rows}) == 3
    assert seen == [sale, out, added]
    totals = await core.cash.totals(*EVER)
    assert (totals.sales, totals.payouts, totals.floats, totals.count) == (12500, 2000, 10000, 3)
    assert totals.expected == 10000 + 12500 - 2000


async def test_the_same_movement_id_is_journaled_once(core):
    first = await core.cash.sale(5000, movement_id="CSH-ONCE")
    again = await core.cash.sale(5000, movement_id="CSH-ONCE")
    assert again == first
    assert len(await core.cash.movements(*EVER)) == 1
    with pytest.raises(AlreadyExists):  # an id is never reused for something else
        await core.cash.sale(7000, movement_id="CSH-ONCE")
    assert (await core.cash.totals(*EVER)).sales == 5000


@pytest.mark.parametrize(("kind", "amount", "text", "field"), [
    ("sale", 0, "", "amount"), ("sale", -500, "", "amount"), ("sale", 12.5, "", "amount"),
    ("sale", "1000", "", "amount"), ("sale", True, "", "amount"),
    ("payout", 1000, "   ", "reason"), ("float", 1000, "", "reason"),
    ("sale", 1000, "x" * 201, "description"), ("refund", 1000, "why", "kind")])
async def test_bad_input_is_refused_in_both_languages_and_nothing_is_written(
        core, kind, amount, text, field):
    seen = []
    core.bus.subscribe(CASH_CHANGED, seen.append)
    with pytest.raises(CashRefused) as err:
        await core.cash.record(kind, amount, text)
    assert err.value.field == field and err.value.fr and err.value.en
    assert err.value.fr != err.value.en
    assert await core.cash.movements(*EVER) == [] and seen == []


async def test_a_shop_day_spanning_midnight_utc_is_counted_in_the_shop_zone(core):
    # 23:30 in Tahiti is 09:30 UTC the next day: the sale belongs to the shop's 14th.
    zone = ZoneInfo("Pacific/Tahiti")
    day = datetime(2026, 3, 14).date()
    start, end = days_period(day, day, zone)
    assert start.utcoffset() == timedelta(hours=-10)
    at(core, datetime(2026, 3, 14, 23, 30, tzinfo=zone))
    await core.cash.sale(3000, "tard le soir")
    at(core, datetime(2026, 3, 15, 0, 5, tzinfo=zone))
    await core.cash.sale(4000, "après minuit")
    at(core, datetime(2026, 3, 14, 0, 0, tzinfo=zone))
    await core.cash.add_float(1000, "ouverture")
    totals = await core.cash.totals(start, end)
    assert (totals.sales, totals.floats, totals.count) == (3000, 1000, 2)
    [late] = await core.cash.movements(*days_period(day + timedelta(days=1),
                                                    day + timedelta(days=1), zone))
    assert late.description == "après minuit"


async def test_totals_filter_by_till_cashier_and_currency(core):
    core.context.till = "T1"
    core.context.cashier = Cashier("c-1", "Awa", "cashier")
    await core.cash.sale(1000)
    core.context.cashier = Cashier("c-2", "Koffi", "manager")
    await core.cash.sale(2000)
    await core.cash.payout(500, "monnaie")
    core.context.till, core.context.cashier = "T2", None
    await core.cash.sale(4000)
    assert (await core.cash.totals(*EVER, till="T1")).sales == 3000
    assert (await core.cash.totals(*EVER, till="T1", cashier_id="c-2")).expected == 1500
    assert [r.cashier_id for r in await core.cash.movements(*EVER, till="T2")] == [None]
    assert (await core.cash.totals(*EVER)).sales == 7000
    assert (await core.cash.totals(*EVER, currency="XAF")).count == 0


async def test_naive_period_bounds_are_refused(core):
    with pytest.raises(ValueError):
        await core.cash.totals(datetime(2026, 1, 1), datetime(2026, 1, 2))


async def test_cash_movements_are_never_edited_nor_deleted(core, tmp_path):
    row = await core.cash.sale(2500, "erreur de saisie")
    path = tmp_path / "data" / "journal.sqlite3"
    conn = sqlite3.connect(path)
    try:
        for sql in ("UPDATE cash_movements SET amount = 1", "DELETE FROM cash_movements"):
            with pytest.raises(sqlite3.DatabaseError, match="never"):
                conn.execute(sql)
    finally:
        conn.close()
    # The correction is an opposite movement with its reason.
    await core.cash.payout(2500, f"annulation {row.movement_id}")
    totals = await core.cash.totals(*EVER)
    assert totals.expected == 0 and totals.count == 2
