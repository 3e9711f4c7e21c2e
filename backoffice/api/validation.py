"""Client-side validation: refuse, before any request, what CinetPay would reject.

Each check raises :class:`ValidationError` naming the field, with a French and English message
the UI shows next to that field.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..output.money import grouped
from .errors import ValidationError
from .models import Channel, Contact, Currency, HistoryFilter, PaymentRequest, TransferOrder
from .phones import clean, normalize_phone, normalize_prefix

FORBIDDEN_DESCRIPTION_CHARS = "#/$_&"
TRANSFER_MIN, TRANSFER_MAX = 200, 1_500_000
# Transfer limits in XOF (the Transfer API's amounts are always XOF), per country prefix.
# CinetPay's documentation gives only 200..1 500 000 XOF (codes 719 / 720) and says the
# thresholds vary by country ("consultez les tranches par pays") without listing them: add a
# row here when a country's own limits are known, e.g. "237": (500, 1_000_000).
TRANSFER_LIMITS: dict[str, tuple[int, int]] = {}
# Legacy minimums CinetPay applies per currency (cinetpay-api.md §1).
MINIMUM_AMOUNT = {Currency.XOF: 100, Currency.XAF: 100, Currency.CDF: 400}
# Highest amount of one payment link, per currency: far above any till sale (about 150 000 €
# each), far below SQLite's int64. CinetPay documents no maximum; its own limits answer 642.
MAXIMUM_AMOUNT = {Currency.XOF: 100_000_000, Currency.XAF: 100_000_000,
                  Currency.CDF: 500_000_000, Currency.GNF: 2_000_000_000,
                  Currency.USD: 200_000}
# No amount of any kind goes beyond this (the journal stores int64; int() of huge text is slow).
AMOUNT_CEILING = 10**12
MAX_INVOICE_LINES = 3

# Mobile-money countries: calling prefix -> (ISO code, French name, English name, currency).
COUNTRIES: dict[str, tuple[str, str, str, Currency]] = {
    "225": ("CI", "Côte d'Ivoire", "Côte d'Ivoire", Currency.XOF),
    "221": ("SN", "Sénégal", "Senegal", Currency.XOF),
    "223": ("ML", "Mali", "Mali", Currency.XOF),
    "226": ("BF", "Burkina Faso", "Burkina Faso", Currency.XOF),
    "228": ("TG", "Togo", "Togo", Currency.XOF),
    "229": ("BJ", "Bénin", "Benin", Currency.XOF),
    "227": ("NE", "Niger", "Niger", Currency.XOF),
    "237": ("CM", "Cameroun", "Cameroon", Currency.XAF),
    "224": ("GN", "Guinée", "Guinea", Currency.GNF),
    "243": ("CD", "RD Congo", "DR Congo", Currency.CDF),
}

_ASCII_DIGITS = re.compile(r"[0-9]+")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.:-]{0,99}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_ISO2 = re.compile(r"[A-Z]{2}")


def _fail(field: str, fr: str, en: str) -> ValidationError:
    return ValidationError(field, fr, en)


def require_int_amount(value: object, field: str = "amount") -> int:
    """An amount must be a true ``int`` (not bool, float or text) and positive."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(field, "Le montant doit être un nombre entier",
                    "The amount must be a whole number")
    if value <= 0:
        raise _fail(field, "Le montant doit être positif", "The amount must be positive")
    if value > AMOUNT_CEILING:
        raise _fail(field, "Montant beaucoup trop grand", "Amount far too large")
    return value


def payment_maximum(currency: Currency | str) -> int:
    """The highest amount of one payment link in ``currency``."""
    try:
        return MAXIMUM_AMOUNT[Currency(str(currency).upper())]
    except ValueError:
        return min(MAXIMUM_AMOUNT.values())


