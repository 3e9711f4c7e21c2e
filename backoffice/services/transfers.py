"""Transfers: money leaving the merchant's account. A transfer is never sent twice.

- Each transfer gets its ``client_transaction_id`` and is committed to the journal before
  anything is sent (``queued``).
- Offline, or when CinetPay asks us to wait (429, service unavailable), it stays ``queued`` and
  the outbox sends it later.
- When the answer is lost (timeout, dropped connection, garbled answer), or CinetPay answers
  a code that can come after execution (-1, 709, 710, 715, 721, 804, an undocumented code, an
  item without a code), it becomes ``uncertain`` and is resolved by asking CinetPay for that
  ``client_transaction_id``.
- A "not found" (723) proves nothing while the last send may still arrive: only once the
  in-flight grace has passed since the last send attempt (by the wall clock *and* by the
  system's monotonic clock, so a clock set forward cannot shorten it) does it go back to
  ``queued``; a re-send then carries the same id, so CinetPay's duplicate check (805) is a
  second guard.
- 805 (id already used) while the check keeps saying 723: after :data:`MAX_CONFLICTS` rounds
  the transfer is put in front of a person ("à vérifier avec CinetPay"), never sent again
  automatically.
- A refusal (validation, credentials, balance, not a contact) is ``failed``: never retried.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from ..api.codes import Family, transfer_send_uncertain
from ..api.current.models import CurrentTransferRequest
from ..api.current.validation import check_transfer as check_current_transfer
from ..api.errors import (
    AuthError,
    CinetPayError,
    DuplicateId,
    NotFound,
    NotSent,
    RateLimited,
    TokenError,
    Unavailable,
)
from ..api.models import TransferInfo, TransferOrder, TransferResult
from ..api.phones import normalize_phone
from ..api.validation import check_prefix, check_transfer
from ..output.csvfiles import TransferLine
from ..store import transfers as journal
from ..store.states import State
from ..store.transfers import NewTransfer, TransferRow, flag_transfer
from .backends import MethodOrder
from .bulk import Window, rate_limited
from .cashiers import require, stamp
from .context import ServiceContext
from .events import OUTBOX_CHANGED, TRANSFERS_CHANGED
from .guard import claim, defer_if_pending, known, mark_if
from .ids import new_client_transaction_id
from .reasons import WORDS, Reason, reason_for, reason_text, with_answer

log = logging.getLogger(__name__)

BATCH_SIZE = 100  # orders per request
RETRY_LATER = timedelta(seconds=60)
RECHECK_LATER = timedelta(seconds=30)
# How long a send we lost track of may still reach CinetPay (well past our own deadline).
IN_FLIGHT_GRACE = timedelta(minutes=2)
MAX_CONFLICTS = 3  # rounds of "805 but 723" before a person must look
REVIEW_RECHECK = timedelta(minutes=10)  # a transfer under review is still checked, slowly
GRACE_VARIABLE = "COMPTOIR_TRANSFER_GRACE"  # seconds; for tests and training only
MIN_GRACE = timedelta(seconds=1)  # what the variable can shorten the grace to, at most


def grace_from_env() -> timedelta:
    """The in-flight grace: :data:`IN_FLIGHT_GRACE`, or ``COMPTOIR_TRANSFER_GRACE`` seconds
    (tests and training shorten it; never below one second)."""
    try:
        grace = timedelta(seconds=float(os.environ.get(GRACE_VARIABLE, "")))
    except (ValueError, OverflowError):  # not a number, nan, inf
        return IN_FLIGHT_GRACE
    return max(MIN_GRACE, grace)


def grace_left(row: TransferRow, now: datetime, mono_now: float, grace: timedelta) -> float:
    """Seconds the last send of ``row`` may still arrive at CinetPay (0: it cannot any more).

    Both clocks must agree the grace is over. The wall clock alone could be set forward; the
    system's monotonic clock (seconds since boot, shared by every process on the machine)
    cannot. After a reboot it restarts below the recorded value: the time since boot is then
    a lower bound of the time since the send. A wall clock set back (now before the send) is
    not trusted: the monotonic clock decides alone, so nobody waits a day.
    """
    total = grace.total_seconds()
    sent_at = row.last_sent_at or row.updated_at  # rows sent before migration 3: wall only
    wall = (now - sent_at).total_seconds()
    wall_left = total - wall if wall >= 0 else 0.0
    mono_left = 0.0
    if row.last_sent_mono is not None:
        elapsed = mono_now - row.last_sent_mono
        mono_left = total - (elapsed if elapsed >= 0 else mono_now)
    return max(0.0, wall_left, mono_left)


class TransfersService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.grace = grace_from_env()
        self.monotonic: Callable[[], float] = time.monotonic  # system-wide (tests inject)

    @property
    def enabled(self) -> bool:
        """Transfers are possible: this session has a transfer password."""
        return bool(self.ctx.transfer.enabled)

    def _notify_url(self) -> str:
        s = self.ctx.settings
        return s.transfer_notify_url or s.notify_url

    def prepare(self, prefix: str, phone: str, amount: int, method: str = "") -> NewTransfer:
        """A validated new transfer with a fresh client_transaction_id (ValidationError).
        Current platform: ``phone`` may be E.164 (no prefix), ``method`` given or guessed."""
        if self.ctx.current is not None:
            return self._prepare_current(prefix, phone, amount, method)
        prefix, phone = normalize_phone(check_prefix(prefix), phone)
        order = TransferOrder(prefix=prefix, phone=phone, amount=amount,
                              client_transaction_id=new_client_transaction_id(),
                              notify_url=self._notify_url())
        check_transfer(order)
        return NewTransfer(order.client_transaction_id, order.prefix, order.phone,
                           order.amount, order.notify_url)

    def _prepare_current(self, prefix: str, phone: str, amount: int,
                         method: str) -> NewTransfer:
        backend = self.ctx.transfer
        prefix, phone = normalize_phone(prefix or backend.calling_code, phone)
        method = method.strip().upper()
        if method and "_" not in method and backend.country:
            method = f"{method}_{backend.country}"  # "OM" on a CI account: OM_CI
        chosen = backend.method_for(prefix, phone, method)
        order = MethodOrder(prefix, phone, amount, new_client_transaction_id(),
                            self._notify_url(), payment_method=chosen)
        check_current_transfer(CurrentTransferRequest(
            order.client_transaction_id, order.e164, amount, chosen, self.ctx.settings.currency,
            self.ctx.settings.description, order.notify_url), backend.country)
        return NewTransfer(order.client_transaction_id, prefix, phone, amount,
                           order.notify_url, payment_method=chosen)

    async def send(self, prefix: str, phone: str, amount: int, *,
                   method: str = "") -> TransferRow:
        await require(self.ctx, "transfer")  # once cashiers exist: a manager
        new = self.prepare(prefix, phone, amount, method)
        rows = await self.ctx.db.run(journal.create_transfers, [new], **stamp(self.ctx))
        self._changed()
        [row] = await self.dispatch(rows)
        return row

    async def send_batch(self, lines: list[TransferLine], *,
                         batch_id: str | None = None) -> list[TransferRow]:
        """Validate every line first (nothing is journaled if one is invalid), journal all of
        them in one transaction, then send. Returns the rows in the order given."""
        news = [self.prepare(line.prefix, line.phone, line.amount, line.method)
                for line in lines]
        if not news:
            return []
        await require(self.ctx, "transfer")
        if batch_id is None and len(news) > 1:
            batch_id = news[0].client_transaction_id
        rows = await self.ctx.db.run(journal.create_transfers, news, batch_id=batch_id,
                                     **stamp(self.ctx))
        self._changed()
        return await self.dispatch(rows)

    async def dispatch(self, rows: list[TransferRow]) -> list[TransferRow]:
        """Send queued rows (in chunks); returns them updated, in the same order."""
        result: dict[str, TransferRow] = {r.client_transaction_id: r for r in rows}
        queued = [r for r in rows if r.state is State.QUEUED]
        size = getattr(self.ctx.transfer, "batch_size", BATCH_SIZE)
        for start in range(0, len(queued), size):
            if self.ctx.offline:
                break
            for row in await self._send_chunk(queued[start:start + size]):
                result[row.client_transaction_id] = row
        return [result[r.client_transaction_id] for r in rows]

    async def _send_chunk(self, rows: list[TransferRow]) -> list[TransferRow]:
        db = self.ctx.db
        # Claim atomically: a row another task is already sending is not ours to send.
        # The time of this send attempt is journaled with the claim, before the request.
        claimed = await db.run(claim, journal.get_transfer, journal.mark_transfer,
                               [(r.client_transaction_id,) for r in rows],
                               last_sent_at=self.ctx.now(), last_sent_mono=self.monotonic())
        if not claimed:
            return [known(await db.run(journal.get_transfer, r.client_transaction_id))
                    for r in rows]
        orders = [_order(r, r.notify_url or self._notify_url()) for r in claimed]
        try:
            results = await self.ctx.call(self.ctx.transfer.send_money(orders))
        except CinetPayError as exc:
            done = {r.client_transaction_id: await self._after_failure(r, exc) for r in claimed}
        else:
            done = {}
            for row, res in zip(claimed, results, strict=True):
                done[row.client_transaction_id] = await self._after_answer(row, res)
        self._changed()
        return [done.get(r.client_transaction_id)
                or known(await db.run(journal.get_transfer, r.client_transaction_id))
                for r in rows]

    async def _mark_sending(self, cid: str, state: State, **changes: object) -> TransferRow:
        row, _ = await self.ctx.db.run(mark_if, journal.get_transfer, journal.mark_transfer,
                                        (cid,), (State.SENDING,), state, **changes)
        return known(row)

    async def _after_answer(self, row: TransferRow, res: TransferResult) -> TransferRow:
        cid = row.client_transaction_id
        if res.ok:
            final = res.treatment_status is not None and res.treatment_status.is_final
            return await self._mark_sending(
                cid, State.FINAL if final else State.SENT,
                cinetpay_transaction_id=res.transaction_id or None, lot=res.lot or None,
                treatment_status=str(res.treatment_status or "NEW"), code="0",
                detail="accepted by CinetPay")
        if res.code == "805":
            return await self._duplicate(cid)
        if transfer_send_uncertain(res.code):  # may have been executed: check first
            reason = with_answer(Reason.UNCERTAIN_ANSWER, res.code, res.message)
            await self._mark_sending(cid, State.UNCERTAIN, code=res.code or None,
                                     last_error=reason_text(reason, self.ctx.lang),
                                     reason=reason,
                                     detail=f"uncertain answer: {res.code or 'no code'}")
            return await self.resolve(cid, quiet=True)
        reason = with_answer(Reason.REFUSED, res.code, res.message)
        return await self._mark_sending(cid, State.FAILED, code=res.code,
                                        last_error=reason_text(reason, self.ctx.lang),
                                        reason=reason,
                                        detail=f"refused: {res.code} {res.message}")

    async def _duplicate(self, cid: str, code: str = "805") -> TransferRow:
        """805 (1200 on the current platform): CinetPay already has this id. Find out; never
        re-send on that answer."""
        await self._mark_sending(cid, State.UNCERTAIN, code=code,
                                 detail="CinetPay already knows this client_transaction_id")
        return await self.resolve(cid, quiet=True)

    async def _after_failure(self, row: TransferRow, exc: CinetPayError) -> TransferRow:
        cid = row.client_transaction_id
        if exc.code == "805" or isinstance(exc, DuplicateId):  # 1200 on the current platform
            return await self._duplicate(cid, exc.code or "805")
        if exc.may_have_been_processed:
            await self._mark_sending(cid, State.UNCERTAIN, code=exc.code,
                                     last_error=exc.human(self.ctx.lang),
                                     reason=reason_for(exc, Family.TRANSFER),
                                     detail=type(exc).__name__)
            return await self.resolve(cid, quiet=True)
        if isinstance(exc, NotSent | RateLimited | Unavailable) or _credentials_refused(exc):
            # Not processed: it waits (offline, asked to slow down, or keys to be fixed in
            # Réglages — while credentials are refused the outbox does not retry).
            slow_down = isinstance(exc, RateLimited | Unavailable)
            later = self.ctx.now() + RETRY_LATER if slow_down else None
            return await self._mark_sending(cid, State.QUEUED, code=exc.code,
                                            last_error=exc.human(self.ctx.lang), not_before=later,
                                            reason=reason_for(exc, Family.TRANSFER),
                                            detail=f"not sent: {type(exc).__name__}")
        return await self._mark_sending(cid, State.FAILED, code=exc.code,
                                        last_error=exc.human(self.ctx.lang),
                                        reason=reason_for(exc, Family.TRANSFER),
                                        detail=f"refused: {type(exc).__name__}")

    async def resolve(self, client_transaction_id: str, *, quiet: bool = False) -> TransferRow:
        """Ask CinetPay about an uncertain or sent transfer and journal the answer."""
        db = self.ctx.db
        row = await db.run(journal.get_transfer, client_transaction_id)
        if row is None:
            raise NotFound(None, "723", "NOT_FOUND", client_transaction_id)
        if row.state not in (State.UNCERTAIN, State.SENT):
            return row
        try:
            infos = await self.ctx.call(self.ctx.transfer.check_transfer(
                client_transaction_id=client_transaction_id))
        except NotFound:
            return await self._not_found(row)
        except CinetPayError as exc:
            if not quiet:
                raise
            # try again later, still uncertain (unless another task settled it meanwhile)
            await db.run(defer_if_pending, "transfer", client_transaction_id,
                         not_before=self.ctx.now() + RECHECK_LATER,
                         error=exc.human(self.ctx.lang),
                         reason=reason_for(exc, Family.TRANSFER))
            return known(await db.run(journal.get_transfer, client_transaction_id))
        mine = [i for i in infos if i.client_transaction_id in ("", client_transaction_id)]
        if not mine:
            return row
        row = await self._record(row, mine[0])
        self._changed()
        return row

    async def _not_found(self, row: TransferRow) -> TransferRow:
        """CinetPay does not know the transfer (723). That proves nothing while the last send
        may still arrive; after the grace it may be sent again (same id) — unless CinetPay
        said 805 for it round after round: then a person must check it with CinetPay."""
        db = self.ctx.db
        cid = row.client_transaction_id
        if row.state is not State.UNCERTAIN:
            return row  # a sent transfer CinetPay no longer lists: keep what it told us
        now = self.ctx.now()
        left = grace_left(row, now, self.monotonic(), self.grace)
        if left > 0:
            await db.run(defer_if_pending, "transfer", cid,
                         not_before=now + timedelta(seconds=left),
                         error=self.ctx.text(WORDS[Reason.NOT_YET_FOUND]),
                         reason=Reason.NOT_YET_FOUND)
            return known(await db.run(journal.get_transfer, cid))
        conflicts = row.conflicts + (row.code == "805" and not row.review)
        if row.review or conflicts >= MAX_CONFLICTS:
            review = row.review or self.ctx.text(WORDS[Reason.CHECK_WITH_CINETPAY])
            flagged = await db.run(flag_transfer, cid, conflicts=conflicts, review=review,
                                   not_before=now + REVIEW_RECHECK,
                                   detail="805 yet 723: to check with CinetPay",
                                   reason=Reason.CHECK_WITH_CINETPAY)
            self._changed()
            return flagged or row
        updated, changed = await db.run(
            mark_if, journal.get_transfer, journal.mark_transfer, (cid,), (State.UNCERTAIN,),
            State.QUEUED, checked=True, conflicts=conflicts,
            detail="CinetPay does not know it: safe to send")
        if changed:
            self._changed()
        return known(updated)

    async def _record(self, row: TransferRow, info: TransferInfo) -> TransferRow:
        state = State.FINAL if info.treatment_status.is_final else State.SENT
        updated, _ = await self.ctx.db.run(
            mark_if, journal.get_transfer, journal.mark_transfer, (row.client_transaction_id,),
            (State.UNCERTAIN, State.SENT), state,
            cinetpay_transaction_id=info.transaction_id or None, lot=info.lot or None,
            treatment_status=str(info.treatment_status), checked=True,
            sending_status=info.sending_status.upper() or None, review=None, last_error=None,
            reason=None,
            detail=info.comment or str(info.treatment_status))
        return known(updated)

    async def refresh_all(self) -> list[TransferRow]:
        """Follow every transfer not final yet (sent or uncertain) to its treatment status,
        ``refresh_concurrency`` questions in flight (fewer for a while after a 429)."""
        rows = await self.ctx.db.run(journal.list_transfers, unfinished_only=True)
        todo = [r for r in rows if r.state in (State.SENT, State.UNCERTAIN)]
        window = Window(self.ctx.settings.refresh_concurrency, rate_limited(self.ctx))

        async def follow(row: TransferRow) -> TransferRow | None:
            async with window.held(lambda: rate_limited(self.ctx)):
                if self.ctx.offline:
                    return None
                return await self.resolve(row.client_transaction_id, quiet=True)

        followed = await asyncio.gather(*(follow(r) for r in todo))
        return [r for r in followed if r is not None]

    async def get(self, client_transaction_id: str) -> TransferRow | None:
        return await self.ctx.db.run(journal.get_transfer, client_transaction_id)

    async def to_review(self) -> list[TransferRow]:
        """Transfers a person must check with CinetPay (never re-sent automatically)."""
        return await self.ctx.db.run(journal.transfers_to_review)

    async def list(self, *, batch_id: str | None = None) -> list[TransferRow]:
        return await self.ctx.db.run(journal.list_transfers, batch_id=batch_id)

    def _changed(self) -> None:
        self.ctx.bus.emit(TRANSFERS_CHANGED)
        self.ctx.bus.emit(OUTBOX_CHANGED)


def _order(row: TransferRow, notify_url: str) -> TransferOrder:
    """What is sent for a journaled row (a current-platform row carries its method)."""
    if row.payment_method:
        return MethodOrder(row.prefix, row.phone, row.amount, row.client_transaction_id,
                           notify_url, payment_method=row.payment_method)
    return TransferOrder(row.prefix, row.phone, row.amount, row.client_transaction_id,
                         notify_url)


def _credentials_refused(exc: CinetPayError) -> bool:
    return isinstance(exc, AuthError) and not isinstance(exc, TokenError)

