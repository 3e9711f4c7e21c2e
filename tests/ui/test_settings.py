"""Réglages: manager PIN (hashed, locks the tab), payment-link settings with field errors,
language switch, credentials in the keyring (tested against the simulator), data folder."""

from __future__ import annotations

import asyncio

import pytest
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtCore import Qt

from backoffice.pin import PinState
from backoffice.preferences import FILE_NAME
from backoffice.preferences import load as load_preferences
from backoffice.secrets import CredentialStore, StoredCredentials
from backoffice.simulator import DEMO_CREDENTIALS
from backoffice.testing.memory_keyring import MemoryKeyring
from backoffice.ui.tabs.settings import SettingsTab
from tests.ui.conftest import signal_wait, until

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
    guard = ui_ctx.pin
    assert guard.state() is PinState.NONE and tab.stack.currentIndex() == 1
    tab.pin_new.setText("12")
    assert tab.save_pin() is None
    assert "4 à 8 chiffres" in tab.pin_error.text()
    tab.pin_new.setText("4821")
    tab.pin_confirm.setText("4822")
    assert tab.save_pin() is None and "diffèrent" in tab.pin_error.text()
    tab.pin_confirm.setText("4821")
    await tab.save_pin()
    # Issue 11: the verifier lives in the keyring (here training's), not in settings.json.
    assert guard.state() is PinState.SET and guard.check("4821").ok
    settings = ui_ctx.data_dir / FILE_NAME
    assert not settings.exists() or "pin" not in settings.read_text(encoding="utf-8")
    assert tab.pin_current.isVisible() and tab.pin_save.text() == "Changer le code"

    tab.pin_current.setText("0000")  # wrong current PIN: refused
    tab.pin_new.setText("5555")
    tab.pin_confirm.setText("5555")
    await tab.save_pin()
    assert "incorrect" in tab.pin_error.text() and guard.check("4821").ok
    tab.pin_current.setText("4821")
    await tab.save_pin()
    assert guard.check("5555").ok and not guard.check("4821").ok

    tab.pin_current.setText("5555")
    await tab.remove_pin()
    assert guard.state() is PinState.NONE


async def test_pin_locks_the_tab(make_tab, ui_ctx):
    ui_ctx.pin.set("2468")
    tab = make_tab()
    await until(lambda: tab.stack.currentIndex() == 0)  # locked (the keyring's answer)
    tab.unlock_pin.setText("1111")
    await tab.try_unlock()
    assert tab.stack.currentIndex() == 0 and tab.unlock_error.text() == "Code incorrect."
    tab.unlock_pin.setText("2468")
    await tab.try_unlock()
    assert tab.stack.currentIndex() == 1
    tab.hide()  # leaving the tab locks it again
    assert tab.stack.currentIndex() == 0


async def test_payment_link_urls_are_checked_and_saved(make_tab, ui_ctx):
    tab = make_tab()
    tab.notify_url.setText("pas une adresse")
    tab.description.setText("Vente #12")
    assert tab.save_links() is False
    assert tab.notify_error.isVisible() and "https://" in tab.notify_error.text()
    assert "#" in tab.description_error.text()
    assert not (ui_ctx.data_dir / FILE_NAME).exists()

    tab.notify_url.setText("https://boutique.ci/cinetpay/notify")
    tab.return_url.setText("https://boutique.ci/merci")
    tab.description.setText("Vente boutique")
    tab.currency.setCurrentIndex(tab.currency.findData("XAF"))
    assert tab.save_links() is True
    assert not tab.notify_error.isVisible()
    prefs = load_preferences(ui_ctx.data_dir)
    assert (prefs.notify_url, prefs.return_url, prefs.description, prefs.currency) == (
        "https://boutique.ci/cinetpay/notify", "https://boutique.ci/merci", "Vente boutique",
        "XAF")
    assert ui_ctx.core.settings.notify_url == "https://boutique.ci/cinetpay/notify"
    assert "enregistrés" in ui_ctx.messages.text


async def test_escape_reverts_unsaved_link_edits(make_tab, qtbot):
    tab = make_tab()
    before = tab.return_url.text()
    tab.return_url.setText("https://autre.ci")
    tab.return_url.setFocus()
    qtbot.keyClick(tab.return_url, Qt.Key.Key_Escape)
    assert tab.return_url.text() == before


async def test_language_switch_saves_and_asks_for_a_rebuild(make_tab, ui_ctx):
    tab = make_tab()
    tab.language.setCurrentIndex(tab.language.findData("en"))
    wait = asyncio.ensure_future(signal_wait(tab.restart_requested))
    await asyncio.sleep(0)
    tab.language_apply.click()
    assert await wait == ("lang",)
    assert ui_ctx.prefs.lang == "en" and load_preferences(ui_ctx.data_dir).lang == "en"


async def test_training_mode_does_not_touch_the_keyring(make_tab):
    tab = make_tab(training=True)
    assert not tab.form.isEnabled() and not tab.save_credentials_button.isEnabled()
    assert "formation" in tab.keyring_label.text()


async def test_credentials_are_tested_and_saved_in_the_keyring(make_tab, ui_ctx):
    vault: dict = {}
    store = CredentialStore(backend=MemoryKeyring(store=vault))
    store.save(DEMO)
    tab = make_tab(store=store, training=False)
    await until(lambda: tab.form.apikey.text() == DEMO.apikey)
    assert "mémoire" in tab.keyring_label.text() and not tab.keyring_warning.isVisible()
    assert tab.form.apikey.echoMode() == tab.form.apikey.EchoMode.Password  # masked

    await tab.test_connection()
    assert "Connexion réussie" in tab.credentials_result.text()
    assert "transfert accepté" in tab.credentials_result.text()

    tab.form.apikey.setText("wrong-key-123456")
    await tab.save_credentials()
    assert tab.form.errors["apikey"].isVisible()
    assert "refuse" in tab.form.errors["apikey"].text()
    assert store.load() == DEMO  # nothing saved

    tab.form.apikey.setText(DEMO.apikey)
    tab.form.password.setText("")
    wait = asyncio.ensure_future(signal_wait(tab.restart_requested))
    await asyncio.sleep(0)
    await tab.save_credentials()
    assert await wait == ("credentials",)
    assert store.load() == StoredCredentials(DEMO.apikey, DEMO.site_id, "")
    assert "enregistrés dans le coffre" in ui_ctx.messages.text


async def test_missing_fields_are_field_errors(make_tab):
    store = CredentialStore(backend=MemoryKeyring(store={}))
    tab = make_tab(store=store, training=False)
    await tab.ctx.bridge.wait_idle()
    assert tab.test_connection() is None
    assert tab.form.errors["site_id"].isVisible() and tab.form.errors["apikey"].isVisible()


async def test_no_secure_keyring_is_said_plainly(make_tab):
    store = CredentialStore(backend=FailKeyring())
    tab = make_tab(store=store, training=False)
    await tab.ctx.bridge.wait_idle()
    assert not store.available
    assert "aucun coffre sécurisé" in tab.keyring_label.text()
    assert tab.keyring_warning.isVisible() and "jamais" in tab.keyring_warning.text()
    assert not tab.save_credentials_button.isEnabled()


async def test_data_directory_is_shown_read_only(make_tab, ui_ctx, monkeypatch):
    tab = make_tab()
    assert tab.data_path.text() == str(ui_ctx.data_dir) and tab.data_path.isReadOnly()
    opened = []
    monkeypatch.setattr("backoffice.ui.tabs.settings.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    tab.open_data.click()
    assert opened == [str(ui_ctx.data_dir)]
