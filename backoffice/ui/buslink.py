"""Services' change events (the Qt-free ``EventBus``) delivered to widgets.

A burst of events (a drain that touches twenty operations) becomes one refresh: each
subscription may be debounced by a single-shot timer. ``close()`` unsubscribes everything; a
listener whose widget is already gone does nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer

from ..services.events import EventBus


class BusLink(QObject):
    def __init__(self, bus: EventBus, parent: QObject) -> None:
        super().__init__(parent)
        self._bus = bus
        self._unsubscribe: list[Callable[[], None]] = []
        self._timers: list[QTimer] = []
        self.closed = False

    def on(self, topics: str | Iterable[str], callback: Callable[[Any], None], *,
           debounce_ms: int = 0) -> None:
        """Call ``callback(payload)`` for each event of ``topics`` (with ``debounce_ms``,
        once per burst, with the last payload)."""
        names = [topics] if isinstance(topics, str) else list(topics)
        timer: QTimer | None = None
        last: list[Any] = [None]
        if debounce_ms:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(debounce_ms)
            timer.timeout.connect(lambda: None if self.closed else callback(last[0]))
            self._timers.append(timer)

        def listener(payload: Any) -> None:
            if self.closed or not shiboken6.isValid(self):
                return
            if timer is None:
                callback(payload)
            else:
                last[0] = payload
                timer.start()

        for name in names:
            self._unsubscribe.append(self._bus.subscribe(name, listener))

    def close(self) -> None:
        self.closed = True
        for timer in self._timers:
            if shiboken6.isValid(timer):
                timer.stop()
        self._timers.clear()
        for unsubscribe in self._unsubscribe:
            with contextlib.suppress(ValueError):  # already removed
                unsubscribe()
        self._unsubscribe.clear()
