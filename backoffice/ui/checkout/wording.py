"""How a payment link's outcome (``services/outcomes.py``) is told to people: the one place of
the Encaisser screen that says "PAYÉ", "Paiement à vérifier"… and picks their colours. The
cashier's panel, the customer window, today's list and the till's messages all read it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QObject

from ...api.codes import Family, lookup
from ...api.models import PaymentStatus
from ...services.link_truth import anomaly_text
from ...services.outcomes import LinkOutcome, link_outcome, link_paid_late
from ...services.reasons import reason_text
from ...store.links import LinkRow
from ..kit.formatting import money, payment_status
from ..kit.labels import operator_name


class Tone(NamedTuple):
    panel: str  # the whole view's background
    banner: str  # the status line's background
    text: str  # the status line's text


EMPTY_TONE = Tone("#ffffff", "#eef1f5", "#37474f")  # no link shown
TONES: dict[LinkOutcome, Tone] = {
    LinkOutcome.SENDING: EMPTY_TONE,
    LinkOutcome.PENDING: Tone("#ffffff", "#eef1f5", "#263238"),
    LinkOutcome.PAID: Tone("#e3f4e6", "#1e7b34", "#ffffff"),
    LinkOutcome.REFUSED: Tone("#fdecea", "#b3261e", "#ffffff"),
    LinkOutcome.UNCERTAIN: Tone("#fff8ec", "#ffe2b3", "#5c3b00"),
    LinkOutcome.FAILED: Tone("#fdf1f0", "#f6d0cc", "#611a15"),
    LinkOutcome.NEVER_CREATED: Tone("#fdf1f0", "#f6d0cc", "#611a15"),
    LinkOutcome.NO_URL: Tone("#fdf1f0", "#f6d0cc", "#611a15"),
    LinkOutcome.ANOMALY: Tone("#fff4e5", "#e65100", "#ffffff"),  # à vérifier: never green
    LinkOutcome.CANCELLED: Tone("#f1f3f4", "#5f6368", "#ffffff"),
    LinkOutcome.EXPIRED: Tone("#f1f3f4", "#5f6368", "#ffffff"),
}
# The status column of today's list (a waiting link keeps the table's own colour).
LIST_COLOURS: dict[LinkOutcome, str] = {
    LinkOutcome.PAID: "#1e7b34", LinkOutcome.REFUSED: "#b3261e",
    LinkOutcome.UNCERTAIN: "#8a5300", LinkOutcome.FAILED: "#8c1d18",
    LinkOutcome.NEVER_CREATED: "#8c1d18",
    LinkOutcome.NO_URL: "#8c1d18", LinkOutcome.SENDING: "#5f6368",
    LinkOutcome.ANOMALY: "#e65100", LinkOutcome.CANCELLED: "#5f6368",
    LinkOutcome.EXPIRED: "#5f6368",
}
# The cashier keeps a settled link's QR on screen; the customer sees it only while it waits.
CASHIER_QR = frozenset({LinkOutcome.PENDING, LinkOutcome.PAID, LinkOutcome.REFUSED})
BEING_CHECKED = frozenset({LinkOutcome.UNCERTAIN, LinkOutcome.SENDING})


def tone(outcome: LinkOutcome | None) -> Tone:
    return EMPTY_TONE if outcome is None else TONES[outcome]


def tone_sheet(outcome: LinkOutcome | None, object_name: str) -> str:
    return f"#{object_name} {{ background: {tone(outcome).panel}; border-radius: 8px; }}"


@dataclass(frozen=True)
class Presentation:
    outcome: LinkOutcome | None  # None: no link shown
    title: str
    detail: str = ""
    customer_title: str = ""  # shop-neutral wording for the customer's screen
    customer_detail: str = ""

    @property
    def shows_qr(self) -> bool:
        return self.outcome in CASHIER_QR

    @property
    def being_checked(self) -> bool:
        return self.outcome in BEING_CHECKED


def refusal_reason(row: LinkRow, lang: str) -> str:
    info = lookup(Family.CHECKOUT, row.status_code) if row.status_code else None
    if info is not None and info.code not in ("00", "201"):
        return info.fr if lang.startswith("fr") else info.en
    return row.status_message or QCoreApplication.translate("LinkStatus", "motif non précisé")


def method_label(method: str | None) -> str:
    """The operator's name as the dashboard and the history write it ("" when unknown)."""
    return operator_name(method) if method else ""


