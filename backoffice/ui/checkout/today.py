"""Today's links under the form: "Afficher son QR", "Vérifier tous les paiements en attente
(F5)" and the table, newest first (the tab writes the summary line above them: a wrapped
label stays in the tab's own layout, where its height follows its width)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
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

# Column widths (px); the description takes what is left, at least DESCRIPTION_MIN. On a
# narrow pane (1024×768: about 390 px) the columns of GIVE_WAY are hidden in this order
# rather than scrolling sideways (the panel on the right shows the whole link).
WIDTHS = {"time": 50, "till": 60, "amount": 100, "status": 115, "paid_by": 105,
          "reference": 150}
DESCRIPTION_MIN = 90
GIVE_WAY = ("reference", "paid_by", "till")


class LinksTable(QTableView):
    """Read only, one row selected at a time, its columns fitted to the pane's width."""

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
        self.horizontalHeader().setStretchLastSection(False)
        self._sized: tuple[str, ...] = ()
        model.modelReset.connect(self.fit_columns)  # a "Caisse" column may come
        self.fit_columns()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().viewportEvent(event)

    def fit_columns(self) -> None:
        """Every shown column within the pane: the least useful ones give way first."""
        model = self.model()
        columns: tuple[str, ...] = tuple(getattr(model, "columns", ()))
        header = self.horizontalHeader()
        if columns != self._sized:  # widths set once per set of columns (user's kept)
            self._sized = columns
            for i, name in enumerate(columns):
                stretch = name == "description"
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch if stretch
                                            else QHeaderView.ResizeMode.Interactive)
                if not stretch:
                    self.setColumnWidth(i, WIDTHS.get(name, 100))
        shown = list(columns)
        room = self.viewport().width()
        for name in GIVE_WAY:
            need = sum(DESCRIPTION_MIN if c == "description" else WIDTHS.get(c, 100)
                       for c in shown)
            if need <= room:
                break
            if name in shown:
                shown.remove(name)
        for i, name in enumerate(columns):
            self.setColumnHidden(i, name not in shown)


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
