"""Checkout v2 (api-checkout.cinetpay.com): POST /v2/payment and POST /v2/payment/check.

Choices where CinetPay's documentation is silent (each one documented for the client side):

- Success of /v2/payment is HTTP 200 with body code "201" CREATED (the code is the contract).
- Errors are HTTP 400 with ``{"code","message","description","api_response_id"}``; codes are
  strings. Order: body not JSON -> 608; a required field missing -> 608; apikey -> 609;
  site_id -> 613; invalid values -> 608; localhost URLs -> 400 HTML "access denied";
  duplicate transaction_id -> 608 "transaction_id already used".
- A non-JSON Content-Type on init is HTTP 403 (JSON body, code "403", message "FORBIDDEN").
- ``customer_name``/``customer_surname`` are only required with the CREDIT_CARD channel (with
  all the other card fields); ``ALL`` simply shows no card option when they are missing.
- ``amount`` may be an int or a string of digits; minimum 100 XOF/XAF, 400 CDF.
- ``notify_url``/``return_url`` must be http(s) URLs; hostname ``localhost`` is refused, but
  ``127.0.0.1`` is accepted (CinetPay's documented workaround).
- A check for an unknown transaction is HTTP 404 ``{"code":"404","message":"NOT_FOUND"}``,
  so a client can tell "never created" from "refused" (627) when resolving an uncertain init.
- In check answers ``data.amount`` is a string (as CinetPay sends it); fields not known yet
  are null, and ``payment_date``/``fund_availability_date`` are " " while unpaid.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from . import shapes_checkout
from .clock import fmt_datetime, to_datetime
from .codes import V2_ERRORS
from .ledger import NotFound, Payment
from .state import SimState
from .web import Request, Response, html_response, json_response

REQUIRED = (
    "apikey",
    "site_id",
    "transaction_id",
    "amount",
    "currency",
    "description",
    "notify_url",
    "return_url",
)
CHANNELS = frozenset({"ALL", "MOBILE_MONEY", "CREDIT_CARD", "WALLET"})
CURRENCIES = frozenset({"XOF", "XAF", "CDF", "GNF", "USD"})
MIN_AMOUNT = {"XOF": 100, "XAF": 100, "CDF": 400}
FORBIDDEN_DESCRIPTION_CHARS = "#/$_&"
CUSTOMER_FIELDS = (
    "customer_id",
    "customer_name",
    "customer_surname",
    "customer_email",
    "customer_phone_number",
    "customer_address",
    "customer_city",
    "customer_country",
    "customer_state",
    "customer_zip_code",
)
CARD_FIELDS = CUSTOMER_FIELDS[1:]
FUNDS_DELAY_DAYS = 2

ACCESS_DENIED_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>400 - Access denied</title></head>
<body><h1>400</h1><p>Access denied</p>
<p>Le service n'est pas identifié ou les URL de notification / retour pointent vers localhost.</p>
</body></html>
"""


class FieldError(ValueError):
    """A field CinetPay would refuse with 608 MINIMUM_REQUIRED_FIELDS."""


def v2_error(state: SimState, code: str, description: str, status: int = 400) -> Response:
    body = {
        "code": code,
        "message": V2_ERRORS[code],
        "description": description,
        "api_response_id": state.api_response_id(),
    }
    return json_response(body, status)


def present(fields: dict[str, Any]) -> dict[str, Any]:
    """Drop fields sent as null or "" (CinetPay treats them as absent)."""
    return {
        k: v
        for k, v in fields.items()
        if v is not None and not (isinstance(v, str) and not v.strip())
    }


def auth_error(state: SimState, fields: dict[str, Any]) -> Response | None:
    if str(fields.get("apikey")) != state.credentials["apikey"]:
        return v2_error(state, "609", "apikey provided is not correct")
    if str(fields.get("site_id")) != state.credentials["site_id"]:
        return v2_error(state, "613", "site_id provided is not correct")
    return None


