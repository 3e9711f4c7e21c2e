"""Typed requests and results of the CinetPay API. Amounts sent are ``int``; amounts received
are ``Decimal`` (CinetPay returns strings such as "865.4"); never ``float``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class Currency(StrEnum):
    XOF = "XOF"
    XAF = "XAF"
    CDF = "CDF"
    GNF = "GNF"
    USD = "USD"


class Channel(StrEnum):
    ALL = "ALL"
    MOBILE_MONEY = "MOBILE_MONEY"
    CREDIT_CARD = "CREDIT_CARD"
    WALLET = "WALLET"


class PaymentStatus(StrEnum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    REFUSED = "REFUSED"

    @property
    def is_final(self) -> bool:
        return self is not PaymentStatus.PENDING


class TreatmentStatus(StrEnum):
    """Transfer ``treatment_status``: NEW, REC, NOS are transitional; VAL, REJ are final."""

    NEW = "NEW"
    REC = "REC"
    NOS = "NOS"
    VAL = "VAL"
    REJ = "REJ"

    @property
    def is_final(self) -> bool:
        return self in (TreatmentStatus.VAL, TreatmentStatus.REJ)


@dataclass(frozen=True)
class Credentials:
    apikey: str
    site_id: str
    transfer_password: str = ""

    def __repr__(self) -> str:  # never print secrets
        return f"Credentials(site_id={self.site_id!r}, apikey=***, transfer_password=***)"

    __str__ = __repr__


@dataclass(frozen=True)
class Customer:
    """Payer fields; the card ones are required when CREDIT_CARD (or ALL) is offered."""

    name: str = ""
    surname: str = ""
    id: str = ""
    phone_number: str = ""
    email: str = ""
    address: str = ""
    city: str = ""
    country: str = ""  # ISO 3166 alpha-2 (CI, SN, TG, CM…)
    state: str = ""
    zip_code: str = ""


@dataclass(frozen=True)
class PaymentRequest:
    transaction_id: str
    amount: int
    currency: Currency | str
    description: str
    notify_url: str
    return_url: str
    channels: tuple[Channel, ...] = (Channel.ALL,)
    lang: str = "fr"
    metadata: str = ""
    invoice_data: dict[str, str] = field(default_factory=dict)
    lock_phone_number: bool = False
    alternative_currency: str = ""
    customer: Customer = field(default_factory=Customer)


@dataclass(frozen=True)
class PaymentLink:
    transaction_id: str
    payment_token: str
    payment_url: str
    api_response_id: str = ""


@dataclass(frozen=True)
class PaymentCheck:
    """Result of ``/v2/payment/check``: the payment's status, whatever it is. ``status`` is
    what the code says; ``data_status`` is ``data.status`` as sent. Whether the link is paid
    (00 *and* ACCEPTED *and* its amount and currency) is decided by the services."""

    code: str
    message: str
    status: PaymentStatus
    amount: Decimal | None = None
    currency: str = ""
    payment_method: str = ""
    payment_date: datetime | None = None
    operator_id: str = ""
    phone_number: str = ""
    phone_prefix: str = ""
    description: str = ""
    metadata: str = ""
    fund_availability_date: str = ""
    api_response_id: str = ""
    data_status: str = ""


@dataclass(frozen=True)
class BalanceLine:
    solde: Decimal
    credit: Decimal
    debit: Decimal


@dataclass(frozen=True)
class AccountStatus:
    """``getCompteStatus``: the merchant account and this service (site)."""

    account: BalanceLine
    service: BalanceLine


@dataclass(frozen=True)
class HistoryFilter:
    date_from: date | None = None
    date_to: date | None = None
    payid: str = ""
    phone: str = ""
    transaction_id: str = ""


@dataclass(frozen=True)
class LegacyTransaction:
    """One v1 transaction (``getTransHistory`` item or ``checkPayStatus``)."""

    transaction_id: str
    amount: Decimal
    currency: str
    status: str  # cpm_trans_status: ACCEPTED / REFUSED / …
    result: str  # cpm_result: "00" or a code
    error_message: str = ""
    payid: str = ""
    payment_date: date | None = None
    payment_time: str = ""
    payment_method: str = ""
    phone_prefix: str = ""
    phone: str = ""
    site_id: str = ""
    signature: str = ""
    custom: str = ""
    designation: str = ""
    buyer_name: str = ""
    ipn_ack: str = ""
    trans_date: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def accepted(self) -> bool:
        return self.result == "00" and self.status == "ACCEPTED"


@dataclass(frozen=True)
class SignatureRequest:
    """``getSignatureByPost`` fields (legacy v1 payment form)."""

    amount: int
    trans_id: str
    trans_date: str  # "2017-04-09 15:45:22" (UTC)
    designation: str
    currency: str = "CFA"
    language: str = "fr"
    custom: str = ""
    payment_config: str = "SINGLE"
    page_action: str = "PAYMENT"
    version: str = "V1"
    phone: str = ""
    phone_prefix: str = ""


@dataclass(frozen=True)
class TransferBalance:
    amount: Decimal
    in_using: Decimal
    available: Decimal


@dataclass(frozen=True)
class Contact:
    prefix: str
    phone: str
    name: str
    surname: str
    email: str = ""


@dataclass(frozen=True)
class ContactResult:
    """Per-contact outcome of an add: ``code`` "0" is success, 726 means already a contact."""

    contact: Contact
    code: str
    status: str
    lot: str = ""
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.code == "0"


@dataclass(frozen=True)
class TransferOrder:
    prefix: str
    phone: str
    amount: int
    client_transaction_id: str
    notify_url: str = ""


@dataclass(frozen=True)
class TransferResult:
    """Per-order outcome of a send."""

    order: TransferOrder
    code: str
    status: str
    transaction_id: str = ""
    lot: str = ""
    treatment_status: TreatmentStatus | None = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.code == "0"


@dataclass(frozen=True)
class TransferInfo:
    """``/v1/transfer/check/money`` item."""

    transaction_id: str
    client_transaction_id: str
    lot: str
    amount: Decimal
    receiver: str
    treatment_status: TreatmentStatus
    receiver_e164: str = ""
    operator: str = ""
    sending_status: str = ""
    transfer_valid: str = ""
    comment: str = ""
    validated_at: datetime | None = None
