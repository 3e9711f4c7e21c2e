"""The Historique table view: uniform rows sorted by the store on a header click, one row
selected at a time, and its place kept across a reload of the same filters."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ...store.history import HistoryRow
from .model import HistoryModel

COLUMN_WIDTHS = (125, 115, 85, 120, 135, 150, 170)
RESTORE_SCAN = 200 * 3  # rows searched for the selected transaction after a reload


class HistoryTable(QTableView):
    def __init__(self, model: HistoryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = model
        self.setObjectName("historyTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTabKeyNavigation(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vh = self.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform row heights
        vh.setDefaultSectionSize(self.fontMetrics().height() + 10)
        hh = self.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        hh.setHighlightSections(False)
        for col, width in enumerate(COLUMN_WIDTHS):
            hh.resizeSection(col, width)
        hh.setSectionsClickable(True)
        hh.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        hh.setSortIndicatorShown(True)
        hh.sortIndicatorChanged.connect(model.sort)

    def place(self) -> int:
        return self.verticalScrollBar().value()

    def back_to(self, scroll: int, transaction_id: str) -> HistoryRow | None:
        """Same filters, fresh data: the same place, and the same transaction selected if it
        is still among the first rows (returned; None when it is not found)."""
        self.verticalScrollBar().setValue(scroll)
        for row in range(min(self.history.total, RESTORE_SCAN)):
            found = self.history.row_at(row)
            if found is not None and found.transaction_id == transaction_id:
                self.selectRow(row)
                return found
        return None

    def to_top(self) -> None:
        """A new result: from its first row, nothing selected, no current row (the model
        changes its rows in place: nothing of the old result may stay marked)."""
        self.scrollToTop()
        self.selectionModel().clear()
