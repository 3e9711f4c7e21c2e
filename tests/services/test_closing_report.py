"""The closing report's JSON round-trips, and keeps not_in_journal apart from the till's own."""

from __future__ import annotations

from datetime import UTC, date, datetime

from backoffice.services.closing_report import (
    Action,
    Anomaly,
    AnomalyKind,
    Cash,
    ClosingReport,
    HistorySource,
    Reopening,
    Side,
    SyncInfo,
    TotalLine,
    Totals,
    Transfers,
    action_text,
    kind_text,
)

AT = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)


def sample() -> ClosingReport:
    late = Anomaly(AnomalyKind.LATE_PAYMENT, "T1", 1500, "XOF",
                   Side("ACCEPTED", 1500, "XOF", AT), Side("PENDING", 1500, "XOF"),
                   Action.CHECK_GOODS_GIVEN, "OM", "c1")
    outside = Anomaly(AnomalyKind.NOT_IN_JOURNAL, "W9", 700, "XOF",
                      Side("ACCEPTED", 700, "XOF", AT), Side(), Action.RECORD_OUTSIDE_SALE)
    return ClosingReport(
        closing_id="CL-1", version=2, shop_day=date(2026, 11, 23), till="CAISSE1",
        cashier_id=None, period_start=AT, period_end=AT, timezone="Africa/Abidjan",
        provisional=False, created_at=AT, closed_by="m1",
        totals=Totals(by_status=(TotalLine("paid", "XOF", 2, 17500),),
                      by_cashier=(TotalLine("c1", "XOF", 2, 17500, "Awa"),)),
        cash=Cash("XOF", 5000, 3000, 1, 1000, 7000, 6500, -500),
        transfers=Transfers("XOF", (TotalLine("final", "XOF", 1, 2000),)),
        sync=SyncInfo(HistorySource.HISTORY, 3, 0, 4),
        anomalies=(late,), not_in_journal=(outside,), cashier_names={"c1": "Awa"},
        shop_name="Chez Awa", reopenings=(Reopening(AT, "m1", "oubli"),))


def test_json_round_trip_and_shape() -> None:
    report = sample()
    data = report.to_json()
    assert {"closing_id", "period", "totals", "cash", "anomalies"} <= set(data)
    assert [a["kind"] for a in data["anomalies"]] == ["late_payment", "not_in_journal"]
    assert data["anomalies"][0]["transaction_id"] == "T1"
    again = ClosingReport.loads(report.dumps())
    assert again == report
    assert again.not_in_journal[0].transaction_id == "W9"
    assert [a.kind for a in again.anomalies] == [AnomalyKind.LATE_PAYMENT]
    assert again.totals.paid("XOF") == 0 and again.cash.difference == -500


def test_words_in_both_languages() -> None:
    for kind in AnomalyKind:
        assert kind_text(kind, "fr") != kind_text(kind, "en")
    for action in Action:
        assert action_text(action, "fr") != action_text(action, "en")
