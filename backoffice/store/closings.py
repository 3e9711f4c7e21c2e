"""End-of-day closings in the journal (tables ``closings`` and ``day_reopenings``, migration
0008; both append-only: triggers refuse edits), and the period's facts a closing reads: the
till's links (with when the till learned each was paid, and whether it had ended), transfers
and cashier names (the drawer's movements: store/cash.py). Rows made before tills were
recorded (till NULL) count as this till's: the journal is the till's own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .clock import from_iso, opt_from_iso, to_iso
from .db import Database
from .links import LinkRow, get_link
from .transfers import TransferRow, get_transfer


@dataclass(frozen=True)
class PeriodLink:
    """A link of the period with what the closing needs besides the row itself."""

    row: LinkRow
    cashier_id: str | None
    learned_paid_at: datetime | None  # when the journal first recorded ACCEPTED
    ended_at: datetime | None  # cancelled or expired at the till
    end_reason: str | None


@dataclass(frozen=True)
class ReopeningRow:
    shop_day: date
    till: str
    reopened_at: datetime
    reopened_by: str | None
    reason: str


def _scope(start: datetime, end: datetime, till: str, cashier_id: str | None,
           alias: str = "") -> tuple[str, list[Any]]:
    p = f"{alias}." if alias else ""
    sql = f"{p}created_at >= ? AND {p}created_at < ? AND coalesce({p}till, ?) = ?"
    params: list[Any] = [to_iso(start), to_iso(end), till, till]
    if cashier_id is not None:
        sql += f" AND {p}cashier_id = ?"
        params.append(cashier_id)
    return sql, params


def period_links(db: Database, start: datetime, end: datetime, till: str,
                 cashier_id: str | None = None) -> list[PeriodLink]:
    """The till's links created in ``[start, end)``, oldest first."""
    where, params = _scope(start, end, till, cashier_id, "p")
    rows = db.query(
        "SELECT p.transaction_id, p.cashier_id, p.ended_at, p.end_reason,"
        " coalesce(p.accepted_at, (SELECT min(e.at) FROM link_events e"
        "   WHERE e.transaction_id = p.transaction_id AND e.payment_status = 'ACCEPTED'))"
        " AS learned FROM payment_links p"
        f" WHERE {where} ORDER BY p.created_at, p.id", params)
    found = []
    for r in rows:
        link = get_link(db, r["transaction_id"])
        if link is not None:
            found.append(PeriodLink(link, r["cashier_id"], opt_from_iso(r["learned"]),
                                    opt_from_iso(r["ended_at"]), r["end_reason"]))
    return found


def known_transaction_ids(db: Database, ids: list[str]) -> set[str]:
    """Which of ``ids`` are links of this journal (any day, any till)."""
    known: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows = db.query("SELECT transaction_id FROM payment_links WHERE transaction_id IN"
                        f" ({', '.join('?' * len(chunk))})", chunk)
        known.update(r["transaction_id"] for r in rows)
    return known


def period_transfers(db: Database, start: datetime, end: datetime, till: str,
                     cashier_id: str | None = None) -> list[TransferRow]:
    where, params = _scope(start, end, till, cashier_id)
    rows = db.query("SELECT client_transaction_id FROM transfers"
                    f" WHERE {where} ORDER BY created_at, id", params)
    return [t for r in rows if (t := get_transfer(db, r["client_transaction_id"])) is not None]


def cashier_names(db: Database) -> dict[str, str]:
    return {r["cashier_id"]: r["name"]
            for r in db.query("SELECT cashier_id, name FROM cashiers")}


# --- closings (never edited) --------------------------------------------------------------------


@dataclass(frozen=True)
class ClosingRecord:
    """One closing version as stored; ``report_json`` is the whole report
    (services/closing_report.py reads it)."""

    closing_id: str
    shop_day: date
    till: str
    cashier_id: str | None
    version: int
    period_start: datetime
    period_end: datetime
    created_at: datetime
    closed_by: str | None
    provisional: bool
    expected_cash: int
    counted_cash: int | None
    report_json: str


