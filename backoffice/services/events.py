"""A tiny synchronous publish/subscribe bus: services announce what changed, views refresh
only that. Qt-free; the GUI bridges topics to Qt signals."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

# Topics the services emit.
LINKS_CHANGED = "links_changed"
TRANSFERS_CHANGED = "transfers_changed"
CONTACTS_CHANGED = "contacts_changed"
BALANCE_CHANGED = "balance_changed"
HISTORY_CHANGED = "history_changed"
CASH_CHANGED = "cash_changed"  # a cash sale, pay-out or float was journaled (payload: the row)
OUTBOX_CHANGED = "outbox_changed"
CONNECTIVITY_CHANGED = "connectivity_changed"
SYNC_STARTED = "sync_started"  # an outbox drain began (on reconnect, on demand, at close)
SYNC_FINISHED = "sync_finished"
SHOP_CHANGED = "shop_changed"  # another till's copy changed in the shop database (shop/view.py)

Listener = Callable[[Any], None]


class EventBus:
    def __init__(self) -> None:
        self._listeners: dict[str, list[Listener]] = defaultdict(list)

    def subscribe(self, topic: str, listener: Listener) -> Callable[[], None]:
        """Register ``listener``; returns a function that unsubscribes it."""
        self._listeners[topic].append(listener)
        return lambda: self._listeners[topic].remove(listener)

    def emit(self, topic: str, payload: Any = None) -> None:
        for listener in list(self._listeners[topic]):
            try:
                listener(payload)
            except Exception:  # a broken view must not break a money operation
                log.exception("listener for %s failed", topic)
