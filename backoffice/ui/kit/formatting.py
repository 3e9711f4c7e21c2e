"""Money, dates and status labels for the screen (QLocale, translated)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QLocale

from ...output.money import format_amount

LOCALES = {"fr": "fr_CI", "en": "en_GB"}


def tr(text: str) -> str:
    return QCoreApplication.translate("formatting", text)


def locale_for(lang: str) -> QLocale:
    return QLocale(LOCALES.get(lang, "fr_CI"))


def money(value: int | Decimal, currency: str = "XOF", lang: str = "fr") -> str:
    """25000 → "25 000 F CFA" in French (U+202F groups, as CLDR and QLocale("fr_CI") write
    it), "25,000 F CFA" in English. Exact: never goes through float."""
    return format_amount(value, currency, lang)


def time_of(moment: datetime | None, lang: str = "fr") -> str:
    """ "au 14:05" / "as of 14:05" (today) or with the date otherwise; local time."""
    if moment is None:
        return tr("jamais actualisé")
    local = moment.astimezone() if moment.tzinfo else moment
    when = local.strftime("%H:%M")
    if local.date() != datetime.now().date():
        when = f"{local.strftime('%d/%m/%Y')} {when}"
    return tr("au {when}").format(when=when)


def payment_status(status: str | None) -> str:
    return {
        "PENDING": tr("En attente"), "ACCEPTED": tr("PAYÉ"), "REFUSED": tr("Refusé"),
    }.get(status or "", status or "")


def treatment_status(status: str | None) -> str:
    return {
        "NEW": tr("Nouveau"), "REC": tr("En cours"), "NOS": tr("En attente de confirmation"),
        "VAL": tr("Effectué"), "REJ": tr("Rejeté"),
    }.get(status or "", status or "")


def state_label(state: str) -> str:
    return {
        "queued": tr("En file d'attente"), "sending": tr("Envoi…"), "sent": tr("Envoyé"),
        "final": tr("Terminé"), "uncertain": tr("Incertain : vérification"),
        "failed": tr("Échec"),
    }.get(state, state)
