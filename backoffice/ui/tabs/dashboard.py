"""Tableau de bord: balances (each with its time, greyed when not live), today's takings, the
last 30 days per day, and the split by operator and by status, from the local cache."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...api.errors import CinetPayError
from ...api.models import HistoryFilter
from ...services.balance import BalanceView, Figures
from ...services.connectivity import NetState
from ...services.events import HISTORY_CHANGED
from ...store.history import DailyTotal, HistoryQuery, HistoryTotals, daily_totals
from ..chart import BarItem, BarList, DailyChart
from ..context import UiContext
from ..kit.events import BusListener
from ..kit.formatting import money, time_of
from ..kit.labels import operator_name, status_color, status_name
from ..kit.tab import Tab

DAYS = 30
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


@dataclass
class Snapshot:
    """What the charts show (read from the history cache on the DB thread)."""

    daily: list[DailyTotal]
    period: HistoryTotals
    today: HistoryTotals
    fetched_at: datetime | None


class DashboardTab(Tab):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.balances: BalanceView | None = None
        self.snapshot: Snapshot | None = None

        heading = QLabel(self.title(), self)
        heading.setObjectName("heading")
        hfont = QFont(heading.font())
        hfont.setPointSizeF(hfont.pointSizeF() * 1.35)
        hfont.setBold(True)
        heading.setFont(hfont)
        self.as_of = QLabel(self)
        self.as_of.setObjectName("asOf")
        self.refresh_button = QPushButton(self.tr("Actualiser (F5)"), self)
        self.refresh_button.setToolTip(self.tr("Demander les soldes et l'historique à CinetPay"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(self.as_of, 1)
        top.addWidget(self.refresh_button)

        self.account_card = BalanceCard(self.tr("Compte marchand"), self)
        self.service_card = BalanceCard(self.tr("Solde du service"), self)
        self.transfer_card = BalanceCard(self.tr("Transferts : disponible"), self)
        self.today_card = BalanceCard(self.tr("Encaissé aujourd'hui"), self)
        cards = QHBoxLayout()
        cards.setSpacing(10)
        for card in (self.today_card, self.account_card, self.service_card, self.transfer_card):
            cards.addWidget(card, 1)

        self.chart_title = QLabel(self)
        self.chart_title.setObjectName("sectionTitle")
        self.chart = DailyChart(self)
        self.chart.setAccessibleName(self.tr("Montants encaissés par jour"))
        self.operators = BarList(self)
        self.operators.setAccessibleName(self.tr("Encaissements par opérateur"))
        self.statuses = BarList(self)
        self.statuses.setAccessibleName(self.tr("Transactions par statut"))

        chart_box = self._section(self.chart_title, self.chart)
        self.operators_title = QLabel(self.tr("Payé par opérateur ({n} jours)").format(n=DAYS))
        self.statuses_title = QLabel(self.tr("Transactions par statut ({n} jours)").format(
            n=DAYS))
        side = QVBoxLayout()
        side.setSpacing(10)
        side.addWidget(self._section(self.operators_title, self.operators))
        side.addWidget(self._section(self.statuses_title, self.statuses))
        side.addStretch(1)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.addWidget(chart_box, 0, 0)
        grid.addLayout(side, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(cards)
        layout.addLayout(grid, 1)
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setStyleSheet(
            "#card, #section { background: palette(base); border: 1px solid #dde3e6;"
            " border-radius: 8px; }"
            "#cardTitle, #sectionTitle { color: #4a5a62; font-weight: 600; }")

        self.bus = BusListener(self, ctx.core.bus, debounce_ms={HISTORY_CHANGED: 200})
        self._render_balances()
        self._render_snapshot()

    def _section(self, title: QLabel, content: QWidget) -> QFrame:
        box = QFrame(self)
        box.setObjectName("section")
        title.setObjectName("sectionTitle")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(title)
        layout.addWidget(content, 1)
        return box

    def title(self) -> str:
        return self.tr("Tableau de bord")

    def teardown(self) -> None:
        self.bus.close()

    # --- loading -----------------------------------------------------------------------

    def reload(self) -> None:
        """Balances and charts from the local cache (the DB thread), no network."""
        self.ctx.bridge.run(self._load(with_balances=self.balances is None),
                            on_done=self._loaded)

    async def _load(self, *, with_balances: bool) -> tuple[BalanceView | None, Snapshot]:
        core = self.ctx.core
        today = date.today()
        first = today - timedelta(days=DAYS - 1)
        balances = await core.balance.cached() if with_balances else None
        daily = await core.db.run(daily_totals, DAYS, today,
                                  currency=self.ctx.prefs.currency or None)
        period = await core.history.totals(HistoryQuery(date_from=first, date_to=today))
        today_totals = await core.history.totals(HistoryQuery(date_from=today, date_to=today))
        fetched = await core.history.fetched_at()
        return balances, Snapshot(daily, period, today_totals, fetched)

    def _loaded(self, result: tuple[BalanceView | None, Snapshot]) -> None:
        balances, snapshot = result
        if balances is not None and self.balances is None:
            self.balances = balances
            self._render_balances()
        self.snapshot = snapshot
        self._render_snapshot()

    def refresh(self) -> None:
        """F5: ask CinetPay for the balances and the last 30 days of history."""
        self.ctx.messages.hide()
        self.ctx.bridge.run(self._refresh(), disable=[self.refresh_button])

    async def _refresh(self) -> None:
        core = self.ctx.core
        view = await core.balance.refresh()  # also emitted on the bus
        self.balances = view
        self._render_balances()
        error: CinetPayError | None = view.error
        try:
            await core.history.refresh(
                HistoryFilter(date_from=date.today() - timedelta(days=DAYS)))
        except CinetPayError as exc:
            error = error or exc
        self.reload()
        if error is not None:
            raise error

    def on_history_changed(self, _payload: object = None) -> None:
        self.mark_dirty()

    def on_balance_changed(self, view: BalanceView) -> None:
        self.balances = view
        self._render_balances()

    def on_connectivity_changed(self, state: NetState) -> None:
        if state is NetState.OFFLINE and self.balances is not None:
            self.balances = _all_stale(self.balances)
            self._render_balances()
        self._show_as_of()

    def _show_as_of(self) -> None:
        if self.snapshot is None:
            return
        offline = self.ctx.core.connectivity.state is NetState.OFFLINE
        text = self.tr("Historique {when}").format(
            when=time_of(self.snapshot.fetched_at, self.ctx.lang))
        if offline:
            text = self.tr("{text} · hors ligne").format(text=text)
        self.as_of.setText(text)
        self.as_of.setStyleSheet("color: #b26a00;" if offline else "color: #6b7a82;")

    # --- rendering ---------------------------------------------------------------------

    def _money(self, value: Decimal | int) -> str:
        return money(value, self.ctx.prefs.currency or "XOF", self.ctx.lang)

    def _when(self, fig: Figures) -> str:
        text = time_of(fig.fetched_at, self.ctx.lang)
        return self.tr("{when} · non actualisé").format(when=text) if fig.stale else text

    def _render_balances(self) -> None:
        view = self.balances
        stale_hint = self.tr("CinetPay n'a pas pu être joint : dernier montant connu, à "
                             "l'heure indiquée.")
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
                self._when(figures), stale=figures.stale, stale_hint=stale_hint)
        transfer = view.transfer if view else None
        if transfer is None:
            enabled = self.ctx.core.api.transfer.enabled
            self.transfer_card.show_values(
                "—",
                self.tr("Pas encore de donnée") if enabled else
                self.tr("Transferts non configurés (mot de passe de transfert absent)"),
                time_of(None, self.ctx.lang), stale=True)
        else:
            v = transfer.values
            self.transfer_card.show_values(
                self._money(v.get("available", 0)),
                self.tr("Montant : {amount}\nEn cours d'utilisation : {used}").format(
                    amount=self._money(v.get("amount", 0)),
                    used=self._money(v.get("in_using", 0))),
                self._when(transfer), stale=transfer.stale, stale_hint=stale_hint)

    def _render_snapshot(self) -> None:
        snap = self.snapshot
        self.chart_title.setText(self.tr("Encaissé par jour ({n} derniers jours)").format(n=DAYS))
        if snap is None:
            self.as_of.setText(self.tr("Chargement…"))
            self.today_card.show_values("—", "", "", stale=False)
            self.operators.set_items([], self.tr("Chargement…"))
            self.statuses.set_items([], self.tr("Chargement…"))
            return
        self._show_as_of()
        today = snap.today.accepted
        self.today_card.show_values(
            self._money(today.amount),
            self.tr("%n paiement(s) reçu(s)", "", today.count),
            self.tr("d'après l'historique {when}").format(
                when=time_of(snap.fetched_at, self.ctx.lang)), stale=False)
        period_total = sum((d.amount for d in snap.daily), Decimal(0))
        self.chart_title.setText(self.tr("Encaissé par jour ({n} derniers jours) : {total}")
                                 .format(n=DAYS, total=self._money(period_total)))
        self.chart.set_data([(d.day, d.amount) for d in snap.daily], today=date.today(),
                            format_money=self._money, lang=self.ctx.lang,
                            empty_text=self.tr("Aucun encaissement sur la période"))
        by_op = sorted(snap.period.accepted_by_operator.items(),
                       key=lambda kv: kv[1].amount_minor, reverse=True)
        self.operators.set_items(
            [BarItem(operator_name(op), b.amount, self._money(b.amount)) for op, b in by_op],
            self.tr("Aucun paiement reçu"))
        by_status = sorted(snap.period.by_status.items(), key=lambda kv: kv[1].count,
                           reverse=True)
        self.statuses.set_items(
            [BarItem(status_name(st), Decimal(b.count), str(b.count), status_color(st))
             for st, b in by_status],
            self.tr("Aucune transaction"))


def _all_stale(view: BalanceView) -> BalanceView:
    def stale(f: Figures | None) -> Figures | None:
        return None if f is None else Figures(f.values, f.fetched_at, True)

    return BalanceView(stale(view.account), stale(view.service), stale(view.transfer),
                       view.error)
