"""Liens de paiement: what every payment link carries (notify and return URLs, default
description and currency). Esc in a field or "Annuler les modifications" goes back to what
is saved."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...api.models import Currency
from ...api.validation import FORBIDDEN_DESCRIPTION_CHARS
from ...preferences import Preferences
from ..context import UiContext
from .page import HINT_STYLE, SettingsPage


def valid_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in url.strip()


class LinksPage(SettingsPage):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setTitle(self.tr("Liens de paiement"))
        self.notify_url = self._edit("notify_url")
        self.return_url = self._edit("return_url")
        self.description = self._edit("description")
        self.description.setMaxLength(100)
        self.currency = QComboBox(self)
        self.currency.setObjectName("currency")
        names = {"XOF": self.tr("franc CFA (UEMOA)"), "XAF": self.tr("franc CFA (CEMAC)"),
                 "CDF": self.tr("franc congolais"), "GNF": self.tr("franc guinéen"),
                 "USD": self.tr("dollar US")}
        for code in Currency:
            self.currency.addItem(f"{code} — {names[code]}", str(code))
        self.links_cancel = QPushButton(self.tr("Annuler les modifications"), self)
        self.links_cancel.clicked.connect(lambda: self.load(self.ctx.prefs))
        self.links_save = QPushButton(self.tr("Enregistrer"), self)
        self.links_save.setObjectName("save_links")
        self.links_save.clicked.connect(self.apply_requested)
        self._lay_out()

    def _edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.returnPressed.connect(self.apply_requested)
        edit.installEventFilter(self)
        return edit

    def _lay_out(self) -> None:
        hint = QLabel(self.tr("CinetPay exige ces deux adresses avec chaque lien ; une caisse "
                              "ne reçoit pas les notifications : mettez celles de votre site."),
                      self)
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.notify_error = self._row(form, self.tr("URL de &notification"), self.notify_url)
        self.return_error = self._row(form, self.tr("URL de &retour"), self.return_url)
        self.description_error = self._row(form, self.tr("&Description par défaut"),
                                           self.description)
        currency_label = QLabel(self.tr("De&vise par défaut"), self)
        currency_label.setBuddy(self.currency)
        form.addRow(currency_label, self.currency)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.links_cancel)
        buttons.addWidget(self.links_save)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addLayout(buttons)

    def _row(self, form: QFormLayout, label: str, edit: QLineEdit) -> QLabel:
        """A titled field with its error line under it; returns the error line."""
        field = edit.objectName()
        error = self.field_errors.add(field, edit)
        error.setObjectName(f"{field.split('_')[0]}_error")  # notify_error, return_error…
        col = QVBoxLayout()
        col.setSpacing(2)
        col.addWidget(edit)
        col.addWidget(error)
        title = QLabel(label, self)
        title.setBuddy(edit)
        form.addRow(title, col)
        return error

    # --- the page contract ---------------------------------------------------------------

    def load(self, prefs: Preferences) -> None:
        self.notify_url.setText(prefs.notify_url)
        self.return_url.setText(prefs.return_url)
        self.description.setText(prefs.description)
        self.currency.setCurrentIndex(max(self.currency.findData(prefs.currency), 0))
        self.field_errors.clear()

    def validate(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        bad_url = self.tr("Adresse invalide : elle doit commencer par https:// (ex. "
                          "https://maboutique.ci/cinetpay).")
        for edit in (self.notify_url, self.return_url):
            if not valid_url(edit.text()):
                errors[edit.objectName()] = bad_url
        description = self.description.text().strip()
        if not description:
            errors["description"] = self.tr("La description ne peut pas être vide.")
        elif any(c in FORBIDDEN_DESCRIPTION_CHARS for c in description):
            errors["description"] = self.tr(
                "CinetPay refuse les caractères # / $ _ & dans la description.")
        return errors

    def save(self, prefs: Preferences) -> bool:
        prefs.notify_url = self.notify_url.text().strip()
        prefs.return_url = self.return_url.text().strip()
        prefs.description = self.description.text().strip()
        prefs.currency = self.currency.currentData()
        return True  # saved even unchanged: the merchant sees it is done

    def saved_text(self) -> str:
        return self.tr("Réglages des liens de paiement enregistrés.")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Esc in a field: back to the saved values.
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape \
                and watched in (self.notify_url, self.return_url, self.description):
            self.load(self.ctx.prefs)
            return True
        return super().eventFilter(watched, event)
