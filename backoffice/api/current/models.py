"""Typed requests and results of CinetPay's current platform. Amounts sent are ``int``;
amounts received are ``Decimal`` (never ``float``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class State(StrEnum):
    """A payment's or transfer's state, as the platform names it (codes 100, 2001–2011)."""

    SUCCESS = "SUCCESS"
    INITIATED = "INITIATED"
    PENDING = "PENDING"
    EXPIRED = "EXPIRED"
    OTP_ERROR = "OTP_ERROR"
    INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE"
    USER_NOT_FOUND = "USER_NOT_FOUND"
    USER_IS_BLOCKED = "USER_IS_BLOCKED"
    OTP_EXPIRED = "OTP_EXPIRED"
    FAILED = "FAILED"
    NOT_ALLOWED = "NOT_ALLOWED"

    @property
    def is_success(self) -> bool:
        return self is State.SUCCESS

    @property
    def is_pending(self) -> bool:
        """Not final: INITIATED / PENDING may still become SUCCESS."""
        return self in (State.INITIATED, State.PENDING)

    @property
    def is_final(self) -> bool:
        return not self.is_pending


@dataclass(frozen=True)
class CurrentCredentials:
    api_key: str  # sk_test_… / sk_live_…
    api_password: str
    country: str  # ISO alpha-2: one account = one country

    def __repr__(self) -> str:  # never print secrets
        return f"CurrentCredentials(country={self.country!r}, api_key=***, api_password=***)"

    __str__ = __repr__


@dataclass(frozen=True)
class Token:
    access_token: str
    expires_in: int  # seconds, as CinetPay said (86 400 by default)


@dataclass(frozen=True)
class CurrentPaymentRequest:
    merchant_transaction_id: str  # ≤ 30, uppercase letters and digits; journaled first
    amount: int
    currency: str
    designation: str
    client_first_name: str
    client_last_name: str
    client_email: str
    success_url: str
    failed_url: str
    notify_url: str
    lang: str = "fr"
    channel: str = "PUSH"  # PUSH | OTP | QRCODE
    payment_method: str = ""  # OM_CI…: optional (the customer chooses on the page)
    client_phone_number: str = ""  # E.164, optional


@dataclass(frozen=True)
class CurrentPaymentLink:
    merchant_transaction_id: str
    payment_token: str
    payment_url: str
    transaction_id: str = ""  # CinetPay's id
    notify_token: str = ""  # compare with a notification's, then query
    details_code: str = ""
    details_status: str = ""
    details_message: str = ""
    must_be_redirected: bool = True


@dataclass(frozen=True)
class CurrentPaymentStatus:
    """``GET /v1/payment/{id}``. Paid only when ``state`` is SUCCESS *and* the amount and
    currency (when CinetPay gives them) are the link's: the services decide."""

    code: str
    state: State
    merchant_transaction_id: str
    transaction_id: str = ""
    amount: Decimal | None = None
    currency: str = ""
    payment_method: str = ""
    message: str = ""
    user_name: str = ""
    user_email: str = ""
    user_phone: str = ""
    payment_date: datetime | None = None


@dataclass(frozen=True)
class CurrentTransferRequest:
    merchant_transaction_id: str  # ≤ 30, uppercase letters and digits; journaled first
    phone_number: str  # E.164: +2250701020304
    amount: int
    payment_method: str  # OM_CI…
    currency: str
    reason: str
    notify_url: str


@dataclass(frozen=True)
class CurrentTransferStatus:
    """Answer of ``POST /v1/transfer`` and ``GET /v1/transfer/{id}``."""

    code: str
    state: State
    merchant_transaction_id: str
    transaction_id: str = ""
    amount: Decimal | None = None
    fee_amount: Decimal | None = None
    currency: str = ""
    phone_number: str = ""
    notify_token: str = ""
    message: str = ""


@dataclass(frozen=True)
class CurrentBalance:
    available: Decimal
    currency: str
