"""One object for the three CinetPay API families, sharing one HTTP client."""

from __future__ import annotations

from types import TracebackType

import httpx

from ..logs import register_secret
from .checkout import CheckoutApi
from .legacy import LegacyApi
from .models import Credentials
from .transfer import TransferApi
from .transport import DEFAULT_TIMEOUT, Endpoints, RetryPolicy, Transport


class CinetPayClient:
    """``async with CinetPayClient(creds, endpoints) as api: await api.checkout.init_payment(…)``"""

    def __init__(self, credentials: Credentials, endpoints: Endpoints | None = None, *,
                 lang: str = "fr", http: httpx.AsyncClient | None = None,
                 timeout: httpx.Timeout = DEFAULT_TIMEOUT,
                 retry: RetryPolicy | None = None, deadline: float | None = None) -> None:
        register_secret(credentials.apikey)  # never logged in clear
        register_secret(credentials.transfer_password)
        self.endpoints = endpoints or Endpoints()
        self.transport = Transport(http, timeout=timeout, retry=retry, deadline=deadline)
        self.checkout = CheckoutApi(self.transport, self.endpoints.checkout, credentials)
        self.legacy = LegacyApi(self.transport, self.endpoints.legacy, credentials)
        self.transfer = TransferApi(self.transport, self.endpoints.transfer, credentials,
                                    lang=lang)

    async def aclose(self) -> None:
        await self.transport.aclose()

    async def __aenter__(self) -> CinetPayClient:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.aclose()
