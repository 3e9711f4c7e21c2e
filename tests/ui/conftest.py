"""GUI tests: async tests here run on a qasync loop (platform-notes §2, pattern A), against a
real journal in tmp_path and the simulator over loopback."""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QApplication

from backoffice.preferences import Preferences
from backoffice.services.core import Comptoir
from backoffice.ui.context import UiContext
from backoffice.ui.kit.bridge import AsyncBridge
from backoffice.ui.kit.messages import MessageBar
from backoffice.ui.kit.qt_loop import QtLoop
from tests.support.clients import make_client

# qasync loops must outlive their test: one collected later on a worker thread leaves Qt a
# dangling timer (segfault in QTimerInfoList::activateTimers). Keep them all.
_LOOPS: list[QtLoop] = []


def _new_loop() -> QtLoop:
    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)  # closing a test's window must not quit the app
    loop = QtLoop(app)
    _LOOPS.append(loop)
    return loop


def pytest_asyncio_loop_factories(config, item):
    return {"qasync": _new_loop}


@pytest.fixture(autouse=True)
def french(qapp):
    """Every GUI test starts in French, the default language; Qt objects die on the GUI
    thread right after the test, not later on a worker."""
    from backoffice.ui.i18n import install_translators

    qapp.setQuitOnLastWindowClosed(False)
    install_translators(qapp, "fr")
    yield
    gc.collect()


@pytest.fixture
async def ui_ctx(sim, creds, tmp_path, qapp) -> AsyncIterator[UiContext]:
    core = await Comptoir.open(tmp_path / "data", make_client(sim, creds))
    bar = MessageBar()
    ctx = UiContext(core=core, bridge=AsyncBridge(), prefs=Preferences(),
                    data_dir=tmp_path / "data", messages=bar, training=True)
    ctx.bridge.failed.connect(bar.show_error)
    yield ctx
    await ctx.bridge.shutdown()
    await core.aclose(drain=False)