def paid_by(row: LinkRow) -> str:
    """Operator and phone of a paid link ("" for any other outcome)."""
    if link_outcome(row) is not LinkOutcome.PAID:
        return ""
    return " · ".join(p for p in (method_label(row.payment_method), row.phone or "") if p)


class LinkWording(QObject):
    """The words for a link's outcome; a QObject so that ``self.tr`` gives pyside6-lupdate and
    the runtime the same context ("LinkWording")."""

    def present(self, row: LinkRow | None, lang: str) -> Presentation:
        if row is None:
            return Presentation(None, "")
        words: dict[LinkOutcome, Callable[[LinkRow, str], Presentation]] = {
            LinkOutcome.PAID: self._paid, LinkOutcome.ANOMALY: self._anomaly,
            LinkOutcome.REFUSED: self._refused, LinkOutcome.FAILED: self._failed,
            LinkOutcome.NEVER_CREATED: self._never_created,
            LinkOutcome.UNCERTAIN: self._uncertain, LinkOutcome.SENDING: self._sending,
            LinkOutcome.NO_URL: self._no_url, LinkOutcome.PENDING: self._pending,
            LinkOutcome.CANCELLED: self._cancelled, LinkOutcome.EXPIRED: self._expired,
        }
        return words[link_outcome(row)](row, lang)

    def _wait(self) -> str:
        return self.tr("Merci de patienter")

    def _paid(self, row: LinkRow, _lang: str) -> Presentation:
        who = paid_by(row)
        detail = self.tr("Payé par {who}").format(who=who) if who else ""
        if link_paid_late(row):
            detail = (self.tr("Paiement tardif : reçu après la fin du lien.") + " "
                      + detail).strip()
        return Presentation(LinkOutcome.PAID, payment_status(PaymentStatus.ACCEPTED), detail,
                            self.tr("Paiement reçu"), self.tr("Merci !"))

    def _anomaly(self, row: LinkRow, lang: str) -> Presentation:
        return Presentation(LinkOutcome.ANOMALY, self.tr("Paiement à vérifier"),
                            anomaly_text(row, lang),
                            self.tr("Paiement en cours de vérification"), self._wait())

    def _refused(self, row: LinkRow, lang: str) -> Presentation:
        reason = refusal_reason(row, lang)
        return Presentation(LinkOutcome.REFUSED, payment_status(PaymentStatus.REFUSED), reason,
                            self.tr("Paiement refusé"), reason)

    def _failed(self, row: LinkRow, lang: str) -> Presentation:
        return self._not_created(LinkOutcome.FAILED,
                                 reason_text(row.reason, lang) or row.last_error or "")

    def _never_created(self, _row: LinkRow, _lang: str) -> Presentation:
        return self._not_created(LinkOutcome.NEVER_CREATED, self.tr(
            "CinetPay ne connaît pas ce lien : il n'a jamais été créé."))

    def _not_created(self, outcome: LinkOutcome, why: str) -> Presentation:
        detail = (why + " " + self.tr("Créez un nouveau lien.")).strip()
        return Presentation(outcome, self.tr("Lien non créé"), detail,
                            self.tr("Paiement indisponible"), self._wait())

    def _uncertain(self, _row: LinkRow, _lang: str) -> Presentation:
        return Presentation(
            LinkOutcome.UNCERTAIN, self.tr("Réponse perdue : vérification en cours"),
            self.tr("CinetPay n'a pas répondu à temps. Comptoir vérifie si le lien existe ; "
                    "il ne sera pas créé deux fois."),
            self.tr("Un instant…"), self._wait())

    def _sending(self, _row: LinkRow, _lang: str) -> Presentation:
        return Presentation(LinkOutcome.SENDING, self.tr("Création du lien…"), "",
                            self.tr("Un instant…"), self._wait())

    def _no_url(self, _row: LinkRow, _lang: str) -> Presentation:
        return Presentation(
            LinkOutcome.NO_URL, self.tr("Lien inutilisable"),
            self.tr("Lien créé chez CinetPay mais son adresse est perdue : "
                    "créez un nouveau lien pour ce client."),
            self.tr("Paiement indisponible"), self._wait())

    def _pending(self, _row: LinkRow, _lang: str) -> Presentation:
        return Presentation(LinkOutcome.PENDING, payment_status(PaymentStatus.PENDING),
                            self.tr("En attente du paiement du client"),
                            self.tr("Scannez le code pour payer"),
                            self.tr("avec votre téléphone (mobile money, carte…)"))

    def _cancelled(self, _row: LinkRow, _lang: str) -> Presentation:
        return Presentation(
            LinkOutcome.CANCELLED, self.tr("Lien annulé"),
            self.tr("Annulé à la caisse. CinetPay ne permet pas d'annuler un lien : sa page "
                    "reste ouverte, le client ne doit pas payer. Un paiement qui arriverait "
                    "quand même sera signalé."),
            self.tr("Paiement annulé"), self.tr("Ne payez pas ce code. Merci !"))

    def _expired(self, _row: LinkRow, _lang: str) -> Presentation:
        return Presentation(
            LinkOutcome.EXPIRED, self.tr("Lien expiré"),
            self.tr("Le client n'a pas payé à temps. CinetPay ne le sait pas : un paiement qui "
                    "arriverait quand même sera signalé. Créez un nouveau lien si besoin."),
            self.tr("Paiement expiré"), self.tr("Demandez un nouveau code à la caisse."))

    def list_status(self, row: LinkRow, lang: str) -> str:
        """The short status of today's list (a refusal or an anomaly keeps its reason)."""
        p = self.present(row, lang)
        if p.outcome in (LinkOutcome.REFUSED, LinkOutcome.ANOMALY):
            return f"{p.title} ({p.detail})" if p.detail else p.title
        if link_paid_late(row):
            return self.tr("{paid} (paiement tardif)").format(paid=p.title)
        short = {LinkOutcome.UNCERTAIN: self.tr("Vérification…"),
                 LinkOutcome.FAILED: self.tr("Non créé"),
                 LinkOutcome.NEVER_CREATED: self.tr("Non créé"),
                 LinkOutcome.NO_URL: self.tr("Sans adresse : à refaire"),
                 LinkOutcome.SENDING: self.tr("Création…"),
                 LinkOutcome.CANCELLED: self.tr("Annulé"),
                 LinkOutcome.EXPIRED: self.tr("Expiré")}
        return short.get(link_outcome(row), p.title)

    def created_notice(self, row: LinkRow, lang: str) -> tuple[str, str] | None:
        """What the till says (text, message kind) when a new link did not simply work."""
        outcome = link_outcome(row)
        if outcome is LinkOutcome.UNCERTAIN:
            return self.tr("Réponse perdue : vérification en cours. Le lien ne sera pas créé "
                           "deux fois."), "warning"
        if outcome is LinkOutcome.NO_URL:
            return self.tr("Ce lien ne peut pas être montré (son adresse s'est perdue) : "
                           "créez un nouveau lien pour ce client."), "warning"
        if outcome is LinkOutcome.ANOMALY:
            return self.tr("Paiement à vérifier : {reason}. Aucun QR n'est montré ; créez un "
                           "nouveau lien pour ce client.").format(
                               reason=self.present(row, lang).detail), "error"
        return None

    def paid_notice(self, row: LinkRow, lang: str) -> str:
        return self.tr("Paiement reçu : {amount}").format(
            amount=money(row.amount, row.currency, lang))


_WORDING: list[LinkWording] = []


def wording() -> LinkWording:
    if not _WORDING:
        _WORDING.append(LinkWording())
    return _WORDING[0]


def present(row: LinkRow | None, lang: str = "fr") -> Presentation:
    return wording().present(row, lang)
