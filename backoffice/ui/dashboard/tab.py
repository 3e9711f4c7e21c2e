"""Tableau de bord: balances (each with its time, greyed when not live), today's takings, the
last 30 days per day, and the split by operator and by status, from the local cache. This
module loads the figures and wires the cards and the charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...api.current.methods import method_name
from ...api.errors import CinetPayError
from ...api.models import HistoryFilter
from ...services.balance import BalanceView, Figures
from ...services.cash import CASH_CHANGED
from ...services.closing_report import ClosingReport
from ...services.connectivity import NetState
from ...services.day_summary import CashierDayRow
from ...services.events import HISTORY_CHANGED, LINKS_CHANGED
from ...services.history import JournalHistory
from ...services.outcomes import LinkOutcome
from ...store.history import DailyTotal, HistoryQuery, HistoryTotals
from ..checkout.wording import LIST_COLOURS
from ..context import UiContext
from ..kit.events import BusListener
from ..kit.formatting import money, time_of
from ..kit.labels import operator_name, status_color, status_name
from ..kit.tab import Tab
from .cards import BalanceCards
from .chart import BarItem, BarList, DailyChart
from .day import DayPanel

if TYPE_CHECKING:
    from .shop import ShopPanel

DAYS = 30
STYLE = ("#card, #section { background: palette(base); border: 1px solid #dde3e6;"
         " border-radius: 8px; }"
         "#cardTitle, #sectionTitle { color: #4a5a62; font-weight: 600; }")


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
        # CinetPay's current platform (sk_ keys): no history there, the journal's links
        self.current = ctx.core.context.kind == "current"
        self.journal: JournalHistory | None = None
        self.as_of = QLabel(self)
        self.as_of.setObjectName("asOf")
        self.refresh_button = QPushButton(self.tr("Actualiser (F5)"), self)
        self.refresh_button.setToolTip(self.tr("Demander les soldes et l'historique à CinetPay"))
        self.refresh_button.clicked.connect(self.refresh)
        self.cards = BalanceCards(ctx, self)
        self.account_card, self.service_card = self.cards.account_card, self.cards.service_card
        self.transfer_card, self.today_card = self.cards.transfer_card, self.cards.today_card
        self.chart_title = QLabel(self)
        self.chart = DailyChart(self)
        self.chart.setAccessibleName(self.tr("Montants encaissés par jour"))
        self.operators = BarList(self)
        self.operators.setAccessibleName(self.tr("Encaissements par opérateur"))
        self.statuses = BarList(self)
        self.statuses.setAccessibleName(self.tr("Transactions par statut"))
        self.operators_title = QLabel(self.tr("Payé par opérateur ({n} jours)").format(n=DAYS))
        self.statuses_title = QLabel(self.tr("Transactions par statut ({n} jours)").format(
            n=DAYS))
        # the shop day: per cashier, and the anomalies the latest closing left open
        self.day = DayPanel(ctx.lang, self)
        # a shop database: every till's day and operations, live (backoffice/shop/view.py)
        view = ctx.core.shop_view
        self.shop: ShopPanel | None = None
        if view is not None:  # psycopg is loaded only by a till with a shop database
            from .shop import ShopPanel

            self.shop = ShopPanel(ctx, view, self)
        self._lay_out()
        self.setStyleSheet(STYLE)
        self.bus = BusListener(self, ctx.core.bus,
                               debounce_ms={HISTORY_CHANGED: 200, LINKS_CHANGED: 300})
        self._cash_unsubscribe = ctx.core.bus.subscribe(CASH_CHANGED, self.on_cash_changed)
        self._render_balances()
        self._render_snapshot()

    def _top(self) -> QHBoxLayout:
        heading = QLabel(self.title(), self)
        heading.setObjectName("heading")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(self.as_of, 1)
        top.addWidget(self.refresh_button)
        return top

    def _charts(self) -> QGridLayout:
        chart_box = self._section(self.chart_title, self.chart)
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
        return grid

    def _lay_out(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(10)
        layout.addLayout(self._top())
        layout.addWidget(self.cards)
        layout.addLayout(self._charts(), 1)
        layout.addWidget(self.day)
        if self.shop is not None:
            layout.addWidget(self.shop)
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

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
        self._cash_unsubscribe()
        if self.shop is not None:
            self.shop.close_listener()

    # --- loading -----------------------------------------------------------------------

    def reload(self) -> None:
        """Balances and charts from the local cache (the DB thread), no network."""
        self.ctx.bridge.run(self._load(with_balances=self.balances is None),
                            on_done=self._loaded)
        self.reload_day()

    def reload_day(self) -> None:
        """Today per cashier and the latest closing's anomalies (journal only, cheap)."""
        self.ctx.bridge.run(self._load_day(), on_done=self._day_loaded)
        if self.shop is not None:
            self.shop.reload()

    async def _load_day(self) -> tuple[list[CashierDayRow], ClosingReport | None]:
        core = self.ctx.core
        rows = await core.day_summary.per_cashier(timezone=self.ctx.prefs.shop_timezone)
        latest = await core.closing.list(limit=1)
        return rows, latest[0] if latest else None

    def _day_loaded(self, result: tuple[list[CashierDayRow], ClosingReport | None]) -> None:
        self.day.show_day(*result)

    async def _load(self, *, with_balances: bool
                    ) -> tuple[BalanceView | None, Snapshot | JournalHistory]:
        core = self.ctx.core
        today = date.today()
        first = today - timedelta(days=DAYS - 1)
        balances = await core.balance.cached() if with_balances else None
        if self.current:
            return balances, await core.history.journal(DAYS, today)
        daily = await core.history.daily_totals(DAYS, today,
                                                currency=self.ctx.prefs.currency or None)
        period = await core.history.totals(HistoryQuery(date_from=first, date_to=today))
        today_totals = await core.history.totals(HistoryQuery(date_from=today, date_to=today))
        fetched = await core.history.fetched_at()
        return balances, Snapshot(daily, period, today_totals, fetched)

    def _loaded(self, result: tuple[BalanceView | None, Snapshot | JournalHistory]) -> None:
        balances, snapshot = result
        if balances is not None and self.balances is None:
            self.balances = balances
            self._render_balances()
        if isinstance(snapshot, JournalHistory):
            self.journal = snapshot
            self._render_journal(snapshot)
            return
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
        if self.current:  # no history at CinetPay: the journal, reloaded
            self.reload()
            if error is not None:
                raise error
            return
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

    def on_links_changed(self, _payload: object = None) -> None:
        if self.current:
            self.mark_dirty()
        elif self.isVisible():
            self.reload_day()
        else:
            self.dirty = True

    def on_cash_changed(self, _payload: object = None) -> None:
        if self.isVisible():
            self.reload_day()
        else:
            self.dirty = True

    def on_balance_changed(self, view: BalanceView) -> None:
        self.balances = view
        self._render_balances()

    def on_connectivity_changed(self, state: NetState) -> None:
        if state is NetState.OFFLINE and self.balances is not None:
            self.balances = _all_stale(self.balances)
            self._render_balances()
        self._show_as_of()

    def _show_as_of(self) -> None:
        if self.current:
            self.as_of.setText(self.tr("Historique tiré du journal de Comptoir (la nouvelle "
                                       "plateforme CinetPay n'en fournit pas)"))
            self.as_of.setWordWrap(True)
            self.as_of.setStyleSheet("color: #6b7a82;")
            return
        if self.snapshot is None:
            return
        offline = self.ctx.core.offline
        text = self.tr("Historique {when}").format(
            when=time_of(self.snapshot.fetched_at, self.ctx.lang))
        if offline:
            text = self.tr("{text} · hors ligne").format(text=text)
        self.as_of.setText(text)
        self.as_of.setStyleSheet("color: #b26a00;" if offline else "color: #6b7a82;")

    # --- rendering ---------------------------------------------------------------------

    def _money(self, value: Decimal | int) -> str:
        return money(value, self.ctx.prefs.currency or "XOF", self.ctx.lang)

    def _render_balances(self) -> None:
        self.cards.show_balances(self.balances,
                                 transfers_enabled=self.ctx.core.transfers.enabled)

    def _outcome_words(self) -> dict[LinkOutcome, str]:
        return {LinkOutcome.PAID: self.tr("Payé"), LinkOutcome.REFUSED: self.tr("Refusé"),
                LinkOutcome.PENDING: self.tr("En attente"),
                LinkOutcome.ANOMALY: self.tr("À vérifier"),
                LinkOutcome.UNCERTAIN: self.tr("Vérification"),
                LinkOutcome.SENDING: self.tr("Création"),
                LinkOutcome.FAILED: self.tr("Non créé"),
                LinkOutcome.NEVER_CREATED: self.tr("Non créé"),
                LinkOutcome.NO_URL: self.tr("Sans adresse"),
                LinkOutcome.CANCELLED: self.tr("Annulé"),
                LinkOutcome.EXPIRED: self.tr("Expiré")}

    def _render_journal(self, j: JournalHistory) -> None:
        """Current platform: the charts of the journal's links (PAYÉ ones are takings)."""
        self._show_as_of()
        self.cards.show_today_journal(j.paid_today, j.paid_today_count)
        period_total = sum((d.amount for d in j.daily), Decimal(0))
        self.chart_title.setText(self.tr("Encaissé par jour ({n} derniers jours) : {total}")
                                 .format(n=DAYS, total=self._money(period_total)))
        self.chart.set_data([(d.day, d.amount) for d in j.daily], today=j.daily[-1].day,
                            format_money=self._money, lang=self.ctx.lang,
                            empty_text=self.tr("Aucun encaissement sur la période"))
        self.operators_title.setText(self.tr("Payé par moyen de paiement ({n} jours)")
                                     .format(n=DAYS))
        self.operators.set_items(
            [BarItem(method_name(m, self.ctx.lang) or self.tr("(inconnu)"), amount,
                     self._money(amount))
             for m, amount in sorted(j.by_method.items(), key=lambda kv: kv[1], reverse=True)],
            self.tr("Aucun paiement reçu"))
        self.statuses_title.setText(self.tr("Liens par statut ({n} jours)").format(n=DAYS))
        words = self._outcome_words()
        self.statuses.set_items(
            [BarItem(words[o], Decimal(n), str(n), LIST_COLOURS.get(o, "#5f6368"))
             for o, n in sorted(j.by_outcome.items(), key=lambda kv: kv[1], reverse=True)],
            self.tr("Aucun lien de paiement"))

    def _render_snapshot(self) -> None:
        snap = self.snapshot
        self.chart_title.setText(self.tr("Encaissé par jour ({n} derniers jours)").format(n=DAYS))
        if snap is None:
            self.as_of.setText(self.tr("Chargement…"))
            self.cards.show_today(None, None)
            self.operators.set_items([], self.tr("Chargement…"))
            self.statuses.set_items([], self.tr("Chargement…"))
            return
        self._show_as_of()
        self.cards.show_today(snap.today.accepted, snap.fetched_at)
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
