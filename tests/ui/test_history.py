"""Historique: the lazy table model (qtmodeltester), filters, sort and totals done by the
store, CSV export of exactly what is shown, the detail pane and "copier pour le support"."""

from __future__ import annotations

import asyncio
import csv
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from backoffice.store.history import HistoryQuery, HistoryRow, upsert_history
from backoffice.store.textsearch import fold
from backoffice.ui.history.model import COLUMNS, MAX_PAGES, PAGE, HistoryModel
from backoffice.ui.history.tab import HistoryTab
from tests.support.clients import offline_client
from tests.support.history_ui import settled
from tests.support.waits import until


@pytest.fixture
async def tab(ui_ctx):
    await ui_ctx.core.history.refresh()  # the simulator's demo shop, into the cache
    view = HistoryTab(ui_ctx)
    view.resize(1200, 700)
    view.show()
    view.on_shown()
    await settled(view)
    yield view
    view.teardown()
    await ui_ctx.bridge.wait_idle()
    view.deleteLater()


def loaded_rows(model: HistoryModel) -> list[HistoryRow]:
    rows = []
    for n in range(min(model.total, PAGE)):
        row = model.row_at(n)
        assert row is not None
        rows.append(row)
    return rows


def synthetic(count: int) -> list[HistoryRow]:
    start = datetime(2026, 1, 1, 8)
    return [HistoryRow(transaction_id=f"SYN{n:06d}", amount=Decimal(100 + 5 * (n % 997)),
                       currency="XOF", status=("ACCEPTED", "REFUSED")[n % 5 == 0],
                       operator=("OM", "MOMO", "WAVE")[n % 3], phone_prefix="225",
                       phone=f"07{n:08d}", designation="Vente comptoir",
                       buyer_name=f"Client {n}", paid_at=start + timedelta(minutes=n))
            for n in range(count)]


async def test_model_passes_qtmodeltester(qtmodeltester, ui_ctx, qapp):
    await ui_ctx.core.history.refresh()
    # owned by the application: alive for qtmodeltester's own teardown, never collected
    # by the GC on another thread
    model = HistoryModel(ui_ctx.core.history, runner=ui_ctx.bridge.run, parent=qapp)
    await model.set_query(HistoryQuery())
    await ui_ctx.bridge.wait_idle()
    assert model.total > PAGE  # more than one page: some rows are placeholders at first
    qtmodeltester.check(model, force_py=True)
    await model.wait_idle()
    qtmodeltester.check(model, force_py=True)


async def test_lazy_pages_with_many_rows(ui_ctx):
    await ui_ctx.core.db.run(upsert_history, synthetic(12_000))
    model = HistoryModel(ui_ctx.core.history, runner=ui_ctx.bridge.run)
    await model.set_query(HistoryQuery(sort_key="transaction_id", descending=False))
    assert model.rowCount() == 12_000 and len(model._pages) == 1
    far = model.index(11_500, COLUMNS.index("transaction_id"))
    assert model.data(far) == ""  # placeholder, page queued
    await model.wait_idle()
    assert model.data(far) == "SYN011500"
    for row in range(0, 12_000, PAGE):  # scroll through everything
        model.row_at(row, load=True)
        await model.wait_idle()
    assert len(model._pages) <= MAX_PAGES  # memory stays bounded
    model.deleteLater()


async def test_filters_are_applied_by_the_store(tab, ui_ctx):
    history = ui_ctx.core.history
    everything = await history.count(HistoryQuery())
    assert tab.model.total == everything
    tab.status.setCurrentIndex(tab.status.findData("REFUSED"))
    await settled(tab)
    assert tab.model.total == await history.count(HistoryQuery(statuses=("REFUSED",)))
    assert {r.status for r in loaded_rows(tab.model)} == {"REFUSED"}
    tab.operator.setCurrentIndex(tab.operator.findData("OM"))
    await settled(tab)
    assert {(r.status, r.operator) for r in loaded_rows(tab.model)} == {("REFUSED", "OM")}
    tab.clear_filters()
    await settled(tab)
    assert tab.model.total == everything


async def test_phone_id_and_debounced_search(tab, qtbot):
    sample = tab.model.row_at(3)
    tab.phone.setText(sample.phone)
    tab.apply_filters()
    await settled(tab)
    assert tab.model.total >= 1 and all(r.phone == sample.phone for r in loaded_rows(tab.model))
    tab.clear_filters()
    tab.transaction.setText(sample.transaction_id)
    tab.apply_filters()
    await settled(tab)
    assert [r.transaction_id for r in loaded_rows(tab.model)] == [sample.transaction_id]
    tab.clear_filters()
    await settled(tab)
    # Typed without accents (QTest.keyClicks aborts on non-ASCII, and which name is fourth
    # depends on the hour the demo shop was made): "Kouamé" is found by "kouame".
    word = fold(sample.buyer_name.split()[-1])
    qtbot.keyClicks(tab.search, word)
    assert tab.model.target.text == ""  # debounced: nothing yet
    await until(lambda: tab.model.target.text == word)
    await settled(tab)
    rows = loaded_rows(tab.model)
    assert sample.transaction_id in {r.transaction_id for r in rows}
    assert all(word in fold(r.buyer_name + r.designation + r.transaction_id) for r in rows)
    qtbot.keyClick(tab.search, Qt.Key.Key_Escape)  # Esc clears the search
    assert tab.search.text() == ""


