"""What every service is given: the journal, the CinetPay client, the event bus, the network
state, the settings and the clock. Each service receives this small context, not the whole
:class:`~backoffice.services.core.Comptoir`; a service that needs another one gets it in its
constructor. Nothing here imports a service: the services folder has no import cycle."""

from __future__ import annotations

import contextlib
import hmac
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ..api import CinetPayClient
from ..api.errors import CinetPayError, NotFound
from ..store.clock import utcnow
from ..store.db import AsyncDatabase
from .backends import CurrentCheckout, CurrentTransfers
from .connectivity import Connectivity, NetState
from .events import EventBus
from .settings import Settings

if TYPE_CHECKING:
    from ..api.current import CurrentClient

T = TypeVar("T")


class Clock:
    """The one time source of the journal and the services: the journal is opened with it,
    the services read it on the event loop (never ``Database.now()`` there). ``source`` is
    swapped by tests that move time forward."""

    def __init__(self, source: Callable[[], datetime] = utcnow) -> None:
        self.source = source

    def __call__(self) -> datetime:
        return self.source()


@dataclass(frozen=True)
class Cashier:
    """Who is at the till (services/cashiers.py); a shop without cashiers has none."""

    cashier_id: str
    name: str
    role: str  # "cashier" or "manager"


def default_till() -> str:
    """This till's code when none is set: the host name, upper-case, at most 12 characters."""
    name = socket.gethostname().split(".")[0].upper()
    return "".join(c for c in name if c.isalnum() or c == "-")[:12] or "CAISSE"


class ServiceContext:
    """The shared parts of the services (one per open journal). ``till`` and ``cashier`` are
    recorded with every operation (the till's code, who is at the till)."""

    def __init__(self, db: AsyncDatabase, api: CinetPayClient, settings: Settings,
                 bus: EventBus, clock: Clock, current: CurrentClient | None = None) -> None:
        self.db = db
        self.api = api
        self.current = current  # CinetPay's current platform (sk_ keys), else None
        self.settings = settings
        self.bus = bus
        self.clock = clock
        self.connectivity = Connectivity(bus, probe=self._probe)
        self.till = default_till()
        self.cashier: Cashier | None = None

    def now(self) -> datetime:
        """The current time (aware, UTC), from the journal's clock."""
        return self.clock()

    async def call(self, awaitable: Awaitable[T]) -> T:
        """Await an API call, feeding its outcome to the connectivity state."""
        try:
            result = await awaitable
        except CinetPayError as exc:
            self.connectivity.report(exc)
            raise
        self.connectivity.report(None)
        return result

    # --- the backend seam (services/backends.py): same calls on both kinds ------------------

    @property
    def kind(self) -> str:
        return "classic" if self.current is None else "current"

    @property
    def checkout(self) -> Any:
        """``init_payment`` / ``check_payment`` of this account's platform."""
        if self.current is None:
            return self.api.checkout
        return CurrentCheckout(self.current, lambda: self.settings)

    @property
    def transfer(self) -> Any:
        """``send_money`` / ``check_transfer`` / ``enabled`` of this account's platform."""
        if self.current is None:
            return self.api.transfer
        return CurrentTransfers(self.current, lambda: self.settings)

    @property
    def checkout_endpoint(self) -> str:
        """Where payment pages must come from (link_url.untrusted_reason)."""
        return self.api.endpoints.checkout if self.current is None else self.current.api_url

    async def _probe(self) -> None:
        if self.current is not None:
            with contextlib.suppress(NotFound):
                await self.current.payments.status("COMPTOIRPROBE")
            return
        # The lightest authenticated call: a v2 check of an id that does not exist answers
        # quickly with "not found" when CinetPay is reachable.
        with contextlib.suppress(NotFound):
            await self.api.checkout.check_payment("COMPTOIR-PROBE")
        if self.connectivity.state is NetState.AUTH_ERROR and self.api.transfer.enabled:
            self.api.transfer.forget_token()  # the refusal may have been the transfer keys
            await self.api.transfer.login()

    @property
    def offline(self) -> bool:
        return self.connectivity.state is NetState.OFFLINE

    @property
    def lang(self) -> str:
        """The shop's language: what the journal's messages are written in."""
        return "en" if self.settings.lang.startswith("en") else "fr"

    def text(self, messages: dict[str, str]) -> str:
        return messages.get(self.lang, messages["fr"])

    def api_key_matches(self, typed: str) -> bool:
        """Whether ``typed`` is the API key this session uses, compared in constant time
        (a manager proves who they are with it). An empty key never matches."""
        typed = typed.strip()
        # The API layer keeps the credentials private; this is the one place that reads them.
        actual = (self.api.checkout._creds.apikey if self.current is None
                  else self.current.session._creds.api_key)
        return bool(typed) and bool(actual) and hmac.compare_digest(typed.encode(),
                                                                      actual.encode())
