"""Qt-free async client for CinetPay's current platform (``sk_test_``/``sk_live_`` keys):
login, payments, transfers, balance. Same Transport and error classes as the classic client."""

from .client import CurrentClient, check_api_url
from .hosts import LIVE_URL, SANDBOX_URL, account_kind, default_api_url, is_sandbox_key
from .methods import METHODS, Method, guess_method, method_name, methods_for
from .models import (
    CurrentBalance,
    CurrentCredentials,
    CurrentPaymentLink,
    CurrentPaymentRequest,
    CurrentPaymentStatus,
    CurrentTransferRequest,
    CurrentTransferStatus,
    State,
)
from .validation import MAX_ID_LENGTH, check_e164, check_id

__all__ = [
    "LIVE_URL", "MAX_ID_LENGTH", "METHODS", "SANDBOX_URL", "CurrentBalance", "CurrentClient",
    "CurrentCredentials", "CurrentPaymentLink", "CurrentPaymentRequest", "CurrentPaymentStatus",
    "CurrentTransferRequest", "CurrentTransferStatus", "Method", "State", "account_kind",
    "check_api_url", "check_e164", "check_id", "default_api_url", "guess_method",
    "is_sandbox_key", "method_name", "methods_for",
]
