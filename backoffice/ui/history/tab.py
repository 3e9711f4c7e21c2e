"""Historique: every CinetPay transaction from the local cache, filtered and sorted by the
store, totals of what is shown, CSV export of exactly that, and a detail pane with
"copier pour le support". This module wires the filter bar, the table and the detail pane."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...services.events import HISTORY_CHANGED
from ...services.history import FilterChoices, is_paid
from ...store.history import HistoryQuery, HistoryRow, HistoryTotals
from ..context import UiContext
from ..kit.events import BusListener
from ..kit.formatting import money, time_of
from ..kit.labels import status_name
from ..kit.tab import Tab
from .detail import HistoryDetail
from .filters import HistoryFilters
from .journal import JournalView
from .model import PAGE, HistoryModel
from .table import HistoryTable

JOURNAL_DAYS = 30
Lists = tuple[FilterChoices, datetime | None, int]


TOTALS_DELAY_MS = 150
RESTORE_ROWS = 4 * PAGE  # a reload (fresh data, same filters) keeps a selection among these


class HistoryTab(Tab):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.totals: HistoryTotals | None = None
        self._totals_task: asyncio.Task[Any] | None = None
        # Totals wait for a pause in the typing: summing 100k rows for every keystroke
        # would hold the database while the next keystroke's rows wait.
        self.totals_timer = QTimer(self, singleShot=True, interval=TOTALS_DELAY_MS)
        self.totals_timer.timeout.connect(self._totals_due)
        self._restore: tuple[str, int] | None = None
        self.fetched_at: datetime | None = None
        self.unreadable = 0  # rows of the last fetch that could not be read

        self.refresh_button = QPushButton(self.tr("Actualiser (F5)"), self)
        self.refresh_button.setToolTip(self.tr("Demander à CinetPay l'historique de la période"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Exporter en CSV…"), self)
        self.export_button.setToolTip(self.tr("Exporte exactement les lignes affichées, dans "
                                              "cet ordre"))
        self.export_button.clicked.connect(self.choose_export_file)
        self.filters = HistoryFilters(ctx.lang, refresh=self.refresh_button,
                                      export=self.export_button, parent=self)
        f = self.filters  # its fields, by the names tests, the bench and the window use
        self.period, self.date_from, self.date_to = f.period, f.date_from, f.date_to
        self.status, self.operator, self.phone = f.status, f.operator, f.phone
        self.transaction, self.search, self.filter_error = f.transaction, f.search, \
            f.filter_error

        self.model = HistoryModel(ctx.core.history, lang=ctx.lang,
                                  runner=lambda coro: ctx.bridge.run(coro), parent=self)
        self.model.failed.connect(ctx.messages.show_error)
        self.model.query_applied.connect(self._query_applied)
        self.model.loading_changed.connect(self._loading_changed)
        self.table = HistoryTable(self.model, self)
        self.detail = HistoryDetail(ctx, self)
        self.detail_values, self.copy_button = self.detail.values, self.detail.copy_button
        self.loading_label = QLabel(self.tr("Chargement…"), self)
        self.loading_label.setObjectName("loading")
        self.loading_label.hide()
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("totals")
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.as_of = QLabel(self)
        self.as_of.setObjectName("asOf")
        self._lay_out()
        self._connect()
        # CinetPay's current platform (sk_ keys) has no history: the journal's links instead
        self.journal: JournalView | None = None
        if ctx.core.context.kind == "current":
            self._journal_only()
        self.bus = BusListener(self, ctx.core.bus, debounce_ms={HISTORY_CHANGED: 200})
        self._show_as_of()

    def _lay_out(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        table_box = QWidget(splitter)
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table)
        splitter.addWidget(table_box)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([860, 320])
        splitter.setCollapsible(0, False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.totals_label, 1)
        bottom.addWidget(self.loading_label)
        bottom.addWidget(self.as_of)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addWidget(self.filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.splitter = splitter

    def _journal_only(self) -> None:
        self.journal = JournalView(self.ctx.lang, self.ctx.prefs.currency or "XOF", self)
        if self.ctx.core.shop_view is not None:  # several tills: which one made each link
            self.journal.model.show_till()
        for widget in (self.filters, self.splitter, self.totals_label, self.as_of):
            widget.hide()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.journal, 1)

    def _connect(self) -> None:
        self.filters.changed.connect(self.apply_filters)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda _: self.copy_button.setFocus())
        copy = QShortcut(QKeySequence.StandardKey.Copy, self.table)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        copy.activated.connect(self.detail.copy_for_support)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.copy_button)

    def title(self) -> str:
        return self.tr("Historique")

    @property
    def current(self) -> HistoryRow | None:
        """The transaction shown in the detail pane."""
        return self.detail.current

    def on_history_changed(self, _payload: object = None) -> None:
        self.mark_dirty()

    def on_links_changed(self, _payload: object = None) -> None:
        if self.journal is not None:
            self.mark_dirty()

    def on_connectivity_changed(self, _state: object = None) -> None:
        self._show_as_of()

    def teardown(self) -> None:
        self.bus.close()

    def focus_search(self) -> None:
        self.filters.focus_search()

    # --- filters -----------------------------------------------------------------------

    def clear_filters(self) -> None:
        self.filters.clear()

    def build_query(self) -> HistoryQuery | None:
        """The query the filters describe, or None (with a field message) if one is bad."""
        current = self.model.target
        return self.filters.query(current.sort_key, current.descending)

    def apply_filters(self) -> None:
        self.filters.debounce.stop()
        query = self.build_query()
        if query is None:
            return
        if query == self.model.target and self.model.applied:
            return
        self.model.set_query(query)
        self._cancel_totals()

    def _cancel_totals(self) -> None:
        """A new query: the rows come first, its totals once they are shown and the typing
        pauses (_query_applied); totals still being summed for an older one are stopped."""
        self.totals_timer.stop()
        if self._totals_task is not None and not self._totals_task.done():
            self._totals_task.cancel()
        self._totals_task = None

    def _load_totals(self, query: HistoryQuery) -> None:
        def done(totals: HistoryTotals) -> None:
            if query == self.model.target:
                self.totals = totals
                self._show_totals()

        self._cancel_totals()
        self._totals_task = self.ctx.bridge.run(self.ctx.core.history.totals(query),
                                                on_done=done)

    def _totals_due(self) -> None:
        self._load_totals(self.model.query)

    def _query_applied(self, _total: int) -> None:
        if self.model.query == self.model.target:
            self.totals_timer.start()
        restore, self._restore = self._restore, None
        if restore is None:
            self.table.to_top()
            self.detail.show_row(None)
            return
        tid, scroll = restore  # same filters, fresh data: keep the place and the selection
        found = self.table.back_to(scroll, tid)
        if found is not None or tid:
            self.detail.show_row(found)

    def _loading_changed(self, on: bool) -> None:
        self.loading_label.setVisible(on)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.detail.show_row(self.model.row_at(current.row()) if current.isValid() else None)

    # --- loading -----------------------------------------------------------------------

    def reload(self) -> None:
        """From the cache: the filter lists, the rows, the totals, the "as of" time."""
        if self.journal is not None:
            self._reload_journal()
            return
        self.ctx.bridge.run(self._load_lists(), on_done=self._lists_loaded)
        query = self.build_query()
        if query is None:
            return
        rows = PAGE
        if query == self.model.query and self.model.applied:
            self._restore = (self.current.transaction_id if self.current else "",
                             self.table.place())
            rows = RESTORE_ROWS  # the selected row is looked for among them
        self.model.set_query(query, rows=rows)
        self._cancel_totals()

    async def _load_lists(self) -> Lists:
        history = self.ctx.core.history
        return (await history.filter_choices(), await history.fetched_at(),
                await history.unreadable())

    def _lists_loaded(self, result: Lists) -> None:
        choices, self.fetched_at, self.unreadable = result
        self.filters.set_choices(choices)
        self._show_as_of()

    def refresh(self) -> None:
        """F5: ask CinetPay for the period shown (everything when "Tout")."""
        if self.journal is not None:
            self._reload_journal()  # nothing to ask CinetPay: the journal is the history
            return
        self.ctx.messages.hide()
        self.ctx.bridge.run(self.ctx.core.history.refresh(self.filters.refresh_filter()),
                            disable=[self.refresh_button], on_done=lambda _: self.reload())

    def _reload_journal(self) -> None:
        journal = self.journal
        if journal is not None:
            self.ctx.bridge.run(self.ctx.core.history.journal(JOURNAL_DAYS),
                                on_done=journal.show_journal)

    def _show_as_of(self) -> None:
        offline = self.ctx.core.offline
        text = self.tr("Historique {when}").format(when=time_of(self.fetched_at, self.ctx.lang))
        if offline:
            text = self.tr("{text} · hors ligne").format(text=text)
        if self.unreadable:
            text = self.tr("{text} · %n ligne(s) illisible(s)", "", self.unreadable).format(
                text=text)
        self.as_of.setText(text)
        self.as_of.setToolTip(self.tr(
            "Des lignes de la réponse de CinetPay n'ont pas pu être lues : elles sont ignorées "
            "(montant illisible, sans identifiant) ou affichées sans le champ illisible.")
            if self.unreadable else "")
        warn = offline or self.unreadable
        self.as_of.setStyleSheet("color: #b26a00;" if warn else "color: #6b7a82;")

    def _money(self, minor_or_amount: Decimal | int) -> str:
        return money(minor_or_amount, self.ctx.prefs.currency or "XOF", self.ctx.lang)

    def _show_totals(self) -> None:
        t = self.totals
        if t is None:
            self.totals_label.setText("")
            return
        parts = [self.tr("%n transaction(s)", "", t.count),
                 self.tr("Payé : {n} pour {amount}").format(
                     n=t.accepted.count, amount=self._money(t.accepted.amount))]
        for status, bucket in sorted(t.by_status.items()):
            if not is_paid(status):
                parts.append(f"{status_name(status)} : {bucket.count}" if self.ctx.lang == "fr"
                             else f"{status_name(status)}: {bucket.count}")
        self.totals_label.setText("  ·  ".join(parts))

    # --- export ------------------------------------------------------------------------

    def default_export_name(self) -> str:
        return self.tr("historique-{stamp}.csv").format(
            stamp=date.today().strftime("%Y%m%d"))

    def choose_export_file(self) -> None:
        """A plain slot: the file dialog is opened non-blocking (no nested loop)."""
        documents = Path.home() / "Documents"
        folder = documents if documents.is_dir() else Path.home()
        dialog = QFileDialog(self, self.tr("Exporter l'historique affiché"),
                             str(folder / self.default_export_name()),
                             self.tr("Fichiers CSV (*.csv)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.export_to)
        self.export_dialog = dialog
        dialog.open()

    def export_to(self, path: str | Path) -> asyncio.Task[Any]:
        """Exactly the rows shown, in their order (returns the bridge's task)."""
        query = self.model.query

        def done(count: int) -> None:
            self.ctx.messages.show_message(
                self.tr("%n ligne(s) exportée(s) vers {path}", "", count).format(path=path),
                "success", 8000)

        return self.ctx.bridge.run(self.ctx.core.history.export_csv(query, path),
                                   disable=[self.export_button], on_done=done)
