"""Simulated clock: real elapsed time plus an offset that tests (or trainers) can advance.

Time flows in real time (so a training session sees transfers progress on its own) and jumps
forward on POST /_sim/clock. All dates are UTC, which is also Côte d'Ivoire's local time.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime


class SimClock:
    def __init__(self) -> None:
        self._wall0 = time.time()
        self._mono0 = time.monotonic()
        self._offset = 0.0

    @property
    def anchor(self) -> float:
        """Wall time at which the simulator was created (demo data is laid out before it)."""
        return self._wall0

    def now(self) -> float:
        """Simulated time as an epoch timestamp."""
        return self._wall0 + (time.monotonic() - self._mono0) + self._offset

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("the simulated clock only moves forward")
        self._offset += seconds
        return self.now()

    def reset(self) -> None:
        self._offset = 0.0


def to_datetime(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC).replace(tzinfo=None)


def fmt_datetime(ts: float) -> str:
    """Like "2021-04-07 14:07:24", the format CinetPay uses in JSON answers."""
    return to_datetime(ts).strftime("%Y-%m-%d %H:%M:%S")


def fmt_date(ts: float) -> str:
    return to_datetime(ts).strftime("%Y-%m-%d")


def fmt_time(ts: float) -> str:
    return to_datetime(ts).strftime("%H:%M:%S")


def fmt_compact(ts: float) -> str:
    """Like "04092017140045" (ddmmyyyyHHMMSS), the cpm_trans_date echoed by checkPayStatus."""
    return to_datetime(ts).strftime("%d%m%Y%H%M%S")
