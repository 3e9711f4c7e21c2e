"""What a payment link or a transfer means to a person, decided once for every front-end.

The journal stores facts (state, CinetPay's statuses and codes, an anomaly code, a review
flag); these functions turn a row into an outcome enum. The GUI and the CLI only choose words
and colours for an outcome, in the reader's language (Electrum's ``invoices.py`` pattern:
meaning in the core, GUIs only render).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from enum import StrEnum

from ..api.models import PaymentStatus, TreatmentStatus
from ..store.contacts import ContactRow
from ..store.links import LinkRow
from ..store.states import State
from ..store.transfers import TransferRow
from .reasons import Reason


class LinkOutcome(StrEnum):
    SENDING = "sending"  # journaled, the request is being made
    UNCERTAIN = "uncertain"  # answer lost: checked with CinetPay before anything else
    FAILED = "failed"  # refused or not sent (nothing to pay)
    NEVER_CREATED = "never_created"  # CinetPay does not know it, for sure (nothing to pay)
    NO_URL = "nourl"  # created at CinetPay, address lost: nobody can pay it
    PENDING = "pending"  # waiting for the customer
    PAID = "paid"  # CinetPay's answer matches the link: PAYÉ
    REFUSED = "refused"  # refused (still checkable for a day: a later payment can come)
    ANOMALY = "anomaly"  # "Paiement à vérifier": CinetPay's answer disagrees with the link
    CANCELLED = "cancelled"  # the cashier cancelled it while it waited: the customer must not pay
    EXPIRED = "expired"  # it waited longer than the shop allows (link_expiry_minutes)


class TransferOutcome(StrEnum):
    QUEUED = "queued"  # waiting to be sent (offline, asked to slow down…)
    SENDING = "sending"
    UNCERTAIN = "uncertain"  # answer lost: checked before anything is sent again
    REVIEW = "review"  # a person must check it with CinetPay; never re-sent automatically
    CONFIRM_EMAIL = "confirm_email"  # CinetPay waits for the merchant's e-mail confirmation
    IN_PROGRESS = "in_progress"  # accepted, being processed (NEW, REC)
    DONE = "done"  # VAL: the money reached the recipient
    REJECTED = "rejected"  # REJ
    FAILED = "failed"  # refused before any processing (validation, balance, not a contact…)


FINAL_LINK_OUTCOMES = frozenset({LinkOutcome.PAID, LinkOutcome.REFUSED, LinkOutcome.FAILED,
                                 LinkOutcome.NEVER_CREATED, LinkOutcome.NO_URL,
                                 LinkOutcome.ANOMALY, LinkOutcome.CANCELLED,
                                 LinkOutcome.EXPIRED})
"""Nothing more will happen on its own (a refused or ended link can still be checked: a late
payment is recorded and flagged, see :func:`link_paid_late`)."""

ENDED_LINK_OUTCOMES = frozenset({LinkOutcome.CANCELLED, LinkOutcome.EXPIRED})
CANCELLABLE_LINK_OUTCOMES = frozenset({LinkOutcome.PENDING, LinkOutcome.REFUSED,
                                       LinkOutcome.UNCERTAIN, LinkOutcome.NO_URL})
"""What a cashier may cancel: not paid, not being created, not "à vérifier", not ended."""

SCANNABLE_LINK_OUTCOMES = frozenset({LinkOutcome.PENDING})
"""Only a link waiting for its customer may be shown as a QR to scan."""

FINAL_TRANSFER_OUTCOMES = frozenset({TransferOutcome.DONE, TransferOutcome.REJECTED,
                                     TransferOutcome.FAILED})


def link_outcome(row: LinkRow) -> LinkOutcome:
    """The one reading of a link's row (the journal refuses an anomaly stored as ACCEPTED)."""
    if row.payment_status == PaymentStatus.ACCEPTED:
        return LinkOutcome.PAID
    if row.anomaly:
        return LinkOutcome.ANOMALY
    if row.state is State.FAILED and row.reason == Reason.NEVER_CREATED:
        return LinkOutcome.NEVER_CREATED
    if row.end_reason and row.state in (State.SENT, State.UNCERTAIN):
        return LinkOutcome.CANCELLED if row.end_reason == "cancelled" else LinkOutcome.EXPIRED
    by_state = {State.FAILED: LinkOutcome.FAILED, State.UNCERTAIN: LinkOutcome.UNCERTAIN,
                State.QUEUED: LinkOutcome.SENDING, State.SENDING: LinkOutcome.SENDING}
    if row.state in by_state:
        return by_state[row.state]
    if row.payment_status == PaymentStatus.REFUSED:
        return LinkOutcome.REFUSED
    return LinkOutcome.PENDING if row.payment_url else LinkOutcome.NO_URL


