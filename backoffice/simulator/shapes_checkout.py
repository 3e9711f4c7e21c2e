"""Odd checkout answers on demand, so training and tests meet them (cinetpay-api.md §6).

``POST /_sim/shapes/checkout`` (JSON) with ``"shape"`` one of:

- ``success_but_refused`` / ``success_but_pending``: the check of ``transaction_id`` answers
  code 00 "SUCCES" with ``data.status`` REFUSED / PENDING;
- ``other_amount``: 00 and ACCEPTED with another amount (``"amount"``, default the link's + 5);
- ``other_currency``: 00 and ACCEPTED in another currency (``"currency"``, default XAF/XOF);
- ``refused_code``: the customer's payment refused with ``"code"`` (603, 606, 804, 807–812 or
  any refusal code: the check answers that code with ``data.status`` REFUSED);
- ``accepted_after_refused``: a refused payment paid on a second attempt on the same page;
- ``foreign_url`` / ``http_url``: the next ``count`` (default 1) link creations answer a
  ``payment_url`` on another host / CinetPay's in plain http (``"payment_url"`` to choose it,
  ``{token}`` standing for the payment token);
- ``clear``: back to faithful answers.

``GET`` lists what is set. Shapes live with the ledger, so ``/_sim/reset`` clears them.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .ledger import Conflict, Invalid, Ledger, Payment
from .routes_control import guarded
from .state import SimState
from .web import Request, Response, json_response


@dataclass
class CheckoutShapes:
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)  # tid -> answer overrides
    urls: list[str] = field(default_factory=list)  # payment_url of the next inits

    def describe(self) -> dict[str, Any]:
        return {"checks": {k: dict(v) for k, v in self.checks.items()}, "urls": list(self.urls)}


_BOOKS: weakref.WeakKeyDictionary[Ledger, CheckoutShapes] = weakref.WeakKeyDictionary()


def shapes(state: SimState) -> CheckoutShapes:
    return _BOOKS.setdefault(state.ledger, CheckoutShapes())


# -- used by routes_checkout ---------------------------------------------------------------------
def shape_check(state: SimState, payment: Payment, body: dict[str, Any]) -> dict[str, Any]:
    """The check answer of ``payment``, with the overrides asked for (if any)."""
    over = shapes(state).checks.get(payment.transaction_id)
    if not over:
        return body
    data = {**body.get("data", {}), **over.get("data", {})}
    return {**body, **{k: v for k, v in over.items() if k != "data"}, "data": data}


def shape_url(state: SimState, url: str) -> str:
    """The payment_url of a new link: the next queued odd one, else ``url``."""
    queued = shapes(state).urls
    if not queued:
        return url
    return queued.pop(0).replace("{token}", urlsplit(url).path.rsplit("/", 1)[-1])


# -- the control route ---------------------------------------------------------------------------
@guarded
def control(state: SimState, req: Request) -> Response:
    book = shapes(state)
    if req.method == "POST":
        body = _json_object(req)
        shape = str(body.get("shape") or "")
        if shape == "clear":
            book.checks.clear()
            book.urls.clear()
        elif shape in ("foreign_url", "http_url"):
            count = int(body.get("count", 1))
            url = str(body.get("payment_url") or (
                "http://checkout.cinetpay.com/payment/{token}" if shape == "http_url"
                else "https://checkout.cinetpay.com.evil.example/payment/{token}"))
            book.urls.extend([url] * max(0, count))
        else:
            _payment_shape(state, book, shape, body)
    return json_response(book.describe())


def _payment_shape(state: SimState, book: CheckoutShapes, shape: str,
                   body: dict[str, Any]) -> None:
    payment = state.ledger.find_payment(transaction_id=str(body.get("transaction_id") or ""))
    tid = payment.transaction_id
    if shape == "success_but_refused":
        book.checks[tid] = {"code": "00", "message": "SUCCES", "data": {"status": "REFUSED"}}
    elif shape == "success_but_pending":
        book.checks[tid] = {"code": "00", "message": "SUCCES", "data": {"status": "PENDING"}}
    elif shape == "other_amount":
        amount = str(body.get("amount") or payment.amount + 5)
        book.checks[tid] = _paid({"amount": amount})
    elif shape == "other_currency":
        other = str(body.get("currency") or ("XOF" if payment.currency == "XAF" else "XAF"))
        book.checks[tid] = _paid({"currency": other})
    elif shape == "refused_code":
        state.ledger.settle(tid, "REFUSED", now=state.now(), code=str(body.get("code") or ""),
                            payment_method=str(body.get("payment_method") or "OM"),
                            phone_number=str(body.get("phone_number") or "0701020304"))
    elif shape == "accepted_after_refused":
        if payment.status != "REFUSED":
            raise Conflict(f"payment {tid} is {payment.status}, not REFUSED")
        payment.status, payment.code = "PENDING", "662"  # the customer tries again…
        state.ledger.settle(tid, "ACCEPTED", now=state.now(),  # …and pays
                            payment_method=str(body.get("payment_method") or "OM"),
                            phone_number=str(body.get("phone_number") or "0701020304"))
    else:
        raise Invalid(f"unknown shape {shape!r}")


def _json_object(req: Request) -> dict[str, Any]:
    try:
        data = req.json() if req.body.strip() else {}
    except ValueError as exc:
        raise Invalid("body must be JSON") from exc
    if not isinstance(data, dict):
        raise Invalid("body must be a JSON object")
    return data


def _paid(data: dict[str, Any]) -> dict[str, Any]:
    return {"code": "00", "message": "SUCCES",
            "data": {"status": "ACCEPTED", "payment_method": "OM",
                     "phone_number": "0701020304", **data}}
