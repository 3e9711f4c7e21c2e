"""The shape of an end-of-day closing (clôture de caisse): a frozen tree the closing service
builds (services/closing.py), the journal keeps as JSON (table ``closings``, never edited),
and the front-ends render (CLI, Clôture screen, PDF). Amounts are int in the currency's unit,
never float; times are aware UTC datetimes (shown in the shop's time zone).

Words are chosen when a report is shown, in the reader's language: :func:`kind_text`,
:func:`action_text`, :func:`sync_text` (fr/en). ``to_json`` is what ``close-day --json``
prints: ``{"closing_id", "period", "totals", "cash", "anomalies": [{"kind",
"transaction_id", …}], …}``; ``anomalies`` there holds the till's anomalies then the
payments not in the journal (kind ``not_in_journal``), which the tree keeps apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ..store.clock import from_iso, to_iso

FORMAT_VERSION = 1


class AnomalyKind(StrEnum):
    LATE_PAYMENT = "late_payment"  # paid at CinetPay, the till learned it only at closing
    NOT_IN_JOURNAL = "not_in_journal"  # paid on this account, not from this till
    AMOUNT_MISMATCH = "amount_mismatch"  # the journal and CinetPay disagree on the amount
    STATUS_MISMATCH = "status_mismatch"  # … on whether it is paid
    CURRENCY_MISMATCH = "currency_mismatch"  # … on the currency
    JOURNAL_ANOMALY = "journal_anomaly"  # a check already flagged it (payment_links.anomaly)


class Action(StrEnum):
    """What a person should do about an anomaly (words: :func:`action_text`)."""

    CHECK_GOODS_GIVEN = "check_goods_given"  # late payment: was the customer served?
    RECORD_OUTSIDE_SALE = "record_outside_sale"  # not in journal: which channel sold it?
    CHECK_IN_CINETPAY = "check_in_cinetpay"  # mismatch: compare with CinetPay's back office
    CHECK_BEFORE_GOODS = "check_before_goods"  # journal says paid, CinetPay does not


class HistorySource(StrEnum):
    """How CinetPay's side was known at closing time."""

    HISTORY = "history"  # the period's history was fetched and reconciled
    LINKS_ONLY = "links_only"  # this platform has no history: per-link checks only
    UNREACHABLE = "unreachable"  # CinetPay could not be reached: the closing is provisional


@dataclass(frozen=True)
class TotalLine:
    """``count`` operations for ``amount`` (int) of ``currency`` under ``key`` (a status,
    an operator, a currency or a cashier_id; ``label`` is a name to show, when known)."""

    key: str
    currency: str
    count: int
    amount: int
    label: str = ""


@dataclass(frozen=True)
class Totals:
    """The till's payment links of the period (``not_in_journal`` is never counted here).
    ``by_status`` keys are LinkOutcome values (paid, refused, pending, anomaly…);
    ``by_operator``, ``by_currency`` and ``by_cashier`` count the paid links only."""

    by_status: tuple[TotalLine, ...] = ()
    by_operator: tuple[TotalLine, ...] = ()
    by_currency: tuple[TotalLine, ...] = ()
    by_cashier: tuple[TotalLine, ...] = ()

    def paid(self, currency: str) -> int:
        return sum(t.amount for t in self.by_currency if t.currency == currency)


@dataclass(frozen=True)
class Cash:
    """The drawer: expected = float + sales − payouts; difference = counted − expected
    (negative: cash missing), None when nothing was counted."""

    currency: str
    float_in: int = 0
    sales: int = 0
    sales_count: int = 0
    payouts: int = 0
    expected: int = 0
    counted: int | None = None
    difference: int | None = None


@dataclass(frozen=True)
class Transfers:
    """Transfers of the day: ``lines`` keyed ``final`` (done), ``uncertain`` (not known
    yet, being followed or to review) and ``failed`` (rejected or refused)."""

    currency: str = "XOF"
    lines: tuple[TotalLine, ...] = ()

    def line(self, key: str) -> TotalLine:
        for item in self.lines:
            if item.key == key:
                return item
        return TotalLine(key, self.currency, 0, 0)


@dataclass(frozen=True)
class Side:
    """What one side (the journal or CinetPay) says about a payment."""

    status: str | None = None  # ACCEPTED / REFUSED / PENDING, or None when it has nothing
    amount: int | None = None
    currency: str | None = None
    at: datetime | None = None  # paid at CinetPay / learned by the till
    detail: str = ""


@dataclass(frozen=True)
class Anomaly:
    kind: AnomalyKind
    transaction_id: str
    amount: int
    currency: str
    cinetpay: Side
    journal: Side
    action: Action
    operator: str | None = None
    cashier_id: str | None = None


