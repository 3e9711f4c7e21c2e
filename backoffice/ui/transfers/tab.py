"""Transferts: the new-transfer form and the list of transfers sent (wiring only).

A confirmation shows exactly what will be sent and, when a manager PIN is set, asks for it
(``guard``, ``confirm``); what looks like money already sent needs an explicit tick. Batches
come from a CSV with a preview of every line, then per-line results (``batch``). The list
shows each transfer's treatment status in words and colour; F5 follows the unfinished ones."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...api.errors import NotSent, ValidationError
from ...services.balance import BalanceView
from ...services.contacts import ListState
from ...services.outcomes import TransferOutcome, tally_transfers
from ...store.contacts import ContactRow
from ...store.transfers import TransferRow
from ..context import UiContext
from ..kit.amount_edit import AmountEdit
from ..kit.events import BusListener, Debounced
from ..kit.formatting import money, time_of
from ..kit.forms import INVALID_SHEET, FieldErrors
from ..kit.header_fit import fit_headers
from ..kit.import_dialog import ImportDialog
from ..kit.rows_view import rows_table
from ..kit.tab import Tab
from ..kit.table_model import SORT_ROLE
from .batch import BatchSender
from .chooser import ContactChooser
from .guard import MoneyOutGuard
from .method import MethodCombo
from .model import TransfersModel
from .send import TransferSender
from .wording import TRANSFER_CURRENCY

COLUMN_WIDTHS = (100, 180, 150, 130, 260)


def bold_label(text: str, parent: QWidget, grow: int = 0) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSize(font.pointSize() + grow)
    font.setBold(True)
    label.setFont(font)
    return label


class TransfersTab(Tab):
    contact: ContactChooser
    amount: AmountEdit
    send_button: QPushButton
    batch_button: QPushButton
    refresh_button: QPushButton

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.lang = ctx.lang
        self.active_dialog: QDialog | None = None
        self.sending = False
        self._contacts_fetched = False
        # CinetPay's current platform (sk_ keys): a number and a method, no contact list
        self.current = ctx.core.context.kind == "current"
        self.method: MethodCombo | None = None
        self.available: int | None = None  # the transfer balance shown (None: unknown)
        self.balance_stale = False
        self._balance_at: datetime | None = None
        self._balance_asked = False
        self._balance_flag = ""  # the over-balance words shown under the amount, if any
        self._reloader = Debounced(self._reload_now, 80, self)
        guard = MoneyOutGuard(self)
        self.transfer_sender = TransferSender(self, guard)
        self.batch = BatchSender(self, guard)
        self.setStyleSheet(INVALID_SHEET)
        self.errors = FieldErrors(self, self.lang)
        layout = QVBoxLayout(self)
        layout.addWidget(bold_label(self.tr("Nouveau transfert"), self, 3))
        layout.addLayout(self._form())
        layout.addSpacing(12)
        layout.addLayout(self._list_bar())
        layout.addWidget(self._table(), 1)
        for first, second in ((self.contact, self.amount), (self.amount, self.send_button),
                              (self.send_button, self.batch_button),
                              (self.batch_button, self.refresh_button),
                              (self.refresh_button, self.table)):
            QWidget.setTabOrder(first, second)
        self.bus = BusListener(self, ctx.core.bus)

    def title(self) -> str:
        return self.tr("Transferts")

    # --- layout -------------------------------------------------------------------------

    def _form(self) -> QGridLayout:
        self.contact = ContactChooser(self)
        self.contact.editor().setPlaceholderText(self.tr("Tapez un nom ou un numéro"))
        self.contact.editor().returnPressed.connect(lambda: self.amount.setFocus())
        self.amount = AmountEdit(TRANSFER_CURRENCY, self.lang, self)
        self.amount.set_big(16)
        self.amount.setMinimumWidth(220)
        self.amount.setAccessibleName(self.tr("Montant du transfert"))
        self.amount.returnPressed.connect(self.send_clicked)
        self.balance_label = QLabel(self)
        self.balance_label.setObjectName("transfer_balance")
        self.balance_label.setAlignment(Qt.AlignmentFlag.AlignRight
                                        | Qt.AlignmentFlag.AlignVCenter)
        self.balance_label.hide()
        self.send_button = QPushButton(self.tr("&Envoyer…"), self)
        self.send_button.clicked.connect(self.send_clicked)
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color:#5f6368;")
        self.hint.setWordWrap(True)
        fields: list[tuple[str, QWidget, QLabel]] = [
            (self.tr("&Destinataire"), self.contact,
             self.errors.add("contact", self.contact, "phone", "prefix"))]
        if self.current:
            self._current_fields(fields)
        fields.append((self.tr("&Montant"), self.amount, self.errors.add("amount", self.amount)))
        self.amount.value_changed.connect(lambda _v: self._check_balance())
        form = QGridLayout()
        form.setVerticalSpacing(2)
        for column, (text, widget, error) in enumerate(fields):
            label = QLabel(text, self)
            label.setBuddy(widget)
            if widget is self.amount:  # the balance sits next to the amount's label
                top = QHBoxLayout()
                top.addWidget(label)
                top.addStretch(1)
                top.addWidget(self.balance_label)
                form.addLayout(top, 0, column)
            else:
                form.addWidget(label, 0, column)
            form.addWidget(widget, 1, column)
            form.addWidget(error, 2, column)
        form.addWidget(self.send_button, 1, len(fields))
        form.addWidget(self.hint, 3, 0, 1, len(fields) + 1)
        form.setColumnStretch(0, 3)
        form.setColumnStretch(len(fields) - 1, 2)
        return form

    def _current_fields(self, fields: list[tuple[str, QWidget, QLabel]]) -> None:
        """The current platform: a typed number and its payment method."""
        backend = self.ctx.core.context.transfer
        self.method = MethodCombo(backend.country, backend.calling_code, self.lang, self)
        self.contact.editor().setPlaceholderText(self.tr("Numéro, ex. +{code} 07 01 02 03 04")
                                                 .format(code=backend.calling_code))
        self.contact.editor().textEdited.connect(self.method.follow_number)
        self.method_error = self.errors.add("method", self.method)
        fields.append((self.tr("Moyen de &paiement"), self.method, self.method_error))
        self.hint.setText(self.tr("Nouvelle plateforme CinetPay : saisissez le numéro du "
                                  "destinataire et choisissez son moyen de paiement."))

    def _list_bar(self) -> QHBoxLayout:
        self.batch_button = QPushButton(self.tr("Transferts par &lot (CSV)…"), self)
        self.batch_button.clicked.connect(
            lambda: self.ctx.bridge.run(self.batch.choose(), disable=[self.batch_button]))
        self.refresh_button = QPushButton(self.tr("Actualiser les statuts (F5)"), self)
        self.refresh_button.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(bold_label(self.tr("Transferts envoyés"), self))
        bar.addStretch(1)
        bar.addWidget(self.batch_button)
        bar.addWidget(self.refresh_button)
        return bar

    def _table(self) -> QWidget:
        self.model = TransfersModel(self.lang, TRANSFER_CURRENCY, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = rows_table(self.proxy, COLUMN_WIDTHS, self.tr("Transferts envoyés"),
                                self)
        if self.current:  # the number column names the method too
            self.table.setColumnWidth(TransfersModel.columns.index("number"), 280)
        fit_headers(self.table)
        return self.table

    # --- data ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._reloader.trigger()

    def _reload_now(self) -> None:
        async def load() -> tuple[list[TransferRow], list[ContactRow], ListState,
                                  BalanceView]:
            core = self.ctx.core
            return (await core.transfers.list(), await core.contacts.list(),
                    await core.contacts.list_state(), await core.balance.cached())

        self.ctx.bridge.run(load(), on_done=self._apply)
        if not self._balance_asked:
            self._balance_asked = True  # once per session here; F5 and each send ask again
            self.refresh_balance()

    def _apply(self, loaded: tuple[list[TransferRow], list[ContactRow], ListState,
                                   BalanceView]) -> None:
        transfers, contacts, state, balance = loaded
        self.model.set_names({(c.prefix, c.phone): f"{c.surname} {c.name}".strip()
                              for c in contacts})
        self.model.set_rows(list(reversed(transfers)))
        if self.available is None:  # the cached figure until CinetPay's answer comes
            self.show_balance(balance)
        if self.current:
            return  # no contact list on the current platform
        hint = self.contact.set_contacts(contacts)
        note = state.note(time_of(state.fetched_at, self.lang), self.lang)
        self.hint.setText(f"{hint} {note}." if note else hint)
        if state.fetched_at is None and not self._contacts_fetched:
            self._contacts_fetched = True  # not fetched at start-up yet: now, quietly
            self.ctx.bridge.run(self.ctx.core.contacts.fetch_if_due(),
                                on_error=lambda _e: True)

    # --- the transfer balance -----------------------------------------------------------

    def refresh_balance(self) -> None:
        """Ask CinetPay for the transfer balance, quietly (offline: the cached figure)."""
        self.ctx.bridge.run(self.ctx.core.balance.refresh_transfer(),
                            on_done=self.show_balance, on_error=lambda _e: True)

    def show_balance(self, view: BalanceView) -> None:
        figures = view.transfer
        value = figures.values.get("available") if figures is not None else None
        if figures is None or value is None:
            self.available = None
            self.balance_label.hide()
            self._check_balance()
            return
        self.available = int(value)
        self.balance_stale = figures.stale
        self._balance_at = figures.fetched_at
        text = self.tr("Disponible : {amount}").format(
            amount=money(self.available, TRANSFER_CURRENCY, self.lang))
        if figures.stale:
            when = time_of(figures.fetched_at, self.lang)
            text += " " + (self.tr("(hors ligne, {when})").format(when=when)
                           if self.ctx.core.offline else f"({when})")
        self.balance_label.setText(text)
        self.balance_label.setStyleSheet("color:#5f6368;" if figures.stale else "")
        self.balance_label.show()
        self._check_balance()

    def balance_when(self) -> str:
        """The shown balance's time when it is not fresh ("au 14:05"), else empty."""
        return time_of(self._balance_at, self.lang) if self.balance_stale else ""

    def over_balance(self, amount: int | None) -> str:
        """Why ``amount`` cannot go (above the transfer balance shown), or empty."""
        if amount is None or self.available is None or amount <= self.available:
            return ""
        return self.tr("Au-dessus du solde disponible pour les transferts ({amount})").format(
            amount=money(self.available, TRANSFER_CURRENCY, self.lang))

    def _check_balance(self) -> None:
        """While typing: an amount above the balance is flagged next to the field."""
        why = self.over_balance(self.amount.value())
        if why:
            self.errors.show("amount", why, focus=False)
        elif self._balance_flag and self.errors.text("amount") == self._balance_flag:
            self.errors.clear("amount")  # the balance changed: the flag no longer holds
        self._balance_flag = why

    @property
    def contacts(self) -> list[ContactRow]:
        """The contacts a transfer may go to (known to CinetPay)."""
        return self.contact.contacts

    def chosen_contact(self) -> ContactRow | None:
        return self.contact.chosen()

    def choose(self, prefix: str, phone: str) -> None:
        self.contact.choose(prefix, phone)

    def focus_search(self) -> None:
        """Ctrl+F: the recipient field searches the contacts as you type."""
        self.contact.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.contact.editor().selectAll()

    def refresh(self) -> None:
        """F5: follow unfinished transfers to their treatment status."""
        offline = self.tr("Hors ligne : statuts non actualisés pour l'instant.")

        def done(rows: list[TransferRow]) -> None:
            self.reload()
            if self.ctx.core.offline:
                self.ctx.messages.show_message(offline, "warning")
                return
            done_count = tally_transfers(rows)[TransferOutcome.DONE]
            self.ctx.messages.show_message(self.tr(
                "%n transfert(s) suivi(s), dont {done}.", "", len(rows)).format(
                    done=self.tr("%n effectué(s)", "", done_count)) if rows
                else self.tr("Aucun transfert en cours."), "info", 5000)

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, NotSent):
                self.ctx.messages.show_message(offline, "warning")
                return True
            return False

        self.ctx.bridge.run(self.ctx.core.transfers.refresh_all(),
                            disable=[self.refresh_button], on_done=done, on_error=failed)
        self.refresh_balance()

    # --- sending ------------------------------------------------------------------------

    def send_clicked(self) -> None:
        """Checks the fields here; the confirmation and the send are ``TransferSender``'s."""
        if self.sending:
            return
        self.errors.clear()
        if self.current:
            self._send_current()
            return
        contact = self.contact.chosen()
        amount = self.amount.value()
        if contact is None:
            self.errors.show("contact", self.tr("Choisissez un contact dans la liste")
                             if self.contact.currentText().strip()
                             else self.tr("Choisissez le destinataire"))
            return
        if self._amount_refused(amount) or amount is None:
            return
        try:
            self.ctx.core.transfers.prepare(contact.prefix, contact.phone, amount)
        except ValidationError as err:
            if not self.errors.show_error(err):
                self.ctx.messages.show_error(err)
            return
        self.sending = True
        self.ctx.bridge.run(self.transfer_sender.send(contact, amount),
                            disable=[self.send_button, self.contact, self.amount,
                                     self.batch_button])

    def _amount_refused(self, amount: int | None) -> bool:
        """No amount, or more than the transfer balance: said under the field."""
        refused = self.over_balance(amount) if amount else self.tr(
            "Saisissez le montant à envoyer")
        if refused:
            self.errors.show("amount", refused)
        return bool(refused)

    def _send_current(self) -> None:
        """Current platform: a number and a method; the service checks both (nothing is
        sent on a ValidationError, shown next to its field)."""
        assert self.method is not None
        typed = self.contact.currentText().strip()
        amount = self.amount.value()
        if not typed:
            self.errors.show("contact", self.tr("Saisissez le numéro du destinataire"))
            return
        if self._amount_refused(amount) or amount is None:
            return
        try:
            new = self.ctx.core.transfers.prepare("", typed, amount, self.method.method())
        except ValidationError as err:
            if not self.errors.show_error(err):
                self.ctx.messages.show_error(err)
            return
        self.sending = True
        self.ctx.bridge.run(self.transfer_sender.send_to(
            "", new.prefix, new.phone, amount, new.payment_method or ""),
                            disable=[self.send_button, self.contact, self.amount,
                                     self.method, self.batch_button])

    async def import_batch(self, path: Path) -> ImportDialog | None:
        """A CSV batch: preview, confirmation, per-line results (``BatchSender``)."""
        return await self.batch.preview(path)

    # --- life ---------------------------------------------------------------------------

    def on_transfers_changed(self, _payload: object = None) -> None:
        self.mark_dirty()

    def on_contacts_changed(self, _payload: object = None) -> None:
        self.mark_dirty()

    def on_balance_changed(self, view: object = None) -> None:
        if isinstance(view, BalanceView):
            self.show_balance(view)

    def on_connectivity_changed(self, _state: object = None) -> None:
        if self.ctx.core.offline and self.available is not None:  # the figure gets its age
            self.ctx.bridge.run(self.ctx.core.balance.cached(), on_done=self.show_balance)

    def teardown(self) -> None:
        """The main window drops this session: no more events or reloads."""
        self.bus.close()
        self._reloader.cancel()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.on_shown()
