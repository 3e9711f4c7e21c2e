"""Encaisser helpers shared by the checkout tests."""

from __future__ import annotations

from PySide6.QtCore import Qt

from backoffice.store.links import LinkRow
from backoffice.ui.checkout.tab import CheckoutTab
from tests.support.waits import until


async def create(tab: CheckoutTab, qtbot, amount: str = "17500") -> LinkRow:
    before = tab.current
    qtbot.keyClicks(tab.amount, amount)
    qtbot.keyClick(tab.amount, Qt.Key.Key_Return)
    await until(lambda: tab.current is not before and tab.current is not None)
    return tab.current
