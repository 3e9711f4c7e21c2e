"""``cash add | out | float | list``: the cash drawer (journaled only, never sent to CinetPay).
Who acts: once cashiers exist, COMPTOIR_CASHIER and that cashier's code (cli/actor.py,
action "cash"); a shop of one records as before."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import Any

from .. import config, preferences
from ..output.amounts import parse_amount
from ..services.accounting import days_period
from ..services.cash import CashRow, DrawerTotals
from ..services.core import Comptoir
from ..services.shop_time import shop_zone
from .common import Outcome, fmt_amount, labelled, lang, t
from .reads import parse_day

KIND_WORDS = {"sale": ("Vente espèces", "Cash sale"),
              "payout": ("Sortie d'espèces", "Cash paid out"),
              "float": ("Apport d'espèces", "Cash added")}


def shop_timezone() -> tzinfo | None:
    """The shop's zone (Réglages / settings.json), else None: the machine's."""
    return shop_zone(preferences.load(config.data_dir()).shop_timezone)


def today(zone: tzinfo | None) -> date:
    return datetime.now(zone).date() if zone else datetime.now().astimezone().date()


# --- recording -----------------------------------------------------------------------------


async def add(core: Comptoir, args: argparse.Namespace) -> Outcome:
    return await _record(core, "sale", args.amount, args.description or "")


async def pay_out(core: Comptoir, args: argparse.Namespace) -> Outcome:
    return await _record(core, "payout", args.amount, args.reason)


async def add_float(core: Comptoir, args: argparse.Namespace) -> Outcome:
    return await _record(core, "float", args.amount, args.reason)


async def _record(core: Comptoir, kind: str, amount_text: str, text: str) -> Outcome:
    amount = parse_amount(amount_text, core.currency, lang())
    row = await core.cash.record(kind, amount, text)
    fr, en = KIND_WORDS[kind]
    lines = [labelled(f"{fr} enregistrée", f"{en} recorded",
                      fmt_amount(row.amount, row.currency)),
             labelled("Identifiant", "Id", row.movement_id)]
    if row.description:
        lines.append(labelled("Motif" if kind != "sale" else "Description", "Description",
                              row.description))
    return Outcome(row_json(row), lines)


def row_json(row: CashRow) -> dict[str, Any]:
    return {"movement_id": row.movement_id, "created_at": row.created_at, "kind": row.kind,
            "amount": row.amount, "currency": row.currency, "description": row.description,
            "till": row.till, "cashier_id": row.cashier_id}


# --- listing -------------------------------------------------------------------------------


async def list_day(core: Comptoir, args: argparse.Namespace) -> Outcome:
    zone = shop_timezone()
    day = parse_day(args.date, "date") or today(zone)
    start, end = days_period(day, day, zone)
    rows = await core.cash.movements(start, end, till=args.till)
    totals = await core.cash.totals(start, end, till=args.till)
    data = {"date": day, "start": start, "end": end, "till": args.till,
            "movements": [row_json(r) for r in rows], "totals": totals_json(totals)}
    shown = day.strftime("%d-%m-%Y")
    text = [t(f"Espèces du {shown} : {len(rows)} mouvement(s)",
              f"Cash of {shown}: {len(rows)} movement(s)")]
    text += [_line(r, zone) for r in rows]
    text += _totals_lines(totals)
    return Outcome(data, text)


def totals_json(totals: DrawerTotals) -> dict[str, Any]:
    return {"currency": totals.currency, "sales": totals.sales, "payouts": totals.payouts,
            "floats": totals.floats, "expected": totals.expected, "count": totals.count}


def _line(row: CashRow, zone: tzinfo | None) -> str:
    when = row.created_at.astimezone(zone) if zone else row.created_at.astimezone()
    kind = t(*KIND_WORDS[row.kind])
    sign = "-" if row.kind == "payout" else "+"
    amount = sign + fmt_amount(row.amount, row.currency)
    return f"{when:%H:%M}  {row.movement_id}  {kind:<17} {amount:>17}  {row.description}".rstrip()


def _totals_lines(totals: DrawerTotals) -> list[str]:
    def money(value: int) -> str:
        return fmt_amount(value, totals.currency)
    return [labelled("Ventes espèces", "Cash sales", money(totals.sales)),
            labelled("Sorties", "Paid out", money(totals.payouts)),
            labelled("Apports", "Added", money(totals.floats)),
            labelled("Espèces attendues en caisse", "Expected cash in the drawer",
                     money(totals.expected))]


# --- grammar (cli/parser.py calls register) ------------------------------------------------

Journal = Callable[..., Callable[[argparse.Namespace], int]]


def register(b: Any, sub: argparse._SubParsersAction, journal: Journal) -> None:
    """``cash add | out | float | list``. ``journal``: parser.journal (the three that record
    are acted by whoever is at the till, action "cash"); all are local (nothing is sent)."""
    actions = b.group(sub, "cash", t("espèces (tiroir-caisse)", "cash (the drawer)"))
    for name, handler, fr, en, reason in (
            ("add", add, "enregistrer une vente en espèces", "record a cash sale", False),
            ("out", pay_out, "sortir des espèces de la caisse (motif obligatoire)",
             "pay cash out of the drawer (reason required)", True),
            ("float", add_float, "ajouter des espèces dans la caisse (fond de caisse, motif "
             "obligatoire)", "add cash to the drawer (float, reason required)", True)):
        p = b.leaf(actions, name, t(fr, en), journal(handler, online=False, action="cash"))
        p.add_argument("--amount", required=True, metavar="N")
        if reason:
            p.add_argument("--reason", required=True, metavar="TEXT")
        else:
            p.add_argument("--description", metavar="TEXT")
        p.add_argument("--pin-stdin", action="store_true",
                       help=t("lire le code du caissier sur l'entrée standard",
                              "read the cashier's code from standard input"))
    p = b.leaf(actions, "list", t("mouvements d'espèces d'un jour et espèces attendues",
                                  "a day's cash movements and the expected cash"),
               journal(list_day, online=False))
    p.add_argument("--date", metavar="JJ-MM-AAAA",
                   help=t("jour de la boutique (défaut : aujourd'hui)",
                          "the shop's day (default: today)"))
    p.add_argument("--till", metavar="CODE", help=t("une seule caisse", "one till only"))
