"""Bulk checks at the network's limit (issue 18): a window of requests in flight that halves
when CinetPay answers 429 (and grows back slowly), and group commits: the answers that arrive
while the journal is writing are written together, in one transaction."""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..store.db import AsyncDatabase, Database

if TYPE_CHECKING:
    from .context import ServiceContext

T = TypeVar("T")
R = TypeVar("R")


class Window:
    """At most ``size`` holders at once, served in arrival order. :meth:`observe` is told how
    many 429s the transport has seen: a new one halves the window for everyone (the whole
    batch slows down); each ``largest`` successes in a row then widen it by one, back up to
    its first size."""

    def __init__(self, size: int, rate_limited: int = 0) -> None:
        self.size = self.largest = max(1, size)
        self.busy = 0
        self.peak = 0  # most holders at once (diagnostics)
        self._seen = rate_limited
        self._streak = 0
        self._waiters: deque[asyncio.Future[None]] = deque()

    async def acquire(self) -> None:
        if self.busy < self.size and not self._waiters:
            self._take()
            return
        turn = asyncio.get_running_loop().create_future()
        self._waiters.append(turn)
        try:
            await turn  # the slot is counted as ours when this resolves
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self.release(self._seen)  # handed over, then cancelled: give it back
            raise

    @contextlib.asynccontextmanager
    async def held(self, rate_limited: Callable[[], int]) -> AsyncIterator[None]:
        """A slot for the block; on leaving it, the 429s seen so far are told to
        :meth:`release`."""
        await self.acquire()
        try:
            yield
        finally:
            self.release(rate_limited())

    def release(self, rate_limited: int) -> None:
        self.busy -= 1
        self.observe(rate_limited)
        while self._waiters and self.busy < self.size:
            turn = self._waiters.popleft()
            if not turn.done():
                self._take()
                turn.set_result(None)

    def _take(self) -> None:
        self.busy += 1
        self.peak = max(self.peak, self.busy)

    def observe(self, rate_limited: int) -> None:
        if rate_limited > self._seen:
            self._seen = rate_limited
            self.size = max(1, self.size // 2)
            self._streak = 0
            return
        self._streak += 1
        if self._streak >= self.largest and self.size < self.largest:
            self.size += 1
            self._streak = 0


class GroupWriter(Generic[T, R]):
    """``await writer.write(item)`` journals ``item`` with ``write_many(db, items)`` on the
    database thread: items that arrive while a group is being written wait and go together in
    the next one. ``write_many`` returns one result (or exception) per item, in order;
    ``written(results)`` is called on the loop after each group (e.g. to emit one event)."""

    def __init__(self, db: AsyncDatabase,
                 write_many: Callable[[Database, list[T]], Sequence[R | BaseException]],
                 written: Callable[[Sequence[R | BaseException]], None] | None = None) -> None:
        self._db = db
        self._write_many = write_many
        self._written = written
        self._waiting: list[tuple[T, asyncio.Future[R]]] = []
        self._flushing: asyncio.Task[None] | None = None
        self.groups = 0  # transactions written (diagnostics, tests)

    async def write(self, item: T) -> R:
        future: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, future))
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.create_task(self._flush())
        return await asyncio.shield(future)

    async def _flush(self) -> None:
        while self._waiting:
            group, self._waiting = self._waiting, []
            try:
                results = await self._db.run(self._write_many, [item for item, _ in group])
            except BaseException as exc:  # the whole group failed: each writer hears it
                for _, future in group:
                    if not future.done():
                        future.set_exception(exc)
                if not isinstance(exc, Exception):
                    raise
                continue
            self.groups += 1
            for (_, future), result in zip(group, results, strict=True):
                if future.done():
                    continue
                if isinstance(result, BaseException):
                    future.set_exception(result)
                else:
                    future.set_result(result)
            if self._written is not None:
                self._written(results)


def rate_limited(ctx: ServiceContext) -> int:
    """How many 429s the account's transport has seen (a :class:`Window` watches it)."""
    api: Any = ctx.api if ctx.current is None else ctx.current
    return int(getattr(getattr(api, "transport", None), "rate_limited", 0))
