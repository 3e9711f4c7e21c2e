"""The main window: training banner, message bar, six tabs (Alt+1…Alt+6), F2 to take a
payment from anywhere, F5 to refresh the current tab, Ctrl+F to search it, and the status bar.

The window outlives sessions: the welcome page, the real workspace and the training
workspace are shown in it in turn (``show_welcome`` / ``show_workspace``), so a language
change or new credentials rebuild the screens in place.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..api.errors import CinetPayError
from ..api.models import HistoryFilter
from ..keyring import CredentialStore
from ..resources import resource_path
from ..services.connectivity import NetState
from ..services.sync import SyncReport
from .cash import open_cash
from .cashier import attach as attach_cashier_desk
from .checkout.tab import CheckoutTab
from .closing.tab import ClosingTab
from .contacts.tab import ContactsTab
from .context import UiContext
from .dashboard.tab import DashboardTab
from .history.tab import HistoryTab
from .kit.events import BusListener
from .kit.tab import Tab
from .print_notice import attach as attach_print_notice
from .settings.tab import SettingsTab
from .statusbar import StatusBar
from .transfers.tab import TransfersTab

DEFAULT_SIZE = (1220, 740)  # fits a 1280×800 screen with a title bar and a panel
TITLE_BAR = 32  # kept free above the window when its frame is not known yet
SYNC_INTERVAL_MS = 5 * 60 * 1000
FOLLOW_INTERVAL_MS = 60 * 1000  # transfers in progress are followed every minute
FIRST_HISTORY_DAYS = 90  # first fetch of an empty cache
RECENT_HISTORY_DAYS = 2  # then only the last days (older payments do not change)
TRAINING_TEXT = "FORMATION / TRAINING"


class TrainingBanner(QWidget):
    """Drawn inside the window (title bars are not always visible): amber with hazard
    stripes at both ends, so nobody mistakes the simulator for real money."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingBanner")
        self.detail = self.tr("Simulateur : aucun argent réel n'est encaissé ni envoyé")
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.setFont(font)
        self.setFixedHeight(QFontMetrics(font).height() + 16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(f"{TRAINING_TEXT} — {self.detail}")

    @property
    def text(self) -> str:
        return f"{TRAINING_TEXT} — {self.detail}"

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self.rect()
        p.fillRect(r, QColor("#ffc107"))
        stripe = 90
        p.save()
        p.setClipRect(0, 0, stripe, r.height())
        self._stripes(p, 0, stripe)
        p.setClipRect(r.width() - stripe, 0, stripe, r.height())
        self._stripes(p, r.width() - stripe, stripe)
        p.restore()
        p.setPen(QPen(QColor("#2b1d00")))
        p.drawText(QRectF(r).adjusted(stripe + 8, 0, -stripe - 8, 0),
                   Qt.AlignmentFlag.AlignCenter, self.text)

    def _stripes(self, p: QPainter, x0: int, width: int) -> None:
        h = self.height()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#212121"))
        for x in range(x0 - h, x0 + width + h, 24):
            p.drawPolygon(QPolygonF([QPointF(x + h, 0), QPointF(x + h + 12, 0),
                                     QPointF(x + 12, h), QPointF(x, h)]))


def available_geometry(widget: QWidget) -> QRect | None:
    """The free area (without panels) of the screen ``widget`` opens on (a seam for tests)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


class MainWindow(QMainWindow):
    close_requested = Signal()  # the user asked to quit (the app shuts down, then closes)
    restart_requested = Signal(str)  # rebuild the session: "lang" / "credentials"

    def __init__(self, ctx: UiContext | None = None, *,
                 credentials: CredentialStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guard_close = False  # set by the app: closing waits for a clean shutdown
        self.ctx: UiContext | None = None
        self.tabs: QTabWidget | None = None
        self.banner: TrainingBanner | None = None
        self.status: StatusBar | None = None
        self.welcome: QWidget | None = None
        self.bus: BusListener | None = None
        self._tab_list: list[Tab] = []
        self._shortcuts: list[QShortcut] = []
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(SYNC_INTERVAL_MS)
        self._sync_timer.timeout.connect(self.sync_in_background)
        self._syncing = False
        # Between full syncs: follow sent transfers to VAL/REJ and take deferred items when
        # they are due (catch_up only; balances and history stay on the 5-minute schedule).
        self._follow_timer = QTimer(self)
        self._follow_timer.setSingleShot(True)
        self._follow_timer.timeout.connect(self.follow_up)
        self._following = False
        self.setWindowTitle("Comptoir")
        self.setWindowIcon(QIcon(str(resource_path("icons", "comptoir.svg"))))
        self.resize(*DEFAULT_SIZE)
        self.setMinimumSize(900, 560)
        if ctx is not None:
            self.show_workspace(ctx, credentials=credentials)

    def fit_to_screen(self) -> None:
        """Shrink and move the window (its frame included) into the screen it opens on,
        down to 1024×768: a default or restored size larger than the screen cuts buttons
        off."""
        area = available_geometry(self)
        if area is None or area.isEmpty():
            return
        frame, inner = self.frameGeometry(), self.geometry()
        known = self.isVisible() and frame.height() > inner.height()
        extra_w = frame.width() - inner.width() if known else 0
        extra_h = frame.height() - inner.height() if known else TITLE_BAR
        width = min(self.width(), area.width() - extra_w)
        height = min(self.height(), area.height() - extra_h)
        self.setMinimumSize(min(self.minimumWidth(), width), min(self.minimumHeight(), height))
        self.resize(width, height)
        outer = QRect(frame.topLeft(), QSize(width + extra_w, height + extra_h))
        if not area.contains(outer):  # centred on the screen (move() places the frame)
            self.move(area.left() + (area.width() - outer.width()) // 2,
                      area.top() + (area.height() - outer.height()) // 2)

    # --- pages -------------------------------------------------------------------------

    def show_welcome(self, page: QWidget) -> None:
        self.clear_workspace()
        self.welcome = page
        self.setWindowTitle(self.tr("Comptoir — bienvenue"))
        # Scrolls rather than cuts off when the screen is smaller than the page.
        scroll = QScrollArea(self)
        scroll.setObjectName("welcomeScroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        self.setCentralWidget(scroll)
        self.statusBar().hide()

    def show_notice(self, text: str, *, error: bool = False) -> QLabel:
        """A page with one centred message (opening, closing, a journal that cannot be
        opened…); with ``error``, a button to quit."""
        self.clear_workspace()
        page = QWidget(self)
        page.setObjectName("notice")
        label = QLabel(text, page)
        label.setObjectName("noticeText")
        label.setWordWrap(True)
        label.setMaximumWidth(640)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if error:
            label.setStyleSheet("color: #611a15; background: #fdecea; border: 1px solid "
                                "#f5c2c0; padding: 14px;")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(label, 0, Qt.AlignmentFlag.AlignCenter)
        if error:
            quit_button = QPushButton(self.tr("Quitter"), page)
            quit_button.clicked.connect(self.close)
            layout.addWidget(quit_button, 0, Qt.AlignmentFlag.AlignCenter)
            quit_button.setFocus()
        layout.addStretch(2)
        self.setCentralWidget(page)
        self.statusBar().hide()
        return label

    def show_workspace(self, ctx: UiContext, *, credentials: CredentialStore | None = None,
                       background_sync: bool = True) -> None:
        self.clear_workspace()
        self.ctx = ctx
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if ctx.training:
            self.banner = TrainingBanner(central)
            layout.addWidget(self.banner)
            self.setWindowTitle(self.tr("Comptoir — FORMATION (simulateur)"))
        else:
            self.setWindowTitle("Comptoir")
        self.tabs = QTabWidget(central)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        # Messages float over the bottom of the tabs: nothing moves under the pointer.
        ctx.messages.float_over(central)
        ctx.messages.net_state = lambda: ctx.core.net_state
        ctx.messages.set_lang(ctx.lang)

        self.dashboard_tab = DashboardTab(ctx)
        self.history_tab = HistoryTab(ctx)
        self.checkout_tab = CheckoutTab(ctx)
        self.contacts_tab = ContactsTab(ctx)
        self.transfers_tab = TransfersTab(ctx)
        self.settings_tab = SettingsTab(ctx, credentials=credentials)
        self.settings_tab.restart_requested.connect(self.restart_requested)
        self.closing_tab = ClosingTab(ctx)
        self._tab_list = [self.dashboard_tab, self.history_tab, self.checkout_tab,
                          self.contacts_tab, self.transfers_tab, self.settings_tab,
                          self.closing_tab]
        for n, tab in enumerate(self._tab_list, start=1):
            index = self.tabs.addTab(tab, tab.title())
            self.tabs.setTabToolTip(index, f"Alt+{n}")
        if ctx.core.context.kind == "current":  # CinetPay's current platform: no contacts
            self.tabs.setTabVisible(self.tabs.indexOf(self.contacts_tab), False)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(central)

        self.status = StatusBar(ctx, self)
        self.status.settings_requested.connect(lambda: self.tabs.setCurrentWidget(
            self.settings_tab))
        self.status.sync_requested.connect(lambda: self.sync_in_background(user=True))
        ctx.bridge.failed.connect(self.status.note_error)
        self.setStatusBar(self.status)
        self.status.show()
        self._install_shortcuts()
        self.bus = BusListener(self, ctx.core.bus)
        self.status.refresh_counts()
        ctx.bridge.run(self._initial_sync_time(), on_done=self._note_initial_sync,
                       on_error=lambda _: True)
        if background_sync:
            self._sync_timer.start()
            self._plan_follow_up()
            QTimer.singleShot(0, self.sync_in_background)
        QTimer.singleShot(0, self._show_current)
        # A printer in trouble: its reason and "Réimprimer" (ui/print_notice.py).
        self.print_notice = attach_print_notice(self, ctx)

    # --- services' events (kit.events.BusListener) ------------------------------------------

    def on_sync_started(self, _payload: object = None) -> None:
        # Drains the services start themselves (reconnect, close) show too.
        if self.status is not None:
            self.status.set_syncing(True)

    def on_sync_finished(self, _payload: object = None) -> None:
        if self.status is not None:
            self.status.set_syncing(self._syncing)

    def on_transfers_changed(self, _payload: object = None) -> None:
        # A transfer sent or queued: make sure a follow-up is planned.
        if not (self._follow_timer.isActive() or self._following):
            self._plan_follow_up()

    def on_connectivity_changed(self, state: NetState) -> None:
        # Once per transition (the bus only reports changes): never a message in a loop.
        if self.ctx is None:
            return
        self.ctx.messages.network_changed(state)  # "unreachable" words go when it answers
        if state is NetState.AUTH_ERROR:
            self.ctx.messages.show_message(self.tr(
                "CinetPay refuse les identifiants enregistrés (clé API ou site ID). Vérifiez-"
                "les dans Réglages ; les opérations en attente restent dans le journal."),
                "error", until_online=True)

    def clear_workspace(self) -> None:
        """Detach from the session: unsubscribe from its events, drop its widgets."""
        self._sync_timer.stop()
        self._follow_timer.stop()
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._shortcuts.clear()
        for tab in self._tab_list:
            teardown = getattr(tab, "teardown", None)
            if callable(teardown):
                teardown()
        self._tab_list = []
        if self.bus is not None:
            self.bus.close()
            self.bus = None
        if self.status is not None:
            self.status.close_links()
            if self.ctx is not None:
                with contextlib.suppress(RuntimeError, TypeError):
                    self.ctx.bridge.failed.disconnect(self.status.note_error)
            self.status.hide()
            self.status = None
        if self.ctx is not None:
            # Keep the bar owned by a widget: a parentless Python-owned widget may be
            # collected by the GC on another thread, which Qt does not survive.
            self.ctx.messages.detach(self)
        self.tabs = None
        self.banner = None
        self.welcome = None
        self.ctx = None
        old = self.takeCentralWidget()
        if old is not None:
            old.deleteLater()

    @property
    def tab_widgets(self) -> list[Tab]:
        return list(self._tab_list)

    def current_tab(self) -> Tab | None:
        if self.tabs is None:
            return None
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, Tab) else None

    def _tab_changed(self, index: int) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.on_shown()

    def _show_current(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.on_shown()

    # --- keyboard ----------------------------------------------------------------------

    def _install_shortcuts(self) -> None:
        def add(keys: str | QKeySequence, slot) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

        for n in range(1, len(self._tab_list) + 1):
            add(f"Alt+{n}", lambda n=n: self.go_to_tab(n - 1))
        add("F2", self.new_payment)
        add("F4", lambda: open_cash(self))  # Espèces: a cash sale, pay-out or float
        add("F5", self.refresh_current)
        add(QKeySequence(QKeySequence.StandardKey.Find), self.focus_search)
        # F9 who is at the till, idle lock, tabs a cashier may not use (ui/cashier/).
        self.cashier_desk = attach_cashier_desk(self)

    def go_to_tab(self, index: int) -> None:
        if self.tabs is not None and 0 <= index < self.tabs.count() \
                and self.tabs.isTabVisible(index):
            self.tabs.setCurrentIndex(index)

    def new_payment(self) -> None:
        """F2 from anywhere: Encaisser, focus in the amount."""
        if self.tabs is None:
            return
        self.tabs.setCurrentWidget(self.checkout_tab)
        start = getattr(self.checkout_tab, "start_new_link", None)
        if callable(start):
            start()

    def refresh_current(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.refresh()

    def focus_search(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.focus_search()

    # --- background synchronisation ------------------------------------------------------

    def sync_in_background(self, user: bool = False) -> None:
        """Outbox, balances and recent history, every few minutes. Quiet: failures show
        in the status bar (network state, details), never as a message in a loop; a sync
        the user asked for reports its error in the message bar."""
        ctx = self.ctx
        if ctx is None or self._syncing:
            return
        self._syncing = True
        if self.status is not None:
            self.status.set_syncing(True)

        def finished() -> None:
            self._syncing = False
            if self.status is not None:
                self.status.set_syncing(False)
            self._plan_follow_up()

        def done(_: object) -> None:
            finished()
            if self.status is not None:
                self.status.note_synced()

        def failed(exc: BaseException) -> bool:
            finished()
            if self.status is not None:
                self.status.note_error(exc)
            if user and self.ctx is not None:
                self.ctx.messages.show_error(exc)
            return True

        ctx.bridge.run(self._sync(ctx), on_done=done, on_error=failed)

    @staticmethod
    async def _sync(ctx: UiContext) -> None:
        core = ctx.core
        error: CinetPayError | None = None
        try:
            await core.sync.catch_up()  # the same sync as `comptoir-cli sync`
        except CinetPayError as exc:
            error = exc
        view = await core.balance.refresh()
        error = error or view.error
        days = RECENT_HISTORY_DAYS if await core.history.fetched_at() else FIRST_HISTORY_DAYS
        try:
            await core.history.refresh(HistoryFilter(date_from=date.today() - timedelta(days)))
        except CinetPayError as exc:
            error = error or exc
        if error is not None:
            raise error

    def follow_up(self) -> None:
        """Catch up (outbox, transfers and links to their outcome) without the balances and
        history; then plan the next follow-up."""
        ctx = self.ctx
        if ctx is None or self._syncing or self._following:
            self._plan_follow_up()
            return
        self._following = True

        def finished(_: object = None) -> bool:
            self._following = False
            self._plan_follow_up()
            return True  # quiet: the status bar shows the network state

        def done(_report: SyncReport) -> None:
            finished()

        ctx.bridge.run(ctx.core.sync.catch_up(), on_done=done, on_error=finished)

    def _plan_follow_up(self) -> None:
        """Next follow-up: when a deferred item is due, or soon while transfers are in
        progress (their status changes without anyone asking)."""
        ctx = self.ctx
        if ctx is None or not self._sync_timer.isActive():
            return

        def plan(seconds: float | None) -> None:
            if seconds is not None and self.ctx is ctx:
                self._follow_timer.start(int(min(seconds * 1000, SYNC_INTERVAL_MS)))

        ctx.bridge.run(ctx.core.sync.follow_up_in(FOLLOW_INTERVAL_MS / 1000),
                       on_done=plan, on_error=lambda _e: True)

    async def _initial_sync_time(self) -> datetime | None:
        ctx = self.ctx
        if ctx is None:
            return None
        history = await ctx.core.history.fetched_at()
        view = await ctx.core.balance.cached()
        times = [t for t in (history, *(f.fetched_at for f in (view.account, view.transfer)
                                        if f is not None)) if t is not None]
        return max(times) if times else None

    def _note_initial_sync(self, when: datetime | None) -> None:
        if when is not None and self.status is not None:
            self.status.note_synced(when)

    # --- closing -----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.guard_close:
            event.ignore()
            self.close_requested.emit()
            return
        self.clear_workspace()
        event.accept()
