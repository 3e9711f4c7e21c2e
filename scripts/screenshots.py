"""Screenshots of every tab in training mode, in French and in English, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]

Writes ``<lang>-<n>-<tab>.png`` (and the welcome page) to docs/screenshots/ by default.
Nothing touches the user's data: a temporary data directory is used.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import qasync
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication

from backoffice.api import Endpoints
from backoffice.keyring import CredentialStore
from backoffice.ui.app import ComptoirApp
from harness.memory_keyring import MemoryKeyring

TABS = ("dashboard", "history", "checkout", "contacts", "transfers", "settings")


async def until(predicate, timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("condition not reached")
        await asyncio.sleep(0.05)


async def settle(ctl: ComptoirApp, seconds: float = 0.4) -> None:
    await asyncio.sleep(seconds)
    if ctl.ctx is not None:
        await ctl.ctx.bridge.wait_idle()
    await asyncio.sleep(0.1)


async def shoot_training(app: QApplication, lang: str, out: Path, base: Path) -> list[Path]:
    ctl = ComptoirApp(app, base_dir=base, demo=True, lang=lang, install_signals=False,
                      environ={})
    run = asyncio.ensure_future(ctl.run())
    saved: list[Path] = []
    try:
        await until(lambda: ctl.ctx is not None)
        win = ctl.window
        await until(lambda: win.status is not None and win.status.last_sync is not None
                    and not win._syncing)
        await settle(ctl, 0.6)
        for index, name in enumerate(TABS):
            win.go_to_tab(index)
            await settle(ctl)
            if name == "history":
                table = win.history_tab.table
                table.selectionModel().setCurrentIndex(
                    win.history_tab.model.index(2, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                await settle(ctl, 0.2)
            path = out / f"{lang}-{index + 1}-{name}.png"
            win.grab().save(str(path))
            saved.append(path)
        win.status.show_details()
        await asyncio.sleep(0.2)
        path = out / f"{lang}-network-details.png"
        details = win.status.details
        shot = win.grab()
        from PySide6.QtGui import QPainter

        painter = QPainter(shot)
        top_left = win.mapFromGlobal(details.mapToGlobal(details.rect().topLeft()))
        painter.drawPixmap(top_left, details.grab())
        painter.end()
        shot.save(str(path))
        details.close()
        saved.append(path)
        # Offline: the simulator goes away; cached figures stay, greyed, with their time.
        await asyncio.to_thread(ctl.simulator.stop)
        win.go_to_tab(0)
        win.sync_in_background()
        await until(lambda: not win._syncing)
        await settle(ctl, 0.3)
        path = out / f"{lang}-offline-dashboard.png"
        win.grab().save(str(path))
        saved.append(path)
    finally:
        ctl.request_quit()
        await run
    return saved


async def shoot_welcome(app: QApplication, lang: str, out: Path, base: Path) -> Path:
    store = CredentialStore(backend=MemoryKeyring(store={}))
    ctl = ComptoirApp(app, base_dir=base, lang=lang, store=store, install_signals=False,
                      endpoints=Endpoints.single("http://127.0.0.1:9"), environ={})
    run = asyncio.ensure_future(ctl.run())
    try:
        await until(lambda: ctl.window.welcome is not None)
        await asyncio.sleep(0.3)
        path = out / f"{lang}-0-welcome.png"
        ctl.window.grab().save(str(path))
    finally:
        ctl.request_quit()
        await run
    return path


async def main(out: Path) -> None:
    app = QApplication.instance()
    out.mkdir(parents=True, exist_ok=True)
    for lang in ("fr", "en"):
        with tempfile.TemporaryDirectory() as tmp:
            print(await shoot_welcome(app, lang, out, Path(tmp) / "real"))
            for path in await shoot_training(app, lang, out, Path(tmp) / "data"):
                print(path)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    qapp = QApplication(sys.argv[:1])
    qapp.setQuitOnLastWindowClosed(False)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
        runner.run(main(target))
