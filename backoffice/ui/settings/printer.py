"""Imprimante: where receipts and QR slips are printed (an ESC/POS thermal printer on the
network, USB or serial, the system printer, or PDF files), the paper width, the printer's
code page for French accents, auto-print, and a test page printed with what is typed."""

from __future__ import annotations

import os
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...preferences import ENV, Preferences
from ...printing import CODEPAGES, WIDTHS, PrinterError, parse
from ...services.receipts import PrintJob, ReceiptSettings
from ..context import UiContext
from .page import HINT_STYLE, SettingsPage


class PrinterPage(SettingsPage):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Imprimante"))
        self.printer_uri = QLineEdit(self)
        self.printer_uri.setObjectName("printer_uri")
        self.printer_uri.setPlaceholderText("tcp://192.168.1.50:9100")
        self.printer_uri.returnPressed.connect(self.apply_requested)
        self.width_box = QComboBox(self)
        self.width_box.setObjectName("printer_width")
        for mm in WIDTHS:
            self.width_box.addItem(self.tr("{mm} mm").format(mm=mm), mm)
        self.codepage = QComboBox(self)
        self.codepage.setObjectName("printer_codepage")
        for name in CODEPAGES:
            self.codepage.addItem(name, name)
        self.auto_slip = QCheckBox(self.tr("Imprimer le QR de paiement à la création du lien"),
                                   self)
        self.auto_receipt = QCheckBox(self.tr("Imprimer le reçu dès que le paiement est PAYÉ"),
                                      self)
        self.test_button = QPushButton(self.tr("Page de test"), self)
        self.test_button.setObjectName("printer_test")
        self.test_button.clicked.connect(self.print_test)
        self.printer_cancel = QPushButton(self.tr("Annuler les modifications"), self)
        self.printer_cancel.clicked.connect(lambda: self.load(self.ctx.prefs))
        self.printer_save = QPushButton(self.tr("Enregistrer"), self)
        self.printer_save.setObjectName("save_printer")
        self.printer_save.clicked.connect(self.apply_requested)
        self.env_hint = QLabel(self)
        self.env_hint.setWordWrap(True)
        self.env_hint.setStyleSheet(HINT_STYLE)
        self._lay_out()

    def _lay_out(self) -> None:
        hint = QLabel(self.tr(
            "Adresse : tcp://ADRESSE:9100 (réseau), usb://VID:PID, serial:///dev/ttyUSB0, "
            "system (imprimante du système) ou pdf:DOSSIER (un PDF par reçu). Vide : aucune."),
            self)
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        error = self.field_errors.add("printer", self.printer_uri)
        error.setObjectName("printer_error")
        col = QVBoxLayout()
        col.setSpacing(2)
        col.addWidget(self.printer_uri)
        col.addWidget(error)
        self._row(form, self.tr("&Adresse"), col, self.printer_uri)
        self._row(form, self.tr("&Largeur du papier"), self.width_box, self.width_box)
        self._row(form, self.tr("&Page de code (accents)"), self.codepage, self.codepage)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.printer_cancel)
        buttons.addWidget(self.printer_save)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.auto_slip)
        layout.addWidget(self.auto_receipt)
        layout.addWidget(self.env_hint)
        layout.addLayout(buttons)

    def _row(self, form: QFormLayout, label: str, field: QWidget | QVBoxLayout,
             buddy: QWidget) -> None:
        title = QLabel(label, self)
        title.setBuddy(buddy)
        form.addRow(title, field)

    # --- the page contract ---------------------------------------------------------------

    def load(self, prefs: Preferences) -> None:
        self.printer_uri.setText(prefs.printer)
        self.width_box.setCurrentIndex(max(self.width_box.findData(prefs.printer_width), 0))
        self.codepage.setCurrentIndex(max(self.codepage.findData(
            prefs.printer_codepage.upper()), 0))
        self.auto_slip.setChecked(prefs.auto_print_slip)
        self.auto_receipt.setChecked(prefs.auto_print_receipt)
        forced = os.environ.get(ENV["printer"], "")
        self.env_hint.setVisible(bool(forced))
        self.env_hint.setText(self.tr("COMPTOIR_PRINTER impose l'imprimante de cette session : "
                                      "{uri}").format(uri=forced))
        self.field_errors.clear()

    def validate(self) -> dict[str, str]:
        text = self.printer_uri.text().strip()
        if not text:
            return {}
        try:
            parse(text)
        except PrinterError as exc:
            return {"printer": exc.human(self.ctx.lang)}
        return {}

    def save(self, prefs: Preferences) -> bool:
        prefs.printer = self.printer_uri.text().strip()
        prefs.printer_width = int(self.width_box.currentData())
        prefs.printer_codepage = str(self.codepage.currentData())
        prefs.auto_print_slip = self.auto_slip.isChecked()
        prefs.auto_print_receipt = self.auto_receipt.isChecked()
        return True

    def saved_text(self) -> str:
        return self.tr("Réglages de l'imprimante enregistrés.")

    # --- test page ---------------------------------------------------------------------------

    def typed(self) -> ReceiptSettings:
        """The receipts' settings with what is typed here (not saved yet)."""
        current = self.ctx.core.receipts.settings
        return replace(current, printer=self.printer_uri.text().strip(),
                       width=int(self.width_box.currentData()),
                       codepage=str(self.codepage.currentData()))

    def print_test(self) -> None:
        errors = self.validate()
        if not self.printer_uri.text().strip():
            errors = {"printer": self.tr("Indiquez d'abord une imprimante.")}
        self.show_errors(errors)
        if errors:
            return
        self.ctx.messages.show_message(self.tr("Impression de la page de test…"), "info")
        self.ctx.bridge.run(self.ctx.core.receipts.print_test(self.typed()),
                            disable=[self.test_button], on_done=self._tested)

    def _tested(self, job: PrintJob) -> None:
        # A failure is also announced on the bus (the print notice offers "Réimprimer").
        self.ctx.messages.show_message(job.text(self.ctx.lang),
                                       "success" if job.ok else "error",
                                       6000 if job.ok else 0)
