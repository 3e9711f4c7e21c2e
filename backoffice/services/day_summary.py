"""The shop day at a glance (Tableau de bord): per cashier, today's paid links and cash sales
at this till; the shop day is the calendar day in the shop's time zone."""

from __future__ import annotations

import logging
from datetime import date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..store.clock import local_day_bounds
from ..store.day_summary import CashierDayRow, cashier_day
from .context import ServiceContext

log = logging.getLogger(__name__)

__all__ = ["CashierDayRow", "DaySummaryService"]


def _zone(name: str) -> tzinfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown shop time zone %r: the machine's zone is used", name)
        return None


class DaySummaryService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def today(self, timezone: str = "") -> date:
        """The shop day now, in the shop's zone (empty: the machine's)."""
        return self.ctx.now().astimezone(_zone(timezone)).date()

    async def per_cashier(self, day: date | None = None,
                          timezone: str = "") -> list[CashierDayRow]:
        """Paid links and cash sales of this till on ``day`` (default: today), per cashier."""
        day = day or self.today(timezone)
        start, end = local_day_bounds(day, _zone(timezone))
        return await self.ctx.db.run(cashier_day, datetime.fromisoformat(start),
                                     datetime.fromisoformat(end), self.ctx.till)