def check_payment_maximum(value: int, currency: Currency | str, field: str = "amount") -> int:
    maximum = payment_maximum(currency)
    if value > maximum:
        code = str(currency).upper()
        raise _fail(field, f"Montant maximum d'un paiement : {grouped(maximum)} {code}",
                    f"Maximum amount of a payment: {grouped(maximum, 'en')} {code}")
    return value


def check_currency(value: object, field: str = "currency") -> Currency:
    try:
        return Currency(str(value).upper())
    except ValueError:
        raise _fail(field, f"Devise inconnue : {value}", f"Unknown currency: {value}") from None


def check_payment_amount(amount: object, currency: Currency) -> int:
    value = check_payment_maximum(require_int_amount(amount), currency)
    if currency is not Currency.USD and value % 5:
        raise _fail("amount", "Le montant doit être un multiple de 5",
                    "The amount must be a multiple of 5")
    minimum = MINIMUM_AMOUNT.get(currency)
    if minimum and value < minimum:
        raise _fail("amount", f"Montant minimum : {minimum} {currency}",
                    f"Minimum amount: {minimum} {currency}")
    return value


def check_description(text: str) -> str:
    text = text.strip()
    if not text:
        raise _fail("description", "La description est obligatoire", "A description is required")
    bad = sorted({c for c in text if c in FORBIDDEN_DESCRIPTION_CHARS})
    if bad:
        shown = " ".join(bad)
        raise _fail("description", f"Caractères interdits par CinetPay : {shown}",
                    f"Characters CinetPay refuses: {shown}")
    if len(text) > 255:
        raise _fail("description", "Description trop longue (255 caractères maximum)",
                    "Description too long (255 characters maximum)")
    return text


def check_id(value: str, field: str) -> str:
    if not _ID.fullmatch(value or ""):
        raise _fail(field, "Identifiant invalide (lettres, chiffres, - . :)",
                    "Invalid identifier (letters, digits, - . :)")
    return value


