"""Payment links: create (journal first, then CinetPay), check one, check all pending.

Offline policy: a link is for a customer standing at the till, so a link that could not be
created is **not** queued for later (it would appear long after the customer left). When
CinetPay is certainly unreachable the link is marked failed with a clear "nothing was sent"
message. When the answer is lost (timeout, dropped connection, garbled answer) the link is
``uncertain``; it is resolved by asking CinetPay (check by transaction_id), never re-sent.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any

from ..api.checkout import payment_body
from ..api.codes import Family
from ..api.errors import CinetPayError, NotFound, NotSent, ValidationError
from ..api.models import Channel, Customer, PaymentCheck, PaymentRequest, PaymentStatus
from ..api.validation import check_payment
from ..store import links as journal
from ..store.db import Database
from ..store.links import LinkRow
from ..store.outbox import AWAITING_WINDOW
from ..store.states import State
from .bulk import GroupWriter, Window, rate_limited
from .context import ServiceContext
from .events import LINKS_CHANGED, OUTBOX_CHANGED
from .guard import claim, defer_if_pending, known, mark_if
from .ids import new_transaction_id
from .link_truth import STICKY, UNTRUSTED_URL, judge, url_lost
from .link_url import untrusted_reason
from .outcomes import link_cancellable, link_checkable, link_ended
from .reasons import WORDS, Reason, reason_for

log = logging.getLogger(__name__)

# How long a request we lost track of may still reach CinetPay (well past our deadline).
IN_FLIGHT_GRACE = timedelta(minutes=2)
# A cancelled or expired link is still checked by the sync (a late payment is recorded and
# flagged), but less often than a waiting one.
ENDED_RECHECK = timedelta(minutes=10)


class LinksService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def build_request(self, amount: int, description: str = "", *, currency: str = "",
                      channels: tuple[Channel, ...] = (Channel.ALL,),
                      customer: Customer | None = None, metadata: str = "",
                      invoice_data: dict[str, str] | None = None,
                      lock_phone_number: bool = False, alternative_currency: str = "",
                      lang: str = "") -> PaymentRequest:
        """A validated request with a fresh transaction_id (raises ValidationError)."""
        s = self.ctx.settings
        req = PaymentRequest(
            transaction_id=new_transaction_id(), amount=amount,
            currency=(currency or s.currency).upper(),
            description=description or s.description, notify_url=s.notify_url,
            return_url=s.return_url, channels=channels, lang=lang or s.lang,
            metadata=metadata, invoice_data=dict(invoice_data or {}),
            lock_phone_number=lock_phone_number, alternative_currency=alternative_currency,
            customer=customer or Customer())
        check_payment(req)
        self._current_body(req)  # the current platform's own rules, before journaling
        return req

    def _current_body(self, req: PaymentRequest) -> dict[str, Any] | None:
        """What the current platform is sent (validated; no secret), else None."""
        if self.ctx.current is None:
            return None
        from ..api.current.payments import payment_body as current_body
        from ..api.current.validation import check_payment as check_current

        current = self.ctx.checkout.request(req)
        check_current(current)
        return current_body(current)

    async def create(self, amount: int, description: str = "", **options: Any) -> LinkRow:
        """Journal the link, then ask CinetPay for it. Returns the row (``sent`` with its URL,
        or ``uncertain``); raises the CinetPayError when the link failed (journaled too)."""
        req = self.build_request(amount, description, **options)
        sent = self._current_body(req) or payment_body(req)  # minus apikey / site_id
        db = self.ctx.db
        cashier = self.ctx.cashier
        await db.run(journal.create_link, req.transaction_id, amount=req.amount,
                     currency=str(req.currency), description=req.description, request=sent,
                     till=self.ctx.till, cashier_id=cashier.cashier_id if cashier else None)
        self._changed()
        key = (req.transaction_id,)
        if self.ctx.connectivity.surely_offline():  # a stale "offline" is tried anyway
            error = NotSent("offline")
            await db.run(mark_if, journal.get_link, journal.mark_link, key, (State.QUEUED,),
                         State.FAILED, last_error=error.human(self.ctx.lang),
                         reason=reason_for(error, Family.CHECKOUT),
                         detail="offline: nothing sent")
            self._changed()
            raise error
        if not await db.run(claim, journal.get_link, journal.mark_link, [key]):
            raise NotSent("abandoned before sending")  # pragma: no cover - drain waits 2 min
        try:
            link = await self.ctx.call(self.ctx.checkout.init_payment(req))
        except CinetPayError as exc:
            row = await self._after_failure(req.transaction_id, exc)
            if row.state is State.UNCERTAIN:
                row = await self.refresh(req.transaction_id, quiet=True)
                if row.state is not State.FAILED:
                    return row  # created after all (or still to be checked)
            raise
        why = untrusted_reason(link.payment_url, self.ctx.checkout_endpoint)
        if why is not None:  # never stored as the link's address, never a QR
            log.warning("link %s: payment_url refused (%s)", req.transaction_id, why)
        created, _ = await db.run(mark_if, journal.get_link, journal.mark_link, key,
                                  (State.SENDING,), State.SENT,
                                  payment_status=str(PaymentStatus.PENDING),
                                  payment_token=link.payment_token,
                                  payment_url=link.payment_url if why is None else None,
                                  anomaly=None if why is None else UNTRUSTED_URL,
                                  anomaly_detail=None if why is None
                                  else f"{why}: {link.payment_url[:120]!r}",
                                  detail="created" if why is None else f"created; {why}")
        self._changed()
        return known(created)

    async def _after_failure(self, transaction_id: str, exc: CinetPayError) -> LinkRow:
        state = State.UNCERTAIN if exc.may_have_been_processed else State.FAILED
        row, _ = await self.ctx.db.run(mark_if, journal.get_link, journal.mark_link,
                                        (transaction_id,), (State.SENDING,), state,
                                        status_code=exc.code, last_error=exc.human(self.ctx.lang),
                                        reason=reason_for(exc, Family.CHECKOUT),
                                        detail=type(exc).__name__)
        self._changed()
        return known(row)

    async def abandon(self, transaction_id: str) -> LinkRow:
        """A link still queued (the program stopped before sending it): nothing was sent."""
        row, _ = await self.ctx.db.run(mark_if, journal.get_link, journal.mark_link,
                                        (transaction_id,), (State.QUEUED,), State.FAILED,
                                        last_error=self.ctx.text(WORDS[Reason.NOT_SENT]),
                                        reason=Reason.NOT_SENT, detail="never sent")
        self._changed()
        return known(row)

    async def cancel(self, transaction_id: str) -> LinkRow:
        """The cashier cancels a link: it is no longer awaited and its QR is no longer shown.
        CinetPay has no cancel for a v2 link (nothing is sent): the page stays payable, so
        the customer must be told not to pay; a payment that still arrives is recorded and
        flagged (:func:`~.outcomes.link_paid_late`). Idempotent on an already ended link.
        Raises ValidationError for an unknown link or one that cannot be cancelled (paid,
        being created, "à vérifier")."""
        row = await self.get(transaction_id)
        if row is None:
            raise ValidationError("transaction_id", "Lien inconnu dans le journal",
                                  "Unknown link in the journal")
        if link_ended(row):
            return row
        if not link_cancellable(row):
            raise ValidationError("transaction_id", "Ce lien ne peut pas être annulé (payé, "
                                  "en cours de création ou à vérifier)", "This link cannot be "
                                  "cancelled (paid, being created or to be checked)")
        who = self.ctx.cashier.cashier_id if self.ctx.cashier else "-"
        updated, changed = await self.ctx.db.run(
            journal.end_link, transaction_id, "cancelled",
            f"cancelled at the till {self.ctx.till} by {who}; nothing sent to CinetPay")
        if changed:
            self._changed()
        return known(updated)

    async def expire_due(self) -> list[LinkRow]:
        """End every link that waited longer than ``link_expiry_minutes`` (no network: it
        applies offline too). Returns the links it ended."""
        minutes = self.ctx.settings.link_expiry_minutes
        if minutes <= 0:
            return []
        db = self.ctx.db
        cutoff = self.ctx.now() - timedelta(minutes=minutes)
        ended = []
        for transaction_id in await db.run(journal.links_to_expire, cutoff):
            row, changed = await db.run(journal.end_link, transaction_id, "expired",
                                        f"expired after {minutes} min")
            if changed and row is not None:
                ended.append(row)
        if ended:
            self._changed()
        return ended

    async def waiting(self) -> list[LinkRow]:
        """The links the status bar counts as awaiting payment, oldest first (what its
        counter opens): expired ones are ended first."""
        await self.expire_due()
        return await self.ctx.db.run(journal.waiting_links, self.ctx.now() - AWAITING_WINDOW)

    async def get(self, transaction_id: str) -> LinkRow | None:
        return await self.ctx.db.run(journal.get_link, transaction_id)

    async def refresh(self, transaction_id: str, *, quiet: bool = False) -> LinkRow:
        """Ask CinetPay for the payment's status and journal it. ``quiet``: network trouble
        leaves the row as it is instead of raising."""
        db = self.ctx.db
        row = await db.run(journal.get_link, transaction_id)
        if row is None:
            raise ValidationError("transaction_id", "Lien inconnu dans le journal",
                                  "Unknown link in the journal")
        if not link_checkable(row):
            return row
        answer = await self._ask(transaction_id)
        if isinstance(answer, NotFound):
            return await self._not_found(row)
        if isinstance(answer, CinetPayError):
            if quiet:
                return row
            raise answer
        row = await self._record(row, answer)
        self._changed()
        return row

    async def _ask(self, transaction_id: str) -> PaymentCheck | CinetPayError:
        """CinetPay's answer for one link, or the error it came with."""
        try:
            return await self.ctx.call(self.ctx.checkout.check_payment(transaction_id))
        except CinetPayError as exc:
            return exc

    async def _not_found(self, row: LinkRow) -> LinkRow:
        """CinetPay does not know the link. That proves it was never created only if our
        request is over: CinetPay answered it (an HTTP status was recorded), or it was sent
        long enough ago that it can no longer arrive (a killed process, a timed-out request
        may still be travelling). Until then it stays uncertain and is checked again."""
        db = self.ctx.db
        answered = bool(row.status_code and row.status_code.isdigit())
        settled_at = row.updated_at + IN_FLIGHT_GRACE
        if not answered and self.ctx.now() < settled_at:
            await db.run(defer_if_pending, "link", row.transaction_id, not_before=settled_at,
                         error="not found yet: the request may still arrive",
                         reason=Reason.LINK_NOT_YET_FOUND)
            return known(await db.run(journal.get_link, row.transaction_id))
        updated, changed = await db.run(mark_if, journal.get_link, journal.mark_link,
                                        (row.transaction_id,), (State.UNCERTAIN,), State.FAILED,
                                        last_error=self.ctx.text(WORDS[Reason.NEVER_CREATED]),
                                        reason=Reason.NEVER_CREATED, checked=True,
                                        detail="not found: never created")
        if changed:
            self._changed()
        return known(updated)

    async def _record(self, row: LinkRow, check: PaymentCheck) -> LinkRow:
        updated, _ = await self.ctx.db.run(_record_check, row.transaction_id, check)
        return known(updated)

    async def refresh_all(self) -> list[LinkRow]:
        """Check every link still waiting, ``refresh_concurrency`` at a time (fewer for a
        while after a 429), the answers journaled in groups: uncertain ones, and those of the
        last day not yet paid (pending, or refused: the customer may still pay on CinetPay's
        page; cancelled or expired ones every :data:`ENDED_RECHECK` only). Older ones and
        money anomalies are checked on demand only. Links past their time expire first."""
        await self.expire_due()
        pending = await self.ctx.db.run(journal.pending_links)
        now = self.ctx.now()
        recent = now - AWAITING_WINDOW  # older unpaid links: abandoned
        todo = [r for r in pending if r.state is State.UNCERTAIN
                or (r.state is State.SENT and r.created_at >= recent
                    and r.anomaly not in STICKY and not url_lost(r)
                    and not _checked_lately(r, now))]
        window = Window(self.ctx.settings.refresh_concurrency, rate_limited(self.ctx))
        writer: GroupWriter[tuple[str, PaymentCheck], tuple[LinkRow | None, bool]] = \
            GroupWriter(self.ctx.db, _record_checks, lambda _: self._changed())
        return list(await asyncio.gather(*(self._bulk_one(r, window, writer) for r in todo)))

    async def _bulk_one(self, row: LinkRow, window: Window,
                        writer: GroupWriter[tuple[str, PaymentCheck],
                                            tuple[LinkRow | None, bool]]) -> LinkRow:
        """One link of :meth:`refresh_all`: at most ``window.size`` questions in flight; the
        answer is journaled with those that arrive meanwhile (one transaction per group).
        Network trouble leaves the link as it is (``quiet``)."""
        async with window.held(lambda: rate_limited(self.ctx)):
            if self.ctx.offline or not link_checkable(row):
                return row
            answer = await self._ask(row.transaction_id)
        if isinstance(answer, NotFound):
            return await self._not_found(row)
        if isinstance(answer, CinetPayError):
            return row
        updated, _ = await writer.write((row.transaction_id, answer))
        return known(updated)

    async def list_today(self) -> list[LinkRow]:
        from datetime import date

        return await self.ctx.db.run(journal.links_of_day, date.today())

    async def list_all(self, limit: int = 200) -> list[LinkRow]:
        """The newest links first (the journal's listing, no network)."""
        return await self.ctx.db.run(journal.recent_links, limit)

    def _changed(self) -> None:
        self.ctx.bus.emit(LINKS_CHANGED)
        self.ctx.bus.emit(OUTBOX_CHANGED)


