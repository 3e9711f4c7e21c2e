"""How a till is tied to its shop database: composition starts the replicator (the app: on a
thread), ids carry the till, training never touches the shop, no password in settings.json."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from backoffice import preferences
from backoffice.composition import Setup, real_endpoints, session_setup
from backoffice.services.context import Settings
from backoffice.services.ids import configure_till, new_transaction_id
from backoffice.shop.config import shop_dsn
from backoffice.shop.schema import connect, migrate
from backoffice.store.links import create_link
from tests.shop import tills


@pytest.fixture(autouse=True)
def _no_till_after() -> Iterator[None]:
    yield
    configure_till("")


async def test_the_app_replicates_in_the_background_and_stops_on_close(
        shop_dsn: str, tmp_path: Path) -> None:
    with connect(shop_dsn) as conn:
        migrate(conn)
    setup = Setup(tmp_path / "data", real_endpoints({}), Settings(), till="CAISSE-1",
                  shop_db=shop_dsn, shop_background=True)
    core = await setup.open(None)
    try:
        assert core.shop is not None and core.shop.status().connected
        ref = new_transaction_id()
        assert ref[15:-6] == "CAISSE1"
        await core.db.run(create_link, ref, amount=2500, currency="XOF", description="x",
                          request={}, till=core.context.till)
        for _ in range(200):  # pushed by the thread, nobody asked
            found = await asyncio.to_thread(tills.shop_rows, shop_dsn,
                                            "SELECT till, amount FROM links")
            if found:
                break
            await asyncio.sleep(0.05)
        assert found == [("CAISSE-1", 2500)]
    finally:
        await core.aclose(drain=False)
    assert core.shop.replicator._thread is None


async def test_a_shop_server_down_at_start_never_stops_the_till(tmp_path: Path) -> None:
    setup = Setup(tmp_path / "data", real_endpoints({}), Settings(), till="CAISSE-1",
                  shop_db="postgresql://comptoir@127.0.0.1:1/boutique")
    core = await setup.open(None)
    try:
        assert core.shop is not None and not core.shop.status().connected
        await core.db.run(create_link, new_transaction_id(), amount=100, currency="XOF",
                          description="x", request={})
        assert core.shop.replicator.status().error
    finally:
        await core.aclose(drain=False)


def test_training_never_replicates_and_the_environment_wins(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prefs = preferences.Preferences(shop_db="postgresql://comptoir@server/boutique")
    training = session_setup(tmp_path / "formation", real_endpoints({}), prefs)
    assert training.shop_db == ""
    monkeypatch.delenv("COMPTOIR_SHOP_DB", raising=False)
    assert session_setup(tmp_path / "real", real_endpoints({}), prefs).shop_db == prefs.shop_db
    assert shop_dsn(prefs.shop_db, {"COMPTOIR_SHOP_DB": "postgresql://x@y/z"}) == \
        "postgresql://x@y/z"


def test_a_password_never_reaches_settings_json(tmp_path: Path) -> None:
    for dsn in ("postgresql://comptoir:S3cret@server:5432/boutique",
                "host=server dbname=boutique user=comptoir password=S3cret"):
        path = preferences.save(tmp_path, preferences.Preferences(shop_db=dsn))
        saved = json.loads(path.read_text())["shop_db"]
        assert "S3cret" not in path.read_text() and "server" in saved and "boutique" in saved


class _MemoryKeyring:
    """A dict standing for the OS keyring (tests never write a plaintext one)."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, user: str, password: str) -> None:
        self.items[(service, user)] = password

    def get_password(self, service: str, user: str) -> str | None:
        return self.items.get((service, user))


def test_the_password_saved_in_the_keyring_is_found_for_the_same_address(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from backoffice.keyring import backends
    from backoffice.shop import setup as shop_setup

    ring = _MemoryKeyring()
    monkeypatch.setattr(backends, "secure_backend", lambda: ring)
    shop_setup.save_password("postgresql://comptoir@server/boutique", "S3cret")
    assert ring.items == {("Comptoir/shop-db", "postgresql://comptoir@server/boutique"): "S3cret"}
    # the same address written another way finds it; another address does not
    assert shop_setup.keyring_password("host=server user=comptoir dbname=boutique")() == "S3cret"
    assert shop_setup.keyring_password("postgresql://comptoir@other/boutique")() is None
    monkeypatch.delenv("PGPASSWORD", raising=False)
    link = shop_setup.ShopLink(tmp_path / "j.sqlite3", "postgresql://comptoir@server/boutique",
                               "CAISSE-1")
    assert link.replicator._password is not None and link.replicator._password() == "S3cret"
    assert "S3cret" not in repr(link.status())
