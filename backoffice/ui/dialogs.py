"""Dialogs of the till tabs. Each one is opened with ``await open_dialog(dialog)`` (never
``exec()`` inside a coroutine); Enter submits, Esc cancels."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..api.errors import ValidationError
from ..api.models import Contact
from ..api.validation import COUNTRIES, check_contact, check_phone, check_prefix
from ..output.csvfiles import Parsed
from ..pin import PinCheck
from .kit.bridge import open_dialog
from .kit.formatting import money
from .kit.forms import INVALID_SHEET, FieldErrors, error_label
from .kit.import_model import ImportLinesModel

# --- files -----------------------------------------------------------------------------------


async def ask_save_path(parent: QWidget, caption: str, filters: list[str],
                        suggested: str) -> Path | None:
    """A save-file dialog, awaited without a nested loop. The extension of the chosen filter
    is added when the name has none."""
    dialog = QFileDialog(parent, caption, suggested)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilters(filters)
    try:
        if await open_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        files = dialog.selectedFiles()
        if not files:
            return None
        path = Path(files[0])
        if not path.suffix:
            chosen = dialog.selectedNameFilter()
            if "*." in chosen:
                path = path.with_suffix("." + chosen.split("*.", 1)[1].split(")")[0].strip())
        return path
    finally:
        dialog.deleteLater()


async def ask_open_path(parent: QWidget, caption: str, filters: list[str]) -> Path | None:
    dialog = QFileDialog(parent, caption)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters(filters)
    try:
        if await open_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        files = dialog.selectedFiles()
        return Path(files[0]) if files else None
    finally:
        dialog.deleteLater()


def country_combo(parent: QWidget, lang: str, selected: str = "225") -> QComboBox:
    """Countries by NAME (then the prefix), item data: the prefix."""
    combo = QComboBox(parent)
    french = lang.startswith("fr")
    entries = sorted(COUNTRIES.items(), key=lambda kv: (kv[1][1] if french else kv[1][2]))
    for prefix, (_iso, fr_name, en_name, _cur) in entries:
        combo.addItem(f"{fr_name if french else en_name} (+{prefix})", prefix)
    combo.setCurrentIndex(max(0, combo.findData(selected)))
    return combo


def country_name(prefix: str, lang: str) -> str:
    country = COUNTRIES.get(prefix)
    if not country:
        return ""
    return country[1] if lang.startswith("fr") else country[2]


def full_number(prefix: str, phone: str) -> str:
    """Exactly what is sent: "+225 0707070701"."""
    return f"+{prefix} {phone}"


def bold(label: QLabel, points: int | None = None) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    if points:
        font.setPointSize(points)
    label.setFont(font)
    return label


# --- add a contact -------------------------------------------------------------------------


class ContactDialog(QDialog):
    """Country by name, phone, name, surname, e-mail; checked here field by field before the
    dialog closes (nothing is sent while a field is wrong)."""

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

        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(self.tr("Ajouter"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.phone.setFocus()

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


# --- confirm money leaving (with the manager PIN) ------------------------------------------


@dataclass(frozen=True)
class Recipient:
    name: str
    prefix: str
    phone: str
    amount: int


class ConfirmTransferDialog(QDialog):
    """Shows exactly what will be sent. With a manager PIN set, the PIN field is part of the
    confirmation; it is checked off the GUI thread (scrypt, keyring), three wrong tries, a
    lockout or an unreadable PIN close the dialog (``pin_refused``, ``pin_message``) and
    nothing is sent. The lockout counter lives in the keyring: reopening does not reset it.
    ``duplicate``: why this looks like money already sent; then "Envoyer" stays disabled until
    the person ticks the explicit confirmation."""

    MAX_TRIES = 3

    def __init__(self, recipients: list[Recipient], currency: str, lang: str,
                 pin_check: Callable[[str], PinCheck | bool] | None,
                 run: Callable[..., Any] | None = None,
                 parent: QWidget | None = None, *, duplicate: str = "") -> None:
        super().__init__(parent)
        self.lang = lang
        self._check = pin_check
        self._run = run
        self._tries = 0
        self._task: asyncio.Future[Any] | None = None
        self.pin_refused = False
        self.pin_message = ""
        self.setWindowTitle(self.tr("Confirmer le transfert") if len(recipients) == 1
                            else self.tr("Confirmer les transferts"))
        layout = QVBoxLayout(self)
        total = sum(r.amount for r in recipients)
        if len(recipients) == 1:
            r = recipients[0]
            intro = QLabel(self.tr("Vous allez envoyer :"), self)
            layout.addWidget(intro)
            form = QFormLayout()
            self.amount_label = bold(QLabel(money(r.amount, currency, lang), self), 20)
            form.addRow(self.tr("Montant"), self.amount_label)
            form.addRow(self.tr("À"), bold(QLabel(r.name or self.tr("(sans nom)"), self)))
            number = QLabel(full_number(r.prefix, r.phone), self)
            form.addRow(self.tr("Numéro"), bold(number))
            country = country_name(r.prefix, lang)
            if country:
                form.addRow(self.tr("Pays"), QLabel(country, self))
            layout.addLayout(form)
        else:
            intro = QLabel(self.tr("Vous allez envoyer {n} transferts, pour un total de :")
                           .format(n=len(recipients)), self)
            intro.setWordWrap(True)
            layout.addWidget(intro)
            self.amount_label = bold(QLabel(money(total, currency, lang), self), 20)
            layout.addWidget(self.amount_label)
            shown = recipients[:8]
            text = "\n".join(" · ".join(part for part in (
                full_number(r.prefix, r.phone), r.name, money(r.amount, currency, lang)) if part)
                for r in shown)
            if len(recipients) > len(shown):
                text += "\n" + self.tr("… et %n autre(s)", "", len(recipients) - len(shown))
            details = QLabel(text, self)
            details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(details)
        warning = QLabel(self.tr("Cet argent quitte le compte : vérifiez le numéro."), self)
        warning.setStyleSheet("color:#8a5300;")
        warning.setWordWrap(True)
        layout.addWidget(warning)
        self.again: QCheckBox | None = None
        if duplicate:
            seen = QLabel(duplicate, self)
            seen.setObjectName("duplicate")
            seen.setStyleSheet("color:#b3261e; font-weight:bold;")
            seen.setWordWrap(True)
            layout.addWidget(seen)
            self.again = QCheckBox(self.tr("Je confirme : envoyer &quand même"), self)
            layout.addWidget(self.again)

        self.pin: QLineEdit | None = None
        self.pin_error = error_label(self)
        if pin_check is not None:
            self.pin = QLineEdit(self)
            self.pin.setEchoMode(QLineEdit.EchoMode.Password)
            self.pin.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly
                                         | Qt.InputMethodHint.ImhSensitiveData)
            self.pin.setMaxLength(12)
            self.pin.textEdited.connect(lambda _t: self.pin_error.hide())
            pin_label = QLabel(self.tr("Code PIN du &gérant"), self)
            pin_label.setBuddy(self.pin)
            layout.addWidget(pin_label)
            layout.addWidget(self.pin)
            layout.addWidget(self.pin_error)

        buttons = QDialogButtonBox(self)
        self.send_button = buttons.addButton(
            self.tr("Envoyer"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(
            self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        self.send_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        if self.again is not None:
            self.send_button.setEnabled(False)
            self.again.toggled.connect(self.send_button.setEnabled)
        (self.pin or self.again or self.send_button).setFocus()

    def accept(self) -> None:
        if self.again is not None and not self.again.isChecked():
            return  # looks sent already: only an explicit confirmation lets it go
        if self.pin is None or self._check is None:
            super().accept()
            return
        if self._task is not None and not self._task.done():
            return  # already checking
        pin = self.pin.text()
        if not pin:
            self._wrong(self.tr("Saisissez le code PIN du gérant"), count=False)
            return
        self.send_button.setEnabled(False)
        self.pin.setEnabled(False)
        check = self._check

        async def verify() -> PinCheck | bool:
            return await asyncio.to_thread(check, pin)

        if self._run is not None:
            self._task = self._run(verify(), on_done=self._verified,
                                   on_error=self._check_failed)
        else:  # pragma: no cover - tabs always pass the bridge
            self._task = asyncio.ensure_future(verify())
            self._task.add_done_callback(lambda t: self._verified(t.result()))

    def _check_failed(self, _exc: BaseException) -> bool:
        self._verified(PinCheck(False, "unreadable"))  # cannot check: fail closed
        return True

    def _verified(self, result: PinCheck | bool) -> None:
        if isinstance(result, bool):
            result = PinCheck(result, "ok" if result else "wrong")
        with contextlib.suppress(RuntimeError):  # dialog closed meanwhile
            self.send_button.setEnabled(True)
            assert self.pin is not None
            self.pin.setEnabled(True)
            if result.ok:
                QDialog.accept(self)
                return
            if result.reason in ("locked", "unreadable"):
                self.pin_refused = True
                self.pin_message = self.refusal(result)
                self.reject()
                return
            self._tries += 1
            if self._tries >= self.MAX_TRIES:
                self.pin_refused = True
                self.reject()
                return
            self._wrong(self.tr("Code PIN incorrect : essai {n} sur {m}")
                        .format(n=self._tries, m=self.MAX_TRIES))

    def refusal(self, result: PinCheck) -> str:
        """The words for a PIN that cannot be tried now (locked out) or cannot be checked."""
        if result.reason == "locked":
            return self.tr("Trop de codes PIN erronés : réessayez dans {seconds} s. Rien n'a "
                           "été envoyé.").format(seconds=result.wait)
        return self.tr("Le code responsable ne peut pas être vérifié (coffre du système "
                       "illisible ou code effacé) : rien n'a été envoyé. Le gérant le "
                       "réinitialise dans Réglages.")

    def _wrong(self, text: str, count: bool = True) -> None:
        assert self.pin is not None
        self.pin_error.setText(text)
        self.pin_error.show()
        self.pin.clear()
        self.pin.setFocus()

    def reject(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        super().reject()


# --- CSV import: preview, then per-line results ----------------------------------------------


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
        self.model = ImportLinesModel(kind, parsed, lang, currency, self)
        good, bad = len(parsed.good), len(parsed.bad)
        self.setWindowTitle(self.tr("Importer des contacts") if kind == "contacts"
                            else self.tr("Transferts par lot"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        lines = self.tr("{file} : %n ligne(s), {good}, {bad} en erreur.", "", good + bad) \
            .format(file=file_name, good=self.tr("%n correcte(s)", "", good), bad=bad)
        if bad:
            lines += " " + self.tr("Les lignes en erreur ne seront pas envoyées.")
        lines += " " + self.tr("Rien n'est envoyé avant votre confirmation.")
        self.summary.setText(lines)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.hide()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        buttons = QDialogButtonBox(self)
        if kind == "contacts":
            text = self.tr("Importer %n contact(s)", "", good)
        else:
            total = sum(int(line.values["amount"]) for line in parsed.good)
            text = self.tr("Envoyer %n transfert(s) : {total}", "", good).format(
                total=money(total, currency, lang))
        self.submit_button: QPushButton = buttons.addButton(
            text, QDialogButtonBox.ButtonRole.ActionRole)
        self.submit_button.setEnabled(good > 0)
        self.submit_button.setDefault(good > 0)
        self.submit_button.clicked.connect(self._submit)
        self.close_button = buttons.addButton(self.tr("Annuler"),
                                              QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.submitted = False
        self.finished_sending = False

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(820, 460)

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
        self.table.resizeColumnsToContents()


__all__ = ["ConfirmTransferDialog", "ContactDialog", "ImportDialog", "Recipient",
           "ask_open_path", "ask_save_path", "open_dialog"]
