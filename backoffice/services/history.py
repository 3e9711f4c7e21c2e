"""Transaction history: fetched from CinetPay (v1 getTransHistory), merged into the local
cache, then searched, filtered, sorted, totalled and exported locally (fast, offline).

An answer over the transport's size cap (a year of a busy shop) is fetched again by date
ranges: a month at a time, a month still too big in halves, down to a single day. Rows
CinetPay sent but that could not be read are counted (:meth:`HistoryService.unreadable`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from ..api.errors import AnswerTooLarge, ValidationError
from ..api.legacy import HistoryRecord, HistoryRecords
from ..api.models import HistoryFilter, PaymentStatus
from ..output.csvfiles import write_csv
from ..store import history as cache
from ..store.caches import HISTORY_UNREADABLE, cache_get, cache_put
from ..store.db import Database
from ..store.history import DailyTotal, HistoryQuery, HistoryRow, HistoryTotals
from ..store.links import LinkRow, recent_links
from .context import ServiceContext
from .events import HISTORY_CHANGED
from .outcomes import LinkOutcome, link_outcome

# CinetPay's current platform (sk_ keys) has no history endpoint: the journal is the history.
NO_HISTORY = {"fr": "Ce compte n'a pas d'historique chez CinetPay : l'historique est celui du "
                    "journal de Comptoir (liens de paiement créés ici)",
              "en": "This account has no history at CinetPay: the history is Comptoir's "
                    "journal (payment links created here)"}
JOURNAL_LIMIT = 2000  # the newest links a current-platform account's screens read


@dataclass(frozen=True)
class JournalHistory:
    """CinetPay's current platform: the history and the figures are the journal's links.
    A link counts on the day it was created (local time); only PAYÉ links are takings."""

    links: list[LinkRow]  # newest first
    outcomes: dict[str, LinkOutcome]  # transaction_id -> what the link became
    daily: list[DailyTotal]  # paid per day, ``days`` days ending today, zeros included
    paid_today: Decimal
    paid_today_count: int
    by_method: dict[str, Decimal]  # paid per payment method (OM_CI…) over the period
    by_outcome: dict[LinkOutcome, int]  # links per outcome over the period

CSV_HEADER = ("transaction_id", "date", "montant", "devise", "statut", "code", "operateur",
              "indicatif", "telephone", "payid", "description", "client")


def to_row(record: HistoryRecord) -> cache.HistoryRecord:
    """A CinetPay row as the cache stores it: the same values, "CFA" (or nothing) read as
    XOF."""
    currency = record[3]
    if currency not in ("CFA", ""):
        return record
    return (*record[:3], "XOF", *record[4:])


def _upsert(db: Database, box: list[HistoryRecords]) -> int:
    """Merge an answer (taken out of ``box``) into the cache, on the journal's thread: its
    thousands of rows are converted, then freed there too, not on the event loop's."""
    return cache.upsert_history_records(db, map(to_row, box.pop()))


