"""The history as a Qt table model that stays smooth with 100 000 transactions.

* ``rowCount`` is the true number of matching rows (one ``count(*)`` in SQL), so the scroll
  bar is honest and the end of the list is one drag away.
* Rows are loaded by pages of :data:`PAGE` on the database thread, only when the view asks
  for them (``data`` on a row not loaded yet shows a placeholder and queues its page); at
  most :data:`MAX_PAGES` pages are kept (the farthest are dropped).
* Filtering and sorting are the store's job (:class:`HistoryQuery`): ``sort`` or
  :meth:`set_query` swap the whole result at once, when its count and first page are ready
  (no flicker, no half state); answers to an older query are dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from ...services.history import result_note
from ...store.history import HistoryQuery, HistoryRow
from ..kit.formatting import locale_for, money
from ..kit.labels import operator_name, status_color, status_name

log = logging.getLogger(__name__)

PAGE = 200
MAX_PAGES = 40  # 8 000 rows in memory at most
WANTED = 4  # pages waiting to load beyond this are the ones scrolled past: dropped

Index = QModelIndex | QPersistentModelIndex


class HistorySource(Protocol):
    """What the model needs (``ctx.core.history`` provides it)."""

    async def count(self, q: HistoryQuery) -> int: ...

    async def page(self, q: HistoryQuery, offset: int = 0, limit: int = 200
                   ) -> list[HistoryRow]: ...

    async def first_page(self, q: HistoryQuery, limit: int = 200
                         ) -> tuple[int, list[HistoryRow]]: ...


# (sort key of the store, header) in column order
COLUMNS: tuple[str, ...] = ("paid_at", "amount", "status", "operator", "phone", "buyer_name",
                             "designation", "transaction_id")
AMOUNT_COLUMN = 1
STATUS_COLUMN = 2
ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
PLACEHOLDER_COLOR = "#9aa3a8"
ROW_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
             Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole)


class HistoryModel(QAbstractTableModel):
    loading_changed = Signal(bool)
    query_applied = Signal(int)  # total rows of the new query
    failed = Signal(object)

    def __init__(self, source: HistorySource, *, lang: str = "fr",
                 runner: Callable[[Any], Any] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.lang = lang
        self.query = HistoryQuery()  # the query whose rows are shown
        self.target = self.query  # the latest query asked for (being applied)
        self.total = 0
        self._pages: OrderedDict[int, list[HistoryRow]] = OrderedDict()
        self._wanted: list[int] = []  # most recently asked last
        self._generation = 0  # queries asked for
        self._shown = 0  # results shown (model resets)
        self._loader: asyncio.Task[None] | None = None
        self._applying: asyncio.Task[None] | None = None
        self._runner = runner
        self._locale: QLocale = locale_for(lang)
        self._bold = QFont()
        self._bold.setBold(True)
        self.loading = False
        self.applied = False  # a query has been applied at least once

    # --- Qt model interface ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.column_title(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and section == AMOUNT_COLUMN:
            return ALIGN_RIGHT
        return None

    def column_title(self, section: int) -> str:
        return {
            "paid_at": self.tr("Date"), "amount": self.tr("Montant"),
            "status": self.tr("Statut"), "operator": self.tr("Opérateur"),
            "phone": self.tr("Téléphone"), "buyer_name": self.tr("Client"),
            "designation": self.tr("Description"),
            "transaction_id": self.tr("N° de transaction"),
        }[COLUMNS[section]]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.total:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_RIGHT if col == AMOUNT_COLUMN else ALIGN_LEFT
        if role not in ROW_ROLES:
            return None
        row = self.row_at(index.row(), load=True)
        if row is None:
            return _placeholder(col, role)
        return self._row_data(row, col, role)

    def _row_data(self, row: HistoryRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, col)
        if col == STATUS_COLUMN:
            return self._status_data(row, role)
        if role == Qt.ItemDataRole.FontRole and col == AMOUNT_COLUMN:
            return self._bold
        return None

    def _status_data(self, row: HistoryRow, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(status_color(row.status))
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return result_note(row) or None
        return None

    def display(self, row: HistoryRow, col: int) -> str:
        key = COLUMNS[col]
        if key == "paid_at":
            if row.paid_at is None:
                return self.tr("non payé")
            return self._locale.toString(qt_datetime(row.paid_at), "dd/MM/yyyy HH:mm")
        if key == "amount":
            return money(row.amount, row.currency, self.lang)
        if key == "status":
            return status_name(row.status)
        if key == "operator":
            return operator_name(row.operator)
        if key == "phone":
            return f"+{row.phone_prefix} {row.phone}" if row.phone_prefix else row.phone
        return str(getattr(row, key, ""))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.target.sort_key, self.target.descending) and self.applied:
            return
        self.set_query(replace(self.target, sort_key=key, descending=descending))

    def sort_column(self) -> int:
        return COLUMNS.index(self.target.sort_key) if self.target.sort_key in COLUMNS else 0

    # --- rows --------------------------------------------------------------------------

    def row_at(self, row: int, *, load: bool = False) -> HistoryRow | None:
        """The row if its page is in memory; ``load`` queues the page otherwise."""
        page_no, offset = divmod(row, PAGE)
        page = self._pages.get(page_no)
        if page is not None:
            self._pages.move_to_end(page_no)
            return page[offset] if offset < len(page) else None
        if load:
            self._want(page_no)
        return None

    def _want(self, page_no: int) -> None:
        if page_no in self._wanted:
            self._wanted.remove(page_no)
        self._wanted.append(page_no)
        del self._wanted[:-WANTED]
        if self._loader is None or self._loader.done():
            self._loader = self._spawn(self._load_pages())

    async def _load_pages(self) -> None:
        while self._wanted:
            page_no = self._wanted.pop()  # the most recently asked first
            if page_no in self._pages:
                continue
            generation, query = self._shown, self.query
            rows = await self.source.page(query, page_no * PAGE, PAGE)
            if generation != self._shown:
                continue  # a new result replaced the one this page belonged to
            self._store_page(page_no, rows)
            first = page_no * PAGE
            last = min(first + len(rows), self.total) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0),
                                      self.index(last, len(COLUMNS) - 1))

    def _store_page(self, page_no: int, rows: list[HistoryRow]) -> None:
        self._pages[page_no] = rows
        self._pages.move_to_end(page_no)
        while len(self._pages) > MAX_PAGES:
            farthest = max(self._pages, key=lambda p: abs(p - page_no))
            del self._pages[farthest]

    # --- queries -----------------------------------------------------------------------

    def set_query(self, query: HistoryQuery) -> asyncio.Task[None]:
        """Apply ``query``: count + first page on the DB thread, then one model reset."""
        self._generation += 1
        self.target = query
        self._set_loading(True)
        if self._applying is not None and not self._applying.done():
            self._applying.cancel()
        self._applying = self._spawn(self._apply(query, self._generation))
        return self._applying

    def reload(self) -> asyncio.Task[None]:
        """Same query, fresh data (after a refresh from CinetPay)."""
        return self.set_query(self.target)

    async def _apply(self, query: HistoryQuery, generation: int) -> None:
        try:
            total, first = await self.source.first_page(query, PAGE)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if generation == self._generation:
                self._set_loading(False)
                self.failed.emit(exc)
            return
        if generation != self._generation:
            return
        self.beginResetModel()
        self.query = query
        self._shown += 1
        self._wanted.clear()
        self.total = total
        self._pages.clear()
        if first:
            self._pages[0] = first
        self.endResetModel()
        self.applied = True
        self._set_loading(False)
        self.query_applied.emit(total)

    def _set_loading(self, on: bool) -> None:
        if self.loading != on:
            self.loading = on
            self.loading_changed.emit(on)

    def _spawn(self, coro: Any) -> asyncio.Task[Any]:
        if self._runner is not None:
            return self._runner(coro)
        task = asyncio.ensure_future(self._guard(coro))
        return task

    async def _guard(self, coro: Any) -> None:
        try:
            await coro
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # never into Qt
            log.info("history page failed: %s", type(exc).__name__)
            self.failed.emit(exc)

    async def wait_idle(self) -> None:
        """Tests and benchmarks: until the current query and queued pages are loaded."""
        for _ in range(1000):
            busy = [t for t in (self._applying, self._loader) if t is not None and not t.done()]
            if not busy:
                return
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.gather(*busy, return_exceptions=True)


def _placeholder(col: int, role: int) -> Any:
    """A row whose page is not loaded yet: "…" in grey."""
    if role == Qt.ItemDataRole.DisplayRole:
        return "…" if col == 0 else ""
    if role == Qt.ItemDataRole.ForegroundRole:
        return QColor(PLACEHOLDER_COLOR)
    return None


def qt_datetime(moment: datetime) -> QDateTime:
    """A naive (local) datetime as Qt's, for ``QLocale.toString``."""
    return QDateTime(QDate(moment.year, moment.month, moment.day),
                     QTime(moment.hour, moment.minute, moment.second))
