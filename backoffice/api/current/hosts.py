"""Which platform a key belongs to, and where that platform lives.

CinetPay's current platform gives keys ``sk_test_…`` (sandbox, ``api.cinetpay.net``) and
``sk_live_…`` (live, ``api.cinetpay.co``); every other key is a classic one (apikey + site_id).
"""

from __future__ import annotations

from typing import Literal

LIVE_URL = "https://api.cinetpay.co"
SANDBOX_URL = "https://api.cinetpay.net"
TEST_PREFIX, LIVE_PREFIX = "sk_test_", "sk_live_"
# Where the platform's checkout pages are (payment_url); services/link_url.py accepts them.
CHECKOUT_HOSTS = ("secure.cinetpay.co", "secure.cinetpay.net")

AccountKind = Literal["current", "classic"]


def account_kind(apikey: str) -> AccountKind:
    """"current" for ``sk_test_``/``sk_live_`` keys, else "classic"."""
    key = (apikey or "").strip()
    return "current" if key.startswith((TEST_PREFIX, LIVE_PREFIX)) else "classic"


def is_sandbox_key(apikey: str) -> bool:
    return (apikey or "").strip().startswith(TEST_PREFIX)


def default_api_url(apikey: str) -> str:
    """The host a current-platform key talks to: sandbox for ``sk_test_``, else live."""
    return SANDBOX_URL if is_sandbox_key(apikey) else LIVE_URL
