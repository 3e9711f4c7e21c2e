"""The page Réglages shows while a manager PIN guards them: unlock with the PIN, or (PIN
forgotten or unreadable) reset it with the CinetPay API key in use."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...pin import PIN_MAX, PinCheck
from ..context import UiContext
from ..kit.forms import FieldErrors
from .wording import refusal


class LockPage(QWidget):
    unlocked = Signal()  # the PIN was right
    pin_reset = Signal()  # the manager removed the PIN with the API key

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        title = QLabel(self.tr("Réglages protégés par le code gérant"), self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.unlock_pin = self._secret("unlock_pin", self.tr("code gérant"))
        self.unlock_pin.setMaxLength(PIN_MAX)
        self.unlock_pin.returnPressed.connect(self.try_unlock)
        self.unlock_button = QPushButton(self.tr("Déverrouiller"), self)
        self.unlock_button.clicked.connect(self.try_unlock)
        # The manager's way out (PIN forgotten or unreadable): the CinetPay API key in use.
        self.reset_key = self._secret("reset_key", self.tr("clé API CinetPay (gérant)"))
        self.reset_button = QPushButton(self.tr("Réinitialiser le code"), self)
        self.reset_button.clicked.connect(self.reset_pin)
        # One error line under the PIN row, for both ways in.
        self.field_errors = FieldErrors(self, ctx.lang)
        self.unlock_error = self.field_errors.add("unlock_pin", self.unlock_pin)
        self.unlock_error.setObjectName("unlock_error")
        self.field_errors.add("reset_key", self.reset_key, label=self.unlock_error)
        self._lay_out(title)

    def _secret(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setPlaceholderText(placeholder)
        edit.setFixedWidth(220)
        return edit

    def _lay_out(self, title: QLabel) -> None:
        center = Qt.AlignmentFlag.AlignHCenter
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title, 0, center)
        layout.addWidget(QLabel(self.tr("Saisissez le code pour modifier les réglages."),
                                self), 0, center)
        layout.addLayout(_centered_row(self.unlock_pin, self.unlock_button))
        layout.addWidget(self.unlock_error, 0, center)
        layout.addSpacing(24)
        layout.addWidget(QLabel(self.tr("Code oublié ou illisible ? Le gérant le réinitialise "
                                        "avec la clé API CinetPay."), self), 0, center)
        layout.addLayout(_centered_row(self.reset_key, self.reset_button))
        layout.addStretch(2)

    def try_unlock(self) -> asyncio.Task[None] | None:
        pin = self.unlock_pin.text()
        if not pin:
            self.field_errors.show("unlock_pin", self.tr("Saisissez le code."))
            return None

        def done(result: PinCheck) -> None:
            self.unlock_pin.clear()
            self.field_errors.clear()
            if result.ok:
                self.unlocked.emit()
            else:
                self.field_errors.show("unlock_pin", refusal(result))

        return self.ctx.bridge.run(asyncio.to_thread(self.ctx.pin.check, pin),
                                   disable=[self.unlock_button, self.unlock_pin], on_done=done)

    def reset_pin(self) -> asyncio.Task[None] | None:
        """Training: the simulator's demo key proves the manager (its PIN lives in memory for
        this launch). Real mode: only the key saved in the keyring does, never one from the
        environment (read off the GUI thread)."""
        typed = self.reset_key.text()
        if self.ctx.training and not self.ctx.core.api_key_matches(typed):
            self._wrong_key()
            return None

        def prove_and_reset() -> bool:
            if not self.ctx.training and not self.ctx.pin.key_proves_manager(typed):
                return False
            self.ctx.pin.reset()
            return True

        def done(reset: bool) -> None:
            if not reset:
                self._wrong_key()
                return
            self.reset_key.clear()
            self.field_errors.clear()
            self.pin_reset.emit()

        return self.ctx.bridge.run(asyncio.to_thread(prove_and_reset),
                                   disable=[self.reset_button, self.reset_key], on_done=done)

    def _wrong_key(self) -> None:
        self.reset_key.clear()
        self.field_errors.clear()
        self.field_errors.show("reset_key", self.tr("Clé API incorrecte : code inchangé."))


def _centered_row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row
