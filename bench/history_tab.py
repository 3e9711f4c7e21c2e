"""Benchmark of the Historique tab on a large cache: prints figures, asserts nothing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/history_tab.py [ROWS]

Fills a temporary journal with ROWS (default 100 000) generated transactions, opens the real
HistoryTab (qasync loop, database thread) and times, from the user's action to the rows on
screen: the first display, a status filter, a debounced text search, a sort by amount, a jump
to the last row, the totals and a CSV export of what is shown. Also how long the GUI thread
was ever blocked (the longest gap between two 5 ms timer ticks) while all this ran.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from history_cache import generate
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from backoffice.api import CinetPayClient, Credentials, Endpoints
from backoffice.preferences import Preferences
from backoffice.services.core import Comptoir
from backoffice.store.history import upsert_history
from backoffice.ui.context import UiContext
from backoffice.ui.history.filters import SEARCH_DELAY_MS
from backoffice.ui.history.model import COLUMNS
from backoffice.ui.history.tab import HistoryTab
from backoffice.ui.kit.bridge import AsyncBridge
from backoffice.ui.kit.messages import MessageBar
from backoffice.ui.kit.qt_loop import QtLoop


class Stalls:
    """The longest time the GUI thread went without running a 5 ms timer."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer(interval=5, timeout=self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last)
        self._last = now

    def reset(self) -> None:
        self.worst, self._last = 0.0, time.perf_counter()


async def applied(tab: HistoryTab) -> None:
    while not (tab.model.applied and not tab.model.loading):
        await asyncio.sleep(0.001)
    await tab.model.wait_idle()


async def timed(label: str, action, tab: HistoryTab, stalls: Stalls) -> None:
    stalls.reset()
    t0 = time.perf_counter()
    await action()
    elapsed = 1000 * (time.perf_counter() - t0)
    print(f"{label:<52} {elapsed:8.1f} ms   (GUI blocked ≤ {1000 * stalls.worst:5.1f} ms)",
          flush=True)


async def run(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        api = CinetPayClient(Credentials("bench-key", "1"), Endpoints.single("http://127.0.0.1:9"))
        core = await Comptoir.open(data, api)
        t0 = time.perf_counter()
        rows = list(generate(count))
        await core.db.run(upsert_history, rows)
        print(f"cache filled with {count} rows in {time.perf_counter() - t0:.1f} s", flush=True)

        bar = MessageBar()
        ctx = UiContext(core=core, bridge=AsyncBridge(), prefs=Preferences(), data_dir=data,
                        messages=bar, training=True)
        tab = HistoryTab(ctx)
        tab.resize(1200, 720)
        tab.show()
        stalls = Stalls()
        stalls.timer.start()
        await asyncio.sleep(0.05)

        async def first() -> None:
            tab.on_shown()
            await applied(tab)
            await ctx.bridge.wait_idle()  # totals and filter lists too

        await timed(f"first display ({count} rows: count + page + totals)", first, tab,
                    stalls)

        async def status() -> None:
            tab.status.setCurrentIndex(tab.status.findData("REFUSED"))
            await applied(tab)

        await timed("filter status = REFUSED", status, tab, stalls)
        refused = tab.model.total

        async def clear() -> None:
            tab.clear_filters()
            await applied(tab)

        await timed("clear filters", clear, tab, stalls)

        async def search() -> None:
            tab.search.setText("konate")
            tab.search.textEdited.emit("konate")
            await asyncio.sleep(SEARCH_DELAY_MS / 1000)
            while tab.model.target.text != "konate":
                await asyncio.sleep(0.001)
            await applied(tab)

        await timed(f"text search 'konate' (incl. {SEARCH_DELAY_MS} ms debounce)", search,
                    tab, stalls)
        found = tab.model.total
        await clear()

        async def jump() -> None:
            tab.table.scrollToBottom()
            tab.model.row_at(tab.model.total - 1, load=True)
            await tab.model.wait_idle()

        await timed("jump to the last row (by date, newest first)", jump, tab, stalls)

        async def scroll() -> None:
            bar_ = tab.table.verticalScrollBar()
            for value in range(0, bar_.maximum(), max(1, bar_.maximum() // 50)):
                bar_.setValue(value)
                await asyncio.sleep(0)
                await tab.model.wait_idle()

        await timed("scroll top to bottom, 50 stops, each stop loaded", scroll, tab, stalls)

        async def sort() -> None:
            tab.table.horizontalHeader().setSortIndicator(COLUMNS.index("amount"),
                                                          Qt.SortOrder.AscendingOrder)
            await applied(tab)

        await timed("sort by amount (ascending)", sort, tab, stalls)
        await timed("jump to the last row (by amount)", jump, tab, stalls)

        async def totals() -> None:
            await core.history.totals(tab.model.query)

        await timed("totals of everything shown", totals, tab, stalls)

        target = data / "export.csv"

        async def export() -> None:
            await tab.export_to(target)

        await timed("CSV export of everything shown", export, tab, stalls)
        print(f"  -> {refused} refused, {found} match 'konate', "
              f"{target.stat().st_size / 1e6:.1f} MB exported, "
              f"{len(tab.model._pages)} pages in memory", flush=True)
        stalls.timer.stop()
        tab.teardown()
        await ctx.bridge.wait_idle()
        tab.deleteLater()
        bar.deleteLater()
        await core.aclose(drain=False)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    with asyncio.Runner(loop_factory=lambda: QtLoop(app)) as runner:
        runner.run(run(count))


if __name__ == "__main__":
    main()