class HistoryService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    async def refresh(self, flt: HistoryFilter | None = None) -> int:
        """Fetch from CinetPay and merge into the cache; returns how many rows came. Too big
        an answer is asked again by smaller date ranges (newest first); each range is cached
        as it comes, so a failure part-way keeps what was read."""
        flt = flt or HistoryFilter()
        ranges: list[Span] = [(flt.date_from, flt.date_to)]
        count = unreadable = asked = 0
        try:
            while ranges:
                lo, hi = ranges.pop()
                asked += 1
                rows = await self.ctx.call(self._ask(replace(flt, date_from=lo, date_to=hi)))
                if isinstance(rows, AnswerTooLarge):
                    smaller = split_span(lo, hi, date.today())
                    if smaller is None or asked >= MAX_RANGE_REQUESTS:
                        raise rows
                    ranges.extend(smaller)  # oldest first: pop() takes the newest
                    continue
                unreadable += rows.unreadable
                handed = [rows]
                del rows  # the rows are freed off the loop, by _upsert
                count += await self.ctx.db.run(_upsert, handed)
            await self.ctx.db.run(cache_put, HISTORY_UNREADABLE, {"count": unreadable})
        finally:
            if count:
                self.ctx.bus.emit(HISTORY_CHANGED)
        return count

    async def _ask(self, flt: HistoryFilter) -> HistoryRecords | AnswerTooLarge:
        """One getTransHistory; an answer over the size cap is returned, not raised (CinetPay
        answered: for the connectivity state that is a success)."""
        if self.ctx.current is not None:
            raise ValidationError("history", NO_HISTORY["fr"], NO_HISTORY["en"])
        try:
            return await self.ctx.api.legacy.history_records(flt)
        except AnswerTooLarge as exc:
            # Without its traceback: that keeps the refused answer's bytes (megabytes) alive
            # in a reference cycle until the next full garbage collection.
            return exc.with_traceback(None)

    async def unreadable(self) -> int:
        """Rows CinetPay sent in the last refresh that could not be read (dropped, or shown
        without a field)."""
        cached = await self.ctx.db.run(cache_get, HISTORY_UNREADABLE)
        return int(cached.payload["count"]) if cached else 0

    async def fetched_at(self) -> datetime | None:
        return await self.ctx.db.run(cache.history_fetched_at)

    async def count(self, q: HistoryQuery) -> int:
        return await self.ctx.db.read(cache.history_count, q)

    async def totals(self, q: HistoryQuery) -> HistoryTotals:
        return await self.ctx.db.read(cache.history_totals, q)

    async def page(self, q: HistoryQuery, offset: int = 0, limit: int = 200) -> list[HistoryRow]:
        return await self.ctx.db.read(cache.history_page, q, offset, limit)

    async def first_rows(self, q: HistoryQuery, limit: int = 50
                         ) -> tuple[int | None, list[HistoryRow]]:
        """The first rows at once, and the count when the indexes give it for free (None:
        ask :meth:`count` once the rows are shown)."""
        return await self.ctx.db.read(cache.history_first_rows, q, limit)

    async def export_csv(self, q: HistoryQuery, path: Path | str) -> int:
        """Exactly the rows the filter shows, in its order; amounts as exact decimals."""
        def export(db) -> int:  # runs on the database thread
            return write_csv(path, CSV_HEADER, (
                (r.transaction_id, r.paid_at.isoformat(sep=" ") if r.paid_at else "",
                 _plain(r.amount), r.currency, r.status, r.result_code, r.operator,
                 r.phone_prefix, r.phone, r.payid, r.designation, r.buyer_name)
                for r in cache.history_iter(db, q)))

        return await self.ctx.db.run(export)

    async def filter_choices(self) -> FilterChoices:
        """The statuses and operators the history's filters offer (what the cache holds)."""
        operators = await self.ctx.db.run(cache.history_operators)
        statuses = await self.ctx.db.run(cache.history_statuses)
        return FilterChoices(
            statuses=FILTER_STATUSES + tuple(s for s in statuses
                                             if s and s not in FILTER_STATUSES),
            operators=tuple(o for o in operators if o))

    async def daily_totals(self, days: int, today: date, *,
                           currency: str | None = None) -> list[DailyTotal]:
        """Amount paid per day for the ``days`` days ending with ``today``, zeros included."""
        return await self.ctx.db.run(cache.daily_totals, days, today, currency=currency)

    async def journal(self, days: int, today: date | None = None) -> JournalHistory:
        """The journal's links and their figures (no network): what a current-platform
        account shows instead of CinetPay's history."""
        links = await self.ctx.db.run(recent_links, JOURNAL_LIMIT)
        today = today or self.ctx.now().astimezone().date()
        first = today - timedelta(days=days - 1)
        outcomes = {r.transaction_id: link_outcome(r) for r in links}
        paid_by_day: dict[date, Decimal] = {}
        by_method: dict[str, Decimal] = {}
        by_outcome: dict[LinkOutcome, int] = {}
        for row in links:
            day = row.created_at.astimezone().date()
            if not first <= day <= today:
                continue
            outcome = outcomes[row.transaction_id]
            by_outcome[outcome] = by_outcome.get(outcome, 0) + 1
            if outcome is LinkOutcome.PAID:
                paid_by_day[day] = paid_by_day.get(day, Decimal(0)) + row.amount
                method = row.payment_method or ""
                by_method[method] = by_method.get(method, Decimal(0)) + row.amount
        today_paid = [r for r in links if outcomes[r.transaction_id] is LinkOutcome.PAID
                      and r.created_at.astimezone().date() == today]
        daily = [DailyTotal(first + timedelta(days=i),
                            paid_by_day.get(first + timedelta(days=i), Decimal(0)))
                 for i in range(days)]
        return JournalHistory(links, outcomes, daily,
                              sum((Decimal(r.amount) for r in today_paid), Decimal(0)),
                              len(today_paid), by_method, by_outcome)


def _plain(amount: Decimal) -> str:
    return f"{amount.normalize():f}"


# --- what a history row means (CinetPay v1 rows: statuses are plain strings) ---------------

FILTER_STATUSES: tuple[str, ...] = (PaymentStatus.ACCEPTED.value, PaymentStatus.REFUSED.value,
                                    PaymentStatus.PENDING.value)
"""Always offered by the status filter, in this order, whether the cache has them or not."""


@dataclass(frozen=True)
class FilterChoices:
    statuses: tuple[str, ...] = FILTER_STATUSES  # the standard ones, then any other seen
    operators: tuple[str, ...] = ()  # those seen in the cache


def is_paid(status: str) -> bool:
    """The customer paid: the status CinetPay gives an accepted payment."""
    return status == PaymentStatus.ACCEPTED


def result_note(row: HistoryRow) -> str:
    """CinetPay's result code and message when it is not a plain success, else ""."""
    if row.result_code in ("", "00"):
        return ""
    return f"{row.result_code} {row.error_message}".strip()


# --- date ranges -------------------------------------------------------------------------

Span = tuple[date | None, date | None]  # inclusive; None: open (no date_debut / date_fin)
MAX_RANGE_REQUESTS = 500  # a refresh gives up past this (a day each for over a year)
FLOOR = date(2000, 1, 1)  # no history before: an open start is not split below it
YEAR_OF_MONTHS = 12


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def split_span(lo: date | None, hi: date | None, today: date) -> list[Span] | None:
    """Smaller ranges covering exactly ``lo..hi`` in date order, or None when it cannot be
    split (one day). An open end stays open in the last range (CinetPay's "today" may not be
    ours); an open start keeps an open range for what is older than a year."""
    end = hi or max(today, lo or today)
    if lo is None:
        if end < FLOOR:
            return None
        first = month_start(end)
        for _ in range(YEAR_OF_MONTHS - 1):
            first = month_start(first - timedelta(days=1))
        return [(None, first - timedelta(days=1)), *_months(first, end, hi)]
    if month_start(lo) != month_start(end):
        return _months(lo, end, hi)
    if lo >= end:
        return None
    middle = lo + (end - lo) // 2
    return [(lo, middle), (middle + timedelta(days=1), hi)]


def _months(lo: date, end: date, hi: date | None) -> list[Span]:
    spans: list[Span] = []
    start = lo
    while start <= end:
        last = min(next_month(start) - timedelta(days=1), end)
        spans.append((start, last))
        start = last + timedelta(days=1)
    spans[-1] = (spans[-1][0], hi)  # the last range keeps the caller's end (open or not)
    return spans
