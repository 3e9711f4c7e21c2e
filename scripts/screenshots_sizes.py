"""Every screen in French and English on a 1024×768 and a 1280×800 screen, offscreen: the
welcome page, the six tabs, the list of unconfirmed operations, and the dark theme.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_sizes.py [OUT_DIR]

Writes ``<lang>-<width>x<height>-<screen>.png`` to docs/screenshots/sizes/ by default. The
window is sized by the app itself for a screen of that size (``MainWindow.fit_to_screen``,
a title bar kept free), so the pictures show what a first launch shows. A temporary data
directory is used.
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
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from backoffice.api import Endpoints
from backoffice.keyring import CredentialStore
from backoffice.preferences import Preferences
from backoffice.ui import main_window
from backoffice.ui.app import ComptoirApp
from backoffice.ui.theme import apply_look
from harness.memory_keyring import MemoryKeyring
from scripts.screenshots import TABS, settle, until

SIZES = ((1024, 768), (1280, 800))


def on_screen(width: int, height: int) -> None:
    main_window.available_geometry = lambda _widget: QRect(0, 0, width, height)


def with_popup(win: QWidget, popup: QWidget) -> QPixmap:
    """The window with a separate window (dialog) drawn where it stands."""
    shot = win.grab()
    painter = QPainter(shot)
    x = max((win.width() - popup.width()) // 2, 0)
    y = max((win.height() - popup.height()) // 2, 0)
    painter.drawPixmap(x, y, popup.grab())
    painter.setPen(QColor("#5f6368"))
    painter.drawRect(x, y, popup.width() - 1, popup.height() - 1)
    painter.end()
    return shot


async def shoot_welcome(app: QApplication, lang: str, tag: str, out: Path, base: Path) -> Path:
    store = CredentialStore(backend=MemoryKeyring(store={}))
    ctl = ComptoirApp(app, base_dir=base, lang=lang, store=store, install_signals=False,
                      endpoints=Endpoints.single("http://127.0.0.1:9"), environ={})
    run = asyncio.ensure_future(ctl.run())
    try:
        await until(lambda: ctl.window.welcome is not None)
        await asyncio.sleep(0.3)
        path = out / f"{lang}-{tag}-0-welcome.png"
        ctl.window.grab().save(str(path))
    finally:
        ctl.request_quit()
        await run
    return path


async def shoot_training(app: QApplication, lang: str, tag: str, out: Path,
                         base: Path) -> list[Path]:
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
            path = out / f"{lang}-{tag}-{index + 1}-{name}.png"
            win.grab().save(str(path))
            saved.append(path)
        # Two customers who have not paid yet: the counter opens the list.
        assert ctl.ctx is not None
        for amount in (17500, 4000):
            await ctl.ctx.core.links.create(amount, "Vente comptoir")
        await until(lambda: win.status.unconfirmed_total >= 2)
        win.go_to_tab(2)
        await settle(ctl)
        dialog = win.status.show_waiting()
        await until(lambda: len(dialog.items) >= 2)
        await settle(ctl, 0.3)
        path = out / f"{lang}-{tag}-7-waiting.png"
        with_popup(win, dialog).save(str(path))
        saved.append(path)
        # "Annuler" on one of them: the message floats, nothing moves under the pointer.
        dialog.cancel_link(dialog.items[0].key)
        await until(lambda: ctl.ctx is not None and ctl.ctx.messages.text != "")
        dialog.close()
        await settle(ctl, 0.3)
        path = out / f"{lang}-{tag}-9-message.png"
        win.grab().save(str(path))
        saved.append(path)
        # The dark theme (Réglages → Apparence → Sombre).
        apply_look(Preferences(theme="dark"), app)
        win.go_to_tab(0)
        await settle(ctl, 0.4)
        ctl.ctx.messages.hide()
        path = out / f"{lang}-{tag}-8-dark.png"
        win.grab().save(str(path))
        saved.append(path)
    finally:
        apply_look(Preferences(), app)
        ctl.request_quit()
        await run
    return saved


async def main(out: Path, sizes=SIZES, langs=("fr", "en")) -> None:
    app = QApplication.instance()
    out.mkdir(parents=True, exist_ok=True)
    for width, height in sizes:
        on_screen(width, height)
        tag = f"{width}x{height}"
        for lang in langs:
            with tempfile.TemporaryDirectory() as tmp:
                print(await shoot_welcome(app, lang, tag, out, Path(tmp) / "real"))
                for path in await shoot_training(app, lang, tag, out, Path(tmp) / "data"):
                    print(path)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parent.parent / "docs" / "screenshots" / "sizes"
    qapp = QApplication(sys.argv[:1])
    qapp.setQuitOnLastWindowClosed(False)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
        runner.run(main(target))
