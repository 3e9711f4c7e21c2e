"""Client-side checks: refuse, before any request, what the platform would answer 422 for
(the limits are those CinetPay's own SDKs enforce)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..errors import ValidationError
from ..validation import require_int_amount
from .methods import CALLING_CODES, METHODS
from .models import CurrentPaymentRequest, CurrentTransferRequest

MAX_ID_LENGTH = 30
_ID = re.compile(r"[A-Z0-9]{1,30}")
_E164 = re.compile(r"\+[1-9][0-9]{7,14}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PAYMENT_MIN, PAYMENT_MAX = 100, 2_500_000
TRANSFER_MIN, TRANSFER_MAX = 100, 1_500_000
CURRENCIES = frozenset({"XOF", "XAF", "GNF", "CDF", "USD"})
CHANNELS = frozenset({"PUSH", "OTP", "QRCODE"})
MAX_URL = 120


def _fail(field: str, fr: str, en: str) -> ValidationError:
    return ValidationError(field, fr, en)


def check_id(value: str, field: str = "merchant_transaction_id") -> str:
    """At most 30 characters, uppercase letters and digits only."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise _fail(field, "Identifiant : 1 à 30 lettres majuscules ou chiffres, sans espace",
                    "Id: 1 to 30 uppercase letters or digits, no space")
    return value


def check_e164(value: str, field: str = "phone_number") -> str:
    if not isinstance(value, str) or not _E164.fullmatch(value):
        raise _fail(field, "Numéro au format international (+225…) attendu",
                    "A number in international format (+225…) is expected")
    return value


def check_amount(value: object, low: int, high: int) -> int:
    amount = require_int_amount(value)
    if not low <= amount <= high:
        raise _fail("amount", f"Montant entre {low} et {high} attendu",
                    f"The amount must be between {low} and {high}")
    return amount


def _text(value: str, field: str, low: int, high: int, fr: str, en: str) -> None:
    if not isinstance(value, str) or not low <= len(value.strip()) <= high:
        raise _fail(field, fr, en)


def _url(value: str, field: str) -> None:
    parts = urlsplit(value or "")
    if parts.scheme not in ("http", "https") or not parts.hostname or len(value) > MAX_URL:
        raise _fail(field, f"Adresse web invalide (http(s), {MAX_URL} caractères au plus)",
                    f"Invalid web address (http(s), at most {MAX_URL} characters)")


def _currency(value: str) -> None:
    if value not in CURRENCIES:
        raise _fail("currency", "Devise non prise en charge", "Currency not supported")


def check_method(method: str, country: str = "") -> None:
    known = METHODS.get(method)
    if known is None or (country and known.country != country.upper()):
        raise _fail("payment_method", "Moyen de paiement inconnu pour ce pays",
                    "Unknown payment method for this country")


def check_payment(req: CurrentPaymentRequest) -> None:
    check_id(req.merchant_transaction_id)
    check_amount(req.amount, PAYMENT_MIN, PAYMENT_MAX)
    _currency(req.currency)
    _text(req.designation, "designation", 1, 255, "Libellé requis (255 caractères au plus)",
          "A label is required (at most 255 characters)")
    for field in ("client_first_name", "client_last_name"):
        _text(getattr(req, field), field, 2, 255, "Nom du client : 2 caractères au moins",
              "Customer name: at least 2 characters")
    if not _EMAIL.fullmatch(req.client_email or ""):
        raise _fail("client_email", "Adresse e-mail du client invalide",
                    "Invalid customer e-mail address")
    for field in ("success_url", "failed_url", "notify_url"):
        _url(getattr(req, field), field)
    if req.lang not in ("fr", "en"):
        raise _fail("lang", "Langue fr ou en", "Language fr or en")
    if req.channel not in CHANNELS:
        raise _fail("channel", "Canal PUSH, OTP ou QRCODE", "Channel PUSH, OTP or QRCODE")
    if req.payment_method:
        check_method(req.payment_method)
    if req.client_phone_number:
        check_e164(req.client_phone_number, "client_phone_number")


def check_transfer(req: CurrentTransferRequest, country: str = "") -> None:
    check_id(req.merchant_transaction_id)
    check_e164(req.phone_number)
    check_amount(req.amount, TRANSFER_MIN, TRANSFER_MAX)
    _currency(req.currency)
    check_method(req.payment_method, country)
    code = CALLING_CODES.get(METHODS[req.payment_method].country, "")
    if not req.phone_number.startswith(f"+{code}"):
        raise _fail("phone_number", f"Ce moyen de paiement attend un numéro en +{code}",
                    f"This payment method expects a +{code} number")
    _text(req.reason, "reason", 1, 255, "Motif requis (255 caractères au plus)",
          "A reason is required (at most 255 characters)")
    _url(req.notify_url, "notify_url")
