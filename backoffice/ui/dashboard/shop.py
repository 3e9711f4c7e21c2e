"""Tableau de bord, the whole shop (a shop database is configured): today per till and for the
shop, and the latest operations of every till with the till and the cashier on each row,
kept live by the shop database's notifications (``SHOP_CHANGED``, backoffice/shop/view.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.events import SHOP_CHANGED
from ...services.outcomes import LinkOutcome, TransferOutcome
from ...shop.view import ShopDay, ShopOp, ShopView, TillDay
from ..context import UiContext
from ..kit.events import BusListener
from ..kit.formatting import money

OPS_LIMIT = 200
LIVE_CHECK_MS = 1000
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    table.setMinimumHeight(140)
    return table


class ShopPanel(QFrame):
    """"La boutique" box: the day per till, then every till's latest operations."""

    def __init__(self, ctx: UiContext, view: ShopView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.view = ctx, view
        self.setObjectName("section")
        self.day: ShopDay | None = None
        self.ops: list[ShopOp] = []
        self.dirty = False
        self.loads = 0  # finished loads (tests wait on it)
        self._asked = 0
        title = QLabel(self.tr("La boutique : toutes les caisses"), self)
        title.setObjectName("sectionTitle")
        self.state = QLabel(self)
        self.state.setObjectName("shopState")
        self.state.setWordWrap(True)
        self.tills = _table(self, [self.tr("Caisse"), self.tr("Liens payés"),
                                   self.tr("Ventes en espèces"), self.tr("Encaissé"),
                                   self.tr("En attente"), self.tr("Transferts"),
                                   self.tr("Clôture")], self.tr("La journée par caisse"))
        self.table = _table(self, [self.tr("Heure"), self.tr("Caisse"), self.tr("Caissier"),
                                   self.tr("Opération"), self.tr("Montant"), self.tr("État")],
                            self.tr("Opérations de toutes les caisses"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(title)
        layout.addWidget(self.state)
        layout.addWidget(self.tills)
        layout.addWidget(QLabel(self.tr("Dernières opérations de toutes les caisses"), self))
        layout.addWidget(self.table, 1)
        self.bus = BusListener(self, ctx.core.bus, debounce_ms={SHOP_CHANGED: 300})
        self.state.setText(self.tr("Chargement…"))
        # The listener says nothing when its connection drops: look every LIVE_CHECK_MS.
        self._live: bool | None = None
        self._live_timer = QTimer(self)
        self._live_timer.setInterval(LIVE_CHECK_MS)
        self._live_timer.timeout.connect(self._show_state)
        self._live_timer.start()

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self.dirty = False
        self._asked += 1
        asked = self._asked

        def done(result: tuple[ShopDay, list[ShopOp]]) -> None:
            if asked == self._asked:  # an answer older than a later reload is stale
                self._loaded(result)

        self.ctx.bridge.run(self._load(), on_done=done, on_error=self._failed)

    async def _load(self) -> tuple[ShopDay, list[ShopOp]]:
        zone = self.ctx.prefs.shop_timezone
        today = self.ctx.core.day_summary.today(zone)
        day = await self.view.day(today, zone)
        ops = await self.view.operations(since=day.start, limit=OPS_LIMIT)
        return day, ops

    def _loaded(self, result: tuple[ShopDay, list[ShopOp]]) -> None:
        self.day, self.ops = result
        self.loads += 1
        self._live = None
        self._show_state()
        self._show_tills(self.day)
        self._show_ops(self.ops)

    def _show_state(self) -> None:
        live = self.view.listening
        if live == self._live or self.day is None:
            return
        self._live = live
        self.state.setText(self.tr("En direct : {address}").format(address=self.view.shown)
                           if live else
                           self.tr("Mise à jour en direct interrompue : nouvel essai "
                                   "automatique ({address})").format(address=self.view.shown))
        self.state.setStyleSheet("color: #6b7a82;" if live else "color: #b26a00;")

    def _failed(self, exc: BaseException) -> bool:
        import psycopg

        if not isinstance(exc, psycopg.Error | OSError):
            return False
        self.loads += 1
        self._live = None
        self.state.setText(self.tr("Base boutique injoignable ({address}) : les chiffres "
                                   "reviennent dès son retour.").format(
                                       address=self.view.shown))
        self.state.setStyleSheet("color: #b26a00;")
        return True

    def on_shop_changed(self, _event: object = None) -> None:
        if self.isVisible():
            self.reload()
        else:
            self.dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.dirty:
            self.reload()

    def close_listener(self) -> None:
        self._live_timer.stop()
        self.bus.close()

    # --- rendering -------------------------------------------------------------------------

    def _money(self, amount: int, currency: str) -> str:
        return money(amount, currency, self.ctx.lang)

    def _show_tills(self, day: ShopDay) -> None:
        rows = [*day.tills, day.total] if day.tills else []
        self.tills.setRowCount(len(rows))
        for n, item in enumerate(rows):
            name = item.till or self.tr("Toute la boutique")
            cells = [name, self._count(item.paid_count, item.paid_amount, item.currency),
                     self._count(item.cash_count, item.cash_amount, item.currency),
                     self._money(item.takings, item.currency), str(item.waiting_count),
                     self._count(item.transfers_done, item.transfers_amount, "XOF"),
                     self._closing(item) if item.till else ""]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col and col < 6:
                    cell.setTextAlignment(RIGHT)
                if not item.till:
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.tills.setItem(n, col, cell)

    def _count(self, count: int, amount: int, currency: str) -> str:
        return self.tr("{count} · {amount}").format(count=count,
                                                    amount=self._money(amount, currency))

    def _closing(self, item: TillDay) -> str:
        if item.closing_version is None:
            return self.tr("pas clôturée")
        text = self.tr("version {v}").format(v=item.closing_version)
        return self.tr("{text} (provisoire)").format(text=text) if item.closing_provisional \
            else text

    def _show_ops(self, ops: list[ShopOp]) -> None:
        self.table.setRowCount(len(ops))
        for n, op in enumerate(ops):
            cells = [op.created_at.astimezone().strftime("%H:%M:%S"), op.till,
                     op.cashier or "—", self._kind(op.kind),
                     self._money(op.amount, op.currency), self._outcome(op)]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col == 4:
                    cell.setTextAlignment(RIGHT)
                if col == 0:
                    cell.setToolTip(op.ref)
                self.table.setItem(n, col, cell)

    def _kind(self, kind: str) -> str:
        return {"link": self.tr("Lien de paiement"), "transfer": self.tr("Transfert"),
                "cash": self.tr("Espèces")}.get(kind, kind)

    def _outcome(self, op: ShopOp) -> str:
        words = {LinkOutcome.PAID.value: self.tr("Payé"),
                 LinkOutcome.PENDING.value: self.tr("En attente"),
                 LinkOutcome.REFUSED.value: self.tr("Refusé"),
                 LinkOutcome.ANOMALY.value: self.tr("À vérifier"),
                 LinkOutcome.UNCERTAIN.value: self.tr("Vérification"),
                 LinkOutcome.SENDING.value: self.tr("Création"),
                 LinkOutcome.CANCELLED.value: self.tr("Annulé"),
                 LinkOutcome.EXPIRED.value: self.tr("Expiré"),
                 TransferOutcome.DONE.value: self.tr("Transféré"),
                 TransferOutcome.IN_PROGRESS.value: self.tr("En cours"),
                 TransferOutcome.QUEUED.value: self.tr("En file d'attente"),
                 TransferOutcome.REVIEW.value: self.tr("À vérifier"),
                 "sale": self.tr("Vente"), "payout": self.tr("Sortie"),
                 "float": self.tr("Fond de caisse")}
        if op.outcome in words:
            return words[op.outcome]
        return self.tr("Non abouti") if op.outcome in {"failed", "never_created", "nourl",
                                                        "rejected"} else op.outcome

