"""The status bar, read right to left: network state (click for details), operations not yet
confirmed by CinetPay, time of the last successful synchronisation."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..api.errors import CinetPayError
from ..services.connectivity import NetState
from ..services.events import (
    LINKS_CHANGED,
    OUTBOX_CHANGED,
    TRANSFERS_CHANGED,
)
from .context import UiContext
from .kit.events import BusListener
from .kit.messages import human_error
from .waiting_list import WaitingList

SYNCING = "syncing"  # shown over "online" while a synchronisation runs

_COLORS = {
    NetState.ONLINE: "#2e7d32",
    NetState.DEGRADED: "#ef8f00",
    NetState.OFFLINE: "#757575",
    NetState.AUTH_ERROR: "#c62828",
    SYNCING: "#1565c0",
}


def dot_icon(color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class NetworkDetails(QFrame):
    """A non-modal popup: what the state means, the last error, what to do."""

    sync_requested = Signal()
    settings_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("networkDetails")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#networkDetails { background: palette(base); }")
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet("color: #611a15;")
        self.last_sync = QLabel(self)
        self.sync_button = QPushButton(self.tr("Synchroniser maintenant"), self)
        self.sync_button.clicked.connect(self.sync_requested)
        self.settings_button = QPushButton(self.tr("Ouvrir les réglages"), self)
        self.settings_button.clicked.connect(self.settings_requested)
        self.settings_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.settings_button)
        buttons.addWidget(self.sync_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        for w in (self.title, self.explanation, self.error, self.last_sync):
            layout.addWidget(w)
        layout.addLayout(buttons)
        self.setFixedWidth(380)


class StatusBar(QStatusBar):
    settings_requested = Signal()
    sync_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setSizeGripEnabled(False)
        self.syncing = False
        self.last_sync: datetime | None = None
        self.last_exc: CinetPayError | None = None  # worded when shown (current language)
        self.last_error_at: datetime | None = None
        self.unconfirmed_total = 0

        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("lastSync")
        self.pending_button = QToolButton(self)
        self.pending_button.setObjectName("unconfirmed")
        self.pending_button.setAutoRaise(True)
        self.pending_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.pending_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.pending_button.clicked.connect(self.show_waiting)
        self.waiting: WaitingList | None = None
        self.net_button = QToolButton(self)
        self.net_button.setObjectName("network")
        self.net_button.setAutoRaise(True)
        self.net_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.net_button.clicked.connect(self.show_details)
        self.net_button.setToolTip(self.tr("État de la connexion à CinetPay (cliquer pour le "
                                           "détail)"))
        # QStatusBar adds permanent widgets left to right: the network state ends up rightmost.
        self.addPermanentWidget(self.sync_label)
        self.addPermanentWidget(self._separator())
        self.addPermanentWidget(self.pending_button)
        self.addPermanentWidget(self._separator())
        self.addPermanentWidget(self.net_button)

        self.details = NetworkDetails(self)
        self.details.sync_requested.connect(self.sync_requested)
        self.details.sync_requested.connect(self.details.close)
        self.details.settings_requested.connect(self.settings_requested)

        self._counting = False
        self._count_again = False
        counts = 150  # a drain touching twenty operations: one recount
        self.bus = BusListener(self, ctx.core.bus, debounce_ms={
            OUTBOX_CHANGED: counts, LINKS_CHANGED: counts, TRANSFERS_CHANGED: counts})
        # Relative times ("il y a…") are not used; the date changes at midnight though.
        self._clock = QTimer(self)
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(self.update_sync_label)
        self._clock.start()
        self.update_network()
        self.update_sync_label()
        self._show_counts(None)

    def _separator(self) -> QFrame:
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        return line

    # --- services' events (kit.events.BusListener) ------------------------------------------

    def on_connectivity_changed(self, _state: object = None) -> None:
        self.update_network()

    def on_outbox_changed(self, _payload: object = None) -> None:
        self.refresh_counts()

    on_links_changed = on_transfers_changed = on_outbox_changed

    def on_history_changed(self, _payload: object = None) -> None:
        # Any successful fetch counts as a synchronisation (F5 in a tab, a check…).
        self.note_synced()

    def close_links(self) -> None:
        self.bus.close()
        self._clock.stop()
        if self.waiting is not None:
            self.waiting.bus.close()
            self.waiting.close()
            self.waiting.deleteLater()
            self.waiting = None

    # --- network -----------------------------------------------------------------------

    @property
    def state(self) -> str:
        net = self.ctx.core.net_state
        if self.syncing and net in (NetState.ONLINE, NetState.DEGRADED):
            return SYNCING
        return net

    def state_text(self, state: str | None = None) -> str:
        state = state or self.state
        return {
            NetState.ONLINE: self.tr("Connecté"),
            NetState.DEGRADED: self.tr("Connexion instable"),
            NetState.OFFLINE: self.tr("Hors ligne"),
            NetState.AUTH_ERROR: self.tr("Erreur d'identifiants"),
            SYNCING: self.tr("Synchronisation…"),
        }.get(state, str(state))

    def state_explanation(self, state: str) -> str:
        return {
            NetState.ONLINE: self.tr("CinetPay répond normalement."),
            NetState.DEGRADED: self.tr(
                "CinetPay répond mal (lenteurs, erreurs du serveur ou trop de requêtes). Une "
                "opération sans réponse est vérifiée auprès de CinetPay avant toute nouvelle "
                "tentative."),
            NetState.OFFLINE: self.tr(
                "CinetPay est injoignable. Les écrans montrent les dernières données "
                "enregistrées, avec leur heure. Les opérations en attente partiront "
                "automatiquement au retour du réseau."),
            NetState.AUTH_ERROR: self.tr(
                "CinetPay refuse les identifiants (clé API, site ID ou mot de passe de "
                "transfert). Vérifiez-les dans Réglages."),
            SYNCING: self.tr(
                "Envoi des opérations en attente, mise à jour des soldes et de l'historique…"),
        }.get(state, "")

    def update_network(self) -> None:
        state = self.state
        self.net_button.setText(self.state_text(state))
        self.net_button.setIcon(dot_icon(_COLORS.get(state, "#757575")))
        self.net_button.setAccessibleName(self.tr("Réseau : {state}").format(
            state=self.state_text(state)))
        if self.details.isVisible():
            self._fill_details()

    def set_syncing(self, on: bool) -> None:
        self.syncing = on
        self.update_network()

    def note_error(self, exc: BaseException) -> None:
        """Remember the last CinetPay error for the details popup."""
        if isinstance(exc, CinetPayError):
            self.last_exc = exc
            self.last_error_at = datetime.now()
            if self.details.isVisible():
                self._fill_details()

    @property
    def last_error(self) -> str:
        """The last CinetPay error, in the current language ("" when none)."""
        return human_error(self.last_exc, self.ctx.lang) if self.last_exc is not None else ""

    def note_synced(self, when: datetime | None = None) -> None:
        when = when or datetime.now().astimezone()
        if self.last_sync is None or when > self.last_sync:
            self.last_sync = when
        self.update_sync_label()

    def on_balance_changed(self, view: object = None) -> None:
        figures = [getattr(view, name, None) for name in ("account", "transfer")]
        fresh = [f.fetched_at for f in figures if f is not None and not f.stale and f.fetched_at]
        if fresh:
            self.note_synced(max(fresh))

    def update_sync_label(self) -> None:
        from .kit.formatting import time_of

        if self.last_sync is None:
            self.sync_label.setText(self.tr("Jamais synchronisé"))
        else:
            self.sync_label.setText(self.tr("Dernière synchro : {when}").format(
                when=_clock_text(self.last_sync)))
        self.sync_label.setToolTip(self.tr("Dernière synchronisation réussie avec CinetPay "
                                           "({when})").format(
            when=time_of(self.last_sync, self.ctx.lang)))

    def _fill_details(self) -> None:
        state = self.state
        d = self.details
        d.title.setText(self.state_text(state))
        d.title.setStyleSheet(f"color: {_COLORS.get(state, '#000')};")
        d.explanation.setText(self.state_explanation(state))
        if self.last_error:
            d.error.setText(self.tr("Dernière erreur ({when}) : {error}").format(
                when=self.last_error_at.strftime("%H:%M") if self.last_error_at else "",
                error=self.last_error))
            d.error.show()
        else:
            d.error.hide()
        d.last_sync.setText(self.sync_label.text())
        d.settings_button.setVisible(state == NetState.AUTH_ERROR)
        d.sync_button.setEnabled(not self.syncing)
        d.adjustSize()

    def show_details(self) -> None:
        self._fill_details()
        d = self.details
        anchor = self.net_button.mapToGlobal(QPoint(self.net_button.width(), 0))
        window = self.window()
        right = window.mapToGlobal(QPoint(window.width(), 0)).x() - 8
        d.move(min(anchor.x(), right) - d.width(), anchor.y() - d.sizeHint().height() - 4)
        d.show()
        d.raise_()

    # --- unconfirmed operations --------------------------------------------------------

    def show_waiting(self) -> WaitingList:
        """The counter opens the list of what waits (non-modal, built once)."""
        if self.waiting is None:
            self.waiting = WaitingList(self.ctx, self.window())
        self.waiting.open_list()
        return self.waiting

    def refresh_counts(self) -> None:
        """Ask the journal (on its thread) how many operations are not confirmed yet."""
        if self._counting:
            self._count_again = True
            return
        self._counting = True

        def done(counts) -> None:
            self._counting = False
            self._show_counts(counts)
            if self._count_again:
                self._count_again = False
                self.refresh_counts()

        def failed(_: BaseException) -> bool:
            self._counting = False
            return True  # the journal's own errors surface where the user acts

        self.ctx.bridge.run(self.ctx.core.unconfirmed(), on_done=done, on_error=failed)

    def _show_counts(self, counts) -> None:
        total = 0 if counts is None else counts.total
        self.unconfirmed_total = total
        if counts is None:
            self.pending_button.setText(self.tr("Opérations : …"))
            self.pending_button.setToolTip("")
            return
        if total == 0:
            self.pending_button.setText(self.tr("Tout est confirmé"))
            self.pending_button.setIcon(dot_icon(_COLORS[NetState.ONLINE], 10))
        else:
            self.pending_button.setText(
                self.tr("%n opération(s) non confirmée(s)", "", total))
            self.pending_button.setIcon(dot_icon(_COLORS[NetState.DEGRADED], 10))
        self.pending_button.setToolTip("\n".join((
            self.tr("Pas encore confirmées par CinetPay :"),
            self.tr("En file d'attente : {n}").format(n=counts.queued),
            self.tr("Envoi en cours : {n}").format(n=counts.sending),
            self.tr("Incertaines (vérification) : {n}").format(n=counts.uncertain),
            self.tr("Liens en attente du client : {n}").format(n=counts.awaiting_payment),
            self.tr("Transferts en cours : {n}").format(n=counts.transfers_in_progress),
            self.tr("Cliquer pour voir la liste"),
        )))


def _clock_text(moment: datetime) -> str:
    local = moment.astimezone() if moment.tzinfo else moment
    if local.date() == datetime.now().date():
        return local.strftime("%H:%M")
    return local.strftime("%d/%m %H:%M")
