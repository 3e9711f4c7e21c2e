"""Transfer API (form + query): login token, balance, contacts, send money, check transfers.

The token lives 5 minutes. It is cached, renewed shortly before it expires, and renewed once
transparently when CinetPay rejects it (705 EXPIRED_TOKEN / 706 INVALID_TOKEN / 707).
Re-sending after a token rejection is safe: CinetPay refused the request without acting on it.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

from ..logs import register_secret
from . import parsing as p
from .codes import Family, lookup, normalize
from .errors import (
    ApiError,
    BadResponse,
    TokenError,
    ValidationError,
    api_error,
    reading,
    uncertain_send_error,
)
from .models import (
    Contact,
    ContactResult,
    Credentials,
    TransferBalance,
    TransferInfo,
    TransferOrder,
    TransferResult,
    TreatmentStatus,
)
from .phones import same_phone
from .transport import Transport
from .validation import check_contact, check_transfer

TOKEN_LIFETIME = 300.0
TOKEN_MARGIN = 30.0  # renew this long before CinetPay would expire it


class TransferApi:
    def __init__(self, transport: Transport, base_url: str, creds: Credentials, *,
                 lang: str = "fr", clock: Callable[[], float] = time.monotonic) -> None:
        self._t = transport
        self._base = base_url.rstrip("/")
        self._creds = creds
        self._lang = lang
        self._clock = clock
        self._token = ""
        self._expires = 0.0
        self._login_lock = asyncio.Lock()
        self.logins = 0  # how many tokens were obtained (observability, tests)

    @property
    def enabled(self) -> bool:
        """Transfers need the transfer password (set in the merchant back-office)."""
        return bool(self._creds.transfer_password)

    # --- token -----------------------------------------------------------------------------

    async def login(self) -> str:
        """POST /v1/auth/login → a fresh token (cached)."""
        if not self._creds.transfer_password:
            raise ValidationError("transfer_password", "Mot de passe de transfert manquant",
                                  "The transfer password is missing")
        form = {"apikey": self._creds.apikey, "password": self._creds.transfer_password}

        async def call() -> str:
            answer = await self._t.send("POST", f"{self._base}/v1/auth/login",
                                        params={"lang": self._lang}, data=form)
            data = _data(answer)
            return p.text(p.obj(data, "data"), "token", required=True)

        started = self._clock()
        self._token = await self._t.with_backoff(call)
        register_secret(self._token)  # tokens never reach a log in clear
        self._expires = started + TOKEN_LIFETIME - TOKEN_MARGIN
        self.logins += 1
        return self._token

    def forget_token(self) -> None:
        self._token, self._expires = "", 0.0

    async def _valid_token(self, rejected: str = "") -> str:
        async with self._login_lock:
            # Another task may have renewed it while we waited for the lock.
            if self._token and self._token != rejected and self._clock() < self._expires:
                return self._token
            return await self.login()

    async def _call(self, method: str, path: str, *, params: dict[str, str] | None = None,
                    form: dict[str, str] | None = None) -> Any:
        token = await self._valid_token()
        for renewed in (False, True):
            query = {"lang": self._lang, "token": token, **(params or {})}

            async def call(query: dict[str, str] = query) -> Any:
                answer = await self._t.send(method, f"{self._base}{path}", params=query,
                                            data=form)
                return _data(answer)

            try:
                return await self._t.with_backoff(call)
            except TokenError:
                if renewed:
                    raise
                token = await self._valid_token(rejected=token)
        raise AssertionError("unreachable")  # pragma: no cover

    # --- endpoints -------------------------------------------------------------------------

    async def balance(self) -> TransferBalance:
        with reading():  # a pure read: a failure says "try again"
            data = p.obj(await self._call("GET", "/v1/transfer/check/balance"), "balance")
            return TransferBalance(amount=p.amount(data, "amount"),
                                   in_using=p.amount(data, "inUsing"),
                                   available=p.amount(data, "available"))

    async def add_contacts(self, contacts: list[Contact]) -> list[ContactResult]:
        """Add one or many contacts; the outcome is per contact (726 = already a contact)."""
        if not contacts:
            return []
        for contact in contacts:
            check_contact(contact)
        payload = [{"prefix": c.prefix, "phone": c.phone, "name": c.name,
                    "surname": c.surname, "email": c.email} for c in contacts]
        data = await self._call("POST", "/v1/transfer/contact",
                                form={"data": json.dumps(payload)})
        items = _flatten(data)
        # CinetPay may echo a number in another form (the seed sends 01020304 and gets other
        # numbers back): match by normalised phone, then by position; never by exact text.
        picked = _pair(items, contacts, lambda item, c: same_phone(
            c.prefix, p.text(item, "phone"), c.phone))
        results = []
        for contact, item in zip(contacts, picked, strict=True):
            code, status, message = _item_outcome(item)
            results.append(ContactResult(contact, code, status, p.text(item, "lot"), message))
        return results

    async def list_contacts(self) -> list[Contact]:
        with reading():  # a pure read: a failure says "try again"
            data = await self._call("GET", "/v1/transfer/contact")
            items = _flatten(data) if data not in (None, "") else []
            return [Contact(prefix=p.text(d, "prefix"), phone=p.text(d, "phone", required=True),
                            name=p.text(d, "name"), surname=p.text(d, "surname"),
                            email=p.text(d, "email")) for d in items]

    async def send_money(self, orders: list[TransferOrder]) -> list[TransferResult]:
        """Send one or a batch of transfers. Each order carries its own client_transaction_id,
        already saved by the caller; the outcome is per order."""
        if not orders:
            return []
        for order in orders:
            check_transfer(order)
        payload = [{"prefix": o.prefix, "phone": o.phone, "amount": o.amount,
                    "notify_url": o.notify_url,
                    "client_transaction_id": o.client_transaction_id} for o in orders]
        try:
            data = await self._call("POST", "/v1/transfer/money/send/contact",
                                    form={"data": json.dumps(payload)})
        except ApiError as exc:  # a code that can come after execution: uncertain
            raise uncertain_send_error(exc) from None
        items = _flatten(data)
        picked = _pair(items, orders, lambda item, o: p.text(
            item, "client_transaction_id") == o.client_transaction_id, key="client_transaction_id")
        results = []
        for order, item in zip(orders, picked, strict=True):
            code, status, message = _item_outcome(item)
            results.append(TransferResult(
                order=order, code=code, status=status,
                transaction_id=p.text(item, "transaction_id"), lot=p.text(item, "lot"),
                treatment_status=_treatment(item, required=False), message=message))
        return results

    async def check_transfer(self, *, transaction_id: str = "", client_transaction_id: str = "",
                             lot: str = "") -> list[TransferInfo]:
        """Transfers by CinetPay id, by our client_transaction_id, or by lot.
        Unknown → :class:`NotFound` (723)."""
        given = {k: v for k, v in {"transaction_id": transaction_id,
                                   "client_transaction_id": client_transaction_id,
                                   "lot": lot}.items() if v}
        if len(given) != 1:
            raise ValidationError("transaction_id", "Donnez un seul identifiant de transfert",
                                  "Give exactly one transfer identifier")
        data = await self._call("GET", "/v1/transfer/check/money", params=given)
        items = data if isinstance(data, list) else [data]
        return [parse_transfer_info(p.obj(d, "transfer")) for d in items]


def _data(answer: Any) -> Any:
    """Unwrap {"code": 0, "message", "data"}; raise the typed error for any other code."""
    body = p.obj(answer, "transfer answer")
    code = normalize(p.text(body, "code", required=True))
    if code != "0":
        raise api_error(Family.TRANSFER, code, p.text(body, "message"),
                        p.text(body, "description"))
    return body.get("data")


def _flatten(data: Any) -> list[dict[str, Any]]:
    """CinetPay answers per-item lists wrapped once more ([[…]]); accept both shapes."""
    items = p.seq(data, "data")
    if items and all(isinstance(x, list) for x in items):
        items = [y for x in items for y in x]
    return [p.obj(x, "item") for x in items]


def _pair(items: list[dict[str, Any]], wanted: list[Any],
          same: Callable[[dict[str, Any], Any], bool], key: str = "") -> list[dict[str, Any]]:
    """The answer item of each request entry: the one that ``same`` recognises, else the one
    at its position (unless that item names another entry by ``key``), else ``{}`` (no
    result: an outcome nobody can read, which the caller treats as uncertain). Each item is
    used at most once."""
    used: set[int] = set()
    found: list[int | None] = []
    for entry in wanted:
        hit = next((j for j, item in enumerate(items) if j not in used and same(item, entry)),
                   None)
        if hit is not None:
            used.add(hit)
        found.append(hit)
    for i, hit in enumerate(found):
        if hit is None and i < len(items) and i not in used and not (
                key and p.text(items[i], key)):
            used.add(i)
            found[i] = i
    return [items[j] if j is not None else {} for j in found]


def _item_outcome(item: dict[str, Any]) -> tuple[str, str, str]:
    """(code, status, message). An item without a code has the code "" (not a success)."""
    raw = item.get("code")
    code = "" if raw is None or str(raw).strip() == "" else normalize(p.text(item, "code"))
    info = lookup(Family.TRANSFER, code) if code else None
    message = p.text(item, "message") or p.text(item, "description") or (
        info.name if info else "")
    return code, p.text(item, "status"), message


def _treatment(d: dict[str, Any], *, required: bool = True) -> TreatmentStatus | None:
    raw = p.text(d, "treatment_status", required=required).upper()
    if not raw and not required:
        return None
    try:
        return TreatmentStatus(raw)
    except ValueError:
        raise BadResponse(f"unknown treatment_status {raw[:20]!r}") from None


def parse_transfer_info(d: dict[str, Any]) -> TransferInfo:
    status = _treatment(d)
    assert status is not None
    return TransferInfo(
        transaction_id=p.text(d, "transaction_id"),
        client_transaction_id=p.text(d, "client_transaction_id"),
        lot=p.text(d, "lot"),
        amount=p.amount(d, "amount"),
        receiver=p.text(d, "receiver"),
        treatment_status=status,
        receiver_e164=p.text(d, "receiver_e164"),
        operator=p.text(d, "operator"),
        sending_status=p.text(d, "sending_status"),
        transfer_valid=p.text(d, "transfer_valid"),
        comment=p.text(d, "comment"),
        validated_at=p.timestamp(d, "validated_at"),
    )
