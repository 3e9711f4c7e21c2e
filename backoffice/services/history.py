"""Transaction history: fetched from CinetPay (v1 getTransHistory), merged into the local
cache, then searched, filtered, sorted, totalled and exported locally (fast, offline)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..api.models import HistoryFilter, LegacyTransaction
from ..output.csvfiles import write_csv
from ..store import history as cache
from ..store.history import HistoryQuery, HistoryRow, HistoryTotals
from .events import HISTORY_CHANGED

if TYPE_CHECKING:
    from .core import Comptoir

CSV_HEADER = ("transaction_id", "date", "montant", "devise", "statut", "code", "operateur",
              "indicatif", "telephone", "payid", "description", "client")


def to_row(tx: LegacyTransaction) -> HistoryRow:
    return HistoryRow(
        transaction_id=tx.transaction_id, amount=tx.amount,
        currency="XOF" if tx.currency in ("CFA", "") else tx.currency, status=tx.status,
        result_code=tx.result, error_message=tx.error_message, payid=tx.payid,
        operator=tx.payment_method, phone_prefix=tx.phone_prefix, phone=tx.phone,
        designation=tx.designation, buyer_name=tx.buyer_name, custom=tx.custom,
        paid_at=cache.paid_at_from(tx.payment_date, tx.payment_time),
        created_at=tx.created_at.isoformat(sep=" ") if tx.created_at else "",
        updated_at=tx.updated_at.isoformat(sep=" ") if tx.updated_at else "")


class HistoryService:
    def __init__(self, core: Comptoir) -> None:
        self.core = core

    async def refresh(self, flt: HistoryFilter | None = None) -> int:
        """Fetch from CinetPay and merge into the cache; returns how many rows came."""
        txs = await self.core.call(self.core.api.legacy.history(flt))
        count = await self.core.db.run(
            lambda db: cache.upsert_history(db, [to_row(t) for t in txs]))
        self.core.bus.emit(HISTORY_CHANGED)
        return count

    async def fetched_at(self) -> datetime | None:
        return await self.core.db.run(cache.history_fetched_at)

    async def count(self, q: HistoryQuery) -> int:
        return await self.core.db.run(cache.history_count, q)

    async def totals(self, q: HistoryQuery) -> HistoryTotals:
        return await self.core.db.run(cache.history_totals, q)

    async def page(self, q: HistoryQuery, offset: int = 0, limit: int = 200) -> list[HistoryRow]:
        return await self.core.db.run(cache.history_page, q, offset, limit)

    async def export_csv(self, q: HistoryQuery, path: Path | str) -> int:
        """Exactly the rows the filter shows, in its order; amounts as exact decimals."""
        def export(db) -> int:  # runs on the database thread
            return write_csv(path, CSV_HEADER, (
                (r.transaction_id, r.paid_at.isoformat(sep=" ") if r.paid_at else "",
                 _plain(r.amount), r.currency, r.status, r.result_code, r.operator,
                 r.phone_prefix, r.phone, r.payid, r.designation, r.buyer_name)
                for r in cache.history_iter(db, q)))

        return await self.core.db.run(export)


def _plain(amount: Decimal) -> str:
    return f"{amount.normalize():f}"
