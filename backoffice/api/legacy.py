"""Legacy v1 (form-encoded, ``POST /v1/?method=NAME``): balances, history, payment status,
payment-form signature. Every value comes back as a string. All four are pure reads: their
failures say "try again" (:func:`~.errors.reading`).

History is read row by row: one odd row (a corrupt amount, a garbage date) is dropped or
shown without the bad field and counted in :attr:`HistoryList.unreadable`; it never rejects
the whole answer. A history refresh reads its rows as plain tuples
(:func:`parse_history_records`): a hundred thousand objects the garbage collector stops
tracking, read about ten times faster than transactions, the same values."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from datetime import date, datetime
from datetime import time as clock_time
from typing import Any

from . import parsing as p
from .codes import Family, normalize
from .errors import BadResponse, api_error, reading
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
        with reading():
            answer = p.obj(await self._call("getCompteStatus", {}), "getCompteStatus")
            user = p.obj(answer.get("user"), "user")
            return AccountStatus(account=_balance(user.get("compte"), "compte"),
                                 service=_balance(user.get("service"), "service"))

    async def history(self, flt: HistoryFilter | None = None) -> HistoryList:
        """getTransHistory with every optional filter (dates are inclusive, jj-mm-aaaa).
        An answer over the transport's size cap raises AnswerTooLarge: ask for less."""
        with reading():
            answer = await self._history_answer(flt or HistoryFilter())
            return await asyncio.to_thread(parse_history, answer)  # can be thousands of rows

    async def history_records(self, flt: HistoryFilter | None = None) -> HistoryRecords:
        """:meth:`history` as :data:`HistoryRecord` tuples (a history refresh: big answers),
        read on a worker thread."""
        with reading():
            answer = [await self._history_answer(flt or HistoryFilter())]
            return await asyncio.to_thread(_records_of, answer)

    async def _history_answer(self, flt: HistoryFilter) -> Any:
        check_history_filter(flt)
        fields = {
            "date_debut": flt.date_from.strftime("%d-%m-%Y") if flt.date_from else "",
            "date_fin": flt.date_to.strftime("%d-%m-%Y") if flt.date_to else "",
            "cpm_payid": flt.payid,
            "cel_phone_num": flt.phone,
            "cpm_trans_id": flt.transaction_id,
        }
        return await self._call("getTransHistory", {k: v for k, v in fields.items() if v})

    async def check_pay_status(self, transaction_id: str) -> LegacyTransaction:
        """checkPayStatus: one transaction; accepted when cpm_result is "00"."""
        check_id(transaction_id, "cpm_trans_id")
        with reading():
            answer = p.obj(await self._call("checkPayStatus",
                                            {"cpm_trans_id": transaction_id}), "checkPayStatus")
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
        with reading():  # computes a signature, creates nothing
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


class HistoryList(list[LegacyTransaction]):
    """The readable rows of a history answer; ``unreadable`` counts the rows dropped (no
    transaction id, an amount that is not a sane amount, not an object) or kept without a
    field that could not be read (a garbage date, time or text)."""

    unreadable: int = 0


_EMPTY: tuple[Any, ...] = (None, "", [], {})  # how PHP encodes "no transaction"
_TEXT_KEYS = ("cpm_currency", "cpm_trans_status", "cpm_result", "cpm_error_message", "cpm_payid",
              "payment_method", "cpm_phone_prefix", "cpm_phone_prefixe", "cel_phone_num",
              "cpm_site_id", "signature", "cpm_custom", "cpm_designation", "buyer_name",
              "cpm_ipn_ack", "cpm_trans_date")
_DATE_KEYS = ("cpm_payment_date", "created_at", "updated_at")


def parse_history(answer: Any) -> HistoryList:
    """Every readable row of a getTransHistory answer (see :class:`HistoryList`). Only an
    answer whose shape is wrong as a whole raises BadResponse."""
    rows = HistoryList()
    for item in _history_items(answer):
        row, damaged = _readable_row(item)
        if row is not None:
            rows.append(parse_transaction(row))
        rows.unreadable += row is None or damaged
    return rows


