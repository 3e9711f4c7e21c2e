"""The Tableau de bord cards: today's takings and the three CinetPay balances, each with the
time it was fetched (greyed, with a hint, when it is not live)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...services.balance import BalanceView, Figures
from ...store.history import Bucket
from ..context import UiContext
from ..kit.formatting import money, time_of

STALE_COLOR = "#9aa3a8"
LIVE_COLOR = "#1b2a30"


class BalanceCard(QFrame):
    """One balance: a big figure, two small ones, and the time it was fetched."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title = QLabel(title, self)
        self.title.setObjectName("cardTitle")
        self.amount = QLabel("—", self)
        self.amount.setObjectName("cardAmount")
        font = QFont(self.amount.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.amount.setFont(font)
        self.amount.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QLabel(self)
        self.detail.setObjectName("cardDetail")
        self.detail.setWordWrap(True)
        self.when = QLabel(self)
        self.when.setObjectName("cardWhen")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.amount)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        layout.addWidget(self.when)
        self.stale = False
        self.setProperty("stale", False)

    def show_values(self, amount: str, detail: str, when: str, *, stale: bool,
                    stale_hint: str = "") -> None:
        self.amount.setText(amount)
        self.detail.setText(detail)
        self.when.setText(when)
        self.stale = stale
        self.setProperty("stale", stale)
        color = STALE_COLOR if stale else LIVE_COLOR
        self.amount.setStyleSheet(f"color: {color};")
        self.detail.setStyleSheet(f"color: {STALE_COLOR if stale else '#4a5a62'};")
        self.when.setStyleSheet(f"color: {'#b26a00' if stale else '#6b7a82'};")
        self.setToolTip(stale_hint if stale else "")
        self.setAccessibleName(f"{self.title.text()} {amount} {when}")


class BalanceCards(QWidget):
    """The row of cards: today's takings, merchant account, service, transfers."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account_card = BalanceCard(self.tr("Compte marchand"), self)
        self.service_card = BalanceCard(self.tr("Solde du service"), self)
        self.transfer_card = BalanceCard(self.tr("Transferts : disponible"), self)
        self.today_card = BalanceCard(self.tr("Encaissé aujourd'hui"), self)
        # CinetPay's current platform (sk_ keys): one figure, what is available
        self.current = ctx.core.context.kind == "current"
        if self.current:
            self.transfer_card.title.setText(self.tr("Solde disponible"))
            self.account_card.hide()
            self.service_card.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for card in (self.today_card, self.account_card, self.service_card,
                     self.transfer_card):
            layout.addWidget(card, 1)

    def _money(self, value: Decimal | int) -> str:
        return money(value, self.ctx.prefs.currency or "XOF", self.ctx.lang)

    def _when(self, fig: Figures) -> str:
        text = time_of(fig.fetched_at, self.ctx.lang)
        return self.tr("{when} · non actualisé").format(when=text) if fig.stale else text

    def _stale_hint(self) -> str:
        return self.tr("CinetPay n'a pas pu être joint : dernier montant connu, à "
                       "l'heure indiquée.")

    def show_today(self, paid: Bucket | None, fetched_at: datetime | None) -> None:
        """Today's takings from the history cache (None: still loading)."""
        if paid is None:
            self.today_card.show_values("—", "", "", stale=False)
            return
        self.today_card.show_values(
            self._money(paid.amount),
            self.tr("%n paiement(s) reçu(s)", "", paid.count),
            self.tr("d'après l'historique {when}").format(
                when=time_of(fetched_at, self.ctx.lang)), stale=False)

    def show_today_journal(self, amount: Decimal, count: int) -> None:
        """Current platform: today's takings are the journal's paid links."""
        self.today_card.show_values(self._money(amount),
                                    self.tr("%n paiement(s) reçu(s)", "", count),
                                    self.tr("d'après le journal de Comptoir"), stale=False)

    def show_balances(self, view: BalanceView | None, *, transfers_enabled: bool) -> None:
        if self.current:
            self._show_available(view.transfer if view else None)
            return
        for card, figures in ((self.account_card, view.account if view else None),
                              (self.service_card, view.service if view else None)):
            if figures is None:
                card.show_values("—", self.tr("Pas encore de donnée"),
                                 time_of(None, self.ctx.lang), stale=True)
                continue
            v = figures.values
            card.show_values(
                self._money(v.get("solde", 0)),
                self.tr("Crédits : {credit}\nDébits : {debit}").format(
                    credit=self._money(v.get("credit", 0)), debit=self._money(v.get("debit", 0))),
                self._when(figures), stale=figures.stale, stale_hint=self._stale_hint())
        self._show_transfer(view.transfer if view else None, transfers_enabled)

    def _show_available(self, figures: Figures | None) -> None:
        if figures is None:
            self.transfer_card.show_values("—", self.tr("Pas encore de donnée"),
                                           time_of(None, self.ctx.lang), stale=True)
            return
        self.transfer_card.show_values(
            self._money(figures.values.get("available", 0)),
            self.tr("Chez CinetPay (nouvelle plateforme)"), self._when(figures),
            stale=figures.stale, stale_hint=self._stale_hint())

    def _show_transfer(self, transfer: Figures | None, enabled: bool) -> None:
        if transfer is None:
            self.transfer_card.show_values(
                "—",
                self.tr("Pas encore de donnée") if enabled else
                self.tr("Transferts non configurés (mot de passe de transfert absent)"),
                time_of(None, self.ctx.lang), stale=True)
            return
        v = transfer.values
        self.transfer_card.show_values(
            self._money(v.get("available", 0)),
            self.tr("Montant : {amount}\nEn cours d'utilisation : {used}").format(
                amount=self._money(v.get("amount", 0)),
                used=self._money(v.get("in_using", 0))),
            self._when(transfer), stale=transfer.stale, stale_hint=self._stale_hint())
