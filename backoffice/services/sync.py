"""The outbox drain: on reconnect, on demand (``sync``) and before closing, every queued or
uncertain operation is taken forward; uncertain ones are resolved by asking CinetPay first.
:meth:`SyncService.catch_up` is the one full sync, used by ``comptoir-cli sync`` and by the
desktop app's background timer alike."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..store.contacts import get_contact
from ..store.outbox import (
    OutboxItem,
    all_outbox_items,
    outbox_count,
    outbox_items,
    unconfirmed_counts,
)
from ..store.states import State
from ..store.transfers import get_transfer
from .connectivity import NetState
from .contacts import ContactsService
from .context import ServiceContext
from .events import OUTBOX_CHANGED, SYNC_FINISHED, SYNC_STARTED
from .links import LinksService
from .transfers import TransfersService

log = logging.getLogger(__name__)
ABANDON_AFTER = timedelta(minutes=2)
FORCE_HORIZON = timedelta(days=3650)


@dataclass(frozen=True)
class SyncReport:
    attempted: int
    remaining: int


class SyncService:
    def __init__(self, ctx: ServiceContext, *, links: LinksService,
                 transfers: TransfersService, contacts: ContactsService) -> None:
        self.ctx = ctx
        self.links = links
        self.transfers = transfers
        self.contacts = contacts
        self._lock = asyncio.Lock()

    async def drain(self, *, force: bool = False) -> SyncReport:
        """One pass over the due outbox items (one drain at a time). ``force`` (on demand):
        items waiting out a backoff are taken too. Nothing is sent while offline or while
        CinetPay refuses our credentials (a probe decides first)."""
        blocked = (NetState.OFFLINE, NetState.AUTH_ERROR)
        if self.ctx.connectivity.state in blocked and \
                await self.ctx.connectivity.probe_now() in blocked:
            return SyncReport(0, await self.ctx.db.run(outbox_count))
        async with self._lock:
            self.ctx.bus.emit(SYNC_STARTED)
            try:
                return await self._drain(force)
            finally:
                self.ctx.bus.emit(SYNC_FINISHED)

    async def catch_up(self, *, force: bool = False) -> SyncReport:
        """Drain; follow sent transfers and waiting links to their outcome (which also checks
        uncertain ones whose retry was deferred); drain again what those checks queued.
        ``force`` (on demand): items waiting out a backoff are taken too."""
        await self.links.expire_due()  # local: offline too (links that end, issue 17)
        attempted = (await self.drain(force=force)).attempted
        # CinetPay's contact list, once per session: transfers can then be prepared offline
        await self.contacts.fetch_if_due()
        if self.ctx.offline:
            return SyncReport(attempted, await self.ctx.db.run(outbox_count))
        await self.transfers.refresh_all()
        await self.links.refresh_all()
        report = await self.drain(force=force)
        return SyncReport(attempted + report.attempted, report.remaining)

    async def outbox(self) -> list[OutboxItem]:
        """Everything not confirmed by CinetPay yet, due or not, in flight included."""
        return await self.ctx.db.run(all_outbox_items)

    async def next_due(self) -> datetime | None:
        """When the earliest deferred outbox item becomes due (None: nothing deferred)."""
        items = await self.ctx.db.run(all_outbox_items)
        times = [i.not_before for i in items if i.not_before is not None]
        return min(times) if times else None

    async def follow_up_in(self, interval: float) -> float | None:
        """Seconds until the next follow-up (at least one): when a deferred item is due, or
        ``interval`` while transfers are in progress or operations wait (their status changes
        without anyone asking). None: nothing to follow."""
        due = await self.next_due()
        counts = await self.ctx.db.run(unconfirmed_counts)
        delays = [interval] if counts.transfers_in_progress or counts.outbox else []
        if due is not None:
            delays.append((due - self.ctx.now()).total_seconds())
        return max(1.0, min(delays)) if delays else None

    async def _drain(self, force: bool) -> SyncReport:
        """One pass (called under the lock)."""
        db = self.ctx.db
        due = self.ctx.now() + (FORCE_HORIZON if force else timedelta(0))
        items = await db.run(outbox_items, due)
        contacts = [i for i in items if i.kind == "contact"]
        if any(i.state is State.UNCERTAIN for i in contacts):
            await self.contacts.resolve_uncertain()
        queued_contacts = [await db.run(get_contact, *i.ref.split(":", 1))
                           for i in contacts if i.state is State.QUEUED]
        if queued_contacts and not self.ctx.offline:
            await self.contacts.dispatch([c for c in queued_contacts if c])
        for item in items:
            if self.ctx.offline:
                break
            if item.kind == "link" and item.state is State.QUEUED:
                # Interrupted before sending (not one being created right now): a late
                # link is useless at a till.
                if item.created_at < self.ctx.now() - ABANDON_AFTER:
                    await self.links.abandon(item.ref)
            elif item.kind == "link" and item.state is State.UNCERTAIN:
                await self.links.refresh(item.ref, quiet=True)
            elif item.kind == "transfer" and item.state is State.UNCERTAIN:
                await self.transfers.resolve(item.ref, quiet=True)
        # Transfers queued (or sent back to queued by a "not found"): send them now.
        found = [await db.run(get_transfer, i.ref) for i in
                 await db.run(outbox_items, due) if i.kind == "transfer"]
        queued = [t for t in found if t and t.state is State.QUEUED]
        if queued and not self.ctx.offline:
            await self.transfers.dispatch(queued)
        remaining = len(await db.run(outbox_items))
        self.ctx.bus.emit(OUTBOX_CHANGED)
        return SyncReport(attempted=len(items), remaining=remaining)
