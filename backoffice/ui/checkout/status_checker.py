"""The check of the link on screen while its customer may be paying (issue 17).

Brisk while someone is plausibly paying: every 2 s for the first three minutes after the QR
appeared, then 5 s, 10 s, 30 s. The clock restarts ("attention") whenever the cashier is
still at it: the link shown again, "Vérifier", the customer window opened, or a key, click or
wheel in the till while the QR is visible. It stops at a final outcome, after
``MAX_CHECKS`` checks, after ``STOP_IDLE`` seconds without attention, when another link is
shown or when the window closes. A rate-limit answer (429) backs off (at least its
Retry-After, doubling up to ``MAX_BACKOFF``) until a check goes through again.

Waits are Qt timers (nothing pending in asyncio between checks); each check is one short
bridge operation, never an error popup. ``clock`` is injectable: the tests check the
schedule (:meth:`next_interval`) with a fake one."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from ...api.errors import CinetPayError, RateLimited
from ...services.outcomes import link_needs_checking
from ...store.links import LinkRow
from ..context import UiContext
from ..kit.events import loop_running

# What says the cashier is still at the till (mouse moves need tracking: not counted).
ATTENTION_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                              QEvent.Type.Wheel, QEvent.Type.TouchBegin,
                              QEvent.Type.WindowActivate})


class StatusChecker(QObject):
    # (while the seconds since the last attention are below, check every): brisk first.
    SCHEDULE: tuple[tuple[float, float], ...] = ((180.0, 2.0), (360.0, 5.0), (600.0, 10.0),
                                                 (math.inf, 30.0))
    STOP_IDLE = 1800.0  # nobody looked at it for 30 minutes: stop (the link expires anyway)
    MAX_CHECKS = 900  # whatever happens, one round never asks more (30 min at 2 s)
    MIN_BACKOFF, MAX_BACKOFF = 10.0, 120.0  # after a 429
    checked = Signal(object)  # LinkRow
    stopped = Signal()

    def __init__(self, ctx: UiContext, parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.clock = clock
        # Whether the QR is in sight (the tab sets it): only then does input count.
        self.attended: Callable[[], bool] = lambda: True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self.transaction_id: str | None = None
        self.count = 0
        self.backoff = 0.0  # > 0 after a rate-limit answer
        self._attention = 0.0
        self._generation = 0
        self._in_flight = False
        self._filtering = False

    @property
    def active(self) -> bool:
        return self.transaction_id is not None

    def start(self, transaction_id: str) -> None:
        self.stop(emit=False)
        self.transaction_id = transaction_id
        self.count = 0
        self.backoff = 0.0
        self._attention = self.clock()
        self._watch_input(True)
        self._schedule()

    def stop(self, emit: bool = True) -> None:
        was_active = self.active
        self._generation += 1
        self._timer.stop()
        self.transaction_id = None
        self._in_flight = False
        self._watch_input(False)
        if was_active and emit:
            self.stopped.emit()

    # --- the schedule -------------------------------------------------------------------

    def idle(self) -> float:
        """Seconds since the QR appeared or the cashier last showed attention."""
        return max(0.0, self.clock() - self._attention)

    def next_interval(self) -> float | None:
        """Seconds until the next check (None: stop)."""
        idle = self.idle()
        if self.count >= self.MAX_CHECKS or idle >= self.STOP_IDLE:
            return None
        every = next(every for below, every in self.SCHEDULE if idle < below)
        return max(every, self.backoff)

    def touch(self) -> None:
        """The cashier is still at it: brisk again, and at once if a slow wait was running."""
        if not self.active:
            return
        self._attention = self.clock()
        brisk = self.next_interval()
        if brisk is not None and not self._in_flight and self._timer.isActive() \
                and self._timer.remainingTime() > brisk * 1000:
            self._timer.start(int(brisk * 1000))

    def rate_limited(self, retry_after: float | None) -> None:
        """CinetPay asked us to slow down: wait at least Retry-After, doubling each time."""
        doubled = max(self.MIN_BACKOFF, 2 * self.backoff)
        self.backoff = min(self.MAX_BACKOFF, max(doubled, retry_after or 0.0))

    def _schedule(self) -> None:
        interval = self.next_interval()
        if interval is None:
            self.stop()
            return
        self._timer.start(int(interval * 1000))

    # --- attention ----------------------------------------------------------------------

    def _watch_input(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self._filtering:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._filtering = on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ATTENTION_EVENTS and self.active and self.attended():
            self.touch()
        return False

    # --- one check ----------------------------------------------------------------------

    def _tick(self) -> None:
        transaction_id, generation = self.transaction_id, self._generation
        if transaction_id is None or self._in_flight:
            return
        if not loop_running():  # starting or shutting down: try again later
            self._schedule()
            return
        self.count += 1
        self._in_flight = True
        core = self.ctx.core

        async def check() -> LinkRow | RateLimited | None:
            if core.offline:  # the connectivity probe watches the network meanwhile
                return None
            try:
                return await core.links.refresh(transaction_id)
            except RateLimited as exc:
                return exc
            except CinetPayError:
                return None  # network trouble: the row stays as it is

        def failed(_exc: BaseException) -> bool:
            self._done(generation, None)
            return True  # an automatic check never pops an error; "Vérifier" does

        self.ctx.bridge.run(check(), on_done=lambda r: self._done(generation, r),
                            on_error=failed)

    def _done(self, generation: int, result: LinkRow | RateLimited | None) -> None:
        if generation != self._generation:
            return  # stopped or restarted meanwhile
        self._in_flight = False
        if isinstance(result, RateLimited):
            self.rate_limited(result.retry_after)
        elif result is not None:
            self.backoff = 0.0
            self.checked.emit(result)
            if generation != self._generation:
                return  # the tab moved on meanwhile (another link, a cancel)
            if not link_needs_checking(result):
                self.stop()
                return
        self._schedule()
