"""Adding one contact: country by name, phone, name, surname, e-mail; checked here field by
field before the dialog closes (nothing is sent while a field is wrong)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...api.errors import ValidationError
from ...api.models import Contact
from ...api.validation import check_contact, check_phone, check_prefix
from ..kit.forms import INVALID_SHEET, FieldErrors
from ..kit.phone_fields import country_combo


class ContactDialog(QDialog):
    """Opened with ``await open_dialog(dialog)``; Enter adds, Esc cancels."""

    def __init__(self, lang: str = "fr", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(self.tr("Ajouter un contact"))
        self.setStyleSheet(INVALID_SHEET)
        self.errors = FieldErrors(self, lang)
        self.country = country_combo(self, lang)
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText(self.tr("ex. 07 07 07 07 07"))
        self.phone.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.name = QLineEdit(self)
        self.surname = QLineEdit(self)
        self.email = QLineEdit(self)
        self.email.setPlaceholderText(self.tr("facultatif"))
        layout = QVBoxLayout(self)
        layout.addLayout(self._form())
        layout.addWidget(self._buttons())
        self.setMinimumWidth(420)
        self.phone.setFocus()

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget, field in ((self.tr("&Pays"), self.country, "prefix"),
                                    (self.tr("&Téléphone"), self.phone, "phone"),
                                    (self.tr("&Nom"), self.name, "name"),
                                    (self.tr("P&rénom"), self.surname, "surname"),
                                    (self.tr("&E-mail"), self.email, "email")):
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(self.errors.add(field, widget))
            form.addRow(text, box)
            label = form.labelForField(box)
            if isinstance(label, QLabel):
                label.setBuddy(widget)
        return form

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(self.tr("Ajouter"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def prefill(self, prefix: str, phone: str) -> None:
        """A number to add as it is (a transfer batch's missing contact): the person types
        the name."""
        index = self.country.findData(prefix)
        if index >= 0:
            self.country.setCurrentIndex(index)
        self.phone.setText(phone)
        self.name.setFocus()

    def contact(self) -> Contact:
        prefix = self.country.currentData() or ""
        return Contact(prefix, self.phone.text().strip(), self.name.text().strip(),
                       self.surname.text().strip(), self.email.text().strip())

    def validate(self) -> Contact | None:
        self.errors.clear()
        raw = self.contact()
        try:
            contact = Contact(check_prefix(raw.prefix), check_phone(raw.phone), raw.name,
                              raw.surname, raw.email)
            check_contact(contact)
        except ValidationError as err:
            self.errors.show_error(err)
            return None
        return contact

    def accept(self) -> None:
        if self.validate() is not None:
            super().accept()
