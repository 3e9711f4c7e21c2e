"""A history refresh reads its rows as plain tuples (issue 18: a 100k-row refresh left the
garbage collector a hundred thousand objects to walk, and read each row ten times slower):
exactly the values and the unreadable count of the full reading, for plain rows and odd
ones alike; amounts exact in hundredths."""

from __future__ import annotations

import gc
import random
import threading
from decimal import Decimal
from typing import Any

from backoffice.api import legacy
from backoffice.api.legacy import RECORD, parse_history, parse_history_records, record_of
from tests.support.api_data import UNREADABLE_ODD_ROWS, row

# Every field's plain values, then odd ones (each must read as the full reading reads it).
CHOICES: dict[str, list[Any]] = {
    "cpm_amount": ["2650", "12.5", "12.50", "007", "0", "999999999999999", "1.500",
                   "1 000", " 500 ", 700, Decimal("12.25"), "1E+3", "100.125", "-5", "",
                   "abc", "NaN", None, True, ["1"], "50000000000000000", "٣٠٠"],
    "cpm_trans_id": ["T-1", " T-2 ", "", None, 42, {"x": 1}],
    "cpm_payment_date": ["2026-03-01", "2026-03-01 10:00:00", "", " ", "0000-00-00",
                         "2026-13-45", "hier", "2026-02-30", "2026-03-01T10:00:00", None,
                         20260301, "2026-3-1", "٢٠٢٦-03-01"],
    "cpm_payment_time": ["10:00:00", "7:05", "07:05", "", " ", "25:99", "23:59:60",
                         "10:00:00.5", None, 1000, "10h00"],
    "created_at": ["2026-03-01 09:59:00", "2026-03-01 09:59", "2026-03-01",
                   "2026-03-01 09:59:00.123", "0000-00-00 00:00:00", "", "hier",
                   "2026-03-01T09:59:00", None, ["x"], "2026-02-29 10:00:00"],
    "updated_at": ["2026-03-01 10:00:00", "", "0000-00-00 00:00:00", "demain"],
    "cpm_currency": ["CFA", "XOF", "", None, "GNF", 952],
    "cpm_trans_status": ["ACCEPTED", "refused", " PENDING ", "", None, False],
    "cpm_result": ["00", "0", 0, "627", "", None, "-1", " 00 "],
    "cpm_designation": ["Vente comptoir", "Café crème", "", None, {"not": "text"}, 12],
    "buyer_name": ["Yao Dje Bi", "  Konaté  ", "", None],
    "cpm_phone_prefix": ["225", "", None, 225],
    "cpm_phone_prefixe": ["225", "", None],
    "cel_phone_num": ["0122566501", "", None],
    "signature": ["abc", ["x"], None],
}


def random_rows(count: int, seed: int) -> list[Any]:
    """Rows mixing plain values (mostly) and odd ones; a few that are not rows at all."""
    rng = random.Random(seed)
    rows: list[Any] = []
    for n in range(count):
        if n % 97 == 13:
            rows.append(rng.choice(["not an object", None, 5, ["a"]]))
            continue
        item = row(f"R-{n}")
        for key, values in CHOICES.items():
            if rng.random() < 0.15:  # an odd (or other plain) value for this field
                value = rng.choice(values)
                if value is None and rng.random() < 0.5:
                    item.pop(key, None)
                else:
                    item[key] = value
        rows.append(item)
    return rows


def answer_of(rows: list[Any]) -> dict[str, Any]:
    return {"Transactions": {"transaction": rows}}


def test_records_are_the_full_readings_values_row_by_row():
    for seed in range(5):
        answer = answer_of(random_rows(600, seed))
        full = parse_history(answer)
        records = parse_history_records(answer)
        assert records == [record_of(t) for t in full]
        assert records.unreadable == full.unreadable > 0
        assert all(len(r) == len(RECORD) for r in records)


def test_a_row_reads_with_its_exact_amount_and_local_payment_time():
    answer = answer_of([
        row("A", cpm_amount="2650"),
        row("B", cpm_amount="12.5", cpm_payment_time=""),
        row("C", cpm_amount="1.500", cpm_payment_time="7:05"),  # full reading: 07:05:00
        row("D", cpm_amount="999999999999999.99", cpm_payment_date="0000-00-00"),
        row("E", cpm_amount="50000000000000000", created_at="hier"),  # kept without it
        row("F", cpm_amount="100.125"),  # dropped
    ])
    records = parse_history_records(answer)
    by_id = {r[0]: dict(zip(RECORD, r, strict=True)) for r in records}
    assert [by_id[t]["amount_minor"] for t in "ABCDE"] == [
        265000, 1250, 150, 99999999999999999, 5 * 10**18]
    assert by_id["A"]["paid_at"] == "2026-03-01T10:00:00"
    assert by_id["B"]["paid_at"] == "2026-03-01T00:00:00"
    assert by_id["C"]["paid_at"] == "2026-03-01T07:05:00"
    assert by_id["D"]["paid_at"] is None
    assert by_id["A"]["created_at"] == "2026-03-01 09:59:00"
    assert by_id["E"]["created_at"] == ""
    assert "F" not in by_id and records.unreadable == 2  # E damaged, F dropped


def test_plain_rows_are_read_without_the_full_reading(monkeypatch):
    slow: list[object] = []
    full = legacy._readable_row
    monkeypatch.setattr(legacy, "_readable_row", lambda item: slow.append(item) or full(item))
    plain = [row(f"P-{n}", cpm_amount=f"{500 + n}", cpm_designation="Vente", buyer_name="Awa")
             for n in range(200)]
    odd = row("ODD", cpm_amount="1 000")
    records = parse_history_records(answer_of([*plain, odd]))
    assert len(records) == 201 and records[-1][2] == 100000
    assert slow == [odd]


def test_records_are_left_alone_by_the_garbage_collector():
    records = parse_history_records(answer_of(random_rows(300, 7)))
    gc.collect()
    assert records and not any(gc.is_tracked(r) for r in records)


async def test_records_over_loopback_match_the_transactions(api, sim, monkeypatch):
    sim.state.add_past_payments(400, 30)  # a big answer
    sim.state.history_quirks.odd_rows = True
    threads: list[threading.Thread] = []
    parse = legacy.parse_history_records

    def spy(answer: Any) -> Any:
        threads.append(threading.current_thread())
        return parse(answer)

    monkeypatch.setattr(legacy, "parse_history_records", spy)
    records = await api.legacy.history_records()
    transactions = await api.legacy.history()
    assert records == [record_of(t) for t in transactions]
    assert records.unreadable == transactions.unreadable == UNREADABLE_ODD_ROWS
    assert [r[2] for r in records] == [int(t.amount * 100) for t in transactions]
    assert threads and threading.current_thread() not in threads  # read off the loop
