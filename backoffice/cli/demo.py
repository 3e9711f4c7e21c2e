"""``simulator`` and ``demo``: the CinetPay simulator, and a tour of every API family on it."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import uuid
from ipaddress import ip_address
from typing import Any

from ..api import (
    CinetPayClient,
    Contact,
    Credentials,
    Endpoints,
    PaymentRequest,
    TransferOrder,
)
from .common import CliError, Exit, fmt_amount, t
from .common import lang as _lang
from .render import PAYMENT_STATUS, TREATMENT_STATUS

# --- simulator ---------------------------------------------------------------------------


def is_loopback_host(host: str) -> bool:
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ip_address(name).is_loopback
    except ValueError:
        return False


def listening_address(host: str, port: int) -> str:
    """Where the server really listens: "0.0.0.0:8000" / "[::]:8000" for every interface."""
    shown = f"[{host}]" if ":" in host else host or "0.0.0.0"
    return f"{shown}:{port}"


def cmd_simulator(args: argparse.Namespace) -> int:
    """The training simulator: on this computer only, unless --allow-lan says otherwise (it
    then serves its demo credentials and its control API to the local network)."""
    from ..simulator import serve_forever

    host = args.host.strip()
    if not is_loopback_host(host) and not getattr(args, "allow_lan", False):
        raise CliError(
            Exit.USAGE,
            f"--host {host} : le simulateur de formation n'écoute que sur ce poste "
            "(127.0.0.1). Ajoutez --allow-lan pour l'ouvrir au réseau local.",
            f"--host {host}: the training simulator listens on this computer only "
            "(127.0.0.1). Add --allow-lan to open it to the local network.")

    def announce(sim: Any) -> None:
        # CinetPay's current platform (sk_test_ keys) is served on the same base URL.
        print(f"current-api: {sim.base_url}", flush=True)
        if not is_loopback_host(host):
            where = listening_address(sim.host, sim.port)
            print(t(f"ATTENTION : simulateur ouvert au réseau local, écoute sur {where}"
                    + (" (toutes les interfaces)" if sim.host in ("0.0.0.0", "::", "") else ""),
                    f"WARNING: simulator open to the local network, listening on {where}"
                    + (" (every interface)" if sim.host in ("0.0.0.0", "::", "") else "")),
                  file=sys.stderr, flush=True)

    serve_forever(host, args.port, seed_demo=not args.empty, on_start=announce)
    return 0


# --- demo --------------------------------------------------------------------------------


async def run_demo(base_url: str, sim: Any, emit: Any) -> dict[str, Any]:
    """A tour of every API family against the simulator; returns what it saw."""
    from ..simulator import DEMO_CREDENTIALS

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
        emit(t("Statut", "Status"), t(*PAYMENT_STATUS[str(check.status)]))
        sim.settle(tx_id, outcome="ACCEPTED", payment_method="OM", phone_number="0701020304")
        check = await api.checkout.check_payment(tx_id)
        emit(t("Statut après paiement du client", "Status after the customer paid"),
             f"{t(*PAYMENT_STATUS[str(check.status)])} — {check.payment_method} "
             f"{check.phone_number}")
        seen["payment"] = str(check.status)

        contact = Contact(prefix="225", phone="0709080706", name="Kouassi", surname="Marie")
        [added] = await api.transfer.add_contacts([contact])
        outcome = t("ajouté", "added") if added.ok else added.message
        emit(t("Contact ajouté", "Contact added"), f"{contact.surname} {contact.name} "
             f"(+{contact.prefix} {contact.phone}) → {outcome}")
        order = TransferOrder("225", "0709080706", 5000, f"DEMO-{uuid.uuid4().hex[:10]}")
        [sent] = await api.transfer.send_money([order])
        emit(t("Transfert envoyé", "Transfer sent"), f"{fmt_amount(5000)} → "
             f"{sent.transaction_id} ({t(*TREATMENT_STATUS[str(sent.treatment_status)])})")
        sim.advance(120)
        [info] = await api.transfer.check_transfer(
            client_transaction_id=order.client_transaction_id)
        emit(t("Transfert deux minutes plus tard", "Transfer two minutes later"),
             t(*TREATMENT_STATUS[str(info.treatment_status)]))
        seen["transfer"] = str(info.treatment_status)
    return seen


def cmd_demo(args: argparse.Namespace) -> int:
    from ..simulator import Simulator

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
