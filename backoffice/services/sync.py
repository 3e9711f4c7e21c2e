"""The outbox drain: on reconnect, on demand (``sync``) and before closing, every queued or
uncertain operation is taken forward; uncertain ones are resolved by asking CinetPay first.
:meth:`SyncService.catch_up` is the one full sync, used by ``comptoir-cli sync`` and by the
desktop app's background timer alike."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..store.contacts import get_contact
from ..store.outbox import all_outbox_items, outbox_count, outbox_items
from ..store.states import State
from ..store.transfers import get_transfer
from .connectivity import NetState
from .events import OUTBOX_CHANGED, SYNC_FINISHED, SYNC_STARTED

if TYPE_CHECKING:
    from .core import Comptoir

log = logging.getLogger(__name__)
ABANDON_AFTER = timedelta(minutes=2)
FORCE_HORIZON = timedelta(days=3650)


@dataclass(frozen=True)
class SyncReport:
    attempted: int
    remaining: int


class SyncService:
    def __init__(self, core: Comptoir) -> None:
        self.core = core
        self._lock = asyncio.Lock()

    async def drain(self, *, force: bool = False) -> SyncReport:
        """One pass over the due outbox items (one drain at a time). ``force`` (on demand):
        items waiting out a backoff are taken too. Nothing is sent while offline or while
        CinetPay refuses our credentials (a probe decides first)."""
        blocked = (NetState.OFFLINE, NetState.AUTH_ERROR)
        if self.core.connectivity.state in blocked and \
                await self.core.connectivity.probe_now() in blocked:
            return SyncReport(0, await self.core.db.run(outbox_count))
        async with self._lock:
            self.core.bus.emit(SYNC_STARTED)
            try:
                return await self._drain(force)
            finally:
                self.core.bus.emit(SYNC_FINISHED)

    async def catch_up(self, *, force: bool = False) -> SyncReport:
        """Drain; follow sent transfers and waiting links to their outcome (which also checks
        uncertain ones whose retry was deferred); drain again what those checks queued.
        ``force`` (on demand): items waiting out a backoff are taken too."""
        attempted = (await self.drain(force=force)).attempted
        if self.core.offline:
            return SyncReport(attempted, await self.core.db.run(outbox_count))
        await self.core.transfers.refresh_all()
        await self.core.links.refresh_all()
        report = await self.drain(force=force)
        return SyncReport(attempted + report.attempted, report.remaining)

    async def next_due(self) -> datetime | None:
        """When the earliest deferred outbox item becomes due (None: nothing deferred)."""
        items = await self.core.db.run(all_outbox_items)
        times = [i.not_before for i in items if i.not_before is not None]
        return min(times) if times else None

    async def _drain(self, force: bool) -> SyncReport:
        """One pass (called under the lock)."""
        db = self.core.db
        due = db.db.now() + (FORCE_HORIZON if force else timedelta(0))
        items = await db.run(outbox_items, due)
        contacts = [i for i in items if i.kind == "contact"]
        if any(i.state is State.UNCERTAIN for i in contacts):
            await self.core.contacts.resolve_uncertain()
        queued_contacts = [await db.run(get_contact, *i.ref.split(":", 1))
                           for i in contacts if i.state is State.QUEUED]
        if queued_contacts and not self.core.offline:
            await self.core.contacts.dispatch([c for c in queued_contacts if c])
        for item in items:
            if self.core.offline:
                break
            if item.kind == "link" and item.state is State.QUEUED:
                # Interrupted before sending (not one being created right now): a late
                # link is useless at a till.
                if item.created_at < db.db.now() - ABANDON_AFTER:
                    await self.core.links.abandon(item.ref)
            elif item.kind == "link" and item.state is State.UNCERTAIN:
                await self.core.links.refresh(item.ref, quiet=True)
            elif item.kind == "transfer" and item.state is State.UNCERTAIN:
                await self.core.transfers.resolve(item.ref, quiet=True)
        # Transfers queued (or sent back to queued by a "not found"): send them now.
        queued = [await db.run(get_transfer, i.ref) for i in
                  await db.run(outbox_items, due) if i.kind == "transfer"]
        queued = [t for t in queued if t and t.state is State.QUEUED]
        if queued and not self.core.offline:
            await self.core.transfers.dispatch(queued)
        remaining = len(await db.run(outbox_items))
        self.core.bus.emit(OUTBOX_CHANGED)
        return SyncReport(attempted=len(items), remaining=remaining)
