"""The shop day at a glance (Tableau de bord): per cashier, today's paid links and cash sales
at this till; the shop day is the calendar day in the shop's time zone."""

from __future__ import annotations

import logging
from datetime import date, datetime

from ..store.clock import local_day_bounds
from ..store.day_summary import CashierDayRow, cashier_day
from .context import ServiceContext
from .shop_time import shop_today, shop_zone

log = logging.getLogger(__name__)

__all__ = ["CashierDayRow", "DaySummaryService"]


class DaySummaryService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def today(self, timezone: str = "") -> date:
        """The shop day now, in the shop's zone (empty: the machine's)."""
        return shop_today(self.ctx.now(), timezone)

    async def per_cashier(self, day: date | None = None,
                          timezone: str = "") -> list[CashierDayRow]:
        """Paid links and cash sales of this till on ``day`` (default: today), per cashier."""
        day = day or self.today(timezone)
        start, end = local_day_bounds(day, shop_zone(timezone))
        return await self.ctx.db.run(cashier_day, datetime.fromisoformat(start),
                                     datetime.fromisoformat(end), self.ctx.till)
