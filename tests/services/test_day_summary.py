"""The shop day per cashier (Tableau de bord): paid links and cash sales of this till today,
per cashier, from a real journal; links paid on the simulator over loopback."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from backoffice.services.context import Cashier
from backoffice.store.clock import to_iso

AWA = Cashier("c-awa", "Awa Koné", "cashier")
KOFI = Cashier("c-kofi", "Kofi Mensah", "cashier")


async def add_cashiers(core, *people: Cashier) -> None:
    def write(db):
        with db.transaction() as conn:
            for p in people:
                conn.execute("INSERT INTO cashiers (cashier_id, name, role, created_at)"
                             " VALUES (?, ?, ?, ?)", (p.cashier_id, p.name, p.role,
                                                      to_iso(db.now())))
    await core.db.run(write)


async def paid_link(core, sim, amount: int, outcome: str = "ACCEPTED"):
    row = await core.links.create(amount, "Vente")
    sim.settle(row.transaction_id, outcome=outcome, payment_method="OM")
    return await core.links.refresh(row.transaction_id)


async def test_paid_links_and_cash_sales_per_cashier(core, sim):
    await add_cashiers(core, AWA, KOFI)
    core.context.cashier = AWA
    await paid_link(core, sim, 5_000)
    await paid_link(core, sim, 12_500)
    await paid_link(core, sim, 9_000, outcome="REFUSED")  # not paid: not counted
    await core.links.create(3_000, "waiting")  # waiting: not counted
    await core.cash.sale(2_000, "pain")
    core.context.cashier = KOFI
    await paid_link(core, sim, 1_000)
    await core.cash.sale(7_500)
    await core.cash.sale(500)
    await core.cash.payout(1_000, "monnaie")  # not a sale
    core.context.cashier = None
    await core.cash.sale(300)  # nobody signed in (a shop of one)

    rows = await core.day_summary.per_cashier()
    by_name = {r.name: r for r in rows}
    awa, kofi = by_name["Awa Koné"], by_name["Kofi Mensah"]
    assert (awa.paid_count, awa.paid_amount, awa.cash_count, awa.cash_amount) == \
        (2, 17_500, 1, 2_000)
    assert (kofi.paid_count, kofi.paid_amount, kofi.cash_count, kofi.cash_amount) == \
        (1, 1_000, 2, 8_000)
    assert rows[0] == awa and rows[-1].cashier_id is None  # biggest first, nobody last
    assert (rows[-1].paid_count, rows[-1].cash_amount) == (0, 300)
    assert all(r.currency == "XOF" for r in rows)


async def test_another_day_and_another_till_are_not_today(core, sim):
    await add_cashiers(core, AWA)
    core.context.cashier = AWA
    await paid_link(core, sim, 4_000)
    today = core.day_summary.today()
    assert await core.day_summary.per_cashier(today - timedelta(days=1)) == []
    assert len(await core.day_summary.per_cashier(today)) == 1
    core.context.till = "AUTRE"
    assert await core.day_summary.per_cashier(today) == []


async def test_the_shop_day_follows_the_shop_time_zone(core):
    """A sale at 23:30 UTC is on the 3rd in Abidjan and already the 4th in Tokyo."""
    await add_cashiers(core, AWA)
    core.context.cashier = AWA
    core.clock.source = lambda: datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
    await core.cash.sale(1_500)
    assert core.day_summary.today("Asia/Tokyo") == date(2026, 12, 4)
    assert core.day_summary.today("Africa/Abidjan") == date(2026, 12, 3)
    tokyo = await core.day_summary.per_cashier(date(2026, 12, 4), "Asia/Tokyo")
    assert [r.cash_amount for r in tokyo] == [1_500]
    assert await core.day_summary.per_cashier(date(2026, 12, 3), "Asia/Tokyo") == []
    abidjan = await core.day_summary.per_cashier(timezone="Africa/Abidjan")  # today there
    assert [r.cash_amount for r in abidjan] == [1_500]
    assert core.day_summary.today("Nowhere/Unknown") == \
        core.context.now().astimezone().date()  # an unknown zone: the machine's