async def test_bad_phone_is_a_field_error(tab):
    before = tab.model.target
    tab.phone.setText("07a1")
    tab.apply_filters()
    assert tab.filter_error.isVisible() and "chiffres" in tab.filter_error.text()
    assert "b3261e" in tab.phone.styleSheet()
    assert tab.model.target == before
    tab.phone.setText("0701")
    tab.apply_filters()
    assert not tab.filter_error.isVisible()


async def test_periods(tab):
    today = date.today()
    tab.period.setCurrentIndex(tab.period.findData("7d"))
    await settled(tab)
    assert (tab.model.target.date_from, tab.model.target.date_to) == (
        today - timedelta(days=6), today)
    assert tab.date_from.isEnabled()
    tab.date_from.setDate(tab.date_to.date().addDays(3))  # after the end: refused
    assert tab.period.currentData() == "custom"
    assert "date de début" in tab.filter_error.text()
    tab.period.setCurrentIndex(tab.period.findData("all"))
    await settled(tab)
    assert tab.model.target.date_from is None and not tab.date_from.isEnabled()


async def test_sort_by_header_is_done_by_the_store(tab):
    header = tab.table.horizontalHeader()
    header.setSortIndicator(COLUMNS.index("amount"), Qt.SortOrder.AscendingOrder)
    await settled(tab)
    amounts = [r.amount for r in loaded_rows(tab.model)]
    assert amounts == sorted(amounts) and tab.model.query.sort_key == "amount"
    header.setSortIndicator(COLUMNS.index("amount"), Qt.SortOrder.DescendingOrder)
    await settled(tab)
    amounts = [r.amount for r in loaded_rows(tab.model)]
    assert amounts == sorted(amounts, reverse=True)


async def test_totals_of_what_is_shown(tab, ui_ctx):
    tab.status.setCurrentIndex(tab.status.findData("ACCEPTED"))
    await settled(tab)
    totals = await ui_ctx.core.history.totals(tab.model.query)
    assert tab.totals is not None and tab.totals.count == totals.count
    text = tab.totals_label.text()
    assert text.startswith(f"{totals.count} transactions")
    assert f"Payé : {totals.accepted.count} pour" in text


async def test_csv_export_is_exactly_what_is_shown(tab, tmp_path):
    tab.status.setCurrentIndex(tab.status.findData("REFUSED"))
    tab.table.horizontalHeader().setSortIndicator(COLUMNS.index("amount"),
                                                  Qt.SortOrder.AscendingOrder)
    await settled(tab)
    target = tmp_path / "export.csv"
    await tab.export_to(target)
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";" if ";" in f.readline() else ","))
    shown = [r.transaction_id for r in loaded_rows(tab.model)]
    assert [r[0] for r in rows] == shown
    assert "exportée" in tab.ctx.messages.text


async def test_detail_pane_and_copy_for_support(tab, qtbot):
    tab.table.selectionModel().setCurrentIndex(
        tab.model.index(1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    row = tab.model.row_at(1)
    assert tab.current == row
    assert tab.detail_values["transaction_id"].text() == row.transaction_id
    assert tab.copy_button.isEnabled()
    tab.copy_button.click()
    text = QGuiApplication.clipboard().text()
    assert row.transaction_id in text and "Montant :" in text and row.status in text
    assert "copié" in tab.ctx.messages.text
    QGuiApplication.clipboard().clear()
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert row.transaction_id in QGuiApplication.clipboard().text()


async def test_reload_keeps_the_selection(tab, ui_ctx):
    tab.table.selectRow(2)
    chosen = tab.current
    await ui_ctx.core.history.refresh()  # HISTORY_CHANGED: the tab reloads
    await asyncio.sleep(0.4)
    await settled(tab)
    assert tab.current is not None and tab.current.transaction_id == chosen.transaction_id


async def test_offline_shows_cached_rows_with_their_time(tab, ui_ctx, creds):
    await ui_ctx.core.api.aclose()
    ui_ctx.core.api = offline_client(creds)
    tab.refresh()
    await until(lambda: "injoignable" in ui_ctx.messages.text)
    assert tab.model.total > 0  # the cache is still shown
    assert "hors ligne" in tab.as_of.text() and "au " in tab.as_of.text()


async def test_search_shortcut_and_tab_order(tab):
    tab.focus_search()
    assert tab.search.hasFocus()
    assert tab.search.nextInFocusChain() is not None


async def test_rows_come_before_totals_and_stale_totals_are_dropped(tab, ui_ctx, monkeypatch):
    calls: list[tuple[str, str]] = []
    history = ui_ctx.core.history
    for name in ("first_rows", "totals"):
        original = getattr(history, name)

        async def recorded(q, *args, _name=name, _original=original):
            calls.append((_name, q.text))
            return await _original(q, *args)

        monkeypatch.setattr(history, name, recorded)
    word = fold(tab.model.row_at(0).buyer_name.split()[-1])
    for end in range(1, len(word) + 1):  # typed one key at a time, no pause
        tab.search.setText(word[:end])
        tab.apply_filters()
    await settled(tab)
    # the last query's rows were asked before its totals, and the totals shown are its own
    final = [name for name, text in calls if text == word]
    assert final.index("first_rows") < final.index("totals")
    expected = await ui_ctx.core.history.totals(tab.model.query)
    assert tab.model.query.text == word and tab.totals == expected
