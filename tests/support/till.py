"""Helpers shared by the till-tab tests (Encaisser, Contacts, Transferts)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from backoffice.preferences import Preferences
from backoffice.services.core import Comptoir
from backoffice.ui.context import UiContext
from backoffice.ui.kit.bridge import AsyncBridge
from backoffice.ui.kit.messages import MessageBar
from tests.support.clients import offline_client
from tests.support.waits import until

_WINDOWS: list[QWidget] = []


@pytest.fixture(autouse=True)
def gui_thread_cleanup() -> Iterator[None]:
    """Windows are deleted explicitly, and garbage collected, in the GUI thread.

    Left to the cyclic GC, a window (or an old qasync loop's timer object) may be destroyed
    in whichever thread triggers the collection (the simulator's, the journal's): Qt then
    warns "Timers cannot be stopped from another thread" and a later timer event crashes the
    process. Import this fixture into each test module that uses ``show``."""
    gc.collect()
    yield
    while _WINDOWS:
        window = _WINDOWS.pop()
        if shiboken6.isValid(window):
            window.close()
            shiboken6.delete(window)
    gc.collect()


@asynccontextmanager
async def offline_ctx(creds, data_dir: Path) -> AsyncIterator[UiContext]:
    """A UI context whose CinetPay is a closed loopback port (connection refused)."""
    core = await Comptoir.open(data_dir, offline_client(creds))
    bar = MessageBar()
    ctx = UiContext(core=core, bridge=AsyncBridge(), prefs=Preferences(), data_dir=data_dir,
                    messages=bar, training=False)
    ctx.bridge.failed.connect(bar.show_error)
    try:
        yield ctx
    finally:
        await ctx.bridge.shutdown()
        await core.aclose(drain=False)


def show(ctx: UiContext, tab: QWidget) -> QWidget:
    """The tab in a window with the message bar, as the main window shows it. As in the
    app, closing the last window must not stop the (qasync) loop the test runs on."""
    QApplication.instance().setQuitOnLastWindowClosed(False)
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.addWidget(ctx.messages)
    layout.addWidget(tab, 1)
    window.resize(1240, 700)
    _WINDOWS.append(window)
    window.show()
    window.activateWindow()
    tab.test_window = window  # the Python wrapper owns the window: keep it alive
    return window


def requests(sim, endpoint: str) -> int:
    return sum(r.get("endpoint") == endpoint for r in sim.request_log())


async def settle_loop(ctx: UiContext) -> None:
    """Let pending reloads (debounced timers) and bridge operations finish."""
    await asyncio.sleep(0.2)
    await until(lambda: ctx.bridge.busy == 0)
