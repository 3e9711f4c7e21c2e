"""Transferts helpers shared by the transfer screen tests."""

from __future__ import annotations

from PySide6.QtCore import Qt

from backoffice.ui.transfers.confirm import ConfirmTransferDialog
from backoffice.ui.transfers.tab import TransfersTab
from tests.support.till import show
from tests.support.waits import until


async def shown_tab(ctx, qtbot) -> TransfersTab:
    tab = TransfersTab(ctx)
    show(ctx, tab)
    await until(lambda: len(tab.contacts) > 0)  # CinetPay's contacts, fetched once
    return tab


def sent_to(sim, phone: str) -> list[dict]:
    """Transfers Comptoir sent to ``phone`` (demo ones have ids like TRF-20261115-005)."""
    return [t for t in sim.transfers() if t["phone"] == phone and
            "-" not in t["client_transaction_id"]]


async def ask(tab: TransfersTab, qtbot, amount: str = "5000") -> ConfirmTransferDialog:
    qtbot.keyClicks(tab.amount, amount)
    qtbot.keyClick(tab.amount, Qt.Key.Key_Return)
    await until(lambda: isinstance(tab.active_dialog, ConfirmTransferDialog))
    return tab.active_dialog