def write_closing(db: Database, shop_day: date, till: str, cashier_id: str | None,
                  make: Callable[[int], ClosingRecord]) -> ClosingRecord:
    """Write the next version of a closing: ``make(version)`` builds it inside the transaction
    that numbers it (two closings of the same day cannot take the same number)."""
    with db.transaction() as conn:
        row = conn.execute(
            "SELECT max(version) AS v FROM closings WHERE shop_day = ? AND till = ?"
            " AND coalesce(cashier_id, '') = coalesce(?, '')",
            (shop_day.isoformat(), till, cashier_id)).fetchone()
        rec = make(int(row["v"] or 0) + 1)
        if (rec.shop_day, rec.till, rec.cashier_id) != (shop_day, till, cashier_id):
            raise ValueError("a closing's day, till and cashier are those it was numbered for")
        conn.execute(
            "INSERT INTO closings (closing_id, shop_day, till, cashier_id, version,"
            " period_start, period_end, created_at, closed_by, provisional, expected_cash,"
            " counted_cash, report_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rec.closing_id, rec.shop_day.isoformat(), rec.till, rec.cashier_id,
             rec.version, to_iso(rec.period_start), to_iso(rec.period_end),
             to_iso(rec.created_at), rec.closed_by, int(rec.provisional),
             rec.expected_cash, rec.counted_cash, rec.report_json))
    return rec


def _record(r: Any) -> ClosingRecord:
    return ClosingRecord(r["closing_id"], date.fromisoformat(r["shop_day"]), r["till"],
                         r["cashier_id"], int(r["version"]), from_iso(r["period_start"]),
                         from_iso(r["period_end"]), from_iso(r["created_at"]), r["closed_by"],
                         bool(r["provisional"]), int(r["expected_cash"]),
                         None if r["counted_cash"] is None else int(r["counted_cash"]),
                         r["report_json"])


def get_closing(db: Database, closing_id: str) -> ClosingRecord | None:
    row = db.query_one("SELECT * FROM closings WHERE closing_id = ?", (closing_id,))
    return None if row is None else _record(row)


def latest_closing(db: Database, shop_day: date, till: str,
                   cashier_id: str | None = None) -> ClosingRecord | None:
    row = db.query_one(
        "SELECT * FROM closings WHERE shop_day = ? AND till = ?"
        " AND coalesce(cashier_id, '') = coalesce(?, '') ORDER BY version DESC LIMIT 1",
        (shop_day.isoformat(), till, cashier_id))
    return None if row is None else _record(row)


def list_closings(db: Database, *, shop_day: date | None = None, till: str | None = None,
                  limit: int = 200) -> list[ClosingRecord]:
    """Closings newest first (every version)."""
    sql, params = "SELECT * FROM closings WHERE 1 = 1", []
    if shop_day is not None:
        sql += " AND shop_day = ?"
        params.append(shop_day.isoformat())
    if till is not None:
        sql += " AND till = ?"
        params.append(till)
    rows = db.query(f"{sql} ORDER BY shop_day DESC, id DESC LIMIT ?", (*params, limit))
    return [_record(r) for r in rows]


def add_reopening(db: Database, shop_day: date, till: str, reopened_by: str | None,
                  reason: str) -> ReopeningRow:
    now = db.now_iso()
    with db.transaction() as conn:
        conn.execute("INSERT INTO day_reopenings (shop_day, till, reopened_at, reopened_by,"
                     " reason) VALUES (?, ?, ?, ?, ?)",
                     (shop_day.isoformat(), till, now, reopened_by, reason))
    return ReopeningRow(shop_day, till, from_iso(now), reopened_by, reason)


def reopenings(db: Database, shop_day: date, till: str) -> list[ReopeningRow]:
    rows = db.query("SELECT * FROM day_reopenings WHERE shop_day = ? AND till = ? ORDER BY id",
                    (shop_day.isoformat(), till))
    return [ReopeningRow(date.fromisoformat(r["shop_day"]), r["till"],
                         from_iso(r["reopened_at"]), r["reopened_by"], r["reason"])
            for r in rows]


def find_cashier(db: Database, text: str) -> str | None:
    """The id of the cashier named ``text`` (or whose id it is), removed ones excluded."""
    row = db.query_one("SELECT cashier_id FROM cashiers WHERE removed_at IS NULL AND"
                       " (cashier_id = ? OR name = ? COLLATE NOCASE) ORDER BY id LIMIT 1",
                       (text, text.strip()))
    return None if row is None else row["cashier_id"]
