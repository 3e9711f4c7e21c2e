"""Contacts: the numbers transfers may go to (CinetPay only pays its merchant's contacts).

A list filtered as you type, refreshed from CinetPay (F5); adding a contact (``dialog``:
country by name, phone checked, field-level messages; queued while offline, and it says so);
importing a CSV with a preview of every line before anything is sent (``importing``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...api.errors import NotSent, ValidationError
from ...api.models import Contact
from ...services.contacts import ListState
from ...services.outcomes import ContactOutcome, tally_contacts
from ...store.contacts import ContactRow
from ..context import UiContext
from ..kit.bridge import open_dialog
from ..kit.events import BusListener, Debounced
from ..kit.formatting import time_of
from ..kit.import_dialog import ImportDialog
from ..kit.rows_view import rows_table
from ..kit.tab import Tab
from .dialog import ContactDialog
from .importing import ContactsImport
from .model import ContactsFilter, ContactsModel
from .wording import wording

COLUMN_WIDTHS = (170, 170, 170, 140, 230)


class ContactsTab(Tab):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.lang = ctx.lang
        self.active_dialog: QDialog | None = None
        self.fetched_at: datetime | None = None
        self.list_state = ListState(None)
        self._auto_refreshed = False
        self._reloader = Debounced(self._reload_now, 80, self)
        self.importer = ContactsImport(self)
        self.info = QLabel(self)
        self.info.setStyleSheet("color:#5f6368;")
        self.model = ContactsModel(self.lang, self)
        self.proxy = ContactsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = rows_table(self.proxy, COLUMN_WIDTHS, self.tr("Contacts"), self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._top_bar())
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        for first, second in ((self.search, self.add_button),
                              (self.add_button, self.import_button),
                              (self.import_button, self.refresh_button),
                              (self.refresh_button, self.table)):
            QWidget.setTabOrder(first, second)
        self.bus = BusListener(self, ctx.core.bus)

    def title(self) -> str:
        return self.tr("Contacts")

    def _top_bar(self) -> QHBoxLayout:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Rechercher un nom, un numéro, un e-mail… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Rechercher un contact"))
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(lambda: self.table.setFocus())
        self.add_button = QPushButton(self.tr("&Ajouter un contact…"), self)
        self.add_button.clicked.connect(
            lambda: self.ctx.bridge.run(self.add_contact(), disable=[self.add_button]))
        self.import_button = QPushButton(self.tr("&Importer un CSV…"), self)
        self.import_button.clicked.connect(
            lambda: self.ctx.bridge.run(self.importer.choose(), disable=[self.import_button]))
        self.refresh_button = QPushButton(self.tr("Actualiser depuis CinetPay (F5)"), self)
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.import_button)
        top.addWidget(self.refresh_button)
        return top

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
        async def load() -> tuple[list[ContactRow], ListState]:
            return (await self.ctx.core.contacts.list(),
                    await self.ctx.core.contacts.list_state())

        self.ctx.bridge.run(load(), on_done=self._apply)

    def _apply(self, loaded: tuple[list[ContactRow], ListState]) -> None:
        rows, self.list_state = loaded
        self.fetched_at = self.list_state.fetched_at
        self.model.set_rows(rows)
        self._update_info()
        if self.fetched_at is None and not self._auto_refreshed:
            self._auto_refreshed = True  # first time: fetch CinetPay's list once, quietly
            self.refresh(quiet=True)

    def _update_info(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        count = (self.tr("%n contact(s)", "", total) if shown == total
                 else self.tr("{shown} sur %n contact(s)", "", total).format(shown=shown))
        waiting = tally_contacts(self.model.rows)[ContactOutcome.QUEUED]
        parts = [count, self.tr("liste CinetPay {when}").format(
            when=time_of(self.fetched_at, self.lang))]
        if self.ctx.core.offline:
            parts.append(self.tr("hors ligne"))
        if waiting:
            parts.append(self.tr("{n} en attente du réseau").format(n=waiting))
        note = self.list_state.note(time_of(self.fetched_at, self.lang), self.lang)
        if note and not self.ctx.core.offline:  # offline is said just before
            parts.append(note)
        self.info.setText(" · ".join(parts))

    def refresh(self, quiet: bool = False) -> None:
        """F5: fetch CinetPay's contact list."""

        def done(contacts: list[Contact]) -> None:
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

    # --- add, import ----------------------------------------------------------------------

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
        text, level = wording().added(row, self.lang)
        self.ctx.messages.show_message(text, level, 5000 if level == "success" else 0)
        self.search.clear()
        return row

    async def import_file(self, path: Path) -> ImportDialog | None:
        """Preview every line (nothing sent), then send the good ones on confirmation."""
        return await self.importer.preview(path)

    # --- life ---------------------------------------------------------------------------

    def on_contacts_changed(self, _payload: object = None) -> None:
        self.mark_dirty()

    def teardown(self) -> None:
        """The main window drops this session: no more events or reloads."""
        self.bus.close()
        self._reloader.cancel()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.on_shown()
