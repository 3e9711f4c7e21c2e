"""What a payment check means for one link, and what a link's row means for people.

A link is **paid** only when the check says code ``00`` *and* ``data.status`` ACCEPTED *and*
the amount and currency equal the link's (CinetPay's guide says to compare the amount). Any
disagreement is an *anomaly*: a stable code on the row, "Paiement à vérifier", never PAYÉ.
Qt-free: the GUI and the CLI only render :func:`link_outcome` and :func:`anomaly_text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..api.models import PaymentCheck, PaymentStatus
from ..store.links import LinkRow
from ..store.states import State

# Anomaly codes (stable, for --json and scripts).
AMOUNT_MISMATCH = "amount_mismatch"
CURRENCY_MISMATCH = "currency_mismatch"
STATUS_MISMATCH = "status_mismatch"  # code 00 without data.status ACCEPTED
CODE_MISMATCH = "code_mismatch"  # data.status ACCEPTED without code 00
UNTRUSTED_URL = "untrusted_url"  # payment_url off CinetPay's hosts: never a QR
# Money anomalies stay until a person settles them: a later "clean" answer does not make the
# link PAYÉ (the reading that can never show PAYÉ wrongly).
STICKY = frozenset({AMOUNT_MISMATCH, CURRENCY_MISMATCH, UNTRUSTED_URL})

ANOMALY_TEXT: dict[str, dict[str, str]] = {
    AMOUNT_MISMATCH: {"fr": "CinetPay annonce un autre montant que celui du lien",
                      "en": "CinetPay reports another amount than the link's"},
    CURRENCY_MISMATCH: {"fr": "CinetPay annonce une autre devise que celle du lien",
                        "en": "CinetPay reports another currency than the link's"},
    STATUS_MISMATCH: {"fr": "CinetPay dit « réussi » mais le statut n'est pas « accepté »",
                      "en": "CinetPay says 'success' but the status is not 'accepted'"},
    CODE_MISMATCH: {"fr": "CinetPay dit « accepté » sans le code de succès",
                    "en": "CinetPay says 'accepted' without the success code"},
    UNTRUSTED_URL: {"fr": "L'adresse de paiement reçue n'est pas celle de CinetPay : "
                          "aucun QR n'est montré",
                    "en": "The payment address received is not CinetPay's: no QR is shown"},
}
URL_LOST = {"fr": "Lien créé chez CinetPay mais son adresse est perdue : créez un nouveau lien",
            "en": "Link created at CinetPay but its address is lost: create a new link"}
TO_CHECK = {"fr": "Paiement à vérifier", "en": "Payment to be checked"}


@dataclass(frozen=True)
class Verdict:
    """How a check answer is journaled: the payment status, or an anomaly with its facts."""

    status: PaymentStatus | None  # None: keep the stored status (anomaly)
    anomaly: str | None = None
    detail: str | None = None


def judge(row: LinkRow, check: PaymentCheck) -> Verdict:
    """The one decision on a check answer for ``row``."""
    code_paid = check.code == "00"
    data_paid = check.data_status == "ACCEPTED"
    said = f"code {check.code or '?'}, status {check.data_status or '?'}"
    if code_paid != data_paid:
        return Verdict(None, STATUS_MISMATCH if code_paid else CODE_MISMATCH, said)
    if not code_paid:
        return Verdict(check.status if check.status is not PaymentStatus.ACCEPTED
                       else PaymentStatus.PENDING)
    if check.amount is None or check.amount != Decimal(row.amount):
        got = "?" if check.amount is None else str(check.amount)
        return Verdict(None, AMOUNT_MISMATCH,
                       f"CinetPay {got} {check.currency or '?'}; link {row.amount} {row.currency}")
    if check.currency.strip().upper() != row.currency.strip().upper():
        return Verdict(None, CURRENCY_MISMATCH,
                       f"CinetPay {check.amount} {check.currency or '?'}; "
                       f"link {row.amount} {row.currency}")
    return Verdict(PaymentStatus.ACCEPTED)


def url_lost(row: LinkRow) -> bool:
    """Created at CinetPay (checked: it exists) but its address never reached us."""
    return (row.state is State.SENT and not row.payment_url and not row.anomaly
            and row.payment_status in (None, "PENDING"))


def anomaly_text(row: LinkRow, lang: str) -> str:
    """The reason, for people ("" without an anomaly), with what CinetPay said."""
    if not row.anomaly:
        return ""
    key = "en" if lang.startswith("en") else "fr"
    reason = ANOMALY_TEXT.get(row.anomaly, {"fr": "Réponse incohérente de CinetPay",
                                            "en": "Inconsistent answer from CinetPay"})[key]
    return f"{reason} ({row.anomaly_detail})" if row.anomaly_detail else reason
