"""The simulator's single source of truth: payments, contacts, transfers and balances.

The ledger holds no lock of its own: the server (and the Simulator's Python methods) call it
under the simulator-wide lock. Balances are *derived* from the records, never stored, so the
three API families always agree:

- account ("compte") and service balances: credit = sum of ACCEPTED payments, debit = a 3 %
  CinetPay commission on each of them, solde = credit - debit;
- transfer balance: amount = funds - VAL transfers, inUsing = transfers not yet final,
  available = amount - inUsing (so a REJ transfer gives its money back).

Transfer status is a pure function of the simulated clock (see :meth:`Transfer.status`):
NEW for 20 s, then REC, then final after 60 s: VAL, or REJ when the receiver's number ends
in "99" (the training rule to rehearse a rejected transfer).
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from .clock import fmt_compact, fmt_datetime, to_datetime
from .codes import CHECK_MESSAGES, DEFAULT_REFUSAL, REFUSAL_CODES

COMMISSION_RATE = Decimal("0.03")
TRANSFER_REC_AFTER = 20.0  # simulated seconds from NEW to REC
TRANSFER_FINAL_AFTER = 60.0  # simulated seconds from NEW to VAL / REJ
REJECTED_SUFFIX = "99"  # training rule: transfers to numbers ending in 99 are rejected

PAYMENT_METHODS = ("OM", "MOMO", "FLOOZ", "WAVE", "VISAM")
CURRENCY_PREFIX = {"XOF": "225", "XAF": "237", "CDF": "243", "GNF": "224", "USD": "225"}


class SimError(Exception):
    """A refusal of the control API, carrying the HTTP status to answer with."""

    status = 400


class Invalid(SimError, ValueError):
    status = 400


class NotFound(SimError, LookupError):
    status = 404


class Conflict(SimError, ValueError):
    status = 409


@dataclass
class Payment:
    transaction_id: str
    token: str
    amount: int
    currency: str
    description: str
    created_at: float
    metadata: str | None = None
    channels: str = "ALL"
    lang: str = "fr"
    notify_url: str = ""
    return_url: str = ""
    customer: dict[str, str] = field(default_factory=dict)
    invoice_data: dict[str, Any] | None = None
    lock_phone_number: bool = False
    alternative_currency: str | None = None
    status: str = "PENDING"  # PENDING | ACCEPTED | REFUSED
    code: str = "662"
    payment_method: str | None = None
    phone_prefix: str | None = None
    phone_number: str | None = None
    operator_id: str | None = None
    settled_at: float | None = None
    source: str = "api"
    # Made on CinetPay's current platform (routes_current.py): its transaction_id,
    # notify_token, failed_url, channel, payment_method and expires_at; None for classic ones.
    current: dict[str, Any] | None = None

    def expired(self, now: float) -> bool:
        """A current-platform link left unpaid past its lifetime (classic links never expire)."""
        return (not self.final and self.current is not None
                and now >= float(self.current.get("expires_at") or now + 1))

    @property
    def final(self) -> bool:
        return self.status != "PENDING"

    @property
    def message(self) -> str:
        return CHECK_MESSAGES[self.code]

    @property
    def commission(self) -> Decimal:
        return (Decimal(self.amount) * COMMISSION_RATE).quantize(Decimal("0.01"))

    @property
    def buyer_name(self) -> str:
        parts = (self.customer.get("customer_surname"), self.customer.get("customer_name"))
        return " ".join(p for p in parts if p)

    def snapshot(self) -> dict[str, Any]:
        data = asdict(self)
        data["message"] = self.message
        data["created_at"] = fmt_datetime(self.created_at)
        data["settled_at"] = fmt_datetime(self.settled_at) if self.settled_at else None
        return data


@dataclass
class Contact:
    id: int
    prefix: str
    phone: str
    name: str
    surname: str
    email: str
    lot: str
    created_at: float

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "prefix": self.prefix,
            "phone": self.phone,
            "name": self.name,
            "surname": self.surname,
            "email": self.email,
        }


@dataclass
class Transfer:
    transaction_id: str
    client_transaction_id: str | None
    lot: str
    prefix: str
    phone: str
    amount: int
    operator: str
    notify_url: str
    created_at: float
    # Training shape "e-mail confirmation": until the merchant confirms (``confirmed_at``),
    # sending_status is PENDING and treatment_status NOS; the timeline starts at confirmation.
    awaits_confirmation: bool = False
    confirmed_at: float | None = None
    # Sent on CinetPay's current platform (routes_current.py): payment_method, currency,
    # reason, notify_token, fee; None for classic ones.
    current: dict[str, Any] | None = None

    @property
    def sending_status(self) -> str:
        return "PENDING" if self.awaits_confirmation and self.confirmed_at is None else "CONFIRM"

    def status(self, now: float) -> str:
        if self.sending_status == "PENDING":
            return "NOS"
        confirmed = self.confirmed_at if self.awaits_confirmation else None
        age = now - (confirmed if confirmed is not None else self.created_at)
        if age < TRANSFER_REC_AFTER:
            return "NEW"
        if age < TRANSFER_FINAL_AFTER:
            return "REC"
        return "REJ" if self.phone.endswith(REJECTED_SUFFIX) else "VAL"

    def validated_at(self, now: float) -> str | None:
        if self.sending_status == "PENDING":
            return None
        start = self.confirmed_at if self.awaits_confirmation else self.created_at
        final = (start or self.created_at) + TRANSFER_FINAL_AFTER
        return fmt_datetime(final) if now >= final else None

    def snapshot(self, now: float) -> dict[str, Any]:
        data = asdict(self)
        data["treatment_status"] = self.status(now)
        data["sending_status"] = self.sending_status
        data["created_at"] = fmt_datetime(self.created_at)
        data["validated_at"] = self.validated_at(now)
        return data


def decimal_text(value: Decimal) -> str:
    """CinetPay v1 style number: "865.4", "900", "0"."""
    text = format(value.normalize(), "f")
    return text if text not in ("-0", "") else "0"


def _yymmdd(ts: float) -> str:
    return to_datetime(ts).strftime("%y%m%d")


def operator_for(prefix: str, phone: str) -> str:
    """Ivorian numbering: 07 Orange, 05 MTN, 01 Moov."""
    if prefix == "225":
        return {"07": "OM", "05": "MOMO", "01": "FLOOZ"}.get(phone[:2], "OM")
    return "OM"


class Ledger:
    def __init__(self, site_id: str, currency: str, rng_seed: int) -> None:
        self.site_id = site_id
        self.currency = currency
        self.rng = random.Random(rng_seed)
        self.payments: dict[str, Payment] = {}
        self._by_token: dict[str, Payment] = {}
        self.contacts: list[Contact] = []
        self.transfers: list[Transfer] = []
        self.transfer_funds = 0
        self._lots = 0
        # Answer shapes of the Transfer API asked for by /_sim/shapes/transfer (see
        # shapes_transfer.py); cleared with the ledger on reset.
        self.transfer_shapes: dict[str, Any] = {}

    # -- payments ---------------------------------------------------------------------------
    def add_payment(self, payment: Payment) -> Payment:
        if payment.transaction_id in self.payments:
            raise Conflict(f"transaction_id already used: {payment.transaction_id}")
        self.payments[payment.transaction_id] = payment
        self._by_token[payment.token] = payment
        return payment

    def find_payment(self, transaction_id: str | None = None, token: str | None = None) -> Payment:
        found = self.payments.get(transaction_id or "") or self._by_token.get(token or "")
        if found is None:
            raise NotFound("unknown transaction")
        return found

    def new_token(self) -> str:
        return f"{self.rng.getrandbits(448):0112x}"

    def new_operator_id(self, now: float) -> str:
        """Like "MP220915.2257.A76307"."""
        return f"MP{_yymmdd(now)}.{fmt_compact(now)[8:12]}.A{self.rng.randrange(10**5):05d}"

    def settle(
        self,
        transaction_id: str,
        outcome: str,
        now: float,
        payment_method: str = "OM",
        phone_number: str = "0701020304",
        code: str | None = None,
        phone_prefix: str | None = None,
    ) -> Payment:
        outcome = (outcome or "").upper()
        if outcome not in ("ACCEPTED", "REFUSED"):
            raise Invalid("outcome must be ACCEPTED or REFUSED")
        if outcome == "ACCEPTED":
            code = "00"
        else:
            code = str(code or DEFAULT_REFUSAL)
            if code not in REFUSAL_CODES:
                raise Invalid(f"refusal code must be one of {sorted(REFUSAL_CODES)}")
        payment = self.find_payment(transaction_id=transaction_id)
        if payment.final:
            raise Conflict(f"payment {transaction_id} is already {payment.status}")
        if payment.expired(now):
            raise Conflict(f"payment {transaction_id} has expired")
        payment.status, payment.code = outcome, code
        payment.payment_method = (payment_method or "OM").upper()
        payment.phone_number = "".join(ch for ch in phone_number or "" if ch.isdigit())
        payment.phone_prefix = phone_prefix or CURRENCY_PREFIX.get(payment.currency, "225")
        payment.operator_id = self.new_operator_id(now)
        payment.settled_at = now
        return payment

    def outside_payment(self, transaction_id: str, amount: int, now: float,
                        currency: str = "", payment_method: str = "OM",
                        description: str = "Boutique en ligne") -> Payment:
        """A payment made on this account outside the till (web shop, another till): created
        and paid at ``now``, in the history like any other (closing tests)."""
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            raise Invalid("amount must be a positive integer")
        self.add_payment(Payment(
            transaction_id=transaction_id, token=self.new_token(), amount=amount,
            currency=(currency or self.currency).upper(), description=description,
            created_at=now, source="outside"))
        return self.settle(transaction_id, "ACCEPTED", now, payment_method=payment_method)

    def amend(self, transaction_id: str, amount: int | None = None,
              status: str | None = None) -> Payment:
        """CinetPay's books disagree with the till (closing tests): the payment's amount or
        status changed at CinetPay after the fact (checks and history show the new value)."""
        payment = self.find_payment(transaction_id=transaction_id)
        if amount is not None:
            if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
                raise Invalid("amount must be a positive integer")
            payment.amount = amount
        if status is not None:
            status = status.upper()
            if status not in ("ACCEPTED", "REFUSED"):
                raise Invalid("status must be ACCEPTED or REFUSED")
            payment.status = status
            payment.code = "00" if status == "ACCEPTED" else DEFAULT_REFUSAL
        return payment

    def accepted(self) -> list[Payment]:
        return [p for p in self.payments.values() if p.status == "ACCEPTED"]

    def account_balance(self) -> dict[str, str]:
        credit = sum((Decimal(p.amount) for p in self.accepted()), Decimal(0))
        debit = sum((p.commission for p in self.accepted()), Decimal(0))
        return {
            "solde": decimal_text(credit - debit),
            "credit": decimal_text(credit),
            "debit": decimal_text(debit),
        }

    # -- contacts ---------------------------------------------------------------------------
    def find_contact(self, prefix: str, phone: str) -> Contact | None:
        return next((c for c in self.contacts if (c.prefix, c.phone) == (prefix, phone)), None)

    def add_contact(
        self, prefix: str, phone: str, name: str, surname: str, email: str, lot: str, now: float
    ) -> Contact:
        contact = Contact(len(self.contacts) + 1, prefix, phone, name, surname, email, lot, now)
        self.contacts.append(contact)
        return contact

    def new_lot(self, now: float) -> str:
        """A 22-digit batch number like "0044557641201530021279"."""
        self._lots += 1
        return f"{self.site_id[-8:]:0>8}{int(now) % 10**10:010d}{self._lots % 10000:04d}"

    # -- transfers --------------------------------------------------------------------------
    def new_transfer_id(self, now: float) -> str:
        """Like "EA180627.122753.M279245"."""
        stamp = f"{_yymmdd(now)}.{fmt_compact(now)[8:14]}"
        while True:
            letter = chr(ord("A") + self.rng.randrange(26))
            tid = f"EA{stamp}.{letter}{self.rng.randrange(10**6):06d}"
            if all(t.transaction_id != tid for t in self.transfers):
                return tid

    def client_id_used(self, client_transaction_id: str) -> bool:
        return any(t.client_transaction_id == client_transaction_id for t in self.transfers)

    def add_transfer(self, transfer: Transfer) -> Transfer:
        self.transfers.append(transfer)
        return transfer

    def find_transfers(
        self,
        transaction_id: str | None = None,
        client_transaction_id: str | None = None,
        lot: str | None = None,
    ) -> list[Transfer]:
        if transaction_id:
            return [t for t in self.transfers if t.transaction_id == transaction_id]
        if client_transaction_id:
            return [t for t in self.transfers if t.client_transaction_id == client_transaction_id]
        if lot:
            return [t for t in self.transfers if t.lot == lot]
        return []

    def transfer_balance(self, now: float) -> dict[str, int]:
        statuses = [(t, t.status(now)) for t in self.transfers]
        amount = self.transfer_funds - sum(t.amount for t, s in statuses if s == "VAL")
        in_using = sum(t.amount for t, s in statuses if s not in ("VAL", "REJ"))
        return {"amount": amount, "inUsing": in_using, "available": amount - in_using}

    # -- snapshot ---------------------------------------------------------------------------
    def snapshot(self, now: float) -> dict[str, Any]:
        account = self.account_balance()
        return {
            "payments": [p.snapshot() for p in self.payments.values()],
            "transfers": [t.snapshot(now) for t in self.transfers],
            "contacts": [c.public() for c in self.contacts],
            "balances": {
                "compte": account,
                "service": dict(account),
                "transfer": self.transfer_balance(now),
            },
        }
