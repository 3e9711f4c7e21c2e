"""The closing against the simulator over loopback HTTP and a real SQLite journal: totals,
each anomaly (late payment, paid outside the till, amount and status mismatches), and the
JSON the CLI prints. The till runs on the simulator's clock (tests/support/closing.py)."""

from __future__ import annotations

import pytest

from backoffice.services.closing_report import (
    Action,
    AnomalyKind,
    ClosingReport,
    HistorySource,
)
from tests.support.closing import (
    SHOP_ZONE,
    away_from_midnight,
    end_link,
    on_sim_clock,
    outside_id,
    paid_link,
)


@pytest.fixture
def day(core, sim):
    on_sim_clock(core, sim)
    return away_from_midnight(sim)


def line(lines, key):
    return next((t for t in lines if t.key == key), None)


def kinds_of(report: ClosingReport, ids) -> dict[str, AnomalyKind]:
    return {a.transaction_id: a.kind for a in report.anomalies if a.transaction_id in ids}


async def close(core, day, **kw) -> ClosingReport:
    return await core.closing.close_day(day, timezone=SHOP_ZONE, **kw)


async def test_clean_day_totals_per_status_operator_and_no_anomaly(core, sim, day):
    a = await paid_link(core, sim, 5000, "OM")
    b = await paid_link(core, sim, 12500, "MOMO")
    refused = await core.links.create(700, "Refusé")
    sim.settle(refused.transaction_id, "REFUSED", code="602")
    await core.links.refresh(refused.transaction_id)
    report = await close(core, day)
    assert not report.provisional and report.version == 1
    assert report.sync.source is HistorySource.HISTORY
    paid = line(report.totals.by_status, "paid")
    assert (paid.count, paid.amount) == (2, 17500)
    assert line(report.totals.by_status, "refused").count == 1
    assert line(report.totals.by_operator, "OM").amount == 5000
    assert line(report.totals.by_operator, "MOMO").amount == 12500
    assert report.totals.paid("XOF") == 17500
    ids = {a.transaction_id, b.transaction_id, refused.transaction_id}
    assert kinds_of(report, ids) == {}
    assert not {x.transaction_id for x in report.not_in_journal} & ids


async def test_late_payment_learned_only_at_closing(core, sim, day):
    row = await core.links.create(3000, "Parti sans attendre")
    sim.settle(row.transaction_id, "ACCEPTED")  # the till never checked again
    report = await close(core, day)
    late = [a for a in report.anomalies if a.transaction_id == row.transaction_id]
    assert [a.kind for a in late] == [AnomalyKind.LATE_PAYMENT]
    assert late[0].action is Action.CHECK_GOODS_GIVEN
    assert late[0].cinetpay.status == "ACCEPTED"
    assert report.sync.links_checked >= 1
    assert line(report.totals.by_status, "paid").amount == 3000  # the money is there
    again = await close(core, day)  # the re-run still says the till learned it late
    assert kinds_of(again, {row.transaction_id}) == {row.transaction_id:
                                                     AnomalyKind.LATE_PAYMENT}


async def test_late_payment_after_the_cashier_gave_up(core, sim, day):
    row = await core.links.create(4500, "Annulé puis payé")
    await end_link(core, row.transaction_id, "cancelled")
    sim.advance(120)
    sim.settle(row.transaction_id, "ACCEPTED")
    await core.links.refresh(row.transaction_id)  # learned before the closing, after its end
    report = await close(core, day)
    assert kinds_of(report, {row.transaction_id}) == {row.transaction_id:
                                                      AnomalyKind.LATE_PAYMENT}


async def test_payment_outside_the_till_listed_apart(core, sim, day):
    mine = await paid_link(core, sim, 2000)
    web = outside_id()
    sim.outside_payment(web, 9000, payment_method="WAVE")
    report = await close(core, day)
    outside = [a for a in report.not_in_journal if a.transaction_id == web]
    assert len(outside) == 1 and outside[0].kind is AnomalyKind.NOT_IN_JOURNAL
    assert outside[0].amount == 9000 and outside[0].action is Action.RECORD_OUTSIDE_SALE
    assert web not in {a.transaction_id for a in report.anomalies}
    assert report.totals.paid("XOF") == 2000  # not in the till's totals
    data = report.to_json()
    assert {"kind": "not_in_journal", "transaction_id": web}.items() <= next(
        a for a in data["anomalies"] if a["transaction_id"] == web).items()
    assert mine.transaction_id not in {a.transaction_id for a in report.not_in_journal}


async def test_amount_mismatch_between_journal_and_history(core, sim, day):
    row = await paid_link(core, sim, 6000)
    sim.amend(row.transaction_id, amount=6500)  # CinetPay's books say another amount
    report = await close(core, day)
    found = [a for a in report.anomalies if a.transaction_id == row.transaction_id]
    assert [a.kind for a in found] == [AnomalyKind.AMOUNT_MISMATCH]
    assert (found[0].journal.amount, found[0].cinetpay.amount) == (6000, 6500)
    assert found[0].action is Action.CHECK_IN_CINETPAY


async def test_status_mismatch_paid_here_refused_there(core, sim, day):
    row = await paid_link(core, sim, 8000)
    sim.amend(row.transaction_id, status="REFUSED")
    report = await close(core, day)
    found = [a for a in report.anomalies if a.transaction_id == row.transaction_id]
    assert [a.kind for a in found] == [AnomalyKind.STATUS_MISMATCH]
    assert (found[0].journal.status, found[0].cinetpay.status) == ("ACCEPTED", "REFUSED")
    assert found[0].action is Action.CHECK_BEFORE_GOODS


async def test_link_the_check_already_flagged_keeps_its_anomaly(core, sim, day):
    row = await core.links.create(2500, "Montant changé")
    sim.amend(row.transaction_id, amount=2000)
    sim.settle(row.transaction_id, "ACCEPTED")
    report = await close(core, day)  # the closing's own check flags it, never PAYÉ
    found = [a for a in report.anomalies if a.transaction_id == row.transaction_id]
    assert [a.kind for a in found] == [AnomalyKind.AMOUNT_MISMATCH]
    assert line(report.totals.by_status, "paid") is None
    assert line(report.totals.by_status, "anomaly").count == 1


async def test_report_round_trips_through_the_journal(core, sim, day):
    await paid_link(core, sim, 1000)
    report = await close(core, day, counted_cash=0)
    assert await core.closing.get(report.closing_id) == report
    assert ClosingReport.loads(report.dumps()) == report
