"""End-of-day closing (clôture de caisse): bring CinetPay up to date, reconcile the journal with
CinetPay's own history, count the drawer, and write a closing that is never edited (a re-run
is the next version; the old ones stay).

The shop day is a calendar day in the shop's time zone (preferences.shop_timezone, else the
machine's): its period is ``[00:00, 24:00)`` there, in UTC in the journal. A closing whose
CinetPay side could not be brought up to date (unreachable, asked to wait, credentials
refused) is **provisional**: run it again once online.

Roles: closing the whole till is a manager's action (``close_till``); a cashier may close
their own shift (``close_shift``); reopening a day is a manager's (``reopen_day``). A shop
without cashiers works as before.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from ..api.errors import CinetPayError
from ..api.models import HistoryFilter
from ..store import closings as store
from ..store.cash import movements as cash_movements
from ..store.clock import local_day_bounds
from ..store.history import HistoryQuery, HistoryRow, history_page
from .closing_report import (
    Cash,
    ClosingReport,
    HistorySource,
    Reopening,
    SyncInfo,
    TotalLine,
    Transfers,
)
from .connectivity import NetState, state_after
from .context import ServiceContext
from .history import HistoryService
from .ids import new_id
from .links import LinksService
from .outcomes import (
    LinkOutcome,
    TransferOutcome,
    link_checkable,
    link_outcome,
    transfer_outcome,
)
from .reconcile import link_anomalies, link_totals, outside_payments
from .shop_time import shop_zone

log = logging.getLogger(__name__)

Require = Callable[[str], Awaitable[None]]
UNREACHABLE_STATES = (NetState.OFFLINE, NetState.DEGRADED, NetState.AUTH_ERROR)
WAITING = (LinkOutcome.PENDING, LinkOutcome.UNCERTAIN, LinkOutcome.SENDING)
HISTORY_PAGE = 10_000


class ClosingRefused(Exception):
    """Refused before anything was done: ``reason`` "nobody", "forbidden", "unknown"."""

    def __init__(self, reason: str, fr: str, en: str) -> None:
        super().__init__(en)
        self.reason, self.fr, self.en = reason, fr, en

    def human(self, lang: str = "fr") -> str:
        return self.en if lang.startswith("en") else self.fr


@dataclass(frozen=True)
class Period:
    shop_day: date
    start: datetime  # aware UTC
    end: datetime
    timezone: str


def zone_and_name(name: str = "") -> tuple[tzinfo | None, str]:
    """The shop's zone (None: the machine's) and its name for the report."""
    zone = shop_zone(name)
    if zone is not None:
        return zone, name
    return None, datetime.now().astimezone().tzname() or "local"


def period_of(shop_day: date, zone: str = "") -> Period:
    """The shop day's ``[start, end)`` in UTC (a DST day may be 23 or 25 hours long)."""
    tz, name = zone_and_name(zone)
    start, end = local_day_bounds(shop_day, tz)
    return Period(shop_day, datetime.fromisoformat(start), datetime.fromisoformat(end), name)


def _unreachable(exc: CinetPayError) -> bool:
    return state_after(exc) in UNREACHABLE_STATES


@dataclass
class _Sync:
    source: HistorySource
    checked: int = 0
    learned: frozenset[str] = frozenset()  # moved to PAYÉ by this closing's checks
    history: dict[str, HistoryRow] | None = None
    unreachable: bool = False


