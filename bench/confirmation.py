"""Benchmark: from the customer's payment to PAYÉ on the till's screen (issue 17).

    .venv/bin/python bench/confirmation.py [--delays 5,35,90,170] [--latency-ms 50]
                                           [--attention SECONDS] [--old-schedule]

For each delay, one Encaisser tab (offscreen, in one process) creates a link on a local
simulator and shows its QR; the "customer" pays at the simulator that many seconds after the
QR appeared. The figure is the time from that payment to PAYÉ on the tab's status banner,
with the number of checks made for the link. All delays run at the same time, so the whole
run lasts about the longest delay. Prints figures; asserts nothing (aim: under 3 s while
someone is plausibly paying).

``--attention S``: the cashier touches the till every S seconds (resets the brisk phase).
``--old-schedule``: the schedule before issue 17 (3, 5, 8, 13, 20 then 30 s from creation),
for comparison. ``--latency-ms``: the simulator's answer time (a real network's).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import qasync
from PySide6.QtWidgets import QApplication

from backoffice.api import CinetPayClient, Credentials, Endpoints
from backoffice.preferences import Preferences
from backoffice.services.core import Comptoir
from backoffice.services.outcomes import LinkOutcome
from backoffice.simulator import DEMO_CREDENTIALS, Simulator
from backoffice.ui.checkout.status_checker import StatusChecker
from backoffice.ui.checkout.tab import CheckoutTab
from backoffice.ui.context import UiContext
from backoffice.ui.kit.bridge import AsyncBridge
from backoffice.ui.kit.messages import MessageBar

# Before issue 17: 3, 5, 8, 13, 20 s after each other from creation, then every 30 s.
OLD_SCHEDULE = ((3.0, 3.0), (8.0, 5.0), (16.0, 8.0), (29.0, 13.0), (49.0, 20.0),
                (float("inf"), 30.0))


async def one_link(ctx: UiContext, sim: Simulator, delay: float,
                   attention: float | None) -> tuple[float, float, int]:
    """(delay, seconds from payment to PAYÉ on screen, checks of this link)."""
    tab = CheckoutTab(ctx)
    tab.checker.attended = lambda: False  # the other tabs' windows are not this cashier
    tab.resize(1240, 700)
    tab.show()
    row = await ctx.core.links.create(5000 + 5 * int(delay))
    tab.show_link(row)  # the QR appears now
    shown = time.perf_counter()
    seen = asyncio.get_running_loop().create_future()

    def on_checked(_row: object) -> None:  # after the tab's own redraw (connected first)
        if tab.banner.outcome == LinkOutcome.PAID and not seen.done():
            seen.set_result(time.perf_counter())

    tab.checker.checked.connect(on_checked)
    while time.perf_counter() - shown < delay:
        step = min(attention or delay, delay - (time.perf_counter() - shown))
        await asyncio.sleep(max(0.0, step))
        if attention:
            tab.checker.touch()
    paid = time.perf_counter()
    sim.settle(row.transaction_id, outcome="ACCEPTED")
    try:
        at = await asyncio.wait_for(seen, timeout=120)
    except TimeoutError:
        at = float("nan")
    tab.close()
    return delay, at - paid, tab.checker.count


async def main(delays: list[float], latency_ms: int, attention: float | None,
               old: bool) -> None:
    if old:
        StatusChecker.SCHEDULE = OLD_SCHEDULE
    sim = Simulator(seed_demo=False)
    sim.start()
    creds = Credentials(DEMO_CREDENTIALS["apikey"], DEMO_CREDENTIALS["site_id"],
                        DEMO_CREDENTIALS["transfer_password"])
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        core = await Comptoir.open(data, CinetPayClient(creds, Endpoints.single(sim.base_url)))
        prefs = Preferences()
        prefs.sound = False  # a bench makes no noise
        ctx = UiContext(core=core, bridge=AsyncBridge(), prefs=prefs, data_dir=data,
                        messages=MessageBar(), training=True)
        try:
            sim.set_faults(latency_ms=latency_ms)
            schedule = "before issue 17" if old else "brisk"
            print(f"schedule: {schedule} {StatusChecker.SCHEDULE}; simulator latency "
                  f"{latency_ms} ms; cashier attention: "
                  f"{f'every {attention:g} s' if attention else 'none after the QR'}")
            results = await asyncio.gather(*(one_link(ctx, sim, d, attention) for d in delays))
            print(f"{'paid after':>11}  {'→ PAYÉ on screen':>17}  {'checks':>6}")
            for delay, took, checks in sorted(results):
                print(f"{delay:>9.0f} s  {took:>15.2f} s  {checks:>6}")
            times = [took for _, took, _ in results]
            print(f"max {max(times):.2f} s · median {statistics.median(times):.2f} s · "
                  f"under 3 s: {sum(t < 3 for t in times)}/{len(times)}")
        finally:
            await ctx.bridge.shutdown()
            await core.aclose(drain=False)
            sim.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delays", default="5,35,90,170")
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--attention", type=float, default=None)
    parser.add_argument("--old-schedule", action="store_true")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)
    qasync.run(main([float(d) for d in args.delays.split(",")], args.latency_ms,
                    args.attention, args.old_schedule))
