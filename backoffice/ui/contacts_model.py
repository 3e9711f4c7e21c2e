"""Transfer contacts: a table model and a filter that matches as you type (case- and
accent-insensitive: "konate" finds "Konaté"; digits find numbers with or without prefix)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QColor

from ..store.contacts import ContactRow
from ..store.states import State
from ..store.textsearch import matches
from .dialogs import country_name
from .kit.table_model import ROW_ROLE, SORT_ROLE, RowsTableModel

STATE_COLOURS = {State.QUEUED: QColor("#8a5300"), State.SENDING: QColor("#5f6368"),
                 State.UNCERTAIN: QColor("#8a5300"), State.FAILED: QColor("#b3261e")}


class ContactsModel(RowsTableModel[ContactRow]):
    columns = ("name", "surname", "phone", "country", "email", "state")

    def __init__(self, lang: str = "fr", parent: Any = None) -> None:
        super().__init__(lambda r: (r.prefix, r.phone), parent)
        self.lang = lang

    def headers(self) -> list[str]:
        return [self.tr("Nom"), self.tr("Prénom"), self.tr("Téléphone"), self.tr("Pays"),
                self.tr("E-mail"), self.tr("État")]

    def state_text(self, row: ContactRow) -> str:
        if row.state is State.SENT:
            return self.tr("Enregistré chez CinetPay")
        if row.state is State.QUEUED:
            return self.tr("En attente du réseau")
        if row.state is State.SENDING:
            return self.tr("Envoi…")
        if row.state is State.UNCERTAIN:
            return self.tr("Vérification…")
        if row.state is State.FAILED:
            return self.tr("Refusé : {why}").format(why=row.last_error or "?")
        return str(row.state)

    def text(self, row: ContactRow, column: str) -> str:
        if column == "name":
            return row.name
        if column == "surname":
            return row.surname
        if column == "phone":
            return f"+{row.prefix} {row.phone}"
        if column == "country":
            return country_name(row.prefix, self.lang)
        if column == "email":
            return row.email or ""
        if column == "state":
            return self.state_text(row)
        return ""

    def colour(self, row: ContactRow, column: str) -> QColor | None:
        return STATE_COLOURS.get(row.state) if column == "state" else None


class ContactsFilter(QSortFilterProxyModel):
    """Filters the rows of a ContactsModel with the journal's own text matching."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setSortRole(SORT_ROLE)

    @property
    def needle(self) -> str:
        return self._needle

    def set_needle(self, text: str) -> None:
        if text == self._needle:
            return
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self._needle = text
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._needle = text
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._needle.strip():
            return True
        model = self.sourceModel()
        row = model.data(model.index(source_row, 0, source_parent), ROW_ROLE)
        if row is None:
            return False
        needle = self._needle.replace(" ", "") if self._needle.strip().lstrip("+").replace(
            " ", "").isdigit() else self._needle
        needle = needle.lstrip("+")
        return matches(needle, row.name, row.surname, row.phone, row.prefix + row.phone,
                       row.email, f"{row.name} {row.surname}", f"{row.surname} {row.name}")
