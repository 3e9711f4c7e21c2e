"""Qt-free async client for CinetPay: checkout v2, legacy v1 and the Transfer API."""

from .client import CinetPayClient
from .errors import (
    ApiError,
    AuthError,
    BadResponse,
    CinetPayError,
    DuplicateId,
    Forbidden,
    InsufficientFunds,
    InvalidRequest,
    LimitReached,
    MaybeSent,
    NotFound,
    NotSent,
    RateLimited,
    TokenError,
    TransportError,
    Unavailable,
    UnknownCode,
    ValidationError,
)
from .models import (
    AccountStatus,
    BalanceLine,
    Channel,
    Contact,
    ContactResult,
    Credentials,
    Currency,
    Customer,
    HistoryFilter,
    LegacyTransaction,
    PaymentCheck,
    PaymentLink,
    PaymentRequest,
    PaymentStatus,
    SignatureRequest,
    TransferBalance,
    TransferInfo,
    TransferOrder,
    TransferResult,
    TreatmentStatus,
)
from .transport import Endpoints, RetryPolicy

__all__ = [
    "AccountStatus", "ApiError", "AuthError", "BadResponse", "BalanceLine", "Channel",
    "CinetPayClient", "CinetPayError", "Contact", "ContactResult", "Credentials", "Currency",
    "Customer", "DuplicateId", "Endpoints", "Forbidden", "HistoryFilter", "InsufficientFunds",
    "InvalidRequest", "LegacyTransaction", "LimitReached", "MaybeSent", "NotFound", "NotSent",
    "PaymentCheck", "PaymentLink", "PaymentRequest", "PaymentStatus", "RateLimited",
    "RetryPolicy", "SignatureRequest", "TokenError", "TransferBalance", "TransferInfo",
    "TransferOrder", "TransferResult", "TransportError", "TreatmentStatus", "Unavailable",
    "UnknownCode", "ValidationError",
]
