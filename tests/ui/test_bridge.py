"""The async bridge: controls disabled at once, errors routed, never raised into Qt."""

import asyncio

from PySide6.QtWidgets import QPushButton

from backoffice.api import NotSent
from backoffice.ui.kit.bridge import AsyncBridge
from tests.support.waits import until


async def test_run_disables_then_reenables_and_delivers_result(qapp):
    bridge, button, got = AsyncBridge(), QPushButton(), []

    async def work():
        await asyncio.sleep(0.05)
        return 42

    bridge.run(work(), disable=[button], on_done=got.append)
    assert not button.isEnabled() and bridge.busy == 1
    await bridge.wait_idle()
    assert button.isEnabled() and got == [42] and bridge.busy == 0


async def test_errors_go_to_the_presenter(qapp):
    bridge, errors = AsyncBridge(), []
    bridge.failed.connect(errors.append)

    async def boom():
        raise NotSent("offline")

    bridge.run(boom())
    await until(lambda: errors)
    assert isinstance(errors[0], NotSent)


async def test_shutdown_cancels_running_operations(qapp):
    bridge = AsyncBridge()
    task = bridge.run(asyncio.sleep(30))
    await bridge.shutdown()
    assert task.cancelled() or task.done()
