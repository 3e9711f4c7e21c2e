"""Issue 13 phase 2b: the credentials form follows the key's kind. An ``sk_test_`` key asks for
the API password and the country (checked by a login on the simulator's current platform,
then saved); the app opens a current-platform session, in real mode or in training."""

from __future__ import annotations

import asyncio

import pytest

from backoffice.api import Endpoints
from backoffice.keyring import CredentialStore, StoredCredentials
from backoffice.simulator.state import CURRENT_CREDENTIALS
from backoffice.ui.app import ComptoirApp, build_parser
from backoffice.ui.kit.bridge import AsyncBridge
from backoffice.ui.settings.tab import SettingsTab
from backoffice.ui.welcome import WelcomePage
from harness.memory_keyring import MemoryKeyring
from tests.support.checkout_ui import create
from tests.support.clients import FAST_RETRY, SHORT_TIMEOUT
from tests.support.waits import signal_wait, until

CLIENT = {"timeout": SHORT_TIMEOUT, "retry": FAST_RETRY}
KEY, PASSWORD = CURRENT_CREDENTIALS["api_key"], CURRENT_CREDENTIALS["api_password"]
CURRENT = StoredCredentials(KEY, "", api_password=PASSWORD, country="SN")


@pytest.fixture
def welcome(sim):
    pages = []

    def make(store: CredentialStore | None, lang: str = "fr") -> WelcomePage:
        page = WelcomePage(endpoints=Endpoints.single(sim.base_url), store=store,
                           bridge=AsyncBridge(), client_options=CLIENT, lang=lang, environ={})
        page.resize(1100, 700)
        page.show()
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.bridge.deleteLater()
        page.deleteLater()


def shown(form, *names: str) -> bool:
    return all(getattr(form, n).isVisible() for n in names)


def hidden(form, *names: str) -> bool:
    return not any(getattr(form, n).isVisible() for n in names)


async def test_an_sk_key_switches_the_fields(welcome, qtbot):
    form = welcome(CredentialStore(backend=MemoryKeyring(store={}))).form
    assert shown(form, "site_id", "password") and hidden(form, "api_password", "country")
    qtbot.keyClicks(form.apikey, "sk_test_abc")
    assert form.kind == "current"
    assert shown(form, "api_password", "country") and hidden(form, "site_id", "password")
    assert form.country.currentData() == "CI"  # no setting: Côte d'Ivoire
    assert form.country.currentText() == "Côte d'Ivoire (CI)"
    assert form.api_password.echoMode() == form.api_password.EchoMode.Password
    form.show_secrets.setChecked(True)
    assert form.api_password.echoMode() == form.api_password.EchoMode.Normal
    form.apikey.setText("classic-key-42")
    assert form.kind == "classic" and shown(form, "site_id") and hidden(form, "api_password")


async def test_sk_key_without_api_password_is_a_field_error(welcome):
    page = welcome(CredentialStore(backend=MemoryKeyring(store={})))
    page.form.apikey.setText(KEY)
    assert page.connect_account() is None
    assert page.form.errors["api_password"].isVisible()
    assert not page.form.errors["site_id"].isVisible()  # hidden, not asked for


async def test_wrong_api_password_is_refused_next_to_it_and_nothing_saved(welcome):
    vault: dict = {}
    store = CredentialStore(backend=MemoryKeyring(store=vault))
    page = welcome(store)
    page.form.apikey.setText(KEY)
    page.form.api_password.setText("not-the-api-password")
    await page.connect_account()
    error = page.form.errors["api_password"]
    assert error.isVisible() and "CinetPay refuse cette clé API ou ce mot de passe API" \
        in error.text()
    assert "rien n'a été enregistré" in page.result.text()
    assert vault == {} and store.load() is None
    assert "not-the-api-password" not in page.result.text() + error.text()


async def test_right_api_password_saves_it_with_the_country(welcome):
    store = CredentialStore(backend=MemoryKeyring(store={}))
    page = welcome(store)
    page.form.apikey.setText(KEY)
    page.form.api_password.setText(PASSWORD)
    page.form.set_country("SN")
    wait = asyncio.ensure_future(signal_wait(page.connected))
    await asyncio.sleep(0)
    page.connect_button.click()
    creds, saved = await wait
    assert saved and creds == CURRENT and creds.kind == "current"
    loaded = store.load()
    assert loaded == CURRENT and loaded.api_password == PASSWORD and loaded.country == "SN"