@dataclass(frozen=True)
class SyncInfo:
    """How the closing brought CinetPay up to date before reconciling."""

    source: HistorySource
    links_checked: int = 0
    links_still_waiting: int = 0  # could not be settled (unreachable, asked to wait…)
    history_rows: int = 0


@dataclass(frozen=True)
class Reopening:
    at: datetime
    by: str | None
    reason: str


@dataclass(frozen=True)
class ClosingReport:
    closing_id: str
    version: int
    shop_day: date
    till: str
    cashier_id: str | None  # None: the whole till; else that cashier's shift
    period_start: datetime
    period_end: datetime
    timezone: str
    provisional: bool
    created_at: datetime
    closed_by: str | None
    totals: Totals
    cash: Cash
    transfers: Transfers
    sync: SyncInfo
    anomalies: tuple[Anomaly, ...] = ()  # the till's own
    not_in_journal: tuple[Anomaly, ...] = ()  # paid on this account elsewhere: apart
    cashier_names: dict[str, str] = field(default_factory=dict)  # cashier_id → name
    shop_name: str = ""
    reopenings: tuple[Reopening, ...] = ()

    def name_of(self, cashier_id: str | None) -> str:
        if cashier_id is None:
            return ""
        return self.cashier_names.get(cashier_id, cashier_id)

    # --- JSON ---------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "closing_id": self.closing_id,
            "version": self.version,
            "shop_day": self.shop_day.isoformat(),
            "till": self.till,
            "cashier": self.cashier_id,
            "period": {"start": to_iso(self.period_start), "end": to_iso(self.period_end),
                       "timezone": self.timezone},
            "provisional": self.provisional,
            "created_at": to_iso(self.created_at),
            "closed_by": self.closed_by,
            "totals": {name: [_line_json(t) for t in getattr(self.totals, name)]
                       for name in ("by_status", "by_operator", "by_currency", "by_cashier")},
            "cash": dict(vars(self.cash)),
            "transfers": {"currency": self.transfers.currency,
                          "lines": [_line_json(t) for t in self.transfers.lines]},
            "sync": {"source": str(self.sync.source), "links_checked": self.sync.links_checked,
                     "links_still_waiting": self.sync.links_still_waiting,
                     "history_rows": self.sync.history_rows},
            "anomalies": [_anomaly_json(a) for a in (*self.anomalies, *self.not_in_journal)],
            "cashier_names": dict(self.cashier_names),
            "shop_name": self.shop_name,
            "reopenings": [{"at": to_iso(r.at), "by": r.by, "reason": r.reason}
                           for r in self.reopenings],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClosingReport:
        totals = data["totals"]
        anomalies = [_anomaly(a) for a in data.get("anomalies", [])]
        return cls(
            closing_id=data["closing_id"],
            version=int(data["version"]),
            shop_day=date.fromisoformat(data["shop_day"]),
            till=data["till"],
            cashier_id=data.get("cashier"),
            period_start=from_iso(data["period"]["start"]),
            period_end=from_iso(data["period"]["end"]),
            timezone=data["period"].get("timezone", ""),
            provisional=bool(data["provisional"]),
            created_at=from_iso(data["created_at"]),
            closed_by=data.get("closed_by"),
            totals=Totals(**{name: tuple(_line(t) for t in totals.get(name, []))
                             for name in ("by_status", "by_operator", "by_currency",
                                          "by_cashier")}),
            cash=Cash(**data["cash"]),
            transfers=Transfers(data["transfers"]["currency"],
                                tuple(_line(t) for t in data["transfers"]["lines"])),
            sync=SyncInfo(HistorySource(data["sync"]["source"]),
                          int(data["sync"]["links_checked"]),
                          int(data["sync"]["links_still_waiting"]),
                          int(data["sync"].get("history_rows", 0))),
            anomalies=tuple(a for a in anomalies if a.kind is not AnomalyKind.NOT_IN_JOURNAL),
            not_in_journal=tuple(a for a in anomalies
                                 if a.kind is AnomalyKind.NOT_IN_JOURNAL),
            cashier_names=dict(data.get("cashier_names", {})),
            shop_name=data.get("shop_name", ""),
            reopenings=tuple(Reopening(from_iso(r["at"]), r.get("by"), r.get("reason", ""))
                             for r in data.get("reopenings", [])),
        )

    @classmethod
    def loads(cls, text: str) -> ClosingReport:
        return cls.from_json(json.loads(text))


def _line_json(line: TotalLine) -> dict[str, Any]:
    return {"key": line.key, "currency": line.currency, "count": line.count,
            "amount": line.amount, "label": line.label}


def _line(data: dict[str, Any]) -> TotalLine:
    return TotalLine(data["key"], data["currency"], int(data["count"]), int(data["amount"]),
                     data.get("label", ""))


