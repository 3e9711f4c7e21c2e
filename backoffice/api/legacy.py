"""Legacy v1 (form-encoded, ``POST /v1/?method=NAME``): balances, history, payment status,
payment-form signature. Every value comes back as a string."""

from __future__ import annotations

import asyncio
from typing import Any

from . import parsing as p
from .codes import Family, normalize
from .errors import BadResponse, api_error
from .models import (
    AccountStatus,
    BalanceLine,
    Credentials,
    HistoryFilter,
    LegacyTransaction,
    SignatureRequest,
)
from .transport import Transport
from .validation import check_history_filter, check_id, require_int_amount


class LegacyApi:
    def __init__(self, transport: Transport, base_url: str, creds: Credentials) -> None:
        self._t = transport
        self._base = base_url.rstrip("/")
        self._creds = creds

    async def _call(self, method: str, fields: dict[str, str]) -> Any:
        form = {"apikey": self._creds.apikey, "cpm_site_id": self._creds.site_id, **fields}

        async def call() -> Any:
            answer = await self._t.send("POST", f"{self._base}/v1/", params={"method": method},
                                        data=form)
            _raise_status(answer)
            return answer

        return await self._t.with_backoff(call)

    async def account_status(self) -> AccountStatus:
        """getCompteStatus: merchant account and service balances."""
        answer = p.obj(await self._call("getCompteStatus", {}), "getCompteStatus")
        user = p.obj(answer.get("user"), "user")
        return AccountStatus(account=_balance(user.get("compte"), "compte"),
                             service=_balance(user.get("service"), "service"))

    async def history(self, flt: HistoryFilter | None = None) -> list[LegacyTransaction]:
        """getTransHistory with every optional filter (dates are inclusive, jj-mm-aaaa)."""
        flt = flt or HistoryFilter()
        check_history_filter(flt)
        fields = {
            "date_debut": flt.date_from.strftime("%d-%m-%Y") if flt.date_from else "",
            "date_fin": flt.date_to.strftime("%d-%m-%Y") if flt.date_to else "",
            "cpm_payid": flt.payid,
            "cel_phone_num": flt.phone,
            "cpm_trans_id": flt.transaction_id,
        }
        answer = await self._call("getTransHistory", {k: v for k, v in fields.items() if v})
        return await asyncio.to_thread(parse_history, answer)  # can be thousands of rows

    async def check_pay_status(self, transaction_id: str) -> LegacyTransaction:
        """checkPayStatus: one transaction; accepted when cpm_result is "00"."""
        check_id(transaction_id, "cpm_trans_id")
        answer = p.obj(await self._call("checkPayStatus", {"cpm_trans_id": transaction_id}),
                       "checkPayStatus")
        return parse_transaction(p.obj(answer.get("transaction"), "transaction"))

    async def signature(self, req: SignatureRequest) -> str:
        """getSignatureByPost: the signature of a v1 payment form (a JSON-encoded string)."""
        require_int_amount(req.amount, "cpm_amount")
        check_id(req.trans_id, "cpm_trans_id")
        fields = {
            "cpm_amount": str(req.amount),
            "cpm_currency": req.currency,
            "cpm_trans_id": req.trans_id,
            "cpm_trans_date": req.trans_date,
            "cpm_payment_config": req.payment_config,
            "cpm_page_action": req.page_action,
            "cpm_version": req.version,
            "cpm_language": req.language,
            "cpm_designation": req.designation,
            "cpm_custom": req.custom,
        }
        if req.phone:
            fields["cel_phone_num"] = req.phone
            fields["cpm_phone_prefixe"] = req.phone_prefix
        answer = await self._call("getSignatureByPost", fields)
        if not isinstance(answer, str) or not answer.strip():
            raise BadResponse("getSignatureByPost: expected a signature string")
        return answer.strip()


def _raise_status(answer: Any) -> None:
    """v1 errors look like {"status": {"code": "609", "message": "AUTH_NOT_FOUND"}}."""
    if isinstance(answer, dict) and "status" in answer and isinstance(answer["status"], dict):
        status = answer["status"]
        code = normalize(p.text(status, "code", required=True))
        if code != "00":
            raise api_error(Family.CHECKOUT, code, p.text(status, "message"),
                            p.text(status, "description"))


def _balance(value: Any, what: str) -> BalanceLine:
    d = p.obj(value, what)
    return BalanceLine(solde=p.amount(d, "solde"), credit=p.amount(d, "credit"),
                       debit=p.amount(d, "debit"))


def parse_history(answer: Any) -> list[LegacyTransaction]:
    body = p.obj(answer, "getTransHistory")
    block = body.get("Transactions")
    if block in (None, "", []):  # PHP encodes an empty result in several ways
        return []
    items = p.obj(block, "Transactions").get("transaction", [])
    if isinstance(items, dict):  # a single transaction is sometimes not wrapped in a list
        items = [items]
    return [parse_transaction(p.obj(item, "transaction")) for item in p.seq(items, "transaction")]


def parse_transaction(d: dict[str, Any]) -> LegacyTransaction:
    return LegacyTransaction(
        transaction_id=p.text(d, "cpm_trans_id", required=True),
        amount=p.amount(d, "cpm_amount"),
        currency=p.text(d, "cpm_currency"),
        status=p.text(d, "cpm_trans_status").upper(),
        result=normalize(p.text(d, "cpm_result")) if p.text(d, "cpm_result") else "",
        error_message=p.text(d, "cpm_error_message"),
        payid=p.text(d, "cpm_payid"),
        payment_date=p.day(d, "cpm_payment_date"),
        payment_time=p.text(d, "cpm_payment_time"),
        payment_method=p.text(d, "payment_method"),
        phone_prefix=p.text(d, "cpm_phone_prefix") or p.text(d, "cpm_phone_prefixe"),
        phone=p.text(d, "cel_phone_num"),
        site_id=p.text(d, "cpm_site_id"),
        signature=p.text(d, "signature"),
        custom=p.text(d, "cpm_custom"),
        designation=p.text(d, "cpm_designation"),
        buyer_name=p.text(d, "buyer_name"),
        ipn_ack=p.text(d, "cpm_ipn_ack"),
        trans_date=p.text(d, "cpm_trans_date"),
        created_at=p.timestamp(d, "created_at"),
        updated_at=p.timestamp(d, "updated_at"),
    )
