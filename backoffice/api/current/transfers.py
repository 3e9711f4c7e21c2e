"""Transfers: ``POST /v1/transfer`` (E.164 number + method such as OM_CI; no contact list)
and ``GET /v1/transfer/{id}``.

The caller journals ``merchant_transaction_id`` before :meth:`TransfersApi.create` and never
sends it again while its outcome is unclear: MaybeSent, BadResponse and OutcomeUnknown (-1,
an undocumented code, an answer whose state cannot be read) mean the money may have left.
Codes that prove CinetPay refused without acting (1004, 1005, 422, 429, 2005 balance,
2006/2007 account, 2011) raise their typed error; 1200 TRANSACTION_EXIST (DuplicateId) proves
only that the id exists — check it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from .. import parsing as p
from ..errors import ApiError, BadResponse, reading
from .auth import Session
from .codes import (
    OK_CODES,
    REFUSED_WITHOUT_ACTING,
    STATE_CODES,
    envelope,
    error,
    money_error,
    state_of,
)
from .models import CurrentTransferRequest, CurrentTransferStatus
from .validation import check_id, check_transfer


def transfer_body(req: CurrentTransferRequest) -> dict[str, Any]:
    return {
        "currency": req.currency,
        "merchant_transaction_id": req.merchant_transaction_id,
        "phone_number": req.phone_number,
        "amount": req.amount,
        "payment_method": req.payment_method,
        "reason": req.reason.strip(),
        "notify_url": req.notify_url,
    }


class TransfersApi:
    def __init__(self, session: Session) -> None:
        self._s = session

    async def create(self, req: CurrentTransferRequest) -> CurrentTransferStatus:
        """Send one transfer. Raises ValidationError before sending anything invalid."""
        check_transfer(req, self._s.country)
        answer = await self._s.call("POST", "/v1/transfer", transfer_body(req))
        return parse_created(answer, req.merchant_transaction_id)

    async def status(self, identifier: str) -> CurrentTransferStatus:
        """By CinetPay's transaction_id or our merchant_transaction_id. Unknown: NotFound."""
        if not identifier:
            check_id(identifier)
        with reading():
            answer = await self._s.call("GET", f"/v1/transfer/{quote(identifier, safe='')}")
            return parse_status(answer, identifier)


def parse_created(answer: Any, merchant_transaction_id: str) -> CurrentTransferStatus:
    body, code = envelope(answer, "transfer answer")
    if code in REFUSED_WITHOUT_ACTING:
        raise error(body, code)
    if code not in STATE_CODES and code not in OK_CODES:
        raise money_error(body, code)
    echoed = p.text(body, "merchant_transaction_id")
    if echoed and echoed != merchant_transaction_id:
        raise BadResponse(f"answer for another transfer: {echoed[:40]!r}")
    try:
        return parse_status(body, merchant_transaction_id)
    except ApiError as exc:  # accepted, but in no state we can read: uncertain
        raise BadResponse(f"transfer state unreadable: {exc.detail[:80]}") from None


def parse_status(answer: Any, identifier: str = "") -> CurrentTransferStatus:
    body, code = envelope(answer, "transfer status")
    if code == "404":
        raise error(body, code)
    state = state_of(body, code)
    return CurrentTransferStatus(
        code=code,
        state=state,
        merchant_transaction_id=p.text(body, "merchant_transaction_id") or identifier,
        transaction_id=p.text(body, "transaction_id"),
        amount=p.decimal(body, "amount", required=False),
        fee_amount=p.decimal(body, "fee_amount", required=False),
        currency=p.text(body, "currency").upper(),
        phone_number=p.text(body, "phone_number"),
        notify_token=p.text(body, "notify_token"),
        message=p.text(body, "message") or p.text(body, "description"),
    )
