"""Network state derived from real request outcomes, plus a light probe while offline.

online: the last request got an answer; degraded: answers are missing or garbled (timeouts,
5xx, 429) but the network is there; offline: connections fail; auth_error: CinetPay refuses
our credentials. Every change is emitted on the bus (CONNECTIVITY_CHANGED).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from enum import StrEnum
from typing import Any

from ..api.errors import (
    AuthError,
    BadResponse,
    CinetPayError,
    MaybeSent,
    NotSent,
    RateLimited,
    TokenError,
    Unavailable,
    ValidationError,
)
from .events import CONNECTIVITY_CHANGED, EventBus

log = logging.getLogger(__name__)


class NetState(StrEnum):
    ONLINE = "online"
    DEGRADED = "degraded"
    OFFLINE = "offline"
    AUTH_ERROR = "auth_error"


def state_after(error: CinetPayError | None) -> NetState | None:
    """The state a request outcome implies (None: says nothing about the network)."""
    if error is None:
        return NetState.ONLINE
    if isinstance(error, ValidationError):
        return None
    if isinstance(error, NotSent):
        return NetState.OFFLINE
    if isinstance(error, MaybeSent | BadResponse | RateLimited | Unavailable):
        return NetState.DEGRADED
    if isinstance(error, AuthError) and not isinstance(error, TokenError):
        return NetState.AUTH_ERROR
    return NetState.ONLINE  # CinetPay answered (a refusal is still an answer)


class Connectivity:
    # After this many seconds without news, "offline" is a guess: a link is tried anyway.
    FRESH_FOR = 5.0

    def __init__(self, bus: EventBus, probe: Callable[[], Awaitable[None]] | None = None, *,
                 probe_initial: float = 2.0, probe_max: float = 60.0) -> None:
        self._bus = bus
        self._probe = probe
        self._probe_initial = probe_initial
        self._probe_max = probe_max
        self.state = NetState.ONLINE
        self.last_outcome_at = time.monotonic()  # last request or probe outcome (monotonic)
        self._probing: asyncio.Task[None] | None = None
        self._reconnect_callbacks: list[Callable[[], Coroutine[Any, Any, object]]] = []
        self._tasks: set[asyncio.Task[object]] = set()

    def on_reconnect(self, callback: Callable[[], Coroutine[Any, Any, object]]) -> None:
        """``callback`` runs each time the state goes from offline/degraded back to online."""
        self._reconnect_callbacks.append(callback)

    def surely_offline(self) -> bool:
        """Offline, and a request or probe said so less than :attr:`FRESH_FOR` ago. After an
        outage the probe backs off up to a minute: a stale "offline" must not refuse work."""
        age = time.monotonic() - self.last_outcome_at
        return self.state is NetState.OFFLINE and 0 <= age < self.FRESH_FOR

    def report(self, error: CinetPayError | None) -> None:
        new = state_after(error)
        if new is None:
            return
        self.last_outcome_at = time.monotonic()
        if new is self.state:
            return
        old, self.state = self.state, new
        log.info("network state: %s -> %s", old, new)
        self._bus.emit(CONNECTIVITY_CHANGED, new)
        if new is NetState.OFFLINE:
            self._start_probe()
        elif new is NetState.ONLINE and old in (NetState.OFFLINE, NetState.DEGRADED):
            for callback in self._reconnect_callbacks:
                task: asyncio.Task[object] = asyncio.get_running_loop().create_task(callback())
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    async def probe_now(self) -> NetState:
        """Probe at once (on demand) and report the outcome."""
        if self._probe is not None:
            try:
                await self._probe()
            except CinetPayError as exc:
                self.report(exc)
            else:
                self.report(None)
        return self.state

    def _start_probe(self) -> None:
        if self._probe is None or (self._probing and not self._probing.done()):
            return
        self._probing = asyncio.get_running_loop().create_task(self._probe_loop())

    async def _probe_loop(self) -> None:
        delay = self._probe_initial
        while self.state is NetState.OFFLINE:
            await asyncio.sleep(delay)
            if self.state is not NetState.OFFLINE:
                break
            try:
                assert self._probe is not None
                await self._probe()
            except CinetPayError as exc:
                self.report(exc)
            else:
                self.report(None)
            delay = min(delay * 2, self._probe_max)

    async def aclose(self) -> None:
        for task in list(self._tasks):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._probing and not self._probing.done():
            self._probing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._probing