def _checked_lately(row: LinkRow, now: datetime) -> bool:
    """An ended link checked less than :data:`ENDED_RECHECK` ago (skipped this round)."""
    return link_ended(row) and row.checked_at is not None and \
        row.checked_at > now - ENDED_RECHECK


def _record_checks(db: Database, answers: list[tuple[str, PaymentCheck]]
                   ) -> list[tuple[LinkRow | None, bool] | Exception]:
    """Journal a group of check answers in one transaction (one synced commit): each answer
    exactly as :func:`_record_check` alone, in its own savepoint, so one that cannot be
    written (its error is returned in its place) leaves the others written."""
    results: list[tuple[LinkRow | None, bool] | Exception] = []
    with db.transaction():
        for transaction_id, check in answers:
            try:
                results.append(_record_check(db, transaction_id, check))
            except Exception as exc:  # handed back to that answer's caller
                results.append(exc)
    return results


def _record_check(db: Database, transaction_id: str,
                  check: PaymentCheck) -> tuple[LinkRow | None, bool]:
    """Journal a check answer (on the journal's thread: read and write cannot interleave).
    PAYÉ only when :func:`judge` says so; ACCEPTED is final and never changes. A refusal stays
    checkable for a day (state ``sent``), then is final. A money anomaly stays until a
    person settles it: later answers are recorded, never turned into PAYÉ."""
    row = journal.get_link(db, transaction_id)
    if row is None or row.state not in (State.SENT, State.UNCERTAIN):
        return row, False  # two checks raced: the first final answer stays
    verdict = judge(row, check)
    facts: dict[str, Any] = dict(status_code=check.code, status_message=check.message,
                                 payment_method=check.payment_method or None,
                                 phone=check.phone_number or None, checked=True,
                                 operator_id=check.operator_id or None,
                                 phone_prefix=check.phone_prefix or None)
    if row.anomaly in STICKY or verdict.anomaly:
        kept = row.payment_status if row.payment_status in ("PENDING", "REFUSED") else "PENDING"
        anomaly = row.anomaly if row.anomaly in STICKY else verdict.anomaly
        detail = row.anomaly_detail if row.anomaly in STICKY else verdict.detail
        return journal.mark_link(db, transaction_id, State.SENT, payment_status=kept,
                                 anomaly=anomaly, anomaly_detail=detail,
                                 detail=f"anomaly {anomaly}: {verdict.detail or check.message}",
                                 **facts), True
    status = verdict.status or PaymentStatus.PENDING
    state = State.SENT
    if status is PaymentStatus.ACCEPTED:
        state = State.FINAL
    elif status is PaymentStatus.REFUSED and row.created_at < db.now() - AWAITING_WINDOW:
        state = State.FINAL  # past the day a refused link stays payable
    return journal.mark_link(db, transaction_id, state, payment_status=str(status),
                             anomaly=None, anomaly_detail=None, detail=check.message,
                             **facts), True
