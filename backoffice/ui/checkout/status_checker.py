"""The bounded, backing-off check of the link on screen: it asks CinetPay after 3, 5, 8, 13,
20 then every 30 seconds, and stops at a final outcome, after ``MAX_CHECKS`` checks, when
another link is shown or when the window closes. Waits are Qt timers (nothing pending in
asyncio between checks); each check is one short bridge operation, never an error popup."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ...services.outcomes import link_needs_checking
from ...store.links import LinkRow
from ..context import UiContext
from ..kit.events import loop_running


class StatusChecker(QObject):
    INTERVALS: tuple[float, ...] = (3.0, 5.0, 8.0, 13.0, 20.0, 30.0)  # then the last repeats
    MAX_CHECKS = 25  # about ten minutes in all
    checked = Signal(object)  # LinkRow
    stopped = Signal()

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self.transaction_id: str | None = None
        self.count = 0
        self._generation = 0
        self._in_flight = False

    @property
    def active(self) -> bool:
        return self.transaction_id is not None

    def start(self, transaction_id: str) -> None:
        self.stop(emit=False)
        self.transaction_id = transaction_id
        self.count = 0
        self._schedule()

    def stop(self, emit: bool = True) -> None:
        was_active = self.active
        self._generation += 1
        self._timer.stop()
        self.transaction_id = None
        self._in_flight = False
        if was_active and emit:
            self.stopped.emit()

    def next_interval(self) -> float:
        return self.INTERVALS[min(self.count, len(self.INTERVALS) - 1)]

    def _schedule(self) -> None:
        if self.count >= self.MAX_CHECKS:
            self.stop()
            return
        self._timer.start(int(self.next_interval() * 1000))

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

        async def check() -> LinkRow | None:
            if core.offline:  # the connectivity probe watches the network meanwhile
                return None
            return await core.links.refresh(transaction_id, quiet=True)

        def done(row: LinkRow | None) -> None:
            if generation != self._generation:
                return
            self._in_flight = False
            if row is not None:
                self.checked.emit(row)
                if not link_needs_checking(row):
                    self.stop()
                    return
            self._schedule()

        def failed(_exc: BaseException) -> bool:
            done(None)
            return True  # an automatic check never pops an error; "Vérifier" does

        self.ctx.bridge.run(check(), on_done=done, on_error=failed)
