"""Espèces: the cash drawer at the till (F4). ``open_cash(window)`` is what the main window's
shortcut calls."""

from __future__ import annotations

from typing import Any

from .dialog import CashDialog

__all__ = ["CashDialog", "open_cash"]


def open_cash(window: Any) -> CashDialog | None:
    """F4 from anywhere in a workspace: the window's one Espèces dialog, ready for a cash
    sale; a recorded movement is confirmed in the message bar."""
    ctx = getattr(window, "ctx", None)
    if ctx is None:
        return None
    dialog: CashDialog | None = getattr(window, "cash_dialog", None)
    if dialog is None or dialog.ctx is not ctx:  # first time, or a new session
        if dialog is not None:
            dialog.bus.close()
            dialog.deleteLater()
        dialog = CashDialog(ctx, window)
        dialog.recorded.connect(
            lambda row: ctx.messages.show_message(dialog.confirmation(row), "success", 6000))
        window.cash_dialog = dialog
    dialog.start()
    return dialog
