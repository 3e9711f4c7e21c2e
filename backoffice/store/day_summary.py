"""The shop day per cashier, for the Tableau de bord: paid links and cash sales of the till in
a period, counted and summed per cashier and currency (one read, no network)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .clock import to_iso
from .db import Database


@dataclass(frozen=True)
class CashierDayRow:
    """``cashier_id`` None: operations made with nobody signed in (a shop of one)."""

    cashier_id: str | None
    name: str
    currency: str
    paid_count: int = 0
    paid_amount: int = 0
    cash_count: int = 0
    cash_amount: int = 0


PAID = """
SELECT p.cashier_id AS cashier_id, p.currency AS currency, count(*) AS n, sum(p.amount) AS total
FROM payment_links p
WHERE p.payment_status = 'ACCEPTED' AND p.created_at >= ? AND p.created_at < ?
  AND coalesce(p.till, ?) = ?
GROUP BY p.cashier_id, p.currency
"""
CASH = """
SELECT m.cashier_id AS cashier_id, m.currency AS currency, count(*) AS n, sum(m.amount) AS total
FROM cash_movements m
WHERE m.kind = 'sale' AND m.created_at >= ? AND m.created_at < ? AND m.till = ?
GROUP BY m.cashier_id, m.currency
"""


def cashier_day(db: Database, start: datetime, end: datetime, till: str) -> list[CashierDayRow]:
    """Per cashier and currency, the till's paid links (by creation time) and cash sales in
    ``[start, end)``; the largest total first, nobody's operations last."""
    lo, hi = to_iso(start), to_iso(end)
    names = {r["cashier_id"]: r["name"]
             for r in db.query("SELECT cashier_id, name FROM cashiers")}
    found: dict[tuple[str | None, str], dict[str, int]] = {}
    for r in db.query(PAID, (lo, hi, till, till)):
        item = found.setdefault((r["cashier_id"], r["currency"]), {})
        item.update(paid_count=r["n"], paid_amount=r["total"])
    for r in db.query(CASH, (lo, hi, till)):
        item = found.setdefault((r["cashier_id"], r["currency"]), {})
        item.update(cash_count=r["n"], cash_amount=r["total"])
    rows = [CashierDayRow(cid, names.get(cid, cid or ""), currency, **sums)
            for (cid, currency), sums in found.items()]
    return sorted(rows, key=lambda r: (r.cashier_id is None,
                                       -(r.paid_amount + r.cash_amount), r.name))
