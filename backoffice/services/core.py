"""The Comptoir façade the GUI and the CLI hold: it opens the journal, builds the service
context and the services, and closes them. It only assembles: every decision is in a
service (``comptoir.links``, ``.transfers``, ``.contacts``, ``.balance``, ``.history``,
``.duplicates``, ``.sync``)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..api import CinetPayClient
from ..api.transport import Endpoints
from ..store.db import AsyncDatabase
from ..store.outbox import UnconfirmedCounts, recover_interrupted, unconfirmed_counts
from .accounting import AccountingService
from .balance import BalanceService
from .cash import CashService
from .cashiers import CashiersService
from .closing import ClosingService
from .connectivity import Connectivity, NetState
from .contacts import ContactsService
from .context import Clock, ServiceContext, Settings
from .day_summary import DaySummaryService
from .duplicates import DuplicatesService
from .events import EventBus
from .history import HistoryService
from .links import LinksService
from .receipts import ReceiptsService
from .sync import SyncService
from .transfers import TransfersService

if TYPE_CHECKING:
    from ..api.current import CurrentClient
    from ..preferences import Preferences
    from ..shop.setup import ShopLink
    from ..shop.view import ShopView

log = logging.getLogger(__name__)
T = TypeVar("T")

JOURNAL_FILE = "journal.sqlite3"
__all__ = ["JOURNAL_FILE", "Comptoir"]


class Comptoir:
    """``comptoir = await Comptoir.open(data_dir, api)``; ``await comptoir.aclose()``."""

    def __init__(self, adb: AsyncDatabase, api: CinetPayClient, settings: Settings,
                 bus: EventBus | None = None, clock: Clock | None = None,
                 current: CurrentClient | None = None) -> None:
        # Opened by :meth:`open`, the journal already runs on ``clock``; otherwise the
        # services read the journal's own clock. ``current``: CinetPay's current platform
        # (sk_ keys); ``api`` is then a client that sends nothing.
        ctx = ServiceContext(adb, api, settings, bus or EventBus(), clock or Clock(adb.db.clock),
                             current)
        self.context = ctx
        self.links = LinksService(ctx)
        self.transfers = TransfersService(ctx)
        self.contacts = ContactsService(ctx)
        self.balance = BalanceService(ctx, self.transfers)
        self.history = HistoryService(ctx)
        self.duplicates = DuplicatesService(ctx)
        self.receipts = ReceiptsService(ctx)  # receipts, QR slips, auto-print
        self.day_summary = DaySummaryService(ctx)
        self.cash = CashService(ctx)
        self.accounting = AccountingService(ctx)
        self.cashiers = CashiersService(ctx)
        self.closing = ClosingService(ctx, self.links, self.history,
                                      require=self.cashiers.require)
        self.sync = SyncService(ctx, links=self.links, transfers=self.transfers,
                                contacts=self.contacts)
        ctx.connectivity.on_reconnect(self.sync.drain)
        # The shop database's link (backoffice/shop/setup.ShopLink), set by composition when
        # one is configured: replication in the background, ``shop status``.
        self.shop: ShopLink | None = None
        # Every till's operations in the shop database, live (backoffice/shop/view.py).
        self.shop_view: ShopView | None = None

    @classmethod
    async def open(cls, data_dir: Path, api: CinetPayClient, settings: Settings | None = None,
                   bus: EventBus | None = None, *,
                   current: CurrentClient | None = None) -> Comptoir:
        """Open the journal (migrating it) and mark crash leftovers as uncertain."""
        clock = Clock()
        adb = await AsyncDatabase.open(Path(data_dir) / JOURNAL_FILE, clock=clock)
        flipped = await adb.run(recover_interrupted)
        if flipped:
            log.warning("%d operation(s) interrupted by a crash are now uncertain", flipped)
        core = cls(adb, api, settings or Settings(), bus, clock, current)
        await core.cashiers.refresh()
        return core

    async def aclose(self, *, drain: bool = True) -> None:
        """Drain the outbox (when online) before closing, so nothing waits needlessly."""
        try:
            if drain and self.connectivity.state not in (NetState.OFFLINE,
                                                         NetState.AUTH_ERROR):
                await self.sync.drain()
        finally:
            if self.shop_view is not None:
                await self.shop_view.aclose()
            if self.shop is not None:  # a last push of what this session journaled
                await self.shop.aclose(final_push=True)
            await self.receipts.aclose()
            await self.connectivity.aclose()
            await self.api.aclose()
            if self.context.current is not None:
                await self.context.current.aclose()
            await self.db.close()

    # --- the context's parts (tests and harnesses swap the client) -------------------------

    @property
    def db(self) -> AsyncDatabase:
        return self.context.db

    @property
    def api(self) -> CinetPayClient:
        return self.context.api

    @api.setter
    def api(self, client: CinetPayClient) -> None:
        self.context.api = client

    @property
    def bus(self) -> EventBus:
        return self.context.bus

    @property
    def connectivity(self) -> Connectivity:
        return self.context.connectivity

    @property
    def clock(self) -> Clock:
        return self.context.clock

    @property
    def settings(self) -> Settings:
        """Read-only for the front-ends: :meth:`apply_preferences` changes them."""
        return self.context.settings

    def call(self, awaitable: Awaitable[T]) -> Awaitable[T]:
        return self.context.call(awaitable)

    @property
    def lang(self) -> str:
        return self.context.lang

    def text(self, messages: dict[str, str]) -> str:
        return self.context.text(messages)

    @property
    def offline(self) -> bool:
        return self.context.offline

    # --- what the front-ends ask ------------------------------------------------------------

    @property
    def net_state(self) -> NetState:
        return self.context.connectivity.state

    @property
    def credentials_refused(self) -> bool:
        """CinetPay refuses this session's credentials (nothing more is sent until fixed)."""
        return self.context.connectivity.state is NetState.AUTH_ERROR

    @property
    def currency(self) -> str:
        """The shop's currency (payment links, totals)."""
        return self.context.settings.currency

    @property
    def endpoints(self) -> Endpoints:
        """The CinetPay addresses this session talks to (real or the training simulator)."""
        return self.context.api.endpoints

    def apply_preferences(self, prefs: Preferences) -> None:
        """Saved preferences take effect for the next operations."""
        self.context.settings = prefs.to_settings()
        self.receipts.apply_preferences(prefs)

    def api_key_matches(self, typed: str) -> bool:
        """Constant-time check of a manager's API key against this session's."""
        return self.context.api_key_matches(typed)

    async def unconfirmed(self) -> UnconfirmedCounts:
        await self.links.expire_due()  # a link past its time is no longer awaited (local)
        return await self.db.run(unconfirmed_counts)
