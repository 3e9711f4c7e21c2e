"""Local cache of the CinetPay transaction history, for filtering, totals and export.

Amounts are stored as ``amount_minor`` = amount x 100 (exact, from ``Decimal``), so sums are
exact integers. SQLite's ``sum`` of 64-bit integers overflows (two rows of 5·10^16 already do),
so sums are taken in two halves (:data:`_SUM`) and joined in Python. ``paid_at`` is the
local payment date + time as sortable text. Filtering, sorting and paging run in SQL: every
value is a bound parameter; the sort column comes from the :data:`SORT_KEYS` whitelist only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from .clock import from_iso, to_iso
from .db import Database
from .textsearch import fold

ACCEPTED = "ACCEPTED"

SORT_KEYS: Mapping[str, str] = {
    "paid_at": "paid_at",
    "amount": "amount_minor",
    "status": "status",
    "operator": "operator",
    "transaction_id": "transaction_id",
    "payid": "payid",
    "phone": "phone",
    "buyer_name": "buyer_name",
    "designation": "designation",
    "currency": "currency",
    "result_code": "result_code",
}
"""Sortable columns: public name -> SQL column. Ties are broken by transaction_id."""

_COLUMNS = (
    "transaction_id",
    "payid",
    "amount_minor",
    "currency",
    "status",
    "result_code",
    "error_message",
    "operator",
    "phone_prefix",
    "phone",
    "designation",
    "buyer_name",
    "custom",
    "paid_at",
    "created_at",
    "updated_at",
    "fetched_at",
)
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM history"
_UPSERT = (
    f"INSERT INTO history ({', '.join(_COLUMNS)}, search_text)"
    f" VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})"
    " ON CONFLICT (transaction_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in (*_COLUMNS[1:], "search_text"))
    + " WHERE excluded.fetched_at >= history.fetched_at"
)


def to_minor(amount: Decimal | int | str) -> int:
    """Exact amount x 100 as an int; refuses sub-cent amounts instead of rounding."""
    value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    if not value.is_finite():
        raise ValueError(f"amount is not a number: {amount!r}")
    scaled = value.scaleb(2)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"amount has more than 2 decimals: {amount!r}")
    return int(scaled)


def from_minor(minor: int) -> Decimal:
    """Inverse of :func:`to_minor` (whole amounts come back without decimals)."""
    return Decimal(minor // 100) if minor % 100 == 0 else Decimal(minor).scaleb(-2)


@dataclass(frozen=True)
class HistoryRow:
    """One CinetPay transaction (input of :func:`upsert_history`, output of queries)."""

    transaction_id: str
    amount: Decimal
    currency: str
    status: str  # ACCEPTED / REFUSED / …
    result_code: str = ""
    error_message: str = ""
    payid: str = ""
    operator: str = ""  # payment_method: OM, MOMO, FLOOZ, WAVE, VISAM…
    phone_prefix: str = ""
    phone: str = ""
    designation: str = ""
    buyer_name: str = ""
    custom: str = ""
    paid_at: datetime | None = None  # local time, naive
    created_at: str = ""  # as CinetPay sent it
    updated_at: str = ""
    fetched_at: datetime | None = None  # set by upsert_history

    @property
    def amount_minor(self) -> int:
        return to_minor(self.amount)


@dataclass(frozen=True)
class HistoryQuery:
    """A filter + sort over the history cache. Empty fields do not filter."""

    date_from: date | None = None  # inclusive, on paid_at
    date_to: date | None = None  # inclusive
    statuses: tuple[str, ...] = ()
    operators: tuple[str, ...] = ()
    phone: str = ""  # with or without the country prefix
    transaction_id: str = ""
    text: str = ""  # substring of id, payid, phone, designation, buyer name or custom
    sort_key: str = "paid_at"
    descending: bool = True

    def __post_init__(self) -> None:
        if self.sort_key not in SORT_KEYS:
            raise ValueError(f"unknown sort key {self.sort_key!r}; use one of {list(SORT_KEYS)}")
        object.__setattr__(self, "statuses", tuple(self.statuses))
        object.__setattr__(self, "operators", tuple(self.operators))


@dataclass(frozen=True)
class Bucket:
    count: int = 0
    amount_minor: int = 0

    @property
    def amount(self) -> Decimal:
        return from_minor(self.amount_minor)

    def __add__(self, other: Bucket) -> Bucket:
        return Bucket(self.count + other.count, self.amount_minor + other.amount_minor)


@dataclass(frozen=True)
class HistoryTotals:
    count: int
    amount_minor: int  # every matching row, whatever its status
    accepted: Bucket
    by_status: dict[str, Bucket] = field(default_factory=dict)
    by_operator: dict[str, Bucket] = field(default_factory=dict)  # every status
    accepted_by_operator: dict[str, Bucket] = field(default_factory=dict)


class DailyTotal(NamedTuple):
    day: date
    amount: Decimal  # sum of ACCEPTED amounts paid that day


def normalize_phone(phone: str) -> str:
    return phone.strip().replace(" ", "").lstrip("+")


def search_text(row: HistoryRow) -> str:
    """The folded text that :attr:`HistoryQuery.text` searches (fields joined by \\x1f, so a
    match never spans two fields)."""
    return _search_text(row.transaction_id, row.payid, row.phone_prefix + row.phone,
                        row.designation, row.buyer_name, row.custom)


def _search_text(*fields: str) -> str:
    return "\x1f".join(fold(f) for f in fields)


HistoryRecord = tuple[str, str, int, str, str, str, str, str, str, str, str, str, str,
                      str | None, str, str]
"""A row to store as a plain tuple (what a refresh writes: the garbage collector stops
tracking such tuples), in the order of the history table's columns up to ``updated_at``:
transaction_id, payid, amount_minor, currency, status, result_code, error_message, operator,
phone_prefix, phone, designation, buyer_name, custom, paid_at ("YYYY-MM-DDTHH:MM:SS", local,
or None), created_at, updated_at."""


def upsert_history(
    db: Database, rows: Iterable[HistoryRow], *, fetched_at: datetime | None = None
) -> int:
    """Insert or replace (merge on transaction_id) fetched rows in one transaction.

    A row fetched earlier than the stored one does not overwrite it. Returns rows given.
    """
    def records() -> Iterator[HistoryRecord]:
        for r in rows:
            if r.paid_at is not None and r.paid_at.tzinfo is not None:
                raise ValueError("paid_at is a local naive datetime")
            yield (r.transaction_id, r.payid, to_minor(r.amount), r.currency, r.status,
                   r.result_code, r.error_message, r.operator, r.phone_prefix, r.phone,
                   r.designation, r.buyer_name, r.custom,
                   None if r.paid_at is None else r.paid_at.isoformat(timespec="seconds"),
                   r.created_at, r.updated_at)

    return upsert_history_records(db, records(), fetched_at=fetched_at)


def upsert_history_records(
    db: Database, records: Iterable[HistoryRecord], *, fetched_at: datetime | None = None
) -> int:
    """:func:`upsert_history` for :data:`HistoryRecord` tuples. Returns rows given."""
    when = to_iso(fetched_at or db.now())
    count = 0

    def params() -> Iterator[tuple[Any, ...]]:
        nonlocal count
        for r in records:
            count += 1
            yield (*r, when, _search_text(r[0], r[1], r[8] + r[9], r[10], r[11], r[12]))

    with db.transaction() as conn:
        conn.executemany(_UPSERT, params())
    return count


# How a text search runs (:func:`_text_plan`): through the trigram index (history_fts,
# migration 0009) when it narrows the rows down, else by reading search_text row by row —
# walking the sort order's index for a page (a common needle fills 200 rows at once), or
# scanning the table for a count or totals.
INDEXED, SCANNED = "indexed", "scanned"
_MATCH = "history_fts MATCH ?"
_TRIGRAM = 3  # the index holds 3-character pieces: shorter needles cannot use it
_FEW = 2000  # up to this many matches, sorting them beats walking the sort index


def _phrase(needle: str) -> str:
    """``needle`` as one FTS5 phrase (any character taken literally)."""
    return '"' + needle.replace('"', '""') + '"'


def _indexed_matches(db: Database, needle: str) -> int | None:
    """How many rows contain ``needle`` by the trigram index; None when it cannot tell."""
    if len(needle) < _TRIGRAM:
        return None
    return int(db.scalar(f"SELECT count(*) FROM history_fts WHERE {_MATCH}",
                         [_phrase(needle)]))


def _text_plan(db: Database, q: HistoryQuery, *, paging: bool, reach: int = 0,
               matches: int | None = None) -> str:
    """``reach``: where the page ends (offset + limit); ``matches``: the index's count of
    the needle when the caller has it already. Walking the sort's index reads about
    reach x rows / matches rows, the index's way reads the matches: the fewer wins."""
    needle = fold(q.text.strip())
    if not needle:
        return SCANNED
    if matches is None:
        matches = _indexed_matches(db, needle)
    if matches is None:
        return SCANNED
    if not paging or matches <= _FEW:
        return INDEXED
    if reach and reach * int(db.scalar("SELECT count(*) FROM history")) > matches * matches:
        return INDEXED  # deep in a long result: the walk would read most of the table
    return SCANNED


