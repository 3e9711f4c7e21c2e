"""Journal rows for people (translated statuses, formatted amounts) and for machines (stable
JSON keys). The words "queued" and "uncertain" appear in both languages so scripts can grep."""

from __future__ import annotations

from typing import Any

from ..store.contacts import ContactRow
from ..store.links import LinkRow
from ..store.outbox import OutboxItem, UnconfirmedCounts
from ..store.states import State
from ..store.transfers import TransferRow
from .common import fmt_amount, fmt_when, labelled, lang, t

PAYMENT_STATUS = {
    "PENDING": ("en attente", "pending"),
    "ACCEPTED": ("payé", "paid"),
    "REFUSED": ("refusé", "refused"),
}
TREATMENT_STATUS = {
    "NEW": ("en cours", "in progress"),
    "REC": ("en cours", "in progress"),
    "NOS": ("en attente de votre confirmation par e-mail", "awaiting your e-mail confirmation"),
    "VAL": ("effectué", "done"),
    "REJ": ("rejeté", "rejected"),
}
STATE = {
    State.QUEUED: ("en file d'attente (queued)", "queued"),
    State.SENDING: ("envoi en cours (sending)", "sending"),
    State.UNCERTAIN: ("incertain (uncertain)", "uncertain"),
    State.FAILED: ("échec", "failed"),
    State.SENT: ("envoyé", "sent"),
    State.FINAL: ("terminé", "final"),
}
WHAT_NEXT = {
    State.QUEUED: ("sera envoyé au retour du réseau (comptoir-cli sync)",
                   "will be sent when the network is back (comptoir-cli sync)"),
    State.UNCERTAIN: ("sera vérifié auprès de CinetPay avant tout nouvel envoi",
                      "will be checked with CinetPay before anything is sent again"),
}


def state_label(state: State, server_status: str | None = None,
                table: dict[str, tuple[str, str]] | None = None) -> str:
    """The server's status once it answered (payé, effectué…), else the journal state."""
    if state in (State.SENT, State.FINAL) and table and server_status in table:
        return t(*table[server_status])
    return t(*STATE[state])


def what_next(state: State) -> str:
    return t(*WHAT_NEXT[state]) if state in WHAT_NEXT else ""


# --- links -------------------------------------------------------------------------------


def link_label(row: LinkRow) -> str:
    return state_label(row.state, row.payment_status, PAYMENT_STATUS)


def link_json(row: LinkRow) -> dict[str, Any]:
    return {
        "transaction_id": row.transaction_id, "created_at": row.created_at,
        "updated_at": row.updated_at, "amount": row.amount, "currency": row.currency,
        "description": row.description, "state": row.state,
        "payment_status": row.payment_status, "label": link_label(row),
        "payment_url": row.payment_url, "payment_method": row.payment_method,
        "phone": row.phone, "status_code": row.status_code,
        "status_message": row.status_message, "last_error": row.last_error,
        "attempts": row.attempts, "checked_at": row.checked_at,
    }


def link_line(row: LinkRow) -> str:
    extra = f"  {row.payment_method} {row.phone}" if row.payment_method else ""
    return (f"{fmt_when(row.created_at)}  {row.transaction_id}  "
            f"{fmt_amount(row.amount, row.currency):>14}  {link_label(row)}{extra}")


def link_details(row: LinkRow) -> list[str]:
    lines = [
        labelled("Transaction", "Transaction", row.transaction_id),
        labelled("Montant", "Amount", fmt_amount(row.amount, row.currency)),
        labelled("Statut", "Status", link_label(row)),
    ]
    if row.payment_url:
        lines.append(labelled("Lien de paiement", "Payment link", row.payment_url))
    if row.payment_method:
        lines.append(labelled("Payé par", "Paid with", f"{row.payment_method} {row.phone or ''}"))
    if row.last_error and row.state in (State.FAILED, State.UNCERTAIN, State.QUEUED):
        lines.append(labelled("Détail", "Detail", row.last_error))
    if what_next(row.state):
        lines.append(what_next(row.state))
    return lines


# --- transfers ---------------------------------------------------------------------------


REVIEW = ("à vérifier avec CinetPay", "check with CinetPay")
EMAIL = ("en attente de votre confirmation par e-mail", "awaiting your e-mail confirmation")
EMAIL_TODO = ("confirmez le transfert dans l'e-mail envoyé par CinetPay (ou demandez à CinetPay "
              "d'autoriser l'adresse IP de la boutique : plus de confirmation à faire)",
              "confirm the transfer in the e-mail CinetPay sent you (or ask CinetPay to "
              "whitelist the shop's IP address: no confirmation needed any more)")


