"""Historique model at search-as-you-type speed: a new result changes the rows in place (no
model reset), its rows come before its count when counting reads the whole table (the count
follows and becomes exact), pages wanted side by side come in one read, and the last rows of
a long sorted list are the right ones."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from backoffice.store.history import HistoryQuery, HistoryRow, upsert_history
from backoffice.ui.history.model import CELL_ROWS, COLUMNS, PAGE, HistoryModel
from backoffice.ui.history.tab import HistoryTab
from tests.support.history_ui import settled

ROWS = 1200


def rows() -> list[HistoryRow]:
    start = datetime(2026, 1, 1, 8)
    return [HistoryRow(transaction_id=f"INP{n:05d}", amount=Decimal(100 + (n * 53) % 997),
                       currency="XOF", status=("ACCEPTED", "REFUSED")[n % 4 == 0],
                       operator=("OM", "MOMO", "WAVE")[n % 3], phone_prefix="225",
                       phone=f"07{n:08d}", designation="Vente comptoir",
                       buyer_name=("Awa Konaté", "Yao Kouassi", "Zoé Brou")[n % 3],
                       paid_at=start + timedelta(minutes=n))
            for n in range(ROWS)]


class GatedCount:
    """The service, with counts held until ``release`` and every page read recorded."""

    def __init__(self, history: Any) -> None:
        self.history = history
        self.gate = asyncio.Event()
        self.pages: list[tuple[int, int]] = []

    async def first_rows(self, q: HistoryQuery, limit: int = 50) -> Any:
        return await self.history.first_rows(q, limit)

    async def page(self, q: HistoryQuery, offset: int = 0, limit: int = 200) -> Any:
        self.pages.append((offset, limit))
        return await self.history.page(q, offset, limit)

    async def count(self, q: HistoryQuery) -> int:
        await self.gate.wait()
        return int(await self.history.count(q))


@pytest.fixture
async def source(ui_ctx) -> GatedCount:
    await ui_ctx.core.db.run(upsert_history, rows())
    return GatedCount(ui_ctx.core.history)


@pytest.fixture
async def tab(ui_ctx, source):
    """The History tab over the rows ``source`` stored, shown, its first rows settled."""
    shown = HistoryTab(ui_ctx)
    shown.resize(1200, 700)
    shown.show()
    shown.on_shown()
    await settled(shown)
    yield shown
    shown.teardown()
    await ui_ctx.bridge.wait_idle()
    shown.deleteLater()


def shown_ids(model: HistoryModel, count: int) -> list[str]:
    col = COLUMNS.index("transaction_id")
    return [model.data(model.index(n, col)) for n in range(count)]


async def expected_ids(ui_ctx, q: HistoryQuery) -> list[str]:
    return [r.transaction_id for r in await ui_ctx.core.history.page(q, 0, ROWS)]


async def test_a_new_search_changes_the_rows_in_place(ui_ctx, source):
    model = HistoryModel(source, runner=ui_ctx.bridge.run)
    resets: list[str] = []
    removed: list[tuple[int, int]] = []
    changed: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append("reset"))
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    model.dataChanged.connect(lambda tl, br, *_: changed.append((tl.row(), br.row())))
    await model.set_query(HistoryQuery())
    assert model.rowCount() == ROWS
    source.gate.set()
    narrowed = HistoryQuery(text="konate")  # a third of the rows, counted by the index
    await model.set_query(narrowed)
    expected = await expected_ids(ui_ctx, narrowed)
    assert model.rowCount() == len(expected) == ROWS // 3
    assert removed == [(len(expected), ROWS - 1)]  # the rows beyond the new count
    assert changed[-1] == (0, len(expected) - 1)  # the rows kept show the new result
    assert shown_ids(model, PAGE) == expected[:PAGE]
    assert resets == []
    model.deleteLater()


async def test_rows_first_then_the_exact_count(ui_ctx, source):
    model = HistoryModel(source, runner=ui_ctx.bridge.run)
    counted: list[int] = []
    inserted: list[tuple[int, int]] = []
    model.counted.connect(counted.append)
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    query = HistoryQuery(text="ko")  # 2 characters: counting reads the whole table
    await model.set_query(query)
    expected = await expected_ids(ui_ctx, query)
    assert len(expected) > PAGE
    # shown at once, the count still held back by the gate
    assert model.counting and not model.loading and model.rowCount() == PAGE
    assert shown_ids(model, PAGE) == expected[:PAGE]
    source.gate.set()
    await model.wait_idle()
    assert not model.counting and model.rowCount() == len(expected)
    assert counted == [len(expected)] and inserted[-1] == (PAGE, len(expected) - 1)
    model.deleteLater()


async def test_a_superseded_count_never_lands(ui_ctx, source):
    model = HistoryModel(source, runner=ui_ctx.bridge.run)
    counted: list[int] = []
    model.counted.connect(counted.append)
    await model.set_query(HistoryQuery(text="ko"))
    assert model.counting
    final = HistoryQuery(text="zoe")  # typed on before the count came
    await model.set_query(final)
    source.gate.set()
    await model.wait_idle()
    expected = await expected_ids(ui_ctx, final)
    assert counted == [] and model.rowCount() == len(expected) and not model.counting
    assert shown_ids(model, PAGE) == expected[:PAGE]
    model.deleteLater()


async def test_pages_side_by_side_come_in_one_read(ui_ctx, source):
    source.gate.set()
    model = HistoryModel(source, runner=ui_ctx.bridge.run)
    await model.set_query(HistoryQuery(sort_key="transaction_id", descending=False))
    for row in (10 * PAGE, 11 * PAGE + 3, 12 * PAGE + 7):  # what a paint asks, at once
        model.data(model.index(row, 0))
    await model.wait_idle()
    assert source.pages == [(10 * PAGE, 3 * PAGE)]
    assert shown_ids(model, 13 * PAGE)[10 * PAGE:] == \
        [f"INP{n:05d}" for n in range(10 * PAGE, 13 * PAGE)]
    model.deleteLater()


async def test_sorted_by_amount_the_last_rows_are_the_largest(ui_ctx, source):
    source.gate.set()
    model = HistoryModel(source, runner=ui_ctx.bridge.run)
    await model.set_query(HistoryQuery())
    model.sort(COLUMNS.index("amount"))  # ascending
    await model.wait_idle()
    last = model.rowCount() - 1
    assert model.row_at(last, load=True) is None  # not loaded yet: its page is asked for
    await model.wait_idle()
    largest = sorted(rows(), key=lambda r: (r.amount, r.transaction_id))[-PAGE:]
    tail = [model.row_at(n) for n in range(last - PAGE + 1, last + 1)]
    assert [r.transaction_id for r in tail if r] == [r.transaction_id for r in largest]
    model.deleteLater()


async def test_a_search_leaves_nothing_of_the_old_result_selected(ui_ctx, tab):
    tab.table.selectRow(2)
    assert tab.current is not None
    tab.search.setText("zoe")
    tab.apply_filters()
    await settled(tab)
    expected = await expected_ids(ui_ctx, tab.model.query)
    assert tab.model.query.text == "zoe" and tab.model.rowCount() == len(expected)
    assert shown_ids(tab.model, PAGE) == expected[:PAGE]
    selection = tab.table.selectionModel()
    assert not selection.hasSelection() and not selection.currentIndex().isValid()
    assert tab.current is None


async def test_a_reload_keeps_a_selection_beyond_the_first_page(ui_ctx, tab):
    target = 2 * PAGE + 20  # beyond the rows a keystroke reads first
    tab.model.row_at(target, load=True)
    await tab.model.wait_idle()
    tab.table.selectRow(target)
    chosen = tab.current
    assert chosen is not None
    tab.reload()  # what a refresh from CinetPay does (same filters, fresh data)
    await settled(tab)
    assert tab.current is not None and tab.current.transaction_id == chosen.transaction_id
    assert tab.table.selectionModel().isRowSelected(target)


async def test_formatted_texts_stay_bounded_and_right(ui_ctx, source):
    source.gate.set()
    model = HistoryModel(source, runner=ui_ctx.bridge.run)
    await model.set_query(HistoryQuery(sort_key="transaction_id", descending=False))
    col = COLUMNS.index("transaction_id")
    for row in range(0, ROWS, PAGE):  # scrolled through everything
        model.row_at(row, load=True)
        await model.wait_idle()
        assert [model.data(model.index(n, col)) for n in range(row, row + PAGE)] == \
            [f"INP{n:05d}" for n in range(row, row + PAGE)]
        assert len(model._cells) <= CELL_ROWS
    assert model.data(model.index(3, col)) == "INP00003"  # formatted again when painted again
    model.deleteLater()
