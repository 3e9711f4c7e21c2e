"""Screenshots of the Tableau de bord and the Transferts tab for a current-platform (sk_test_)
training account, in French, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_current.py [OUT_DIR]

Writes fr-1-dashboard-current.png and fr-5-transfers-current.png to docs/screenshots/ by
default; a temporary data directory is used.
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
from PySide6.QtWidgets import QApplication

from backoffice.ui.app import ComptoirApp
from scripts.screenshots import settle, until


async def a_few_links(ctl: ComptoirApp) -> None:
    """Some takings in the journal: two paid, one refused, one waiting."""
    assert ctl.ctx is not None and ctl.simulator is not None
    core = ctl.ctx.core
    for amount, outcome in ((12500, "ACCEPTED"), (4000, "ACCEPTED"), (3000, "REFUSED"),
                            (1500, "")):
        row = await core.links.create(amount, "Vente comptoir")
        if outcome:
            ctl.simulator.settle(row.transaction_id, outcome)
            await core.links.refresh(row.transaction_id)
    await core.transfers.send("", "+2250701020304", 5000, method="MTN_CI")


async def shoot(app: QApplication, out: Path, base: Path) -> list[Path]:
    ctl = ComptoirApp(app, base_dir=base, demo=True, current=True, lang="fr",
                      install_signals=False, environ={})
    run = asyncio.ensure_future(ctl.run())
    saved: list[Path] = []
    try:
        await until(lambda: ctl.ctx is not None)
        win = ctl.window
        await until(lambda: win.status is not None and win.status.last_sync is not None
                    and not win._syncing)
        await a_few_links(ctl)
        await settle(ctl, 0.6)
        win.go_to_tab(0)
        win.dashboard_tab.refresh()
        await settle(ctl, 0.6)
        path = out / "fr-1-dashboard-current.png"
        win.grab().save(str(path))
        saved.append(path)
        win.go_to_tab(4)
        tab = win.transfers_tab
        tab.contact.setEditText("+225 05 44 33 22 11")
        assert tab.method is not None
        tab.method.setCurrentIndex(tab.method.findData("OM_CI"))
        tab.amount.setText("2500")
        await settle(ctl)
        path = out / "fr-5-transfers-current.png"
        win.grab().save(str(path))
        saved.append(path)
    finally:
        ctl.request_quit()
        await run
    return saved


async def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for path in await shoot(QApplication.instance(), out, Path(tmp) / "data"):
            print(path)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    qapp = QApplication(sys.argv[:1])
    qapp.setQuitOnLastWindowClosed(False)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
        runner.run(main(target))
