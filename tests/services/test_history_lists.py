"""What the history and dashboard screens read from the history service (against a real
journal): the filter choices, the paid amount per day, and what a row's status and code mean."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from backoffice.services.history import (
    FILTER_STATUSES,
    FilterChoices,
    is_paid,
    result_note,
)
from backoffice.store.history import HistoryRow, upsert_history

TODAY = date(2026, 5, 17)  # passed explicitly: the result never depends on the real date


def sale(tid: str, status: str, amount: str = "1000", *, operator: str = "OM",
         day: date = TODAY, currency: str = "XOF") -> HistoryRow:
    return HistoryRow(transaction_id=tid, amount=Decimal(amount), currency=currency,
                      status=status, operator=operator,
                      paid_at=datetime.combine(day, time(10, 30)))


async def test_an_empty_cache_offers_the_standard_statuses_only(core):
    choices = await core.history.filter_choices()
    assert choices == FilterChoices()
    assert choices.statuses == ("ACCEPTED", "REFUSED", "PENDING") == FILTER_STATUSES
    assert choices.operators == ()


async def test_choices_are_the_standard_statuses_then_those_seen(core):
    await core.db.run(upsert_history, [
        sale("T1", "ACCEPTED", operator="WAVE"), sale("T2", "CANCELLED", operator="OM"),
        sale("T3", "", operator=""), sale("T4", "REFUSED", operator="OM"),
        sale("T5", "AUTRE", operator="MOMO")])
    choices = await core.history.filter_choices()
    assert choices.statuses == ("ACCEPTED", "REFUSED", "PENDING", "AUTRE", "CANCELLED")
    assert choices.operators == ("MOMO", "OM", "WAVE")  # no blank entry
    assert all(type(s) is str for s in choices.statuses)  # plain strings for Qt item data


async def test_daily_totals_are_exact_paid_amounts_with_zero_days(core):
    await core.db.run(upsert_history, [
        sale("A", "ACCEPTED", "1500.25"), sale("B", "ACCEPTED", "2000"),
        sale("C", "REFUSED", "9999"),  # not paid: not counted
        sale("D", "ACCEPTED", "700", day=TODAY - timedelta(days=2)),
        sale("E", "ACCEPTED", "50", day=TODAY - timedelta(days=2), currency="EUR"),
        sale("F", "ACCEPTED", "123", day=TODAY - timedelta(days=7)),  # before the window
        sale("G", "ACCEPTED", "456", day=TODAY + timedelta(days=1))])  # after it
    days = await core.history.daily_totals(7, TODAY, currency="XOF")
    assert [d.day for d in days] == [TODAY - timedelta(days=n) for n in range(6, -1, -1)]
    amounts = {d.day: d.amount for d in days}
    assert amounts[TODAY] == Decimal("3500.25") and isinstance(amounts[TODAY], Decimal)
    assert amounts[TODAY - timedelta(days=2)] == Decimal(700)
    assert sum(amounts.values()) == Decimal("4200.25")  # the other days are zeros
    every_currency = await core.history.daily_totals(7, TODAY)
    assert {d.day: d.amount for d in every_currency}[TODAY - timedelta(days=2)] == Decimal(750)


def test_only_accepted_means_paid():
    assert is_paid("ACCEPTED")
    assert not any(is_paid(s) for s in ("REFUSED", "PENDING", "", "accepted", "CANCELLED"))


def test_result_note_only_when_the_code_is_not_a_plain_success():
    row = sale("R", "REFUSED")
    assert result_note(row) == ""  # no code
    assert result_note(replace(row, result_code="00")) == ""
    refused = replace(row, result_code="627", error_message="TRANSACTION_CANCEL")
    assert result_note(refused) == "627 TRANSACTION_CANCEL"
    assert result_note(replace(row, result_code="600")) == "600"
