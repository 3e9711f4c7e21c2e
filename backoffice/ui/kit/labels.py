"""Display names and colours shared by the dashboard and the history (operators, statuses)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from .formatting import payment_status

OPERATORS = {
    "OM": "Orange Money",
    "MOMO": "MTN MoMo",
    "FLOOZ": "Moov Money",
    "WAVE": "Wave",
    "VISAM": "Visa / Mastercard",
    "CARD": "Visa / Mastercard",
}

STATUS_COLORS = {"ACCEPTED": "#2e7d32", "REFUSED": "#c62828", "PENDING": "#ef8f00"}


def tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def operator_name(code: str) -> str:
    if not code:
        return tr("(aucun)")
    return OPERATORS.get(code.upper(), code)


def status_name(status: str) -> str:
    if not status:
        return tr("(inconnu)")
    return payment_status(status)


def status_color(status: str) -> str:
    return STATUS_COLORS.get(status, "#546e7a")
