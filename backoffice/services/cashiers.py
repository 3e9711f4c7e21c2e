"""Cashiers and roles: who is at the till, and what they may do.

* A shop without cashiers works as before: every action is allowed (money-out still asks the
  code gérant when one is set, backoffice/pin.py).
* Once cashiers exist, ``ctx.cashier`` (signed in with a PIN) must be allowed the action:
  a **cashier** collects, records cash and closes their own shift; a **manager** does
  everything (transfers, contacts, Réglages, closing the till, reopening a day, cashiers).
* The first cashier added is a manager. On a shop with a code gérant, adding it needs that code,
  and it becomes the manager "Gérant" first (same keyring entry: changing the code gérant changes
  Gérant's PIN); the cashier asked for is then added next to it.
* PIN verifiers live in the OS keyring (one entry per cashier, PinGuard.for_cashier), never in
  the journal. Keyring calls and scrypt are slow: they run off the event loop.
"""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import secrets
from collections.abc import Callable
from pathlib import Path

from ..pin import PIN_MAX, PIN_MIN, PinError, PinGuard, PinState, valid_new_pin
from ..store import cashiers as store
from ..store.cashiers import ROLES, CashierRow
from ..store.errors import AlreadyExists
from .context import Cashier, ServiceContext

ACTIONS = ("collect", "cash", "close_shift", "transfer", "contacts", "settings", "close_till",
           "reopen_day", "cashiers")
CASHIER_ACTIONS = frozenset({"collect", "cash", "close_shift"})
# The first manager made from the code gérant shares its keyring entry (see module doc).
MANAGER_CODE_PREFIX = "GERANT-"
FIRST_MANAGER_NAME = "Gérant"

_WHAT = {  # action: (fr, en) — "… demande un gérant"
    "collect": ("encaisser", "collecting"),
    "cash": ("les espèces", "cash"),
    "close_shift": ("clôturer sa session", "closing a shift"),
    "transfer": ("les transferts", "transfers"),
    "contacts": ("les contacts", "contacts"),
    "settings": ("les réglages", "settings"),
    "close_till": ("la clôture de caisse", "closing the till"),
    "reopen_day": ("rouvrir une journée", "reopening a day"),
    "cashiers": ("la gestion des caissiers", "managing cashiers"),
}


def allowed(role: str | None, action: str) -> bool:
    """Whether ``role`` may do ``action`` (unknown actions: manager only)."""
    if role == "manager":
        return True
    return role == "cashier" and action in CASHIER_ACTIONS


class RoleError(Exception):
    """Refused by role: ``reason`` "nobody" (nobody signed in), "forbidden" (a cashier),
    "unknown" (no such cashier), "invalid" (a bad name/role/PIN), "first" (first must be a
    manager)."""

    def __init__(self, reason: str, fr: str, en: str) -> None:
        super().__init__(en)
        self.reason, self.fr, self.en = reason, fr, en

    def human(self, lang: str = "fr") -> str:
        return self.en if lang.startswith("en") else self.fr


def refusal(action: str, who: Cashier | None) -> RoleError:
    fr_what, en_what = _WHAT.get(action, (action, action))
    if who is None:
        return RoleError("nobody", f"Personne n'est à la caisse : identifiez-vous (F9) pour "
                         f"{fr_what}.", f"Nobody is at the till: sign in (F9) for {en_what}.")
    return RoleError("forbidden", f"{who.name} est caissier : {fr_what} demande un gérant.",
                     f"{who.name} is a cashier: {en_what} needs a manager.")


def wrong_pin(wait: int = 0) -> PinError:
    """A cashier's name or PIN refused (never says which one was wrong)."""
    if wait:
        return PinError("locked", f"Trop de codes erronés : réessayez dans {wait} s.",
                        f"Too many wrong codes: try again in {wait} s.", wait)
    return PinError("wrong", "Nom ou code incorrect.", "Wrong name or code.")


