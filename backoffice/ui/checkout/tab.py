"""Encaisser: what a cashier does fifty times a day (design.md §6).

Type the amount, press Enter: the link is created (form.py), its QR appears large with the
amount and the status (panel.py). While it waits for the customer, the status is checked on
demand ("Vérifier") and by a bounded, backing-off check (status_checker.py). Below: today's
links (links_model.py). This file only wires them; wording.py names the outcomes."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...services.outcomes import (
    LinkOutcome,
    link_cancellable,
    link_needs_checking,
    link_outcome,
    tally_links,
)
from ...store.links import LinkRow
from ..context import UiContext
from ..kit.events import BusListener, Debounced
from ..kit.formatting import money
from ..kit.forms import INVALID_SHEET
from ..kit.tab import Tab
from .customer_window import CustomerWindow
from .feedback import FLASH_COLOURS, Sound, flash_window
from .form import CheckoutForm
from .panel import QrPanel
from .status_checker import StatusChecker
from .today import TodayLinks
from .wording import present, wording


class CheckoutTab(Tab):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.lang = ctx.lang
        self.current: LinkRow | None = None
        self.customer_window: CustomerWindow | None = None
        self.checker = StatusChecker(ctx, self)
        self.checker.checked.connect(self._update_current)
        self.checker.attended = self._qr_in_sight
        self.sound = Sound(ctx.data_dir)
        self._reloader = Debounced(self._reload_now, 250, self)  # bulk refreshes emit hundreds
        self.setStyleSheet(INVALID_SHEET)
        self.form = CheckoutForm(ctx, ctx.core.currency, self)
        self.form.created.connect(self._created)
        self.panel = QrPanel(ctx, self)
        self.panel.verify_button.clicked.connect(self.verify_current)
        self.panel.customer_button.clicked.connect(self.show_customer_window)
        self.panel.cancel_button.clicked.connect(self.cancel_current)
        self._build_today()
        self._name_parts()
        self._lay_out()
        self.bus = BusListener(self, ctx.core.bus)
        self.panel.show_link(None)

    def title(self) -> str:
        return self.tr("Encaisser")

    # --- layout -------------------------------------------------------------------------

    def _build_today(self) -> None:
        self.today_label = QLabel(self)
        font = QFont(self.today_label.font())
        font.setBold(True)
        self.today_label.setFont(font)
        self.today_label.setWordWrap(True)
        self.today = TodayLinks(self.lang, self)
        self.model, self.table = self.today.model, self.today.table
        if self.ctx.core.shop_view is not None:  # several tills: which one made each link
            self.model.show_till()
        self.show_button, self.verify_all_button = \
            self.today.show_button, self.today.verify_all_button
        self.table.activated.connect(self._show_selected)
        self.table.doubleClicked.connect(self._show_selected)
        self.show_button.clicked.connect(lambda: self._show_selected(self.table.currentIndex()))
        self.verify_all_button.clicked.connect(self.refresh)

    def _name_parts(self) -> None:
        """The widgets the shell, the smoke test and the tests reach through the tab."""
        form, panel = self.form, self.panel
        self.form_box, self.errors, self.create_button = form, form.errors, form.create_button
        self.amount, self.description, self.channels = form.amount, form.description, \
            form.channels
        self.customer_toggle, self.customer_box, self.customer = \
            form.customer_toggle, form.customer_box, form.customer
        self.qr, self.banner = panel.qr, panel.banner
        self.amount_label, self.caption_label = panel.amount_label, panel.caption_label
        self.detail_label, self.url_label = panel.detail_label, panel.url_label
        self.verify_button, self.copy_button = panel.verify_button, panel.copy_button
        self.save_button, self.print_button = panel.save_button, panel.print_button
        self.customer_button, self.cancel_button = panel.customer_button, panel.cancel_button

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.form)
        left.addSpacing(10)
        left.addWidget(self.today_label)
        left.addWidget(self.today, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 5)
        layout.addWidget(self.panel, 6)
        order = [self.amount, self.description, self.channels, self.customer_toggle,
                 *self.customer.values(), self.create_button, self.verify_button,
                 self.copy_button, self.save_button, self.print_button, self.customer_button,
                 self.cancel_button, self.show_button, self.verify_all_button, self.table]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    # --- the form -----------------------------------------------------------------------

    def start_new_link(self) -> None:
        """F2: focus the amount, ready to type over."""
        self.form.start_new_link()

    def submit(self) -> None:
        self.form.submit()

    def _created(self, row: LinkRow) -> None:
        self.show_link(row)
        notice = wording().created_notice(row, self.lang)
        if notice is not None:
            self.ctx.messages.show_message(*notice)

    # --- the link on screen -------------------------------------------------------------

    def show_link(self, row: LinkRow) -> None:
        """Show ``row`` (new or re-shown from the list) and follow it until final."""
        same = self.current is not None and self.current.transaction_id == row.transaction_id
        self.current = row
        self.panel.show_link(row)
        if link_needs_checking(row):
            if not same or not self.checker.active:
                self.checker.start(row.transaction_id)
            else:
                self.checker.touch()  # shown again: the cashier is still at it
        else:
            self.checker.stop()
        if self.customer_window is not None:
            self.customer_window.show_link(row)

    def _update_current(self, row: LinkRow) -> None:
        """A newer view of a link (check, list reload): redraw when it is the one shown."""
        if self.current is None or row.transaction_id != self.current.transaction_id:
            return
        if row == self.current:
            return
        before = link_outcome(self.current)
        was_paid = before is LinkOutcome.PAID
        self.current = row
        self.panel.show_link(row)
        if not link_needs_checking(row):
            self.checker.stop()
        if self.customer_window is not None:
            self.customer_window.show_link(row)
        if link_outcome(row) is not before:
            self._feedback(row)
        if link_outcome(row) is LinkOutcome.PAID and not was_paid:
            self.ctx.messages.show_message(wording().paid_notice(row, self.lang), "success",
                                           8000)

    def _feedback(self, row: LinkRow) -> None:
        """PAYÉ or refused: flash the till (and the customer's window), play the sound."""
        outcome = link_outcome(row)
        if outcome not in FLASH_COLOURS:
            return
        p = present(row, self.lang)
        if self.ctx.prefs.flash:
            flash_window(self.window(), outcome, p.title)
            if self.customer_window is not None and self.customer_window.isVisible():
                flash_window(self.customer_window, outcome, p.customer_title)
        if self.ctx.prefs.sound:
            self.sound.play(outcome)

    def _qr_in_sight(self) -> bool:
        """Whether the cashier (or the customer) can see the link shown."""
        window = self.window()
        here = self.isVisible() and not window.isMinimized()
        there = self.customer_window is not None and self.customer_window.isVisible()
        return here or there

    def cancel_current(self) -> None:
        """"Annuler": the link ends, its QR disappears here and on the customer's screen.
        Nothing is sent to CinetPay (it has no cancel): the customer must not pay."""
        row = self.current
        if row is None or not link_cancellable(row):
            return
        self.cancel_button.setEnabled(False)

        def done(updated: LinkRow) -> None:
            self.checker.stop()
            self._update_current(updated)
            self.ctx.messages.show_message(self.tr(
                "Lien annulé. CinetPay n'annule pas un lien : dites au client de ne pas payer "
                "(un paiement qui arriverait quand même sera signalé)."), "warning", 8000)
            self.reload()

        def failed(_exc: BaseException) -> bool:
            QTimer.singleShot(0, lambda: self.panel.show_link(self.current))
            return False  # to the message bar

        self.ctx.bridge.run(self.ctx.core.links.cancel(row.transaction_id), on_done=done,
                            on_error=failed)

    def _show_selected(self, index: QModelIndex | None) -> None:
        row = self.model.row_at(index) if index is not None else None
        if row is None:
            self.ctx.messages.show_message(self.tr("Choisissez d'abord un paiement dans la liste"),
                                           "info", 4000)
            return
        self.show_link(row)

    def verify_current(self) -> None:
        row = self.current
        if row is None:
            return
        self.verify_button.setEnabled(False)
        self.checker.touch()

        def redraw() -> None:
            self.panel.show_link(self.current)

        def done(updated: LinkRow) -> None:
            self._update_current(updated)
            if link_needs_checking(updated) and not self.checker.active:
                self.checker.start(updated.transaction_id)  # another bounded round
            QTimer.singleShot(0, redraw)

        def failed(_exc: BaseException) -> bool:
            QTimer.singleShot(0, redraw)
            return False  # to the message bar

        self.ctx.bridge.run(self.ctx.core.links.refresh(row.transaction_id), on_done=done,
                            on_error=failed)

    def show_customer_window(self) -> None:
        if self.current is None:
            return
        if self.customer_window is None:
            self.customer_window = CustomerWindow(self.lang, self)
        self.customer_window.show_link(self.current)
        self.customer_window.present_window()
        self.checker.touch()

    # --- today's links ------------------------------------------------------------------

    def refresh(self) -> None:
        """F5: ask CinetPay about every payment still waiting."""
        self.ctx.bridge.run(self.ctx.core.links.refresh_all(), disable=[self.verify_all_button],
                            on_done=self._verified_all)

    def _verified_all(self, rows: list[LinkRow]) -> None:
        self.reload()
        if not rows:
            self.ctx.messages.show_message(self.tr("Aucun paiement en attente"), "info", 4000)
            return
        if self.ctx.core.offline:
            self.ctx.messages.show_message(self.tr(
                "Hors ligne : vérification impossible pour l'instant."), "warning")
            return
        counts = tally_links(rows)
        paid, refused = counts[LinkOutcome.PAID], counts[LinkOutcome.REFUSED]
        to_check = counts[LinkOutcome.ANOMALY]  # never counted as paid
        waiting = len(rows) - paid - refused - to_check
        text = self.tr(
            "%n paiement(s) vérifié(s) : {paid}, {refused}, {waiting} encore en attente.", "",
            len(rows)).format(paid=self.tr("%n payé(s)", "", paid),
                              refused=self.tr("%n refusé(s)", "", refused),
                              waiting=waiting)
        if to_check:
            text += " " + self.tr("%n paiement(s) à vérifier.", "", to_check)
        self.ctx.messages.show_message(text, "warning" if to_check else "info", 8000)

    def reload(self) -> None:
        self._reloader.trigger()

    def _reload_now(self) -> None:
        self.ctx.bridge.run(self.ctx.core.links.list_today(), on_done=self._apply_rows)

    def _apply_rows(self, rows: list[LinkRow]) -> None:
        self.model.set_rows(list(reversed(rows)))
        currency = self.ctx.core.currency
        paid = tally_links(rows)[LinkOutcome.PAID]  # never an anomaly
        total = sum(r.amount for r in rows
                    if r.currency == currency and link_outcome(r) is LinkOutcome.PAID)
        self.today_label.setText(self.tr(
            "Aujourd'hui : %n lien(s), {paid}, total encaissé {total}", "", len(rows)).format(
                paid=self.tr("%n payé(s)", "", paid),
                total=money(total, currency, self.lang)))
        if self.current is not None:
            for row in rows:
                if row.transaction_id == self.current.transaction_id:
                    self._update_current(row)
                    break

    # --- life ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.amount.currency != self.ctx.core.currency:
            self.amount.set_currency(self.ctx.core.currency)
        self.checker.touch()  # back on Encaisser: brisk again
        self.on_shown()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if not self.window().isVisible():  # the window closes (a tab switch keeps checking)
            self._stop_following()

    def on_links_changed(self, _payload: object = None) -> None:
        self.mark_dirty()

    def _stop_following(self) -> None:
        self.checker.stop()
        if self.customer_window is not None:
            self.customer_window.close()

    def teardown(self) -> None:
        """The main window drops this session: no more events, checks or reloads."""
        self.bus.close()
        self._reloader.cancel()
        self._stop_following()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_following()
        super().closeEvent(event)
