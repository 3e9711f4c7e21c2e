"""CinetPay's current platform (sk_ keys) has no history to fetch: the Historique tab shows
the journal's payment links instead (paid, refused, waiting…), said so above the list."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...services.history import JournalHistory
from ...services.outcomes import LinkOutcome
from ...store.links import LinkRow
from ..checkout.links_model import LinksModel
from ..kit.formatting import money
from ..kit.rows_view import rows_table
from ..kit.table_model import SORT_ROLE

COLUMN_WIDTHS = (110, 120, 220, 200, 200, 200)


class JournalLinksModel(LinksModel):
    """Today's links model, over several days: the time column shows the date too."""

    def headers(self) -> list[str]:
        return [self.tr("Date"), *super().headers()[1:]]

    def text(self, row: LinkRow, column: str) -> str:
        if column == "time":
            return row.created_at.astimezone().strftime("%d/%m %H:%M")
        return super().text(row, column)


class JournalView(QWidget):
    def __init__(self, lang: str, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.currency = currency
        self.note = QLabel(self.tr("Historique tiré du journal de Comptoir (la nouvelle "
                                   "plateforme CinetPay n'en fournit pas) : les liens de "
                                   "paiement créés ici."), self)
        self.note.setObjectName("journalNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#4a5a62; font-style:italic;")
        self.model = JournalLinksModel(lang, self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SORT_ROLE)
        self.table = rows_table(proxy, COLUMN_WIDTHS, self.tr("Liens de paiement du journal"),
                                self)
        self.totals = QLabel(self)
        self.totals.setObjectName("journalTotals")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)

    def show_journal(self, journal: JournalHistory) -> None:
        self.model.set_rows(journal.links)
        paid = [r for r in journal.links
                if journal.outcomes[r.transaction_id] is LinkOutcome.PAID]
        total = sum((Decimal(r.amount) for r in paid), Decimal(0))
        self.totals.setText("  ·  ".join((
            self.tr("%n lien(s)", "", len(journal.links)),
            self.tr("Payé : {n} pour {amount}").format(
                n=len(paid), amount=money(total, self.currency, self.lang)))))
