"""Historique helpers shared by the history screen tests."""

from __future__ import annotations

from backoffice.ui.history.tab import HistoryTab
from tests.support.waits import until


async def settled(view: HistoryTab) -> None:
    await until(lambda: view.model.applied and not view.model.loading)
    await view.model.wait_idle()
    await until(lambda: not view.totals_timer.isActive())  # totals wait for typing to pause
    await view.ctx.bridge.wait_idle()
