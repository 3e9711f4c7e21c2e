"""The back office's view of the whole shop: every till's links, transfers, cash sales and
closings, read from the shop database, and kept live by LISTEN/NOTIFY.

    view = ShopView(dsn)                         # core.shop_view (composition attaches it)
    await view.operations(till=None, since=…)    # [ShopOp] newest first, till and cashier on each
    await view.links() / view.transfers()        # [Copy]: row, till, cashier_id, cashier
    await view.day(shop_day, zone)               # ShopDay: per till and for the whole shop
    view.listen(bus)                             # SHOP_CHANGED on the bus, on the loop's thread
    await view.aclose()

Reading only: nothing here sends anything to CinetPay, nor writes to the shop database (each
till's operations are sent by the till that owns them, see shop/adoption.py).

Threading: every read runs the synchronous psycopg driver on a worker thread
(``asyncio.to_thread``); the listener is :class:`~.reads.ShopListener` on a thread of its own
(qasync's loop on Windows is a Proactor loop: no async psycopg). Its notifications reach the
event loop with ``loop.call_soon_threadsafe`` and are emitted there as ``SHOP_CHANGED``
(payload: the :class:`~.reads.ShopEvent`; table ``"*"`` after a reconnection: re-read all).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar

import psycopg
from psycopg import conninfo
from psycopg.rows import dict_row

from ..services.events import SHOP_CHANGED, EventBus
from ..services.outcomes import (
    LinkOutcome,
    TransferOutcome,
    link_outcome,
    transfer_outcome,
)
from ..store import links as link_store
from ..store import transfers as transfer_store
from ..store.links import LinkRow
from ..store.transfers import TransferRow
from .reads import ShopEvent, ShopListener, TillRow, tills
from .schema import connect, has_password, redact

log = logging.getLogger(__name__)
R = TypeVar("R")

__all__ = ["SHOP_CHANGED", "ShopDay", "ShopOp", "ShopView", "TillDay"]

LIMIT = 500
TRANSFER_CURRENCY = "XOF"  # transfers are in XOF (cli/render.transfer_json)
WAITING = frozenset({LinkOutcome.PENDING, LinkOutcome.SENDING, LinkOutcome.UNCERTAIN})


@dataclass(frozen=True)
class ShopOp:
    """One operation of any till, as the back office lists it."""

    kind: str  # "link", "transfer", "cash"
    ref: str  # transaction_id, client_transaction_id, movement_id
    till: str
    cashier_id: str | None
    cashier: str  # the cashier's name at that till ("" : nobody signed in / unknown)
    created_at: datetime
    amount: int
    currency: str
    outcome: str  # LinkOutcome / TransferOutcome value, or the movement's kind (sale…)
    description: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.ref, "till": self.till,
                "cashier_id": self.cashier_id, "cashier": self.cashier,
                "created_at": self.created_at.isoformat(), "amount": self.amount,
                "currency": self.currency, "outcome": self.outcome,
                "description": self.description}


@dataclass
class TillDay:
    """A shop day's figures of one till (``till`` "": the whole shop)."""

    till: str
    currency: str = "XOF"
    paid_count: int = 0  # links PAYÉ
    paid_amount: int = 0
    waiting_count: int = 0  # links still awaited (waiting, being sent, uncertain)
    waiting_amount: int = 0
    other_links: int = 0  # refused, failed, cancelled, expired, à vérifier
    cash_count: int = 0  # cash sales
    cash_amount: int = 0
    payout_amount: int = 0
    float_amount: int = 0
    transfers_done: int = 0
    transfers_amount: int = 0
    transfers_open: int = 0
    closing_id: str | None = None  # the till's latest closing of the day (None: not closed)
    closing_version: int | None = None
    closing_provisional: bool = False
    counted_cash: int | None = None
    expected_cash: int | None = None
    last_seen: datetime | None = None
    pending: int = 0  # rows the till had not copied yet, as it said at last_seen

    @property
    def takings(self) -> int:
        """Money taken: links paid plus cash sales."""
        return self.paid_amount + self.cash_amount

    @property
    def cash_expected(self) -> int:
        """Cash the drawer should hold from the day's movements (float + sales - pay-outs)."""
        return self.float_amount + self.cash_amount - self.payout_amount

    def add(self, other: TillDay) -> None:
        for name in ("paid_count", "paid_amount", "waiting_count", "waiting_amount",
                     "other_links", "cash_count", "cash_amount", "payout_amount",
                     "float_amount", "transfers_done", "transfers_amount", "transfers_open",
                     "pending"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.counted_cash is not None:
            self.counted_cash = (self.counted_cash or 0) + other.counted_cash
        if other.expected_cash is not None:
            self.expected_cash = (self.expected_cash or 0) + other.expected_cash

    def as_json(self) -> dict[str, Any]:
        out = {k: v for k, v in vars(self).items() if k != "last_seen"}
        out["last_seen"] = self.last_seen.isoformat() if self.last_seen else None
        out["takings"] = self.takings
        out["cash_expected"] = self.cash_expected
        return out


@dataclass
class ShopDay:
    """A shop day per till and for the whole shop (``total``)."""

    day: date
    start: datetime
    end: datetime
    tills: list[TillDay] = field(default_factory=list)
    total: TillDay = field(default_factory=lambda: TillDay(""))

    def as_json(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "start": self.start.isoformat(),
                "end": self.end.isoformat(), "tills": [t.as_json() for t in self.tills],
                "total": self.total.as_json()}


# --- reading (synchronous, on a worker thread) ----------------------------------------------

_CASHIER = ("LEFT JOIN cashiers c ON c.till = x.till AND c.cashier_id = x.cashier_id")


def _select(pg: psycopg.Connection, table: str, where: str, params: list[Any],
            limit: int) -> list[dict[str, Any]]:
    query = (f"SELECT x.*, c.name AS cashier_name FROM {table} x {_CASHIER}"  # names: ours
             f" WHERE {where} ORDER BY x.created_at DESC LIMIT %s")
    with pg.transaction(), pg.cursor(row_factory=dict_row) as cur:
        return cur.execute(query, [*params, int(limit)]).fetchall()


@dataclass(frozen=True)
class Copy(Generic[R]):
    """A till's row as its journal reads it, with where it was made and by whom."""

    row: R
    till: str
    cashier_id: str | None
    cashier: str  # the name at that till ("": nobody signed in, or unknown)


def _filters(till: str | None, since: datetime | None,
             until: datetime | None) -> tuple[str, list[Any]]:
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    if till is not None:
        where.append("x.till = %s")
        params.append(till)
    if since is not None:
        where.append("x.created_at >= %s")
        params.append(since)
    if until is not None:
        where.append("x.created_at < %s")
        params.append(until)
    return " AND ".join(where), params


def link_row(found: Mapping[str, Any]) -> LinkRow:
    """The till's own row, as its journal reads it (the ``row`` copy in jsonb)."""
    return link_store._link(found["row"])  # one reading of a journal row


def transfer_row(found: Mapping[str, Any]) -> TransferRow:
    return transfer_store._transfer(found["row"])


def read_links(pg: psycopg.Connection, till: str | None = None, since: datetime | None = None,
               until: datetime | None = None, limit: int = LIMIT
               ) -> list[Copy[LinkRow]]:
    where, params = _filters(till, since, until)
    return [Copy(link_row(r), r["till"], r["cashier_id"], r["cashier_name"] or "")
            for r in _select(pg, "links", where, params, limit)]


def read_transfers(pg: psycopg.Connection, till: str | None = None,
                   since: datetime | None = None, until: datetime | None = None,
                   limit: int = LIMIT) -> list[Copy[TransferRow]]:
    where, params = _filters(till, since, until)
    return [Copy(transfer_row(r), r["till"], r["cashier_id"], r["cashier_name"] or "")
            for r in _select(pg, "transfers", where, params, limit)]


def read_cash(pg: psycopg.Connection, till: str | None = None, since: datetime | None = None,
              until: datetime | None = None, limit: int = LIMIT) -> list[dict[str, Any]]:
    where, params = _filters(till, since, until)
    return _select(pg, "cash_movements", where, params, limit)


def read_operations(pg: psycopg.Connection, till: str | None = None,
                    since: datetime | None = None, until: datetime | None = None,
                    limit: int = LIMIT) -> list[ShopOp]:
    """Links, transfers and cash movements of every till (or one), newest first."""
    ops = [ShopOp("link", c.row.transaction_id, c.till, c.cashier_id, c.cashier,
                  c.row.created_at, c.row.amount, c.row.currency, str(link_outcome(c.row)),
                  c.row.description)
           for c in read_links(pg, till, since, until, limit)]
    ops += [ShopOp("transfer", c.row.client_transaction_id, c.till, c.cashier_id, c.cashier,
                   c.row.created_at, c.row.amount, TRANSFER_CURRENCY,
                   str(transfer_outcome(c.row)), f"+{c.row.prefix} {c.row.phone}")
            for c in read_transfers(pg, till, since, until, limit)]
    ops += [ShopOp("cash", m["movement_id"], m["till"], m["cashier_id"], m["cashier_name"] or "",
                   m["created_at"], int(m["amount"]), m["currency"], m["kind"],
                   m["description"])
            for m in read_cash(pg, till, since, until, limit)]
    ops.sort(key=lambda op: (op.created_at, op.ref), reverse=True)
    return ops[:limit]


def read_day(pg: psycopg.Connection, day: date, start: datetime, end: datetime) -> ShopDay:
    """The figures of ``[start, end)`` per till and for the whole shop."""
    per: dict[str, TillDay] = {}

    def of(till: str) -> TillDay:
        return per.setdefault(till, TillDay(till))

    for link in read_links(pg, None, start, end, limit=1_000_000):
        _count_link(of(link.till), link.row)
    for transfer in read_transfers(pg, None, start, end, limit=1_000_000):
        _count_transfer(of(transfer.till), transfer.row)
    for m in read_cash(pg, None, start, end, limit=1_000_000):
        _count_cash(of(m["till"]), m["kind"], int(m["amount"]))
    _closings(pg, day, of)
    for seen in tills(pg):
        item = of(seen.code)
        item.last_seen, item.pending = seen.last_seen, seen.pending
    result = ShopDay(day, start, end, sorted(per.values(), key=lambda t: t.till))
    for item in result.tills:
        result.total.add(item)
        result.total.currency = item.currency
    return result


def _count_link(item: TillDay, r: LinkRow) -> None:
    outcome = link_outcome(r)
    item.currency = r.currency
    if outcome is LinkOutcome.PAID:
        item.paid_count += 1
        item.paid_amount += r.amount
    elif outcome in WAITING:
        item.waiting_count += 1
        item.waiting_amount += r.amount
    else:
        item.other_links += 1


def _count_transfer(item: TillDay, r: TransferRow) -> None:
    outcome = transfer_outcome(r)
    if outcome is TransferOutcome.DONE:
        item.transfers_done += 1
        item.transfers_amount += r.amount
    elif outcome not in (TransferOutcome.REJECTED, TransferOutcome.FAILED):
        item.transfers_open += 1


def _count_cash(item: TillDay, kind: str, amount: int) -> None:
    if kind == "sale":
        item.cash_count += 1
        item.cash_amount += amount
    elif kind == "payout":
        item.payout_amount += amount
    else:
        item.float_amount += amount


def _closings(pg: psycopg.Connection, day: date, of: Callable[[str], TillDay]) -> None:
    """Each till's latest whole-till closing of ``day`` (cashier shifts aside)."""
    with pg.transaction(), pg.cursor(row_factory=dict_row) as cur:
        found = cur.execute(
            "SELECT DISTINCT ON (till) till, closing_id, version, provisional, counted_cash,"
            " expected_cash FROM closings WHERE shop_day = %s AND cashier_id IS NULL"
            " ORDER BY till, version DESC, created_at DESC", (day.isoformat(),)).fetchall()
    for c in found:
        item = of(c["till"])
        item.closing_id, item.closing_version = c["closing_id"], int(c["version"])
        item.closing_provisional = bool(c["provisional"])
        item.counted_cash = None if c["counted_cash"] is None else int(c["counted_cash"])
        item.expected_cash = int(c["expected_cash"])


def read_ids(pg: psycopg.Connection) -> dict[str, set[tuple[str, str, str, int]]]:
    """Every copy's (id, till, state, amount) per table: what the proofs compare."""
    out: dict[str, set[tuple[str, str, str, int]]] = {}
    for table, key, state in (("links", "transaction_id", "state"),
                              ("transfers", "client_transaction_id", "state"),
                              ("cash_movements", "movement_id", "kind")):
        with pg.transaction():
            rows = pg.execute(f"SELECT {key}, till, {state}, amount FROM {table}").fetchall()
        out[table] = {(str(a), str(b), str(c), int(d)) for a, b, c, d in rows}
    return out


# --- the service ----------------------------------------------------------------------------


class ShopView:
    """What the back office reads from the shop database, and its live updates."""

    def __init__(self, dsn: str, *, password: Callable[[], str | None] | None = None) -> None:
        self.shown = redact(dsn)  # the only form of the address that may be shown
        self._dsn = dsn
        self._password = password
        if password is None and not has_password(dsn) and not os.environ.get("PGPASSWORD"):
            from .setup import keyring_password

            self._password = keyring_password(dsn)
        self._listener: ShopListener | None = None
        self._unsubscribe: list[Callable[[], None]] = []

    def _full_dsn(self) -> str:
        """The DSN with the keyring's password when it has none (asked once, off the loop)."""
        if self._password is not None and not has_password(self._dsn):
            secret = self._password()
            self._password = None
            if secret:
                self._dsn = conninfo.make_conninfo(self._dsn, password=secret)
        return self._dsn

    def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(pg, *args)`` on one short connection (call it on a worker thread)."""
        with connect(self._full_dsn()) as pg:
            return fn(pg, *args)

    async def _call(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.to_thread(self.run, fn, *args)

    async def tills(self) -> list[TillRow]:
        return await self._call(tills)

    async def operations(self, till: str | None = None, since: datetime | None = None,
                         until: datetime | None = None, limit: int = LIMIT) -> list[ShopOp]:
        return await self._call(read_operations, till, since, until, limit)

    async def links(self, till: str | None = None, since: datetime | None = None,
                    until: datetime | None = None, limit: int = LIMIT
                    ) -> list[Copy[LinkRow]]:
        return await self._call(read_links, till, since, until, limit)

    async def transfers(self, till: str | None = None, since: datetime | None = None,
                        until: datetime | None = None, limit: int = LIMIT
                        ) -> list[Copy[TransferRow]]:
        return await self._call(read_transfers, till, since, until, limit)

    async def day(self, day: date, zone: str = "") -> ShopDay:
        from ..services.closing import period_of

        period = period_of(day, zone)
        return await self._call(read_day, day, period.start, period.end)

    async def ids(self) -> dict[str, set[tuple[str, str, str, int]]]:
        return await self._call(read_ids)

    # --- live -------------------------------------------------------------------------------

    async def listen(self, bus: EventBus) -> None:
        """LISTEN on a thread of its own; each notification is emitted on ``bus`` as
        SHOP_CHANGED on this (the running) loop's thread. Idempotent."""
        if self._listener is not None:
            return
        loop = asyncio.get_running_loop()
        dsn = await asyncio.to_thread(self._full_dsn)  # the keyring may block: not here
        if self._listener is not None:
            return

        def deliver(event: ShopEvent) -> None:  # on the listener's thread
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(bus.emit, SHOP_CHANGED, event)

        self._listener = ShopListener(dsn, deliver)
        self._listener.start()

    @property
    def listening(self) -> bool:
        """Connected to the server and listening right now."""
        return self._listener is not None and self._listener.connected.is_set()

    async def aclose(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            await asyncio.to_thread(listener.stop)

