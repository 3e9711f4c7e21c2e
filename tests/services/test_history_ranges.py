"""A history over the answer size cap is fetched by date ranges (a month at a time, smaller
when a month is still too big), against the simulator with a lowered cap and a real journal;
odd rows are counted and huge amounts total exactly."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest

from backoffice.api.errors import AnswerTooLarge
from backoffice.api.models import HistoryFilter
from backoffice.services.connectivity import NetState
from backoffice.services.events import HISTORY_CHANGED
from backoffice.services.history import FLOOR, Span, split_span
from backoffice.store.history import HistoryQuery
from tests.support.api_data import UNREADABLE_ODD_ROWS, row

CAP = 64 * 1024  # about a hundred rows per answer
TODAY = date(2026, 5, 17)


def covers(spans: list[Span], lo: date | None, hi: date | None) -> bool:
    """The spans tile lo..hi in order: no gap, no overlap, the same open ends."""
    if spans[0][0] != lo or spans[-1][1] != hi:
        return False
    return all(a[1] is not None and b[0] == a[1] + timedelta(days=1)
               for a, b in pairwise(spans))


@pytest.mark.parametrize(("lo", "hi"), [
    (date(2026, 1, 15), date(2026, 4, 2)),
    (date(2025, 12, 31), date(2026, 1, 1)),
    (date(2026, 2, 1), None),
    (None, date(2026, 3, 31)),
    (None, None),
])
def test_ranges_split_by_month_and_tile_the_period(lo, hi):
    spans = split_span(lo, hi, TODAY)
    assert spans is not None and len(spans) >= 2 and covers(spans, lo, hi)
    bounded = [s for s in spans if s[0] is not None and s[1] is not None]
    assert all(s[0].month == s[1].month and s[0].year == s[1].year for s in bounded)


def test_an_open_start_keeps_one_range_for_older_than_a_year():
    spans = split_span(None, None, TODAY)
    assert spans[0] == (None, date(2025, 5, 31))
    assert spans[1] == (date(2025, 6, 1), date(2025, 6, 30))
    assert spans[-1] == (date(2026, 5, 1), None) and len(spans) == 13


def test_within_a_month_ranges_halve_down_to_one_day():
    spans = split_span(date(2026, 3, 1), date(2026, 3, 31), TODAY)
    assert spans == [(date(2026, 3, 1), date(2026, 3, 16)), (date(2026, 3, 17), date(2026, 3, 31))]
    assert split_span(date(2026, 5, 10), None, TODAY) == [
        (date(2026, 5, 10), date(2026, 5, 13)), (date(2026, 5, 14), None)]
    assert split_span(date(2026, 3, 5), date(2026, 3, 5), TODAY) is None
    assert split_span(TODAY, None, TODAY) is None
    assert split_span(None, FLOOR - timedelta(days=1), TODAY) is None


def history_requests(sim) -> list[dict[str, object]]:
    """The getTransHistory requests in the simulator's log."""
    return [e for e in sim.request_log() if e.get("endpoint") == "legacy.getTransHistory"]


async def test_a_year_over_the_cap_is_fetched_by_ranges(core, sim):
    sim.state.add_past_payments(1500, 365)
    settled = [p for p in sim.payments() if p["status"] in ("ACCEPTED", "REFUSED")]
    core.api.transport.max_bytes = CAP
    changes: list[object] = []
    core.bus.subscribe(HISTORY_CHANGED, changes.append)
    fetched = await core.history.refresh()
    assert fetched == len(settled) == await core.history.count(HistoryQuery())
    cached = await core.history.page(HistoryQuery(sort_key="transaction_id"), 0, 5000)
    assert {r.transaction_id for r in cached} == {p["transaction_id"] for p in settled}
    totals = await core.history.totals(HistoryQuery(statuses=("ACCEPTED",)))
    assert totals.accepted.amount == sum(Decimal(p["amount"]) for p in settled
                                         if p["status"] == "ACCEPTED")
    asked = len(history_requests(sim))
    assert 13 < asked < 100  # the whole, then months, halves where a month is too big
    assert changes and core.connectivity.state is NetState.ONLINE  # "too big" is no outage


async def test_a_period_over_the_cap_is_fetched_by_ranges(core, sim):
    sim.state.add_past_payments(1500, 365)
    core.api.transport.max_bytes = CAP
    start, end = date.today() - timedelta(days=200), date.today() - timedelta(days=20)
    fetched = await core.history.refresh(HistoryFilter(date_from=start, date_to=end))
    created = [datetime.strptime(p["created_at"][:10], "%Y-%m-%d").date()
               for p in sim.payments() if p["status"] in ("ACCEPTED", "REFUSED")]
    assert fetched == sum(start <= day <= end for day in created) > 0


async def test_one_day_over_the_cap_fails_with_try_again(core, sim):
    core.api.transport.max_bytes = 2000  # not even one day of the demo shop fits
    with pytest.raises(AnswerTooLarge) as err:
        await core.history.refresh(HistoryFilter(date_from=date.today() - timedelta(days=3)))
    assert err.value.read and "réessayez" in err.value.human("fr")
    assert len(history_requests(sim)) <= 10


async def test_odd_rows_are_counted_and_huge_amounts_total_exactly(core, sim):
    sim.state.history_quirks.odd_rows = True
    sim.state.history_quirks.extra_rows = [row("BIG-1", cpm_amount="50000000000000000"),
                                           row("BIG-2", cpm_amount="50000000000000000")]
    await core.history.refresh()
    assert await core.history.unreadable() == UNREADABLE_ODD_ROWS
    totals = await core.history.totals(HistoryQuery(transaction_id="BIG-1"))
    assert totals.accepted.amount == Decimal(5 * 10**16)
    both = await core.history.totals(HistoryQuery(text="BIG-"))
    assert both.accepted.amount == Decimal(10**17) and both.amount_minor == 10**19
    [zero] = await core.history.page(HistoryQuery(transaction_id="ODD-1"))  # zero dates
    assert zero.paid_at is None and zero.created_at == ""
    everything = await core.history.totals(HistoryQuery())
    accepted = [Decimal(p["amount"]) for p in sim.payments() if p["status"] == "ACCEPTED"]
    if zero.status == "ACCEPTED":
        accepted.append(zero.amount)
    assert everything.accepted.amount == sum(accepted) + Decimal(10**17)
    sim.state.history_quirks.odd_rows = False
    await core.history.refresh()
    assert await core.history.unreadable() == 0  # the last refresh's count
