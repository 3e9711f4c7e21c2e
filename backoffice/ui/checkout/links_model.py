"""Today's payment links, newest first, with their status in words and colour."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from ...services.outcomes import LinkOutcome, link_outcome
from ...store.links import LinkRow
from ..kit.formatting import money
from ..kit.table_model import RowsTableModel
from .wording import LIST_COLOURS, paid_by, present, wording


class LinksModel(RowsTableModel[LinkRow]):
    columns: tuple[str, ...] = ("time", "amount", "status", "description", "paid_by",
                                "reference")
    right_aligned = frozenset({"amount"})

    def __init__(self, lang: str = "fr", parent: Any = None) -> None:
        super().__init__(lambda r: r.transaction_id, parent,
                         version=lambda r: (r.updated_at, r.state, r.payment_status,
                                            r.anomaly))
        self.lang = lang

    def headers(self) -> list[str]:
        names = {"time": self.tr("Heure"), "till": self.tr("Caisse"),
                 "amount": self.tr("Montant"), "status": self.tr("Statut"),
                 "description": self.tr("Description"), "paid_by": self.tr("Payé par"),
                 "reference": self.tr("Référence")}
        return [names[c] for c in self.columns]

    def show_till(self) -> None:
        """A shop database (several tills): a "Caisse" column after the time (operations
        adopted from another till keep theirs)."""
        if "till" not in self.columns:
            self.beginResetModel()
            self.columns = (self.columns[0], "till", *self.columns[1:])
            self.endResetModel()

    def text(self, row: LinkRow, column: str) -> str:
        if column == "time":
            return row.created_at.astimezone().strftime("%H:%M")
        if column == "till":
            return row.till or ""
        if column == "amount":
            return money(row.amount, row.currency, self.lang)
        if column == "status":
            return wording().list_status(row, self.lang)
        if column == "description":
            return row.description
        if column == "paid_by":
            return paid_by(row)
        if column == "reference":
            return row.transaction_id
        return ""

    def tooltip(self, row: LinkRow, column: str) -> str:
        if column == "status":
            p = present(row, self.lang)
            return f"{p.title}\n{p.detail}".strip()
        return self.text(row, column)

    def colour(self, row: LinkRow, column: str) -> QColor | None:
        if column != "status":
            return None
        colour = LIST_COLOURS.get(link_outcome(row))
        return QColor(colour) if colour else None

    def is_bold(self, row: LinkRow, column: str) -> bool:
        return column == "status" and link_outcome(row) is LinkOutcome.PAID

    def sort_value(self, row: LinkRow, column: str) -> Any:
        if column == "amount":
            return row.amount
        if column == "time":
            return row.created_at.timestamp()
        return self.text(row, column)

