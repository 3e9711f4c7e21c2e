"""Qt-side triggers of async work: timers that act only while the asyncio loop runs (not
while the app starts or shuts down), coalesced (a bulk refresh emits hundreds of events), and
service events delivered only to widgets that still exist."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QObject, QTimer

from ..services.events import EventBus


def loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


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


def listen(owner: QObject, bus: EventBus, topics: Iterable[str],
           callback: Callable[[], object]) -> Callable[[], None]:
    """Call ``callback()`` on each of ``topics`` while ``owner`` exists; returns a function
    that unsubscribes (also called when ``owner`` is destroyed)."""

    def listener(_payload: object) -> None:
        if shiboken6.isValid(owner):
            callback()

    unsubscribers = [bus.subscribe(topic, listener) for topic in topics]

    def unsubscribe() -> None:
        while unsubscribers:
            with contextlib.suppress(ValueError):  # already removed
                unsubscribers.pop()()

    owner.destroyed.connect(lambda *_: unsubscribe())
    return unsubscribe
