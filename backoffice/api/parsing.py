"""Strict readers for CinetPay answers: structure must match, scalars are read leniently
(CinetPay mixes "500" and 500), anything else becomes :class:`BadResponse`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import BadResponse


def obj(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadResponse(f"{what}: expected an object, got {type(value).__name__}")
    return value


def seq(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise BadResponse(f"{what}: expected a list, got {type(value).__name__}")
    return value


def text(d: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = d.get(key)
    if value is None:
        if required:
            raise BadResponse(f"missing field {key!r}")
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise BadResponse(f"field {key!r}: expected text, got {type(value).__name__}")
    return str(value).strip() if isinstance(value, str) else str(value)


def decimal(d: dict[str, Any], key: str, *, required: bool = True) -> Decimal | None:
    value = d.get(key)
    if value is None or (isinstance(value, str) and not value.strip() and not required):
        if required:
            raise BadResponse(f"missing field {key!r}")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise BadResponse(f"field {key!r}: expected a number, got {type(value).__name__}")
    try:
        result = Decimal(str(value).strip().replace(" ", "").replace("\u202f", ""))
    except InvalidOperation:
        raise BadResponse(f"field {key!r}: not a number: {str(value)[:40]!r}") from None
    if not result.is_finite():
        raise BadResponse(f"field {key!r}: not a finite number")
    return result


def amount(d: dict[str, Any], key: str) -> Decimal:
    value = decimal(d, key)
    assert value is not None
    return value


def is_zero_date(raw: str) -> bool:
    """PHP's "no date": "0000-00-00", "0000-00-00 00:00:00" (MySQL zero dates)."""
    return raw[:4] == "0000" and not raw.strip("0-: T")


def timestamp(d: dict[str, Any], key: str) -> datetime | None:
    """"2021-04-07 14:07:24" → datetime; blank (CinetPay sends " " while unpaid) or a PHP
    zero date ("0000-00-00 00:00:00") → None."""
    raw = text(d, key)
    if not raw or is_zero_date(raw):
        return None
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw[:19], fmt)
        except ValueError:
            continue
    raise BadResponse(f"field {key!r}: unreadable date {raw[:40]!r}")


def day(d: dict[str, Any], key: str) -> date | None:
    stamp = timestamp(d, key)
    return stamp.date() if stamp else None


# Amounts of a history row: the most the history cache holds exactly (hundredths in a 64-bit
# integer, with room to spare). Nothing a shop is paid comes near; more is a corrupt row.
MAX_AMOUNT = Decimal(9 * 10**16)


def sane_amount(d: dict[str, Any], key: str) -> Decimal:
    """A received payment amount: finite, 0 ≤ amount ≤ :data:`MAX_AMOUNT`, at most 2
    decimals ("1.500" is fine, "1.505" is not). Anything else is :class:`BadResponse`."""
    value = amount(d, key)
    if value < 0:
        raise BadResponse(f"field {key!r}: negative amount")
    if value > MAX_AMOUNT:
        raise BadResponse(f"field {key!r}: amount beyond {MAX_AMOUNT}")
    if value != value.quantize(Decimal("0.01")):
        raise BadResponse(f"field {key!r}: more than 2 decimals")
    return value