def _history_items(answer: Any) -> list[Any]:
    """The row objects of a getTransHistory answer (none for PHP's "no transaction")."""
    if answer in _EMPTY:
        return []
    block = p.obj(answer, "getTransHistory").get("Transactions")
    if block in _EMPTY:
        return []
    items = p.obj(block, "Transactions").get("transaction")
    if items in _EMPTY:
        return []
    if isinstance(items, dict):  # a single transaction is sometimes not wrapped in a list
        return [items]
    return p.seq(items, "transaction")


# --- a history refresh's rows: plain tuples ------------------------------------------------

HistoryRecord = tuple[str, str, int, str, str, str, str, str, str, str, str, str, str,
                      str | None, str, str]
"""One readable history row, as a plain tuple of text and ints (the garbage collector stops
tracking such tuples: a 100k-row refresh leaves it nothing to walk), in :data:`RECORD`
order. The amount is exact, in hundredths (``amount_minor``: 2 650 F CFA is 265000).
``paid_at`` is the local payment date and time ("2026-12-03T19:49:03") or None;
``created_at``/``updated_at`` are "YYYY-MM-DD HH:MM:SS" or ""."""

RECORD = ("transaction_id", "payid", "amount_minor", "currency", "status", "result",
          "error_message", "payment_method", "phone_prefix", "phone", "designation",
          "buyer_name", "custom", "paid_at", "created_at", "updated_at")


class HistoryRecords(list[HistoryRecord]):
    """The readable rows of a history answer as records; ``unreadable`` as in
    :class:`HistoryList`."""

    unreadable: int = 0


def parse_history_records(answer: Any) -> HistoryRecords:
    """Exactly :func:`parse_history`'s rows and count, as :data:`HistoryRecord` tuples. A
    plain row (text values, a plain amount, ISO dates) is read directly; any other goes
    through :func:`parse_history`'s reading."""
    records = HistoryRecords()
    add = records.append
    for item in _history_items(answer):
        record = _plain_record(item)
        if record is None:
            row, damaged = _readable_row(item)
            records.unreadable += row is None or damaged
            if row is None:
                continue
            record = record_of(parse_transaction(row))
        add(record)
    return records


def _records_of(box: list[Any]) -> HistoryRecords:
    """:func:`parse_history_records` of the answer taken out of ``box``: the answer is then
    freed on this worker thread, not on the event loop's (10 000 rows take 5 ms to free)."""
    return parse_history_records(box.pop())


def record_of(tx: LegacyTransaction) -> HistoryRecord:
    """A transaction as a :data:`HistoryRecord` (its amount has at most 2 decimals)."""
    paid_at = None
    if tx.payment_date is not None:
        paid_at = f"{tx.payment_date.isoformat()}T{tx.payment_time or '00:00:00'}"
    return (tx.transaction_id, tx.payid, int(tx.amount.scaleb(2)), tx.currency, tx.status,
            tx.result, tx.error_message, tx.payment_method, tx.phone_prefix, tx.phone,
            tx.designation, tx.buyer_name, tx.custom, paid_at,
            tx.created_at.isoformat(sep=" ") if tx.created_at else "",
            tx.updated_at.isoformat(sep=" ") if tx.updated_at else "")


_PLAIN_AMOUNT = re.compile(r"([0-9]{1,15})(?:\.([0-9]{1,2}))?")  # < 10^15: below MAX_AMOUNT
_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CLOCK = re.compile(r"[0-9]{2}:[0-9]{2}:[0-9]{2}")


class _NotPlain(Exception):
    """A value :func:`_plain_record` leaves to the full reading."""


