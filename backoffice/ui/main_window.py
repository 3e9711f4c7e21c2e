"""The main window: training banner, message bar, six tabs (Alt+1…Alt+6), F2 to take a
payment from anywhere, F5 to refresh the current tab, Ctrl+F to search it, and the status bar.

The window outlives sessions: the welcome page, the real workspace and the training
workspace are shown in it in turn (``show_welcome`` / ``show_workspace``), so a language
change or new credentials rebuild the screens in place.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

# Only what the first paint needs is imported here (issue 18): the services, the status bar
# and every tab load once the window is on screen, each tab when it is first shown. Even Qt
# classes: PySide6 builds a class (and its enums) when it is first imported.
from PySide6.QtCore import QCoreApplication, QRect, QSize, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QTabBar, QTabWidget, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtGui import QCloseEvent, QPaintEvent, QPixmap, QShortcut
    from PySide6.QtWidgets import QLabel

    from ..keyring import CredentialStore
    from ..services.connectivity import NetState
    from ..services.sync import SyncReport
    from .checkout.tab import CheckoutTab
    from .closing.tab import ClosingTab
    from .contacts.tab import ContactsTab
    from .context import UiContext
    from .dashboard.tab import DashboardTab
    from .history.tab import HistoryTab
    from .kit.events import BusListener
    from .kit.tab import Tab
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


@dataclass(frozen=True)
class TabSpec:
    """One tab of the workspace, known before its module is imported: its window attribute,
    its class (module relative to this package) and its title, translated in the class's
    context exactly as its ``title()`` does."""

    attribute: str
    module: str
    cls: str
    title: str

    def translated_title(self) -> str:
        return QCoreApplication.translate(self.cls, self.title)


# In order (Alt+1…Alt+7).
TABS = (
    TabSpec("dashboard_tab", ".dashboard.tab", "DashboardTab", "Tableau de bord"),
    TabSpec("history_tab", ".history.tab", "HistoryTab", "Historique"),
    TabSpec("checkout_tab", ".checkout.tab", "CheckoutTab", "Encaisser"),
    TabSpec("contacts_tab", ".contacts.tab", "ContactsTab", "Contacts"),
    TabSpec("transfers_tab", ".transfers.tab", "TransfersTab", "Transferts"),
    TabSpec("settings_tab", ".settings.tab", "SettingsTab", "Réglages"),
    TabSpec("closing_tab", ".closing.tab", "ClosingTab", "Clôture"),
)
SPECS = {spec.attribute: spec for spec in TABS}


class _LazyTab:
    """``window.history_tab`` and the like: the tab, built on first access (showing it, a
    shortcut, a test); AttributeError without a workspace (``getattr(window, name, None)``)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, window: MainWindow | None, owner: type | None = None) -> Any:
        if window is None:
            return self
        tab = window.tab(self.name)
        if tab is None:
            raise AttributeError(f"{self.name}: no workspace")
        return tab


AMBER, HAZARD, BANNER_TEXT = (0xFF, 0xC1, 0x07), (0x21, 0x21, 0x21), (0x2B, 0x1D, 0x00)
STRIPE_BLOCK, STRIPE_PERIOD = 90, 24  # px of stripes at each end; one dark + one amber band


def hazard_tile(height: int) -> bytes:
    """One period of the diagonal stripes (ARGB32, STRIPE_PERIOD × ``height``), antialiased
    by 4 samples a pixel. Drawn as a tiled pixmap: no QPainter pen or brush, whose Python
    calls build PySide6's ~90 Qt enums (~15 ms) before the first paint (issue 18)."""
    ring = []  # a pixel depends on x + y only
    for k in range(STRIPE_PERIOD):
        dark = sum((k + sx + sy) % STRIPE_PERIOD < STRIPE_PERIOD / 2
                   for sx in (0.25, 0.75) for sy in (0.25, 0.75)) / 4
        b, g, r = (round(d * dark + a * (1 - dark))
                   for d, a in zip(HAZARD[::-1], AMBER[::-1], strict=True))
        ring.append(bytes((b, g, r, 0xFF)))
    return b"".join(ring[(x + y) % STRIPE_PERIOD]
                    for y in range(height) for x in range(STRIPE_PERIOD))


