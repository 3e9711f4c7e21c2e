"""First run: the welcome page checks credentials with CinetPay (the simulator here), saves
them in the keyring (an injected in-memory backend), or starts training mode; the app then
opens the right session in the same window. Also the language rebuild."""

from __future__ import annotations

import asyncio

import pytest
from keyring.errors import PasswordSetError

from backoffice.api import Endpoints
from backoffice.keyring import CredentialStore, StoredCredentials
from backoffice.simulator import DEMO_CREDENTIALS
from backoffice.ui.app import ComptoirApp
from backoffice.ui.kit.bridge import AsyncBridge
from backoffice.ui.welcome import WelcomePage
from harness.memory_keyring import MemoryKeyring
from tests.support.clients import FAST_RETRY, SHORT_TIMEOUT
from tests.support.waits import signal_wait, until

CLIENT = {"timeout": SHORT_TIMEOUT, "retry": FAST_RETRY}
DEMO = StoredCredentials(DEMO_CREDENTIALS["apikey"], DEMO_CREDENTIALS["site_id"],
                         DEMO_CREDENTIALS["transfer_password"])


class LockedKeyring(MemoryKeyring):
    """A keyring that refuses to store (locked, prompt dismissed…)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("the collection is locked")


@pytest.fixture
def page_for(sim):
    pages = []

    def make(store: CredentialStore | None) -> WelcomePage:
        page = WelcomePage(endpoints=Endpoints.single(sim.base_url), store=store,
                           bridge=AsyncBridge(), client_options=CLIENT)
        page.resize(1100, 700)
        page.show()
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.bridge.deleteLater()
        page.deleteLater()


def fill(page: WelcomePage, creds: StoredCredentials) -> None:
    page.form.site_id.setText(creds.site_id)
    page.form.apikey.setText(creds.apikey)
    page.form.password.setText(creds.transfer_password)


async def test_connect_checks_with_cinetpay_then_saves_in_the_keyring(page_for):
    vault: dict = {}
    store = CredentialStore(backend=MemoryKeyring(store=vault))
    page = page_for(store)
    fill(page, DEMO)
    wait = asyncio.ensure_future(signal_wait(page.connected))
    await asyncio.sleep(0)
    page.connect_button.click()
    assert not page.connect_button.isEnabled()  # at once, while CinetPay is asked
    creds, saved = await wait
    assert saved and creds == DEMO
    assert store.load() == DEMO
    assert "connecté" in page.result.text()


async def test_wrong_api_key_is_a_field_message_and_nothing_is_saved(page_for):
    vault: dict = {}
    store = CredentialStore(backend=MemoryKeyring(store=vault))
    page = page_for(store)
    fill(page, StoredCredentials("not-the-right-key-42", DEMO.site_id, ""))
    await page.connect_account()
    assert page.form.errors["apikey"].isVisible()
    assert "CinetPay refuse cette clé API" in page.form.errors["apikey"].text()
    assert "rien n'a été enregistré" in page.result.text()
    assert vault == {} and store.load() is None
    assert page.connect_button.isEnabled()


async def test_wrong_transfer_password_points_at_its_field(page_for):
    store = CredentialStore(backend=MemoryKeyring(store={}))
    page = page_for(store)
    fill(page, StoredCredentials(DEMO.apikey, DEMO.site_id, "not-the-password"))
    await page.connect_account()
    assert page.form.errors["transfer_password"].isVisible()
    assert not page.form.errors["apikey"].isVisible()
    assert store.load() is None


async def test_empty_fields_never_reach_the_network(page_for):
    page = page_for(CredentialStore(backend=MemoryKeyring(store={})))
    assert page.connect_account() is None
    assert page.form.errors["site_id"].isVisible() and page.form.errors["apikey"].isVisible()
    assert page.form.site_id.hasFocus() or not page.isActiveWindow()


async def test_unreachable_cinetpay_is_said_without_saving(sim, qapp):
    store = CredentialStore(backend=MemoryKeyring(store={}))
    page = WelcomePage(endpoints=Endpoints.single("http://127.0.0.1:9"), store=store,
                       bridge=AsyncBridge(), client_options=CLIENT)
    fill(page, DEMO)
    await page.connect_account()
    assert "injoignable" in page.result.text() and store.load() is None
    page.bridge.deleteLater()
    page.deleteLater()


async def test_locked_keyring_offers_this_session_only(page_for):
    page = page_for(CredentialStore(backend=LockedKeyring(store={})))
    fill(page, DEMO)
    await page.connect_account()
    assert page.session_button.isVisible()
    assert "pas pu être enregistrés" in page.result.text()
    wait = asyncio.ensure_future(signal_wait(page.connected))
    await asyncio.sleep(0)
    page.session_button.click()
    assert await wait == (DEMO, False)


# --- the application around it ----------------------------------------------------------


def make_app(qapp, tmp_path, sim, store) -> ComptoirApp:
    return ComptoirApp(qapp, base_dir=tmp_path, store=store, install_signals=False,
                       endpoints=Endpoints.single(sim.base_url), environ={},
                       client_options=CLIENT)


async def test_first_run_connects_then_opens_the_real_session(qapp, tmp_path, sim):
    store = CredentialStore(backend=MemoryKeyring(store={}))
    ctl = make_app(qapp, tmp_path, sim, store)
    run = asyncio.ensure_future(ctl.run())
    await until(lambda: ctl.window.welcome is not None)
    page = ctl.window.welcome
    assert "bienvenue" in ctl.window.windowTitle()
    fill(page, DEMO)
    page.connect_button.click()
    await until(lambda: ctl.ctx is not None, timeout=10)
    assert not ctl.ctx.training and ctl.window.banner is None
    assert ctl.ctx.data_dir == tmp_path and store.load() == DEMO
    ctl.request_quit()
    assert await asyncio.wait_for(run, 15) == 0


async def test_welcome_training_choice_starts_the_simulator(qapp, tmp_path, sim):
    ctl = make_app(qapp, tmp_path, sim, CredentialStore(backend=MemoryKeyring(store={})))
    run = asyncio.ensure_future(ctl.run())
    await until(lambda: ctl.window.welcome is not None)
    ctl.window.welcome.training_button.click()
    await until(lambda: ctl.ctx is not None, timeout=10)
    assert ctl.ctx.training and ctl.window.banner is not None
    assert ctl.ctx.data_dir == tmp_path / "formation"
    assert ctl.simulator is not None
    ctl.request_quit()
    assert await asyncio.wait_for(run, 15) == 0
    assert ctl.simulator is None  # stopped with the app


async def test_saved_credentials_skip_the_welcome(qapp, tmp_path, sim):
    store = CredentialStore(backend=MemoryKeyring(store={}))
    store.save(DEMO)
    ctl = make_app(qapp, tmp_path, sim, store)
    run = asyncio.ensure_future(ctl.run())
    await until(lambda: ctl.ctx is not None, timeout=10)
    assert ctl.window.welcome is None and not ctl.ctx.training
    ctl.request_quit()
    assert await asyncio.wait_for(run, 15) == 0


async def test_language_switch_rebuilds_the_window_in_english(qapp, tmp_path):
    ctl = ComptoirApp(qapp, base_dir=tmp_path, demo=True, install_signals=False, environ={},
                      client_options=CLIENT, background_sync=False)
    run = asyncio.ensure_future(ctl.run())
    await until(lambda: ctl.ctx is not None, timeout=10)
    first = ctl.ctx
    win = ctl.window
    win.go_to_tab(5)
    settings = win.settings_tab
    settings.language.setCurrentIndex(settings.language.findData("en"))
    settings.language_apply.click()
    await until(lambda: ctl.ctx is not None and ctl.ctx is not first, timeout=10)
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    assert titles[0] == "Dashboard" and titles[1] == "History" and titles[5] == "Settings"
    assert win.status.net_button.text() == "Online"
    assert ctl.ctx.lang == "en" and ctl.simulator is not None  # same training session
    ctl.request_quit()
    assert await asyncio.wait_for(run, 15) == 0
