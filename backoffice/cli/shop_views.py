"""``--all-tills`` for ``link list``, ``transfer list``, ``history`` and ``close-day``: every
till's operations from the shop database (issue 16), with the till and the cashier on each.

Reading only: nothing is sent to CinetPay and nothing is written for another till.
``close-day --all-tills`` is the shop's day per till and for the whole shop (each till's own
``close-day`` still records its closing). This till's journal is copied first (composition
runs a replication cycle when the command opens the journal), so its latest operations show.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from .. import preferences
from ..services.closing import period_of
from ..services.core import Comptoir
from ..services.shop_time import shop_today
from .common import CliError, Exit, Outcome, fmt_amount, fmt_when, t
from .reads import parse_day
from .render import link_json, link_line, transfer_json, transfer_line

Handler = Callable[[Comptoir, argparse.Namespace], Awaitable[Outcome]]
Journal = Callable[..., Callable[[argparse.Namespace], int]]
EXPORT_CAP = 200_000  # links read at most for a filtered or exported history
LEAVES = (("link", "list"), ("transfer", "list"), ("history",), ("close-day",))


def _view(core: Comptoir) -> Any:
    if core.shop_view is None:
        raise CliError(Exit.USAGE,
                       "--all-tills : aucune base boutique (COMPTOIR_SHOP_DB=postgresql://… "
                       "ou Réglages → Boutique).",
                       "--all-tills: no shop database (COMPTOIR_SHOP_DB=postgresql://… or "
                       "Settings → Shop).")
    return core.shop_view


async def _read(core: Comptoir, what: Callable[[Any], Awaitable[Any]]) -> Any:
    """``what(view)``; an unreachable server is exit 6 with its redacted address."""
    import psycopg

    view = _view(core)
    try:
        return await what(view)
    except psycopg.Error as exc:
        from ..shop.replicate import safe_error

        reason = safe_error(exc, view.shown)
        raise CliError(Exit.OFFLINE, f"Base boutique {view.shown} injoignable : {reason}",
                       f"Shop database {view.shown} unreachable: {reason}") from None


def _who(till: str, cashier: str) -> str:
    return f"{till:<10} {cashier or '—':<12} "


def _tagged(data: dict[str, Any], copy: Any) -> dict[str, Any]:
    return {**data, "till": copy.till, "cashier_id": copy.cashier_id, "cashier": copy.cashier}


def _today(core: Comptoir) -> tuple[datetime, datetime]:
    zone = _prefs(core).shop_timezone
    period = period_of(shop_today(core.context.now(), zone), zone)
    return period.start, period.end


def _prefs(core: Comptoir) -> preferences.Preferences:
    from pathlib import Path

    return preferences.load(Path(core.db.db.path).parent)


# --- the four reads -----------------------------------------------------------------------


async def links(core: Comptoir, args: argparse.Namespace) -> Outcome:
    since, until = _today(core) if args.today else (None, None)
    found = await _read(core, lambda v: v.links(None, since, until, args.limit))
    text = [_who(c.till, c.cashier) + link_line(c.row) for c in found] or [
        t("Aucun lien dans la base boutique.", "No link in the shop database.")]
    return Outcome([_tagged(link_json(c.row), c) for c in found], text)


async def transfers(core: Comptoir, args: argparse.Namespace) -> Outcome:
    found = await _read(core, lambda v: v.transfers(None, None, None, 1000))
    if args.batch:
        found = [c for c in found if c.row.batch_id == args.batch]
    text = [_who(c.till, c.cashier) + transfer_line(c.row) for c in found] or [
        t("Aucun transfert dans la base boutique.", "No transfer in the shop database.")]
    return Outcome([_tagged(transfer_json(c.row), c) for c in found], text)


async def history(core: Comptoir, args: argparse.Namespace) -> Outcome:
    """The journal part of the history: every till's links (CinetPay is not asked, so
    ``--offline`` changes nothing), with the same filters as ``history`` and ``--csv``."""
    zone = _prefs(core).shop_timezone
    first, last = parse_day(args.date_from, "from"), parse_day(args.date_to, "to")
    since = period_of(first, zone).start if first else None
    until = period_of(last, zone).end if last else None
    filtered = bool(args.csv or args.status or args.operator or args.phone or args.search)
    cap = EXPORT_CAP if filtered else args.limit  # filters and CSV see every row, not a page
    matched = [c for c in await _read(core, lambda v: v.links(None, since, until, cap))
               if _kept(c, args)]
    exported = _export(args.csv, matched) if args.csv else None
    found = matched[:args.limit]
    head = t("Liens de toutes les caisses (base boutique) :",
             "Links of every till (shop database):")
    text = [head, *(_who(c.till, c.cashier) + link_line(c.row) for c in found)]
    if not found:
        text.append(t("Aucun lien.", "No link."))
    if exported is not None:
        text.append(t(f"{exported} ligne(s) → {args.csv}", f"{exported} row(s) → {args.csv}"))
    return Outcome({"source": "shop", "rows": [_tagged(link_json(c.row), c) for c in found],
                    "csv": args.csv, "exported": exported}, text)


def _kept(copy: Any, args: argparse.Namespace) -> bool:
    """``--status`` (a waiting link counts as PENDING), ``--operator`` (the start of the
    payment method: OM matches OMCI), ``--phone`` (its digits), ``--search``."""
    from .reads import STATUS_ALIASES, split_upper

    row = copy.row
    statuses = split_upper(args.status, STATUS_ALIASES)
    if statuses and (row.payment_status or "PENDING").upper() not in statuses:
        return False
    operators = split_upper(args.operator)
    method = (row.payment_method or "").upper()
    if operators and not any(method.startswith(o) for o in operators):
        return False
    digits = "".join(ch for ch in args.phone or "" if ch.isdigit())
    if digits and digits not in "".join(ch for ch in row.phone or "" if ch.isdigit()):
        return False
    needle = (args.search or "").lower()
    return not needle or needle in (f"{row.transaction_id} {row.description} {row.phone or ''}"
                                    f" {copy.till} {copy.cashier}").lower()


def _export(path: str, found: list[Any]) -> int:
    from ..output.csvfiles import write_csv

    header = ("till", "cashier", "created_at", "transaction_id", "amount", "currency",
              "status", "payment_method", "phone", "description")
    return write_csv(path, header, ((c.till, c.cashier, fmt_when(c.row.created_at),
                                     c.row.transaction_id, c.row.amount, c.row.currency,
                                     c.row.payment_status or "PENDING",
                                     c.row.payment_method or "", c.row.phone or "",
                                     c.row.description) for c in found))


async def close_day(core: Comptoir, args: argparse.Namespace) -> Outcome:
    """The shop's day per till and for the whole shop; reads only, records nothing."""
    if args.cashier or args.counted_cash or args.pdf or args.csv or args.xlsx:
        raise CliError(Exit.USAGE,
                       "--all-tills lit la journée de toutes les caisses : sans --cashier, "
                       "--counted-cash, --pdf, --csv ni --xlsx (chaque caisse fait sa clôture).",
                       "--all-tills reads every till's day: without --cashier, "
                       "--counted-cash, --pdf, --csv or --xlsx (each till closes itself).")
    zone = _prefs(core).shop_timezone
    day = parse_day(args.date, "date") or shop_today(core.context.now(), zone)
    shop_day = await _read(core, lambda v: v.day(day, zone))
    text = [t(f"Journée du {day:%d-%m-%Y}, toutes les caisses (lecture seule) :",
              f"Day {day:%d-%m-%Y}, every till (read only):")]
    text += [_day_line(item) for item in shop_day.tills]
    if not shop_day.tills:
        text.append(t("Aucune opération ce jour-là.", "No operation that day."))
    text.append(_day_line(shop_day.total, t("BOUTIQUE", "SHOP")))
    return Outcome(shop_day.as_json(), text)


