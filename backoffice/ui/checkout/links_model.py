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
    columns = ("time", "amount", "status", "description", "paid_by", "reference")
    right_aligned = frozenset({"amount"})

    def __init__(self, lang: str = "fr", parent: Any = None) -> None:
        super().__init__(lambda r: r.transaction_id, parent,
                         version=lambda r: (r.updated_at, r.state, r.payment_status,
                                            r.anomaly))
        self.lang = lang

    def headers(self) -> list[str]:
        return [self.tr("Heure"), self.tr("Montant"), self.tr("Statut"), self.tr("Description"),
                self.tr("Payé par"), self.tr("Référence")]

    def text(self, row: LinkRow, column: str) -> str:
        if column == "time":
            return row.created_at.astimezone().strftime("%H:%M")
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

