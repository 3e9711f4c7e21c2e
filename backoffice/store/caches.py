"""Cached server views (balances, contact list) with the time they were fetched.

Payloads are JSON. Money must stay exact, so :func:`dumps_payload` writes a ``Decimal`` as a
string inside a tagged object (``{"$decimal": "865.40"}``) and :func:`loads_payload` turns it
back into the identical ``Decimal``; ``datetime``/``date`` are tagged the same way. ``float``
is refused (it cannot hold money exactly).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from .clock import from_iso, to_iso
from .db import Database

ACCOUNT_BALANCE = "account_balance"  # getCompteStatus: compte + service lines
TRANSFER_BALANCE = "transfer_balance"  # transfer API balance: amount, inUsing, available
CONTACTS = "contacts"  # transfer API contact list
HISTORY_UNREADABLE = "history_unreadable"  # rows of the last history fetch not read

_DECIMAL = "$decimal"
_DATETIME = "$datetime"
_DATE = "$date"
_MAP = "$map"
_TAGS = frozenset({_DECIMAL, _DATETIME, _DATE, _MAP})


class Cached(NamedTuple):
    payload: Any
    fetched_at: datetime  # aware, UTC


def _encode(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, Decimal):
        return {_DECIMAL: str(value)}
    if isinstance(value, datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, date):
        return {_DATE: value.isoformat()}
    if isinstance(value, float):
        raise TypeError("float refused in a cached payload: use Decimal for money")
    if isinstance(value, Mapping):
        encoded = {str(k): _encode(v) for k, v in value.items()}
        # A caller's own one-key mapping that looks like a tag is wrapped, not misread.
        return {_MAP: encoded} if len(encoded) == 1 and next(iter(encoded)) in _TAGS else encoded
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    raise TypeError(f"cannot store {type(value).__name__} in a cached payload")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((key, inner),) = value.items()
        if key == _DECIMAL:
            return Decimal(inner)
        if key == _DATETIME:
            return datetime.fromisoformat(inner)
        if key == _DATE:
            return date.fromisoformat(inner)
        if key == _MAP:
            return {k: _decode(v) for k, v in inner.items()}
    return {k: _decode(v) for k, v in value.items()}


def dumps_payload(payload: Any) -> str:
    """JSON text; Decimal/datetime/date tagged so that :func:`loads_payload` restores them."""
    return json.dumps(_encode(payload), ensure_ascii=False)


def loads_payload(text: str) -> Any:
    return _decode(json.loads(text))


def cache_put(db: Database, key: str, payload: Any, *, fetched_at: datetime | None = None) -> None:
    """Replace the cached value of ``key`` (``fetched_at`` defaults to now)."""
    text = dumps_payload(payload)
    when = to_iso(fetched_at or db.now())
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO cache_meta (key, fetched_at, payload_json) VALUES (?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET fetched_at = excluded.fetched_at,"
            " payload_json = excluded.payload_json",
            (key, when, text),
        )


def cache_get(db: Database, key: str) -> Cached | None:
    """``(payload, fetched_at)`` or None if never fetched."""
    row = db.query_one("SELECT payload_json, fetched_at FROM cache_meta WHERE key = ?", (key,))
    if row is None:
        return None
    return Cached(loads_payload(row["payload_json"]), from_iso(row["fetched_at"]))


def cache_clear(db: Database, key: str | None = None) -> None:
    """Forget one cached value, or all of them (e.g. after changing account)."""
    with db.transaction() as conn:
        if key is None:
            conn.execute("DELETE FROM cache_meta")
        else:
            conn.execute("DELETE FROM cache_meta WHERE key = ?", (key,))
