"""The Historique detail pane: every field of the selected transaction, and "Copier pour le
support" (the same fields as plain text, for a message to CinetPay's support)."""

from __future__ import annotations

import contextlib
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from ...services.history import is_paid
from ...store.history import HistoryRow
from ..context import UiContext
from ..kit.formatting import locale_for, money
from ..kit.labels import operator_name, status_name
from .model import qt_datetime


class HistoryDetail(QFrame):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: HistoryRow | None = None
        self.setObjectName("detail")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self.tr("Détail"), self)
        self.title.setStyleSheet("font-weight: 600;")
        self.empty = QLabel(self.tr("Sélectionnez une transaction pour voir son détail."),
                            self)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #6b7a82;")
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.values: dict[str, QLabel] = {}
        for key, label in self._labels():
            value = QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"detail_{key}")
            self.values[key] = value
            self.form.addRow(label, value)
        self.copy_button = QPushButton(self.tr("Copier pour le support"), self)
        self.copy_button.setToolTip(self.tr("Copie tous les champs de la transaction "
                                            "(Ctrl+C)"))
        self.copy_button.clicked.connect(self.copy_for_support)
        self.copy_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.copy_button)
        # A paid link of this till: its receipt on the printer of Réglages (issue 15).
        self.print_button = QPushButton(self.tr("Imprimer le reçu"), self)
        self.print_button.setObjectName("print_receipt")
        self.print_button.clicked.connect(self.print_receipt)
        layout.addWidget(self.print_button)
        self.show_row(None)

    def _labels(self) -> list[tuple[str, str]]:
        return [
            ("transaction_id", self.tr("N° de transaction")), ("paid_at", self.tr("Date")),
            ("amount", self.tr("Montant")), ("status", self.tr("Statut")),
            ("result", self.tr("Code CinetPay")), ("operator", self.tr("Opérateur")),
            ("phone", self.tr("Téléphone")), ("payid", self.tr("PayID")),
            ("designation", self.tr("Description")), ("buyer_name", self.tr("Client")),
            ("custom", self.tr("Référence interne")), ("created_at", self.tr("Créée le")),
            ("updated_at", self.tr("Mise à jour le")),
            ("fetched_at", self.tr("Récupérée le")),
        ]

    def _values(self, row: HistoryRow) -> dict[str, str]:
        loc = locale_for(self.ctx.lang)
        paid = loc.toString(qt_datetime(row.paid_at), "dd/MM/yyyy HH:mm:ss") if row.paid_at \
            else self.tr("non payé")
        result = row.result_code or "—"
        if row.error_message:
            result = f"{result} ({row.error_message})"
        fetched = loc.toString(qt_datetime(_local(row.fetched_at)), "dd/MM/yyyy HH:mm") \
            if row.fetched_at else "—"
        return {
            "transaction_id": row.transaction_id,
            "paid_at": paid,
            "amount": f"{money(row.amount, row.currency, self.ctx.lang)} "
                      f"({row.amount.normalize():f} {row.currency})",
            "status": f"{status_name(row.status)} ({row.status})",
            "result": result,
            "operator": f"{operator_name(row.operator)} ({row.operator})" if row.operator
            else "—",
            "phone": f"+{row.phone_prefix} {row.phone}" if row.phone_prefix else
            (row.phone or "—"),
            "payid": row.payid or "—",
            "designation": row.designation or "—",
            "buyer_name": row.buyer_name or "—",
            "custom": row.custom or "—",
            "created_at": row.created_at or "—",
            "updated_at": row.updated_at or "—",
            "fetched_at": fetched,
        }

    def show_row(self, row: HistoryRow | None) -> None:
        self.current = row
        empty = row is None
        self.empty.setVisible(empty)
        for i in range(self.form.rowCount()):
            self.form.setRowVisible(i, not empty)
        self.copy_button.setEnabled(not empty)
        paid = row is not None and is_paid(row.status)
        self.print_button.setVisible(paid)
        if row is not None and paid:
            again = row.transaction_id in self.ctx.core.receipts.printed_receipts
            self.print_button.setText(self.tr("Réimprimer le reçu (DUPLICATA)") if again
                                      else self.tr("Imprimer le reçu"))
            if not again:  # printed before a restart or by another process: the journal says
                tid = row.transaction_id
                self.ctx.bridge.run(self.ctx.core.receipts.was_printed(tid),
                                    on_done=lambda printed: self._printed_before(tid, printed),
                                    on_error=lambda _exc: True)  # only the button's words
        if row is None:
            return
        for key, text in self._values(row).items():
            self.values[key].setText(text)

    def _printed_before(self, transaction_id: str, printed: bool) -> None:
        current = self.current
        if printed and current is not None and current.transaction_id == transaction_id:
            with contextlib.suppress(RuntimeError):  # the pane was closed meanwhile
                self.print_button.setText(self.tr("Réimprimer le reçu (DUPLICATA)"))

    def support_text(self, row: HistoryRow) -> str:
        values = self._values(row)
        lines = [self.tr("Comptoir — transaction CinetPay")]
        lines += [f"{label} : {values[key]}" if self.ctx.lang == "fr"
                  else f"{label}: {values[key]}" for key, label in self._labels()]
        return "\n".join(lines)

    def copy_for_support(self) -> None:
        if self.current is None:
            return
        QGuiApplication.clipboard().setText(self.support_text(self.current))
        self.ctx.messages.show_message(
            self.tr("Détail de la transaction {id} copié : collez-le dans votre message au "
                    "support.").format(id=self.current.transaction_id), "info", 5000)


    def print_receipt(self) -> None:
        """The receipt of the selected paid link (the print notice says how it went)."""
        if self.current is None:
            return
        self.ctx.bridge.run(self.ctx.core.receipts.print_receipt(self.current.transaction_id),
                            disable=[self.print_button],
                            on_done=lambda _job: self.show_row(self.current))


def _local(moment: datetime) -> datetime:
    """A stored UTC time as naive local time (QLocale formats naive datetimes as is)."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment
