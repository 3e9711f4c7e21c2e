"""One transfer: the duplicate guard, the PIN and the confirmation, then one send and what
happened to it in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from ...output.csvfiles import TransferLine
from ...services.outcomes import TransferOutcome, transfer_outcome
from ...store.contacts import ContactRow
from ...store.transfers import TransferRow
from .confirm import Recipient
from .guard import MoneyOutGuard
from .wording import wording, xof

if TYPE_CHECKING:
    from .tab import TransfersTab


class TransferSender(QObject):
    def __init__(self, tab: TransfersTab, guard: MoneyOutGuard) -> None:
        super().__init__(tab)
        self.tab = tab
        self.ctx = tab.ctx
        self.guard = guard

    async def send(self, contact: ContactRow, amount: int) -> TransferRow | None:
        """Confirmed: sent once (or queued). Cancelled: nothing sent, and it says so."""
        name = f"{contact.surname} {contact.name}".strip()
        return await self.send_to(name, contact.prefix, contact.phone, amount)

    async def send_to(self, name: str, prefix: str, phone: str, amount: int,
                      method: str = "") -> TransferRow | None:
        """The same, to a number; ``method``: the current platform's payment method."""
        try:
            return await self._send(Recipient(name, prefix, phone, amount, method))
        finally:
            self.tab.sending = False
            QTimer.singleShot(0, lambda: self.tab.amount.setFocus())

    async def _send(self, recipient: Recipient) -> TransferRow | None:
        core = self.ctx.core
        name, amount = recipient.name, recipient.amount
        dup = await core.duplicates.check_single(
            TransferLine(recipient.prefix, recipient.phone, amount))
        if not await self.guard.confirm([recipient], self.guard.single_duplicate(dup),
                                        self.tab):
            return None
        row = await core.transfers.send(recipient.prefix, recipient.phone, amount,
                                        method=recipient.method)
        what = self.tr("{amount} à {name}").format(
            amount=xof(row.amount, self.ctx.lang), name=name or f"+{row.prefix} {row.phone}")
        self.tab.refresh_balance()  # what remains, as CinetPay now counts it
        text, level = wording().sent(row, what, self.ctx.lang)
        self.ctx.messages.show_message(text, level, 8000 if level == "success" else 0)
        if transfer_outcome(row) is not TransferOutcome.FAILED:
            self.tab.amount.clear()
        return row
