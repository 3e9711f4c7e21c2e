"""The Qt asyncio loop installs asyncio's async-generator hooks (qasync's own does not): an
async generator left unfinished is closed on the loop's thread, never by whichever thread's
garbage collection finds it (an httpx stream cut short crashed bench runs that way)."""

from __future__ import annotations

import asyncio
import gc
import sys
import threading


async def test_the_loop_installs_asyncios_async_generator_hooks():
    loop = asyncio.get_running_loop()
    hooks = sys.get_asyncgen_hooks()
    assert hooks.finalizer == loop._asyncgen_finalizer_hook  # type: ignore[attr-defined]
    assert hooks.firstiter == loop._asyncgen_firstiter_hook  # type: ignore[attr-defined]


async def test_an_abandoned_async_generator_is_closed_on_the_loops_thread():
    closed_on: list[str] = []

    async def stream():
        try:
            while True:
                yield b"chunk"
                await asyncio.sleep(0)
        finally:
            closed_on.append(threading.current_thread().name)

    body = stream()
    assert await body.__anext__() == b"chunk"  # started, then abandoned mid-way
    cycle: list[object] = [body]
    cycle.append(cycle)  # only a garbage collection can find it (as with httpcore's streams)
    del body, cycle
    collector = threading.Thread(target=gc.collect, name="collector")
    gc.disable()  # only the collector thread may find it
    try:
        collector.start()
        collector.join()
    finally:
        gc.enable()
    for _ in range(50):
        if closed_on:
            break
        await asyncio.sleep(0.01)
    assert closed_on == [threading.current_thread().name]