def _where(q: HistoryQuery, text_plan: str = SCANNED) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if q.date_from is not None:
        clauses.append("paid_at >= ?")
        params.append(q.date_from.isoformat())
    if q.date_to is not None:
        clauses.append("paid_at < ?")
        params.append((q.date_to + timedelta(days=1)).isoformat())
    if q.statuses:
        clauses.append(f"status IN ({', '.join('?' * len(q.statuses))})")
        params.extend(q.statuses)
    if q.operators:
        clauses.append(f"operator IN ({', '.join('?' * len(q.operators))})")
        params.extend(q.operators)
    if phone := normalize_phone(q.phone):
        # The IN list (the number without a 0-4 digit prefix) lets SQLite use the phone index.
        candidates = [phone[cut:] for cut in range(5) if phone[cut:]]
        clauses.append(
            f"phone IN ({', '.join('?' * len(candidates))})"
            " AND (phone = ? OR phone_prefix || phone = ?)"
        )
        params.extend((*candidates, phone, phone))
    if q.transaction_id.strip():
        clauses.append("transaction_id = ?")
        params.append(q.transaction_id.strip())
    if needle := fold(q.text.strip()):
        if text_plan == INDEXED:
            clauses.append(f"rowid IN (SELECT rowid FROM history_fts WHERE {_MATCH})")
            params.append(_phrase(needle))
        else:
            clauses.append("instr(search_text, ?) > 0")
            params.append(needle)
    return (f" WHERE {' AND '.join(clauses)}" if clauses else ""), params


