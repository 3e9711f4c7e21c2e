"""Balances: account and service (legacy v1) and the transfer balance, each cached with the
time it was fetched; offline the cached figures are served, marked stale."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from ..api.errors import CinetPayError
from ..store.caches import cache_get, cache_put
from .context import ServiceContext
from .events import BALANCE_CHANGED
from .transfers import TransfersService

ACCOUNT_KEY = "balance.account"
TRANSFER_KEY = "balance.transfer"


@dataclass(frozen=True)
class Figures:
    """One group of balances (solde/credit/debit, or amount/inUsing/available)."""

    values: dict[str, Decimal]
    fetched_at: datetime | None
    stale: bool


@dataclass(frozen=True)
class BalanceView:
    account: Figures | None  # solde, credit, debit
    service: Figures | None
    transfer: Figures | None  # amount, in_using, available
    error: CinetPayError | None = None


class BalanceService:
    def __init__(self, ctx: ServiceContext, transfers: TransfersService) -> None:
        self.ctx = ctx
        self.transfers = transfers

    async def refresh(self) -> BalanceView:
        """Ask CinetPay; whatever cannot be fetched is served from the cache, stale."""
        api, db = self.ctx.api, self.ctx.db
        error: CinetPayError | None = None
        fresh: set[str] = set()
        if self.ctx.current is not None:
            return await self._refresh_current()
        try:
            status = await self.ctx.call(api.legacy.account_status())
            await db.run(cache_put, ACCOUNT_KEY, {
                "account": _line(status.account), "service": _line(status.service)})
            fresh.add(ACCOUNT_KEY)
        except CinetPayError as exc:
            error = exc
        try:
            if self.transfers.enabled:
                tb = await self.ctx.call(api.transfer.balance())
                await db.run(cache_put, TRANSFER_KEY, {
                    "amount": tb.amount, "in_using": tb.in_using, "available": tb.available})
                fresh.add(TRANSFER_KEY)
        except CinetPayError as exc:
            error = error or exc
        view = await self.cached(fresh=fresh)
        self.ctx.bus.emit(BALANCE_CHANGED, view)
        return BalanceView(view.account, view.service, view.transfer, error)

    async def _refresh_current(self) -> BalanceView:
        """The current platform has one figure: what is available (and its currency)."""
        assert self.ctx.current is not None
        error: CinetPayError | None = None
        fresh: set[str] = set()
        try:
            bal = await self.ctx.call(self.ctx.current.balances.get())
            await self.ctx.db.run(cache_put, TRANSFER_KEY, {"available": bal.available})
            fresh.add(TRANSFER_KEY)
        except CinetPayError as exc:
            error = exc
        view = await self.cached(fresh=fresh)
        self.ctx.bus.emit(BALANCE_CHANGED, view)
        return BalanceView(view.account, view.service, view.transfer, error)

    async def refresh_transfer(self) -> BalanceView:
        """Only the transfer balance (the Transferts screen): fetched and cached; offline or
        on failure the cached figure, stale, and the error (a read's)."""
        if self.ctx.current is not None:
            return await self._refresh_current()
        error: CinetPayError | None = None
        fresh: set[str] = set()
        if self.transfers.enabled and not self.ctx.offline:
            try:
                tb = await self.ctx.call(self.ctx.api.transfer.balance())
                await self.ctx.db.run(cache_put, TRANSFER_KEY, {
                    "amount": tb.amount, "in_using": tb.in_using, "available": tb.available})
                fresh.add(TRANSFER_KEY)
            except CinetPayError as exc:
                error = exc
        view = await self.cached(fresh=fresh)
        if fresh:
            self.ctx.bus.emit(BALANCE_CHANGED, view)
        return BalanceView(view.account, view.service, view.transfer, error)

    async def cached(self, *, fresh: set[str] | frozenset[str] = frozenset()) -> BalanceView:
        """The cached figures; a group not in ``fresh`` (just fetched) is stale."""
        db = self.ctx.db
        account = await db.run(cache_get, ACCOUNT_KEY)
        transfer = await db.run(cache_get, TRANSFER_KEY)

        def figures(key: str, values: dict[str, Any] | None,
                    when: datetime | None) -> Figures | None:
            stale = key not in fresh or self.ctx.offline
            return None if values is None else Figures(dict(values), when, stale)

        return BalanceView(
            account=figures(ACCOUNT_KEY, account.payload["account"], account.fetched_at)
            if account else None,
            service=figures(ACCOUNT_KEY, account.payload["service"], account.fetched_at)
            if account else None,
            transfer=figures(TRANSFER_KEY, transfer.payload, transfer.fetched_at)
            if transfer else None,
        )


def _line(line: Any) -> dict[str, Decimal]:
    return {"solde": line.solde, "credit": line.credit, "debit": line.debit}
