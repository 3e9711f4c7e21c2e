"""Search as you type in the Historique at 100k rows, side by side with a baseline: prints
figures, asserts nothing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/history_search.py [ROWS]

Both sides run in this one process on the same cache file and are timed from the keystroke to
the rows repainted (the table's viewport painted with the new rows, same viewport size):
- Comptoir: the real HistoryTab (qasync loop, database thread, the store's queries); the clock
  stops in the slot that learns the rows are in the model, after a synchronous repaint;
- baseline: a bare lazy table model over the same SQLite table (count + one page with
  LIMIT/OFFSET, run on the GUI thread, no debounce), the simplest thing a Qt developer writes.
Before each keystroke the previous one is complete (its count included) and its paints are
done, as when a person types. Each figure is the worst of ROUNDS runs; the ratio is
Comptoir / baseline. Under each Comptoir figure: where its worst round spent the time (on
the database thread, painting, the rest: the loop, hand-offs, Python).
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from history_cache import generate
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView

from backoffice.api import CinetPayClient, Credentials, Endpoints
from backoffice.preferences import Preferences
from backoffice.services.core import Comptoir
from backoffice.store.history import upsert_history
from backoffice.store.textsearch import fold
from backoffice.ui.context import UiContext
from backoffice.ui.history.model import COLUMNS
from backoffice.ui.history.tab import HistoryTab
from backoffice.ui.kit.bridge import AsyncBridge
from backoffice.ui.kit.messages import MessageBar
from backoffice.ui.kit.qt_loop import QtLoop

ROUNDS = 3
WORD = "konate"
BASE_COLUMNS = ("paid_at", "amount_minor", "status", "operator", "phone", "buyer_name",
                "designation", "transaction_id")
ORDER = {"paid_at": "paid_at DESC, transaction_id DESC",
         "amount": "amount_minor ASC, transaction_id ASC"}


class BaselineModel(QAbstractTableModel):
    """Count + pages of 200 rows with LIMIT/OFFSET, fetched on demand on the GUI thread."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.conn = sqlite3.connect(path)
        self.text, self.order, self.total = "", ORDER["paid_at"], 0
        self.pages: dict[int, list[tuple[Any, ...]]] = {}
        self.apply("", "paid_at")

    def apply(self, text: str, sort: str) -> None:
        self.beginResetModel()
        self.text, self.order, self.pages = fold(text), ORDER[sort], {}
        where, params = self._where()
        self.total = self.conn.execute(f"SELECT count(*) FROM history{where}",
                                       params).fetchone()[0]
        self.endResetModel()

    def _where(self) -> tuple[str, list[str]]:
        return (" WHERE instr(search_text, ?) > 0", [self.text]) if self.text else ("", [])

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(BASE_COLUMNS)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        page_no, offset = divmod(index.row(), 200)
        if page_no not in self.pages:
            where, params = self._where()
            self.pages[page_no] = self.conn.execute(
                f"SELECT {', '.join(BASE_COLUMNS)} FROM history{where} ORDER BY {self.order}"
                " LIMIT 200 OFFSET ?", [*params, page_no * 200]).fetchall()
        page = self.pages[page_no]
        return str(page[offset][index.column()]) if offset < len(page) else None


def painted(view: QTableView) -> float:
    """Repaints now; returns the time it took (ms)."""
    t0 = time.perf_counter()
    view.viewport().repaint()
    return 1000 * (time.perf_counter() - t0)


def line(label: str, ours: float, base: float) -> None:
    print(f"{label:<44} Comptoir {ours:7.1f} ms   baseline {base:7.1f} ms   "
          f"ratio {ours / base:5.2f}", flush=True)


class Spent:
    """Time spent on the database thread (reads) and painting, during one measure."""

    def __init__(self) -> None:
        self.db = self.paint = 0.0

    def clear(self) -> None:
        self.db = self.paint = 0.0

    def note(self, total: float) -> str:
        return (f"{'':<6}(database thread {self.db:5.1f} ms, painting {self.paint:5.1f} ms,"
                f" the rest {total - self.db - self.paint:5.1f} ms)")


SPENT = Spent()


