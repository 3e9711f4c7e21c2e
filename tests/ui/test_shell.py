"""The main window: training banner, tabs and shortcuts, status bar states, unconfirmed
operations, and the application's lifecycle (training data dir, clean quit, one instance)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import pytest
import shiboken6
from PySide6.QtCore import Qt

from backoffice.api.errors import AuthError
from backoffice.services.connectivity import NetState
from backoffice.services.events import OUTBOX_CHANGED
from backoffice.store.instance import InstanceLock
from backoffice.ui import app as app_module
from backoffice.ui.app import ComptoirApp, main
from backoffice.ui.main_window import DEFAULT_SIZE, MainWindow
from tests.support.clients import FAST_RETRY, SHORT_TIMEOUT, go_online, offline_client
from tests.support.waits import until

TAB_TITLES = ["Tableau de bord", "Historique", "Encaisser", "Contacts", "Transferts", "Réglages",
              "Clôture"]
CLIENT = {"timeout": SHORT_TIMEOUT, "retry": FAST_RETRY}


@pytest.fixture
async def window(ui_ctx, qtbot):
    win = MainWindow(ui_ctx)
    win.show()
    win.activateWindow()
    await until(lambda: win.status.last_sync is not None and not win._syncing, timeout=10)
    await ui_ctx.bridge.wait_idle()
    yield win
    await ui_ctx.bridge.shutdown()
    win.close()  # unguarded: detaches from the session
    win.deleteLater()


async def test_training_window_has_banner_title_and_fits_a_small_screen(window):
    assert window.banner is not None and window.banner.isVisible()
    assert "FORMATION / TRAINING" in window.banner.text
    assert "Comptoir" in window.windowTitle()
    assert DEFAULT_SIZE[0] <= 1280 and DEFAULT_SIZE[1] <= 800
    assert window.width() <= 1280 and window.height() <= 800
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == TAB_TITLES
    image = window.grab().toImage()
    # the banner is drawn inside the window: amber pixels at the top centre
    colour = image.pixelColor(image.width() // 2 + 200, 4)
    assert (colour.red(), colour.green(), colour.blue()) == (0xFF, 0xC1, 0x07)


async def test_real_session_has_no_banner(ui_ctx, qtbot):
    ui_ctx.training = False
    win = MainWindow()
    win.show_workspace(ui_ctx, background_sync=False)
    assert win.banner is None and win.windowTitle() == "Comptoir"
    await ui_ctx.bridge.wait_idle()
    win.close()
    win.deleteLater()


async def test_alt_n_switches_tabs_and_shows_them(window, qtbot):
    for n in (2, 6, 1, 5):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.AltModifier)
        assert window.tabs.currentIndex() == n - 1
    window.go_to_tab(1)
    await until(lambda: window.history_tab.model.applied)
    assert window.history_tab.model.total > 0


async def test_f5_refreshes_the_current_tab_and_ctrl_f_focuses_search(window, qtbot):
    calls = []
    window.history_tab.refresh = lambda: calls.append("history")
    window.go_to_tab(1)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert calls == ["history"]
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.history_tab.search.hasFocus()


async def test_f2_opens_checkout_and_starts_a_new_link(window, qtbot):
    started = []
    window.checkout_tab.start_new_link = lambda: started.append(True)
    window.go_to_tab(5)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.tabs.currentWidget() is window.checkout_tab
    assert started == [True]


async def test_status_bar_network_states(window, ui_ctx, sim, creds):
    status = window.status
    assert status.net_button.text() == "Connecté"
    status.set_syncing(True)
    assert status.net_button.text() == "Synchronisation…"
    status.set_syncing(False)

    core = ui_ctx.core
    await core.api.aclose()
    core.api = offline_client(creds)
    view = await core.balance.refresh()  # fails: offline, served from the cache
    assert view.error is not None
    assert core.connectivity.state is NetState.OFFLINE
    assert status.net_button.text() == "Hors ligne"
    status.note_error(view.error)
    status.net_button.click()
    assert status.details.isVisible()
    assert "injoignable" in status.details.explanation.text()
    assert "CinetPay injoignable" in status.details.error.text()
    status.details.close()

    await go_online(core, sim, creds)
    assert await core.connectivity.probe_now() is NetState.ONLINE
    assert status.net_button.text() == "Connecté"

    core.connectivity.report(AuthError(None, "609", "AUTH_NOT_FOUND"))
    assert status.net_button.text() == "Erreur d'identifiants"
    assert "refuse les identifiants" in ui_ctx.messages.text  # said once, on the change
    assert ui_ctx.messages.kind == "error"
    status.show_details()
    assert status.details.settings_button.isVisible()
    status.details.settings_button.click()
    assert window.tabs.currentWidget() is window.settings_tab


async def test_last_sync_time_is_shown(window):
    text = window.status.sync_label.text()
    assert text.startswith("Dernière synchro : ")
    assert time.strftime("%H:") in text or ":" in text


async def test_unconfirmed_count_follows_the_journal(window, ui_ctx):
    status = window.status
    await until(lambda: status.pending_button.text() == "Tout est confirmé")
    await ui_ctx.core.links.create(1500, "Test")  # sent, waiting for the customer
    await until(lambda: status.unconfirmed_total == 1)
    assert status.pending_button.text() == "1 opération non confirmée"
    await ui_ctx.core.links.create(2500, "Test")
    await until(lambda: status.unconfirmed_total == 2)
    assert status.pending_button.text() == "2 opérations non confirmées"
    assert "Liens en attente du client : 2" in status.pending_button.toolTip()
    ui_ctx.core.bus.emit(OUTBOX_CHANGED)  # a burst of events: one count, same result
    await asyncio.sleep(0.3)
    assert status.unconfirmed_total == 2


async def test_background_sync_failure_is_quiet(window, ui_ctx, creds):
    await ui_ctx.core.api.aclose()
    ui_ctx.core.api = offline_client(creds)
    ui_ctx.messages.hide()
    window.sync_in_background()
    await until(lambda: not window._syncing)
    await ui_ctx.bridge.wait_idle()
    assert ui_ctx.messages.text == ""  # no pop-up for a background failure…
    assert window.status.last_error  # …but the details say what happened
    window.sync_in_background(user=True)
    await until(lambda: not window._syncing)
    assert "injoignable" in ui_ctx.messages.text


# --- the application --------------------------------------------------------------------


async def test_demo_app_uses_a_separate_training_dir_and_quits_cleanly(qapp, tmp_path, french):
    ctl = ComptoirApp(qapp, base_dir=tmp_path, demo=True, install_signals=False, environ={},
                      client_options=CLIENT)
    run = asyncio.ensure_future(ctl.run())
    await until(lambda: ctl.ctx is not None, timeout=10)
    win, core = ctl.window, ctl.ctx.core
    assert win.banner is not None and win.isVisible()
    assert ctl.ctx.data_dir == tmp_path / "formation"
    await until(lambda: win.status.last_sync is not None, timeout=10)
    assert (tmp_path / "formation" / "journal.sqlite3").exists()
    assert not (tmp_path / "journal.sqlite3").exists()

    logged = []
    hook = ctl.excepthook(lambda *exc: logged.append(exc[0]))
    hook(ValueError, ValueError("boom"), None)  # an uncaught error: logged, then shown
    assert logged == [ValueError] and "Erreur inattendue (ValueError)" in ctl.ctx.messages.text

    win.close()  # ignored until the shutdown is done
    assert ctl.closing.is_set()
    assert await asyncio.wait_for(run, 15) == 0
    assert ctl.finished and not (shiboken6.isValid(win) and win.isVisible())
    with pytest.raises(RuntimeError):
        await core.db.run(lambda db: None)  # the journal was closed
    InstanceLock(tmp_path / "formation").acquire()  # and the instance lock released


async def test_second_launch_is_refused_with_a_message(qapp, tmp_path, monkeypatch, french):
    shown = []
    monkeypatch.setattr(app_module, "show_message_box", lambda icon, title, text:
                        shown.append(text))
    with InstanceLock(tmp_path / "formation"):
        code = main(["--demo", "--data-dir", str(tmp_path)])
    assert code == 3
    assert shown and "déjà ouvert" in shown[0]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM handler is Unix-only")
def test_comptoir_demo_process_quits_on_sigterm(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COMPTOIR_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "backoffice", "--demo"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        journal = tmp_path / "formation" / "journal.sqlite3"
        deadline = time.monotonic() + 20
        while not journal.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert journal.exists(), proc.stderr.read1().decode() if proc.poll() else ""
        time.sleep(0.8)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    log = (tmp_path / "formation" / "logs" / "comptoir.log").read_text(encoding="utf-8")
    assert "Comptoir stopped" in log


def test_python_m_backoffice_is_the_gui_entry_point():
    done = subprocess.run([sys.executable, "-m", "backoffice", "--help"], capture_output=True,
                          text=True, timeout=30, check=False)
    assert done.returncode == 0
    assert "--demo" in done.stdout and done.stdout.startswith("usage: comptoir")


async def test_a_drain_started_by_the_services_shows_in_the_status_bar(window, ui_ctx):
    from backoffice.services.events import SYNC_FINISHED, SYNC_STARTED

    ui_ctx.core.bus.emit(SYNC_STARTED)
    await until(lambda: window.status.syncing)
    ui_ctx.core.bus.emit(SYNC_FINISHED)
    await until(lambda: not window.status.syncing)
    await ui_ctx.core.sync.drain()  # a real drain announces itself both ways
    await until(lambda: not window.status.syncing)
