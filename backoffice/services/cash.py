"""The cash drawer: cash sales, cash paid out and cash added to the drawer (float). Journaled
only, never sent to CinetPay, so the closing covers the whole drawer. Each movement records
the till and the cashier; a movement is never edited (a mistake is corrected by an opposite
movement with a reason)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..api.errors import ValidationError
from ..api.validation import require_int_amount
from ..store import cash as store
from ..store.cash import CashRow
from .context import ServiceContext
from .events import CASH_CHANGED
from .ids import new_id

MAX_DESCRIPTION = 200
KINDS = store.KINDS

__all__ = ["CASH_CHANGED", "CashRefused", "CashRow", "CashService", "DrawerTotals"]


class CashRefused(ValidationError):
    """A cash movement refused before anything was written (``field`` names the input)."""


@dataclass(frozen=True)
class DrawerTotals:
    """One period's drawer in one currency: expected cash = floats + sales − payouts."""

    currency: str
    sales: int
    payouts: int
    floats: int
    count: int

    @property
    def expected(self) -> int:
        return self.floats + self.sales - self.payouts


def new_movement_id() -> str:
    """A fresh movement id ("CSH…"); a screen keeps it until the movement is journaled, so a
    second Enter or a retry cannot record the same sale twice."""
    return new_id("CSH")


class CashService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def currency(self) -> str:
        return self.ctx.settings.currency

    @property
    def till(self) -> str:
        """This till's code (recorded with every movement)."""
        return self.ctx.till

    # --- recording -------------------------------------------------------------------------

    async def sale(self, amount: int, description: str = "", *,
                   movement_id: str | None = None) -> CashRow:
        """A cash sale (description optional)."""
        return await self.record("sale", amount, description, movement_id=movement_id)

    async def payout(self, amount: int, reason: str, *,
                     movement_id: str | None = None) -> CashRow:
        """Cash taken out of the drawer (reason required)."""
        return await self.record("payout", amount, reason, movement_id=movement_id)

    async def add_float(self, amount: int, reason: str, *,
                        movement_id: str | None = None) -> CashRow:
        """Cash put into the drawer, e.g. the morning's change (reason required)."""
        return await self.record("float", amount, reason, movement_id=movement_id)

    async def record(self, kind: str, amount: int, description: str = "", *,
                     movement_id: str | None = None) -> CashRow:
        """Check, then journal one movement once (same ``movement_id``: same row back)."""
        text = check_movement(kind, amount, description)
        cashier = self.ctx.cashier
        row = await self.ctx.db.run(
            store.record_movement, movement_id or new_movement_id(), kind=kind, amount=amount,
            currency=self.currency, description=text, till=self.ctx.till,
            cashier_id=cashier.cashier_id if cashier else None)
        self.ctx.bus.emit(CASH_CHANGED, row)
        return row

    # --- reading ---------------------------------------------------------------------------

    async def movements(self, start: datetime, end: datetime, *, till: str | None = None,
                        cashier_id: str | None = None) -> list[CashRow]:
        """The movements of ``[start, end)`` (aware datetimes), oldest first."""
        _check_period(start, end)
        return await self.ctx.db.run(store.movements, start, end, till=till,
                                     cashier_id=cashier_id)

    async def totals(self, start: datetime, end: datetime, *, till: str | None = None,
                     cashier_id: str | None = None,
                     currency: str | None = None) -> DrawerTotals:
        """The drawer of ``[start, end)`` in ``currency`` (default: the shop's)."""
        _check_period(start, end)
        code = currency or self.currency
        sums = await self.ctx.db.run(store.sums, start, end, code, till=till,
                                     cashier_id=cashier_id)
        return DrawerTotals(code, sums.sales, sums.payouts, sums.floats, sums.count)


def check_movement(kind: str, amount: object, description: str) -> str:
    """The description to journal, or :class:`CashRefused` (fr/en) when the input is bad."""
    if kind not in KINDS:
        raise CashRefused("kind", f"Mouvement de caisse inconnu « {kind} »",
                          f"Unknown cash movement '{kind}'")
    try:
        require_int_amount(amount)
    except ValidationError as exc:
        raise CashRefused(exc.field, exc.fr, exc.en) from None
    text = " ".join((description or "").split())
    if kind != "sale" and not text:
        raise CashRefused("reason", "Indiquez le motif (obligatoire pour une sortie ou un "
                          "apport d'espèces)", "Give the reason (required to pay cash out or "
                          "add cash to the drawer)")
    if len(text) > MAX_DESCRIPTION:
        raise CashRefused("description", f"Texte trop long (au plus {MAX_DESCRIPTION} "
                          "caractères)", f"Text too long (at most {MAX_DESCRIPTION} characters)")
    return text


def _check_period(start: datetime, end: datetime) -> None:
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("period bounds must be aware datetimes")
