"""CinetPay's current platform (api.cinetpay.co / .net), on the same ledger as the classic
routes: a payment made on either shows in the same demo shop.

Wire format as CinetPay's official SDKs read it (``cinetpay-python`` 0.1.0): JSON bodies,
flat JSON answers with a numeric ``code`` and a ``status`` name. The SDK treats an answer as an
error when its HTTP status is ≥ 400, or when its code is not 200/100/2001/2002 *and* it has a
``description``; so error answers carry a ``description`` and state answers (a FAILED or
EXPIRED payment is a state, not an error) carry only a ``message``.

- ``POST /v1/oauth/login`` {api_key, api_password} → access_token (Bearer, 24 h simulated);
  wrong credentials: HTTP 401 code 1005.
- Bearer missing or unknown: HTTP 401 code 1002 INVALID_TOKEN; expired: HTTP 200 code 1003
  EXPIRED_TOKEN (both shapes exist; the SDK renews on 1003).
- Validation errors: HTTP 422 code 422 with ``errors`` {field: [text]}; a body that is not a
  JSON object: HTTP 400 code 1004 INVALID_PARAMS.
- ``POST /v1/payment`` → payment_token, notify_token, transaction_id, payment_url (the
  simulator's checkout page), details (2001 INITIATED). A merchant_transaction_id already in
  the ledger (either platform): HTTP 409 code 1200 TRANSACTION_EXIST.
- ``GET /v1/payment/{merchant_transaction_id|transaction_id|payment_token}``: 2001 INITIATED
  while unpaid, 2003 EXPIRED after PAYMENT_LIFETIME, 100 SUCCESS, 2010 FAILED (2005 / 2004 for
  refusals 602 / 604); unknown: HTTP 404 code 404.
- ``POST /v1/transfer`` (E.164 number of the account's country, payment_method of that
  country, no contact list) → 2002 PENDING; the classic timeline follows (SUCCESS after 60 s,
  FAILED for numbers ending in 99). Over the available balance: code 2005.
- ``GET /v1/transfer/{transaction_id|merchant_transaction_id}``, ``GET /v1/balances``
  (available = the account's net payments + the transfer balance's available amount).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .clock import fmt_datetime
from .ledger import Payment, Transfer, decimal_text
from .routes_checkout import payment_url
from .state import SimState
from .web import Request, Response, json_response

PAYMENT_LIFETIME = 3600.0  # simulated seconds before an unpaid link is EXPIRED
PAYMENT_MIN, PAYMENT_MAX = 100, 2_500_000
TRANSFER_MIN, TRANSFER_MAX = 100, 1_500_000
COUNTRY_METHODS: dict[str, tuple[str, ...]] = {
    "CI": ("OM", "MOOV", "MTN", "WAVE"), "BF": ("OM", "MOOV", "WAVE"), "ML": ("OM", "MOOV"),
    "SN": ("OM", "FREE", "EXPRESSO", "WAVE"), "TG": ("MOOV", "TMONEY"), "GN": ("OM", "MTN"),
    "CM": ("OM", "MTN"), "BJ": ("MOOV", "MTN"), "CD": ("OM", "AIRTEL", "MPESA", "AFRICELL"),
    "NE": ("AIRTEL", "MOOV", "ZAMANI"),
}
CALLING_CODES = {"CI": "225", "BF": "226", "ML": "223", "SN": "221", "TG": "228", "GN": "224",
                 "CM": "237", "BJ": "229", "CD": "243", "NE": "227"}
CLASSIC_OPERATORS = {"OM": "OM", "MOMO": "MTN", "FLOOZ": "MOOV", "WAVE": "WAVE"}
CURRENCIES = frozenset({"XOF", "XAF", "GNF", "CDF", "USD"})
CHANNELS = frozenset({"PUSH", "OTP", "QRCODE"})
_ID = re.compile(r"[A-Z0-9]{1,30}")
_E164 = re.compile(r"\+[0-9]{8,15}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

MESSAGES: dict[int, tuple[str, str]] = {
    200: ("OK", "Opération effectuée"),
    100: ("SUCCESS", "Transaction effectuée avec succès"),
    404: ("NOT_FOUND", "Transaction introuvable"),
    422: ("VALIDATION_ERROR", "Les données envoyées sont invalides"),
    1002: ("INVALID_TOKEN", "Token invalide"),
    1003: ("EXPIRED_TOKEN", "Token expiré"),
    1004: ("INVALID_PARAMS", "Paramètres invalides"),
    1005: ("INVALID_CREDENTIALS", "Identifiants invalides"),
    1200: ("TRANSACTION_EXIST", "La transaction existe déjà"),
    2001: ("INITIATED", "Transaction initiée"),
    2002: ("PENDING", "Transaction en attente"),
    2003: ("EXPIRED", "Transaction expirée"),
    2004: ("OTP_ERROR", "Code OTP incorrect"),
    2005: ("INSUFFICIENT_BALANCE", "Solde insuffisant"),
    2010: ("FAILED", "Transaction échouée"),
}
HTTP_STATUS = {404: 404, 422: 422, 1002: 401, 1004: 400, 1005: 401, 1200: 409}

Handler = Callable[..., Response]


class Refused(Exception):
    def __init__(self, code: int, description: str = "",
                 errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.errors = code, description, errors


def refusal(code: int, description: str = "",
            errors: dict[str, list[str]] | None = None) -> Response:
    status, default = MESSAGES[code]
    body: dict[str, Any] = {"code": code, "status": status,
                            "description": description or default}
    if errors:
        body["errors"] = errors
    return json_response(body, HTTP_STATUS.get(code, 200))


def guarded(handler: Handler) -> Handler:
    def wrapper(state: SimState, req: Request, **params: str) -> Response:
        try:
            return handler(state, req, **params)
        except Refused as exc:
            return refusal(exc.code, exc.description, exc.errors)

    wrapper.__name__ = handler.__name__
    return wrapper


def authenticated(handler: Handler) -> Handler:
    def wrapper(state: SimState, req: Request, **params: str) -> Response:
        auth = req.header("authorization") or ""
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        error = state.current_token_error(token)
        return refusal(error) if error else handler(state, req, **params)

    wrapper.__name__ = handler.__name__
    return guarded(wrapper)


def _body(req: Request) -> dict[str, Any]:
    try:
        data = req.json()
    except (ValueError, UnicodeDecodeError):
        raise Refused(1004, "Le corps de la requête doit être du JSON") from None
    if not isinstance(data, dict):
        raise Refused(1004, "Le corps de la requête doit être un objet JSON")
    return data


class Fields:
    """Collects every field error of one request (422 lists them all, like Laravel)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.errors: dict[str, list[str]] = {}

    def fail(self, name: str, text: str) -> None:
        self.errors.setdefault(name, []).append(text)

    def text(self, name: str, low: int = 1, high: int = 255, required: bool = True) -> str:
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                self.fail(name, f"The {name} field is required.")
            return ""
        if not isinstance(value, str) or not low <= len(value) <= high:
            self.fail(name, f"The {name} must be a string of {low} to {high} characters.")
            return ""
        return value

    def pattern(self, name: str, regex: re.Pattern[str], required: bool = True) -> str:
        value = self.text(name, required=required)
        if value and not regex.fullmatch(value):
            self.fail(name, f"The {name} format is invalid.")
        return value

    def amount(self, low: int, high: int) -> int:
        value = self.data.get("amount")
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail("amount", f"The amount must be an integer between {low} and {high}.")
            return 0
        return value

    def choice(self, name: str, allowed: frozenset[str] | tuple[str, ...],
               required: bool = True) -> str:
        value = self.text(name, required=required)
        if value and value not in allowed:
            self.fail(name, f"The selected {name} is invalid.")
        return value

    def url(self, name: str) -> str:
        value = self.text(name, high=120)
        if value and not value.startswith(("http://", "https://")):
            self.fail(name, f"The {name} must be a valid URL.")
        return value

    def check(self) -> None:
        if self.errors:
            raise Refused(422, "", self.errors)


