"""Column widths that never cut a header's words (any language) or, for tables sized to their
contents, a cell's."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

MARGIN = 8  # room for the sort arrow's padding


def header_width(table: QTableView, column: int) -> int:
    """The width the header of ``column`` needs to show its title whole."""
    header = table.horizontalHeader()
    return header.sectionSizeHint(column) + MARGIN


def fit_headers(table: QTableView) -> None:
    """Widen every column whose title would be cut (interactive widths stay the person's)."""
    model = table.model()
    if model is None:
        return
    for column in range(model.columnCount()):
        need = header_width(table, column)
        if table.columnWidth(column) < need:
            table.setColumnWidth(column, need)


def fit_contents(table: QTableView) -> None:
    """Every column as wide as its title and its widest cell; the table scrolls sideways
    rather than cutting a result (no stretched last column squeezing it)."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    model = table.model()
    if model is None:
        return
    for column in range(model.columnCount()):
        table.setColumnWidth(column, max(header_width(table, column),
                                         table.sizeHintForColumn(column)))
