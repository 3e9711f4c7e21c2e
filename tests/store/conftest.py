"""Fixtures of the store tests: real SQLite files in tmp_path and a controllable clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from backoffice.store.db import Database


class FakeClock:
    """A clock that only moves when told (a little on each reading, like a real one)."""

    def __init__(self, start: datetime | None = None, step: timedelta = timedelta(0)) -> None:
        self.now = start or datetime(2026, 11, 23, 10, 15, 0, 123000, tzinfo=UTC)
        self.step = step

    def __call__(self) -> datetime:
        current = self.now
        self.now += self.step
        return current

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(step=timedelta(milliseconds=1))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.db"


@pytest.fixture
def db(db_path: Path, clock: FakeClock) -> Iterator[Database]:
    database = Database.open(db_path, clock=clock)
    yield database
    database.close()
