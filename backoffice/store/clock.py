"""Timestamps: ISO-8601 UTC text with a ``Z`` and millisecond precision.

Every timestamp the journal writes has the same fixed-width shape
(``2026-11-23T10:15:00.123Z``), so text comparison in SQL is chronological.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, tzinfo

Clock = Callable[[], datetime]
"""Returns the current time as an aware datetime (tests inject a fake one)."""


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def to_iso(moment: datetime) -> str:
    """Aware datetime -> ``YYYY-MM-DDTHH:MM:SS.mmmZ``. Naive datetimes are refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime refused (timestamps are UTC): {moment!r}")
    utc = moment.astimezone(UTC)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z"


def from_iso(text: str) -> datetime:
    """Inverse of :func:`to_iso` (also accepts any ISO text with an offset)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"timestamp without a time zone: {text!r}")
    return moment.astimezone(UTC)


def opt_from_iso(text: str | None) -> datetime | None:
    return None if text is None else from_iso(text)


def local_day_bounds(day: date, tz: tzinfo | None = None) -> tuple[str, str]:
    """UTC ISO bounds ``[start, end)`` of a calendar day in ``tz`` (default: system local)."""
    start = datetime.combine(day, time())
    end = datetime.fromordinal(day.toordinal() + 1)
    if tz is None:
        return to_iso(start.astimezone()), to_iso(end.astimezone())
    return to_iso(start.replace(tzinfo=tz)), to_iso(end.replace(tzinfo=tz))
