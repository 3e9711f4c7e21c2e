"""The command line's grammar (design.md §3). ``--json`` is accepted at every level, before
or after the subcommand."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from . import (
    actor,
    cash,
    cashiers,
    closing,
    contacts,
    credentials,
    demo,
    export,
    links,
    outbox,
    pin,
    reads,
    receipts,
    shop,
    shop_views,
    transfers,
)
from .argtypes import LIMIT, PORT
from .common import Outcome, print_outcome, t
from .session import Handler, run_journal

Online = bool | Callable[[argparse.Namespace], bool]


def journal(handler: Handler, online: Online = True,
            action: str | None = None) -> Callable[[argparse.Namespace], int]:
    """A command that opens the journal (lock, logging, core, drain on close). ``action``:
    once cashiers exist, who acts (COMPTOIR_CASHIER + code) must be allowed it (cli/actor.py)."""
    if action is not None:
        handler = actor.acting(handler, action)

    def command(args: argparse.Namespace) -> int:
        needs_api = online(args) if callable(online) else online
        return run_journal(args, handler, online=needs_api)
    return command


def plain(fn: Callable[[argparse.Namespace], Outcome]) -> Callable[[argparse.Namespace], int]:
    """A command that does not touch the journal (credentials)."""
    def command(args: argparse.Namespace) -> int:
        outcome = fn(args)
        print_outcome(outcome, args.json)
        return int(outcome.code)
    return command


class Builder:
    def __init__(self) -> None:
        self.common = argparse.ArgumentParser(add_help=False)
        self.common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                                 help=t("sortie JSON pour les scripts",
                                        "machine-readable JSON output"))

    def group(self, sub: argparse._SubParsersAction, name: str, help_text: str,
              dest: str = "action") -> argparse._SubParsersAction:
        p = sub.add_parser(name, parents=[self.common], help=help_text)
        return p.add_subparsers(dest=dest, required=True, metavar="ACTION")

    def leaf(self, sub: argparse._SubParsersAction, name: str, help_text: str,
             func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[self.common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p


def build_parser() -> argparse.ArgumentParser:
    b = Builder()
    parser = argparse.ArgumentParser(prog="comptoir-cli", parents=[b.common],
                                     description="Comptoir, back-office CinetPay")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _reads(b, sub)
    _links(b, sub)
    _contacts(b, sub)
    _transfers(b, sub)
    b.leaf(sub, "outbox", t("opérations pas encore confirmées par CinetPay",
                            "operations CinetPay has not confirmed yet"),
           journal(outbox.outbox, online=False))
    b.leaf(sub, "sync", t("envoyer la file d'attente et vérifier les opérations incertaines",
                          "send the outbox and check uncertain operations"),
           journal(outbox.sync))
    _credentials(b, sub)
    _pin(b, sub)
    _cashiers(b, sub)
    cash.register(b, sub, journal)
    export.register(b, sub, journal)
    closing.register(b, sub, journal)
    receipts.register(b, sub, journal)
    shop.register(b, sub, journal, plain)
    _simulator(b, sub)
    shop_views.register(parser, journal)  # --all-tills on the reads (shop database)
    return parser


def _reads(b: Builder, sub: argparse._SubParsersAction) -> None:
    b.leaf(sub, "balance", t("soldes du compte et des transferts",
                             "account and transfer balances"), journal(reads.balance))
    p = b.leaf(sub, "history", t("historique des transactions", "transaction history"),
               journal(reads.history, online=lambda a: not a.offline))
    p.add_argument("--from", dest="date_from", metavar="JJ-MM-AAAA")
    p.add_argument("--to", dest="date_to", metavar="JJ-MM-AAAA")
    p.add_argument("--phone", metavar="N")
    p.add_argument("--status", metavar="S", help="ACCEPTED, REFUSED, PENDING (a,b)")
    p.add_argument("--operator", metavar="OM", help="OM, MOMO, FLOOZ, WAVE, VISAM (a,b)")
    p.add_argument("--search", metavar="TEXT")
    p.add_argument("--limit", type=LIMIT, default=50, metavar="N")
    p.add_argument("--csv", metavar="FILE", help=t("exporter en CSV", "export to CSV"))
    p.add_argument("--offline", action="store_true",
                   help=t("n'utiliser que le cache local", "use the local cache only"))


def _links(b: Builder, sub: argparse._SubParsersAction) -> None:
    actions = b.group(sub, "link", t("liens de paiement", "payment links"))
    p = b.leaf(actions, "create", t("créer un lien de paiement (et son QR)",
                                    "create a payment link (and its QR)"),
               journal(links.create, action="collect"))
    _pin_stdin(p)
    p.add_argument("--amount", required=True, metavar="N")
    p.add_argument("--currency", metavar="XOF")
    p.add_argument("--description", metavar="TEXT")
    p.add_argument("--channels", default="ALL", metavar="ALL|MOBILE_MONEY,CREDIT_CARD,…")
    for name in links.CUSTOMER_FIELDS:
        flag = {"phone_number": "phone", "zip_code": "zip"}.get(name, name)
        p.add_argument(f"--customer-{flag}", dest=f"customer_{name}", metavar="…")
    p.add_argument("--metadata", metavar="TEXT")
    p.add_argument("--lock-phone", action="store_true")
    p.add_argument("--qr", metavar="FILE.png|FILE.svg")
    p.add_argument("--print", action="store_true", dest="print_slip",
                   help=t("imprimer le QR de paiement (Réglages → Imprimante)",
                          "print the payment QR (Settings → Printer)"))
    p = b.leaf(actions, "status", t("statut d'un lien (demandé à CinetPay)",
                                    "a link's status (asked to CinetPay)"), journal(links.status))
    p.add_argument("transaction_id")
    p = b.leaf(actions, "refresh", t("vérifier un lien ou tous ceux en attente",
                                     "check one link or every waiting one"),
               journal(links.refresh))
    which = p.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true")
    which.add_argument("transaction_id", nargs="?")
    p = b.leaf(actions, "cancel", t("annuler un lien en attente (rien n'est envoyé à "
                                    "CinetPay)", "cancel a waiting link (nothing is sent to "
                                    "CinetPay)"), journal(links.cancel, online=False,
                                                          action="collect"))
    _pin_stdin(p)
    p.add_argument("transaction_id")
    p = b.leaf(actions, "list", t("liens du journal", "links in the journal"),
               journal(links.list_links, online=False))
    p.add_argument("--today", action="store_true")
    p.add_argument("--limit", type=LIMIT, default=50, metavar="N")


def _contacts(b: Builder, sub: argparse._SubParsersAction) -> None:
    actions = b.group(sub, "contact", t("bénéficiaires des transferts", "transfer recipients"))
    p = b.leaf(actions, "add", t("ajouter un contact", "add a contact"),
               journal(contacts.add, action="contacts"))
    _pin_stdin(p)
    p.add_argument("--prefix", required=True, metavar="225")
    p.add_argument("--phone", required=True, metavar="N")
    p.add_argument("--name", required=True, metavar="NOM")
    p.add_argument("--surname", required=True, metavar="PRENOM")
    p.add_argument("--email", metavar="E")
    p = b.leaf(actions, "list", t("contacts", "contacts"),
               journal(contacts.list_contacts, online=lambda a: a.refresh))
    p.add_argument("--search", metavar="S")
    p.add_argument("--refresh", action="store_true",
                   help=t("relire la liste chez CinetPay", "fetch the list from CinetPay"))
    p = b.leaf(actions, "import", t("importer des contacts (CSV)", "import contacts (CSV)"),
               journal(contacts.import_csv, action="contacts"))
    _pin_stdin(p)
    p.add_argument("file", metavar="FILE.csv")


def _transfers(b: Builder, sub: argparse._SubParsersAction) -> None:
    actions = b.group(sub, "transfer", t("transferts d'argent", "money transfers"))
    p = b.leaf(actions, "send", t("envoyer un transfert (ou un lot CSV)",
                                  "send a transfer (or a CSV batch)"),
               journal(transfers.send, action="transfer"))
    p.add_argument("--prefix", metavar="225")
    p.add_argument("--phone", metavar="N")
    p.add_argument("--amount", metavar="N")
    p.add_argument("--method", metavar="OM_CI",
                   help=t("moyen de paiement (comptes sk_ : OM_CI, WAVE_SN… ; deviné quand le "
                          "numéro le rend certain)",
                          "payment method (sk_ accounts: OM_CI, WAVE_SN…; guessed when the "
                          "number makes it certain)"))
    p.add_argument("--csv", metavar="FILE")
    p.add_argument("--yes", action="store_true",
                   help=t("envoyer le lot CSV après l'aperçu (sinon : aperçu seul)",
                          "send the CSV batch after its preview (otherwise: preview only)"))
    p.add_argument("--again", action="store_true",
                   help=t("confirmer un envoi qui ressemble à un envoi récent",
                          "confirm a transfer that looks like a recent one"))
    p.add_argument("--allow-repeats", action="store_true",
                   help=t("accepter des lignes identiques dans le fichier",
                          "accept identical lines in the file"))
    _pin_stdin(p)
    p = b.leaf(actions, "status", t("statut d'un transfert", "a transfer's status"),
               journal(transfers.status))
    p.add_argument("id", metavar="CLIENT_TRANSACTION_ID")
    p = b.leaf(actions, "list", t("transferts du journal", "transfers in the journal"),
               journal(transfers.list_transfers, online=False))
    p.add_argument("--batch", metavar="ID")
    b.leaf(actions, "refresh", t("suivre les transferts en cours",
                                 "follow transfers in progress"), journal(transfers.refresh))


def _pin_stdin(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pin-stdin", action="store_true",
                   help=t("lire le(s) code(s) sur l'entrée standard, une ligne chacun",
                          "read the PIN(s) from standard input, one line each"))


def _pin(b: Builder, sub: argparse._SubParsersAction) -> None:
    actions = b.group(sub, "pin", t("code gérant (protège les envois d'argent)",
                                    "manager code (guards money transfers)"))
    b.leaf(actions, "status", t("état du code gérant", "the manager code's state"),
           plain(pin.cmd_status))
    _pin_stdin(b.leaf(actions, "set", t("définir ou changer le code (l'actuel est demandé)",
                                        "set or change the code (the current one is asked)"),
                      plain(pin.cmd_set)))
    _pin_stdin(b.leaf(actions, "clear", t("supprimer le code (l'actuel est demandé)",
                                          "remove the code (the current one is asked)"),
                      plain(pin.cmd_clear)))
    _pin_stdin(b.leaf(actions, "reset", t("gérant : réinitialiser un code oublié ou illisible "
                                          "(clé API CinetPay demandée)",
                                          "manager: reset a forgotten or unreadable code "
                                          "(asks the CinetPay API key)"),
                      plain(pin.cmd_reset)))


def _cashiers(b: Builder, sub: argparse._SubParsersAction) -> None:
    actions = b.group(sub, "cashier", t("caissiers du poste (COMPTOIR_CASHIER=<nom> pour agir)",
                                        "the till's cashiers (COMPTOIR_CASHIER=<name> to act)"))
    p = b.leaf(actions, "add", t("ajouter un caissier ou un gérant (son code est demandé)",
                                 "add a cashier or a manager (their code is asked)"),
               journal(cashiers.add, online=False))
    p.add_argument("--name", required=True, metavar="NOM")
    p.add_argument("--role", required=True, choices=("cashier", "manager"))
    _pin_stdin(p)
    p = b.leaf(actions, "list", t("caissiers", "cashiers"),
               journal(cashiers.list_cashiers, online=False))
    p.add_argument("--all", action="store_true",
                   help=t("avec les caissiers retirés", "with removed cashiers"))
    p = b.leaf(actions, "remove", t("retirer un caissier (gérant)", "remove a cashier (manager)"),
               journal(cashiers.remove, online=False))
    p.add_argument("name", metavar="NOM")
    _pin_stdin(p)


def _credentials(b: Builder, sub: argparse._SubParsersAction) -> None:
    actions = b.group(sub, "credentials", t("identifiants CinetPay (coffre du système)",
                                            "CinetPay credentials (system keyring)"))
    p = b.leaf(actions, "set", t("vérifier et enregistrer les identifiants",
                                 "verify and save the credentials"),
               plain(credentials.cmd_set))
    p.add_argument("--no-verify", action="store_true",
                   help=t("enregistrer sans interroger CinetPay",
                          "save without asking CinetPay"))
    b.leaf(actions, "check", t("vérifier le coffre et les identifiants",
                               "check the keyring and the credentials"),
           plain(credentials.cmd_check))
    b.leaf(actions, "clear", t("effacer les identifiants", "remove the credentials"),
           plain(credentials.cmd_clear))


def _simulator(b: Builder, sub: argparse._SubParsersAction) -> None:
    p = b.leaf(sub, "simulator", t("lancer le simulateur CinetPay", "run the CinetPay simulator"),
               demo.cmd_simulator)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=PORT, default=0)
    p.add_argument("--allow-lan", action="store_true",
                   help=t("accepter une adresse --host hors de ce poste (réseau local)",
                          "allow a --host address beyond this computer (local network)"))
    p.add_argument("--empty", action="store_true", help="no demo data")
    p = b.leaf(sub, "demo", t("démonstration sur le simulateur", "demo on the simulator"),
               demo.cmd_demo)
    p.add_argument("--keep", action="store_true",
                   help=t("garder le simulateur actif", "keep the simulator running"))
