"""Waiting on the running (qasync) loop: for a condition, or for a Qt signal."""

from __future__ import annotations

import asyncio


async def signal_wait(signal, timeout: float = 3.0) -> tuple:
    """Await a Qt signal (never qtbot.waitSignal inside an async test)."""
    future = asyncio.get_running_loop().create_future()

    def on(*args):
        if not future.done():
            future.set_result(args)

    signal.connect(on)
    try:
        return await asyncio.wait_for(future, timeout)
    finally:
        signal.disconnect(on)


async def until(predicate, timeout: float = 5.0, step: float = 0.02) -> None:
    """Let the loop run until ``predicate()`` is true (or fail after ``timeout``)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(step)
