"""Réglages: manager PIN (hashed, locks the tab), payment-link settings with field errors,
language switch, credentials in the keyring (tested against the simulator), data folder."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtCore import Qt

from backoffice.keyring import CredentialStore, StoredCredentials
from backoffice.pin import PinState
from backoffice.preferences import FILE_NAME
from backoffice.preferences import load as load_preferences
from backoffice.simulator import DEMO_CREDENTIALS
from backoffice.ui.settings.tab import SettingsTab
from harness.memory_keyring import MemoryKeyring
from tests.support.waits import signal_wait, until

DEMO = StoredCredentials(DEMO_CREDENTIALS["apikey"], DEMO_CREDENTIALS["site_id"],
                         DEMO_CREDENTIALS["transfer_password"])


@pytest.fixture
def make_tab(ui_ctx):
    made = []

    def make(*, store: CredentialStore | None = None, training: bool = True) -> SettingsTab:
        ui_ctx.training = training
        tab = SettingsTab(ui_ctx, credentials=store)
        tab.resize(1100, 700)
        tab.show()
        tab.on_shown()
        made.append(tab)
        return tab

    yield make
    for tab in made:
        tab.deleteLater()


async def test_pin_set_check_change_and_remove(make_tab, ui_ctx):
    tab = make_tab()
    page = tab.pin_page
    guard = ui_ctx.pin
    assert guard.state() is PinState.NONE and tab.stack.currentIndex() == 1
    page.pin_new.setText("12")
    assert page.save_pin() is None
    assert "4 à 8 chiffres" in page.pin_error.text()
    page.pin_new.setText("4821")
    page.pin_confirm.setText("4822")
    assert page.save_pin() is None and "diffèrent" in page.pin_error.text()
    page.pin_confirm.setText("4821")
    await page.save_pin()
    # Issue 11: the verifier lives in the keyring (here training's), not in settings.json.
    assert guard.state() is PinState.SET and guard.check("4821").ok
    settings = ui_ctx.data_dir / FILE_NAME
    assert not settings.exists() or "pin" not in settings.read_text(encoding="utf-8")
    assert page.pin_current.isVisible() and page.pin_save.text() == "Changer le code"

    page.pin_current.setText("0000")  # wrong current PIN: refused
    page.pin_new.setText("5555")
    page.pin_confirm.setText("5555")
    await page.save_pin()
    assert "incorrect" in page.pin_error.text() and guard.check("4821").ok
    page.pin_current.setText("4821")
    await page.save_pin()
    assert guard.check("5555").ok and not guard.check("4821").ok

    page.pin_current.setText("5555")
    await page.remove_pin()
    assert guard.state() is PinState.NONE


async def test_pin_locks_the_tab(make_tab, ui_ctx):
    ui_ctx.pin.set("2468")
    tab = make_tab()
    lock = tab.lock_page
    await until(lambda: tab.stack.currentIndex() == 0)  # locked (the keyring's answer)
    lock.unlock_pin.setText("1111")
    await lock.try_unlock()
    assert tab.stack.currentIndex() == 0 and lock.unlock_error.text() == "Code incorrect."
    lock.unlock_pin.setText("2468")
    await lock.try_unlock()
    assert tab.stack.currentIndex() == 1
    tab.hide()  # leaving the tab locks it again
    assert tab.stack.currentIndex() == 0


async def test_payment_link_urls_are_checked_and_saved(make_tab, ui_ctx):
    tab = make_tab()
    links = tab.links_page
    links.notify_url.setText("pas une adresse")
    links.description.setText("Vente #12")
    assert tab.apply(links) is False
    assert links.notify_error.isVisible() and "https://" in links.notify_error.text()
    assert "#" in links.description_error.text()
    assert not (ui_ctx.data_dir / FILE_NAME).exists()

    links.notify_url.setText("https://boutique.ci/cinetpay/notify")
    links.return_url.setText("https://boutique.ci/merci")
    links.description.setText("Vente boutique")
    links.currency.setCurrentIndex(links.currency.findData("XAF"))
    assert tab.apply(links) is True
    assert not links.notify_error.isVisible()
    prefs = load_preferences(ui_ctx.data_dir)
    assert (prefs.notify_url, prefs.return_url, prefs.description, prefs.currency) == (
        "https://boutique.ci/cinetpay/notify", "https://boutique.ci/merci", "Vente boutique",
        "XAF")
    assert ui_ctx.core.settings.notify_url == "https://boutique.ci/cinetpay/notify"
    assert "enregistrés" in ui_ctx.messages.text


async def test_escape_reverts_unsaved_link_edits(make_tab, qtbot):
    tab = make_tab()
    links = tab.links_page
    before = links.return_url.text()
    links.return_url.setText("https://autre.ci")
    links.return_url.setFocus()
    qtbot.keyClick(links.return_url, Qt.Key.Key_Escape)
    assert links.return_url.text() == before


async def test_language_switch_saves_and_asks_for_a_rebuild(make_tab, ui_ctx):
    tab = make_tab()
    page = tab.language_page
    page.language.setCurrentIndex(page.language.findData("en"))
    wait = asyncio.ensure_future(signal_wait(tab.restart_requested))
    await asyncio.sleep(0)
    page.language_apply.click()
    assert await wait == ("lang",)
    assert ui_ctx.prefs.lang == "en" and load_preferences(ui_ctx.data_dir).lang == "en"


async def test_training_mode_does_not_touch_the_keyring(make_tab):
    tab = make_tab(training=True)
    account = tab.account_page
    assert not account.form.isEnabled() and not account.save_credentials_button.isEnabled()
    assert "formation" in account.keyring_label.text()


async def test_credentials_are_tested_and_saved_in_the_keyring(make_tab, ui_ctx):
    vault: dict = {}
    store = CredentialStore(backend=MemoryKeyring(store=vault))
    store.save(DEMO)
    tab = make_tab(store=store, training=False)
    account = tab.account_page
    await until(lambda: account.form.apikey.text() == DEMO.apikey)
    assert "mémoire" in account.keyring_label.text() and not account.keyring_warning.isVisible()
    assert account.form.apikey.echoMode() == account.form.apikey.EchoMode.Password  # masked

    await account.test_connection()
    assert "Connexion réussie" in account.credentials_result.text()
    assert "transfert accepté" in account.credentials_result.text()

    account.form.apikey.setText("wrong-key-123456")
    await account.save_credentials()
    assert account.form.errors["apikey"].isVisible()
    assert "refuse" in account.form.errors["apikey"].text()
    assert store.load() == DEMO  # nothing saved

    account.form.apikey.setText(DEMO.apikey)
    account.form.password.setText("")
    wait = asyncio.ensure_future(signal_wait(tab.restart_requested))
    await asyncio.sleep(0)
    await account.save_credentials()
    assert await wait == ("credentials",)
    assert store.load() == StoredCredentials(DEMO.apikey, DEMO.site_id, "")
    assert "enregistrés dans le coffre" in ui_ctx.messages.text


async def test_missing_fields_are_field_errors(make_tab):
    store = CredentialStore(backend=MemoryKeyring(store={}))
    tab = make_tab(store=store, training=False)
    account = tab.account_page
    await tab.ctx.bridge.wait_idle()
    assert account.test_connection() is None
    assert account.form.errors["site_id"].isVisible() and account.form.errors["apikey"].isVisible()


async def test_no_secure_keyring_is_said_plainly(make_tab):
    store = CredentialStore(backend=FailKeyring())
    tab = make_tab(store=store, training=False)
    account = tab.account_page
    await tab.ctx.bridge.wait_idle()
    assert not store.available
    assert "aucun coffre sécurisé" in account.keyring_label.text()
    assert account.keyring_warning.isVisible() and "jamais" in account.keyring_warning.text()
    assert not account.save_credentials_button.isEnabled()


async def test_data_directory_is_shown_read_only(make_tab, ui_ctx, monkeypatch):
    tab = make_tab()
    data = tab.data_page
    assert data.data_path.text() == str(ui_ctx.data_dir) and data.data_path.isReadOnly()
    opened = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl",  # platform.open
                        lambda url: opened.append(url.toLocalFile()) or True)
    data.open_data.click()
    assert opened == [str(ui_ctx.data_dir)]


# --- the pages (issue 12: one page per file, load/save contract, one field-error system) ---


def invalid(widget) -> bool:
    return bool(widget.property("invalid"))


async def test_forgotten_pin_is_reset_with_the_api_key(make_tab, ui_ctx, creds):
    ui_ctx.pin.set("2468")
    tab = make_tab()
    lock = tab.lock_page
    await until(lambda: tab.stack.currentIndex() == 0)
    lock.reset_key.setText("not-the-key")
    assert lock.reset_pin() is None
    assert "Clé API incorrecte" in lock.unlock_error.text() and invalid(lock.reset_key)
    assert not invalid(lock.unlock_pin) and lock.reset_key.text() == ""
    assert ui_ctx.pin.state() is PinState.SET and tab.stack.currentIndex() == 0

    lock.reset_key.setText(f"  {creds.apikey} ")
    await lock.reset_pin()
    assert ui_ctx.pin.state() is PinState.NONE and tab.stack.currentIndex() == 1
    assert lock.unlock_error.isHidden() and not invalid(lock.reset_key)
    assert "réinitialisé" in ui_ctx.messages.text
    assert tab.pin_page.pin_save.text() == "Définir le code"
    assert not tab.pin_page.pin_current.isVisible()


async def test_real_mode_reset_is_proven_by_the_keyrings_key_only(make_tab, ui_ctx, creds,
                                                                  tmp_path):
    """The session's key may come from COMPTOIR_APIKEY, which whoever starts Comptoir
    chooses: in real mode only the key saved in the keyring resets a forgotten PIN."""
    from backoffice.pin import PinGuard

    store = CredentialStore(backend=MemoryKeyring(store={}))
    store.save(StoredCredentials("the-shops-saved-key-0001", "445160"))
    ui_ctx.pin_guard = PinGuard(ui_ctx.data_dir, store=store, lock_path=tmp_path / "pin.lock")
    ui_ctx.pin.set("2468")
    tab = make_tab(training=False, store=store)
    lock = tab.lock_page
    await until(lambda: tab.stack.currentIndex() == 0)
    lock.reset_key.setText(creds.apikey)  # the key this session talks to CinetPay with
    await lock.reset_pin()
    assert "Clé API incorrecte" in lock.unlock_error.text()
    assert ui_ctx.pin.state() is PinState.SET and tab.stack.currentIndex() == 0

    lock.reset_key.setText("the-shops-saved-key-0001")
    await lock.reset_pin()
    assert ui_ctx.pin.state() is PinState.NONE and tab.stack.currentIndex() == 1


async def test_a_field_error_goes_when_its_field_is_edited(make_tab, ui_ctx, qtbot):
    tab = make_tab()
    links = tab.links_page
    links.notify_url.setText("pas une adresse")
    links.description.setText("")
    assert tab.apply(links) is False
    assert invalid(links.notify_url) and invalid(links.description)
    assert tab.focusWidget() is links.notify_url  # the first field refused
    qtbot.keyClicks(links.notify_url, "x")
    assert links.notify_error.isHidden() and not invalid(links.notify_url)
    assert "vide" in links.description_error.text() and invalid(links.description)

    pin = tab.pin_page  # one error line for the three PIN fields; the field concerned outlined
    pin.pin_new.setText("12")
    pin.save_pin()
    assert invalid(pin.pin_new) and not invalid(pin.pin_confirm)
    pin.pin_new.setText("4821")
    pin.save_pin()
    assert invalid(pin.pin_confirm) and not invalid(pin.pin_new)
    assert "diffèrent" in pin.pin_error.text()


async def test_pages_load_and_save_the_preferences(make_tab, ui_ctx):
    ui_ctx.prefs.description, ui_ctx.prefs.currency = "Vente atelier", "GNF"
    tab = make_tab()
    tab.load()
    assert tab.links_page.description.text() == "Vente atelier"
    assert tab.links_page.currency.currentData() == "GNF"
    before = dataclasses.replace(ui_ctx.prefs)
    for page in tab.pages:
        assert page.validate() == {}, type(page).__name__
        page.save(ui_ctx.prefs)
    assert ui_ctx.prefs == before  # what load() showed saves back unchanged

    # The same language again: nothing to write, no rebuild.
    restarts = []
    tab.restart_requested.connect(restarts.append)
    assert tab.apply(tab.language_page) is False
    assert restarts == [] and not (ui_ctx.data_dir / FILE_NAME).exists()


async def test_pin_removal_needs_the_current_pin(make_tab, ui_ctx):
    ui_ctx.pin.set("2468")
    tab = make_tab()
    tab.lock_page.unlock_pin.setText("2468")
    await tab.lock_page.try_unlock()
    pin = tab.pin_page
    assert pin.remove_pin() is None
    assert "pour le supprimer" in pin.pin_error.text() and invalid(pin.pin_current)
    pin.pin_current.setText("1357")
    await pin.remove_pin()
    assert pin.pin_error.text() == "Code actuel incorrect."
    assert ui_ctx.pin.state() is PinState.SET
