"""``link create | status | refresh | list``: payment links (checkout v2) with their QR."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..api.errors import CinetPayError, ValidationError
from ..api.models import Channel, Customer
from ..output.csvfiles import parse_amount
from ..output.qr import save_qr
from ..services.core import Comptoir
from ..services.link_truth import anomaly_text
from ..services.outcomes import LinkOutcome, link_checkable, link_outcome
from ..store.links import LinkRow
from .common import (
    Exit,
    Outcome,
    bad_input,
    error_exit,
    fmt_amount,
    fmt_when,
    labelled,
    lang,
    t,
)
from .reads import is_network, offline_warning
from .receipts import print_slip_after_create
from .render import link_json, link_label, link_line, link_next, why

CUSTOMER_FIELDS = ("name", "surname", "phone_number", "email", "address", "city", "country",
                   "state", "zip_code")


def parse_channels(text: str) -> tuple[Channel, ...]:
    words = [w.strip().upper() for w in text.split(",") if w.strip()]
    try:
        channels = tuple(Channel(w) for w in words)
    except ValueError:
        raise bad_input("channels", f"Canaux invalides « {text} » (ALL, MOBILE_MONEY, "
                        "CREDIT_CARD, WALLET)", f"Invalid channels '{text}' (ALL, "
                        "MOBILE_MONEY, CREDIT_CARD, WALLET)") from None
    return channels or (Channel.ALL,)


def check_qr_path(path: str | None) -> Path | None:
    """Refuse a bad QR file name before anything is sent."""
    if not path:
        return None
    qr = Path(path)
    if qr.suffix.lower() not in (".png", ".svg"):
        raise bad_input("qr", "Le fichier QR doit finir par .png ou .svg",
                        "The QR file must end in .png or .svg")
    if not qr.parent.resolve().is_dir():
        raise bad_input("qr", f"Dossier introuvable : {qr.parent}",
                        f"Folder not found: {qr.parent}")
    return qr


def customer_of(args: argparse.Namespace) -> Customer:
    return Customer(**{name: (getattr(args, f"customer_{name}") or "").strip()
                       for name in CUSTOMER_FIELDS})


async def create(core: Comptoir, args: argparse.Namespace) -> Outcome:
    amount = parse_amount(args.amount)
    qr = check_qr_path(args.qr)
    options: dict[str, Any] = {
        "currency": args.currency or "", "channels": parse_channels(args.channels),
        "customer": customer_of(args), "metadata": args.metadata or "",
        "lock_phone_number": args.lock_phone}
    before = {r.transaction_id for r in await core.links.list_all(limit=1)}
    try:
        row = await core.links.create(amount, args.description or "", **options)
    except ValidationError:
        raise
    except CinetPayError as exc:
        return await _failed(core, exc, before)
    outcome = _created(row, qr)
    if args.print_slip:
        outcome = await print_slip_after_create(core, row.transaction_id, outcome)
    return outcome


async def _failed(core: Comptoir, exc: CinetPayError, before: set[str]) -> Outcome:
    """The link is journaled as failed: show it, with the reason and the exit code."""
    code, message = error_exit(exc)
    latest = await core.links.list_all(limit=1)
    row = latest[0] if latest and latest[0].transaction_id not in before else None
    if row is None:
        raise exc
    text = [t("Lien de paiement non créé", "Payment link not created"), *_details(row)]
    return Outcome(link_json(row), text, code=code, warnings=[message])


def _created(row: LinkRow, qr: Path | None) -> Outcome:
    data = {**link_json(row), "qr": None}
    warnings: list[str] = []
    code = Exit.OK
    outcome = link_outcome(row)
    if outcome is LinkOutcome.UNCERTAIN:
        head = t("Lien de paiement incertain (uncertain) : CinetPay n'a pas répondu",
                 "Payment link uncertain: CinetPay did not answer")
    elif outcome is LinkOutcome.ANOMALY:
        head = t("Lien créé chez CinetPay, mais inutilisable : paiement à vérifier",
                 "Link created at CinetPay, but unusable: payment to be checked")
        warnings.append(t("Aucun QR n'est produit. Créez un nouveau lien pour ce client.",
                          "No QR is made. Create a new link for this customer."))
        code = Exit.FAILED
    elif row.payment_url:
        head = t("Lien de paiement créé", "Payment link created")
    else:
        head = t("Lien créé chez CinetPay mais son adresse est perdue : créez un nouveau lien",
                 "Link created at CinetPay but its address is lost: create a new link")
        warnings.append(t("Créez un nouveau lien pour ce client.",
                          "Create a new link for this customer."))
    text = [head, *_details(row)]
    if qr is not None and row.payment_url and outcome is LinkOutcome.PENDING:
        try:
            data["qr"] = str(save_qr(row.payment_url, qr))
            text.append(labelled("QR", "QR", qr))
        except OSError as exc:
            code = Exit.FAILED
            warnings.append(t(f"QR non enregistré ({qr}) : {exc.strerror or exc}",
                              f"QR not saved ({qr}): {exc.strerror or exc}"))
    return Outcome(data, text, code=code, warnings=warnings)


# --- a link for people (what the services decided, see outcomes.py) ---------------------

def _details(row: LinkRow) -> list[str]:
    outcome = link_outcome(row)
    lines = [labelled("Transaction", "Transaction", row.transaction_id),
             labelled("Montant", "Amount", fmt_amount(row.amount, row.currency)),
             labelled("Statut", "Status", link_label(row))]
    if row.anomaly:
        lines.append(labelled("Motif", "Reason", anomaly_text(row, lang())))
    if row.payment_url and outcome is not LinkOutcome.ANOMALY:
        lines.append(labelled("Lien de paiement", "Payment link", row.payment_url))
    if row.payment_method:
        who = f"{row.payment_method} {row.phone or ''}"
        lines.append(labelled("Payé par", "Paid with", who) if outcome is LinkOutcome.PAID
                     else labelled("Moyen de paiement", "Payment method", who))
    if outcome is LinkOutcome.REFUSED and link_checkable(row):
        lines.append(t("Le client peut encore payer sur la même page pendant 24 h : "
                       "« link status » le vérifiera.",
                       "The customer can still pay on the same page for 24 h: "
                       "'link status' will check it."))
    if why(row) and outcome in (LinkOutcome.FAILED, LinkOutcome.NEVER_CREATED,
                                LinkOutcome.UNCERTAIN, LinkOutcome.SENDING):
        lines.append(labelled("Détail", "Detail", why(row)))
    if link_next(row):
        lines.append(link_next(row))
    if row.ended_at is not None:  # cancelled or expired (a late payment keeps the stamp)
        lines.append(labelled("Fin du lien", "Link ended", fmt_when(row.ended_at)))
    return lines


async def _known(core: Comptoir, transaction_id: str) -> LinkRow:
    row = await core.links.get(transaction_id)
    if row is None:
        raise bad_input("transaction_id", f"Lien inconnu dans le journal : {transaction_id}",
                        f"Unknown link in the journal: {transaction_id}")
    return row


async def status(core: Comptoir, args: argparse.Namespace) -> Outcome:
    row = await _known(core, args.transaction_id)
    warnings = []
    try:
        row = await core.links.refresh(row.transaction_id)
    except CinetPayError as exc:
        if not is_network(exc):
            raise
        warnings.append(offline_warning(exc))
    data = {**link_json(row), "stale": bool(warnings)}
    return Outcome(data, _details(row), warnings=warnings)


async def refresh(core: Comptoir, args: argparse.Namespace) -> Outcome:
    if args.transaction_id:
        return await status(core, args)
    rows = await core.links.refresh_all()
    warnings = [t("Hors ligne : statuts non vérifiés", "Offline: statuses not checked")] \
        if core.offline else []
    text = [link_line(r) for r in rows] or [t("Aucun lien en attente.", "No link waiting.")]
    return Outcome([link_json(r) for r in rows], text, warnings=warnings)


async def list_links(core: Comptoir, args: argparse.Namespace) -> Outcome:
    rows = await (core.links.list_today() if args.today else core.links.list_all(args.limit))
    text = [link_line(r) for r in rows] or [t("Aucun lien.", "No link.")]
    return Outcome([link_json(r) for r in rows], text)


async def cancel(core: Comptoir, args: argparse.Namespace) -> Outcome:
    """``link cancel ID``: the link ends here; CinetPay has no cancel, nothing is sent to it."""
    row = await core.links.cancel((await _known(core, args.transaction_id)).transaction_id)
    head = t("Lien annulé. CinetPay n'annule pas un lien (rien ne lui est envoyé) : dites au "
             "client de ne pas payer. Un paiement qui arriverait quand même sera signalé.",
             "Link cancelled. CinetPay cannot cancel a link (nothing is sent to it): tell the "
             "customer not to pay. A payment that still arrives will be flagged.")
    return Outcome(link_json(row), [head, *_details(row)])