class ClosingService:
    def __init__(self, ctx: ServiceContext, links: LinksService, history: HistoryService,
                 require: Require | None = None) -> None:
        self.ctx = ctx
        self.links = links
        self.history = history
        self.require = require  # CashiersService.require once cashiers exist

    # --- who may close ------------------------------------------------------------------------

    async def resolve_cashier(self, text: str) -> str:
        """A cashier's id from their id or name (not removed); ClosingRefused if unknown."""
        found = await self.ctx.db.run(store.find_cashier, text)
        if found is None:
            raise ClosingRefused("unknown", f"Caissier inconnu : {text}",
                                 f"Unknown cashier: {text}")
        return found

    async def _authorize(self, action: str, cashier_id: str | None = None) -> None:
        who = self.ctx.cashier
        if action == "close_shift" and who is not None and who.role != "manager" \
                and who.cashier_id != cashier_id:
            raise ClosingRefused("forbidden",
                                 f"{who.name} ne peut clôturer que sa propre session.",
                                 f"{who.name} may close their own shift only.")
        if self.require is not None:
            await self.require(action)
            return
        # Until the cashiers service is attached: the same rule (shop of one: allowed).
        if not await self.ctx.db.run(store.cashier_names):
            return
        if who is None:
            raise ClosingRefused("nobody", "Personne n'est à la caisse : identifiez-vous.",
                                 "Nobody is at the till: sign in.")
        if who.role != "manager" and action != "close_shift":
            raise ClosingRefused("forbidden", f"{who.name} est caissier : cette action "
                                 "demande un gérant.",
                                 f"{who.name} is a cashier: this needs a manager.")

    # --- closing ------------------------------------------------------------------------------

    async def close_day(self, shop_day: date, cashier: str | None = None,
                        counted_cash: int | None = None, *, timezone: str = "",
                        shop_name: str = "") -> ClosingReport:
        """Close ``shop_day`` for the whole till (``cashier`` None: a manager) or one
        cashier's shift (their id or name). ``counted_cash``: the drawer as counted (int)."""
        if counted_cash is not None and (not isinstance(counted_cash, int)
                                         or isinstance(counted_cash, bool) or counted_cash < 0):
            raise ValueError(f"counted cash must be a non-negative int, got {counted_cash!r}")
        cashier_id = None if cashier is None else await self.resolve_cashier(cashier)
        await self._authorize("close_till" if cashier_id is None else "close_shift",
                              cashier_id)
        period = period_of(shop_day, timezone)
        db, till = self.ctx.db, self.ctx.till
        before = await db.run(store.period_links, period.start, period.end, till, cashier_id)
        sync = await self._bring_up_to_date(before, period)
        links = await db.run(store.period_links, period.start, period.end, till, cashier_id)
        names = await db.run(store.cashier_names)
        previous = await db.run(store.latest_closing, shop_day, till, cashier_id)
        learned = set(sync.learned) | _late_before(previous, links)
        anomalies = link_anomalies(links, sync.history, learned)
        outside = []
        if sync.history is not None and cashier_id is None:
            ids = sorted(sync.history)
            known = await db.run(store.known_transaction_ids, ids)
            outside = outside_payments(sync.history.values(), known, period.start, period.end)
        cash = await self._cash(period, cashier_id, counted_cash)
        transfers = await self._transfers(period, cashier_id)
        reopened = await db.run(store.reopenings, shop_day, till)
        waiting = sum(1 for link in links if link_outcome(link.row) in WAITING)
        created = self.ctx.now()
        closed_by = self.ctx.cashier.cashier_id if self.ctx.cashier else None
        closing_id = new_id("CLO")

        def report(version: int) -> ClosingReport:
            return ClosingReport(
                closing_id=closing_id, version=version, shop_day=shop_day, till=till,
                cashier_id=cashier_id, period_start=period.start, period_end=period.end,
                timezone=period.timezone, provisional=sync.unreachable, created_at=created,
                closed_by=closed_by, totals=link_totals(links, names), cash=cash,
                transfers=transfers,
                sync=SyncInfo(sync.source, sync.checked, waiting,
                              len(sync.history or {})),
                anomalies=tuple(anomalies), not_in_journal=tuple(outside),
                cashier_names=names, shop_name=shop_name,
                reopenings=tuple(Reopening(r.reopened_at, r.reopened_by, r.reason)
                                 for r in reopened))

        def record(version: int) -> store.ClosingRecord:
            r = report(version)
            return store.ClosingRecord(
                r.closing_id, shop_day, till, cashier_id, version, r.period_start,
                r.period_end, r.created_at, closed_by, r.provisional, cash.expected,
                cash.counted, r.dumps())

        saved = await db.run(store.write_closing, shop_day, till, cashier_id, record)
        log.info("closing %s v%d of %s (%s): %d anomalies, %d outside, provisional=%s",
                 saved.closing_id, saved.version, shop_day, till, len(anomalies), len(outside),
                 saved.provisional)
        return ClosingReport.loads(saved.report_json)

    async def _bring_up_to_date(self, links: list[store.PeriodLink], period: Period) -> _Sync:
        """Check every link of the period still waiting (one at a time: the transport backs
        off on 429), then fetch the period's history. Stops at the first sign that CinetPay
        cannot be reached."""
        sync = _Sync(HistorySource.HISTORY if self.ctx.current is None
                     else HistorySource.LINKS_ONLY)
        learned: set[str] = set()
        for link in links:
            row = link.row
            if not link_checkable(row) or link_outcome(row) is LinkOutcome.PAID:
                continue
            try:
                after = await self.links.refresh(row.transaction_id)
            except CinetPayError as exc:
                if _unreachable(exc):
                    sync.unreachable = True
                    break
                log.warning("closing: link %s not checked (%s)", row.transaction_id,
                            type(exc).__name__)
                continue
            sync.checked += 1
            if link_outcome(after) is LinkOutcome.PAID:
                learned.add(row.transaction_id)
        sync.learned = frozenset(learned)
        if sync.source is HistorySource.HISTORY and not sync.unreachable:
            try:
                sync.history = await self._history(period)
            except CinetPayError as exc:  # refused or unreachable: not up to date
                log.warning("closing: history not fetched (%s)", type(exc).__name__)
                sync.unreachable = True
        if sync.unreachable:
            sync.source, sync.history = HistorySource.UNREACHABLE, None
        return sync

    async def _history(self, period: Period) -> dict[str, HistoryRow]:
        """CinetPay's rows for the period's UTC days (a day more on each side: its dates
        are GMT and filter on creation), read back from the history cache."""
        first = period.start.astimezone(UTC).date() - timedelta(days=1)
        last = (period.end - timedelta(microseconds=1)).astimezone(UTC).date() \
            + timedelta(days=1)
        await self.history.refresh(HistoryFilter(date_from=first, date_to=last))
        rows = await self.ctx.db.run(history_page,
                                     HistoryQuery(date_from=first, date_to=last), 0,
                                     HISTORY_PAGE)
        return {r.transaction_id: r for r in rows}

    async def _cash(self, period: Period, cashier_id: str | None,
                    counted: int | None) -> Cash:
        currency = self.ctx.settings.currency
        moves = await self.ctx.db.run(lambda db: cash_movements(
            db, period.start, period.end, till=self.ctx.till, cashier_id=cashier_id))
        moves = [m for m in moves if m.currency == currency]
        sums = {kind: sum(m.amount for m in moves if m.kind == kind)
                for kind in ("float", "sale", "payout")}
        expected = sums["float"] + sums["sale"] - sums["payout"]
        return Cash(currency, sums["float"], sums["sale"],
                    sum(1 for m in moves if m.kind == "sale"), sums["payout"], expected,
                    counted, None if counted is None else counted - expected)

    async def _transfers(self, period: Period, cashier_id: str | None) -> Transfers:
        rows = await self.ctx.db.run(store.period_transfers, period.start, period.end,
                                     self.ctx.till, cashier_id)
        groups: dict[str, list[int]] = {"final": [], "uncertain": [], "failed": []}
        for row in rows:
            outcome = transfer_outcome(row)
            key = ("final" if outcome is TransferOutcome.DONE else "failed"
                   if outcome in (TransferOutcome.REJECTED, TransferOutcome.FAILED)
                   else "uncertain")
            groups[key].append(row.amount)
        return Transfers("XOF", tuple(TotalLine(k, "XOF", len(v), sum(v))
                                      for k, v in groups.items()))

    # --- reading and reopening ----------------------------------------------------------------

    async def list(self, shop_day: date | None = None, limit: int = 200) -> list[ClosingReport]:
        rows = await self.ctx.db.run(store.list_closings, shop_day=shop_day,
                                     till=self.ctx.till, limit=limit)
        return [ClosingReport.loads(r.report_json) for r in rows]

    async def get(self, closing_id: str) -> ClosingReport | None:
        row = await self.ctx.db.run(store.get_closing, closing_id)
        return None if row is None else ClosingReport.loads(row.report_json)

    async def reopen_day(self, shop_day: date, reason: str) -> store.ReopeningRow:
        """A manager reopens a closed day (kept); the next closing is a new version."""
        await self._authorize("reopen_day")
        if not reason.strip():
            raise ValueError("a reopening needs a reason")
        by = self.ctx.cashier.cashier_id if self.ctx.cashier else None
        return await self.ctx.db.run(store.add_reopening, shop_day, self.ctx.till, by,
                                     reason.strip())


def _late_before(previous: store.ClosingRecord | None,
                 links: list[store.PeriodLink]) -> set[str]:
    """Late payments an earlier version found stay late (the till learned them then)."""
    if previous is None:
        return set()
    report = ClosingReport.loads(previous.report_json)
    late = {a.transaction_id for a in report.anomalies if a.kind == "late_payment"}
    return {link.row.transaction_id for link in links if link.row.transaction_id in late}