class TrainingBanner(QWidget):
    """Drawn inside the window (title bars are not always visible): amber with hazard
    stripes at both ends, so nobody mistakes the simulator for real money."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
        from PySide6.QtWidgets import QSizePolicy

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
        palette = self.palette()  # amber background, dark text: whatever the theme
        palette.setColor(QPalette.ColorRole.Window, QColor(*AMBER))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(*BANNER_TEXT))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self._tile: tuple[int, QPixmap] | None = None  # (height, the stripes)

    @property
    def text(self) -> str:
        return f"{TRAINING_TEXT} — {self.detail}"

    def paintEvent(self, event: QPaintEvent) -> None:
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QImage, QPainter, QPixmap

        r = self.rect()
        if self._tile is None or self._tile[0] != r.height():
            data = hazard_tile(r.height())
            image = QImage(data, STRIPE_PERIOD, r.height(), STRIPE_PERIOD * 4,
                           QImage.Format.Format_ARGB32)
            self._tile = (r.height(), QPixmap.fromImage(image))
        tile = self._tile[1]
        p = QPainter(self)  # the pen: the palette's text colour
        p.drawTiledPixmap(QRect(0, 0, STRIPE_BLOCK, r.height()), tile)
        p.drawTiledPixmap(QRect(r.width() - STRIPE_BLOCK, 0, STRIPE_BLOCK, r.height()), tile)
        align_center = 0x0084  # Qt.AlignCenter, without importing Qt's enums
        p.drawText(QRectF(r).adjusted(STRIPE_BLOCK + 8, 0, -STRIPE_BLOCK - 8, 0),
                   align_center, self.text)
        p.end()


def available_geometry(widget: QWidget) -> QRect | None:
    """The free area (without panels) of the screen ``widget`` opens on (a seam for tests)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


