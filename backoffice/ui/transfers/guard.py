"""Before money leaves: the manager PIN (an unreadable one blocks money-out before any
dialog), the duplicate guard in words, and the confirmation dialog itself."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from ...pin import PinCheck, PinState
from ...services.duplicates import Duplicates
from ..kit.bridge import open_dialog
from .confirm import ConfirmTransferDialog, Recipient

if TYPE_CHECKING:
    from .tab import TransfersTab


def at(when: datetime) -> str:
    return when.astimezone().strftime("%H:%M")


class MoneyOutGuard(QObject):
    def __init__(self, tab: TransfersTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.ctx = tab.ctx

    async def pin_check(self) -> tuple[bool, Callable[[str], PinCheck] | None]:
        """(may go on, the PIN check for the dialog). An unreadable PIN stops here."""
        guard = self.ctx.core.cashiers.money_out_guard() if self.ctx.core.cashiers.exist \
            else self.ctx.pin
        state = await asyncio.to_thread(guard.state)
        if state is PinState.UNREADABLE:
            self.ctx.messages.show_message(self.tr(
                "Le code gérant ne peut pas être vérifié (coffre du système illisible ou "
                "code effacé) : les envois d'argent restent bloqués jusqu'à sa "
                "réinitialisation par le gérant (Réglages)."), "error")
            return False, None
        return True, (guard.check if state is PinState.SET else None)

    async def confirm(self, recipients: list[Recipient], duplicate: str,
                      parent: QWidget, after: QDialog | None = None) -> bool:
        """The PIN gate, then the confirmation (the tab's active dialog meanwhile, ``after``
        once closed), with what the transfer balance will be. False: nothing may be sent
        (the person was told why)."""
        go_on, check = await self.pin_check()
        if not go_on:
            return False
        dialog = ConfirmTransferDialog(recipients, self.ctx.lang, check, self.ctx.bridge.run,
                                       parent, duplicate=duplicate,
                                       available=self.tab.available,
                                       balance_when=self.tab.balance_when())
        self.tab.active_dialog = dialog
        try:
            result = await open_dialog(dialog)
        finally:
            self.tab.active_dialog = after
            dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            self._cancelled(dialog.pin_refused, dialog.pin_message)
            return False
        return True

    def _cancelled(self, pin_refused: bool, why: str = "") -> None:
        if why:
            self.ctx.messages.show_message(why, "error")
        elif pin_refused:
            self.ctx.messages.show_message(self.tr(
                "Code gérant incorrect : transfert annulé, rien n'a été envoyé."), "error")
        else:
            self.ctx.messages.show_message(
                self.tr("Transfert annulé : rien n'a été envoyé."), "info", 4000)

    def single_duplicate(self, dup: Duplicates) -> str:
        """The same amount to the same contact within 15 minutes, in words (empty: no)."""
        if not dup.recent:
            return ""
        return self.tr("Le même montant est déjà parti vers ce contact il y a moins de 15 "
                       "minutes (à {time}).").format(time=at(dup.recent[0]))

    def batch_duplicates(self, dup: Duplicates, numbers: list[int]) -> str:
        """What looks like money already sent, in words (empty: nothing)."""
        parts = []
        if dup.file_sent_at is not None:
            parts.append(self.tr("Ce lot a déjà été envoyé aujourd'hui ou hier (à {time}).")
                         .format(time=at(dup.file_sent_at)))
        elif dup.recent:
            parts.append(self.tr("Déjà envoyé dans les dernières 24 h (même contact, même "
                                 "montant) : ligne(s) {lines}.").format(
                lines=", ".join(str(numbers[i]) for i in sorted(dup.recent))))
        for group in dup.repeats:
            parts.append(self.tr("Lignes identiques dans le fichier : {lines}.").format(
                lines=", ".join(str(numbers[i]) for i in group)))
        return " ".join(parts)
