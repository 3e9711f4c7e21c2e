"""AsyncDatabase: one DB thread, the event loop keeps running during long queries."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

from backoffice.store.db import AsyncDatabase, Database
from backoffice.store.errors import DatabaseCorrupt, InvalidTransition
from backoffice.store.links import create_link, get_link, mark_link
from backoffice.store.states import State

SLOW_QUERY = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) "
    "SELECT sum(x) FROM c"
)


async def test_every_call_runs_on_the_same_dedicated_thread(tmp_path: Path) -> None:
    adb = await AsyncDatabase.open(tmp_path / "journal.db")
    try:
        idents = await asyncio.gather(
            *(adb.run(lambda db: threading.get_ident()) for _ in range(8))
        )
        assert len(set(idents)) == 1
        assert idents[0] != threading.get_ident()
        names = await adb.run(lambda db: threading.current_thread().name)
        assert names.startswith("comptoir-db")
    finally:
        await adb.close()


async def test_repository_functions_through_run(tmp_path: Path) -> None:
    adb = await AsyncDatabase.open(tmp_path / "journal.db")
    try:
        await adb.run(create_link, "TX-1", amount=500, currency="XOF", description="x", request={})
        await adb.run(mark_link, "TX-1", State.SENDING)
        with pytest.raises(InvalidTransition):
            await adb.run(mark_link, "TX-1", State.SENDING)
        row = await adb.run(get_link, "TX-1")
        assert row is not None and row.state is State.SENDING
    finally:
        await adb.close()
    with pytest.raises(RuntimeError):
        await adb.run(get_link, "TX-1")


async def test_the_loop_keeps_ticking_during_a_long_query(tmp_path: Path) -> None:
    adb = await AsyncDatabase.open(tmp_path / "journal.db")
    ticks = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0.005)

    def slow(db: Database) -> tuple[int, float]:
        start = time.perf_counter()
        total = db.scalar(SLOW_QUERY, (1_000_000,))
        return total, time.perf_counter() - start

    task = asyncio.create_task(ticker())
    try:
        await asyncio.sleep(0)  # let the ticker start
        before = ticks
        total, seconds = await adb.run(slow)
        during = ticks - before
    finally:
        stop.set()
        await task
        await adb.close()
    assert total == 1_000_000 * 1_000_001 // 2
    assert seconds > 0.05  # the query really took a while…
    assert during >= 3  # …and the loop kept running meanwhile


async def test_open_errors_reach_the_coroutine(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DatabaseCorrupt):
        await AsyncDatabase.open(path)


SLOW = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000)"
        " SELECT count(*) FROM n")


async def test_cancelling_a_read_interrupts_its_query_and_nothing_else(tmp_path: Path) -> None:
    adb = await AsyncDatabase.open(tmp_path / "j.db")
    try:
        started = asyncio.Event()
        loop = asyncio.get_running_loop()

        def slow(db: Database) -> int:
            loop.call_soon_threadsafe(started.set)
            return db.scalar(SLOW)

        task = asyncio.ensure_future(adb.read(slow))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        # The DB thread is free at once (a billion-row count would take minutes), and the
        # next jobs, reads and writes alike, run normally.
        assert await asyncio.wait_for(adb.read(lambda db: db.scalar("SELECT 41 + 1")), 10) == 42
        await adb.run(lambda db: db.connection.execute("CREATE TABLE t (x)"))
        assert await adb.run(lambda db: db.scalar("SELECT count(*) FROM t")) == 0
    finally:
        await adb.close()


async def test_a_read_cancelled_just_before_its_query_starts_is_stopped_too(tmp_path: Path) -> None:
    adb = await AsyncDatabase.open(tmp_path / "j.db")
    try:
        started, go = asyncio.Event(), threading.Event()
        loop = asyncio.get_running_loop()

        def slow(db: Database) -> int:
            loop.call_soon_threadsafe(started.set)
            go.wait(10)  # the cancel lands here, before the statement runs
            return db.scalar(SLOW)

        task = asyncio.ensure_future(adb.read(slow))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        go.set()
        assert await asyncio.wait_for(adb.read(lambda db: db.scalar("SELECT 7")), 10) == 7
    finally:
        await adb.close()
