"""Read-only queries for the accountant's export: every movement of money the journal knows
in a period, with the name of the cashier who made it. Periods are ``[start, end)`` on the
operation's ``created_at`` (when the till made it), like the closing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .clock import from_iso, to_iso
from .db import Database


@dataclass(frozen=True)
class MoneyRow:
    source: str  # "link", "transfer" or "cash"
    kind: str  # cash: sale / payout / float; links and transfers: the source again
    at: datetime
    till: str
    cashier: str  # the name when known, else the cashier_id, else ""
    ref: str
    method: str
    description: str
    amount: int
    currency: str


_CASHIER = "coalesce(c.name, x.cashier_id, '')"

_LINKS = f"""
SELECT 'link', 'link', x.created_at, coalesce(x.till, ''), {_CASHIER}, x.transaction_id,
       coalesce(x.payment_method, ''), x.description, x.amount, x.currency
FROM payment_links x LEFT JOIN cashiers c ON c.cashier_id = x.cashier_id
WHERE x.payment_status = 'ACCEPTED' AND x.anomaly IS NULL
  AND x.created_at >= ? AND x.created_at < ?"""

_TRANSFERS = f"""
SELECT 'transfer', 'transfer', x.created_at, coalesce(x.till, ''), {_CASHIER},
       x.client_transaction_id, coalesce(x.payment_method, ''),
       trim(coalesce(k.name || ' ' || k.surname, '') || ' +' || x.prefix || ' ' || x.phone),
       x.amount, 'XOF'
FROM transfers x LEFT JOIN cashiers c ON c.cashier_id = x.cashier_id
     LEFT JOIN contacts k ON k.prefix = x.prefix AND k.phone = x.phone
WHERE x.state = 'final' AND x.treatment_status = 'VAL'
  AND x.created_at >= ? AND x.created_at < ?"""

_CASH = f"""
SELECT 'cash', x.kind, x.created_at, x.till, {_CASHIER}, x.movement_id, '', x.description,
       x.amount, x.currency
FROM cash_movements x LEFT JOIN cashiers c ON c.cashier_id = x.cashier_id
WHERE x.created_at >= ? AND x.created_at < ?"""


def money_rows(db: Database, start: datetime, end: datetime,
               till: str | None = None) -> list[MoneyRow]:
    """Paid links (ACCEPTED, no anomaly), transfers CinetPay completed (final VAL) and cash
    movements of ``[start, end)``, oldest first; ``till``: only that till's."""
    bounds = [to_iso(start), to_iso(end)]
    found: list[MoneyRow] = []
    for sql in (_LINKS, _TRANSFERS, _CASH):
        params = list(bounds)
        if till is not None:
            sql += " AND x.till = ?"
            params.append(till)
        sql += " ORDER BY x.created_at, x.id"
        found += [MoneyRow(r[0], r[1], from_iso(r[2]), r[3], r[4], r[5], r[6], r[7] or "",
                           int(r[8]), r[9]) for r in db.query_tuples(sql, params)]
    return sorted(found, key=lambda r: r.at)  # stable: ties keep the journal's order
