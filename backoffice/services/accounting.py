"""The accountant's view of a period: one :class:`Movement` per movement of money the journal
knows (paid payment links, cash sales, pay-outs, floats, transfers CinetPay completed), and
the shop's SYSCOHADA mapping (``accounting.json`` in the data directory, written with the
defaults on first use). The writers are in :mod:`backoffice.output.accounting`.

    rows = await accounting.movements(core, start, end, till=None)
    write_csv(rows, path, await core.accounting.mapping(), tz=zone)
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from ..output.accounting import (
    CASH_FLOAT,
    CASH_PAYOUT,
    CASH_SALE,
    MAPPING_FILE,
    PAYMENT,
    TRANSFER,
    AccountMap,
    Movement,
    load_mapping,
)
from ..store.accounting import MoneyRow, money_rows
from .context import ServiceContext

KINDS = {("link", "link"): PAYMENT, ("transfer", "transfer"): TRANSFER,
         ("cash", "sale"): CASH_SALE, ("cash", "payout"): CASH_PAYOUT,
         ("cash", "float"): CASH_FLOAT}

log = logging.getLogger(__name__)

__all__ = ["AccountMap", "AccountingService", "Movement", "days_period", "movements"]


class AccountingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def mapping_path(self) -> Path:
        """``accounting.json`` next to the journal (the data directory)."""
        return Path(self.ctx.db.db.path).parent / MAPPING_FILE

    async def mapping(self) -> AccountMap:
        """The shop's accounts (the file is written with the defaults when missing)."""
        return await self.ctx.db.run(lambda _db: load_mapping(self.mapping_path))

    async def movements(self, start: datetime, end: datetime, *,
                        till: str | None = None) -> list[Movement]:
        """The movements of ``[start, end)`` (aware datetimes), oldest first."""
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("period bounds must be aware datetimes")
        rows = await self.ctx.db.run(money_rows, start, end, till)
        return [_movement(r) for r in rows]


async def movements(core: Any, start: datetime, end: datetime,
                    till: str | None = None) -> list[Movement]:
    """``core.accounting.movements`` for callers holding the Comptoir façade."""
    service: AccountingService = core.accounting
    return await service.movements(start, end, till=till)


def days_period(first: date, last: date, zone: tzinfo | None) -> tuple[datetime, datetime]:
    """``[start, end)`` covering the days ``first`` to ``last`` in ``zone`` (None: the
    machine's), as aware datetimes."""
    start = datetime.combine(first, time())
    end = datetime.combine(last + timedelta(days=1), time())
    if zone is None:
        return start.astimezone(), end.astimezone()
    return start.replace(tzinfo=zone), end.replace(tzinfo=zone)


def _movement(r: MoneyRow) -> Movement:
    return Movement(at=r.at, till=r.till, cashier=r.cashier, kind=KINDS[(r.source, r.kind)],
                    transaction_id=r.ref, method=r.method, description=r.description,
                    amount=r.amount, currency=r.currency)
