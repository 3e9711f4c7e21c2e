"""Transferts: money leaving the merchant's account, to one of its CinetPay contacts.

A confirmation shows exactly what will be sent (name, +prefix number, amount) and, when a
manager PIN is set, asks for it (checked off the GUI thread; a wrong PIN sends nothing; an
unreadable one blocks money-out). What looks like money already sent (same contact and amount
within 15 min, a batch line or the same file within 24 h, identical lines in one file) needs an
explicit tick in that confirmation.
Batches come from a CSV with a preview of every line, then per-line results. The list shows
each transfer's treatment status in words and colour; F5 follows the unfinished ones."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...api.errors import NotSent, ValidationError
from ...output.csvfiles import CsvError, Parsed, TransferLine, parse_transfers, read_file
from ...pin import PinCheck, PinState
from ...services.duplicates import Duplicates, DuplicatesService
from ...store.contacts import ContactRow
from ...store.states import State
from ...store.transfers import TransferRow
from ..context import UiContext
from ..dialogs import ConfirmTransferDialog, ImportDialog, Recipient, ask_open_path
from ..kit.amount_edit import AmountEdit
from ..kit.bridge import open_dialog
from ..kit.events import BusListener, Debounced
from ..kit.formatting import money, treatment_status
from ..kit.forms import INVALID_SHEET, FieldErrors
from ..kit.tab import Tab
from ..kit.table_model import SORT_ROLE
from ..transfers_model import TransfersModel, in_progress_text, status_kind


class TransfersTab(Tab):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.lang = ctx.lang
        self.active_dialog: QDialog | None = None
        self.contacts: list[ContactRow] = []
        self._sending = False
        self._contacts_fetched = False
        self._reloader = Debounced(self._reload_now, 80, self)
        self._build()
        self.bus = BusListener(self, ctx.core.bus)

    def title(self) -> str:
        return self.tr("Transferts")

    @property
    def currency(self) -> str:
        return self.ctx.core.settings.currency

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.setStyleSheet(INVALID_SHEET)
        self.errors = FieldErrors(self, self.lang)
        heading = QLabel(self.tr("Nouveau transfert"), self)
        font = QFont(heading.font())
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        heading.setFont(font)

        self.contact = QComboBox(self)
        self.contact.setEditable(True)
        self.contact.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.contact.setMinimumWidth(320)
        self.contact.lineEdit().setPlaceholderText(self.tr("Tapez un nom ou un numéro"))
        completer = QCompleter(self.contact.model(), self.contact)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.contact.setCompleter(completer)
        self.contact.lineEdit().returnPressed.connect(lambda: self.amount.setFocus())
        self.amount = AmountEdit(self.currency, self.lang, self)
        self.amount.set_big(16)
        self.amount.setMinimumWidth(220)
        self.amount.setAccessibleName(self.tr("Montant du transfert"))
        self.amount.returnPressed.connect(self.send_clicked)
        self.send_button = QPushButton(self.tr("&Envoyer…"), self)
        self.send_button.clicked.connect(self.send_clicked)
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color:#5f6368;")
        self.hint.setWordWrap(True)

        form = QGridLayout()
        form.setVerticalSpacing(2)
        contact_label = QLabel(self.tr("&Destinataire"), self)
        contact_label.setBuddy(self.contact)
        amount_label = QLabel(self.tr("&Montant"), self)
        amount_label.setBuddy(self.amount)
        form.addWidget(contact_label, 0, 0)
        form.addWidget(amount_label, 0, 1)
        form.addWidget(self.contact, 1, 0)
        form.addWidget(self.amount, 1, 1)
        form.addWidget(self.send_button, 1, 2)
        form.addWidget(self.errors.add("contact", self.contact, "phone", "prefix"), 2, 0)
        form.addWidget(self.errors.add("amount", self.amount), 2, 1)
        form.addWidget(self.hint, 3, 0, 1, 3)
        form.setColumnStretch(0, 3)
        form.setColumnStretch(1, 2)

        self.batch_button = QPushButton(self.tr("Transferts par &lot (CSV)…"), self)
        self.batch_button.clicked.connect(self._batch_clicked)
        self.refresh_button = QPushButton(self.tr("Actualiser les statuts (F5)"), self)
        self.refresh_button.clicked.connect(self.refresh)
        list_label = QLabel(self.tr("Transferts envoyés"), self)
        list_font = QFont(list_label.font())
        list_font.setBold(True)
        list_label.setFont(list_font)
        bar = QHBoxLayout()
        bar.addWidget(list_label)
        bar.addStretch(1)
        bar.addWidget(self.batch_button)
        bar.addWidget(self.refresh_button)

        self.model = TransfersModel(self.lang, self.currency, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(self.tr("Transferts envoyés"))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((100, 180, 150, 130, 260)):
            self.table.setColumnWidth(column, width)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        for first, second in ((self.contact, self.amount), (self.amount, self.send_button),
                              (self.send_button, self.batch_button),
                              (self.batch_button, self.refresh_button),
                              (self.refresh_button, self.table)):
            QWidget.setTabOrder(first, second)

    # --- data ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._reloader.trigger()

    def _reload_now(self) -> None:
        async def load():
            core = self.ctx.core
            return (await core.transfers.list(), await core.contacts.list(),
                    await core.contacts.fetched_at())

        self.ctx.bridge.run(load(), on_done=self._apply)

    def _apply(self, loaded: tuple[list[TransferRow], list[ContactRow], object]) -> None:
        transfers, contacts, fetched_at = loaded
        self.model.currency = self.currency
        self.model.set_names({(c.prefix, c.phone): f"{c.surname} {c.name}".strip()
                              for c in contacts})
        self.model.set_rows(list(reversed(transfers)))
        self._set_contacts(contacts)
        if fetched_at is None and not self._contacts_fetched:
            self._contacts_fetched = True  # never fetched: CinetPay's list, once, quietly
            self.ctx.bridge.run(self.ctx.core.contacts.refresh(), on_error=lambda _e: True)

    def _set_contacts(self, contacts: list[ContactRow]) -> None:
        usable = [c for c in contacts if c.state is State.SENT]
        keys = [(c.prefix, c.phone) for c in usable]
        if keys == [(c.prefix, c.phone) for c in self.contacts]:
            self.contacts = usable
        else:
            typed = self.contact.currentText()
            self.contacts = usable
            self.contact.blockSignals(True)
            self.contact.clear()
            for c in usable:
                self.contact.addItem(self.contact_text(c), f"{c.prefix}:{c.phone}")
            self.contact.setCurrentIndex(-1)
            self.contact.setEditText(typed)
            self.contact.blockSignals(False)
        waiting = sum(c.state is not State.SENT and c.state is not State.FAILED
                      for c in contacts)
        if not usable:
            hint = self.tr("Aucun contact utilisable : ajoutez-en dans l'onglet Contacts "
                           "(ou actualisez la liste avec F5 dans cet onglet).")
        else:
            hint = self.tr("Un transfert ne peut aller qu'à un contact enregistré chez "
                           "CinetPay (%n disponible(s)).", "", len(usable))
        if waiting:
            hint += " " + self.tr("%n contact(s) en attente du réseau pas encore "
                                  "utilisable(s).", "", waiting)
        self.hint.setText(hint)

    def focus_search(self) -> None:
        """Ctrl+F: the recipient field searches the contacts as you type."""
        self.contact.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.contact.lineEdit().selectAll()

    @staticmethod
    def contact_text(c: ContactRow) -> str:
        return f"{c.surname} {c.name} · +{c.prefix} {c.phone}".strip()

    def chosen_contact(self) -> ContactRow | None:
        text = self.contact.currentText().strip()
        for c in self.contacts:
            if self.contact_text(c) == text:
                return c
        return None

    def choose(self, prefix: str, phone: str) -> None:
        for c in self.contacts:
            if (c.prefix, c.phone) == (prefix, phone):
                self.contact.setCurrentText(self.contact_text(c))
                return
        raise LookupError(f"+{prefix} {phone} is not a usable contact")

    def refresh(self) -> None:
        """F5: follow unfinished transfers to their treatment status."""

        def done(rows: list[TransferRow]) -> None:
            self.reload()
            if self.ctx.core.offline:
                self.ctx.messages.show_message(self.tr(
                    "Hors ligne : statuts non actualisés pour l'instant."), "warning")
                return
            done_count = sum(status_kind(r) == "done" for r in rows)
            self.ctx.messages.show_message(self.tr(
                "%n transfert(s) suivi(s), dont {done}.", "", len(rows)).format(
                    done=self.tr("%n effectué(s)", "", done_count)) if rows
                else self.tr("Aucun transfert en cours."), "info", 5000)

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, NotSent):
                self.ctx.messages.show_message(self.tr(
                    "Hors ligne : statuts non actualisés pour l'instant."), "warning")
                return True
            return False

        self.ctx.bridge.run(self.ctx.core.transfers.refresh_all(),
                            disable=[self.refresh_button], on_done=done, on_error=failed)

    # --- one transfer -------------------------------------------------------------------

    def send_clicked(self) -> None:
        if self._sending:
            return
        self.errors.clear()
        contact = self.chosen_contact()
        amount = self.amount.value()
        if contact is None:
            self.errors.show("contact", self.tr("Choisissez un contact dans la liste")
                             if self.contact.currentText().strip()
                             else self.tr("Choisissez le destinataire"))
            return
        if amount is None or amount == 0:
            self.errors.show("amount", self.tr("Saisissez le montant à envoyer"))
            return
        try:
            self.ctx.core.transfers.prepare(contact.prefix, contact.phone, amount)
        except ValidationError as err:
            if not self.errors.show_error(err):
                self.ctx.messages.show_error(err)
            return
        self._sending = True
        self.ctx.bridge.run(self.send_one(contact, amount),
                            disable=[self.send_button, self.contact, self.amount,
                                     self.batch_button])

    async def _pin_check(self) -> tuple[bool, Callable[[str], PinCheck] | None]:
        """(may go on, the PIN check for the dialog). An unreadable PIN stops here."""
        guard = self.ctx.pin
        state = await asyncio.to_thread(guard.state)
        if state is PinState.UNREADABLE:
            self.ctx.messages.show_message(self.tr(
                "Le code responsable ne peut pas être vérifié (coffre du système illisible ou "
                "code effacé) : les envois d'argent restent bloqués jusqu'à sa "
                "réinitialisation par le gérant (Réglages)."), "error")
            return False, None
        return True, (guard.check if state is PinState.SET else None)

    def _when(self, when: datetime) -> str:
        return when.astimezone().strftime("%H:%M")

    async def send_one(self, contact: ContactRow, amount: int) -> TransferRow | None:
        try:
            name = f"{contact.surname} {contact.name}".strip()
            dup = await DuplicatesService(self.ctx.core).check_single(
                TransferLine(contact.prefix, contact.phone, amount))
            duplicate = self.tr(
                "Le même montant est déjà parti vers ce contact il y a moins de 15 minutes "
                "(à {time}).").format(time=self._when(dup.recent[0])) if dup.recent else ""
            go_on, check = await self._pin_check()
            if not go_on:
                return None
            dialog = ConfirmTransferDialog(
                [Recipient(name, contact.prefix, contact.phone, amount)], self.currency,
                self.lang, check, self.ctx.bridge.run, self, duplicate=duplicate)
            self.active_dialog = dialog
            try:
                result = await open_dialog(dialog)
            finally:
                self.active_dialog = None
                dialog.deleteLater()
            if result != QDialog.DialogCode.Accepted:
                self._cancelled(dialog.pin_refused, dialog.pin_message)
                return None
            row = await self.ctx.core.transfers.send(contact.prefix, contact.phone, amount)
            self._report(row, name)
            if row.state is not State.FAILED:
                self.amount.clear()
            return row
        finally:
            self._sending = False
            QTimer.singleShot(0, lambda: self.amount.setFocus())

    def _cancelled(self, pin_refused: bool, why: str = "") -> None:
        if why:
            self.ctx.messages.show_message(why, "error")
        elif pin_refused:
            self.ctx.messages.show_message(self.tr(
                "Code PIN incorrect : transfert annulé, rien n'a été envoyé."), "error")
        else:
            self.ctx.messages.show_message(
                self.tr("Transfert annulé : rien n'a été envoyé."), "info", 4000)

    def _report(self, row: TransferRow, name: str) -> None:
        what = self.tr("{amount} à {name}").format(
            amount=money(row.amount, self.currency, self.lang),
            name=name or f"+{row.prefix} {row.phone}")
        kind = status_kind(row)
        if kind in ("in_progress", "done"):
            self.ctx.messages.show_message(self.tr(
                "Transfert de {what} envoyé : {status}.").format(
                    what=what, status=in_progress_text(row.treatment_status).lower()
                    if kind == "in_progress" else treatment_status("VAL").lower()),
                "success", 8000)
        elif kind == "queued":
            self.ctx.messages.show_message(self.tr(
                "Hors ligne : le transfert de {what} est en file d'attente ; il partira "
                "automatiquement au retour du réseau, une seule fois.").format(what=what),
                "warning")
        elif kind == "uncertain":
            self.ctx.messages.show_message(self.tr(
                "Réponse perdue pour le transfert de {what} : Comptoir vérifie auprès de "
                "CinetPay ; il ne sera jamais envoyé deux fois.").format(what=what), "warning")
        elif kind == "rejected":
            self.ctx.messages.show_message(
                self.tr("Transfert de {what} rejeté.").format(what=what), "error")
        else:
            self.ctx.messages.show_message(self.tr("Transfert de {what} refusé : {why}").format(
                what=what, why=row.last_error or "?"), "error")

    # --- batch --------------------------------------------------------------------------

    def _batch_clicked(self) -> None:
        self.ctx.bridge.run(self.choose_batch(), disable=[self.batch_button])

    async def choose_batch(self) -> None:
        path = await ask_open_path(self, self.tr("Transferts par lot"),
                                   [self.tr("Fichiers CSV (*.csv *.txt)"),
                                    self.tr("Tous les fichiers (*)")])
        if path is not None:
            await self.import_batch(path)

    async def import_batch(self, path: Path) -> ImportDialog | None:
        try:
            parsed = parse_transfers(read_file(path))
        except CsvError as exc:
            self.ctx.messages.show_message(exc.human(self.lang), "error")
            return None
        except OSError as exc:
            self.ctx.messages.show_message(
                self.tr("Fichier illisible : {why}").format(why=exc.strerror or exc), "error")
            return None
        dialog = ImportDialog("transfers", parsed, Path(path).name, self.lang, self.currency,
                              self)
        dialog.submit_requested.connect(
            lambda: self.ctx.bridge.run(self.send_batch(dialog, parsed),
                                        disable=[dialog.submit_button]))
        self.active_dialog = dialog
        try:
            await open_dialog(dialog)
        finally:
            self.active_dialog = None
            dialog.deleteLater()
        return dialog

    async def send_batch(self, dialog: ImportDialog, parsed: Parsed) -> list[TransferRow]:
        good = parsed.good
        names = self.model.names
        recipients = [Recipient(names.get((v["prefix"], v["phone"]), ""), v["prefix"],
                                v["phone"], int(v["amount"]))
                      for v in (line.values for line in good)]
        lines = [TransferLine(r.prefix, r.phone, r.amount) for r in recipients]
        guard = DuplicatesService(self.ctx.core)
        duplicate = self._batch_duplicates(await guard.check_batch(lines),
                                           [line.line for line in good])
        go_on, check = await self._pin_check()
        if not go_on:
            with contextlib.suppress(RuntimeError):
                dialog.cancel_sending(self.tr("Rien n'a été envoyé."))
            return []
        confirm = ConfirmTransferDialog(recipients, self.currency, self.lang, check,
                                        self.ctx.bridge.run, dialog, duplicate=duplicate)
        self.active_dialog = confirm
        try:
            result = await open_dialog(confirm)
        finally:
            self.active_dialog = dialog
            confirm.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            self._cancelled(confirm.pin_refused, confirm.pin_message)
            with contextlib.suppress(RuntimeError):
                dialog.cancel_sending(self.tr("Rien n'a été envoyé."))
            return []
        dialog.set_sending(self.tr("Envoi à CinetPay…"))
        try:
            rows = await self.ctx.core.transfers.send_batch(lines)
        except ValidationError as err:
            with contextlib.suppress(RuntimeError):
                dialog.cancel_sending(err.fr if self.lang.startswith("fr") else err.en)
            return []
        if rows:
            await guard.record_batch(lines, rows[0].batch_id)
        results = {line.line: self._result(row) for line, row in zip(good, rows, strict=True)}
        sent = sum(ok is True for ok, _ in results.values())
        waiting = sum(ok is None for ok, _ in results.values())
        refused = sum(ok is False for ok, _ in results.values())
        summary = self.tr(
            "%n envoyé(s), {waiting} en attente ou à vérifier, {refused}, {bad}.", "",
            sent).format(
                waiting=waiting, refused=self.tr("%n refusé(s)", "", refused),
                bad=self.tr("%n ligne(s) en erreur non envoyée(s)", "", len(parsed.bad)))
        with contextlib.suppress(RuntimeError):
            dialog.show_results(results, summary)
        self.ctx.messages.show_message(self.tr("Transferts par lot : {summary}").format(
            summary=summary), "warning" if refused or waiting else "success")
        return rows

    def _batch_duplicates(self, dup: Duplicates, numbers: list[int]) -> str:
        """What looks like money already sent, in words (empty: nothing)."""
        parts = []
        if dup.file_sent_at is not None:
            parts.append(self.tr("Ce lot a déjà été envoyé aujourd'hui ou hier (à {time}).")
                         .format(time=self._when(dup.file_sent_at)))
        elif dup.recent:
            parts.append(self.tr("Déjà envoyé dans les dernières 24 h (même contact, même "
                                 "montant) : ligne(s) {lines}.").format(
                lines=", ".join(str(numbers[i]) for i in sorted(dup.recent))))
        for group in dup.repeats:
            parts.append(self.tr("Lignes identiques dans le fichier : {lines}.").format(
                lines=", ".join(str(numbers[i]) for i in group)))
        return " ".join(parts)

    def _result(self, row: TransferRow) -> tuple[bool | None, str]:
        kind = status_kind(row)
        if kind == "done":
            return True, treatment_status("VAL")
        if kind == "in_progress":
            return True, self.tr("Envoyé : {status}").format(
                status=in_progress_text(row.treatment_status).lower())
        if kind == "queued":
            return None, self.tr("En file d'attente (hors ligne)")
        if kind in ("uncertain", "sending"):
            return None, self.tr("Incertain : vérification")
        if kind == "rejected":
            return False, treatment_status("REJ")
        return False, self.tr("Refusé : {why}").format(why=row.last_error or "?")

    # --- life ---------------------------------------------------------------------------

    def on_transfers_changed(self, _payload: object = None) -> None:
        self.mark_dirty()

    def on_contacts_changed(self, _payload: object = None) -> None:
        self.mark_dirty()

    def teardown(self) -> None:
        """The main window drops this session: no more events or reloads."""
        self.bus.close()
        self._reloader.cancel()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.amount.currency != self.currency:
            self.amount.set_currency(self.currency)
        self.on_shown()
