"""The history as a Qt table model that stays smooth with 100 000 transactions.

* ``rowCount`` is the true number of matching rows (one ``count(*)`` in SQL), so the scroll
  bar is honest and the end of the list is one drag away. When counting would read the whole
  table (a search of 1-2 characters, a search with filters), the first rows are shown at
  once and the count follows (rows inserted at the end; :attr:`counting` meanwhile).
* Rows are loaded by pages of :data:`PAGE` on the database thread, only when the view asks
  for them (``data`` on a row not loaded yet shows a placeholder and queues its page; pages
  wanted side by side come in one read); at most :data:`MAX_PAGES` pages are kept (the
  farthest are dropped). A row's texts are formatted once, the first time it is painted.
* Filtering and sorting are the store's job (:class:`HistoryQuery`): ``sort`` or
  :meth:`set_query` swap the whole result at once, when its first rows are ready (no
  flicker, no half state): the rows shown change in place (no model reset), rows are
  inserted or removed at the end; answers to an older query are dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
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
from ..kit.formatting import money
from ..kit.labels import operator_name, status_color, status_name

log = logging.getLogger(__name__)

PAGE = 50  # a screenful and more: the first rows of a search come in one small read
MAX_PAGES = 160  # 8 000 rows in memory at most
WANTED = 8  # pages waiting to load beyond this are the ones scrolled past: dropped
CELL_ROWS = 1000  # rows whose formatted texts are kept (a few screenfuls, ~0.5 MB)

Index = QModelIndex | QPersistentModelIndex


class HistorySource(Protocol):
    """What the model needs (``ctx.core.history`` provides it)."""

    async def count(self, q: HistoryQuery) -> int: ...

    async def page(self, q: HistoryQuery, offset: int = 0, limit: int = 200
                   ) -> list[HistoryRow]: ...

    async def first_rows(self, q: HistoryQuery, limit: int = 50
                         ) -> tuple[int | None, list[HistoryRow]]: ...


# (sort key of the store, header) in column order
COLUMNS: tuple[str, ...] = ("paid_at", "amount", "status", "operator", "phone", "buyer_name",
                             "designation", "transaction_id")
AMOUNT_COLUMN = 1
STATUS_COLUMN = 2
ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
PLACEHOLDER_COLOR = "#9aa3a8"
# Roles as plain ints: data() is called for every cell and role of every paint.
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
FONT = int(Qt.ItemDataRole.FontRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
USER = int(Qt.ItemDataRole.UserRole.value)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
ROW_ROLES = frozenset((DISPLAY, FOREGROUND, FONT, TOOLTIP, USER))
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
    Qt.ItemFlag.ItemNeverHasChildren


class HistoryModel(QAbstractTableModel):
    loading_changed = Signal(bool)
    query_applied = Signal(int)  # total rows of the new query (so far, while counting)
    counted = Signal(int)  # the exact total, when it came after the rows
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
        self._cells: dict[int, tuple[str, ...]] = {}  # row -> its texts, as painted
        self._wanted: list[int] = []  # most recently asked last
        self._generation = 0  # queries asked for
        self._shown = 0  # results shown (model resets)
        self._loader: asyncio.Task[None] | None = None
        self._applying: asyncio.Task[None] | None = None
        self._counting: asyncio.Task[None] | None = None
        self._runner = runner
        self._bold = QFont()
        self._bold.setBold(True)
        self.loading = False
        self.counting = False  # rows shown, their exact count still to come
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
        return ROW_FLAGS

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # Called for every cell and role of every paint: the common answers come first.
        if role == DISPLAY:
            cells = self._cells.get(index.row())
            if cells is not None:
                return cells[index.column()]
        elif role not in ROW_ROLES:
            if role == ALIGNMENT and index.isValid():
                return ALIGN_RIGHT if index.column() == AMOUNT_COLUMN else ALIGN_LEFT
            return None
        row_no = index.row()
        if not 0 <= row_no < self.total or not index.isValid():
            return None
        col = index.column()
        row = self.row_at(row_no, load=True)
        if row is None:
            return _placeholder(col, role)
        if role == DISPLAY:
            if len(self._cells) >= CELL_ROWS:
                self._cells.clear()  # the rows painted long ago: formatted again if need be
            cells = self._cells[row_no] = tuple(self.display(row, c)
                                                for c in range(len(COLUMNS)))
            return cells[col]
        return self._row_data(row, col, role)

    def _row_data(self, row: HistoryRow, col: int, role: int) -> Any:
        if role == USER:
            return row
        if role == DISPLAY:
            return self.display(row, col)
        if col == STATUS_COLUMN:
            return self._status_data(row, role)
        if role == FONT and col == AMOUNT_COLUMN:
            return self._bold
        return None

    def _status_data(self, row: HistoryRow, role: int) -> Any:
        if role == FOREGROUND:
            return _color(status_color(row.status))
        if role == FONT:
            return self._bold
        if role == TOOLTIP:
            return result_note(row) or None
        return None

    def display(self, row: HistoryRow, col: int) -> str:
        key = COLUMNS[col]
        if key == "paid_at":
            if row.paid_at is None:
                return self.tr("non payé")
            return row.paid_at.strftime("%d/%m/%Y %H:%M")  # Qt's dd/MM/yyyy HH:mm, 20x faster
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
        if self._wanted and self._wanted[-1] == page_no and self._loader is not None \
                and not self._loader.done():
            return  # asked again by the next cell of the same rows
        if page_no in self._wanted:
            self._wanted.remove(page_no)
        self._wanted.append(page_no)
        del self._wanted[:-WANTED]
        if self._loader is None or self._loader.done():
            self._loader = self._spawn(self._load_pages())

    def _next_pages(self) -> tuple[int, int] | None:
        """The most recently wanted page not loaded yet, with the wanted pages next to it
        (one read): (first page, how many); None when nothing is wanted."""
        while self._wanted:
            page_no = self._wanted.pop()
            if page_no in self._pages:
                continue
            first = last = page_no
            while first - 1 in self._wanted and first - 1 not in self._pages:
                first -= 1
            while last + 1 in self._wanted and last + 1 not in self._pages:
                last += 1
            for taken in range(first, last + 1):
                if taken in self._wanted:
                    self._wanted.remove(taken)
            return first, last - first + 1
        return None

    async def _load_pages(self) -> None:
        while (pages := self._next_pages()) is not None:
            first_page, count = pages
            generation, query = self._shown, self.query
            rows = await self.source.page(query, first_page * PAGE, count * PAGE)
            if generation != self._shown:
                continue  # a new result replaced the one these pages belonged to
            for n in range(count):
                self._store_page(first_page + n, rows[n * PAGE:(n + 1) * PAGE])
            first = first_page * PAGE
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
            for row_no in range(farthest * PAGE, (farthest + 1) * PAGE):
                self._cells.pop(row_no, None)

    # --- queries -----------------------------------------------------------------------

    def set_query(self, query: HistoryQuery, *, rows: int = PAGE) -> asyncio.Task[None]:
        """Apply ``query``: its first ``rows`` (and count when cheap) on the DB thread, then
        shown in one go; the count after them when it is not cheap."""
        self._generation += 1
        self.target = query
        self._set_loading(True)
        for task in (self._applying, self._counting):
            if task is not None and not task.done():
                task.cancel()
        self._set_counting(False)
        self._applying = self._spawn(self._apply(query, self._generation, max(rows, PAGE)))
        return self._applying

    def reload(self) -> asyncio.Task[None]:
        """Same query, fresh data (after a refresh from CinetPay)."""
        return self.set_query(self.target)

    async def _apply(self, query: HistoryQuery, generation: int, rows: int) -> None:
        try:
            total, first = await self.source.first_rows(query, rows)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if generation == self._generation:
                self._set_loading(False)
                self.failed.emit(exc)
            return
        if generation != self._generation:
            return
        self._show(query, len(first) if total is None else total, first)
        self.applied = True
        self._set_loading(False)
        if total is None:  # the rows first, their count after (it reads the whole table)
            self._set_counting(True)
            self._counting = self._spawn(self._count(query, self._shown))
        self.query_applied.emit(self.total)

    def _show(self, query: HistoryQuery, total: int, first: list[HistoryRow]) -> None:
        """The new result in place of the old: the rows on screen change where they are
        (a reset would make the view lay out and paint everything again, selection and
        scroll bar included); rows are added or removed at the end."""
        self.query = query
        self._shown += 1
        self._wanted.clear()
        self._pages.clear()
        self._cells.clear()
        for page_no in range(0, len(first), PAGE):
            self._pages[page_no // PAGE] = first[page_no:page_no + PAGE]
        kept = min(self.total, total)
        self._resize(total)
        if kept:
            self.dataChanged.emit(self.index(0, 0), self.index(kept - 1, len(COLUMNS) - 1))

    def _resize(self, total: int) -> None:
        if total > self.total:
            self.beginInsertRows(QModelIndex(), self.total, total - 1)
            self.total = total
            self.endInsertRows()
        elif total < self.total:
            self.beginRemoveRows(QModelIndex(), total, self.total - 1)
            self.total = total
            for page_no in [p for p in self._pages if p * PAGE >= total]:
                del self._pages[page_no]
            for row_no in [r for r in self._cells if r >= total]:
                del self._cells[row_no]
            self.endRemoveRows()

    async def _count(self, query: HistoryQuery, shown: int) -> None:
        try:
            total = await self.source.count(query)
        finally:
            if shown == self._shown:
                self._set_counting(False)
        if shown == self._shown:
            self._resize(total)
            self.counted.emit(total)

    def _set_counting(self, on: bool) -> None:
        self.counting = on

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
        """Tests and benchmarks: until the current query, its count and queued pages are
        loaded."""
        for _ in range(1000):
            busy = [t for t in (self._applying, self._counting, self._loader)
                    if t is not None and not t.done()]
            if not busy:
                return
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.gather(*busy, return_exceptions=True)


def _placeholder(col: int, role: int) -> Any:
    """A row whose page is not loaded yet: "…" in grey."""
    if role == DISPLAY:
        return "…" if col == 0 else ""
    if role == FOREGROUND:
        return _color(PLACEHOLDER_COLOR)
    return None


@lru_cache(maxsize=16)
def _color(name: str) -> QColor:
    return QColor(name)


def qt_datetime(moment: datetime) -> QDateTime:
    """A naive (local) datetime as Qt's, for ``QLocale.toString``."""
    return QDateTime(QDate(moment.year, moment.month, moment.day),
                     QTime(moment.hour, moment.minute, moment.second))
