"""Caissiers: a manager adds and removes the till's cashiers (services/cashiers.py). The first
one is a manager; on a shop with a code gérant, that code is asked and becomes the manager
"Gérant". PINs go to the keyring, never to the preferences."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...pin import PIN_MAX, PinError, PinState
from ...services.cashiers import RoleError
from ...store.cashiers import CashierRow
from ..context import UiContext
from .page import HINT_STYLE, SettingsPage


class CashiersPage(SettingsPage):
    changed = Signal()  # a cashier added or removed (the till's switch reloads)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Caissiers"))
        self.list = QListWidget(self)
        self.list.setObjectName("cashierList")
        self.list.setMaximumHeight(120)
        self.name = QLineEdit(self)
        self.name.setObjectName("newCashierName")
        self.role = QComboBox(self)
        self.role.setObjectName("newCashierRole")
        self.role.addItem(self.tr("caissier"), "cashier")
        self.role.addItem(self.tr("gérant"), "manager")
        self.pin = self._secret("newCashierPin")
        self.manager_code = self._secret("firstManagerCode")
        self.manager_code_label = QLabel(self.tr("Code gérant actuel"), self)
        self.add_button = QPushButton(self.tr("Ajouter"), self)
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("Retirer le caissier choisi"), self)
        self.remove_button.clicked.connect(self.remove)
        self.status = QLabel(self)
        self.status.setObjectName("cashierStatus")
        self.status.setWordWrap(True)
        note = QLabel(self.tr("Sans caissier, le poste fonctionne sans identification. Le "
                              "premier est un gérant ; le code gérant existant devient celui "
                              "du gérant « Gérant ». F9 : changer de caissier."), self)
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("Nom"), self.name)
        form.addRow(self.tr("Rôle"), self.role)
        form.addRow(self.tr("Code (4 à 8 chiffres)"), self.pin)
        form.addRow(self.manager_code_label, self.manager_code)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(note)
        self._show_code_field(False)
        self.reload()

    def _secret(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(PIN_MAX)
        return edit

    def _show_code_field(self, on: bool) -> None:
        self.manager_code.setVisible(on)
        self.manager_code_label.setVisible(on)

    # --- reads -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.ctx.bridge.run(self._read(), on_done=self._show, on_error=lambda _e: True)

    async def _read(self) -> tuple[list[CashierRow], bool]:
        rows = await self.ctx.core.cashiers.list()
        first_needs_code = not rows and await asyncio.to_thread(
            self.ctx.core.cashiers.pins.state) is not PinState.NONE
        return rows, first_needs_code

    def _show(self, found: tuple[list[CashierRow], bool]) -> None:
        rows, first_needs_code = found
        self.list.clear()
        for row in rows:
            role = self.tr("gérant") if row.role == "manager" else self.tr("caissier")
            item = QListWidgetItem(f"{row.name} — {role}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, row.name)
        self._show_code_field(first_needs_code)
        if not rows:
            self.role.setCurrentIndex(self.role.findData("manager"))

    # --- add / remove ------------------------------------------------------------------------

    def add(self) -> None:
        core = self.ctx.core
        coro = core.cashiers.add(self.name.text(), self.role.currentData(), self.pin.text(),
                                 self.manager_code.text() or None)

        def done(rows: list[CashierRow]) -> None:
            names = ", ".join(r.name for r in rows)
            self.status.setText(self.tr("Ajouté : {names}").format(names=names))
            for edit in (self.name, self.pin, self.manager_code):
                edit.clear()
            self.reload()
            self.changed.emit()

        self.ctx.bridge.run(coro, disable=[self.add_button], on_done=done,
                            on_error=self._refused)

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.status.setText(self.tr("Choisissez un caissier dans la liste."))
            return

        def done(row: CashierRow) -> None:
            self.status.setText(self.tr("Retiré : {name}").format(name=row.name))
            self.reload()
            self.changed.emit()

        self.ctx.bridge.run(self.ctx.core.cashiers.remove(item.data(Qt.ItemDataRole.UserRole)),
                            disable=[self.remove_button], on_done=done, on_error=self._refused)

    def _refused(self, exc: BaseException) -> bool:
        if isinstance(exc, PinError | RoleError):
            self.pin.clear()
            self.manager_code.clear()
            self.status.setText(exc.human(self.ctx.lang))
            return True
        return False