def _country(state: SimState) -> str:
    return state.current_credentials["country"]


def _methods(state: SimState) -> tuple[str, ...]:
    country = _country(state)
    return tuple(f"{op}_{country}" for op in COUNTRY_METHODS[country])


def _new_id(state: SimState) -> str:
    return f"{state.ledger.rng.getrandbits(128):032x}"


# -- login --------------------------------------------------------------------------------------
@guarded
def login(state: SimState, req: Request) -> Response:
    f = Fields(_body(req))
    key, password = f.text("api_key"), f.text("api_password")
    f.check()
    creds = state.current_credentials
    if (key, password) != (creds["api_key"], creds["api_password"]):
        raise Refused(1005, "api_key ou api_password incorrect")
    return json_response({"code": 200, "status": "OK", "access_token": state.issue_current_token(),
                          "token_type": "Bearer", "expires_in": 86_400})


# -- payments -----------------------------------------------------------------------------------
@authenticated
def create_payment(state: SimState, req: Request) -> Response:
    f = Fields(_body(req))
    mtid = f.pattern("merchant_transaction_id", _ID)
    amount = f.amount(PAYMENT_MIN, PAYMENT_MAX)
    currency = f.choice("currency", CURRENCIES)
    if currency and currency != state.currency:
        f.fail("currency", f"The currency of this account is {state.currency}.")
    lang = f.choice("lang", ("fr", "en"))
    designation = f.text("designation")
    email = f.pattern("client_email", _EMAIL)
    first, last = f.text("client_first_name", 2), f.text("client_last_name", 2)
    urls = {name: f.url(name) for name in ("success_url", "failed_url", "notify_url")}
    channel = f.choice("channel", CHANNELS)
    method = f.choice("payment_method", _methods(state), required=False)
    phone = f.pattern("client_phone_number", _E164, required=False)
    f.check()
    if mtid in state.ledger.payments:
        raise Refused(1200, f"La transaction {mtid} existe déjà")
    now = state.now()
    payment = state.ledger.add_payment(Payment(
        transaction_id=mtid, token=state.ledger.new_token(), amount=amount, currency=currency,
        description=designation, created_at=now, channels="MOBILE_MONEY", lang=lang,
        notify_url=urls["notify_url"], return_url=urls["success_url"],
        customer={"customer_name": last, "customer_surname": first, "customer_email": email,
                  "customer_phone_number": phone},
        current={"transaction_id": _new_id(state), "notify_token": _new_id(state),
                 "failed_url": urls["failed_url"], "channel": channel, "payment_method": method,
                 "expires_at": now + PAYMENT_LIFETIME},
    ))
    assert payment.current is not None
    return json_response({
        "code": 200, "status": "OK",
        "payment_token": payment.token,
        "notify_token": payment.current["notify_token"],
        "transaction_id": payment.current["transaction_id"],
        "merchant_transaction_id": mtid,
        "payment_url": payment_url(state, req, payment),
        "details": {"code": 2001, "status": "INITIATED", "message": MESSAGES[2001][1],
                    "must_be_redirected": True},
    })


