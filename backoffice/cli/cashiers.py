"""``cashier add | list | remove``: the shop's named cashiers (services/cashiers.py).

Adding or removing needs a manager once cashiers exist (COMPTOIR_CASHIER=<manager> and their
code, cli/actor.py). The first cashier is a manager; on a shop with a code gérant, that code is
asked and becomes the manager "Gérant". A new cashier's PIN: a hidden prompt typed twice, or a
line of ``--pin-stdin`` (after the acting manager's code, or the code gérant)."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from ..pin import PinState
from ..services.core import Comptoir
from ..store.cashiers import CashierRow
from .actor import act_as
from .common import CliError, Exit, Outcome, fmt_when, t
from .pin import reader

ROLE_WORDS = {"cashier": ("caissier", "cashier"), "manager": ("gérant", "manager")}


def _json(row: CashierRow) -> dict[str, Any]:
    return {"cashier_id": row.cashier_id, "name": row.name, "role": row.role,
            "created_at": row.created_at, "removed_at": row.removed_at}


def _line(row: CashierRow) -> str:
    role = t(*ROLE_WORDS[row.role])
    gone = t(f" — retiré le {fmt_when(row.removed_at)}", f" — removed {fmt_when(row.removed_at)}") \
        if row.removed_at else ""
    return f"{row.name} ({role}){gone}"


async def add(core: Comptoir, args: argparse.Namespace) -> Outcome:
    manager_code = None
    if await core.cashiers.refresh():
        await act_as(core, args, "cashiers")
    elif await asyncio.to_thread(core.cashiers.pins.state) is not PinState.NONE:
        manager_code = reader(args)("Code gérant : ", "Manager code: ")
        if manager_code is None:
            raise _no_terminal()
    pin = _new_pin(args, args.name)
    rows = await core.cashiers.add(args.name, args.role, pin, manager_code)
    return Outcome({"added": [_json(r) for r in rows]},
                   [t(f"Ajouté : {_line(r)}", f"Added: {_line(r)}") for r in rows])


def _new_pin(args: argparse.Namespace, name: str) -> str:
    read = reader(args)
    new = read(f"Code de {name} (4 à 8 chiffres) : ", f"{name}'s code (4 to 8 digits): ")
    if new is None:
        raise _no_terminal()
    if not args.pin_stdin:  # typed blind at a prompt: twice
        again = read(f"Code de {name}, encore : ", f"{name}'s code, again: ")
        if again != new:
            raise CliError(Exit.USAGE, "Les deux saisies du code diffèrent",
                           "The two entries of the code differ")
    return new


def _no_terminal() -> CliError:
    return CliError(Exit.CREDENTIALS,
                    "Code requis : aucun terminal pour le demander. Fournissez-le sur l'entrée "
                    "standard avec --pin-stdin (une ligne par code). Rien n'a été fait.",
                    "Code required: no terminal to ask for it. Give it on standard input "
                    "with --pin-stdin (one line per code). Nothing was done.")


async def list_cashiers(core: Comptoir, args: argparse.Namespace) -> Outcome:
    rows = await core.cashiers.list(include_removed=args.all)
    lines = [_line(r) for r in rows] or [t(
        "Aucun caissier : le poste fonctionne sans identification (comptoir-cli cashier add).",
        "No cashier: the till works without signing in (comptoir-cli cashier add).")]
    return Outcome({"cashiers": [_json(r) for r in rows]}, lines)


async def remove(core: Comptoir, args: argparse.Namespace) -> Outcome:
    await act_as(core, args, "cashiers")
    row = await core.cashiers.remove(args.name)
    return Outcome({"removed": _json(row)}, [t(f"Retiré : {_line(row)}",
                                                f"Removed: {_line(row)}")])
