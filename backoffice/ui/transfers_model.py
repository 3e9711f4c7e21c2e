"""Transfers, newest first: recipient, amount (always XOF: the Transfer API's currency) and
treatment status, coloured by what it means (in progress, done, rejected; queued, uncertain,
awaiting the merchant's e-mail confirmation and "check with CinetPay" clearly labelled)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from ..store.states import State
from ..store.transfers import TransferRow
from .kit.formatting import treatment_status
from .kit.table_model import RowsTableModel

KIND_COLOURS = {
    "done": QColor("#1e7b34"), "rejected": QColor("#b3261e"), "failed": QColor("#b3261e"),
    "in_progress": QColor("#0b57d0"), "queued": QColor("#8a5300"),
    "uncertain": QColor("#8a5300"), "sending": QColor("#5f6368"),
    "review": QColor("#b3261e"), "confirm_email": QColor("#8a5300"),
}
TRANSFER_CURRENCY = "XOF"  # Transfer API amounts are XOF whatever the shop's currency


def xof(amount: int, lang: str = "fr") -> str:
    """5000 → "5 000 XOF" (U+202F groups in French, as QLocale writes them)."""
    digits = f"{amount:,}".replace(",", "\u202f" if lang.startswith("fr") else ",")
    return f"{digits}\u00a0{TRANSFER_CURRENCY}"


def status_kind(row: TransferRow) -> str:
    """done, rejected, failed, in_progress, queued, uncertain, sending, review (a person must
    check it with CinetPay) or confirm_email (CinetPay waits for the merchant's e-mail)."""
    if row.review:
        return "review"
    if row.awaits_email_confirmation:
        return "confirm_email"
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
        if kind == "review":
            return self.tr("À vérifier avec CinetPay")
        if kind == "confirm_email":
            return self.tr("En attente de votre confirmation par e-mail")
        return in_progress_text(row.treatment_status)

    def detail_text(self, row: TransferRow) -> str:
        kind = status_kind(row)
        if kind == "review":
            return self.tr("Appelez CinetPay avec cet identifiant : il n'est jamais renvoyé "
                           "automatiquement ({id})").format(id=row.client_transaction_id)
        if kind == "confirm_email":
            return self.tr("Confirmez-le dans l'e-mail envoyé par CinetPay (ou demandez à "
                           "CinetPay d'autoriser l'adresse IP de la boutique)")
        return row.last_error or row.cinetpay_transaction_id or ""

    def text(self, row: TransferRow, column: str) -> str:
        if column == "time":
            local = row.created_at.astimezone()
            return local.strftime("%d/%m %H:%M")
        if column == "recipient":
            return self.names.get((row.prefix, row.phone), "")
        if column == "number":
            return f"+{row.prefix} {row.phone}"
        if column == "amount":
            return xof(row.amount, self.lang)
        if column == "status":
            return self.status_text(row)
        if column == "detail":
            return self.detail_text(row)
        return ""

    def colour(self, row: TransferRow, column: str) -> QColor | None:
        return KIND_COLOURS.get(status_kind(row)) if column == "status" else None

    def is_bold(self, row: TransferRow, column: str) -> bool:
        return column == "status" and status_kind(row) in ("done", "rejected", "failed",
                                                           "review", "confirm_email")

    def sort_value(self, row: TransferRow, column: str) -> Any:
        if column == "amount":
            return row.amount
        if column == "time":
            return row.created_at.timestamp()
        return self.text(row, column)
