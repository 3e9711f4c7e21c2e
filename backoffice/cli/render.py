"""Journal rows for people and for machines (stable JSON keys). What a row means is decided
by :mod:`backoffice.services.outcomes`; here each outcome gets its words, in one table per
kind of operation (fr, en). The words "queued" and "uncertain" appear in both languages so
scripts can grep."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from ..api.models import PaymentStatus, TreatmentStatus
from ..output.money import grouped
from ..services.link_truth import anomaly_text
from ..services.outcomes import (
    ContactOutcome,
    LinkOutcome,
    TransferOutcome,
    contact_outcome,
    link_outcome,
    link_paid_late,
    transfer_outcome,
)
from ..services.reasons import reason_text, review_text
from ..store.contacts import ContactRow
from ..store.links import LinkRow
from ..store.outbox import OutboxItem, UnconfirmedCounts
from ..store.states import State
from ..store.transfers import TransferRow
from .common import fmt_amount, fmt_when, labelled, lang, t

K = TypeVar("K")

Words = tuple[str, str]  # (fr, en)

# CinetPay's payment statuses as its history reports them.
PAYMENT_STATUS: dict[str, Words] = {
    PaymentStatus.PENDING: ("en attente", "pending"),
    PaymentStatus.ACCEPTED: ("payé", "paid"),
    PaymentStatus.REFUSED: ("refusé", "refused"),
}
# The journal's states, for the outbox's items (an operation not confirmed yet).
STATE: dict[State, Words] = {
    State.QUEUED: ("en file d'attente (queued)", "queued"),
    State.SENDING: ("envoi en cours (sending)", "sending"),
    State.UNCERTAIN: ("incertain (uncertain)", "uncertain"),
    State.FAILED: ("échec", "failed"),
    State.SENT: ("envoyé", "sent"),
    State.FINAL: ("terminé", "final"),
}
# CinetPay's treatment statuses of a transfer, as an answer reports them (training demo).
TREATMENT_STATUS: dict[str, Words] = {
    TreatmentStatus.NEW: ("en cours", "in progress"),
    TreatmentStatus.REC: ("en cours", "in progress"),
    TreatmentStatus.NOS: ("en attente de votre confirmation par e-mail",
                          "awaiting your e-mail confirmation"),
    TreatmentStatus.VAL: ("effectué", "done"),
    TreatmentStatus.REJ: ("rejeté", "rejected"),
}
QUEUED_NEXT = ("sera envoyé au retour du réseau (comptoir-cli sync)",
               "will be sent when the network is back (comptoir-cli sync)")
CHECKED_NEXT = ("sera vérifié auprès de CinetPay avant tout nouvel envoi",
                "will be checked with CinetPay before anything is sent again")


def why(row: LinkRow | TransferRow | ContactRow) -> str:
    """Why it failed, waits or is checked, in the reader's language ("" when nothing)."""
    return reason_text(row.reason, lang()) or row.last_error or ""


def state_label(state: State) -> str:
    return t(*STATE[state])


def words(table: Mapping[K, Words], key: K) -> str:
    """``table[key]`` in the reader's language."""
    return t(*table[key])


# --- links -------------------------------------------------------------------------------

LINK_WORDS: dict[LinkOutcome, Words] = {
    LinkOutcome.SENDING: STATE[State.SENDING],
    LinkOutcome.UNCERTAIN: STATE[State.UNCERTAIN],
    LinkOutcome.FAILED: STATE[State.FAILED],
    LinkOutcome.NEVER_CREATED: STATE[State.FAILED],
    LinkOutcome.NO_URL: ("adresse perdue : créez un nouveau lien",
                         "address lost: create a new link"),
    LinkOutcome.PENDING: ("en attente", "pending"),
    LinkOutcome.PAID: ("payé", "paid"),
    LinkOutcome.REFUSED: ("refusé", "refused"),
    LinkOutcome.ANOMALY: ("Paiement à vérifier", "Payment to be checked"),
    LinkOutcome.CANCELLED: ("annulé (le client ne doit pas payer)",
                            "cancelled (the customer must not pay)"),
    LinkOutcome.EXPIRED: ("expiré", "expired"),
}
LATE_PAYMENT = ("payé après la fin du lien (paiement tardif)",
                "paid after the link ended (late payment)")
