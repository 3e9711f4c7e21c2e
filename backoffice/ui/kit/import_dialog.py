"""CSV import preview (contacts or transfers): every line with what our checks said, before
anything is sent; then the per-line results. Opened with ``await open_dialog(dialog)``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...output.csvfiles import Parsed
from .formatting import money
from .header_fit import fit_contents
from .import_model import ImportLinesModel


class ImportDialog(QDialog):
    """Preview of a CSV import (our per-line checks, before anything is sent). The submit
    button emits ``submit_requested``; the tab sends and calls ``show_results``."""

    submit_requested = Signal()

    def __init__(self, kind: str, parsed: Parsed, file_name: str, lang: str = "fr",
                 currency: str = "XOF", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.lang = lang
        self.currency = currency
        self.parsed = parsed  # the lines as last checked (``set_lines``)
        self.file_name = file_name
        self.model = ImportLinesModel(kind, parsed, lang, currency, self)
        self.setWindowTitle(self.tr("Importer des contacts") if kind == "contacts"
                            else self.tr("Transferts par lot"))
        self.summary = QLabel(self._summary(parsed, file_name), self)
        self.summary.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.hide()
        self.table = self._table()
        buttons = self._buttons(parsed)
        self.submitted = False
        self.finished_sending = False

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(820, 460)
        self.fit_columns()

    def _summary(self, parsed: Parsed, file_name: str) -> str:
        good, bad = len(parsed.good), len(parsed.bad)
        lines = self.tr("{file} : %n ligne(s), {good}, {bad} en erreur.", "", good + bad) \
            .format(file=file_name, good=self.tr("%n correcte(s)", "", good), bad=bad)
        if bad:
            lines += " " + self.tr("Les lignes en erreur ne seront pas envoyées.")
        return lines + " " + self.tr("Rien n'est envoyé avant votre confirmation.")

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        fit_contents(table)  # no column cut off: the table scrolls sideways instead
        return table

    def fit_columns(self) -> None:
        """Columns as wide as their titles and cells; the dialog grows to show them, up to
        its screen."""
        fit_contents(self.table)
        header = self.table.horizontalHeader()
        need = header.length() + self.table.frameWidth() * 2 \
            + self.table.verticalScrollBar().sizeHint().width() + 24
        screen = self.screen().availableGeometry().width() if self.screen() else need
        if self.width() < need:
            self.resize(min(need, screen - 40), self.height())

    def set_lines(self, parsed: Parsed) -> None:
        """The lines checked again (nothing sent yet): table, summary and send button."""
        self.parsed = parsed
        self.model.set_lines(parsed)
        self.summary.setText(self._summary(parsed, self.file_name))
        self.submit_button.setText(self._submit_text(parsed))
        good = len(parsed.good)
        self.submit_button.setEnabled(good > 0 and not self.submitted)
        self.submit_button.setDefault(good > 0)
        self.fit_columns()

    def _buttons(self, parsed: Parsed) -> QDialogButtonBox:
        good = len(parsed.good)
        buttons = QDialogButtonBox(self)
        self.submit_button: QPushButton = buttons.addButton(
            self._submit_text(parsed), QDialogButtonBox.ButtonRole.ActionRole)
        self.submit_button.setEnabled(good > 0)
        self.submit_button.setDefault(good > 0)
        self.submit_button.clicked.connect(self._submit)
        self.close_button = buttons.addButton(self.tr("Annuler"),
                                              QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons = buttons
        buttons.rejected.connect(self.reject)
        return buttons

    def _submit_text(self, parsed: Parsed) -> str:
        good = len(parsed.good)
        if self.kind == "contacts":
            return self.tr("Importer %n contact(s)", "", good)
        total = sum(int(line.values["amount"]) for line in parsed.good)
        return self.tr("Envoyer %n transfert(s) : {total}", "", good).format(
            total=money(total, self.currency, self.lang))

    def _submit(self) -> None:
        if self.submitted:
            return
        self.submit_requested.emit()

    def set_sending(self, text: str) -> None:
        self.submitted = True
        self.submit_button.setEnabled(False)
        self.status.setText(text)
        self.status.setStyleSheet("")
        self.status.show()

    def cancel_sending(self, text: str = "") -> None:
        """Nothing was sent (confirmation refused): the preview stays usable."""
        self.submitted = False
        self.submit_button.setEnabled(True)
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def show_results(self, results: dict[int, tuple[bool | None, str]], summary: str) -> None:
        for line, (ok, text) in results.items():
            self.model.set_result(line, ok, text)
        self.finished_sending = True
        self.submit_button.hide()
        self.close_button.setText(self.tr("Fermer"))
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.status.setText(summary)
        self.status.show()
        self.fit_columns()