def _find_payment(state: SimState, identifier: str) -> Payment:
    ledger = state.ledger
    found = ledger.payments.get(identifier) or next(
        (p for p in ledger.payments.values()
         if p.token == identifier or (p.current or {}).get("transaction_id") == identifier), None)
    if found is None:
        raise Refused(404, f"Aucune transaction {identifier[:40]}")
    return found


def payment_state(p: Payment, now: float) -> int:
    if p.status == "ACCEPTED":
        return 100
    if p.status == "REFUSED":
        return {"602": 2005, "604": 2004}.get(p.code, 2010)
    return 2003 if p.expired(now) else 2001


def method_of(p: Payment, country: str) -> str:
    method = (p.payment_method or "").upper()
    if not method:
        return str((p.current or {}).get("payment_method") or "")
    if "_" in method:
        return method
    operator = CLASSIC_OPERATORS.get(method)
    return f"{operator}_{country}" if operator else method


@authenticated
def payment_status(state: SimState, req: Request, identifier: str) -> Response:
    p = _find_payment(state, identifier)
    now = state.now()
    code = payment_state(p, now)
    status, text = MESSAGES[code]
    phone = f"+{p.phone_prefix}{p.phone_number}" if p.phone_number else ""
    return json_response({
        "code": code, "status": status, "message": text,
        "merchant_transaction_id": p.transaction_id,
        "transaction_id": (p.current or {}).get("transaction_id") or p.token[:32],
        "payment_token": p.token,
        "amount": str(p.amount), "currency": p.currency,
        "payment_method": method_of(p, _country(state)),
        "payment_date": fmt_datetime(p.settled_at) if p.settled_at else None,
        "user": {"name": p.buyer_name, "email": p.customer.get("customer_email") or "",
                 "phone_number": phone},
    })