class MainWindow(QMainWindow):
    close_requested = Signal()  # the user asked to quit (the app shuts down, then closes)
    restart_requested = Signal(str)  # rebuild the session: "lang" / "credentials"
    tab_built = Signal(str)  # a tab's attribute, once it is built (ui/cashier/desk.py)

    if TYPE_CHECKING:
        dashboard_tab: DashboardTab
        history_tab: HistoryTab
        checkout_tab: CheckoutTab
        contacts_tab: ContactsTab
        transfers_tab: TransfersTab
        settings_tab: SettingsTab
        closing_tab: ClosingTab
    else:  # built on first access (a data descriptor: never shadowed by an assignment)
        dashboard_tab = _LazyTab()
        history_tab = _LazyTab()
        checkout_tab = _LazyTab()
        contacts_tab = _LazyTab()
        transfers_tab = _LazyTab()
        settings_tab = _LazyTab()
        closing_tab = _LazyTab()

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
        self._slots: dict[str, QWidget] = {}  # attribute → its placeholder, then its tab
        self._built: dict[str, Tab] = {}
        self._constructed: dict[str, Tab] = {}  # build_current(): not in the window yet
        self._frame_training: bool | None = None  # a frame waiting for its session
        self._credentials: CredentialStore | None = None
        self._open_credentials: Callable[[], Awaitable[CredentialStore]] | None = None
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
        self.setWindowTitle("Comptoir")  # the icon: the application's (set after the paint)
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
        from PySide6.QtWidgets import QFrame, QScrollArea

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
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel, QPushButton

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

    def show_frame(self, *, training: bool, notice: str = "") -> None:
        """The first paint, before any session exists (issue 18): the title, the training
        banner, the tab bar with every title and a status bar saying ``notice``. The next
        :meth:`show_workspace` of the same mode fills this frame instead of replacing it."""
        self.clear_workspace()
        self._build_frame(training)
        bar = self.statusBar()
        bar.showMessage(notice)
        bar.show()

    def _build_frame(self, training: bool) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if training:
            self.banner = TrainingBanner(central)
            layout.addWidget(self.banner)
            self.setWindowTitle(self.tr("Comptoir — FORMATION (simulateur)"))
        else:
            self.setWindowTitle("Comptoir")
        self.tabs = QTabWidget(central)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        # A placeholder replaced by its tab keeps the tab current (see tab()).
        self.tabs.tabBar().setSelectionBehaviorOnRemove(QTabBar.SelectionBehavior.SelectLeftTab)
        for n, spec in enumerate(TABS, start=1):
            slot = QWidget(self.tabs)
            slot.setObjectName(f"pending_{spec.attribute}")
            index = self.tabs.addTab(slot, spec.translated_title())
            self.tabs.setTabToolTip(index, f"Alt+{n}")
            self._slots[spec.attribute] = slot
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._frame_training = training

    def show_workspace(self, ctx: UiContext, *, credentials: CredentialStore | None = None,
                       background_sync: bool = True,
                       open_credentials: Callable[[], Awaitable[CredentialStore]] | None = None,
                       show_current: bool = True) -> None:
        """The session's workspace. Each tab is built when first shown (the current one on
        the next turn of the loop; with ``show_current=False``, when the caller calls
        :meth:`show_current`); ``open_credentials`` opens the keyring only if Réglages
        needs it (credentials from the environment: no keyring at start-up)."""
        from .kit.events import BusListener
        from .print_notice import attach as attach_print_notice
        from .statusbar import StatusBar

        if self._frame_training is None or self._frame_training != ctx.training \
                or self.ctx is not None:
            self.clear_workspace()
            self._build_frame(ctx.training)
        self._frame_training = None
        self.ctx = ctx
        self._credentials, self._open_credentials = credentials, open_credentials
        central = self.centralWidget()
        assert self.tabs is not None and central is not None
        # Messages float over the bottom of the tabs: nothing moves under the pointer.
        ctx.messages.float_over(central)
        ctx.messages.net_state = lambda: ctx.core.net_state
        ctx.messages.set_lang(ctx.lang)
        if ctx.core.context.kind == "current":  # CinetPay's current platform: no contacts
            self.tabs.setTabVisible(self.tab_index("contacts_tab"), False)
        self.tabs.currentChanged.connect(self._tab_changed)

        self.status = StatusBar(ctx, self)
        self.status.settings_requested.connect(lambda: self.tabs.setCurrentWidget(
            self.settings_tab) if self.tabs is not None else None)
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
        if show_current:
            QTimer.singleShot(0, self.show_current)
        # A printer in trouble: its reason and "Réimprimer" (ui/print_notice.py).
        self.print_notice = attach_print_notice(self, ctx)

    # --- tabs, built on first show ---------------------------------------------------------

    def tab(self, attribute: str) -> Tab | None:
        """The workspace's tab ``attribute`` (e.g. "history_tab"), built now if it is not
        yet; None without a workspace."""
        built = self._built.get(attribute)
        if built is not None or self.ctx is None or self.tabs is None:
            return built
        tab = self._constructed.pop(attribute, None) or self._construct(attribute)
        from .stall_meter import step  # bench/startup_stall.py's labels

        step(f"insert {attribute}")
        self._built[attribute] = tab
        slot = self._slots[attribute]
        index = self.tabs.indexOf(slot)
        tip, visible = self.tabs.tabToolTip(index), self.tabs.isTabVisible(index)
        enabled = self.tabs.isTabEnabled(index)
        blocked = self.tabs.blockSignals(True)  # the same tab stays current: no "changed"
        try:
            self.tabs.insertTab(index, tab, tab.title())
            self.tabs.removeTab(index + 1)  # the placeholder (its left neighbour: the tab)
            self.tabs.setTabToolTip(index, tip)
            self.tabs.setTabVisible(index, visible)
            self.tabs.setTabEnabled(index, enabled)
        finally:
            self.tabs.blockSignals(blocked)
        self._slots[attribute] = tab
        slot.deleteLater()
        self.tab_built.emit(attribute)
        return tab

    def _construct(self, attribute: str) -> Tab:
        """The tab's widget, not in the window yet."""
        from .stall_meter import step  # bench/startup_stall.py's labels

        assert self.ctx is not None
        step(f"build {attribute}")
        spec = SPECS[attribute]
        cls = getattr(importlib.import_module(spec.module, __package__), spec.cls)
        if attribute != "settings_tab":
            return cls(self.ctx)
        tab = cls(self.ctx, credentials=self._credentials)
        tab.account_page.open_store = self._open_credentials  # keyring: when shown
        tab.restart_requested.connect(self.restart_requested)
        return tab

    def built_tab(self, attribute: str) -> Tab | None:
        """The tab if it is built, without building it."""
        return self._built.get(attribute)

    def tab_index(self, attribute: str) -> int:
        slot = self._slots.get(attribute)
        return self.tabs.indexOf(slot) if self.tabs is not None and slot is not None else -1

    def tab_attribute_at(self, index: int) -> str | None:
        widget = self.tabs.widget(index) if self.tabs is not None else None
        return next((name for name, slot in self._slots.items()
                     if widget is not None and slot is widget), None)

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
        from ..services.connectivity import NetState

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
        for tab in self._built.values():
            teardown = getattr(tab, "teardown", None)
            if callable(teardown):
                teardown()
        for waiting in self._constructed.values():
            waiting.deleteLater()
        self._built, self._slots, self._constructed = {}, {}, {}
        self._frame_training = None
        self._credentials = self._open_credentials = None
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
        """Every tab, in order (building those not built yet)."""
        tabs = [self.tab(spec.attribute) for spec in TABS]
        return [tab for tab in tabs if tab is not None]

    def current_tab(self) -> Tab | None:
        """The tab on screen (None while it is a placeholder, or without a workspace)."""
        if self.tabs is None:
            return None
        widget = self.tabs.currentWidget()
        return next((tab for tab in self._built.values() if tab is widget), None)

    def _tab_changed(self, index: int) -> None:
        attribute = self.tab_attribute_at(index)
        tab = self.tab(attribute) if attribute is not None else None  # first show: built
        if tab is not None and self.tabs is not None and self.tabs.currentWidget() is tab:
            from .stall_meter import step

            step(f"{attribute} on_shown")
            tab.on_shown()

    def show_current(self) -> None:
        """Right after the workspace's first paint: the current tab, built and shown."""
        if self.tabs is not None:
            self._tab_changed(self.tabs.currentIndex())

    def build_current(self) -> None:
        """The current tab's widget built, not in the window yet (:meth:`show_current` puts
        it there, laid out and painted, and shows it): start-up in two turns of the loop
        instead of one."""
        attribute = self.current_attribute()
        if attribute is not None and self.ctx is not None and attribute not in self._built \
                and attribute not in self._constructed:
            self._constructed[attribute] = self._construct(attribute)

    def current_attribute(self) -> str | None:
        """The current tab's name (e.g. "dashboard_tab"), built or not."""
        return self.tab_attribute_at(self.tabs.currentIndex()) if self.tabs else None

    # --- keyboard ----------------------------------------------------------------------

    def _install_shortcuts(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence, QShortcut

        from .cash import open_cash
        from .cashier import attach as attach_cashier_desk

        def add(keys: str | QKeySequence, slot) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

        for n in range(1, len(TABS) + 1):
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
        from datetime import date, timedelta

        from ..api.errors import CinetPayError
        from ..api.models import HistoryFilter

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
