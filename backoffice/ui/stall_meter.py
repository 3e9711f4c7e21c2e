"""The start-up stall meter of ``bench/startup_stall.py`` (issue 18), on only under
``COMPTOIR_BENCH_STALLS=1``: from the window's first paint until the workspace is up (and a
second after), the gaps between turns of the GUI thread's event loop.

A 5 ms ``QTimer`` heartbeat marks each turn; a gap is the time between two beats (or, before
the loop runs, between the first paint and the first beat: a window on screen that cannot
answer). Each gap is labelled with the start-up steps begun during it (:func:`step`) and with
where the GUI thread was when sampled (every 2 ms of CPU, counted only while a beat is late).
Plain Qt and the standard library: the bare-window baseline uses it too.
"""

from __future__ import annotations

import collections
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, TextIO

from PySide6.QtCore import QObject, QTimer

ENV_STALLS = "COMPTOIR_BENCH_STALLS"
PERIOD_MS = 5  # the heartbeat
LATE_S = 0.008  # samples taken while a beat is this late are kept
SAMPLE_S = 0.002
TOP = 6  # the gaps printed

_meter: StallMeter | None = None


def enabled() -> bool:
    return bool(os.environ.get(ENV_STALLS))


def step(label: str) -> None:
    """Names the start-up work that begins now (nothing without the meter)."""
    if _meter is not None:
        _meter.steps.append((label, time.perf_counter()))


def current() -> StallMeter | None:
    return _meter


@dataclass
class Gap:
    ms: float
    at_ms: float  # when it ended, from the meter's start
    end: float  # perf_counter
    steps: list[tuple[str, float]]  # (label, perf_counter when it began)
    where: list[tuple[str, int]] = field(default_factory=list)  # (place, samples)

    def describe(self) -> str:
        ends = [t for _, t in self.steps[1:]] + [self.end]
        steps = " > ".join(f"{label} {1000 * (end - t):.0f}"
                           for (label, t), end in zip(self.steps, ends, strict=False))
        where = ", ".join(f"{place} ×{n}" for place, n in self.where[:3])
        return (f"{self.ms:.1f} ms ending at +{self.at_ms:.0f} ms: "
                f"[{steps or 'loop'}] {where}").rstrip()


class StallMeter(QObject):
    """``start()`` at the first paint; ``finish()`` prints the longest gap and the top ones.

    The sampler is a CPU-time timer signal (``SIGPROF``, Unix): its handler runs on the GUI
    thread itself, between two bytecodes, so no frame (nor what it holds: a QPainter, a
    widget) is ever kept or released by another thread; it fires only while the process
    burns CPU, never on an idle loop."""

    def __init__(self, since: float | None = None, period_ms: int = PERIOD_MS) -> None:
        super().__init__()
        self.origin = self.last = time.perf_counter() if since is None else since
        self.steps: list[tuple[str, float]] = []
        self.gaps: list[Gap] = []
        self.beats = 0
        self._samples: collections.Counter[str] = collections.Counter()
        self._timer = QTimer(self)
        self._timer.setInterval(period_ms)  # 0: every turn of the loop (tests)
        self._timer.timeout.connect(self.beat)
        self._previous: Any = None
        self.finished = False

    def start(self) -> None:
        global _meter
        _meter = self
        self._timer.start()
        if sys.platform != "win32" and threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGPROF, self._sample)
            signal.setitimer(signal.ITIMER_PROF, SAMPLE_S, SAMPLE_S)

    def beat(self) -> None:
        now = time.perf_counter()
        self.gaps.append(Gap(1000 * (now - self.last), 1000 * (now - self.origin), now,
                             self.steps, self._samples.most_common()))
        self._samples = collections.Counter()
        self.last = now
        self.steps = []
        self.beats += 1

    def finish(self, out: TextIO | None = None) -> float:
        """Stops, prints ``startup_stall_ms=…`` and the top gaps; the longest gap (ms). Once:
        a second call only returns it."""
        global _meter
        if self.finished:
            return max((g.ms for g in self.gaps), default=0.0)
        self.finished = True
        if self._previous is not None and sys.platform != "win32":
            signal.setitimer(signal.ITIMER_PROF, 0, 0)
            signal.signal(signal.SIGPROF, self._previous)
        self.beat()
        self._timer.stop()
        _meter = None
        longest = max((g.ms for g in self.gaps), default=0.0)
        stream = out if out is not None else sys.stdout
        print(f"startup_stall_ms={longest:.1f}", file=stream)
        print(f"stall_beats={self.beats} over {1000 * (self.last - self.origin):.0f} ms",
              file=stream)
        print(f"peak_rss_mb={peak_rss_mb():.1f}", file=stream)
        for gap in sorted(self.gaps, key=lambda g: -g.ms)[:TOP]:
            print(f"stall: {gap.describe()}", file=stream)
        stream.flush()
        return longest

    def _sample(self, _signum: int, frame: FrameType | None) -> None:
        if frame is not None and time.perf_counter() - self.last >= LATE_S:
            self._samples[where(frame)] += 1


def peak_rss_mb() -> float:
    """The process's peak resident memory (0 where unknown)."""
    if sys.platform == "win32":
        return 0.0
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def where(frame: FrameType) -> str:
    """The GUI thread's place: its innermost frame of ours, and the outermost module being
    imported under it (the import that our code asked for)."""
    ours = importing = ""
    f: FrameType | None = frame
    while f is not None and not ours:
        code = f.f_code
        if code.co_name == "_find_and_load":
            importing = str(f.f_locals.get("name", "?"))
        elif "backoffice" in code.co_filename or code.co_filename.endswith("bare_window.py"):
            ours = f"{code.co_filename.split('backoffice', 1)[-1].lstrip('/')}:{code.co_name}"
        f = f.f_back
    if not ours:
        ours = f"{os.path.basename(frame.f_code.co_filename)}:{frame.f_code.co_name}"
    return f"{ours} (import {importing})" if importing else ours
