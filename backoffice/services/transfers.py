"""Transfers: money leaving the merchant's account. A transfer is never sent twice.

- Each transfer gets its ``client_transaction_id`` and is committed to the journal before
  anything is sent (``queued``).
- Offline, or when CinetPay asks us to wait (429, service unavailable), it stays ``queued`` and
  the outbox sends it later.
- When the answer is lost (timeout, dropped connection, garbled answer) it becomes
  ``uncertain`` and is resolved by asking CinetPay for that ``client_transaction_id``. Only a
  "not found" lets it go back to ``queued``; a re-send then carries the same id, so CinetPay's
  own duplicate check (805) is a second guard.
- A refusal (validation, credentials, balance, not a contact) is ``failed``: never retried.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from ..api.errors import (
    AuthError,
    CinetPayError,
    NotFound,
    NotSent,
    RateLimited,
    TokenError,
    Unavailable,
)
from ..api.models import TransferInfo, TransferOrder, TransferResult
from ..api.validation import check_transfer
from ..output.csvfiles import TransferLine
from ..store import transfers as journal
from ..store.states import State
from ..store.transfers import NewTransfer, TransferRow
from .events import OUTBOX_CHANGED, TRANSFERS_CHANGED
from .guard import claim, defer_if_pending, mark_if
from .ids import new_client_transaction_id

if TYPE_CHECKING:
    from .core import Comptoir

log = logging.getLogger(__name__)

BATCH_SIZE = 100  # orders per request
RETRY_LATER = timedelta(seconds=60)


class TransfersService:
    def __init__(self, core: Comptoir) -> None:
        self.core = core

    def _notify_url(self) -> str:
        s = self.core.settings
        return s.transfer_notify_url or s.notify_url

    def prepare(self, prefix: str, phone: str, amount: int) -> NewTransfer:
        """A validated new transfer with a fresh client_transaction_id (ValidationError)."""
        order = TransferOrder(prefix=prefix.strip().lstrip("+"), phone=phone.strip(),
                              amount=amount, client_transaction_id=new_client_transaction_id(),
                              notify_url=self._notify_url())
        check_transfer(order)
        return NewTransfer(order.client_transaction_id, order.prefix, order.phone,
                           order.amount, order.notify_url)

    async def send(self, prefix: str, phone: str, amount: int) -> TransferRow:
        [row] = await self.send_batch([TransferLine(prefix, phone, amount)])
        return row

    async def send_batch(self, lines: list[TransferLine], *,
                         batch_id: str | None = None) -> list[TransferRow]:
        """Validate every line first (nothing is journaled if one is invalid), journal all of
        them in one transaction, then send. Returns the rows in the order given."""
        news = [self.prepare(line.prefix, line.phone, line.amount) for line in lines]
        if not news:
            return []
        if batch_id is None and len(news) > 1:
            batch_id = news[0].client_transaction_id
        rows = await self.core.db.run(journal.create_transfers, news, batch_id=batch_id)
        self._changed()
        return await self.dispatch(rows)

    async def dispatch(self, rows: list[TransferRow]) -> list[TransferRow]:
        """Send queued rows (in chunks); returns them updated, in the same order."""
        result: dict[str, TransferRow] = {r.client_transaction_id: r for r in rows}
        queued = [r for r in rows if r.state is State.QUEUED]
        for start in range(0, len(queued), BATCH_SIZE):
            if self.core.offline:
                break
            for row in await self._send_chunk(queued[start:start + BATCH_SIZE]):
                result[row.client_transaction_id] = row
        return [result[r.client_transaction_id] for r in rows]

    async def _send_chunk(self, rows: list[TransferRow]) -> list[TransferRow]:
        db = self.core.db
        # Claim atomically: a row another task is already sending is not ours to send.
        claimed = await db.run(claim, journal.get_transfer, journal.mark_transfer,
                               [(r.client_transaction_id,) for r in rows])
        if not claimed:
            return [await db.run(journal.get_transfer, r.client_transaction_id) for r in rows]
        orders = [TransferOrder(r.prefix, r.phone, r.amount, r.client_transaction_id,
                                r.notify_url or self._notify_url()) for r in claimed]
        try:
            results = await self.core.call(self.core.api.transfer.send_money(orders))
        except CinetPayError as exc:
            done = {r.client_transaction_id: await self._after_failure(r, exc) for r in claimed}
        else:
            done = {}
            for row, res in zip(claimed, results, strict=True):
                done[row.client_transaction_id] = await self._after_answer(row, res)
        self._changed()
        return [done.get(r.client_transaction_id)
                or await db.run(journal.get_transfer, r.client_transaction_id) for r in rows]

    async def _mark_sending(self, cid: str, state: State, **changes: object) -> TransferRow:
        row, _ = await self.core.db.run(mark_if, journal.get_transfer, journal.mark_transfer,
                                        (cid,), (State.SENDING,), state, **changes)
        return row

    async def _after_answer(self, row: TransferRow, res: TransferResult) -> TransferRow:
        cid = row.client_transaction_id
        if res.ok:
            final = res.treatment_status is not None and res.treatment_status.is_final
            return await self._mark_sending(
                cid, State.FINAL if final else State.SENT,
                cinetpay_transaction_id=res.transaction_id or None, lot=res.lot or None,
                treatment_status=str(res.treatment_status or "NEW"), code="0",
                detail="accepted by CinetPay")
        if res.code == "805":  # CinetPay already has this id: find out, don't re-send
            await self._mark_sending(cid, State.UNCERTAIN, code="805",
                                     detail="CinetPay already knows this client_transaction_id")
            return await self.resolve(cid, quiet=True)
        reason = _item_message(res.code, res.message, self.core.lang)
        return await self._mark_sending(cid, State.FAILED, code=res.code, last_error=reason,
                                        detail=f"refused: {res.code} {res.message}")

    async def _after_failure(self, row: TransferRow, exc: CinetPayError) -> TransferRow:
        cid = row.client_transaction_id
        if exc.may_have_been_processed:
            await self._mark_sending(cid, State.UNCERTAIN, code=exc.code,
                                     last_error=exc.human(self.core.lang),
                                     detail=type(exc).__name__)
            return await self.resolve(cid, quiet=True)
        if isinstance(exc, NotSent | RateLimited | Unavailable) or _credentials_refused(exc):
            # Not processed: it waits (offline, asked to slow down, or keys to be fixed in
            # Réglages — while credentials are refused the outbox does not retry).
            slow_down = isinstance(exc, RateLimited | Unavailable)
            later = self.core.db.db.now() + RETRY_LATER if slow_down else None
            return await self._mark_sending(cid, State.QUEUED, code=exc.code,
                                            last_error=exc.human(self.core.lang), not_before=later,
                                            detail=f"not sent: {type(exc).__name__}")
        return await self._mark_sending(cid, State.FAILED, code=exc.code,
                                        last_error=exc.human(self.core.lang),
                                        detail=f"refused: {type(exc).__name__}")

    async def resolve(self, client_transaction_id: str, *, quiet: bool = False) -> TransferRow:
        """Ask CinetPay about an uncertain or sent transfer and journal the answer."""
        db = self.core.db
        row = await db.run(journal.get_transfer, client_transaction_id)
        if row is None:
            raise NotFound(None, "723", "NOT_FOUND", client_transaction_id)
        if row.state not in (State.UNCERTAIN, State.SENT):
            return row
        try:
            infos = await self.core.call(self.core.api.transfer.check_transfer(
                client_transaction_id=client_transaction_id))
        except NotFound:
            row, changed = await db.run(
                mark_if, journal.get_transfer, journal.mark_transfer, (client_transaction_id,),
                (State.UNCERTAIN,), State.QUEUED, checked=True,
                detail="CinetPay does not know it: safe to send")
            if changed:
                self._changed()
            return row
        except CinetPayError as exc:
            if not quiet:
                raise
            # try again later, still uncertain (unless another task settled it meanwhile)
            await db.run(defer_if_pending, "transfer", client_transaction_id,
                         not_before=db.db.now() + timedelta(seconds=30),
                         error=exc.human(self.core.lang))
            return await db.run(journal.get_transfer, client_transaction_id)
        mine = [i for i in infos if i.client_transaction_id in ("", client_transaction_id)]
        if not mine:
            return row
        row = await self._record(row, mine[0])
        self._changed()
        return row

    async def _record(self, row: TransferRow, info: TransferInfo) -> TransferRow:
        state = State.FINAL if info.treatment_status.is_final else State.SENT
        updated, _ = await self.core.db.run(
            mark_if, journal.get_transfer, journal.mark_transfer, (row.client_transaction_id,),
            (State.UNCERTAIN, State.SENT), state,
            cinetpay_transaction_id=info.transaction_id or None, lot=info.lot or None,
            treatment_status=str(info.treatment_status), checked=True,
            detail=info.comment or str(info.treatment_status))
        return updated

    async def refresh_all(self) -> list[TransferRow]:
        """Follow every transfer not final yet (sent or uncertain) to its treatment status."""
        rows = await self.core.db.run(journal.list_transfers, unfinished_only=True)
        out = []
        for row in rows:
            if self.core.offline:
                break
            if row.state in (State.SENT, State.UNCERTAIN):
                out.append(await self.resolve(row.client_transaction_id, quiet=True))
        return out

    async def get(self, client_transaction_id: str) -> TransferRow | None:
        return await self.core.db.run(journal.get_transfer, client_transaction_id)

    async def list(self, *, batch_id: str | None = None) -> list[TransferRow]:
        return await self.core.db.run(journal.list_transfers, batch_id=batch_id)

    def _changed(self) -> None:
        self.core.bus.emit(TRANSFERS_CHANGED)
        self.core.bus.emit(OUTBOX_CHANGED)


def _credentials_refused(exc: CinetPayError) -> bool:
    return isinstance(exc, AuthError) and not isinstance(exc, TokenError)


def _item_message(code: str, message: str, lang: str) -> str:
    from ..api.codes import Family, lookup

    info = lookup(Family.TRANSFER, code)
    if info:
        return f"{info.fr if lang == 'fr' else info.en} (code {code})"
    return f"{message or ('Refusé' if lang == 'fr' else 'Refused')} (code {code})"
