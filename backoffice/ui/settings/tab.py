"""Réglages: the pages (one per file, contract in ``page.py``) laid out in one scrolling
view, behind a lock page while a manager PIN guards them.

When a manager PIN is set, the tab opens locked and asks for it; it locks again when left.
A language change or new credentials rebuild the session in place (``restart_requested``):
every screen, including the standard Qt buttons, then comes back in the new language.
"""

from __future__ import annotations

import asyncio
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...keyring import CredentialStore
from ...pin import PinState
from ..context import UiContext
from ..kit.forms import INVALID_SHEET
from ..kit.tab import Tab
from .account import AccountPage
from .cashiers import CashiersPage
from .data import DataPage
from .language import LanguagePage
from .links import LinksPage
from .lock import LockPage
from .look import LookPage
from .page import SettingsPage
from .pin import PinPage
from .printer import PrinterPage
from .shop import ShopPage

LOCKED, CONTENT = 0, 1  # the stack's pages


class SettingsTab(Tab):
    restart_requested = Signal(str)  # "lang" / "credentials"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *,
                 credentials: CredentialStore | None = None) -> None:
        super().__init__(ctx, parent)
        self.setStyleSheet(INVALID_SHEET)
        self._loaded_credentials = False
        self.lock_page = LockPage(ctx, self)
        self.account_page = AccountPage(ctx, credentials, self)
        self.links_page = LinksPage(ctx, self)
        self.language_page = LanguagePage(ctx, self)
        self.pin_page = PinPage(ctx, self)
        self.data_page = DataPage(ctx, self)
        self.look_page = LookPage(ctx, self)
        # Credentials across the top, then two columns.
        self.columns: tuple[tuple[SettingsPage, ...], ...] = (
            (self.links_page, self.language_page, self.look_page),
            (self.pin_page, self.data_page))
        self.cashiers_page = CashiersPage(ctx, self)  # last in the right-hand column
        self.columns = (*self.columns[:-1], (*self.columns[-1], self.cashiers_page))
        self.printer_page = PrinterPage(ctx, self)  # receipts and QR slips: left column
        self.columns = ((*self.columns[0], self.printer_page), *self.columns[1:])
        self.shop_page = ShopPage(ctx, self)  # the shop database (several tills): right column
        self.columns = (*self.columns[:-1], (*self.columns[-1], self.shop_page))
        self.pages = [self.account_page, *(page for col in self.columns for page in col)]
        for page in self.pages:
            page.apply_requested.connect(partial(self.apply, page))
        self.account_page.restart_requested.connect(self.restart_requested)
        self.lock_page.unlocked.connect(self._unlocked)
        self._pin_changes = 0  # local PIN changes: a keyring answer older than one is stale
        self.lock_page.pin_reset.connect(self._pin_reset)
        self.pin_page.state_changed.connect(self._pin_changed)

        # First paint from the disk marker; the keyring's answer follows (on_shown).
        self.pin_page.show_state(PinState.SET if ctx.pin.probably_required()
                                 else PinState.NONE)
        self.unlocked = self.pin_page.state is PinState.NONE
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.lock_page)
        self.stack.addWidget(self._content())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.load()
        self._update_lock()

    def title(self) -> str:
        return self.tr("Réglages")

    # What the shell's tests reach from the tab (the language switch, the PIN button).
    @property
    def language(self) -> QComboBox:
        return self.language_page.language

    @property
    def language_apply(self) -> QPushButton:
        return self.language_page.language_apply

    @property
    def pin_save(self) -> QPushButton:
        return self.pin_page.pin_save

    def _content(self) -> QScrollArea:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(12)
        layout.addWidget(self.account_page)
        columns = QHBoxLayout()
        columns.setSpacing(12)
        for column in self.columns:
            stack = QVBoxLayout()
            for page in column:
                stack.addWidget(page)
            stack.addStretch(1)
            columns.addLayout(stack, 1)
        layout.addLayout(columns)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        return scroll

    # --- preferences -----------------------------------------------------------------------

    def load(self) -> None:
        for page in self.pages:
            page.load(self.ctx.prefs)

    def apply(self, page: SettingsPage) -> bool:
        """A page's "Enregistrer": check it, write its values, persist them, say so."""
        errors = page.validate()
        page.show_errors(errors)
        if errors or not page.save(self.ctx.prefs):
            return False
        try:
            self.ctx.save_prefs()
        except OSError as exc:
            self.ctx.messages.show_message(
                self.tr("Impossible d'enregistrer les réglages : {error}").format(error=exc),
                "error")
            return False
        self.ctx.messages.show_message(page.saved_text(), "success", 4000)
        if page.restart:
            self.restart_requested.emit(page.restart)
        return True

    # --- lock --------------------------------------------------------------------------------

    def _update_lock(self) -> None:
        locked = self.pin_page.state is not PinState.NONE and not self.unlocked
        self.stack.setCurrentIndex(LOCKED if locked else CONTENT)

    def refresh_pin_state(self) -> asyncio.Task[None]:
        """Ask the keyring (off the GUI thread) whether a PIN guards this shop. An answer read
        before a change made here meanwhile (set, reset) is stale: ignored."""
        asked = self._pin_changes

        def done(state: PinState) -> None:
            if asked != self._pin_changes:
                return
            if state is PinState.NONE:
                self.unlocked = True
            self.pin_page.show_state(state)
            self._update_lock()

        return self.ctx.bridge.run(asyncio.to_thread(self.ctx.pin.state), on_done=done)

    def lock(self) -> None:
        if self.pin_page.state is not PinState.NONE:
            self.unlocked = False
            self._update_lock()

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the tab locks it again (the till may be left unattended).
        if event.spontaneous() is False:
            self.lock()
        super().hideEvent(event)

    def on_shown(self) -> None:
        self.refresh_pin_state()
        self._update_lock()
        if self.stack.currentIndex() == LOCKED:
            self.lock_page.unlock_pin.setFocus()
        else:
            self.on_unlocked()

    def on_unlocked(self) -> None:
        if not self._loaded_credentials:
            self._loaded_credentials = True
            self.account_page.load_credentials()

    def _unlocked(self) -> None:
        self.unlocked = True
        self._update_lock()
        self.on_unlocked()

    def _pin_reset(self) -> None:
        self._pin_changes += 1
        self.pin_page.show_state(PinState.NONE)
        self._unlocked()
        self.ctx.messages.show_message(self.tr(
            "Code gérant réinitialisé : définissez-en un nouveau."), "warning")

    def _pin_changed(self, state: PinState) -> None:
        self._pin_changes += 1
        if state is PinState.SET:
            self.unlocked = True