def _day_line(item: Any, name: str = "") -> str:
    cur = item.currency
    closing = (t(f"clôture v{item.closing_version}", f"closing v{item.closing_version}")
               + (t(" provisoire", " provisional") if item.closing_provisional else "")
               if item.closing_version else t("pas clôturée", "not closed"))
    if item.closing_version and item.counted_cash is not None:
        closing += t(f" (espèces comptées {fmt_amount(item.counted_cash, cur)}, attendues "
                     f"{fmt_amount(item.expected_cash or 0, cur)})",
                     f" (cash counted {fmt_amount(item.counted_cash, cur)}, expected "
                     f"{fmt_amount(item.expected_cash or 0, cur)})")
    if name:
        closing = ""
    return (f"{name or item.till:<10} "
            + t(f"payés {item.paid_count} = {fmt_amount(item.paid_amount, cur)}, "
                f"espèces {item.cash_count} = {fmt_amount(item.cash_amount, cur)}, "
                f"encaissé {fmt_amount(item.takings, cur)}, en attente {item.waiting_count}, "
                f"transferts {item.transfers_done} = {fmt_amount(item.transfers_amount, cur)}",
                f"paid {item.paid_count} = {fmt_amount(item.paid_amount, cur)}, "
                f"cash {item.cash_count} = {fmt_amount(item.cash_amount, cur)}, "
                f"taken {fmt_amount(item.takings, cur)}, waiting {item.waiting_count}, "
                f"transfers {item.transfers_done} = {fmt_amount(item.transfers_amount, cur)}")
            + (f", {closing}" if closing else "")
            + (t(f", vue {fmt_when(item.last_seen)}", f", seen {fmt_when(item.last_seen)}")
               if item.last_seen and not name else ""))


# --- grammar ------------------------------------------------------------------------------


HANDLERS: dict[tuple[str, ...], Handler] = {LEAVES[0]: links, LEAVES[1]: transfers,
                                            LEAVES[2]: history, LEAVES[3]: close_day}


def _leaf(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> argparse.ArgumentParser:
    for name in path:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[name]
    return parser


def register(parser: argparse.ArgumentParser, journal: Journal) -> None:
    """Add ``--all-tills`` to the four reads (cli/parser.py calls this last)."""
    for path, handler in HANDLERS.items():
        with contextlib.suppress(KeyError, StopIteration):  # a command not there: nothing
            leaf = _leaf(parser, path)
            leaf.add_argument("--all-tills", action="store_true",
                              help=t("toutes les caisses (base boutique, lecture seule)",
                                     "every till (shop database, read only)"))
            own = leaf.get_default("func")
            shop = journal(handler, online=False)
            leaf.set_defaults(func=_either(own, shop))


def _either(own: Callable[[argparse.Namespace], int],
            shop: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def command(args: argparse.Namespace) -> int:
        return shop(args) if getattr(args, "all_tills", False) else own(args)
    return command
