"""Encaisser: what a cashier does fifty times a day (design.md §6).

Type the amount, press Enter: the link is created (journal first, through the bridge, the form
disabled meanwhile), its QR appears large with the amount written for people and the status.
While it waits for the customer, the status is checked on demand ("Vérifier") and by a
bounded, backing-off check that stops at a final status, after a bounded number of checks, when
another link is shown or when the window closes. Below: today's links."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...api.errors import CinetPayError, NotSent, ValidationError
from ...api.models import Channel, Customer
from ...output.qr import save_qr
from ...store.links import LinkRow
from ...store.states import State
from ..context import UiContext
from ..customer_window import CustomerWindow
from ..dialogs import ask_save_path
from ..kit.amount_edit import AmountEdit
from ..kit.bridge import open_dialog
from ..kit.events import BusListener, Debounced, loop_running
from ..kit.formatting import money
from ..kit.forms import INVALID_SHEET, FieldErrors
from ..kit.tab import Tab
from ..links_model import LinksModel
from ..qr_view import QrWidget, StatusBanner, present, render_qr_page, tone_sheet

# Customer fields shown when asked for (all required by CinetPay for card payments).
CUSTOMER_FIELDS = ("name", "surname", "phone_number", "email", "address", "city", "country",
                   "state", "zip_code")


class StatusChecker(QObject):
    """Bounded, backing-off status check of one link. Waits are Qt timers (nothing pending
    in asyncio between checks); each check is one short bridge operation."""

    INTERVALS: tuple[float, ...] = (3.0, 5.0, 8.0, 13.0, 20.0, 30.0)  # then the last repeats
    MAX_CHECKS = 25  # about ten minutes in all
    checked = Signal(object)  # LinkRow
    stopped = Signal()

    def __init__(self, tab: CheckoutTab) -> None:
        super().__init__(tab)
        self._tab = tab
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self.transaction_id: str | None = None
        self.count = 0
        self._generation = 0
        self._in_flight = False

    @property
    def active(self) -> bool:
        return self.transaction_id is not None

    def start(self, transaction_id: str) -> None:
        self.stop(emit=False)
        self.transaction_id = transaction_id
        self.count = 0
        self._schedule()

    def stop(self, emit: bool = True) -> None:
        was_active = self.active
        self._generation += 1
        self._timer.stop()
        self.transaction_id = None
        self._in_flight = False
        if was_active and emit:
            self.stopped.emit()

    def next_interval(self) -> float:
        return self.INTERVALS[min(self.count, len(self.INTERVALS) - 1)]

    def _schedule(self) -> None:
        if self.count >= self.MAX_CHECKS:
            self.stop()
            return
        self._timer.start(int(self.next_interval() * 1000))

    def _tick(self) -> None:
        transaction_id, generation = self.transaction_id, self._generation
        if transaction_id is None or self._in_flight:
            return
        if not loop_running():  # starting or shutting down: try again later
            self._schedule()
            return
        self.count += 1
        self._in_flight = True
        core = self._tab.ctx.core

        async def check() -> LinkRow | None:
            if core.offline:  # the connectivity probe watches the network meanwhile
                return None
            return await core.links.refresh(transaction_id, quiet=True)

        def done(row: LinkRow | None) -> None:
            if generation != self._generation:
                return
            self._in_flight = False
            if row is not None:
                self.checked.emit(row)
                if not CheckoutTab.needs_checking(row):
                    self.stop()
                    return
            self._schedule()

        def failed(_exc: BaseException) -> bool:
            done(None)
            return True  # an automatic check never pops an error; "Vérifier" does

        self._tab.ctx.bridge.run(check(), on_done=done, on_error=failed)


class CheckoutTab(Tab):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.lang = ctx.lang
        self.current: LinkRow | None = None
        self.customer_window: CustomerWindow | None = None
        self._creating = False
        self.checker = StatusChecker(self)
        self.checker.checked.connect(self._update_current)
        self._reloader = Debounced(self._reload_now, 250, self)  # bulk refreshes emit hundreds
        self._build()
        self.bus = BusListener(self, ctx.core.bus)
        self._render_current()

    def title(self) -> str:
        return self.tr("Encaisser")

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.setStyleSheet(INVALID_SHEET)
        self.errors = FieldErrors(self, self.lang)

        # left: the form, then today's links
        self.form_box = QWidget(self)
        form = QGridLayout(self.form_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(4)
        heading = QLabel(self.tr("Nouveau paiement"), self.form_box)
        heading_font = QFont(heading.font())
        heading_font.setPointSize(heading_font.pointSize() + 3)
        heading_font.setBold(True)
        heading.setFont(heading_font)
        form.addWidget(heading, 0, 0, 1, 2)

        self.amount = AmountEdit(self.ctx.core.settings.currency, self.lang, self.form_box)
        self.amount.set_big(22)
        self.amount.setMinimumHeight(48)
        self.amount.setAccessibleName(self.tr("Montant"))
        self.amount.returnPressed.connect(self.submit)
        self.description = QLineEdit(self.ctx.prefs.description, self.form_box)
        self.description.setPlaceholderText(self.ctx.prefs.description)
        self.description.setMaxLength(255)
        self.description.returnPressed.connect(self.submit)
        self.channels = QComboBox(self.form_box)
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
            label = QLabel(text, self.form_box)
            label.setBuddy(widget)
            form.addWidget(label, row, 0)
            form.addWidget(widget, row, 1)
            form.addWidget(self.errors.add(field, widget, *(("currency",)
                                                            if field == "amount" else ())),
                           row + 1, 1)
            row += 2

        self.customer_toggle = QToolButton(self.form_box)
        self.customer_toggle.setCheckable(True)
        self.customer_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.customer_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.customer_toggle.setAutoRaise(True)
        self.customer_toggle.toggled.connect(self._show_customer)
        form.addWidget(self.customer_toggle, row, 0, 1, 2)
        row += 1
        self.customer_box = QWidget(self.form_box)
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
        form.addWidget(self.customer_box, row, 0, 1, 2)
        row += 1

        self.create_button = QPushButton(self.tr("Créer le lien de paiement (Entrée)"),
                                         self.form_box)
        self.create_button.setMinimumHeight(36)
        self.create_button.clicked.connect(self.submit)
        form.addWidget(self.create_button, row, 0, 1, 2)
        form.setColumnStretch(1, 1)

        self.today_label = QLabel(self)
        today_font = QFont(self.today_label.font())
        today_font.setBold(True)
        self.today_label.setFont(today_font)
        self.today_label.setWordWrap(True)
        self.model = LinksModel(self.lang, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(self.tr("Paiements du jour"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((50, 105, 125, 110, 110)):  # fits the 540 px pane
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._show_selected)
        self.table.doubleClicked.connect(self._show_selected)
        self.show_button = QPushButton(self.tr("Afficher son QR"), self)
        self.show_button.clicked.connect(lambda: self._show_selected(self.table.currentIndex()))
        self.verify_all_button = QPushButton(
            self.tr("Vérifier tous les paiements en attente (F5)"), self)
        self.verify_all_button.clicked.connect(self.refresh)
        table_buttons = QHBoxLayout()
        table_buttons.addWidget(self.show_button)
        table_buttons.addStretch(1)
        table_buttons.addWidget(self.verify_all_button)

        left = QVBoxLayout()
        left.addWidget(self.form_box)
        left.addSpacing(10)
        left.addWidget(self.today_label)
        left.addLayout(table_buttons)
        left.addWidget(self.table, 1)

        # right: the QR panel
        self.panel = QFrame(self)
        self.panel.setObjectName("qrPanel")
        self.panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.panel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.amount_label = QLabel(self.panel)
        big = QFont(self.amount_label.font())
        big.setPointSize(28)
        big.setBold(True)
        self.amount_label.setFont(big)
        self.amount_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.amount_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption_label = QLabel(self.panel)
        self.caption_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption_label.setStyleSheet("color:#5f6368;")
        self.qr = QrWidget(320, self.panel)
        self.banner = StatusBanner(20, self.panel)
        self.detail_label = QLabel(self.panel)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_label.setWordWrap(True)
        self.url_label = QLabel(self.panel)
        self.url_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_label.setStyleSheet("color:#5f6368;")
        self.url_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.verify_button = QPushButton(self.tr("&Vérifier"), self.panel)
        self.verify_button.setToolTip(self.tr("Demander à CinetPay où en est ce paiement"))
        self.verify_button.clicked.connect(self.verify_current)
        self.copy_button = QPushButton(self.tr("&Copier le lien"), self.panel)
        self.copy_button.clicked.connect(self.copy_link)
        self.save_button = QPushButton(self.tr("Enre&gistrer…"), self.panel)
        self.save_button.setToolTip(self.tr("Enregistrer le QR code (PNG ou SVG)"))
        self.save_button.clicked.connect(self._save_clicked)
        self.print_button = QPushButton(self.tr("&Imprimer…"), self.panel)
        self.print_button.clicked.connect(self._print_clicked)
        self.customer_button = QPushButton(self.tr("Montrer au c&lient"), self.panel)
        self.customer_button.setToolTip(
            self.tr("Ouvrir le QR dans une fenêtre pour l'écran tourné vers le client"))
        self.customer_button.clicked.connect(self.show_customer_window)
        actions = QHBoxLayout()
        for button in (self.verify_button, self.copy_button, self.save_button,
                       self.print_button, self.customer_button):
            actions.addWidget(button)

        self.training_note = QLabel(self.panel)
        self.training_note.setWordWrap(True)
        self.training_note.setStyleSheet("color:#8a5300;")
        self.training_note.setText(self.tr(
            "FORMATION : ce QR mène à la page de paiement du simulateur ; ouvrez-la pour "
            "jouer le client (payer ou refuser)."))
        self.open_page_button = QPushButton(self.tr("Ouvrir la page de paiement"), self.panel)
        self.open_page_button.clicked.connect(self.open_payment_page)
        training = QHBoxLayout()
        training.addWidget(self.training_note, 1)
        training.addWidget(self.open_page_button)
        self.training_note.setVisible(self.ctx.training)
        self.open_page_button.setVisible(self.ctx.training)

        panel = QVBoxLayout(self.panel)
        panel.setContentsMargins(16, 12, 16, 12)
        panel.addWidget(self.amount_label)
        panel.addWidget(self.caption_label)
        panel.addWidget(self.qr, 1)
        panel.addWidget(self.banner)
        panel.addWidget(self.detail_label)
        panel.addWidget(self.url_label)
        panel.addLayout(actions)
        panel.addLayout(training)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 5)
        layout.addWidget(self.panel, 6)

        order = [self.amount, self.description, self.channels, self.customer_toggle,
                 *self.customer.values(), self.create_button, self.verify_button,
                 self.copy_button, self.save_button, self.print_button, self.customer_button,
                 self.show_button, self.verify_all_button, self.table]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.form_box, self._escape,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._channel_changed()

    # --- the form -----------------------------------------------------------------------

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

    def _customer(self) -> Customer:
        return Customer(**{name: edit.text().strip() for name, edit in self.customer.items()})

    def submit(self) -> None:
        """Enter: check here (nothing sent while a field is wrong), then create the link."""
        if self._creating:
            return
        self.errors.clear()
        amount = self.amount.value()
        if amount is None or amount == 0:
            self.errors.show("amount", self.tr("Saisissez le montant à encaisser"))
            return
        description = self.description.text().strip() or self.ctx.prefs.description
        channel = Channel(self.channels.currentData())
        customer = self._customer()
        if channel == Channel.CREDIT_CARD:
            missing = [name for name in CUSTOMER_FIELDS if not getattr(customer, name)]
            if missing:
                self.customer_toggle.setChecked(True)
                for i, name in enumerate(missing):
                    self.errors.show(f"customer_{name}",
                                     self.tr("Obligatoire pour le paiement par carte"),
                                     focus=i == 0)
                return
        options = {"channels": (channel,), "customer": customer}
        try:
            self.ctx.core.links.build_request(amount, description, **options)
        except ValidationError as err:
            self._field_error(err)
            return
        self._creating = True
        self.ctx.bridge.run(self.ctx.core.links.create(amount, description, **options),
                            disable=[self.form_box], on_done=self._created,
                            on_error=self._create_failed)

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
        self.show_link(row)
        kind = present(row, self.lang).kind
        if kind == "uncertain":
            self.ctx.messages.show_message(self.tr(
                "Réponse perdue : vérification en cours. Le lien ne sera pas créé deux fois."),
                "warning")
        elif kind == "nourl":
            self.ctx.messages.show_message(self.tr(
                "Ce lien ne peut pas être montré (son adresse s'est perdue) : "
                "créez un nouveau lien pour ce client."), "warning")
        elif kind == "anomaly":
            self.ctx.messages.show_message(self.tr(
                "Paiement à vérifier : {reason}. Aucun QR n'est montré ; créez un nouveau "
                "lien pour ce client.").format(reason=present(row, self.lang).detail),
                "error")
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

    # --- the link on screen -------------------------------------------------------------

    @staticmethod
    def needs_checking(row: LinkRow) -> bool:
        return present(row).kind in ("pending", "uncertain", "sending")

    def show_link(self, row: LinkRow) -> None:
        """Show ``row`` (new or re-shown from the list) and follow it until final."""
        same = self.current is not None and self.current.transaction_id == row.transaction_id
        self.current = row
        self._render_current()
        if self.needs_checking(row):
            if not same or not self.checker.active:
                self.checker.start(row.transaction_id)
        else:
            self.checker.stop()
        if self.customer_window is not None:
            self.customer_window.show_link(row)

    def _update_current(self, row: LinkRow) -> None:
        """A newer view of a link (check, list reload): redraw when it is the one shown."""
        if self.current is None or row.transaction_id != self.current.transaction_id:
            return
        before = present(self.current, self.lang).kind
        if row == self.current:
            return
        self.current = row
        self._render_current()
        after = present(row, self.lang).kind
        if not self.needs_checking(row):
            self.checker.stop()
        if self.customer_window is not None:
            self.customer_window.show_link(row)
        if after == "paid" and before != "paid":
            self.ctx.messages.show_message(
                self.tr("Paiement reçu : {amount}").format(
                    amount=money(row.amount, row.currency, self.lang)), "success", 8000)

    def _render_current(self) -> None:
        row = self.current
        p = present(row, self.lang)
        self.presentation = p
        self.panel.setStyleSheet(tone_sheet(p.kind, "qrPanel"))
        if row is None:
            self.amount_label.setText("")
            self.caption_label.setText("")
            self.qr.set_url(None)
            self.qr.set_placeholder(self.tr(
                "Saisissez un montant puis Entrée :\nle QR code du paiement s'affichera ici."))
            self.banner.set_status("empty", "")
            self.detail_label.setText("")
            self.url_label.setText("")
        else:
            self.amount_label.setText(money(row.amount, row.currency, self.lang))
            self.caption_label.setText(f"{row.description} · {row.transaction_id}")
            self.qr.set_url(row.payment_url if p.shows_qr else None)
            self.qr.set_placeholder(self.tr("Vérification en cours…") if p.kind in
                                    ("uncertain", "sending")
                                    else self.tr("Pas de QR : créez un nouveau lien."))
            self.banner.set_status(p.kind, p.title)
            self.detail_label.setText(p.detail)
            shown = (row.payment_url or "") if p.shows_qr else ""  # no address for an anomaly
            self.url_label.setText(shown)
            self.url_label.setToolTip(shown)
        has_qr = bool(row and row.payment_url and p.shows_qr)
        for button in (self.copy_button, self.save_button, self.print_button,
                       self.customer_button, self.open_page_button):
            button.setEnabled(has_qr)
        self.verify_button.setEnabled(row is not None and row.state not in
                                      (State.FINAL, State.FAILED, State.QUEUED))

    def _show_selected(self, index) -> None:
        row = self.model.row_at(index) if index is not None else None
        if row is None:
            self.ctx.messages.show_message(self.tr("Choisissez d'abord un paiement dans la liste"),
                                           "info", 4000)
            return
        self.show_link(row)

    def verify_current(self) -> None:
        row = self.current
        if row is None:
            return
        self.verify_button.setEnabled(False)

        def done(updated: LinkRow) -> None:
            self._update_current(updated)
            if self.needs_checking(updated) and not self.checker.active:
                self.checker.start(updated.transaction_id)  # another bounded round
            QTimer.singleShot(0, self._render_current)

        def failed(exc: BaseException) -> bool:
            QTimer.singleShot(0, self._render_current)
            return False  # to the message bar

        self.ctx.bridge.run(self.ctx.core.links.refresh(row.transaction_id), on_done=done,
                            on_error=failed)

    # --- actions on the QR --------------------------------------------------------------

    def current_url(self) -> str:
        row = self.current
        return row.payment_url or "" if row is not None and self.presentation.shows_qr else ""

    def copy_link(self) -> None:
        url = self.current_url()
        if url:
            QGuiApplication.clipboard().setText(url)
            self.ctx.messages.show_message(self.tr("Lien copié"), "info", 3000)

    def open_payment_page(self) -> None:
        url = self.current_url()
        if url:
            QDesktopServices.openUrl(QUrl(url))

    def _save_clicked(self) -> None:
        if self.current_url():
            self.ctx.bridge.run(self.save_current(), disable=[self.save_button])

    async def save_current(self):
        row = self.current
        if row is None or not self.current_url():
            return None
        path = await ask_save_path(self, self.tr("Enregistrer le QR code"),
                                   [self.tr("Image PNG (*.png)"), self.tr("Image SVG (*.svg)")],
                                   f"paiement-{row.transaction_id}.png")
        if path is None:
            return None
        return self.save_qr_to(path)

    def save_qr_to(self, path):
        url = self.current_url()
        if not url:
            return None
        try:
            saved = save_qr(url, path, scale=10)
        except (OSError, ValueError) as exc:
            self.ctx.messages.show_message(
                self.tr("QR code non enregistré : {why}").format(why=exc), "error")
            return None
        self.ctx.messages.show_message(
            self.tr("QR code enregistré : {path}").format(path=saved), "success", 5000)
        return saved

    def _print_clicked(self) -> None:
        if self.current_url():
            self.ctx.bridge.run(self.print_current(), disable=[self.print_button])

    async def print_current(self) -> bool:
        if not self.current_url():
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Imprimer le QR code"))
        try:
            if await open_dialog(dialog) != QPrintDialog.DialogCode.Accepted:
                return False
            return self.print_to(printer)
        finally:
            dialog.deleteLater()

    def print_to(self, printer: QPrinter) -> bool:
        row, url = self.current, self.current_url()
        if row is None or not url:
            return False
        lines = [row.description,
                 self.tr("Scannez ce code avec votre téléphone pour payer."),
                 self.tr("Référence : {ref}").format(ref=row.transaction_id)]
        try:
            render_qr_page(printer, url, row.amount, row.currency, self.lang, lines)
        except OSError as exc:
            self.ctx.messages.show_message(str(exc), "error")
            return False
        return True

    def show_customer_window(self) -> None:
        if self.current is None:
            return
        if self.customer_window is None:
            self.customer_window = CustomerWindow(self.lang, self)
        self.customer_window.show_link(self.current)
        self.customer_window.present_window()

    # --- today's links ------------------------------------------------------------------

    def refresh(self) -> None:
        """F5: ask CinetPay about every payment still waiting."""
        self.ctx.bridge.run(self.ctx.core.links.refresh_all(), disable=[self.verify_all_button],
                            on_done=self._verified_all)

    def _verified_all(self, rows: list[LinkRow]) -> None:
        self.reload()
        if not rows:
            self.ctx.messages.show_message(self.tr("Aucun paiement en attente"), "info", 4000)
            return
        if self.ctx.core.offline:
            self.ctx.messages.show_message(self.tr(
                "Hors ligne : vérification impossible pour l'instant."), "warning")
            return
        kinds = [present(r, self.lang).kind for r in rows]
        paid, refused, to_check = (kinds.count(k) for k in ("paid", "refused", "anomaly"))
        waiting = len(rows) - paid - refused - to_check
        text = self.tr(
            "%n paiement(s) vérifié(s) : {paid}, {refused}, {waiting} encore en attente.", "",
            len(rows)).format(paid=self.tr("%n payé(s)", "", paid),
                              refused=self.tr("%n refusé(s)", "", refused),
                              waiting=waiting)
        if to_check:  # never counted as paid
            text += " " + self.tr("%n paiement(s) à vérifier.", "", to_check)
        self.ctx.messages.show_message(text, "warning" if to_check else "info", 8000)

    def reload(self) -> None:
        self._reloader.trigger()

    def _reload_now(self) -> None:
        self.ctx.bridge.run(self.ctx.core.links.list_today(), on_done=self._apply_rows)

    def _apply_rows(self, rows: list[LinkRow]) -> None:
        self.model.set_rows(list(reversed(rows)))
        paid = [r for r in rows if present(r, self.lang).kind == "paid"]  # never an anomaly
        total = sum(r.amount for r in paid if r.currency == self.ctx.core.settings.currency)
        self.today_label.setText(self.tr(
            "Aujourd'hui : %n lien(s), {paid}, total encaissé {total}", "", len(rows)).format(
                paid=self.tr("%n payé(s)", "", len(paid)),
                total=money(total, self.ctx.core.settings.currency, self.lang)))
        if self.current is not None:
            for row in rows:
                if row.transaction_id == self.current.transaction_id:
                    self._update_current(row)
                    break

    # --- life ---------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.amount.currency != self.ctx.core.settings.currency:
            self.amount.set_currency(self.ctx.core.settings.currency)
        self.on_shown()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        if not self.window().isVisible():  # the window closes (a tab switch keeps checking)
            self.checker.stop()
            if self.customer_window is not None:
                self.customer_window.close()

    def on_links_changed(self, _payload: object = None) -> None:
        self.mark_dirty()

    def teardown(self) -> None:
        """The main window drops this session: no more events, checks or reloads."""
        self.bus.close()
        self._reloader.cancel()
        self.checker.stop()
        if self.customer_window is not None:
            self.customer_window.close()

    def closeEvent(self, event) -> None:
        self.checker.stop()
        if self.customer_window is not None:
            self.customer_window.close()
        super().closeEvent(event)
