"""Espèces: the cash drawer at the till (F4 from anywhere). Keyboard only: F4, the amount,
Enter records a cash sale; Alt+S (sortie) and Alt+A (apport) switch to a pay-out or a float,
which need a reason. A line shows the day's cash sales and the cash expected in the drawer.

Opened with ``open()`` (window-modal, no nested event loop). The movement id is chosen when
the form is (re)set and kept until the movement is journaled: a second Enter or a retry can
never record the same sale twice."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...api.errors import ValidationError
from ...services.accounting import days_period
from ...services.cash import CashRow, DrawerTotals, new_movement_id
from ...services.shop_time import shop_zone
from ..context import UiContext
from ..kit.amount_edit import AmountEdit
from ..kit.events import BusListener
from ..kit.formatting import money
from ..kit.forms import INVALID_SHEET, FieldErrors, error_label
from ..kit.messages import human_error

KINDS = ("sale", "payout", "float")


class CashDialog(QDialog):
    """``dialog.start()`` shows it ready for a cash sale; ``recorded`` carries the row."""

    recorded = Signal(object)  # CashRow

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("cashDialog")
        self.setWindowTitle(self.tr("Espèces"))
        self.setStyleSheet(INVALID_SHEET)
        self.setMinimumWidth(480)
        self.movement_id = new_movement_id()
        self.totals: DrawerTotals | None = None
        self._busy = False
        self._build()
        self.bus = BusListener(self, ctx.core.bus)
        self.set_kind("sale")

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        row = self._build_kinds()
        self._build_fields()
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Enregistrer"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("cashSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        close = buttons.addButton(self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Montant"), self.amount)
        form.addRow("", self.amount_error)
        form.addRow(self.text_label, self.text)
        form.addRow("", self.text_error)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.today_label)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _build_kinds(self) -> QHBoxLayout:
        """Vente / Sortie / Apport, each with its Alt key."""
        self.kind_group = QButtonGroup(self)
        row = QHBoxLayout()
        self.kind_buttons: dict[str, QPushButton] = {}
        names = (self.tr("Vente"), self.tr("Sortie"), self.tr("Apport"))
        for kind, text, key in zip(KINDS, names, ("Alt+V", "Alt+S", "Alt+A"), strict=True):
            button = QPushButton(f"{text} ({key})", self)
            button.setObjectName(f"cashKind_{kind}")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, k=kind: self.set_kind(k))
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            row.addWidget(button)
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(lambda k=kind: self.set_kind(k))
        return row

    def _build_fields(self) -> None:
        self.amount = AmountEdit(self.ctx.core.currency, self.ctx.lang, self)
        self.amount.setObjectName("cashAmount")
        self.amount.set_big(18)
        self.amount.setMinimumHeight(42)
        self.text = QLineEdit(self)
        self.text.setObjectName("cashText")
        self.text.setMaxLength(200)
        self.text_label = QLabel(self)
        self.text_label.setBuddy(self.text)
        self.errors = FieldErrors(self, self.ctx.lang)
        self.amount_error = self.errors.add("amount", self.amount)
        self.text_error = self.errors.add("reason", self.text, "description")
        self.today_label = QLabel(self)
        self.today_label.setObjectName("cashToday")
        font = QFont(self.today_label.font())
        font.setBold(True)
        self.today_label.setFont(font)
        self.today_label.setWordWrap(True)
        self.problem = error_label(self)
        self.problem.setObjectName("cashProblem")

    # --- what the cashier does ------------------------------------------------------------

    @property
    def kind(self) -> str:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)
        if kind == "sale":
            self.text_label.setText(self.tr("Description (facultatif)"))
            self.save_button.setText(self.tr("Enregistrer la vente"))
        else:
            self.text_label.setText(self.tr("Motif (obligatoire)"))
            self.save_button.setText(self.tr("Enregistrer la sortie") if kind == "payout"
                                     else self.tr("Enregistrer l'apport"))
        self.errors.clear()
        self.problem.hide()
        self.adjustSize()
        self.amount.setFocus(Qt.FocusReason.OtherFocusReason)
        self.amount.selectAll()

    def start(self, kind: str = "sale") -> None:
        """F4: shown (window-modal, without a nested loop), ready for a cash sale."""
        self.reset()
        self.set_kind(kind)
        self.totals = None  # until the day's figures are read again
        self.open()
        self.raise_()
        self.activateWindow()
        self.amount.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh_today()

    def reset(self) -> None:
        self.amount.clear()
        self.text.clear()
        self.errors.clear()
        self.movement_id = new_movement_id()

    def submit(self) -> None:
        """Enter: check here, then journal through the service (errors shown by the field)."""
        if self._busy:
            return
        if self.amount.refusal is not None:
            self.errors.show_error(self.amount.refusal)
            self.adjustSize()
            return
        amount = self.amount.value()
        if amount is None:
            self.errors.show("amount", self.tr("Saisissez le montant"))
            self.adjustSize()
            return
        self._busy = True
        kind, movement_id = self.kind, self.movement_id
        self.ctx.bridge.run(self._record(kind, amount, self.text.text(), movement_id),
                            disable=[self.save_button], on_done=self._recorded,
                            on_error=self._failed)

    async def _record(self, kind: str, amount: int, text: str, movement_id: str) -> CashRow:
        await self.ctx.core.cashiers.require("cash")
        return await self.ctx.core.cash.record(kind, amount, text, movement_id=movement_id)

    def _recorded(self, row: CashRow) -> None:
        self._busy = False
        self.reset()
        self.recorded.emit(row)
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        """Shown in the dialog (under its field, else above the buttons); the same movement
        id is kept for the retry."""
        self._busy = False
        if not (isinstance(exc, ValidationError) and self.errors.show_error(exc)):
            self.problem.setText(human_error(exc, self.ctx.lang))
            self.problem.show()
        self.adjustSize()  # room for the message
        return True

    def confirmation(self, row: CashRow) -> str:
        """What the message bar says once a movement is journaled."""
        words = {"sale": self.tr("Vente espèces enregistrée : {amount}"),
                 "payout": self.tr("Sortie d'espèces enregistrée : {amount}"),
                 "float": self.tr("Apport d'espèces enregistré : {amount}")}
        return words[row.kind].format(amount=money(row.amount, row.currency, self.ctx.lang))

    # --- the day's cash -------------------------------------------------------------------

    def on_cash_changed(self, _row: object = None) -> None:
        self.refresh_today()

    def refresh_today(self) -> None:
        zone = shop_zone(self.ctx.prefs.shop_timezone)
        today = datetime.now(zone).date() if zone else datetime.now().astimezone().date()
        period = days_period(today, today, zone)
        cash = self.ctx.core.cash
        self.ctx.bridge.run(cash.totals(*period, till=cash.till), on_done=self.show_today)

    def show_today(self, totals: DrawerTotals) -> None:
        """ "Espèces aujourd'hui : 12 500 F CFA · attendu en caisse : 20 500 F CFA"."""
        self.totals = totals
        lang = self.ctx.lang
        self.today_label.setText(
            self.tr("Espèces aujourd'hui : {sales} · attendu en caisse : {expected}").format(
                sales=money(totals.sales, totals.currency, lang),
                expected=money(totals.expected, totals.currency, lang)))