def watch_reads(core: Comptoir) -> None:
    """Counts the time each read of the history takes on the database thread."""
    adb = core.db
    read = adb.read

    async def timed_read(fn: Any, *args: Any, **kwargs: Any) -> Any:
        def body(db: Any, *a: Any, **k: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(db, *a, **k)
            finally:
                SPENT.db += 1000 * (time.perf_counter() - t0)
        return await read(body, *args, **kwargs)

    adb.read = timed_read  # type: ignore[method-assign]


async def settle(tab: HistoryTab, text: str | None = None,
                 then: Callable[[], None] | None = None) -> float:
    """Until the rows of the search ``text`` (default: whatever was asked) are in the
    model, then repainted at once (or ``then`` done instead, in the same slot); returns
    the clock at that moment."""
    model = tab.model

    def ready() -> bool:
        return (not model.loading and model.target == model.query
                and (text is None or model.query.text == text))

    def stop() -> float:
        if then is not None:
            then()
        else:
            SPENT.paint += painted(tab.table)
        return time.perf_counter()

    if ready():
        return stop()
    done: asyncio.Future[float] = asyncio.get_running_loop().create_future()

    def check(*_: object) -> None:
        if not done.done() and ready():
            done.set_result(stop())

    model.query_applied.connect(check)  # after the tab's own slot (to the top…)
    try:
        return await done
    finally:
        model.query_applied.disconnect(check)


async def idle(tab: HistoryTab) -> None:
    """The previous result complete (count, pages) and its paints done."""
    await tab.model.wait_idle()
    await asyncio.sleep(0.02)


async def run(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        api = CinetPayClient(Credentials("bench-key", "1"), Endpoints.single("http://127.0.0.1:9"))
        core = await Comptoir.open(data, api)
        await core.db.run(upsert_history, list(generate(count)))
        watch_reads(core)
        ctx = UiContext(core=core, bridge=AsyncBridge(), prefs=Preferences(), data_dir=data,
                        messages=MessageBar(), training=True)
        tab = HistoryTab(ctx)
        tab.resize(1200, 720)
        tab.show()
        tab.on_shown()
        await settle(tab)
        await ctx.bridge.wait_idle()

        base = BaselineModel(core.db.db.path)
        view = QTableView()
        view.setModel(base)
        view.resize(tab.table.size())  # the same rows on screen as Comptoir's table
        view.show()
        painted(view)
        print(f"{count} rows; each figure the worst of {ROUNDS} rounds, keystroke -> repainted")

        async def ours(typed: str, pause: bool = True) -> tuple[float, str]:
            tab.search.setText(typed[:-1])
            tab.apply_filters()
            await settle(tab, typed[:-1])
            if pause:
                await idle(tab)
            SPENT.clear()
            t0 = time.perf_counter()
            tab.search.setText(typed)  # what a keystroke does (textEdited starts the timer)
            tab.filters.debounce.start()
            took = 1000 * (await settle(tab, typed) - t0)
            note = SPENT.note(took)
            if pause and tab.model.counting:  # rows shown, the count after them
                await tab.model.wait_idle()
                note += f" count exact after {1000 * (time.perf_counter() - t0):.1f} ms"
            return took, note

        def baseline(typed: str) -> float:
            base.apply(typed[:-1], "paid_at")
            painted(view)
            t0 = time.perf_counter()
            base.apply(typed, "paid_at")
            painted(view)
            return 1000 * (time.perf_counter() - t0)

        keys: dict[str, tuple[float, float]] = {}
        for end in range(1, len(WORD) + 1):
            typed = WORD[:end]
            ours_times, base_times = [], []
            for _ in range(ROUNDS):
                ours_times.append(await ours(typed))
                base_times.append(baseline(typed))
            worst = max(ours_times)
            keys[typed] = (worst[0], max(base_times))
            line(f"keystroke '{typed}'", *keys[typed])
            print(worst[1])
        line("worst keystroke", max(o for o, _ in keys.values()),
             max(b for _, b in keys.values()))
        long = [v for k, v in keys.items() if len(k) >= 3]
        line("worst keystroke, 3+ characters", max(o for o, _ in long), max(b for _, b in long))
        # A fast typist: the key comes as soon as the previous rows are painted, while
        # their count may still run (it is stopped on the database thread).
        rushed = max([await ours(WORD[:end], pause=False)
                      for end in range(2, len(WORD) + 1) for _ in range(ROUNDS)])
        line("worst keystroke, typed without a pause", rushed[0],
             max(b for _, b in keys.values()))
        print(rushed[1])

        tab.clear_filters()
        await settle(tab)
        await idle(tab)
        base.apply("", "paid_at")

        async def ours_sort() -> None:
            """What a click on the header then Ctrl+End do: the sorted result, the view
            moved to its end before anything is painted (as the baseline), Qt's own paint of
            the rows not loaded yet (they ask for their pages), those rows repainted."""
            model = tab.model
            done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

            def rows_in(*_: object) -> None:
                if not done.done() and model.row_at(model.total - 1) is not None:
                    SPENT.paint += painted(tab.table)
                    done.set_result(None)

            model.dataChanged.connect(rows_in)
            try:
                tab.table.horizontalHeader().setSortIndicator(COLUMNS.index("amount"),
                                                              Qt.SortOrder.AscendingOrder)
                await settle(tab, then=tab.table.scrollToBottom)
                await done
            finally:
                model.dataChanged.disconnect(rows_in)

        async def base_sort() -> None:
            base.apply("", "amount")
            view.scrollToBottom()
            painted(view)

        async def reset_sort() -> None:
            tab.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
            await settle(tab)
            tab.table.scrollToTop()
            view.scrollToTop()
            base.apply("", "paid_at")
            painted(view)
            await idle(tab)

        ours_figs, base_figs = [], []
        for _ in range(ROUNDS):
            await reset_sort()
            SPENT.clear()
            t0 = time.perf_counter()
            await ours_sort()
            took = 1000 * (time.perf_counter() - t0)
            ours_figs.append((took, SPENT.note(took)))
            t0 = time.perf_counter()
            await base_sort()
            base_figs.append(1000 * (time.perf_counter() - t0))
        worst = max(ours_figs)
        line("sort by amount, jump to the last rows", worst[0], max(base_figs))
        print(worst[1])

        tab.teardown()
        await ctx.bridge.wait_idle()
        await core.aclose(drain=False)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    with asyncio.Runner(loop_factory=lambda: QtLoop(app)) as runner:
        runner.run(run(count))


if __name__ == "__main__":
    main()
