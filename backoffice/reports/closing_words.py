"""The words of a closing report, in the reader's language (fr/en), shared by the PDF and the
Clôture screen. A report holds codes (outcome values, operator codes, transfer keys, payment
statuses); these tables say them. Anomaly kinds, actions and the sync note are worded by
:mod:`backoffice.services.closing_report`."""

from __future__ import annotations

from datetime import datetime, tzinfo

from ..output.money import format_amount
from ..services.closing_report import ClosingReport
from ..services.shop_time import shop_zone as zone_named

Words = tuple[str, str]  # (fr, en)

OUTCOMES: dict[str, Words] = {
    "paid": ("Payés", "Paid"), "refused": ("Refusés", "Refused"),
    "pending": ("En attente", "Pending"), "uncertain": ("Incertains", "Uncertain"),
    "sending": ("En cours d'envoi", "Being sent"), "failed": ("Non envoyés", "Not sent"),
    "never_created": ("Jamais créés", "Never created"),
    "nourl": ("Adresse perdue", "Address lost"), "anomaly": ("À vérifier", "To check"),
    "cancelled": ("Annulés", "Cancelled"), "expired": ("Expirés", "Expired"),
}
TRANSFERS: dict[str, Words] = {
    "final": ("Effectués", "Done"),
    "uncertain": ("En cours ou à vérifier", "In progress or to check"),
    "failed": ("Rejetés ou refusés", "Rejected or refused"),
}
PAYMENT_STATUS: dict[str, Words] = {
    "ACCEPTED": ("payé", "paid"), "REFUSED": ("refusé", "refused"),
    "PENDING": ("en attente", "pending"),
}
OPERATORS = {"OM": "Orange Money", "MOMO": "MTN MoMo", "FLOOZ": "Moov Money", "WAVE": "Wave",
             "VISAM": "Visa / Mastercard", "CARD": "Visa / Mastercard"}


def pick(words: Words, lang: str) -> str:
    return words[1] if lang.startswith("en") else words[0]


def outcome_text(key: str, lang: str) -> str:
    return pick(OUTCOMES[key], lang) if key in OUTCOMES else key


def transfer_text(key: str, lang: str) -> str:
    return pick(TRANSFERS[key], lang) if key in TRANSFERS else key


def status_text(status: str | None, lang: str) -> str:
    if not status:
        return pick(("rien", "nothing"), lang)
    return pick(PAYMENT_STATUS[status], lang) if status in PAYMENT_STATUS else status


def operator_text(code: str, lang: str) -> str:
    if not code:
        return pick(("(aucun)", "(none)"), lang)
    return OPERATORS.get(code.upper(), code)


def cashier_text(report: ClosingReport, cashier_id: str, label: str, lang: str) -> str:
    """A cashier line's name: its label, the report's name for it, or "no cashier"."""
    if label:
        return label
    if not cashier_id:
        return pick(("(sans caissier)", "(no cashier)"), lang)
    return report.name_of(cashier_id)


def money(amount: int, currency: str, lang: str) -> str:
    return format_amount(amount, currency, lang)


def signed_money(amount: int, currency: str, lang: str) -> str:
    """A difference: "+500 F CFA", "-1 000 F CFA", "0 F CFA"."""
    return ("+" if amount > 0 else "") + format_amount(amount, currency, lang)


def shop_zone(report: ClosingReport) -> tzinfo | None:
    """The shop's time zone the report was made in (None: this machine's)."""
    return zone_named(report.timezone, warn=False)  # a machine's zone name stays unknown


def local(moment: datetime, report: ClosingReport) -> datetime:
    zone = shop_zone(report)
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def day_text(report: ClosingReport, lang: str) -> str:
    """ "jeudi 3 décembre 2026" / "Thursday 3 December 2026"."""
    day = report.shop_day
    if lang.startswith("en"):
        return f"{EN_DAYS[day.weekday()]} {day.day} {EN_MONTHS[day.month - 1]} {day.year}"
    return f"{FR_DAYS[day.weekday()]} {day.day} {FR_MONTHS[day.month - 1]} {day.year}"


def period_text(report: ClosingReport, lang: str) -> str:
    """ "03/12/2026 00:00 → 04/12/2026 00:00 (Africa/Abidjan)"."""
    start, end = local(report.period_start, report), local(report.period_end, report)
    zone = f" ({report.timezone})" if report.timezone else ""
    return f"{start:%d/%m/%Y %H:%M} → {end:%d/%m/%Y %H:%M}{zone}"


def moment_text(moment: datetime | None, report: ClosingReport) -> str:
    return "" if moment is None else f"{local(moment, report):%d/%m/%Y %H:%M}"


FR_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
