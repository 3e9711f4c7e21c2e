"""Réglages → Boutique: the shop database's address (its password to the keyring, never to
settings.json), this till's code, "Tester la connexion" against the tests' own PostgreSQL
server, and this till's replication status."""

from __future__ import annotations

import json

import pytest

from backoffice.shop.schema import connect, migrate, redact
from backoffice.shop.setup import KEYRING_SERVICE, ShopLink
from backoffice.ui.settings.shop import ShopPage
from backoffice.ui.settings.tab import SettingsTab
from harness.memory_keyring import use_test_keyring
from tests.shop.conftest import postgres, shop_dsn  # noqa: F401 - the server fixtures
from tests.support.till import gui_thread_cleanup  # noqa: F401
from tests.support.waits import until

SECRET = "S3cret-Pw"


async def test_saving_keeps_the_password_out_of_settings_json(ui_ctx, tmp_path):
    tab = SettingsTab(ui_ctx)
    page = tab.shop_page
    restarts: list[str] = []
    tab.restart_requested.connect(restarts.append)
    typed = f"postgresql://comptoir:{SECRET}@192.168.1.10:5432/boutique"
    page.address.setText(typed)
    page.till.setText("CAISSE-2")
    with use_test_keyring() as vault:
        assert tab.apply(page)
        await ui_ctx.bridge.wait_idle()
        kept = vault.get_password(KEYRING_SERVICE, redact(typed))
    assert kept == SECRET
    assert ui_ctx.prefs.shop_db == "postgresql://comptoir@192.168.1.10:5432/boutique"
    assert ui_ctx.prefs.till == "CAISSE-2"
    saved = (ui_ctx.data_dir / "settings.json").read_text("utf-8")
    assert SECRET not in saved
    assert json.loads(saved)["shop_db"] == ui_ctx.prefs.shop_db
    assert SECRET not in page.address.text() and page.password.text() == ""
    assert restarts == ["shop"]  # the session is rebuilt with the new address


@pytest.mark.parametrize(("address", "till", "field"), [
    ("serveur/boutique", "CAISSE-1", "shop_db"),
    ("postgresql://comptoir@serveur/boutique", "CAISSE 1", "till"),
    ("postgresql://comptoir@serveur/boutique", "C" * 31, "till"),
])
async def test_what_cannot_be_saved_is_said_under_its_field(ui_ctx, address, till, field):
    page = ShopPage(ui_ctx)
    page.address.setText(address)
    page.till.setText(till)
    assert list(page.validate()) == [field]


async def test_empty_means_this_till_works_alone(ui_ctx):
    page = ShopPage(ui_ctx)
    page.load(ui_ctx.prefs)
    assert page.validate() == {}
    assert not page.save(ui_ctx.prefs)  # nothing changed
    assert "aucune base boutique" in page.status.text()


async def test_connection_test_says_the_schema_version_or_what_to_do(ui_ctx, shop_dsn):  # noqa: F811
    page = ShopPage(ui_ctx)
    page.address.setText(shop_dsn)
    await page.test_connection()
    assert "base vide" in page.test_result.text() and "shop init" in page.test_result.text()
    with connect(shop_dsn) as conn:
        migrate(conn)
    await page.test_connection()
    assert "Connexion réussie" in page.test_result.text()
    assert "version 1" in page.test_result.text()


async def test_a_failed_connection_never_shows_the_password(ui_ctx):
    page = ShopPage(ui_ctx)
    page.address.setText("postgresql://comptoir@127.0.0.1:1/boutique")
    page.password.setText(SECRET)
    await page.test_connection()
    text = page.test_result.text()
    assert "Échec de la connexion" in text and "127.0.0.1:1" in text and SECRET not in text


async def test_replication_status_of_this_till(ui_ctx, shop_dsn, postgres):  # noqa: F811
    with connect(shop_dsn) as conn:
        migrate(conn)
    link = ShopLink(ui_ctx.data_dir / "journal.sqlite3", shop_dsn, "CAISSE-1")
    ui_ctx.core.shop = link
    try:
        page = ShopPage(ui_ctx)
        await ui_ctx.core.cash.sale(1500)
        assert await link.sync()
        page.show_status()
        assert "connectée" in page.status.text() and "0 opération" in page.status.text()
        postgres.stop()
        try:
            assert not await link.sync()
            page.show_status()
            await until(lambda: "injoignable" in page.status.text())
            assert "la caisse continue" in page.status.text()
        finally:
            postgres.restart()
    finally:
        ui_ctx.core.shop = None
        await link.aclose()
