"""Who is at the till, for the main window (``attach(window)`` once its workspace is built).

* A shop without cashiers: nothing changes (no panel, no lock, every tab).
* With cashiers: the workspace opens behind the "who is at the till" panel; F9 opens it to
  switch at any time; the status bar names who is at the till; after ``idle_lock_minutes``
  without a key or a click (0: never) the till locks again (nobody at it).
* A cashier cannot open Transferts, Contacts, Réglages (disabled, and never made current);
  the services refuse their operations anyway (services/cashiers.require).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ...pin import PinError
from ...services.cashiers import allowed
from ...services.context import Cashier
from .switch import SwitchPanel

if TYPE_CHECKING:
    from ..main_window import MainWindow

# The tabs (MainWindow attributes) and the action each needs.
GUARDED_TABS = (("transfers_tab", "transfer"), ("contacts_tab", "contacts"),
                ("settings_tab", "settings"))
ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)


class CashierDesk(QObject):
    def __init__(self, window: MainWindow, central: QWidget) -> None:
        super().__init__(central)
        assert window.ctx is not None and window.tabs is not None
        self.window, self.ctx, self.tabs = window, window.ctx, window.tabs
        self.cashiers = self.ctx.core.cashiers
        self.panel = SwitchPanel(central)
        self.panel.submitted.connect(self._sign_in)
        self.panel.cancelled.connect(self._restore_focus)
        self.label = QLabel(window.status)
        self.label.setObjectName("cashierAtTill")
        if window.status is not None:
            window.status.addPermanentWidget(self.label)
        self.shortcut = QShortcut(QKeySequence("F9"), central)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcut.activated.connect(self.open_switch)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        self.idle_ms = max(0, int(self.ctx.prefs.idle_lock_minutes)) * 60_000
        self.tabs.currentChanged.connect(self._tab_changed)
        self._watching = False  # the application-wide activity filter is installed
        central.destroyed.connect(lambda *_: self._watch_activity(False))
        # Réglages › Caissiers added or removed someone (Réglages is built when first shown).
        window.tab_built.connect(self._tab_built)
        if window.built_tab("settings_tab") is not None:
            self._tab_built("settings_tab")
        self._update()
        self.reload_soon()

    def _tab_built(self, attribute: str) -> None:
        page = getattr(self.window.built_tab(attribute), "cashiers_page", None)
        if attribute == "settings_tab" and page is not None:
            page.changed.connect(self.reload_soon)

    def reload_soon(self) -> None:
        self.ctx.bridge.run(self.reload(), on_error=lambda _e: True)

    # --- state ---------------------------------------------------------------------------

    async def reload(self) -> None:
        """Read the cashiers (after start-up, or a change in Réglages › Caissiers)."""
        rows = await self.cashiers.list()
        self.panel.set_names([r.name for r in rows])
        if self.cashiers.exist and self.ctx.core.context.cashier is None:
            self.lock(self.tr("Identifiez-vous pour utiliser la caisse."))
        else:
            self._update()

    @property
    def who(self) -> Cashier | None:
        return self.ctx.core.context.cashier

    def may(self, action: str) -> bool:
        return not self.cashiers.exist or (self.who is not None
                                           and allowed(self.who.role, action))

    def open_switch(self) -> None:
        """F9: someone else takes the till (the current one stays until the new one is in)."""
        if not self.cashiers.exist:
            self.ctx.messages.show_message(self.tr(
                "Aucun caissier : le poste fonctionne sans identification. Un gérant en "
                "ajoute dans Réglages › Caissiers."), "info")
            return
        self.panel.open("", locked=self.who is None)

    def lock(self, reason: str = "") -> None:
        """Nobody at the till: the panel stays until somebody signs in."""
        if not self.cashiers.exist:
            return
        self._idle(False)
        self.cashiers.sign_out()
        self.panel.open(reason or self.tr("Caisse verrouillée après inactivité."), locked=True)
        self._update()

    def _sign_in(self, name: str, pin: str) -> None:
        def done(who: Cashier) -> None:
            self.panel.hide()
            self._update()
            self._restore_focus()
            self.ctx.messages.show_message(self.tr("{name} est à la caisse.").format(
                name=who.name), "info")

        def refused(exc: BaseException) -> bool:
            if isinstance(exc, PinError):
                self.panel.refuse(exc.human(self.ctx.lang))
                return True
            self.panel.busy(False)
            return False

        self.ctx.bridge.run(self.cashiers.sign_in(name, pin), on_done=done, on_error=refused)

    def _update(self) -> None:
        """The status bar's name, the tabs' locks and the idle timer."""
        who = self.who
        if not self.cashiers.exist:
            self.label.hide()
        else:
            role = self.tr("gérant") if who and who.role == "manager" else self.tr("caissier")
            self.label.setText(self.tr("{name} ({role}) — F9").format(name=who.name, role=role)
                               if who else self.tr("Personne à la caisse — F9"))
            self.label.show()
        for attribute, action in GUARDED_TABS:  # built or not yet (placeholders)
            index = self.window.tab_index(attribute)
            if index >= 0:
                self.tabs.setTabEnabled(index, self.may(action))
        self.tabs.setEnabled(not (self.cashiers.exist and who is None))
        self._tab_changed(self.tabs.currentIndex())
        self._idle(bool(self.cashiers.exist and who is not None and self.idle_ms))

    def _tab_changed(self, index: int) -> None:
        current = self.window.tab_attribute_at(index)
        for attribute, action in GUARDED_TABS:
            if current == attribute and not self.may(action):
                self.tabs.setCurrentWidget(self.window.checkout_tab)
                return
        if current != "settings_tab" or self.window.built_tab(current) is None:
            return
        settings = self.window.settings_tab  # built: it is the current tab
        if self.cashiers.exist and self.who is not None and self.who.role == "manager" \
                and not settings.unlocked:
            settings._unlocked()  # a manager proved their own code at the till (F9)

    def _restore_focus(self) -> None:
        current = self.tabs.currentWidget()
        if current is not None:
            current.setFocus()

    # --- idle ----------------------------------------------------------------------------

    def _idle(self, counting: bool) -> None:
        """Start (again) or stop the idle delay, and watch keys and clicks only while it
        runs: an application-wide Python filter sees every event of the app (hundreds while
        a tab is built), so a shop without cashiers, or without an idle lock, has none."""
        if counting:
            self.idle.start(self.idle_ms)
        else:
            self.idle.stop()
        self._watch_activity(counting)

    def _watch_activity(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self._watching:
            return
        self._watching = on
        with contextlib.suppress(RuntimeError):  # the desk is being deleted
            if on:
                app.installEventFilter(self)
            else:
                app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self.idle.isActive():
            self.idle.start(self.idle_ms)  # any key or click: the delay starts again
        return False


def attach(window: MainWindow) -> CashierDesk | None:
    """The desk of ``window``'s workspace (dies with it)."""
    central = window.centralWidget()
    if window.ctx is None or window.tabs is None or central is None:
        return None
    return CashierDesk(window, central)
