"""Contacts: a transfer can only go to a number that is one of the merchant's CinetPay
contacts. Additions are journaled first and queue while offline."""

from __future__ import annotations

import builtins
from datetime import datetime
from pathlib import Path

from ..api.codes import Family, transfer_send_uncertain
from ..api.errors import (
    AuthError,
    CinetPayError,
    NotSent,
    RateLimited,
    TokenError,
    Unavailable,
)
from ..api.models import Contact, ContactResult
from ..api.phones import normalize_phone
from ..api.validation import check_contact, check_phone, check_prefix
from ..output.csvfiles import Parsed, contact_of, parse_contacts, read_file
from ..store import contacts as journal
from ..store.caches import cache_get, cache_put
from ..store.contacts import ContactRow, KnownContact
from ..store.errors import AlreadyExists
from ..store.states import State
from .context import ServiceContext
from .events import CONTACTS_CHANGED, OUTBOX_CHANGED
from .guard import claim, known, mark_if
from .reasons import WORDS, Reason, reason_for, reason_text, with_answer

CACHE_KEY = "contacts"


class ContactsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    async def add(self, contact: Contact) -> ContactRow:
        [row] = await self.add_many([contact])
        return row

    async def add_many(self, contacts: list[Contact]) -> list[ContactRow]:
        """Validate all (ValidationError names the field), journal, then send in one request.
        A number already journaled is returned as it is."""
        cleaned = []
        for c in contacts:
            prefix = check_prefix(c.prefix)  # +225 / 00225 / 225…, one normal form
            c = Contact(prefix, check_phone(normalize_phone(prefix, c.phone)[1]), c.name.strip(),
                        c.surname.strip(), c.email.strip())
            check_contact(c)
            cleaned.append(c)
        db = self.ctx.db
        rows = []
        for c in cleaned:
            try:
                rows.append(await db.run(journal.create_contact, c.prefix, c.phone,
                                         name=c.name, surname=c.surname, email=c.email or None))
            except AlreadyExists:
                rows.append(known(await db.run(journal.get_contact, c.prefix, c.phone)))
        self._changed()
        return await self.dispatch(rows)

    async def dispatch(self, rows: list[ContactRow]) -> list[ContactRow]:
        if self.ctx.offline or not any(r.state is State.QUEUED for r in rows):
            return rows
        db = self.ctx.db
        queued = await db.run(claim, journal.get_contact, journal.mark_contact,
                              [(r.prefix, r.phone) for r in rows if r.state is State.QUEUED])
        if not queued:
            return rows
        payload = [Contact(r.prefix, r.phone, r.name, r.surname, r.email or "") for r in queued]
        try:
            results = await self.ctx.call(self.ctx.api.transfer.add_contacts(payload))
        except CinetPayError as exc:
            done = await self._after_failure(queued, exc)
        else:
            done = await self._after_answer(queued, results)
        self._changed()
        return [done.get(r.ref, r) for r in rows]

    async def _after_failure(self, queued: builtins.list[ContactRow],
                             exc: CinetPayError) -> dict[str, ContactRow]:
        if exc.may_have_been_processed:
            state = State.UNCERTAIN
        elif isinstance(exc, NotSent | RateLimited | Unavailable) or (
                isinstance(exc, AuthError) and not isinstance(exc, TokenError)):
            state = State.QUEUED  # waits for the network, or for the keys to be fixed
        else:
            state = State.FAILED
        reason = reason_for(exc, Family.TRANSFER)
        done = {r.ref: await self._mark(r, (State.SENDING,), state, code=exc.code,
                                        last_error=exc.human(self.ctx.lang), reason=reason)
                for r in queued}
        if state is State.UNCERTAIN:
            await self.resolve_uncertain()
            for r in queued:
                done[r.ref] = known(await self.ctx.db.run(journal.get_contact, r.prefix,
                                                          r.phone))
        return done

    async def _after_answer(self, queued: builtins.list[ContactRow],
                            results: builtins.list[ContactResult]) -> dict[str, ContactRow]:
        done: dict[str, ContactRow] = {}
        unclear = False
        for r, res in zip(queued, results, strict=True):
            # 726: already one of our contacts at CinetPay, which is what we wanted.
            ok = res.ok or res.code == "726"
            if not ok and transfer_send_uncertain(res.code):  # no code, -1, 709…: ask
                unclear = True
                done[r.ref] = await self._mark(
                    r, (State.SENDING,), State.UNCERTAIN, code=res.code or None,
                    last_error=self.ctx.text(WORDS[Reason.CONTACT_UNCLEAR]),
                    reason=Reason.CONTACT_UNCLEAR)
                continue
            said = None if ok else with_answer(Reason.CINETPAY_SAID, res.code, res.message)
            done[r.ref] = await self._mark(
                r, (State.SENDING,), State.SENT if ok else State.FAILED, code=res.code,
                last_error=reason_text(said, self.ctx.lang), reason=said)
        if unclear:  # settled by CinetPay's contact list, once (never a loop)
            await self.resolve_uncertain()
            for r in queued:
                settled = await self.ctx.db.run(journal.get_contact, r.prefix, r.phone)
                done[r.ref] = settled or r
        return done

    async def resolve_uncertain(self) -> int:
        """Uncertain additions: present in CinetPay's list → sent, else → queued again."""
        db = self.ctx.db
        uncertain = [r for r in await db.run(journal.list_contacts) if r.state is State.UNCERTAIN]
        if not uncertain:
            return 0
        try:
            listed = await self.refresh()
        except CinetPayError:
            return 0
        present = {normalize_phone(c.prefix, c.phone) for c in listed}
        for r in uncertain:
            state = State.SENT if (r.prefix, r.phone) in present else State.QUEUED
            await self._mark(r, (State.UNCERTAIN,), state,
                             detail="checked against CinetPay's contact list")
        self._changed()
        return len(uncertain)

    async def refresh(self) -> list[Contact]:
        """Fetch CinetPay's contact list, remember it and cache it with its time."""
        contacts = await self.ctx.call(self.ctx.api.transfer.list_contacts())
        db = self.ctx.db
        await db.run(journal.remember_known_contacts,
                     [KnownContact(*normalize_phone(c.prefix, c.phone), c.name, c.surname,
                                   c.email or None) for c in contacts])
        await db.run(cache_put, CACHE_KEY, [c.__dict__ for c in contacts])
        self._changed()
        return contacts

    async def list(self, search: str = "") -> builtins.list[ContactRow]:
        return await self.ctx.db.run(journal.list_contacts, search)

    async def fetched_at(self) -> datetime | None:
        cached = await self.ctx.db.run(cache_get, CACHE_KEY)
        return cached.fetched_at if cached else None

    async def import_csv(self, path: Path | str) -> tuple[Parsed, builtins.list[ContactRow]]:
        """Per-line results; only the good lines are added."""
        parsed = parse_contacts(read_file(path))
        rows = await self.add_many([contact_of(line.values) for line in parsed.good]) \
            if parsed.good else []
        return parsed, rows

    async def _mark(self, row: ContactRow, expected: tuple[State, ...], state: State,
                    **changes: object) -> ContactRow:
        current, _ = await self.ctx.db.run(mark_if, journal.get_contact, journal.mark_contact,
                                            (row.prefix, row.phone), expected, state, **changes)
        return known(current)

    def _changed(self) -> None:
        self.ctx.bus.emit(CONTACTS_CHANGED)
        self.ctx.bus.emit(OUTBOX_CHANGED)
