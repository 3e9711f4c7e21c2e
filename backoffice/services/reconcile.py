"""The journal against CinetPay's own books, on the transaction id (pure functions: the closing
service gathers the facts, these decide). One anomaly per transaction id at most.

- A link the journal already flagged (payment_links.anomaly) keeps that anomaly.
- ``late_payment``: paid, but the till learned it only at closing (the closing's own check
  moved it to PAYÉ), or after the link had ended (cancelled / expired at the till).
- With CinetPay's history of the period: ``amount_mismatch`` / ``currency_mismatch`` (both
  say paid, not the same money), ``status_mismatch`` (one says paid, the other does not, or
  the history does not list a link the journal has as paid), and ``not_in_journal`` (paid
  on this account in the period, never created by this journal), kept apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime

from ..api.models import PaymentStatus
from ..store.closings import PeriodLink
from ..store.history import HistoryRow
from .closing_report import Action, Anomaly, AnomalyKind, Side, TotalLine, Totals
from .outcomes import LinkOutcome, link_outcome

NO_OPERATOR = "?"
# payment_links.anomaly codes (services/link_truth.py) that name a kind of the report.
JOURNAL_KINDS = {"amount_mismatch": AnomalyKind.AMOUNT_MISMATCH,
                 "currency_mismatch": AnomalyKind.CURRENCY_MISMATCH,
                 "status_mismatch": AnomalyKind.STATUS_MISMATCH}


def paid_at_utc(row: HistoryRow) -> datetime | None:
    """CinetPay's payment time (its dates are GMT, Côte d'Ivoire's time), aware."""
    return None if row.paid_at is None else row.paid_at.replace(tzinfo=UTC)


def _journal_side(link: PeriodLink) -> Side:
    row = link.row
    return Side(row.payment_status, row.amount, row.currency, link.learned_paid_at,
                row.anomaly_detail or "")


def _cinetpay_side(row: HistoryRow | None, detail: str = "") -> Side:
    if row is None:
        return Side(detail=detail)
    amount = int(row.amount) if row.amount == row.amount.to_integral_value() else None
    return Side(row.status, amount, row.currency, paid_at_utc(row),
                detail or f"{row.result_code} {row.error_message}".strip())


def _anomaly(kind: AnomalyKind, link: PeriodLink, cinetpay: Side, action: Action) -> Anomaly:
    row = link.row
    return Anomaly(kind, row.transaction_id, row.amount, row.currency, cinetpay,
                   _journal_side(link), action, row.payment_method or None, link.cashier_id)


def is_late(link: PeriodLink, learned_at_closing: set[str]) -> bool:
    """Paid, and the till learned it at closing or after the link had ended."""
    if link_outcome(link.row) is not LinkOutcome.PAID:
        return False
    if link.row.transaction_id in learned_at_closing:
        return True
    return (link.ended_at is not None and link.learned_paid_at is not None
            and link.learned_paid_at > link.ended_at)


def link_anomalies(links: Iterable[PeriodLink], history: dict[str, HistoryRow] | None,
                   learned_at_closing: set[str]) -> list[Anomaly]:
    """The till's anomalies. ``history`` None: this platform has none (per-link checks only)."""
    found: list[Anomaly] = []
    for link in links:
        item = _one(link, history, learned_at_closing)
        if item is not None:
            found.append(item)
    return found


def _one(link: PeriodLink, history: dict[str, HistoryRow] | None,
         learned_at_closing: set[str]) -> Anomaly | None:
    row = link.row
    theirs = None if history is None else history.get(row.transaction_id)
    if row.anomaly:
        kind = JOURNAL_KINDS.get(row.anomaly, AnomalyKind.JOURNAL_ANOMALY)
        return _anomaly(kind, link, _cinetpay_side(theirs, row.anomaly_detail or ""),
                        Action.CHECK_IN_CINETPAY)
    paid_here = link_outcome(row) is LinkOutcome.PAID
    if history is not None:
        paid_there = theirs is not None and theirs.status == PaymentStatus.ACCEPTED
        if paid_here and theirs is None:
            return _anomaly(AnomalyKind.STATUS_MISMATCH, link,
                            _cinetpay_side(None),
                            Action.CHECK_BEFORE_GOODS)
        if paid_here and not paid_there:
            return _anomaly(AnomalyKind.STATUS_MISMATCH, link, _cinetpay_side(theirs),
                            Action.CHECK_BEFORE_GOODS)
        if paid_there and not paid_here:
            return _anomaly(AnomalyKind.STATUS_MISMATCH, link, _cinetpay_side(theirs),
                            Action.CHECK_IN_CINETPAY)
        if paid_here and theirs is not None and theirs.currency != row.currency:
            return _anomaly(AnomalyKind.CURRENCY_MISMATCH, link, _cinetpay_side(theirs),
                            Action.CHECK_IN_CINETPAY)
        if paid_here and theirs is not None and theirs.amount != row.amount:
            return _anomaly(AnomalyKind.AMOUNT_MISMATCH, link, _cinetpay_side(theirs),
                            Action.CHECK_IN_CINETPAY)
    if is_late(link, learned_at_closing):
        return _anomaly(AnomalyKind.LATE_PAYMENT, link, _cinetpay_side(theirs),
                        Action.CHECK_GOODS_GIVEN)
    return None


def outside_payments(history: Iterable[HistoryRow], in_journal: set[str], start: datetime,
                     end: datetime) -> list[Anomaly]:
    """Paid at CinetPay in ``[start, end)`` on this account, never created by this journal."""
    found = []
    for row in sorted(history, key=lambda r: (r.paid_at or datetime.min, r.transaction_id)):
        at = paid_at_utc(row)
        if (row.status != PaymentStatus.ACCEPTED or row.transaction_id in in_journal
                or at is None or not start <= at < end):
            continue
        side = _cinetpay_side(row)
        found.append(Anomaly(AnomalyKind.NOT_IN_JOURNAL, row.transaction_id,
                             side.amount if side.amount is not None else 0, row.currency, side,
                             Side(), Action.RECORD_OUTSIDE_SALE, row.operator or None))
    return found


# --- totals -------------------------------------------------------------------------------------


def _lines(groups: dict[tuple[str, str], list[int]],
           labels: dict[str, str] | None = None) -> tuple[TotalLine, ...]:
    return tuple(TotalLine(key, currency, len(amounts), sum(amounts),
                           (labels or {}).get(key, ""))
                 for (key, currency), amounts in sorted(groups.items()))


def link_totals(links: Iterable[PeriodLink], names: dict[str, str]) -> Totals:
    """Counts and int totals per outcome; per operator, currency and cashier of paid links."""
    status: dict[tuple[str, str], list[int]] = defaultdict(list)
    operator: dict[tuple[str, str], list[int]] = defaultdict(list)
    currency: dict[tuple[str, str], list[int]] = defaultdict(list)
    cashier: dict[tuple[str, str], list[int]] = defaultdict(list)
    for link in links:
        row = link.row
        outcome = link_outcome(row)
        status[(str(outcome), row.currency)].append(row.amount)
        if outcome is LinkOutcome.PAID:
            operator[(row.payment_method or NO_OPERATOR, row.currency)].append(row.amount)
            currency[(row.currency, row.currency)].append(row.amount)
            cashier[(link.cashier_id or "", row.currency)].append(row.amount)
    return Totals(_lines(status), _lines(operator), _lines(currency), _lines(cashier, names))