def check_url(value: str, field: str) -> str:
    parts = urlsplit(value or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _fail(field, "Adresse web invalide (http:// ou https://)",
                    "Invalid web address (http:// or https://)")
    return value


def check_prefix(value: str, field: str = "prefix") -> str:
    prefix = normalize_prefix(value)
    if prefix not in COUNTRIES:
        raise _fail(field, "Indicatif pays non pris en charge", "Unsupported country prefix")
    return prefix


def check_phone(value: str, field: str = "phone", prefix: str = "") -> str:
    """A local number: 8 to 10 ASCII digits (spaces, dots and dashes are ignored; with the
    ``prefix``, a leading +225 / 00225 / 225 is too)."""
    phone = normalize_phone(prefix, value or "")[1] if prefix else _local(value or "")
    if not _ASCII_DIGITS.fullmatch(phone) or not 8 <= len(phone) <= 10:
        raise _fail(field, "Numéro de téléphone invalide (8 à 10 chiffres)",
                    "Invalid phone number (8 to 10 digits)")
    return phone


def _local(value: str) -> str:
    """Without a known prefix: a number written with a supported country's prefix
    (+225…, 00225…, 225 + 8 to 10 digits) loses it; anything else is only cleaned."""
    cleaned = clean(value)
    for prefix in COUNTRIES:
        local = normalize_phone(prefix, cleaned)[1]
        if local != cleaned.lstrip("+") and _ASCII_DIGITS.fullmatch(local):
            return local
    return cleaned


def check_payment(req: PaymentRequest) -> None:
    """Everything CinetPay's ``/v2/payment`` would refuse, refused here first."""
    check_id(req.transaction_id, "transaction_id")
    currency = check_currency(req.currency)
    check_payment_amount(req.amount, currency)
    check_description(req.description)
    check_url(req.notify_url, "notify_url")
    check_url(req.return_url, "return_url")
    if not req.channels or any(not isinstance(c, Channel) for c in req.channels):
        raise _fail("channels", "Choisissez au moins un moyen de paiement",
                    "Choose at least one payment channel")
    if req.lang not in ("fr", "en"):
        raise _fail("lang", "Langue : fr ou en", "Language: fr or en")
    if len(req.invoice_data) > MAX_INVOICE_LINES:
        raise _fail("invoice_data", "Trois lignes de facture au maximum",
                    "At most three invoice lines")
    if req.alternative_currency:
        check_currency(req.alternative_currency, "alternative_currency")
    cust = req.customer
    if req.lock_phone_number and not cust.phone_number:
        raise _fail("customer_phone_number",
                    "Le numéro du client est requis pour le bloquer",
                    "The customer's number is required to lock it")
    if cust.email and not _EMAIL.fullmatch(cust.email):
        raise _fail("customer_email", "Adresse e-mail invalide", "Invalid e-mail address")
    if Channel.CREDIT_CARD in req.channels:
        _check_card_customer(req)


_CARD_FIELDS = {
    "name": ("customer_name", "le nom", "the name"),
    "surname": ("customer_surname", "le prénom", "the first name"),
    "phone_number": ("customer_phone_number", "le téléphone", "the phone number"),
    "email": ("customer_email", "l'e-mail", "the e-mail"),
    "address": ("customer_address", "l'adresse", "the address"),
    "city": ("customer_city", "la ville", "the city"),
    "country": ("customer_country", "le pays", "the country"),
    "state": ("customer_state", "la région", "the state"),
    "zip_code": ("customer_zip_code", "le code postal", "the postcode"),
}


def _check_card_customer(req: PaymentRequest) -> None:
    cust = req.customer
    for attr, (field, fr, en) in _CARD_FIELDS.items():
        if not getattr(cust, attr).strip():
            raise _fail(field, f"Paiement par carte : {fr} du client est obligatoire",
                        f"Card payment: {en} of the customer is required")
    for attr in ("country", "state"):
        field = _CARD_FIELDS[attr][0]
        if not _ISO2.fullmatch(getattr(cust, attr)):
            raise _fail(field, "Code à 2 lettres majuscules (ex. CI)",
                        "Two capital letters (e.g. CI)")
    if len(cust.zip_code) > 5:
        raise _fail("customer_zip_code", "Code postal : 5 caractères au maximum",
                    "Postcode: at most 5 characters")


def transfer_limits(prefix: str = "") -> tuple[int, int]:
    """(minimum, maximum) of one transfer to that country, in XOF."""
    return TRANSFER_LIMITS.get(normalize_prefix(prefix), (TRANSFER_MIN, TRANSFER_MAX))


def check_transfer_amount(value: object, prefix: str = "") -> int:
    amount = require_int_amount(value)
    low, high = transfer_limits(prefix)
    if not low <= amount <= high:
        fr_low, fr_high = (f"{n:,}".replace(",", " ") for n in (low, high))
        raise _fail("amount", f"Montant d'un transfert : de {fr_low} à {fr_high} F CFA (XOF)",
                    f"Transfer amount: from {low:,} to {high:,} XOF")
    return amount


def check_transfer(order: TransferOrder) -> None:
    check_prefix(order.prefix)
    check_phone(order.phone)
    check_transfer_amount(order.amount, order.prefix)
    check_id(order.client_transaction_id, "client_transaction_id")
    if order.notify_url:
        check_url(order.notify_url, "notify_url")


def check_contact(contact: Contact) -> None:
    check_prefix(contact.prefix)
    check_phone(contact.phone)
    if not contact.name.strip():
        raise _fail("name", "Le nom est obligatoire", "The name is required")
    if not contact.surname.strip():
        raise _fail("surname", "Le prénom est obligatoire", "The first name is required")
    if contact.email and not _EMAIL.fullmatch(contact.email):
        raise _fail("email", "Adresse e-mail invalide", "Invalid e-mail address")


def check_history_filter(flt: HistoryFilter) -> None:
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        raise _fail("date_to", "La date de fin précède la date de début",
                    "The end date is before the start date")
    if flt.phone:
        check_phone(flt.phone)
