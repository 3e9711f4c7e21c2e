"""The shop day is a calendar day in the shop's time zone: a day spanning midnight in UTC+1
(Africa/Douala) keeps 23:30 and leaves 00:30 to the next day, for the till's links and for
CinetPay's payments made outside the till alike."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from backoffice.services.closing import period_of
from backoffice.services.shop_time import shop_today
from tests.support.closing import (
    advance_to_local,
    on_sim_clock,
    outside_id,
    paid_link,
    sim_now,
)

ZONE = "Africa/Douala"  # UTC+1 all year


def test_period_is_the_local_day_in_utc():
    p = period_of(date(2026, 11, 23), ZONE)
    assert p.start == datetime(2026, 11, 22, 23, 0, tzinfo=UTC)
    assert p.end == datetime(2026, 11, 23, 23, 0, tzinfo=UTC)
    assert p.timezone == ZONE
    assert shop_today(datetime(2026, 11, 23, 23, 30, tzinfo=UTC), ZONE) == date(2026, 11, 24)


def test_period_over_a_daylight_saving_change_is_23_hours():
    p = period_of(date(2026, 3, 29), "Europe/Paris")
    assert p.end - p.start == timedelta(hours=23)


async def test_day_spanning_midnight_in_the_shop_zone(core, sim):
    on_sim_clock(core, sim)
    day = advance_to_local(sim, ZONE, time(23, 30))
    before = await paid_link(core, sim, 1500)
    web_before = outside_id()
    sim.outside_payment(web_before, 700)
    sim.advance(3600)  # 00:30 the next day in Douala, still 23:30 UTC of the first day
    assert sim_now(sim).date() == day
    after = await paid_link(core, sim, 2500)
    web_after = outside_id()
    sim.outside_payment(web_after, 900)

    first = await core.closing.close_day(day, timezone=ZONE)
    second = await core.closing.close_day(day + timedelta(days=1), timezone=ZONE)
    assert first.totals.paid("XOF") == 1500
    assert second.totals.paid("XOF") == 2500
    assert web_before in {a.transaction_id for a in first.not_in_journal}
    assert web_after not in {a.transaction_id for a in first.not_in_journal}
    assert web_after in {a.transaction_id for a in second.not_in_journal}
    assert web_before not in {a.transaction_id for a in second.not_in_journal}
    ids = {before.transaction_id, after.transaction_id}
    assert not {a.transaction_id for a in (*first.anomalies, *second.anomalies)} & ids
