"""A hand-made closing report (every section filled) for the report renderers' tests and the
README screenshot of the PDF."""

from __future__ import annotations

from datetime import UTC, date, datetime

from backoffice.services.closing_report import (
    Action,
    Anomaly,
    AnomalyKind,
    Cash,
    ClosingReport,
    HistorySource,
    Side,
    SyncInfo,
    TotalLine,
    Totals,
    Transfers,
)


def at(hour: int, minute: int = 0, day: int = 3) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


def sample_report(*, provisional: bool = False, counted: int | None = 151_000) -> ClosingReport:
    expected = 20_000 + 142_500 - 10_000
    late = Anomaly(AnomalyKind.LATE_PAYMENT, "CPT-20261203-0007", 17_500, "XOF",
                   Side("ACCEPTED", 17_500, "XOF", at(11, 42)),
                   Side("PENDING", 17_500, "XOF", at(18, 30)), Action.CHECK_GOODS_GIVEN,
                   operator="OM", cashier_id="c-awa")
    mismatch = Anomaly(AnomalyKind.AMOUNT_MISMATCH, "CPT-20261203-0012", 25_000, "XOF",
                       Side("ACCEPTED", 2_500, "XOF", at(15, 5)),
                       Side("ACCEPTED", 25_000, "XOF", at(15, 6)), Action.CHECK_IN_CINETPAY,
                       operator="MOMO", cashier_id="c-kofi")
    outside = Anomaly(AnomalyKind.NOT_IN_JOURNAL, "WEB-88213", 42_000, "XOF",
                      Side("ACCEPTED", 42_000, "XOF", at(9, 15)), Side(),
                      Action.RECORD_OUTSIDE_SALE, operator="WAVE")
    report = ClosingReport(
        closing_id="CLO-20261203-CAISSE1-2", version=2, shop_day=date(2026, 12, 3),
        till="CAISSE1", cashier_id=None, period_start=at(0), period_end=at(0, day=4),
        timezone="Africa/Abidjan", provisional=provisional, created_at=at(19, 4),
        closed_by="c-mariam",
        totals=Totals(
            by_status=(TotalLine("paid", "XOF", 23, 412_500),
                       TotalLine("refused", "XOF", 3, 36_000),
                       TotalLine("pending", "XOF", 1, 5_000)),
            by_operator=(TotalLine("OM", "XOF", 12, 215_000),
                         TotalLine("MOMO", "XOF", 7, 122_500),
                         TotalLine("WAVE", "XOF", 4, 75_000)),
            by_currency=(TotalLine("XOF", "XOF", 23, 412_500),),
            by_cashier=(TotalLine("c-awa", "XOF", 14, 262_500, "Awa Koné"),
                        TotalLine("c-kofi", "XOF", 9, 150_000, "Kofi Mensah"))),
        cash=Cash("XOF", float_in=20_000, sales=142_500, sales_count=11, payouts=10_000,
                  expected=expected, counted=counted,
                  difference=None if counted is None else counted - expected),
        transfers=Transfers("XOF", (TotalLine("final", "XOF", 2, 150_000),
                                    TotalLine("uncertain", "XOF", 1, 20_000),
                                    TotalLine("failed", "XOF", 0, 0))),
        sync=SyncInfo(HistorySource.UNREACHABLE if provisional else HistorySource.HISTORY,
                      links_checked=27, links_still_waiting=1 if provisional else 0,
                      history_rows=0 if provisional else 31),
        anomalies=(late, mismatch), not_in_journal=(outside,),
        cashier_names={"c-awa": "Awa Koné", "c-kofi": "Kofi Mensah",
                       "c-mariam": "Mariam Traoré"},
        shop_name="Boutique Adjamé")
    return report