def transfer_amount(amount: int) -> str:
    """Transfer API amounts are XOF whatever the shop's currency: "5 000 XOF"."""
    digits = f"{amount:,}".replace(",", "\u202f" if lang() == "fr" else ",")
    return f"{digits} XOF"


def transfer_label(row: TransferRow) -> str:
    if row.review:
        return t(*REVIEW)
    if row.awaits_email_confirmation:
        return f"{t(*EMAIL)} ({t(*EMAIL_TODO)})"
    return state_label(row.state, row.treatment_status, TREATMENT_STATUS)


def transfer_json(row: TransferRow) -> dict[str, Any]:
    return {
        "client_transaction_id": row.client_transaction_id, "created_at": row.created_at,
        "updated_at": row.updated_at, "batch_id": row.batch_id, "prefix": row.prefix,
        "phone": row.phone, "amount": row.amount, "currency": "XOF", "state": row.state,
        "treatment_status": row.treatment_status, "sending_status": row.sending_status,
        "awaits_email_confirmation": row.awaits_email_confirmation,
        "needs_review": bool(row.review), "review": row.review, "label": transfer_label(row),
        "cinetpay_transaction_id": row.cinetpay_transaction_id, "lot": row.lot,
        "code": row.code, "last_error": row.last_error, "attempts": row.attempts,
        "checked_at": row.checked_at, "last_sent_at": row.last_sent_at,
    }


def transfer_line(row: TransferRow) -> str:
    line = (f"{fmt_when(row.created_at)}  {row.client_transaction_id}  "
            f"{transfer_amount(row.amount):>14}  +{row.prefix} {row.phone}  "
            f"{transfer_label(row)}")
    if row.review:
        line += f" — {row.review}"
    elif row.state is State.FAILED and row.last_error:
        line += f" — {row.last_error}"
    return line


def review_line(row: TransferRow) -> str:
    """A transfer a person must check with CinetPay (for ``outbox``)."""
    return t(f"À vérifier avec CinetPay : transfert {row.client_transaction_id} "
             f"({transfer_amount(row.amount)} au +{row.prefix} {row.phone}) — {row.review}",
             f"Check with CinetPay: transfer {row.client_transaction_id} "
             f"({transfer_amount(row.amount)} to +{row.prefix} {row.phone}) — {row.review}")


# --- contacts ----------------------------------------------------------------------------


def contact_label(row: ContactRow) -> str:
    if row.state is State.SENT:
        return t("enregistré chez CinetPay", "registered with CinetPay")
    return t(*STATE[row.state])


def contact_json(row: ContactRow) -> dict[str, Any]:
    return {
        "prefix": row.prefix, "phone": row.phone, "name": row.name, "surname": row.surname,
        "email": row.email, "state": row.state, "label": contact_label(row),
        "code": row.code, "last_error": row.last_error, "updated_at": row.updated_at,
    }


def contact_line(row: ContactRow) -> str:
    line = f"+{row.prefix} {row.phone}  {row.surname} {row.name}"
    if row.email:
        line += f" <{row.email}>"
    line += f"  {contact_label(row)}"
    if row.state is State.FAILED and row.last_error:
        line += f" — {row.last_error}"
    return line


# --- outbox ------------------------------------------------------------------------------

KINDS = {"link": ("lien", "link"), "transfer": ("transfert", "transfer"),
         "contact": ("contact", "contact")}


def outbox_json(item: OutboxItem) -> dict[str, Any]:
    return {"kind": item.kind, "ref": item.ref, "state": item.state,
            "created_at": item.created_at, "attempts": item.attempts,
            "not_before": item.not_before}


def outbox_line(item: OutboxItem) -> str:
    return (f"{fmt_when(item.created_at)}  {t(*KINDS[item.kind]):<10} {item.ref}  "
            f"{t(*STATE[item.state])}  ({labelled('tentatives', 'attempts', item.attempts)})")


def counts_json(counts: UnconfirmedCounts) -> dict[str, int]:
    return {"queued": counts.queued, "sending": counts.sending,
            "uncertain": counts.uncertain, "awaiting_payment": counts.awaiting_payment,
            "transfers_in_progress": counts.transfers_in_progress, "total": counts.total}


def counts_line(counts: UnconfirmedCounts) -> str:
    return t(
        f"Non confirmé : {counts.queued} en file d'attente (queued), {counts.sending} en "
        f"cours d'envoi, {counts.uncertain} incertain(s) (uncertain) ; "
        f"{counts.awaiting_payment} lien(s) en attente de paiement, "
        f"{counts.transfers_in_progress} transfert(s) en cours",
        f"Unconfirmed: {counts.queued} queued, {counts.sending} sending, "
        f"{counts.uncertain} uncertain; {counts.awaiting_payment} link(s) awaiting payment, "
        f"{counts.transfers_in_progress} transfer(s) in progress")
