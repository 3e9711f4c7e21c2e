"""With a shop database (several tills), Encaisser's list and the Historique journal name the
till of each link in a "Caisse" column; a till working alone keeps its columns as they were."""

from __future__ import annotations

from PySide6.QtCore import Qt

from backoffice.shop.view import ShopView
from backoffice.ui.checkout.tab import CheckoutTab
from backoffice.ui.history.journal import JournalView
from tests.support.till import gui_thread_cleanup, show  # noqa: F401
from tests.support.waits import until

# Not reached by these screens: they only learn that a shop database is configured.
SHOP = "postgresql://comptoir@127.0.0.1:1/boutique"


def headers(model) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


async def test_encaisser_names_the_till_of_each_link(ui_ctx):
    core = ui_ctx.core
    core.shop_view = ShopView(SHOP)
    core.context.till = "CAISSE-1"
    tab = CheckoutTab(ui_ctx)
    show(ui_ctx, tab)
    assert headers(tab.model)[:3] == ["Heure", "Caisse", "Montant"]
    row = await core.links.create(1500, "Pagne")
    await until(lambda: tab.model.rowCount() == 1)
    assert tab.model.index(0, 1).data() == "CAISSE-1"
    assert tab.model.index(0, 6).data() == row.transaction_id  # the other columns follow


async def test_a_till_alone_has_no_till_column(ui_ctx):
    tab = CheckoutTab(ui_ctx)
    assert "till" not in tab.model.columns
    assert headers(tab.model)[:2] == ["Heure", "Montant"]


async def test_the_historique_journal_gets_the_column_too(ui_ctx):
    view = JournalView("fr", "XOF")
    view.model.show_till()
    view.model.show_till()  # once only
    assert headers(view.model)[:3] == ["Date", "Caisse", "Montant"]
