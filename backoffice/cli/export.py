"""``export --from JJ-MM-AAAA --to JJ-MM-AAAA (--csv FILE | --xlsx FILE)``: the accountant's
file of a period (days in the shop's time zone), one line per movement of money with its
SYSCOHADA accounts (``accounting.json`` in the data directory, written on first use). Local:
nothing is sent; the file is written with the user's umask, like every export."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..output.accounting import write_csv, write_xlsx
from ..services.accounting import days_period
from ..services.core import Comptoir
from .cash import Journal, shop_timezone, today
from .common import Outcome, bad_input, labelled, lang, t
from .reads import parse_day


def check_target(path: str, suffix: str) -> Path:
    """Refuse a missing folder or a wrong extension before anything is read."""
    target = Path(path)
    if target.suffix.lower() != suffix:
        raise bad_input(suffix[1:], f"Le fichier doit finir par {suffix}",
                        f"The file must end in {suffix}")
    if not target.parent.resolve().is_dir():
        raise bad_input(suffix[1:], f"Dossier introuvable : {target.parent}",
                        f"Folder not found: {target.parent}")
    return target


async def export(core: Comptoir, args: argparse.Namespace) -> Outcome:
    zone = shop_timezone()
    first = parse_day(args.date_from, "from") or today(zone)
    last = parse_day(args.date_to, "to") or first
    if last < first:
        raise bad_input("to", "La date de fin précède la date de début",
                        "The end date is before the start date")
    kind, target = ("csv", check_target(args.csv, ".csv")) if args.csv else \
        ("xlsx", check_target(args.xlsx, ".xlsx"))
    mapping = await core.accounting.mapping()
    rows = await core.accounting.movements(*days_period(first, last, zone), till=args.till)
    writer = write_csv if kind == "csv" else write_xlsx
    count = writer(rows, target, mapping, tz=zone, lang=lang())
    period = (t(f"du {first:%d/%m/%Y}", f"for {first:%d/%m/%Y}") if first == last else
              t(f"du {first:%d/%m/%Y} au {last:%d/%m/%Y}",
                f"from {first:%d/%m/%Y} to {last:%d/%m/%Y}"))
    data: dict[str, Any] = {"file": target, "format": kind, "count": count,
                            "from": first, "to": last, "till": args.till,
                            "mapping": core.accounting.mapping_path}
    text = [labelled("Export comptable", "Accounting export",
                     t(f"{count} ligne(s) {period} → {target}",
                       f"{count} line(s) {period} → {target}")),
            labelled("Plan de comptes", "Chart of accounts", core.accounting.mapping_path)]
    return Outcome(data, text)


def register(b: Any, sub: argparse._SubParsersAction, journal: Journal) -> None:
    p = b.leaf(sub, "export", t("export comptable d'une période (CSV ou XLSX, comptes "
                                "SYSCOHADA)", "accounting export of a period (CSV or XLSX, "
                                "SYSCOHADA accounts)"), journal(export, online=False))
    p.add_argument("--from", dest="date_from", metavar="JJ-MM-AAAA",
                   help=t("premier jour (défaut : aujourd'hui)", "first day (default: today)"))
    p.add_argument("--to", dest="date_to", metavar="JJ-MM-AAAA",
                   help=t("dernier jour (défaut : --from)", "last day (default: --from)"))
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--csv", metavar="FILE.csv")
    target.add_argument("--xlsx", metavar="FILE.xlsx")
    p.add_argument("--till", metavar="CODE", help=t("une seule caisse", "one till only"))
