"""Checkout v2 (JSON): create a payment link and verify a payment."""

from __future__ import annotations

import json
from typing import Any

from . import parsing as p
from .codes import CHECK_REFUSALS, Family, Kind, lookup, normalize
from .errors import BadResponse, ValidationError, api_error
from .models import Credentials, PaymentCheck, PaymentLink, PaymentRequest, PaymentStatus
from .transport import Transport
from .validation import check_payment


def payment_body(req: PaymentRequest, creds: Credentials | None = None) -> dict[str, Any]:
    """The JSON CinetPay expects; optional fields are sent only when set. Without ``creds``
    it is what the journal keeps (no apikey / site_id)."""
    cust = req.customer
    body: dict[str, Any] = {
        "transaction_id": req.transaction_id,
        "amount": req.amount,
        "currency": str(req.currency).upper(),
        "description": req.description.strip(),
        "notify_url": req.notify_url,
        "return_url": req.return_url,
        "channels": ",".join(str(c) for c in req.channels),
        "lang": req.lang,
    }
    optional = {
        "metadata": req.metadata,
        "alternative_currency": req.alternative_currency,
        "customer_id": cust.id,
        "customer_name": cust.name,
        "customer_surname": cust.surname,
        "customer_phone_number": cust.phone_number,
        "customer_email": cust.email,
        "customer_address": cust.address,
        "customer_city": cust.city,
        "customer_country": cust.country,
        "customer_state": cust.state,
        "customer_zip_code": cust.zip_code,
    }
    body.update({k: v for k, v in optional.items() if v})
    if req.invoice_data:
        body["invoice_data"] = dict(req.invoice_data)
    if req.lock_phone_number:
        body["lock_phone_number"] = True
    if creds is not None:
        body = {"apikey": creds.apikey, "site_id": creds.site_id, **body}
    return body


class CheckoutApi:
    def __init__(self, transport: Transport, base_url: str, creds: Credentials) -> None:
        self._t = transport
        self._base = base_url.rstrip("/")
        self._creds = creds

    async def init_payment(self, req: PaymentRequest) -> PaymentLink:
        """POST /v2/payment. Raises ValidationError before sending anything invalid."""
        check_payment(req)
        body = payment_body(req, self._creds)

        async def call() -> PaymentLink:
            answer = await self._t.send("POST", f"{self._base}/v2/payment", json=body)
            return parse_init(answer, req.transaction_id)

        return await self._t.with_backoff(call)

    async def check_payment(self, transaction_id: str = "", token: str = "") -> PaymentCheck:
        """POST /v2/payment/check by transaction_id or payment token (either suffices)."""
        if not transaction_id and not token:
            raise ValidationError("transaction_id", "Identifiant ou jeton de paiement requis",
                                  "A transaction id or payment token is required")
        body = {"apikey": self._creds.apikey, "site_id": self._creds.site_id}
        if transaction_id:
            body["transaction_id"] = transaction_id
        if token:
            body["token"] = token

        async def call() -> PaymentCheck:
            answer = await self._t.send("POST", f"{self._base}/v2/payment/check", json=body)
            return parse_check(answer)

        return await self._t.with_backoff(call)


def _envelope(answer: Any) -> tuple[dict[str, Any], str, str, str]:
    body = p.obj(answer, "checkout answer")
    code = normalize(p.text(body, "code", required=True))
    return body, code, p.text(body, "message"), p.text(body, "description")


def parse_init(answer: Any, transaction_id: str) -> PaymentLink:
    body, code, message, description = _envelope(answer)
    if code != "201":
        raise api_error(Family.CHECKOUT, code, message, description)
    data = p.obj(body.get("data"), "data")
    url = p.text(data, "payment_url", required=True)
    if not url.startswith(("https://", "http://")):
        raise BadResponse(f"payment_url is not a web address: {url[:60]!r}")
    return PaymentLink(
        transaction_id=transaction_id,
        payment_token=p.text(data, "payment_token", required=True),
        payment_url=url,
        api_response_id=p.text(body, "api_response_id"),
    )


_STATUS_BY_KIND = {
    Kind.SUCCESS: PaymentStatus.ACCEPTED,
    Kind.PENDING: PaymentStatus.PENDING,
    Kind.PAYMENT_FAILED: PaymentStatus.REFUSED,
}


def parse_check(answer: Any) -> PaymentCheck:
    """A payment's status. Codes that describe a payment (00, pending, failures, and 603, 606,
    804, 807–812 in a check) give a PaymentCheck; codes that describe a failed *request*
    (608, 609, 429…) raise."""
    body, code, message, description = _envelope(answer)
    info = lookup(Family.CHECKOUT, code)
    status = _STATUS_BY_KIND.get(info.kind) if info else None
    if code in CHECK_REFUSALS:
        status = PaymentStatus.REFUSED
    raw = body.get("data")
    data = p.obj(raw, "data") if isinstance(raw, dict) else {}
    declared = p.text(data, "status").strip().upper()
    if status is None:
        # Unknown code: trust data.status only if it is one CinetPay documents.
        if info is None and declared in PaymentStatus.__members__:
            status = PaymentStatus(declared)
        else:
            raise api_error(Family.CHECKOUT, code, message, description)
    return PaymentCheck(
        code=code,
        message=message,
        status=status,
        amount=p.decimal(data, "amount", required=False),
        currency=p.text(data, "currency"),
        payment_method=p.text(data, "payment_method"),
        payment_date=p.timestamp(data, "payment_date"),
        operator_id=p.text(data, "operator_id"),
        phone_number=p.text(data, "phone_number"),
        phone_prefix=p.text(data, "phone_prefix"),
        description=p.text(data, "description"),
        metadata=_metadata(data.get("metadata")),
        fund_availability_date=p.text(data, "fund_availability_date"),
        api_response_id=p.text(body, "api_response_id"),
        data_status=declared,
    )


def _metadata(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)