def _order(q: HistoryQuery) -> str:
    direction = "DESC" if q.descending else "ASC"
    column = SORT_KEYS[q.sort_key]  # whitelisted in HistoryQuery.__post_init__
    if SORT_KEYS[q.sort_key] == "transaction_id":
        return f" ORDER BY {column} {direction}"
    return f" ORDER BY {column} {direction}, transaction_id {direction}"


# sum(amount_minor) split at 10^9: neither half can overflow (it would take a billion rows),
# and high * 10^9 + low is exact (SQLite's / truncates and % keeps the sign, as in C).
_SPLIT = 10**9
_SUM = f"sum(amount_minor / {_SPLIT}), sum(amount_minor % {_SPLIT})"


def _joined(high: int | None, low: int | None) -> int:
    return (high or 0) * _SPLIT + (low or 0)


def _search_alone(q: HistoryQuery) -> bool:
    """A text search and no other filter (sorted any way)."""
    return q == HistoryQuery(text=q.text, sort_key=q.sort_key, descending=q.descending)


def history_count(db: Database, q: HistoryQuery) -> int:
    needle = fold(q.text.strip())
    if needle and _search_alone(q):
        matches = _indexed_matches(db, needle)  # a search alone: the index counts it
        if matches is not None:
            return matches
    where, params = _where(q, _text_plan(db, q, paging=False))
    return int(db.scalar(f"SELECT count(*) FROM history{where}", params))


def history_first_rows(
    db: Database, q: HistoryQuery, limit: int = 50
) -> tuple[int | None, list[HistoryRow]]:
    """The first ``limit`` rows at once, and how many rows match when that costs nothing
    more: no text, a search alone (the trigram index counts it), or fewer rows than
    ``limit``. None otherwise: a count would read the whole table (1-2 characters, or a
    search with filters), so the caller asks :func:`history_count` once the rows are
    shown."""
    needle = fold(q.text.strip())
    matches = _indexed_matches(db, needle) if needle else None
    if matches == 0:
        return 0, []
    rows = history_page(db, q, 0, limit, matches=matches)
    if len(rows) < limit:
        return len(rows), rows
    if not needle:
        return history_count(db, q), rows
    return (matches if matches is not None and _search_alone(q) else None), rows


def history_totals(db: Database, q: HistoryQuery) -> HistoryTotals:
    plan = _text_plan(db, q, paging=False)
    where, params = _where(q, plan)
    # A scanned text search reads every row anyway: the totals index would only add a
    # lookup per row (three times slower), so the table is read as it is stored.
    source = "history NOT INDEXED" if q.text.strip() and plan == SCANNED else "history"
    rows = db.query(
        f"SELECT status, operator, count(*), {_SUM} FROM {source}"
        f"{where} GROUP BY status, operator",
        params,
    )
    by_status: dict[str, Bucket] = {}
    by_operator: dict[str, Bucket] = {}
    accepted_by_operator: dict[str, Bucket] = {}
    for status, operator, count, high, low in rows:
        bucket = Bucket(count, _joined(high, low))
        by_status[status] = by_status.get(status, Bucket()) + bucket
        by_operator[operator] = by_operator.get(operator, Bucket()) + bucket
        if status == ACCEPTED:
            accepted_by_operator[operator] = bucket
    return HistoryTotals(
        count=sum(b.count for b in by_status.values()),
        amount_minor=sum(b.amount_minor for b in by_status.values()),
        accepted=by_status.get(ACCEPTED, Bucket()),
        by_status=by_status,
        by_operator=by_operator,
        accepted_by_operator=accepted_by_operator,
    )


