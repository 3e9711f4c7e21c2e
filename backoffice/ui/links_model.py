"""Today's payment links, newest first, with their status in words and colour."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from ..store.links import LinkRow
from .kit.formatting import money
from .kit.table_model import RowsTableModel
from .qr_view import method_label, present

COLOURS = {"paid": QColor("#1e7b34"), "refused": QColor("#b3261e"),
           "uncertain": QColor("#8a5300"), "failed": QColor("#8c1d18"),
           "nourl": QColor("#8c1d18"), "sending": QColor("#5f6368"),
           "anomaly": QColor("#e65100")}


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

    def status_text(self, row: LinkRow) -> str:
        p = present(row, self.lang)
        short = {"uncertain": self.tr("Vérification…"), "failed": self.tr("Non créé"),
                 "nourl": self.tr("Sans adresse : à refaire"),
                 "sending": self.tr("Création…")}
        if p.kind in ("refused", "anomaly"):
            return f"{p.title} ({p.detail})" if p.detail else p.title
        return short.get(p.kind, p.title)

    def text(self, row: LinkRow, column: str) -> str:
        if column == "time":
            return row.created_at.astimezone().strftime("%H:%M")
        if column == "amount":
            return money(row.amount, row.currency, self.lang)
        if column == "status":
            return self.status_text(row)
        if column == "description":
            return row.description
        if column == "paid_by":
            if row.payment_status != "ACCEPTED":
                return ""
            return " · ".join(p for p in (method_label(row.payment_method), row.phone or "") if p)
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
        return COLOURS.get(present(row, self.lang).kind)

    def is_bold(self, row: LinkRow, column: str) -> bool:
        return column == "status" and row.payment_status == "ACCEPTED"

    def sort_value(self, row: LinkRow, column: str) -> Any:
        if column == "amount":
            return row.amount
        if column == "time":
            return row.created_at.timestamp()
        return self.text(row, column)