# -- POST /v2/payment ---------------------------------------------------------------------------
def init_payment(state: SimState, req: Request) -> Response:
    if not req.is_json():
        body = {
            "code": "403",
            "message": "FORBIDDEN",
            "description": "Content-Type must be application/json",
        }
        return json_response(body, 403)
    try:
        raw = req.json()
    except ValueError:
        return v2_error(state, "608", "The format of the request is not JSON")
    if not isinstance(raw, dict):
        return v2_error(state, "608", "The request body must be a JSON object")
    fields = present(raw)
    missing = [name for name in REQUIRED if name not in fields]
    if missing:
        return v2_error(state, "608", f"Missing required field(s): {', '.join(missing)}")
    denied = auth_error(state, fields)
    if denied:
        return denied
    try:
        payment = build_payment(state, fields)
    except FieldError as exc:
        return v2_error(state, "608", str(exc))
    if any(_is_localhost(url) for url in (payment.notify_url, payment.return_url)):
        return html_response(ACCESS_DENIED_PAGE, 400)
    if payment.transaction_id in state.ledger.payments:
        return v2_error(state, "608", f"transaction_id already used: {payment.transaction_id}")
    state.ledger.add_payment(payment)
    return json_response(
        {
            "code": "201",
            "message": "CREATED",
            "description": "Transaction created with success",
            "data": {
                "payment_token": payment.token,
                "payment_url": shapes_checkout.shape_url(
                    state, payment_url(state, req, payment)
                ),
            },
            "api_response_id": state.api_response_id(),
        }
    )


def payment_url(state: SimState, req: Request, payment: Payment) -> str:
    base = state.base_url
    host = req.header("host")
    if state.wildcard_host and host:
        base = f"http://{host}"
    return f"{base}/checkout/{payment.token}"


def build_payment(state: SimState, f: dict[str, Any]) -> Payment:
    """Validate every documented field (raises FieldError) and build the pending payment."""
    currency = _text(f, "currency").upper()
    amount = parse_amount(f["amount"])
    channels = _channels(f.get("channels", "ALL"))
    customer = {k: _text(f, k) for k in CUSTOMER_FIELDS if k in f}
    _check_currency_amount(state, currency, amount)
    _check_customer(customer, channels)
    lock_phone = _flag(f.get("lock_phone_number", False), "lock_phone_number")
    if lock_phone and "customer_phone_number" not in customer:
        raise FieldError("lock_phone_number requires customer_phone_number")
    return Payment(
        transaction_id=_text(f, "transaction_id"),
        token=state.ledger.new_token(),
        amount=amount,
        currency=currency,
        description=_description(_text(f, "description")),
        created_at=state.now(),
        metadata=_metadata(f.get("metadata")),
        channels=",".join(channels),
        lang=_lang(f.get("lang", "fr")),
        notify_url=_url(f, "notify_url"),
        return_url=_url(f, "return_url"),
        customer=customer,
        invoice_data=_invoice_data(f.get("invoice_data")),
        lock_phone_number=lock_phone,
        alternative_currency=_alternative_currency(f.get("alternative_currency")),
    )


def _text(f: dict[str, Any], name: str) -> str:
    value = f[name]
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise FieldError(f"{name} must be a string")
    return str(value).strip()


