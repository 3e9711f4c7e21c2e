"""A history refresh converts and journals CinetPay's rows off the event loop (issue 18: a
100k-row answer converted on the loop froze the screen), with the same cache as before."""

from __future__ import annotations

import threading

from backoffice.services import history
from backoffice.store.history import HistoryQuery


async def test_history_rows_are_converted_off_the_event_loop(core, sim, monkeypatch):
    loop_thread = threading.current_thread()
    threads: set[threading.Thread] = set()
    convert = history.to_row

    def watched(tx):
        threads.add(threading.current_thread())
        return convert(tx)

    monkeypatch.setattr(history, "to_row", watched)
    settled = [p for p in sim.payments() if p["status"] in ("ACCEPTED", "REFUSED")]
    fetched = await core.history.refresh()
    assert fetched == len(settled) == await core.history.count(HistoryQuery()) > 0
    assert threads and loop_thread not in threads
