"""Contacts: the numbers transfers may go to (CinetPay only pays its merchant's contacts).

A list filtered as you type, refreshed from CinetPay (F5); adding a contact (country by name,
phone checked, field-level messages; queued while offline, and it says so); importing a CSV
with a preview of every line before anything is sent, then per-line results."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...api.errors import CinetPayError, NotSent, ValidationError
from ...output.csvfiles import CsvError, Parsed, contact_of, parse_contacts, read_file
from ...store.contacts import ContactRow
from ...store.states import State
from ..contacts_model import ContactsFilter, ContactsModel
from ..context import UiContext
from ..dialogs import ContactDialog, ImportDialog, ask_open_path
from ..kit.bridge import open_dialog
from ..kit.events import BusListener, Debounced
from ..kit.formatting import time_of
from ..kit.tab import Tab


class ContactsTab(Tab):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.lang = ctx.lang
        self.active_dialog: QDialog | None = None
        self.fetched_at = None
        self._auto_refreshed = False
        self._reloader = Debounced(self._reload_now, 80, self)
        self._build()
        self.bus = BusListener(self, ctx.core.bus)

    def title(self) -> str:
        return self.tr("Contacts")

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Rechercher un nom, un numéro, un e-mail… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Rechercher un contact"))
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(lambda: self.table.setFocus())
        self.add_button = QPushButton(self.tr("&Ajouter un contact…"), self)
        self.add_button.clicked.connect(self._add_clicked)
        self.import_button = QPushButton(self.tr("&Importer un CSV…"), self)
        self.import_button.clicked.connect(self._import_clicked)
        self.refresh_button = QPushButton(self.tr("Actualiser depuis CinetPay (F5)"), self)
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.import_button)
        top.addWidget(self.refresh_button)

        self.info = QLabel(self)
        self.info.setStyleSheet("color:#5f6368;")
        self.model = ContactsModel(self.lang, self)
        self.proxy = ContactsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the journal's order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(self.tr("Contacts"))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((170, 170, 170, 140, 230)):
            self.table.setColumnWidth(column, width)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        QWidget.setTabOrder(self.search, self.add_button)
        QWidget.setTabOrder(self.add_button, self.import_button)
        QWidget.setTabOrder(self.import_button, self.refresh_button)
        QWidget.setTabOrder(self.refresh_button, self.table)

    # --- list ---------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _filter(self, text: str) -> None:
        self.proxy.set_needle(text)
        self._update_info()

    def visible_rows(self) -> list[ContactRow]:
        return [self.proxy.index(i, 0).data(Qt.ItemDataRole.UserRole)
                for i in range(self.proxy.rowCount())]

    def reload(self) -> None:
        self._reloader.trigger()

    def _reload_now(self) -> None:
        async def load():
            return (await self.ctx.core.contacts.list(),
                    await self.ctx.core.contacts.fetched_at())

        self.ctx.bridge.run(load(), on_done=self._apply)

    def _apply(self, loaded) -> None:
        rows, self.fetched_at = loaded
        self.model.set_rows(rows)
        self._update_info()
        if self.fetched_at is None and not self._auto_refreshed:
            self._auto_refreshed = True  # first time: fetch CinetPay's list once, quietly
            self.refresh(quiet=True)

    def _update_info(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        count = (self.tr("%n contact(s)", "", total) if shown == total
                 else self.tr("{shown} sur %n contact(s)", "", total).format(shown=shown))
        waiting = sum(r.state is State.QUEUED for r in self.model.rows)
        parts = [count, self.tr("liste CinetPay {when}").format(
            when=time_of(self.fetched_at, self.lang))]
        if self.ctx.core.offline:
            parts.append(self.tr("hors ligne"))
        if waiting:
            parts.append(self.tr("{n} en attente du réseau").format(n=waiting))
        self.info.setText(" · ".join(parts))

    def refresh(self, quiet: bool = False) -> None:
        """F5: fetch CinetPay's contact list."""

        def done(contacts) -> None:
            if not quiet:
                self.ctx.messages.show_message(
                    self.tr("Liste des contacts actualisée : {n} chez CinetPay")
                    .format(n=len(contacts)), "info", 4000)

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, NotSent):
                if not quiet:
                    self.ctx.messages.show_message(self.tr(
                        "Hors ligne : la liste affichée est celle {when}.").format(
                            when=time_of(self.fetched_at, self.lang)), "warning")
                return True
            return quiet  # a quiet refresh never pops an error

        self.ctx.bridge.run(self.ctx.core.contacts.refresh(), disable=[self.refresh_button],
                            on_done=done, on_error=failed)

    # --- add ----------------------------------------------------------------------------

    def _add_clicked(self) -> None:
        self.ctx.bridge.run(self.add_contact(), disable=[self.add_button])

    async def add_contact(self) -> ContactRow | None:
        dialog = ContactDialog(self.lang, self)
        self.active_dialog = dialog
        try:
            if await open_dialog(dialog) != QDialog.DialogCode.Accepted:
                return None
            contact = dialog.validate()
        finally:
            self.active_dialog = None
            dialog.deleteLater()
        if contact is None:
            return None
        try:
            row = await self.ctx.core.contacts.add(contact)
        except ValidationError as err:
            self.ctx.messages.show_error(err)
            return None
        who = f"{row.surname} {row.name} (+{row.prefix} {row.phone})"
        if row.state is State.SENT:
            self.ctx.messages.show_message(
                self.tr("Contact ajouté chez CinetPay : {who}").format(who=who), "success", 5000)
        elif row.state is State.QUEUED:
            self.ctx.messages.show_message(self.tr(
                "Hors ligne : {who} est enregistré ici et sera ajouté chez CinetPay dès le "
                "retour du réseau.").format(who=who), "warning")
        elif row.state is State.UNCERTAIN:
            self.ctx.messages.show_message(self.tr(
                "Réponse perdue : Comptoir vérifie si {who} a bien été ajouté.").format(who=who),
                "warning")
        else:
            self.ctx.messages.show_message(self.tr("Contact refusé par CinetPay : {why}").format(
                why=row.last_error or "?"), "error")
        self.search.clear()
        return row

    # --- import -------------------------------------------------------------------------

    def _import_clicked(self) -> None:
        self.ctx.bridge.run(self.choose_and_import(), disable=[self.import_button])

    async def choose_and_import(self) -> None:
        path = await ask_open_path(self, self.tr("Importer des contacts"),
                                   [self.tr("Fichiers CSV (*.csv *.txt)"),
                                    self.tr("Tous les fichiers (*)")])
        if path is not None:
            await self.import_file(path)

    async def import_file(self, path: Path) -> ImportDialog | None:
        """Preview every line (nothing sent), then send the good ones on confirmation."""
        try:
            parsed = parse_contacts(read_file(path))
        except CsvError as exc:
            self.ctx.messages.show_message(exc.human(self.lang), "error")
            return None
        except OSError as exc:
            self.ctx.messages.show_message(
                self.tr("Fichier illisible : {why}").format(why=exc.strerror or exc), "error")
            return None
        dialog = ImportDialog("contacts", parsed, Path(path).name, self.lang,
                              parent=self)
        dialog.submit_requested.connect(lambda: self._submit_import(dialog, parsed))
        self.active_dialog = dialog
        try:
            await open_dialog(dialog)
        finally:
            self.active_dialog = None
            dialog.deleteLater()
        return dialog

    def _submit_import(self, dialog: ImportDialog, parsed: Parsed) -> None:
        dialog.set_sending(self.tr("Envoi à CinetPay…"))
        good = parsed.good
        contacts = [contact_of(line.values) for line in good]

        def done(rows: list[ContactRow]) -> None:
            results: dict[int, tuple[bool | None, str]] = {}
            for line, row in zip(good, rows, strict=True):
                results[line.line] = self._result(row)
            added = sum(ok is True for ok, _ in results.values())
            waiting = sum(ok is None for ok, _ in results.values())
            refused = sum(ok is False for ok, _ in results.values())
            summary = self.tr(
                "%n ajouté(s), {waiting} en attente du réseau, {refused}, {bad}.", "",
                added).format(
                    waiting=waiting, refused=self.tr("%n refusé(s)", "", refused),
                    bad=self.tr("%n ligne(s) en erreur non envoyée(s)", "", len(parsed.bad)))
            with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
                dialog.show_results(results, summary)
            self.ctx.messages.show_message(self.tr("Import des contacts : {summary}").format(
                summary=summary), "warning" if refused or waiting else "success")

        def failed(exc: BaseException) -> bool:
            text = exc.human(self.lang) if isinstance(exc, CinetPayError) else str(exc)
            with contextlib.suppress(RuntimeError):
                dialog.cancel_sending(text)
            return False

        self.ctx.bridge.run(self.ctx.core.contacts.add_many(contacts), on_done=done,
                            on_error=failed)

    def _result(self, row: ContactRow) -> tuple[bool | None, str]:
        if row.state is State.SENT:
            return True, self.tr("Ajouté")
        if row.state is State.QUEUED:
            return None, self.tr("En attente du réseau")
        if row.state in (State.UNCERTAIN, State.SENDING):
            return None, self.tr("Vérification…")
        return False, self.tr("Refusé : {why}").format(why=row.last_error or "?")

    # --- life ---------------------------------------------------------------------------

    def on_contacts_changed(self, _payload: object = None) -> None:
        self.mark_dirty()

    def teardown(self) -> None:
        """The main window drops this session: no more events or reloads."""
        self.bus.close()
        self._reloader.cancel()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.on_shown()

