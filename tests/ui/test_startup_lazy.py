"""Start-up (issue 18): the window's frame is painted before anything heavy is imported and
before any tab exists; each tab is built once, when first shown; once built the window looks
the same (titles, order, shortcuts); real mode with credentials from the environment never
opens the keyring at start-up."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt

from backoffice.keyring import CredentialStore
from backoffice.simulator import DEMO_CREDENTIALS
from backoffice.ui import session as session_module
from backoffice.ui.app import ENV_FIRST_PAINT, ENV_FIRST_PAINT_MODULES, ComptoirApp
from backoffice.ui.i18n import install_translators
from backoffice.ui.main_window import TABS, MainWindow
from harness.memory_keyring import MemoryKeyring
from tests.support.clients import FAST_RETRY, SHORT_TIMEOUT
from tests.support.waits import until

ROOT = Path(__file__).resolve().parents[2]
TAB_TITLES = ["Tableau de bord", "Historique", "Encaisser", "Contacts", "Transferts", "Réglages",
              "Clôture"]
# Nothing of this is needed to paint the frame: loading any of it before is a regression.
HEAVY = ("httpx", "httpcore", "ssl", "asyncio", "qasync", "keyring", "psycopg", "segno",
         "xlsxwriter", "PySide6.QtNetwork", "backoffice.api", "backoffice.composition",
         "backoffice.services.core", "backoffice.simulator", "backoffice.printing",
         "backoffice.reports", "backoffice.keyring", "backoffice.store.db",
         "backoffice.ui.session", "backoffice.ui.statusbar", "backoffice.ui.welcome",
         *(f"backoffice.ui{spec.module}" for spec in TABS))


class PaintProbe(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.built_at_paint: list[str] | None = None
        self.window: MainWindow | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.built_at_paint is None \
                and self.window is not None:
            self.built_at_paint = [s.attribute for s in TABS
                                   if self.window.built_tab(s.attribute) is not None]
        return False


def titles(win: MainWindow) -> list[str]:
    assert win.tabs is not None
    return [win.tabs.tabText(i) for i in range(win.tabs.count())]


def built(win: MainWindow) -> list[str]:
    return [s.attribute for s in TABS if win.built_tab(s.attribute) is not None]


async def test_the_frame_paints_first_and_each_tab_is_built_once_when_shown(ui_ctx, qtbot):
    win = MainWindow()
    win.show_frame(training=True, notice="Ouverture de Comptoir…")
    probe = PaintProbe()
    probe.window = win
    frame_tabs = win.tabs
    assert frame_tabs is not None
    frame_tabs.installEventFilter(probe)
    win.show()
    await until(lambda: probe.built_at_paint is not None)
    assert probe.built_at_paint == []  # painted with its titles, before any tab exists
    assert titles(win) == TAB_TITLES and win.banner is not None
    assert win.statusBar().currentMessage() == "Ouverture de Comptoir…"

    win.show_workspace(ui_ctx, background_sync=False)
    assert win.tabs is frame_tabs  # the painted frame is filled, not replaced
    assert built(win) == []  # the current tab comes on the next turn of the loop
    await until(lambda: built(win) == ["dashboard_tab"])
    dashboard = win.built_tab("dashboard_tab")
    assert win.current_tab() is dashboard and frame_tabs.currentWidget() is dashboard

    win.go_to_tab(1)  # first show: built, current, loaded
    history = win.built_tab("history_tab")
    assert history is not None and win.current_tab() is history
    await until(lambda: history.model.applied)
    win.go_to_tab(0)
    win.go_to_tab(1)
    assert win.built_tab("history_tab") is history  # once
    assert built(win) == ["dashboard_tab", "history_tab"]
    assert titles(win) == TAB_TITLES
    assert frame_tabs.tabToolTip(1) == "Alt+2" and frame_tabs.currentIndex() == 1
    await ui_ctx.bridge.wait_idle()
    win.close()
    win.deleteLater()


async def test_once_built_the_window_looks_and_answers_the_same(ui_ctx, qtbot, qapp):
    win = MainWindow(ui_ctx)
    win.show()
    await until(lambda: win.current_tab() is not None)
    before = titles(win)
    tabs = win.tab_widgets  # every tab built (tests reach them as attributes too)
    assert [type(t).__name__ for t in tabs] == [s.cls for s in TABS]
    assert titles(win) == before == TAB_TITLES == [t.title() for t in tabs]
    assert win.tabs is not None
    assert [win.tabs.tabToolTip(i) for i in range(7)] == [f"Alt+{n}" for n in range(1, 8)]
    for n, spec in enumerate(TABS, start=1):
        qtbot.keyClick(win, getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.AltModifier)
        assert win.tabs.currentWidget() is getattr(win, spec.attribute)
    qtbot.keyClick(win, Qt.Key.Key_F2)
    assert win.tabs.currentWidget() is win.checkout_tab
    install_translators(qapp, "en")  # the frame's titles are the tabs' own, in English too
    try:
        english = [t.title() for t in tabs]
        assert english != TAB_TITLES  # translated indeed
        assert [s.translated_title() for s in TABS] == english
    finally:
        install_translators(qapp, "fr")
    await ui_ctx.bridge.wait_idle()
    win.close()
    win.deleteLater()


def first_paint(tmp_path: Path, *args: str, **env: str) -> tuple[set[str], str]:
    """Start the app as a user does; the modules loaded when its frame was first painted
    (with no full garbage collection before), and what it printed (it quits once its
    workspace is up)."""
    modules = tmp_path / "modules.txt"
    environ = {k: v for k, v in os.environ.items() if not k.startswith("COMPTOIR_")}
    environ.update(QT_QPA_PLATFORM="offscreen", COMPTOIR_DATA_DIR=str(tmp_path / "data"),
                   **{ENV_FIRST_PAINT: "1", ENV_FIRST_PAINT_MODULES: str(modules)}, **env)
    done = subprocess.run([sys.executable, "-m", "backoffice", *args], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(modules.read_text(encoding="utf-8"))
    assert seen["full_collections"] == 0
    return set(seen["modules"]), done.stdout


def test_demo_mode_paints_before_loading_anything_heavy(tmp_path):
    loaded, out = first_paint(tmp_path, "--demo")
    assert "first_paint_ms=" in out and "workspace_ms=" in out  # then the whole start-up
    assert "backoffice.ui.main_window" in loaded and "PySide6.QtWidgets" in loaded
    assert sorted(m for m in HEAVY if m in loaded) == []


def test_real_mode_paints_before_loading_anything_heavy(tmp_path, sim):
    url = sim.base_url
    loaded, out = first_paint(
        tmp_path, COMPTOIR_CHECKOUT_URL=url, COMPTOIR_LEGACY_URL=url, COMPTOIR_TRANSFER_URL=url,
        COMPTOIR_ALLOW_LOOPBACK="1", COMPTOIR_APIKEY=DEMO_CREDENTIALS["apikey"],
        COMPTOIR_SITE_ID=DEMO_CREDENTIALS["site_id"])
    assert "first_paint_ms=" in out and "workspace_ms=" in out
    assert sorted(m for m in HEAVY if m in loaded) == []


@pytest.fixture
def keyring_opened(monkeypatch) -> list[CredentialStore]:
    """Every keyring the session opens (a memory one)."""
    opened: list[CredentialStore] = []

    def open_store(*_args: object, **_kwargs: object) -> CredentialStore:
        store = CredentialStore(backend=MemoryKeyring(store={}))
        opened.append(store)
        return store

    monkeypatch.setattr(session_module, "CredentialStore", open_store)
    return opened


async def test_real_mode_with_credentials_from_the_environment_leaves_the_keyring_alone(
        qapp, tmp_path, sim, keyring_opened):
    url = sim.base_url
    environ = {"COMPTOIR_CHECKOUT_URL": url, "COMPTOIR_LEGACY_URL": url,
               "COMPTOIR_TRANSFER_URL": url, "COMPTOIR_ALLOW_LOOPBACK": "1",
               "COMPTOIR_APIKEY": DEMO_CREDENTIALS["apikey"],
               "COMPTOIR_SITE_ID": DEMO_CREDENTIALS["site_id"]}
    ctl = ComptoirApp(qapp, base_dir=tmp_path, install_signals=False, environ=environ,
                      background_sync=False,
                      client_options={"timeout": SHORT_TIMEOUT, "retry": FAST_RETRY})
    run = asyncio.ensure_future(ctl.run())
    await until(lambda: ctl.ctx is not None and ctl.window.current_tab() is not None,
                timeout=15)
    assert not ctl.ctx.training
    assert keyring_opened == []  # the whole start-up without the keyring
    page = ctl.window.settings_tab.account_page  # Réglages: the keyring when it is shown
    assert page.store is None and page.open_store is not None
    report = await page._probe()
    assert len(keyring_opened) == 1 and page.store is keyring_opened[0]
    assert report.backend_name
    ctl.request_quit()
    assert await asyncio.wait_for(run, 15) == 0


async def test_encaisser_list_fits_a_1024_by_768_screen_without_a_side_scroll(ui_ctx, qtbot):
    await ui_ctx.core.links.create(1500, "Un café et un croissant pour la table 4")
    win = MainWindow(ui_ctx)
    win.resize(1024, 768 - 32)
    win.show()
    win.go_to_tab(2)
    tab = win.checkout_tab
    await until(lambda: tab.model.rowCount() > 0)
    await until(lambda: tab.table.viewport().width() > 0)
    table = tab.table
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()  # every column within the pane
    assert not table.horizontalScrollBar().isVisible()
    shown = [tab.model.columns[i] for i in range(header.count()) if not header.isSectionHidden(i)]
    assert {"time", "amount", "status", "description"} <= set(shown)
    widths = [header.sectionSize(i) for i in range(header.count())
              if not header.isSectionHidden(i)]
    assert min(widths) >= 45, widths  # and none squeezed to nothing
    paid_by = tab.model.columns.index("paid_by")
    assert header.isSectionHidden(paid_by)  # it gave way at 1024 px
    win.resize(1280, 800 - 32)  # a larger screen: it comes back, still within the pane
    await until(lambda: not header.isSectionHidden(paid_by))
    assert header.length() <= table.viewport().width()
    await ui_ctx.bridge.wait_idle()
    win.close()
    win.deleteLater()


def test_bar_list_values_are_readable_in_dark_mode(qapp, qtbot):
    from decimal import Decimal

    from PySide6.QtGui import QColor, QPalette

    from backoffice.preferences import Preferences
    from backoffice.ui import theme
    from backoffice.ui.dashboard.chart import BarItem, BarList

    def text_pixels(dark: bool) -> tuple[QColor, list[QColor]]:
        theme.apply_look(Preferences(theme="dark" if dark else "light"), qapp)
        bars = BarList()
        bars.set_items([BarItem("Wave", Decimal(5), "12 500 F CFA")])
        bars.resize(400, 40)
        image = bars.grab().toImage()
        background = qapp.palette().color(QPalette.ColorRole.Window)
        # the figure only: the last 70 px of the row (the bar ends before it)
        pixels = [image.pixelColor(x, y) for x in range(image.width() - 70, image.width())
                  for y in range(4, 30)]
        bars.deleteLater()
        return background, pixels

    def contrast(a: QColor, b: QColor) -> float:
        def lum(c: QColor) -> float:
            def ch(v: float) -> float:
                return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
            return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
        hi, lo = sorted((lum(a), lum(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    try:
        for dark in (False, True):
            background, pixels = text_pixels(dark)
            best = max(contrast(p, background) for p in pixels)
            assert best >= 4.5, (dark, best)  # the figure's glyphs stand out
    finally:
        theme.apply_look(Preferences(), qapp)