async def require(ctx: ServiceContext, action: str) -> None:
    """Raise :class:`RoleError` unless ``ctx.cashier`` may do ``action`` (a shop without
    cashiers: always allowed). The services call it before journaling what needs a role."""
    if await ctx.db.run(store.count_active) == 0:
        return
    who = ctx.cashier
    if who is None or not allowed(who.role, action):
        raise refusal(action, who)


def stamp(ctx: ServiceContext) -> dict[str, str | None]:
    """What every journaled operation records: this till and who is at it."""
    return {"till": ctx.till, "cashier_id": ctx.cashier.cashier_id if ctx.cashier else None}


class CashiersService:
    """``core.cashiers``. ``pins``: the front-end's manager-code guard (the GUI's training one
    lives in memory); by default the keyring's for the journal's data directory."""

    def __init__(self, ctx: ServiceContext, data_dir: Path | None = None) -> None:
        self.ctx = ctx
        self._data_dir = data_dir
        self._pins: Callable[[], PinGuard] | None = None
        self._default: PinGuard | None = None
        self.exist = False  # cached: whether any cashier is active (refresh())

    # --- the PIN guards ------------------------------------------------------------------

    def use_pins(self, provider: Callable[[], PinGuard]) -> None:
        self._pins = provider

    @property
    def pins(self) -> PinGuard:
        if self._pins is not None:
            return self._pins()
        if self._default is None:
            self._default = PinGuard(self._data_dir or Path(self.ctx.db.db.path).parent)
        return self._default

    def guard_of(self, cashier_id: str) -> PinGuard:
        if cashier_id.startswith(MANAGER_CODE_PREFIX):
            return self.pins  # the code gérant itself
        return self.pins.for_cashier(cashier_id)

    def money_out_guard(self) -> PinGuard:
        """The code that confirms money going out: the signed-in manager's own when cashiers
        exist (who is at the till proves it is still them), else the code gérant."""
        who = self.ctx.cashier
        if self.exist and who is not None and who.role == "manager":
            return self.guard_of(who.cashier_id)
        return self.pins

    # --- reads ---------------------------------------------------------------------------

    async def refresh(self) -> bool:
        self.exist = await self.ctx.db.run(store.count_active) > 0
        return self.exist

    async def list(self, include_removed: bool = False) -> list[CashierRow]:
        rows = await self.ctx.db.run(store.list_cashiers, include_removed)
        self.exist = any(r.active for r in rows)
        return rows

    async def find(self, name: str) -> CashierRow | None:
        return await self.ctx.db.run(store.find_active, name)

    # --- roles ---------------------------------------------------------------------------

    def may(self, action: str) -> bool:
        """From the cache (the GUI's tabs): no cashiers, or ctx.cashier allowed."""
        return not self.exist or (self.ctx.cashier is not None
                                  and allowed(self.ctx.cashier.role, action))

    async def require(self, action: str) -> None:
        """Raise :class:`RoleError` unless whoever is at the till may do ``action``."""
        await self.refresh()
        await require(self.ctx, action)

    # --- who is at the till -------------------------------------------------------------

    async def verify(self, name: str, pin: str) -> Cashier:
        """The active cashier ``name`` if ``pin`` is theirs; else :class:`PinError`."""
        row = await self.find(name)
        if row is None:
            raise wrong_pin()
        guard = self.guard_of(row.cashier_id)
        result = await asyncio.to_thread(guard.check, pin)
        if result.reason == "none":  # a code gérant reset (pin reset): Gérant waits for a new one
            raise PinError("unreadable", "Le code de ce gérant a été réinitialisé : définissez "
                           "un nouveau code gérant (Réglages, ou comptoir-cli pin set).",
                           "This manager's code was reset: set a new manager code (Settings, "
                           "or comptoir-cli pin set).")
        if not result.ok:
            if result.reason == "unreadable":
                raise result.error()
            raise wrong_pin(result.wait if result.reason == "locked" else 0)
        return Cashier(row.cashier_id, row.name, row.role)

    async def sign_in(self, name: str, pin: str) -> Cashier:
        who = await self.verify(name, pin)
        self.ctx.cashier = who
        return who

    def sign_out(self) -> None:
        self.ctx.cashier = None

    # --- add / remove --------------------------------------------------------------------

    async def add(self, name: str, role: str, pin: str,
                  manager_code: str | None = None) -> builtins.list[CashierRow]:
        """Add a cashier (a manager at the till, or the first one: see the module doc).
        Returns what was added (Gérant first when the code gérant became a manager)."""
        name = " ".join(name.split())
        if not name or role not in ROLES:
            raise RoleError("invalid", "Nom vide ou rôle inconnu (caissier ou gérant).",
                            "Empty name or unknown role (cashier or manager).")
        if not valid_new_pin(pin):
            raise PinError("invalid", f"Le code doit comporter {PIN_MIN} à {PIN_MAX} chiffres.",
                           f"The code must have {PIN_MIN} to {PIN_MAX} digits.")
        added: list[CashierRow] = []
        if await self.refresh():
            await self.require("cashiers")
        else:
            added = await self._first(role, manager_code)
        try:
            row = await self._create(name, role, lambda g: g.define(pin))
        except AlreadyExists:
            for early in added:  # nothing half-done: the first manager goes too
                await self.ctx.db.run(store.remove_cashier, early.cashier_id)
            await self.refresh()
            raise RoleError("invalid", f"Un caissier s'appelle déjà « {name} ».",
                            f"A cashier is already called “{name}”.") from None
        await self.refresh()
        return [*added, row]

    async def _first(self, role: str, manager_code: str | None
                     ) -> builtins.list[CashierRow]:
        """No cashier yet: the code gérant (if any) proves a manager and becomes one."""
        state = await asyncio.to_thread(self.pins.state)
        if state is PinState.NONE:
            if role != "manager":
                raise RoleError("first", "Le premier caissier doit être un gérant.",
                                "The first cashier must be a manager.")
            return []
        await asyncio.to_thread(self.pins.require, manager_code or None)
        cashier_id = MANAGER_CODE_PREFIX + secrets.token_hex(4).upper()
        return [await self._create(FIRST_MANAGER_NAME, "manager", None, cashier_id)]

    async def _create(self, name: str, role: str, write: Callable[[PinGuard], None] | None,
                      cashier_id: str | None = None) -> CashierRow:
        cashier_id = cashier_id or "CSH" + secrets.token_hex(6).upper()
        row = await self.ctx.db.run(store.add_cashier, cashier_id, name, role)
        if write is not None:
            try:
                await asyncio.to_thread(write, self.guard_of(cashier_id))
            except BaseException:  # no PIN stored: the cashier must not exist
                await self.ctx.db.run(store.remove_cashier, cashier_id)
                raise
        return row

    async def remove(self, name: str) -> CashierRow:
        """Soft-remove (past operations keep the name); a manager only; never the last manager
        while other cashiers remain."""
        await self.require("cashiers")
        row = await self.find(name)
        if row is None:
            raise RoleError("unknown", f"Aucun caissier « {name} ».", f"No cashier “{name}”.")
        if row.role == "manager":
            managers = await self.ctx.db.run(store.count_active, "manager")
            others = await self.ctx.db.run(store.count_active)
            if managers == 1 and others > 1:
                raise RoleError("invalid", "C'est le dernier gérant : retirez d'abord les "
                                "caissiers, ou ajoutez un autre gérant.",
                                "This is the last manager: remove the cashiers first, or add "
                                "another manager.")
        done = await self.ctx.db.run(store.remove_cashier, row.cashier_id)
        if not row.cashier_id.startswith(MANAGER_CODE_PREFIX):
            await asyncio.to_thread(self._forget, row.cashier_id)
        if self.ctx.cashier and self.ctx.cashier.cashier_id == row.cashier_id:
            self.ctx.cashier = None
        await self.refresh()
        return done or row

    def _forget(self, cashier_id: str) -> None:
        # The row is removed: a leftover verifier can no longer sign anyone in.
        with contextlib.suppress(PinError):
            self.guard_of(cashier_id)._erase()
