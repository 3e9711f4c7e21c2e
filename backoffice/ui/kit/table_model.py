"""A small base for read-only tables of journal rows. ``set_rows`` keeps the selection when it
can: rows updated in place emit ``dataChanged``, new rows on top are inserted, anything else
resets the model."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
ROW_ROLE = int(Qt.ItemDataRole.UserRole)  # the row object itself
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # a value to sort on (numbers, times)


class RowsTableModel(QAbstractTableModel, Generic[R]):
    columns: Sequence[str] = ()  # keys; headers() gives the translated titles
    right_aligned: frozenset[str] = frozenset()

    def __init__(self, key: Callable[[R], Hashable], parent: Any = None,
                 version: Callable[[R], Any] | None = None) -> None:
        super().__init__(parent)
        self._key = key
        self._version = version  # cheap "has this row changed" (default: the whole row)
        self.rows: list[R] = []

    # --- to override --------------------------------------------------------------------

    def headers(self) -> list[str]:
        return list(self.columns)

    def text(self, row: R, column: str) -> str:
        return ""

    def colour(self, row: R, column: str) -> QColor | None:
        return None

    def is_bold(self, row: R, column: str) -> bool:
        return False

    def tooltip(self, row: R, column: str) -> str:
        return self.text(row, column)

    def sort_value(self, row: R, column: str) -> Any:
        return self.text(row, column)

    # --- rows ---------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> None:
        new = list(rows)
        old_keys = [self._key(r) for r in self.rows]
        new_keys = [self._key(r) for r in new]
        if old_keys and new_keys == old_keys:
            old = self.rows
            self.rows = new
            self._emit_changed([i for i in range(len(new)) if self._differ(old[i], new[i])])
            return
        added = len(new_keys) - len(old_keys)
        if old_keys and added > 0 and new_keys[added:] == old_keys:
            old = self.rows
            self.beginInsertRows(QModelIndex(), 0, added - 1)
            self.rows = new
            self.endInsertRows()
            self._emit_changed([i for i in range(added, len(new))
                                if self._differ(old[i - added], new[i])])
            return
        self.beginResetModel()
        self.rows = new
        self.endResetModel()

    def _differ(self, a: R, b: R) -> bool:
        if self._version is None:
            return a != b
        return self._version(a) != self._version(b)

    def _emit_changed(self, rows: list[int]) -> None:
        """One dataChanged per run of consecutive rows (a bulk refresh changes hundreds)."""
        last = self.columnCount() - 1
        runs: list[list[int]] = []
        for i in rows:
            if runs and i == runs[-1][-1] + 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            self.dataChanged.emit(self.index(run[0], 0), self.index(run[-1], last))

    def row_at(self, index: Index) -> R | None:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()]

    def find(self, key: Hashable) -> int:
        for i, row in enumerate(self.rows):
            if self._key(row) == key:
                return i
        return -1

    # --- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None or not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self.colour(row, column)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and self.is_bold(row, column):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return self.sort_value(row, column)
        return None
