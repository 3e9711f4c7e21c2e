"""The Encaisser form: amount, description, payment methods and, on demand (required for a
card), the customer. Enter checks everything here (nothing is sent while a field is wrong,
the reason is said under the field) and then creates the link, the form disabled meanwhile."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from ...api.errors import CinetPayError, NotSent, ValidationError
from ...api.models import Channel, Customer
from ...store.links import LinkRow
from ..context import UiContext
from ..kit.amount_edit import AmountEdit
from ..kit.forms import FieldErrors

# Customer fields shown when asked for (all required by CinetPay for card payments).
CUSTOMER_FIELDS = ("name", "surname", "phone_number", "email", "address", "city", "country",
                   "state", "zip_code")


class CheckoutForm(QWidget):
    created = Signal(object)  # LinkRow: the link exists in the journal (whatever its outcome)

    def __init__(self, ctx: UiContext, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lang = ctx.lang
        self.errors = FieldErrors(self, self.lang)
        self._creating = False
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setVerticalSpacing(4)
        self._build_fields(currency)
        self._build_customer()
        self.create_button = QPushButton(self.tr("Créer le lien de paiement (Entrée)"), self)
        self.create_button.setMinimumHeight(36)
        self.create_button.clicked.connect(self.submit)
        self.grid.addWidget(self.create_button, self.grid.rowCount(), 0, 1, 2)
        self.grid.setColumnStretch(1, 1)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self._escape,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._channel_changed()

    def _build_fields(self, currency: str) -> None:
        heading = QLabel(self.tr("Nouveau paiement"), self)
        heading_font = QFont(heading.font())
        heading_font.setPointSize(heading_font.pointSize() + 3)
        heading_font.setBold(True)
        heading.setFont(heading_font)
        self.grid.addWidget(heading, 0, 0, 1, 2)
        self.amount = AmountEdit(currency, self.lang, self)
        self.amount.set_big(22)
        self.amount.setMinimumHeight(48)
        self.amount.setAccessibleName(self.tr("Montant"))
        self.amount.returnPressed.connect(self.submit)
        self.description = QLineEdit(self.ctx.prefs.description, self)
        self.description.setPlaceholderText(self.ctx.prefs.description)
        self.description.setMaxLength(255)
        self.description.returnPressed.connect(self.submit)
        self.channels = QComboBox(self)
        for text, channel in ((self.tr("Tous les moyens de paiement"), Channel.ALL),
                              (self.tr("Mobile money"), Channel.MOBILE_MONEY),
                              (self.tr("Carte bancaire"), Channel.CREDIT_CARD),
                              (self.tr("Portefeuille (wallet)"), Channel.WALLET)):
            self.channels.addItem(text, str(channel))
        self.channels.currentIndexChanged.connect(self._channel_changed)
        row = 1
        for text, widget, field in ((self.tr("&Montant"), self.amount, "amount"),
                                    (self.tr("&Description"), self.description, "description"),
                                    (self.tr("Moyens de &paiement"), self.channels,
                                     "channels")):
            label = QLabel(text, self)
            label.setBuddy(widget)
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(widget, row, 1)
            aliases = ("currency",) if field == "amount" else ()
            self.grid.addWidget(self.errors.add(field, widget, *aliases), row + 1, 1)
            row += 2

    def _build_customer(self) -> None:
        self.customer_toggle = QToolButton(self)
        self.customer_toggle.setCheckable(True)
        self.customer_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.customer_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.customer_toggle.setAutoRaise(True)
        self.customer_toggle.toggled.connect(self._show_customer)
        self.grid.addWidget(self.customer_toggle, self.grid.rowCount(), 0, 1, 2)
        self.customer_box = QWidget(self)
        cust = QGridLayout(self.customer_box)
        cust.setContentsMargins(16, 0, 0, 0)
        cust.setVerticalSpacing(2)
        titles = {"name": self.tr("Nom"), "surname": self.tr("Prénom"),
                  "phone_number": self.tr("Téléphone"), "email": self.tr("E-mail"),
                  "address": self.tr("Adresse"), "city": self.tr("Ville"),
                  "country": self.tr("Pays (code, ex. CI)"),
                  "state": self.tr("Région (code, ex. AB)"), "zip_code": self.tr("Code postal")}
        self.customer: dict[str, QLineEdit] = {}
        for i, name in enumerate(CUSTOMER_FIELDS):
            edit = QLineEdit(self.customer_box)
            edit.returnPressed.connect(self.submit)
            if name in ("country", "state"):
                edit.setMaxLength(2)
                edit.textEdited.connect(lambda t, e=edit: self._upper(e, t))
            if name == "zip_code":
                edit.setMaxLength(5)
            self.customer[name] = edit
            label = QLabel(titles[name], self.customer_box)
            label.setBuddy(edit)
            r, c = divmod(i, 2)
            cust.addWidget(label, r * 3, c)
            cust.addWidget(edit, r * 3 + 1, c)
            cust.addWidget(self.errors.add(f"customer_{name}", edit), r * 3 + 2, c)
        self.customer_box.hide()
        self.grid.addWidget(self.customer_box, self.grid.rowCount(), 0, 1, 2)

    # --- behaviour ----------------------------------------------------------------------

    def start_new_link(self) -> None:
        """F2: focus the amount, ready to type over."""
        self.amount.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.amount.selectAll()

    def _escape(self) -> None:
        self.errors.clear()
        self.amount.clear()
        self.start_new_link()

    def _upper(self, edit: QLineEdit, text: str) -> None:
        if text != text.upper():
            position = edit.cursorPosition()
            edit.setText(text.upper())
            edit.setCursorPosition(position)

    def _show_customer(self, shown: bool) -> None:
        self.customer_box.setVisible(shown)
        self.customer_toggle.setArrowType(Qt.ArrowType.DownArrow if shown
                                          else Qt.ArrowType.RightArrow)

    def _channel_changed(self, *_: object) -> None:
        card = self.channels.currentData() == str(Channel.CREDIT_CARD)
        self.customer_toggle.setText(self.tr("Client (obligatoire pour la carte)") if card
                                     else self.tr("Client (facultatif)"))
        if card:
            self.customer_toggle.setChecked(True)

    # --- create -------------------------------------------------------------------------

    def submit(self) -> None:
        """Enter: check here (nothing sent while a field is wrong), then create the link."""
        if self._creating:
            return
        order = self._read()
        if order is None:
            return
        amount, description, options = order
        self._creating = True
        self.ctx.bridge.run(self.ctx.core.links.create(amount, description, **options),
                            disable=[self], on_done=self._created,
                            on_error=self._create_failed)

    def _read(self) -> tuple[int, str, dict[str, Any]] | None:
        """The link asked for, or None after saying under the fields what is wrong."""
        self.errors.clear()
        amount = self.amount.value()
        if amount is None or amount == 0:
            self.errors.show("amount", self.tr("Saisissez le montant à encaisser"))
            return None
        description = self.description.text().strip() or self.ctx.prefs.description
        channel = Channel(self.channels.currentData())
        customer = Customer(**{name: edit.text().strip()
                               for name, edit in self.customer.items()})
        if channel == Channel.CREDIT_CARD:
            missing = [name for name in CUSTOMER_FIELDS if not getattr(customer, name)]
            if missing:
                self.customer_toggle.setChecked(True)
                for i, name in enumerate(missing):
                    self.errors.show(f"customer_{name}",
                                     self.tr("Obligatoire pour le paiement par carte"),
                                     focus=i == 0)
                return None
        options: dict[str, Any] = {"channels": (channel,), "customer": customer}
        try:
            self.ctx.core.links.build_request(amount, description, **options)
        except ValidationError as err:
            self._field_error(err)
            return None
        return amount, description, options

    def _field_error(self, err: ValidationError) -> None:
        if err.field.startswith("customer_"):
            self.customer_toggle.setChecked(True)
        if not self.errors.show_error(err):
            self.ctx.messages.show_error(err)

    def _created(self, row: LinkRow) -> None:
        self._creating = False
        self.amount.clear()
        self.description.setText(self.ctx.prefs.description)
        for edit in self.customer.values():  # the next sale is another customer
            edit.clear()
        self.created.emit(row)
        QTimer.singleShot(0, self.start_new_link)

    def _create_failed(self, exc: BaseException) -> bool:
        self._creating = False
        QTimer.singleShot(0, self.start_new_link)  # amount kept: Enter tries again
        if isinstance(exc, ValidationError):
            self._field_error(exc)
            return True
        if isinstance(exc, NotSent):
            self.ctx.messages.show_message(self.tr(
                "Lien non créé : CinetPay est injoignable (pas de réseau ?). Rien n'a été "
                "envoyé ; réessayez quand le réseau revient."), "error")
            return True
        if isinstance(exc, CinetPayError):
            text = exc.human(self.lang)
            self.ctx.messages.show_message(
                self.tr("Lien non créé : {reason}").format(reason=text), "error")
            return True
        return False
