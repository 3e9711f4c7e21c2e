"""Today's links under the form: "Afficher son QR", "Vérifier tous les paiements en attente
(F5)" and the table, newest first (the tab writes the summary line above them: a wrapped
label stays in the tab's own layout, where its height follows its width)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .links_model import LinksModel


class LinksTable(QTableView):
    """Read only, one row selected at a time, sized for the 540 px pane."""

    def __init__(self, model: LinksModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        self.setWordWrap(False)
        self.setAccessibleName(self.tr("Paiements du jour"))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((50, 105, 125, 110, 110)):
            self.setColumnWidth(column, width)


class TodayLinks(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LinksModel(lang, self)
        self.table = LinksTable(self.model, self)
        self.show_button = QPushButton(self.tr("Afficher son QR"), self)
        self.verify_all_button = QPushButton(
            self.tr("Vérifier tous les paiements en attente (F5)"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addStretch(1)
        buttons.addWidget(self.verify_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
