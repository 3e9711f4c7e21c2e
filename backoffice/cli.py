"""``comptoir-cli``: Comptoir without a window.

Exit code 0 on success, non-zero with a message on stderr otherwise; ``--json`` (before or
after the subcommand) for machines.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .api import (
    CinetPayClient,
    CinetPayError,
    Contact,
    Credentials,
    Endpoints,
    PaymentRequest,
    TransferOrder,
)
from .output.money import format_amount


def _lang() -> str:
    env = os.environ.get("COMPTOIR_LANG") or os.environ.get("LANG", "fr")
    return "en" if env.lower().startswith("en") else "fr"


def t(fr: str, en: str) -> str:
    return en if _lang() == "en" else fr


def fmt_amount(value: int | Decimal, currency: str = "XOF") -> str:
    return format_amount(value, currency, _lang())


# --- simulator ---------------------------------------------------------------------------


def cmd_simulator(args: argparse.Namespace) -> int:
    from .simulator import serve_forever

    serve_forever(args.host, args.port, seed_demo=not args.empty)
    return 0


# --- demo --------------------------------------------------------------------------------


async def run_demo(base_url: str, sim: Any, emit: Any) -> dict[str, Any]:
    """A tour of every API family against the simulator; returns what it saw."""
    from .simulator import DEMO_CREDENTIALS

    creds = Credentials(DEMO_CREDENTIALS["apikey"], DEMO_CREDENTIALS["site_id"],
                        DEMO_CREDENTIALS["transfer_password"])
    seen: dict[str, Any] = {}
    async with CinetPayClient(creds, Endpoints.single(base_url), lang=_lang()) as api:
        status = await api.legacy.account_status()
        emit(t("Solde du compte", "Account balance"), fmt_amount(status.account.solde))
        emit(t("Solde du service", "Service balance"), fmt_amount(status.service.solde))
        transfer_balance = await api.transfer.balance()
        emit(t("Solde transfert disponible", "Transfer balance available"),
             fmt_amount(transfer_balance.available))
        history = await api.legacy.history()
        emit(t("Transactions dans l'historique", "Transactions in history"), len(history))
        seen["history"] = len(history)

        tx_id = f"DEMO-{uuid.uuid4().hex[:10].upper()}"
        link = await api.checkout.init_payment(PaymentRequest(
            transaction_id=tx_id, amount=17500, currency="XOF", description="Vente comptoir",
            notify_url="https://comptoir.example/notify",
            return_url="https://comptoir.example/return", lang=_lang()))
        emit(t("Lien de paiement", "Payment link"), link.payment_url)
        check = await api.checkout.check_payment(tx_id)
        emit(t("Statut", "Status"), f"{check.status} ({check.message})")
        sim.settle(tx_id, outcome="ACCEPTED", payment_method="OM", phone_number="0701020304")
        check = await api.checkout.check_payment(tx_id)
        emit(t("Statut après paiement du client", "Status after the customer paid"),
             f"{check.status} — {check.payment_method} {check.phone_number}")
        seen["payment"] = str(check.status)

        contact = Contact(prefix="225", phone="0709080706", name="Kouassi", surname="Marie")
        [added] = await api.transfer.add_contacts([contact])
        emit(t("Contact ajouté", "Contact added"), f"{contact.surname} {contact.name} "
             f"(+{contact.prefix} {contact.phone}) → {added.status or added.message}")
        order = TransferOrder("225", "0709080706", 5000, f"DEMO-{uuid.uuid4().hex[:10]}")
        [sent] = await api.transfer.send_money([order])
        emit(t("Transfert envoyé", "Transfer sent"), f"{fmt_amount(5000)} → "
             f"{sent.transaction_id} ({sent.treatment_status})")
        sim.advance(120)
        [info] = await api.transfer.check_transfer(
            client_transaction_id=order.client_transaction_id)
        emit(t("Transfert deux minutes plus tard", "Transfer two minutes later"),
             str(info.treatment_status))
        seen["transfer"] = str(info.treatment_status)
    return seen


def cmd_demo(args: argparse.Namespace) -> int:
    from .simulator import Simulator

    results: dict[str, Any] = {}

    def emit(label: str, value: object) -> None:
        results[label] = value
        if not args.json:
            print(f"  {label:<38} {value}", flush=True)

    with Simulator(seed_demo=True) as sim:
        if not args.json:
            print(t("Comptoir — démonstration en mode FORMATION sur le simulateur",
                    "Comptoir — TRAINING mode demo on the simulator"), sim.base_url, flush=True)
        seen = asyncio.run(run_demo(sim.base_url, sim, emit))
        if args.json:
            print(json.dumps({"base_url": sim.base_url, **seen}))
        if args.keep:
            print(t("Simulateur toujours actif (Ctrl+C pour quitter) :",
                    "Simulator still running (Ctrl+C to quit):"), sim.base_url, flush=True)
            try:
                import threading

                threading.Event().wait()
            except KeyboardInterrupt:
                pass
    return 0


# --- entry point -------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="machine-readable output")
    parser = argparse.ArgumentParser(prog="comptoir-cli", parents=[common],
                                     description="Comptoir, back-office CinetPay")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("simulator", parents=[common],
                       help=t("lancer le simulateur CinetPay", "run the CinetPay simulator"))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--empty", action="store_true", help="no demo data")
    p.set_defaults(func=cmd_simulator)

    p = sub.add_parser("demo", parents=[common],
                       help=t("démonstration sur le simulateur", "demo on the simulator"))
    p.add_argument("--keep", action="store_true",
                   help=t("garder le simulateur actif", "keep the simulator running"))
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.json = getattr(args, "json", False)
    try:
        return int(args.func(args) or 0)
    except CinetPayError as exc:
        print(exc.human(_lang()), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
