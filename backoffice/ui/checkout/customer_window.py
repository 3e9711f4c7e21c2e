"""The customer-facing window ("montrer au client"): a big QR, the amount and the status, in
shop-neutral words, for a second screen turned towards the customer. It mirrors the link the
cashier shows; F11 toggles full screen, Esc leaves full screen or closes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...services.outcomes import SCANNABLE_LINK_OUTCOMES, LinkOutcome
from ...store.links import LinkRow
from ..kit.formatting import money
from .qr_view import QrWidget, StatusBanner
from .wording import Presentation, present, tone_sheet

# Said in big on the customer's screen: the payment went through, or it did not, or the
# cashier cancelled it (the customer must not pay) or it expired.
SETTLED = (LinkOutcome.PAID, LinkOutcome.REFUSED, LinkOutcome.CANCELLED, LinkOutcome.EXPIRED)


class CustomerWindow(QWidget):
    def __init__(self, lang: str = "fr", parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.lang = lang
        self.row: LinkRow | None = None
        self.presentation = Presentation(None, "")
        self.setObjectName("customerWindow")
        self.setWindowTitle(self.tr("Comptoir : paiement"))
        self.resize(720, 760)

        big = QFont(self.font())
        big.setPointSize(34)
        big.setBold(True)
        self.heading = QLabel(self)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        heading_font = QFont(self.font())
        heading_font.setPointSize(20)
        self.heading.setFont(heading_font)
        self.amount = QLabel(self)
        self.amount.setFont(big)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr = QrWidget(360, self)
        self.banner = StatusBanner(26, self)
        self.detail = QLabel(self)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        detail_font = QFont(self.font())
        detail_font.setPointSize(16)
        self.detail.setFont(detail_font)
        hint = QLabel(self.tr("F11 : plein écran · Échap : fermer"), self)
        hint.setAlignment(Qt.AlignmentFlag.AlignRight)
        hint.setStyleSheet("color:#8a949e;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 12)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.amount)
        layout.addWidget(self.qr, 1)
        self.filler = QWidget(self)  # takes the QR's room once the payment is final
        self.filler.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.filler, 1)
        layout.addWidget(self.banner)
        layout.addWidget(self.detail)
        self.filler_below = QWidget(self)  # the final status stands in the middle
        self.filler_below.setSizePolicy(QSizePolicy.Policy.Expanding,
                                        QSizePolicy.Policy.Expanding)
        layout.addWidget(self.filler_below, 1)
        layout.addWidget(hint)

        QShortcut(QKeySequence(Qt.Key.Key_F11), self, self.toggle_full_screen)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.escape)
        self.show_link(None)

    # --- content ------------------------------------------------------------------------

    def show_link(self, row: LinkRow | None) -> None:
        self.row = row
        p = self.presentation = present(row, self.lang)
        self.setStyleSheet(tone_sheet(p.outcome, "customerWindow"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.heading.setText(p.customer_title or self.tr("Bienvenue"))
        self.amount.setText(money(row.amount, row.currency, self.lang) if row else "")
        waiting = p.outcome in SCANNABLE_LINK_OUTCOMES  # a settled link's QR is not scanned again
        self.qr.set_url(row.payment_url if row and waiting else None)
        self.qr.setVisible(waiting)
        self.filler.setVisible(not waiting)
        self.filler_below.setVisible(not waiting)
        if p.outcome in SETTLED:
            self.banner.set_status(p.outcome, p.customer_title)
            self.heading.setText(self.tr("Paiement"))
        else:
            self.banner.set_status(None, "")
        self.detail.setText(p.customer_detail)

    # --- window -------------------------------------------------------------------------

    def present_window(self) -> None:
        """Show it (on a second screen, full screen, when there is one) and give it focus."""
        screens = QGuiApplication.screens()
        parent = self.parentWidget()
        here = parent.screen() if parent is not None else None
        other = next((s for s in screens if s is not here), None)
        if other is not None and not self.isVisible():
            self.setGeometry(other.availableGeometry())
            self.showFullScreen()
        else:
            self.show()
        self.raise_()
        self.activateWindow()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def escape(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.close()
