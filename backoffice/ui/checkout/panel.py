"""The QR panel of Encaisser: the amount, the QR, the status in words and colour, the payment
address, and what can be done with the QR (copy, save, print, open the page in training)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...output.qr import save_qr
from ...platform.open import open_url
from ...services.outcomes import link_cancellable, link_checkable
from ...store.links import LinkRow
from ..context import UiContext
from ..kit.bridge import print_with_dialog
from ..kit.files import ask_save_path
from ..kit.formatting import money
from .qr_view import QrWidget, StatusBanner, render_qr_page
from .wording import Presentation, present, tone_sheet

GREY = "color:#5f6368;"


class QrPanel(QFrame):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lang = ctx.lang
        self.row: LinkRow | None = None
        self.presentation = present(None)
        self.setObjectName("qrPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self._build_labels()
        self._build_buttons()
        self._build_training()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        for widget, stretch in ((self.amount_label, 0), (self.caption_label, 0), (self.qr, 1),
                                (self.banner, 0), (self.detail_label, 0), (self.url_label, 0)):
            layout.addWidget(widget, stretch)
        layout.addLayout(self.action_row)
        layout.addLayout(self.training_row)

    def _build_labels(self) -> None:
        self.amount_label = QLabel(self)
        big = QFont(self.amount_label.font())
        big.setPointSize(28)
        big.setBold(True)
        self.amount_label.setFont(big)
        self.amount_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.amount_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption_label = QLabel(self)
        self.caption_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption_label.setStyleSheet(GREY)
        self.qr = QrWidget(320, self)
        self.banner = StatusBanner(20, self)
        self.detail_label = QLabel(self)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_label.setWordWrap(True)
        self.url_label = QLabel(self)
        self.url_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_label.setStyleSheet(GREY)
        self.url_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def _build_buttons(self) -> None:
        self.verify_button = QPushButton(self.tr("&Vérifier"), self)  # wired by the tab
        self.verify_button.setToolTip(self.tr("Demander à CinetPay où en est ce paiement"))
        self.copy_button = QPushButton(self.tr("&Copier le lien"), self)
        self.copy_button.clicked.connect(self.copy_link)
        self.save_button = QPushButton(self.tr("Enre&gistrer…"), self)
        self.save_button.setToolTip(self.tr("Enregistrer le QR code (PNG ou SVG)"))
        self.save_button.clicked.connect(self._save_clicked)
        self.print_button = QPushButton(self.tr("&Imprimer…"), self)
        self.print_button.clicked.connect(self._print_clicked)
        self.customer_button = QPushButton(self.tr("Montrer au c&lient"), self)  # the tab's
        self.customer_button.setToolTip(
            self.tr("Ouvrir le QR dans une fenêtre pour l'écran tourné vers le client"))
        self.cancel_button = QPushButton(self.tr("&Annuler"), self)  # wired by the tab
        self.cancel_button.setToolTip(self.tr(
            "Annuler ce lien : son QR disparaît. CinetPay ne permet pas d'annuler un lien : "
            "dites au client de ne pas payer (un paiement tardif serait signalé)."))
        self.action_row = QHBoxLayout()
        for button in (self.verify_button, self.copy_button, self.save_button,
                       self.print_button, self.customer_button, self.cancel_button):
            self.action_row.addWidget(button)

    def _build_training(self) -> None:
        self.training_note = QLabel(self)
        self.training_note.setWordWrap(True)
        self.training_note.setStyleSheet("color:#8a5300;")
        self.training_note.setText(self.tr(
            "FORMATION : ce QR mène à la page de paiement du simulateur ; ouvrez-la pour "
            "jouer le client (payer ou refuser)."))
        self.open_page_button = QPushButton(self.tr("Ouvrir la page de paiement"), self)
        self.open_page_button.clicked.connect(self.open_payment_page)
        self.training_row = QHBoxLayout()
        self.training_row.addWidget(self.training_note, 1)
        self.training_row.addWidget(self.open_page_button)
        self.training_note.setVisible(self.ctx.training)
        self.open_page_button.setVisible(self.ctx.training)

    # --- the link shown -----------------------------------------------------------------

    def show_link(self, row: LinkRow | None) -> None:
        self.row = row
        p = self.presentation = present(row, self.lang)
        self.setStyleSheet(tone_sheet(p.outcome, "qrPanel"))
        if row is None:
            self._show_nothing()
        else:
            self._show(row, p)
        has_qr = bool(self.current_url())
        for button in (self.copy_button, self.save_button, self.print_button,
                       self.customer_button, self.open_page_button):
            button.setEnabled(has_qr)
        self.verify_button.setEnabled(row is not None and link_checkable(row))
        self.cancel_button.setEnabled(row is not None and link_cancellable(row))

    def _show_nothing(self) -> None:
        for label in (self.amount_label, self.caption_label, self.detail_label,
                      self.url_label):
            label.setText("")
        self.qr.set_url(None)
        self.qr.set_placeholder(self.tr(
            "Saisissez un montant puis Entrée :\nle QR code du paiement s'affichera ici."))
        self.banner.set_status(None, "")

    def _show(self, row: LinkRow, p: Presentation) -> None:
        self.amount_label.setText(money(row.amount, row.currency, self.lang))
        self.caption_label.setText(f"{row.description} · {row.transaction_id}")
        self.qr.set_url(self.current_url() or None)
        self.qr.set_placeholder(self.tr("Vérification en cours…") if p.being_checked
                                else self.tr("Pas de QR : créez un nouveau lien."))
        self.banner.set_status(p.outcome, p.title)
        self.detail_label.setText(p.detail)
        shown = self.current_url()  # no address for an anomaly
        self.url_label.setText(shown)
        self.url_label.setToolTip(shown)

    def current_url(self) -> str:
        """The address to show, copy, save or print ("" when the QR must not be shown)."""
        row = self.row
        return row.payment_url or "" if row is not None and self.presentation.shows_qr else ""

    # --- actions on the QR --------------------------------------------------------------

    def copy_link(self) -> None:
        url = self.current_url()
        if url:
            QGuiApplication.clipboard().setText(url)
            self.ctx.messages.show_message(self.tr("Lien copié"), "info", 3000)

    def open_payment_page(self) -> None:
        url = self.current_url()
        if url:
            open_url(url)

    def _save_clicked(self) -> None:
        if self.current_url():
            self.ctx.bridge.run(self.save_current(), disable=[self.save_button])

    async def save_current(self) -> Path | None:
        row = self.row
        if row is None or not self.current_url():
            return None
        path = await ask_save_path(self, self.tr("Enregistrer le QR code"),
                                   [self.tr("Image PNG (*.png)"), self.tr("Image SVG (*.svg)")],
                                   f"paiement-{row.transaction_id}.png")
        if path is None:
            return None
        return self.save_qr_to(path)

    def save_qr_to(self, path: Path) -> Path | None:
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
        return await print_with_dialog(self, self.tr("Imprimer le QR code"), self.print_to)

    def print_to(self, printer: QPrinter) -> bool:
        row, url = self.row, self.current_url()
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
