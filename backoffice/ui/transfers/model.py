"""Transfers, newest first: recipient, amount (always XOF: the Transfer API's currency) and
treatment status, coloured by what it means (``wording``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from ...api.current.methods import method_name
from ...services.outcomes import transfer_outcome
from ...store.transfers import TransferRow
from ..kit.table_model import RowsTableModel
from .wording import BOLD_OUTCOMES, KIND_COLOURS, wording, xof


class TransfersModel(RowsTableModel[TransferRow]):
    columns = ("time", "recipient", "number", "amount", "status", "detail")
    right_aligned = frozenset({"amount"})

    def __init__(self, lang: str = "fr", currency: str = "XOF", parent: Any = None) -> None:
        """``currency``: the shop's, kept for callers; transfer amounts are XOF anyway."""
        super().__init__(lambda r: r.client_transaction_id, parent,
                         version=lambda r: (r.updated_at, r.state, r.treatment_status,
                                            r.sending_status, r.review))
        self.lang = lang
        self.currency = currency
        self.names: dict[tuple[str, str], str] = {}

    def set_names(self, names: dict[tuple[str, str], str]) -> None:
        self.names = dict(names)
        if self.rows:
            column = self.columns.index("recipient")
            self.dataChanged.emit(self.index(0, column), self.index(len(self.rows) - 1, column))

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Destinataire"), self.tr("Numéro"), self.tr("Montant"),
                self.tr("Statut"), self.tr("Détail")]

    def text(self, row: TransferRow, column: str) -> str:
        if column == "time":
            return row.created_at.astimezone().strftime("%d/%m %H:%M")
        if column == "recipient":
            return self.names.get((row.prefix, row.phone), "")
        if column == "number":
            number = f"+{row.prefix} {row.phone}"
            if row.payment_method:  # current platform: the method it goes through
                return f"{number} · {method_name(row.payment_method, self.lang)}"
            return number
        if column == "amount":
            return xof(row.amount, self.lang)
        if column == "status":
            return wording().status(row)
        if column == "detail":
            return wording().detail(row, self.lang)
        return ""

    def colour(self, row: TransferRow, column: str) -> QColor | None:
        return KIND_COLOURS.get(transfer_outcome(row)) if column == "status" else None

    def is_bold(self, row: TransferRow, column: str) -> bool:
        return column == "status" and transfer_outcome(row) in BOLD_OUTCOMES

    def sort_value(self, row: TransferRow, column: str) -> Any:
        if column == "amount":
            return row.amount
        if column == "time":
            return row.created_at.timestamp()
        return self.text(row, column)