def parse_amount(value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise FieldError("amount must be a positive integer")
    return value


def _check_currency_amount(state: SimState, currency: str, amount: int) -> None:
    if currency not in CURRENCIES:
        raise FieldError(f"currency must be one of {', '.join(sorted(CURRENCIES))}")
    if currency != state.currency:
        raise FieldError(
            "You cannot create a transaction in a different currency than the one allowed to "
            f"your account. Transaction currency:'{currency}' Account currency:'{state.currency}'"
        )
    if currency != "USD" and amount % 5:
        raise FieldError("amount must be a multiple of 5")
    if amount < MIN_AMOUNT.get(currency, 1):
        raise FieldError(f"amount must be at least {MIN_AMOUNT[currency]} {currency}")


def _description(text: str) -> str:
    bad = sorted({ch for ch in text if ch in FORBIDDEN_DESCRIPTION_CHARS})
    if bad:
        raise FieldError(f"description must not contain the characters {' '.join(bad)}")
    return text


def _channels(value: Any) -> list[str]:
    if not isinstance(value, str):
        raise FieldError("channels must be a string")
    channels = [c.strip().upper() for c in value.split(",") if c.strip()] or ["ALL"]
    unknown = [c for c in channels if c not in CHANNELS]
    if unknown:
        raise FieldError(
            f"channels must be ALL, MOBILE_MONEY, CREDIT_CARD or WALLET (got {unknown})"
        )
    return channels


def _lang(value: Any) -> str:
    lang = str(value).strip().lower()
    if lang not in ("fr", "en"):
        raise FieldError("lang must be fr or en")
    return lang


def _metadata(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _invoice_data(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise FieldError("invoice_data must be an object")
    if len(value) > 3:
        raise FieldError("invoice_data accepts at most 3 entries")
    return value


def _flag(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true"):
        return True
    if text in ("0", "false"):
        return False
    raise FieldError(f"{name} must be a boolean")


def _alternative_currency(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value.strip()) != 3:
        raise FieldError("alternative_currency must be a 3-letter currency code")
    return value.strip().upper()


def _check_customer(customer: dict[str, str], channels: list[str]) -> None:
    for name in ("customer_country", "customer_state"):
        if name in customer and len(customer[name]) != 2:
            raise FieldError(f"{name} must be a 2-letter ISO code")
    if len(customer.get("customer_zip_code", "")) > 5:
        raise FieldError("customer_zip_code must have at most 5 characters")
    if "CREDIT_CARD" in channels:
        missing = [name for name in CARD_FIELDS if name not in customer]
        if missing:
            raise FieldError(f"The CREDIT_CARD channel requires: {', '.join(missing)}")


def _url(f: dict[str, Any], name: str) -> str:
    url = _text(f, name)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FieldError(f"{name} must be a valid http(s) URL")
    return url


def _is_localhost(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == "localhost" or host.endswith(".localhost")


# -- POST /v2/payment/check ---------------------------------------------------------------------
def check_payment(state: SimState, req: Request) -> Response:
    fields = present(req.fields())
    missing = [name for name in ("apikey", "site_id") if name not in fields]
    token = fields.get("token") or fields.get("payment_token")
    if "transaction_id" not in fields and not token:
        missing.append("transaction_id or token")
    if missing:
        return v2_error(state, "608", f"Missing required field(s): {', '.join(missing)}")
    denied = auth_error(state, fields)
    if denied:
        return denied
    try:
        payment = state.ledger.find_payment(
            transaction_id=str(fields.get("transaction_id") or "") or None,
            token=str(token or "") or None,
        )
    except NotFound:
        return v2_error(state, "404", "Transaction not found", 404)
    body = {
        "code": payment.code,
        "message": payment.message,
        "api_response_id": state.api_response_id(),
        "data": check_data(payment),
    }
    return json_response(shapes_checkout.shape_check(state, payment, body))


def check_data(p: Payment) -> dict[str, Any]:
    paid = p.status == "ACCEPTED" and p.settled_at is not None
    funds = " "
    if paid and p.settled_at is not None:
        day = to_datetime(p.settled_at).date() + timedelta(days=FUNDS_DELAY_DAYS)
        funds = f"{day:%Y-%m-%d} 00:00:00"
    return {
        "amount": str(p.amount),
        "currency": p.currency,
        "status": p.status,
        "payment_method": p.payment_method,
        "description": p.description,
        "metadata": p.metadata,
        "operator_id": p.operator_id,
        "payment_date": fmt_datetime(p.settled_at) if p.settled_at else " ",
        "fund_availability_date": funds,
        "phone_number": p.phone_number,
        "phone_prefix": p.phone_prefix,
    }
