"""Tableau de bord with a shop database: the day per till and for the whole shop, and every
till's operations; another till's sale shows up in the list by itself (LISTEN/NOTIFY on the
tests' own PostgreSQL server, no refresh asked)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest

from backoffice.shop.replicate import Replicator
from backoffice.shop.schema import connect, migrate
from backoffice.shop.view import ShopView
from backoffice.ui.dashboard.tab import DashboardTab
from tests.shop import tills
from tests.shop.conftest import postgres, shop_dsn  # noqa: F401 - the server fixtures
from tests.support.till import gui_thread_cleanup, show  # noqa: F401
from tests.support.waits import until


@pytest.fixture
async def shop_ui(ui_ctx, shop_dsn):  # noqa: F811
    with connect(shop_dsn) as conn:
        migrate(conn)
    view = ShopView(shop_dsn)
    ui_ctx.core.shop_view = view  # what composition attaches with a shop database
    await view.listen(ui_ctx.core.bus)
    await until(lambda: view.listening, timeout=10)
    tab = DashboardTab(ui_ctx)
    show(ui_ctx, tab)
    tab.reload()
    await until(lambda: tab.shop.loads >= 1, timeout=10)
    yield tab, shop_dsn
    tab.teardown()
    await ui_ctx.bridge.wait_idle()


def rows(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


async def other_till(tmp_path, dsn: str, till: str, amount: int) -> str:
    """Another till journals a cash sale and its replicator copies it (as in its own app)."""
    db = tills.journal(tmp_path / "others", till)
    ref = tills.cash(db, till, amount)
    rep = Replicator(db.path, dsn, till)
    try:
        await asyncio.to_thread(rep.run_once)
    finally:
        await asyncio.to_thread(rep.stop)
        db.close()
    return ref


async def test_a_sale_at_another_till_shows_up_live(shop_ui, tmp_path):
    tab, dsn = shop_ui
    panel = tab.shop
    assert panel is not None and panel.table.rowCount() == 0
    assert "En direct" in panel.state.text() and "@" in panel.state.text()
    before = panel.loads
    ref = await other_till(tmp_path, dsn, "CAISSE-2", 4_500)
    await until(lambda: panel.table.rowCount() == 1, timeout=10)  # no reload() called
    assert panel.loads > before
    (line,) = rows(panel.table)
    assert line[1:4] == ["CAISSE-2", "—", "Espèces"]
    assert "4\u202f500" in line[4] and line[5] == "Vente"
    assert panel.table.item(0, 0).toolTip() == ref
    till, shop = rows(panel.tills)
    assert till[0] == "CAISSE-2" and "4\u202f500" in till[3]
    assert shop[0] == "Toute la boutique" and "4\u202f500" in shop[3]
    assert till[6] == "pas clôturée"


async def test_the_whole_shop_sums_every_till(shop_ui, tmp_path):
    tab, dsn = shop_ui
    panel = tab.shop
    await other_till(tmp_path, dsn, "CAISSE-2", 1_000)
    await other_till(tmp_path, dsn, "CAISSE-3", 2_500)
    await until(lambda: panel.tills.rowCount() == 3, timeout=10)
    names = [r[0] for r in rows(panel.tills)]
    assert names == ["CAISSE-2", "CAISSE-3", "Toute la boutique"]
    assert "3\u202f500" in rows(panel.tills)[2][3]
    assert {r[1] for r in rows(panel.table)} == {"CAISSE-2", "CAISSE-3"}


async def test_without_a_shop_database_there_is_no_shop_box(ui_ctx):
    tab = DashboardTab(ui_ctx)
    assert tab.shop is None
    tab.teardown()


async def test_the_box_says_when_live_updates_stop_and_catches_up_after(
        shop_ui, tmp_path, postgres):  # noqa: F811
    tab, dsn = shop_ui
    panel = tab.shop
    postgres.stop()
    try:
        await until(lambda: "interrompue" in panel.state.text(), timeout=15)
    finally:
        postgres.restart()
    await until(lambda: "En direct" in panel.state.text(), timeout=30)
    await other_till(tmp_path, dsn, "CAISSE-4", 800)
    await until(lambda: panel.table.rowCount() == 1, timeout=10)
    assert rows(panel.table)[0][1] == "CAISSE-4"


def test_a_till_without_a_shop_database_never_loads_psycopg():
    """psycopg costs start-up time: only a till with a shop database imports it."""
    code = ("import sys\n"
            "import backoffice.composition, backoffice.cli.parser\n"
            "import backoffice.ui.dashboard.tab, backoffice.ui.settings.tab\n"
            "import backoffice.ui.checkout.tab, backoffice.ui.history.tab\n"
            "print('psycopg' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip() == "False", done.stderr
