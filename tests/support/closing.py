"""Helpers for the closing tests: the till runs on the simulator's clock (a fake clock that
moves only when the test advances the simulator), so the journal and CinetPay's history
agree on the day at any real date and hour."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from backoffice.services.context import Cashier
from backoffice.services.core import Comptoir
from backoffice.simulator import Simulator
from backoffice.store.links import LinkRow

SHOP_ZONE = "Africa/Abidjan"


def sim_now(sim: Simulator) -> datetime:
    return datetime.fromtimestamp(sim.state.now(), UTC)


def on_sim_clock(core: Comptoir, sim: Simulator) -> None:
    core.clock.source = lambda: sim_now(sim)


def away_from_midnight(sim: Simulator, zone: str = SHOP_ZONE) -> date:
    """Move the simulator (and the till) past the next midnight when it is within 20
    minutes; returns the shop day it is now."""
    local = sim_now(sim).astimezone(ZoneInfo(zone))
    midnight = datetime.combine(local.date() + timedelta(days=1), time(), ZoneInfo(zone))
    if midnight - local < timedelta(minutes=20):
        sim.advance((midnight - local).total_seconds() + 60)
    return sim_now(sim).astimezone(ZoneInfo(zone)).date()


def advance_to_local(sim: Simulator, zone: str, at: time) -> date:
    """Advance the simulator to the next ``at`` (local time in ``zone``) at least an hour
    away; returns that local day."""
    tz = ZoneInfo(zone)
    local = sim_now(sim).astimezone(tz)
    target = datetime.combine(local.date(), at, tz)
    while target - local < timedelta(hours=1):
        target += timedelta(days=1)
    sim.advance((target - local).total_seconds())
    return target.date()


async def paid_link(core: Comptoir, sim: Simulator, amount: int, method: str = "OM",
                    *, checked: bool = True) -> LinkRow:
    """A link paid by its customer; ``checked``: the till has learned it (PAYÉ)."""
    row = await core.links.create(amount, "Vente test")
    sim.settle(row.transaction_id, "ACCEPTED", payment_method=method)
    if checked:
        row = await core.links.refresh(row.transaction_id)
    return row


def outside_id() -> str:
    return f"WEB{secrets.token_hex(4).upper()}"


async def add_cashier_row(core: Comptoir, name: str, role: str) -> Cashier:
    """A cashier in the journal (no PIN needed: the tests set who is at the till)."""
    cashier_id = f"C{secrets.token_hex(3).upper()}"

    def insert(db) -> None:
        with db.transaction() as conn:
            conn.execute("INSERT INTO cashiers (cashier_id, name, role, created_at)"
                         " VALUES (?, ?, ?, ?)", (cashier_id, name, role, db.now_iso()))

    await core.db.run(insert)
    return Cashier(cashier_id, name, role)


async def add_cash(core: Comptoir, kind: str, amount: int, cashier_id: str | None = None) -> None:
    """A cash movement of the drawer (table cash_movements)."""
    def insert(db) -> None:
        with db.transaction() as conn:
            conn.execute("INSERT INTO cash_movements (movement_id, created_at, kind, amount,"
                         " currency, description, till, cashier_id)"
                         " VALUES (?, ?, ?, ?, 'XOF', 'test', ?, ?)",
                         (f"CSH{secrets.token_hex(5)}", db.now_iso(), kind, amount,
                          core.context.till, cashier_id))

    await core.db.run(insert)


async def end_link(core: Comptoir, transaction_id: str, reason: str = "cancelled") -> None:
    """The till stops waiting for a link (what the cashier's cancel records)."""
    def update(db) -> None:
        with db.transaction() as conn:
            conn.execute("UPDATE payment_links SET ended_at = ?, end_reason = ?"
                         " WHERE transaction_id = ?", (db.now_iso(), reason, transaction_id))

    await core.db.run(update)
