"""Transfer contacts: a table model and a filter that matches as you type (case- and
accent-insensitive: "konate" finds "Konaté"; digits find numbers with or without prefix)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QColor

from ...services.contact_search import contact_matches
from ...services.outcomes import contact_outcome
from ...store.contacts import ContactRow
from ..kit.phone_fields import country_name
from ..kit.table_model import ROW_ROLE, SORT_ROLE, RowsTableModel
from .wording import OUTCOME_COLOURS, wording


class ContactsModel(RowsTableModel[ContactRow]):
    columns = ("name", "surname", "phone", "country", "email", "state")

    def __init__(self, lang: str = "fr", parent: Any = None) -> None:
        super().__init__(lambda r: (r.prefix, r.phone), parent)
        self.lang = lang

    def headers(self) -> list[str]:
        return [self.tr("Nom"), self.tr("Prénom"), self.tr("Téléphone"), self.tr("Pays"),
                self.tr("E-mail"), self.tr("État")]

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
            return wording().state(row, self.lang)
        return ""

    def colour(self, row: ContactRow, column: str) -> QColor | None:
        return OUTCOME_COLOURS.get(contact_outcome(row)) if column == "state" else None


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
        return row is not None and contact_matches(row, self._needle)
