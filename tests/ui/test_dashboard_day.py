"""Tableau de bord, the shop day: today per cashier (paid links and cash sales) and the
anomalies the latest closing left open, with what to do; redrawn when a sale is recorded."""

from __future__ import annotations

from dataclasses import replace

import pytest

from backoffice.services.closing_report import Action, AnomalyKind, action_text, kind_text
from backoffice.services.context import Cashier
from backoffice.store.clock import to_iso
from backoffice.ui.dashboard.tab import DashboardTab
from backoffice.ui.kit.formatting import money
from tests.support.till import gui_thread_cleanup, show  # noqa: F401
from tests.support.waits import until

AWA = Cashier("c-awa", "Awa Koné", "cashier")
KOFI = Cashier("c-kofi", "Kofi Mensah", "cashier")


@pytest.fixture
async def dashboard(ui_ctx):
    tab = DashboardTab(ui_ctx)
    show(ui_ctx, tab)
    tab.reload()
    await ui_ctx.bridge.wait_idle()
    yield tab
    tab.teardown()
    await ui_ctx.bridge.wait_idle()


async def add_cashiers(core, *people: Cashier) -> None:
    def write(db):
        with db.transaction() as conn:
            for p in people:
                conn.execute("INSERT INTO cashiers (cashier_id, name, role, created_at)"
                             " VALUES (?, ?, ?, ?)",
                             (p.cashier_id, p.name, p.role, to_iso(db.now())))
    await core.db.run(write)


def table(tab) -> list[list[str]]:
    t = tab.day.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


async def test_the_day_per_cashier_and_a_new_sale_redraws_it(dashboard, ui_ctx, sim):
    core = ui_ctx.core
    assert dashboard.day.cashiers_empty.isVisibleTo(dashboard)
    assert "Pas encore de clôture" in dashboard.day.anomalies_from.text()
    await add_cashiers(core, AWA, KOFI)
    core.context.cashier = AWA
    row = await core.links.create(12_500, "Pagne")
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM")
    await core.links.refresh(row.transaction_id)
    await core.cash.sale(2_000)
    core.context.cashier = KOFI
    await core.cash.sale(7_500)
    await until(lambda: len(dashboard.day.rows) == 2)  # the sale's event redraws the day
    await ui_ctx.bridge.wait_idle()
    m = lambda v: money(v, "XOF", "fr")  # noqa: E731
    assert table(dashboard) == [
        ["Awa Koné", f"1 · {m(12_500)}", f"1 · {m(2_000)}", m(14_500)],
        ["Kofi Mensah", f"0 · {m(0)}", f"1 · {m(7_500)}", m(7_500)],
    ]
    assert not dashboard.day.cashiers_empty.isVisibleTo(dashboard)


async def test_open_anomalies_come_from_the_latest_closing(dashboard, ui_ctx, sim):
    core = ui_ctx.core
    row = await core.links.create(17_500, "Pagne")
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM")  # never checked
    await core.closing.close_day(core.day_summary.today())
    dashboard.reload_day()
    await ui_ctx.bridge.wait_idle()
    items = [dashboard.day.anomalies.item(i).text()
             for i in range(dashboard.day.anomalies.count())]
    late = [t for t in items if row.transaction_id in t]
    assert len(late) == 1
    assert kind_text(AnomalyKind.LATE_PAYMENT, "fr") in late[0]
    assert action_text(Action.CHECK_GOODS_GIVEN, "fr") in late[0]
    assert money(17_500, "XOF", "fr") in late[0]
    assert "version 1" in dashboard.day.anomalies_from.text()


async def test_payments_outside_the_till_are_listed_and_a_clean_closing_says_so(
        dashboard, ui_ctx):
    core = ui_ctx.core
    await core.cash.sale(1_000)
    report = await core.closing.close_day(core.day_summary.today(), counted_cash=1_000)
    dashboard.reload_day()
    await ui_ctx.bridge.wait_idle()
    items = [dashboard.day.anomalies.item(i).text()
             for i in range(dashboard.day.anomalies.count())]
    assert len(items) == len(report.anomalies) + len(report.not_in_journal)
    for a in report.not_in_journal:  # the simulator's demo shop sells outside the till
        assert any(a.transaction_id in t and kind_text(a.kind, "fr") in t for t in items)
    dashboard.day.show_day([], replace(report, anomalies=(), not_in_journal=()))
    assert dashboard.day.anomalies.count() == 1
    assert "Aucune anomalie" in dashboard.day.anomalies.item(0).text()
