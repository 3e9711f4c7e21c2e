"""Words and colours for what a contact's row means (``services.outcomes.ContactOutcome``):
the list's state, the message after adding one, a CSV line's result."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from ...services.outcomes import ContactOutcome, contact_outcome
from ...services.reasons import reason_text
from ...store.contacts import ContactRow

OUTCOME_COLOURS: dict[ContactOutcome, QColor] = {
    ContactOutcome.QUEUED: QColor("#8a5300"), ContactOutcome.SENDING: QColor("#5f6368"),
    ContactOutcome.UNCERTAIN: QColor("#8a5300"), ContactOutcome.REFUSED: QColor("#b3261e"),
}


def why(row: ContactRow, lang: str) -> str:
    """Why it was refused, in the reader's language ("?" when nothing is known)."""
    return reason_text(row.reason, lang) or row.last_error or "?"


class ContactWording(QObject):
    """The words; a QObject so that ``self.tr`` gives pyside6-lupdate and the runtime the
    same context ("ContactWording")."""

    def state(self, row: ContactRow, lang: str = "fr") -> str:
        outcome = contact_outcome(row)
        if outcome is ContactOutcome.ADDED:
            return self.tr("Enregistré chez CinetPay")
        if outcome is ContactOutcome.QUEUED:
            return self.tr("En attente du réseau")
        if outcome is ContactOutcome.SENDING:
            return self.tr("Envoi…")
        if outcome is ContactOutcome.UNCERTAIN:
            return self.tr("Vérification…")
        return self.tr("Refusé : {why}").format(why=why(row, lang))

    def added(self, row: ContactRow, lang: str = "fr") -> tuple[str, str]:
        """(message, level) right after adding one contact."""
        who = f"{row.surname} {row.name} (+{row.prefix} {row.phone})"
        outcome = contact_outcome(row)
        if outcome is ContactOutcome.ADDED:
            return self.tr("Contact ajouté chez CinetPay : {who}").format(who=who), "success"
        if outcome is ContactOutcome.QUEUED:
            return self.tr(
                "Hors ligne : {who} est enregistré ici et sera ajouté chez CinetPay dès le "
                "retour du réseau.").format(who=who), "warning"
        if outcome in (ContactOutcome.UNCERTAIN, ContactOutcome.SENDING):
            return self.tr("Réponse perdue : Comptoir vérifie si {who} a bien été ajouté.") \
                .format(who=who), "warning"
        return self.tr("Contact refusé par CinetPay : {why}").format(
            why=why(row, lang)), "error"

    def line_result(self, row: ContactRow, lang: str = "fr") -> tuple[bool | None, str]:
        """A CSV line: (added, waiting (None) or refused, words)."""
        outcome = contact_outcome(row)
        if outcome is ContactOutcome.ADDED:
            return True, self.tr("Ajouté")
        if outcome is ContactOutcome.QUEUED:
            return None, self.tr("En attente du réseau")
        if outcome in (ContactOutcome.UNCERTAIN, ContactOutcome.SENDING):
            return None, self.tr("Vérification…")
        return False, self.tr("Refusé : {why}").format(why=why(row, lang))


_WORDING: list[ContactWording] = []


def wording() -> ContactWording:
    if not _WORDING:
        _WORDING.append(ContactWording())
    return _WORDING[0]
