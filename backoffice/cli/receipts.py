"""``receipt print | pdf`` and ``printer test``: the till's paper (backoffice/services/receipts.py)
on the printer of Réglages or ``COMPTOIR_PRINTER``; ``link create --print`` prints the QR slip.
Printing reads the journal only: nothing is sent to CinetPay."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..api.errors import ValidationError
from ..printing import PrinterError
from ..services.core import Comptoir
from ..services.receipts import PrintJob
from .common import CliError, Exit, Outcome, lang, t


def job_json(job: PrintJob) -> dict[str, Any]:
    return {"kind": job.kind, "transaction_id": job.transaction_id or None,
            "printed": job.ok, "where": job.where or None, "duplicate": job.duplicate,
            "trouble": job.trouble, "error": None if job.ok else job.text(lang())}


def _outcome(job: PrintJob) -> Outcome:
    if job.ok:
        return Outcome(job_json(job), [job.text(lang())])
    return Outcome(job_json(job), [], code=Exit.FAILED,
                   warnings=[job.text(lang()), t("Réimprimez une fois l'imprimante vérifiée.",
                                                 "Print again once the printer is checked.")])


def _no_printer(core: Comptoir) -> None:
    if not core.receipts.settings.printer:
        raise CliError(Exit.USAGE, "Aucune imprimante : choisissez-la dans Réglages → Imprimante "
                       "ou avec COMPTOIR_PRINTER (tcp://HOTE:9100, usb://VID:PID, "
                       "serial:///dev/ttyUSB0, system, pdf:DOSSIER).",
                       "No printer: choose one in Settings → Printer or with COMPTOIR_PRINTER "
                       "(tcp://HOST:9100, usb://VID:PID, serial:///dev/ttyUSB0, system, "
                       "pdf:FOLDER).")


async def print_receipt(core: Comptoir, args: argparse.Namespace) -> Outcome:
    _no_printer(core)
    # DUPLICATA when the journal holds an earlier print of it (any run, any process);
    # --duplicate forces it.
    return _outcome(await core.receipts.print_receipt(args.transaction_id,
                                                      duplicate=args.duplicate or None))


async def receipt_pdf(core: Comptoir, args: argparse.Namespace) -> Outcome:
    path = Path(args.file)
    if path.suffix.lower() != ".pdf":
        raise CliError(Exit.USAGE, "Le fichier doit finir par .pdf",
                       "The file must end in .pdf")
    if not path.parent.resolve().is_dir():
        raise CliError(Exit.USAGE, f"Dossier introuvable : {path.parent}",
                       f"Folder not found: {path.parent}")
    try:
        written = await core.receipts.save_pdf(args.transaction_id, path,
                                               duplicate=args.duplicate, page=args.page)
    except PrinterError as exc:
        raise CliError(Exit.FAILED, exc.fr, exc.en) from None
    data = {"transaction_id": args.transaction_id, "file": str(written),
            "duplicate": args.duplicate}
    return Outcome(data, [t(f"Reçu enregistré : {written}", f"Receipt saved: {written}")])


async def printer_test(core: Comptoir, args: argparse.Namespace) -> Outcome:
    _no_printer(core)
    return _outcome(await core.receipts.print_test())


async def print_slip_after_create(core: Comptoir, transaction_id: str,
                                  outcome: Outcome) -> Outcome:
    """``link create --print``: the link is created whatever the printer does; a printing
    problem is a warning (exit 0: running the command again would make a second link)."""
    data = outcome.data if isinstance(outcome.data, dict) else {}
    if not core.receipts.settings.printer:
        job = PrintJob("slip", transaction_id, False, trouble="config",
                       fr="Aucune imprimante choisie : QR non imprimé.",
                       en="No printer chosen: QR not printed.")
    else:
        try:
            job = await core.receipts.print_slip(transaction_id)
        except ValidationError:  # not waiting for a payment (uncertain…): nothing to print
            return outcome
    data["print"] = job_json(job)
    if job.ok:
        outcome.text.append(job.text(lang()))
    else:
        outcome.warnings.append(job.text(lang()))
        outcome.warnings.append(t(f"Le lien est bien créé. Réimprimer : comptoir-cli receipt "
                                  f"slip {transaction_id}",
                                  f"The link is created. Print again: comptoir-cli receipt "
                                  f"slip {transaction_id}"))
    return outcome


async def print_slip(core: Comptoir, args: argparse.Namespace) -> Outcome:
    _no_printer(core)
    return _outcome(await core.receipts.print_slip(args.transaction_id))


async def print_closing(core: Comptoir, args: argparse.Namespace) -> Outcome:
    """The short form of a recorded closing (``closings list`` gives the ids)."""
    _no_printer(core)
    report = await core.closing.get(args.closing_id)
    if report is None:
        raise CliError(Exit.USAGE, f"Clôture inconnue : {args.closing_id}",
                       f"Unknown closing: {args.closing_id}")
    return _outcome(await core.receipts.print_closing_short(report))


Journal = Callable[..., Callable[[argparse.Namespace], int]]


def register(b: Any, sub: argparse._SubParsersAction, journal: Journal) -> None:
    """``receipt …`` and ``printer …`` in the command line's grammar (cli/parser.py)."""
    actions = b.group(sub, "receipt", t("reçus et QR imprimés", "printed receipts and QRs"))
    p = b.leaf(actions, "print", t("imprimer le reçu d'un lien payé",
                                   "print the receipt of a paid link"),
               journal(print_receipt, online=False))
    p.add_argument("transaction_id", metavar="ID")
    p.add_argument("--duplicate", action="store_true",
                   help=t("marquer DUPLICATA même sans impression antérieure au journal "
                          "(par défaut : DUPLICATA dès la 2e impression)",
                          "mark it DUPLICATA even without an earlier print in the journal "
                          "(default: DUPLICATA from the 2nd print on)"))
    p = b.leaf(actions, "pdf", t("enregistrer le reçu d'un lien payé en PDF",
                                 "save the receipt of a paid link as a PDF"),
               journal(receipt_pdf, online=False))
    p.add_argument("transaction_id", metavar="ID")
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("--duplicate", action="store_true")
    p.add_argument("--page", choices=("A4", "A5"), default="A5")
    p = b.leaf(actions, "slip", t("réimprimer le QR de paiement d'un lien en attente",
                                  "print again the payment QR of a waiting link"),
               journal(print_slip, online=False))
    p.add_argument("transaction_id", metavar="ID")
    p = b.leaf(actions, "closing", t("imprimer une clôture en format court (ticket)",
                                     "print a closing in short form (till ticket)"),
               journal(print_closing, online=False))
    p.add_argument("closing_id", metavar="CLOSING_ID")
    actions = b.group(sub, "printer", t("imprimante des reçus", "receipt printer"))
    b.leaf(actions, "test", t("imprimer une page de test (accents, QR, coupe)",
                              "print a test page (accents, QR, cut)"),
           journal(printer_test, online=False))
