"""Compare-and-set transitions. Every journal call runs on the single database thread, so a
read followed by a write inside one ``db.run`` cannot interleave with another task's. The
services use these whenever the state they expect may have been changed meanwhile (an outbox
drain, a QR auto-check, a second refresh): the loser steps aside instead of failing, and only
the task that *claimed* a row (queued → sending) ever sends it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ..store.db import Database
from ..store.states import State

R = TypeVar("R")


def mark_if(db: Database, get: Callable[..., R | None], mark: Callable[..., R],
            key: tuple[str, ...], expected: Iterable[State], state: State,
            **changes: Any) -> tuple[R | None, bool]:
    """(row, changed): apply ``mark`` only if the row is in one of ``expected`` states."""
    row = get(db, *key)
    if row is None or row.state not in set(expected):  # type: ignore[attr-defined]
        return row, False
    return mark(db, *key, state, **changes), True


def known(row: R | None) -> R:
    """A journal row read or written just before: the journal never deletes one."""
    if row is None:
        raise LookupError("a journal row vanished")
    return row


def claim(db: Database, get: Callable[..., R | None], mark: Callable[..., R],
          keys: Iterable[tuple[str, ...]], **changes: Any) -> list[R]:
    """Move every still-queued row to ``sending`` (with ``changes``, e.g. the time of the send
    attempt); returns only the rows this call claimed."""
    claimed = []
    for key in keys:
        row, changed = mark_if(db, get, mark, key, (State.QUEUED,), State.SENDING, **changes)
        if changed:
            claimed.append(known(row))
    return claimed


def defer_if_pending(db: Database, kind: str, ref: str, *, not_before: Any,
                     error: str | None, reason: str | None = None) -> bool:
    """Postpone a queued/uncertain item; a row another task has settled meanwhile is left
    alone. Returns whether it was deferred."""
    from ..store.outbox import defer_item

    row = db.query_one("SELECT state FROM outbox WHERE kind = ? AND ref = ?", (kind, ref))
    if row is None or row["state"] not in (State.QUEUED, State.UNCERTAIN):
        return False
    defer_item(db, kind, ref, not_before=not_before, error=error, reason=reason)
    return True
