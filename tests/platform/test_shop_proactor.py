"""The shop database on a Proactor event loop (qasync's loop on Windows, issue 19): psycopg's
async API needs ``add_reader`` / ``add_writer``, which a Proactor loop does not have, so the
shop code runs the synchronous driver on threads of its own (``asyncio.to_thread``, the
listener's and the replicator's threads) and reaches the loop only by
``call_soon_threadsafe``.

Here the app's shop paths (the till's ShopLink replicating, the back office's ShopView reading
and listening) run on a loop without ``add_reader`` / ``add_writer``: the real
``ProactorEventLoop`` on Windows, elsewhere a selector loop with them removed, which async
psycopg is shown to fail on. Against the tests' real PostgreSQL server (tests/support)."""

from __future__ import annotations

import ast
import asyncio
import sys
import threading
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from backoffice.services.events import SHOP_CHANGED, EventBus
from backoffice.shop.reads import ShopEvent
from backoffice.shop.schema import connect, migrate
from backoffice.shop.setup import ShopLink
from backoffice.shop.view import ShopView
from tests.shop import tills
from tests.shop.conftest import postgres, shop_dsn  # noqa: F401  (fixtures)

PRODUCT = Path(__file__).resolve().parents[2] / "backoffice"


class NoReadinessLoop(asyncio.SelectorEventLoop):
    """A loop without file-descriptor readiness callbacks, like asyncio's ProactorEventLoop
    (its add_reader / add_writer raise NotImplementedError). The loop's own self-pipe uses the
    private ``_add_reader``, untouched."""

    def add_reader(self, fd: Any, callback: Callable[..., Any], *args: Any) -> None:
        raise NotImplementedError("no add_reader on a Proactor loop")

    def add_writer(self, fd: Any, callback: Callable[..., Any], *args: Any) -> None:
        raise NotImplementedError("no add_writer on a Proactor loop")


def proactor_loop() -> asyncio.AbstractEventLoop:
    proactor = getattr(asyncio, "ProactorEventLoop", None)  # Windows only
    return proactor() if proactor is not None else NoReadinessLoop()


def run(coro: Coroutine[Any, Any, Any]) -> Any:
    loop = proactor_loop()
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()


async def wait_until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not reached"
        await asyncio.sleep(0.05)


@pytest.fixture
def shop(shop_dsn: str) -> str:  # noqa: F811
    with connect(shop_dsn) as conn:
        migrate(conn)
    return shop_dsn


@pytest.fixture
def no_async_psycopg(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Any async psycopg connection attempt is recorded (and fails)."""
    tried: list[str] = []

    async def refuse(cls: type, *args: Any, **kwargs: Any) -> None:
        tried.append(cls.__name__)
        raise AssertionError("async psycopg used by the shop code")

    monkeypatch.setattr(psycopg.AsyncConnection, "connect", classmethod(refuse))
    yield tried


def test_the_stand_in_loop_refuses_async_psycopg_as_a_proactor_loop_does(shop: str) -> None:
    async def connect_async() -> None:
        conn = await psycopg.AsyncConnection.connect(shop, connect_timeout=5)
        await conn.close()

    with pytest.raises((NotImplementedError, psycopg.InterfaceError)):
        run(connect_async())


def test_till_and_back_office_work_on_a_proactor_loop(
        shop: str, tmp_path: Path, no_async_psycopg: list[str]) -> None:
    db = tills.journal(tmp_path, "CAISSE-1")
    first = tills.link(db, "CAISSE-1", 1500)

    async def scenario() -> None:
        link = ShopLink(db.path, shop, "CAISSE-1", interval=0.05)
        assert await link.start(background=False)  # a full cycle on a worker thread
        view = ShopView(shop)
        assert [op.ref for op in await view.operations()] == [first]
        bus = EventBus()
        seen: list[tuple[ShopEvent, bool]] = []
        loop_thread = threading.get_ident()
        bus.subscribe(SHOP_CHANGED,
                      lambda e: seen.append((e, threading.get_ident() == loop_thread)))
        await view.listen(bus)
        try:
            await wait_until(lambda: view.listening)
            later = tills.link(db, "CAISSE-1", 2500)
            assert await link.sync()
            await wait_until(lambda: any(e.id == later for e, _ in seen))
            assert all(on_loop for _, on_loop in seen)  # delivered on the loop's thread
            assert {op.ref for op in await view.operations()} == {first, later}
        finally:
            await view.aclose()
            await link.aclose(final_push=True)
        assert link.status().connected and not view.listening

    try:
        run(scenario())
    finally:
        db.close()
    assert no_async_psycopg == []


def test_the_product_never_uses_psycopgs_async_api() -> None:
    async_names = {"AsyncConnection", "AsyncCursor", "AsyncClientCursor", "AsyncServerCursor",
                   "AsyncRawCursor", "AsyncPipeline", "AsyncConnectionPool"}
    found = []
    for path in sorted(PRODUCT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Attribute):
                names = [node.attr]
            elif isinstance(node, ast.ImportFrom):
                names = [a.name for a in node.names] + [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name in async_names or name.startswith("psycopg_pool"):
                    found.append(f"{path.relative_to(PRODUCT)}:{node.lineno} {name}")
    assert found == []


@pytest.mark.skipif(sys.platform != "win32", reason="Windows' own loop")
def test_windows_default_loop_is_a_proactor_loop() -> None:
    # what qasync and asyncio give a Windows till: the reason for all of the above
    loop = asyncio.new_event_loop()
    try:
        assert isinstance(loop, asyncio.ProactorEventLoop)
    finally:
        loop.close()