def link_needs_checking(row: LinkRow) -> bool:
    """Worth asking CinetPay about without being asked: waiting, sending or uncertain."""
    return link_outcome(row) in (LinkOutcome.PENDING, LinkOutcome.UNCERTAIN,
                                 LinkOutcome.SENDING)


def link_ended(row: LinkRow) -> bool:
    """Cancelled or expired (whatever came after: a late payment keeps the stamp)."""
    return row.ended_at is not None


def link_paid_late(row: LinkRow) -> bool:
    """Paid after it was cancelled or expired: the money is there (PAYÉ), but the customer
    was told not to pay, or had left. Shown as such; the closing reports it."""
    return (link_outcome(row) is LinkOutcome.PAID and row.ended_at is not None
            and row.accepted_at is not None and row.ended_at < row.accepted_at)


def link_cancellable(row: LinkRow) -> bool:
    return link_outcome(row) in CANCELLABLE_LINK_OUTCOMES


def link_checkable(row: LinkRow) -> bool:
    """CinetPay can be asked about it now ("Vérifier"): sent or uncertain, not yet final
    (a refused or doubtful link stays checkable until the journal closes it)."""
    return row.state not in (State.FINAL, State.FAILED, State.QUEUED)


def transfer_outcome(row: TransferRow) -> TransferOutcome:
    """The one reading of a transfer's row."""
    if row.review:
        return TransferOutcome.REVIEW
    if row.awaits_email_confirmation:
        return TransferOutcome.CONFIRM_EMAIL
    by_state = {State.FAILED: TransferOutcome.FAILED, State.QUEUED: TransferOutcome.QUEUED,
                State.UNCERTAIN: TransferOutcome.UNCERTAIN,
                State.SENDING: TransferOutcome.SENDING}
    if row.state in by_state:
        return by_state[row.state]
    if row.treatment_status == TreatmentStatus.VAL:
        return TransferOutcome.DONE
    if row.treatment_status == TreatmentStatus.REJ:
        return TransferOutcome.REJECTED
    return TransferOutcome.IN_PROGRESS


def transfer_processing(row: TransferRow) -> bool:
    """In progress and CinetPay has started on it (a status other than NEW: REC…)."""
    return transfer_outcome(row) is TransferOutcome.IN_PROGRESS and bool(
        row.treatment_status) and row.treatment_status != TreatmentStatus.NEW


def transfer_needs_following(row: TransferRow) -> bool:
    """Not final yet: the sync keeps asking CinetPay about it."""
    return transfer_outcome(row) not in FINAL_TRANSFER_OUTCOMES


def tally_links(rows: Iterable[LinkRow]) -> Counter[LinkOutcome]:
    return Counter(link_outcome(r) for r in rows)


def tally_transfers(rows: Iterable[TransferRow]) -> Counter[TransferOutcome]:
    return Counter(transfer_outcome(r) for r in rows)


class ContactOutcome(StrEnum):
    """Whether a transfer may go to this contact yet."""

    ADDED = "added"  # known to CinetPay: transfers may go to it
    QUEUED = "queued"  # saved here, waits for the network
    SENDING = "sending"
    UNCERTAIN = "uncertain"  # answer lost: checked with CinetPay, never added twice
    REFUSED = "refused"  # CinetPay (or our checks) refused it


def contact_outcome(row: ContactRow) -> ContactOutcome:
    """The one reading of a contact's row (contacts end at ``sent``: no ``final``)."""
    return {State.SENT: ContactOutcome.ADDED, State.FINAL: ContactOutcome.ADDED,
            State.QUEUED: ContactOutcome.QUEUED, State.SENDING: ContactOutcome.SENDING,
            State.UNCERTAIN: ContactOutcome.UNCERTAIN}.get(row.state, ContactOutcome.REFUSED)


def tally_contacts(rows: Iterable[ContactRow]) -> Counter[ContactOutcome]:
    return Counter(contact_outcome(r) for r in rows)
