"""Code gérant: set, change or remove the manager code. It is kept hashed in the
system's keyring (scrypt and the keyring run off the GUI thread); it guards these settings
and every money-out."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...pin import PIN_MAX, PIN_MIN, PinCheck, PinError, PinState, valid_new_pin
from ..context import UiContext
from .page import HINT_STYLE, SettingsPage
from .wording import refusal


def _attempt(action: Callable[..., None], *args: str | None) -> PinCheck:
    """Run a PIN change, its refusal as a result (called off the GUI thread)."""
    try:
        action(*args)
    except PinError as exc:
        return PinCheck(False, exc.reason, wait=exc.wait)
    return PinCheck(True)


class PinPage(SettingsPage):
    state_changed = Signal(object)  # the PinState after a change made here

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state = PinState.NONE
        self.setTitle(self.tr("Code gérant"))
        self.pin_state = QLabel(self)
        self.pin_state.setObjectName("pinState")
        self.pin_current = self._secret("pin_current")
        self.pin_new = self._secret("pin_new")
        self.pin_confirm = self._secret("pin_confirm")
        # One error line under the three fields; the field concerned is outlined.
        self.pin_error = self.field_errors.add("pin_current", self.pin_current)
        self.pin_error.setObjectName("pin_error")
        for field in ("pin_new", "pin_confirm"):
            self.field_errors.add(field, getattr(self, field), label=self.pin_error)
        self.pin_current_label = QLabel(self.tr("Code &actuel"), self)
        self.pin_current_label.setBuddy(self.pin_current)
        self.pin_save = QPushButton(self.tr("Enregistrer le code"), self)
        self.pin_save.clicked.connect(self.save_pin)
        self.pin_remove = QPushButton(self.tr("Supprimer le code"), self)
        self.pin_remove.clicked.connect(self.remove_pin)
        self._lay_out()

    def _secret(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(PIN_MAX)
        edit.returnPressed.connect(self.save_pin)
        return edit

    def _lay_out(self) -> None:
        new_label = QLabel(self.tr("No&uveau code"), self)
        new_label.setBuddy(self.pin_new)
        confirm_label = QLabel(self.tr("&Confirmer"), self)
        confirm_label.setBuddy(self.pin_confirm)
        form = QFormLayout()
        form.addRow(self.pin_current_label, self.pin_current)
        form.addRow(new_label, self.pin_new)
        form.addRow(confirm_label, self.pin_confirm)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.pin_remove)
        buttons.addWidget(self.pin_save)
        hint = QLabel(self.tr("{min} à {max} chiffres. Il protège ces réglages et chaque envoi "
                              "d'argent ; il est enregistré haché dans le coffre du système, "
                              "jamais en clair.").format(min=PIN_MIN, max=PIN_MAX), self)
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pin_state)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.pin_error)
        layout.addLayout(buttons)

    def show_state(self, state: PinState) -> None:
        self.state = state
        has = state is not PinState.NONE
        self.pin_state.setText(self.tr("Un code gérant est défini.") if has else
                               self.tr("Aucun code gérant : les réglages sont libres "
                                       "d'accès."))
        self.pin_current.setVisible(has)
        self.pin_current_label.setVisible(has)
        self.pin_remove.setEnabled(has)
        self.pin_save.setText(self.tr("Changer le code") if has else
                              self.tr("Définir le code"))

    def _done(self, state: PinState, message: str) -> None:
        for edit in (self.pin_current, self.pin_new, self.pin_confirm):
            edit.clear()
        self.field_errors.clear()
        self.show_state(state)
        self.state_changed.emit(state)
        self.ctx.messages.show_message(message, "success", 4000)

    def _refused(self, result: PinCheck) -> None:
        self.show_errors({"pin_current": refusal(result, changing=True)})

    # --- set / change ----------------------------------------------------------------------

    def pin_problem(self) -> dict[str, str]:
        """The first problem with the PIN typed (one error line for the three fields)."""
        new = self.pin_new.text()
        if not valid_new_pin(new):
            return {"pin_new": self.tr("Le code doit comporter {min} à {max} chiffres.").format(
                min=PIN_MIN, max=PIN_MAX)}
        if new != self.pin_confirm.text():
            return {"pin_confirm": self.tr("Les deux saisies du nouveau code diffèrent.")}
        if self.state is not PinState.NONE and not self.pin_current.text():
            return {"pin_current": self.tr("Saisissez le code actuel.")}
        return {}

    def save_pin(self) -> asyncio.Task[None] | None:
        errors = self.pin_problem()
        self.show_errors(errors)
        if errors:
            return None
        change = asyncio.to_thread(_attempt, self.ctx.pin.set, self.pin_new.text(),
                                   self.pin_current.text() or None)
        return self.ctx.bridge.run(change, disable=[self.pin_save], on_done=self._saved)

    def _saved(self, result: PinCheck) -> None:
        if not result.ok:
            self._refused(result)
            return
        self._done(PinState.SET, self.tr(
            "Code gérant enregistré dans le coffre du système."))

    # --- remove ------------------------------------------------------------------------------

    def remove_pin(self) -> asyncio.Task[None] | None:
        if self.state is PinState.NONE:
            return None
        current = self.pin_current.text()
        if not current:
            self.show_errors({"pin_current": self.tr(
                "Saisissez le code actuel pour le supprimer.")})
            return None
        clear = asyncio.to_thread(_attempt, self.ctx.pin.clear, current)
        return self.ctx.bridge.run(clear, disable=[self.pin_remove], on_done=self._removed)

    def _removed(self, result: PinCheck) -> None:
        if not result.ok:
            self._refused(result)
            return
        self._done(PinState.NONE, self.tr("Code gérant supprimé."))
