"""One object for CinetPay's current platform, sharing one HTTP client."""

from __future__ import annotations

from types import TracebackType

import httpx

from ...logs import register_secret
from ..transport import DEFAULT_TIMEOUT, RetryPolicy, is_loopback
from .auth import Session
from .balances import BalancesApi
from .hosts import default_api_url
from .http import CurrentTransport
from .models import CurrentCredentials
from .payments import PaymentsApi
from .transfers import TransfersApi


def check_api_url(url: str) -> str:
    """https, or http on loopback (the simulator) only."""
    scheme = url.split("://", 1)[0].lower()
    if scheme == "https" or (scheme == "http" and is_loopback(url)):
        return url.rstrip("/")
    raise ValueError(f"CinetPay endpoint must be https (or loopback http): {url!r}")


class CurrentClient:
    """``async with CurrentClient(creds) as api: await api.payments.create(…)``"""

    def __init__(self, credentials: CurrentCredentials, api_url: str = "", *,
                 http: httpx.AsyncClient | None = None,
                 timeout: httpx.Timeout = DEFAULT_TIMEOUT,
                 retry: RetryPolicy | None = None, deadline: float | None = None) -> None:
        register_secret(credentials.api_key)  # never logged in clear
        register_secret(credentials.api_password)
        self.api_url = check_api_url(api_url or default_api_url(credentials.api_key))
        self.transport = CurrentTransport(http, timeout=timeout, retry=retry, deadline=deadline)
        self.session = Session(self.transport, self.api_url, credentials)
        self.payments = PaymentsApi(self.session)
        self.transfers = TransfersApi(self.session)
        self.balances = BalancesApi(self.session)

    @property
    def is_simulated(self) -> bool:
        return is_loopback(self.api_url)

    async def aclose(self) -> None:
        await self.transport.aclose()

    async def __aenter__(self) -> CurrentClient:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.aclose()
