"""Historique tab with an odd CinetPay history: the status line says "N lignes illisibles";
a failed refresh says "réponse illisible, réessayez", never "peut-être passée"."""

from __future__ import annotations

from backoffice.ui.history.tab import HistoryTab
from tests.support.api_data import UNREADABLE_ODD_ROWS
from tests.support.history_ui import settled
from tests.support.waits import until


async def shown(ui_ctx) -> HistoryTab:
    view = HistoryTab(ui_ctx)
    view.resize(1200, 700)
    view.show()
    view.on_shown()
    await settled(view)
    return view


async def test_status_line_counts_unreadable_rows(ui_ctx, sim):
    sim.state.history_quirks.odd_rows = True
    view = await shown(ui_ctx)
    try:
        view.refresh()  # F5
        await until(lambda: f"{UNREADABLE_ODD_ROWS} lignes illisibles" in view.as_of.text())
        assert "ignorées" in view.as_of.toolTip()
        await settled(view)
        view.transaction.setText("ODD-1")  # zero dates: the row is still shown
        view.apply_filters()
        await settled(view)
        assert view.model.total == 1 and view.model.row_at(0).transaction_id == "ODD-1"
        view.clear_filters()
        sim.state.history_quirks.odd_rows = False
        view.refresh()
        await until(lambda: "illisible" not in view.as_of.text())
        assert view.as_of.toolTip() == ""
    finally:
        view.teardown()
        await ui_ctx.bridge.wait_idle()
        view.deleteLater()


async def test_unreadable_answer_says_try_again(ui_ctx, sim):
    view = await shown(ui_ctx)
    try:
        sim.set_faults(kinds=["malformed_json"], paths=["getTransHistory"])
        view.refresh()
        await until(lambda: "Réponse illisible de CinetPay, réessayez" in ui_ctx.messages.text)
        assert "peut-être" not in ui_ctx.messages.text
    finally:
        view.teardown()
        await ui_ctx.bridge.wait_idle()
        view.deleteLater()
