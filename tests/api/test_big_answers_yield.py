"""A big answer is decoded on a worker thread in a way that lets the event loop run (issue 18:
the C JSON decoder held the GIL for a whole 5 MB history answer): same result, and the
decoder calls back into Python for every object (where the GIL can change hands)."""

from __future__ import annotations

import threading

from backoffice.api import transport
from backoffice.api.models import HistoryFilter


async def test_a_big_history_answer_is_decoded_off_the_loop_object_by_object(
        api, sim, monkeypatch):
    sim.state.add_past_payments(400, 30)  # a few hundred rows: well over 64 KiB
    calls: list[threading.Thread] = []
    keep = transport._let_the_loop_run

    def spy(obj):
        calls.append(threading.current_thread())
        return keep(obj)

    monkeypatch.setattr(transport, "_let_the_loop_run", spy)
    rows = await api.legacy.history(HistoryFilter())
    assert len(rows) >= 400
    assert len(calls) >= len(rows)  # at least one call per row object
    assert threading.current_thread() not in calls  # never on the event loop's thread


async def test_small_answers_are_decoded_as_before(api, monkeypatch):
    calls: list[object] = []
    monkeypatch.setattr(transport, "_let_the_loop_run", lambda obj: calls.append(obj) or obj)
    await api.legacy.account_status()
    assert calls == []


def test_yielding_decode_gives_the_same_json():
    text = '{"a": [{"b": "1.50", "c": 2.25, "d": [{"e": null}]}], "f": 3}'
    assert transport.load_json(text, yielding=True) == transport.load_json(text)
    assert str(transport.load_json(text, yielding=True)["a"][0]["c"]) == "2.25"  # Decimal