LINK_NEXT: dict[LinkOutcome, Words] = {LinkOutcome.UNCERTAIN: CHECKED_NEXT}


def link_label(row: LinkRow) -> str:
    return t(*LATE_PAYMENT) if link_paid_late(row) else words(LINK_WORDS, link_outcome(row))


def link_next(row: LinkRow) -> str:
    outcome = link_outcome(row)
    return words(LINK_NEXT, outcome) if outcome in LINK_NEXT else ""


def link_json(row: LinkRow) -> dict[str, Any]:
    """``outcome`` is a stable code (paid, refused…), ``label`` says it in words."""
    return {
        "transaction_id": row.transaction_id, "created_at": row.created_at,
        "updated_at": row.updated_at, "amount": row.amount, "currency": row.currency,
        "description": row.description, "state": row.state,
        "payment_status": row.payment_status, "label": link_label(row),
        "payment_url": row.payment_url, "payment_method": row.payment_method,
        "phone": row.phone, "status_code": row.status_code,
        "status_message": row.status_message, "last_error": row.last_error,
        "reason": row.reason,
        "attempts": row.attempts, "checked_at": row.checked_at,
        "outcome": str(link_outcome(row)), "anomaly": row.anomaly,
        "anomaly_text": anomaly_text(row, lang()) or None,
        "ended_at": row.ended_at, "end_reason": row.end_reason,
        "accepted_at": row.accepted_at, "late_payment": link_paid_late(row),
    }


def link_line(row: LinkRow) -> str:
    extra = f"  {row.payment_method} {row.phone}" if row.payment_method else ""
    why = f" — {anomaly_text(row, lang())}" if row.anomaly else ""
    return (f"{fmt_when(row.created_at)}  {row.transaction_id}  "
            f"{fmt_amount(row.amount, row.currency):>14}  {link_label(row)}{extra}{why}")


# --- transfers ---------------------------------------------------------------------------


EMAIL = ("en attente de votre confirmation par e-mail", "awaiting your e-mail confirmation")
EMAIL_TODO = ("confirmez le transfert dans l'e-mail envoyé par CinetPay (ou demandez à CinetPay "
              "d'autoriser l'adresse IP de la boutique : plus de confirmation à faire)",
              "confirm the transfer in the e-mail CinetPay sent you (or ask CinetPay to "
              "whitelist the shop's IP address: no confirmation needed any more)")
TRANSFER_WORDS: dict[TransferOutcome, Words] = {
    TransferOutcome.QUEUED: STATE[State.QUEUED],
    TransferOutcome.SENDING: STATE[State.SENDING],
    TransferOutcome.UNCERTAIN: STATE[State.UNCERTAIN],
    TransferOutcome.REVIEW: ("à vérifier avec CinetPay", "check with CinetPay"),
    TransferOutcome.CONFIRM_EMAIL: (f"{EMAIL[0]} ({EMAIL_TODO[0]})",
                                    f"{EMAIL[1]} ({EMAIL_TODO[1]})"),
    TransferOutcome.IN_PROGRESS: ("en cours", "in progress"),
    TransferOutcome.DONE: ("effectué", "done"),
    TransferOutcome.REJECTED: ("rejeté", "rejected"),
    TransferOutcome.FAILED: STATE[State.FAILED],
}
TRANSFER_NEXT: dict[TransferOutcome, Words] = {
    TransferOutcome.QUEUED: QUEUED_NEXT, TransferOutcome.UNCERTAIN: CHECKED_NEXT,
    TransferOutcome.REVIEW: CHECKED_NEXT}
# What the person reads next to a transfer's status: why it stopped or waits.
TRANSFER_DETAIL = frozenset({TransferOutcome.FAILED, TransferOutcome.QUEUED,
                             TransferOutcome.UNCERTAIN, TransferOutcome.REVIEW})


def transfer_amount(amount: int) -> str:
    """Transfer API amounts are XOF whatever the shop's currency: "5 000 XOF"."""
    return f"{grouped(amount, lang())} XOF"


def transfer_label(row: TransferRow) -> str:
    return words(TRANSFER_WORDS, transfer_outcome(row))


def transfer_next(row: TransferRow) -> str:
    outcome = transfer_outcome(row)
    return words(TRANSFER_NEXT, outcome) if outcome in TRANSFER_NEXT else ""


