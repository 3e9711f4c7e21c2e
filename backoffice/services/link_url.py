"""Which payment addresses may become a QR: the one decision, Qt-free, used by the services.

Real mode (the checkout endpoint is not loopback): ``https`` on ``cinetpay.com``,
``cinetpay.co`` or ``cinetpay.net`` or one of their subdomains, on the default port, with no
user info and an ASCII host (no look-alike IDN, no percent-encoding, no trailing dot).
Training / test mode (the checkout endpoint is loopback, i.e. the built-in simulator): only
that endpoint's own loopback host. Anything else is an anomaly and never shown to a customer.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..api.transport import is_loopback

CINETPAY_DOMAINS = ("cinetpay.com", "cinetpay.co", "cinetpay.net")
MAX_URL_LENGTH = 2048
_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\Z")
_ALLOWED_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+\Z")


def untrusted_reason(url: str, checkout_endpoint: str) -> str | None:
    """None when ``url`` may be shown as a QR, else a short reason (for the journal)."""
    if not url or len(url) > MAX_URL_LENGTH or not _ALLOWED_CHARS.match(url):
        return "not a plain web address"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "not a plain web address"
    netloc = parts.netloc
    if "@" in netloc or parts.username is not None or parts.password is not None:
        return "user info in the address"
    host = parts.hostname or ""
    if is_loopback(checkout_endpoint):
        expected = urlsplit(checkout_endpoint).hostname or ""
        if parts.scheme not in ("http", "https") or host != expected:
            return "not the training simulator's address"
        return None
    if parts.scheme != "https":
        return "not https"
    if port is not None and port != 443:
        return "non-default port"
    if not _HOST.match(host):
        return "host is not plain ASCII"
    if not any(host == d or host.endswith("." + d) for d in CINETPAY_DOMAINS):
        return "host is not CinetPay's"
    return None


def is_trusted(url: str, checkout_endpoint: str) -> bool:
    return untrusted_reason(url, checkout_endpoint) is None
