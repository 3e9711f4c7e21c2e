"""Issue 17, the shell: a message never moves the layout, the first window fits a 1024×768
screen, messages say the current state (and in the current language), reads never use a
money operation's words, and the status bar's counter opens the list of what waits."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from backoffice.api import Endpoints
from backoffice.api.errors import NotSent
from backoffice.keyring import CredentialStore
from backoffice.services.connectivity import NetState
from backoffice.ui import main_window as main_window_module
from backoffice.ui.app import ComptoirApp
from backoffice.ui.main_window import MainWindow
from backoffice.ui.waiting_list import LINK, TRANSFER
from harness.memory_keyring import MemoryKeyring
from tests.support.clients import go_online, offline_client
from tests.support.waits import until

MONEY_WORDS = ("rien n'a été envoyé", "peut-être passée", "nothing was sent",
               "may have gone through")


@pytest.fixture
async def window(ui_ctx, qtbot):
    win = MainWindow()
    win.resize(1024, 736)
    win.show_workspace(ui_ctx, background_sync=False)
    win.show()
    await ui_ctx.bridge.wait_idle()
    yield win
    await ui_ctx.bridge.shutdown()
    win.close()
    win.deleteLater()


async def settle() -> None:
    """Let Qt lay out and paint (never processEvents() inside a coroutine)."""
    await asyncio.sleep(0.05)


def geometries(root: QWidget) -> dict[int, QRect]:
    """Where every visible widget of ``root`` is, in window coordinates."""
    top = root.window()
    found = {}
    for w in [root, *root.findChildren(QWidget)]:
        if w.isVisible():
            found[id(w)] = QRect(w.mapTo(top, QPoint(0, 0)), w.size())
    return found


# --- a window that never jumps -----------------------------------------------------------


async def test_a_message_appearing_and_going_moves_nothing(window, ui_ctx):
    window.go_to_tab(3)  # Contacts: the list a click lands on
    await ui_ctx.bridge.wait_idle()
    await settle()
    before = geometries(window.tabs)
    bar = ui_ctx.messages
    for kind in ("success", "info", "warning", "error"):
        bar.show_message("Paiement reçu : 17 500 F CFA — " + kind * 20, kind, 6000)
        await settle()
        assert bar.isVisible() and bar.text.startswith("Paiement reçu")
        assert geometries(window.tabs) == before
        # it floats inside the window, over the bottom of the tabs, fully readable
        box = QRect(bar.mapTo(window, QPoint(0, 0)), bar.size())
        assert window.rect().contains(box)
        assert box.height() >= bar.minimumSizeHint().height()
        bar.hide()
        await settle()
        assert geometries(window.tabs) == before
    window.resize(1280, 770)  # the floating bar follows the window
    bar.show_message("Contact ajouté", "success")
    window.resize(1100, 740)
    await settle()
    assert bar.geometry().bottom() < bar.parentWidget().height()
    assert bar.geometry().center().x() in range(bar.parentWidget().width() // 2 - 2,
                                                bar.parentWidget().width() // 2 + 3)


# --- the first window fits the screen ----------------------------------------------------


@pytest.fixture
def small_screen(monkeypatch):
    monkeypatch.setattr(main_window_module, "available_geometry",
                        lambda _widget: QRect(0, 0, 1024, 768))


async def test_the_first_window_fits_a_1024x768_screen(qapp, tmp_path, small_screen):
    store = CredentialStore(backend=MemoryKeyring(store={}))
    ctl = ComptoirApp(qapp, base_dir=tmp_path, store=store, install_signals=False,
                      endpoints=Endpoints.single("http://127.0.0.1:9"), environ={})
    run = asyncio.ensure_future(ctl.run())
    try:
        await until(lambda: ctl.window.welcome is not None)
        await settle()
        win = ctl.window
        assert QRect(0, 0, 1024, 768).contains(win.frameGeometry())
        for button in (win.welcome.training_button, win.welcome.connect_button):
            assert button.isVisible()
            # nothing of the button is cut off by the window or the scroll area
            assert button.visibleRegion().boundingRect() == button.rect()
            assert win.rect().contains(QRect(button.mapTo(win, QPoint(0, 0)), button.size()))
    finally:
        ctl.request_quit()
        assert await asyncio.wait_for(run, 15) == 0


def test_a_restored_size_larger_than_the_screen_is_fitted(qapp, small_screen):
    win = MainWindow()
    win.setGeometry(300, 200, 1600, 1000)  # saved on a larger screen
    win.fit_to_screen()
    assert QRect(0, 0, 1024, 768).contains(win.geometry())
    assert win.height() <= 768 - main_window_module.TITLE_BAR
    win.deleteLater()


# --- messages that stay true -------------------------------------------------------------


async def test_unreachable_words_go_when_cinetpay_answers_again(window, ui_ctx, sim, creds):
    core, bar = ui_ctx.core, ui_ctx.messages
    await core.api.aclose()
    core.api = offline_client(creds)
    ui_ctx.bridge.run(core.links.create(5000, "Vente"))  # a money operation, offline
    await until(lambda: "rien n'a été envoyé" in bar.text)
    assert core.net_state is NetState.OFFLINE
    bar2 = "Hors ligne : statuts non actualisés pour l'instant."
    window.transfers_tab.refresh()  # a warning while offline
    await until(lambda: bar.text == bar2)
    await go_online(core, sim, creds)
    assert await core.connectivity.probe_now() is NetState.ONLINE
    await until(lambda: bar.text == "")  # the state it described is over

    # a message that says nothing about the network stays
    bar.show_message("Saisissez le montant à envoyer", "warning")
    core.connectivity.report(NotSent())
    await go_online(core, sim, creds)
    await core.connectivity.probe_now()
    assert bar.text == "Saisissez le montant à envoyer"


async def test_credential_errors_go_once_the_status_is_connecte(window, ui_ctx, sim, creds):
    from backoffice.api.errors import AuthError

    core = ui_ctx.core
    core.connectivity.report(AuthError(None, "609", "AUTH_NOT_FOUND"))
    await until(lambda: "refuse les identifiants" in ui_ctx.messages.text)
    assert await core.connectivity.probe_now() is NetState.ONLINE
    await until(lambda: ui_ctx.messages.text == "")
    assert window.status.net_button.text() == "Connecté"


async def test_errors_are_worded_in_the_current_language(window, ui_ctx):
    exc = NotSent()
    ui_ctx.messages.show_error(exc)
    window.status.note_error(exc)
    assert ui_ctx.messages.text.startswith("CinetPay injoignable")
    ui_ctx.prefs.lang = "en"
    ui_ctx.messages.set_lang("en")
    assert ui_ctx.messages.text == "CinetPay unreachable (no network?): nothing was sent"
    assert window.status.last_error == "CinetPay unreachable (no network?): nothing was sent"
    window.status.show_details()
    assert "CinetPay unreachable" in window.status.details.error.text()
    window.status.details.close()


async def test_failed_reads_never_use_money_words(window, ui_ctx, creds):
    core, bar = ui_ctx.core, ui_ctx.messages
    await core.api.aclose()
    core.api = offline_client(creds)
    view = await core.balance.refresh()
    assert view.error is not None
    window.status.note_error(view.error)
    history = window.history_tab
    window.go_to_tab(1)
    bar.hide()
    history.refresh()
    await ui_ctx.bridge.wait_idle()
    shown = [bar.text, window.status.last_error, view.error.human("fr"),
             view.error.human("en")]
    assert any("injoignable" in s or "unreachable" in s for s in shown)
    for text in shown:
        assert not any(words in text for words in MONEY_WORDS), text
    assert "réessayez" in view.error.human("fr")


# --- the counter opens the list of what waits -------------------------------------------


async def test_the_counter_opens_the_waiting_list_and_cancels_a_link(window, ui_ctx, sim):
    core, status = ui_ctx.core, window.status
    link = await core.links.create(1500, "Test")
    other = await core.links.create(2500, "Test")
    contact = sim.contacts()[0]
    await core.transfers.send(contact["prefix"], contact["phone"], 5000)
    await until(lambda: status.unconfirmed_total >= 3)
    status.pending_button.click()
    dialog = status.waiting
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    await until(lambda: len(dialog.items) >= 3)
    kinds = {item.key: item.kind for item in dialog.items}
    assert kinds[link.transaction_id] == LINK and TRANSFER in kinds.values()
    row = dialog.row_of(link.transaction_id)
    assert dialog.table.item(row, 3).text() == "En attente"
    assert dialog.table.item(row, 2).text().replace("\u202f", " ").startswith("1 500")
    dialog.cancel_buttons[link.transaction_id].click()
    await until(lambda: dialog.row_of(link.transaction_id) == -1)
    assert (await core.links.get(link.transaction_id)).end_reason == "cancelled"
    assert dialog.row_of(other.transaction_id) != -1  # the other link still waits
    await until(lambda: "Lien annulé" in ui_ctx.messages.text)
    assert status.show_waiting() is dialog  # built once, shown again


async def test_a_message_shown_before_the_window_is_laid_out_ends_at_the_bottom(ui_ctx, qtbot):
    win = MainWindow()
    win.resize(1024, 736)
    win.show_workspace(ui_ctx, background_sync=False)
    ui_ctx.messages.show_message("Paiement reçu", "success")  # before the first layout
    win.show()
    try:
        await settle()
        bar, host = ui_ctx.messages, ui_ctx.messages.parentWidget()
        assert bar.geometry().bottom() == host.height() - 1 - 12
        assert bar.geometry().top() > host.height() // 2  # never over the banner or tabs
    finally:
        await ui_ctx.bridge.wait_idle()
        win.close()
        win.deleteLater()