def _side_json(side: Side) -> dict[str, Any]:
    return {"status": side.status, "amount": side.amount, "currency": side.currency,
            "at": None if side.at is None else to_iso(side.at), "detail": side.detail}


def _side(data: dict[str, Any]) -> Side:
    at = data.get("at")
    return Side(data.get("status"), data.get("amount"), data.get("currency"),
                None if at is None else from_iso(at), data.get("detail", ""))


def _anomaly_json(item: Anomaly) -> dict[str, Any]:
    return {"kind": str(item.kind), "transaction_id": item.transaction_id,
            "amount": item.amount, "currency": item.currency,
            "cinetpay": _side_json(item.cinetpay), "journal": _side_json(item.journal),
            "action": str(item.action), "operator": item.operator,
            "cashier": item.cashier_id}


def _anomaly(data: dict[str, Any]) -> Anomaly:
    return Anomaly(AnomalyKind(data["kind"]), data["transaction_id"], int(data["amount"]),
                   data["currency"], _side(data["cinetpay"]), _side(data["journal"]),
                   Action(data["action"]), data.get("operator"), data.get("cashier"))


# --- words, in the reader's language ------------------------------------------------------------

KIND_WORDS: dict[AnomalyKind, dict[str, str]] = {
    AnomalyKind.LATE_PAYMENT: {"fr": "Paiement tardif", "en": "Late payment"},
    AnomalyKind.NOT_IN_JOURNAL: {"fr": "Paiement hors caisse", "en": "Paid outside the till"},
    AnomalyKind.AMOUNT_MISMATCH: {"fr": "Montant différent", "en": "Amount mismatch"},
    AnomalyKind.STATUS_MISMATCH: {"fr": "Statut différent", "en": "Status mismatch"},
    AnomalyKind.CURRENCY_MISMATCH: {"fr": "Devise différente", "en": "Currency mismatch"},
    AnomalyKind.JOURNAL_ANOMALY: {"fr": "Paiement à vérifier", "en": "Payment to check"},
}

ACTION_WORDS: dict[Action, dict[str, str]] = {
    Action.CHECK_GOODS_GIVEN: {
        "fr": "Payé chez CinetPay mais appris seulement à la clôture : vérifier que le client "
              "a bien reçu sa marchandise, sinon le recontacter ou le rembourser",
        "en": "Paid at CinetPay but learned only at closing: check that the customer got "
              "the goods, otherwise contact or refund them"},
    Action.RECORD_OUTSIDE_SALE: {
        "fr": "Payé sur ce compte CinetPay hors de cette caisse (boutique en ligne, autre "
              "caisse…) : identifier la vente ; non compté dans les totaux de la caisse",
        "en": "Paid on this CinetPay account outside this till (web shop, another till…): "
              "identify the sale; not counted in the till's totals"},
    Action.CHECK_IN_CINETPAY: {
        "fr": "Le journal et CinetPay ne sont pas d'accord : comparer avec l'espace marchand "
              "CinetPay avant de corriger",
        "en": "The journal and CinetPay disagree: compare with CinetPay's merchant back "
              "office before correcting anything"},
    Action.CHECK_BEFORE_GOODS: {
        "fr": "La caisse le croit payé mais CinetPay ne le montre pas payé : vérifier avec "
              "CinetPay avant de considérer la vente comme encaissée",
        "en": "The till believes it paid but CinetPay does not show it paid: check with "
              "CinetPay before counting the sale as collected"},
}

SYNC_WORDS: dict[HistorySource, dict[str, str]] = {
    HistorySource.HISTORY: {"fr": "Rapproché avec l'historique CinetPay de la période",
                            "en": "Reconciled with CinetPay's history of the period"},
    HistorySource.LINKS_ONLY: {
        "fr": "La nouvelle plateforme CinetPay n'a pas d'historique : rapproché lien par lien "
              "seulement (les paiements hors caisse ne peuvent pas être listés)",
        "en": "CinetPay's new platform has no history: reconciled link by link only "
              "(payments made outside the till cannot be listed)"},
    HistorySource.UNREACHABLE: {
        "fr": "CinetPay injoignable : clôture provisoire, à refaire une fois en ligne",
        "en": "CinetPay unreachable: provisional closing, run it again once online"},
}


def _pick(words: dict[str, str], lang: str) -> str:
    return words["en"] if lang.startswith("en") else words["fr"]


def kind_text(kind: AnomalyKind | str, lang: str = "fr") -> str:
    return _pick(KIND_WORDS[AnomalyKind(kind)], lang)


def action_text(action: Action | str, lang: str = "fr") -> str:
    return _pick(ACTION_WORDS[Action(action)], lang)


def sync_text(source: HistorySource | str, lang: str = "fr") -> str:
    return _pick(SYNC_WORDS[HistorySource(source)], lang)