_DEEP = 1000  # from this offset on, a page is found on the indexes before reading its rows


def history_page(
    db: Database, q: HistoryQuery, offset: int = 0, limit: int = 200, *,
    matches: int | None = None,
) -> list[HistoryRow]:
    """One page of matching rows in the query's order. Deep in the list (scrolled to the
    end), the rows skipped are counted on the sort's index alone (their rowids), and only
    the page's rows are read from the table: 0.6 ms instead of 8 at 100k rows."""
    plan = _text_plan(db, q, paging=True, reach=offset + limit, matches=matches)
    where, params = _where(q, plan)
    order = _order(q)
    if offset < _DEEP:
        sql = f"{_SELECT}{where}{order} LIMIT ? OFFSET ?"
    else:  # CROSS JOIN: the page's rowids first (the outer loop), then each row by rowid
        sql = (f"SELECT {', '.join(_COLUMNS)} FROM (SELECT rowid AS page_id FROM history"
               f"{where}{order} LIMIT ? OFFSET ?) CROSS JOIN history"
               f" ON history.rowid = page_id{order}")
    rows = db.query_tuples(sql, [*params, int(limit), int(offset)])
    return [_row(r) for r in rows]


def history_iter(db: Database, q: HistoryQuery, *, chunk: int = 1000) -> Iterator[HistoryRow]:
    """Every matching row in the query's order (one consistent snapshot), for CSV export."""
    where, params = _where(q, _text_plan(db, q, paging=False))
    for r in db.iterate(f"{_SELECT}{where}{_order(q)}", params, chunk=chunk):
        yield _row(r)


def daily_totals(
    db: Database, days: int, today: date, *, currency: str | None = None
) -> list[DailyTotal]:
    """ACCEPTED amount per day for the ``days`` days ending with ``today``, zeros included."""
    first = today - timedelta(days=days - 1)
    sql = (
        f"SELECT substr(paid_at, 1, 10), {_SUM} FROM history"
        " WHERE status = ? AND paid_at >= ? AND paid_at < ?"
    )
    params: list[Any] = [ACCEPTED, first.isoformat(), (today + timedelta(days=1)).isoformat()]
    if currency is not None:
        sql += " AND currency = ?"
        params.append(currency)
    sums = {day: _joined(high, low) for day, high, low in db.query(sql + " GROUP BY 1", params)}
    out = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        out.append(DailyTotal(day, from_minor(sums.get(day.isoformat(), 0))))
    return out


def history_fetched_at(db: Database) -> datetime | None:
    """When the cache was last refreshed (the newest row's fetch time), for "as of …"."""
    value = db.scalar("SELECT max(fetched_at) FROM history")
    return None if value is None else from_iso(value)


def history_operators(db: Database) -> list[str]:
    """Distinct operators present, for the filter drop-down."""
    return [r[0] for r in db.query("SELECT DISTINCT operator FROM history ORDER BY 1")]


def history_statuses(db: Database) -> list[str]:
    return [r[0] for r in db.query("SELECT DISTINCT status FROM history ORDER BY 1")]


@lru_cache(maxsize=64)  # a page holds few distinct fetch times
def _fetched(text: str) -> datetime:
    return from_iso(text)


def _row(r: tuple[Any, ...]) -> HistoryRow:
    # Positional, in _COLUMNS order (tuples are much faster than sqlite3.Row for exports).
    (
        tid,
        payid,
        minor,
        currency,
        status,
        result_code,
        error_message,
        operator,
        prefix,
        phone,
        designation,
        buyer_name,
        custom,
        paid_at,
        created_at,
        updated_at,
        fetched_at,
    ) = r
    return HistoryRow(
        transaction_id=tid,
        amount=from_minor(minor),
        currency=currency,
        status=status,
        result_code=result_code,
        error_message=error_message,
        payid=payid,
        operator=operator,
        phone_prefix=prefix,
        phone=phone,
        designation=designation,
        buyer_name=buyer_name,
        custom=custom,
        paid_at=None if paid_at is None else datetime.fromisoformat(paid_at),
        created_at=created_at,
        updated_at=updated_at,
        fetched_at=_fetched(fetched_at),
    )
