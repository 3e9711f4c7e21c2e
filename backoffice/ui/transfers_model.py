"""Transfers, newest first: recipient, amount and treatment status, coloured by what it means
(in progress, done, rejected; queued and uncertain clearly labelled)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from ..store.states import State
from ..store.transfers import TransferRow
from .formatting import money, treatment_status
from .table_model import RowsTableModel

KIND_COLOURS = {
    "done": QColor("#1e7b34"), "rejected": QColor("#b3261e"), "failed": QColor("#b3261e"),
    "in_progress": QColor("#0b57d0"), "queued": QColor("#8a5300"),
    "uncertain": QColor("#8a5300"), "sending": QColor("#5f6368"),
}


def status_kind(row: TransferRow) -> str:
    """done, rejected, failed, in_progress, queued, uncertain or sending."""
    if row.state is State.FAILED:
        return "failed"
    if row.state is State.QUEUED:
        return "queued"
    if row.state is State.UNCERTAIN:
        return "uncertain"
    if row.state is State.SENDING:
        return "sending"
    if row.treatment_status == "VAL":
        return "done"
    if row.treatment_status == "REJ":
        return "rejected"
    return "in_progress"


def in_progress_text(status: str | None) -> str:
    """NEW says little to a manager: "waiting to be processed" says what it means."""
    if not status or status == "NEW":
        return QCoreApplication.translate("TransfersModel", "En attente de traitement")
    return treatment_status(status)


class TransfersModel(RowsTableModel[TransferRow]):
    columns = ("time", "recipient", "number", "amount", "status", "detail")
    right_aligned = frozenset({"amount"})

    def __init__(self, lang: str = "fr", currency: str = "XOF", parent: Any = None) -> None:
        super().__init__(lambda r: r.client_transaction_id, parent,
                         version=lambda r: (r.updated_at, r.state, r.treatment_status))
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

    def status_text(self, row: TransferRow) -> str:
        kind = status_kind(row)
        if kind == "queued":
            return self.tr("En file d'attente (pas encore envoyé)")
        if kind == "uncertain":
            return self.tr("Incertain : vérification, jamais renvoyé")
        if kind == "sending":
            return self.tr("Envoi…")
        if kind == "failed":
            return self.tr("Échec")
        return in_progress_text(row.treatment_status)

    def text(self, row: TransferRow, column: str) -> str:
        if column == "time":
            local = row.created_at.astimezone()
            return local.strftime("%d/%m %H:%M")
        if column == "recipient":
            return self.names.get((row.prefix, row.phone), "")
        if column == "number":
            return f"+{row.prefix} {row.phone}"
        if column == "amount":
            return money(row.amount, self.currency, self.lang)
        if column == "status":
            return self.status_text(row)
        if column == "detail":
            return row.last_error or row.cinetpay_transaction_id or ""
        return ""

    def colour(self, row: TransferRow, column: str) -> QColor | None:
        return KIND_COLOURS.get(status_kind(row)) if column == "status" else None

    def is_bold(self, row: TransferRow, column: str) -> bool:
        return column == "status" and status_kind(row) in ("done", "rejected", "failed")

    def sort_value(self, row: TransferRow, column: str) -> Any:
        if column == "amount":
            return row.amount
        if column == "time":
            return row.created_at.timestamp()
        return self.text(row, column)
