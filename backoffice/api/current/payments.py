"""Payments: ``POST /v1/payment`` (a payment link) and ``GET /v1/payment/{id}`` (its state).

The caller journals ``merchant_transaction_id`` before :meth:`PaymentsApi.create`. A lost or
unclear answer (MaybeSent, BadResponse, OutcomeUnknown) means the link may exist: ask by that
id before anything else. 1200 TRANSACTION_EXIST (DuplicateId) proves only that the id exists.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from .. import parsing as p
from ..errors import BadResponse, reading
from ..transport import is_loopback
from .auth import Session
from .codes import OK_CODES, envelope, error, money_error, state_of
from .models import CurrentPaymentLink, CurrentPaymentRequest, CurrentPaymentStatus
from .validation import check_id, check_payment


def payment_body(req: CurrentPaymentRequest) -> dict[str, Any]:
    """The JSON CinetPay expects (also what the journal may keep: it holds no secret)."""
    body: dict[str, Any] = {
        "currency": req.currency,
        "merchant_transaction_id": req.merchant_transaction_id,
        "amount": req.amount,
        "lang": req.lang,
        "designation": req.designation.strip(),
        "client_email": req.client_email,
        "client_first_name": req.client_first_name.strip(),
        "client_last_name": req.client_last_name.strip(),
        "success_url": req.success_url,
        "failed_url": req.failed_url,
        "notify_url": req.notify_url,
        "channel": req.channel,
    }
    if req.payment_method:
        body["payment_method"] = req.payment_method
    if req.client_phone_number:
        body["client_phone_number"] = req.client_phone_number
    return body


class PaymentsApi:
    def __init__(self, session: Session) -> None:
        self._s = session

    async def create(self, req: CurrentPaymentRequest) -> CurrentPaymentLink:
        """Raises ValidationError before sending anything invalid."""
        check_payment(req)
        answer = await self._s.call("POST", "/v1/payment", payment_body(req))
        return parse_link(answer, req.merchant_transaction_id, self._s.base)

    async def status(self, identifier: str) -> CurrentPaymentStatus:
        """By merchant_transaction_id, CinetPay's transaction_id or payment_token. Unknown:
        NotFound (404), which proves nothing while the creation may still arrive."""
        if not identifier:
            check_id(identifier)
        with reading():
            answer = await self._s.call("GET", f"/v1/payment/{quote(identifier, safe='')}")
            return parse_status(answer, identifier)


def parse_link(answer: Any, merchant_transaction_id: str, base_url: str) -> CurrentPaymentLink:
    body, code = envelope(answer, "payment answer")
    if code not in OK_CODES:
        raise money_error(body, code)
    echoed = p.text(body, "merchant_transaction_id")
    if echoed and echoed != merchant_transaction_id:
        raise BadResponse(f"answer for another transaction: {echoed[:40]!r}")
    url = p.text(body, "payment_url", required=True)
    parts = urlsplit(url)
    if not (parts.scheme == "https" or (parts.scheme == "http" and is_loopback(base_url))):
        raise BadResponse(f"payment_url is not an https address: {url[:60]!r}")
    raw = body.get("details")
    details = p.obj(raw, "details") if isinstance(raw, dict) else {}
    redirect = details.get("must_be_redirected", True)
    return CurrentPaymentLink(
        merchant_transaction_id=merchant_transaction_id,
        payment_token=p.text(body, "payment_token", required=True),
        payment_url=url,
        transaction_id=p.text(body, "transaction_id"),
        notify_token=p.text(body, "notify_token"),
        details_code=p.text(details, "code"),
        details_status=p.text(details, "status"),
        details_message=p.text(details, "message"),
        must_be_redirected=redirect if isinstance(redirect, bool) else True,
    )


def parse_status(answer: Any, identifier: str = "") -> CurrentPaymentStatus:
    body, code = envelope(answer, "payment status")
    if code == "404":
        raise error(body, code)
    echoed = p.text(body, "merchant_transaction_id")
    asked_by_id = identifier in (echoed, p.text(body, "transaction_id"),
                                 p.text(body, "payment_token"))
    if identifier and echoed and not asked_by_id:
        # A status about another sale (of the same amount, at a till) must never pay this one.
        raise BadResponse(f"answer for another transaction: {echoed[:40]!r}")
    state = state_of(body, code)
    raw = body.get("user")
    user = p.obj(raw, "user") if isinstance(raw, dict) else {}
    return CurrentPaymentStatus(
        code=code,
        state=state,
        merchant_transaction_id=p.text(body, "merchant_transaction_id") or identifier,
        transaction_id=p.text(body, "transaction_id"),
        amount=p.decimal(body, "amount", required=False),
        currency=p.text(body, "currency").upper(),
        payment_method=p.text(body, "payment_method"),
        message=p.text(body, "message") or p.text(body, "description"),
        user_name=p.text(user, "name"),
        user_email=p.text(user, "email"),
        user_phone=p.text(user, "phone_number"),
        payment_date=p.timestamp(body, "payment_date"),
    )
