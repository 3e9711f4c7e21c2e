"""The confirmation before money leaves: exactly what will be sent (name, +prefix number,
amount in XOF), the duplicate guard's explicit tick and, when set, the manager PIN."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...api.current.methods import method_name
from ...pin import PinCheck
from ..kit.formatting import money
from ..kit.forms import error_label
from ..kit.phone_fields import country_name, full_number
from .wording import TRANSFER_CURRENCY, xof

SHOWN_LINES = 8  # a batch lists its first lines, then "… and n others"


@dataclass(frozen=True)
class Recipient:
    name: str
    prefix: str
    phone: str
    amount: int
    method: str = ""  # the current platform's payment method (OM_CI…)


def bold(label: QLabel, points: int | None = None) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    if points:
        font.setPointSize(points)
    label.setFont(font)
    return label


class ConfirmTransferDialog(QDialog):
    """Shows exactly what will be sent. With a manager PIN set, the PIN field is part of the
    confirmation; it is checked off the GUI thread (scrypt, keyring), three wrong tries, a
    lockout or an unreadable PIN close the dialog (``pin_refused``, ``pin_message``) and
    nothing is sent. The lockout counter lives in the keyring: reopening does not reset it.
    ``duplicate``: why this looks like money already sent; then "Envoyer" stays disabled until
    the person ticks the explicit confirmation. ``available``: the transfer balance shown
    (the dialog then says what will remain; ``balance_when``: its time when not fresh)."""

    MAX_TRIES = 3

    def __init__(self, recipients: list[Recipient], lang: str,
                 pin_check: Callable[[str], PinCheck | bool] | None,
                 run: Callable[..., Any] | None = None,
                 parent: QWidget | None = None, *, duplicate: str = "",
                 available: int | None = None, balance_when: str = "") -> None:
        super().__init__(parent)
        self.lang = lang
        self._check = pin_check
        self._run = run
        self._tries = 0
        self._task: asyncio.Future[Any] | None = None
        self.pin_refused = False
        self.pin_message = ""
        self.setWindowTitle(self.tr("Confirmer le transfert") if len(recipients) == 1
                            else self.tr("Confirmer les transferts"))
        layout = QVBoxLayout(self)
        if len(recipients) == 1:
            self._show_one(recipients[0], layout)
        else:
            self._show_many(recipients, layout)
        self.remaining_label = self._remaining(sum(r.amount for r in recipients), available,
                                               balance_when, layout)
        warning = QLabel(self.tr("Cet argent quitte le compte : vérifiez le numéro."), self)
        warning.setStyleSheet("color:#8a5300;")
        warning.setWordWrap(True)
        layout.addWidget(warning)
        self.again = self._duplicate_tick(duplicate, layout)
        self.pin_error = error_label(self)
        self.pin = self._pin_field(layout) if pin_check is not None else None
        self._buttons(layout)
        self.setMinimumWidth(420)
        (self.pin or self.again or self.send_button).setFocus()

    # --- layout ---------------------------------------------------------------------------

    def _show_one(self, r: Recipient, layout: QVBoxLayout) -> None:
        layout.addWidget(QLabel(self.tr("Vous allez envoyer :"), self))
        form = QFormLayout()
        self.amount_label = bold(QLabel(xof(r.amount, self.lang), self), 20)
        form.addRow(self.tr("Montant"), self.amount_label)
        form.addRow(self.tr("À"), bold(QLabel(r.name or self.tr("(sans nom)"), self)))
        form.addRow(self.tr("Numéro"), bold(QLabel(full_number(r.prefix, r.phone), self)))
        if r.method:
            self.method_label = bold(QLabel(method_name(r.method, self.lang), self))
            form.addRow(self.tr("Moyen de paiement"), self.method_label)
        country = country_name(r.prefix, self.lang)
        if country:
            form.addRow(self.tr("Pays"), QLabel(country, self))
        layout.addLayout(form)

    def _show_many(self, recipients: list[Recipient], layout: QVBoxLayout) -> None:
        intro = QLabel(self.tr("Vous allez envoyer {n} transferts, pour un total de :")
                       .format(n=len(recipients)), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        total = sum(r.amount for r in recipients)
        self.amount_label = bold(QLabel(xof(total, self.lang), self), 20)
        layout.addWidget(self.amount_label)
        shown = recipients[:SHOWN_LINES]
        text = "\n".join(" · ".join(part for part in (
            full_number(r.prefix, r.phone), r.name, xof(r.amount, self.lang)) if part)
            for r in shown)
        if len(recipients) > len(shown):
            text += "\n" + self.tr("… et %n autre(s)", "", len(recipients) - len(shown))
        details = QLabel(text, self)
        details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(details)

    def _remaining(self, total: int, available: int | None, when: str,
                   layout: QVBoxLayout) -> QLabel | None:
        """What the transfer balance will be after this (as far as Comptoir knows it)."""
        if available is None:
            return None
        left = available - total
        if left >= 0:
            text = self.tr("Il restera {amount}").format(
                amount=money(left, TRANSFER_CURRENCY, self.lang))
        else:
            text = self.tr("Le total dépasse le solde disponible ({amount})").format(
                amount=money(available, TRANSFER_CURRENCY, self.lang))
        if when:
            text += " " + self.tr("(d'après le solde {when})").format(when=when)
        label = QLabel(text, self)
        label.setObjectName("remaining")
        label.setWordWrap(True)
        label.setStyleSheet("" if left >= 0 else "color:#b3261e; font-weight:bold;")
        layout.addWidget(label)
        return label

    def _duplicate_tick(self, duplicate: str, layout: QVBoxLayout) -> QCheckBox | None:
        if not duplicate:
            return None
        seen = QLabel(duplicate, self)
        seen.setObjectName("duplicate")
        seen.setStyleSheet("color:#b3261e; font-weight:bold;")
        seen.setWordWrap(True)
        layout.addWidget(seen)
        again = QCheckBox(self.tr("Je confirme : envoyer &quand même"), self)
        layout.addWidget(again)
        return again

    def _pin_field(self, layout: QVBoxLayout) -> QLineEdit:
        pin = QLineEdit(self)
        pin.setEchoMode(QLineEdit.EchoMode.Password)
        pin.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly
                                | Qt.InputMethodHint.ImhSensitiveData)
        pin.setMaxLength(12)
        pin.textEdited.connect(lambda _t: self.pin_error.hide())
        pin_label = QLabel(self.tr("Code &gérant"), self)
        pin_label.setBuddy(pin)
        layout.addWidget(pin_label)
        layout.addWidget(pin)
        layout.addWidget(self.pin_error)
        return pin

    def _buttons(self, layout: QVBoxLayout) -> None:
        buttons = QDialogButtonBox(self)
        self.send_button = buttons.addButton(
            self.tr("Envoyer"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(
            self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        self.send_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.again is not None:
            self.send_button.setEnabled(False)
            self.again.toggled.connect(self.send_button.setEnabled)

    # --- the PIN --------------------------------------------------------------------------

    def accept(self) -> None:
        if self.again is not None and not self.again.isChecked():
            return  # looks sent already: only an explicit confirmation lets it go
        if self.pin is None or self._check is None:
            super().accept()
            return
        if self._task is not None and not self._task.done():
            return  # already checking
        pin = self.pin.text()
        if not pin:
            self._wrong(self.tr("Saisissez le code gérant"))
            return
        self.send_button.setEnabled(False)
        self.pin.setEnabled(False)
        check = self._check

        async def verify() -> PinCheck | bool:
            return await asyncio.to_thread(check, pin)

        if self._run is not None:
            self._task = self._run(verify(), on_done=self._verified,
                                   on_error=self._check_failed)
        else:  # pragma: no cover - tabs always pass the bridge
            self._task = asyncio.ensure_future(verify())
            self._task.add_done_callback(lambda t: self._verified(t.result()))

    def _check_failed(self, _exc: BaseException) -> bool:
        self._verified(PinCheck(False, "unreadable"))  # cannot check: fail closed
        return True

    def _verified(self, result: PinCheck | bool) -> None:
        if isinstance(result, bool):
            result = PinCheck(result, "ok" if result else "wrong")
        with contextlib.suppress(RuntimeError):  # dialog closed meanwhile
            self.send_button.setEnabled(True)
            assert self.pin is not None
            self.pin.setEnabled(True)
            if result.ok:
                QDialog.accept(self)
                return
            if result.reason in ("locked", "unreadable"):
                self.pin_refused = True
                self.pin_message = self.refusal(result)
                self.reject()
                return
            self._tries += 1
            if self._tries >= self.MAX_TRIES:
                self.pin_refused = True
                self.reject()
                return
            self._wrong(self.tr("Code gérant incorrect : essai {n} sur {m}")
                        .format(n=self._tries, m=self.MAX_TRIES))

    def refusal(self, result: PinCheck) -> str:
        """The words for a PIN that cannot be tried now (locked out) or cannot be checked."""
        if result.reason == "locked":
            return self.tr("Trop de codes erronés : réessayez dans {seconds} s. Rien n'a "
                           "été envoyé.").format(seconds=result.wait)
        return self.tr("Le code gérant ne peut pas être vérifié (coffre du système "
                       "illisible ou code effacé) : rien n'a été envoyé. Le gérant le "
                       "réinitialise dans Réglages.")

    def _wrong(self, text: str) -> None:
        assert self.pin is not None
        self.pin_error.setText(text)
        self.pin_error.show()
        self.pin.clear()
        self.pin.setFocus()

    def reject(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        super().reject()