async def test_country_names_follow_the_shop_language(welcome):
    form = welcome(None, lang="en").form
    form.set_country("CM")
    assert form.country.currentText() == "Cameroon (CM)"


# --- Réglages ----------------------------------------------------------------------------


async def test_settings_account_page_checks_and_saves_an_sk_key(ui_ctx):
    store = CredentialStore(backend=MemoryKeyring(store={}))
    ui_ctx.training = False
    tab = SettingsTab(ui_ctx, credentials=store)
    tab.show()
    tab.on_shown()
    account = tab.account_page
    await tab.ctx.bridge.wait_idle()
    account.form.apikey.setText(KEY)
    account.form.api_password.setText("wrong")
    await account.save_credentials()
    assert "mot de passe API" in account.form.errors["api_password"].text()
    assert store.load() is None
    account.form.api_password.setText(PASSWORD)
    await account.test_connection()
    assert "nouvelle plateforme CinetPay, Côte d'Ivoire" in account.credentials_result.text()
    wait = asyncio.ensure_future(signal_wait(tab.restart_requested))
    await asyncio.sleep(0)
    await account.save_credentials()
    assert await wait == ("credentials",)
    assert store.load() == StoredCredentials(KEY, "", api_password=PASSWORD, country="CI")
    tab.deleteLater()


# --- the application ---------------------------------------------------------------------


def make_app(qapp, tmp_path, sim, store, **kw) -> ComptoirApp:
    return ComptoirApp(qapp, base_dir=tmp_path, store=store, install_signals=False,
                       endpoints=Endpoints.single(sim.base_url), environ={},
                       client_options=CLIENT, background_sync=False, **kw)


async def test_welcome_with_an_sk_key_opens_a_current_session(qapp, tmp_path, sim):
    store = CredentialStore(backend=MemoryKeyring(store={}))
    ctl = make_app(qapp, tmp_path, sim, store)
    run = asyncio.ensure_future(ctl.run())
    await until(lambda: ctl.window.welcome is not None)
    page = ctl.window.welcome
    page.form.apikey.setText(KEY)
    page.form.api_password.setText(PASSWORD)
    page.connect_button.click()
    await until(lambda: ctl.ctx is not None, timeout=10)
    current = ctl.ctx.core.context.current
    assert not ctl.ctx.training and current is not None
    assert current.api_url == sim.base_url and store.load().kind == "current"
    ctl.request_quit()
    assert await asyncio.wait_for(run, 15) == 0


def test_demo_current_flag_is_parsed():
    opts = build_parser().parse_args(["--demo", "--current"])
    assert opts.demo and opts.current
    assert not build_parser().parse_args(["--demo"]).current


async def test_training_as_a_current_account_creates_a_payment_link(qapp, tmp_path, qtbot):
    ctl = ComptoirApp(qapp, base_dir=tmp_path, demo=True, current=True, install_signals=False,
                      environ={}, client_options=CLIENT, background_sync=False)
    run = asyncio.ensure_future(ctl.run())
    await until(lambda: ctl.ctx is not None, timeout=10)
    assert ctl.ctx.training and ctl.window.isVisible() and ctl.window.banner is not None
    current = ctl.ctx.core.context.current
    assert current is not None and current.api_url == ctl.simulator.base_url
    ctl.window.go_to_tab(2)
    link = await create(ctl.window.checkout_tab, qtbot)
    assert link.amount == 17500
    ctl.request_quit()
    assert await asyncio.wait_for(run, 15) == 0


async def test_welcome_offers_training_as_a_current_account(qapp, tmp_path, sim):
    ctl = make_app(qapp, tmp_path, sim, CredentialStore(backend=MemoryKeyring(store={})))
    run = asyncio.ensure_future(ctl.run())
    await until(lambda: ctl.window.welcome is not None)
    ctl.window.welcome.current_training_button.click()
    await until(lambda: ctl.ctx is not None, timeout=10)
    assert ctl.ctx.training and ctl.ctx.core.context.current is not None
    ctl.request_quit()
    assert await asyncio.wait_for(run, 15) == 0
