"""Tableau de bord, the shop day: today per cashier (paid links and cash sales, counted and
summed) and the anomalies left open by the latest closing, each with what to do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...reports.closing_words import day_text
from ...services.closing_report import ClosingReport, action_text, kind_text
from ...services.day_summary import CashierDayRow
from ..kit.formatting import money


class DayPanel(QWidget):
    """Two boxes side by side: "La journée par caissier" and "Anomalies à traiter"."""

    def __init__(self, lang: str = "fr", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: list[CashierDayRow] = []
        self.closing: ClosingReport | None = None
        self.cashiers_title = QLabel(self.tr("La journée par caissier"), self)
        self.table = QTableWidget(0, 4, self)
        self.table.setAccessibleName(self.tr("La journée par caissier"))
        self.table.setHorizontalHeaderLabels([self.tr("Caissier"), self.tr("Liens payés"),
                                              self.tr("Ventes en espèces"), self.tr("Total")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(120)
        self.cashiers_empty = QLabel(self.tr("Aucune vente aujourd'hui"), self)
        self.cashiers_empty.setStyleSheet("color: #8a949b;")
        self.anomalies_title = QLabel(self.tr("Anomalies à traiter"), self)
        self.anomalies_from = QLabel(self)
        self.anomalies_from.setStyleSheet("color: #6b7a82;")
        self.anomalies_from.setWordWrap(True)
        self.anomalies = QListWidget(self)
        self.anomalies.setAccessibleName(self.tr("Anomalies à traiter"))
        self.anomalies.setWordWrap(True)
        self.anomalies.setMinimumHeight(120)
        self.anomalies.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self._box(self.cashiers_title, self.table, self.cashiers_empty), 1)
        layout.addWidget(self._box(self.anomalies_title, self.anomalies_from, self.anomalies),
                         1)
        self.show_day([], None)

    def _box(self, title: QLabel, *content: QWidget) -> QFrame:
        box = QFrame(self)
        box.setObjectName("section")
        title.setObjectName("sectionTitle")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(12, 10, 12, 10)
        inner.addWidget(title)
        for widget in content:
            inner.addWidget(widget)
        inner.addStretch(1)
        return box

    def _money(self, amount: int, currency: str) -> str:
        return money(amount, currency, self.lang)

    def show_day(self, rows: list[CashierDayRow], closing: ClosingReport | None) -> None:
        self.rows, self.closing = rows, closing
        self._show_cashiers(rows)
        self._show_anomalies(closing)

    def _show_cashiers(self, rows: list[CashierDayRow]) -> None:
        self.table.setRowCount(len(rows))
        for n, r in enumerate(rows):
            name = r.name or self.tr("(sans caissier)")
            cells = [name,
                     self.tr("{count} · {amount}").format(
                         count=r.paid_count, amount=self._money(r.paid_amount, r.currency)),
                     self.tr("{count} · {amount}").format(
                         count=r.cash_count, amount=self._money(r.cash_amount, r.currency)),
                     self._money(r.paid_amount + r.cash_amount, r.currency)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(n, col, item)
        self.table.setVisible(bool(rows))
        self.cashiers_empty.setVisible(not rows)

    def _show_anomalies(self, closing: ClosingReport | None) -> None:
        self.anomalies.clear()
        if closing is None:
            self.anomalies_from.setText(self.tr("Pas encore de clôture : les anomalies "
                                                "apparaissent après « Clôturer »."))
            self.anomalies.hide()
            return
        self.anomalies_from.setText(self.tr("D'après la clôture du {day} (version {v})").format(
            day=day_text(closing, self.lang), v=closing.version))
        items = (*closing.anomalies, *closing.not_in_journal)
        self.anomalies.setVisible(True)
        if not items:
            QListWidgetItem(self.tr("Aucune anomalie : le journal et CinetPay sont d'accord"),
                            self.anomalies).setForeground(Qt.GlobalColor.darkGreen)
            return
        for a in items:
            head = f"{kind_text(a.kind, self.lang)} · {a.transaction_id} · " \
                   f"{self._money(a.amount, a.currency)}"
            todo = self.tr("À faire : {action}").format(action=action_text(a.action, self.lang))
            item = QListWidgetItem(f"{head}\n{todo}", self.anomalies)
            item.setToolTip(todo)