# -- transfers ----------------------------------------------------------------------------------
def available_balance(state: SimState) -> Decimal:
    ledger = state.ledger
    solde = Decimal(ledger.account_balance()["solde"])
    return solde + ledger.transfer_balance(state.now())["available"]


@authenticated
def create_transfer(state: SimState, req: Request) -> Response:
    f = Fields(_body(req))
    mtid = f.pattern("merchant_transaction_id", _ID)
    phone = f.pattern("phone_number", _E164)
    amount = f.amount(TRANSFER_MIN, TRANSFER_MAX)
    currency = f.choice("currency", CURRENCIES)
    if currency and currency != state.currency:
        f.fail("currency", f"The currency of this account is {state.currency}.")
    method = f.choice("payment_method", _methods(state))
    reason, notify_url = f.text("reason"), f.url("notify_url")
    prefix = CALLING_CODES[_country(state)]
    if phone and not phone.startswith(f"+{prefix}"):
        f.fail("phone_number", f"The phone_number must be a +{prefix} number.")
    f.check()
    if state.ledger.client_id_used(mtid):
        raise Refused(1200, f"La transaction {mtid} existe déjà")
    if amount > available_balance(state):
        raise Refused(2005, "Solde insuffisant pour effectuer ce transfert")
    now = state.now()
    transfer = state.ledger.add_transfer(Transfer(
        transaction_id=_new_id(state), client_transaction_id=mtid, lot="", prefix=prefix,
        phone=phone[1 + len(prefix):], amount=amount, operator=method, notify_url=notify_url,
        created_at=now,
        current={"payment_method": method, "currency": currency, "reason": reason,
                 "notify_token": _new_id(state), "fee": 0},
    ))
    return json_response(_transfer_view(state, transfer))


def _transfer_view(state: SimState, t: Transfer) -> dict[str, Any]:
    code = {"VAL": 100, "REJ": 2010}.get(t.status(state.now()), 2002)
    status, text = MESSAGES[code]
    extra = t.current or {}
    return {
        "code": code, "status": status, "message": text,
        "merchant_transaction_id": t.client_transaction_id or "",
        "transaction_id": t.transaction_id,
        "notify_token": extra.get("notify_token", ""),
        "amount": str(t.amount), "fee_amount": decimal_text(Decimal(extra.get("fee", 0))),
        "currency": extra.get("currency") or state.currency,
        "phone_number": f"+{t.prefix}{t.phone}",
    }


@authenticated
def transfer_status(state: SimState, req: Request, identifier: str) -> Response:
    found = (state.ledger.find_transfers(transaction_id=identifier)
             or state.ledger.find_transfers(client_transaction_id=identifier))
    if not found:
        raise Refused(404, f"Aucun transfert {identifier[:40]}")
    view = _transfer_view(state, found[0])
    view.pop("notify_token")
    view["user"] = {"name": "", "email": "", "phone_number": view["phone_number"]}
    return json_response(view)


# -- balance ------------------------------------------------------------------------------------
@authenticated
def balances(state: SimState, req: Request) -> Response:
    return json_response({"code": 200, "status": "OK",
                          "available_balance": decimal_text(available_balance(state)),
                          "currency": state.currency})
