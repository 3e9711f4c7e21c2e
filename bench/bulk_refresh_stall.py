"""Benchmark: the longest event-loop stall while Encaisser checks every pending link.

    .venv/bin/python bench/bulk_refresh_stall.py [LINKS] [LATENCY_MS] [--gc-freeze]

Creates LINKS (default 500) payment links on a local simulator, settles a third of them
(paid or refused), then sets the simulator's latency to LATENCY_MS (default 50) and presses
"Vérifier tous les paiements en attente" on a visible (offscreen) Encaisser tab, the way a
cashier would. A QTimer heartbeat every 10 ms measures how late the GUI thread answers: the
stall is the gap between two beats minus 10 ms. Prints figures; asserts nothing (aim: no
stall over 50 ms).

The largest stalls left are full (generation 2) garbage collections over everything the
process holds, here including the in-process simulator. ``--gc-freeze`` calls
``gc.freeze()`` before measuring, as an app can once its start-up objects exist.
"""

from __future__ import annotations

import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from backoffice.api import CinetPayClient, Credentials, Endpoints
from backoffice.preferences import Preferences
from backoffice.services.core import Comptoir
from backoffice.simulator import DEMO_CREDENTIALS, Simulator
from backoffice.ui.checkout.status_checker import StatusChecker
from backoffice.ui.checkout.tab import CheckoutTab
from backoffice.ui.context import UiContext
from backoffice.ui.kit.bridge import AsyncBridge
from backoffice.ui.kit.messages import MessageBar

BEAT_MS = 10


class Heartbeat:
    def __init__(self) -> None:
        self.stalls: list[float] = []
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setInterval(BEAT_MS)
        self._timer.timeout.connect(self._beat)

    def start(self) -> None:
        self.stalls.clear()
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _beat(self) -> None:
        now = time.perf_counter()
        self.stalls.append(max(0.0, (now - self._last) * 1000 - BEAT_MS))
        self._last = now


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


async def main(count: int, latency_ms: int, freeze: bool) -> None:
    StatusChecker.SCHEDULE = ((float("inf"), 3600.0),)  # measure the bulk refresh alone
    sim = Simulator(seed_demo=False)
    sim.start()
    creds = Credentials(DEMO_CREDENTIALS["apikey"], DEMO_CREDENTIALS["site_id"],
                        DEMO_CREDENTIALS["transfer_password"])
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        core = await Comptoir.open(data, CinetPayClient(creds, Endpoints.single(sim.base_url)))
        ctx = UiContext(core=core, bridge=AsyncBridge(), prefs=Preferences(), data_dir=data,
                        messages=MessageBar(), training=True)
        try:
            started = time.perf_counter()
            limit = asyncio.Semaphore(8)

            async def one(n: int):
                async with limit:
                    return await core.links.create(1000 + 5 * (n % 400), "Vente comptoir")

            rows = await asyncio.gather(*(one(n) for n in range(count)))
            print(f"created {len(rows)} links in {time.perf_counter() - started:.1f} s")
            for n, row in enumerate(rows):
                if n % 3 == 0:
                    sim.settle(row.transaction_id, "ACCEPTED" if n % 2 else "REFUSED")

            tab = CheckoutTab(ctx)
            tab.resize(1240, 700)
            tab.show()
            tab.reload()
            await asyncio.sleep(0.5)
            await ctx.bridge.wait_idle()
            sim.set_faults(latency_ms=latency_ms)

            if freeze:
                gc.collect()
                gc.freeze()
            beat = Heartbeat()
            beat.start()
            started = time.perf_counter()
            tab.verify_all_button.click()  # what the cashier does (F5)
            await asyncio.sleep(0)
            await ctx.bridge.wait_idle()
            await asyncio.sleep(0.3)  # the last debounced reload of the list
            await ctx.bridge.wait_idle()
            total = time.perf_counter() - started
            beat.stop()

            paid = sum(r.payment_status == "ACCEPTED" for r in tab.model.rows)
            refused = sum(r.payment_status == "REFUSED" for r in tab.model.rows)
            checks = sum(r.get("endpoint") == "checkout.check" for r in sim.request_log())
            stalls = beat.stalls
            print(f"links: {count}, simulator latency: {latency_ms} ms, "
                  f"refresh concurrency: {core.settings.refresh_concurrency}, "
                  f"gc.freeze(): {'yes' if freeze else 'no'}")
            print(f"checks sent: {checks}; list shows {paid} paid, {refused} refused, "
                  f"{len(tab.model.rows) - paid - refused} pending")
            print(f"total time: {total:.2f} s")
            print(f"heartbeats: {len(stalls)} (every {BEAT_MS} ms)")
            print(f"max stall: {max(stalls, default=0):.1f} ms")
            print(f"p99 stall: {percentile(stalls, 0.99):.1f} ms")
            print(f"p50 stall: {statistics.median(stalls) if stalls else 0:.1f} ms")
            print(f"stalls over 50 ms: {sum(s > 50 for s in stalls)}")
            tab.close()
        finally:
            await ctx.bridge.shutdown()
            await core.aclose(drain=False)
            sim.stop()


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    links = int(args[0]) if args else 500
    latency = int(args[1]) if len(args) > 1 else 50
    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)
    qasync.run(main(links, latency, "--gc-freeze" in sys.argv))
