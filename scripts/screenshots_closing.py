"""Screenshots of the end-of-day closing, in French and in English, offscreen: the Clôture
screen after closing a training day (a late payment, a cash difference), and page 1 of the
A4 report it saves, rendered to PNG from the PDF (pdftoppm, from poppler-utils).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_closing.py [OUT_DIR]

Writes <lang>-7-closing.png, <lang>-closing-report.png (and the PDFs <lang>-closing-report.pdf
in a temporary folder) to docs/screenshots/ by default; a temporary data directory is used.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import qasync
from PySide6.QtWidgets import QApplication

from backoffice.ui.app import ComptoirApp
from scripts.screenshots import settle, until

SHOP = ("Boutique Adjamé", "Rue 12, Adjamé\nAbidjan, Côte d'Ivoire")


async def a_day(ctl: ComptoirApp) -> None:
    """Paid links (one the till never checked: a late payment), a refused one, cash."""
    assert ctl.ctx is not None and ctl.simulator is not None
    core = ctl.ctx.core
    for amount, outcome, check in ((12_500, "ACCEPTED", True), (17_500, "ACCEPTED", False),
                                   (4_000, "REFUSED", True), (8_000, "ACCEPTED", True)):
        row = await core.links.create(amount, "Vente comptoir")
        ctl.simulator.settle(row.transaction_id, outcome)
        if check:
            await core.links.refresh(row.transaction_id)
    await core.cash.add_float(20_000, "Fond de caisse")
    await core.cash.sale(7_500, "Pain")
    await core.cash.sale(3_000)
    await core.cash.payout(2_000, "Monnaie")


async def shoot(app: QApplication, lang: str, out: Path, base: Path) -> list[Path]:
    ctl = ComptoirApp(app, base_dir=base, demo=True, lang=lang, install_signals=False,
                      environ={})
    run = asyncio.ensure_future(ctl.run())
    saved: list[Path] = []
    try:
        await until(lambda: ctl.ctx is not None)
        win = ctl.window
        win.resize(1220, 760)
        await until(lambda: win.status is not None and win.status.last_sync is not None
                    and not win._syncing)
        ctl.ctx.prefs.shop_name, ctl.ctx.prefs.shop_address = SHOP
        await a_day(ctl)
        await settle(ctl, 0.4)
        tab = win.closing_tab
        win.tabs.setCurrentWidget(tab)
        await settle(ctl)
        tab.counted_edit.setText("28 000")
        tab.close_clicked()
        await settle(ctl, 0.6)
        assert tab.report is not None
        ctl.ctx.messages.hide()
        tab.preview.scrollToAnchor("anomalies")  # the report, from its anomalies
        await settle(ctl, 0.2)
        path = out / f"{lang}-7-closing.png"
        win.grab().save(str(path))
        saved.append(path)
        with tempfile.TemporaryDirectory() as tmp:
            pdf = await tab.save_pdf(Path(tmp) / f"{lang}-closing-report.pdf")
            assert pdf is not None
            stem = out / f"{lang}-closing-report"
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1",
                            "-singlefile", str(pdf), str(stem)], check=True)
        saved.append(stem.with_suffix(".png"))
    finally:
        ctl.request_quit()
        await run
    return saved


async def main(out: Path) -> None:
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm is missing: apt-get install poppler-utils")
    out.mkdir(parents=True, exist_ok=True)
    for lang in ("fr", "en"):
        with tempfile.TemporaryDirectory() as tmp:
            for path in await shoot(QApplication.instance(), lang, out, Path(tmp) / "data"):
                print(path)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    qapp = QApplication(sys.argv[:1])
    qapp.setQuitOnLastWindowClosed(False)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
        runner.run(main(target))
