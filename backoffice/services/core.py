"""The Comptoir core: one object that owns the journal, the CinetPay client, the event bus and
connectivity, and gives the GUI and the CLI the same services."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..api import CinetPayClient
from ..api.errors import CinetPayError
from ..store.db import AsyncDatabase
from ..store.outbox import UnconfirmedCounts, recover_interrupted, unconfirmed_counts
from .connectivity import Connectivity, NetState
from .events import EventBus

log = logging.getLogger(__name__)
T = TypeVar("T")

JOURNAL_FILE = "journal.sqlite3"


@dataclass
class Settings:
    """Non-secret choices sent with operations (editable in Réglages / config file)."""

    # CinetPay requires both URLs but a till cannot receive notifications: the merchant's
    # own site goes here. example.com is reserved for documentation: nobody receives it.
    notify_url: str = "https://example.com/comptoir/notify"
    return_url: str = "https://example.com/comptoir/return"
    currency: str = "XOF"
    description: str = "Vente comptoir"
    lang: str = "fr"
    transfer_notify_url: str = ""
    refresh_concurrency: int = 4
    extra: dict[str, str] = field(default_factory=dict)


class Comptoir:
    """``comptoir = await Comptoir.open(data_dir, api)``; ``await comptoir.aclose()``."""

    def __init__(self, adb: AsyncDatabase, api: CinetPayClient, settings: Settings,
                 bus: EventBus | None = None) -> None:
        from .balance import BalanceService
        from .contacts import ContactsService
        from .history import HistoryService
        from .links import LinksService
        from .sync import SyncService
        from .transfers import TransfersService

        self.db = adb
        self.api = api
        self.settings = settings
        self.bus = bus or EventBus()
        self.connectivity = Connectivity(self.bus, probe=self._probe)
        self.links = LinksService(self)
        self.transfers = TransfersService(self)
        self.contacts = ContactsService(self)
        self.balance = BalanceService(self)
        self.history = HistoryService(self)
        self.sync = SyncService(self)
        self.connectivity.on_reconnect(self.sync.drain)

    @classmethod
    async def open(cls, data_dir: Path, api: CinetPayClient, settings: Settings | None = None,
                   bus: EventBus | None = None) -> Comptoir:
        """Open the journal (migrating it) and mark crash leftovers as uncertain."""
        adb = await AsyncDatabase.open(Path(data_dir) / JOURNAL_FILE)
        flipped = await adb.run(recover_interrupted)
        if flipped:
            log.warning("%d operation(s) interrupted by a crash are now uncertain", flipped)
        return cls(adb, api, settings or Settings(), bus)

    async def aclose(self, *, drain: bool = True) -> None:
        """Drain the outbox (when online) before closing, so nothing waits needlessly."""
        try:
            if drain and self.connectivity.state not in (NetState.OFFLINE,
                                                         NetState.AUTH_ERROR):
                await self.sync.drain()
        finally:
            await self.connectivity.aclose()
            await self.api.aclose()
            await self.db.close()

    async def call(self, awaitable: Awaitable[T]) -> T:
        """Await an API call, feeding its outcome to the connectivity state."""
        try:
            result = await awaitable
        except CinetPayError as exc:
            self.connectivity.report(exc)
            raise
        self.connectivity.report(None)
        return result

    async def _probe(self) -> None:
        # The lightest authenticated call: a v2 check of an id that does not exist answers
        # quickly with "not found" when CinetPay is reachable.
        from ..api.errors import NotFound

        with contextlib.suppress(NotFound):
            await self.api.checkout.check_payment("COMPTOIR-PROBE")
        if self.connectivity.state is NetState.AUTH_ERROR and self.api.transfer.enabled:
            self.api.transfer.forget_token()  # the refusal may have been the transfer keys
            await self.api.transfer.login()

    @property
    def lang(self) -> str:
        """The shop's language: what the journal's messages are written in."""
        return "en" if self.settings.lang.startswith("en") else "fr"

    def text(self, messages: dict[str, str]) -> str:
        return messages.get(self.lang, messages["fr"])

    @property
    def offline(self) -> bool:
        return self.connectivity.state is NetState.OFFLINE

    async def unconfirmed(self) -> UnconfirmedCounts:
        return await self.db.run(unconfirmed_counts)