def _plain_record(item: Any) -> HistoryRecord | None:
    """The record of a row whose every value is plain (text or absent, "2650" or "12.50",
    "YYYY-MM-DD HH:MM:SS" or blank dates, "HH:MM:SS"), the very values the full reading
    gives; None for any other row (odd, damaged or not a row at all)."""
    if type(item) is not dict:
        return None
    get = item.get
    try:
        values = [_plain_text(get(key)) for key in _TEXT_KEYS]
        tid = _plain_text(get("cpm_trans_id"))
        amount = _PLAIN_AMOUNT.fullmatch(_plain_text(get("cpm_amount")))
        payment_day = _plain_day(_plain_text(get("cpm_payment_date")))
        clock = _plain_clock(_plain_text(get("cpm_payment_time")))
        created = _plain_stamp(_plain_text(get("created_at")))
        updated = _plain_stamp(_plain_text(get("updated_at")))
    except (_NotPlain, ValueError):
        return None
    if not tid or amount is None:
        return None
    (currency, status, result, message, payid, method, prefix, prefix_e, phone, _site,
     _signature, custom, designation, buyer, _ack, _trans_date) = values
    whole, cents = amount.groups()
    return (tid, payid, int(whole) * 100 + int((cents or "0").ljust(2, "0")), currency,
            status.upper(), normalize(result) if result else "", message, method,
            prefix or prefix_e, phone, designation, buyer, custom,
            None if payment_day is None else f"{payment_day}T{clock or '00:00:00'}",
            created, updated)


def _plain_text(value: Any) -> str:
    if value is None:
        return ""
    if type(value) is not str:
        raise _NotPlain
    return value.strip()


def _plain_stamp(raw: str) -> str:
    """A blank or zero date: ""; "YYYY-MM-DD HH:MM:SS" as is once checked."""
    if not raw or p.is_zero_date(raw):
        return ""
    if not _STAMP.fullmatch(raw):
        raise _NotPlain
    datetime.fromisoformat(raw)  # ValueError: not a real date
    return raw


def _plain_day(raw: str) -> str | None:
    """The day of a payment date ("YYYY-MM-DD", or with its time), None when blank."""
    if not raw or p.is_zero_date(raw):
        return None
    if _DAY.fullmatch(raw):
        return date.fromisoformat(raw).isoformat()
    return _plain_stamp(raw)[:10]


def _plain_clock(raw: str) -> str:
    if raw and not _CLOCK.fullmatch(raw):
        raise _NotPlain
    if raw:
        clock_time.fromisoformat(raw)  # ValueError: not a real time of day
    return raw


def _readable_row(item: Any) -> tuple[dict[str, Any] | None, bool]:
    """The row with its unreadable optional fields removed, and whether any was; None when
    the row cannot be shown at all (no id, no sane amount)."""
    if not isinstance(item, dict):
        return None, False
    try:
        if not p.text(item, "cpm_trans_id", required=True):
            return None, False
        clean = {**item, "cpm_amount": p.sane_amount(item, "cpm_amount")}
    except BadResponse:
        return None, False
    damaged = False
    readers: list[tuple[str, Callable[[dict[str, Any], str], object]]] = [
        *((k, p.text) for k in _TEXT_KEYS), *((k, p.timestamp) for k in _DATE_KEYS)]
    for key, readable in readers:
        try:
            readable(clean, key)
        except BadResponse:
            del clean[key]
            damaged = True
    if "cpm_payment_time" in clean:
        when = _clock(clean["cpm_payment_time"])
        damaged |= when is None
        clean["cpm_payment_time"] = when or ""
    return clean, damaged


def _clock(value: Any) -> str | None:
    """"HH:MM:SS" (or "H:MM"), as "HH:MM:SS"; "" for blank; None when unreadable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if not isinstance(value, str):
        return None
    for fmt in ("%H:%M:%S", "%H:%M"):
        try:
            return datetime.strptime(value.strip(), fmt).strftime("%H:%M:%S")
        except ValueError:
            continue
    return None


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
