"""Legacy v1 API (api.cinetpay.com): ``POST /v1/?method=NAME`` (also ``/v2/?method=NAME``).

Form-encoded bodies, as PHP reads ``$_POST`` (a JSON body carries no fields). Answers are
HTTP 200 JSON; errors are ``{"status":{"code":"609","message":"AUTH_NOT_FOUND"}}``.

Choices where the documentation is silent:

- History lists settled payments only (ACCEPTED and REFUSED), newest first; ``date_debut`` /
  ``date_fin`` (jj-mm-aaaa, inclusive) filter on the creation date. ``state.history_quirks``
  makes it answer the odd shapes of a PHP backend (empty as null / "" / [], rows with zero
  dates and unreadable amounts): see :class:`~.state.HistoryQuirks`.
- ``checkPayStatus`` of a link not paid yet answers cpm_result "607" PENDING; of an unknown
  ``cpm_trans_id``: status 624 UNKNOWN_ERROR with a description.
- ``getSignatureByPost`` returns sha1 over the payment's own fields (amount, currency, site,
  transaction id, transaction date, designation, custom) plus a server secret: the same
  fields always give the same signature, and ``checkPayStatus`` echoes all of them, so a
  client can recompute and compare. Protocol constants (SINGLE, PAYMENT, V1, language) are
  validated but not signed. It does not create a transaction.
- "+" read as a space in phone fields (unencoded PHP bodies) is tolerated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .clock import fmt_compact, fmt_date, fmt_datetime, fmt_time, to_datetime
from .codes import V1_MESSAGES
from .ledger import NotFound, Payment
from .state import SIGNATURE_SECRET, SimState
from .web import Request, Response, json_response

Form = dict[str, str]
SIGNATURE_REQUIRED = (
    "cpm_amount",
    "cpm_currency",
    "cpm_site_id",
    "cpm_trans_id",
    "cpm_trans_date",
    "cpm_payment_config",
    "cpm_page_action",
    "cpm_version",
    "cpm_language",
    "cpm_designation",
    "apikey",
)
TRANS_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%d%m%Y%H%M%S", "%Y%m%d%H%M%S")
PHONE_FIELDS = ("cel_phone_num", "cpm_phone_prefixe", "cpm_phone_prefix")


def v1_error(code: str, description: str | None = None) -> Response:
    status = {"code": code, "message": V1_MESSAGES[code]}
    if description:
        status["description"] = description
    return json_response({"status": status})


def legacy(state: SimState, req: Request) -> Response:
    form = _form(req)
    method = req.query.get("method") or form.get("method", "")
    handler = METHODS.get(method)
    if handler is None:
        return v1_error("624", f"unknown method {method!r}")
    missing = [name for name in ("apikey", "cpm_site_id") if not form.get(name)]
    if missing:
        return v1_error("608", f"missing {', '.join(missing)}")
    if form["apikey"] != state.credentials["apikey"]:
        return v1_error("609")
    if form["cpm_site_id"] != state.credentials["site_id"]:
        return v1_error("613")
    return handler(state, form)


def _form(req: Request) -> Form:
    form = {k: v.strip() for k, v in req.form().items()} if not req.is_json() else {}
    for name in PHONE_FIELDS:  # "+225" posted unencoded arrives as " 225"
        if name in form:
            form[name] = form[name].replace(" ", "").lstrip("+")
    return form


def get_compte_status(state: SimState, form: Form) -> Response:
    balance = state.ledger.account_balance()
    return json_response({"user": {"compte": balance, "service": dict(balance)}})


def get_trans_history(state: SimState, form: Form) -> Response:
    try:
        start = _day(form.get("date_debut"))
        end = _day(form.get("date_fin"))
    except ValueError:
        return v1_error("614", "dates must be jj-mm-aaaa")
    phone = form.get("cel_phone_num", "")
    rows: list[Any] = []
    newest_first = sorted(state.ledger.payments.values(), key=lambda p: -p.created_at)
    for p in newest_first:
        day = to_datetime(p.created_at).date()
        if (
            not p.final
            or (start and day < start)
            or (end and day > end)
            or (form.get("cpm_trans_id") and p.transaction_id != form["cpm_trans_id"])
            or (form.get("cpm_payid") and p.operator_id != form["cpm_payid"])
            or (phone and phone not in (p.phone_number, f"{p.phone_prefix}{p.phone_number}"))
        ):
            continue
        rows.append(transaction_fields(state, p))
    quirks = state.history_quirks
    if quirks.odd_rows and newest_first:
        rows += odd_rows(transaction_fields(state, newest_first[0]))
    rows += quirks.extra_rows
    if rows:
        return json_response({"Transactions": {"transaction": rows}})
    empty: Any = {"null": {"Transactions": {"transaction": None}}, "empty_string": "",
                  "empty_list": []}.get(quirks.empty_as, {"Transactions": {"transaction": []}})
    return json_response(empty)


# (what is odd, the fields changed) for HistoryQuirks.odd_rows; the first is readable.
ODD_ROWS: tuple[tuple[str, dict[str, str]], ...] = (
    ("zero dates", {"cpm_payment_date": "0000-00-00", "cpm_payment_time": "00:00:00",
                    "created_at": "0000-00-00 00:00:00", "updated_at": "0000-00-00 00:00:00"}),
    ("empty amount", {"cpm_amount": ""}),
    ("3 decimals", {"cpm_amount": "100.125"}),
    ("huge amount", {"cpm_amount": "1E+30"}),
    ("not a number", {"cpm_amount": "abc"}),
    ("negative amount", {"cpm_amount": "-500"}),
)


def odd_rows(template: dict[str, str]) -> list[dict[str, str]]:
    """Copies of a real row, each with one oddity, under ids ODD-1, ODD-2…"""
    return [{**template, "cpm_trans_id": f"ODD-{n}", "cpm_designation": what, **changes}
            for n, (what, changes) in enumerate(ODD_ROWS, 1)]


def _day(text: str | None) -> Any:
    return datetime.strptime(text, "%d-%m-%Y").date() if text else None


def check_pay_status(state: SimState, form: Form) -> Response:
    if not form.get("cpm_trans_id"):
        return v1_error("608", "missing cpm_trans_id")
    try:
        payment = state.ledger.find_payment(transaction_id=form["cpm_trans_id"])
    except NotFound:
        return v1_error("624", "transaction not found")
    fields = transaction_fields(state, payment)
    fields["cpm_trans_date"] = fmt_compact(payment.created_at)
    fields["cpm_phone_prefixe"] = fields["cpm_phone_prefix"]
    return json_response({"transaction": fields})


def transaction_fields(state: SimState, p: Payment) -> dict[str, str]:
    """A payment as v1 shows it: every value a string."""
    when = p.settled_at or p.created_at
    code, message = (p.code, p.message) if p.final else ("607", "PENDING")
    return {
        "cpm_site_id": state.credentials["site_id"],
        "signature": payment_signature(state, p),
        "cpm_amount": str(p.amount),
        "cpm_trans_id": p.transaction_id,
        "cpm_custom": p.metadata or "",
        "cpm_currency": v1_currency(p.currency),
        "cpm_payid": p.operator_id if p.status == "ACCEPTED" and p.operator_id else "",
        "cpm_payment_date": fmt_date(when),
        "cpm_payment_time": fmt_time(when),
        "cpm_error_message": message,
        "payment_method": p.payment_method or "",
        "cpm_phone_prefix": p.phone_prefix or "",
        "cel_phone_num": p.phone_number or "",
        "cpm_ipn_ack": "Y" if p.status == "ACCEPTED" else "N",
        "created_at": fmt_datetime(p.created_at),
        "updated_at": fmt_datetime(when),
        "cpm_result": code,
        "cpm_trans_status": p.status,
        "cpm_designation": p.description,
        "buyer_name": p.buyer_name,
    }


def v1_currency(currency: str) -> str:
    return "CFA" if currency in ("XOF", "XAF", "CFA") else currency


def signature(
    state: SimState,
    amount: str,
    currency: str,
    trans_id: str,
    trans_date: str,
    designation: str,
    custom: str,
) -> str:
    parts = {
        "cpm_amount": amount,
        "cpm_currency": v1_currency(currency.upper()),
        "cpm_custom": custom,
        "cpm_designation": designation,
        "cpm_site_id": state.credentials["site_id"],
        "cpm_trans_date": trans_date,
        "cpm_trans_id": trans_id,
    }
    canonical = "&".join(f"{k}={v}" for k, v in sorted(parts.items()))
    return hashlib.sha1(f"{SIGNATURE_SECRET}|{canonical}".encode()).hexdigest()


def payment_signature(state: SimState, p: Payment) -> str:
    return signature(
        state,
        str(p.amount),
        p.currency,
        p.transaction_id,
        fmt_compact(p.created_at),
        p.description,
        p.metadata or "",
    )


def _parse_trans_date(text: str) -> datetime:
    for fmt in TRANS_DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(text)


def get_signature_by_post(state: SimState, form: Form) -> Response:
    missing = [name for name in SIGNATURE_REQUIRED if not form.get(name)]
    if missing:
        return v1_error("608", f"missing {', '.join(missing)}")
    checks: list[tuple[str, bool]] = [
        ("611", form["cpm_amount"].isdigit() and int(form["cpm_amount"]) >= 5),
        ("612", form["cpm_currency"].upper() in ("CFA", state.currency)),
        ("615", form["cpm_language"].lower() in ("fr", "en")),
        ("616", form["cpm_page_action"].upper() == "PAYMENT"),
        ("617", form["cpm_payment_config"].upper() == "SINGLE"),
        ("618", form["cpm_version"].upper() in ("V1", "V2")),
    ]
    for code, ok in checks:
        if not ok:
            return v1_error(code)
    try:
        trans_date = _parse_trans_date(form["cpm_trans_date"]).strftime("%d%m%Y%H%M%S")
    except ValueError:
        return v1_error("614")
    sig = signature(
        state,
        str(int(form["cpm_amount"])),
        form["cpm_currency"],
        form["cpm_trans_id"],
        trans_date,
        form["cpm_designation"],
        form.get("cpm_custom", ""),
    )
    return json_response(sig)


METHODS: dict[str, Callable[[SimState, Form], Response]] = {
    "getCompteStatus": get_compte_status,
    "getTransHistory": get_trans_history,
    "checkPayStatus": check_pay_status,
    "getSignatureByPost": get_signature_by_post,
}
