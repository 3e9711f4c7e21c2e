"""The services' change events (the Qt-free ``EventBus``) delivered to widgets, and timers
that act only while the asyncio loop runs.

A widget declares what it listens to by naming methods ``on_<topic>`` (``on_links_changed``,
``on_connectivity_changed``…, see ``services/events.py``); ``BusListener(owner, bus)``
subscribes each of them, optionally debounced (a drain that touches twenty operations
becomes one refresh), and unsubscribes everything on ``close()`` or when the owner is
destroyed. A listener whose widget is already gone does nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Mapping
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer

from ...services import events as topics
from ...services.events import EventBus

TOPICS: frozenset[str] = frozenset(
    value for name, value in vars(topics).items() if name.isupper() and isinstance(value, str))
PREFIX = "on_"


def loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class BusListener(QObject):
    """Subscribes ``owner.on_<topic>(payload)`` for every such method ``owner`` defines.
    ``debounce_ms`` maps a topic to a delay: a burst calls the handler once, with the last
    payload."""

    def __init__(self, owner: QObject, bus: EventBus, *,
                 debounce_ms: Mapping[str, int] | None = None) -> None:
        super().__init__(owner)
        self._unsubscribe: list[Callable[[], None]] = []
        self._timers: list[QTimer] = []
        self.closed = False
        self.topics = sorted(t for t in TOPICS if callable(getattr(owner, PREFIX + t, None)))
        if not self.topics:
            raise ValueError(f"{type(owner).__name__} has no on_<topic> method")
        for topic in self.topics:
            handler = getattr(owner, PREFIX + topic)
            delay = (debounce_ms or {}).get(topic, 0)
            self._unsubscribe.append(bus.subscribe(topic, self._listener(handler, delay)))
        owner.destroyed.connect(lambda *_: self.close())

    def _listener(self, handler: Callable[[Any], object], delay: int) -> Callable[[Any], None]:
        timer: QTimer | None = None
        last: list[Any] = [None]
        if delay:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(delay)
            timer.timeout.connect(lambda: None if self.closed else handler(last[0]))
            self._timers.append(timer)

        def listener(payload: Any) -> None:
            if self.closed or not shiboken6.isValid(self):
                return
            if timer is None:
                handler(payload)
            else:
                last[0] = payload
                timer.start()

        return listener

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        for timer in self._timers:
            if shiboken6.isValid(timer):
                timer.stop()
        self._timers.clear()
        for unsubscribe in self._unsubscribe:
            with contextlib.suppress(ValueError):  # already removed
                unsubscribe()
        self._unsubscribe.clear()


class Debounced(QObject):
    """``trigger()`` many times → ``action()`` once, ``delay_ms`` after the first call.
    Missed while no loop runs: ``pending`` stays True and the next trigger runs it."""

    def __init__(self, action: Callable[[], object], delay_ms: int, parent: QObject) -> None:
        super().__init__(parent)
        self._action = action
        self.pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._fire)

    def trigger(self) -> None:
        self.pending = True
        if not self._timer.isActive():
            self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()

    def _fire(self) -> None:
        if not loop_running():
            return
        self.pending = False
        self._action()
