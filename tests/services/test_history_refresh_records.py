"""A history refresh by date ranges (issue 18: read as plain tuples, off the event loop):
every row lands once with its exact amount, whatever the number of ranges; damaged rows are
kept without their bad field and counted; the rows are read and converted off the loop."""

from __future__ import annotations

import gc
import threading
import types
from decimal import Decimal
from typing import Any

from backoffice.api import legacy
from backoffice.api.legacy import HistoryRecords, LegacyApi
from backoffice.services import history
from backoffice.store.history import HistoryQuery
from tests.support.api_data import row

CAP = 64 * 1024  # about a hundred rows per answer


async def test_rows_of_many_ranges_land_once_with_exact_amounts(core, sim, monkeypatch):
    sim.state.add_past_payments(700, 120)
    settled = {p["transaction_id"]: Decimal(p["amount"]) for p in sim.payments()
               if p["status"] in ("ACCEPTED", "REFUSED")}
    core.api.transport.max_bytes = CAP
    windows: list[int] = []
    upsert = history._upsert

    def counted(db: Any, box: Any) -> int:
        windows.append(len(box[0]))
        return upsert(db, box)

    monkeypatch.setattr(history, "_upsert", counted)
    fetched = await core.history.refresh()
    assert len(windows) >= 3 and sum(windows) == fetched == len(settled)
    cached = await core.history.page(HistoryQuery(sort_key="transaction_id"), 0, 5000)
    assert {r.transaction_id: r.amount for r in cached} == settled
    assert len(cached) == len(settled)
    assert all(r.currency == "XOF" for r in cached)  # CinetPay's "CFA"
    again = await core.history.refresh()  # the same rows again: merged, not added
    assert again == fetched == await core.history.count(HistoryQuery())


async def test_damaged_rows_are_kept_without_the_bad_field_and_counted(core, sim):
    sim.state.history_quirks.extra_rows = [
        row("X-PLAIN", cpm_amount="1250.50", cpm_designation="Café", buyer_name="Konaté"),
        row("X-DATE", cpm_payment_date="2026-13-45"),  # kept, without a payment date
        row("X-TEXT", cpm_designation={"not": "text"}),  # kept, without its description
        row("X-AMOUNT", cpm_amount="12.345"),  # dropped
        "not a row",  # dropped
    ]
    await core.history.refresh()
    assert await core.history.unreadable() == 4
    [plain] = await core.history.page(HistoryQuery(transaction_id="X-PLAIN"))
    assert plain.amount == Decimal("1250.50") and plain.designation == "Café"
    assert plain.paid_at is not None and plain.paid_at.isoformat() == "2026-03-01T10:00:00"
    assert (await core.history.page(HistoryQuery(text="konate")))[0].transaction_id == "X-PLAIN"
    [no_date] = await core.history.page(HistoryQuery(transaction_id="X-DATE"))
    assert no_date.paid_at is None and no_date.amount == Decimal(1000)
    [no_text] = await core.history.page(HistoryQuery(transaction_id="X-TEXT"))
    assert no_text.designation == ""
    assert await core.history.page(HistoryQuery(transaction_id="X-AMOUNT")) == []


async def test_rows_are_read_and_converted_off_the_event_loop(core, sim, monkeypatch):
    sim.state.add_past_payments(300, 60)
    core.api.transport.max_bytes = CAP
    loop_thread = threading.current_thread()
    seen: dict[str, set[threading.Thread]] = {"read": set(), "convert": set()}
    read, convert = legacy.parse_history_records, history.to_row

    def reading(answer: Any) -> Any:
        seen["read"].add(threading.current_thread())
        return read(answer)

    def converting(record: Any) -> Any:
        seen["convert"].add(threading.current_thread())
        return convert(record)

    monkeypatch.setattr(legacy, "parse_history_records", reading)
    monkeypatch.setattr(history, "to_row", converting)
    assert await core.history.refresh() > 300
    assert seen["read"] and seen["convert"]
    assert loop_thread not in seen["read"] | seen["convert"]


async def test_a_refused_answer_is_freed_at_once(core, sim):
    """An answer over the size cap is dropped as soon as the refresh asks for less (its
    bytes do not wait for a garbage collection)."""
    sim.state.add_past_payments(700, 120)
    core.api.transport.max_bytes = CAP
    gc.collect()
    gc.disable()
    try:
        assert await core.history.refresh() > 700
        fetching = [o for o in gc.get_objects() if isinstance(o, types.FrameType)
                    and o.f_code.co_name == "_fetch"]  # the frame holding the answer's bytes
    finally:
        gc.enable()
    assert fetching == []


FREED: dict[str, list[threading.Thread]] = {"rows": [], "answers": []}


class Watched(HistoryRecords):
    """Records that note the thread that frees them."""

    def __del__(self) -> None:
        FREED["rows"].append(threading.current_thread())


class WatchedAnswer(dict):  # type: ignore[type-arg]
    """A decoded answer that notes the thread that frees it."""

    def __del__(self) -> None:
        FREED["answers"].append(threading.current_thread())


async def test_answers_and_rows_are_freed_off_the_event_loop(core, sim, monkeypatch):
    """Ten thousand rows take milliseconds to free: not on the loop's thread."""
    sim.state.add_past_payments(300, 60)
    core.api.transport.max_bytes = CAP
    ask, read = LegacyApi._history_answer, legacy.parse_history_records
    FREED["rows"].clear()
    FREED["answers"].clear()

    async def asking(self: LegacyApi, flt: Any) -> Any:
        return WatchedAnswer(await ask(self, flt))

    def reading(answer: Any) -> Watched:
        records = Watched(read(answer))
        records.unreadable = 0
        return records

    monkeypatch.setattr(LegacyApi, "_history_answer", asking)
    monkeypatch.setattr(legacy, "parse_history_records", reading)
    assert await core.history.refresh() > 300
    gc.collect()
    windows = len(FREED["rows"])
    assert windows >= 3 and len(FREED["answers"]) >= windows
    assert threading.current_thread() not in FREED["rows"] + FREED["answers"]
