"""Words and colours for what a transfer means (``services.outcomes.TransferOutcome``): the
list's status and detail, the message after a send, a batch line's result. Amounts are XOF:
the Transfer API's currency, whatever the shop's."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from ...api.models import TreatmentStatus
from ...output.money import grouped
from ...services.outcomes import TransferOutcome, transfer_outcome, transfer_processing
from ...services.reasons import reason_text
from ...store.transfers import TransferRow
from ..kit.formatting import treatment_status

TRANSFER_CURRENCY = "XOF"  # Transfer API amounts are XOF whatever the shop's currency

_GREEN, _RED, _BLUE = QColor("#1e7b34"), QColor("#b3261e"), QColor("#0b57d0")
_AMBER, _GREY = QColor("#8a5300"), QColor("#5f6368")
KIND_COLOURS: dict[TransferOutcome, QColor] = {
    TransferOutcome.DONE: _GREEN, TransferOutcome.REJECTED: _RED,
    TransferOutcome.FAILED: _RED, TransferOutcome.IN_PROGRESS: _BLUE,
    TransferOutcome.QUEUED: _AMBER, TransferOutcome.UNCERTAIN: _AMBER,
    TransferOutcome.SENDING: _GREY, TransferOutcome.REVIEW: _RED,
    TransferOutcome.CONFIRM_EMAIL: _AMBER,
}
BOLD_OUTCOMES = frozenset({TransferOutcome.DONE, TransferOutcome.REJECTED,
                           TransferOutcome.FAILED, TransferOutcome.REVIEW,
                           TransferOutcome.CONFIRM_EMAIL})
"""Final, or waiting for a person: shown in bold."""

SENT_OUTCOMES = frozenset({TransferOutcome.IN_PROGRESS, TransferOutcome.DONE,
                           TransferOutcome.CONFIRM_EMAIL})
"""Accepted by CinetPay (the merchant may still have to confirm it by e-mail)."""


def xof(amount: int, lang: str = "fr") -> str:
    """5000 → "5 000 XOF" (U+202F groups in French, as QLocale writes them)."""
    return f"{grouped(amount, lang)}\u00a0{TRANSFER_CURRENCY}"


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def why(row: TransferRow, lang: str) -> str:
    """Why it failed, waits or is checked, in the reader's language ("" when nothing)."""
    return reason_text(row.reason, lang) or row.last_error or ""


class TransferWording(QObject):
    """The words; a QObject so that ``self.tr`` gives pyside6-lupdate and the runtime the
    same context ("TransferWording")."""

    def in_progress(self, row: TransferRow) -> str:
        """NEW says little to a manager: "waiting to be processed" says what it means."""
        if transfer_processing(row):
            return treatment_status(row.treatment_status)
        return self.tr("En attente de traitement")

    def status(self, row: TransferRow) -> str:
        outcome = transfer_outcome(row)
        words = {
            TransferOutcome.QUEUED: self.tr("En file d'attente (pas encore envoyé)"),
            TransferOutcome.UNCERTAIN: self.tr("Incertain : vérification, jamais renvoyé"),
            TransferOutcome.SENDING: self.tr("Envoi…"),
            TransferOutcome.FAILED: self.tr("Échec"),
            TransferOutcome.REVIEW: self.tr("À vérifier avec CinetPay"),
            TransferOutcome.CONFIRM_EMAIL: self.tr("En attente de votre confirmation par "
                                                   "e-mail"),
            TransferOutcome.DONE: treatment_status(TreatmentStatus.VAL),
            TransferOutcome.REJECTED: treatment_status(TreatmentStatus.REJ),
        }
        return words.get(outcome) or self.in_progress(row)

    def detail(self, row: TransferRow, lang: str = "fr") -> str:
        outcome = transfer_outcome(row)
        if outcome is TransferOutcome.REVIEW:
            return self.tr("Appelez CinetPay avec cet identifiant : il n'est jamais renvoyé "
                           "automatiquement ({id})").format(id=row.client_transaction_id)
        if outcome is TransferOutcome.CONFIRM_EMAIL:
            return self.tr("Confirmez-le dans l'e-mail envoyé par CinetPay (ou demandez à "
                           "CinetPay d'autoriser l'adresse IP de la boutique)")
        return why(row, lang) or row.cinetpay_transaction_id or ""

    def sent(self, row: TransferRow, what: str, lang: str = "fr") -> tuple[str, str]:
        """(message, level) right after sending ``what`` ("5 000 XOF à Awa Koné")."""
        outcome = transfer_outcome(row)
        if outcome is TransferOutcome.REVIEW:  # never "refused": it may have been paid
            return f"{what} — {self.status(row)}. {self.detail(row, lang)}", "warning"
        if outcome in SENT_OUTCOMES:
            text = self.tr("Transfert de {what} envoyé : {status}.").format(
                what=what, status=_first_lower(self.status(row)))
            if outcome is TransferOutcome.CONFIRM_EMAIL:
                return f"{text} {self.detail(row, lang)}", "warning"
            return text, "success"
        if outcome is TransferOutcome.QUEUED:
            return self.tr(
                "Hors ligne : le transfert de {what} est en file d'attente ; il partira "
                "automatiquement au retour du réseau, une seule fois.").format(what=what), \
                "warning"
        if outcome in (TransferOutcome.UNCERTAIN, TransferOutcome.SENDING):
            return self.tr(
                "Réponse perdue pour le transfert de {what} : Comptoir vérifie auprès de "
                "CinetPay ; il ne sera jamais envoyé deux fois.").format(what=what), "warning"
        if outcome is TransferOutcome.REJECTED:
            return self.tr("Transfert de {what} rejeté.").format(what=what), "error"
        return self.tr("Transfert de {what} refusé : {why}").format(
            what=what, why=why(row, lang) or "?"), "error"

    def line_result(self, row: TransferRow, lang: str = "fr") -> tuple[bool | None, str]:
        """A batch line: (sent, waiting (None) or refused, words)."""
        outcome = transfer_outcome(row)
        if outcome is TransferOutcome.DONE:
            return True, treatment_status(TreatmentStatus.VAL)
        if outcome in (TransferOutcome.CONFIRM_EMAIL, TransferOutcome.REVIEW):
            return None, self.status(row)  # a person must act on it: never "refused"
        if outcome is TransferOutcome.IN_PROGRESS:
            return True, self.tr("Envoyé : {status}").format(
                status=_first_lower(self.status(row)))
        if outcome is TransferOutcome.QUEUED:
            return None, self.tr("En file d'attente (hors ligne)")
        if outcome in (TransferOutcome.UNCERTAIN, TransferOutcome.SENDING):
            return None, self.tr("Incertain : vérification")
        if outcome is TransferOutcome.REJECTED:
            return False, treatment_status(TreatmentStatus.REJ)
        return False, self.tr("Refusé : {why}").format(why=why(row, lang) or "?")


_WORDING: list[TransferWording] = []


def wording() -> TransferWording:
    if not _WORDING:
        _WORDING.append(TransferWording())
    return _WORDING[0]