def transfer_detail(row: TransferRow) -> str:
    """Why it failed, waits or is checked ("" when nothing to say)."""
    return why(row) if transfer_outcome(row) in TRANSFER_DETAIL else ""


def transfer_json(row: TransferRow) -> dict[str, Any]:
    return {
        "client_transaction_id": row.client_transaction_id, "created_at": row.created_at,
        "updated_at": row.updated_at, "batch_id": row.batch_id, "prefix": row.prefix,
        "phone": row.phone, "amount": row.amount, "currency": "XOF", "state": row.state,
        "treatment_status": row.treatment_status, "sending_status": row.sending_status,
        "awaits_email_confirmation": row.awaits_email_confirmation,
        "needs_review": transfer_outcome(row) is TransferOutcome.REVIEW, "review": row.review,
        "label": transfer_label(row), "outcome": str(transfer_outcome(row)),
        "cinetpay_transaction_id": row.cinetpay_transaction_id, "lot": row.lot,
        "code": row.code, "last_error": row.last_error, "reason": row.reason,
        "attempts": row.attempts,
        "checked_at": row.checked_at, "last_sent_at": row.last_sent_at,
    }


def transfer_line(row: TransferRow) -> str:
    line = (f"{fmt_when(row.created_at)}  {row.client_transaction_id}  "
            f"{transfer_amount(row.amount):>14}  +{row.prefix} {row.phone}  "
            f"{transfer_label(row)}")
    outcome = transfer_outcome(row)
    if outcome is TransferOutcome.REVIEW:
        line += f" — {review_text(row, lang())}"
    elif outcome is TransferOutcome.FAILED and why(row):
        line += f" — {why(row)}"
    return line


def review_line(row: TransferRow) -> str:
    """A transfer a person must check with CinetPay (for ``outbox``)."""
    why = review_text(row, lang())
    return t(f"À vérifier avec CinetPay : transfert {row.client_transaction_id} "
             f"({transfer_amount(row.amount)} au +{row.prefix} {row.phone}) — {why}",
             f"Check with CinetPay: transfer {row.client_transaction_id} "
             f"({transfer_amount(row.amount)} to +{row.prefix} {row.phone}) — {why}")


# --- contacts ----------------------------------------------------------------------------


CONTACT_WORDS: dict[ContactOutcome, Words] = {
    ContactOutcome.ADDED: ("enregistré chez CinetPay", "registered with CinetPay"),
    ContactOutcome.QUEUED: STATE[State.QUEUED],
    ContactOutcome.SENDING: STATE[State.SENDING],
    ContactOutcome.UNCERTAIN: STATE[State.UNCERTAIN],
    ContactOutcome.REFUSED: STATE[State.FAILED],
}
CONTACT_NEXT: dict[ContactOutcome, Words] = {ContactOutcome.QUEUED: QUEUED_NEXT,
                                             ContactOutcome.UNCERTAIN: CHECKED_NEXT}


def contact_label(row: ContactRow) -> str:
    return words(CONTACT_WORDS, contact_outcome(row))


def contact_next(row: ContactRow) -> str:
    outcome = contact_outcome(row)
    return words(CONTACT_NEXT, outcome) if outcome in CONTACT_NEXT else ""


def contact_refusal(row: ContactRow) -> str:
    """Why CinetPay refused it ("" otherwise)."""
    refused = contact_outcome(row) is ContactOutcome.REFUSED
    return why(row) if refused else ""


def contact_json(row: ContactRow) -> dict[str, Any]:
    return {
        "prefix": row.prefix, "phone": row.phone, "name": row.name, "surname": row.surname,
        "email": row.email, "state": row.state, "label": contact_label(row),
        "code": row.code, "last_error": row.last_error, "reason": row.reason,
        "updated_at": row.updated_at,
    }


def contact_line(row: ContactRow) -> str:
    line = f"+{row.prefix} {row.phone}  {row.surname} {row.name}"
    if row.email:
        line += f" <{row.email}>"
    line += f"  {contact_label(row)}"
    if contact_refusal(row):
        line += f" — {contact_refusal(row)}"
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
            f"{state_label(item.state)}  ({labelled('tentatives', 'attempts', item.attempts)})")


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
