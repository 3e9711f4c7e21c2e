"""Who acts in a headless run: ``COMPTOIR_CASHIER=<name>`` and that cashier's PIN.

* No cashier defined: the shop of one works as before (nobody is named; money-out still asks
  the code gérant, cli/pin.require_pin). Naming a cashier then is refused: nobody could
  check it.
* Cashiers defined: every command that acts (``act_as``) needs COMPTOIR_CASHIER and that
  cashier's own PIN (hidden prompt, or a line of ``--pin-stdin``): a name alone is never
  enough, for a cashier as for a manager. The role must allow the action (exit 3 otherwise).
* A manager who proved their PIN here is not asked the code gérant again in the same run.

Commands call ``await act_as(core, args, "cash")`` first thing, before anything is journaled.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Awaitable, Callable

from ..services.cashiers import RoleError
from ..services.context import Cashier
from ..services.core import Comptoir
from .common import CliError, Exit, Outcome
from .pin import reader

VARIABLE = "COMPTOIR_CASHIER"


async def act_as(core: Comptoir, args: argparse.Namespace, action: str) -> Cashier | None:
    """Sign the run's cashier in (``core.context.cashier``) and check ``action``'s role;
    returns who acts (None: a shop without cashiers)."""
    name = os.environ.get(VARIABLE, "").strip()
    if not await core.cashiers.refresh():
        if name:
            raise CliError(Exit.USAGE,
                           f"{VARIABLE}={name} : aucun caissier n'est défini sur ce poste "
                           "(comptoir-cli cashier add). Rien n'a été fait.",
                           f"{VARIABLE}={name}: no cashier is defined here "
                           "(comptoir-cli cashier add). Nothing was done.")
        return None
    current = core.context.cashier
    if current is not None and current.name.casefold() == name.casefold():
        await core.cashiers.require(action)  # already signed in by this run
        return current
    if not name:
        raise RoleError("nobody",
                        f"Des caissiers sont définis : indiquez qui agit avec {VARIABLE}=<nom> "
                        "(son code est demandé, ou lu avec --pin-stdin). Rien n'a été fait.",
                        f"Cashiers are defined: say who acts with {VARIABLE}=<name> (their "
                        "code is asked, or read with --pin-stdin). Nothing was done.")
    pin = reader(args)(f"Code de {name} : ", f"{name}'s code: ")
    if pin is None:
        raise CliError(Exit.CREDENTIALS,
                       f"Code de {name} requis : aucun terminal pour le demander. Fournissez-le "
                       "sur l'entrée standard avec --pin-stdin. Rien n'a été fait.",
                       f"{name}'s code required: no terminal to ask for it. Give it on "
                       "standard input with --pin-stdin. Nothing was done.")
    who = await core.cashiers.sign_in(name, pin)
    await core.cashiers.require(action)
    if who.role == "manager":
        args.manager_proven = True  # cli/pin.require_pin: not asked twice
    return who


Handler = Callable[[Comptoir, argparse.Namespace], Awaitable[Outcome]]


def acting(handler: Handler, action: str) -> Handler:
    """``handler`` run by whoever acts, allowed ``action`` (parser.journal(..., action=…))."""
    async def run(core: Comptoir, args: argparse.Namespace) -> Outcome:
        await act_as(core, args, action)
        return await handler(core, args)
    return run
