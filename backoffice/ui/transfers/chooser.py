"""The recipient field: the merchant's usable CinetPay contacts, searched as you type, and
the hint saying how many there are."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from ...services.outcomes import ContactOutcome, contact_outcome, tally_contacts
from ...store.contacts import ContactRow


def contact_text(c: ContactRow) -> str:
    return f"{c.surname} {c.name} · +{c.prefix} {c.phone}".strip()


# (the sub-control is styled only when the combo box itself has a rule)
NO_ARROW = ("QComboBox { padding-right: 0px; } "
            "QComboBox::drop-down { width: 0px; border: 0px; }")


class ContactChooser(QComboBox):
    """An editable combo box; ``contacts`` are the ones a transfer may go to. With nothing
    to choose from (no contact yet, or the current platform's typed number), no arrow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contacts: list[ContactRow] = []
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumWidth(320)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.show_arrow(False)

    def show_arrow(self, shown: bool) -> None:
        """The drop-down arrow only when there is a list to open."""
        self.setStyleSheet("" if shown else NO_ARROW)

    def editor(self) -> QLineEdit:
        line = self.lineEdit()
        assert line is not None  # editable
        return line

    def set_contacts(self, contacts: list[ContactRow]) -> str:
        """Keeps the ones known to CinetPay (what the person is typing stays); returns the
        hint under the field."""
        usable = [c for c in contacts if contact_outcome(c) is ContactOutcome.ADDED]
        self._set_items(usable)
        tally = tally_contacts(contacts)
        waiting = len(contacts) - tally[ContactOutcome.ADDED] - tally[ContactOutcome.REFUSED]
        if not usable:
            hint = self.tr("Aucun contact utilisable : ajoutez-en dans l'onglet Contacts "
                           "(ou actualisez la liste avec F5 dans cet onglet).")
        else:
            hint = self.tr("Un transfert ne peut aller qu'à un contact enregistré chez "
                           "CinetPay (%n disponible(s)).", "", len(usable))
        if waiting:
            hint += " " + self.tr("%n contact(s) en attente du réseau pas encore "
                                  "utilisable(s).", "", waiting)
        return hint

    def _set_items(self, usable: list[ContactRow]) -> None:
        same = [(c.prefix, c.phone) for c in usable] == [(c.prefix, c.phone)
                                                         for c in self.contacts]
        self.contacts = usable
        self.show_arrow(bool(usable))
        if same:
            return
        typed = self.currentText()
        self.blockSignals(True)
        self.clear()
        for c in usable:
            self.addItem(contact_text(c), f"{c.prefix}:{c.phone}")
        self.setCurrentIndex(-1)
        self.setEditText(typed)
        self.blockSignals(False)

    def chosen(self) -> ContactRow | None:
        text = self.currentText().strip()
        for c in self.contacts:
            if contact_text(c) == text:
                return c
        return None

    def choose(self, prefix: str, phone: str) -> None:
        for c in self.contacts:
            if (c.prefix, c.phone) == (prefix, phone):
                self.setCurrentText(contact_text(c))
                return
        raise LookupError(f"+{prefix} {phone} is not a usable contact")
