"""Tableau de bord: balances with their time (greyed when stale), today's takings, the
30-day chart and the breakdowns, all from the local cache."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from backoffice.api.models import HistoryFilter
from backoffice.store.history import HistoryQuery, daily_totals
from backoffice.ui.dashboard.cards import STALE_COLOR
from backoffice.ui.dashboard.chart import compact_amount, nice_ceiling
from backoffice.ui.dashboard.tab import DAYS, DashboardTab
from backoffice.ui.kit.formatting import money
from tests.support.clients import offline_client
from tests.support.waits import until


@pytest.fixture
async def dashboard(ui_ctx):
    tab = DashboardTab(ui_ctx)
    tab.resize(1200, 700)
    tab.show()
    yield tab
    tab.teardown()
    await ui_ctx.bridge.wait_idle()
    tab.deleteLater()


async def fill_cache(ctx) -> None:
    await ctx.core.balance.refresh()
    await ctx.core.history.refresh(HistoryFilter(date_from=date.today() - timedelta(days=60)))


async def test_figures_come_from_cinetpay_with_their_time(dashboard, ui_ctx):
    await fill_cache(ui_ctx)
    dashboard.reload()
    await ui_ctx.bridge.wait_idle()
    view = dashboard.balances
    assert view is not None and view.account is not None and not view.account.stale
    card = dashboard.account_card
    assert card.amount.text() == money(view.account.values["solde"], "XOF", "fr")
    assert card.when.text().startswith("au ")
    assert not card.stale and STALE_COLOR not in card.amount.styleSheet()
    transfer = dashboard.transfer_card
    assert transfer.amount.text() == money(view.transfer.values["available"], "XOF", "fr")
    assert "En cours d'utilisation" in transfer.detail.text()


async def test_chart_and_breakdowns_match_the_store(dashboard, ui_ctx):
    await fill_cache(ui_ctx)
    dashboard.reload()
    await ui_ctx.bridge.wait_idle()
    today = date.today()
    expected = await ui_ctx.core.db.run(daily_totals, DAYS, today, currency="XOF")
    assert [(d.day, d.amount) for d in expected] == dashboard.chart.days
    assert len(dashboard.chart.days) == DAYS and dashboard.chart.days[-1][0] == today
    totals = await ui_ctx.core.history.totals(
        HistoryQuery(date_from=today - timedelta(days=DAYS - 1), date_to=today))
    operators = {item.text for item in dashboard.operators.items}
    assert operators == {money(b.amount, "XOF", "fr")
                         for b in totals.accepted_by_operator.values()}
    statuses = {item.label: item.text for item in dashboard.statuses.items}
    assert statuses["PAYÉ"] == str(totals.by_status["ACCEPTED"].count)
    total = sum((a for _, a in dashboard.chart.days), Decimal(0))
    assert money(total, "XOF", "fr") in dashboard.chart_title.text()
    assert not dashboard.chart.grab().isNull()  # paints without error


async def test_cached_figures_are_greyed_and_offline_refresh_keeps_them(dashboard, ui_ctx,
                                                                         creds):
    await fill_cache(ui_ctx)
    core = ui_ctx.core
    await core.api.aclose()
    core.api = offline_client(creds)
    dashboard.refresh()  # F5 while offline
    await until(lambda: "injoignable" in ui_ctx.messages.text)
    await ui_ctx.bridge.wait_idle()
    card = dashboard.account_card
    assert card.stale and card.property("stale") is True
    assert STALE_COLOR in card.amount.styleSheet()
    assert "non actualisé" in card.when.text()
    assert card.amount.text() != "—"  # still the last known amount, with its time
    assert "pas pu être joint" in card.toolTip()
    assert "hors ligne" in dashboard.as_of.text()


async def test_empty_cache_says_so(dashboard, ui_ctx):
    dashboard.reload()
    await ui_ctx.bridge.wait_idle()
    assert dashboard.account_card.detail.text() == "Pas encore de donnée"
    assert dashboard.account_card.when.text() == "jamais actualisé"
    assert dashboard.operators.items == []
    assert not dashboard.grab().isNull()


async def test_history_change_redraws_when_visible(dashboard, ui_ctx):
    dashboard.reload()
    await ui_ctx.bridge.wait_idle()
    assert all(a == 0 for _, a in dashboard.chart.days)
    await ui_ctx.core.history.refresh()  # emits HISTORY_CHANGED
    await until(lambda: any(a > 0 for _, a in dashboard.chart.days))


def test_axis_helpers():
    assert compact_amount(Decimal(1500), "fr") == "1,5\u202fk"
    assert compact_amount(Decimal(1500), "en") == "1.5\u202fk"
    assert compact_amount(Decimal(2_500_000), "fr") == "2,5\u202fM"
    assert compact_amount(Decimal(0)) == "0"
    assert nice_ceiling(Decimal(437_000)) == Decimal(500_000)
    assert nice_ceiling(Decimal(180)) == Decimal(200)
    assert nice_ceiling(Decimal(0)) == Decimal(1)
